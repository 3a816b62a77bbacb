"""Read a YAML facts file safely, keeping the line and column of every node.

The file is composed into ruamel.yaml's node graph (never constructed by ruamel, so no tag can build a Python
object) and then walked once here: the walk builds plain ``dict``/``list``/scalars, records a :class:`SourceMap`
and collects every problem it can (duplicate keys, non-string keys, unsupported tags, control characters) so
that one run reports them all.  Tabs used as indentation and raw control characters are found by scanning the
text before parsing; aliases are counted and their expansion measured before anything is expanded.
"""

from __future__ import annotations

import bisect
import codecs
import datetime
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.util import create_timestamp, timestamp_regexp

from docgen.errors import FactsError, Problem, os_reason

__all__ = ["MAX_BYTES", "Loaded", "SourceMap", "format_loc", "load_yaml", "load_yaml_text", "parse_loc", "read_facts_bytes"]

MAX_BYTES = 2 * 1024 * 1024
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 100_000
MAX_EXPANDED_CHARS = 4 * 1024 * 1024  # characters of text that aliases add when expanded
MAX_NODES = 20_000  # nodes composed in all: the largest example has under 1,000

Loc = tuple[str | int, ...]
Pos = tuple[int, int]

_T = "tag:yaml.org,2002:"
_MERGE = _T + "merge"  # "<<"; as a value it is plain text
_SCALAR_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge")}
# What YAML refuses raw (its printable set), which includes what XML 1.0 refuses.
_RAW_BAD = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What XML 1.0 refuses in text (reachable through escapes such as "\x01" in double quotes).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAK = re.compile(r"\r\n|\r|\n")  # ruamel counts lines on these only
_TAB_INDENT = re.compile(r"(?:^|(?<=[\r\n]))( *\t)[ \t]*")
# A key written with a full-width colon (date：2024-12-06) or with no space after its colon (date:2024-12-06):
# YAML reads the whole line as text, and the error it then reports is on a later line.
_BAD_SEPARATOR = re.compile(r"^[ ]*(?:-[ ]+)*([A-Za-z_][A-Za-z0-9_]*)[ ]*(：|:(?=[^\s:/]))", re.MULTILINE)

# ruamel's English problem text -> what to tell the user.
_SYNTAX_HINTS = (
    ("'\\t'", "此处不能使用 TAB 字符，请改用空格"),
    ("mapping values are not allowed", "此处不能出现“键: 值”；如果文字里有“: ”，请给整段文字加引号"),
    ("could not find expected ':'", "缺少“:”；如果是多行文字，请加引号或用“|”"),
    ("expected <block end>", "缩进不一致，请检查本行与同一层的其他行是否对齐"),
    ("did not find expected key", "缩进或列表“-”的位置不对"),
    ("undefined alias", "引用了未定义的锚点（*名称 之前需要有 &名称）"),
    ("unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("another document", "一个文件只能有一份 YAML 文档，不要用“---”分隔多份"),
    ("unknown escape character", "双引号文字中有无法识别的转义符“\\”；请改用单引号"),
    ("expected alphabetic or numeric character", "以“&”或“*”开头的文字需要加引号"),
    ("cannot start any token", "这个字符不能作为文字的开头，请给文字加引号"),
    ("expected the node content", "此处缺少内容"),
)


def format_loc(loc: Loc) -> str:
    """``("outlets", 2, "name")`` -> ``"outlets[2].name"``; the whole file is ``""``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_loc(path: str) -> Loc:
    """``"outlets[2].name"`` -> ``("outlets", 2, "name")`` (the inverse of :func:`format_loc`)."""
    return tuple(int(i) if i else k for k, i in _STEP.findall(path))


@dataclass(frozen=True)
class SourceMap:
    file: str
    values: dict[Loc, Pos]  # 1-based (line, col) of each node's value
    keys: dict[Loc, Pos]  # 1-based (line, col) of each mapping key

    def locate(self, loc: Loc, *, prefer_key: bool = False) -> Pos:
        """Position of ``loc``; a path not in the map falls back to its nearest existing ancestor (the
        ancestor's key if it has one, so a missing field points at its mapping's key line); root -> (1, 1)."""
        loc = tuple(loc)
        if not loc:
            return (1, 1)
        if prefer_key and loc in self.keys:
            return self.keys[loc]
        if loc in self.values:
            return self.values[loc]
        for end in range(len(loc), 0, -1):
            ancestor = loc[:end]
            if ancestor in self.keys:
                return self.keys[ancestor]
            if ancestor in self.values:
                return self.values[ancestor]
        return (1, 1)


@dataclass(frozen=True)
class Loaded:
    file: str
    data: Any
    source: SourceMap


def _fail(file: str, code: str, message: str, line: int = 1, col: int = 1) -> FactsError:
    return FactsError([Problem(file, line, col, "", code, message)])


def load_yaml(path: str | os.PathLike[str]) -> Loaded:
    """Load a facts file; raise :class:`FactsError` with located Chinese problems on any failure."""
    return load_yaml_text(read_facts_bytes(path), os.fspath(path))


def read_facts_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a facts file, within the size limit; :class:`FactsError` (naming the file) when it is missing,
    not a regular file, too large or unreadable."""
    file = os.fspath(path)
    try:
        info = os.stat(file)
    except (FileNotFoundError, NotADirectoryError):
        raise _fail(file, "file-missing", f"找不到文件“{file}”") from None
    except (OSError, ValueError) as exc:
        raise _fail(file, "file-unreadable", f"无法读取文件（{os_reason(exc)}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(file, "file-unreadable", f"“{file}”是目录，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise _fail(file, "file-unreadable", f"“{file}”不是普通文件")
    if info.st_size > MAX_BYTES:
        raise _too_large(file, info.st_size)
    try:
        with Path(file).open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise _fail(file, "file-unreadable", "没有读取这个文件的权限") from None
    except OSError as exc:
        raise _fail(file, "file-unreadable", f"无法读取文件（{os_reason(exc)}）") from None
    return data


def load_yaml_text(text: str | bytes, file: str = "<string>") -> Loaded:
    """Load facts from text or bytes (bytes must be UTF-8; a BOM is accepted)."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise _too_large(file, len(text))
        text = _decode(text, file)
    else:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise _too_large(file, size)
        text = text.removeprefix("\ufeff")
    return _Parse(text, file).run()


def _too_large(file: str, size: int) -> FactsError:
    message = f"文件太大：{size:,} 字节（约 {size / 1048576:.1f} MB），上限为 2 MB（{MAX_BYTES:,} 字节）"
    return _fail(file, "file-too-large", message)


_NOT_YAML = {
    b"PK\x03\x04": "这是 Word 文档（.docx）或其他 zip 压缩包，不是 YAML 事实文件；如果是 docgen check，参数顺序为“文稿.docx 事实.yaml”",
    b"\xd0\xcf\x11\xe0": "这是旧版 Word/Excel 文档或其他 OLE 文件，不是 YAML 事实文件",
    b"%PDF": "这是 PDF 文件，不是 YAML 事实文件",
    b"{\\rtf": "这是 RTF 文件，不是 YAML 事实文件",
}


def _decode(data: bytes, file: str) -> str:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        raise _fail(file, "not-utf8", "文件是 UTF-32 编码，请另存为 UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(file, "not-utf8", "文件是 UTF-16 编码，请另存为 UTF-8")
    for magic, what in _NOT_YAML.items():
        if data.startswith(magic):
            raise _fail(file, "not-utf8", what)
    head = data[:64]
    if len(head) >= 8 and head.count(0) * 4 >= len(head):  # no BOM, but every other/fourth byte is NUL
        width = "UTF-32" if head.count(0) * 4 >= len(head) * 3 else "UTF-16"
        raise _fail(file, "not-utf8", f"文件像是 {width} 编码（没有 BOM），请另存为 UTF-8")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        lines = _BREAK.split(before)
        message = (
            f"文件不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8（无法识别的字节 0x{data[exc.start]:02X}）"
        )
        raise _fail(file, "not-utf8", message, len(lines), len(lines[-1]) + 1) from None


class _Alias:
    """An alias occurrence: the node it refers to and where the ``*name`` is written."""

    __slots__ = ("name", "pos", "target")

    def __init__(self, target: Any, pos: Pos, name: str) -> None:
        self.target, self.pos, self.name = target, pos, name


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


_FAST_OK = frozenset("!&*\t")  # no tags, anchors, aliases or tabs …
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)  # … and no directive (%YAML 1.1)


class _FastResolver(VersionedResolver):
    """YAML 1.2 (no %YAML directive takes the fast path), its implicit-resolver table looked up once."""

    _table: Any = None

    @property
    def versioned_resolver(self) -> Any:
        if self._table is None:
            self._table = VersionedResolver.versioned_resolver.__get__(self)
        return self._table


class _CLoader:
    """The minimal loader object ruamel's Composer needs, with libyaml's parser behind it."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import CParser  # type: ignore[attr-defined]

        self._composer: Any = None
        self._parser = self.parser = CParser(text)
        self._resolver = self.resolver = _FastResolver(loader=self)


class _Refused(Exception):
    def __init__(self, pos: Pos, message: str, code: str = "alias-limit") -> None:
        self.pos, self.message, self.code = pos, message, code


class _Composer(Composer):
    """ruamel's composer, plus: an alias becomes an :class:`_Alias` (where it is written); aliases are counted
    and the size they expand to is added up as we go (memoised per node, so a bomb stops early); nodes with
    an explicit tag are remembered; and lines inside quoted or block text are noted (a tab there is text)."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False
        self.aliases = 0
        self.extra = 0  # nodes added by expanding aliases = sum of the expanded sizes of their targets
        self.sizes: dict[int, int] = {}  # id(node) -> expanded size; absent while the node is being composed
        self.chars: dict[int, int] = {}  # id(node) -> characters of text once expanded
        self.extra_chars = 0
        self.nodes = 0
        self.explicit: set[int] = set()
        self.text_lines: set[int] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) and event.anchor in self.anchors:
            self.parser.get_event()
            alias = _Alias(self.anchors[event.anchor], _pos(event.start_mark), event.anchor)
            self.aliases += 1
            if id(alias.target) not in self.sizes:
                raise _Refused(alias.pos, f"引用“*{alias.name}”指向包含它自身的内容（循环引用）")
            self.extra += self.sizes[id(alias.target)]
            self.extra_chars += self.chars[id(alias.target)]
            if self.extra_chars > MAX_EXPANDED_CHARS:
                message = f"引用展开后文字过多（超过 {MAX_EXPANDED_CHARS:,} 个字符），疑似“引用炸弹”"
                raise _Refused(alias.pos, message)
            if self.aliases > MAX_ALIASES:
                raise _Refused(alias.pos, f"引用（*别名）太多：超过上限 {MAX_ALIASES} 处")
            if self.extra > MAX_EXPANDED_NODES:
                message = f"引用展开后内容过多（超过 {MAX_EXPANDED_NODES:,} 个节点），疑似“引用炸弹”"
                raise _Refused(alias.pos, message)
            return alias
        tag = getattr(event, "ctag", None)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            mark = getattr(event, "start_mark", None)
            pos = _pos(mark) if mark is not None else (1, 1)
            message = f"内容过多：超过 {MAX_NODES:,} 个值（列表项、字段和文字），不像是一份事实文件"
            raise _Refused(pos, message, "too-many-nodes")
        node = super().compose_node(parent, index)
        if tag is not None and str(tag) != "!":
            self.explicit.add(id(node))
        if isinstance(node, ScalarNode):
            self.sizes[id(node)] = 1
            self.chars[id(node)] = len(node.value)
            if node.style in ("|", ">", "'", '"'):
                last = node.end_mark.line + (1 if node.end_mark.column else 0)
                self.text_lines.update(range(node.start_mark.line + 2, last + 1))
            return node
        children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
        targets = [child.target if isinstance(child, _Alias) else child for child in children]
        self.sizes[id(node)] = 1 + sum(self.sizes[id(target)] for target in targets)
        self.chars[id(node)] = sum(self.chars[id(target)] for target in targets)
        return node


def _to_int(text: str) -> int:
    s = text.replace("_", "")
    sign = -1 if s.startswith("-") else 1
    s = s[1:] if s[:1] in ("+", "-") else s
    base = {"0x": 16, "0o": 8, "0b": 2}.get(s[:2].lower())
    return sign * (int(s[2:], base) if base else int(s))


def _to_float(text: str) -> float:
    s = text.replace("_", "").lower()
    if s.lstrip("+-") in (".inf", ".nan"):
        value = math.inf if s.endswith("inf") else math.nan
        return -value if s.startswith("-") else value
    return float(s)


def _to_timestamp(text: str) -> datetime.date:
    match = timestamp_regexp.match(text)
    if match is None:
        raise ValueError(text)
    result: datetime.date = create_timestamp(**match.groupdict())
    return result


_CONVERT = {_T + "int": _to_int, _T + "float": _to_float, _T + "timestamp": _to_timestamp}
_BOOLS = {"true": True, "false": False}


def _kind(value: Any) -> str:
    kinds = ((bool, "布尔值"), (int | float, "数字"), (datetime.date, "日期"), (type(None), "空值"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "文字")


class _Parse:
    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self.line_starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self.problems: list[Problem] = []
        self.located: list[tuple[Pos, str, str]] = []  # found before parsing; path filled in later
        self.spans: list[tuple[Pos, Pos, Loc]] = []
        self.values: dict[Loc, Pos] = {}
        self.keys: dict[Loc, Pos] = {}
        self.explicit: set[int] = set()

    def at(self, offset: int) -> Pos:
        line = bisect.bisect_right(self.line_starts, offset)
        return (line, offset - self.line_starts[line - 1] + 1)

    def add(self, pos: Pos, loc: Loc | str, code: str, message: str) -> None:
        path = loc if isinstance(loc, str) else format_loc(loc)
        self.problems.append(Problem(self.file, pos[0], pos[1], path, code, message))

    def stop(self, with_paths: bool = False) -> FactsError:
        self.spans.sort(key=lambda span: span[:2])
        for pos, code, message in self.located:
            self.add(pos, self.path_at(pos) if with_paths else "", code, message)
        return FactsError(self.problems)

    def path_at(self, pos: Pos) -> str:
        """Path of the scalar containing ``pos``, else of the next, else the previous one on its line."""
        i = bisect.bisect_right(self.spans, pos, key=lambda span: span[0])
        if i and self.spans[i - 1][1] > pos:
            return format_loc(self.spans[i - 1][2])
        for j in (i, i - 1):
            if 0 <= j < len(self.spans) and self.spans[j][0][0] == pos[0]:
                return format_loc(self.spans[j][2])
        return ""

    def run(self) -> Loaded:
        clean = _RAW_BAD.sub(" ", self.text)  # one char for one: offsets and columns stay put
        for m in _RAW_BAD.finditer(self.text):
            message = f"含有不允许的控制字符 U+{ord(m.group()):04X}，请删除（常见于从网页或 PDF 复制的文字）"
            self.located.append((self.at(m.start()), "invalid-char", message))
        tabs = {self.at(m.start())[0]: m for m in _TAB_INDENT.finditer(clean)}
        root, composer, error = None, None, None
        for _ in range(2):  # a second pass only when some "tab indents" were inside quoted/block text
            parse_text = clean
            for m in sorted(tabs.values(), key=lambda m: m.start(), reverse=True):
                parse_text = parse_text[: m.start()] + " " * (m.end() - m.start()) + parse_text[m.end() :]
            root, composer, error = self.compose(parse_text)
            if composer is None or not tabs.keys() & composer.text_lines:
                break
            tabs = {line: m for line, m in tabs.items() if line not in composer.text_lines}
        for line, m in tabs.items():
            message = "用 TAB 缩进；YAML 只能用空格缩进，请把 TAB 换成空格"
            self.located.append(((line, self.at(m.start(1))[1] + len(m.group(1)) - 1), "tab-indent", message))
        if error is not None or composer is None:
            typos = self.separator_typos(parse_text, error) if error is not None else []
            self.located.extend(typos)
            caused = bool(tabs or typos)
            if error is not None and not (caused and error.code == "yaml-syntax"):
                self.problems.append(error)  # a syntax error after a tab or a bad separator is most likely caused by it
            raise self.stop()
        self.explicit = composer.explicit
        if root is None or (isinstance(root, ScalarNode) and root.value == "" and not root.style):
            self.add((1, 1), "", "empty-file", "文件是空的（没有内容，或只有注释）")
            raise self.stop()
        if not isinstance(root, MappingNode):
            kind = "列表" if isinstance(root, SequenceNode) else "一段文字或数值"
            message = f"文件顶层必须是“键: 值”形式的映射，现在是{kind}"
            self.add(_pos(root.start_mark), "", "top-not-mapping", message)
            raise self.stop()
        data = self.build(root, (), None, False)
        if self.problems or self.located:
            raise self.stop(with_paths=True)
        return Loaded(self.file, data, SourceMap(self.file, self.values, self.keys))

    def separator_typos(self, text: str, error: Problem) -> list[tuple[Pos, str, str]]:
        """Lines whose key is followed by a full-width colon or by a colon with no space (``date：2024-12-06``,
        ``date:2024-12-06``) when they cause ``error``: YAML cannot read them as a key and reports its error on a
        later line.  They count only if the text with them mended parses further (so such a line inside quoted
        or block text, which is fine, is never blamed)."""
        if error.code != "yaml-syntax":
            return []
        found = list(_BAD_SEPARATOR.finditer(text))
        if not found or self.at(found[0].start(2))[0] > error.line:
            return []
        mended = text
        for m in reversed(found):
            mended = mended[: m.start(2)] + ": " + mended[m.end(2) :]
        _, composer, after = self.compose(mended)
        if after is not None and after.line <= error.line:
            return []
        last = after.line if after is not None else len(self.line_starts)
        in_text = composer.text_lines if composer is not None else set()
        found = [m for m in found if self.at(m.start(2))[0] not in in_text and self.at(m.start(2))[0] < last + 1]
        out: list[tuple[Pos, str, str]] = []
        for m in found:
            key, sep = m.group(1), m.group(2)
            if sep == "：":
                message = f"键“{key}”后面是全角冒号“：”；键和值之间要用半角冒号加空格，写成“{key}: ”"
            else:
                message = f"键“{key}”的冒号后面缺少空格；键和值之间要用半角冒号加空格，写成“{key}: ”"
            out.append((self.at(m.start(2)), "yaml-syntax", message))
        return out

    def compose(self, text: str) -> tuple[Any, _Composer | None, Problem | None]:
        if _FAST_OK.isdisjoint(text) and not _DIRECTIVE.search(text):
            # libyaml scans and parses (about 4x faster); our composer still builds the nodes, so positions,
            # duplicate keys and sizes are exactly as below.  Tags, anchors, aliases and tabs take the pure
            # path, and so does anything libyaml rejects (for ruamel's precise messages).
            try:
                loader = _CLoader(text)
                composer = _Composer(loader)
                return composer.get_single_node(), composer, None
            except _Refused as exc:
                return None, None, Problem(self.file, *exc.pos, "", exc.code, exc.message)
            except Exception:
                pass  # the pure parser below gives the precise message
        yaml = YAML(typ="safe", pure=True)
        yaml.Composer = _Composer
        try:
            return yaml.compose(text), yaml.composer, None
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            english = exc.problem or exc.context or ""
            hint = next((zh for needle, zh in _SYNTAX_HINTS if needle in english), "YAML 语法错误")
            context = exc.context or ""
            if exc.context_mark is not None and "end of stream" in english and "scalar" in context:
                # an unclosed quote: point at where it opens, not at the end of the file
                mark = exc.context_mark
                hint = "从这里开始的引号没有闭合（缺少配对的引号）"
            elif exc.context_mark is not None and "could not find expected ':'" in english and "simple key" in context:
                # a line with no "key: " (``id x``, ``date：2024``): the scanner notices on the next line
                mark = exc.context_mark
                hint = "这一行缺少“键: 值”中的“: ”（半角冒号加空格）；如果是上一行文字的续行，请给文字加引号或用“|”"
            elif (
                exc.context_mark is not None
                and "flow" in context
                and ("end of stream" in english or "stream end" in english)
            ):
                mark = exc.context_mark
                hint = "从这里开始的括号没有闭合（缺少配对的 ] 或 }）"
            pos = _pos(mark) if mark is not None else (1, 1)
            return None, None, Problem(self.file, *pos, "", "yaml-syntax", hint)
        except _Refused as exc:
            return None, None, Problem(self.file, *exc.pos, "", exc.code, exc.message)
        except RecursionError:  # too deep for the composer: point at where the nesting runs deepest
            line, col = _deepest(text)
            message = "嵌套层次太深（从这里开始）：列表或“键: 值”套了太多层，请检查括号或缩进"
            return None, None, Problem(self.file, line, col, "", "yaml-syntax", message)
        except YAMLError:  # unmarked ruamel errors
            return None, None, Problem(self.file, 1, 1, "", "yaml-syntax", "YAML 语法错误")

    def check_tag(self, node: Any, loc: Loc, copy: bool) -> None:
        tag = str(node.tag)
        allowed = _SCALAR_TAGS if isinstance(node, ScalarNode) else {_T + "map", _T + "seq"}
        if not copy and tag not in allowed:
            shown = tag.replace(_T, "!!")
            message = f"不支持的 YAML 标签“{shown}”；只能写文字、数字、日期、列表和“键: 值”"
            self.add(_pos(node.start_mark), loc, "yaml-tag", message)

    def build(self, node: Any, loc: Loc, pos: Pos | None, copy: bool) -> Any:
        if isinstance(node, _Alias):
            return self.build(node.target, loc, pos or node.pos, True)
        self.values[loc] = pos or _pos(node.start_mark)
        self.check_tag(node, loc, copy)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i), None, copy) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, copy)
        return self.scalar(node, loc, copy)

    def scalar(self, node: ScalarNode, loc: Loc, copy: bool) -> Any:
        text: str = node.value
        if not copy and node.start_mark.index != node.end_mark.index:
            self.spans.append((_pos(node.start_mark), _pos(node.end_mark), loc))
        tag = str(node.tag)
        try:
            if tag == _T + "null":
                return None
            if tag == _T + "bool":
                return _BOOLS[text.lower()]
            if tag in _CONVERT:
                return _CONVERT[tag](text)
        except (KeyError, ValueError, OverflowError):
            if id(node) in self.explicit and not copy:
                message = f"“{text}”不能按标签“{tag.replace(_T, '!!')}”解释"
                self.add(_pos(node.start_mark), loc, "yaml-tag", message)
        bad = _XML_BAD.search(text)
        if bad and not copy:
            message = f"文字中含有控制字符 U+{ord(bad.group()):04X}（Word 文件无法保存），请删除"
            self.add(_pos(node.start_mark), loc, "invalid-char", message)
        return text

    def mapping(self, node: MappingNode, loc: Loc, copy: bool) -> dict[str, Any]:
        here = self.values[loc]
        result: dict[str, Any] = {}  # keys merged in by "<<" first, as ruamel does
        explicit: dict[str, tuple[Pos, Any]] = {}
        merge_line = 0
        for key_node, value_node in node.value:
            target = key_node.target if isinstance(key_node, _Alias) else key_node
            key_pos = key_node.pos if isinstance(key_node, _Alias) else _pos(target.start_mark)
            if isinstance(target, ScalarNode) and str(target.tag) == _MERGE and merge_line == 0:
                merge_line = key_pos[0]
                result = self.merge(value_node, loc, copy)
                self.values[loc] = here
                continue
            key = self.key(target, loc, key_pos, copy)
            if key is None:
                first = merge_line if str(target.tag) == _MERGE else 0  # a second "<<"
            else:
                first = explicit[key][0][0] if key in explicit else 0
            if first and not copy:
                message = f"键“{target.value}”重复（第 {first} 行已出现）"
                self.add(key_pos, (*loc, target.value), "duplicate-key", message)
            elif key is not None and not first:
                explicit[key] = (key_pos, value_node)
        for key, (key_pos, value_node) in explicit.items():
            self.keys[(*loc, key)] = key_pos
            empty = isinstance(value_node, ScalarNode) and value_node.value == "" and not value_node.style
            result[key] = self.build(value_node, (*loc, key), key_pos if empty else None, copy)
        return result

    def key(self, node: Any, loc: Loc, pos: Pos, copy: bool) -> str | None:
        """The key as a string, or None after reporting why it is not one."""
        if isinstance(node, ScalarNode):
            if str(node.tag) == _MERGE:
                return None
            self.check_tag(node, loc, copy)
            key = self.scalar(node, (*loc, node.value), copy)
            if isinstance(key, str):
                return key
            message = f'键“{node.value}”会被读成{_kind(key)}，不是文字；请加引号，写成 "{node.value}"'
        else:
            message = f"键不能是{'列表' if isinstance(node, SequenceNode) else '映射'}，只能是文字"
        if not copy:
            self.add(pos, loc, "key-not-string", message)
        return None

    def merge(self, node: Any, loc: Loc, copy: bool) -> dict[str, Any]:
        """Keys brought in by ``<<: *base`` or ``<<: [*a, *b]`` (earlier sources win, explicit keys win)."""
        sources = node.target if isinstance(node, _Alias) else node
        items = sources.value if isinstance(sources, SequenceNode) else [node]
        inner_copy = copy or isinstance(node, _Alias)  # an aliased list was checked where it is written
        out: dict[str, Any] = {}
        for item in reversed(items):
            target = item.target if isinstance(item, _Alias) else item
            if isinstance(target, MappingNode):
                out.update(self.build(item, loc, None, inner_copy))
            elif not copy:
                pos = node.pos if isinstance(node, _Alias) else _pos(target.start_mark)
                self.add(pos, loc, "yaml-syntax", "合并键“<<”的值必须是映射，或由映射组成的列表")
        return out


def _deepest(text: str, limit: int = 64) -> tuple[int, int]:
    """Where a text's nesting first goes deeper than ``limit`` levels (flow brackets, or block indentation
    counted in steps of two), else where it is deepest: the 1-based line and column."""
    best, where = -1, (1, 1)
    depth = 0
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) // 2
        if stripped and not stripped.startswith("#") and indent > best and depth == 0:
            best, where = indent, (n, len(line) - len(stripped) + 1)
            if best > limit:
                return where
        for c, ch in enumerate(line, 1):
            if ch in "[{":
                depth += 1
                if depth > best:
                    best, where = depth, (n, c)
                    if best > limit:
                        return where
            elif ch in "]}":
                depth = max(0, depth - 1)
    return where
