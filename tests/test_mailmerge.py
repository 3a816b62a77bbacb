"""Mail merge: a shared facts file + a sheet ``units`` (one row per unit) → one document per row through
``docgen batch``; a bad cell fails its own row only, reported at the cell."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from docgen import api
from docgen.cli import main
from docgen.mailmerge import template_with_units

ROOT = Path(__file__).resolve().parents[1]
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
HEAD = [
    "名称",
    "层级",
    "地名",
    "发稿总数 [achievements.media.total.value]",
    "收集数 [achievements.social_opinion.collected.value]",
]


def units(path: Path, *rows: list[Any], head: list[str] = HEAD) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "units"
    ws.append(head)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def batch(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["batch", *args])
    return r.exit_code, r.stdout, r.stderr


def test_one_document_per_row_with_the_rows_values(tmp_path: Path) -> None:
    book = units(
        tmp_path / "各单位.xlsx",
        ["县政协", "county", "青禾", 120, 400],
        [],
        ["区政协", "district", "望川", 95],
    )
    out = tmp_path / "out"
    code, stdout, _ = batch(str(CITY), "--rows", str(book), "-o", str(out), "--format", "txt")
    assert code == 0, stdout
    assert sorted(p.name for p in out.glob("*.txt")) == ["望川区政协.txt", "青禾县政协.txt"]
    qinghe = (out / "青禾县政协.txt").read_text(encoding="utf-8")
    assert "刊发稿件120篇" in qinghe and "收集各类社情民意信息400条" in qinghe
    wangchuan = (out / "望川区政协.txt").read_text(encoding="utf-8")
    assert "刊发稿件95篇" in wangchuan
    assert "收集各类社情民意信息312条" in wangchuan  # an empty cell keeps the shared value
    # the same bytes as rendering a facts file holding the merged values
    merged = CITY.read_text(encoding="utf-8").replace("value: 186", "value: 95", 1)
    merged = merged.replace("level: city", "level: district", 1).replace("place: 澄阳", "place: 望川", 1)
    merged = merged.replace("short_name: 市政协", "short_name: 区政协", 1)
    (tmp_path / "m.yaml").write_text(merged, encoding="utf-8")
    assert (
        api.render_draft(api.compose_file(tmp_path / "m.yaml"), "txt")
        == (out / "望川区政协.txt").read_bytes()
    )


def test_workbook_among_the_inputs_is_the_same_as_rows(tmp_path: Path) -> None:
    book = units(tmp_path / "u.xlsx", ["县政协", "county", "青禾", 120])
    code, _, _ = batch(str(CITY), str(book), "-o", str(tmp_path / "out"))
    assert code == 0 and (tmp_path / "out" / "青禾县政协.docx").is_file()


def test_bad_cells_fail_their_row_only_with_every_problem_at_its_cell(tmp_path: Path) -> None:
    book = units(
        tmp_path / "u.xlsx",
        ["县政协", "county", "青禾", 120],
        ["县政协", "镇", "临溪", "九十"],
        ["区政协", "district", "石湾", 80],
    )
    code, stdout, _ = batch(str(CITY), "--rows", str(book), "-o", str(tmp_path / "out"))
    assert code == 1
    assert (
        "u.xlsx:units!D3: 发稿总数 [achievements.media.total.value]: "
        "应为数值（阿拉伯数字，不加单位；大数可写“8.6万”“1.2亿”），实际为“九十” [not-number]" in stdout
    )
    assert "u.xlsx:units!B3: org.level: 取值“镇”无效" in stdout
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == ["石湾区政协.docx", "青禾县政协.docx"]


def test_rerun_renders_only_the_changed_row(tmp_path: Path) -> None:
    out = tmp_path / "out"
    book = units(tmp_path / "u.xlsx", ["县政协", "county", "青禾", 120], ["区政协", "district", "望川", 95])
    assert batch(str(CITY), "--rows", str(book), "-o", str(out))[0] == 0
    units(tmp_path / "u.xlsx", ["县政协", "county", "青禾", 121], ["区政协", "district", "望川", 95])
    code, stdout, _ = batch(str(CITY), "--rows", str(book), "-o", str(out))
    assert code == 0 and "生成 1，未变跳过 1" in stdout


def test_unknown_column_and_missing_sheet_are_reported_before_anything_is_rendered(tmp_path: Path) -> None:
    book = units(tmp_path / "u.xlsx", ["县政协"], head=["名称", "随便 [achievements.nothing]"])
    code, _, stderr = batch(str(CITY), "--rows", str(book), "-o", str(tmp_path / "out"))
    assert code == 1 and "u.xlsx:units!B1: 随便 [achievements.nothing]: 不认识的列" in stderr
    code, _, stderr = batch(str(CITY), "--rows", str(book), "--sheet", "各县", "-o", str(tmp_path / "out"))
    assert code == 2 and "没有名为“各县”的工作表" in stderr
    assert not list((tmp_path / "out").glob("*.docx")) if (tmp_path / "out").exists() else True


def test_generated_units_sheet_round_trips(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template_with_units("leadership_speech")))
    ws = wb["units"]
    head = [str(c.value) for c in ws[1]]
    assert head[:4] == [
        "单位·简称 [org.short_name]",
        "单位·全称 [org.full_name]",
        "单位·层级 [org.level]",
        "单位·地名 [org.place]",
    ]
    col = head.index("成绩·新闻宣传·发稿总数·发稿总数 [achievements.media.total.value]") + 1
    ws.cell(2, 1, "县政协")
    ws.cell(2, 3, "county")
    ws.cell(2, 4, "青禾")
    ws.cell(2, col, 177)
    wb.save(tmp_path / "u.xlsx")
    code, _, _ = batch(
        str(CITY), "--rows", str(tmp_path / "u.xlsx"), "-o", str(tmp_path / "out"), "--format", "txt"
    )
    assert code == 0
    assert "刊发稿件177篇" in (tmp_path / "out" / "青禾县政协.txt").read_text(encoding="utf-8")
