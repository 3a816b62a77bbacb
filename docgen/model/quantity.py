"""Counted values: the one type of every count and amount a facts file states.

A counted value is a triple — the number (``value``/``count``/``amount``/…), its qualifier (``approx``: 余、多、近、
以上、约) and its unit — written the way statistics are written (GB/T 15835):

- the number is an integer, or a decimal of at most two places where a decimal means something: a unit counted
  in 万 or 亿 (``value: 8.6, unit: 万元`` → “8.6万元”) or money (元);
- the 万/亿 form may be written in the number itself (``value: 8.6万, unit: 元``): the scale joins the unit;
- 余/多 follow 万/亿 (“8万余元”) and never a decimal (“8.6余万元” is refused).

This module holds the number type and the pure helpers; :class:`docgen.model.base.FactModel` applies the rules
to every triple of every model (:func:`quantity_fields`), so each counted field behaves the same way.
"""

from __future__ import annotations

import functools
import math
import re
import typing
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

MAX_NUMBER = 10**12  # any number a document states (counts, targets, years, percentages)
APPROX_WORDS: tuple[str, ...] = ("", "多", "余", "近", "以上", "约")
SCALES: dict[str, int] = {"万": 10**4, "亿": 10**8}
_PLAIN = re.compile(r"[+]?(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?")
_SCALED = re.compile(r"[+]?(\d+(?:\.\d+)?)\s*(万|亿)")
_TOO_LARGE = "数值过大：绝对值不能超过 1,000,000,000,000（一万亿）"


def _none_is_exact(v: Any) -> Any:
    return "" if v is None else v


#: The qualifier of a counted value; null means exact, like "".
Approx = Annotated[
    Literal["", "多", "余", "近", "以上", "约"],
    BeforeValidator(_none_is_exact),
    WithJsonSchema({"enum": [*APPROX_WORDS, None]}),
]


def _decimal(text: str) -> int | Decimal:
    d = Decimal(text)
    if abs(d) > MAX_NUMBER:
        raise PydanticCustomError("docgen-too-large", _TOO_LARGE)
    if d == d.to_integral_value():
        return int(d)
    if -d.as_tuple().exponent > 2:  # type: ignore[operator]
        raise PydanticCustomError(
            "docgen-too-precise",
            "小数 {v} 最多保留两位，如 8.6 或 1.25（写成“8.6万元”：value: 8.6，unit: 万元）",
            {"v": text},
        )
    return d


def _number(v: Any) -> Any:
    """A counted value's number: int, a decimal of at most two places, or the same written as text ("1,200")."""
    if isinstance(v, bool):
        raise PydanticCustomError(
            "docgen-not-number", "应为数值（阿拉伯数字），实际为“{v}”", {"v": str(v).lower()}
        )
    if isinstance(v, int):
        return v
    if isinstance(v, float | Decimal):
        if (isinstance(v, float) and not math.isfinite(v)) or (isinstance(v, Decimal) and not v.is_finite()):
            raise PydanticCustomError("docgen-not-number", "应为有限的数值（不能是 .inf 或 .nan）")
        try:
            return _decimal(str(v))
        except InvalidOperation:  # pragma: no cover - str of a finite number always parses
            raise PydanticCustomError("docgen-not-number", "应为数值") from None
    if isinstance(v, str):
        text = v.strip()
        m = _PLAIN.fullmatch(text)
        if m:
            return _decimal(m.group(1).replace(",", "").replace("，", "") + (m.group(2) or ""))
        if _SCALED.fullmatch(text):
            raise PydanticCustomError(
                "docgen-scale-twice",
                "“{v}”：单位已以“万”或“亿”开头（或此项没有单位），数值里不能再写“万”“亿”——"
                "写 value: 8.6，unit: 万元，或 value: 8.6万，unit: 元",
                {"v": text},
            )
        shown = text if len(text) <= 30 else text[:29] + "…"
        raise PydanticCustomError(
            "docgen-not-number",
            "应为数值（阿拉伯数字，不加单位；大数可写“8.6万”“1.2亿”），实际为“{v}”",
            {"v": shown},
        )
    return v


#: The number of a counted value (see the module docstring).
Number = Annotated[
    int | Decimal,
    BeforeValidator(_number),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\s*\d+(\.\d{1,2})?\s*[万亿]?\s*$"},
            ]
        }
    ),
]


def is_number_annotation(annotation: Any) -> bool:
    """True when a field's annotation is :data:`Number`, possibly optional (Pydantic keeps ``int | Decimal``
    as the field's annotation and moves the validators into its metadata)."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    args = {a for a in typing.get_args(annotation) if a is not type(None)}
    return args == {int, Decimal} or any(is_number_annotation(a) for a in args if typing.get_args(a))


@functools.cache
def quantity_fields(cls: type[BaseModel]) -> tuple[tuple[str, str | None, str | None], ...]:
    """(number, approx, unit) field names of every counted value in a model.  A number field ``value``,
    ``count``, ``amount`` or ``previous`` pairs with ``approx`` and ``unit``; any other number field ``x`` with
    ``x_approx`` and ``x_unit``.  Missing partners are None (the unit is then fixed by the text)."""
    fields = cls.model_fields
    out: list[tuple[str, str | None, str | None]] = []
    for name, info in fields.items():
        if not is_number_annotation(info.annotation):
            continue
        plain = name in ("value", "count", "amount", "previous")
        approx = "approx" if plain else f"{name}_approx"
        unit = "unit" if plain else f"{name}_unit"
        if name == "previous":
            approx = ""  # the previous value of a comparison is exact
        out.append((name, approx if approx in fields else None, unit if unit in fields else None))
    return tuple(out)


def scale_of(unit: str | None) -> str:
    """ "万" or "亿" when the unit counts in one ("万元", "万人次"), else ""."""
    return unit[0] if unit and len(unit) > 1 and unit[0] in SCALES else ""


def base_unit(unit: str) -> str:
    """The unit without its scale: "万人次" → "人次"."""
    return unit[1:] if scale_of(unit) else unit


def magnitude(value: int | Decimal, unit: str) -> Decimal:
    """The plain size of a counted value: (1.2, "万份") → 12000."""
    scale = scale_of(unit)
    return Decimal(value) * SCALES[scale] if scale else Decimal(value)


def decimal_meaningful(unit: str | None) -> bool:
    """A decimal means something in a unit counted in 万/亿 or in money (元); "1.5篇" does not."""
    return bool(unit) and (bool(scale_of(unit)) or "元" in (unit or ""))


def join_scale(data: dict[str, Any], cls: type[BaseModel]) -> dict[str, Any]:
    """Raw input: a number written with its scale (``value: 8.6万``) gives the scale to the unit
    (``unit: 万元``), so the rest of docgen sees one form.  Left alone (and refused by :data:`Number`) when the
    unit already has a scale or the field has no unit."""
    fields = cls.model_fields
    out = data
    for num, _approx, unit in quantity_fields(cls):
        raw = data.get(num)
        if unit is None or not isinstance(raw, str):
            continue
        m = _SCALED.fullmatch(raw.strip())
        if not m:
            continue
        given = data.get(unit)
        if given is None or given == "":
            given = fields[unit].default
        if not isinstance(given, str) or scale_of(given) or given[:1] in SCALES:
            continue
        if out is data:
            out = dict(data)
        out[num] = m.group(1)
        out[unit] = m.group(2) + given
    return out


def quantity_problem(value: Any, unit: str | None, approx: str | None) -> tuple[str, str] | None:
    """(code, Chinese message) when a validated number does not fit its unit or qualifier, else None."""
    if not isinstance(value, Decimal) or value == value.to_integral_value():
        return None
    if not decimal_meaningful(unit):
        where = f"单位“{unit}”" if unit else "此项"
        return (
            "decimal-unit",
            f"小数 {value} 只用于以“万”“亿”计的数或金额：{where}要写整数；大数写成 {value}万（单位加“万”，如“1.2万份”）",
        )
    if approx in ("余", "多"):
        return (
            "decimal-approx",
            f"小数 {value} 之后不能加“{approx}”：写成整数加“{approx}”（如“8万{approx}元”：value: 8，unit: 万元），或删去约数",
        )
    return None
