"""Browser tests of the web page: the real app served by uvicorn on 127.0.0.1 (random free port) in a thread,
driven by Selenium through the distribution's Chromium and chromedriver (no browser download).

Without Chromium the tests are skipped, except under ``CI=true`` or ``DOCGEN_REQUIRE_BROWSER=1`` (set by
.ci/run, which installs it) where they fail.
Screenshots are kept in tests/web/artifacts/ (ignored by git; the path is printed)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
PASSWORD = "correct-horse-9"


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if os.path.exists(p)), None)


def _need_browser() -> tuple[str, str]:
    chromium, driver = _first(CHROMIUM), _first(DRIVER)
    if chromium and driver:
        return chromium, driver
    msg = "Chromium/chromedriver 未安装（apt-get install chromium chromium-driver；.ci/run 会安装）"
    if os.environ.get("CI") == "true" or os.environ.get("DOCGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(msg)
    pytest.skip(msg)


@dataclass
class Server:
    url: str
    app: Any

    def session(self) -> Any:
        return self.app.state.sessions()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import uvicorn

    from docgen.service.accounts import add_user
    from docgen.service.app import create_app
    from docgen.service.settings import Settings

    data = tmp_path_factory.mktemp("web-data")
    app = create_app(Settings(data_dir=data, secret_key="web-tests-secret"))
    with app.state.sessions() as s:
        add_user(s, "zhang", "澄阳市政协", "writer", PASSWORD, create_office=True)
        add_user(s, "li", "澄阳市政协", "reviewer", PASSWORD)
        add_user(s, "zhao", "澄阳市政协", "admin", PASSWORD)
        add_user(s, "wang", "青禾县政协", "writer", PASSWORD, create_office=True)
        s.commit()
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("网页测试服务器没有启动")
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", app)
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def driver(downloads: Path) -> Iterator[Any]:
    chromium, chromedriver = _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=zh-CN",
        "--no-first-run",
        "--disable-extensions",
    ):
        opts.add_argument(arg)
    opts.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "intl.accept_languages": "zh-CN",
        },
    )
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(options=opts, service=Service(executable_path=chromedriver))
    drv.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


@pytest.fixture(scope="session")
def shots() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    print(f"\n网页截图保存在 {ARTIFACTS}")
    return ARTIFACTS


@pytest.fixture
def fresh_downloads(downloads: Path) -> Path:
    for f in downloads.iterdir():
        if f.is_file():
            f.unlink()
    return downloads


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failing browser test leaves a screenshot of the page it failed on in the artefacts folder."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    drv = getattr(item, "funcargs", {}).get("driver")
    if report.when == "call" and report.failed and drv is not None:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"FAILED-{item.name}.png"
        drv.save_screenshot(str(path))
        report.sections.append(("screenshot", str(path)))
