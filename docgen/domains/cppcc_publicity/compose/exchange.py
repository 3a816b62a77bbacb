"""Experience exchange: the written material and the spoken exchange.

Both kinds tell the same facts (``exchange``): a lead, three or so sections, each with run-in practices and
result numbers.  The **material** is third person (the unit by its name, never 我们), has no salutation and
no 我讲, numbers its practices ``1.`` under ``一、`` headings, and may end with next steps and a signature
(GB/T 9704 7.3.5.2, no seal).  The **speech** is first person (我们), spoken: byline and salutation, the
sections as ``一是……`` points (a short talk has no room for headings read aloud), a humble closing and
谢谢大家！.
"""

from __future__ import annotations

import re

from docgen import zh
from docgen.compose import phrases
from docgen.compose.scaffold import head_blocks
from docgen.domains.cppcc_publicity.compose.context import Ctx, ParaBuilder
from docgen.domains.cppcc_publicity.compose.sections import speech
from docgen.domains.cppcc_publicity.model.exchange import Exchange, ExchangeItem, Result
from docgen.draft import (
    Block,
    ClosingLine,
    Draft,
    DraftMeta,
    Heading,
    Notice,
    Signature,
    Subtitle,
    Title,
)
from docgen.errors import RenderError

__all__ = ["exchange_material", "exchange_speech"]

Parts = list[tuple[str, list[str]]]  # (text, data paths) of one practice's sentences


# --- shared pieces --------------------------------------------------------------------------------------


def _exchange(ctx: Ctx) -> Exchange:
    ex = ctx.facts.exchange
    if ex is None:  # the model's kind rule makes this unreachable for valid facts
        raise RenderError(f"文种 {ctx.facts.document.kind} 需要“exchange”部分")
    return ex


def org_name(ctx: Ctx) -> str:
    """The unit with its place, as a first mention reads: 临溪 + 县政协 → 临溪县政协."""
    o = ctx.facts.org
    short, place = o.short_name, o.place
    if short.startswith(place):
        return short
    if place and short and place[-1] == short[0]:  # 临溪县 + 县政协
        return place + short[1:]
    return place + short


def _since(ctx: Ctx, ex: Exchange) -> str | None:
    if ex.lead.since:
        return phrases.clean(ex.lead.since)
    return ctx.period if ctx.facts.period is not None else None


def _keywords(ex: Exchange) -> tuple[str | None, str | None]:
    """(“阵地”“品牌”“队伍”, 三个): consecutive quoted words take no 顿号 (GB/T 15834)."""
    kws = [k for k in ex.lead.thesis_keywords if k.strip()]
    if not kws:
        return None, None
    n = f"{zh.cn_count_word(len(kws))}个" if len(kws) > 1 else "这个"
    return "".join(zh.quoted(k) for k in kws), n


# an honour the writer wrote as a clause with its own verb (连续三年被省政协评为……先进单位, 荣获……奖)
_HONOUR_VERB = re.compile(r"^(?P<pre>[^“”「」]*?)(?P<verb>评为|荣获|获评|获得|授予)(?P<title>.+)$")


def _honour(ex: Exchange) -> str | None:
    """The honour as the lead says it: a title in quotes (the frame says 被评为/荣获 before it), or the writer's
    own clause with only its title quoted (连续三年被省政协评为“……先进单位”: the frame adds no verb)."""
    if not ex.lead.honour:
        return None
    t = phrases.clean(ex.lead.honour)
    m = _HONOUR_VERB.match(t)
    if m is None:
        return zh.quoted(t)
    return f"{m.group('pre')}{m.group('verb')}{zh.quoted(m.group('title').strip('“”'))}"


def _honour_said(ex: Exchange) -> bool:
    """The honour carries its own verb (see :func:`_honour`)."""
    return bool(ex.lead.honour) and _HONOUR_VERB.match(phrases.clean(ex.lead.honour or "")) is not None


def _award(ex: Exchange) -> bool:
    """An honour that is a prize (……二等奖) is 荣获, a title (……先进单位) is 被评为."""
    return bool(ex.lead.honour) and phrases.clean(ex.lead.honour or "").endswith("奖")


def _focus_after(org: str, focus: str) -> str:
    """The focus said right after the unit's name (檀桥县政协在……上的做法): a focus that opens with the word
    the name ends with (政协宣传信息工作) does not say it again (檀桥县政协在宣传信息工作……上)."""
    f = phrases.clean(focus)
    for word in ("政协",):
        if org.endswith(word) and f.startswith(word) and len(f) > len(word) + 1:
            return f[len(word) :]
    return f


def _clause(text: str) -> str:
    return text.strip().rstrip("。；，、")


def _stop(text: str) -> str:
    t = text.strip().rstrip("；，、")
    return t if t.endswith(("。", "！", "？")) else t + "。"


def result_clause(ctx: Ctx, r: Result, path: str, *, with_period: bool = True) -> str | None:
    """“{时段}，{事项}{数量}，较{上期}增长……，{补充}” without the full stop; None when the value is zero (the
    genre never says 0).  A note that is a bare adverb (首次) qualifies the action: 首次在……刊发稿件3篇; after a
    noun (系列报道12期) it has nothing to qualify, and is left out with a warning."""
    amount = ctx.count(r.value, r.unit, r.approx)
    if amount is None:
        return None
    change = None
    if r.previous is not None:
        prev = ctx.opt(r.previous_period, "上期表述", f"{path}.previous_period")
        if prev is not None:
            change = zh.change_phrase(
                r.value, r.previous, unit=r.unit, prev_label=prev, approx=r.approx or ""
            )
    label = _clause(r.label)
    figure = f"{label}{amount}"
    if _says_count(label, amount):
        # the label already gives the figure (覆盖青山市、白鹭市等11个设区市 with 11个): not said again
        figure = label
    elif r.unit in ("%", "％") and not amount.startswith(("近", "约")) and phrases.ends_with_noun(label):
        figure = f"{label}达{amount}"  # a rate is said with its verb (信息采用率达82%), not as a bare pair
    note = _clause(r.note) if r.note else None
    if note and phrases.phrase_kind(note) == "stub":
        if phrases.phrase_kind(label) == "verb":
            figure = note + figure
        else:  # 首次 before a noun (首次系列报道12期) qualifies nothing: the writer words it (首次推出系列报道)
            ctx.notice(
                "unused-fact",
                f"成效补充“{note}”不成句，事项“{label}”不是动词短语，无处安放（可写进事项，如“{note}推出{label}”）",
                f"{path}.note",
            )
        note = None
    return "，".join(
        x
        for x in (
            _clause(r.period_label) if r.period_label and with_period else None,
            figure,
            change,
            note,
        )
        if x
    )


def _says_count(label: str, amount: str) -> bool:
    """True when the label holds the result's own figure (……等11个设区市 for 11个; 12篇被转载 for 12篇)."""
    # the writer's own figure may carry a qualifier (近11个, 约11个, 11余个): the label still gives the figure
    m = re.match(r"^(?:近|约)?(\d+(?:\.\d+)?)(?:余|多)?(\D?)", amount)
    if m is None or not m.group(2):
        return False
    number, unit = m.groups()
    return re.search(rf"(?<![\d.]){re.escape(number)}{re.escape(unit)}", label) is not None


def result_sentence(ctx: Ctx, r: Result, path: str) -> str | None:
    """One result as a sentence (see :func:`result_clause`)."""
    text = result_clause(ctx, r, path)
    return text + "。" if text else None


def results_sentences(ctx: Ctx, results: list[Result], path: str) -> list[tuple[str, list[str]]]:
    """The results of one practice; consecutive results of the same period are said in one sentence
    (2022年以来，收集……212条，被省政协采用14条，获……批示37件。), never the period once per figure, nor a
    figure left alone as a sentence of its own (被全国政协采用9条。获省领导批示21件。).  A figure with a
    computed comparison is said right after its own figure, so a percentage never sits beside an approximate
    count it was not computed from (编报86期，被省政协采用12条，是前三年的2.4倍), and joins the figures of its
    period (never a sentence of its own without the period or the subject they share); after another
    comparison or a note it opens a new sentence.  The figures after a comparison join its sentence after a ；, as do figures with
    a note."""
    # [period, shown period, [(clause, path, separator before it)]]
    runs: list[tuple[str | None, str | None, list[tuple[str, str, str]]]] = []
    said: set[str] = set()
    prev_loose = False  # the clause before ends with a comparison or a note: the next is set off by ；
    for k, r in enumerate(results):
        rpath = f"{path}.results[{k}]"
        period = _clause(r.period_label) if r.period_label else None
        clause = result_clause(ctx, r, rpath, with_period=False)
        if clause is None:
            continue
        # a comparison is said when its basis is named (or marked 〔待补〕 in a draft)
        compared = r.previous is not None and (r.previous_period is not None or ctx.facts.document.mode == "draft")
        loose = compared or bool(r.note)
        last = runs[-1] if runs else None
        # a figure without a period of its own belongs to the run before it (近两年，播出节目22期，推动解决
        # 民生问题40余个): the period is not said again, nor is the figure left without one
        same = period is None or (last is not None and last[0] == period)
        if same and last is not None and not (compared and prev_loose):
            last[2].append((clause, rpath, "；" if prev_loose or r.note else "，"))
            prev_loose = loose
            continue
        shown = None if period is not None and period in said else period
        runs.append((period if period is not None else (last[0] if last else None), shown, [(clause, rpath, "")]))
        prev_loose = loose
        if period is not None:
            said.add(period)
    out: list[tuple[str, list[str]]] = []
    for _, shown, items in runs:
        body = "".join(sep + c for c, _, sep in items)
        lead = f"{shown}，" if shown else ""
        out.append((f"{lead}{body}。", [p for _, p, _ in items]))
    return out


def practices_text(
    practices: list[str], subject: str | None = None, names: tuple[str, ...] = ()
) -> str | None:
    """Parallel measures joined by ；(one sentence), or as sentences when one already holds a 。.

    ``subject`` (我们) is put before the first measure when it is a verb phrase that does not already say
    who acts (我…, or one of ``names``, e.g. the unit's short name or place).
    """
    items = phrases.as_measures(practices)
    if not items:
        return None
    own_subject = any(phrases.has_own_subject(part) for part in items[0].split("，")[1:])
    kind = phrases.phrase_kind(items[0])
    if (
        subject
        and not items[0].startswith(("我", *names))
        and (kind == "verb" or (kind == "clause" and phrases.opens_with_frequency(items[0])))
        and not own_subject
        and not phrases.has_own_subject(items[0])
    ):
        # 我们 only before a predicate, or before a frequency that opens one (我们每月邀请……): a clause has
        # its own subject or date, and so has a measure whose second half names who acts (围绕同一议题，
        # 省市县三级政协同步开展协商)
        items[0] = subject + items[0]
    if any("。" in x for x in items):
        return "".join(_stop(x) for x in items)
    return "；".join(items) + "。"


def _item_parts(ctx: Ctx, item: ExchangeItem, path: str, subject: str | None) -> Parts | None:
    """The body of one practice: its measures, then one sentence per result.  None when nothing is left
    (final mode); in draft mode a practice without measures is marked 〔待补：具体做法〕."""
    names = tuple(x for x in (ctx.facts.org.short_name, ctx.facts.org.place) if x)
    parts: Parts = []
    practices = practices_text(item.practices, subject, names)
    if practices:
        parts.append((practices, [f"{path}.practices"]))
    parts.extend(results_sentences(ctx, item.results, path))
    if not practices:
        todo = ctx.todo("具体做法", f"{path}.practices")
        if todo is not None:
            parts.insert(0, (todo, [f"{path}.practices"]))
    return parts or None


def _next_steps(ctx: Ctx, ex: Exchange, who: str | None) -> list[Block]:
    """The next steps as a last paragraph: EXM-next names the unit; the speech (``who`` None) uses EXS-next,
    worded so that the humble closing after it does not repeat 下一步."""
    if ex.closing != "next_steps":
        if ex.next_steps:
            ctx.notices.append(
                Notice(
                    "unused-fact", "exchange.closing 不是 next_steps，下一步打算未写入", "exchange.next_steps"
                )
            )
        return []
    # the frame says who acts (我们…… / 下一步，县政协将……): an item does not say it again
    subjects = ("我们", ctx.facts.org.short_name, org_name(ctx), ctx.facts.org.full_name or "")
    steps = [phrases.strip_subject(phrases.strip_transition(s), subjects) for s in ex.next_steps if _clause(s)]
    if len(steps) == 1:  # said after the frame's 将 (several are announced as 以下方面, where a noun phrase fits)
        steps = phrases.as_measures(steps)
    if steps:
        many = len(steps) > 1
        # a single step follows the frame's 将/打算 directly: its own deadline takes 在 (我们还将在6月前出台……)
        items = "；".join(f"{zh.l3_lead(k)}{phrases.point(s)}" for k, s in enumerate(steps, 1)) if many else phrases.dated_after_modal(steps[0])
    else:
        todo = ctx.todo("下一步打算", "exchange.next_steps")
        if todo is None:
            return []
        many, items = False, todo
    if who is None:
        text = ctx.frag("EXS-next", items=items, many=many)
    else:
        text = ctx.frag("EXM-next", org=who, items=items, many=many)
    return [ParaBuilder().add(text, ["exchange.next_steps"]).build()]


def _meta(ctx: Ctx, title: str) -> DraftMeta:
    f = ctx.facts
    doc = f.document
    subject = doc.occasion or (f.meeting.name if f.meeting else "")
    return ctx.meta(title, subject)


def _subtitle(text: str) -> Subtitle:
    return Subtitle(text if text.startswith("——") else "——" + text.lstrip("—－-"))


# --- exchange_material ----------------------------------------------------------------------------------


def exchange_material(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    ex = _exchange(ctx)
    name = org_name(ctx)
    title = doc.title or ctx.frag("EXM-title", org=name)
    draft = Draft(_meta(ctx, title))
    draft.blocks.append(Title(title))
    if doc.subtitle:
        draft.blocks.append(_subtitle(doc.subtitle))

    keywords, n = _keywords(ex)
    lead = ctx.frag(
        "EXM-lead",
        since=_since(ctx, ex),
        org=name,
        theme=phrases.clean(ex.lead.theme),
        focus=phrases.clean(ex.lead.focus),
        keywords=keywords,
        n=n,
        honour=_honour(ex),
        award=_award(ex),
        said=_honour_said(ex),
    )
    draft.blocks.append(ParaBuilder().add(lead, ["exchange.lead"]).build())

    number = 0
    for si, sec in enumerate(ex.sections):
        spath = f"exchange.sections[{si}]"
        paras: list[Block] = []
        kept = [
            (ii, item, parts)
            for ii, item in enumerate(sec.items)
            if (parts := _item_parts(ctx, item, f"{spath}.items[{ii}]", None)) is not None
        ]
        for k, (ii, item, parts) in enumerate(kept, 1):
            ipath = f"{spath}.items[{ii}]"
            mark = f"{k}." if len(kept) > 1 else ""  # a lone "1." is a list of one
            p = ParaBuilder().lead(f"{mark}{_clause(item.lead)}。", "item_lead", (f"{ipath}.lead",))
            for text, paths in parts:
                p.add(text, paths)
            paras.append(p.build())
        if not paras:
            continue
        number += 1
        draft.blocks.append(Heading(1, zh.l1_number(number), _clause(sec.heading), (f"{spath}.heading",)))
        if sec.rationale:
            draft.blocks.append(ParaBuilder().add(_stop(sec.rationale), [f"{spath}.rationale"]).build())
        draft.blocks.extend(paras)

    draft.blocks.extend(_next_steps(ctx, ex, f.org.short_name))
    if ex.signature:
        unit = ex.signature_unit or f.org.full_name or f.org.short_name
        draft.blocks.append(Signature(unit, zh.cn_date(doc.date, doc.date_style)))
    elif ex.signature_unit:
        ctx.notice("unused-fact", "不加落款（signature: false），落款单位未写入文稿", "exchange.signature_unit")
    draft.notices.extend(ctx.notices)
    return draft


# --- exchange_speech ------------------------------------------------------------------------------------


def exchange_speech(ctx: Ctx) -> Draft:
    f = ctx.facts
    doc = f.document
    ex = _exchange(ctx)
    name = org_name(ctx)
    occasion = doc.occasion or (
        f.meeting.name if f.meeting else ctx.frag("EXS-default-occasion", scope=ctx.scope)
    )
    default_title = ctx.frag("EXS-title", occasion=occasion)
    title = doc.title or default_title
    draft = Draft(_meta(ctx, title))
    blocks = head_blocks(ctx, title)
    if doc.subtitle:
        blocks.insert(1, _subtitle(doc.subtitle))
    elif doc.title and doc.title != default_title:
        blocks.insert(1, _subtitle(default_title))  # a claim-style title says where it was spoken below it
    draft.blocks.extend(blocks)

    keywords, _ = _keywords(ex)
    lead = ParaBuilder().add(
        ctx.frag(
            "EXS-lead",
            since=_since(ctx, ex),
            theme=phrases.clean(ex.lead.theme),
            focus=phrases.clean(ex.lead.focus),
            keywords=keywords,
            honour=_honour(ex),
            award=_award(ex),
            said=_honour_said(ex),
        ),
        ["exchange.lead"],
    )
    lead.add(ctx.frag("EXS-report", org=name, focus=_focus_after(name, ex.lead.focus)), ["exchange.lead.focus"])
    draft.blocks.append(lead.build())

    draft.blocks.extend(_speech_points(ctx, ex))
    draft.blocks.extend(_next_steps(ctx, ex, None))
    draft.blocks.extend(_speech_closing(ctx))
    if ex.signature or ex.signature_unit:
        ctx.notices.append(
            Notice("unused-fact", "交流发言不加落款，落款设置未使用", "exchange.signature")
        )
    if doc.thank_you_line:
        draft.blocks.append(ClosingLine("谢谢大家！"))
    draft.notices.extend(ctx.notices)
    return draft


def _speech_points(ctx: Ctx, ex: Exchange) -> list[Block]:
    """Each section is a spoken point "一是{heading}。" followed by its practices; a further practice of the
    same point opens its own paragraph with its lead sentence."""
    kept: list[tuple[int, list[tuple[str, str, Parts]]]] = []
    for si, sec in enumerate(ex.sections):
        items: list[tuple[str, str, Parts]] = []
        for ii, item in enumerate(sec.items):
            ipath = f"exchange.sections[{si}].items[{ii}]"
            parts = _item_parts(ctx, item, ipath, "我们")
            if parts is not None:
                items.append((f"{_clause(item.lead)}。", f"{ipath}.lead", parts))
        if items:
            kept.append((si, items))
    many = len(kept) > 1
    blocks: list[Block] = []
    for i, (si, items) in enumerate(kept, 1):
        sec = ex.sections[si]
        spath = f"exchange.sections[{si}]"
        number = zh.l3_lead(i) if many else ""
        title = ctx.facts.document.title or ""
        if not many and _clause(sec.heading) in title:
            p = ParaBuilder()  # the only point says what the title says: it is not read out again
        else:
            p = ParaBuilder().lead(f"{number}{_clause(sec.heading)}。", "l3_lead", (f"{spath}.heading",))
        if sec.rationale:
            p.add(_stop(sec.rationale), [f"{spath}.rationale"])
        for j, (lead, lead_path, parts) in enumerate(items):
            if j:
                blocks.append(p.build())
                p = ParaBuilder()
            p.add(lead, [lead_path])
            p.add_all(parts)
        blocks.append(p.build())
    return blocks


def _speech_closing(ctx: Ctx) -> list[Block]:
    """The closing family of ``closing``; without a closing block the humble exchange closing (§1.5)."""
    if ctx.facts.closing is not None:
        return speech.closing(ctx)
    text = ctx.frag(
        "CLS-exchange_humble",
        addressees=None,
        local_goal=None,
        local_theme=None,
        guiding=None,
        ours=ctx.ours,
        scope=ctx.scope,
        rel=zh.relative_year(ctx.facts.document.date.year, ctx.facts.document.date),
    )
    return [ParaBuilder().add(text, ["closing"]).build()]
