"""Work summary (工作总结; designed: the seeds hold no 政协 example).

Skeleton: title ``{unit}{year}年{topic}工作总结``; a lead paragraph ending "现将……总结如下："; 一、主要工作及成效
(one run-in level-2 point per highlight, made from the same fact blocks as a speech's achievements);
二、存在的问题和不足 (intro, one run-in level-2 point per problem, outro); 三、{year}年工作打算 (intro, one run-in
level-2 point per task section, special events); an optional "总之，……" paragraph; the signature (unit and date,
GB/T 9704 7.3.5.2, no seal).  No salutation, no thanks, no first person: a summary is written by the unit about
itself, so :class:`ThirdPersonCtx` swaps every fragment family ``X`` for ``X-3p`` when the library has one.
Sections without facts are dropped (final) or kept with a 〔待补：…〕 marker (draft); level-1 numbers follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen import zh
from docgen.compose import phrases
from docgen.domains.cppcc_publicity.compose.context import Ctx, ParaBuilder
from docgen.domains.cppcc_publicity.compose.sections import facts_text, speech
from docgen.domains.cppcc_publicity.model.achievements import REF_BLOCKS, Achievements, Group, Highlight
from docgen.domains.cppcc_publicity.model.rules import horizon_year
from docgen.domains.cppcc_publicity.model.summary import Summary
from docgen.domains.cppcc_publicity.model.tasks import TaskSection
from docgen.draft import Block, Draft, DraftMeta, Heading, Paragraph, Signature, Title
from docgen.model.org import Org

__all__ = ["THIRD_PERSON_SUFFIX", "SummaryCtx", "ThirdPersonCtx", "unit_name", "work_summary"]

THIRD_PERSON_SUFFIX = "-3p"


@dataclass
class ThirdPersonCtx(Ctx):
    """A context for documents a unit writes about itself: family ``X`` renders as ``X-3p`` if that exists.

    The shared fact sentences (docgen.domains.cppcc_publicity.compose.sections.facts_text) stay untouched; only the wording changes.
    A variant override is looked up under ``X-3p`` first, then under ``X`` if the ``-3p`` family has that id.
    """

    _ids: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def __post_init__(self) -> None:
        self._ids = frozenset(f.id for f in self.lib.families())

    def resolve(self, fid: str) -> tuple[str, str | None]:
        alt = fid + THIRD_PERSON_SUFFIX
        if alt not in self._ids:
            return super().resolve(fid)
        doc = self.facts.document
        override = doc.variants.get(alt)
        if override is None and fid in doc.variants:
            wanted = doc.variants[fid]
            if any(v.id == wanted for v in self.lib.family(alt).variants):
                override = wanted
        return alt, override


@dataclass
class SummaryCtx(ThirdPersonCtx):
    """Third person, and a calendar-year period without a label reads "全年" (the title already names the year)."""

    @property
    def period(self) -> str:
        p = self.facts.period
        if p is not None and p.label is None and p.kind == "calendar_year":
            return "全年"
        return super().period


def unit_name(org: Org) -> str:
    """The place-qualified short name used in titles (:meth:`Org.unit_name`)."""
    return org.unit_name()


def _summary_year(ctx: Ctx, s: Summary) -> int:
    if s.year is not None:
        return s.year
    p = ctx.facts.period
    return p.end.year if p is not None else ctx.facts.document.date.year


def _spans(ctx: Ctx, year: int) -> tuple[str, str]:
    """(when, since) of the summary's period: a calendar year is 2025年 / 一年来; part of a year keeps its label
    (2025年上半年 / 上半年, 2024年1—11月 / 1—11月); a term or several years say their label (本届以来)."""
    p = ctx.facts.period
    if p is None or p.kind == "calendar_year":
        return f"{year}年", "一年来"
    label = phrases.clean(p.label) if p.label else ""
    if p.kind in ("term", "multi_year"):
        return (label or "本届以来"), (label or "本届以来")
    whole = p.start.month == 1 and p.start.day == 1 and p.end.month == 12 and p.end.day == 31
    if whole or not label:
        return f"{year}年", "一年来" if whole else "今年以来"
    if re.search(r"\d{4}|[今去明]年", label):
        return label, label
    return f"{year}年{label}", label


def _plan_when(ctx: Ctx, t_year: int) -> str:
    """The plan's time: 2026年, or 下半年 when the plan is for the rest of the year the period ends in."""
    p = ctx.facts.period
    if p is not None and p.end.year == t_year and p.end.month < 12 and p.kind not in ("term", "multi_year"):
        return "下半年" if p.end.month == 6 else f"{p.end.month + 1}—12月" if p.end.month < 11 else "12月"
    return f"{t_year}年"


@dataclass
class _Sec:
    heading: str
    blocks: list[Block]
    path: str


def work_summary(base: Ctx) -> Draft:
    ctx = SummaryCtx(base.facts, base.lib, base.notices)
    f = ctx.facts
    doc = f.document
    s = f.summary or Summary()
    year = _summary_year(ctx, s)
    unit = unit_name(f.org)
    when = _spans(ctx, year)[0]
    title = doc.title or f"{unit}{when if when.startswith(f'{year}年') else f'{year}年'}{s.topic}工作总结"
    closing = s.closing_text

    if s.lead_text:  # composed last but read first: the fragments of the sections do not say its clauses again
        ctx.heard(phrases.clean(s.lead_text))
    sections: list[_Sec] = []
    ach = _achievements(ctx, attribution_here=not closing)
    if ach or ctx.draft_mode:
        sections.append(
            _Sec(
                ctx.frag("WSM-heading-achievements"),
                ach or _todo(ctx, "主要工作及成效", "achievements"),
                "achievements",
            )
        )
    prb = _problems(ctx, s.topic) if doc.problems_placement != "omit" else []
    if doc.problems_placement == "omit":
        speech.problems_omitted(ctx)
    if prb or (doc.problems_placement != "omit" and ctx.draft_mode):
        sections.append(
            _Sec(
                ctx.frag("WSM-heading-problems"),
                prb or _todo(ctx, "存在的问题和不足", "problems"),
                "problems",
            )
        )
    t_year = _tasks_year(ctx, year)
    tsk = _tasks(ctx, s.topic, t_year)
    if tsk or ctx.draft_mode:
        sections.append(
            _Sec(
                (f.tasks.heading if f.tasks and f.tasks.heading else None)
                or ctx.frag("WSM-heading-tasks", when=_plan_when(ctx, t_year)),
                tsk or _todo(ctx, "工作打算", "tasks"),
                "tasks",
            )
        )

    draft = Draft(
        DraftMeta(
            doc.id, doc.kind, title, doc.date, author=f.org.full_name or unit, subject=f"{s.topic}工作总结"
        )
    )
    draft.blocks.append(Title(title))
    draft.blocks.append(_lead(ctx, s, year, attribution_said=bool(ach) or closing))
    for i, sec in enumerate(sections, 1):
        draft.blocks.append(Heading(1, zh.l1_number(i), sec.heading, (sec.path,)))
        draft.blocks.extend(sec.blocks)
    if closing:
        draft.blocks.append(_closing(ctx, s.topic, year, has_problems=bool(prb)))
    sig_date = s.signature_date or doc.date
    draft.blocks.append(
        Signature(s.signature_unit or f.org.full_name or unit, zh.cn_date(sig_date, doc.date_style))
    )
    draft.notices.extend(ctx.notices)
    return draft


def _todo(ctx: Ctx, label: str, path: str) -> list[Block]:
    marker = ctx.todo(label, path)
    return [ParaBuilder().add(marker, [path]).build()] if marker else []


# --- lead and closing -----------------------------------------------------------------------------------


def _lead(ctx: Ctx, s: Summary, year: int, *, attribution_said: bool = False) -> Paragraph:
    p = ParaBuilder()
    if s.lead_text:
        text = phrases.clean(s.lead_text)
        if text.endswith("如下"):  # the writer's lead already announces the summary (……总结如下：)
            return p.add(text + "：", ["summary.lead_text"]).build()
        p.add(text + "。", ["summary.lead_text"])
    else:
        leader = ctx.frag(f"WSM-leader-{ctx.facts.org.level}")
        # the attribution credits the leadership already (得益于市委的坚强领导): the lead does not say it first
        credited = attribution_said and any(leader in x and "领导" in x for x in ctx.facts.attribution)
        p.add(
            ctx.frag(
                "WSM-lead",
                when=_spans(ctx, year)[0],
                org=ctx.org,
                leader=None if credited else leader,
                scope=ctx.scope,
                topic=s.topic,
            ),
            ["summary.year", "org"],
        )
    when, since = _spans(ctx, year)
    p.add(ctx.frag("WSM-lead-close", when=when, since=since, topic=s.topic))
    return p.build()


def _closing(ctx: Ctx, topic: str, year: int, *, has_problems: bool) -> Paragraph:
    items = [x.rstrip("。；，") for x in ctx.facts.attribution]
    text = ctx.frag(
        "WSM-closing",
        when=_spans(ctx, year)[0],
        since=_spans(ctx, year)[1],
        org=ctx.org,
        topic=topic,
        items=items,
        has_problems=has_problems,
    )
    return ParaBuilder().add(text, ["summary.closing_text", "attribution"]).build()


# --- 一、主要工作及成效 ---------------------------------------------------------------------------------


def _achievements(ctx: Ctx, *, attribution_here: bool) -> list[Block]:
    a = ctx.facts.achievements
    if a is None:
        return []
    style = ctx.facts.document.heading_style
    emitted: set[str] = set()
    blocks: list[Block] = []
    if a.presentation == "by_domain":
        groups = _with_leftovers(ctx, a) if a.groups else speech.auto_groups(ctx, a)
        built = [
            (gi, g, speech.highlight_paras(ctx, a, g.highlights, emitted)) for gi, g in enumerate(groups)
        ]
        built = [(gi, g, paras) for gi, g, paras in built if paras]
        for n, (gi, g, paras) in enumerate(built, 1):
            if len(built) > 1:  # one group alone needs no numbered heading
                blocks.append(Heading(2, zh.l2_number(n, style), g.heading, (f"achievements.groups[{gi}]",)))
            if g.lead_in:
                lead_in = speech.without_period(ctx, g.lead_in)
                blocks.append(ParaBuilder().add(lead_in, [f"achievements.groups[{gi}].lead_in"]).build())
            blocks.extend(paras)
    elif a.presentation == "narrative":
        own = {id(h): i for i, h in enumerate(a.highlights)}
        for h in speech.all_highlights(ctx, a):
            sents, led = speech.narrative_topic(h, speech.highlight_sentences(ctx, a, h, emitted), ctx.org)
            if sents:
                blocks.append(ParaBuilder().add_all(sents).build())
                if id(h) in own and not led:  # a narrative has no point headings: the writer's lead is not in the text
                    ctx.notice(
                        "unused-fact",
                        f"呈现方式为 narrative（段落叙述），要点小标题“{phrases.clean(h.lead)}”未写入",
                        f"achievements.highlights[{own[id(h)]}].lead",
                    )
    else:
        blocks.extend(_points(ctx, a, emitted))
    if not blocks:
        return []
    if attribution_here and ctx.facts.attribution:
        items = [x.rstrip("。；，") for x in ctx.facts.attribution]
        blocks.append(ParaBuilder().add(ctx.frag("ATT-attribution", items=items), ["attribution"]).build())
    return blocks


# the group a block no highlight refers to joins: a group of its domain; a block of no one domain joins the last
_BLOCK_DOMAIN = {
    "media": "publicity",
    "campaigns": "publicity",
    "member_publicity": "publicity",
    "social_opinion": "info",
    "grassroots": "grassroots",
    "team": "team",
    "trainings": "team",
    "culture_history": "culture",
}


def _with_leftovers(ctx: Ctx, a: Achievements) -> list[Group]:
    """The writer's groups, each block of facts no group's highlight refers to added as a point of the group of
    its domain (honours, mechanisms, subscriptions: the last group); a block with no group of its domain is
    warned about (unused-fact), never dropped in silence."""
    groups = [g.model_copy(update={"highlights": list(g.highlights)}) for g in a.groups]
    used = {r.partition(".")[0] for g in a.groups for h in g.highlights for r in h.refs}
    for block in REF_BLOCKS:
        if block in used:
            continue
        with ctx.trial():
            if not facts_text.block_sentences(ctx, a, block):
                continue
        domain = _BLOCK_DOMAIN.get(block)
        target = next((g for g in groups if g.domain == domain), None) if domain else groups[-1]
        if target is None:
            ctx.notice("unused-fact", f"分组呈现中没有“{block}”所属领域的分组，这部分事实未写入", f"achievements.{block}")
            continue
        target.highlights.append(Highlight(lead=ctx.frag(f"ACH-lead-{block}"), refs=[block]))
    return groups


def _points(ctx: Ctx, a: Achievements, emitted: set[str]) -> list[Block]:
    """One run-in level-2 paragraph per highlight: "（一）新闻宣传有声有色。" + its fact sentences; a single
    highlight is a plain paragraph (a （一） with no （二） is a list of one)."""
    style = ctx.facts.document.heading_style
    own = {id(h): i for i, h in enumerate(a.highlights)}
    built = []
    for h in speech.all_highlights(ctx, a):
        sents = speech.highlight_sentences(ctx, a, h, emitted)
        if sents:
            built.append((h, sents))
    out: list[Block] = []
    for n, (h, sents) in enumerate(built, 1):
        path = (f"achievements.highlights[{own[id(h)]}]",) if id(h) in own else ()
        number = zh.l2_number(n, style) if len(built) > 1 else ""
        lead = f"{number}{h.lead.rstrip('。')}。"
        out.append(ParaBuilder().lead(lead, "l2_lead", path).add_all(sents).build())
    return out


# --- 二、存在的问题和不足 --------------------------------------------------------------------------------


def _problems(ctx: Ctx, topic: str) -> list[Block]:
    pr = ctx.facts.problems
    if pr is None or not pr.items:
        return []
    style = ctx.facts.document.heading_style
    blocks: list[Block] = [
        ParaBuilder()
        .add(
            ctx.frag(
                f"WSM-problems-intro-{pr.intro}",
                org=ctx.org,
                topic=topic,
                since=_spans(ctx, _summary_year(ctx, ctx.facts.summary or Summary()))[1],
                one_item=len(pr.items) == 1,
            ),
            ["problems.intro"],
        )
        .build()
    ]
    for i, item in enumerate(pr.items):
        path = f"problems.items[{i}]"
        lead = (item.lead or ctx.frag(f"PRB-lead-{item.code}")).rstrip("。")
        detail = item.detail.rstrip("。") + "。" if item.detail else ctx.frag(f"PRB-detail-{item.code}")
        blocks.append(
            ParaBuilder()
            .lead(f"{zh.l2_number(i + 1, style) if len(pr.items) > 1 else ''}{lead}。", "l2_lead", (path,))
            .add(detail, [path])
            .build()
        )
    if pr.outro != "none":
        text = ctx.frag(f"WSM-problems-outro-{pr.outro}", org=ctx.org, topic=topic)
        blocks.append(ParaBuilder().add(text, ["problems.outro"]).build())
    return blocks


# --- 三、{year}年工作打算 --------------------------------------------------------------------------------


def _tasks_year(ctx: Ctx, year: int) -> int:
    t = ctx.facts.tasks
    y = horizon_year(t.horizon, ctx.facts.document.date) if t is not None else None
    return y or year + 1


def _task_sections(ctx: Ctx) -> list[tuple[TaskSection, str]]:
    t = ctx.facts.tasks
    if t is None:
        return []
    out = [(sec, f"tasks.sections[{i}]") for i, sec in enumerate(t.sections)]
    for gi, g in enumerate(t.groups):
        out.extend((sec, f"tasks.groups[{gi}].sections[{i}]") for i, sec in enumerate(g.sections))
    return out


def _tasks(ctx: Ctx, topic: str, year: int) -> list[Block]:
    t = ctx.facts.tasks
    secs = _task_sections(ctx)
    if t is None or not (secs or t.special_events):
        return []
    intro = ctx.frag(
        "WSM-tasks-intro",
        when=_plan_when(ctx, year),
        org=ctx.org,
        scope=ctx.scope,
        topic=topic,
        one_item=len(secs) <= 1,
    )
    blocks: list[Block] = [ParaBuilder().add(intro, ["tasks.horizon"]).build()]
    style = ctx.facts.document.heading_style
    for i, (sec, path) in enumerate(secs, 1):
        blocks.append(_task_para(ctx, sec, zh.l2_number(i, style) if len(secs) > 1 else "", path))
    if t.special_events:
        items = [ctx.frag("TSK-special-item", when=e.when, name=e.name) for e in t.special_events]
        blocks.append(
            ParaBuilder()
            .add(
                ctx.frag("WSM-special", items="；".join(items), one_item=len(items) == 1),
                ["tasks.special_events"],
            )
            .build()
        )
    return blocks


def _planned(item: str) -> str:
    """A measure in the plan's voice: a 要 the writer put before a clause with its own subject or time goes
    inside it, after the subject (要每个乡镇每月报送…… → 每个乡镇每月至少要报送……)."""
    t = phrases.clean(item)
    if t.startswith("要") and phrases.phrase_kind(t[1:]) == "clause":
        return phrases.with_yao(t)
    return phrases.said_alone(t)  # 渠道畅 → 渠道要畅: a measure, not a stub clause


def measures(items: list[str]) -> str | None:
    """Planned measures: one → the sentence itself; several → "一是……；二是……。"."""
    clean = [_planned(x) for x in phrases.as_measures(items)]
    if not clean:
        return None
    if len(clean) == 1:
        return clean[0] + "。"
    return "；".join(f"{zh.l3_lead(k)}{phrases.point(x)}" for k, x in enumerate(clean, 1)) + "。"


def _task_para(ctx: Ctx, sec: TaskSection, number: str, path: str) -> Paragraph:
    """“（一）{lead}。” + the theme's generic measure sentence + the writer's measures and details.  When one of
    the writer's own measures says what the generic sentence says (充实信息员队伍 after 配齐配强……信息员……), the
    generic sentence is left out: the section says it once, in the writer's words."""
    p = ParaBuilder().lead(f"{number}{sec.lead.rstrip('。')}。", "l2_lead", (path,))
    ctx.heard(phrases.clean(sec.lead))
    theme = ctx.frag_fresh(f"WSM-task-theme-{sec.theme}", org=ctx.org, scope=ctx.scope, ours=ctx.ours)
    own = ParaBuilder()
    own.add(measures(sec.items), [f"{path}.items"])
    speech.task_details(ctx, own, sec, path, prefix="WSM")
    said = [x for seg in own.segments if seg.role == "text" for x in re.split("[。；]", seg.text)]
    if not (theme and any(phrases.said_within(x, theme) for x in said)):
        p.add(theme, [f"{path}.theme"])
    p.segments.extend(own.segments)
    return p.build()
