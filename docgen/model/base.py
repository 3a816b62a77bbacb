"""Shared base class, field helper and small value types of the facts model."""

from __future__ import annotations

import functools
import re
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from docgen.model.quantity import (
    APPROX_WORDS,
    MAX_NUMBER,
    Approx,
    Number,
    join_scale,
    quantity_fields,
    quantity_problem,
)
from docgen.zhtext import strip_title_marks

__all__ = [
    "APPROX_WORDS",
    "MAX_NUMBER",
    "MAX_TEXT",
    "Approx",
    "Count",
    "FactModel",
    "Number",
    "check_bounds",
    "f",
    "is_empty",
    "strip_book_marks",
]

# -- the bounds every renderer assumes, stated once for every field of every model -------------------------
MAX_TEXT = 5_000  # characters of one text value (a long paragraph is under 1,000)
# Text made only of quotes, book-title marks, brackets, punctuation and spaces says nothing.
_HOLLOW = re.compile(r"[\s《》〈〉“”‘’「」『』\"'（）()【】\[\]〔〕、，。；：！？,.;:!?·…—\-_~～]*")


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
        defer_build=True,
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
            if is_empty(v)
            and k in fields
            and not fields[k].is_required()
        ]
        kept = {k: v for k, v in data.items() if k not in drop} if drop else data
        return join_scale(kept, cls) if quantity_fields(cls) else kept

    @model_validator(mode="after")
    def _counted_values(self) -> Any:
        """Every counted value (``docgen.model.quantity``): a decimal only in a unit counted in 万/亿 or money,
        and no 余/多 after a decimal (GB/T 15835).  The error names the number field (ctx ``field``)."""
        for num, approx, unit in quantity_fields(type(self)):
            if unit is None and num == "previous":  # a comparison's previous value: in its fact's unit
                continue
            problem = quantity_problem(
                getattr(self, num),
                getattr(self, unit) if unit else None,
                getattr(self, approx) if approx else None,
            )
            if problem:
                raise PydanticCustomError(f"docgen-{problem[0]}", problem[1], {"field": num})
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


_NOTHING_TO_CHECK = frozenset({type(None), bool, date})


def check_bounds(value: Any, text: bool) -> None:
    """Raise a located Chinese error for a number out of range or (``text``) hollow or overlong text."""
    if type(value) in _NOTHING_TO_CHECK or isinstance(value, bool | BaseModel):
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
    """Written but empty: ``null``, blank text (``""``, spaces), ``[]``, or a mapping whose every value is empty
    (``{}`` included).  An optional field with an empty value is treated as left out ("empty means not given"),
    whatever its type: ``title: []`` is the same as no title, and a block whose every field is written empty
    (``closing: {family: ""}``) is the same as no block."""
    if value is None or value == [] or _blank(value):
        return True
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
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
    unit: str = f(
        "单位", "篇、条、期、件、篇次、次、名、个……；以万计时写“万份”“万人次”", default="篇", example="篇"
    )


def strip_book_marks(v: Any) -> Any:
    """Names of publications (newspapers, journals, bulletins) are stored without 《》 (the renderer adds them)."""
    if isinstance(v, str):
        return strip_title_marks(v)  # 《今日焦点》栏目 keeps the marks of its head
    return v
