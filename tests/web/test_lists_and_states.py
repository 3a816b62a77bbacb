"""More of the writer's and reviewer's page in real headless Chromium: documents by year and kind, the
editor's line numbers and highlighting, warnings in their own list that jump to their line, the loading state
of a slow preview, and the fact check's three kinds of findings on a hand-edited .docx."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from .browser import all_css, css, login, paste, wait, wait_editor, wait_file
from .conftest import PASSWORD

EXAMPLES = Path(__file__).resolve().parents[2] / "docgen" / "domains" / "cppcc_publicity" / "examples"
EXAMPLE = EXAMPLES / "city_leadership_speech.yaml"
PARTIAL = EXAMPLES / "county_leadership_speech_partial.yaml"
OFFICE = "山前镇政协"  # this module's own office, so other modules' documents do not show up


def _new(driver: Any, base: str, kind: str, title: str, year: int) -> str:
    driver.get(base + "/new")
    Select(css(driver, "#nk-kind")).select_by_value(kind)
    css(driver, "#nk-title").send_keys(title)
    field = css(driver, "#nk-year")
    field.clear()
    field.send_keys(str(year))
    css(driver, "#nk-title").submit()
    wait(driver, lambda d: re.search(r"/docs/\d+$", d.current_url), what="打开新文稿")
    wait_editor(driver)
    return str(driver.current_url)


@pytest.fixture(scope="module")
def docs(driver: Any, server: Any) -> dict[str, str]:
    from docgen.service.accounts import add_user

    with server.session() as s:
        add_user(s, "sun", OFFICE, "writer", PASSWORD, create_office=True)
        s.commit()
    driver.get(server.url + "/")
    if all_css(driver, ".who button[type=submit]"):  # another module's user is still signed in
        css(driver, ".who button[type=submit]").click()
    login(driver, server.url, "sun", PASSWORD)
    summary = _new(driver, server.url, "work_summary", "2023年宣传信息工作总结", 2023)
    speech = _new(driver, server.url, "leadership_speech", "2024年宣传信息工作会议讲话", 2024)
    paste(driver, EXAMPLE.read_text(encoding="utf-8"))
    css(driver, "#note").send_keys("示例")
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    wait_editor(driver)
    return {"summary": summary, "speech": speech}


def _titles(driver: Any) -> list[str]:
    return [a.text for a in all_css(driver, "main table.list tbody td:first-child a")]


def test_documents_by_year_and_kind(driver: Any, server: Any, docs: dict[str, str]) -> None:
    driver.get(server.url + "/")
    assert [h.text for h in all_css(driver, "main h2")] == ["2024年", "2023年"]  # newest year first
    assert _titles(driver) == ["2024年宣传信息工作会议讲话", "2023年宣传信息工作总结"]
    Select(css(driver, "#fk")).select_by_value("work_summary")
    css(driver, "form.filters button[type=submit]").click()
    wait(driver, lambda d: "kind=work_summary" in d.current_url)
    assert _titles(driver) == ["2023年宣传信息工作总结"]
    Select(css(driver, "#fy")).select_by_value("2024")
    css(driver, "form.filters button[type=submit]").click()
    wait(driver, lambda d: "year=2024" in d.current_url)
    assert _titles(driver) == [] and "没有符合条件的文稿" in css(driver, "main").text
    Select(css(driver, "#fk")).select_by_value("")
    css(driver, "form.filters button[type=submit]").click()
    wait(driver, lambda d: "kind=&" in d.current_url or d.current_url.endswith("kind="))
    assert _titles(driver) == ["2024年宣传信息工作会议讲话"]


def test_editor_numbers_lines_highlights_yaml_and_lists_warnings_apart(
    driver: Any, server: Any, docs: dict[str, str]
) -> None:
    driver.get(docs["speech"])
    wait_editor(driver)
    numbers = [g.text for g in all_css(driver, ".cm-lineNumbers .cm-gutterElement") if g.text]
    assert numbers[:3] == ["1", "2", "3"]
    colours = driver.execute_script(
        "return [...new Set([...document.querySelectorAll('.cm-content .cm-line span')]"
        ".map(s => getComputedStyle(s).color))]"
    )
    assert len(colours) >= 3, colours  # keys, values, comments in their own colours
    partial = PARTIAL.read_text(encoding="utf-8")
    paste(driver, partial)
    wait(driver, lambda d: "unused-fact" in css(d, "#warnings").text, what="提醒列表")
    assert "没有问题" in css(driver, "#problems").text  # problems and warnings in their own lists
    unused = [b for b in all_css(driver, "#warnings li") if "[unused-fact]" in b.text]
    assert unused
    button = unused[0].find_element(By.CSS_SELECTOR, "button")
    line = int(re.search(r"第 (\d+) 行", button.text).group(1))  # type: ignore[union-attr]
    key = button.text.rsplit(".", 1)[-1]
    assert partial.splitlines()[line - 1].strip().startswith(key + ":")
    button.click()
    at = driver.execute_script(
        "const v = window.docgenEditor.view; return v.state.doc.lineAt(v.state.selection.main.head).number"
    )
    assert at == line
    paste(driver, EXAMPLE.read_text(encoding="utf-8"))


def test_a_slow_preview_says_it_is_loading(driver: Any, server: Any, docs: dict[str, str]) -> None:
    driver.get(docs["speech"])
    wait_editor(driver)
    slow = {"offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1}
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", slow)
    try:
        css(driver, "#tab-preview").click()
        loading = css(driver, "#preview-loading")
        wait(driver, lambda d: loading.is_displayed(), timeout=1.5, what="加载提示")
        assert loading.text == "正在生成预览……" and loading.get_attribute("role") == "status"
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview-body .page .d-title"), what="预览")
        assert not loading.is_displayed()
    finally:
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
    css(driver, "#tab-yaml").click()


def test_fact_check_lists_unknown_numbers_and_missing_facts(
    driver: Any, server: Any, docs: dict[str, str], fresh_downloads: Path, tmp_path: Path
) -> None:
    doc_id = docs["speech"].rsplit("/", 1)[1]
    driver.get(f"{server.url}/docs/{doc_id}/revisions/2/download?fmt=docx")
    original = wait_file(fresh_downloads, ".docx")
    edited = docx.Document(str(original))
    paras = edited.paragraphs
    gone = next(p for p in paras if "312条" in p.text)  # the paragraph with the opinions collected
    gone._element.getparent().remove(gone._element)
    added = next(p for p in paras if "186篇" in p.text)
    added.add_run("另有评论员文章777篇。")
    path = tmp_path / "手改稿.docx"
    edited.save(str(path))
    driver.get(f"{server.url}/docs/{doc_id}/check")
    css(driver, "#ck-file").send_keys(str(path))
    assert css(driver, "#ck-file-chosen").text == "已选择：手改稿.docx"
    css(driver, "#ck-file").submit()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#res-h"), what="核对结果")
    rows = [r.text for r in all_css(driver, "table.findings tbody tr")]
    assert any(r.startswith("事实中没有的数字") and "777" in r for r in rows), rows
    missing = [r for r in rows if r.startswith("文稿中缺少的事实")]
    assert any("312" in r for r in missing), rows
    link = css(driver, "tr.finding.fact-not-stated a")
    assert re.search(r"\?rev=2#L\d+$", link.get_attribute("href") or "")


def test_the_browsers_own_form_messages_are_in_chinese(
    driver: Any, server: Any, docs: dict[str, str]
) -> None:
    driver.get(server.url + "/new")
    year = css(driver, "#nk-year")
    year.clear()
    year.send_keys("1999")
    css(driver, "main form button[type=submit]").click()  # title empty, year out of range: not sent
    assert "/new" in driver.current_url
    assert css(driver, "#nk-title").get_attribute("validationMessage") == "请填写这一项。"
    assert year.get_attribute("validationMessage") == "请填写 2000—2100 之间的数。"
    year.send_keys("\b\b\b\b2024")
    assert year.get_attribute("validationMessage") == ""
    driver.get(docs["speech"] + "/check")
    css(driver, "main form button[type=submit]").click()
    assert css(driver, "#ck-file").get_attribute("validationMessage") == "请选择文件。"
