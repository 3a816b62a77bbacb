"""`docgen template check`: what an office can break when it restyles templates/<kind>.docx, each reported
with its code, all at once; and house templates whose style ids an office suite renamed still render."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from kindlists import ALL_KINDS

from docgen.api import render_draft
from docgen.cli import main
from docgen.draft import Draft, DraftMeta, Paragraph, Segment, Signature, Table, Title
from docgen.render.docx import default_template
from docgen.render.finalize import read_parts, write_docx
from docgen.render.house import prepare_template
from docgen.template_check import Finding, check_template

DOC = "word/document.xml"
STYLES = "word/styles.xml"
LO_IDS = {"BodyText": "Style16", "Signature": "Style22", "L3Lead": "Style13", "TableText": "Style23"}


def house(tmp_path: Path, **edits: Callable[[str], str]) -> Path:
    """A copy of the speech template with ``edits`` (part name with / as __ → text transform) applied."""
    parts = read_parts(default_template("leadership_speech").read_bytes())
    for key, fn in edits.items():
        name = key.replace("__", "/").replace("_xml", ".xml")
        parts[name] = fn(parts[name].decode("utf-8")).encode("utf-8")
    out = tmp_path / "house.docx"
    out.write_bytes(write_docx(parts))
    return out


def codes(findings: list[Finding], severity: str | None = None) -> list[str]:
    return [f.code for f in findings if severity is None or f.severity == severity]


def split_run(xml: str, tag: str, at: int) -> str:
    """Split the run holding ``tag`` into two runs with different formatting, as Word does after a
    spell-check or a partial format change."""
    run = f"<w:r><w:t>{tag}</w:t></w:r>"
    assert run in xml, tag
    return xml.replace(
        run, f"<w:r><w:t>{tag[:at]}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{tag[at:]}</w:t></w:r>", 1
    )


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_default_template_passes(kind: str) -> None:
    assert check_template(default_template(kind)) == []


def test_a_tag_split_across_runs_is_named_with_its_paragraph(tmp_path: Path) -> None:
    path = house(tmp_path, word__document_xml=lambda x: split_run(x, "{{ b.text }}", 4))
    findings = check_template(path)
    split = [f for f in findings if f.code == "split-tag"]
    assert len(split) == 1
    assert "{{ b.text }}" in split[0].message and "2 段" in split[0].message
    assert re.fullmatch(r"word/document\.xml 第 \d+ 段", split[0].where)


def test_a_tag_running_into_the_next_paragraph_is_unclosed(tmp_path: Path) -> None:
    def cut(x: str) -> str:
        return x.replace(
            "<w:t>{%p endif %}</w:t>", "<w:t>{%p endif</w:t></w:r></w:p><w:p><w:r><w:t>%}</w:t>", 1
        )

    found = codes(check_template(house(tmp_path, word__document_xml=cut)))
    assert "unclosed-tag" in found and "unopened-tag" in found


def test_two_paragraph_tags_in_one_paragraph_are_refused(tmp_path: Path) -> None:
    def merge(x: str) -> str:
        return x.replace(
            "<w:t>{%p endif %}</w:t></w:r></w:p>",
            "<w:t>{%p endif %}{%p endfor %}</w:t></w:r></w:p>",
        ).replace(
            '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>{%p endfor %}</w:t></w:r></w:p>', ""
        )

    findings = check_template(house(tmp_path, word__document_xml=merge))
    assert "two-p-tags" in codes(findings, "error")


def test_text_beside_a_paragraph_tag_is_a_warning(tmp_path: Path) -> None:
    path = house(tmp_path, word__document_xml=lambda x: x.replace("{%p endif %}", "{%p endif %}（勿删）", 1))
    assert codes(check_template(path)) == ["p-tag-with-text"]


def test_a_tag_inside_a_text_box_is_refused(tmp_path: Path) -> None:
    box = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>{{ meta.title }}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    path = house(tmp_path, word__document_xml=lambda x: x.replace("<w:sectPr>", box + "<w:sectPr>", 1))
    findings = check_template(path)
    assert "tag-in-textbox" in codes(findings, "error")


def test_jinja_syntax_unknown_names_and_a_missing_loop_are_reported(tmp_path: Path) -> None:
    broken = house(tmp_path, word__document_xml=lambda x: x.replace("{%p endif %}", "{%p endiff %}", 1))
    assert "jinja-syntax" in codes(check_template(broken))
    unknown = house(tmp_path, word__document_xml=lambda x: x.replace("{{ b.text }}", "{{ secret }}", 1))
    assert "unknown-variable" in codes(check_template(unknown))
    no_loop = house(
        tmp_path,
        word__document_xml=lambda x: x.replace("{%p for b in blocks %}", "{%p for b in [] %}").replace(
            "{{r b.rich }}", "{{ b.rich }}"
        ),
    )
    assert "no-blocks-loop" in codes(check_template(no_loop))


def test_styles_renamed_by_an_office_suite_are_a_note_and_the_template_still_renders(tmp_path: Path) -> None:
    def rename(x: str) -> str:
        for old, new in LO_IDS.items():
            x = x.replace(f'w:styleId="{old}"', f'w:styleId="{new}"').replace(
                f'w:val="{old}"', f'w:val="{new}"'
            )
        return x

    def drop_table_style(x: str) -> str:
        return re.sub(r'<w:style w:type="table" w:styleId="DocTable">.*?</w:style>', "", x, flags=re.S)

    path = house(tmp_path, word__styles_xml=lambda x: drop_table_style(rename(x)), word__document_xml=rename)
    findings = check_template(path)
    assert codes(findings) == ["style-renamed", "style-restored"]
    assert "BodyText→Style16" in findings[0].message
    draft = Draft(
        DraftMeta("t", "leadership_speech", "标题", date(2024, 1, 1)),
        [
            Title("标题"),
            Paragraph((Segment("一是引句。", "l3_lead"), Segment("正文。"))),
            Table((("甲", "乙"), ("丙", "丁"))),
            Signature("市政协办公室", "2024年1月1日"),
        ],
    )
    data = render_draft(draft, "docx", template=path)
    doc = read_parts(data)[DOC].decode()
    assert 'w:pStyle w:val="BodyText"' in doc and 'w:rStyle w:val="L3Lead"' in doc
    assert 'w:styleId="BodyText"' in read_parts(data)[STYLES].decode()
    prepared = prepare_template(path)
    assert prepared != path and prepare_template(path) == prepared  # cached by content
    assert prepare_template(default_template("leadership_speech")) == default_template("leadership_speech")


def test_a_deleted_style_is_an_error(tmp_path: Path) -> None:
    def drop(x: str) -> str:
        return re.sub(r'<w:style w:type="paragraph" w:styleId="Signature">.*?</w:style>', "", x, flags=re.S)

    findings = check_template(house(tmp_path, word__styles_xml=drop))
    missing = [f for f in findings if f.code == "missing-style"]
    assert missing and "落款" in missing[0].message
    assert "undefined-style" in codes(findings)  # the template's own 落款 paragraph uses it


def test_section_settings_out_of_the_ordinary(tmp_path: Path) -> None:
    def landscape(x: str) -> str:
        return x.replace(
            '<w:pgSz w:w="11906" w:h="16838"/>', '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        )

    def columns(x: str) -> str:
        return x.replace('<w:cols w:space="425"/>', '<w:cols w:num="2" w:space="425"/>')

    assert set(codes(check_template(house(tmp_path, word__document_xml=landscape)), "error")) >= {"landscape"}
    assert "columns" in codes(check_template(house(tmp_path, word__document_xml=columns)))
    margins = house(tmp_path, word__document_xml=lambda x: x.replace('w:top="2098"', 'w:top="1701"'))
    off = [f for f in check_template(margins) if f.code == "margins-not-9704"]
    assert off and off[0].severity == "warning" and "天头 30 mm（国标 37 mm）" in off[0].message
    tiny = house(tmp_path, word__document_xml=lambda x: x.replace('w:left="1587"', 'w:left="6000"'))
    assert "margins" in codes(check_template(tiny), "error")


def test_a_footer_without_a_page_number_is_a_warning(tmp_path: Path) -> None:
    path = house(tmp_path, word__footer1_xml=lambda x: x.replace(" PAGE ", " DATE "))
    assert codes(check_template(path)) == ["no-page-number"]


def test_a_deleted_block_branch_is_found_by_the_trial_render(tmp_path: Path) -> None:
    def drop_title(x: str) -> str:
        return x.replace(
            '<w:pStyle w:val="DocTitle"/></w:pPr><w:r><w:t>{{ b.text }}</w:t></w:r>',
            '<w:pStyle w:val="DocTitle"/></w:pPr>',
        )

    findings = check_template(house(tmp_path, word__document_xml=drop_title))
    assert [(f.code, f.severity) for f in findings] == [("block-dropped", "error")]
    assert "标题" in findings[0].message


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert codes(check_template(bad)) == ["not-docx"]
    assert codes(check_template(tmp_path / "missing.docx")) == ["file-missing"]


def test_the_cli_lists_every_problem_at_once_and_exits_1(tmp_path: Path) -> None:
    def many(x: str) -> str:
        x = split_run(x, "{{ b.text }}", 3)
        x = x.replace('<w:pgSz w:w="11906" w:h="16838"/>', '<w:pgSz w:w="16838" w:h="11906"/>')
        return x.replace("{%p endif %}", "{%p endif %}{%p endif %}", 1)

    path = house(tmp_path, word__document_xml=many)
    result = CliRunner().invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for code in ("split-tag", "two-p-tags", "landscape"):
        assert any(ln.startswith(f"{path}: ") and ln.endswith(f"[{code}]") for ln in lines), code
    assert re.search(r"共 \d+ 个错误、\d+ 个警告。", result.stderr)
    js = CliRunner().invoke(main, ["template", "check", str(path), "--format", "json"])
    assert js.exit_code == 1
    assert {"split-tag", "two-p-tags", "landscape"} <= {f["code"] for f in json.loads(js.stdout)}


def test_the_cli_passes_a_good_template() -> None:
    result = CliRunner().invoke(main, ["template", "check", str(default_template("work_summary"))])
    assert result.exit_code == 0
    assert "模板检查通过" in result.stdout
