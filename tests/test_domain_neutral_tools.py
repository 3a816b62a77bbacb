"""The tools around the facts — statistics workbooks (``excel-template``, ``import``), the mail-merge ``units``
sheet, ``docgen init`` and the JSON Schema — take everything domain-specific from the registry: a second
domain (``tests/minidomain.py``, registered only here) gets its own sheets, columns, examples and schema, and a
workbook of one domain is refused in Chinese when it is imported into facts of another (issue 12)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from docgen import excel, registry
from docgen.cli import main
from docgen.errors import UsageError
from docgen.excel_merge import import_workbook
from docgen.init import skeleton
from docgen.mailmerge import template_with_units, unit_columns
from docgen.schema import json_schema

ROOT = Path(__file__).resolve().parents[1]
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(registry, "_entry_point_refs", lambda: ["minidomain:DOMAIN"])
    registry._registry.cache_clear()
    yield
    monkeypatch.undo()
    registry._registry.cache_clear()


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_excel_template_of_another_domains_kind_has_that_domains_sheets(mini: None, tmp_path: Path) -> None:
    out = tmp_path / "走访.xlsx"
    r = CliRunner().invoke(main, ["excel-template", "zz_mini_note", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["说明", "已进行的议程", "上级要求", "走访记录"]  # meeting (shared), visits
    assert [c.value for c in wb["走访记录"][1]] == ["走访地点*", "走访人次*"]
    assert str(wb["说明"].cell(1, 2).value).startswith("文种：zz_mini_note。")


def test_import_reads_the_sheets_of_the_domain_the_workbook_names(mini: None, tmp_path: Path) -> None:
    wb = _book(excel.template_bytes("zz_mini_note"))
    ws = wb["走访记录"]
    ws.delete_rows(2)
    ws.append(["临溪镇（虚构）", 8])
    ws.append(["石湾村（虚构）", "四十"])
    path = tmp_path / "填好.xlsx"
    wb.save(path)
    with pytest.raises(Exception) as err:
        import_workbook(path)
    assert "填好.xlsx:走访记录!B3" in str(err.value) and "not-int" in str(err.value)
    ws.cell(3, 2, 40)
    wb.save(path)
    result = import_workbook(path)
    assert result.data["visits"] == [
        {"place": "临溪镇（虚构）", "people": 8},
        {"place": "石湾村（虚构）", "people": 40},
    ]


def test_a_workbook_of_one_domain_into_facts_of_another_is_refused_in_chinese(
    mini: None, tmp_path: Path
) -> None:
    book = tmp_path / "讲话统计.xlsx"
    book.write_bytes(excel.template_bytes("leadership_speech"))
    facts = tmp_path / "便笺.yaml"
    facts.write_text("document:\n  kind: zz_mini_note\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        import_workbook(book, into=facts)
    message = str(err.value)
    assert "leadership_speech" in message and "测试小领域（虚构）" in message
    assert "docgen excel-template zz_mini_note" in message


def test_the_units_sheet_offers_the_domains_own_per_unit_fields(mini: None) -> None:
    paths = [".".join(c.path) for c in unit_columns("zz_mini")]
    assert "org.short_name" in paths and "tally.reports" in paths and "tally.remark" in paths
    assert not any(p.startswith("achievements") for p in paths)
    heads = [c.value for c in _book(template_with_units("zz_mini_note"))["units"][1]]
    assert "统计·报送篇数 [tally.reports]" in heads
    built_in = [".".join(c.path) for c in unit_columns()]
    assert any(p.startswith("achievements.") for p in built_in)  # the built-in domain's unit_blocks


def test_skeleton_and_schema_take_the_domains_examples_not_the_built_in_ones(mini: None) -> None:
    text = skeleton("zz_mini_note")
    assert "望川测试办" in text and "全县测试工作例会" in text
    built_in_examples = registry.load_object(registry.domain(registry.FIRST).skeleton_hints).examples
    shown = [v for k, v in built_in_examples.items() if k.startswith(("Org.", "Document.", "Meeting.", "Speaker."))]
    flavoured = [v for v in shown if isinstance(v, str) and "政协" in v]
    assert flavoured and not [v for v in flavoured if v in text]
    own = registry.load_object(registry.domain(registry.FIRST).skeleton_hints).descriptions
    assert own and not [d for d in own.values() if d in text]  # the built-in domain's wording of shared fields
    schema = json_schema("zz_mini")
    assert schema["$defs"]["Org"]["properties"]["short_name"]["examples"] == ["望川测试办（虚构）"]
    assert "政协" not in schema["$defs"]["Org"]["properties"]["short_name"]["description"]
    built_in = json_schema()
    assert built_in["$defs"]["Org"]["properties"]["short_name"]["examples"] == ["市政协"]
    assert built_in["$defs"]["Org"]["properties"]["short_name"]["description"] == "市政协 / 县政协 / 区政协"


def test_the_built_in_domain_keeps_its_skeleton_examples() -> None:
    text = skeleton("leadership_speech")
    assert "市政协主席" in text and "在全市政协宣传信息工作会议上的讲话" in text
