"""Limits by work on every .docx docgen opens (diff, check, --compare-to, --annotate, template check,
render --template, preview): not only the bytes of the file and of the unpacked parts (zip bombs, see
:func:`docgen.review.extract.read_zip` and :func:`docgen.render.finalize.read_parts`) but what an XML part
asks a parser and the diff to do: how many tags it has, how many paragraphs, and no DOCTYPE (so no entity
can expand).  Each check is a cheap scan of the bytes, done before anything is parsed.
"""

from __future__ import annotations

import re

__all__ = ["MAX_PARAGRAPHS", "MAX_TAGS", "xml_work_problem"]

MAX_TAGS = 2_000_000  # '<' in one XML part: a 500-page report has a few hundred thousand
MAX_PARAGRAPHS = 50_000  # w:p elements in one part: a 500-page report has under 10,000
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def xml_work_problem(data: bytes) -> str | None:
    """Why this XML part is refused (Chinese), or None.  Counts ``<`` and paragraph start tags in the bytes:
    any namespace prefix counts, so a renamed prefix cannot slip past."""
    if _DOCTYPE.search(data):
        return "含有 DOCTYPE 声明（可能用于实体扩展攻击），拒绝处理"
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        return f"XML 元素过多（{tags:,} 个标签，上限 {MAX_TAGS:,}），不像是正常的文稿"
    if tags > MAX_PARAGRAPHS:
        paragraphs = sum(1 for _ in _PARAGRAPH.finditer(data))
        if paragraphs > MAX_PARAGRAPHS:
            return f"段落过多（{paragraphs:,} 段，上限 {MAX_PARAGRAPHS:,}），不像是正常的文稿"
    return None
