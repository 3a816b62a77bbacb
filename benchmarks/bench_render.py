#!/usr/bin/env python3
"""Render benchmark: docgen.render.render_docx against plain docxtpl, measured in the same run.

    .venv/bin/python benchmarks/bench_render.py [--runs 50] [--cold-runs 5] [--chars 7000]

warm: p50 of render_docx(draft) after 3 warm-ups, against p50 of
      ``DocxTemplate(tpl).render(ctx, autoescape=True); save(BytesIO())`` with the same template and the
      same context (docgen.render.template_context, built once, outside the timing: docxtpl gets it free).
cold: p50 wall time of a fresh ``python -c`` process that imports and renders once, against a minimal
      docxtpl script doing the same (both load the pickled input, so neither pays for building it).
Targets: warm ratio ≤ 1.0, cold ratio ≤ 1.5.
"""

from __future__ import annotations

import argparse
import io
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docgen.draft import (  # noqa: E402
    Byline,
    ClosingLine,
    Draft,
    DraftMeta,
    Heading,
    Paragraph,
    Salutation,
    Segment,
    Title,
)

TEMPLATE = ROOT / "templates" / "leadership_speech.docx"
NUMERALS = "一二三四五六七八九十"
SENTENCES = (
    "全年在市级以上媒体刊发政协新闻稿件160余篇，同比增长12.5%，其中在《人民政协报》刊发23篇。",
    "围绕市委中心工作和群众关心关注的热点难点问题，组织委员深入调研，形成一批有分量的调研报告。",
    "坚持把社情民意信息工作作为履职的重要抓手，健全信息收集、筛选、编报和反馈机制。",
    "注重发挥委员主体作用，引导委员在宣传政协、讲好政协故事中发挥示范带动作用。",
    "加强与新闻媒体的沟通协作，拓展宣传渠道，提升政协工作的社会影响力和群众知晓度。",
    "着力建设一支政治坚定、业务精通、作风过硬的宣传信息工作队伍，切实提高工作水平。",
    "深化“有事好商量”协商平台建设，推动协商议政向基层延伸，把协商成果转化为工作实效。",
    "健全完善宣传信息工作考核激励办法，对工作成绩突出的单位和个人予以通报表扬。",
)
LEADS = (
    "聚焦主题主线集中发声。",
    "强化上下联动形成合力。",
    "创新方式方法提升实效。",
    "夯实基础工作补齐短板。",
)
L2 = ("凝聚工作合力，树好政协形象。", "突出履职重点，提升工作质量。", "完善制度机制，增强工作活力。")
L1 = ("过去一年的主要工作", "当前面临的形势和存在的问题", "明年的重点任务")


def make_draft(chars: int = 7000) -> Draft:
    """A deterministic speech of about ``chars`` characters (real-looking filler)."""
    blocks: list[object] = [
        Title("在全市政协宣传信息工作会议上的讲话"),
        Byline(("市政协主席　林远航", "（2024年12月6日）")),
        Salutation("同志们："),
        Paragraph((Segment("今天召开全市政协宣传信息工作会议，主要任务是总结工作、分析形势、部署任务。"),)),
    ]
    total, k = sum(len(getattr(b, "text", "")) for b in blocks[2:]), 0
    while total < chars:
        h1 = k // 9
        if k % 9 == 0:
            blocks.append(Heading(1, f"{NUMERALS[h1 % 10]}、", L1[h1 % 3]))
        segs = [Segment(f"（{NUMERALS[(k // 3) % 3]}）{L2[(k // 3) % 3]}", "l2_lead")] if k % 3 == 0 else []
        for j in range(2):
            segs.append(Segment(f"{NUMERALS[j]}是{LEADS[(k + j) % 4]}", "l3_lead"))
            segs.append(Segment(SENTENCES[(k + j) % 8] + SENTENCES[(k + j + 3) % 8]))
        p = Paragraph(tuple(segs))
        blocks.append(p)
        total += len(p.text)
        k += 1
    blocks.append(ClosingLine("谢谢大家！"))
    return Draft(
        meta=DraftMeta(doc_id="bench", kind="leadership_speech", title="讲话", date=date(2024, 12, 6)),
        blocks=blocks,  # type: ignore[arg-type]
    )


def p50(fn: object, runs: int, warmups: int = 3) -> float:
    for _ in range(warmups):
        fn()  # type: ignore[operator]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


OURS_COLD = """
import pickle, sys
from docgen.render import render_docx
with open(sys.argv[1], "rb") as fh:
    draft = pickle.load(fh)
render_docx(draft, sys.argv[2])
"""
DOCXTPL_COLD = """
import io, pickle, sys
from docxtpl import DocxTemplate
with open(sys.argv[1], "rb") as fh:
    ctx = pickle.load(fh)
tpl = DocxTemplate(sys.argv[2])
tpl.render(ctx, autoescape=True)
tpl.save(io.BytesIO())
"""


def cold(script: str, data: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", script, str(data), str(TEMPLATE)], check=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--chars", type=int, default=7000)
    args = ap.parse_args()

    from docxtpl import DocxTemplate

    from docgen.render import render_docx, template_context

    draft = make_draft(args.chars)
    ctx = template_context(draft)
    n_chars = sum(len(line) for line in draft.lines())

    def ours() -> None:
        render_docx(draft, TEMPLATE)

    def plain() -> None:
        tpl = DocxTemplate(str(TEMPLATE))
        tpl.render(ctx, autoescape=True)
        tpl.save(io.BytesIO())

    warm_ours, warm_plain = p50(ours, args.runs), p50(plain, args.runs)
    print(f"draft: {n_chars} characters, {len(draft.blocks)} blocks; template {TEMPLATE.name}")
    print(
        f"warm p50  render_docx {warm_ours:8.2f} ms   docxtpl {warm_plain:8.2f} ms   ratio {warm_ours / warm_plain:.3f}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        draft_file, ctx_file = Path(tmp) / "draft.pkl", Path(tmp) / "ctx.pkl"
        draft_file.write_bytes(pickle.dumps(draft))
        ctx_file.write_bytes(pickle.dumps(ctx))
        cold(OURS_COLD, draft_file, 1)  # fill the OS file cache and .pyc files for both sides
        cold(DOCXTPL_COLD, ctx_file, 1)
        cold_ours = cold(OURS_COLD, draft_file, args.cold_runs)
        cold_plain = cold(DOCXTPL_COLD, ctx_file, args.cold_runs)
    print(
        f"cold p50  render_docx {cold_ours:8.2f} ms   docxtpl {cold_plain:8.2f} ms   ratio {cold_ours / cold_plain:.3f}"
    )
    ok = warm_ours / warm_plain <= 1.0 and cold_ours / cold_plain <= 1.5
    print("targets (warm ≤ 1.0, cold ≤ 1.5):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
