"""Small helpers over Selenium for the page tests: sign in, wait, the editor, the accessibility smoke check."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

T = TypeVar("T")
WAIT = 20


def wait(driver: WebDriver, cond: Callable[[WebDriver], T], timeout: float = WAIT, what: str = "") -> T:
    ignored = (StaleElementReferenceException, NoSuchElementException)
    return WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=ignored).until(cond, what)


def css(driver: WebDriver | WebElement, sel: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, sel)


def all_css(driver: WebDriver | WebElement, sel: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, sel)


def login(driver: WebDriver, base: str, name: str, password: str) -> None:
    driver.get(base + "/login")
    css(driver, "#username").send_keys(name)
    css(driver, "#password").send_keys(password)
    css(driver, "form button[type=submit]").click()
    wait(driver, lambda d: "/login" not in d.current_url, what="登录后离开登录页")


def logout(driver: WebDriver) -> None:
    css(driver, ".who button[type=submit]").click()
    wait(driver, lambda d: "/login" in d.current_url)


def wait_editor(driver: WebDriver) -> None:
    wait(driver, lambda d: d.execute_script("return !!window.docgenEditor"), what="编辑器已加载")


def editor_text(driver: WebDriver) -> str:
    return str(driver.execute_script("return window.docgenEditor.text()"))


def paste(driver: WebDriver, text: str) -> None:
    """Replace the editor's whole text, as a paste would."""
    driver.execute_script("window.docgenEditor.setText(arguments[0])", text)


def type_at(driver: WebDriver, line: int, col: int, keys: str, *, select: int = 0) -> None:
    """Put the cursor at line:col (as a click would), optionally select ``select`` characters, and type."""
    driver.execute_script(
        "const v = window.docgenEditor.view; const l = v.state.doc.line(arguments[0]);"
        "const a = l.from + arguments[1] - 1; v.dispatch({selection: {anchor: a, head: a + arguments[2]}}); v.focus();",
        line,
        col,
        select,
    )
    css(driver, ".cm-content").send_keys(keys)


def error_lines(driver: WebDriver) -> list[int]:
    """Line numbers of the error marks the editor draws (from the DOM, mapped to document lines)."""
    return list(
        driver.execute_script(
            "const v = window.docgenEditor.view;"
            "return [...document.querySelectorAll('.cm-lintRange-error')].map(e =>"
            " v.state.doc.lineAt(v.posAtDOM(e)).number);"
        )
    )


def line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")


def shot(driver: WebDriver, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def no_horizontal_scroll(driver: WebDriver) -> bool:
    return bool(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"))


def wait_file(folder: Path, suffix: str, timeout: float = WAIT) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [f for f in folder.iterdir() if f.name.endswith(suffix) and not f.name.endswith(".crdownload")]
        if done and done[0].stat().st_size > 0:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {[f.name for f in folder.iterdir()]}")


# -- accessibility smoke check ------------------------------------------------------------------------------------

_UNLABELLED_JS = """
const out = [];
for (const el of document.querySelectorAll('input, select, textarea, button, [role=button], [role=tab]')) {
  if (el.type === 'hidden' || el.closest('[hidden]') || el.getAttribute('aria-hidden') === 'true') continue;
  if (el.closest('.cm-editor')) continue;
  let name = (el.getAttribute('aria-label') || '').trim();
  if (!name && el.getAttribute('aria-labelledby'))
    name = el.getAttribute('aria-labelledby').split(' ').map(i => (document.getElementById(i) || {}).textContent || '').join(' ').trim();
  if (!name && el.id) { const l = document.querySelector('label[for="' + el.id + '"]'); if (l) name = l.textContent.trim(); }
  if (!name && el.closest('label')) name = el.closest('label').textContent.trim();
  if (!name && (el.tagName === 'BUTTON' || el.getAttribute('role'))) name = el.textContent.trim();
  if (!name) out.push(el.outerHTML.slice(0, 120));
}
return out;
"""


def unlabelled_controls(driver: WebDriver) -> list[str]:
    return list(driver.execute_script(_UNLABELLED_JS))


def landmarks(driver: WebDriver) -> dict[str, int]:
    return dict(
        driver.execute_script(
            "return {main: document.querySelectorAll('main').length,"
            " banner: document.querySelectorAll('header[role=banner], body > header').length,"
            " h1: document.querySelectorAll('h1').length,"
            " lang: document.documentElement.lang ? 1 : 0}"
        )
    )


def _rgb(value: str) -> tuple[float, float, float]:
    nums = value[value.index("(") + 1 : value.index(")")].split(",")
    return float(nums[0]), float(nums[1]), float(nums[2])


def _luminance(rgb: tuple[float, float, float]) -> float:
    def ch(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (ch(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(_rgb(fg)), _luminance(_rgb(bg))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def colours(driver: WebDriver, sel: str) -> tuple[str, str]:
    """(text colour, effective background) of the first element matching ``sel``."""
    return tuple(
        driver.execute_script(
            "let e = document.querySelector(arguments[0]); const fg = getComputedStyle(e).color;"
            "while (e) { const bg = getComputedStyle(e).backgroundColor;"
            " if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return [fg, bg]; e = e.parentElement; }"
            "return [fg, 'rgb(255, 255, 255)'];",
            sel,
        )
    )  # type: ignore[return-value]


def console_errors(driver: WebDriver) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
