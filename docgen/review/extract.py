"""Read a .docx safely and list its paragraphs in order: body (tables included), then headers and footers.

Untrusted input is refused cleanly, with a Chinese message (:class:`ReviewError`, exit code 2): a file that
is not a zip (an old .doc, a PDF …), a corrupt zip, a zip bomb (more than :data:`MAX_ENTRIES` entries or
:data:`MAX_UNCOMPRESSED` bytes once decompressed, counted while decompressing), a zip that is not a Word
document, and XML with a DOCTYPE.  Text boxes (``w:txbxContent``) are refused: their text would be silently
left out of the comparison.  Tracked changes (``w:ins``, ``w:del``, moves, property changes) are refused
unless ``accept_changes=True``, which accepts them all first (our own walk, :func:`docgen.review.wml.accept_all`)
so the comparison sees the text Word shows after "accept all changes".
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from docgen.docxlimits import xml_work_problem
from docgen.errors import EXIT_USAGE, DocgenError, reason_zh
from docgen.review import wml
from docgen.review.wml import CHANGE_NAMES, TXBX, P, w

__all__ = [
    "MAX_ENTRIES",
    "MAX_INPUT",
    "MAX_UNCOMPRESSED",
    "Docx",
    "Para",
    "ReviewError",
    "load_docx",
    "read_zip",
]

MAX_INPUT = 100 * 1024 * 1024  # bytes of the .docx file itself
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together, decompressed
MAX_ENTRIES = 2000

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_DOC = RT + "officeDocument"
REL_DOC_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
STORY_TYPES = ("header", "footer")
BODY = "body"

_REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo", *CHANGE_NAMES, "cellIns", "cellDel", "cellMerge")
_MAGIC = {
    b"\xd0\xcf\x11\xe0": "旧版 Word 97-2003 文档（.doc）或其他 OLE 文件，请先在 Word/WPS 中另存为 .docx",
    b"%PDF": "PDF 文件，不是 Word 文档（.docx）",
    b"{\\rt": "RTF 文件，请先在 Word/WPS 中另存为 .docx",
}


class ReviewError(DocgenError):
    """An input the review commands cannot use (exit 2): the message is Chinese and names the file."""

    exit_code = EXIT_USAGE


@dataclass
class Para:
    """One paragraph of a story: its text and its element in the parsed part."""

    story: str  # "body" or the part name of a header/footer ("word/footer1.xml")
    index: int  # 0-based position among the story's paragraphs
    text: str
    element: etree._Element
    in_table: bool = False


@dataclass
class Docx:
    """A parsed .docx: every part's bytes, the parsed story parts and their paragraphs."""

    label: str
    parts: dict[str, bytes]
    main: str  # the main document part, normally "word/document.xml"
    trees: dict[str, etree._Element] = field(default_factory=dict)  # story part name → root
    stories: dict[str, list[Para]] = field(default_factory=dict)  # "body", header/footer part names

    def part_of(self, story: str) -> str:
        return self.main if story == BODY else story

    def texts(self, story: str = BODY) -> list[str]:
        return [p.text for p in self.stories.get(story, [])]

    def serialize(self, part: str) -> bytes:
        body: bytes = etree.tostring(self.trees[part], encoding="UTF-8")
        return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body


def read_zip(data: bytes, label: str) -> dict[str, bytes]:
    """The parts of a zip, refusing anything that is not a sane, bounded one (see the module doc)."""
    if len(data) > MAX_INPUT:
        raise ReviewError(f"{label}：文件过大（超过 {MAX_INPUT // 1024 // 1024} MB），不像是一份文稿")
    if not data.startswith(b"PK\x03\x04"):
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise ReviewError(f"{label}：这是{what}")
        raise ReviewError(f"{label}：不是 Word 文档（.docx），文件开头不是 zip 格式")
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ReviewError(f"{label}：压缩包内文件过多（{len(infos)} 个），拒绝处理")
            budget = MAX_UNCOMPRESSED
            for info in infos:
                if info.is_dir():
                    continue
                if info.file_size > budget:
                    raise ReviewError(
                        f"{label}：解压后过大（超过 {MAX_UNCOMPRESSED // 1024 // 1024} MB），疑为压缩炸弹"
                    )
                chunks: list[bytes] = []
                with zf.open(info) as fh:
                    while True:
                        chunk = fh.read(1 << 20)
                        if not chunk:
                            break
                        budget -= len(chunk)
                        if budget < 0:
                            raise ReviewError(
                                f"{label}：解压后过大（超过 {MAX_UNCOMPRESSED // 1024 // 1024} MB），疑为压缩炸弹"
                            )
                        chunks.append(chunk)
                if info.filename in parts:
                    raise ReviewError(f"{label}：压缩包中有重复的部件 {info.filename}")
                parts[info.filename] = b"".join(chunks)
    except ReviewError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise ReviewError(f"{label}：zip 文件已损坏或无法读取（{reason_zh(exc)}）") from exc
    except RuntimeError as exc:  # encrypted entries
        raise ReviewError(f"{label}：文件已加密，无法读取") from exc
    for name, part in parts.items():
        if name.endswith((".xml", ".rels")):
            problem = xml_work_problem(part)
            if problem is not None:
                raise ReviewError(f"{label}：{name} {problem}")
    return parts


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, huge_tree=False)


def parse_xml(data: bytes, label: str, part: str) -> etree._Element:
    problem = xml_work_problem(data)
    if problem is not None:
        raise ReviewError(f"{label}：{part} {problem}")
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReviewError(f"{label}：{part} 不是合法的 XML（{reason_zh(exc)}）") from exc
    if root.getroottree().docinfo.doctype:
        raise ReviewError(f"{label}：{part} 含有 DOCTYPE 声明，拒绝处理")
    return root


def _rels(parts: dict[str, bytes], source: str, label: str) -> list[etree._Element]:
    folder, base = posixpath.split(source)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in parts:
        return []
    return list(parse_xml(parts[name], label, name).iter(f"{{{REL_NS}}}Relationship"))


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def main_part(parts: dict[str, bytes], label: str) -> str:
    for rel in _rels(parts, "", label):
        if rel.get("Type") in (REL_DOC, REL_DOC_STRICT) and rel.get("TargetMode") != "External":
            name = _target("", rel.get("Target", ""))
            if name in parts:
                return name
    if "word/document.xml" in parts:
        return "word/document.xml"
    raise ReviewError(f"{label}：不是 Word 文档（.docx）：压缩包中没有 word/document.xml")


def story_parts(parts: dict[str, bytes], main: str, label: str) -> list[str]:
    """Header and footer parts referenced by the main part, sorted by name."""
    names: set[str] = set()
    for rel in _rels(parts, main, label):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind in STORY_TYPES and rel.get("TargetMode") != "External":
            name = _target(main, rel.get("Target", ""))
            if name in parts:
                names.add(name)
    return sorted(names)


def has_revisions(root: etree._Element) -> bool:
    return next(root.iter(*(w(t) for t in _REVISION_TAGS)), None) is not None


def paragraphs(story: str, root: etree._Element) -> list[Para]:
    container = root.find(w("body")) if story == BODY else root
    if container is None:
        return []
    out: list[Para] = []
    for p in container.iter(P):
        anc = p.getparent()
        in_table = False
        while anc is not None and anc is not container:
            if anc.tag == w("tc"):
                in_table = True
            anc = anc.getparent()
        out.append(Para(story, len(out), wml.paragraph_text(p), p, in_table))
    return out


def load_docx(data: bytes, label: str = "文件", *, accept_changes: bool = False) -> Docx:
    """Parse a .docx for review.  ``label`` names the file in messages (e.g. "旧稿 a.docx")."""
    parts = read_zip(data, label)
    main = main_part(parts, label)
    doc = Docx(label, parts, main)
    names = [main, *story_parts(parts, main, label)]
    for name in names:
        root = parse_xml(parts[name], label, name)
        if next(root.iter(TXBX), None) is not None:
            raise ReviewError(
                f"{label}：含有文本框（{name}），docgen 不比较文本框里的文字；请把文本框中的文字移入正文后再比较"
            )
        if has_revisions(root):
            if not accept_changes:
                raise ReviewError(
                    f"{label}：含有修订标记（插入、删除、移动或格式修订）。请先在 Word/WPS 中“接受所有修订”"
                    "或“拒绝所有修订”后再比较，或加 --accept-changes 按接受全部修订后的文字比较"
                )
            wml.accept_all(root)
        doc.trees[name] = root
        story = BODY if name == main else name
        doc.stories[story] = paragraphs(story, root)
    return doc


def story_label(story: str) -> str:
    """Chinese name of a story: 正文, 页眉（header1.xml）, 页脚（footer1.xml）."""
    if story == BODY:
        return "正文"
    base = posixpath.basename(story)
    kind = "页眉" if base.startswith("header") else "页脚" if base.startswith("footer") else "部件"
    return f"{kind}（{base}）"
