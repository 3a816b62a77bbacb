"""Quality of the page in real Chromium: no horizontal scrolling at 1280 px and usable at 800 px, labels and
landmarks, contrast of the main colours, keyboard reach, the Content-Security-Policy (no inline script or
handler anywhere, no violation in the console), facts shown literally, and unsaved text that survives an
expired session."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import delete

from .browser import (
    all_css,
    colours,
    console_errors,
    contrast,
    css,
    editor_text,
    landmarks,
    line_of,
    login,
    no_horizontal_scroll,
    paste,
    shot,
    type_at,
    unlabelled_controls,
    wait,
    wait_editor,
)
from .conftest import PASSWORD

EXAMPLE = Path(__file__).resolve().parents[2] / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
NASTY = "<script>alert(1)</script>{{ org.place }}“引”'单'\"双\""


@pytest.fixture(scope="module")
def doc(driver: Any, server: Any) -> str:
    login(driver, server.url, "zhang", PASSWORD)
    driver.get(server.url + "/new")
    css(driver, "#nk-title").send_keys("质量检查用文稿")
    css(driver, "#nk-title").submit()
    wait(driver, lambda d: re.search(r"/docs/\d+$", d.current_url))
    wait_editor(driver)
    paste(driver, EXAMPLE.read_text(encoding="utf-8"))
    css(driver, "#note").send_keys("示例")
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    return str(driver.current_url.split("?")[0])


def _pages(base: str, doc: str) -> list[str]:
    return [
        base + "/",
        base + "/new",
        doc,
        doc + "/history",
        doc + "/check",
        base + "/review",
        base + "/templates",
    ]


def test_no_inline_script_and_no_csp_violation_on_any_page(driver: Any, server: Any, doc: str) -> None:
    with urllib.request.urlopen(server.url + "/login") as r:
        csp = r.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp
    driver.get_log("browser")  # drop earlier entries
    for url in _pages(server.url, doc):
        driver.get(url)
        html = driver.page_source
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+\s*=", html.split('<div class="cm-wrap"')[0]), url
    css(driver, ".who")  # still on a signed-in page
    driver.get(doc)
    wait_editor(driver)
    css(driver, "#tab-preview").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".page .d-title"))
    security = [
        e
        for e in console_errors(driver)
        if e.get("source") == "security" or "Content Security" in e["message"]
    ]
    assert security == []


def test_facts_with_markup_braces_and_quotes_show_literally(driver: Any, server: Any, doc: str) -> None:
    driver.get(doc)
    wait_editor(driver)
    text = EXAMPLE.read_text(encoding="utf-8")
    quoted = NASTY.replace("\\", "\\\\").replace('"', '\\"')
    paste(driver, text.replace("title: 在全市政协宣传信息工作会议上的讲话", f'title: "{quoted}"', 1))
    css(driver, "#tab-preview").click()
    title = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".page .d-title"))
    assert title.text == NASTY
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - the script did not run
    css(driver, "#tab-form").click()
    field = wait(driver, lambda d: d.find_element(By.ID, "f-document-title"))
    assert field.get_attribute("value") == NASTY
    css(driver, "#tab-yaml").click()
    paste(driver, text)  # back to the saved text: no local copy is kept
    # a title typed into the page's own forms is shown literally too
    driver.get(server.url + "/new")
    css(driver, "#nk-title").send_keys(NASTY)
    css(driver, "#nk-title").submit()
    wait(driver, lambda d: re.search(r"/docs/\d+$", d.current_url))
    assert css(driver, "main h1").text == NASTY
    driver.get(server.url + "/")
    assert NASTY in css(driver, "main").text
    assert not all_css(driver, "main script")


def test_layout_1280_and_800(driver: Any, server: Any, doc: str, shots: Path) -> None:
    try:
        for width in (1280, 800):
            driver.set_window_size(width, 900)
            for url in _pages(server.url, doc):
                driver.get(url)
                assert no_horizontal_scroll(driver), (width, url)
            driver.get(doc)
            wait_editor(driver)
            assert css(driver, ".cm-editor").size["width"] >= width * 0.6
            css(driver, "#tab-preview").click()
            wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".page .d-title"))
            assert no_horizontal_scroll(driver)
            if width == 800:
                shot(driver, shots, "08-preview-800px")
                css(driver, "#tab-yaml").click()
                shot(driver, shots, "09-editor-800px")
    finally:
        driver.set_window_size(1280, 900)


def test_labels_landmarks_and_contrast_of_the_main_colours(driver: Any, server: Any, doc: str) -> None:
    for url in _pages(server.url, doc):
        driver.get(url)
        assert unlabelled_controls(driver) == [], url
        marks = landmarks(driver)
        assert marks == {"main": 1, "banner": 1, "h1": marks["h1"], "lang": 1} and marks["h1"] >= 1, url
    driver.get(doc)
    wait_editor(driver)
    assert css(driver, ".cm-content").get_attribute("aria-label") == "YAML 事实数据"
    assert css(driver, "[role=tablist]") and len(all_css(driver, "[role=tab]")) == 3
    assert css(driver, "#lint-status").get_attribute("role") == "status"
    for sel in (
        "main h1",
        ".meta",
        ".hint",
        "a",
        "#save-form button",
        ".top .brand",
        ".tabs [aria-selected=true]",
        "label",
        "#problems li",
    ):
        fg, bg = colours(driver, sel)
        assert contrast(fg, bg) >= 4.5, (sel, fg, bg)
    driver.get(server.url + "/docs/999999")
    fg, bg = colours(driver, ".flash.error")
    assert contrast(fg, bg) >= 4.5


def test_keyboard_reaches_the_main_controls(driver: Any, server: Any, doc: str) -> None:
    driver.get(doc)
    wait_editor(driver)
    body = css(driver, "body")
    body.click()
    seen: list[str] = []
    for _ in range(40):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        el = driver.switch_to.active_element
        seen.append(el.get_attribute("id") or el.get_attribute("class") or el.tag_name)
    for want in ("tab-yaml", "note", "dl-fmt", "dl-font"):
        assert want in seen, (want, seen)
    assert any("cm-content" in s for s in seen)
    # the tabs follow the WAI-ARIA pattern: arrow keys move between them
    css(driver, "#tab-yaml").send_keys(Keys.ARROW_RIGHT)
    assert driver.switch_to.active_element.get_attribute("id") == "tab-form"
    assert css(driver, "#panel-form").is_displayed() and not css(driver, "#panel-yaml").is_displayed()
    css(driver, "#tab-form").send_keys(Keys.ARROW_LEFT)
    assert css(driver, "#panel-yaml").is_displayed()
    # the skip link is the first stop
    driver.get(server.url + "/")
    css(driver, "body").send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "skip"


def test_unsaved_text_survives_an_expired_session(driver: Any, server: Any, doc: str) -> None:
    from docgen.service.models import LoginSession

    driver.get(doc)
    wait_editor(driver)
    text = editor_text(driver)
    line = line_of(text, "value: 186")
    col = text.splitlines()[line - 1].index("186") + 1
    type_at(driver, line, col, "199", select=3)
    with server.session() as s:  # the session ends on the server (expired or signed out elsewhere)
        s.execute(delete(LoginSession))
        s.commit()
    css(driver, "#note").send_keys("过期后保存")
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "/login" in d.current_url)
    assert "登录已过期" in css(driver, "main").text
    css(driver, "#username").send_keys("zhang")
    css(driver, "#password").send_keys(PASSWORD)
    css(driver, "#password").submit()
    wait(driver, lambda d: d.current_url.split("?")[0] == doc)
    wait_editor(driver)
    assert "value: 199" in editor_text(driver)
    assert css(driver, "#restored").is_displayed()
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    wait_editor(driver)
    assert "value: 199" in editor_text(driver)
    assert not css(driver, "#restored").is_displayed()  # saved: the local copy is gone
    assert not driver.execute_script(
        "return Object.keys(localStorage).some(k => k.startsWith('docgen-draft:'))"
    )
