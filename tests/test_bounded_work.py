"""Bounded work on hostile input (issue 16, item 4): limits by work, not only by bytes.

Every hostile input here is small (well under the byte limits) but over a work limit; each is refused with a
Chinese message instead of running for minutes.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.docxlimits import MAX_PARAGRAPHS
from docgen.errors import FactsError, RenderError
from docgen.load import MAX_EXPANDED_CHARS, MAX_NODES, load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
TEMPLATE = ROOT / "templates" / "leadership_speech.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def cli(*args: str | Path) -> tuple[int, str]:
    r = CliRunner().invoke(main, [str(a) for a in args])
    return r.exit_code, r.output


def _codes(text: str) -> list[str]:
    with pytest.raises(FactsError) as err:
        load_yaml_text(text, "hostile.yaml")
    return [p.code for p in err.value.problems]


# -- YAML ----------------------------------------------------------------------------------------------------


def test_aliases_to_one_long_string_are_limited_by_expanded_text() -> None:
    n = 60_000
    aliases = MAX_EXPANDED_CHARS // n + 2
    text = f"s: &a {'字' * n}\nl:\n" + "".join("  - *a\n" for _ in range(aliases))
    assert len(text.encode()) < 300_000
    assert _codes(text) == ["alias-limit"]


def test_a_huge_flow_list_is_limited_by_node_count() -> None:
    text = "a: [" + ",".join("1" for _ in range(MAX_NODES + 10)) + "]\n"
    assert _codes(text) == ["too-many-nodes"]


def test_a_flood_of_keys_is_limited_by_node_count() -> None:
    text = "".join(f"k{i}: 1\n" for i in range(MAX_NODES // 2 + 10))
    assert _codes(text) == ["too-many-nodes"]


def test_a_flood_of_problems_prints_two_hundred_and_counts_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        CITY.read_text(encoding="utf-8") + "".join(f"unknown{i}: 1\n" for i in range(300)), encoding="utf-8"
    )
    code, out = cli("validate", bad)
    assert code == 1
    lines = out.strip().splitlines()
    assert "还有 100 个问题未列出" in out
    assert len(lines) < 210


# -- .docx on every path that opens one ----------------------------------------------------------------------


def _parts(src: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(src) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _many_paragraphs(src: Path) -> bytes:
    parts = _parts(src)
    doc = parts["word/document.xml"]
    head, tail = doc.split(b"<w:body>", 1)
    parts["word/document.xml"] = head + b"<w:body>" + b"<w:p/>" * (MAX_PARAGRAPHS + 100) + tail
    return _zip(parts)


def _entities(src: Path) -> bytes:
    parts = _parts(src)
    doc = parts["word/document.xml"]
    decl, rest = doc.split(b"?>", 1) if doc.startswith(b"<?xml") else (b"", doc)
    lol = b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    parts["word/document.xml"] = (decl + b"?>" if decl else b"") + lol + rest
    return _zip(parts)


def _bomb(src: Path) -> bytes:
    """A .docx whose document part says it unpacks to 300 MB (the central directory's size field)."""
    data = bytearray(_zip(_parts(src)))
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == name:
            struct.pack_into("<I", data, at + 24, 300 * 1024 * 1024)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("hostile")
    good = d / "good.docx"
    assert cli("render", CITY, "-o", good)[0] == 0
    out = {"good": good}
    for label, make in (("paragraphs", _many_paragraphs), ("entities", _entities), ("bomb", _bomb)):
        p = d / f"{label}.docx"
        p.write_bytes(make(good))
        assert p.stat().st_size < 200_000
        out[label] = p
        t = d / f"template-{label}.docx"
        t.write_bytes(make(TEMPLATE))
        out[f"template-{label}"] = t
    return out


HOSTILE = ["paragraphs", "entities", "bomb"]
REASON = {"paragraphs": "段落过多", "entities": "DOCTYPE", "bomb": "过大"}


@pytest.mark.parametrize("kind", HOSTILE)
def test_diff_refuses_each_hostile_docx(drafts: dict[str, Path], kind: str) -> None:
    for args in ((drafts["good"], drafts[kind]), (drafts[kind], drafts["good"])):
        code, out = cli("diff", *args)
        assert code == 2 and REASON[kind] in out, out


@pytest.mark.parametrize("kind", HOSTILE)
def test_check_refuses_each_hostile_docx(drafts: dict[str, Path], kind: str) -> None:
    code, out = cli("check", drafts[kind], CITY)
    assert code == 2 and REASON[kind] in out, out


@pytest.mark.parametrize("kind", HOSTILE)
def test_compare_to_refuses_each_hostile_docx(drafts: dict[str, Path], kind: str, tmp_path: Path) -> None:
    code, out = cli("render", CITY, "-o", tmp_path / "new.docx", "--compare-to", drafts[kind])
    assert code == 2 and REASON[kind] in out and str(drafts[kind]) in out, out


@pytest.mark.parametrize("kind", HOSTILE)
def test_template_check_and_render_template_refuse_each_hostile_template(
    drafts: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    code, out = cli("template", "check", drafts[f"template-{kind}"])
    assert code == 1 and REASON[kind] in out, out
    code, out = cli("render", CITY, "--template", drafts[f"template-{kind}"], "-o", tmp_path / "x.docx")
    assert code == 3 and REASON[kind] in out, out


@pytest.mark.parametrize("kind", HOSTILE)
def test_preview_refuses_each_hostile_docx_before_libreoffice(
    drafts: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    from docgen.preview import preview

    with pytest.raises(RenderError, match=REASON[kind]):
        preview(drafts[kind], tmp_path / "pv")
    assert not (tmp_path / "pv").exists()


# -- templates that loop without bound ------------------------------------------------------------------------


def _template_with_body(tmp_path: Path, inject: Callable[[bytes], bytes]) -> Path:
    parts = _parts(TEMPLATE)
    parts["word/document.xml"] = inject(parts["word/document.xml"])
    path = tmp_path / "loops.docx"
    path.write_bytes(_zip(parts))
    return path


@pytest.mark.parametrize(
    "tag",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% for a in blocks %}{% for b in blocks %}{% for c in blocks %}{% for d in blocks %}"
        "{% for e in blocks %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
        "{{ 'x' * 100000000 }}",
        "{{ 9 ** 99999999 }}",
    ],
)
def test_a_template_that_loops_without_bound_is_refused(tmp_path: Path, tag: str) -> None:
    para = f"<w:p><w:r><w:t>{tag}</w:t></w:r></w:p>".encode()
    tpl = _template_with_body(tmp_path, lambda doc: doc.replace(b"<w:body>", b"<w:body>" + para, 1))
    code, out = cli("template", "check", tpl)
    assert code == 1, out
    assert "循环次数过多" in out or "过长" in out or "乘方" in out, out
    code, out = cli("render", CITY, "--template", tpl, "-o", tmp_path / "x.docx")
    assert code == 3, out


# -- outputs carry nothing hostile through (item 5) --------------------------------------------------------------


HOSTILE_NAMES = [
    "../../evil.txt",
    "/etc/evil.xml",
    "word/../../evil2.xml",
    "word\\..\\evil3.xml",
    "x/evil4.xml",
]


def _with_hostile_entries(src: Path) -> bytes:
    parts = _parts(src)
    for name in HOSTILE_NAMES:
        parts[name] = b"<x/>"
    return _zip(parts)


def _names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.namelist()


def test_a_redline_writes_only_known_parts(drafts: dict[str, Path], tmp_path: Path) -> None:
    new = tmp_path / "new.docx"
    new.write_bytes(_with_hostile_entries(drafts["good"]))
    red = tmp_path / "red.docx"
    code, out = cli("diff", drafts["good"], new, "--redline", red)
    assert code in (0, 1), out
    names = _names(red.read_bytes())
    assert "word/document.xml" in names
    assert not set(HOSTILE_NAMES) & set(names)
    assert all(".." not in n and not n.startswith("/") and "\\" not in n for n in names)


def test_render_with_a_house_template_writes_only_known_parts(tmp_path: Path) -> None:
    tpl = tmp_path / "本单位模板.docx"
    tpl.write_bytes(_with_hostile_entries(TEMPLATE))
    out = tmp_path / "x.docx"
    code, text = cli("render", CITY, "--template", tpl, "-o", out)
    assert code == 0, text
    names = _names(out.read_bytes())
    assert not set(HOSTILE_NAMES) & set(names)
    assert "word/document.xml" in names


def test_no_doctype_passes_into_an_output(drafts: dict[str, Path], tmp_path: Path) -> None:
    from docgen.render.finalize import write_docx

    parts = _parts(drafts["good"])
    parts["word/settings.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>' + parts["word/settings.xml"].split(b"?>", 1)[1]
    )
    with pytest.raises(RenderError, match="DOCTYPE"):
        write_docx(parts)
    new = tmp_path / "doctype.docx"
    new.write_bytes(_zip(parts))
    code, out = cli("diff", drafts["good"], new, "--redline", tmp_path / "red.docx")
    assert code == 2 and "DOCTYPE" in out
    assert not (tmp_path / "red.docx").exists()


# Chinese and percent-encoded part names are real parts (WPS and Chinese Word write them): kept, not dropped.
CHINESE_PARTS = {
    "word/media/图片1.png": b"\x89PNG\r\n\x1a\n not really",
    "word/media/%E5%9B%BE2.png": b"\x89PNG\r\n\x1a\n percent-encoded",
    "customXml/项目 数据.xml": b"<x>\xe6\x95\xb0</x>",
}


@pytest.mark.parametrize("name", [*CHINESE_PARTS, "word/document.xml", "_rels/.rels", "[Content_Types].xml"])
def test_plain_and_chinese_part_names_are_known(name: str) -> None:
    from docgen.render.finalize import known_part

    assert known_part(name)


@pytest.mark.parametrize(
    "name", [*HOSTILE_NAMES, "word//x.xml", "word/a\x00b.xml", "word/a:b.xml", "word/x.", "word/", "WORD/x.xml"]
)
def test_hostile_part_names_are_not_known(name: str) -> None:
    from docgen.render.finalize import known_part

    assert not known_part(name)


def test_write_docx_keeps_chinese_part_names_byte_for_byte() -> None:
    from docgen.render.finalize import read_parts, write_docx

    parts = {**_parts(TEMPLATE), **CHINESE_PARTS}
    out = read_parts(write_docx(parts))
    assert {n: out[n] for n in CHINESE_PARTS} == CHINESE_PARTS


def test_a_redline_keeps_the_chinese_parts_of_the_new_draft(drafts: dict[str, Path], tmp_path: Path) -> None:
    new = tmp_path / "新稿.docx"
    new.write_bytes(_zip({**_parts(drafts["good"]), **CHINESE_PARTS}))
    red = tmp_path / "修订稿.docx"
    code, out = cli("diff", drafts["good"], new, "--redline", red)
    assert code in (0, 1), out
    names = _names(red.read_bytes())
    assert set(CHINESE_PARTS) <= set(names)


def test_render_with_a_house_template_keeps_its_chinese_parts(tmp_path: Path) -> None:
    tpl = tmp_path / "本单位模板.docx"
    tpl.write_bytes(_zip({**_parts(TEMPLATE), **CHINESE_PARTS}))
    out = tmp_path / "x.docx"
    code, text = cli("render", CITY, "--template", tpl, "-o", out)
    assert code == 0, text
    assert set(CHINESE_PARTS) <= set(_names(out.read_bytes()))


# -- workbooks (import, mail merge) --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = tmp_path_factory.mktemp("book") / "统计表.xlsx"
    assert cli("excel-template", "work_summary", "-o", book)[0] == 0
    return book


def _with_sheet_rows(src: Path, rows: int) -> bytes:
    """The workbook with one worksheet holding ``rows`` one-cell rows (a megabyte or so, compressed)."""
    parts = _parts(src)
    name = sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))[-1]
    body = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i) for i in range(2, rows + 2))
    xml = parts[name]
    head, tail = xml.split(b"<sheetData>", 1) if b"<sheetData>" in xml else xml.split(b"<sheetData/>", 1)
    parts[name] = head + b"<sheetData>" + body + (tail if b"<sheetData>" in xml else b"</sheetData>" + tail)
    return _zip(parts)


def _xlsx_bomb(src: Path) -> bytes:
    data = bytearray(_zip(_parts(src)))
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len].startswith(b"xl/worksheets/"):
            struct.pack_into("<I", data, at + 24, 300 * 1024 * 1024)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _xlsx_doctype(src: Path) -> bytes:
    parts = _parts(src)
    parts["xl/workbook.xml"] = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + parts["xl/workbook.xml"]
    return _zip(parts)


@pytest.mark.parametrize(
    ("kind", "words"),
    [("rows", "行"), ("bomb", "压缩炸弹"), ("doctype", "DOCTYPE"), ("docx", "Word 文档"), ("garbage", "zip")],
)
def test_import_and_mail_merge_refuse_a_hostile_workbook_quickly_in_chinese(
    workbook: Path, tmp_path: Path, kind: str, words: str
) -> None:
    """A workbook that asks for unbounded work (200,000 rows took 100 s and 950 MB) or is not one is refused
    before openpyxl reads it: exit 2, a Chinese line naming the file, nothing written."""
    import time

    data = {
        "rows": lambda: _with_sheet_rows(workbook, 20_000),
        "bomb": lambda: _xlsx_bomb(workbook),
        "doctype": lambda: _xlsx_doctype(workbook),
        "docx": lambda: TEMPLATE.read_bytes(),
        "garbage": lambda: b"not a workbook at all",
    }[kind]()
    hostile = tmp_path / "敌意.xlsx"
    hostile.write_bytes(data)
    facts = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "work_summary.yaml"
    for args in (("import", hostile, "-o", tmp_path / "out.yaml"), ("batch", facts, "--rows", hostile, "-o", tmp_path / "批量")):
        t0 = time.perf_counter()
        code, out = cli(*args)
        assert code == 2, out
        assert time.perf_counter() - t0 < 10
        assert words in out and "敌意.xlsx" in out and "File is not" not in out, out
    assert not (tmp_path / "out.yaml").exists()


def test_a_flood_of_workbook_problems_prints_two_hundred_and_counts_the_rest(workbook: Path, tmp_path: Path) -> None:
    book = tmp_path / "多错.xlsx"
    book.write_bytes(_with_sheet_rows(workbook, 500))  # 500 rows of an invalid "x"
    code, out = cli("import", book, "-o", tmp_path / "out.yaml")
    assert code == 1
    assert "还有" in out and "未列出" in out and out.count("[") < 260, out[-300:]
