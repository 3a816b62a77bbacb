"""``docgen template check FILE``: is an office's restyled template still one docgen can render with?

An office copies ``templates/<kind>.docx``, restyles it in Word, WPS or LibreOffice (fonts, margins, a red
line under the title) and passes it as ``--template FILE``.  Editing can break what docxtpl needs, so this
check reports every problem at once, each with a stable code, a place and a Chinese explanation:

- the package: a readable .docx with well-formed parts;
- styles: the ones the renderer writes by id (run styles, 落款, tables) exist, by id or by name (office
  suites rename ids on save; docgen maps them back), and every style a paragraph uses is defined;
- Jinja tags: none split across runs or paragraphs, no two ``{%p``/``{{p`` in one paragraph, none inside a
  text box, the whole body compiles with docgen's variables (``blocks``, ``meta``);
- section settings: A4 portrait, sane margins (GB/T 9704 values reported when they differ), one column,
  a page number in the footer;
- a trial render of a sample draft with every kind of block, each of which must come out.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from lxml import etree

from docgen.draft import (
    Byline,
    ClosingLine,
    Draft,
    DraftMeta,
    Heading,
    Paragraph,
    Salutation,
    Segment,
    Signature,
    Subtitle,
    Table,
    Title,
)
from docgen.errors import RenderError, os_reason, reason_zh
from docgen.render import ooxml
from docgen.render.finalize import read_parts
from docgen.render.house import REQUIRED_STYLES, Layout, canonical_styles, layout, style_renames
from docgen.render.ooxml import w

__all__ = ["Finding", "check_template", "summary"]

Severity = Literal["error", "warning"]
MM_TWIPS = 1440 / 25.4
A4 = (11906, 16838)
TEXTBOX_TAGS = frozenset(
    {
        w("txbxContent"),
        "{urn:schemas-microsoft-com:vml}textbox",
        "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx",
    }
)
_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_STRAY = re.compile(r"\}\}|%\}|#\}")
_PARA_TAG = re.compile(r"^\{(?:%|\{)\s*(p|tr|tc)\s")
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
BLOCK_LABELS = {
    "title": "标题",
    "subtitle": "副标题",
    "byline": "署名行",
    "salutation": "称谓",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "paragraph": "正文段落",
    "closing": "结束语",
    "signature": "落款",
    "table": "表格",
}
CORE_BLOCKS = frozenset({"title", "heading1", "heading2", "paragraph"})


@dataclass(frozen=True)
class Finding:
    """One problem in a template: code, Chinese message, where (part and paragraph), error or warning."""

    code: str
    message: str
    where: str = ""
    severity: Severity = "error"

    def format(self, file: str) -> str:
        level = "错误" if self.severity == "error" else "警告"
        place = f"{self.where}: " if self.where else ""
        return f"{file}: {place}{level}：{self.message} [{self.code}]"


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "模板检查通过。"
    return f"共 {errors} 个错误、{warnings} 个警告。" + ("" if errors else "模板可以使用。")


def check_template(path: str | Path, *, trial: bool = True) -> list[Finding]:
    """Check a template file; every finding, in the order: package, styles, tags, sections, trial render
    (``trial=False`` leaves out the trial render: ``render --template`` runs this before it renders)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Finding("file-missing", f"无法读取文件（{os_reason(exc)}）")]
    try:
        parts = read_parts(data)
        lay = layout(parts)
    except (RenderError, etree.XMLSyntaxError) as exc:
        return [
            Finding(
                "not-docx",
                str(exc) if isinstance(exc, RenderError) else f"不是有效的 .docx：{reason_zh(exc)}",
            )
        ]
    trees: dict[str, etree._Element] = {}
    findings: list[Finding] = []
    for name in (lay.main, lay.styles, lay.settings, *lay.headers_footers):
        if name is None:
            continue
        try:
            trees[name] = etree.fromstring(parts[name], parser=_PARSER)
        except etree.XMLSyntaxError as exc:
            findings.append(Finding("bad-xml", f"不是合法的 XML：{reason_zh(exc)}", name))
    if lay.main not in trees:
        return findings
    findings += _check_styles(lay, trees)
    for name in (lay.main, *lay.headers_footers):
        if name in trees:
            findings += _check_tags(name, trees[name])
    findings += _check_jinja(path, lay, trees, parts)
    findings += _check_sections(lay, trees, parts)
    if trial and not any(f.severity == "error" for f in findings):
        findings += _trial_render(path)
    return findings


# -- styles ---------------------------------------------------------------------------------------------


def _check_styles(lay: Layout, trees: dict[str, etree._Element]) -> list[Finding]:
    if lay.styles is None:
        return [Finding("no-styles", "缺少样式部件（styles.xml）：请以 templates/<文种>.docx 为底稿修改")]
    if lay.styles not in trees:
        return []
    styles = trees[lay.styles]
    present = {st.get(w("styleId"), ""): st for st in styles.iter(w("style"))}
    renames = style_renames(styles)
    renamed = {new: old for old, new in renames.items()}
    names = canonical_styles()
    out: list[Finding] = []
    if renames:
        listed = "、".join(
            f"{names[new]} {new}→{old}" for old, new in sorted(renames.items(), key=lambda x: x[1])
        )
        out.append(
            Finding(
                "style-renamed",
                f"{len(renames)} 个样式的标识被办公软件另存时改了名（{listed}）；docgen 按样式名称对应，无需处理",
                lay.styles,
                "warning",
            )
        )
    for sid in REQUIRED_STYLES:
        label = f"“{names.get(sid, sid)}”（{sid}）"
        if sid in present or sid in renamed:
            continue
        if sid == "DocTable":
            out.append(
                Finding(
                    "style-restored",
                    f"缺少表格样式{label}（LibreOffice 会删去没有表格使用的表格样式）；渲染时自动从默认模板补回",
                    lay.styles,
                    "warning",
                )
            )
        else:
            out.append(
                Finding(
                    "missing-style",
                    f"缺少样式{label}：docgen 用它排{_style_use(sid)}。请勿删除或改名该样式，"
                    "可从 templates/ 下的默认模板复制（Word：管理样式→导入/导出）",
                    lay.styles,
                )
            )
    defined = set(present) | set(renamed)
    for name in (lay.main, *lay.headers_footers):
        tree = trees.get(name)
        if tree is None:
            continue
        for n, p in enumerate(tree.iter(w("p")), 1):
            for el in p.iter(w("pStyle"), w("rStyle")):
                sid = el.get(w("val"), "")
                if sid and sid not in defined:
                    out.append(
                        Finding(
                            "undefined-style",
                            f"使用了不存在的样式 {sid}（Word 会改用“正文”样式）",
                            f"{name} 第 {n} 段",
                        )
                    )
    return out


@functools.lru_cache(maxsize=32)
def _errors_of(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    del mtime_ns, size  # cache key only
    return tuple(f.format(path) for f in check_template(path, trial=False) if f.severity == "error")


def require_usable(path: str | Path) -> None:
    """Raise :class:`RenderError` listing the errors ``docgen template check`` finds in a house template, so
    ``render --template`` never uses a template the check rejects."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise RenderError(f"找不到模板文件：{p}") from None
    except OSError as exc:
        raise RenderError(f"无法读取模板 {p}（{os_reason(exc)}）") from None
    errors = _errors_of(str(p), st.st_mtime_ns, st.st_size)
    if errors:
        shown = "\n".join(errors[:20]) + (f"\n还有 {len(errors) - 20} 个问题未列出" if len(errors) > 20 else "")
        raise RenderError(f"模板 {p} 未通过 docgen template check，无法使用：\n{shown}")


def _style_use(sid: str) -> str:
    uses = {
        "L2Lead": "段首的二级标题引句",
        "L3Lead": "“一是”等引领句",
        "ItemLead": "条目引句",
        "TodoMark": "待补标记",
        "Signature": "落款和日期",
        "TableText": "表格文字",
        "TableHeader": "表头",
        "DocTable": "表格",
    }
    return uses.get(sid, "文稿")


# -- Jinja tags -----------------------------------------------------------------------------------------


def _own_texts(p: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """(run, text) of the w:t elements that belong to paragraph ``p`` itself (not to a text box inside it)."""
    for t in p.iter(w("t")):
        run = None
        el = t.getparent()
        while el is not None and el is not p:
            if el.tag == w("p"):
                break
            if el.tag == w("r") and run is None:
                run = el
            el = el.getparent()
        if el is p:
            yield (run if run is not None else t), t.text or ""


def _in_textbox(p: etree._Element) -> bool:
    return any(a.tag in TEXTBOX_TAGS for a in p.iterancestors())


def _snippet(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_tags(name: str, root: etree._Element) -> list[Finding]:
    out: list[Finding] = []
    for n, p in enumerate(root.iter(w("p")), 1):
        pieces = list(_own_texts(p))
        text = "".join(t for _, t in pieces)
        if not ("{" in text or "}" in text):
            continue
        where = f"{name} 第 {n} 段"
        owner: list[int] = []
        for i, (_, t) in enumerate(pieces):
            owner.extend([i] * len(t))
        runs = [id(r) for r, _ in pieces]
        tags: list[str] = []
        pos = 0
        consumed = [False] * len(text)
        while (m := _OPEN.search(text, pos)) is not None:
            close = _CLOSE[m.group()]
            end = text.find(close, m.end())
            if end < 0:
                out.append(
                    Finding(
                        "unclosed-tag",
                        f"标签“{_snippet(text[m.start() :])}”没有在本段内结束（缺少“{close}”）："
                        "一个标签必须写在同一段里",
                        where,
                    )
                )
                break
            end += 2
            tag = text[m.start() : end]
            tags.append(tag)
            for k in range(m.start(), end):
                consumed[k] = True
            nruns = len({runs[owner[k]] for k in range(m.start(), end)})
            if nruns > 1:
                out.append(
                    Finding(
                        "split-tag",
                        f"标签“{_snippet(tag)}”被拆成了 {nruns} 段格式不同的文字（常因拼写检查、修订或只改了其中几个字"
                        "的格式）：请删掉整个标签，用“清除格式”后一次性重新输入",
                        where,
                    )
                )
            pos = end
        for m in _STRAY.finditer(text):
            if not consumed[m.start()]:
                out.append(
                    Finding(
                        "unopened-tag", f"“{m.group()}”前面没有对应的开始标记：标签可能被拆到了上一段", where
                    )
                )
                break
        para_tags = [t for t in tags if _PARA_TAG.match(t)]
        if len(para_tags) > 1:
            out.append(
                Finding(
                    "two-p-tags",
                    f"一段里有 {len(para_tags)} 个段落级标签（{'、'.join(_snippet(t, 24) for t in para_tags)}）："
                    "{%p …%} 和 {{p …}} 会替换整段，每段只能放一个",
                    where,
                )
            )
        elif para_tags and _without(text, tags).strip():
            out.append(
                Finding(
                    "p-tag-with-text",
                    f"段落级标签“{_snippet(para_tags[0], 24)}”所在段还有其他文字，渲染时这些文字会被删去",
                    where,
                    "warning",
                )
            )
        if tags and _in_textbox(p):
            out.append(
                Finding(
                    "tag-in-textbox",
                    f"文本框里有标签“{_snippet(tags[0], 24)}”：docxtpl 不处理文本框（形状）内的标签，"
                    "请把标签移到正文段落",
                    where,
                )
            )
    return out


def _without(text: str, tags: list[str]) -> str:
    for t in tags:
        text = text.replace(t, "")
    return text


def _check_jinja(
    path: Path, lay: Layout, trees: dict[str, etree._Element], parts: dict[str, bytes]
) -> list[Finding]:
    """Compile every part with tags the way the renderer does (docxtpl preprocessing, docgen's names)."""
    import jinja2

    from docgen.render import docx as rd

    env = rd._environment()
    out: list[Finding] = []
    for name in (lay.main, *lay.headers_footers):
        if name not in trees or (name != lay.main and not rd._TAG_RE.search(parts[name])):
            continue
        src = ""
        try:
            src = rd._jinja_source(etree.tostring(trees[name], encoding="unicode"), path)
            ast = env.parse(src)
        except Exception as exc:  # jinja2.TemplateSyntaxError, or docxtpl failing to open the file
            if isinstance(exc, jinja2.TemplateSyntaxError):
                lines = src.splitlines()[max(exc.lineno - 2, 0) : exc.lineno + 1]
                near = " / ".join(t for t in (rd._STRIP_TAGS.sub("", ln).strip() for ln in lines) if t)
                out.append(Finding("jinja-syntax", f"模板语法错误：{exc.message}（附近文字：{near}）", name))
            else:
                out.append(Finding("jinja-syntax", f"无法解析模板标签：{exc}", name))
            continue
        names = rd._undeclared(ast) - set(env.globals)
        unknown = names - rd.CONTEXT_NAMES
        if unknown:
            out.append(
                Finding(
                    "unknown-variable",
                    f"使用了未知的变量：{'、'.join(sorted(unknown))}（可用：blocks、meta）",
                    name,
                )
            )
        if name == lay.main and "blocks" not in names:
            out.append(
                Finding(
                    "no-blocks-loop", "正文没有 blocks 循环（{%p for b in blocks %}），无法写入文稿", name
                )
            )
    return out


# -- section settings -----------------------------------------------------------------------------------


def _twips(el: etree._Element | None, attr: str) -> int | None:
    if el is None:
        return None
    val = el.get(w(attr))
    try:
        return round(float(val)) if val is not None else None
    except ValueError:
        return None


def _mm(twips: float) -> str:
    return f"{twips / MM_TWIPS:.1f}".rstrip("0").rstrip(".")


def _check_sections(lay: Layout, trees: dict[str, etree._Element], parts: dict[str, bytes]) -> list[Finding]:
    root = trees[lay.main]
    sects = list(root.iter(w("sectPr")))
    if not sects:
        return [Finding("no-section", "没有节设置（w:sectPr）：纸张和页边距未定义", lay.main)]
    out: list[Finding] = []
    if len(sects) > 1:
        out.append(
            Finding(
                "many-sections",
                f"文档有 {len(sects)} 节：docgen 把全文写在 blocks 循环所在的一节里，其他节的页面设置可能不起作用",
                lay.main,
                "warning",
            )
        )
    profile = ooxml.load_profile().data
    margins_mm = profile["page"]["margins_mm"]
    rels = _rel_ids(parts, lay.main)
    for i, sect in enumerate(sects, 1):
        where = f"第 {i} 节"
        size = sect.find(w("pgSz"))
        width, height = _twips(size, "w"), _twips(size, "h")
        if width is None or height is None:
            out.append(Finding("page-size", "没有设置纸张大小", where))
        else:
            if width > height or (size is not None and size.get(w("orient")) == "landscape"):
                out.append(Finding("landscape", "纸张为横向：公文用 A4 纵向", where))
            elif abs(width - A4[0]) > 57 or abs(height - A4[1]) > 57:
                out.append(
                    Finding(
                        "page-size",
                        f"纸张为 {_mm(width)}×{_mm(height)} mm，不是 A4（210×297 mm，GB/T 9704 5.1）",
                        where,
                        "warning",
                    )
                )
        mar = sect.find(w("pgMar"))
        vals = {k: _twips(mar, k) for k in ("top", "bottom", "left", "right")}
        if any(v is None for v in vals.values()):
            out.append(Finding("margins", "没有完整的页边距设置", where))
        elif width is not None and height is not None:
            top, bottom, left, right = (abs(vals[k] or 0) for k in ("top", "bottom", "left", "right"))
            text_w, text_h = width - left - right, height - top - bottom
            if min(top, bottom, left, right) <= 0 or text_w < 100 * MM_TWIPS or text_h < 150 * MM_TWIPS:
                out.append(
                    Finding(
                        "margins",
                        f"页边距不合理：上 {_mm(top)}、下 {_mm(bottom)}、左 {_mm(left)}、右 {_mm(right)} mm，"
                        f"版心只有 {_mm(text_w)}×{_mm(text_h)} mm",
                        where,
                    )
                )
            else:
                off = [
                    f"{label} {_mm(v)} mm（国标 {margins_mm[k]} mm）"
                    for k, label, v in (("top", "天头", top), ("left", "订口", left))
                    if abs(v / MM_TWIPS - float(margins_mm[k])) > 1.0
                ]
                if abs(text_w / MM_TWIPS - 156) > 1.0 or abs(text_h / MM_TWIPS - 225) > 1.0:
                    off.append(f"版心 {_mm(text_w)}×{_mm(text_h)} mm（国标 156×225 mm）")
                if off:
                    out.append(
                        Finding(
                            "margins-not-9704",
                            "页面与 GB/T 9704 5.2.1 不同：" + "；".join(off) + "（如系本单位惯例可忽略）",
                            where,
                            "warning",
                        )
                    )
        cols = sect.find(w("cols"))
        if cols is not None and (_twips(cols, "num") or 1) > 1:
            out.append(Finding("columns", f"分为 {cols.get(w('num'))} 栏：公文正文不分栏", where))
        footers = []
        for ref in sect.iter(w("headerReference"), w("footerReference")):
            target = rels.get(ref.get(f"{{{ooxml.R}}}id", ""))
            if target is None or target not in parts:
                out.append(Finding("missing-part", "页眉或页脚引用了不存在的部件", where))
            elif ref.tag == w("footerReference"):
                footers.append(target)
        if i == len(sects) and not any(_has_page_field(parts[f]) for f in footers):
            out.append(
                Finding(
                    "no-page-number", "页脚里没有页码域（PAGE）：GB/T 9704 7.5 要求页码", where, "warning"
                )
            )
    return out


def _rel_ids(parts: dict[str, bytes], main: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    data = parts.get(posixpath.join(folder, "_rels", base + ".rels"))
    if data is None:
        return {}
    root = etree.fromstring(data, parser=_PARSER)
    return {
        r.get("Id", ""): posixpath.normpath(posixpath.join(folder, r.get("Target", "")))
        for r in root.iter(f"{{{ooxml.NS['pr']}}}Relationship")
        if r.get("TargetMode") != "External"
    }


def _has_page_field(xml: bytes) -> bool:
    return bool(re.search(rb"<w:instrText[^>]*>\s*PAGE\b|w:instr=\"\s*PAGE\b", xml))


# -- trial render ---------------------------------------------------------------------------------------


def _trial_kind() -> str:
    """The kind the sample draft claims: the first registered one (the trial renders into the template given,
    so any kind will do; naming none here keeps the check free of any domain)."""
    from docgen import registry

    return registry.kinds()[0].name


def _sample() -> tuple[Draft, dict[str, str]]:
    marks = {
        "title": "样例标题甲",
        "subtitle": "样例副标题乙",
        "byline": "样例署名丙",
        "salutation": "样例称谓丁",
        "heading1": "样例一级标题戊",
        "heading2": "样例二级标题己",
        "paragraph": "样例正文庚",
        "closing": "样例结束语辛",
        "signature": "样例落款壬",
        "table": "样例表格癸",
    }
    draft = Draft(
        DraftMeta("template-check", _trial_kind(), marks["title"], date(2024, 1, 1)),
        [
            Title(marks["title"]),
            Subtitle(marks["subtitle"]),
            Byline((marks["byline"],)),
            Salutation(marks["salutation"]),
            Heading(1, "一、", marks["heading1"]),
            Heading(2, "（一）", marks["heading2"]),
            Paragraph(
                (
                    Segment("（一）引句。", "l2_lead"),
                    Segment("一是引句。", "l3_lead"),
                    Segment("1.条目。", "item_lead"),
                    Segment(marks["paragraph"]),
                    Segment("〔待补：样例〕", "todo"),
                )
            ),
            ClosingLine(marks["closing"]),
            Table((("甲", "乙"), (marks["table"], "丁"))),
            Signature(marks["signature"], "2024年1月1日"),
        ],
    )
    return draft, marks


def _trial_render(path: Path) -> list[Finding]:
    from docgen.render.docx import (
        render_docx,  # the renderer itself: the API checks templates with this module
    )

    draft, marks = _sample()
    try:
        data = render_docx(draft, path)
    except RenderError as exc:
        return [Finding("render-error", f"用样例文稿试渲染失败：{exc}")]
    parts = read_parts(data)
    text = "".join(etree.fromstring(parts[layout(parts).main], parser=_PARSER).itertext())
    out: list[Finding] = []
    for kind, mark in marks.items():
        if mark not in text:
            core = kind in CORE_BLOCKS
            out.append(
                Finding(
                    "block-dropped",
                    f"试渲染的文稿里没有{BLOCK_LABELS[kind]}（b.kind == '{kind}'）：模板中对应的段落或标签被删掉了"
                    + ("" if core else "；如本单位用此模板的文种没有这种内容，可忽略"),
                    severity="error" if core else "warning",
                )
            )
    return out
