"""The parts both kinds share besides the results: problems, task sections, and the speech's opening,
situation and closing.  Each returns draft blocks; level-1 numbering is done by the kind's composer."""

from __future__ import annotations

import re

from docgen import zh
from docgen.compose import phrases
from docgen.compose.context import append_closing
from docgen.domains.party_info.compose.context import Ctx, ParaBuilder
from docgen.domains.party_info.model.blocks import TaskSection
from docgen.domains.party_info.model.rules import horizon_part, horizon_year
from docgen.draft import Block
from docgen.model.meeting import AgendaDone

__all__ = [
    "closing",
    "horizon_rel",
    "meeting_name",
    "opening",
    "problem_items",
    "problems_paragraph",
    "situation_blocks",
    "task_blocks",
    "warn_tasks_unsaid",
]


def meeting_name(ctx: Ctx) -> str:
    m = ctx.facts.meeting
    return m.name if m is not None else f"{ctx.scope}信息工作会议"


def horizon_rel(ctx: Ctx) -> str | None:
    """明年 / 今年 / 2027年: the tasks' year said relative to the document date."""
    t = ctx.facts.tasks
    if t is None:
        return None
    on = ctx.facts.document.date
    year = horizon_year(t.horizon, on)
    if year is None:
        return None
    part = horizon_part(t.horizon)
    if part is not None:  # 下半年 of this year; 明年上半年 of the next
        return part if year == on.year else f"{zh.relative_year(year, on)}{part}"
    return zh.relative_year(year, on)


# --- opening ---------------------------------------------------------------------------------------------


#: what 作了 takes: the name of a speech or report (作了工作报告, 作了专题辅导), not the matter reported on
_REPORT_NOUN = re.compile("(?:报告|通报|讲话|说明|发言|辅导|讲座|解读|授课|党课|讲评|点评)$")


_FIELD_WORDS = {"text": "内容", "by": "发言者或单位", "topic": "主题"}


def _agenda_item(ctx: Ctx, a: AgendaDone, j: int) -> str | None:
    """One item of the agenda already held; a value its type's wording has no place for is warned about."""
    out = _agenda_words(ctx, a, j)
    if out is not None:
        for name in phrases.unshown({n: getattr(a, n) for n in _FIELD_WORDS}, out):
            ctx.notice(
                "unused-fact",
                f"这项议程的{_FIELD_WORDS[name]}（{name}）在这类议程（{a.type}）的说法中用不上，未写入文稿",
                f"meeting.agenda_done[{j}].{name}",
            )
    return out


def _agenda_words(ctx: Ctx, a: AgendaDone, j: int) -> str | None:
    text = phrases.clean(a.text) if a.text else None
    by, listed = phrases.split_count_suffix(a.by) if a.by else (None, None)
    n = a.count or listed
    if by and n and (by.startswith("各") or len(by.split("、")) >= n):
        n = None
    who = f"{by}等{n}{phrases.count_measure(a.by)}单位" if by and n else by
    topic = phrases.clean(a.topic) if a.topic else None
    path = f"meeting.agenda_done[{j}]"
    if a.type == "relay" and text:
        return ctx.frag("OPN-agenda-relay", text=text, who=by)
    if a.type == "commend" and text:
        return ctx.frag("OPN-agenda-commend", text=text)
    if a.type == "read_plan" and text:
        return ctx.frag("OPN-agenda-read_plan", text=zh.book_title(text))
    if a.type == "exchange" and (who or n):
        return ctx.frag("OPN-agenda-exchange", who=who or f"{n}个单位", topic=topic or text)
    if a.type == "written_exchange" and (who or n):
        return ctx.frag("OPN-agenda-written_exchange", who=who or f"{n}个单位")
    if a.type in ("lecture", "report") and by and (text or topic):
        if text and not _REPORT_NOUN.search(text):
            # 1—10月全市政务信息报送情况 is what was reported, not the report (作了……情况 lacks its noun)
            if a.type == "report":
                return ctx.frag("OPN-agenda-report", who=by, about=text, topic=topic, text=None)
            text, topic = None, topic or text
        if a.type == "report":
            return ctx.frag("OPN-agenda-report", who=by, text=text, topic=topic, about=None)
        return ctx.frag("OPN-agenda-lecture", who=by, text=text, topic=topic)
    ctx.notice("unused-fact", "这项议程缺少写入文稿所需的内容（内容或发言者），或其类型不用于本文种", path)
    return None


def opening(ctx: Ctx, n_points: int, preamble: list[Block]) -> list[Block]:
    f = ctx.facts
    m = f.meeting
    name = meeting_name(ctx)
    p = ParaBuilder()
    if m is not None and m.approved_by:
        p.add(ctx.frag("OPN-convening", meeting=name, approved_by=m.approved_by), ["meeting.approved_by"])
    elif m is not None and m.decided_by:
        p.add(ctx.frag("OPN-decided", meeting=name, decided_by=m.decided_by), ["meeting.decided_by"])
    else:
        p.add(ctx.frag("OPN-plain", meeting=name, scope=ctx.scope), ["meeting.name"])
    purposes = [phrases.clean(x) for x in (m.purposes or [] if m else []) if phrases.clean(x)]
    if purposes:
        p.add(ctx.frag("OPN-purpose", purposes="，".join(purposes)), ["meeting.purposes"])
    else:
        aims: list[str] = []
        if f.results is not None:
            aims.append(f"总结{ctx.period}{ctx.scope}信息工作")
        if f.problems is not None and f.problems.items and f.document.problems_placement != "omit":
            aims.append("分析工作中的不足")
        rel = horizon_rel(ctx)
        if f.tasks is not None and f.tasks.sections and rel:
            aims.append(f"部署{rel}的重点任务")
        if aims:
            p.add(ctx.frag("OPN-aims", aims="，".join(aims)), ["meeting.name"])
    if m is not None:
        items = [x for x in (_agenda_item(ctx, a, j) for j, a in enumerate(m.agenda_done)) if x]
        if items:
            p.add(ctx.frag("OPN-agenda", items="，".join(items)), ["meeting.agenda_done"])
        if m.assessment:
            p.add(ctx.frag(f"OPN-assess-{m.assessment}"), ["meeting.assessment"])
    blocks: list[Block] = [p.build()]
    q = ParaBuilder()
    if m is not None:
        for j, r in enumerate(m.upper_requirements):
            text = ctx.frag_fresh("OPN-upper", role=r.role, topic=phrases.clean(r.topic))
            if text is None:
                ctx.notice("unused-fact", "上级要求过多，未全部写入文稿", f"meeting.upper_requirements[{j}]")
            q.add(text, [f"meeting.upper_requirements[{j}]"])
    q.add(ctx.frag("OPN-importance", party_gov=ctx.party_gov))
    blocks.append(q.build())
    blocks.extend(preamble)
    if n_points == 0:
        return blocks
    doc = f.document
    trans = ParaBuilder().add(
        ctx.frag(
            "OPN-transition",
            points=zh.points_phrase(n_points),
            on_behalf_of=doc.on_behalf_of,
            rel=horizon_rel(ctx),
            say=("on_behalf_of",),
        ),
        ["document.points_count"],
    )
    append_closing(blocks, trans.build(), own_paragraph=bool(preamble))
    return blocks


# --- problems --------------------------------------------------------------------------------------------


def problem_items(ctx: Ctx) -> str | None:
    """一是……；二是……。 (one problem: the text alone), each the library's wording plus the local detail."""
    pr = ctx.facts.problems
    if pr is None or not pr.items:
        return None
    texts: list[str] = []
    many = len(pr.items) > 1
    for it in pr.items:
        detail = phrases.clean(it.detail) if it.detail else ""
        if many:  # the items are joined by 分号: the clerk's own 分号 inside one item become 逗号
            detail = re.sub("[；;]", "，", detail)
        # the local detail shows the problem itself: after it the library's short wording, not its generic
        # illustration (有的信息报送迟，错过了最佳时机，部分乡镇报送“慢半拍”，错过最佳报送时机 said it twice)
        texts.append(f"{ctx.frag(f'PRB-{it.code}-head')}，{detail}" if detail else ctx.frag(f"PRB-{it.code}"))
    if len(texts) == 1:
        return texts[0] + "。"
    return "；".join(f"{zh.l3_lead(k)}{t}" for k, t in enumerate(texts, 1)) + "。"


def problems_paragraph(ctx: Ctx, *, intro: str, outro: str | None) -> list[Block]:
    items = problem_items(ctx)
    if items is None:
        return []
    assert ctx.facts.problems is not None
    one = len(ctx.facts.problems.items) == 1
    p = ParaBuilder()
    p.add(ctx.frag(intro, scope=ctx.scope, one_item=one) + items, ["problems"])
    if outro:
        p.add(ctx.frag(outro, one_item=one))
    return [p.build()]


# --- situation -------------------------------------------------------------------------------------------


def situation_blocks(ctx: Ctx, lead_in: list[Block]) -> list[Block]:
    s = ctx.facts.situation
    blocks: list[Block] = list(lead_in)
    if s is None:
        return blocks
    p = ParaBuilder()
    if s.political_context:
        p.add(ctx.political(s.political_context), ["situation.political_context"])
    if s.local_focus:
        p.add(
            ctx.frag(
                "SIT-focus", scope=ctx.scope, focus=phrases.clean(s.local_focus), party_gov=ctx.party_gov
            ),
            ["situation.local_focus"],
        )
    if not p.empty:
        blocks.append(p.build())
    style = ctx.facts.document.heading_style
    many = len(s.themes) > 1
    for i, code in enumerate(s.themes, 1):
        lead = ctx.frag(f"SIT-{code}-lead")
        q = ParaBuilder()
        q.lead(
            f"{zh.l2_number(i, style) if many else ''}{lead}。", "l2_lead", (f"situation.themes[{i - 1}]",)
        )
        q.add(ctx.frag(f"SIT-{code}-body", party_gov=ctx.party_gov, scope=ctx.scope))
        blocks.append(q.build())
    return blocks


# --- tasks -----------------------------------------------------------------------------------------------


def _items(sec: TaskSection, *, demand: bool) -> str | None:
    items = [phrases.clean(x) for x in sec.items if phrases.clean(x)]
    if not items:
        return None
    if len(items) == 1:
        return (phrases.with_yao(items[0]) if demand else items[0]) + "。"
    if demand:
        said = [phrases.with_yao(x) for x in items]
        if all(x.startswith("要") for x in said):
            return "；".join(f"{zh.l3_demand(k)}{x[1:]}" for k, x in enumerate(said, 1)) + "。"
        return "；".join(f"{zh.l3_lead(k)}{x}" for k, x in enumerate(said, 1)) + "。"
    return "；".join(f"{zh.l3_lead(k)}{x}" for k, x in enumerate(items, 1)) + "。"


def _limits(sec: TaskSection) -> str | None:
    parts: list[str] = []
    for tl in sec.time_limits:
        steps = []
        if tl.phone is not None:
            steps.append(f"{_span(tl.phone, tl.phone_unit)}内电话报告")
        if tl.written is not None:
            steps.append(f"{_span(tl.written, tl.written_unit)}内书面报告")
        if steps:
            parts.append(f"{phrases.clean(tl.event)}，事发后{'、'.join(steps)}")
    return "；".join(parts) or None


def _span(n: int, unit: str) -> str:
    if unit == "小时":
        return f"{zh.cn_count_word(n) if n <= 10 else n}小时"
    return f"{n}分钟"


def _targets(sec: TaskSection) -> str | None:
    parts = [
        f"{phrases.clean(t.who)}{phrases.clean(t.per)}{phrases.clean(t.metric)}不少于{t.min}{t.unit}"
        for t in sec.targets
    ]
    return "；".join(parts) or None


def warn_tasks_unsaid(ctx: Ctx) -> None:
    """A task block with no section to say: each fact it gives (the heading, the horizon) is warned about at its
    line (the horizon is said only by a section's intro, a plan's heading or the opening's aims)."""
    t = ctx.facts.tasks
    if t is None:
        return
    if t.heading:
        ctx.notice("unused-fact", "没有任务事项，这一部分未写入文稿", "tasks.heading")
    ctx.notice("unused-fact", f"没有任务事项，部署期（{t.horizon}）未写入文稿", "tasks.horizon")


_TEMPLATE_TAG = re.compile(r"\{[{%][^}]*[}%]\}")
_THEMES = ("accurate", "fast", "deep", "solid", "emergency", "network", "leadership", "assessment")
#: a word in the library wording of more themes than this names none of them (信息, 报送, 工作)
_THEME_WORD_SPREAD = 2


#: the one-character words that name a theme: the four demands of the genre (准、快、深、实)
_THEME_CHARS = "准快深实"


def _content_words(text: str) -> set[str]:
    """The nouns, verbs and adjectives of two characters or more of ``text`` (jieba), without template slots,
    and the demand characters it says (在“快”字上下功夫, 紧急信息报送要快)."""
    plain = re.sub("[“”‘’]", "", _TEMPLATE_TAG.sub("", text))
    words = {w for w, f in phrases.tags(plain) if f[:1] in ("n", "v", "a") and len(w) >= 2}
    return words | {ch for ch in plain if ch in _THEME_CHARS}


def _theme_words(ctx: Ctx) -> dict[str, set[str]]:
    """Per task theme, the words its library wording (leads and bodies, both voices) uses that at most
    :data:`_THEME_WORD_SPREAD` themes use: what a heading about that theme is likely to say (时效, 快 for fast)."""
    on = ctx.facts.document.date
    words: dict[str, set[str]] = {}
    for theme in _THEMES:
        texts = [
            v.text
            for fid in (f"TSK-{theme}-lead", f"TSK-{theme}-body", f"PLN-{theme}-body")
            for v in ctx.lib.eligible(fid, on=on)
        ]
        words[theme] = _content_words("。".join(texts))
    spread = {w: sum(w in ws for ws in words.values()) for ws in words.values() for w in ws}
    return {t: {w for w in ws if spread[w] <= _THEME_WORD_SPREAD} for t, ws in words.items()}


def _body_theme(ctx: Ctx, sec: TaskSection, lead: str) -> str | None:
    """The theme whose wording suits a heading the writer wrote: its own theme when the heading says one of its
    words (or no theme's), else the theme the heading speaks of most (a 严守时限，紧急信息报送要快 under theme
    accurate is about urgent information, and 选题要紧贴中心任务 would ignore it); None when the heading speaks of
    no theme and the section has items of its own to say instead."""
    said = _content_words(lead)
    words = _theme_words(ctx)
    score = {t: len(said & ws) for t, ws in words.items()}
    if score[sec.theme]:
        return sec.theme
    best = max(_THEMES, key=lambda t: score[t])
    if score[best]:
        return best
    return None if (sec.items or sec.targets or sec.time_limits) else sec.theme


def task_blocks(ctx: Ctx, *, voice: str, intro: str) -> list[Block]:
    """The task sections as run-in points （一）lead。body: the theme's wording in ``voice`` (TSK: a speech's
    demands, PLN: a summary's plans), then the items, targets and time limits the facts give."""
    t = ctx.facts.tasks
    if t is None or not t.sections:
        return []
    style = ctx.facts.document.heading_style
    demand = voice == "TSK"
    blocks: list[Block] = []
    many = len(t.sections) > 1
    rel = horizon_rel(ctx)
    if many:
        blocks.append(ParaBuilder().add(ctx.frag(intro, rel=rel, scope=ctx.scope)).build())
    for i, sec in enumerate(t.sections):
        path = f"tasks.sections[{i}]"
        own = phrases.clean(sec.lead) if sec.lead else None
        lead = own or ctx.frag(f"TSK-{sec.theme}-lead")
        ctx.heard(lead)
        p = ParaBuilder()
        p.lead(f"{zh.l2_number(i + 1, style) if many else ''}{lead}。", "l2_lead", (f"{path}.lead",))
        # under the writer's own heading the library's body follows the heading: the theme it speaks of, in a
        # variant that does not say its words again; a theme borrowed from another section's is said fresh
        theme = _body_theme(ctx, sec, own) if own else sec.theme
        if theme is not None:
            fid = f"{voice}-{theme}-body"
            said = ctx.frag if theme == sec.theme else ctx.frag_fresh
            p.add(said(fid, under=own, scope=ctx.scope, party_gov=ctx.party_gov, subunits=ctx.subunits))
        p.add(_items(sec, demand=demand), [f"{path}.items"])
        targets = _targets(sec)
        if targets:
            p.add(ctx.frag(f"{voice}-targets", items=targets), [f"{path}.targets"])
        limits = _limits(sec)
        if limits:
            p.add(ctx.frag(f"{voice}-time-limits", items=limits), [f"{path}.time_limits"])
        blocks.append(p.build())
    return blocks


# --- closing ---------------------------------------------------------------------------------------------


def closing(ctx: Ctx) -> list[Block]:
    c = ctx.facts.closing
    if c is None:
        return []
    gt = ctx.political(c.guiding_thought) if c.guiding_thought else None
    text = ctx.frag(
        f"CLS-{c.family}",
        addressees=c.addressees or f"{ctx.scope}各级各部门和广大信息工作者",
        goal=phrases.clean(c.local_goal) if c.local_goal else None,
        gt=gt,
        party_gov=ctx.party_gov,
        say=("goal", "gt"),
    )
    return [ParaBuilder().add(text, ["closing"]).build()]
