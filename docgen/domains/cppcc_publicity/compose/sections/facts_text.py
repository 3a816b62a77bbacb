"""Fact blocks → sentences.  Each function returns ``[(sentence, data paths)]``; a missing fact drops its clause.

Wording lives in fragments/achievements.yaml; this module only decides which clauses exist and in what order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docgen import zh
from docgen.compose import phrases
from docgen.domains.cppcc_publicity.compose.context import Ctx, join_book_titles, sentence
from docgen.domains.cppcc_publicity.model.achievements import Achievements
from docgen.domains.cppcc_publicity.model.rules import comparison_value
from docgen.model.quantity import base_unit

Sent = tuple[str, tuple[str, ...]]
A = "achievements"


def _compare(ctx: Ctx, a: Achievements, ref: str, unit: str, approx: str | None = "") -> str | None:
    """The comparison clause of fact ``ref``; an approximate current value (480余) gives a qualified change
    (增长20%以上), never a precise percentage or a flat 持平."""
    for c in a.comparisons:
        if c.ref.replace(" ", "") == ref:
            cur = comparison_value(a, c.ref)
            if cur is None:
                return None
            return zh.change_phrase(
                cur,
                c.previous,
                wording=c.wording,
                unit=unit,
                prev_label=c.previous_period,
                approx=approx or "",
            )
    return None


def _with_subject(ctx: Ctx, text: str) -> str:
    """A writer's “首次……” phrase with the unit as its subject unless it names one (区政协首次在……)."""
    t = phrases.clean(text)
    names = tuple(x for x in (ctx.org, ctx.facts.org.place, ctx.ours, "我") if x)
    return t if t.startswith(names) or phrases.phrase_kind(t) == "noun" or phrases.has_own_subject(t) else ctx.org + t


def _bare_scope(text: str) -> str:
    """A media scope as a noun phrase: 在中央、省、市主要媒体 → 中央、省、市主要媒体 (the frame says 在)."""
    t = phrases.clean(text)
    for p in ("在", "于"):
        if t.startswith(p) and len(t) > 2:
            return t[len(p) :]
    return t


def media(ctx: Ctx, a: Achievements, sub: str | None = None, exclude: frozenset[str] = frozenset()) -> list[Sent]:
    """The media sentences: all of them, or only sub-block ``sub`` (new_media), or all but the sub-blocks in
    ``exclude`` (those another highlight names by their own ref)."""
    m = a.media
    if m is None:
        return []
    out: list[Sent] = []

    def want(name: str) -> bool:
        return (sub is None and name not in exclude) or sub == name

    if want("total") or want("by_outlet") or want("ranks"):
        where_ids: list[str] = list(m.total.outlets or []) if m.total else []
        where_ids += [b.outlet for b in m.by_outlet if b.count is None]
        details: list[str] = []
        for b in m.by_outlet:
            n = ctx.count(b.count, b.unit, b.approx)
            if n is None:
                if b.count is None and ctx.draft_mode:
                    where_ids.remove(b.outlet)
                    n = ctx.todo("篇数", f"{A}.media.by_outlet")
                else:
                    continue
            fp = ctx.count(b.front_page, base_unit(b.unit))
            cmp = _compare(ctx, a, f"media.by_outlet[{b.outlet}]", b.unit, b.approx)
            details.append(
                ctx.frag(
                    "ACH-media-outlet-item", outlet=ctx.outlet(b.outlet), n=n, front_page=fp, compare=cmp
                )
            )
        total = ctx.count(m.total.value, m.total.unit, m.total.approx) if m.total is not None else None
        paths = tuple(f"{A}.media.{k}" for k in ("total", "by_outlet", "ranks") if getattr(m, k))
        named = {b.outlet for b in m.by_outlet if b.count}
        if (
            m.total is not None
            and m.total.scope_text
            and set(m.total.outlets or []) - named
            and sub != "ranks"
        ):
            ctx.notice(
                "unused-fact",
                "已写明发稿范围（scope_text），发稿媒体（outlets）未写入",
                f"{A}.media.total.outlets",
            )
        if total is not None or details or where_ids:
            out.append(
                (
                    ctx.frag(
                        "ACH-media-total",
                        period=ctx.period_once(),
                        org=ctx.org,
                        where=ctx.outlets(where_ids) if where_ids else None,
                        scope_text=_bare_scope(m.total.scope_text)
                        if m.total and m.total.scope_text
                        else None,
                        total=total if total is not None else ctx.opt(None, "发稿总数", f"{A}.media.total"),
                        compare=_compare(ctx, a, "media.total", m.total.unit, m.total.approx)
                        if m.total
                        else None,
                        details=phrases.join_items(details, "、", clauses=True) or None,
                        several=len(details) > 1,
                    ),
                    paths,
                )
            )
        # after the total sentence, which may have said the period the ranks repeat (今年1—11月…今年1—11月)
        ranks = [
            _rank(ctx, r.outlet, r.metric, r.scope, r.rank, r.of, r.period_label, subject=k == 0)
            for k, r in enumerate(m.ranks)
        ]
        if ranks:
            assessed = any(phrases.is_assessment(r.metric) for r in m.ranks)
            out.append(
                (ctx.frag("ACH-media-ranks", ranks="，".join(ranks), assessed=assessed), (f"{A}.media.ranks",))
            )
    if want("subunit_total") and m.subunit_total is not None:
        n = ctx.count(m.subunit_total.value, m.subunit_total.unit, m.subunit_total.approx)
        if n:
            out.append(
                (
                    ctx.frag(
                        "ACH-media-subunit",
                        by=m.subunit_total.by,
                        n=n,
                        tiers=m.tiers_text,
                        compare=_compare(
                            ctx, a, "media.subunit_total", m.subunit_total.unit, m.subunit_total.approx
                        ),
                    ),
                    (f"{A}.media.subunit_total",),
                )
            )
    if want("notable_reports") and m.notable_reports:
        items = [
            ctx.frag(
                "ACH-media-report-item",
                title=zh.book_title(r.title),
                outlet=ctx.outlet(r.outlet),
                placement=r.placement,
                date=zh.cn_date(r.date) if r.date else None,
            )
            for r in m.notable_reports
        ]
        out.append(
            (
                ctx.frag("ACH-media-reports", items="；".join(items), one_item=len(items) == 1),
                (f"{A}.media.notable_reports",),
            )
        )
    if want("programmes"):
        for i, p in enumerate(m.programmes):
            out.append(
                (
                    ctx.frag(
                        "ACH-media-programme",
                        org=ctx.org,
                        partner=ctx.outlet(p.partner),
                        name=zh.book_title(p.name),
                        since=f"{p.since}年" if p.since else None,
                        episodes=ctx.count(p.episodes, "期"),
                    ),
                    (f"{A}.media.programmes[{i}]",),
                )
            )
        if m.subunit_programmes:
            sub_label = ctx.facts.org.subunits_label
            if sub_label:
                path = f"{A}.media.subunit_programmes"
                if out and out[-1][1] == (f"{A}.media.subunit_total",):
                    # the sentence before has the units below as its subject: one sentence, the subject
                    # said once (各乡镇（街道）……刊发稿件60篇，还与当地媒体联办了……; not two sentences in a row)
                    prev, prev_paths = out.pop()
                    more = ctx.frag("ACH-media-subunit-programmes", subunits=None)
                    out.append((f"{prev.rstrip('。')}，{more}", (*prev_paths, path)))
                else:
                    out.append(
                        (ctx.frag("ACH-media-subunit-programmes", subunits=ctx.sub_bodies(sub_label)), (path,))
                    )
    if want("columns"):
        # each column in another wording (never the same frame twice in a row); columns on the host just
        # named share its sentence (依托X开办A栏目，……；还开办B栏目，……)
        for i, c in enumerate(m.columns):
            same_host = i > 0 and c.host is not None and c.host == m.columns[i - 1].host
            host = ctx.outlet(c.host) if c.host and not same_host else None
            issues, topics = ctx.count(c.issues, "期"), ctx.count(c.topics, "个")
            members, name = ctx.count(c.members_featured, "位"), zh.quoted(c.name)
            text = ctx.frag_fresh(
                "ACH-media-column", name=name, host=host, first_in=c.first_in, issues=issues, topics=topics,
                members=members,
            ) or ctx.frag(
                "ACH-media-column", name=name, host=host, first_in=c.first_in, issues=issues, topics=topics,
                members=members,
            )
            path = f"{A}.media.columns[{i}]"
            if same_host and out and out[-1][1][-1:] == (f"{A}.media.columns[{i - 1}]",):
                prev, prev_paths = out.pop()
                out.append((f"{prev.rstrip('。')}；还{text}", (*prev_paths, path)))
            else:
                out.append((text, (path,)))
    if want("own_publications") or want("new_media") or want("website_updates"):
        pubs = [
            ctx.frag("ACH-media-pub-item", outlet=ctx.outlet(p.outlet), issues=zh.count(p.issues, "期"))
            for p in m.own_publications
            if p.issues > 0
        ]
        nm = []
        for acct in m.new_media:
            posts = ctx.count(acct.posts, acct.posts_unit, acct.posts_approx)
            reads = ctx.count(acct.reads.value, acct.reads.unit, acct.reads.approx) if acct.reads else None
            if posts or reads:
                nm.append(
                    ctx.frag(
                        "ACH-media-newmedia-item",
                        outlet=ctx.outlet(acct.outlet),
                        posts=posts,
                        reads=reads,
                        near=bool(reads and reads.startswith(("近", "约"))),
                    )
                )
        web = (
            ctx.count(m.website_updates.value, m.website_updates.unit, m.website_updates.approx)
            if m.website_updates
            else None
        )
        s = sentence(
            [
                ctx.frag("ACH-media-pubs", items=zh.join_list(pubs, "、"))
                if pubs and want("own_publications")
                else None,
                ctx.frag("ACH-media-newmedia", items="，".join(nm)) if nm and want("new_media") else None,
                ctx.frag("ACH-media-website", n=web) if web and want("website_updates") else None,
            ]
        )
        if s:
            out.append(
                (
                    s,
                    tuple(
                        f"{A}.media.{k}"
                        for k in ("own_publications", "new_media", "website_updates")
                        if getattr(m, k)
                    ),
                )
            )
    if want("firsts") and m.firsts:
        out.append(
            (
                ctx.frag("ACH-media-firsts", items="，".join(_with_subject(ctx, x) for x in m.firsts)),
                (f"{A}.media.firsts",),
            )
        )
    return out


def said_period(ctx: Ctx, label: str) -> bool:
    """True when ``label`` (a rank's or a result's own time) names the period the text has already said: the
    same words (今年1—11月), or the same calendar year said as a year (2025年度 when the period is 2025)."""
    if not ctx.period_said:
        return False
    t = phrases.clean(label)
    if t == ctx.period:
        return True
    p = ctx.facts.period
    whole_year = (
        p is not None
        and p.start.year == p.end.year
        and (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)
    )
    return whole_year and p is not None and t in (f"{p.end.year}年", f"{p.end.year}年度")


def _rank(
    ctx: Ctx,
    outlet: str | None,
    metric: str | None,
    scope: str,
    rank: int,
    of: int | None,
    period_label: str | None,
    *,
    subject: bool = True,
) -> str:
    """One rank: “{时段}，{单位}在《X》的{指标}在{范围}{N}家单位中位居第三位” — the first rank of a sentence
    names who ranks (a rank sentence without its subject reads as if the outlet ranked)."""
    if period_label and said_period(ctx, period_label):
        period_label = None  # the period was just said (今年以来…今年以来)
    # a later rank leaves its subject to the first only when it goes on the same way: one that opens with
    # its own period or names an outlet (2023年度，在《X》的……位居第二位) is a new clause and says who ranks
    subject = subject or bool(period_label) or bool(outlet)
    # a rank from an assessment (市政协宣传信息工作考核) is a place in that event, not a quantity of the unit:
    # 在……考核中，区政协……位居第二位 (never 区政协市政协宣传信息工作……位居)
    event = phrases.assessment_event(metric) if metric and not outlet else None
    return ctx.frag(
        "ACH-rank-item",
        org=ctx.org if subject or event else None,
        outlet=ctx.outlet(outlet) if outlet else None,
        event=event,
        metric=phrases.strip_metric_suffix(metric) if metric else None,
        scope=scope,
        of=f"{of}家" if of else None,
        rank=zh.rank(rank),
        period=period_label,
    )


# what a campaign of each type is called when it is the subject of its outcome (此次民主监督推动……)
_CAMPAIGN_NOUN = {
    "inspection": "视察",
    "research": "调研",
    "consultation": "协商",
    "supervision": "民主监督",
}
# a campaign that is itself publicity (……主题宣传): the frame does not say 宣传好 before it
_PUBLICITY_NAME = re.compile(r"宣传(?:活动|月|周|年)?$")


def _outcome(kind: str, outcome: str | None) -> str | None:
    """The campaign's outcome as a clause with its own subject: a verb phrase (推动解决了……) after the
    coverage clause would take the outlet as its subject, so the campaign is named (此次民主监督推动……)."""
    if not outcome:
        return None
    text = phrases.clean(outcome)
    noun = _CAMPAIGN_NOUN.get(kind, "活动")
    # an outcome that opens with the campaign's own noun (视察报告得到……批示) already has its subject
    if phrases.phrase_kind(text) != "verb" or text.startswith((noun, *_CAMPAIGN_NOUN.values())):
        return text
    return f"此次{noun}{text}"


def campaigns(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    """One example sentence per campaign the data describes (actions, coverage, report, outcome); the campaigns
    given by name only share one sentence (围绕A、B开展了宣传报道): a full frame would end in a claim the data
    does not make (宣传工作做到了同步跟进, 形成了集中宣传的声势)."""
    out: list[Sent] = []
    bare = [i for i, c in enumerate(a.campaigns) if not (c.actions or c.coverage or c.report_to or c.outcome)]
    full = [i for i in range(len(a.campaigns)) if i not in bare]
    for k, i in enumerate(full):
        c = a.campaigns[i]
        cov = [
            f"{ctx.outlet(x.outlet) if ctx.facts.outlet(x.outlet) else x.outlet}"
            f"{re.sub(r'(深度)?报道$', '', x.placement)}"
            for x in c.coverage
        ]
        out.append(
            (
                ctx.frag(
                    "ACH-campaign",
                    one_item=len(c.coverage) <= 1,
                    lead=ctx.example_lead(),
                    first=k == 0,
                    org=ctx.org,
                    name=c.name,
                    publicity=_PUBLICITY_NAME.search(phrases.clean(c.name)) is not None,
                    actions="，".join(phrases.as_measures(c.actions)) or None,
                    coverage=phrases.join_items(cov, "和") or None,
                    report_to=c.report_to,
                    outcome=_outcome(c.type, c.outcome),
                ),
                (f"{A}.campaigns[{i}]",),
            )
        )
    if bare:
        names = [phrases.clean(a.campaigns[i].name) for i in bare]
        out.append(
            (
                ctx.frag("ACH-campaigns-bare", org=ctx.org, names=phrases.join_items(names, "、"), also=bool(full)),
                tuple(f"{A}.campaigns[{i}]" for i in bare),
            )
        )
    return out


# a grade of a contest (一等奖, 优秀奖, 金奖) is not a name: it takes no quotes
_GRADE_AWARD = re.compile(r"^(?:[一二三特]等|[金银铜]|优秀|最佳[\u4e00-\u9fff]{0,4})奖$")
# a title that is a prize (好新闻奖, 一等奖) is won (荣获), not conferred on someone (被评为)
_PRIZE = re.compile(r"奖(?:项)?$")


_YEAR_WORD = r"(?:19|20)\d\d(?:—(?:19|20)?\d\d)?年度?"
# a title that opens with a list of two or more years (2022年度、2024年度全市……先进单位)
_LEADING_YEARS = re.compile(rf"^((?:(?:19|20)\d\d(?:年度?)?[、和及])+{_YEAR_WORD})(.{{2,}})$")


def _award(award: str) -> str:
    a = phrases.clean(award)
    return a if _GRADE_AWARD.match(a) else zh.quoted(a)


def member_publicity(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    mp = a.member_publicity
    if mp is None:
        return []
    out: list[Sent] = []
    n = ctx.count(mp.featured_count, "名")
    if n or mp.outlets:
        out.append(
            (
                ctx.frag("ACH-member-featured", n=n, outlets=ctx.outlets(mp.outlets) if mp.outlets else None),
                (f"{A}.member_publicity.featured_count", f"{A}.member_publicity.outlets"),
            )
        )
    for i, s in enumerate(mp.standouts):
        who = f"{s.label}{s.name}" if s.name else s.label
        out.append(
            (
                ctx.frag(
                    "ACH-member-standout",
                    who=who,
                    event=s.event,
                    honour=zh.quoted(s.honour) if s.honour else None,
                    award=_award(s.award) if s.award else None,
                    ours=ctx.ours,
                ),
                (f"{A}.member_publicity.standouts[{i}]",),
            )
        )
    return out


def _verb_each(ctx: Ctx, fid: str, items: list[str]) -> str:
    """The items under one verb (获省政协采用38条、全国政协采用2条); when an item holds a 顿号 of its own (省委、
    省政府采用160余条) the list cannot be a 顿号 list, and ``A和B`` would hang the second item on the first: each
    item takes the verb (获全国政协采用37条，获省委、省政府采用160余条)."""
    if len(items) > 1 and any("、" in x for x in items):
        return "，".join(ctx.frag(fid, items=x) for x in items)
    return ctx.frag(fid, items=phrases.join_items(items, "、"))


def social_opinion(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    so = a.social_opinion
    if so is None:
        return []
    P = f"{A}.social_opinion"
    out: list[Sent] = []
    clauses: list[str | None] = []
    paths: list[str] = []
    if so.collected is not None:
        n = ctx.count(so.collected.value, so.collected.unit, so.collected.approx)
        if n:
            cmp = _compare(ctx, a, "social_opinion.collected", so.collected.unit, so.collected.approx)
            clauses.append(ctx.frag("ACH-sqmy-collected", n=n, compare=cmp))
            paths.append(f"{P}.collected")
    if so.bulletin is not None and so.bulletin.issues > 0:
        clauses.append(
            ctx.frag(
                "ACH-sqmy-bulletin",
                outlet=ctx.outlet(so.bulletin.outlet),
                issues=zh.count(so.bulletin.issues, "期"),
            )
        )
        paths.append(f"{P}.bulletin")
    sub_items = []
    for s in so.submitted:
        n = ctx.count(s.count, s.unit, s.approx) or (
            ctx.todo("报送数", f"{P}.submitted") if s.count is None else None
        )
        if n:
            cmp = _compare(ctx, a, f"social_opinion.submitted[{s.to}]", s.unit, s.approx)
            sub_items.append(ctx.frag("ACH-sqmy-submitted-item", to=s.to, n=n, form=s.form, compare=cmp))
    if sub_items:
        clauses.append(phrases.join_items(sub_items, "、", clauses=True))
        paths.append(f"{P}.submitted")
    ad_items = []
    for ad in so.adopted:
        n = ctx.count(ad.count, ad.unit, ad.approx) or (
            ctx.todo("采用数", f"{P}.adopted") if ad.count is None else None
        )
        if n:
            cmp = _compare(ctx, a, f"social_opinion.adopted[{ad.by}]", ad.unit, ad.approx)
            ad_items.append(ctx.frag("ACH-sqmy-adopted-item", by=ad.by, n=n, compare=cmp))
    if ad_items:
        clauses.append(_verb_each(ctx, "ACH-sqmy-adopted", ad_items))
        paths.append(f"{P}.adopted")
    ins_items = [
        ctx.frag("ACH-sqmy-instruction-item", level=i.leader_level, n=ctx.count(i.count, i.unit, i.approx))
        for i in so.instructions
        if ctx.count(i.count, i.unit, i.approx)
    ]
    if ins_items:
        clauses.append(_verb_each(ctx, "ACH-sqmy-instructions", ins_items))
        paths.append(f"{P}.instructions")
    if clauses:
        body = sentence(clauses)
        assert body is not None
        out.append(
            (ctx.frag("ACH-sqmy-main", period=ctx.period_once(), org=ctx.org, body=body[:-1]), tuple(paths))
        )
    extra: list[str | None] = []
    extra_paths: list[str] = []
    if so.member_share_pct:
        extra.append(ctx.frag("ACH-sqmy-member-share", pct=zh.percent(so.member_share_pct)))
        extra_paths.append(f"{P}.member_share_pct")
    if so.sector_items and so.sector_items.value > 0:
        si = so.sector_items
        extra.append(ctx.frag("ACH-sqmy-sector", n=zh.count(si.value, si.unit, si.approx)))
        extra_paths.append(f"{P}.sector_items")
    extra_sentence = sentence(extra)
    if extra_sentence:
        out.append((extra_sentence, tuple(extra_paths)))
    for i, r in enumerate(so.ranks):
        out.append(
            (
                ctx.frag(
                    "ACH-sqmy-rank",
                    period=None if r.period_label and said_period(ctx, r.period_label) else r.period_label,
                    scope=r.scope,
                    of=f"{r.of}家" if r.of else None,
                    metric=phrases.strip_metric_suffix(r.metric, ("排名", "名次")) if r.metric else None,
                    event=phrases.assessment_event(r.metric) if r.metric else None,
                    ours=ctx.ours,
                    rank=zh.rank_bare(r.rank),
                ),
                (f"{P}.ranks[{i}]",),
            )
        )
    if so.notable:
        groups: dict[tuple[str, str | None], list[str]] = {}
        for item in so.notable:
            groups.setdefault((item.instructed_by, item.outcome), []).append(zh.quoted(item.title))
        for k, ((by, outcome), titles) in enumerate(groups.items()):
            out.append(
                (
                    ctx.frag(
                        "ACH-sqmy-notable",
                        lead=ctx.example_lead(),
                        first=k == 0,
                        org=ctx.org,
                        titles="".join(titles),
                        several=len(titles) > 1,
                        by=by,
                        outcome=outcome.rstrip("。") if outcome else None,
                    ),
                    (f"{P}.notable",),
                )
            )
    return out


def grassroots(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    g = a.grassroots
    if g is None:
        return []
    out: list[Sent] = []
    if g.offices is not None:
        n = ctx.count(g.offices.count, "个")
        out.append(
            (
                ctx.frag(
                    "ACH-grassroots-offices",
                    n=n or ctx.opt(None, "基层平台数量", f"{A}.grassroots.offices.count"),
                    label=g.offices.label,
                    scope=ctx.scope,
                ),
                (f"{A}.grassroots.offices",),
            )
        )
    if g.correspondents_commended:
        people = [f"{c.unit}的{c.name}同志" if c.name else f"{c.unit}" for c in g.correspondents_commended]
        named = all(c.name for c in g.correspondents_commended)
        out.append(
            (
                ctx.frag("ACH-grassroots-commended", people=phrases.join_items(people, "、"), named=named),
                (f"{A}.grassroots.correspondents_commended",),
            )
        )
    return out


def team(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    t = a.team
    if t is None:
        return []
    labels = [
        ("propaganda_liaisons", "宣传联络员"),
        ("info_officers", "社情民意信息员"),
        ("special_info_officers", "特邀信息员"),
        ("correspondents", "通讯员"),
    ]
    items = [f"{label}{zh.count(getattr(t, k), '名')}" for k, label in labels if getattr(t, k)]
    if not items:
        return []
    return [(ctx.frag("ACH-team", items=phrases.join_items(items, "、")), (f"{A}.team",))]


def trainings(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    """The year's trainings in one sentence (……；……), not one sentence frame per training."""
    parts: list[str] = []
    for tr in a.trainings:
        parts.append(
            ctx.frag(
                "ACH-training",
                when=tr.when,
                name=tr.name,
                days=ctx.count(tr.days, "天"),
                participants=ctx.count(tr.participants, tr.participants_unit, tr.participants_approx),
            ).rstrip("。")
        )
    if not parts:
        return []
    return [("；".join(parts) + "。", tuple(f"{A}.trainings[{i}]" for i in range(len(a.trainings))))]


#: the honour's own fields each kind of honour says (title aside); any other one given is warned about
_HONOUR_SAYS = {
    "unit": ("recipient", "conferred_by", "year"),
    "individual": ("count", "conferred_by", "year"),
    "work": ("work_title", "count", "conferred_by", "year"),
    "paper": ("work_title", "count", "conferred_by", "year"),
    "recognition": (),
}
_HONOUR_WORDS = {"recipient": "获奖单位", "count": "获奖人数", "work_title": "作品名", "conferred_by": "授予机关", "year": "年度"}


def honours(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    items: list[str] = []
    for i, h in enumerate(a.honours):
        for name, word in _HONOUR_WORDS.items():
            if getattr(h, name) is not None and name not in _HONOUR_SAYS[h.kind]:
                ctx.notice(
                    "unused-fact", f"这类荣誉（kind: {h.kind}）不写{word}（{name}），未写入文稿", f"{A}.honours[{i}].{name}"
                )
        # a title that already names its year (2024年度……先进单位) is not given another; one that opens with
        # several years (2022年度、2024年度……) says them before the quoted title, as a single year is said
        years = _LEADING_YEARS.match(phrases.clean(h.title))
        year = f"{h.year}年度" if h.year and not phrases.has_year(h.title) else None
        title = _award(h.title)
        if years and not year:
            year, title = years.group(1), _award(years.group(2))
        prize = bool(_PRIZE.search(phrases.clean(h.title)))
        if h.kind == "unit":
            items.append(
                ctx.frag(
                    "ACH-honour-unit",
                    who=h.recipient or ctx.org,
                    by=h.conferred_by,
                    year=year,
                    title=title,
                    prize=prize,
                )
            )
        elif h.kind == "individual":
            items.append(
                ctx.frag(
                    "ACH-honour-individual",
                    n=ctx.count(h.count, "名") or ctx.todo("获奖人数", f"{A}.honours") or "有关",
                    by=h.conferred_by,
                    year=year,
                    title=title,
                    prize=prize,
                )
            )
        elif h.kind in ("work", "paper"):
            items.append(
                ctx.frag(
                    "ACH-honour-work",
                    work=zh.book_title(h.work_title) if h.work_title else None,
                    paper=h.kind == "paper",
                    # how many (选送的2篇论文; 论文《X》等3篇): one named work needs no count
                    n=ctx.count(h.count, "篇" if h.kind == "paper" else "件")
                    if h.count and (h.count > 1 or not h.work_title)
                    else None,
                    by=h.conferred_by,
                    year=year,
                    title=title,
                )
            )
        else:
            items.append(h.title.rstrip("。"))
    if not items:
        return []
    return [(ctx.frag("ACH-honours", items="；".join(items)), (f"{A}.honours",))]


def culture_history(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    out: list[Sent] = []
    for i, c in enumerate(a.culture_history):
        col = ctx.count(c.collected.value, c.collected.unit, c.collected.approx) if c.collected else None
        sel = ctx.count(c.selected.value, c.selected.unit, c.selected.approx) if c.selected else None
        out.append(
            (
                ctx.frag(
                    "ACH-culture",
                    title=zh.book_title(c.title),
                    kind=c.kind,
                    collected=col,
                    selected=sel,
                    published=bool(c.published),
                ),
                (f"{A}.culture_history[{i}]",),
            )
        )
    return out


def subscriptions(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    s = a.subscriptions
    if s is None:
        return []
    titles = join_book_titles([ctx.outlet(t) for t in s.titles]) or None
    label = zh.quoted(s.label) if s.label else None
    if not (titles or label):
        return []
    # the status as the clerk wrote it, made to stand after 征订工作中，: a bare verb takes its object
    # (全面完成 → 全面完成了征订任务), a verb phrase takes the office as subject (市政协超额完成……)
    status = phrases.clean(s.status) if s.status else None
    who = None
    if status and phrases.phrase_kind(status) == "verb":
        if len(status) <= 4:
            status = f"{status}了征订任务"
        else:
            who = ctx.org
    return [
        (
            ctx.frag(
                "ACH-subscriptions",
                label=label,
                titles=titles,
                who=who,
                status=status or None,
                pct=zh.percent(s.completion_pct) if s.completion_pct else None,
                gifted_to=s.gifted_to,
            ),
            (f"{A}.subscriptions",),
        )
    ]


def mechanisms(ctx: Ctx, a: Achievements, sub: str | None = None) -> list[Sent]:
    """Rules and mechanisms: noun phrases (……制度, 《……办法》) go after 建立完善了 / before 相继建立; verb
    phrases and clauses (建立……制度, 实行……) are said as actions — never a verb phrase in a noun list."""
    items = [phrases.clean(m) for m in a.mechanisms if phrases.clean(m)]
    if not items:
        return []
    nouns = [x for x in items if phrases.phrase_kind(x) in ("noun", "stub")]
    actions = [x for x in items if x not in nouns]
    return [
        (
            ctx.frag(
                "ACH-mechanisms",
                one_item=len(items) == 1,
                items=phrases.join_items(nouns, "和") or None,
                many=len(nouns) > 1,  # 先后/相继 only before more than one
                actions="，".join(phrases.perfective(x) for x in actions) or None,  # 建立了……: what was done
            ),
            (f"{A}.mechanisms",),
        )
    ]


BLOCKS: dict[str, Callable[[Ctx, Achievements, str | None], list[Sent]]] = {
    "media": media,
    "campaigns": campaigns,
    "member_publicity": member_publicity,
    "social_opinion": social_opinion,
    "grassroots": grassroots,
    "team": team,
    "trainings": trainings,
    "honours": honours,
    "culture_history": culture_history,
    "subscriptions": subscriptions,
    "mechanisms": mechanisms,
}


def block_sentences(ctx: Ctx, a: Achievements, ref: str, exclude: frozenset[str] = frozenset()) -> list[Sent]:
    """The sentences of block ``ref`` (media, media.columns); ``exclude`` names sub-blocks of a whole block
    that are said elsewhere (a highlight with ref media.new_media takes them from one with ref media)."""
    head, _, sub = ref.partition(".")
    if head == "media" and not sub and exclude:
        return media(ctx, a, None, exclude)
    fn = BLOCKS.get(head)
    return fn(ctx, a, sub or None) if fn else []
