"""Sections of a leadership speech: opening, achievements, problems, situation,
tasks, closing.  Each returns draft blocks; L1 numbering is done by the kind composer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docgen import zh
from docgen.compose import phrases
from docgen.compose.context import append_closing
from docgen.domains.cppcc_publicity.compose.context import Ctx, ParaBuilder, join_book_titles
from docgen.domains.cppcc_publicity.compose.sections import facts_text
from docgen.domains.cppcc_publicity.model.achievements import REF_BLOCKS, Achievements, Group, Highlight
from docgen.domains.cppcc_publicity.model.rules import horizon_year
from docgen.domains.cppcc_publicity.model.situation import SituationLite
from docgen.domains.cppcc_publicity.model.tasks import TaskSection
from docgen.draft import Block, Heading, Paragraph

if TYPE_CHECKING:
    from docgen.model.meeting import AgendaDone


@dataclass
class Section:
    """One level-1 section: its heading (without number) and body blocks."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    paths: tuple[str, ...] = ()


# --- opening -------------------------------------------------------------------------------------------


def opening(ctx: Ctx, n_points: int, preamble: list[Block]) -> list[Block]:
    f = ctx.facts
    m = f.meeting
    p = ParaBuilder()
    if m is not None:
        if m.approved_by:
            # a body that decided on the meeting besides the one that approved it is said too, never dropped
            decided = m.decided_by if m.decided_by and m.decided_by != m.approved_by else None
            p.add(
                ctx.frag("OPN-convening", approved_by=m.approved_by, decided_by=decided),
                ["meeting.approved_by", "meeting.decided_by"],
            )
        elif m.decided_by:
            p.add(ctx.frag("OPN-decided", decided_by=m.decided_by), ["meeting.decided_by"])
        purposes = [phrases.clean(x) for x in m.purposes or [] if phrases.clean(x)]
        if purposes:
            p.add(ctx.frag("OPN-purpose", purposes="，".join(purposes)), ["meeting.purposes"])
        else:
            aims = meeting_aims(ctx)
            p.add(ctx.frag("OPN-theme", meeting=m.name, ours=ctx.ours, aims=aims), ["meeting.name"])
        agenda = agenda_in_order(
            [(a, agenda_item(ctx, a, f"meeting.agenda_done[{j}]")) for j, a in enumerate(m.agenda_done)]
        )
        if agenda:
            p.add(ctx.frag("OPN-agenda", items="，".join(agenda)), ["meeting.agenda_done"])
        if m.assessment:
            p.add(ctx.frag(f"OPN-assess-{m.assessment}", ours=ctx.ours), ["meeting.assessment"])
    blocks: list[Block] = [] if p.empty else [p.build()]
    p = ParaBuilder()
    if m is not None:
        for r in m.upper_requirements:
            p.add(
                ctx.frag("OPN-upper-requirement", role=r.role, topic=r.topic), ["meeting.upper_requirements"]
            )
    p.add(ctx.frag("OPN-importance"))
    blocks.append(p.build())
    blocks.extend(preamble)
    doc = f.document
    if n_points == 0:  # no level-1 section to announce ("我讲几点意见" would promise nothing)
        return blocks
    trans = ParaBuilder().add(
        ctx.frag("OPN-transition", points=zh.points_phrase(n_points), on_behalf_of=doc.on_behalf_of),
        ["document.points_count"],
    )
    append_closing(blocks, trans.build(), own_paragraph=bool(preamble))
    return blocks


def meeting_aims(ctx: Ctx) -> str | None:
    """What the meeting is for, said only from what the facts hold: a review when there are achievements,
    an exchange when the agenda had one, the situation when it is analysed, the tasks when they are set."""
    f = ctx.facts
    aims: list[str] = []
    if f.achievements is not None:
        aims.append(ctx.frag("OPN-aim-review", period=ctx.period, scope=ctx.scope))
    if f.meeting is not None and any(
        a.type in ("exchange", "written_exchange") for a in f.meeting.agenda_done
    ):
        aims.append(ctx.frag("OPN-aim-exchange"))
    if f.situation is not None:
        aims.append(ctx.frag("OPN-aim-situation"))
    if f.tasks is not None and (f.tasks.sections or f.tasks.groups):
        aims.append(ctx.frag("OPN-aim-tasks", rel=zh.relative_year(_horizon(ctx), f.document.date)))
    return "，".join(aims) or None


_HAS_COUNT = re.compile(r"\d+\s*[位名个家]|[一二两三四五六七八九十]+[位名个家]")

#: Head nouns that already name a talk (作了{text}); any other lecture text is its topic (就{text}作了……)
_TALK_HEADS = ("报告", "辅导", "讲座", "讲话", "授课", "党课", "解读", "讲解", "专题课")


_FIELD_WORDS = {"text": "内容", "by": "发言者或单位", "topic": "主题"}


def agenda_item(ctx: Ctx, a: object, path: str) -> str | None:
    """One item of the agenda already held, worded by its type; a value of the item the type's wording has no
    place for (the ``by`` of an election, the ``text`` of an exchange) is warned about at its path."""
    from docgen.model.meeting import AgendaDone

    assert isinstance(a, AgendaDone)
    out = _agenda_words(ctx, a, path)
    agenda_unshown(ctx, a, out or "", path)
    return out


def agenda_in_order(items: list[tuple[AgendaDone, str | None]]) -> list[str]:
    """The agenda's words in the order they can share one sentence: items without a subject of their own
    (传达了……，宣读了……) first, then those that name who acted (……主任围绕……作了专题辅导), so that no item
    after a named actor reads as that actor's act (……主任作了辅导，宣读了《要点》); the order within each
    group is kept."""
    said = [(w, phrases.split_count_suffix(a.by)[0] if a.by else None) for a, w in items if w]
    own = [by is not None and w.startswith(by) for w, by in said]
    return [w for (w, _), o in zip(said, own, strict=True) if not o] + [
        w for (w, _), o in zip(said, own, strict=True) if o
    ]


def agenda_unshown(ctx: Ctx, a: AgendaDone, said: str, path: str) -> None:
    """Warn about each value of an agenda item (its text, by, topic) that ``said`` does not show."""
    for name in phrases.unshown({n: getattr(a, n) for n in _FIELD_WORDS}, said):
        ctx.notice(
            "unused-fact",
            f"这项议程的{_FIELD_WORDS[name]}（{name}）在这类议程（{a.type}）的说法中用不上，未写入文稿",
            f"{path}.{name}",
        )
    # a count has a place only in an exchange's wording (等6家单位作了交流发言); any other type that was
    # given one (in count, or at the end of by: ……等6家单位) does not say it
    listed = phrases.split_count_suffix(a.by)[1] if a.by else None
    n = a.count or listed
    if n and a.type not in ("exchange", "written_exchange") and not _shows_number(n, said):
        for name in ("count", "by"):
            if (name == "count" and a.count) or (name == "by" and listed):
                ctx.notice(
                    "unused-fact",
                    f"这项议程的单位数（{n}）在这类议程（{a.type}）的说法中用不上，未写入文稿",
                    f"{path}.{name}",
                )


def _shows_number(n: int, said: str) -> bool:
    return re.search(rf"(?<!\d){n}(?!\d)", said) is not None or zh.cn_numeral(n) in said


def _agenda_words(ctx: Ctx, a: object, path: str) -> str | None:
    from docgen.model.meeting import AgendaDone

    assert isinstance(a, AgendaDone)
    text = phrases.clean(a.text) if a.text else None
    if a.type in ("relay", "commend", "read_plan", "election") and not text:
        return None
    if a.type == "read_plan" and text:
        text = zh.book_title(text)
    if a.type in ("report", "requirement") and not a.by:
        if text or a.topic:
            ctx.notice("unused-fact", f"议程“{text or a.topic}”没有写明由谁作（by），未写入文稿", path)
        return None
    topic = phrases.clean(a.topic) if a.topic else None
    if a.type == "lecture" and text and not text.endswith(_TALK_HEADS):
        text, topic = None, topic or text
    by, listed = phrases.split_count_suffix(a.by) if a.by else (None, None)
    n = a.count or listed
    if by and n and (by.startswith("各") or _HAS_COUNT.search(by) or len(by.split("、")) >= n):
        n = None  # 各县（市、区）政协 / 6位同志 / a complete list: 等N个单位 would be wrong or doubled
    count = ctx.count(n, phrases.count_measure(a.by))  # the writer's 等6家单位 stays 家
    return ctx.frag(f"OPN-agenda-{a.type}", text=text, by=by or None, count=count, topic=topic)


# --- achievements --------------------------------------------------------------------------------------

DEFAULT_LEAD_FAMILY = "ACH-default-lead"


def achievements(ctx: Ctx, problems_blocks: list[Block]) -> Section | None:
    a = ctx.facts.achievements
    if a is None:
        return None
    heading = a.heading or ctx.frag("ACH-heading", scope=ctx.scope, period=ctx.period)
    # the intro sentence of themed points and of domain groups says the period; the facts then need not
    ctx.period_said = a.presentation != "narrative"
    blocks: list[Block] = []
    emitted: set[str] = set()
    if a.presentation == "by_domain":
        groups = with_unreferenced(ctx, a, a.groups) if a.groups else auto_groups(ctx, a)
        built = [(gi, g, highlight_paras(ctx, a, g.highlights, emitted)) for gi, g in enumerate(groups, 1)]
        built = [(gi, g, hb) for gi, g, hb in built if hb]
        blocks.append(
            ParaBuilder().add(ctx.frag("ACH-intro-domain", period=ctx.period, scope=ctx.scope)).build()
        )
        for n, (gi, g, hl_blocks) in enumerate(built, 1):
            if len(built) > 1:  # a single group needs no heading of its own: its points follow the intro
                blocks.append(Heading(2, zh.l2_number(n, ctx.facts.document.heading_style), g.heading))
            if g.lead_in:
                blocks.append(
                    ParaBuilder()
                    .add(without_period(ctx, g.lead_in), [f"achievements.groups[{gi - 1}].lead_in"])
                    .build()
                )
            blocks.extend(hl_blocks)
    elif a.presentation == "narrative":
        own = {id(h): i for i, h in enumerate(a.highlights)}
        for h in all_highlights(ctx, a):
            sents, led = narrative_topic(h, highlight_sentences(ctx, a, h, emitted), "我们")
            if sents:
                blocks.append(ParaBuilder().add_all(sents).build())
                if id(h) in own and not led:  # no point headings: the writer's lead is not in the text
                    ctx.notice(
                        "unused-fact",
                        f"呈现方式为 narrative（段落叙述），要点小标题“{phrases.clean(h.lead)}”未写入",
                        f"achievements.highlights[{own[id(h)]}].lead",
                    )
    else:
        hls = all_highlights(ctx, a)
        if len([h for h in hls if _probe_highlight(ctx, a, h)]) <= 1:
            ctx.period_said = False  # no intro sentence: the facts say the period themselves
            hl_blocks = highlight_paras(ctx, a, hls, emitted)
        else:
            hl_blocks = highlight_paras(ctx, a, hls, emitted)
            if hl_blocks:
                blocks.append(
                    ParaBuilder().add(ctx.frag("ACH-intro", period=ctx.period, scope=ctx.scope)).build()
                )
        blocks.extend(hl_blocks)
    att = ctx.facts.attribution
    if att:
        blocks.append(
            ParaBuilder()
            .add(ctx.frag("ATT-attribution", items=[x.rstrip("。；，") for x in att]), ["attribution"])
            .build()
        )
    th = ctx.facts.thanks
    if th is not None and (th.to or th.congratulate):
        blocks.append(
            ParaBuilder()
            .add(
                ctx.frag(
                    "ATT-thanks",
                    on_behalf_of=th.on_behalf_of,
                    to=phrases.join_items(th.to, "、") or None,
                    congratulate=phrases.join_items(th.congratulate, "、") or None,
                ),
                ["thanks"],
            )
            .build()
        )
    blocks.extend(problems_blocks)
    if not any(isinstance(b, Paragraph) and b.text for b in blocks):
        return None
    return Section(heading, blocks, ("achievements",))


def without_period(ctx: Ctx, text: str) -> str:
    """A writer's sentence, closed with its full stop, without a leading period label the intro just said
    (今年以来，……今年以来，……)."""
    t = phrases.clean(text)
    head = f"{ctx.period}，"
    t = t[len(head) :] if ctx.period_said and t.startswith(head) and len(t) > len(head) + 4 else t
    return t if t.endswith(("！", "？", "”", "。")) else t + "。"


def all_highlights(ctx: Ctx, a: Achievements) -> list[Highlight]:
    """The user's highlights, plus one per non-empty block no highlight refers to (no fact is lost)."""
    hls = list(a.highlights)
    used = {r.partition(".")[0] for h in hls for r in h.refs}
    for block in REF_BLOCKS:
        if block not in used and _probe(ctx, a, block):
            hls.append(Highlight(lead=ctx.frag(f"ACH-lead-{block}"), refs=[block]))
    return hls


#: the domain group a block no group refers to joins (a block not listed joins the last group)
_BLOCK_DOMAIN = {
    "media": "publicity",
    "campaigns": "publicity",
    "member_publicity": "publicity",
    "social_opinion": "info",
    "culture_history": "culture",
    "grassroots": "grassroots",
    "team": "team",
    "trainings": "team",
}


def with_unreferenced(ctx: Ctx, a: Achievements, groups: list[Group]) -> list[Group]:
    """The user's domain groups, each non-empty block no group's highlight refers to added as a point of the
    group of its domain (or of the last group): a fact the groups forgot is not silently lost."""
    used = {r.partition(".")[0] for g in groups for h in g.highlights for r in h.refs}
    out = [g.model_copy(update={"highlights": list(g.highlights)}) for g in groups]
    for block in REF_BLOCKS:
        if block in used or not _probe(ctx, a, block):
            continue
        domain = _BLOCK_DOMAIN.get(block)
        target = next((g for g in out if domain and g.domain == domain), out[-1])
        target.highlights.append(Highlight(lead=ctx.frag(f"ACH-lead-{block}"), refs=[block]))
    return out


def _probe(ctx: Ctx, a: Achievements, block: str) -> bool:
    """Whether a block yields any sentence, without side effects on the context (period, notices)."""
    with ctx.trial():
        return bool(facts_text.block_sentences(ctx, a, block))


def auto_groups(ctx: Ctx, a: Achievements) -> list:  # type: ignore[type-arg]
    from docgen.domains.cppcc_publicity.model.achievements import Group

    by: dict[str, list[Highlight]] = {}
    for h in all_highlights(ctx, a):
        by.setdefault(h.domain if h.domain != "mixed" else "publicity", []).append(h)
    return [Group(heading=ctx.frag(f"ACH-group-{d}"), domain=d, highlights=hs) for d, hs in by.items()]


def narrative_topic(
    h: Highlight, sents: list[tuple[str, tuple[str, ...]]], subject: str
) -> tuple[list[tuple[str, tuple[str, ...]]], bool]:
    """A paragraph of a narrative (no point headings) that would open with an illustration (比如，……) opens with
    its lead as the claim the example illustrates (我们围绕中心大局精准发声。比如，……; a lead with its own
    subject as it is); True when the lead was said."""
    if not sents or not sents[0][0].startswith(("比如", "例如")) or not h.lead:
        return sents, False
    lead = phrases.clean(h.lead)
    topic = subject + lead if phrases.phrase_kind(lead) == "verb" else lead
    return [(topic + "。", ()), *sents], True


def highlight_sentences(
    ctx: Ctx, a: Achievements, h: Highlight, emitted: set[str]
) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    ctx.examples = 0  # 比如/再比如 count from the start of each highlight's paragraph
    own = h.text if h.text and not _restated(ctx, a, h) else None
    if own:
        out.append((own if own.endswith(("。", "！")) else own + "。", ()))
    # a fact another highlight names by its own sub-block (media.columns) is left to that highlight, even
    # when this one names the whole block (media)
    reserved = tuple(
        f"achievements.{r}"
        for other in [*a.highlights, *(x for g in a.groups for x in g.highlights)]
        if other is not h
        for r in other.refs
        if "." in r and r not in h.refs
    )
    for ref in h.refs:
        # the sub-blocks of this whole block that another highlight names: composed without them, so that a
        # sentence sharing them with a sub-block of this one's (new media and website updates) is not said twice
        exclude = frozenset(
            r.removeprefix(f"achievements.{ref}.").partition("[")[0]
            for r in reserved
            if "." not in ref and r.startswith(f"achievements.{ref}.")
        )
        for text, paths in facts_text.block_sentences(ctx, a, ref, exclude):
            if text in emitted:
                continue
            if "." not in ref and reserved and paths and all(p.startswith(reserved) for p in paths):
                continue
            emitted.add(text)
            out.append((text, paths))
    return _place_examples(out, 1 if own else 0)


# a count in a writer's sentence: digits (not a year, month or day), with its qualifier and the next character
_COUNT_TOKEN = re.compile(r"(?<![\d.])(?:近|约)?\d{2,}(?:\.\d+)?(?:余|多)?万?(?:余|多)?(?![\d.年月日时号%])[^\d\s，。；、]?")


def _restated(ctx: Ctx, a: Achievements, h: Highlight) -> bool:
    """True when every count in the highlight's own sentence (全年刊发稿件1200余篇) is one its fact sentences
    say anyway: the sentence would say the figure twice in one paragraph, so it is left out, with a warning."""
    counts = set(_COUNT_TOKEN.findall(h.text or ""))
    if not counts:
        return False
    with ctx.trial():
        said = {c for ref in h.refs for t, _ in facts_text.block_sentences(ctx, a, ref) for c in _COUNT_TOKEN.findall(t)}
    if not counts <= said:
        return False
    ctx.notice(
        "unused-fact",
        f"要点补充句“{phrases.clean(h.text or '')}”中的数字已由事实句写出，补充句未写入",
        _highlight_path(a, h),
    )
    return True


def _highlight_path(a: Achievements, h: Highlight) -> str:
    for i, x in enumerate(a.highlights):
        if x is h:
            return f"achievements.highlights[{i}].text"
    for gi, g in enumerate(a.groups):
        for i, x in enumerate(g.highlights):
            if x is h:
                return f"achievements.groups[{gi}].highlights[{i}].text"
    return "achievements.highlights"


_EXAMPLE_LEAD = re.compile(r"^(?:比如|再比如|又如|例如)，")


def _block_key(paths: tuple[str, ...]) -> str:
    return ".".join(re.sub(r"\[[^\]]*\]", "", paths[0]).split(".")[:2]) if paths else ""


def _place_examples(sents: list[tuple[str, tuple[str, ...]]], start: int) -> list[tuple[str, tuple[str, ...]]]:
    """An example (比如，……) illustrates the sentence before it: a run of examples goes right after the first
    plain sentence of its own block (获领导批示96件。比如，市长对……作出批示), or, when its block has none,
    right after the highlight's lead (一是紧扣中心抓宣传。比如，围绕……), never after an unrelated fact."""
    out: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(sents):
        text, paths = sents[i]
        if not _EXAMPLE_LEAD.match(text):
            out.append(sents[i])
            i += 1
            continue
        key = _block_key(paths)
        j = i
        while j < len(sents) and _EXAMPLE_LEAD.match(sents[j][0]) and _block_key(sents[j][1]) == key:
            j += 1
        run = sents[i:j]
        anchor = next(
            (k + 1 for k, (t, ps) in enumerate(out) if k >= start and _block_key(ps) == key and not _EXAMPLE_LEAD.match(t)),
            min(start, len(out)),
        )
        out[anchor:anchor] = run
        i = j
    return out


def _probe_highlight(ctx: Ctx, a: Achievements, h: Highlight) -> bool:
    """Whether a highlight yields any sentence, without side effects on the context."""
    return bool(h.text) or any(_probe(ctx, a, r) for r in h.refs)


def highlight_paras(ctx: Ctx, a: Achievements, hls: list[Highlight], emitted: set[str]) -> list[Block]:
    """一是……二是……, one paragraph per highlight; a single highlight is a plain paragraph that opens with its
    lead sentence (一是 with no 二是 is a list of one)."""
    built: list[tuple[Highlight, list[tuple[str, tuple[str, ...]]]]] = []
    for h in hls:
        sents = highlight_sentences(ctx, a, h, emitted)
        if sents:
            built.append((h, sents))
    paras: list[Block] = []
    for n, (h, sents) in enumerate(built, 1):
        number = zh.l3_lead(n) if len(built) > 1 else ""
        p = ParaBuilder().lead(f"{number}{phrases.clean(h.lead)}。", "l3_lead")
        p.add_all(sents)
        paras.append(p.build())
    return paras


# --- problems -------------------------------------------------------------------------------------------


def problems(ctx: Ctx) -> list[Block]:
    pr = ctx.facts.problems
    if pr is None or not pr.items:
        return []
    one = len(pr.items) == 1
    p = ParaBuilder().add(
        ctx.frag(f"PRB-intro-{pr.intro}", scope=ctx.scope, ours=ctx.ours, one_item=one), ["problems.intro"]
    )
    for i, item in enumerate(pr.items, 1):
        lead = phrases.clean(item.lead or ctx.frag(f"PRB-lead-{item.code}"))
        detail = phrases.clean(item.detail) + "。" if item.detail else ctx.frag(f"PRB-detail-{item.code}")
        p.lead(f"{'' if one else zh.l3_lead(i)}{lead}。", "l3_lead", (f"problems.items[{i - 1}]",))
        p.add(detail, [f"problems.items[{i - 1}]"])
    if pr.outro != "none":
        p.add(ctx.frag(f"PRB-outro-{pr.outro}", scope=ctx.scope), ["problems.outro"])
    return [p.build()]


# --- situation ------------------------------------------------------------------------------------------


def situation(ctx: Ctx, problems_blocks: list[Block]) -> Section | None:
    s = ctx.facts.situation
    if s is None:
        return None
    blocks: list[Block] = []
    p = ParaBuilder()
    political = ctx.political(s.political_context) if s.political_context else None
    if political:
        p.add(political, ["situation.political_context"])
        p.add(ctx.frag("SIT-bridge"))
    # the year's significance, without what the political wording already said (今年是……75周年 twice)
    said = [x for x in re.split(r"[。；]", political or "") if "今年" in x or "恰逢" in x]
    significance = [
        x
        for x in (phrases.clean(y) for y in s.year_significance)
        if x and not any(_within(x, p) or _within(_significance_core(p), x) for p in said)
    ]
    if significance:
        p.add(
            ctx.frag(
                "SIT-year",
                rel="今年",
                items="，也是".join(significance),
                also=bool(said),  # 今年是…… / 今年又恰逢……: the political wording already said this year is
            ),
            ["situation.year_significance"],
        )
    if s.local_strategy:
        p.add(
            ctx.frag("SIT-strategy", strategy=s.local_strategy, ours=ctx.ours), ["situation.local_strategy"]
        )
    if not p.empty:
        blocks.append(p.build())
    blocks.extend(problems_blocks)
    style = ctx.facts.document.heading_style
    deployed = {sec.theme for sec in _task_sections(ctx)}
    for i, t in enumerate(s.themes, 1):
        # a theme the tasks deploy again (storytelling → planning) is said here as awareness (深刻认识……),
        # so the two parts do not open alike (注重宣传策划，讲好政协故事 / 注重宣传策划，讲好鹭屿政协故事)
        aware = f"SIT-lead-aware-{t.code}"
        if not t.lead and _SITUATION_TO_TASK.get(t.code) in deployed and _has_family(ctx, aware):
            lead = phrases.clean(ctx.frag(aware))
        else:
            lead = phrases.clean(t.lead or ctx.frag(f"SIT-lead-{t.code}"))
        ctx.heard(lead)
        number = zh.l2_number(i, style) if len(s.themes) > 1 else ""
        q = ParaBuilder().lead(f"{number}{lead}。", "l2_lead", (f"situation.themes[{i - 1}]",))
        ctx.once(f"theme-{t.code}", t.code)
        if t.code == "csppcc_advantage":
            q.add(_members_sentence(ctx), ["org.members", "org.term"])
        q.add(ctx.frag_fresh(f"SIT-theme-{t.code}", ours=ctx.ours, scope=ctx.scope))
        if t.emphasis:
            q.add(_emphasis(t.emphasis), [f"situation.themes[{i - 1}].emphasis"])
        blocks.append(q.build())
    if not blocks:
        return None
    heading = s.heading or ctx.frag("SIT-heading")
    return Section(heading, blocks, ("situation",))


def _emphasis(text: str) -> str:
    """A theme's local emphasis as a sentence of its own: a bare predicate (围绕全市中心工作讲好委员履职故事) is
    a demand and takes 要, never a sentence without subject or modal; a clause or several sentences stay as
    written."""
    t = phrases.clean(text)
    if "。" not in t and phrases.phrase_kind(t) == "verb":
        t = phrases.with_yao(t)
    return t if t.endswith(("。", "！", "？")) else t + "。"


# the situation themes whose argument a task theme would say again in other words (镜头对准委员…引导委员
#主动发声 / 把镜头和笔头对准委员…积极发声; 提前谋划选题 / 提前谋划全年宣传重点)
_SITUATION_TO_TASK = {"storytelling": "planning", "member_focus": "member_subject"}


def _task_sections(ctx: Ctx) -> list[TaskSection]:
    t = ctx.facts.tasks
    if t is None:
        return []
    return [*t.sections, *(sec for g in t.groups for sec in g.sections)]


def _has_family(ctx: Ctx, fid: str) -> bool:
    return any(f.id == fid for f in ctx.lib.families())


def _significance_core(sentence: str) -> str:
    """What a political sentence says the year is (今年是“十五五”开局之年 → “十五五”开局之年), so a
    significance that says it in more words (“十五五”规划开局之年) is not said again."""
    m = re.search(r"(?:今年|这一年)(?:又|也)?(?:是|恰逢|适逢)(.+)$", sentence)
    return m.group(1) if m else "\x00"


def _within(item: str, sentence: str) -> bool:
    """Whether the characters of ``item`` appear in order in ``sentence`` (“十五五”开局之年 within 今年是
    “十五五”规划的开局之年): the political wording already said it, in its own words."""
    it = iter(sentence)
    return all(ch in it for ch in re.sub(r"[\s“”‘’\"']", "", item))


def _members_sentence(ctx: Ctx) -> str | None:
    org = ctx.facts.org
    if org.members is None:
        return ctx.todo("委员人数和界别数", "org.members")
    term = f"{org.term.ordinal}届" if org.term else None
    return ctx.frag(
        "SIT-members",
        term=term,
        org=org.short_name,
        n=zh.count(org.members.count, "名"),
        sectors=zh.count(org.members.sectors, "个"),
    )


def problems_omitted(ctx: Ctx) -> None:
    """The document was told to leave its problems out (problems_placement: omit): the problems the user gave
    are warned about, not silently lost."""
    if ctx.facts.problems is not None and ctx.facts.problems.items:
        ctx.notice("unused-fact", "呈现位置为 omit（problems_placement），存在的问题未写入文稿", "problems")


def unused_facts(ctx: Ctx) -> None:
    """Count facts the chosen shape of the document does not use (``render --strict`` fails on them)."""
    f = ctx.facts
    themes = {t.code for t in f.situation.themes} if f.situation else set()
    if f.org.members is not None and "csppcc_advantage" not in themes:
        ctx.notice(
            "unused-fact",
            "委员人数和界别数（org.members）只在“委员构成优势”认识主题中使用，本文未用到",
            "org.members",
        )


def _horizon(ctx: Ctx) -> int:
    t = ctx.facts.tasks
    y = horizon_year(t.horizon, ctx.facts.document.date) if t else None
    return y or ctx.facts.document.date.year


def short_situation(ctx: Ctx, s: SituationLite, path: str) -> list[Block]:
    if s.style == "none":
        if s.text or s.themes:
            ctx.notice("unused-fact", "形势部分的写法为 none（style），其主题和文字未写入文稿", path)
        return []
    p = ParaBuilder()
    for code in s.themes:
        if ctx.once(f"theme-{code}", code) is None:
            continue  # this theme's boilerplate was said already (situation section or an earlier group)
        p.add(ctx.frag_fresh(f"SIT-short-{code}", ours=ctx.ours), [f"{path}.themes"])
    if s.text:
        p.add(s.text if s.text.endswith("。") else s.text + "。", [f"{path}.text"])
    return [] if p.empty else [p.build()]


# --- tasks ----------------------------------------------------------------------------------------------


def tasks(ctx: Ctx) -> list[Section]:
    t = ctx.facts.tasks
    if t is None:
        return []
    style = ctx.facts.document.heading_style
    out: list[Section] = []
    if t.groups:
        for gi, g in enumerate(t.groups):
            blocks: list[Block] = []
            if g.situation:
                blocks.extend(short_situation(ctx, g.situation, f"tasks.groups[{gi}].situation"))
            for i, sec in enumerate(g.sections, 1):
                number = zh.l2_number(i, style) if len(g.sections) > 1 else ""
                blocks.append(_task_para(ctx, sec, number, f"tasks.groups[{gi}].sections[{i - 1}]"))
            out.append(Section(g.heading, blocks, (f"tasks.groups[{gi}]",)))
    elif t.sections:
        blocks = [
            _task_para(
                ctx, sec, zh.l2_number(i, style) if len(t.sections) > 1 else "", f"tasks.sections[{i - 1}]"
            )
            for i, sec in enumerate(t.sections, 1)
        ]
        out.append(Section(t.heading or ctx.frag("TSK-heading"), blocks, ("tasks",)))
    if t.special_events and out:
        # in calendar order where dates are given (events without a start date keep their place at the end)
        events = sorted(t.special_events, key=lambda e: (e.start is None, e.start or ctx.facts.document.date))
        year = f"{_horizon(ctx)}年"  # the paragraph already says 明年/今年: "2025年4月" → "4月"
        items = [
            ctx.frag("TSK-special-item", when=e.when.removeprefix(year) or e.when, name=e.name)
            for e in events
        ]
        rel: str | None = zh.relative_year(_horizon(ctx), ctx.facts.document.date)
        if _last_sentence_opens(out[-1].blocks, f"{rel}，"):
            rel = None  # the paragraph before ends 明年，力争……: the next one does not open 明年， again
        out[-1].blocks.append(
            ParaBuilder()
            .add(
                ctx.frag(
                    "TSK-special",
                    one_item=len(items) == 1,
                    rel=rel,
                    items="；".join(items),
                ),
                ["tasks.special_events"],
            )
            .build()
        )
    return out


def _last_sentence_opens(blocks: list[Block], lead: str) -> bool:
    """True if the last sentence of the last paragraph in ``blocks`` opens with ``lead``."""
    if not blocks or not isinstance(blocks[-1], Paragraph):
        return False
    body = blocks[-1].text.rstrip("。！？")
    return body[body.rfind("。") + 1 :].startswith(lead)


def _task_para(ctx: Ctx, sec: TaskSection, number: str, path: str) -> Paragraph:
    """“（一）{lead}。” + the theme's boilerplate (once per document: a second section with the same theme
    gets another wording, and after the last wording only its own items) + demands and details."""
    p = ParaBuilder().lead(f"{number}{phrases.clean(sec.lead)}。", "l2_lead", (path,))
    ctx.heard(phrases.clean(sec.lead))
    # a theme the situation part has already argued (member_focus → member_subject) gets no second argument
    # when the section has its own items: the lead and the items say what is to be done
    argued = {_SITUATION_TO_TASK.get(t.code) for t in ctx.facts.situation.themes} if ctx.facts.situation else set()
    own = sec.items or sec.targets or sec.rewards or sec.subscriptions or sec.deadlines
    if not (sec.theme in argued and own):
        p.add(ctx.frag_fresh(f"TSK-theme-{sec.theme}", scope=ctx.scope, ours=ctx.ours), [f"{path}.theme"])
    if sec.items:
        p.add(demand_chain(sec.items), [f"{path}.items"])
    rel = ctx.once("tasks-year", zh.relative_year(_horizon(ctx), ctx.facts.document.date))
    task_details(ctx, p, sec, path, prefix="TSK", rel=rel)
    return p.build()


# an item that already says who must do it ("各单位要…", "要…"); 要 inside 主要/重要/需要… does not count
_OWN_YAO = re.compile(r"^[^，；。]{0,12}?(?<![主重需必只纲摘概提])要")


def task_details(
    ctx: Ctx, p: ParaBuilder, sec: TaskSection, path: str, *, prefix: str, rel: str | None = None
) -> None:
    """Targets, rewards, subscriptions and deadlines of one task section, in the voice of the ``prefix``
    families (TSK: a speech deploys; WSM: a summary plans).  ``rel`` (明年) goes to the ``{prefix}-targets`` family."""
    given = [tg for tg in sec.targets if tg.min or tg.max]
    # one sentence: a period the target before already said is not said again (全年在A……，在B……)
    targets = [
        ctx.frag(
            "TSK-target-item",
            per=tg.per if k == 0 or tg.per != given[k - 1].per else None,
            outlet=ctx.outlet(tg.outlet) if tg.outlet else None,
            metric=tg.metric,
            amount=zh.num_range(tg.min, tg.max, tg.unit),
        )
        for k, tg in enumerate(given)
    ]
    if targets:
        if any(phrases.clean(tg.per or "").startswith(_YEAR_SPAN) for tg in sec.targets if tg.min or tg.max):
            rel = None  # 全年在……上稿15篇 already says the year: never 今年，力争全年……
        p.add(
            ctx.frag(f"{prefix}-targets", items="，".join(targets), rel=rel, one_item=len(targets) == 1),
            [f"{path}.targets"],
        )
    p.add(rewards_sentence(ctx, sec), [f"{path}.rewards"])
    if sec.subscriptions:
        sb = sec.subscriptions
        p.add(
            ctx.frag(
                f"{prefix}-subscriptions",
                label=zh.quoted(sb.label),
                titles=join_book_titles([ctx.outlet(x) for x in sb.titles]) or None,
                deadline=zh.cn_date(sb.deadline, this_year=ctx.facts.document.date.year) if sb.deadline else None,
            ),
            [f"{path}.subscriptions"],
        )
    said = {sec.subscriptions.deadline} if sec.subscriptions and sec.subscriptions.deadline else set()
    for k, dl in enumerate(sec.deadlines):
        if dl.by in said:  # the date the sentence before gave: not said again (……前要全部完成。请于同一日前……)
            p.add(
                ctx.frag(f"{prefix}-deadline-same", what=dl.what, report_to=dl.report_to),
                [f"{path}.deadlines[{k}]"],
            )
            continue
        said.add(dl.by)
        p.add(
            ctx.frag(
                f"{prefix}-deadline",
                what=dl.what,
                by=zh.cn_date(dl.by, this_year=ctx.facts.document.date.year),
                report_to=dl.report_to,
            ),
            [f"{path}.deadlines[{k}]"],
        )


# a target's own span that is the whole deployment year (全年, 年内): the year word before it would say it twice
_YEAR_SPAN = ("全年", "年内", "每年", "本年度", "年度内")


def rewards_sentence(ctx: Ctx, sec: TaskSection) -> str | None:
    """Each reward as event + amount + its own rule (……每条奖励500元，获区委主要领导批示的加倍奖励).  A rule
    that is itself the reward (在上述标准基础上加倍奖励) follows its event (获领导批示的，……); a rule that is a
    condition (全年报送6条以上) comes first and the event is what it earns (凡……的，可评为……; an event 评选X
    reads 参加X评选).  Rewards are joined with ；."""
    items: list[str] = []
    for r in sec.rewards:
        event = phrases.clean(r.event)
        rule = phrases.clean(r.rule) if r.rule else None
        condition = rule is not None and _reward_condition(rule)
        if r.amount:
            money, _, per = r.unit.partition("/")
            amount = zh.count(r.amount, money or "元")
            if rule and condition and _earned(event):
                # 评为优秀信息员 + 500元 + 全年报送6条以上: the condition first, then what it earns
                items.append(f"凡{rule}的，可{_earned(event)}，奖励{amount}")
                continue
            item = ctx.frag("TSK-reward-item", event=event, amount=amount, per=phrases.clean(per) or None)
            items.append(f"{item}，{rule}" if rule else item)
        elif rule:
            earned = _earned(event) if condition else None
            # a rule that is what the event earns (参加年度优秀信息员评选; 评选X reads 参加X评选) after an
            # event that is the condition (全年提供信息5条以上 → 凡……的; a holder, 全年报送信息10条以上的
            # 信息员, is named as it is): the event, then 可 + the rule
            may = condition and earned is None and (phrases.phrase_kind(rule) == "verb" or bool(_earned(rule)))
            items.append(
                ctx.frag(
                    "TSK-reward-rule",
                    event=earned or event,
                    rule=(_earned(rule) or rule) if may else rule,
                    consequence=not condition,
                    outcome=earned is not None,
                    may=may,
                    holder=may and bool(_HOLDER.search(event)) and not event.startswith(("被", "获")),
                )
            )
        else:
            items.append(ctx.frag("TSK-reward-plain", event=event))
    return "；".join(items) + "。" if items else None


# an event that names who earns (……10条以上的信息员, ……的单位): it is the subject, not a 凡……的 condition
_HOLDER = re.compile(r"的[\u4e00-\u9fff]{1,8}$")
# a reward rule that names the reward itself (加倍奖励, 另奖200元, 通报表扬) rather than a condition
_REWARD_WORD = re.compile(r"奖|表彰|表扬")


def _reward_condition(rule: str) -> bool:
    """True if ``rule`` is a condition (全年报送信息6条以上), False if it says the reward (在上述标准基础上
    加倍奖励; 获市领导批示的另奖200元)."""
    return not _REWARD_WORD.search(rule)


def _earned(event: str) -> str | None:
    """What a condition earns, worded after 可: 评为/推荐/表彰… as written, 评选X as 参加X评选; None for an
    event that is itself a condition (被……采用, 获……批示) or a noun."""
    if event.startswith(("被", "获", "在")):
        return None
    if phrases.phrase_kind(event) != "verb":
        # a selection written as a noun (年度优秀信息员评选) is what the condition earns: 参加……评选
        return f"参加{event}" if event.endswith(("评选", "评比")) and len(event) > 2 else None
    if event.startswith("评选") and len(event) > 2:
        return f"参加{event[2:]}评选"
    return event


def demand_chain(items: list[str]) -> str:
    """一要……；二要……。 when every item is a verb phrase.  Items with their own subject or time (每位信息员
    每月……, 2026年上半年……) or their own 要 take 一是……, with 要 put before their predicate; a single item is a
    plain sentence (要…… / 每位信息员每月至少要……)."""
    clean = phrases.as_measures(items)
    if len(clean) == 1:
        return _demand(clean[0]) + "。"
    all_verbs = all(phrases.phrase_kind(x) == "verb" and not _OWN_YAO.search(x) for x in clean)
    if all_verbs:
        return "；".join(f"{zh.l3_demand(k)}{x}" for k, x in enumerate(clean, 1)) + "。"
    return "；".join(f"{zh.l3_lead(k)}{phrases.point(_demand(x))}" for k, x in enumerate(clean, 1)) + "。"


def _demand(item: str) -> str:
    """One demand: 要 where the phrase takes it (:func:`phrases.with_yao`); a compound noun with no predicate
    to put it before (委员履职风采专栏, 成员履职档案) is what is to be done well (要抓好……), never a bare noun
    in a list of demands.  A copula clause (……是第一责任人), one that has its modal, and anything the tagger
    does not read as a noun from first word to last stay as they are."""
    t = phrases.with_yao(item)
    if t != item or "是" in item or phrases.has_modal(item) or not phrases.is_compound_noun(item):
        return t
    return "要抓好" + item


# --- closing --------------------------------------------------------------------------------------------


def closing(ctx: Ctx) -> list[Block]:
    c = ctx.facts.closing
    if c is None:
        return []
    gt = ctx.political(c.guiding_thought) if c.guiding_thought else None
    text = ""
    if c.family != "none":
        text = ctx.frag(
            f"CLS-{c.family}",
            say=("addressees", "local_goal", "local_theme", "guiding"),
            addressees=c.addressees,
            local_goal=c.local_goal,
            local_theme=c.local_theme,
            guiding=gt,
            ours=ctx.ours,
            scope=ctx.scope,
            rel=zh.relative_year(_horizon(ctx), ctx.facts.document.date),
        )
    _unused_closing_facts(ctx, text, gt)
    return [ParaBuilder().add(text, ["closing"]).build()] if text else []


# closing facts a family's wording may leave out, and how the warning names them
_CLOSING_TITLES = {
    "addressees": "希望的对象",
    "local_goal": "贡献目标",
    "local_theme": "本地主题主线",
    "guiding_thought": "指导思想",
}


def _unused_closing_facts(ctx: Ctx, text: str, guiding: str | None) -> None:
    """Every closing fact given but not in the closing sentence is a counted ``unused-fact`` warning (the
    guiding thought is looked for as the approved wording its fragment id stands for)."""
    c = ctx.facts.closing
    assert c is not None
    for name, title in _CLOSING_TITLES.items():
        value = getattr(c, name)
        shown = guiding if name == "guiding_thought" else value
        if value and shown is not None and shown not in text:
            ctx.notice(
                "unused-fact",
                f"结尾句式“{c.family}”的这一写法不用{title}“{value}”，该事实未写入文稿："
                "换用用得上它的结尾句式（或用 document.variants 指定变体），或删去它",
                f"closing.{name}",
            )
