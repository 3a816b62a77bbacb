"""WordprocessingML helpers for review: the text of runs and paragraphs, splitting runs, and our own
"accept all" / "reject all" walk over revision markup.

Text model (the same everywhere in :mod:`docgen.review`): a paragraph's text is the text of its runs in
document order (runs inside hyperlinks, fields, content controls and smart tags included); ``w:t`` gives its
characters, ``w:tab`` a tab, ``w:br``/``w:cr`` a line break, ``w:noBreakHyphen`` U+2011, ``w:softHyphen``
U+00AD; every other run child (field characters and codes, drawings, references …) has no text.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

__all__ = [
    "TEXT_CHILDREN",
    "RunSpan",
    "W",
    "accept_all",
    "child_text",
    "cut",
    "paragraph_runs",
    "paragraph_text",
    "reject_all",
    "run_text",
    "spans",
    "split_run",
    "text_element",
    "w",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


P, R, T, RPR, PPR = w("p"), w("r"), w("t"), w("rPr"), w("pPr")
TAB, BR, CR = w("tab"), w("br"), w("cr")
DEL_TEXT, INSTR, DEL_INSTR = w("delText"), w("instrText"), w("delInstrText")
INS, DEL, MOVE_FROM, MOVE_TO = w("ins"), w("del"), w("moveFrom"), w("moveTo")
TXBX = w("txbxContent")
_CHAR_OF = {TAB: "\t", BR: "\n", CR: "\n", w("noBreakHyphen"): "\u2011", w("softHyphen"): "\u00ad"}
#: run children that carry text (copied into deleted runs); everything else is dropped from deleted copies
TEXT_CHILDREN = frozenset({T, DEL_TEXT, *_CHAR_OF})
#: revision wrappers whose runs are not part of the current text
_HIDDEN_RUN_PARENTS = frozenset({DEL, MOVE_FROM})
#: property-change records (formatting revisions), by local name
CHANGE_NAMES = (
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "tblPrExChange",
    "tblGridChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
)
_CHANGE_TAGS = tuple(w(t) for t in CHANGE_NAMES)
_MOVE_RANGES = tuple(
    w(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")
)


def child_text(child: etree._Element) -> str:
    """The text a run child stands for ("" for non-text children)."""
    tag = child.tag
    if tag in (T, DEL_TEXT):
        return child.text or ""
    return _CHAR_OF.get(tag, "") if isinstance(tag, str) else ""


def run_text(run: etree._Element) -> str:
    return "".join(child_text(c) for c in run if c.tag != RPR)


def paragraph_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of paragraph ``p`` in document order (not those of nested text boxes or deleted content)."""
    out: list[etree._Element] = []
    for run in p.iter(R):
        parent = run.getparent()
        ok = True
        while parent is not None and parent is not p:
            if parent.tag in _HIDDEN_RUN_PARENTS or parent.tag == TXBX or parent.tag == P:
                ok = False
                break
            parent = parent.getparent()
        if ok:
            out.append(run)
    return out


def paragraph_text(p: etree._Element) -> str:
    return "".join(run_text(r) for r in paragraph_runs(p))


@dataclass
class RunSpan:
    """A run and the character offsets ``[start, end)`` it covers in its paragraph's text."""

    run: etree._Element
    start: int
    end: int


def spans(p: etree._Element) -> list[RunSpan]:
    out: list[RunSpan] = []
    pos = 0
    for run in paragraph_runs(p):
        n = len(run_text(run))
        out.append(RunSpan(run, pos, pos + n))
        pos += n
    return out


def text_element(tag: str, text: str) -> etree._Element:
    el = etree.Element(tag)
    el.text = text
    if text != text.strip() or "  " in text:
        el.set(XML_SPACE, "preserve")
    return el


def split_run(run: etree._Element, at: int) -> etree._Element:
    """Split ``run`` after ``at`` characters (0 < at < len); the run keeps the head and the returned new run,
    inserted right after it with a copy of its properties, holds the tail."""
    tail = etree.Element(R)
    for name, value in run.attrib.items():
        tail.set(name, value)
    rpr = run.find(RPR)
    if rpr is not None:
        tail.append(copy.deepcopy(rpr))
    pos = 0
    moving = False
    for child in list(run):
        if child.tag == RPR:
            continue
        if moving:
            tail.append(child)  # moves it
            continue
        text = child_text(child)
        if pos + len(text) <= at:
            pos += len(text)
            if pos == at and text:
                moving = True
            continue
        # the split falls inside this w:t
        k = at - pos
        head_text, tail_text = text[:k], text[k:]
        child.text = head_text
        if head_text != head_text.strip():
            child.set(XML_SPACE, "preserve")
        tail.append(text_element(child.tag, tail_text))
        moving = True
        pos = at
    run.addnext(tail)
    return tail


def cut(p: etree._Element, points: set[int]) -> list[RunSpan]:
    """Split the runs of ``p`` so that every offset in ``points`` falls on a run boundary; the new spans."""
    for sp in spans(p):
        inner = sorted(x - sp.start for x in points if sp.start < x < sp.end)
        run = sp.run
        done = 0
        for k in inner:
            run = split_run(run, k - done)
            done = k
    return spans(p)


# -- accept / reject ---------------------------------------------------------------------------------------


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    for i, child in enumerate(list(el)):
        parent.insert(idx + i, child)
    parent.remove(el)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _mark(p: etree._Element, tag: str) -> etree._Element | None:
    ppr = p.find(PPR)
    rpr = ppr.find(RPR) if ppr is not None else None
    return rpr.find(tag) if rpr is not None else None


def _has_content(p: etree._Element) -> bool:
    return any(child.tag != PPR for child in p)


def _merge_marked(root: etree._Element, tag: str) -> None:
    """Paragraphs whose mark carries ``tag`` lose the mark: their content joins the next paragraph."""
    for p in list(root.iter(P)):
        mark = _mark(p, tag)
        if mark is None:
            continue
        _remove(mark)
        nxt = p.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if not _has_content(p):
            if nxt is not None or p.getparent() is None or len(p.getparent().findall(P)) > 1:
                _remove(p)
            continue
        if nxt is None or nxt.tag != P:
            continue  # last paragraph of its container: it stays
        at = 1 if nxt.find(PPR) is not None else 0
        for i, child in enumerate([c for c in p if c.tag != PPR]):
            nxt.insert(at + i, child)
        _remove(p)


def _rows(root: etree._Element, tag: str) -> Iterator[etree._Element]:
    for tr in list(root.iter(w("tr"))):
        trpr = tr.find(w("trPr"))
        if trpr is not None and trpr.find(tag) is not None:
            yield tr


def _strip_marks(root: etree._Element, tag: str) -> None:
    for ppr in root.iter(PPR):
        rpr = ppr.find(RPR)
        if rpr is not None:
            for m in rpr.findall(tag):
                rpr.remove(m)
    for trpr in root.iter(w("trPr")):
        for m in trpr.findall(tag):
            trpr.remove(m)


def _cells(root: etree._Element, drop: str, unmark: tuple[str, ...]) -> None:
    """Cell-level revisions: cells marked ``drop`` go, the ``unmark`` markers are removed."""
    for mark in list(root.iter(w(drop))):
        tc = mark.getparent().getparent() if mark.getparent() is not None else None
        if tc is not None and tc.tag == w("tc"):
            _remove(tc)
    for mark in list(root.iter(*(w(t) for t in unmark))):
        _remove(mark)


def _retag(el: etree._Element) -> None:
    for t in el.iter(DEL_TEXT):
        t.tag = T
    for t in el.iter(DEL_INSTR):
        t.tag = INSTR


def _restore_change(change: etree._Element) -> None:
    """Reject a property change: the element's properties become the recorded old ones."""
    props = change.getparent()
    if props is None:
        return
    old = change.find(props.tag)
    marks = [c for c in props if c.tag in (INS, DEL, MOVE_FROM, MOVE_TO)]
    tail = [c for c in props if c.tag in (RPR, w("sectPr"))] if props.tag == PPR else []
    for c in list(props):
        props.remove(c)
    for c in [*marks, *(list(old) if old is not None else []), *tail]:
        props.append(c)


def _content_revisions(root: etree._Element, *tags: str) -> list[etree._Element]:
    """Revision wrappers of content (not the marks inside a paragraph mark's or a row's properties)."""
    out = []
    for el in root.iter(*tags):
        parent = el.getparent()
        if parent is not None and parent.tag not in (RPR, w("trPr")):
            out.append(el)
    return out


def accept_all(root: etree._Element) -> etree._Element:
    """Accept every revision below ``root`` in place (and return it)."""
    for tr in _rows(root, DEL):
        _remove(tr)
    _cells(root, "cellDel", ("cellIns", "cellMerge"))
    for el in _content_revisions(root, DEL, MOVE_FROM):
        _remove(el)
    for el in _content_revisions(root, INS, MOVE_TO):
        _unwrap(el)
    for el in list(root.iter(*_MOVE_RANGES, *_CHANGE_TAGS)):
        _remove(el)
    _merge_marked(root, DEL)
    _merge_marked(root, MOVE_FROM)
    _strip_marks(root, INS)
    _strip_marks(root, MOVE_TO)
    return root


def reject_all(root: etree._Element) -> etree._Element:
    """Reject every revision below ``root`` in place (and return it)."""
    for tr in _rows(root, INS):
        _remove(tr)
    _cells(root, "cellIns", ("cellDel", "cellMerge"))
    for el in _content_revisions(root, INS, MOVE_TO):
        _remove(el)
    for el in _content_revisions(root, DEL, MOVE_FROM):
        _retag(el)
        _unwrap(el)
    for el in list(root.iter(*_CHANGE_TAGS)):
        _restore_change(el)
    for el in list(root.iter(*_MOVE_RANGES)):
        _remove(el)
    _merge_marked(root, INS)
    _merge_marked(root, MOVE_TO)
    _strip_marks(root, DEL)
    _strip_marks(root, MOVE_FROM)
    return root
