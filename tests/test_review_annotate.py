"""Source comments: a reviewer clicking a figure sees the data path it came from."""

from __future__ import annotations

import re

import pytest
from review_docs import docx_of, draft_of, rendered_examples

from docgen.api import compose_file
from docgen.draft import Paragraph, Segment
from docgen.render.finalize import read_parts
from docgen.review.annotate import annotate_docx
from docgen.review.extract import load_docx
from docgen.review.redline import structure_problems


def _segments_with_paths(stem: str) -> list[tuple[str, tuple[str, ...]]]:
    draft = compose_file(rendered_examples()[stem][1])
    return [
        (s.text, s.paths) for b in draft.blocks if isinstance(b, Paragraph) for s in b.segments if s.paths
    ]


@pytest.mark.parametrize("stem", sorted(rendered_examples()))
def test_every_sentence_with_data_paths_gets_a_comment_naming_them(stem: str) -> None:
    docx, path = rendered_examples()[stem]
    draft = compose_file(path)
    out = annotate_docx(docx, draft)
    parts = read_parts(out)
    comments = parts["word/comments.xml"].decode()
    expected = [p for p in _segments_with_paths(stem) if p[0].strip()]
    bodies = re.findall(r"<w:comment [^>]*>(.*?)</w:comment>", comments)
    assert len(bodies) == len(expected)
    for body, (_, paths) in zip(bodies, expected, strict=True):
        assert re.findall(r"<w:t>([^<]*)</w:t>", body)[1:] == list(paths)
    xml = parts["word/document.xml"].decode()
    assert xml.count("<w:commentRangeStart ") == xml.count("<w:commentReference ") == len(expected)
    assert load_docx(out).texts() == load_docx(docx).texts()  # the text is untouched
    assert 'Target="comments.xml"' in parts["word/_rels/document.xml.rels"].decode()
    assert "/word/comments.xml" in parts["[Content_Types].xml"].decode()
    assert structure_problems(out) == []


def test_the_comment_range_covers_exactly_the_sentence() -> None:
    draft = draft_of(
        [Paragraph((Segment("总起句。"), Segment("刊发稿件186篇。", paths=("achievements.media.total",))))]
    )
    xml = read_parts(annotate_docx(docx_of(draft.blocks), draft))["word/document.xml"].decode()
    assert re.search(
        r'<w:commentRangeStart w:id="0"/><w:r><w:t[^>]*>刊发稿件186篇。</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        r'<w:r><w:commentReference w:id="0"/></w:r>',
        xml,
    )


def test_annotation_is_deterministic_and_a_draft_without_paths_gets_no_comments_part() -> None:
    docx, path = rendered_examples()["city_leadership_speech"]
    draft = compose_file(path)
    assert annotate_docx(docx, draft) == annotate_docx(docx, draft)
    plain = draft_of(["没有数据来源的一段。"])
    assert "word/comments.xml" not in read_parts(annotate_docx(docx_of(plain.blocks), plain))


def test_a_paragraph_missing_from_the_file_is_skipped_and_matching_goes_on() -> None:
    segs = [Paragraph((Segment(f"第{i}段，数字{i}。", paths=(f"p{i}",)),)) for i in range(3)]
    draft = draft_of(segs)
    other = docx_of([segs[0], "模板自带的一段。", segs[2]])
    comments = read_parts(annotate_docx(other, draft))["word/comments.xml"].decode()
    assert re.findall(r"<w:t>(p\d)</w:t>", comments) == ["p0", "p2"]
