"""The `outlets` directory: media and publications referred to by id."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator

from docgen.model.base import FactModel, f, strip_book_marks

OutletType = Literal[
    "newspaper",
    "magazine",
    "tv",
    "radio",
    "website",
    "app",
    "wechat",
    "bulletin",
    "mobile_paper",
    "album",
    "programme",
    "column",
]
BOOK_TYPES = frozenset({"newspaper", "magazine", "bulletin", "mobile_paper", "album", "programme"})


class Outlet(FactModel):
    id: str = f("媒体ID", "其他字段按此ID引用", pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", example="dlzxb")
    name: str = f("名称", "不带书名号（报刊、节目、简报渲染时自动加《》）", example="东岚政协报")
    level: Literal["national", "provincial", "city", "county", "own"] = f(
        "级别", "national 全国 | provincial 省级 | city 市级 | county 县级 | own 本单位", example="provincial"
    )
    type: OutletType = f(
        "类型",
        "newspaper 报纸 | magazine 杂志 | tv 电视台 | radio 广播 | website 网站 | app 客户端 | "
        "wechat 微信公众号 | bulletin 简报 | mobile_paper 手机报 | album 画册 | programme 节目 | "
        "column 栏目",
        example="newspaper",
    )

    @field_validator("name", mode="before")
    @classmethod
    def _strip_marks(cls, v: Any) -> Any:
        return strip_book_marks(v)

    @property
    def takes_book_marks(self) -> bool:
        return self.type in BOOK_TYPES
