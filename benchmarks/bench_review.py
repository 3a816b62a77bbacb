#!/usr/bin/env python3
"""Review benchmark: ``docgen diff`` plus redline of two ~20,000-character drafts with 25 edits, beside
fast-diff-match-patch on the raw text, measured in the same run.

    .venv/bin/python benchmarks/bench_review.py [--runs 30] [--chars 20000] [--edits 25] [--seed 7]

The two drafts are rendered once (outside the timing) from a deterministic corpus of government-report
sentences with numbers.  The edits are number swaps, clause insertions and deletions, and new paragraphs.
Timed, p50 after 3 warm-ups:

* ``diff``: :func:`docgen.review.diff.compare_docx` (unzip and parse both files, align, token diffs);
* ``diff + redline``: the same plus :func:`docgen.review.redline.redline` (mark up, serialise, zip);
* baseline: ``fast_diff_match_patch.diff(old_text, new_text, timelimit=0, cleanup="Semantic")`` over the two
  drafts' whole plain text, character level (what one call of the C++ library costs with no .docx around it).

Target: diff + redline ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docgen.draft import Draft, DraftMeta, Heading, Paragraph, Segment, Title  # noqa: E402

TARGET_MS = 100.0
SUBJECTS = ("市政协", "各县（市、区）政协", "市政协各专门委员会", "镇街政协委员工作室", "全市各级政协组织")
VERBS = (
    "在中央、省、市主要媒体刊发稿件{n}篇",
    "收集各类社情民意信息{n}条",
    "编发《社情民意》{n}期",
    "组织委员开展专题调研{n}次",
    "获市委、市政府领导批示{n}件",
    "向省政协报送信息{n}条",
)
TAILS = (
    "较去年同期增长{p}%",
    "占总数的{p}%",
    "完成率达到{p}%",
    "比去年提高{p}个百分点",
)
FILLERS = (
    "围绕市委中心工作和群众关心关注的热点难点问题，组织委员深入调研，形成一批有分量的调研报告",
    "坚持把社情民意信息工作作为履职的重要抓手，健全信息收集、筛选、编报和反馈机制",
    "注重发挥委员主体作用，引导委员在宣传政协、讲好政协故事中发挥示范带动作用",
    "加强与新闻媒体的沟通协作，拓展宣传渠道，提升政协工作的社会影响力和群众知晓度",
    "着力建设一支政治坚定、业务精通、作风过硬的宣传信息工作队伍，切实提高工作水平",
    "深化“有事好商量”协商平台建设，推动协商议政向基层延伸，把协商成果转化为工作实效",
)
CLAUSES = (
    "，同时及时向市委、市政府报告有关情况",
    "，并在全省政协系统交流推广",
    "，得到了上级政协的充分肯定",
    "，有关做法被多家媒体转载",
)


def _sentence(rng: random.Random) -> str:
    s = rng.choice(SUBJECTS) + rng.choice(VERBS).format(n=rng.randint(3, 1200))
    s += "，" + rng.choice(TAILS).format(p=f"{rng.randint(1, 99)}.{rng.randint(0, 9)}")
    return s + "，" + rng.choice(FILLERS) + "。"


HEADING = "#"  # marks a heading item in the paragraph list


def corpus(chars: int, rng: random.Random) -> list[str]:
    """Paragraphs of about 250 characters until ``chars`` characters, a level-1 heading every ten."""
    paras: list[str] = []
    total = 0
    while total < chars:
        if len(paras) % 11 == 0:
            paras.append(f"{HEADING}{'一二三四五六七八九十'[(len(paras) // 11) % 10]}、工作情况")
        p = "".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paras.append(p)
        total += len(p)
    return paras


def edit(paras: list[str], n: int, rng: random.Random) -> tuple[list[str], dict[str, int]]:
    """``n`` edits of four kinds, applied at distinct paragraphs."""
    import re

    out = list(paras)
    kinds = {"number": 0, "insert": 0, "delete": 0, "paragraph": 0}
    where = rng.sample([i for i, p in enumerate(out) if not p.startswith(HEADING)], n)
    for k, i in enumerate(sorted(where, reverse=True)):
        kind = ("number", "number", "insert", "delete", "paragraph")[k % 5]
        kinds[kind] += 1
        if kind == "number":
            nums = list(re.finditer(r"\d+(?:\.\d+)?", out[i]))
            m = rng.choice(nums)
            new = m.group().replace(m.group()[-1], str((int(m.group()[-1]) + 1) % 10))
            out[i] = out[i][: m.start()] + new + out[i][m.end() :]
        elif kind == "insert":
            j = out[i].index("，")
            out[i] = out[i][:j] + rng.choice(CLAUSES) + out[i][j:]
        elif kind == "delete":
            a = out[i].index("，")
            b = out[i].index("，", a + 1)
            out[i] = out[i][:a] + out[i][b:]
        else:
            out.insert(i + 1, _sentence(rng) + _sentence(rng))
    return out, kinds


def draft_of(paras: list[str]) -> Draft:
    blocks: list[object] = [Title("在全市政协宣传信息工作会议上的讲话")]
    for p in paras:
        if p.startswith(HEADING):
            number, _, text = p[1:].partition("、")
            blocks.append(Heading(1, number + "、", text))
        else:
            blocks.append(Paragraph((Segment(p),)))
    meta = DraftMeta(doc_id="bench-review", kind="leadership_speech", title="讲话", date=date(2024, 12, 6))
    return Draft(meta=meta, blocks=blocks)  # type: ignore[arg-type]


def p50(fn: Callable[[], object], runs: int, warmups: int = 3) -> float:
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--chars", type=int, default=20000)
    ap.add_argument("--edits", type=int, default=25)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    import fast_diff_match_patch as fdmp

    from docgen.render import render_docx
    from docgen.review.diff import compare_docx
    from docgen.review.redline import accepted_texts, redline, rejected_texts

    rng = random.Random(args.seed)
    old_paras = corpus(args.chars, rng)
    new_paras, kinds = edit(old_paras, args.edits, rng)
    old_draft, new_draft = draft_of(old_paras), draft_of(new_paras)
    old, new = render_docx(old_draft), render_docx(new_draft)
    old_text, new_text = old_draft.text(), new_draft.text()

    def diff_only() -> object:
        return compare_docx(old, new)

    def diff_and_redline() -> bytes:
        return redline(compare_docx(old, new))

    def baseline() -> object:
        return fdmp.diff(old_text, new_text, timelimit=0, cleanup="Semantic")

    t_diff = p50(diff_only, args.runs)
    t_total = p50(diff_and_redline, args.runs)
    t_base = p50(baseline, args.runs)

    cmp = compare_docx(old, new)
    red = redline(cmp)
    s = cmp.result.summary()
    ok_trip = (
        accepted_texts(red)["body"] == cmp.new.texts() and rejected_texts(red)["body"] == cmp.old.texts()
    )
    print(
        f"drafts: {len(old_text)} → {len(new_text)} characters, {len(old_paras)} → {len(new_paras)} body "
        f"paragraphs; {args.edits} edits {kinds}"
    )
    print(
        f"found: {s['changed']} changed ({s['replaced']} rewritten), {s['added']} added, {s['removed']} removed, "
        f"{len(s['numbers_changed'])} number changes; redline {len(red)} bytes, round trip "
        f"{'ok' if ok_trip else 'FAILED'}"
    )
    print(f"p50  diff            {t_diff:8.2f} ms")
    print(f"p50  diff + redline  {t_total:8.2f} ms   (target ≤ {TARGET_MS:.0f} ms)")
    print(f"p50  fast-dmp, raw text, one call {t_base:8.2f} ms   ratio {t_total / t_base:.1f}")
    ok = t_total <= TARGET_MS and ok_trip
    print("target:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
