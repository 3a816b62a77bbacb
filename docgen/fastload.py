"""A fast path for reading plain facts files: libyaml composes, positions are worked out only when needed.

:func:`docgen.load.load_yaml` walks every node in Python to record its line and column and to collect every
problem it can.  Most files have no problem, and positions are needed only to report one.  Here libyaml (the C
parser of ruamel.yaml.clib) composes the node graph, a small walk builds the plain data with the YAML 1.2 rules
``load_yaml`` uses, and the :class:`~docgen.load.SourceMap` is computed lazily — by the full positioned loader,
on the same text — the first time anything asks where a value is (a validation problem, ``docgen check``).

The fast path takes only files the full loader would accept unchanged: no tags, anchors, aliases, merge keys,
tabs, directives, escapes or control characters, only string keys, no duplicate keys, a mapping at the top, a
bounded number of nodes.  Anything else — and any error at all — goes to ``load_yaml``, which gives the located
Chinese report.  The data is the same as ``load_yaml``'s (tested on every example and corpus file).
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from pathlib import Path
from typing import Any

from docgen.load import MAX_BYTES, Loaded, SourceMap, _to_float, _to_int, load_yaml, load_yaml_text

__all__ = ["MAX_FAST_NODES", "load_fast", "load_fast_text"]

MAX_FAST_NODES = 50_000  # larger files take the full loader (its limits by work apply there)

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TS = (_T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
# characters that send a file to the full loader: tags, anchors, aliases, tabs, escapes, a BOM inside
_SLOW_CHARS = re.compile("[!&*\t\\\\\ufeff]|<<|^%", re.MULTILINE)
# YAML's non-printable characters (and what XML 1.0 refuses): the full loader reports them
_BAD_CHARS = re.compile("[^\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TIMESTAMP = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class _Slow(Exception):
    """Something the fast path does not decide: the full loader reads the file."""


class _LazySource(SourceMap):
    """A :class:`SourceMap` whose positions are computed by the full loader the first time they are read."""

    def __init__(self, file: str, text: str) -> None:
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "_text", text)

    def __getattr__(self, name: str) -> Any:
        if name not in ("values", "keys"):
            raise AttributeError(name)
        full = load_yaml_text(self.__dict__["_text"], self.file).source
        object.__setattr__(self, "values", full.values)
        object.__setattr__(self, "keys", full.keys)
        return getattr(full, name)


_TAGS: dict[str, Any] = {}  # one ruamel Tag object per tag: nodes compare them by identity


def _tag(name: str) -> Any:
    if name not in _TAGS:
        from ruamel.yaml.tag import Tag

        _TAGS[name] = Tag(suffix=name)
    return _TAGS[name]


def _parser_class() -> Any:
    from ruamel.yaml import CParser  # type: ignore[attr-defined]
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    raw = VersionedResolver().versioned_resolver  # YAML 1.2, as load_yaml reads files without %YAML
    table = {first: [(_tag(str(tag)), rx) for tag, rx in pairs] for first, pairs in raw.items()}
    str_tag, other = _tag(_STR), _tag("")

    class Parser(CParser):  # type: ignore[misc]
        def descend_resolver(self, *args: Any) -> None:
            pass

        def ascend_resolver(self, *args: Any) -> None:
            pass

        def resolve(self, kind: Any, value: str, implicit: Any) -> Any:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in table.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return str_tag
            return other

    return Parser


_PARSER: list[Any] = []


def _compose(text: str) -> Any:
    if not _PARSER:
        _PARSER.append(_parser_class())
    parser = _PARSER[0](text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()



def _timestamp(text: str) -> datetime.date:
    m = _TIMESTAMP.match(text)
    if m is None:
        raise _Slow  # a time of day, a time zone …: the full loader decides
    return datetime.date(int(m[1]), int(m[2]), int(m[3]))


class _Builder:
    def __init__(self) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.mapping, self.scalar, self.sequence = MappingNode, ScalarNode, SequenceNode
        self.count = 0
        self.str = _tag(_STR)
        self.convert = {_tag(_INT): _to_int, _tag(_FLOAT): _to_float, _tag(_TS): _timestamp}
        self.null, self.bool = _tag(_NULL), _tag(_BOOL)

    def build(self, node: Any) -> Any:
        self.count += 1
        if self.count > MAX_FAST_NODES:
            raise _Slow
        cls = type(node)
        if cls is self.scalar:
            return self.value(node)
        if cls is self.sequence:
            return [self.build(item) for item in node.value]
        if cls is self.mapping:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not self.scalar or key_node.ctag is not self.str or key_node.value in out:
                    raise _Slow  # a non-text key, a merge key, a duplicate: located by the full loader
                out[key_node.value] = self.build(value_node)
            return out
        raise _Slow

    def value(self, node: Any) -> Any:
        tag, text = node.ctag, node.value
        if tag is self.str:
            return text
        if tag is self.null:
            return None
        if tag is self.bool:
            return text.lower() == "true"
        convert = self.convert.get(tag)
        if convert is None:
            raise _Slow
        try:
            return convert(text)
        except (ValueError, OverflowError):
            raise _Slow from None


def _read(file: str) -> str | None:
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        data = Path(file).read_bytes()
        if len(data) > MAX_BYTES:
            return None
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except (OSError, ValueError):
        return None


def _fast(text: str, file: str) -> Loaded | None:
    if _SLOW_CHARS.search(text) or _BAD_CHARS.search(text):
        return None
    try:
        root = _compose(text)
        builder = _Builder()
        if root is None or type(root) is not builder.mapping:
            return None
        data = builder.build(root)
    except Exception:  # _Slow, a YAML error, anything: the full loader reports it with its position
        return None
    return Loaded(file, data, _LazySource(file, text))


def load_fast(path: str | os.PathLike[str]) -> Loaded:
    """Like :func:`docgen.load.load_yaml` (same data, same problems), faster for files without problems."""
    file = os.fspath(path)
    text = _read(file)
    loaded = _fast(text, file) if text is not None else None
    return loaded if loaded is not None else load_yaml(file)


def load_fast_text(text: str | bytes, file: str = "<string>") -> Loaded:
    """Like :func:`docgen.load.load_yaml_text`, with the fast path."""
    decoded: str | None
    if isinstance(text, bytes):
        try:
            decoded = text.removeprefix(b"\xef\xbb\xbf").decode("utf-8") if len(text) <= MAX_BYTES else None
        except UnicodeDecodeError:
            decoded = None
    else:
        decoded = text.removeprefix("\ufeff") if len(text) * 4 <= MAX_BYTES else None
    loaded = _fast(decoded, file) if decoded is not None else None
    return loaded if loaded is not None else load_yaml_text(text, file)
