"""Shared base class, field helper and small value types of the facts model."""

from __future__ import annotations

import functools
import math
import re
import types
import typing
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

_APPROX = ("", "多", "余", "近", "以上", "约")

# -- the bounds every renderer assumes, stated once for every field of every model -------------------------
MAX_NUMBER = 10**12  # any number a document states (counts, targets, years, percentages)
MAX_TEXT = 5_000  # characters of one text value (a long paragraph is under 1,000)
# Text made only of quotes, book-title marks, brackets, punctuation and spaces says nothing.
_HOLLOW = re.compile(r"[\s《》〈〉“”‘’「」『』\"'（）()【】\[\]〔〕、，。；：！？,.;:!?·…—\-_~～]*")


def _none_is_exact(v: Any) -> Any:
    return "" if v is None else v


# null means exact, like "" (every model using Approx accepts it, and the JSON Schema says so)
Approx = Annotated[
    Literal["", "多", "余", "近", "以上", "约"],
    BeforeValidator(_none_is_exact),
    WithJsonSchema({"enum": [*_APPROX, None]}),
]


_META_KEYS = ("title", "description", "default", "examples", "deprecated")


def _accepts_null(prop: dict[str, Any]) -> bool:
    typ = prop.get("type")
    if typ == "null" or (isinstance(typ, list) and "null" in typ) or None in prop.get("enum", ()):
        return True
    return any(_accepts_null(alt) for alt in prop.get("anyOf", ()) if isinstance(alt, dict))


def _nullable_optionals(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """JSON Schema of a model: every optional property also accepts null ("empty means not given")."""
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        if name in required or _accepts_null(prop):
            continue
        if "anyOf" in prop:
            prop["anyOf"].append({"type": "null"})
            continue
        inner = {k: v for k, v in prop.items() if k not in _META_KEYS}
        for k in inner:
            del prop[k]
        prop["anyOf"] = [inner, {"type": "null"}]


def _number(v: Any) -> Any:
    """A statistic: an integer, or a decimal with at most two places (8.6 with unit 万元 → "8.6万元")."""
    if isinstance(v, bool) or not isinstance(v, float | Decimal):
        return v
    if (isinstance(v, float) and not math.isfinite(v)) or (isinstance(v, Decimal) and not v.is_finite()):
        raise PydanticCustomError("docgen-not-number", "应为有限的数值（不能是 .inf 或 .nan）")
    d = Decimal(str(v))
    if abs(d) > MAX_NUMBER:
        raise PydanticCustomError("docgen-too-large", "数值过大：绝对值不能超过 1,000,000,000,000（一万亿）")
    if d == d.to_integral_value():
        return int(d)
    if -d.as_tuple().exponent > 2:  # type: ignore[operator]
        raise ValueError(f"小数 {v} 最多保留两位，如 8.6 或 1.25（写成“8.6万元”，单位写在 unit 中）")
    return d


#: An integer, or a decimal of at most two places, for money and large counts ("8.6万元", "1.2万份").
Number = Annotated[int | Decimal, BeforeValidator(_number), WithJsonSchema({"type": "number", "minimum": 0})]


def decimal_with_approx(value: int | Decimal, approx: str) -> str | None:
    """The problem of a decimal followed by 余/多 (GB/T 15835: "8万余元", never "8.6余万元"), else None."""
    if isinstance(value, Decimal) and value != value.to_integral_value() and approx in ("余", "多"):
        return f"小数 {value} 之后不能加“{approx}”：写成整数加“{approx}”（如“8万{approx}元”：value: 8，unit: 万元），或删去约数"
    return None


def f(title: str, desc: str = "", *, example: Any = None, **kw: Any) -> Any:
    """A Field with a Chinese title and description (they feed the JSON Schema and ``docgen init``)."""
    extra: dict[str, Any] = {}
    if example is not None:
        kw["examples"] = [example]
    return Field(title=title, description=desc or title, **kw, **extra)


class FactModel(BaseModel):
    """Base of every facts model: unknown keys are errors, strings are stripped, and an optional field
    written empty (``key:`` or ``key: null``) is the same as the field left out: its default applies.
    A required field written empty stays an error ("必填字段尚未填写")."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        populate_by_name=True,
        validate_default=False,
        frozen=False,
        allow_inf_nan=False,
        json_schema_extra=_nullable_optionals,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value: Any, info: ValidationInfo) -> Any:
        """Numbers within ±:data:`MAX_NUMBER`; free text (not choices) not hollow and at most :data:`MAX_TEXT`
        characters — so a file that validates renders."""
        check_bounds(value, info.field_name is not None and _free_text(cls, info.field_name))
        return value

    @model_validator(mode="before")
    @classmethod
    def _empty_is_not_given(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        drop = [
            k
            for k, v in data.items()
            if k in fields and not fields[k].is_required() and (is_empty(v) or _blank(v))
        ]
        return {k: v for k, v in data.items() if k not in drop} if drop else data

    @model_validator(mode="after")
    def _no_approx_after_decimal(self) -> Any:
        """Every quantity (a model with ``value`` and ``approx``): no 余/多 after a decimal (GB/T 15835)."""
        value, approx = getattr(self, "value", None), getattr(self, "approx", None)
        if isinstance(value, Decimal) and isinstance(approx, str):
            problem = decimal_with_approx(value, approx)
            if problem:
                raise ValueError(problem)
        return self


def _has_free_str(annotation: Any) -> bool:
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _has_free_str(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple, set, frozenset, dict):
        return any(_has_free_str(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)
    return False


@functools.cache
def _free_text(cls: type[BaseModel], name: str) -> bool:
    """True when the field holds free text (``str``, possibly in a list or optional), not a choice."""
    info = cls.model_fields.get(name)
    return info is not None and _has_free_str(info.annotation)


def check_bounds(value: Any, text: bool) -> None:
    """Raise a located Chinese error for a number out of range or (``text``) hollow or overlong text."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float | Decimal):
        if not -MAX_NUMBER <= value <= MAX_NUMBER:
            raise PydanticCustomError(
                "docgen-too-large", "数值过大：绝对值不能超过 1,000,000,000,000（一万亿）"
            )
        return
    if isinstance(value, str):
        if not text:
            return
        if len(value) > MAX_TEXT:
            raise PydanticCustomError(
                "docgen-text-too-long",
                "文字过长：{n} 个字符，单项文字不能超过 {limit} 个字符",
                {"n": f"{len(value):,}", "limit": f"{MAX_TEXT:,}"},
            )
        if _HOLLOW.fullmatch(value):
            raise PydanticCustomError(
                "docgen-empty-text",
                "不能为空，也不能只有书名号、引号、标点或空格；不填请删去这一项",
            )
        return
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_bounds(item, text)
    elif isinstance(value, dict):
        for item in value.values():
            check_bounds(item, text)


def _blank(value: Any) -> bool:
    """Text written with nothing in it (``""``, spaces, full-width spaces): an optional field left out."""
    return isinstance(value, str) and not value.strip()


def is_empty(value: Any) -> bool:
    """Written but empty: ``null``, or a mapping whose every value is empty (``null``, ``[]`` or such a mapping).
    An optional field with an empty value is treated as left out ("empty means not given")."""
    if value is None:
        return True
    if isinstance(value, dict):
        return all(v == [] or is_empty(v) for v in value.values())
    return False


class Count(FactModel):
    """A counted quantity: value, qualifier (余/多/近/以上/约) and unit."""

    value: Number = f(
        "数值",
        "统计数字（阿拉伯数字，不加千分位；大数可带小数并把“万”写进单位，如 8.6 + 万元）",
        ge=0,
        example=120,
    )
    approx: Approx = f("约数限定", "空=精确；余/多=“120余篇”；近=“近200篇”；以上=“95篇以上”；约", default="")
    unit: str = f("单位", "篇、条、期、件、篇次、次、名、个……", default="篇", example="篇")

    @field_validator("approx", mode="before")
    @classmethod
    def _none_is_exact(cls, v: Any) -> Any:
        return "" if v is None else v


def strip_book_marks(v: Any) -> Any:
    """Outlet and publication names are stored without 《》 (the renderer adds them)."""
    if isinstance(v, str):
        return v.strip().removeprefix("《").removesuffix("》").strip()
    return v
