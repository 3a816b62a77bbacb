"""Inline facts for tests: minimal valid mappings, a path setter, and validation through the public API.

Tests start from :func:`minimal_speech` (or :func:`minimal_exchange`), change one thing with :func:`edit`,
dump the mapping to YAML and validate it with ``load_yaml_text`` + ``validate_loaded`` exactly as a file
would be; :func:`line_of` finds the line a problem must point at in the dumped text.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import re
from typing import Any

import pytest
from ruamel.yaml import YAML

from docgen.api import validate_facts
from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.errors import FactsError, Problem
from docgen.load import load_yaml_text

DELETE = object()  # edit(): remove the key instead of setting it
FILE = "facts.yaml"


def minimal_speech() -> dict[str, Any]:
    """A small but valid leadership speech (invented place names) that every rule test starts from."""
    return {
        "schema_version": "0.1",
        "document": {
            "id": "t-speech",
            "kind": "leadership_speech",
            "date": dt.date(2024, 12, 6),
            "speaker": {"role": "市政协主席"},
            "salutation": "同志们",
        },
        "org": {"short_name": "市政协", "level": "city", "place": "澄阳", "province": "东岚省"},
        "period": {"kind": "year_to_date", "start": dt.date(2024, 1, 1), "end": dt.date(2024, 11, 30)},
        "outlets": [
            {"id": "rmzxb", "name": "人民政协报", "level": "national", "type": "newspaper"},
            {"id": "dlzxb", "name": "东岚政协报", "level": "provincial", "type": "newspaper"},
        ],
        "achievements": {
            "highlights": [{"lead": "围绕中心大局精准发声", "refs": ["media"]}],
            "media": {
                "total": {"value": 100, "unit": "篇"},
                "by_outlet": [{"outlet": "dlzxb", "count": 40, "front_page": 3}],
            },
            "social_opinion": {
                "collected": {"value": 200, "unit": "条"},
                "submitted": [{"to": "省政协", "count": 80, "unit": "条"}],
                "adopted": [{"by": "省政协", "count": 20, "unit": "条"}],
            },
        },
        "tasks": {
            "horizon": "2025年",
            "sections": [
                {"lead": "凝聚工作合力，树好政协形象", "theme": "synergy", "items": ["加强上下联动"]}
            ],
        },
    }


def minimal_exchange() -> dict[str, Any]:
    """A small valid exchange material (third person, no speaker)."""
    return {
        "document": {"id": "t-exchange", "kind": "exchange_material", "date": dt.date(2024, 11, 28)},
        "org": {"short_name": "县政协", "level": "county", "place": "临溪"},
        "exchange": {
            "lead": {"theme": "县委中心工作", "focus": "宣传信息工作提质增效"},
            "sections": [
                {
                    "heading": "加强“阵地”意识，着力拓展宣传平台",
                    "items": [{"lead": "高度重视，周密部署", "practices": ["建立联席会议制度"]}],
                }
            ],
        },
    }


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(i) if i else k for k, i in _STEP.findall(path)]


def edit(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of ``data`` with each ``"a.b[0].c": value`` applied (missing mappings are created;
    :data:`DELETE` removes the key; an index one past the end appends)."""
    out = copy.deepcopy(data)
    for path, value in changes.items():
        steps = _steps(path)
        node: Any = out
        for here, nxt in itertools.pairwise(steps):
            if isinstance(here, int):
                node = node[here]
            else:
                if here not in node or node[here] is None:
                    node[here] = [] if isinstance(nxt, int) else {}
                node = node[here]
        last = steps[-1]
        if value is DELETE:
            del node[last]
        elif isinstance(last, int) and last == len(node):
            node.append(copy.deepcopy(value))
        else:
            node[last] = copy.deepcopy(value)
    return out


def dump(data: dict[str, Any]) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def validate_text(text: str, file: str = FILE) -> Facts:
    """Validate as the CLI does: every check, the fragment library's included."""
    facts = validate_facts(load_yaml_text(text, file))
    assert isinstance(facts, Facts)
    return facts


def problems_of(text: str, file: str = FILE) -> list[Problem]:
    """Every problem of an invalid text (fails the test if the text is valid)."""
    with pytest.raises(FactsError) as caught:
        validate_text(text, file)
    return caught.value.problems


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the line holding the ``nth`` occurrence of ``needle`` (which must exist)."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} (occurrence {nth}) not in:\n{text}")


def positive_ints(node: Any, skip: frozenset[str] = frozenset()) -> list[int]:
    """Every positive integer in a facts mapping, except under the keys in ``skip``."""
    if isinstance(node, dict):
        return [n for k, v in node.items() if k not in skip for n in positive_ints(v, skip)]
    if isinstance(node, list):
        return [n for v in node for n in positive_ints(v, skip)]
    return [node] if isinstance(node, int) and not isinstance(node, bool) and node > 0 else []


def compose_data(data: dict[str, Any]) -> Any:
    """The draft composed from inline facts (through the public validation and composition)."""
    from docgen.compose import compose

    return compose(validate_text(dump(data)))


def seams(draft: Any) -> list[str]:
    """The checker's findings on a draft, formatted."""
    from docgen.quality import check_draft

    return [f.format() for f in check_draft(draft)]


def summary_facts(**changes: Any) -> dict[str, Any]:
    """A minimal work summary (the minimal speech turned into one), with ``changes`` applied (see edit())."""
    data = edit(
        minimal_speech(),
        {
            "document.kind": "work_summary",
            "document.id": "t-summary",
            "document.speaker": DELETE,
            "document.salutation": DELETE,
        },
    )
    return edit(data, changes)
