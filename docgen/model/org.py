"""The `org` block: the speaking or reporting body — the fields every domain shares.

A domain whose bodies have more to say (a committee's term, its members…) subclasses :class:`Org` in its own
package and gives its root facts model ``org: ThatOrg``.  A field the domain wants among the identity fields
(before ``subunits_label``) goes on a subclass of :class:`OrgIdentity` that the domain's Org also inherits,
listed after :class:`Org`: ``class Org(shared.Org, Extra)`` — pydantic orders fields by the reversed MRO, so
``OrgIdentity``'s fields come first, then ``Extra``'s, then :class:`Org`'s, then the domain Org's own.
"""

from __future__ import annotations

from typing import Literal

from docgen.model.base import FactModel, f

__all__ = ["Level", "Org", "OrgIdentity"]

# the level suffix a short name may begin with (市委办, 县委办公室): said once when the place already ends with it
_LEVEL_CHARS = "省市县区州盟旗"

Level = Literal["province", "city", "county", "district", "county_city"]


class OrgIdentity(FactModel):
    """Who the body is and how the text names it and its area."""

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

    def unit_name(self) -> str:
        """The place-qualified short name: 澄阳 + 市委办 → 澄阳市委办; 澄阳市 + 市委办 → 澄阳市委办 (the level said once)."""
        short, place = self.short_name, self.place
        if place and place in short:
            return short
        if place and short[:1] in _LEVEL_CHARS and place.endswith(short[0]):
            return place + short[1:]
        return place + short

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


class Org(OrgIdentity):
    subunits_label: str | None = f(
        "下级单位称谓", "各县（市、区）/ 各区（市）/ 各乡镇（街道）", default=None, example="各县（市、区）"
    )
    subunits_count: int | None = f("下级单位数", default=None, ge=1)
    grassroots_label: str | None = f("基层平台称谓", "基层平台称谓（如联络室、工作室）", default=None)
