"""A redline: a copy of the new draft whose differences from the old one are tracked changes.

Built from the new draft's XML (its formatting, headers and footers are kept):

* a changed paragraph keeps its runs; runs are split where the token diff says, inserted text is wrapped in
  ``w:ins``, and deleted text is put back as ``w:del`` runs (``w:delText``) carrying the old runs'
  properties, just before the text that replaced it;
* an added paragraph gets ``w:ins`` around its runs and on its paragraph mark (``w:pPr/w:rPr/w:ins``);
* a removed paragraph is copied from the old draft (properties, text runs; no fields, drawings or section
  properties) with all its runs in ``w:del`` and ``w:del`` on its paragraph mark, before the next new
  paragraph.

Every revision has author ``docgen`` and one date: ``SOURCE_DATE_EPOCH`` if set, else 1980-01-01T00:00:00Z.
``w:id`` runs 1, 2, 3 … in document order (after any annotation ids the new draft already uses), never
nested, schema order kept: the subset Word, WPS and LibreOffice open without repair.  The zip is written by
:func:`docgen.render.finalize.write_docx`, so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from lxml import etree

from docgen.render.finalize import write_docx
from docgen.review import wml
from docgen.review.diff import Change, Comparison, compare_docx
from docgen.review.extract import BODY, Docx, Para, main_part, paragraphs, parse_xml, read_zip, story_parts
from docgen.review.wml import DEL, DEL_TEXT, INS, PPR, RPR, P, T, w

TR, TRPR, TBL = w("tr"), w("trPr"), w("tbl")

__all__ = [
    "AUTHOR",
    "FIXED_DATE",
    "accepted_texts",
    "redline",
    "redline_docx",
    "rejected_texts",
    "revision_date",
    "structure_problems",
]

AUTHOR = "docgen"
FIXED_DATE = "1980-01-01T00:00:00Z"
_PPR_AFTER_RPR = (w("sectPr"), w("pPrChange"))
_ANNOTATION_ID_TAGS = tuple(
    w(t)
    for t in (
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "permStart",
        "permEnd",
        "ins",
        "del",
    )
)


def revision_date() -> str:
    """``SOURCE_DATE_EPOCH`` as a UTC ``YYYY-MM-DDThh:mm:ssZ`` stamp; otherwise (or if invalid) 1980-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        stamp = datetime.fromtimestamp(int(raw), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return FIXED_DATE
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Marker:
    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date

    def element(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        el.set(w("id"), "0")  # numbered in document order at the end
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        return el

    def mark_paragraph(self, p: etree._Element, tag: str) -> None:
        ppr = p.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            p.insert(0, ppr)
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            after = next((c for c in ppr if c.tag in _PPR_AFTER_RPR), None)
            if after is not None:
                after.addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.element(tag))

    def deleted_runs(self, old: etree._Element, start: int, end: int) -> etree._Element | None:
        """A ``w:del`` holding the text ``[start, end)`` of old paragraph ``old`` (None if it has none)."""
        dl = self.element(DEL)
        for sp in wml.spans(old):
            if sp.end <= start or sp.start >= end or sp.end == sp.start:
                continue
            run = etree.SubElement(dl, wml.R)
            rpr = sp.run.find(RPR)
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            pos = sp.start
            for child in sp.run:
                if child.tag == RPR:
                    continue
                text = wml.child_text(child)
                lo, hi = max(start, pos), min(end, pos + len(text))
                pos += len(text)
                if not text or lo >= hi or child.tag not in wml.TEXT_CHILDREN:
                    continue
                if child.tag in (T, DEL_TEXT):
                    piece = text[lo - (pos - len(text)) : hi - (pos - len(text))]
                    run.append(wml.text_element(DEL_TEXT, piece))
                else:
                    run.append(copy.deepcopy(child))  # tab, break (with its type), hyphens
            if len(run) == (1 if rpr is not None else 0):
                dl.remove(run)
        return dl if len(dl) else None

    def wrap_inserted(self, runs: list[etree._Element]) -> dict[int, etree._Element]:
        """Wrap runs in ``w:ins``, one wrapper per group of sibling runs; returns run id → wrapper."""
        wrapper_of: dict[int, etree._Element] = {}
        group: list[etree._Element] = []

        def close() -> None:
            if not group:
                return
            ins = self.element(INS)
            group[0].addprevious(ins)
            for r in group:
                ins.append(r)
                wrapper_of[id(r)] = ins
            group.clear()

        for run in runs:
            if group and _next_element(group[-1]) is not run:
                close()
            group.append(run)
        close()
        return wrapper_of


def _next_element(el: etree._Element) -> etree._Element | None:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _mark_changed(mk: _Marker, new_p: etree._Element, old_p: etree._Element, change: Change) -> None:
    inserted: list[tuple[int, int]] = []
    deleted: list[tuple[int, int, int]] = []
    npos = opos = 0
    for op, text in change.ops:
        n = len(text)
        if op == "=":
            npos += n
            opos += n
        elif op == "-":
            deleted.append((npos, opos, opos + n))
            opos += n
        else:
            inserted.append((npos, npos + n))
            npos += n
    points = {x for seg in inserted for x in seg} | {d[0] for d in deleted}
    spans = wml.cut(new_p, points)
    ins_runs = [
        sp.run
        for sp in spans
        if any(s <= sp.start and sp.end <= e and (sp.end > sp.start or s < sp.start < e) for s, e in inserted)
    ]
    wrapper_of = mk.wrap_inserted(ins_runs)
    for x, os_, oe in deleted:
        dl = mk.deleted_runs(old_p, os_, oe)
        if dl is None:
            continue
        target = next((sp for sp in spans if sp.start == x and sp.end > x), None)
        target = target or next((sp for sp in spans if sp.start >= x), None)
        if target is not None:
            wrapper_of.get(id(target.run), target.run).addprevious(dl)
        elif spans:
            last = spans[-1].run
            wrapper_of.get(id(last), last).addnext(dl)
        else:
            new_p.append(dl)


def _mark_added(mk: _Marker, p: etree._Element) -> None:
    mk.wrap_inserted(wml.paragraph_runs(p))
    mk.mark_paragraph(p, INS)


def _deleted_paragraph(mk: _Marker, old: Para) -> etree._Element:
    p = etree.Element(P)
    old_ppr = old.element.find(PPR)
    if old_ppr is not None:
        ppr = copy.deepcopy(old_ppr)
        for child in list(ppr):
            if child.tag in _PPR_AFTER_RPR:
                ppr.remove(child)
        p.append(ppr)
    mk.mark_paragraph(p, DEL)
    dl = mk.deleted_runs(old.element, 0, len(old.text))
    if dl is not None:
        p.append(dl)
    return p


def _ancestor(el: etree._Element | None, tag: str, outermost: bool = False) -> etree._Element | None:
    found = None
    anc = el.getparent() if el is not None else None
    while anc is not None:
        if anc.tag == tag:
            found = anc
            if not outermost:
                return found
        anc = anc.getparent()
    return found


def _mark_row(mk: _Marker, tr: etree._Element, tag: str) -> None:
    """``w:trPr/w:ins`` or ``w:trPr/w:del``: the whole table row was inserted or deleted."""
    trpr = tr.find(TRPR)
    if trpr is None:
        trpr = etree.Element(TRPR)
        ex = tr.find(w("tblPrEx"))
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    change = trpr.find(w("trPrChange"))
    if change is not None:
        change.addprevious(mk.element(tag))
    else:
        trpr.append(mk.element(tag))


def _deleted_row(mk: _Marker, tr: etree._Element, old_of: dict[int, Para]) -> etree._Element:
    """A copy of old row ``tr`` marked deleted, its paragraphs rebuilt as deleted paragraphs."""
    row = copy.deepcopy(tr)
    for trpr in row.iter(TRPR):
        for mark in trpr.findall(INS) + trpr.findall(DEL):
            trpr.remove(mark)
    for copied, original in zip(list(row.iter(P)), list(tr.iter(P)), strict=True):
        copied.getparent().replace(copied, _deleted_paragraph(mk, old_of[id(original)]))
    _mark_row(mk, row, DEL)
    return row


def _whole_rows(pending: list[Para]) -> list[tuple[etree._Element | None, list[Para]]]:
    """Group removed paragraphs: (row, its paragraphs) when they make up a whole old table row, else
    (None, [paragraph])."""
    out: list[tuple[etree._Element | None, list[Para]]] = []
    i = 0
    while i < len(pending):
        tr = _ancestor(pending[i].element, TR)
        if tr is not None:
            cells = list(tr.iter(P))
            got = [p.element for p in pending[i : i + len(cells)]]
            if len(got) == len(cells) and all(a is b for a, b in zip(got, cells, strict=True)):
                out.append((tr, pending[i : i + len(cells)]))
                i += len(cells)
                continue
        out.append((None, [pending[i]]))
        i += 1
    return out


def _place(el: etree._Element, anchor: etree._Element | None, after: list[etree._Element]) -> None:
    """Put ``el`` before ``anchor``; with no anchor, after the last element placed at the end."""
    if anchor is not None:
        anchor.addprevious(el)
    else:
        after[-1].addnext(el)
        after.append(el)


def _flush(
    mk: _Marker,
    pending: list[Para],
    anchor: etree._Element | None,
    prev: etree._Element | None,
    prev_old: etree._Element | None = None,
) -> None:
    """Put the removed paragraphs back, marked deleted: whole old rows after the row of the previous new
    paragraph (or before the anchor's row), other paragraphs before ``anchor`` (the next new paragraph), or
    after ``prev`` at the end of the story or when they shared a container (a table cell) with ``prev_old``,
    the old paragraph ``prev`` stands for."""
    old_of = {id(p.element): p for p in pending}
    prev_row = _ancestor(prev, TR)
    rows_after: list[etree._Element] = [prev_row] if prev_row is not None else []
    paras_after: list[etree._Element] = [prev] if prev is not None else []
    for tr, paras in _whole_rows(pending):
        if tr is not None and (rows_after or _ancestor(anchor, TR) is not None):
            row = _deleted_row(mk, tr, old_of)
            _place(row, None if rows_after else _ancestor(anchor, TR), rows_after)
            continue
        for para in paras:
            at = anchor
            same_cell = prev_old is not None and para.element.getparent() is prev_old.getparent()
            if (
                same_cell
                and prev is not None
                and anchor is not None
                and anchor.getparent() is not prev.getparent()
            ):
                at = None
            elif anchor is not None and not para.in_table:
                at = _ancestor(anchor, TBL, outermost=True) or anchor  # not into the next table's first cell
            _place(_deleted_paragraph(mk, para), at, paras_after)
    pending.clear()


def _mark_story(mk: _Marker, changes: list[Change], old: list[Para], new: list[Para]) -> None:
    pending: list[Para] = []
    added: set[int] = set()
    prev: etree._Element | None = None
    prev_old: etree._Element | None = None
    for c in changes:
        if c.kind == "removed":
            assert c.old_index is not None
            pending.append(old[c.old_index])
            continue
        assert c.new_index is not None
        target = new[c.new_index].element
        if pending:
            _flush(mk, pending, target, prev, prev_old)
        if c.kind == "added":
            _mark_added(mk, target)
            added.add(id(target))
        elif c.kind in ("changed", "replaced"):
            assert c.old_index is not None
            _mark_changed(mk, target, old[c.old_index].element, c)
        prev = target
        prev_old = old[c.old_index].element if c.old_index is not None else None
    if pending and prev is not None:
        _flush(mk, pending, None, prev, prev_old)
    rows = {
        id(tr): tr for p in new if id(p.element) in added and (tr := _ancestor(p.element, TR)) is not None
    }
    for tr in rows.values():
        if all(id(p) in added for p in tr.iter(P)):
            _mark_row(mk, tr, INS)


def _first_free_id(doc: Docx) -> int:
    top = 0
    for root in doc.trees.values():
        for el in root.iter(*_ANNOTATION_ID_TAGS):
            value = el.get(w("id"), "")
            if value.lstrip("-").isdigit():
                top = max(top, int(value))
    return top + 1


def redline(cmp: Comparison, *, author: str = AUTHOR, date: str | None = None) -> bytes:
    """The redline .docx of a :class:`~docgen.review.diff.Comparison` (modifies ``cmp.new``'s trees)."""
    new = cmp.new
    first_id = _first_free_id(new)
    mk = _Marker(author, date or revision_date())
    stories: dict[str, list[Change]] = {}
    for c in cmp.result.changes:
        stories.setdefault(c.story, []).append(c)
    for story, changes in stories.items():
        if story not in new.stories:
            continue  # a header or footer the new draft no longer has: nothing to attach it to
        _mark_story(mk, changes, cmp.old.stories.get(story, []), new.stories[story])
    next_id = first_id
    parts = dict(new.parts)
    for part, root in new.trees.items():
        for el in root.iter(INS, DEL):
            if el.get(w("author")) == author and el.get(w("id")) == "0":
                el.set(w("id"), str(next_id))
                next_id += 1
        parts[part] = new.serialize(part)
    return write_docx(parts)


def redline_docx(
    old: bytes,
    new: bytes,
    *,
    author: str = AUTHOR,
    date: str | None = None,
    accept_changes: bool = False,
    old_label: str = "旧稿",
    new_label: str = "新稿",
) -> bytes:
    """A copy of ``new`` with its differences from ``old`` as tracked changes (deterministic bytes).  The labels
    name the two inputs in error messages."""
    cmp = compare_docx(old, new, old_label=old_label, new_label=new_label, accept_changes=accept_changes)
    return redline(cmp, author=author, date=date)


# -- checking a redline (tests, and anyone who wants to verify one) ----------------------------------------------


def _story_roots(data: bytes) -> Iterator[tuple[str, str, etree._Element]]:
    label = "修订稿"
    parts = read_zip(data, label)
    main = main_part(parts, label)
    for name in [main, *story_parts(parts, main, label)]:
        yield (BODY if name == main else name), name, parse_xml(parts[name], label, name)


def _walk_texts(data: bytes, walk: Callable[[etree._Element], etree._Element]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for story, _, root in _story_roots(data):
        out[story] = [p.text for p in paragraphs(story, walk(root))]
    return out


def accepted_texts(data: bytes) -> dict[str, list[str]]:
    """Paragraph texts per story after accepting every revision (our own XML walk)."""
    return _walk_texts(data, wml.accept_all)


def rejected_texts(data: bytes) -> dict[str, list[str]]:
    """Paragraph texts per story after rejecting every revision (our own XML walk)."""
    return _walk_texts(data, wml.reject_all)


def _revision_elements(root: etree._Element) -> Iterator[etree._Element]:
    yield from root.iter(INS, DEL, w("moveFrom"), w("moveTo"), w("rPrChange"), w("pPrChange"))


def structure_problems(data: bytes) -> list[str]:
    """Structural checks of a redline's revision markup (empty list = fine): ids present, unique and
    numeric; author and date present; no revision nested in another; ``w:t`` never inside ``w:del`` and
    ``w:delText`` only inside it; the paragraph mark's ``rPr`` after the other paragraph properties."""
    problems: list[str] = []
    seen: set[str] = set()
    for _, part, root in _story_roots(data):
        for el in _revision_elements(root):
            name = etree.QName(el).localname
            rid = el.get(w("id"))
            if rid is None or not rid.isdigit():
                problems.append(f"{part}: {name} without a numeric w:id")
            elif rid in seen:
                problems.append(f"{part}: duplicate w:id {rid}")
            else:
                seen.add(rid)
            if not el.get(w("author")):
                problems.append(f"{part}: {name} {rid} without w:author")
            if name in ("ins", "del") and el.getparent() is not None and el.getparent().tag != RPR:
                anc = el.getparent()
                while anc is not None:
                    if anc.tag in (INS, DEL):
                        problems.append(f"{part}: {name} {rid} nested in another revision")
                    anc = anc.getparent()
                if name == "del" and next(el.iter(T), None) is not None:
                    problems.append(f"{part}: w:t inside w:del {rid}")
        for dt in root.iter(DEL_TEXT):
            anc = dt.getparent()
            while anc is not None and anc.tag != DEL:
                anc = anc.getparent()
            if anc is None:
                problems.append(f"{part}: w:delText outside w:del")
        for ppr in root.iter(PPR):
            tags = [c.tag for c in ppr]
            if RPR in tags and any(t not in (*_PPR_AFTER_RPR, RPR) for t in tags[tags.index(RPR) + 1 :]):
                problems.append(f"{part}: paragraph properties after the paragraph mark's rPr")
    return problems
