"""The office's house template, the PDF and a new year in real headless Chromium: an admin uploads a house
template through the Chinese file picker (a file that fails the template check is refused with its findings),
a writer picks it and the font profile when downloading and the .docx has its page margins; the PDF download
through LibreOffice; and this year's document started from last year's (dates and years moved on, last year's
counts kept as ``previous``, the draft saying “较去年增长”)."""

from __future__ import annotations

import io
import os
import re
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
    css,
    editor_text,
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

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
TEMPLATE = ROOT / "templates" / "leadership_speech.docx"
LEFT_MM = 30  # the house template's inner margin (GB/T 9704: 28 mm)


def _house_template(folder: Path) -> Path:
    """The built-in speech template with a 30 mm inner margin (an office's own layout)."""
    src = zipfile.ZipFile(TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                twips = round(LEFT_MM / 25.4 * 1440)
                data = re.sub(rb'(<w:pgMar[^>]*w:left=")\d+', rb"\g<1>" + str(twips).encode(), data)
            z.writestr(info, data)
    path = folder / "本单位讲话模板.docx"
    path.write_bytes(out.getvalue())
    return path


def _left_margin_mm(path: Path) -> float:
    return float(docx.Document(str(path)).sections[0].left_margin.mm)


def _save(driver: Any, note: str) -> None:
    css(driver, "#note").send_keys(note)
    css(driver, "#save-form button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url, what="保存后回到编辑页")
    wait_editor(driver)


@pytest.fixture(scope="module")
def last_year(driver: Any, server: Any) -> dict[str, Any]:
    """A 2024 document of the first office with the example facts saved (the writer signed in)."""
    login(driver, server.url, "zhang", PASSWORD)
    driver.get(server.url + "/new")
    Select(css(driver, "#nk-kind")).select_by_value("leadership_speech")
    css(driver, "#nk-title").send_keys("2024年宣传信息工作会议讲话（模板与新年度）")
    year = css(driver, "#nk-year")
    year.clear()
    year.send_keys("2024")
    css(driver, "#nk-title").submit()
    wait(driver, lambda d: re.search(r"/docs/\d+$", d.current_url), what="打开新文稿")
    wait_editor(driver)
    paste(driver, EXAMPLE.read_text(encoding="utf-8"))
    _save(driver, "去年定稿")
    url = str(driver.current_url.split("?")[0])
    return {"url": url, "id": int(url.rsplit("/", 1)[1])}


def test_admin_uploads_a_house_template_and_a_writer_downloads_with_it(
    driver: Any, server: Any, last_year: dict[str, Any], shots: Path, fresh_downloads: Path, tmp_path: Path
) -> None:
    logout(driver)
    login(driver, server.url, "zhao", PASSWORD)
    css(driver, "nav a[href='/templates']").click()
    wait(driver, lambda d: "版式模板" in d.title)
    assert "还没有上传模板" in css(driver, "main").text
    assert unlabelled_controls(driver) == []
    # the file picker speaks Chinese: the native control is hidden, "选择文件" is its visible label
    picker = css(driver, "#tpl-file")
    assert not picker.is_displayed()
    button = css(driver, "label.file-button[for=tpl-file]")
    assert button.is_displayed() and button.text == "选择文件"
    assert css(driver, "#tpl-file-chosen").text == "未选择文件"
    assert "Choose File" not in css(driver, "main").text
    css(driver, "#tpl-name").send_keys(Keys.TAB)  # keyboard: the hidden control is still a tab stop …
    assert driver.switch_to.active_element.get_attribute("id") == "tpl-file"
    assert button.value_of_css_property("outline-style") == "solid"  # … and its button shows the focus
    # a rendered document is not a template: refused, every finding listed, nothing stored
    rendered = tmp_path / "成稿.docx"
    from docgen.api import compose_text, render_draft

    rendered.write_bytes(render_draft(compose_text(EXAMPLE.read_text(encoding="utf-8")), "docx"))
    picker.send_keys(str(rendered))
    assert css(driver, "#tpl-file-chosen").text == "已选择：成稿.docx"
    picker.submit()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".flash.error"), what="拒收说明")
    refusal = css(driver, ".flash.error").text
    assert "模板检查未通过，未保存" in refusal and "[no-blocks-loop]" in refusal
    assert "还没有上传模板" in css(driver, "main").text
    # the office's own template (30 mm inner margin): accepted with a warning about the margin
    house = _house_template(tmp_path)
    css(driver, "#tpl-name").send_keys("本单位讲话模板")
    css(driver, "#tpl-file").send_keys(str(house))
    assert css(driver, "#tpl-file-chosen").text == f"已选择：{house.name}"
    css(driver, "#tpl-file").submit()
    wait(driver, lambda d: "uploaded=" in d.current_url, what="上传成功")
    assert "模板已上传" in css(driver, ".flash.ok").text
    row = css(driver, "table.list tbody tr")
    assert "本单位讲话模板" in row.text and "订口 30 mm" in row.text
    assert no_horizontal_scroll(driver) and unlabelled_controls(driver) == []
    shot(driver, shots, "10-templates")
    # a writer sees the list but cannot upload, and picks the template (and a font profile) when downloading
    logout(driver)
    login(driver, server.url, "zhang", PASSWORD)
    driver.get(server.url + "/templates")
    assert "本单位讲话模板" in css(driver, "main").text and not all_css(driver, "#tpl-file")
    driver.get(last_year["url"])
    wait_editor(driver)
    Select(css(driver, "#dl-fmt")).select_by_value("docx")
    Select(css(driver, "#dl-tpl")).select_by_visible_text("本单位讲话模板")
    Select(css(driver, "#dl-font")).select_by_value("windows")
    css(driver, "form.dl button[type=submit]").click()
    mine = wait_file(fresh_downloads, ".docx")
    assert abs(_left_margin_mm(mine) - LEFT_MM) < 0.2
    styles = zipfile.ZipFile(mine).read("word/styles.xml").decode("utf-8")
    assert "仿宋_GB2312" not in styles and "仿宋" in styles  # the Windows font profile
    assert "186" in "\n".join(p.text for p in docx.Document(str(mine)).paragraphs)
    mine.unlink()
    Select(css(driver, "#dl-tpl")).select_by_value("")  # the standard template: GB/T 9704's 28 mm
    Select(css(driver, "#dl-font")).select_by_value("gb2312")
    css(driver, "form.dl button[type=submit]").click()
    standard = wait_file(fresh_downloads, ".docx")
    assert abs(_left_margin_mm(standard) - 28) < 0.2
    assert "仿宋_GB2312" in zipfile.ZipFile(standard).read("word/styles.xml").decode("utf-8")


def test_pdf_download_through_libreoffice(
    driver: Any, server: Any, last_year: dict[str, Any], fresh_downloads: Path
) -> None:
    from docgen.render.pdf import find_soffice

    if find_soffice() is None:
        if os.environ.get("DOCGEN_REQUIRE_OFFICE") == "1" or os.environ.get("CI") == "true":
            pytest.fail("LibreOffice 未安装，无法测试 PDF 下载（.ci/run 会安装）")
        driver.get(last_year["url"])
        wait_editor(driver)
        assert not all_css(driver, "#dl-fmt option[value=pdf]")
        assert "暂不能导出 PDF" in css(driver, "form.dl").text
        pytest.skip("LibreOffice 未安装：页面不提供 PDF（已核对提示）")
    import pdfplumber

    driver.get(last_year["url"])
    wait_editor(driver)
    Select(css(driver, "#dl-fmt")).select_by_value("pdf")
    css(driver, "form.dl button[type=submit]").click()
    pdf = wait_file(fresh_downloads, ".pdf", timeout=90)
    assert pdf.read_bytes().startswith(b"%PDF-")
    with pdfplumber.open(str(pdf)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
        assert len(doc.pages) >= 2
    assert "186" in text and "讲话" in text


def test_this_years_document_starts_from_last_years(
    driver: Any, server: Any, last_year: dict[str, Any], shots: Path
) -> None:
    css(driver, "nav a[href='/new']").click()
    wait(driver, lambda d: "新建文稿" in d.title)
    Select(css(driver, "#nl-doc")).select_by_value(str(last_year["id"]))
    css(driver, "#nl-title").send_keys("2025年宣传信息工作会议讲话")
    css(driver, "#nl-title").submit()
    wait(driver, lambda d: re.search(r"/docs/\d+$", d.current_url), what="打开复制的文稿")
    wait_editor(driver)
    assert int(driver.current_url.rsplit("/", 1)[1]) != last_year["id"]
    meta = css(driver, ".meta").text
    assert "2025年" in meta and "由 2024 年的" in meta  # the first revision's note says where it came from
    text = editor_text(driver)
    assert "  date: 2025-12-06" in text and "  id: cy-2025-xcxx-speech" in text
    assert "horizon: 2026年" in text  # the year it plans for moves on too
    assert "{ref: media.total, previous: 186, previous_period: 去年}" in text
    wait(driver, lambda d: "数据有效" in css(d, "#lint-status").text, what="复制后的数据有效")
    # this year's number goes in; the preview compares it with last year's
    line = line_of(text, "value: 186")
    type_at(driver, line, text.splitlines()[line - 1].index("186") + 1, "203", select=3)
    css(driver, "#tab-preview").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview-body .page .d-title"), what="预览")
    seg = next(s for s in all_css(driver, ".page .seg") if "203篇" in s.text)
    assert "较去年增长9.1%" in seg.text
    seg.click()
    assert "achievements.media.total" in css(driver, "#paths-out").text
    shot(driver, shots, "11-from-last-year")
    css(driver, "#tab-yaml").click()
    _save(driver, "今年的数字")
    driver.get(server.url + "/")
    years = [h.text for h in all_css(driver, "main h2")]
    assert years.index(next(y for y in years if "2025" in y)) < years.index(
        next(y for y in years if "2024" in y)
    )
