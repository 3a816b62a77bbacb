"""The results of the period as run-in points — （一）服务决策 (上报、采用、批示、典型信息), （二）刊物和考核,
（三）重大紧急信息, （四）信息网络 — shared by the speech's first section and the summary's 主要工作及成效.

Only facts make sentences: a point without facts is left out, and its number goes to the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docgen import zh
from docgen.compose import phrases
from docgen.domains.party_info.compose.context import Ctx, ParaBuilder
from docgen.domains.party_info.model.results import Rank, Results
from docgen.draft import Block

__all__ = ["Point", "attribution", "result_points", "results_blocks"]

Sentence = tuple[str | None, tuple[str, ...]]
_CASE_LEADS = ("比如，", "又如，", "再比如，")


@dataclass
class Point:
    """One result point: the key of its lead, the user's lead if any, its sentences."""

    key: str
    lead: str | None
    sentences: list[Sentence]


def _base_unit(unit: str) -> str:
    """条 of 万条: totals in 万 and counts in units compare as the same unit."""
    return unit.replace("万", "").replace("亿", "")


def _is_times(unit: str) -> bool:
    """次, 件次, 人次: a count of occasions (a leader's instructions), not of pieces of information."""
    return unit.endswith("次")


#: the adopting bodies from the top down (中办、国办 → 省 → 市、州 → 县、区): a writer names the higher first
_BODY_LEVELS = ("中", "国", "省", "市州盟", "县区旗")


def _body_rank(by: str) -> int:
    if by.startswith(("中办", "国办", "中央", "国务院")):
        return 0
    if "自治区" in by:
        return 1
    for k, chars in enumerate(_BODY_LEVELS[2:], 1):
        if any(ch in by for ch in chars):
            return k
    return len(_BODY_LEVELS)


def _count(ctx: Ctx, value: object, unit: str, approx: str) -> str | None:
    return ctx.count(value, unit, approx)  # type: ignore[arg-type]


def _said_period(ctx: Ctx) -> str | None:
    return ctx.period_once()


# --- （一）服务决策 -----------------------------------------------------------------------------------------


def _service(ctx: Ctx, r: Results) -> list[Sentence]:
    out: list[Sentence] = []
    s = r.submitted
    units_match = False
    if s is not None:
        count = _count(ctx, s.count, s.unit, s.approx)
        change = None
        if s.previous is not None and count:
            try:
                change = zh.change_phrase(
                    s.count, s.previous, unit=s.unit, prev_label=s.previous_period or "去年", approx=s.approx
                )
            except ValueError:
                change = None
        if count:
            out.append(
                (
                    ctx.frag(
                        "RES-submitted",
                        period=_said_period(ctx),
                        scope=ctx.scope,
                        to=s.to,
                        count=count,
                        change=change,
                        say=("to", "change"),
                    ),
                    ("results.submitted",),
                )
            )
            units_match = all(_base_unit(a.unit) == _base_unit(s.unit) for a in r.adopted)
    adopted = [(a.by, _count(ctx, a.count, a.unit, a.approx)) for a in r.adopted]
    items = [f"{by}采用{c}" for by, c in sorted(adopted, key=lambda x: _body_rank(x[0])) if c]
    if items:
        out.append(
            (
                ctx.frag(
                    "RES-adopted",
                    lead="其中，" if units_match else None,
                    # without a total before it the sentence names what was adopted (全省报送的信息被……)
                    subject=None if units_match else f"{ctx.scope}报送的信息",
                    items="、".join(items),
                    one_item=len(items) == 1,
                ),
                ("results.adopted",),
            )
        )
    for j, (by, c) in enumerate(adopted):
        if not c:
            ctx.notice("unused-fact", f"被{by}采用数为0，未写入文稿", f"results.adopted[{j}]")
    clauses: list[str] = []
    for j, ins in enumerate(r.instructions):
        c = _count(ctx, ins.count, ins.unit, ins.approx)
        if not c:
            ctx.notice("unused-fact", "批示数为0，未写入文稿", f"results.instructions[{j}]")
            continue
        leader = phrases.clean(ins.leader_level)
        if _is_times(ins.unit):  # 9次: the leader's instructions are counted (信息获中央领导同志批示9次)
            clauses.append(f"{'信息' if not clauses else ''}获{leader}批示{c}")
        else:
            clauses.append(f"{'有' if not clauses else ''}{c}{'信息' if not clauses else ''}获{leader}批示")
    if clauses:
        out.append((ctx.frag("RES-instructions", clauses="，".join(clauses)), ("results.instructions",)))
    examples = 0
    instructed_said = False
    plain: list[int] = []
    for j, case in enumerate(r.cases[: len(_CASE_LEADS)]):
        title = zh.book_title(case.title)
        path = (f"results.cases[{j}]",)
        if not case.outcome:
            # no outcome: not an example of what information achieved (比如…… needs a result); an instructed
            # one is named as instructed, the others are listed once below
            if case.instructed_by:
                # 其中 ties it to the instructions just counted; after the adoptions' 其中 it would repeat
                lead = "其中，" if clauses and not instructed_said else None
                instructed_said = True
                out.append(
                    (ctx.frag("RES-case-instructed", title=title, by=case.instructed_by, lead=lead), path)
                )
            else:
                plain.append(j)
            continue
        lead = _CASE_LEADS[examples]
        examples += 1
        outcome = phrases.clean(case.outcome)
        say = {"by": case.instructed_by, "outcome": outcome}
        out.append(
            (
                ctx.frag_fresh("RES-case", lead=lead, title=title, **say)
                or ctx.frag(
                    "RES-case",
                    lead=lead,
                    title=title,
                    by=case.instructed_by,
                    outcome=outcome,
                    say=("by", "outcome"),
                ),
                path,
            )
        )
    if plain:
        titles = [zh.book_title(r.cases[j].title) for j in plain]
        out.append(
            (
                ctx.frag("RES-case-plain", titles="".join(titles), many=len(titles) > 1, one_item=len(titles) == 1),
                tuple(f"results.cases[{j}]" for j in plain),
            )
        )
    for j in range(len(_CASE_LEADS), len(r.cases)):
        ctx.notice("unused-fact", "典型信息最多写三条，其余未写入文稿", f"results.cases[{j}]")
    return out


# --- （二）刊物和考核 -----------------------------------------------------------------------------------------


_METRIC_YEAR = re.compile(r"^((?:19|20)\d\d)年度?")


def _metric(rk: Rank) -> tuple[str, int | None]:
    """The assessment's name (信息工作考核: never 考核考核, 考核排名) and the year the clerk wrote into it
    (2024年度信息工作考核 → 信息工作考核, 2024): the frame says the year once."""
    metric = phrases.strip_metric_suffix(rk.metric, ("排名", "名次")) if rk.metric else "信息工作考核"
    year = None
    m = _METRIC_YEAR.match(metric)
    if m and len(metric) > m.end():
        year, metric = int(m.group(1)), metric[m.end() :]
    metric = metric if metric.endswith(("考核", "考评", "评比", "评价")) else metric + "考核"
    return metric, year


def _year(rk: Rank) -> int | None:
    return rk.year if rk.year is not None else _metric(rk)[1]


def _place(rk: Rank, with_of: bool) -> str:
    n = zh.cn_numeral(rk.rank) if rk.rank <= 10 else str(rk.rank)
    return f"第{n}位" + (f"（参评单位共{rk.of}个）" if with_of and rk.of else "")


def _when(year: int | None) -> str:
    return f"{year}年度" if year is not None else ""


def _rank_text(ctx: Ctx, group: list[Rank], subject: str) -> str:
    """The ranks of one scope in one sentence, the assessment named as 年度 + 范围 + 系统 + 考核 once:
    我区在2024年度全市党委系统信息工作考核中位居第二位（参评单位共11个）; several systems of one assessment:
    ……考核中，党委系统、政府系统分别位居第二位和第三位; one assessment over several years: ……考核中，
    2022年度位居第五位，2023年度位居第三位; different assessments: ……中位居第二位，在……中位居第四位."""
    fields = {rk.of for rk in group}
    shared = len(group) > 1 and len(fields) == 1 and None not in fields
    tail = f"（参评单位均为{group[0].of}个）" if shared else ""
    scope = group[0].scope
    keys = [(_metric(rk)[0], rk.system or "") for rk in group]
    years = [_year(rk) for rk in group]
    if len(group) > 1 and len(set(keys)) == 1 and len(set(years)) == len(group) and None not in years:
        metric, system = keys[0]
        places = "，".join(f"{_when(_year(rk))}位居{_place(rk, not shared)}" for rk in group)
        return f"{subject}在{scope}{system}{metric}中，{places}{tail}"
    if len(group) > 1 and len({k[0] for k in keys}) == 1 and len(set(years)) == 1 and all(k[1] for k in keys):
        systems = "、".join(k[1] for k in keys)
        places = zh.join_list([_place(rk, not shared) for rk in group])
        return f"{subject}在{_when(years[0])}{scope}{keys[0][0]}中，{systems}分别位居{places}{tail}"
    clauses: list[str] = []
    for k, (rk, (metric, system)) in enumerate(zip(group, keys, strict=True)):
        # the year and the scope said by the clause before are not said again (……中位居第二位，在政务信息考核中……)
        when = _when(years[k]) if k == 0 or years[k] != years[k - 1] else ""
        where = scope if k == 0 or when else ""
        clauses.append(f"{subject if k == 0 else ''}在{when}{where}{system}{metric}中位居{_place(rk, not shared)}")
    return "，".join(clauses) + tail


def _publications(ctx: Ctx, r: Results) -> list[Sentence]:
    out: list[Sentence] = []
    pubs = [(p, _count(ctx, p.count, p.unit, p.approx)) for p in r.publications]
    items = [f"{zh.book_title(p.name)}{c}" for p, c in pubs if c]
    named = len(items) > 1
    instructed = [
        f"{zh.book_title(p.name) if named else ''}刊发的信息有{p.instructed}篇获{ctx.own_leaders}批示"
        for p, c in pubs
        if c and p.instructed
    ]
    for j, (p, c) in enumerate(pubs):
        if not c:
            ctx.notice(
                "unused-fact", f"{zh.book_title(p.name)}编发期数为0，未写入文稿", f"results.publications[{j}]"
            )
        elif p.instructed == 0:
            ctx.notice("unused-fact", "获批示篇数为0，未写入文稿", f"results.publications[{j}].instructed")
    if items:
        out.append(
            (
                ctx.frag(
                    "RES-publications",
                    period=_said_period(ctx),
                    org=ctx.org,
                    items="、".join(items),
                    instructed="；".join(instructed) or None,
                    say=("instructed",),
                ),
                ("results.publications",),
            )
        )
    return out


def _top(rk: Rank) -> bool:
    """A place worth praising: among the first three, and in the first half when the field is given."""
    return rk.rank <= 3 and (rk.of is None or rk.rank * 2 <= rk.of)


def _ranks(ctx: Ctx, r: Results) -> list[Sentence]:
    """Every rank in one sentence, a clause (or clauses) per scope joined by 分号, the subject said once
    (我县在全市……中位居第二位；在全省……中位居第三位): one frame, so the verdict of the frame (这一成绩来之不易,
    各单位功不可没) is said once, not after each scope."""
    if not r.ranks:
        return []
    groups: dict[str, list[Rank]] = {}
    for rk in r.ranks:
        groups.setdefault(rk.scope, []).append(rk)
    texts = [_rank_text(ctx, g, ctx.ours if k == 0 else "") for k, g in enumerate(groups.values())]
    top = all(_top(rk) for rk in r.ranks)
    ranks = "；".join(texts)
    text = ctx.frag("RES-rank-top", ranks=ranks, many=len(texts) > 1) if top else ctx.frag("RES-rank", ranks=ranks)
    return [(text, ("results.ranks",))]


# --- （三）重大紧急信息 ----------------------------------------------------------------------------------------


def _emergency(ctx: Ctx, r: Results) -> list[Sentence]:
    e = r.emergency
    if e is None:
        return []
    count = _count(ctx, e.count, e.unit, e.approx) if e.count is not None else None
    if e.count == 0:
        ctx.notice("unused-fact", "重大紧急信息报送数为0，未写入文稿", "results.emergency.count")
    if not (count or e.on_time or e.phone_first):
        if e.on_time is False or e.phone_first is False:
            ctx.notice("unused-fact", "紧急信息只写了“否”，未写入文稿", "results.emergency")
        return []
    text = ctx.frag(
        "RES-emergency",
        period=_said_period(ctx) if count else None,
        count=count,
        on_time=bool(e.on_time),
        phone_first=bool(e.phone_first),
        scope=ctx.scope,
    )
    return [(text, ("results.emergency",))]


# --- （四）信息网络 -----------------------------------------------------------------------------------------


def _network(ctx: Ctx, r: Results) -> list[Sentence]:
    n = r.network
    if n is None:
        return []
    out: list[Sentence] = []
    parts: list[str] = []
    # the frames say the scope (全县……覆盖全县各乡镇 would say it twice)
    covers = n.covers.removeprefix(ctx.scope) or n.covers if n.covers else None
    if n.direct_points:
        parts.append(f"设立信息直报点{n.direct_points}个")
    staff = [f"{label}信息员{v}名" for label, v in (("专职", n.full_time), ("兼职", n.part_time)) if v]
    if staff:
        parts.append("配备" + "、".join(staff))
    for name, v in (
        ("direct_points", n.direct_points),
        ("full_time", n.full_time),
        ("part_time", n.part_time),
    ):
        if v == 0:
            ctx.notice("unused-fact", "数量为0，未写入文稿", f"results.network.{name}")
    if parts:
        out.append(
            (
                ctx.frag(
                    "RES-network",
                    scope=ctx.scope,
                    items="，".join(parts),
                    covers=covers,
                    partial=bool(covers and re.search("部分|个别|有的|一些|少数", covers)),
                    say=("covers",),
                ),
                ("results.network",),
            )
        )
    elif covers:
        out.append(
            (ctx.frag("RES-network-covers", scope=ctx.scope, covers=covers), ("results.network.covers",))
        )
    if n.trainings or n.trained:
        out.append(
            (
                ctx.frag(
                    "RES-training",
                    sessions=f"{n.trainings}期" if n.trainings else None,
                    trained=f"{n.trained}人次" if n.trained else None,
                ),
                ("results.network.trainings", "results.network.trained"),
            )
        )
    return out


_BUILDERS: tuple[tuple[str, Callable[[Ctx, Results], list[Sentence]]], ...] = (
    ("service", _service),
    ("publications", _publications),
    ("ranks", _ranks),
    ("emergency", _emergency),
    ("network", _network),
)


def result_points(ctx: Ctx, r: Results) -> list[Point]:
    """The points that have facts, in the genre's order."""
    out: list[Point] = []
    for key, build in _BUILDERS:
        sents = [s for s in build(ctx, r) if s[0]]
        if sents:
            lead = getattr(r.leads, key) if r.leads is not None else None
            out.append(Point(key, lead, sents))
        elif r.leads is not None and getattr(r.leads, key):
            ctx.notice("unused-fact", "这一要点没有事实，小标题未写入文稿", f"results.leads.{key}")
    return out


def _lead_family(r: Results, key: str) -> str:
    if key == "ranks" and all(_top(rk) for rk in r.ranks):
        return "RES-lead-ranks-top"
    if key == "emergency" and r.emergency is not None and r.emergency.on_time:
        return "RES-lead-emergency-ontime"
    return f"RES-lead-{key}"


def results_blocks(ctx: Ctx, r: Results, *, intro_family: str) -> list[Block]:
    """The points as run-in paragraphs （一）lead。sentences (one point: no number, no lead), after an intro
    sentence when there are several."""
    style = ctx.facts.document.heading_style
    with ctx.trial():
        probe = result_points(ctx, r)
    blocks: list[Block] = []
    if len(probe) > 1:
        blocks.append(
            ParaBuilder()
            .add(ctx.frag(intro_family, period=ctx.period_once(), scope=ctx.scope, party_gov=ctx.party_gov))
            .build()
        )
    points = result_points(ctx, r)
    for i, pt in enumerate(points, 1):
        p = ParaBuilder()
        if len(points) > 1:
            lead = phrases.clean(pt.lead) if pt.lead else ctx.frag(_lead_family(r, pt.key))
            ctx.heard(lead)
            p.lead(f"{zh.l2_number(i, style)}{lead}。", "l2_lead", (f"results.leads.{pt.key}",))
        elif pt.lead:
            ctx.notice("unused-fact", "成效只有一个要点，不设小标题", f"results.leads.{pt.key}")
        p.add_all(pt.sentences)
        blocks.append(p.build())
    return blocks


def attribution(ctx: Ctx, r: Results) -> Block | None:
    items = [phrases.clean(x) for x in r.attribution if phrases.clean(x)]
    if not items:
        return None
    conj = "以及" if any("和" in x for x in items) else "和"  # never 和 … 和
    text = ctx.frag("ATT-attribution", items=phrases.join_items(items, conj), one_item=len(items) == 1)
    return ParaBuilder().add(text, ["results.attribution"]).build()
