"""The draft as a self-contained HTML preview (inline CSS, no scripts): for the service and the web page.
Text is escaped; a draft-mode placeholder 〔待补：…〕 is highlighted."""

from __future__ import annotations

import html

from docgen.draft import (
    LEAD_ROLES,
    Byline,
    ClosingLine,
    Draft,
    Heading,
    Paragraph,
    Salutation,
    Segment,
    Signature,
    Subtitle,
    Table,
    Title,
)

__all__ = ["render_html"]

_CSS = (
    'body{font-family:"FangSong","仿宋","Noto Serif CJK SC",serif;max-width:42em;margin:2em auto;padding:0 1em;'
    "line-height:1.9;color:#111}h1{font-family:serif;text-align:center;font-size:1.6em}"
    ".sub,.byline{text-align:center}.byline{font-family:KaiTi,楷体,serif}h2{font-family:SimHei,黑体,sans-serif;"
    "font-size:1.1em}h3{font-family:KaiTi,楷体,serif;font-size:1em}p{text-indent:2em;margin:.2em 0}"
    "p.flush{text-indent:0}.lead{font-weight:bold}mark{background:#fff2a8}.sig{text-align:right}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #888;padding:.2em .6em}"
)


def _segment(seg: Segment) -> str:
    text = html.escape(seg.text)
    if seg.role == "todo":
        return f"<mark>{text}</mark>"
    if seg.role in LEAD_ROLES:
        return f'<span class="lead">{text}</span>'
    return text


def _table(t: Table) -> str:
    if not t.rows:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in t.rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in t.rows[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(draft: Draft) -> str:
    """A whole HTML page showing the draft's blocks in order."""
    e = html.escape
    out: list[str] = []
    for b in draft.blocks:
        if isinstance(b, Title):
            out.append(f"<h1>{e(b.text)}</h1>")
        elif isinstance(b, Subtitle):
            out.append(f'<p class="sub flush">{e(b.text)}</p>')
        elif isinstance(b, Byline):
            out.extend(f'<p class="byline flush">{e(line)}</p>' for line in b.lines)
        elif isinstance(b, Salutation):
            out.append(f'<p class="flush">{e(b.text)}</p>')
        elif isinstance(b, Heading):
            tag = "h2" if b.level == 1 else "h3"
            out.append(f"<{tag}>{e(b.full_text)}</{tag}>")
        elif isinstance(b, Paragraph):
            out.append("<p>" + "".join(_segment(s) for s in b.segments) + "</p>")
        elif isinstance(b, ClosingLine):
            out.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, Signature):
            out.append(f'<p class="sig flush">{e(b.unit)}<br>{e(b.date_text)}</p>')
        elif isinstance(b, Table):
            out.append(_table(b))
    title = e(draft.meta.title)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(out) + "\n</body></html>\n"
    )
