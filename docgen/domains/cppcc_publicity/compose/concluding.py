"""The concluding speech: a speech given as a meeting closes.

Skeleton: title, byline, salutation; an opening that says the meeting is ending, who spoke and who exchanged
experience, and announces the two parts; 一、the main outcomes of the meeting (（一）进一步提高了对……的认识 …);
二、how to carry out the meeting's spirit (transmit, support 一是……, leadership, supervision with the reporting
deadline); the closing family; optionally 谢谢大家！.  Missing parts drop; the level-1 count is what remains.
"""

from __future__ import annotations

from docgen import zh
from docgen.compose import phrases
from docgen.compose.scaffold import head_blocks
from docgen.domains.cppcc_publicity.compose.context import Ctx, ParaBuilder, sentence
from docgen.domains.cppcc_publicity.compose.sections import speech
from docgen.domains.cppcc_publicity.model.conclusion import (
    Conclusion,
    Implementation,
    MeetingSpeaker,
    Outcome,
)
from docgen.draft import Block, ClosingLine, Draft, Heading, Paragraph

__all__ = ["concluding_speech"]

# agenda types already told by conclusion.speakers / exchange_count (never said twice)
_EXCHANGE_TYPES = ("exchange",)


def concluding_speech(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    c = f.conclusion or Conclusion()
    meeting = f.meeting.name if f.meeting else ctx.frag("CON-default-meeting", scope=ctx.scope)
    title = doc.title or ctx.frag("CON-title", meeting=meeting)

    sections: list[speech.Section] = []
    outcomes = _outcomes(ctx, c.outcomes)
    if outcomes:
        sections.append(speech.Section(ctx.frag("CON-heading-outcomes"), outcomes, ("conclusion.outcomes",)))
    impl = _implementation(ctx, c.implementation)
    if impl:
        sections.append(
            speech.Section(ctx.frag("CON-heading-implementation"), impl, ("conclusion.implementation",))
        )

    draft = Draft(ctx.meta(title, meeting))
    draft.blocks.extend(head_blocks(ctx, title))
    draft.blocks.append(_opening(ctx, c, meeting, bool(outcomes), bool(impl)))
    for i, sec in enumerate(sections, 1):
        draft.blocks.append(Heading(1, zh.l1_number(i), sec.heading, sec.paths))
        draft.blocks.extend(sec.blocks)
    draft.blocks.extend(speech.closing(ctx))
    if doc.thank_you_line:
        draft.blocks.append(ClosingLine("谢谢大家！"))
    draft.notices.extend(ctx.notices)
    return draft


# --- opening --------------------------------------------------------------------------------------------


def _opening(ctx: Ctx, c: Conclusion, meeting: str, has_outcomes: bool, has_impl: bool) -> Paragraph:
    f = ctx.facts
    p = ParaBuilder().add(ctx.frag("CON-ending", meeting=meeting), ["meeting.name"])
    speakers = _speakers_clause(ctx, c.speakers)
    exchange = _exchange_clause(ctx, c, first=speakers is None)
    p.add(sentence([speakers, exchange]), ["conclusion.speakers", "conclusion.exchange_count"])
    if f.meeting is not None:
        told_exchange = exchange is not None
        items: list[str | None] = []
        for j, a in enumerate(f.meeting.agenda_done):
            if told_exchange and a.type in _EXCHANGE_TYPES:  # said by the exchange clause
                speech.agenda_unshown(ctx, a, exchange or "", f"meeting.agenda_done[{j}]")
            else:
                items.append(speech.agenda_item(ctx, a, f"meeting.agenda_done[{j}]"))
        agenda = [x for x in items if x]
        if agenda:
            p.add(ctx.frag("CON-agenda", items="，".join(agenda)), ["meeting.agenda_done"])
    p.add(ctx.frag("CON-discussion"))
    if f.meeting is not None and f.meeting.assessment:
        p.add(ctx.frag(f"OPN-assess-{f.meeting.assessment}", ours=ctx.ours), ["meeting.assessment"])
    else:
        p.add(ctx.frag("CON-assess"))
    if has_outcomes or has_impl:
        p.add(
            ctx.frag(
                "CON-transition",
                outcomes=has_outcomes,
                implementation=has_impl,
                on_behalf_of=f.document.on_behalf_of,
            )
        )
    return p.build()


def _speaker_name(s: MeetingSpeaker) -> str:
    if not s.name:
        return s.role
    name = s.name.replace("（虚构）", "").replace("(虚构)", "").strip()
    return f"{s.role}{name}同志"


def _speakers_clause(ctx: Ctx, speakers: list[MeetingSpeaker]) -> str | None:
    if not speakers:
        who = ctx.todo("会上讲话领导", "conclusion.speakers")
        return ctx.frag("CON-speakers", speakers=who, many=False) if who else None
    names = phrases.join_items([_speaker_name(s) for s in speakers])
    return ctx.frag("CON-speakers", speakers=names, many=len(speakers) > 1)


def _exchange_clause(ctx: Ctx, c: Conclusion, *, first: bool) -> str | None:
    names = [phrases.split_count_suffix(u)[0] for u in c.exchange_units]
    units = phrases.join_items(names, "、") or None
    count = c.exchange_count
    if units and count and "，以及" in units:
        # a list set off by commas (an item holds its own 、): the count must cover the whole list, not its
        # last item (……，以及市政协文史委的4位负责同志)
        units += "等单位"
    if units is None and count is None:
        return None
    many = (count or len(c.exchange_units)) > 1
    return ctx.frag("CON-exchange", units=units, count=count, many=many, first=first)


# --- 一、会议的主要收效 --------------------------------------------------------------------------------


#: The noun each outcome frame ends with (进一步明确了……的任务): an object that already ends with it is said
#: with the frame's verb alone (进一步明确了明年的工作任务), never “……任务的任务”.
_OUTCOME_NOUNS = {"awareness": "认识", "thinking": "思路", "tasks": "任务"}


def _outcome_lead(ctx: Ctx, o: Outcome) -> str:
    obj = phrases.clean(o.object)
    noun = _OUTCOME_NOUNS.get(o.kind)
    if noun and obj.endswith(noun):
        text = ctx.frag(f"CON-outcome-{o.kind}", object="\x00").replace(f"\x00的{noun}", obj)
        if obj in text:
            return text.rstrip("。") + "。"
    return ctx.frag(f"CON-outcome-{o.kind}", object=obj).rstrip("。") + "。"


def _outcomes(ctx: Ctx, outcomes: list[Outcome]) -> list[Block]:
    if not outcomes:
        todo = ctx.todo("会议主要收效", "conclusion.outcomes")
        return [ParaBuilder().add(todo).build()] if todo else []
    n = len(outcomes)
    blocks: list[Block] = [
        ParaBuilder()
        .add(ctx.frag("CON-outcomes-intro", n=f"{zh.cn_count_word(n)}个" if n > 1 else None))
        .build()
    ]
    style = ctx.facts.document.heading_style
    for i, o in enumerate(outcomes, 1):
        path = f"conclusion.outcomes[{i - 1}]"
        lead = _outcome_lead(ctx, o)
        p = ParaBuilder()
        if n > 1:
            p.lead(f"{zh.l2_number(i, style)}{lead}", "l2_lead", (path,))
        else:
            p.add(lead, [path])
        if o.detail:
            p.add(_full_stop(o.detail), [f"{path}.detail"])
        else:  # a lead alone would be a stub among outcomes that each say something more
            p.add(ctx.frag(f"CON-outcome-detail-{o.kind}"))
        blocks.append(p.build())
    return blocks


# --- 二、会议精神贯彻落实意见 ----------------------------------------------------------------------------


def _implementation(ctx: Ctx, im: Implementation) -> list[Block]:
    """（一）传达学习 （二）支持 （三）加强领导 （四）督促检查; a point without its fact drops (draft: 〔待补〕)."""
    points: list[tuple[str, list[tuple[str | None, list[str]]]]] = []
    path = "conclusion.implementation"

    body = _full_stop(phrases.with_yao(im.transmit)) if im.transmit else ctx.todo("传达学习要求", f"{path}.transmit")
    if body:
        points.append((ctx.frag("CON-impl-transmit"), [(body, [f"{path}.transmit"])]))

    # one measure stands alone under the 要 heading, so it is said as a demand (市融媒体中心要对……跟踪报道), not
    # as a fact; several are listed 一是……；二是…… under it as the user wrote them
    support = (
        (_enumerate(im.support) if len(im.support) > 1 else _full_stop(phrases.with_yao(im.support[0])))
        if im.support
        else ctx.todo("支持举措", f"{path}.support")
    )
    if support:
        points.append((ctx.frag("CON-impl-support"), [(support, [f"{path}.support"])]))

    # a demand: a bare verb phrase takes its 要 (要把宣传信息工作纳入年度考核), a clause keeps its own
    body = _full_stop(phrases.with_yao(im.leadership)) if im.leadership else ctx.todo("加强领导要求", f"{path}.leadership")
    if body:
        points.append((ctx.frag("CON-impl-leadership"), [(body, [f"{path}.leadership"])]))

    sv = im.supervision
    if sv is not None:
        report = ctx.frag(
            "CON-impl-report",
            who=sv.who,
            date=zh.cn_date(sv.deadline, ctx.facts.document.date_style, this_year=ctx.facts.document.date.year),
            report_to=sv.report_to,
        )
        points.append(
            (
                ctx.frag("CON-impl-supervision"),
                [(ctx.frag("CON-impl-supervision-body"), []), (report, [f"{path}.supervision"])],
            )
        )
    else:
        todo = ctx.todo("督促检查（报告主体、报告对象、报告时限）", f"{path}.supervision")
        if todo:
            points.append((ctx.frag("CON-impl-supervision"), [(todo, [f"{path}.supervision"])]))

    if not points:
        return []
    style = ctx.facts.document.heading_style
    single = len(points) == 1
    blocks: list[Block] = []
    for i, (lead, parts) in enumerate(points, 1):
        p = ParaBuilder()
        lead_text = lead.rstrip("。") + "。"
        if single:
            p.add(lead_text)
        else:
            p.lead(f"{zh.l2_number(i, style)}{lead_text}", "l2_lead")
        for text, paths in parts:
            p.add(text, paths)
        blocks.append(p.build())
    return blocks


def _enumerate(items: list[str]) -> str:
    """一是……；二是……。 (a single item stands alone)."""
    clean = [phrases.clean(x) for x in items if phrases.clean(x)]
    if len(clean) == 1:
        return clean[0] + "。"
    return "；".join(f"{zh.l3_lead(k)}{phrases.point(x)}" for k, x in enumerate(clean, 1)) + "。"


def _full_stop(text: str) -> str:
    t = text.strip().rstrip("；，、")
    return t if t.endswith(("。", "！", "？")) else t + "。"
