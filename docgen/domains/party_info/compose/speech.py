"""信息工作会议领导讲话: opening (convening, purpose, agenda, importance, “我讲三点意见”), 一、the results of
the period with the problems at their end, 二、understanding (political context, themes), 三、the tasks around
准、快、深、实 and the discipline of urgent information, closing.

``document.section_order`` orders the sections (achievements = the results); ``problems_placement`` puts the
problems at the end of the results (default), in a section of their own, at the start of the situation section,
after the opening, or leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen import zh
from docgen.compose.scaffold import PointsMismatch, head_blocks
from docgen.domains.party_info.compose import results as res
from docgen.domains.party_info.compose import sections as sec
from docgen.domains.party_info.compose.context import Ctx, ParaBuilder
from docgen.draft import Block, ClosingLine, Draft, Heading

__all__ = ["DEFAULT_ORDER", "info_leadership_speech"]

DEFAULT_ORDER = ["opening", "achievements", "problems", "situation", "tasks", "closing"]


@dataclass
class _Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    path: str = ""


def _results(ctx: Ctx, problems: list[Block]) -> _Section | None:
    r = ctx.facts.results
    blocks: list[Block] = []
    heading = None
    if r is not None:
        blocks = res.results_blocks(ctx, r, intro_family="RES-intro")
        att = res.attribution(ctx, r)
        if att is not None and blocks:
            blocks.append(att)
        elif att is not None:
            ctx.notice("unused-fact", "没有成绩事实，成绩原因未写入文稿", "results.attribution")
        heading = r.heading
    if not blocks and not problems:
        if r is not None and r.heading:
            ctx.notice("unused-fact", "没有成绩事实，这一部分未写入文稿", "results.heading")
        return None
    if not blocks:
        return _Section(ctx.frag("PRB-heading", scope=ctx.scope), problems, "problems")
    family = "RES-heading-problems" if problems else "RES-heading"
    return _Section(heading or ctx.frag(family, scope=ctx.scope), blocks + problems, "results")


def _problems(ctx: Ctx) -> list[Block]:
    return sec.problems_paragraph(ctx, intro="PRB-intro", outro="PRB-outro")


def _situation(ctx: Ctx, lead_in: list[Block]) -> _Section | None:
    blocks = sec.situation_blocks(ctx, lead_in)
    if not blocks:
        return None
    s = ctx.facts.situation
    if s is None:  # only the problems placed here
        return _Section(ctx.frag("PRB-heading", scope=ctx.scope), blocks, "problems")
    heading = (s.heading if s is not None else None) or ctx.frag("SIT-heading")
    return _Section(heading, blocks, "situation")


def _tasks(ctx: Ctx) -> _Section | None:
    t = ctx.facts.tasks
    blocks = sec.task_blocks(ctx, voice="TSK", intro="TSK-intro")
    if not blocks and t is not None and ctx.draft_mode:
        # a task block without sections: the part stands with a marker that names its horizon
        rel = sec.horizon_rel(ctx)
        marker = ctx.todo(f"{rel}的工作任务" if rel else "工作任务", "tasks.sections")
        blocks = [ParaBuilder().add(marker, ["tasks"]).build()]
    if not blocks:
        if t is not None:
            sec.warn_tasks_unsaid(ctx)
        return None
    assert t is not None
    return _Section(t.heading or ctx.frag("TSK-heading", scope=ctx.scope), blocks, "tasks")


def info_leadership_speech(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    name = sec.meeting_name(ctx)
    title = doc.title or f"在{name}上的讲话"
    order = list(doc.section_order or DEFAULT_ORDER)
    placement = doc.problems_placement
    if placement == "end_of_achievements" and "achievements" not in order:
        placement = "own_section"
    preamble: list[Block] = []
    if placement == "omit" and f.problems is not None and f.problems.items:
        ctx.notice("unused-fact", "problems_placement 为 omit，存在问题未写入文稿", "problems")
    # opening is composed first (it names the number of sections, so build the sections on a trial first)
    with ctx.trial():
        n = len(_build_sections(ctx, order, placement))
    if isinstance(doc.points_count, int) and doc.points_count != n:
        raise PointsMismatch(doc.points_count, n)
    draft = Draft(ctx.meta(title, name))
    draft.blocks.extend(head_blocks(ctx, title))
    if "opening" in order:
        if placement == "preamble":
            preamble = _problems(ctx)
        draft.blocks.extend(sec.opening(ctx, n, preamble))
    elif placement == "preamble" and f.problems is not None and f.problems.items:
        ctx.notice("unused-fact", "没有开场部分，放在开场之后的存在问题未写入文稿", "problems")
    sections = _build_sections(ctx, order, placement)
    for i, s in enumerate(sections, 1):
        draft.blocks.append(Heading(1, zh.l1_number(i), s.heading, (s.path,)))
        draft.blocks.extend(s.blocks)
    if "closing" in order:
        draft.blocks.extend(sec.closing(ctx))
    elif f.closing is not None:
        ctx.notice("unused-fact", "章节顺序中没有 closing，结尾未写入文稿", "closing")
    if doc.thank_you_line:
        draft.blocks.append(ClosingLine("谢谢大家！"))
    ctx.warn_unused_org()
    draft.notices.extend(ctx.notices)
    return draft


def _build_sections(ctx: Ctx, order: list[str], placement: str) -> list[_Section]:
    f = ctx.facts
    out: list[_Section] = []
    for name in order:
        if name == "achievements":
            prb = _problems(ctx) if placement == "end_of_achievements" else []
            s = _results(ctx, prb)
            if s is not None:
                out.append(s)
            elif f.results is not None:
                ctx.notice("unused-fact", "工作成效没有可写入的事实", "results")
        elif name == "problems" and placement == "own_section":
            prb = _problems(ctx)
            if prb:
                out.append(_Section(ctx.frag("PRB-heading", scope=ctx.scope), prb, "problems"))
        elif name == "situation":
            lead_in = _problems(ctx) if placement == "in_situation" else []
            s = _situation(ctx, lead_in)
            if s is not None:
                out.append(s)
        elif name == "tasks":
            s = _tasks(ctx)
            if s is not None:
                out.append(s)
    if placement == "own_section" and "problems" not in order:
        prb = _problems(ctx)
        if prb:
            at = next((i + 1 for i, s in enumerate(out) if s.path == "results"), 0)
            out.insert(at, _Section(ctx.frag("PRB-heading", scope=ctx.scope), prb, "problems"))
    missing = {"achievements": f.results, "situation": f.situation, "tasks": f.tasks}
    for name, block in missing.items():
        if block is not None and name not in order:
            ctx.notice(
                "unused-fact",
                f"章节顺序中没有 {name}，这一部分未写入文稿",
                "results" if name == "achievements" else name,
            )
    return out
