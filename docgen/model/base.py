"""Shared base class, field helper and small value types of the facts model."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

_APPROX = ("", "多", "余", "近", "以上", "约")


def _none_is_exact(v: Any) -> Any:
    return "" if v is None else v


# null means exact, like "" (every model using Approx accepts it, and the JSON Schema says so)
Approx = Annotated[
    Literal["", "多", "余", "近", "以上", "约"],
    BeforeValidator(_none_is_exact),
    WithJsonSchema({"enum": [*_APPROX, None]}),
]


def f(title: str, desc: str = "", *, example: Any = None, **kw: Any) -> Any:
    """A Field with a Chinese title and description (they feed the JSON Schema and ``docgen init``)."""
    extra: dict[str, Any] = {}
    if example is not None:
        kw["examples"] = [example]
    return Field(title=title, description=desc or title, **kw, **extra)


class FactModel(BaseModel):
    """Base of every facts model: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        populate_by_name=True,
        validate_default=False,
        frozen=False,
    )


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
