"""Facts files perturbed the way other offices write them, for the property test and the fuzz benchmark.

:func:`perturb` takes a valid facts mapping (an example or a corpus file) and a :class:`Chooser` that makes
every decision: hypothesis drives it in ``tests/test_quality_property.py`` (so failures shrink to the few
decisions that matter) and :class:`RandomChooser` drives it in ``benchmarks/bench_quality_fuzz.py``.

Perturbations, each applied where the mapping allows it:

* blocks dropped (an optional top-level block or one of the achievements' blocks);
* lists of user phrases resized to 1..6 items, new items written as a verb phrase (加强…), a noun phrase
  (…机制) or a clause with its own subject or time (各专委会每季度…, 2025年上半年…) — in lists of measures
  (items, practices, next steps…), where a clerk writes any of the three; a list of a narrower kind takes only
  the forms a clerk writes there (a meeting's purposes are verb phrases, mechanisms verb or noun phrases), and a
  list of names or set phrases (attendees, units, thanks, keywords, the year's significance, firsts) is only cut
  down, never given a measure (向……、建立……机制表示热烈的祝贺 is not what anyone writes);
* user phrases rewritten into another of the forms their list allows;
* counts with and without an approximate qualifier (余, 多, 近, 以上, 约);
* lists of measures numbered by the clerk (一要……, 二是……, （三）……, 4.……);
* lists of groups, sections, highlights and items cut down, down to a group of one.

All phrases are invented for this project.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ruamel.yaml import YAML

from docgen import registry

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent

APPROX = ("", "余", "多", "近", "以上", "约")

PHRASES: dict[str, tuple[str, ...]] = {
    "verb": (
        "加强信息员队伍建设",
        "建立重点选题会商机制",
        "开展委员履职故事征集",
        "完善稿件审核把关制度",
        "拓宽社情民意反映渠道",
        "推动信息成果转化运用",
        "办好委员工作室宣传栏",
        "提升新媒体平台运营水平",
    ),
    "noun": (
        "信息员队伍建设",
        "重点选题会商机制",
        "委员履职故事征集活动",
        "稿件审核把关制度",
        "社情民意直通车",
        "信息工作月通报制度",
        "委员工作室宣传栏",
        "新媒体平台运营",
    ),
    "clause": (
        "各专委会每季度报送一期工作动态",
        "每位委员每年反映社情民意信息不少于2条",
        "2025年上半年举办业务培训班",
        "办公室负责汇总通报采用情况",
        "委员工作室每月开展一次宣讲",
        "信息科年底前完成稿件汇编",
        "各联络组确定一名宣传员",
        "下半年组织一次优秀信息评选",
    ),
}

# top-level blocks that hold the document's identity or that other blocks refer to
_KEEP_TOP = frozenset({"schema_version", "document", "org", "outlets", "period"})
# keys whose string values are identifiers, codes or references, not user phrases
_ID_KEYS = frozenset(
    {"id", "kind", "refs", "outlet", "outlets", "theme", "themes", "domain", "code", "to", "by"}
)


# the phrase forms a list of each key may be given (lists of measures, not named here, take all three);
# a key mapped to () is a list of names or set phrases: cut down, never rewritten
_FORMS: dict[str, tuple[str, ...]] = {
    "purposes": ("verb",),
    "mechanisms": ("verb", "noun"),
    **dict.fromkeys(
        ("attendees", "attribution", "congratulate", "thanks", "exchange_units", "thesis_keywords",
         "year_significance", "firsts", "units", "subunits"),
        (),
    ),
}
_ALL_FORMS = tuple(PHRASES)

# lists of measures a clerk may number himself; the frame numbers them again unless the numbering comes off
_NUMBERABLE = frozenset({"items", "practices", "support", "requirements", "next_steps", "actions"})
_CN = "一二三四五六七八九十"
_NUMBERINGS: tuple[Any, ...] = (
    lambda k: f"{_CN[k - 1]}要",
    lambda k: f"{_CN[k - 1]}是",
    lambda k: f"（{_CN[k - 1]}）",
    lambda k: f"{k}.",
)


class Chooser(Protocol):
    def integer(self, lo: int, hi: int) -> int: ...

    def pick(self, options: Sequence[T]) -> T: ...


class RandomChooser:
    """Decisions from a seeded :class:`random.Random` (the benchmark)."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)

    def integer(self, lo: int, hi: int) -> int:
        return self.rnd.randint(lo, hi)

    def pick(self, options: Sequence[T]) -> T:
        return options[self.rnd.randrange(len(options))]


def sources() -> list[tuple[str, dict[str, Any]]]:
    """The examples and the corpus files (when present), loaded as plain mappings, sorted by path."""
    yaml = YAML(typ="safe", pure=True)
    paths = sorted((ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml")) + sorted(
        (ROOT / "tests" / "corpus").glob("*.yaml")
    )
    return [(p.name, yaml.load(p.read_text(encoding="utf-8"))) for p in paths]


def _is_phrase(x: object) -> bool:
    return isinstance(x, str) and any("\u4e00" <= ch <= "\u9fff" for ch in x)


def _nodes(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, container) pair below ``node``, depth first, in file order."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, dict | list):
                yield str(k), v
                yield from _nodes(v, str(k))
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, dict | list):
                yield key, v
                yield from _nodes(v, key)


def _fresh(ch: Chooser, taken: set[str], forms: tuple[str, ...] = _ALL_FORMS) -> str | None:
    if not forms:
        return None
    form = ch.pick(forms)
    pool = [p for p in PHRASES[form] if p not in taken]
    return ch.pick(pool) if pool else None


def perturb(data: dict[str, Any], ch: Chooser) -> dict[str, Any]:
    """A perturbed deep copy of ``data``; every decision comes from ``ch``."""
    d = copy.deepcopy(data)
    # blocks dropped (never one the document's kind requires: that file is only refused)
    keep = _KEEP_TOP | _required(d)
    for k in [k for k in d if k not in keep]:
        if ch.integer(0, 9) == 0:
            del d[k]
    ach = d.get("achievements")
    if isinstance(ach, dict):
        for k in [
            k for k, v in ach.items() if isinstance(v, dict | list) and k not in ("highlights", "groups")
        ]:
            if ch.integer(0, 9) == 0:
                del ach[k]
        _drop_dangling_refs(ach)
    taken: set[str] = set()
    for key, node in list(_nodes(d)):
        if key in _ID_KEYS:
            continue
        if isinstance(node, dict) and isinstance(node.get("value"), int):
            if ch.integer(0, 3) == 0:
                node["approx"] = ch.pick(APPROX)
        elif isinstance(node, list) and node and all(_is_phrase(x) for x in node):
            _phrases(node, ch, taken, numberable=key in _NUMBERABLE, forms=_FORMS.get(key, _ALL_FORMS))
        elif (
            isinstance(node, list)
            and len(node) >= 2
            and all(isinstance(x, dict) for x in node)
            and ch.integer(0, 3) == 0
        ):
            del node[ch.integer(1, len(node)) :]  # down to a group of one
    return d


def _required(d: dict[str, Any]) -> frozenset[str]:
    """The blocks the document's kind requires (none when the kind is not a registered one)."""
    kind = (d.get("document") or {}).get("kind")
    try:
        return frozenset(registry.kind(str(kind)).required)
    except KeyError:
        return frozenset()


def _drop_dangling_refs(ach: dict[str, Any]) -> None:
    """Highlights keep only the refs to blocks still there (a highlight left with nothing goes too)."""
    lists = [ach.get("highlights")] + [
        g.get("highlights") for g in ach.get("groups") or [] if isinstance(g, dict)
    ]
    for hls in lists:
        if not isinstance(hls, list):
            continue
        for h in hls:
            if isinstance(h, dict) and isinstance(h.get("refs"), list):
                h["refs"] = [r for r in h["refs"] if isinstance(r, str) and _resolves(ach, r)]
        hls[:] = [h for h in hls if not isinstance(h, dict) or h.get("refs") or h.get("text")]
    # a comparison whose number went with its block goes too (media.total, media.by_outlet[clzxb])
    comps = ach.get("comparisons")
    if isinstance(comps, list):
        comps[:] = [
            c
            for c in comps
            if not isinstance(c, dict) or not isinstance(c.get("ref"), str) or _resolves(ach, c["ref"].split("[")[0])
        ]
        if not comps:
            del ach["comparisons"]


def _resolves(ach: dict[str, Any], ref: str) -> bool:
    """A ref (``media`` or a dotted path ``media.columns``) that still names a block of the achievements."""
    node: Any = ach
    for part in ref.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _phrases(
    items: list[Any],
    ch: Chooser,
    taken: set[str],
    *,
    numberable: bool = False,
    forms: tuple[str, ...] = _ALL_FORMS,
) -> None:
    op = ch.integer(0, 3)
    if op == 3 and numberable and len(items) >= 2:  # numbered by the clerk (一要……, （二）……, 3.……)
        style = ch.pick(_NUMBERINGS)
        items[:] = [style(k) + x for k, x in enumerate(items, 1)]
        taken.update(items)
        return
    if op == 1:  # resized to 1..6 items
        n = ch.integer(1, 6)
        del items[n:]
        while len(items) < n:
            new = _fresh(ch, taken | set(items), forms)
            if new is None:
                break
            items.append(new)
    elif op == 2:  # items rewritten into another form
        for i in range(len(items)):
            if ch.integer(0, 1):
                new = _fresh(ch, taken | set(items), forms)
                if new is not None:
                    items[i] = new
    taken.update(items)
