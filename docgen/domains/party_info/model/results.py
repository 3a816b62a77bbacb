"""The `results` block: what the information work achieved in the period (上报、采用、批示、排名、刊物、紧急信息、网络).

Every count is a counted value (阿拉伯数字, 约数, 单位); people and leaders are named by their office only.
"""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from docgen.model.base import Approx, FactModel, Number, f, strip_book_marks

__all__ = [
    "Adopted",
    "Case",
    "Emergency",
    "Instruction",
    "Leads",
    "Network",
    "Publication",
    "Rank",
    "Results",
    "Submitted",
]


class Submitted(FactModel):
    """上报信息：向上级党委、政府报送的信息总数。"""

    count: Number = f("上报信息数", "向上级报送的信息总数（阿拉伯数字）", ge=0, example=1500)
    approx: Approx = f("约数限定", "空=精确；余/多=“1500余条”；近=“近1500条”；以上；约", default="")
    unit: str = f("单位", "条 或 篇", default="条", example="条")
    to: str | None = f(
        "报送对象",
        "向谁报送，如“省委办公厅、市委办公室”（可空）",
        default=None,
        example="省委办公厅、市委办公室",
    )
    previous: Number | None = f(
        "上期上报数", "用于同比，如去年上报 1200 条", default=None, ge=0, example=1200
    )
    previous_period: str | None = f(
        "上期表述", "去年 / 2024年 / 去年同期（缺省：去年）", default=None, example="去年"
    )


class Adopted(FactModel):
    """被上级党委、政府采用的信息（按采用机关分列）。"""

    by: str = f("采用机关", "省委 / 市委 / 省政府 / 市政府 / 中办 / 国办，只写机关简称", example="市委")
    count: Number = f("采用数", ge=0, example=158)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")
    unit: str = f("单位", "条 或 篇", default="条")


class Instruction(FactModel):
    """领导批示：信息被领导同志批示的情况（只写领导层级，不写姓名）。"""

    leader_level: str = f(
        "批示领导层级", "只写层级，如“省、市领导”“区委、区政府主要领导”", example="市、区领导"
    )
    count: Number = f("批示数", ge=0, example=18)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")
    unit: str = f("单位", "条、篇、件或次", default="条")


class Rank(FactModel):
    """考核排名：上级对信息工作的考核名次。"""

    scope: str = f("考核范围", "全市 / 全省", example="全市")
    system: str | None = f("考核系统", "党委系统 / 政府系统（可空）", default=None, example="党委系统")
    metric: str = f("考核名称", "如“信息工作考核”", default="信息工作考核", example="信息工作考核")
    rank: int = f("名次", ge=1, le=10_000, example=2)
    of: int | None = f("参评单位数", default=None, ge=1, le=100_000)
    year: int | None = f("考核年度", "如 2024（可空：与统计期同年）", default=None, ge=1949, le=2100)


class Publication(FactModel):
    """编发的信息刊物（《信息专报》《××工作动态》）。"""

    name: str = f("刊物名称", "不带书名号", example="信息专报")
    count: Number = f("编发期数", ge=0, example=58)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")
    unit: str = f("单位", default="期")
    instructed: int | None = f(
        "获批示篇数", "刊物信息获本级主要领导批示的篇数", default=None, ge=0, le=1_000_000
    )

    @field_validator("name", mode="before")
    @classmethod
    def _strip(cls, v: Any) -> Any:
        return strip_book_marks(v)


class Case(FactModel):
    """典型信息：一条发挥了作用的信息（标题、批示领导的职务、落实成效）。"""

    title: str = f("信息标题", "不带书名号", example="关于城区老旧管网改造进度滞后的情况反映")
    instructed_by: str | None = f(
        "批示领导", "只写职务，如“市委主要领导”", default=None, example="区委主要领导"
    )
    outcome: str | None = f(
        "落实成效", "批示后的结果（动宾短语）", default=None, example="推动有关部门限期完成整改"
    )

    @field_validator("title", mode="before")
    @classmethod
    def _strip(cls, v: Any) -> Any:
        return strip_book_marks(v)


class Emergency(FactModel):
    """重大紧急信息报送。"""

    count: Number | None = f("报送重大紧急信息数", default=None, ge=0, example=36)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")
    unit: str = f("单位", "条 或 起", default="条")
    on_time: bool | None = f("无迟报漏报", "true：统计期内没有发生迟报、漏报", default=None, example=True)
    phone_first: bool | None = f("先电话后书面", "true：坚持电话先报、书面续报", default=None)


class Network(FactModel):
    """信息网络和队伍。"""

    direct_points: int | None = f("信息直报点", "个数", default=None, ge=0, le=1_000_000, example=42)
    full_time: int | None = f("专职信息员", "人数", default=None, ge=0, le=1_000_000, example=12)
    part_time: int | None = f("兼职信息员", "人数", default=None, ge=0, le=1_000_000, example=160)
    covers: str | None = f(
        "覆盖范围", "如“各乡镇（街道）和区直部门”", default=None, example="各乡镇（街道）和区直部门"
    )
    trainings: int | None = f("业务培训期数", default=None, ge=0, le=100_000, example=3)
    trained: int | None = f("培训人次", default=None, ge=0, le=10_000_000, example=260)


class Leads(FactModel):
    """成绩各要点的小标题（可空：缺省按措辞库生成）。"""

    service: str | None = f(
        "服务决策要点小标题", "上报、采用、批示、典型信息", default=None, example="信息服务决策的作用更加突出"
    )
    publications: str | None = f("信息刊物要点小标题", default=None)
    ranks: str | None = f("考核排名要点小标题", default=None)
    emergency: str | None = f("紧急信息要点小标题", default=None)
    network: str | None = f("信息网络要点小标题", default=None)


class Results(FactModel):
    """统计期内信息工作的成效。"""

    heading: str | None = f("一级标题", "缺省按措辞库生成", default=None)
    leads: Leads | None = f("要点小标题", default=None)
    submitted: Submitted | None = f("上报信息", default=None)
    adopted: list[Adopted] = f("被采用", "按采用机关分列：省委、市委、省政府、市政府……", default_factory=list)
    instructions: list[Instruction] = f("领导批示", default_factory=list)
    cases: list[Case] = f("典型信息", "获批示、推动了工作的信息（1—3条为宜）", default_factory=list)
    ranks: list[Rank] = f("考核排名", default_factory=list)
    publications: list[Publication] = f("信息刊物", default_factory=list)
    emergency: Emergency | None = f("重大紧急信息", default=None)
    network: Network | None = f("信息网络", default=None)
    attribution: list[str] = f(
        "成绩原因",
        "“这些成绩的取得，得益于……”（2—3项，名词短语）",
        default_factory=list,
        example=["区委、区政府高度重视", "各单位信息工作者辛勤努力"],
    )
