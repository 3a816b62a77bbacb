"""GB/T 9704 layout as LibreOffice sets it: paper, type area, sizes, 22 lines × 28 characters, justified
lines, `— N —` page numbers, 黑体 headings, headings kept with their text, nothing lost on the way.

Measured from the PDF with pdfplumber.  The fonts are free stand-ins (FandolFang for 仿宋_GB2312 …), so
counts get a tolerance of one and no test asserts an exact number of pages.
"""

from __future__ import annotations

import re
import statistics

import docx
import pytest

from docgen.draft import Heading, Paragraph, Subtitle, Title
from docgen.render import ooxml
from docgen.render.pdf import FontUse

from .conftest import Converted
from .measure import BOTTOM, LEFT, MM, PAGE_H, PAGE_W, RIGHT, TOP, Line, face_key, squash, width_in_zi

pytestmark = pytest.mark.office

PITCH = 579 / 20  # the line grid, 28.95 pt (styles/gbt9704.yaml grid.line_pitch_twips)
ZI = 16.0  # one 字 of 3号 text, pt
HANGABLE = re.compile("[，。、；：！？”’）》]")


def paragraph_texts(c: Converted) -> list[str]:
    return [squash(b.text) for b in c.draft.blocks if isinstance(b, Paragraph) and squash(b.text)]


def body_lines(c: Converted) -> list[Line]:
    """Lines that come from Paragraph blocks (at least six characters, so they identify their source)."""
    texts = paragraph_texts(c)
    return [
        ln
        for p in c.pages
        for ln in p.lines
        if len(squash(ln.text)) >= 6 and any(squash(ln.text) in t for t in texts)
    ]


def heading_texts(c: Converted, level: int | None = None) -> list[str]:
    return [
        squash(b.full_text)
        for b in c.draft.blocks
        if isinstance(b, Heading) and (level is None or b.level == level)
    ]


def test_every_example_of_every_kind_converts_without_error(example: Converted) -> None:
    assert example.pdf.stat().st_size > 1000
    assert example.pages and all(p.lines for p in example.pages)


def test_pages_are_a4_within_a_millimetre(example: Converted) -> None:
    for p in example.pages:
        assert abs(p.width - PAGE_W) <= MM and abs(p.height - PAGE_H) <= MM, p.number


def test_the_text_block_starts_37mm_from_the_top_and_28mm_from_the_left(example: Converted) -> None:
    for p in example.pages:
        first = p.lines[0]
        # LibreOffice centres a glyph in an exact-height line: the line box starts half a pitch above the
        # glyph's centre.
        line_top = first.centre - PITCH / 2
        assert abs(line_top - TOP) <= 2 * MM, f"page {p.number}: {line_top / MM:.1f} mm"
        left = min(ln.x0 for ln in p.lines)
        assert abs(left - LEFT) <= 2 * MM, f"page {p.number}: {left / MM:.1f} mm"


def test_body_text_is_16pt_and_the_title_22pt(example: Converted) -> None:
    lines = body_lines(example)
    assert lines
    assert all(abs(ln.size - 16) <= 0.5 for ln in lines), {ln.size for ln in lines}
    title = next(squash(b.text) for b in example.draft.blocks if isinstance(b, Title))
    first = example.pages[0].lines[0]
    assert squash(first.text) in title
    assert abs(first.size - 22) <= 0.5


def test_lines_follow_the_28_95pt_grid(example: Converted) -> None:
    gaps = [
        b.centre - a.centre
        for p in example.pages
        for a, b in zip(p.lines, p.lines[1:], strict=False)
        if abs(a.size - 16) < 0.5 and abs(b.size - 16) < 0.5
    ]
    assert gaps
    # consecutive lines are one pitch apart, or two across an empty line (measured between glyph centres,
    # which sit a little higher or lower in faces with other ascent and descent: ±1 pt)
    assert all(min(abs(g - PITCH), abs(g - 2 * PITCH)) <= 1.0 for g in gaps), sorted(
        {round(g, 1) for g in gaps}
    )


def test_a_full_page_holds_22_lines(converted: dict[str, Converted | str]) -> None:
    counts: list[int] = []
    for c in converted.values():
        if isinstance(c, str) or len(c.pages) < 2:
            continue
        # empty paragraphs print nothing: count the grid rows from the first to the last line of the page
        for p in c.pages[:-1]:
            counts.append(round((p.lines[-1].centre - p.lines[0].centre) / PITCH) + 1)
    assert counts
    assert max(counts) == 22, counts
    assert statistics.median(counts) >= 21, counts


def test_a_full_line_holds_28_characters(city: Converted) -> None:
    full = [ln for ln in body_lines(city) if abs(ln.x0 - LEFT) < 0.5 * MM and ln.x1 > RIGHT - 1.5 * MM]
    # lines of 汉字 and full-width punctuation only: LibreOffice adds a quarter-em gap around digits and
    # Latin (it ignores w:autoSpaceDE), so mixed lines hold a little less
    # … and without paired brackets and quotes, which LibreOffice may set narrower (punctuation compression)
    pure = [
        ln
        for ln in full
        if all(width_in_zi(ch) == 1 for ch in ln.text) and not any(ch in "《》“”‘’（）〈〉" for ch in ln.text)
    ]
    assert len(pure) >= 20
    widths = [width_in_zi(ln.text) - (1 if ln.x1 > RIGHT + 0.5 * MM else 0) for ln in pure]  # hanging 。，
    assert statistics.median(widths) == 28
    assert all(27 <= w <= 29 for w in widths), widths
    # mixed lines (digits, brackets) lose up to three 字 to LibreOffice's autospace and bracket compression
    assert all(24.5 <= width_in_zi(ln.text) <= 29.5 for ln in full)


def test_body_lines_end_flush_right(example: Converted) -> None:
    texts = paragraph_texts(example)
    checked = flush = 0
    for p in example.pages:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            # ``a`` is not the last line of its paragraph when the next line starts at the left edge
            same_para = abs(b.x0 - LEFT) < 0.5 * MM and a.x0 < LEFT + 2 * ZI + 0.5 * MM
            if not (same_para and any(squash(a.text) in t for t in texts) and abs(a.size - 16) < 0.5):
                continue
            checked += 1
            # justified: within 1.5 mm of the right edge, or past it by a hanging 。，、
            flush += a.x1 >= RIGHT - 1.5 * MM and a.x1 <= RIGHT + ZI + 1
    if checked == 0:
        pytest.skip("no paragraph runs over two lines")
    assert flush / checked >= 0.97, f"{flush}/{checked}"


def test_every_page_shows_its_number_between_dashes(example: Converted) -> None:
    for p in example.pages:
        assert re.fullmatch(r"— (\d+) —", p.footer), (p.number, p.footer)
        assert p.footer == f"— {p.number} —"


def test_level1_headings_are_set_in_the_heiti_stand_in(example: Converted, fonts: dict[str, FontUse]) -> None:
    heiti = fonts[ooxml.load_profile().face("heiti")]
    fangsong = fonts[ooxml.load_profile().face("fangsong")]
    assert face_key(heiti.postscript) != face_key(fangsong.postscript)
    heads = heading_texts(example, 1)
    if not heads:
        pytest.skip("no level-1 heading on their own line")
    found = 0
    for p in example.pages:
        for ln in p.lines:
            text = squash(ln.text)
            if len(text) >= 4 and any(h.startswith(text) for h in heads):
                found += 1
                assert set(ln.font_keys) == {face_key(heiti.postscript)}, (text, ln.font_keys)
    assert found >= len(heads)
    body = body_lines(example)
    assert face_key(fangsong.postscript) in body[0].font_keys


def test_no_title_or_heading_stands_alone_at_the_bottom_of_a_page(example: Converted) -> None:
    heads = heading_texts(example)
    heads += [squash(b.text) for b in example.draft.blocks if isinstance(b, Title | Subtitle)]
    for p in example.pages[:-1]:
        last = squash(p.lines[-1].text)
        assert not any(last in h for h in heads if len(last) >= 2), (p.number, last)


def test_every_paragraph_reaches_the_pdf_in_order(example: Converted) -> None:
    # LibreOffice 7.4 does not draw a ，or 。 that should hang past the right edge of a full justified line
    # (Word and WPS do; left-aligned text shows it too): compare without the punctuation.
    pdf_text = HANGABLE.sub("", "".join(squash(ln.text) for p in example.pages for ln in p.lines))
    pos = 0
    for text in (HANGABLE.sub("", t) for t in paragraph_texts(example)):
        found = pdf_text.find(text, pos)
        assert found >= 0, text[:30]
        pos = found + len(text)


def test_the_docx_saved_again_by_libreoffice_keeps_every_paragraph(example: Converted) -> None:
    def texts(path: object) -> tuple[list[str], list[str]]:
        d = docx.Document(str(path))
        paras = [p.text for p in d.paragraphs if p.text.strip()]
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return paras, cells

    original, original_cells = texts(example.docx)
    again, again_cells = texts(example.roundtrip)
    assert again == original
    assert again_cells == original_cells
    assert len(original) >= len(paragraph_texts(example))


def test_the_page_number_dash_sits_7_mm_below_the_type_area(example: Converted) -> None:
    """GB/T 9704 7.5: 一字线距版心下边缘约7 mm."""
    import pdfplumber

    with pdfplumber.open(example.pdf) as pdf:
        for page in pdf.pages:
            dashes = [c for c in page.chars if c["text"] == "—" and c["top"] > BOTTOM]
            assert dashes, page.page_number
            centre = (dashes[0]["top"] + dashes[0]["bottom"]) / 2
            assert abs((centre - BOTTOM) / MM - 7) <= 1, (page.page_number, (centre - BOTTOM) / MM)
