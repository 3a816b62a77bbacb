"""Cross-field rules of the 党政信息工作 domain: what a single field cannot check.

Each rule yields :class:`~docgen.model.issues.Issue` (data location, stable code, Chinese message);
``docgen.model.validate`` locates them in the facts file.  :func:`check_political` is a library rule: validation
hands it the domain's fragment library (``DomainSpec.library_rules``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from docgen.domains.party_info.model.facts import Facts
from docgen.model.issues import Issue, Loc
from docgen.model.period import check_period
from docgen.model.quantity import magnitude

if TYPE_CHECKING:
    from docgen.fragments import FragmentLibrary

__all__ = ["check_political", "check_rules", "horizon_part", "horizon_year", "item_unit"]

#: units that count information items (条 and 篇 are used interchangeably in the genre)
_ITEM_UNITS = frozenset({"条", "篇"})


def item_unit(unit: str) -> bool:
    return unit in _ITEM_UNITS


_PART = re.compile(r"(上半年|下半年|[一二三四]季度|第[一二三四]季度|年底前)$")


def horizon_part(horizon: str) -> str | None:
    """The part of the year a plan covers (下半年, 四季度) when the horizon names one: a half-year summary
    plans the rest of its year (2026年下半年, 下半年)."""
    m = _PART.search(horizon.strip())
    return m.group(1).removeprefix("第") if m else None


def horizon_year(horizon: str, on: dt.date) -> int | None:
    """'2026年' → 2026, '今年' → the document's year, '明年' → the next, '下半年' / '2026年下半年' → the year of
    that part; None when unreadable."""
    h = horizon.strip()
    part = horizon_part(h)
    if part is not None:
        h = h[: h.rindex(part)].removesuffix("第").strip()
        if not h:
            return on.year
    m = re.fullmatch(r"\s*(\d{4})\s*年?度?\s*", h)
    if m:
        return int(m.group(1))
    return {"今年": on.year, "本年度": on.year, "明年": on.year + 1, "下一年": on.year + 1}.get(h)


def _show(d: Decimal) -> str:
    return format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))


def check_kind(facts: Facts) -> Iterator[Issue]:
    """What this domain's kinds need beyond their KindSpec."""
    if facts.document.kind == "info_leadership_speech" and facts.results is None and facts.tasks is None:
        yield Issue(
            (), "kind-requires", "信息工作会议讲话至少需要 results（工作成效）或 tasks（工作任务）中的一部分"
        )


def check_structure(facts: Facts) -> Iterator[Issue]:
    def dups(values: list[str], loc: Loc, what: str) -> Iterator[Issue]:
        seen: set[str] = set()
        for i, v in enumerate(values):
            if v in seen:
                yield Issue((*loc, i), "duplicate-item", f"{what}“{v}”重复")
            seen.add(v)

    if facts.problems is not None:
        yield from (
            Issue((*i.loc, "code"), i.code, i.message)
            for i in dups([p.code for p in facts.problems.items], ("problems", "items"), "问题代码")
        )
    if facts.situation is not None:
        yield from dups(list(facts.situation.themes), ("situation", "themes"), "认识主题")
    if facts.tasks is not None:
        yield from (
            Issue((*i.loc, "theme"), i.code, i.message)
            for i in dups([s.theme for s in facts.tasks.sections], ("tasks", "sections"), "任务主题")
        )
    r = facts.results
    if r is not None:
        yield from (
            Issue((*i.loc, "by"), i.code, i.message)
            for i in dups([a.by for a in r.adopted], ("results", "adopted"), "采用机关")
        )
        yield from (
            Issue((*i.loc, "name"), i.code, i.message)
            for i in dups([p.name for p in r.publications], ("results", "publications"), "信息刊物")
        )


def check_ordering(facts: Facts) -> Iterator[Issue]:
    r = facts.results
    if r is not None:
        s = r.submitted
        if s is not None and s.approx in ("", "近") and item_unit(s.unit):
            total = magnitude(s.count, s.unit)
            for j, a in enumerate(r.adopted):
                if item_unit(a.unit) and magnitude(a.count, a.unit) > total:
                    yield Issue(
                        ("results", "adopted", j, "count"),
                        "order-adopted",
                        f"被{a.by}采用的 {_show(Decimal(a.count))}{a.unit} 多于上报信息总数 {_show(Decimal(s.count))}{s.unit}",
                    )
        for j, rk in enumerate(r.ranks):
            if rk.of is not None and rk.rank > rk.of:
                yield Issue(
                    ("results", "ranks", j, "rank"), "order-rank", f"名次 {rk.rank} 大于参评单位数 {rk.of}"
                )
        n = r.network
        if n is not None and n.trainings and n.trained is not None and n.trained < n.trainings:
            yield Issue(
                ("results", "network", "trained"),
                "order-trained",
                f"培训人次 {n.trained} 少于培训期数 {n.trainings}",
            )
    if facts.tasks is not None:
        for i, sec in enumerate(facts.tasks.sections):
            for j, tl in enumerate(sec.time_limits):
                phone, written = tl.minutes("phone"), tl.minutes("written")
                if phone is not None and written is not None and phone > written:
                    yield Issue(
                        ("tasks", "sections", i, "time_limits", j, "phone"),
                        "order-time-limit",
                        f"电话报告时限 {tl.phone}{tl.phone_unit} 晚于书面报告时限 {tl.written}{tl.written_unit}：应先电话、后书面",
                    )


def check_dates(facts: Facts) -> Iterator[Issue]:
    on = facts.document.date
    p = facts.period
    yield from check_period(p, on)
    if facts.results is not None:
        for j, rk in enumerate(facts.results.ranks):
            if rk.year is not None and rk.year > on.year:
                yield Issue(
                    ("results", "ranks", j, "year"), "date-rank-future", f"考核年度 {rk.year} 晚于文稿日期"
                )
    s = facts.summary
    if s is not None:
        if s.year is not None and s.year > on.year:
            yield Issue(("summary", "year"), "date-summary-future", f"总结年度 {s.year} 晚于文稿日期")
        if s.signature_date is not None and p is not None and s.signature_date < p.end:
            yield Issue(("summary", "signature_date"), "date-signature-early", "落款日期早于统计期截止日期")
    t = facts.tasks
    if t is not None:
        year = horizon_year(t.horizon, on)
        if year is None:
            yield Issue(
                ("tasks", "horizon"),
                "bad-horizon",
                f"部署期“{t.horizon}”无法识别，请写成“2026年”“今年”“明年”或“下半年”“2026年下半年”",
            )
        elif year < on.year:
            yield Issue(("tasks", "horizon"), "date-horizon-past", f"部署期 {year}年 早于文稿日期所在年份")
        elif year > on.year + 1:
            yield Issue(("tasks", "horizon"), "date-horizon-far", f"部署期 {year}年 晚于文稿日期的下一年")


def check_political(facts: Facts, lib: FragmentLibrary) -> Iterator[Issue]:
    """Dated political wording named by the facts is valid on the document date."""
    on = facts.document.date
    pairs: list[tuple[Loc, str | None, str]] = []
    if facts.situation is not None:
        pairs.append((("situation", "political_context"), facts.situation.political_context, "pi_pc_"))
    if facts.closing is not None:
        pairs.append((("closing", "guiding_thought"), facts.closing.guiding_thought, "pi_gt_"))
    for loc, fid, prefix in pairs:
        if fid is None:
            continue
        reason = lib.political_status(fid, on)
        if reason is None and not fid.startswith(prefix):
            reason = f"不是{'形势表述' if prefix == 'pi_pc_' else '指导思想'}片段（应以 {prefix} 开头）"
        if reason is not None:
            ids = [
                i for i in lib.political_ids() if i.startswith(prefix) and lib.political_status(i, on) is None
            ]
            hint = f"；{on.year}年可用：{'、'.join(ids)}" if ids else ""
            yield Issue(loc, "political-invalid", f"政治表述片段“{fid}”{reason}{hint}")


RULES = (check_kind, check_structure, check_ordering, check_dates)


def check_rules(facts: Facts, *, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """Every rule's findings; ``skip`` names rules not to run (they would read a stand-in value)."""
    issues: list[Issue] = []
    for rule in RULES:
        if rule.__name__ not in skip:
            issues.extend(rule(facts))
    return issues
