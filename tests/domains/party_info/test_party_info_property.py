"""Property: however a 党政信息工作 facts file is thinned or reworded, the composed text has no seams.

Hypothesis perturbs the examples and the corpus — optional blocks and result blocks dropped, lists of dicts cut
down to a group of one, counts given a 约数 (余/多/近/以上/约), user phrase lists (attribution, task items, meeting
purposes, problem details) resized to 1–5 items written as verb phrase, noun phrase or clause, another document id
(another choice of wordings), the options (heading style, problems placement, closing family) and the themes of
the situation and the tasks redrawn — and each valid
generated document is composed in both modes and read back by the text-seam checker: any finding fails, with its
code and sentence.  All phrases are invented."""

from __future__ import annotations

import copy
from typing import Any

from helpers import dump
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pi_helpers import CORPUS, EXAMPLES

from docgen.api import compose_text
from docgen.errors import FactsError
from docgen.load import load_yaml

SOURCES = [(p.name, load_yaml(p).data) for p in EXAMPLES + CORPUS]
APPROX = ("", "余", "多", "近", "以上", "约")
PHRASES = {
    "verb": (
        "健全信息直报点网络",
        "建立重要信息会商制度",
        "开展信息写作专题培训",
        "完善紧急信息值班制度",
        "推行信息报送日调度",
        "加强信息稿件审核把关",
    ),
    "noun": (
        "信息报送月通报制度",
        "重要信息选题会商机制",
        "紧急信息值班值守制度",
        "信息员业务培训",
        "信息直报点网络",
        "信息稿件审核把关",
    ),
    "clause": (
        "各乡镇每月报送一篇调研类信息",
        "区直部门年底前明确专职信息员",
        "2026年上半年举办信息写作培训班",
        "信息科负责汇总通报采用情况",
        "各直报点每周报送一次工作动态",
        "下半年组织一次优秀信息评选",
    ),
}
OPTIONAL = ("period", "meeting", "problems", "situation", "tasks", "closing", "summary")
PHRASE_LISTS = (("results", "attribution"), ("meeting", "purposes"))


def _lists_of_dicts(node: Any) -> list[list[Any]]:
    out: list[list[Any]] = []
    if isinstance(node, dict):
        for v in node.values():
            out += _lists_of_dicts(v)
    elif isinstance(node, list):
        if len(node) >= 2 and all(isinstance(x, dict) for x in node):
            out.append(node)
        for v in node:
            out += _lists_of_dicts(v)
    return out


def _counts(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("count"), int) and "by" not in node:
            out.append(node)
        for v in node.values():
            out += _counts(v)
    elif isinstance(node, list):
        for v in node:
            out += _counts(v)
    return out


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    name, source = draw(st.sampled_from(SOURCES))
    d: dict[str, Any] = copy.deepcopy(dict(source))
    for key in OPTIONAL:
        if key in d and draw(st.integers(0, 5)) == 0:
            del d[key]
    results = d.get("results")
    if isinstance(results, dict):
        for key in [k for k in results if k not in ("heading", "leads")]:
            if len(results) > 1 and draw(st.integers(0, 5)) == 0:
                del results[key]
    for node in _lists_of_dicts(d):
        if draw(st.integers(0, 3)) == 0:
            del node[1:]
    for node in _counts(d):
        if draw(st.integers(0, 3)) == 0:
            node["approx"] = draw(st.sampled_from(APPROX))
    taken: set[str] = set()

    def phrases(n_max: int) -> list[str]:
        out = []
        for _ in range(draw(st.integers(1, n_max))):
            form = draw(st.sampled_from(tuple(PHRASES)))
            pool = [p for p in PHRASES[form] if p not in taken]
            if pool:
                out.append(draw(st.sampled_from(pool)))
                taken.add(out[-1])
        return out

    for block, key in PHRASE_LISTS:
        if isinstance(d.get(block), dict) and draw(st.integers(0, 2)) == 0:
            d[block][key] = phrases(3)
    tasks = d.get("tasks")
    if isinstance(tasks, dict):
        for sec in tasks.get("sections") or []:
            if draw(st.integers(0, 2)) == 0:
                sec["items"] = phrases(5)
    problems = d.get("problems")
    if isinstance(problems, dict):
        for item in problems.get("items") or []:
            pool = [p for p in PHRASES["clause"] if p not in taken]
            if pool and draw(st.integers(0, 3)) == 0:
                item["detail"] = draw(st.sampled_from(pool))
                taken.add(item["detail"])
    doc = d["document"]
    if draw(st.booleans()):  # another id: another choice of wordings
        doc["id"] = f"t-{draw(st.integers(0, 10**6))}"
    if draw(st.integers(0, 3)) == 0:
        doc["heading_style"] = "county"
    if doc["kind"] == "info_leadership_speech":
        if draw(st.integers(0, 2)) == 0:
            doc["problems_placement"] = draw(
                st.sampled_from(("end_of_achievements", "own_section", "in_situation", "preamble", "omit"))
            )
        if isinstance(d.get("closing"), dict) and draw(st.integers(0, 2)) == 0:
            d["closing"]["family"] = draw(st.sampled_from(("hope", "confidence", "call_to_action")))
        if isinstance(d.get("situation"), dict) and draw(st.integers(0, 2)) == 0:
            themes = ("decision", "implementation", "people", "risk")
            d["situation"]["themes"] = draw(st.lists(st.sampled_from(themes), min_size=0, max_size=4, unique=True))
    if isinstance(tasks, dict) and draw(st.integers(0, 2)) == 0:
        themes = ("accurate", "fast", "deep", "solid", "emergency", "network", "leadership", "assessment")
        chosen = draw(st.lists(st.sampled_from(themes), min_size=1, max_size=5, unique=True))
        tasks["sections"] = [{"theme": t} for t in chosen]
    return name, dump(d)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(documents())
def test_perturbed_documents_read_without_seams(doc: tuple[str, str]) -> None:
    name, text = doc
    findings: list[str] = []
    try:
        for mode in ("final", "draft"):
            draft = compose_text(text, file=name, mode=mode)  # type: ignore[arg-type]
            findings += [f"{mode}: {n.format()}" for n in draft.notices if n.code.startswith("quality-")]
    except FactsError:
        assume(False)
    assert findings == []
