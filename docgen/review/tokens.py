"""CJK-aware tokens for diffing Chinese prose.

A token is one number with its decimal point and percent sign (``5.2%``, ``1086``, full-width digits
included), one Latin word (``GDP``), or any other single character (one 汉字, one punctuation mark, one
space).  Diffing tokens instead of characters turns ``5.2%`` → ``5.5%`` into one replacement instead of
``2`` → ``5``, while Chinese text still diffs character by character (a 汉字 is a word for this purpose).

diff-match-patch works on strings, so each distinct token is mapped to one code point: a one-character
token to itself (unless it is a private-use character), a longer one to the next free private-use code
point.  :func:`encode` maps a pair of texts with one shared table; the caller maps the results back by
token counts.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_RE", "TOKEN_RE", "encode", "is_number", "numbers_in", "tokenize"]

_DIGIT = "[0-9\uff10-\uff19]"
#: one number: digits, an optional decimal part, an optional percent or per-mille sign
NUMBER_RE = re.compile(f"{_DIGIT}+(?:[.\uff0e]{_DIGIT}+)?[%\uff05\u2030]?")
TOKEN_RE = re.compile(f"{NUMBER_RE.pattern}|[A-Za-z\uff21-\uff3a\uff41-\uff5a]+|.", re.S)

# Private-use code points for multi-character tokens: the BMP area first (diff-match-patch builds for
# Windows refuse characters outside the BMP), then plane 15.
_PUA = [(0xE000, 0xF8FF), (0xF0000, 0xFFFFD)]


def tokenize(text: str) -> list[str]:
    """``"增长5.2%，GDP"`` → ``["增", "长", "5.2%", "，", "GDP"]``; ``"".join(tokens) == text``."""
    return TOKEN_RE.findall(text)


def is_number(token: str) -> bool:
    return NUMBER_RE.fullmatch(token) is not None


def numbers_in(text: str) -> list[str]:
    """The number tokens of ``text`` in order."""
    return NUMBER_RE.findall(text)


def _is_pua(ch: str) -> bool:
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in _PUA)


class _Codes:
    def __init__(self) -> None:
        self.table: dict[str, str] = {}
        self.area = 0
        self.next = _PUA[0][0]

    def code(self, token: str) -> str:
        hit = self.table.get(token)
        if hit is not None:
            return hit
        if len(token) == 1 and not _is_pua(token):
            ch = token
        else:
            if self.next > _PUA[self.area][1]:
                self.area += 1
                if self.area >= len(_PUA):
                    raise OverflowError("too many distinct tokens")
                self.next = _PUA[self.area][0]
            ch = chr(self.next)
            self.next += 1
        self.table[token] = ch
        return ch


def encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """Both token lists as strings of one code point per token, with one shared table."""
    codes = _Codes()
    return "".join(map(codes.code, a)), "".join(map(codes.code, b))
