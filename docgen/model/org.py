"""The `org` block: the speaking or reporting body."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from docgen.model.base import FactModel, f

Level = Literal["province", "city", "county", "district", "county_city"]


class Term(FactModel):
    ordinal: str = f("届次", "汉字届次，如“十”（渲染为“十届”）", example="十")
    since: dt.date | None = f("换届日期", default=None)


class Members(FactModel):
    count: int = f("委员人数", ge=1, example=236)
    sectors: int = f("界别数", ge=1, example=18)


class UpperBodies(FactModel):
    provincial: str = f("省级政协称谓", default="省政协")
    national: str = f("全国政协称谓", default="全国政协")


class Org(FactModel):
    short_name: str = f("简称", "单位简称（文中称呼本单位时用）")
    full_name: str | None = f("全称", "单位全称", default=None)
    level: Level = f(
        "层级", "province 省 | city 地级市 | county 县 | district 区 | county_city 县级市", example="city"
    )
    place: str = f("地名", "不含“市”“县”等后缀也可，如“澄阳”（虚构地名）", example="澄阳")
    province: str | None = f("所在省", "“全省第三位”的范围", default=None, example="东岚省")
    self_ref: str | None = f("自称", "我市 / 我县 / 我区；缺省按层级推导", default=None)
    scope: str | None = f("范围", "全市 / 全县 / 全区；缺省按层级推导", default=None)
    party_group: str | None = f("党组", "党组名称（“……党组研究同意”）", default=None)
    chair_meeting: str | None = f("主席会议", "议事会议名称（“经……研究决定”）", default=None)
    subunits_label: str | None = f(
        "下级单位称谓", "各县（市、区）/ 各区（市）/ 各乡镇（街道）", default=None, example="各县（市、区）"
    )
    subunits_count: int | None = f("下级单位数", default=None, ge=1)
    grassroots_label: str | None = f("基层平台称谓", "基层平台称谓（如联络室、工作室）", default=None)
    term: Term | None = f("届次", default=None)
    members: Members | None = f("委员构成", default=None)
    upper_bodies: UpperBodies = f("上级政协称谓", default_factory=UpperBodies)

    def derived_self_ref(self) -> str:
        return (
            self.self_ref
            or {
                "province": "我省",
                "city": "我市",
                "county": "我县",
                "district": "我区",
                "county_city": "我市",
            }[self.level]
        )

    def derived_scope(self) -> str:
        return (
            self.scope
            or {
                "province": "全省",
                "city": "全市",
                "county": "全县",
                "district": "全区",
                "county_city": "全市",
            }[self.level]
        )
