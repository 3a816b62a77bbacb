"""Shared base class, field helper and small value types of the facts model."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

_APPROX = ("", "多", "余", "近", "以上", "约")


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
        json_schema_extra=_nullable_optionals,
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_is_not_given(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        drop = [k for k, v in data.items() if k in fields and not fields[k].is_required() and is_empty(v)]
        return {k: v for k, v in data.items() if k not in drop} if drop else data


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

    value: int = f("数值", "统计数字（阿拉伯数字，不加千分位）", ge=0, example=120)
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
