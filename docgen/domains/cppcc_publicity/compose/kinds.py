"""Document kinds: which sections, in which order, under which title."""

from __future__ import annotations

from docgen import zh
from docgen.compose.scaffold import PointsMismatch, head_blocks
from docgen.domains.cppcc_publicity.compose.context import Ctx
from docgen.domains.cppcc_publicity.compose.sections import speech
from docgen.draft import ClosingLine, Draft, Heading

DEFAULT_ORDER = ["opening", "achievements", "problems", "situation", "tasks", "closing"]


def leadership_speech(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    meeting_name = f.meeting.name if f.meeting else f"{ctx.scope}政协宣传信息工作会议"
    title = doc.title or f"在{meeting_name}上的讲话"
    order = list(doc.section_order or DEFAULT_ORDER)
    placement = doc.problems_placement
    if "problems" in (doc.section_order or []) and placement == "end_of_achievements":
        placement = "own_section"
    prb = speech.problems(ctx) if placement != "omit" else []
    if placement == "omit":
        speech.problems_omitted(ctx)

    sections: list[speech.Section] = []
    for name in order:
        if name == "achievements":
            sec = speech.achievements(ctx, prb if placement == "end_of_achievements" else [])
            if sec:
                sections.append(sec)
            elif placement == "end_of_achievements" and prb:
                sections.append(speech.Section(ctx.frag("PRB-heading"), prb, ("problems",)))
        elif name == "problems" and placement == "own_section" and prb:
            sections.append(speech.Section(ctx.frag("PRB-heading"), prb, ("problems",)))
        elif name == "situation":
            sec = speech.situation(ctx, prb if placement == "in_situation" else [])
            if sec:
                sections.append(sec)
        elif name == "tasks":
            sections.extend(speech.tasks(ctx))
    if placement == "own_section" and "problems" not in order and prb:
        idx = next((i for i, s in enumerate(sections) if s.paths == ("achievements",)), -1)
        sections.insert(idx + 1, speech.Section(ctx.frag("PRB-heading"), prb, ("problems",)))

    n = len(sections)
    if isinstance(doc.points_count, int) and doc.points_count != n:
        raise PointsMismatch(doc.points_count, n)

    draft = Draft(ctx.meta(title, meeting_name))
    draft.blocks.extend(head_blocks(ctx, title))
    if "opening" in order:
        draft.blocks.extend(speech.opening(ctx, n, prb if placement == "preamble" else []))
    for i, sec in enumerate(sections, 1):
        draft.blocks.append(Heading(1, zh.l1_number(i), sec.heading, sec.paths))
        draft.blocks.extend(sec.blocks)
    if "closing" in order:
        draft.blocks.extend(speech.closing(ctx))
    if doc.thank_you_line:
        draft.blocks.append(ClosingLine("谢谢大家！"))
    speech.unused_facts(ctx)
    draft.notices.extend(ctx.notices)
    return draft
