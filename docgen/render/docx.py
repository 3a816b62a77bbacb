"""Draft → .docx through a docxtpl template, fast and deterministic.

The template's ``word/document.xml`` is preprocessed exactly as docxtpl does it (``DocxTemplate.patch_xml``:
merging split tags, ``{%p``/``{%tr``/``{{r`` handling) and compiled by Jinja once per template file (path,
mtime, size) and render variant.  A render then only runs the compiled template, checks that the result is
well-formed XML, writes ``docProps/core.xml`` from :class:`~docgen.draft.DraftMeta` and zips the parts, the
unchanged ones copied as cached bytes (no python-docx on the hot path).

Data is never template code: values reach Jinja only through the context, with autoescape on, in a
sandboxed environment with ``StrictUndefined``.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import posixpath
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes
from jinja2.sandbox import SandboxedEnvironment, safe_range
from lxml import etree

from docgen.draft import Draft
from docgen.errors import RenderError, os_reason, reason_zh
from docgen.render import ooxml
from docgen.render.context import build_context, clean
from docgen.render.finalize import read_parts, write_docx
from docgen.render.house import prepare_template
from docgen.render.ooxml import NS, insert_in_order, w
from docgen.render.templates import TEMPLATES_DIR, default_template

__all__ = [
    "DEFAULT_FONT_PROFILE",
    "PAGE_NUMBER_MODES",
    "TEMPLATES_DIR",
    "clear_cache",
    "default_template",
    "render_docx",
]

DEFAULT_FONT_PROFILE = "gb2312"  # what templates/*.docx are built with (styles/gbt9704.yaml default_profile)
PAGE_NUMBER_MODES = ("center", "odd_even")
LEAD_STYLES = ("L3Lead", "ItemLead")  # made bold by bold_leads=True
CONTEXT_NAMES = frozenset({"blocks", "meta"})
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CACHE_SIZE = 32

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_REL_DOC = _RT + "officeDocument"
_REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_TAG_RE = re.compile(rb"\{\{|\{%")
_P_OPEN = re.compile(r"<w:p([ >])")
_STRIP_TAGS = re.compile(r"<[^>]+>")
# Runs left empty by docxtpl's {{r …}} split (and any other empty run of the template): dropped.
_EMPTY_RUN = re.compile(
    r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: xml:space="preserve")?></w:t></w:r>'
)


@dataclass(frozen=True)
class _Compiled:
    parts: dict[str, bytes]  # every part except the rendered ones and core.xml, as bytes
    templates: dict[str, jinja2.Template]  # part name → compiled template
    core_name: str
    styles: frozenset[str]  # style ids the template defines


_CACHE: OrderedDict[tuple[Any, ...], _Compiled] = OrderedDict()
_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every compiled template (tests and benchmarks use it)."""
    with _LOCK:
        _CACHE.clear()


# Work a template may do in one render: loop items (range() and loops over the data, nested loops counted
# in full), the size of a repeated string or list, and wall time.  The sandbox alone bounds each range(),
# not their product.
MAX_LOOP_ITEMS = 200_000
MAX_REPEAT = 1_000_000
MAX_SECONDS = 30.0
_BUDGET: contextvars.ContextVar[list[float]] = contextvars.ContextVar("docgen_template_budget")


def _spend() -> None:
    budget = _BUDGET.get(None)
    if budget is None:
        return
    budget[0] -= 1
    if budget[0] < 0:
        raise RenderError(
            f"模板中的循环次数过多（超过 {MAX_LOOP_ITEMS:,} 次），可能有嵌套的 range() 或循环；请检查模板"
        )
    if int(budget[0]) % 1024 == 0 and time.monotonic() > budget[1]:
        raise RenderError(f"模板渲染超时（超过 {MAX_SECONDS:g} 秒），可能有过多的循环；请检查模板")


class _Counted(list[Any]):
    """A list in the template context whose iteration spends the render's loop budget."""

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            _spend()
            yield item


def _counted(value: Any) -> Any:
    if isinstance(value, list | tuple) and not isinstance(value, _Counted):
        return _Counted(_counted(v) for v in value)
    if type(value) is dict:
        return {k: _counted(v) for k, v in value.items()}
    return value


def _budget_range(*args: int) -> Iterator[int]:
    for i in safe_range(*args):
        _spend()
        yield i


class _BudgetEnvironment(SandboxedEnvironment):
    """The sandbox, plus a loop budget (:data:`MAX_LOOP_ITEMS`) and bounded ``*``/``**``."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.globals["range"] = _budget_range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise RenderError("模板中的乘方运算过大，拒绝执行")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_REPEAT:
                    raise RenderError(f"模板中重复生成的文字或列表过长（超过 {MAX_REPEAT:,} 项），拒绝执行")
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    return _BudgetEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


# -- reading and preprocessing a template ----------------------------------------------------------------


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"模板中的 {name} 不是合法的 XML：{reason_zh(exc)}") from exc


def _tostring(root: etree._Element) -> bytes:
    body: bytes = etree.tostring(root, encoding="UTF-8")
    return XML_DECL.encode() + body


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _rels(root: etree._Element | None) -> list[etree._Element]:
    return [] if root is None else list(root.iter(f"{{{NS['pr']}}}Relationship"))


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _font_map(font_profile: str) -> dict[str, str]:
    """Names to rename for ``font_profile``: every other profile's face of a role → this profile's face."""
    if font_profile == DEFAULT_FONT_PROFILE:
        return {}
    profile = ooxml.load_profile()
    profiles = profile.font_profiles
    if font_profile not in profiles:
        raise RenderError(f"未知的字体方案“{font_profile}”，可选：{'、'.join(profiles)}")
    target = profiles[font_profile]
    mapping: dict[str, str] = {}
    for name, other in profiles.items():
        if name != font_profile:
            mapping.update(
                {str(f): str(target[r]) for r, f in other.items() if r in target and f != target[r]}
            )
    return mapping


def _bold_leads(styles: etree._Element) -> None:
    for style in styles.iter(w("style")):
        if style.get(w("styleId")) not in LEAD_STYLES:
            continue
        rpr = style.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(style, w("rPr"))
        for tag in ("b", "bCs"):
            insert_in_order(rpr, etree.Element(w(tag)), ooxml.RPR_ORDER)


def _free_name(parts: dict[str, bytes], folder: str, stem: str) -> str:
    n = 1
    while posixpath.join(folder, f"{stem}{n}.xml") in parts:
        n += 1
    return posixpath.join(folder, f"{stem}{n}.xml")


def _install_odd_even(
    parts: dict[str, bytes],
    main: str,
    doc: etree._Element,
    rels: etree._Element,
    settings: etree._Element,
    types: etree._Element,
    font_profile: str,
) -> None:
    """GB/T 9704 7.5 page numbers: odd pages right with 1字 indent, even pages left; evenAndOddHeaders on."""
    profile = ooxml.load_profile()
    pn = profile.page_number
    fp = font_profile if font_profile in profile.font_profiles else None
    face = profile.face(str(pn["font"]), fp)
    folder = posixpath.dirname(main)
    ids = {r.get("Id") for r in _rels(rels)}
    refs: dict[str, str] = {}
    sides: tuple[tuple[str, ooxml.FooterAlign], ...] = (("default", "right"), ("even", "left"))
    for kind, align in sides:
        name = _free_name(parts, folder, "footer")
        parts[name] = ooxml.footer_xml(
            align,
            font=face,
            size_pt=float(pn["size_pt"]),
            dash=str(pn["dash"]),
            indent_chars=float(pn["indent_chars"]),
        )
        rid = f"rIdDocgenFooter{kind.title()}"
        while rid in ids:
            rid += "x"
        ids.add(rid)
        refs[kind] = rid
        etree.SubElement(
            rels,
            f"{{{NS['pr']}}}Relationship",
            Id=rid,
            Type=ooxml.REL_FOOTER,
            Target=posixpath.relpath(name, folder),
        )
        etree.SubElement(types, f"{{{NS['ct']}}}Override", PartName="/" + name, ContentType=ooxml.CT_FOOTER)
    insert_in_order(settings, etree.Element(w("evenAndOddHeaders")), ooxml.SETTINGS_ORDER)
    for sect in doc.iter(w("sectPr")):
        for ref in sect.findall(w("footerReference")):
            if ref.get(w("type")) in ("default", "even", None):
                sect.remove(ref)
        for kind in ("even", "default"):
            ref = etree.Element(w("footerReference"))
            ref.set(w("type"), kind)
            ref.set(f"{{{NS['r']}}}id", refs[kind])
            sect.insert(0, ref)


def _patched(xml: str, path: Path) -> str:
    """docxtpl's own preprocessing (``patch_xml``), so templates behave as with docxtpl.  The result is kept in
    docgen's cache directory, keyed by the XML and the installed docxtpl, so a cold ``docgen render`` does not
    import docxtpl and python-docx just for it."""
    import hashlib
    import importlib.util

    from docgen.fragcache import cache_dir

    spec = importlib.util.find_spec("docxtpl")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    folder = cache_dir()
    target = None
    if origin is not None and folder is not None:
        with contextlib.suppress(OSError):
            st = origin.stat()
            stamp = f"{origin}\0{st.st_size}\0{st.st_mtime_ns}\0".encode()
            target = folder / f"patched-{hashlib.sha256(stamp + xml.encode()).hexdigest()[:40]}.xml"
            with contextlib.suppress(OSError):
                return target.read_text(encoding="utf-8")
    from docxtpl import DocxTemplate

    src: str = DocxTemplate(str(path)).patch_xml(xml)
    if target is not None:
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_text(src, encoding="utf-8")
            os.replace(tmp, target)
    return src


def _jinja_source(xml: str, path: Path) -> str:
    src = _patched(xml, path)
    # docxtpl's escaped delimiters ({_{ … }_}) become literal output, without touching rendered data.
    for esc, lit in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
        src = src.replace(esc, f"{{{{ '{lit}' }}}}")
    src = _EMPTY_RUN.sub("", src)
    return _P_OPEN.sub(r"\n<w:p\1", src)  # one paragraph a line: Jinja errors then point at a paragraph


def _undeclared(ast: jinja2.nodes.Template) -> set[str]:
    """Names a template reads but never sets (cheaper than jinja2.meta, which generates code: a loop
    variable set anywhere counts as set everywhere, which is close enough to catch misspelt names)."""
    loads: set[str] = set()
    stores: set[str] = set()
    for node in ast.find_all(jinja2.nodes.Name):
        (loads if node.ctx == "load" else stores).add(node.name)
    return loads - stores


def _compile_part(env: SandboxedEnvironment, src: str, name: str, path: Path, main: bool) -> jinja2.Template:
    try:
        ast = env.parse(src, name=name)
        names = _undeclared(ast) - set(env.globals)
        template = env.template_class.from_code(
            env, env.compile(ast, name=name), env.make_globals(None), None
        )
    except jinja2.TemplateSyntaxError as exc:
        lines = src.splitlines()[max(exc.lineno - 2, 0) : exc.lineno + 1]
        near = " / ".join(t for t in (_STRIP_TAGS.sub("", line).strip() for line in lines) if t)
        raise RenderError(f"模板 {path} 的 {name} 有语法错误：{exc.message}（附近文字：{near}）") from exc
    unknown = names - CONTEXT_NAMES
    if unknown:
        raise RenderError(f"模板 {path} 使用了未知的变量：{'、'.join(sorted(unknown))}（可用：blocks、meta）")
    if main and "blocks" not in names:
        raise RenderError(f"模板 {path} 的正文没有 blocks 循环（{{%p for b in blocks %}}），无法写入文稿")
    return template


def _compile(path: Path, font_profile: str, bold_leads: bool, page_numbers: str) -> _Compiled:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"无法读取模板文件：{path}（{os_reason(exc)}）") from exc
    try:
        parts = read_parts(data)
    except RenderError as exc:
        raise RenderError(f"模板 {path}：{exc}") from exc
    trees: dict[str, etree._Element] = {}
    dirty: set[str] = set()

    def tree(name: str, *, change: bool = False) -> etree._Element:
        if name not in trees:
            trees[name] = _parse(parts[name], name)
        if change:
            dirty.add(name)
        return trees[name]

    pkg_rels = _rels(tree("_rels/.rels")) if "_rels/.rels" in parts else []
    main = next((_target("", r.get("Target", "")) for r in pkg_rels if r.get("Type") == _REL_DOC), "")
    if main not in parts:
        raise RenderError(f"模板 {path} 缺少正文部件（word/document.xml）")
    doc_rels_name = _rels_name(main)
    doc_rels = _rels(tree(doc_rels_name)) if doc_rels_name in parts else []
    by_type: dict[str, list[str]] = {}
    for r in doc_rels:
        if r.get("TargetMode") != "External":
            by_type.setdefault(r.get("Type", "").rsplit("/", 1)[-1], []).append(
                _target(main, r.get("Target", ""))
            )
    styles_name = (by_type.get("styles") or [""])[0]
    if styles_name not in parts:
        raise RenderError(f"模板 {path} 缺少样式部件（styles.xml）")
    hf_names = [n for t in ("header", "footer", "footnotes") for n in by_type.get(t, []) if n in parts]

    mapping = _font_map(font_profile)
    if mapping:
        for name in [styles_name, main, *hf_names]:
            ooxml.swap_fonts(tree(name, change=True), mapping)
    if bold_leads:
        _bold_leads(tree(styles_name, change=True))
    if page_numbers == "odd_even":
        settings_name = (by_type.get("settings") or [""])[0]
        if settings_name not in parts or doc_rels_name not in parts:
            raise RenderError(f"模板 {path} 缺少 settings.xml 或正文的关系部件，无法设置奇偶页页码")
        _install_odd_even(
            parts,
            main,
            tree(main, change=True),
            tree(doc_rels_name, change=True),
            tree(settings_name, change=True),
            tree("[Content_Types].xml", change=True),
            font_profile,
        )

    core_name = next((_target("", r.get("Target", "")) for r in pkg_rels if r.get("Type") == _REL_CORE), "")
    if not core_name:
        core_name = "docProps/core.xml"
        rels_root = tree("_rels/.rels", change=True)
        etree.SubElement(
            rels_root, f"{{{NS['pr']}}}Relationship", Id="rIdDocgenCore", Type=_REL_CORE, Target=core_name
        )
        types = tree("[Content_Types].xml", change=True)
        etree.SubElement(types, f"{{{NS['ct']}}}Override", PartName="/" + core_name, ContentType=_CT_CORE)

    styles = frozenset(s.get(w("styleId"), "") for s in tree(styles_name).iter(w("style")))
    env = _environment()
    templates: dict[str, jinja2.Template] = {}
    for name in [main, *hf_names]:
        if name != main and not _TAG_RE.search(parts[name]):
            continue  # no tags: copied as bytes (or re-serialized below if changed)
        src = _jinja_source(etree.tostring(tree(name), encoding="unicode"), path)
        templates[name] = _compile_part(env, src, name, path, main=name == main)
    for name in dirty - set(templates):
        parts[name] = _tostring(trees[name])
    for name in (*templates, core_name):
        parts.pop(name, None)
    return _Compiled(parts=parts, templates=templates, core_name=core_name, styles=styles)


def _compiled(path: Path, font_profile: str, bold_leads: bool, page_numbers: str) -> _Compiled:
    try:
        st = path.stat()
    except OSError as exc:
        raise RenderError(f"找不到模板文件：{path}") from exc
    key: tuple[Any, ...] = (str(path), st.st_mtime_ns, st.st_size, font_profile, bold_leads, page_numbers)
    if font_profile != DEFAULT_FONT_PROFILE or page_numbers != "center":
        try:
            key += (ooxml.PROFILE_PATH.stat().st_mtime_ns,)
        except OSError as exc:
            raise RenderError(f"找不到样式配置文件：{ooxml.PROFILE_PATH}") from exc
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    compiled = _compile(path, font_profile, bold_leads, page_numbers)
    with _LOCK:
        _CACHE[key] = compiled
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return compiled


# -- rendering --------------------------------------------------------------------------------------------


def _render_part(template: jinja2.Template, ctx: dict[str, Any], name: str) -> bytes:
    token = _BUDGET.set([float(MAX_LOOP_ITEMS), time.monotonic() + MAX_SECONDS])
    try:
        xml = template.render(_counted(ctx))
    except RenderError:
        raise
    except RecursionError:
        raise RenderError(f"模板渲染失败（{name}）：嵌套层次过深") from None
    except Exception as exc:  # a template may fail in any way; the user gets one Chinese message
        raise RenderError(f"模板渲染失败（{name}）：{type(exc).__name__}: {exc}") from exc
    finally:
        _BUDGET.reset(token)
    xml = xml.replace("\n<w:p", "<w:p")  # undo the one-paragraph-a-line split (data never contains "<")
    try:
        etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        raise RenderError(
            f"渲染结果（{name}）不是合法的 XML：{reason_zh(exc)}。请检查模板中的标签是否完整、是否被拆成了多段文字"
        ) from exc
    return (XML_DECL + xml).encode("utf-8")


def _resolve(template: str | os.PathLike[str] | None, kind: str) -> Path:
    if template is None:
        path = default_template(kind)
        if not path.is_file():
            raise RenderError(f"没有文种“{kind}”的默认模板（{path}），请用 --template 指定模板")
        return path
    return Path(os.path.abspath(template))


def render_docx(
    draft: Draft,
    template: str | os.PathLike[str] | None = None,
    *,
    font_profile: str = DEFAULT_FONT_PROFILE,
    bold_leads: bool = False,
    page_numbers: str = "center",
) -> bytes:
    """Render ``draft`` into a .docx and return its bytes (deterministic: same input, same bytes).

    ``template``: a .docx whose body loops over ``blocks`` (default ``templates/<kind>.docx``).
    ``font_profile``: ``gb2312`` (仿宋_GB2312 …, as the templates are built) or ``windows`` (仿宋, 楷体 …).
    ``bold_leads``: make the 一是/条目 lead sentences (styles L3Lead, ItemLead) bold.
    ``page_numbers``: ``center`` (the template's own footer; ours is a centred ``— 1 —``) or ``odd_even``
    (GB/T 9704 7.5: odd pages right, even pages left, 1字 in from the edge).
    Raises :class:`~docgen.errors.RenderError` (Chinese message) on any template or render failure.
    """
    if page_numbers not in PAGE_NUMBER_MODES:
        raise RenderError(
            f"未知的页码方式“{page_numbers}”，可选：center（居中）、odd_even（单页居右、双页居左）"
        )
    path = _resolve(template, draft.meta.kind)
    # a house template restyled in an office suite may carry renamed style ids: use a repaired copy
    used = prepare_template(path) if template is not None else path
    try:
        compiled = _compiled(used, font_profile, bool(bold_leads), page_numbers)
    except RenderError as exc:
        if used == path:
            raise
        raise RenderError(str(exc).replace(str(used), str(path))) from exc
    ctx, used_styles = build_context(draft)
    missing = used_styles - compiled.styles
    if missing:
        raise RenderError(
            f"模板缺少样式：{'、'.join(sorted(missing))}（可用 scripts/build_templates.py 生成的模板作底稿）"
        )
    parts = dict(compiled.parts)
    for name, template_ in compiled.templates.items():
        parts[name] = _render_part(template_, ctx, name)
    parts[compiled.core_name] = _core(draft)
    return write_docx(parts)


def _core(draft: Draft) -> bytes:
    m = draft.meta
    return ooxml.core_xml(
        title=clean(m.title),
        creator=clean(m.author),
        last_modified_by=clean(m.author),
        subject=clean(m.subject),
        keywords=clean(m.keywords),
        identifier=clean(m.doc_id),
        created=f"{m.date.isoformat()}T00:00:00Z",
    )
