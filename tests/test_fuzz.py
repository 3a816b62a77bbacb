"""Damaged facts files: whatever the bytes, loading and validating end in located problems, never a crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from docgen.api import compose_loaded
from docgen.errors import FactsError
from docgen.load import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "docgen" / "domains").glob("*/examples/*.yaml"))  # every domain's examples
SNIPPETS = [
    "\t",
    ":",
    "- ",
    "{",
    "[",
    "&a",
    "*a",
    "!!python/object:os.system",
    "×",
    "null",
    "'",
    '"',
    "\x00",
    "\n  ",
    "#",
    "2024-13-45",
    "-1",
    "1e9",
]


def _mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        i = rng.randrange(len(chars) + 1)
        if op < 0.4 and chars:
            del chars[i % len(chars) : i % len(chars) + rng.randint(1, 12)]
        elif op < 0.8:
            chars[i:i] = list(rng.choice(SNIPPETS))
        elif chars:
            j = rng.randrange(len(chars))
            chars[i % len(chars)], chars[j] = chars[j], chars[i % len(chars)]
    return "".join(chars)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_damaged_files_give_problems_or_a_draft_never_a_crash(example: Path) -> None:
    rng = random.Random(f"docgen-fuzz-{example.stem}")
    text = example.read_text(encoding="utf-8")
    outcomes = {"problems": 0, "draft": 0}
    for _ in range(60):
        damaged = _mutate(text, rng)
        try:
            draft = compose_loaded(load_yaml_text(damaged, "damaged.yaml"))
        except FactsError as exc:
            assert exc.problems
            assert all(p.line >= 1 and p.col >= 1 and p.code and p.message for p in exc.problems)
            outcomes["problems"] += 1
        else:
            assert draft.blocks
            outcomes["draft"] += 1
    assert outcomes["problems"] > 0


# -- mutation fuzz through render (issue 16): never an internal error or a render failure --------------------

HOSTILE_VALUES = [
    "《》",
    "“”",
    "\u3000",
    "10000000000001",
    "-1",
    "0",
    ".inf",
    ".nan",
    "9" * 400,
    "字" * 6000,
    "○○",
    "&x",
    "*x",
    "[",
    "{{ 7*7 }}",
    "<w:p/>",
    "'''",
]


def mutate_values(text: str, rng: random.Random) -> str:
    """Replace the value of one to three ``key: value`` lines with a hostile value (the YAML stays mostly
    well-formed, so the damage reaches the model and the renderers, not only the parser)."""
    lines = text.splitlines()
    spots = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    for _ in range(rng.randint(1, 3)):
        if not spots:
            break
        i = rng.choice(spots)
        key = lines[i].split(": ", 1)[0]
        lines[i] = f"{key}: {rng.choice(HOSTILE_VALUES)}"
    return "\n".join(lines) + "\n"


def fuzz_one(text: str, rng: random.Random) -> str:
    return mutate_values(text, rng) if rng.random() < 0.6 else _mutate(text, rng)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_mutated_files_render_or_are_refused_never_an_internal_error(example: Path) -> None:
    from fieldsweep import outcome

    rng = random.Random(f"docgen-render-fuzz-{example.stem}")
    text = example.read_text(encoding="utf-8")
    seen: dict[int, int] = {}
    for _ in range(30):
        code, detail = outcome(fuzz_one(text, rng), example.name)
        assert code in (0, 1), detail
        seen[code] = seen.get(code, 0) + 1
    assert seen.get(1, 0) > 0
