"""Cross-field rules that a single field cannot check.

Each rule yields :class:`Issue` (a data location, a stable code, a Chinese message); ``docgen.model.validate``
turns them into located problems.  Rules run on a model that validated field by field, or on the parts of it that did (``docgen.model.salvage``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from docgen.domains.cppcc_publicity.model.achievements import REF_BLOCKS, Achievements, Highlight
from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.domains.cppcc_publicity.model.tasks import TaskSection
from docgen.model.issues import Issue, Loc
from docgen.model.period import check_period
from docgen.model.quantity import base_unit, magnitude

if TYPE_CHECKING:
    from docgen.fragments import FragmentLibrary



def unit_family(unit: str) -> str:
    """条 and 篇 both count information items; 篇次 counts appearances; anything else is its own family."""
    return "item" if unit in ("条", "篇", "件") else unit


def _plain(d: Decimal) -> str:
    """A magnitude as written in a message: 12000, 8.5 (no trailing zeros, no exponent)."""
    return format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))


def horizon_year(horizon: str, on: dt.date) -> int | None:
    """'2025年' -> 2025, '今年' -> year of document, '明年' -> next year; None when unreadable."""
    m = re.fullmatch(r"\s*(\d{4})\s*年?(度)?\s*", horizon)
    if m:
        return int(m.group(1))
    return {
        "今年": on.year,
        "本年": on.year,
        "本年度": on.year,
        "明年": on.year + 1,
        "下一年": on.year + 1,
    }.get(horizon.strip())


def _suggest(word: str, choices: list[str]) -> str:
    best = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f"，是否应为“{best[0]}”？" if best else f"。已有的 id：{'、'.join(choices) or '（无）'}"


def _block_nonempty(ach: Achievements, ref: str) -> bool | None:
    """True/False whether the referenced block holds data; None if the name is unknown."""
    head, _, sub = ref.partition(".")
    if head not in REF_BLOCKS:
        return None
    value = getattr(ach, head)
    if sub:
        if value is None:
            return False
        if sub not in type(value).model_fields:
            return None
        value = getattr(value, sub)
    if value is None:
        return False
    if isinstance(value, list | dict | str):
        return len(value) > 0
    if hasattr(value, "model_dump"):
        dumped = value.model_dump(exclude_defaults=True, exclude_none=True)
        return any(v not in (None, [], {}, "") for v in dumped.values())
    return True


def check_kind(facts: Facts) -> Iterator[Issue]:
    """What this domain's kinds need beyond their KindSpec (:mod:`docgen.model.kindcheck` checks that)."""
    kind = facts.document.kind
    if kind == "leadership_speech" and not any((facts.achievements, facts.situation, facts.tasks)):
        yield Issue((), "kind-requires", "领导讲话至少需要 achievements、situation、tasks 中的一部分")
    if kind == "work_summary" and facts.achievements is None:
        yield Issue(("achievements",), "kind-requires", "工作总结需要“achievements”部分（主要工作及成效）")


# media lists whose items name an outlet id, and the field that holds it
_MEDIA_OUTLET_FIELDS = (
    ("by_outlet", "outlet"),
    ("ranks", "outlet"),
    ("notable_reports", "outlet"),
    ("programmes", "partner"),
    ("columns", "host"),
    ("own_publications", "outlet"),
    ("new_media", "outlet"),
)


def check_references(facts: Facts) -> Iterator[Issue]:
    ids = [o.id for o in facts.outlets]
    seen: set[str] = set()
    for i, o in enumerate(facts.outlets):
        if o.id in seen:
            yield Issue(("outlets", i, "id"), "duplicate-id", f"媒体 id“{o.id}”重复")
        seen.add(o.id)

    def ref(loc: Loc, oid: str | None) -> Iterator[Issue]:
        if oid is not None and oid not in ids:
            yield Issue(loc, "unknown-outlet", f"媒体 id“{oid}”不在 outlets 名录中{_suggest(oid, ids)}")

    a = facts.achievements
    if a is not None:
        m = a.media
        if m is not None:
            if m.total and m.total.outlets:
                for j, oid in enumerate(m.total.outlets):
                    yield from ref(("achievements", "media", "total", "outlets", j), oid)
            for block, field in _MEDIA_OUTLET_FIELDS:
                for j, item in enumerate(getattr(m, block)):
                    yield from ref(("achievements", "media", block, j, field), getattr(item, field))
        if a.member_publicity:
            for j, oid in enumerate(a.member_publicity.outlets):
                yield from ref(("achievements", "member_publicity", "outlets", j), oid)
        if a.social_opinion and a.social_opinion.bulletin:
            yield from ref(
                ("achievements", "social_opinion", "bulletin", "outlet"), a.social_opinion.bulletin.outlet
            )
        if a.subscriptions:
            for j, oid in enumerate(a.subscriptions.titles):
                yield from ref(("achievements", "subscriptions", "titles", j), oid)
        all_highlights: list[tuple[Loc, Highlight]] = [
            (("achievements", "highlights", i), h) for i, h in enumerate(a.highlights)
        ]
        for gi, g in enumerate(a.groups):
            all_highlights += [
                (("achievements", "groups", gi, "highlights", i), h) for i, h in enumerate(g.highlights)
            ]
        for hl_loc, h in all_highlights:
            for k, block_ref in enumerate(h.refs):
                state = _block_nonempty(a, block_ref)
                if state is None:
                    yield Issue(
                        (*hl_loc, "refs", k),
                        "bad-ref",
                        f"“{block_ref}”不是事实块名称{_suggest(block_ref.partition('.')[0], list(REF_BLOCKS))}",
                    )
                elif not state:
                    yield Issue(
                        (*hl_loc, "refs", k),
                        "empty-ref",
                        f"要点引用的事实块“{block_ref}”没有数据：补上数据，或从 refs 中删去",
                    )
        for j, cmp in enumerate(a.comparisons):
            if _comparison_target(a, cmp.ref) is None:
                yield Issue(
                    ("achievements", "comparisons", j, "ref"),
                    "bad-comparison-ref",
                    f"比较对象“{cmp.ref}”找不到对应的数字（可用 media.total、social_opinion.collected、"
                    "social_opinion.adopted[采用单位]、social_opinion.submitted[报送对象]、media.by_outlet[媒体id]）",
                )
    t = facts.tasks
    if t is not None:
        for sec_loc, sec in _task_sections(facts):
            for j, tg in enumerate(sec.targets):
                yield from ref((*sec_loc, "targets", j, "outlet"), tg.outlet)
            if sec.subscriptions:
                for j, oid in enumerate(sec.subscriptions.titles):
                    yield from ref((*sec_loc, "subscriptions", "titles", j), oid)


def _task_sections(facts: Facts) -> list[tuple[Loc, TaskSection]]:
    t = facts.tasks
    if t is None:
        return []
    out: list[tuple[Loc, TaskSection]] = [(("tasks", "sections", i), s) for i, s in enumerate(t.sections)]
    for gi, g in enumerate(t.groups):
        out += [(("tasks", "groups", gi, "sections", i), s) for i, s in enumerate(g.sections)]
    return out


def _comparison_target(a: Achievements, ref: str) -> int | Decimal | None:
    m = re.fullmatch(r"([a-z_]+)\.([a-z_]+)(?:\[(.+)\])?", ref.strip())
    if not m:
        return None
    block, field, key = m.groups()
    if block == "media" and a.media is not None:
        if field == "total" and a.media.total and key is None:
            return a.media.total.value
        if field == "by_outlet" and key:
            return next((b.count for b in a.media.by_outlet if b.outlet == key), None)
        if field == "subunit_total" and a.media.subunit_total and key is None:
            return a.media.subunit_total.value
    if block == "social_opinion" and a.social_opinion is not None:
        so = a.social_opinion
        if field == "collected" and so.collected and key is None:
            return so.collected.value
        if field == "adopted" and key:
            return next((x.count for x in so.adopted if x.by == key), None)
        if field == "submitted" and key:
            return next((x.count for x in so.submitted if x.to == key), None)
    return None


def comparison_value(a: Achievements, ref: str) -> int | Decimal | None:
    """The current value a comparison refers to (public for the composer)."""
    return _comparison_target(a, ref)


def check_ordering(facts: Facts) -> Iterator[Issue]:
    a = facts.achievements
    if a is None:
        return
    so = a.social_opinion
    if so is not None:
        coll = so.collected
        upper_ok = coll is not None and coll.approx in ("", "近", "约")

        def above_collected(n: int | Decimal, unit: str, approx: str) -> bool:
            return (
                coll is not None
                and upper_ok
                and approx not in ("近", "约")
                and unit_family(base_unit(unit)) == unit_family(base_unit(coll.unit))
                and magnitude(n, unit) > magnitude(coll.value, coll.unit)
            )

        for j, s in enumerate(so.submitted):
            if s.count is not None and coll is not None and above_collected(s.count, s.unit, s.approx):
                yield Issue(
                    ("achievements", "social_opinion", "submitted", j, "count"),
                    "order-submitted-collected",
                    f"报送数 {s.count} 大于收集数 {coll.value}",
                )
        for j, ad in enumerate(so.adopted):
            if ad.count is None:
                continue
            match = next((s for s in so.submitted if s.to == ad.by and s.count is not None), None)
            if (
                match is not None
                and match.count is not None
                and unit_family(base_unit(match.unit)) == unit_family(base_unit(ad.unit))
            ):
                # only a known upper bound of the submitted count and a known lower bound of the adopted one
                if (
                    match.approx in ("", "近", "约")
                    and ad.approx not in ("近", "约")
                    and magnitude(ad.count, ad.unit) > magnitude(match.count, match.unit)
                ):
                    yield Issue(
                        ("achievements", "social_opinion", "adopted", j, "count"),
                        "order-adopted-submitted",
                        f"{ad.by}采用数 {ad.count} 大于向其报送数 {match.count}",
                    )
            elif coll is not None and above_collected(ad.count, ad.unit, ad.approx):
                yield Issue(
                    ("achievements", "social_opinion", "adopted", j, "count"),
                    "order-adopted-collected",
                    f"采用数 {ad.count} 大于收集数 {coll.value}",
                )
        for j, r in enumerate(so.ranks):
            if r.of is not None and r.rank > r.of:
                yield Issue(
                    ("achievements", "social_opinion", "ranks", j, "rank"),
                    "order-rank",
                    f"名次 {r.rank} 大于参评单位数 {r.of}",
                )
    m = a.media
    if m is not None:
        for j, mr in enumerate(m.ranks):
            if mr.of is not None and mr.rank > mr.of:
                yield Issue(
                    ("achievements", "media", "ranks", j, "rank"),
                    "order-rank",
                    f"名次 {mr.rank} 大于参评单位数 {mr.of}",
                )
        for j, bo in enumerate(m.by_outlet):
            if bo.front_page is not None and bo.count is not None and bo.front_page > bo.count:
                yield Issue(
                    ("achievements", "media", "by_outlet", j, "front_page"),
                    "order-front-page",
                    f"头版头条 {bo.front_page} 篇多于该媒体发稿 {bo.count} 篇",
                )
        if m.total is not None and m.total.approx == "":
            exact = [
                magnitude(bo.count, bo.unit)
                for bo in m.by_outlet
                if bo.count is not None
                and bo.approx not in ("近", "约")
                and base_unit(bo.unit) == base_unit(m.total.unit)
            ]
            if sum(exact, Decimal(0)) > magnitude(m.total.value, m.total.unit):
                yield Issue(
                    ("achievements", "media", "total", "value"),
                    "order-outlet-sum",
                    f"各媒体发稿数之和 {_plain(sum(exact, Decimal(0)))} 大于发稿总数 {_plain(magnitude(m.total.value, m.total.unit))}",
                )
    for j, ch in enumerate(a.culture_history):
        if (
            ch.collected
            and ch.selected
            and magnitude(ch.selected.value, ch.selected.unit)
            > magnitude(ch.collected.value, ch.collected.unit)
        ):
            yield Issue(
                ("achievements", "culture_history", j, "selected", "value"),
                "order-selected",
                f"选入数 {ch.selected.value} 大于征集数 {ch.collected.value}",
            )
    for loc, sec in _task_sections(facts):
        for j, tg in enumerate(sec.targets):
            if tg.min is not None and tg.max is not None and tg.min > tg.max:
                yield Issue(
                    (*loc, "targets", j, "min"), "order-target-range", f"目标下限 {tg.min} 大于上限 {tg.max}"
                )


def check_dates(facts: Facts) -> Iterator[Issue]:
    doc_date = facts.document.date
    p = facts.period
    yield from check_period(p, doc_date)
    t = facts.tasks
    if t is None:
        return
    year = horizon_year(t.horizon, doc_date)
    if year is None:
        yield Issue(
            ("tasks", "horizon"), "bad-horizon", f"部署期“{t.horizon}”无法识别，请写成“2025年”“今年”或“明年”"
        )
        return
    if year < doc_date.year:
        yield Issue(("tasks", "horizon"), "date-horizon-past", f"部署期 {year}年 早于文稿日期所在年份")
    for loc, sec in _task_sections(facts):
        for j, tg in enumerate(sec.targets):
            if tg.year is not None and tg.year != year:
                yield Issue(
                    (*loc, "targets", j, "year"),
                    "date-target-horizon",
                    f"目标年度 {tg.year}年 不在部署期 {year}年 内",
                )
        for j, dl in enumerate(sec.deadlines):
            if dl.by < doc_date:
                yield Issue((*loc, "deadlines", j, "by"), "date-deadline-past", "时限早于文稿日期")
            elif dl.by.year > year:
                yield Issue(
                    (*loc, "deadlines", j, "by"), "date-deadline-horizon", f"时限不在部署期 {year}年 内"
                )
    for j, ev in enumerate(t.special_events):
        for key in ("start", "end"):
            d = getattr(ev, key)
            if d is not None and d.year != year:
                yield Issue(
                    ("tasks", "special_events", j, key),
                    "date-event-horizon",
                    f"专项活动日期 {d.isoformat()} 不在部署期 {year}年 内",
                )
        for y in re.findall(r"(\d{4})年", ev.when):
            if int(y) != year:
                yield Issue(
                    ("tasks", "special_events", j, "when"),
                    "date-event-horizon",
                    f"专项活动时间“{ev.when}”不在部署期 {year}年 内",
                )
    if ev_order := [
        (j, ev) for j, ev in enumerate(t.special_events) if ev.start and ev.end and ev.start > ev.end
    ]:
        for j, _ in ev_order:
            yield Issue(
                ("tasks", "special_events", j, "start"), "date-event-order", "专项活动开始日期晚于结束日期"
            )


def check_structure(facts: Facts) -> Iterator[Issue]:
    a = facts.achievements
    if a is not None and a.groups and a.presentation != "by_domain":
        yield Issue(
            ("achievements", "presentation"),
            "groups-need-by-domain",
            "填写了 achievements.groups，呈现方式应为 by_domain",
        )
    if a is not None and a.groups and a.highlights:
        yield Issue(
            ("achievements", "groups"),
            "highlights-and-groups",
            "achievements.highlights 与 achievements.groups 只能二选一",
        )
    t = facts.tasks
    if t is not None and t.groups and t.sections:
        yield Issue(("tasks", "groups"), "tasks-both-forms", "tasks.sections 与 tasks.groups 只能二选一")
    if facts.situation is not None:  # one theme said twice would say its boilerplate twice
        codes: set[str] = set()
        for i, theme in enumerate(facts.situation.themes):
            if theme.code in codes:
                yield Issue(("situation", "themes", i, "code"), "duplicate-item", f"认识主题“{theme.code}”重复")
            codes.add(theme.code)
    order = facts.document.section_order
    if order is not None:
        seen: set[str] = set()
        for i, name in enumerate(order):
            if name in seen:
                yield Issue(("document", "section_order", i), "duplicate-section", f"章节“{name}”重复")
            seen.add(name)


def check_political(facts: Facts, lib: FragmentLibrary) -> Iterator[Issue]:
    """Dated political wording named by the facts is valid on the document date (a library rule: validation
    hands it the domain's fragment library, ``DomainSpec.library_rules``)."""
    on = facts.document.date
    pairs: list[tuple[Loc, str | None]] = []
    if facts.situation is not None:
        pairs.append((("situation", "political_context"), facts.situation.political_context))
    if facts.closing is not None:
        pairs.append((("closing", "guiding_thought"), facts.closing.guiding_thought))
    for loc, fid in pairs:
        if fid is None:
            continue
        reason = lib.political_status(fid, on)
        if reason is not None:
            prefix = "gt_" if loc[-1] == "guiding_thought" else "pc_"
            ids = [
                i for i in lib.political_ids() if i.startswith(prefix) and lib.political_status(i, on) is None
            ]
            hint = f"；{on.year}年可用：{'、'.join(ids)}" if ids else ""
            yield Issue(loc, "political-invalid", f"政治表述片段“{fid}”{reason}{hint}")


RULES = (check_kind, check_structure, check_references, check_ordering, check_dates)


def check_rules(facts: Facts, *, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """Every rule's findings; ``skip`` names rules not to run (they would read a stand-in value)."""
    issues: list[Issue] = []
    for rule in RULES:
        if rule.__name__ not in skip:
            issues.extend(rule(facts))
    return issues
