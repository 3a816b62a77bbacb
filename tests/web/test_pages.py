"""The web page in real headless Chromium: a writer's year from a kind's skeleton to a checked Word file, a
reviewer's comparison, a second office that sees none of it, and the quality of the page (layout at 1280 and
800 px, labels, contrast, keyboard, CSP, escaping, a session that expires while editing)."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from .browser import (
    all_css,
    console_errors,
    css,
    editor_text,
    error_lines,
    landmarks,
    line_of,
    login,
    logout,
    no_horizontal_scroll,
    paste,
    shot,
    type_at,
    unlabelled_controls,
    wait,
    wait_editor,
    wait_file,
)
from .conftest import PASSWORD

EXAMPLE = Path(__file__).resolve().parents[2] / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


def _a11y(driver: Any) -> None:
    assert unlabelled_controls(driver) == []
    marks = landmarks(driver)
    assert marks["main"] == 1 and marks["banner"] == 1 and marks["h1"] >= 1 and marks["lang"] == 1


def _problem_count(driver: Any) -> int:
    return len(
        [li for li in all_css(driver, "#problems li") if "empty" not in (li.get_attribute("class") or "")]
    )


def _status(driver: Any) -> str:
    return css(driver, "#lint-status").text


def _create_from_kind(driver: Any, base: str, title: str) -> str:
    driver.get(base + "/new")
    Select(css(driver, "#nk-kind")).select_by_value("leadership_speech")
    css(driver, "#nk-title").send_keys(title)
    year = css(driver, "#nk-year")
    year.clear()
    year.send_keys("2024")
    css(driver, "#nk-title").submit()
    wait(driver, lambda d: re.search(r"/docs/\d+$", d.current_url), what="打开新文稿")
    wait_editor(driver)
    return str(driver.current_url)


@pytest.fixture(scope="module")
def writer_doc(driver: Any, server: Any, shots: Path) -> dict[str, Any]:
    """Signed in as the first office's writer, with a document created from a kind and filled with facts."""
    login(driver, server.url, "zhang", PASSWORD)
    shot(driver, shots, "01-documents-empty")
    url = _create_from_kind(driver, server.url, "2024年全市政协宣传信息工作会议讲话")
    return {"url": url, "id": int(url.rsplit("/", 1)[1])}


def test_writer_creates_from_kind_and_sees_the_skeletons_problems_on_their_lines(
    driver: Any, writer_doc: dict[str, Any], shots: Path
) -> None:
    text = editor_text(driver)
    assert "document:" in text and "#" in text  # the kind's skeleton with its Chinese comments
    wait(driver, lambda d: css(d, "#lint-status").get_attribute("data-checked"), what="编辑器检查过一次")
    assert _problem_count(driver) > 0
    first = css(driver, "#problems li button")
    line = int(re.search(r"第 (\d+) 行", first.text).group(1))  # type: ignore[union-attr]
    first.click()
    cursor_line = driver.execute_script(
        "const v = window.docgenEditor.view; return v.state.doc.lineAt(v.state.selection.main.head).number"
    )
    assert cursor_line == line
    _a11y(driver)
    assert no_horizontal_scroll(driver)


def test_typed_error_gets_a_marker_on_its_line_and_goes_away_when_fixed(
    driver: Any, writer_doc: dict[str, Any], shots: Path
) -> None:
    paste(driver, EXAMPLE.read_text(encoding="utf-8"))
    wait(driver, lambda d: "数据有效" in _status(d), what="示例数据有效")
    text = editor_text(driver)
    date_line = line_of(text, "  date: 2024-12-06")
    # type over the month: 2024-12-06 → 2024-13-06
    col = text.splitlines()[date_line - 1].index("12") + 1
    type_at(driver, date_line, col, "13", select=2)
    wait(driver, lambda d: date_line in error_lines(d), what="日期行出现错误标记")
    assert set(error_lines(driver)) == {date_line}
    shot(driver, shots, "02-editor-problem")
    errs = console_errors(driver)
    assert errs == [], [e["message"][-300:] for e in errs]
    assert css(driver, ".cm-gutter-lint .cm-lint-marker-error").is_displayed()
    items = all_css(driver, "#problems li")
    assert len(items) == 1 and f"第 {date_line} 行" in items[0].text and "document.date" in items[0].text
    shot(driver, shots, "02-editor-problem")
    type_at(driver, date_line, col, "12", select=2)
    wait(driver, lambda d: "数据有效" in _status(d), what="改正后没有问题")
    assert error_lines(driver) == []
    assert "没有问题" in css(driver, "#problems").text


def _completions(driver: Any) -> list[str]:
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".cm-tooltip-autocomplete li"), what="补全列表")
    return [li.text for li in all_css(driver, ".cm-tooltip-autocomplete li")]


def test_completion_offers_the_schemas_keys_and_values_for_the_path(
    driver: Any, writer_doc: dict[str, Any]
) -> None:
    text = editor_text(driver)
    line = line_of(text, "  kind: leadership_speech")
    type_at(driver, line, len(text.splitlines()[line - 1]) + 1, Keys.ENTER + "sub")
    options = _completions(driver)
    assert any(o.startswith("subtitle") and "副标题" in o for o in options), options
    assert not any(o.startswith("short_name") for o in options)  # an org key is not offered under document
    wait(driver, lambda d: css(d, ".cm-tooltip-autocomplete li[aria-selected]").text.startswith("subtitle"))
    time.sleep(
        0.3
    )  # CodeMirror accepts Enter only once the list has been open for a moment (interactionDelay)
    css(driver, ".cm-content").send_keys(Keys.ENTER)
    wait(driver, lambda d: editor_text(d).splitlines()[line] == "  subtitle: ", what="补全写入键名")
    # values: the choices of a Literal field, from the schema's enum
    now = editor_text(driver)
    at = line_of(now, "  heading_style: standard")
    col = now.splitlines()[at - 1].index("standard") + 1
    type_at(driver, at, col, Keys.CONTROL + " ", select=len("standard"))
    options = _completions(driver)
    assert any(o.startswith("standard") for o in options) and any(o.startswith("county") for o in options), (
        options
    )
    css(driver, ".cm-content").send_keys(Keys.ESCAPE)
    paste(driver, text)


def test_form_view_edits_the_same_text(driver: Any, writer_doc: dict[str, Any], shots: Path) -> None:
    css(driver, "#tab-form").click()
    title_input = wait(driver, lambda d: d.find_element(By.ID, "f-document-title"), what="表单已生成")
    assert title_input.get_attribute("value") == "在全市政协宣传信息工作会议上的讲话"
    label = css(driver, "label[for=f-document-title]").text
    assert label.startswith("标题")
    _a11y(driver)
    shot(driver, shots, "03-form")
    title_input.clear()
    title_input.send_keys("在全市政协宣传信息工作推进会上的讲话")
    css(driver, ".factform button[type=submit]").click()
    wait(driver, lambda d: "推进会" in editor_text(d), what="表单写入 YAML")
    assert "# " in editor_text(driver)  # comments kept
    css(driver, "#tab-yaml").click()


def test_preview_shows_the_draft_and_the_data_paths_of_a_sentence(
    driver: Any, writer_doc: dict[str, Any], shots: Path
) -> None:
    css(driver, "#tab-preview").click()
    wait(
        driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview-body .page .d-title"), what="预览已生成"
    )
    assert "推进会" in css(driver, ".page .d-title").text
    seg = next(s for s in all_css(driver, ".page .seg") if "186" in s.text)
    seg.click()
    paths = css(driver, "#paths-out").text
    assert "achievements.media.total" in paths
    # keyboard: a sentence is focusable and Enter shows its paths
    seg.send_keys(Keys.ENTER)
    assert "achievements.media.total" in css(driver, "#paths-out").text
    shot(driver, shots, "04-preview")
    assert no_horizontal_scroll(driver)


def test_draft_preview_highlights_missing_facts(driver: Any, writer_doc: dict[str, Any]) -> None:
    text = editor_text(driver)
    without = text.replace("  members:\n    count: 412\n    sectors: 34\n", "", 1)
    assert without != text
    paste(driver, without)
    css(driver, "#tab-preview").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".page .r-todo"), what="草稿中的待补高亮")
    todo = css(driver, ".page .r-todo")
    assert todo.text == "〔待补：委员人数和界别数〕"
    todo.click()
    assert "org.members" in css(driver, "#paths-out").text
    assert todo.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    paste(driver, text)
    css(driver, "#tab-yaml").click()


def test_download_docx_opens_with_python_docx(
    driver: Any, writer_doc: dict[str, Any], fresh_downloads: Path
) -> None:
    Select(css(driver, "#dl-fmt")).select_by_value("docx")
    css(driver, "form.dl button[type=submit]").click()
    f = wait_file(fresh_downloads, ".docx")
    d = docx.Document(str(f))
    body = "\n".join(p.text for p in d.paragraphs)
    assert "推进会" in body and "186" in body
    Select(css(driver, "#dl-fmt")).select_by_value("md")
    css(driver, "form.dl button[type=submit]").click()
    md = wait_file(fresh_downloads, ".md")
    assert "186" in md.read_text(encoding="utf-8")


def test_two_saved_revisions_diff_and_redline(
    driver: Any, server: Any, writer_doc: dict[str, Any], shots: Path, fresh_downloads: Path
) -> None:
    css(driver, "#note").send_keys("第一稿")
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    wait_editor(driver)
    assert "第一稿" in css(driver, ".meta").text
    text = editor_text(driver)
    line = line_of(text, "value: 186")
    col = text.splitlines()[line - 1].index("186") + 1
    type_at(driver, line, col, "203", select=3)
    css(driver, "#note").send_keys("更新媒体用稿数")
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "更新媒体用稿数" in d.find_element(By.CSS_SELECTOR, ".meta").text)
    css(driver, ".links a").click()  # 修订历史
    wait(driver, lambda d: "修订历史" in d.title)
    rows = all_css(driver, "table.list tbody tr")
    assert len(rows) == 3 and "更新媒体用稿数" in rows[0].text and "第一稿" in rows[1].text
    _a11y(driver)
    shot(driver, shots, "05-history")
    css(driver, "main form button[type=submit]").click()  # newest vs the one before (pre-selected)
    wait(driver, lambda d: "文稿比较" in d.title)
    nums = css(driver, ".numbers").text
    assert "186" in nums and "203" in nums
    assert css(driver, "table.diff ins.num").text == "203"
    assert css(driver, "table.diff del.num").text == "186"
    _a11y(driver)
    assert no_horizontal_scroll(driver)
    shot(driver, shots, "06-diff")
    css(driver, "a.button[href*=redline]").click()
    red = wait_file(fresh_downloads, ".docx")
    xml = zipfile.ZipFile(red).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml and "203" in xml
    docx.Document(str(red))


def test_uploaded_edited_draft_has_its_stale_number_flagged(
    driver: Any, server: Any, writer_doc: dict[str, Any], shots: Path, fresh_downloads: Path
) -> None:
    doc_id = writer_doc["id"]
    driver.get(
        f"{server.url}/docs/{doc_id}/revisions/2/download?fmt=docx"
    )  # the first draft, still saying 186
    old = wait_file(fresh_downloads, ".docx")
    driver.get(f"{server.url}/docs/{doc_id}/check")
    Select(css(driver, "#ck-rev")).select_by_value("3")
    css(driver, "#ck-file").send_keys(str(old))
    css(driver, "#ck-file").submit()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#res-h"), what="核对结果")
    rows = [r.text for r in all_css(driver, "table.list tbody tr")]
    stale = [r for r in rows if r.startswith("过时的数字")]
    assert any("“186”已过时：事实中现为“203”" in r and "第 11 段" in r for r in stale), rows
    assert not any("“203”未在文稿中出现" in r for r in rows)  # the fact is not listed twice
    _a11y(driver)
    shot(driver, shots, "07-check")


def test_second_office_sees_none_of_it(driver: Any, server: Any, writer_doc: dict[str, Any]) -> None:
    logout(driver)
    login(driver, server.url, "wang", PASSWORD)
    assert "还没有文稿" in css(driver, "main").text
    for path in (
        f"/docs/{writer_doc['id']}",
        f"/docs/{writer_doc['id']}/history",
        f"/docs/{writer_doc['id']}/diff?a=2&b=3",
        f"/docs/{writer_doc['id']}/check",
        f"/docs/{writer_doc['id']}/revisions/2/download?fmt=docx",
    ):
        driver.get(server.url + path)
        assert "2024年全市政协" not in driver.page_source and "186" not in driver.page_source
        assert "找不到" in driver.page_source
    driver.get(server.url + "/review")
    assert "2024年" not in css(driver, "main").text
    logout(driver)
    login(driver, server.url, "zhang", PASSWORD)


def test_reviewer_compares_two_uploaded_files(
    driver: Any, server: Any, writer_doc: dict[str, Any], fresh_downloads: Path, tmp_path: Path
) -> None:
    doc_id = writer_doc["id"]
    files = []
    for n in (2, 3):
        driver.get(f"{server.url}/docs/{doc_id}/revisions/{n}/download?fmt=docx")
        f = wait_file(fresh_downloads, ".docx")
        files.append(f.rename(tmp_path / f"rev{n}.docx"))
    logout(driver)
    login(driver, server.url, "li", PASSWORD)
    assert not all_css(driver, "a[href$='/new']")  # a reviewer does not write
    driver.get(server.url + "/review")
    css(driver, "#old").send_keys(str(files[0]))
    css(driver, "#new").send_keys(str(files[1]))
    css(driver, "#old").submit()
    wait(driver, lambda d: "文稿比较" in d.title)
    assert css(driver, "table.diff ins.num").text == "203"
    logout(driver)
    login(driver, server.url, "zhang", PASSWORD)
