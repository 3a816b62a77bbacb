"""信息工作总结: title ``{单位}{年度}信息工作总结``; a lead paragraph ending “现将……总结如下：”; 一、主要工作及成效
(the result points of the speech, said by the office of itself); 二、存在的问题和不足; 三、{年}工作打算 (the task
sections as plans: “一是……二是……”, no 要); the signature (unit and date, GB/T 9704 7.3.5.2).  No salutation,
no closing formula.  A part without facts is left out (final) or marked 〔待补：……〕 (draft)."""

from __future__ import annotations

import re

from docgen import zh
from docgen.compose import phrases
from docgen.domains.party_info.compose import results as res
from docgen.domains.party_info.compose import sections as sec
from docgen.domains.party_info.compose.context import Ctx, ParaBuilder
from docgen.domains.party_info.model.blocks import Summary
from docgen.domains.party_info.model.rules import horizon_part, horizon_year
from docgen.draft import Block, Draft, DraftMeta, Heading, Signature, Title

__all__ = ["info_work_summary"]


def _year(ctx: Ctx, s: Summary) -> int:
    if s.year is not None:
        return s.year
    p = ctx.facts.period
    return p.end.year if p is not None else ctx.facts.document.date.year


def _when(ctx: Ctx, year: int) -> str:
    """2025年 for a whole year (or no period); 2025年1—9月 / 2025年上半年 for part of one; a term's label."""
    p = ctx.facts.period
    if p is None:
        return f"{year}年"
    whole = p.start.month == 1 and p.start.day == 1 and p.end.month == 12 and p.end.day == 31
    if p.kind == "calendar_year" or whole:
        return f"{year}年"
    label = phrases.clean(p.label) if p.label else ""
    if p.kind in ("term", "multi_year"):
        return label or f"{p.start.year}—{p.end.year}年"
    if label and re.search(r"\d{4}年", label):
        return label
    if label and not re.search(r"[今去明]年", label):
        return f"{year}年{label}"
    return f"{year}年{zh.month_span(p.start, p.end)}"


def _plan_when(ctx: Ctx, year: int) -> str:
    """The plan's time: 2026年, or the rest of the year when the period ends before December of it."""
    t = ctx.facts.tasks
    hy = horizon_year(t.horizon, ctx.facts.document.date) if t is not None else None
    part = horizon_part(t.horizon) if t is not None else None
    if hy is not None and part is not None:  # the clerk named the part of the year (2026年下半年)
        return part if hy == year else f"{hy}年{part}"
    p = ctx.facts.period
    part_year = p is not None and p.end.month < 12 and p.kind not in ("term", "multi_year")
    target = hy if hy is not None else (p.end.year if p is not None and part_year else year + 1)
    if p is not None and p.end.year == target and p.end.month < 12 and p.kind not in ("term", "multi_year"):
        if p.end.month in (6, 9):
            return "下半年" if p.end.month == 6 else "四季度"
        return f"{p.end.month + 1}—12月" if p.end.month < 11 else "12月"
    return f"{target}年"


def _todo(ctx: Ctx, label: str, path: str) -> list[Block]:
    marker = ctx.todo(label, path)
    return [ParaBuilder().add(marker, [path]).build()] if marker else []


def info_work_summary(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    s = f.summary or Summary()
    year = _year(ctx, s)
    when = _when(ctx, year)
    unit = ctx.unit
    title = doc.title or f"{unit}{when}信息工作总结"
    # the summary says its span in the title and the lead; the facts then speak of 全年 / the part of the year
    ctx.period_said = True

    lead = ParaBuilder()
    if s.lead_text:
        text = phrases.clean(s.lead_text)
        lead.add(text + ("：" if text.endswith("如下") else "。"), ["summary.lead_text"])
        if not text.endswith("如下"):
            lead.add(ctx.frag("SUM-lead-tail"))
    else:
        lead.add(ctx.frag("SUM-lead", when=when, party_gov=ctx.party_gov, org=ctx.org))

    sections: list[tuple[str, list[Block], str]] = []
    r = f.results
    ach: list[Block] = res.results_blocks(ctx, r, intro_family="SUM-intro") if r is not None else []
    if r is not None:
        att = res.attribution(ctx, r)
        if att is not None and ach:
            ach.append(att)
    if ach or ctx.draft_mode:
        sections.append(
            (ctx.frag("SUM-heading-results"), ach or _todo(ctx, "主要工作及成效", "results"), "results")
        )
    prb = (
        []
        if doc.problems_placement == "omit"
        else sec.problems_paragraph(ctx, intro="SUM-prb-intro", outro=None)
    )
    if doc.problems_placement == "omit" and f.problems is not None and f.problems.items:
        ctx.notice("unused-fact", "problems_placement 为 omit，存在问题未写入文稿", "problems")
    elif prb or ctx.draft_mode:
        sections.append(
            (ctx.frag("SUM-heading-problems"), prb or _todo(ctx, "存在的问题和不足", "problems"), "problems")
        )
    tsk = sec.task_blocks(ctx, voice="PLN", intro="PLN-intro")
    if tsk or ctx.draft_mode:
        own = f.tasks.heading if f.tasks is not None and f.tasks.heading else None
        heading = own or ctx.frag("SUM-heading-tasks", when=_plan_when(ctx, year))
        # the writer's own heading does not name the plan's time: the marker does (〔待补：2026年工作打算〕)
        label = f"{_plan_when(ctx, year)}工作打算" if own and f.tasks is not None else "工作打算"
        sections.append((heading, tsk or _todo(ctx, label, "tasks"), "tasks"))
    elif f.tasks is not None:
        sec.warn_tasks_unsaid(ctx)

    draft = Draft(
        DraftMeta(doc.id, doc.kind, title, doc.date, author=f.org.full_name or unit, subject="信息工作总结")
    )
    draft.blocks.append(Title(title))
    draft.blocks.append(lead.build())
    for i, (heading, blocks, path) in enumerate(sections, 1):
        draft.blocks.append(Heading(1, zh.l1_number(i), heading, (path,)))
        draft.blocks.extend(blocks)
    sig_date = s.signature_date or doc.date
    draft.blocks.append(
        Signature(s.signature_unit or f.org.full_name or unit, zh.cn_date(sig_date, doc.date_style))
    )
    ctx.warn_unused_org()
    draft.notices.extend(ctx.notices)
    return draft
