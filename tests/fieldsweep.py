"""The single-field sweep: for every leaf of every example, set it to each hostile value class and check that
validate refuses it (exit 1) or render succeeds (exit 0) — never a render failure (3) or an internal error (4).

Runs in-process through the public API (the CLI maps the same exceptions to the same exit codes).  Used by
``tests/test_sweep_fields.py`` (a sampled sweep) and ``benchmarks/sweep_fields.py`` (all of it).
"""

from __future__ import annotations

import copy
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from docgen.api import compose_loaded, render_draft
from docgen.errors import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, DocgenError, FactsError
from docgen.load import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "docgen" / "domains").glob("*/examples/*.yaml"))  # every domain's examples

VALUE_CLASSES: dict[str, Any] = {
    "empty": "",
    "book-marks": "《》",
    "quotes": "“”",
    "full-width-space": "\u3000",
    "zero": 0,
    "negative": -1,
    "huge": 10**12 + 1,
    "long-text": "字" * 10_000,
}

Loc = tuple[str | int, ...]


def leaves(node: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Every scalar position of a loaded mapping (list items included)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from leaves(v, (*loc, i))
    else:
        yield loc


def set_at(data: Any, loc: Loc, value: Any) -> Any:
    out = copy.deepcopy(data)
    node = out
    for part in loc[:-1]:
        node = node[part]
    node[loc[-1]] = value
    return out


def dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 1 << 30
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def outcome(text: str, name: str = "sweep.yaml") -> tuple[int, str]:
    """(exit code the CLI would give, detail): 0 rendered (docx, md and txt), 1 refused, 3 render failure,
    4 internal error."""
    try:
        draft = compose_loaded(load_yaml_text(text, name))
    except FactsError:
        return EXIT_PROBLEMS, ""
    except DocgenError as exc:
        return exc.exit_code, str(exc)[:300]
    except Exception as exc:
        return EXIT_INTERNAL, f"{type(exc).__name__}: {str(exc)[:300]}"
    try:
        for fmt in ("docx", "md", "txt"):
            render_draft(draft, fmt)  # type: ignore[arg-type]
    except DocgenError as exc:
        return exc.exit_code, str(exc)[:300]
    except Exception as exc:
        return EXIT_INTERNAL, f"{type(exc).__name__}: {str(exc)[:300]}"
    return EXIT_OK, ""


@dataclass
class Case:
    example: str
    loc: Loc
    value_class: str


@dataclass
class Report:
    runs: int = 0
    codes: dict[int, int] = field(default_factory=dict)
    bad: list[tuple[Case, int, str]] = field(default_factory=list)


def cases(sample: int | None = None, seed: str = "sweep") -> list[tuple[Case, str]]:
    """(case, YAML text) for every leaf × value class of every example, or a seeded sample of them."""
    all_cases: list[tuple[Case, Any]] = []
    for example in EXAMPLES:
        data = load_yaml_text(example.read_text(encoding="utf-8"), example.name).data
        for loc in leaves(data):
            for cls in VALUE_CLASSES:
                all_cases.append((Case(example.stem, loc, cls), data))
    if sample is not None and sample < len(all_cases):
        all_cases = random.Random(seed).sample(all_cases, sample)
    return [(case, dump(set_at(data, case.loc, VALUE_CLASSES[case.value_class]))) for case, data in all_cases]


def run(sample: int | None = None, seed: str = "sweep") -> Report:
    report = Report()
    for case, text in cases(sample, seed):
        code, detail = outcome(text, f"{case.example}.yaml")
        report.runs += 1
        report.codes[code] = report.codes.get(code, 0) + 1
        if code not in (EXIT_OK, EXIT_PROBLEMS):
            report.bad.append((case, code, detail))
    return report
