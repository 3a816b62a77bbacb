"""Diff reports: JSON, plain text (git word-diff markers), rich text for a terminal, self-contained HTML.

Pure functions from a :class:`~docgen.review.diff.DiffResult` to a value; printing is the CLI's business.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from docgen.review.diff import Change, DiffResult, NumberChange, Op
from docgen.review.extract import story_label

__all__ = ["CONTEXT", "location", "styled_runs", "summary_line", "to_html", "to_json", "to_plain"]

#: characters of unchanged text kept on each side of a change in terminal output
CONTEXT = 24
KIND_LABEL = {"changed": "修改", "replaced": "整段改写", "added": "新增", "removed": "删除"}
DEL_STYLE = "bold red strike"
INS_STYLE = "bold green underline"


def location(c: Change) -> str:
    """``正文 第12段（原第11段）``; a removed paragraph: ``正文 原第16段``."""
    where = story_label(c.story)
    if c.new_index is None:
        return f"{where} 原第{(c.old_index or 0) + 1}段"
    text = f"{where} 第{c.new_index + 1}段"
    if c.old_index is not None and c.old_index != c.new_index:
        text += f"（原第{c.old_index + 1}段）"
    return text


def _numbers_text(numbers: Sequence[NumberChange]) -> str:
    return "，".join(f"{n.old or '（无）'} → {n.new or '（无）'}" for n in numbers)


def summary_line(result: DiffResult) -> str:
    if result.identical:
        return "两稿文字相同。"
    s = result.summary()
    line = f"共：新增 {s['added']} 段，删除 {s['removed']} 段，修改 {s['changed']} 段"
    if s["replaced"]:
        line += f"（其中整段改写 {s['replaced']} 段）"
    if result.numbers:
        line += f"；数字变化 {len(result.numbers)} 处：{_numbers_text(result.numbers)}"
    return line + "。"


def _display_ops(c: Change) -> list[Op]:
    if c.kind == "added":
        return [("+", c.new_text)]
    if c.kind == "removed":
        return [("-", c.old_text)]
    return list(c.ops)


def _trimmed(ops: Sequence[Op], context: int | None) -> list[Op]:
    """Long unchanged stretches shortened to ``context`` characters next to each change."""
    if context is None:
        return list(ops)
    out: list[Op] = []
    last = len(ops) - 1
    for k, (op, text) in enumerate(ops):
        if op != "=" or len(text) <= 2 * context + 1:
            out.append((op, text))
        elif k == 0:
            out.append(("=", "…" + text[-context:]))
        elif k == last:
            out.append(("=", text[:context] + "…"))
        else:
            out.append(("=", text[:context] + "…" + text[-context:]))
    return out


def to_plain(result: DiffResult, *, context: int | None = CONTEXT) -> str:
    """Text with ``[-deleted-]`` and ``{+inserted+}`` markers, one block per changed paragraph."""
    lines: list[str] = []
    for c in result.differences:
        lines.append(f"{location(c)} {KIND_LABEL[c.kind]}")
        body = "".join(
            text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
            for op, text in _trimmed(_display_ops(c), context)
        )
        lines.append(f"  {body}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def styled_runs(result: DiffResult, *, context: int | None = CONTEXT) -> list[tuple[str, str | None]]:
    """The same report as :func:`to_plain` as (text, style) runs for a terminal (deletions red and struck
    through, insertions green; styles in rich's notation — the CLI renders them, this module imports no UI)."""
    out: list[tuple[str, str | None]] = []
    for c in result.differences:
        out.append((f"{location(c)} ", "bold"))
        out.append((KIND_LABEL[c.kind], "bold yellow"))
        out.append(("\n  ", None))
        for op, text in _trimmed(_display_ops(c), context):
            out.append((text, None if op == "=" else DEL_STYLE if op == "-" else INS_STYLE))
        out.append(("\n", None))
    out.append((summary_line(result), "bold"))
    out.append(("\n", None))
    return out


def to_json(result: DiffResult, *, old: str = "", new: str = "") -> str:
    data: dict[str, Any] = {"old": old, "new": new, **result.as_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;max-width:60em;margin:2em auto;
padding:0 1em;line-height:1.8;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .8em;text-align:left}
del{color:#b00020;background:#fde7ea;text-decoration:line-through}
ins{color:#0a6b2d;background:#e3f6e8;text-decoration:underline}
.para{border-left:4px solid #ccc;padding:.3em .8em;margin:.8em 0}
.added{border-color:#0a6b2d}.removed{border-color:#b00020}.changed,.replaced{border-color:#c78a00}
.where{font-weight:bold;font-size:.9em;color:#555}.kind{color:#c78a00;margin-left:.6em}
.same{color:#444}
"""


def to_html(result: DiffResult, *, old: str = "", new: str = "", title: str = "文稿比较") -> str:
    """A self-contained HTML report (inline CSS, no scripts, no external resources)."""
    e = html.escape
    s = result.summary()
    head = f"<h1>{e(title)}</h1>"
    if old or new:
        head += f"<p>旧稿：{e(old)}<br>新稿：{e(new)}</p>"
    rows = "".join(
        f"<tr><th>{k}</th><td>{v}</td></tr>"
        for k, v in (
            ("新增段落", s["added"]),
            ("删除段落", s["removed"]),
            ("修改段落", s["changed"]),
            ("其中整段改写", s["replaced"]),
            ("数字变化", len(result.numbers)),
        )
    )
    parts = [head, "<h2>概要</h2>", f"<table>{rows}</table>"]
    if result.identical:
        parts.append("<p>两稿文字相同。</p>")
    if result.numbers:
        items = "".join(
            f"<tr><td>{e(n.old or '（无）')}</td><td>→</td><td>{e(n.new or '（无）')}</td>"
            f"<td>{e(location(_at(n)))}</td></tr>"
            for n in result.numbers
        )
        parts += [
            "<h2>数字变化</h2>",
            f"<table><tr><th>原数字</th><th></th><th>新数字</th><th>位置</th></tr>{items}</table>",
        ]
    if result.differences:
        parts.append("<h2>逐段差异</h2>")
    for c in result.differences:
        body = "".join(
            f'<span class="same">{e(t)}</span>'
            if op == "="
            else f"<del>{e(t)}</del>"
            if op == "-"
            else f"<ins>{e(t)}</ins>"
            for op, t in _display_ops(c)
        )
        parts.append(
            f'<div class="para {c.kind}"><div class="where">{e(location(c))}'
            f'<span class="kind">{KIND_LABEL[c.kind]}</span></div><div>{body}</div></div>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>{''.join(parts)}</body></html>\n"
    )


def _at(n: NumberChange) -> Change:
    return Change("changed", n.story, n.old_index, n.new_index, "", "")
