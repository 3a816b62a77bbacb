"""Benchmark: the text-seam checker on 10,000 generated documents.

Each document is an example or corpus facts file perturbed by ``tests/fuzzfacts.py`` (seeded: document i uses
seed i), validated, composed in both modes and checked.  Prints the findings by code (how many documents and
how many findings), the share of generated files that were invalid, and the checker's time per draft against
the composer's time for the same draft measured in the same run (ratio = check / compose).

Usage: python benchmarks/bench_quality_fuzz.py [--docs 10000] [--start 0] [--show 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzzfacts import RandomChooser, perturb, sources  # noqa: E402
from helpers import dump  # noqa: E402

from docgen.api import quality_rules  # noqa: E402
from docgen.compose import compose  # noqa: E402
from docgen.errors import DocgenError, FactsError  # noqa: E402
from docgen.load import load_yaml_text  # noqa: E402
from docgen.model.validate import validate_loaded  # noqa: E402
from docgen.quality import CODES, check_draft, grammar  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("--show", type=int, default=3, help="example sentences printed per code")
    args = ap.parse_args()

    srcs = sources()
    findings: Counter[str] = Counter()
    docs_with: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    invalid: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    t_check: list[float] = []
    t_compose: list[float] = []
    valid = 0
    started = time.perf_counter()
    for seed in range(args.start, args.start + args.docs):
        ch = RandomChooser(seed)
        name, data = ch.pick(srcs)
        text = dump(perturb(data, ch))
        try:
            loaded = load_yaml_text(text, name)
            facts = validate_loaded(loaded)
        except FactsError as exc:
            invalid[exc.problems[0].code if exc.problems else "?"] += 1
            continue
        valid += 1
        seen: set[str] = set()
        for mode in ("final", "draft"):
            facts.document.mode = mode  # type: ignore[assignment]
            t0 = time.perf_counter()
            try:
                draft = compose(facts)
            except DocgenError as exc:
                errors[f"{type(exc).__name__}: {str(exc)[:60]}"] += 1
                break
            t1 = time.perf_counter()
            data = facts.model_dump(mode="json", exclude_none=True)
            found = check_draft(draft, mode=mode, data=data, rules=quality_rules(facts))
            t2 = time.perf_counter()
            t_compose.append(t1 - t0)
            t_check.append(t2 - t1)
            for f in found:
                findings[f.code] += 1
                seen.add(f.code)
                if len(examples[f.code]) < args.show:
                    examples[f.code].append(f"{name} seed {seed} [{mode}]: {f.sentence}")
        for code in seen:
            docs_with[code] += 1
    elapsed = time.perf_counter() - started

    print(
        f"{args.docs} generated facts files: {valid} valid, {sum(invalid.values())} invalid {dict(invalid)}"
    )
    if errors:
        print(f"render errors: {dict(errors)}")
    print("\n| code | documents | findings | meaning |\n|---|---:|---:|---|")
    for code in CODES:
        print(f"| `{code}` | {docs_with[code]} | {findings[code]} | {CODES[code]} |")
    print(f"| total | {sum(docs_with.values())} | {sum(findings.values())} | |")
    if t_check:
        c50, k50 = statistics.median(t_compose), statistics.median(t_check)
        k95 = sorted(t_check)[int(len(t_check) * 0.95)]
        print(
            f"\nper draft ({len(t_check)} drafts): compose p50 {c50 * 1000:.2f} ms; check p50 {k50 * 1000:.2f} ms, "
            f"p95 {k95 * 1000:.2f} ms, max {max(t_check) * 1000:.1f} ms; ratio check/compose (p50) {k50 / c50:.2f}"
        )
    print(f"jieba segmenter loaded: {grammar.loaded()}; wall time {elapsed:.1f} s")
    for code, lines in examples.items():
        print(f"\n{code}:")
        for line in lines:
            print(f"  {line[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
