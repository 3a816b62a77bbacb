"""Workbooks: ``docgen excel-template`` derives its sheets from the model; ``docgen import`` reads a filled one into
the facts format, keeping the other blocks and comments of the file it merges into, and reports every problem
at its sheet and cell.  Workbooks are built here with openpyxl."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import typing
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from kindlists import CPPCC_KINDS
from pydantic import BaseModel

from docgen import api, registry
from docgen.cli import main
from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.excel import blocks_for_kind, template_bytes
from docgen.excel_import import WorkbookError
from docgen.excel_merge import import_workbook

ROOT = Path(__file__).resolve().parents[1]
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


@functools.cache
def _template(kind: str) -> bytes:
    return template_bytes(kind)


def template(kind: str = "leadership_speech") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(_template(kind)))


def fill(wb: openpyxl.Workbook, sheet: str, *rows: list[Any], keep_example: bool = False) -> None:
    ws = wb[sheet]
    if not keep_example:
        ws.delete_rows(2)
    for row in rows:
        ws.append(row)


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def headers(wb: openpyxl.Workbook, sheet: str) -> list[str]:
    return [str(c.value) for c in wb[sheet][1]]


def _list_blocks(model: type[BaseModel], path: str = "") -> set[str]:
    """Every list-of-models field under ``model``, found independently of docgen.excel."""
    out = set()
    for name, info in model.model_fields.items():
        here = f"{path}.{name}" if path else name
        ann = info.annotation
        options = (
            [a for a in typing.get_args(ann) if a is not type(None)]
            if typing.get_origin(ann) is not list
            else []
        )
        ann = options[0] if len(options) == 1 else ann
        inner = typing.get_args(ann)
        if typing.get_origin(ann) is list and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            out.add(here + "[]")
            out |= _list_blocks(inner[0], here + "[]")
        elif isinstance(ann, type) and issubclass(ann, BaseModel):
            out |= _list_blocks(ann, here)
    return out


# -- the template -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(CPPCC_KINDS))
def test_template_has_one_sheet_per_repeating_block_of_the_kind(kind: str) -> None:
    wb = template(kind)
    fields = set()
    for ws in wb.worksheets[1:]:
        comment = ws["A1"].comment.text if ws["A1"].comment else ""
        m = re.search(r"字段：(\S+?)\.(?:上级序号|[a-z_.]+)$", comment)
        assert m, (ws.title, comment)
        fields.add(m.group(1))
    allowed = {"org", *registry.kind(kind).blocks}
    expected = {p for p in _list_blocks(Facts) if p.split(".")[0].removesuffix("[]") in allowed}
    expected = {p for p in expected if not p.startswith("document")}
    assert fields == expected
    assert wb.sheetnames[0] == "说明"


def test_template_headers_are_chinese_with_descriptions_validation_and_an_example_row() -> None:
    wb = template()
    ws = wb["荣誉"]
    assert headers(wb, "荣誉")[:4] == ["荣誉类别*", "获奖单位", "获奖人数", "荣誉名称*"]
    assert "unit 集体" in ws["A1"].comment.text and "achievements.honours[].kind" in ws["A1"].comment.text
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["A2:A1000"].type == "list"
    assert rules["A2:A1000"].formula1 == '"unit,individual,work,paper,recognition"'
    assert rules["C2:C1000"].type == "whole" and rules["C2:C1000"].formula1 == "1"
    assert [c.value for c in ws[2]][:4] == ["unit", "市政协办公室", 3, "全省政协宣传工作先进集体"]
    assert ws["A2"].font.color.rgb.endswith("808080")
    rules = {str(dv.sqref): dv for dv in wb["社情民意信息-排名"].data_validations.dataValidation}
    assert rules["C2:C1000"].type == "whole"  # 名次


def test_nested_lists_get_a_sheet_naming_their_parent_row() -> None:
    wb = template()
    assert headers(wb, "工作任务-任务-目标")[0] == "所属工作任务-任务（序号）*"
    assert "指标*" in headers(wb, "工作任务-任务-目标")


def test_sheets_follow_the_kind() -> None:
    names = {b.name for b in blocks_for_kind("meeting_plan")}
    assert {"会议议程", "会议材料", "工作分工"} <= names
    assert "分媒体发稿" not in names


# -- import -----------------------------------------------------------------------------------------------


def test_filled_workbook_merges_into_a_facts_file_keeping_its_comments(tmp_path: Path) -> None:
    wb = template()
    fill(wb, "分媒体发稿", ["rmzxb", 12, "篇", None], [], [None, None], ["dlzxb", 70, "篇", 6])
    fill(wb, "荣誉", ["unit", "市政协办公室", None, "全省政协信息工作先进单位", None, "省政协", 2024])
    fill(wb, "工作任务-任务-目标", [1, "发稿", "dlzxb", 60, 80, "篇"])
    fill(wb, "重点报道", ["协商议事进社区", "dlzxb", "头版", "2024年3月5日"])
    result = import_workbook(save(wb, tmp_path / "统计表.xlsx"), into=CITY)
    before = CITY.read_text(encoding="utf-8")
    comments = [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
    assert comments and all(c in result.text for c in comments)
    assert result.text.count("\n") > 300 and "pc_2024_standard" in result.text
    out = tmp_path / "facts.yaml"
    out.write_text(result.text, encoding="utf-8")
    facts = api.load_facts(out)
    media = facts.achievements.media  # type: ignore[union-attr]
    assert [(b.outlet, b.count, b.front_page) for b in media.by_outlet] == [
        ("rmzxb", 12, None),
        ("dlzxb", 70, 6),
    ]  # type: ignore[union-attr]
    assert media.notable_reports[0].date == dt.date(2024, 3, 5)  # type: ignore[union-attr]
    assert [h.title for h in facts.achievements.honours] == ["全省政协信息工作先进单位"]  # type: ignore[union-attr]
    section = facts.tasks.sections[0]  # type: ignore[union-attr]
    assert [(t.metric, t.min, t.max) for t in section.targets] == [("发稿", 60, 80)]
    assert section.items  # the task's other fields were kept
    text = api.render_draft(api.compose_file(out), "txt").decode("utf-8")
    assert "全省政协信息工作先进单位" in text


def test_import_without_into_writes_only_the_imported_blocks(tmp_path: Path) -> None:
    wb = template("work_summary")
    fill(wb, "媒体名录", ["shwb", "石湾报", "county", "newspaper"])
    fill(wb, "上报", ["省政协", 96, "条", None])
    result = import_workbook(save(wb, tmp_path / "a.xlsx"))
    assert result.text.startswith("# 由 a.xlsx 导入")
    assert "outlets:" in result.text and "submitted:" in result.text and "document" not in result.text


def test_every_problem_of_a_bad_workbook_at_once_with_sheet_cell_and_column(tmp_path: Path) -> None:
    wb = template()
    fill(wb, "分媒体发稿", ["rmzxb", "四十", "篇"], [], ["nosuch", 5, "篇", 1], [None, 3, "篇"])
    fill(wb, "荣誉", ["unit", None, None, "先进集体", None, None, "=2020+4"], ["honour", None, None, "奖"])
    fill(wb, "重点报道", ["题目", "dlzxb", "头版", "去年底"], ["题目二", "dlzxb", "头版", "2024-02-30"])
    fill(wb, "培训", ["培训班", 2, 120], ["培训班", 3, 80])
    wb["培训"].merge_cells("B2:B3")
    path = save(wb, tmp_path / "统计表.xlsx")
    with pytest.raises(WorkbookError) as info:
        import_workbook(path, into=CITY)
    lines = [p.format().replace(str(path), "统计表.xlsx") for p in info.value.problems]
    assert lines == [
        "统计表.xlsx:分媒体发稿!B2: 篇数: 应为数值（阿拉伯数字，不加单位；大数可写“8.6万”“1.2亿”），实际为“四十” [not-number]",
        "统计表.xlsx:分媒体发稿!A4: 媒体ID*: 媒体 id“nosuch”不在媒体名录中（“媒体名录”表或事实文件的 outlets） [unknown-outlet]",
        "统计表.xlsx:分媒体发稿!A5: 媒体ID*: 必填：“媒体ID”不能留空 [missing-field]",
        "统计表.xlsx:培训!B2: 合并了单元格 B2:B3：每行每格都要有自己的值，请取消合并后逐格填写 [merged-cells]",
        "统计表.xlsx:荣誉!G2: 年度: 公式没有计算结果（文件未经 Excel/WPS 保存）：请在 Excel/WPS 中打开并保存，或改填数值 [formula-no-value]",
        "统计表.xlsx:荣誉!A3: 荣誉类别*: 取值“honour”无效，可选：unit、individual、work、paper、recognition [bad-choice]",
        "统计表.xlsx:重点报道!D2: 刊发日期: 应为日期，如 2024-12-06 或 2024年12月6日，实际为“去年底” [bad-date]",
        "统计表.xlsx:重点报道!D3: 刊发日期: 应为日期，如 2024-12-06 或 2024年12月6日，实际为“2024-02-30” [bad-date]",
    ]


def _with_cached_value(path: Path, sheet_index: int, cell: str, value: str) -> None:
    """What Excel does when it saves: a formula cell keeps its formula and its computed value."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    xml = parts[name].decode("utf-8")
    xml, n = re.subn(
        rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(?:</v>)?', rf"\1<f>\2</f><v>{value}</v>", xml
    )
    assert n == 1, xml[:500]
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for n_, data in parts.items():
            zf.writestr(n_, data)


def test_a_formula_with_its_computed_value_is_read_as_the_value(tmp_path: Path) -> None:
    wb = template()
    fill(wb, "荣誉", ["unit", "市政协办公室", None, "先进集体", None, "省政协", "=2020+4"])
    path = save(wb, tmp_path / "a.xlsx")
    _with_cached_value(path, wb.sheetnames.index("荣誉") + 1, "G2", "2024")
    result = import_workbook(path, into=CITY)
    assert "year: 2024" in result.text


def test_merged_problems_in_imported_values_point_at_their_cells(tmp_path: Path) -> None:
    wb = template()
    fill(wb, "被采用", ["省政协", 500, "条"])  # more adopted than submitted (96): a rule of the whole facts
    path = save(wb, tmp_path / "a.xlsx")
    with pytest.raises(WorkbookError) as info:
        import_workbook(path, into=CITY)
    (p,) = info.value.problems
    assert (p.sheet, p.cell, p.code) == ("被采用", "B2", "order-adopted-submitted")


def test_untouched_template_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(_template("leadership_speech"))
    result = import_workbook(path, into=CITY)
    assert result.text == CITY.read_text(encoding="utf-8")


def test_unknown_sheet_and_column_are_reported(tmp_path: Path) -> None:
    wb = template()
    wb.create_sheet("随便写写")
    wb["培训"]["E1"] = "备注"
    with pytest.raises(WorkbookError) as info:
        import_workbook(save(wb, tmp_path / "a.xlsx"))
    codes = sorted((p.sheet, p.cell, p.code) for p in info.value.problems)
    assert codes == [("培训", "E1", "unknown-column"), ("随便写写", "A1", "unknown-sheet")]


# -- the commands -----------------------------------------------------------------------------------------


def test_cli_excel_template_then_import(tmp_path: Path) -> None:
    runner = CliRunner()
    book = tmp_path / "统计表.xlsx"
    r = runner.invoke(main, ["excel-template", "leadership_speech", "-o", str(book)])
    assert r.exit_code == 0 and book.is_file()
    assert runner.invoke(main, ["excel-template", "leadership_speech", "-o", str(book)]).exit_code == 2
    wb = openpyxl.load_workbook(book)
    fill(wb, "培训", ["全市政协信息员培训班", 1, 90])
    wb.save(book)
    facts = tmp_path / "facts.yaml"
    facts.write_bytes(CITY.read_bytes())
    r = runner.invoke(main, ["import", str(book), "--into", str(facts), "-o", str(facts)])
    assert r.exit_code == 0, r.stderr
    assert "全市政协信息员培训班" in facts.read_text(encoding="utf-8")
    assert runner.invoke(main, ["validate", str(facts)]).exit_code == 0

    fill(wb, "培训", ["坏行", "两天"], keep_example=True)
    wb.save(book)
    before = facts.read_bytes()
    r = runner.invoke(main, ["import", str(book), "--into", str(facts), "-o", str(facts)])
    assert r.exit_code == 1
    assert "培训!B3: 天数: 应为整数" in r.stderr and "未写入" in r.stderr
    assert facts.read_bytes() == before


def test_cli_import_of_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "a.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    r = CliRunner().invoke(main, ["import", str(bad), "-o", str(tmp_path / "f.yaml")])
    assert r.exit_code == 2 and "不是有效的 .xlsx 工作簿" in r.stderr


@pytest.mark.parametrize("kind", CPPCC_KINDS)
def test_the_example_row_shows_the_domains_examples_whole_counts_and_real_units(kind: str) -> None:
    """The grey example row reads like a filled row: the domain's invented examples (what ``docgen init``
    shows), counted values as whole numbers (a decimal suits only 万/亿 units and money), units a real unit."""
    from docgen.excel import example_value

    for block in blocks_for_kind(kind):
        for col in block.columns:
            shown = example_value(col)
            where = f"{block.name}·{col.title}"
            if col.kind == "float":  # a counted value
                assert isinstance(shown, int), where
            if col.path[-1].endswith("unit") and col.kind == "str":
                assert shown != "示例（虚构）" and "示例" not in str(shown), where
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(kind)))
    if "分媒体发稿" in wb.sheetnames:
        ws = wb["分媒体发稿"]
        row = {ws.cell(1, j).value: ws.cell(2, j).value for j in range(1, ws.max_column + 1)}
        assert (row["篇数"], row["单位"]) == (64, "篇")


@pytest.mark.parametrize("into", [False, True])
def test_a_placeholder_in_a_cell_is_reported_once_at_its_cell(tmp_path: Path, into: bool) -> None:
    wb = template()
    fill(wb, "被采用", ["某某单位", 5, "条"])
    path = save(wb, tmp_path / "a.xlsx")
    with pytest.raises(WorkbookError) as info:
        import_workbook(path, into=CITY if into else None)
    (p,) = info.value.problems
    assert (p.sheet, p.cell, p.code) == ("被采用", "A2", "placeholder")
    assert "某某" in p.message
