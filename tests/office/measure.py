"""Reading a LibreOffice PDF back: text lines with their geometry and fonts, page by page (pdfplumber).

Units are PDF points (1/72 in) from the top-left corner, as pdfplumber gives them; :data:`MM` converts.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

MM = 72 / 25.4  # points per millimetre
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, LEFT = 37 * MM, 28 * MM  # GB/T 9704 5.2.1
RIGHT = (210 - 26) * MM  # 版心 156 mm wide
BOTTOM = (297 - 35) * MM  # 版心 225 mm high
FOOTER_ZONE = BOTTOM + 1 * MM  # anything lower is the page-number line
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def face_key(name: str) -> str:
    """A comparable key for a PDF font name or a PostScript name: ``ABCDEF+NotoSansCJKjp-Regular-VKana``
    and ``NotoSansCJKsc-Regular`` both give ``notosanscjk``; ``FandolFang-Regular`` gives ``fandolfang``."""
    base = _SUBSET.sub("", name).split("-")[0]
    key = re.sub(r"[^a-z0-9]", "", base.lower())
    if "cjk" in key:
        key = re.sub(r"(sc|tc|jp|kr|hk)$", "", key)
    return key


def width_in_zi(text: str) -> float:
    """Characters counted in 字: full-width 1, half-width (digits, Latin) ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text if not ch.isspace())


@dataclass
class Line:
    page: int
    chars: list[dict[str, Any]] = field(repr=False)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return float(min(c["x0"] for c in self.chars))

    @property
    def x1(self) -> float:
        return float(max(c["x1"] for c in self.chars))

    @property
    def top(self) -> float:
        return float(min(c["top"] for c in self.chars))

    @property
    def centre(self) -> float:
        return float(statistics.median((c["top"] + c["bottom"]) / 2 for c in self.chars))

    @property
    def size(self) -> float:
        return float(statistics.median(c["size"] for c in self.chars))

    @property
    def font_keys(self) -> Counter[str]:
        return Counter(face_key(c["fontname"]) for c in self.chars if not c["text"].isascii())


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]  # the text block, top to bottom (footer excluded)
    footer: str  # the page-number line, a space wherever there is a visible gap


def _lines(number: int, chars: list[dict[str, Any]]) -> list[Line]:
    out: list[Line] = []
    for c in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (c["top"] + c["bottom"]) / 2
        if out and abs(out[-1].centre - mid) < 4:
            out[-1].chars.append(c)
        else:
            out.append(Line(number, [c]))
    for line in out:
        line.chars.sort(key=lambda c: c["x0"])
    return out


def _spaced(chars: list[dict[str, Any]]) -> str:
    text = ""
    prev: dict[str, Any] | None = None
    for c in sorted(chars, key=lambda c: c["x0"]):
        if prev is not None and c["x0"] - prev["x1"] > 1.5:
            text += " "
        text += c["text"]
        prev = c
    return text


def read_pdf(path: Path) -> list[Page]:
    pages: list[Page] = []
    with pdfplumber.open(path) as pdf:
        for i, p in enumerate(pdf.pages, 1):
            chars = [c for c in p.chars if c["text"].strip()]
            body = [c for c in chars if c["top"] < FOOTER_ZONE]
            foot = [c for c in chars if c["top"] >= FOOTER_ZONE]
            x0, top, x1, bottom = p.bbox
            pages.append(Page(i, x1 - x0, bottom - top, _lines(i, body), _spaced(foot)))
    return pages


def squash(text: str) -> str:
    """Text without any whitespace (PDF extraction and .docx text differ only there)."""
    return re.sub(r"\s+", "", text)
