"""Meeting plan (会议方案; designed, not derived from the seeds).

Skeleton: title ``{会议名称}方案``; a lead paragraph (purposes, approving body); 一、会议名称; 二、会议时间和地点;
三、参会人员; 四、会议议程 (an intro naming the host, then a table: 序号 / 时间 / 议程 / 承担人 / 主持人, a column
only when some item fills it); 五、会议材料; 六、工作分工; 七、有关要求; the contact line; the signature
(organiser and document date).  No salutation.  Lists inside a section are numbered "1." (the plan has only two
levels, so GB/T 9704 allows 一、 then 1.).  An empty section is dropped in final mode and kept with a 〔待补：…〕
marker in draft mode; level-1 numbers follow the sections that remain.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from docgen import zh
from docgen.compose import phrases
from docgen.domains.cppcc_publicity.compose.context import Ctx, ParaBuilder
from docgen.domains.cppcc_publicity.model.plan import AgendaItem, Plan
from docgen.draft import Block, Draft, DraftMeta, Heading, Paragraph, Signature, Table, Title

__all__ = ["AGENDA_WIDTHS_MM", "agenda_table", "meeting_plan", "weekday"]

_WEEKDAYS = "一二三四五六日"
_FICTION_MARKS = ("（虚构）", "(虚构)")
#: Column widths (mm) of the agenda table; 议程 takes what the type area (156 mm) leaves.
AGENDA_WIDTHS_MM: dict[str, float] = {"no": 14.0, "time": 22.0, "by": 46.0, "host": 32.0}
TYPE_AREA_MM = 156.0


@dataclass
class _Sec:
    family: str
    blocks: list[Block]
    path: str


def weekday(d: dt.date) -> str:
    """星期一 … 星期日 for a date."""
    return "星期" + _WEEKDAYS[d.weekday()]


def _name(ctx: Ctx) -> str:
    f = ctx.facts
    assert f.plan is not None
    if f.plan.name:
        return f.plan.name
    if f.meeting is not None:
        return f.meeting.name
    ctx.todo("会议名称", "plan.name")  # counted as a notice; the default name keeps the title readable
    return ctx.frag("PLN-default-name", scope=ctx.scope)


def _plain(text: str) -> str:
    for mark in _FICTION_MARKS:
        text = text.replace(mark, "")
    return text.strip()


def _end(text: str) -> str:
    """The item as a sentence: without the clerk's own numbering (the plan numbers its items) and with one 。."""
    return phrases.clean(text) + "。"


def meeting_plan(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    plan = f.plan
    assert plan is not None  # the model requires it for this kind
    name = _name(ctx)
    title = doc.title or f"{name}方案"

    sections = [
        _Sec("PLN-heading-name", [ParaBuilder().add(_end(name), ["plan.name"]).build()], "plan.name"),
        _Sec("PLN-heading-time", _time_place(ctx, plan), "plan.date"),
        _Sec("PLN-heading-attendees", _numbered(ctx, plan.attendees, "plan.attendees"), "plan.attendees"),
        _Sec("PLN-heading-agenda", _agenda(ctx, plan), "plan.agenda"),
        _Sec("PLN-heading-materials", _materials(ctx, plan), "plan.materials"),
        _Sec("PLN-heading-division", _division(ctx, plan), "plan.division"),
        _Sec(
            "PLN-heading-requirements",
            _numbered(ctx, [phrases.said_alone(x) for x in plan.requirements], "plan.requirements"),
            "plan.requirements",
        ),
    ]
    labels = {"plan.materials": "会议材料", "plan.division": "工作分工", "plan.requirements": "有关要求"}
    kept: list[_Sec] = []
    for sec in sections:
        if not sec.blocks and sec.path in labels:
            marker = ctx.todo(labels[sec.path], sec.path)
            if marker is None:
                continue
            sec.blocks = [ParaBuilder().add(marker, [sec.path]).build()]
        kept.append(sec)

    draft = Draft(DraftMeta(doc.id, doc.kind, title, doc.date, author=plan.organiser, subject=name))
    draft.blocks.append(Title(title))
    draft.blocks.append(_lead(ctx, name))
    for i, sec in enumerate(kept, 1):
        draft.blocks.append(Heading(1, zh.l1_number(i), ctx.frag(sec.family), (sec.path,)))
        draft.blocks.extend(sec.blocks)
    contact = _contact(ctx, plan)
    if contact is not None:
        draft.blocks.append(contact)
    draft.blocks.append(Signature(plan.organiser, zh.cn_date(doc.date, doc.date_style)))
    draft.notices.extend(ctx.notices)
    return draft


# --- paragraphs -----------------------------------------------------------------------------------------


def _lead(ctx: Ctx, name: str) -> Paragraph:
    m = ctx.facts.meeting
    purposes = "，".join(x.strip().rstrip("。；，") for x in m.purposes) if m and m.purposes else None
    if m is None or not (purposes or m.approved_by or m.decided_by):
        return ParaBuilder().add(ctx.frag("PLN-lead-plain", name=name), ["plan.name"]).build()
    # both bodies are said when both are given (经主席会议研究、党组同意); the same body once
    decided = m.decided_by if m.decided_by != m.approved_by or not m.approved_by else None
    text = ctx.frag("PLN-lead", purposes=purposes, approved_by=m.approved_by, decided_by=decided, name=name)
    return ParaBuilder().add(text, ["meeting.purposes", "meeting.approved_by", "meeting.decided_by"]).build()


def _time_place(ctx: Ctx, plan: Plan) -> list[Block]:
    text = ctx.frag(
        "PLN-time-place",
        date=zh.cn_date(plan.date, ctx.facts.document.date_style),
        weekday=weekday(plan.date),
        time=ctx.opt(plan.time_text, "开会时间", "plan.time_text"),
        duration=plan.duration,
        venue=plan.venue.strip(),
    )
    paths = ["plan.date", "plan.time_text", "plan.duration", "plan.venue"]
    return [ParaBuilder().add(text, paths).build()]


def _numbered(ctx: Ctx, items: list[str], path: str) -> list[Block]:
    """One paragraph per item, "1.……。"; a single item is written without a number."""
    clean = [x for x in items if x.strip()]
    if len(clean) == 1:
        return [ParaBuilder().add(_end(clean[0]), [f"{path}[0]"]).build()]
    return [ParaBuilder().add(f"{i}.{_end(x)}", [f"{path}[{i - 1}]"]).build() for i, x in enumerate(clean, 1)]


def _materials(ctx: Ctx, plan: Plan) -> list[Block]:
    texts = [
        ctx.frag(
            "PLN-material",
            name=m.name.strip(),
            by=ctx.opt(m.by, "起草单位", f"plan.materials[{i}].by"),
            deadline=ctx.opt(
                zh.cn_date(m.deadline) if m.deadline else None, "完成时限", f"plan.materials[{i}].deadline"
            ),
        )
        for i, m in enumerate(plan.materials)
    ]
    return _numbered(ctx, texts, "plan.materials")


def _duty(text: str, unit: str = "") -> str:
    """A unit's duty as a predicate: a noun phrase the clerk wrote (会务, 会场布置、音响调试等) takes 负责 before it
    (市政协办公室：负责会务); a verb phrase or a clause (负责……, 起草……, 主任负责总协调) stands as written.  A
    duty that names its own unit as the agent (会务由办公室负责) is said after the unit without it (负责会务):
    办公室：会务由办公室负责 names the unit twice."""
    t = phrases.clean(text)
    if unit:
        m = re.fullmatch(rf"(.+?)(?:均|统一|主要)?由(?:{re.escape(unit)}|本单位|该单位)(?:具体|牵头)?负责", t)
        if m:
            t = m.group(1).rstrip("，、")
    return "负责" + t if phrases.phrase_kind(t) in ("noun", "stub") else t


def _division(ctx: Ctx, plan: Plan) -> list[Block]:
    texts = [ctx.frag("PLN-duty", unit=d.unit.strip(), duty=_duty(d.duty, d.unit.strip())) for d in plan.division]
    return _numbered(ctx, texts, "plan.division")


def _contact(ctx: Ctx, plan: Plan) -> Paragraph | None:
    c = plan.contact
    if c is None:
        marker = ctx.todo("联系人和联系电话", "plan.contact")
        return ParaBuilder().add(marker, ["plan.contact"]).build() if marker else None
    person = ctx.opt(_plain(c.person) if c.person else None, "联系人", "plan.contact.person")
    phone = ctx.opt(c.phone.strip() if c.phone else None, "联系电话", "plan.contact.phone")
    if not (person or c.unit or phone):
        return None
    text = ctx.frag("PLN-contact", unit=c.unit, person=person, phone=phone)
    return ParaBuilder().add(text, ["plan.contact"]).build()


# --- the agenda -----------------------------------------------------------------------------------------


def _agenda(ctx: Ctx, plan: Plan) -> list[Block]:
    """The intro naming the host, then the table.  When every row names the same host (and the plan names none
    or the same), the host is the meeting's: said once in the intro, not in a column repeated row by row."""
    hosts = {_plain(a.host) if a.host else "" for a in plan.agenda}
    common = next(iter(hosts)) if len(hosts) == 1 and "" not in hosts else None
    host = plan.host or common
    if common and (plan.host is None or _plain(plan.host) == common):
        paths = ["plan.host", *(f"plan.agenda[{i}].host" for i in range(len(plan.agenda)))]
        intro = ParaBuilder().add(ctx.frag("PLN-agenda-intro", host=host), paths).build()
        return [intro, agenda_table(ctx, plan.agenda, host_column=False)]
    intro = ParaBuilder().add(ctx.frag("PLN-agenda-intro", host=host), ["plan.host"]).build()
    return [intro, agenda_table(ctx, plan.agenda)]


def agenda_table(ctx: Ctx, agenda: list[AgendaItem], *, host_column: bool = True) -> Table:
    """Header row + one row per agenda item.  The 时间, 承担人 and 主持人 columns appear only when some item has
    a value for them (then every row has the cell, empty where that item has none); ``host_column`` False
    leaves the 主持人 column out (the intro names the one host)."""
    cols = ["no"]
    if any(a.time for a in agenda):
        cols.append("time")
    cols.append("item")
    if any(a.by for a in agenda):
        cols.append("by")
    if host_column and any(a.host for a in agenda):
        cols.append("host")
    header = tuple(ctx.frag(f"PLN-col-{c}") for c in cols)
    rows = [header]
    for i, a in enumerate(agenda, 1):
        values = {
            "no": str(i),
            "time": a.time or "",
            "item": _agenda_item(a.item),
            "by": a.by or "",
            "host": a.host or "",
        }
        rows.append(tuple(values[c].strip() for c in cols))
    fixed = sum(AGENDA_WIDTHS_MM[c] for c in cols if c != "item")
    widths = tuple(AGENDA_WIDTHS_MM.get(c, TYPE_AREA_MM - fixed) for c in cols)
    return Table(tuple(rows), widths)


def _agenda_item(text: str) -> str:
    """An agenda row as a table cell says it: without a final 。 and without the 由 of a dictated sentence
    (由市政协主席讲话 → 市政协主席讲话)."""
    t = text.strip().rstrip("。；，")
    return t[1:] if t.startswith("由") and len(t) > 3 else t
