"""The `achievements` block: the year's facts, grouped by domain (see docs/format.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import field_validator

from docgen.model.base import Approx, Count, FactModel, Number, f, strip_book_marks

Domain = Literal["publicity", "info", "culture", "grassroots", "team", "mixed"]
REF_BLOCKS: tuple[str, ...] = (
    "media",
    "campaigns",
    "member_publicity",
    "social_opinion",
    "grassroots",
    "team",
    "trainings",
    "honours",
    "culture_history",
    "subscriptions",
    "mechanisms",
)


class Highlight(FactModel):
    lead: str = f("要点小标题", "“一是”后的小标题，8—10字为宜，不加句号", example="聚焦中心工作集中发声")
    domain: Domain = f(
        "领域",
        "publicity 宣传 | info 社情民意信息 | culture 文史 | grassroots 基层 | team 队伍 | mixed",
        default="mixed",
    )
    text: str | None = f("补充句", "撰稿人自写的一两句概括（可空）", default=None)
    refs: list[str] = f(
        "引用的事实块",
        "本要点引用的事实块：media / campaigns / member_publicity / social_opinion / "
        "grassroots / team / trainings / honours / culture_history / subscriptions / mechanisms，"
        "可细到子项，如 media.programmes",
        min_length=1,
        example=["media"],
    )


class Group(FactModel):
    """A domain sub-section of the achievements (by_domain presentation): its own head and 一是…四是."""

    heading: str = f("分组标题", "如“宣传工作方面”；县级样式渲染为“1.宣传工作”", example="新闻宣传工作")
    domain: Domain = f("领域", default="mixed")
    lead_in: str | None = f("引入句", "分组开头的概括句（可空）", default=None)
    highlights: list[Highlight] = f("要点", min_length=1)


class MediaTotal(FactModel):
    value: Number = f("发稿总数", "以万计时写 1.2 + 单位“万篇”，或写 1.2万", ge=0, example=186)
    approx: Approx = f("约数限定", "余/多 → “180余篇”；近 → “近200篇”；以上；约", default="")
    unit: str = f("单位", "篇 或 篇次（以万计：万篇、万篇次）", default="篇")
    scope_text: str | None = f("范围表述", "如“在中央、省、市主要媒体”", default=None)
    outlets: list[str] | None = f("发稿媒体", "媒体ID列表：“在《A》《B》等媒体发稿”", default=None)


class ByOutlet(FactModel):
    outlet: str = f("媒体ID", example="dlzxb")
    count: Number | None = f("篇数", "为空则只点名不写数；为0则不写", default=None, ge=0)
    unit: str = f("单位", default="篇")
    front_page: int | None = f("头版头条篇数", default=None, ge=0)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")


class Rank(FactModel):
    outlet: str | None = f("媒体ID", default=None)
    metric: str = f("排名指标", "如“发稿量”", example="发稿量")
    scope: str = f("排名范围", "全省 / 全市", example="全省")
    rank: int = f("名次", ge=1, example=3)
    of: int | None = f("参评单位数", default=None, ge=1)
    period_label: str | None = f("排名时段", default=None)


class SubunitTotal(FactModel):
    value: Number = f("数量", "以万计时写 1.2 + 单位“万篇”，或写 1.2万", ge=0)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")
    by: str = f("发稿主体", "如“各县（市、区）、镇街政协”", example="各县（市、区）政协")
    unit: str = f("单位", "篇 或 篇次（以万计：万篇）", default="篇")


class NotableReport(FactModel):
    title: str = f("报道标题", example="协商议事进社区 群众心声有回音")
    outlet: str = f("媒体ID")
    placement: Literal["头版头条", "头版", "重要位置", "专题", "专版"] = f("版面位置", default="重要位置")
    date: dt.date | None = f("刊发日期", default=None)


class Programme(FactModel):
    name: str = f("节目名称", "不带书名号", example="协商面对面")
    partner: str = f("合作媒体ID", example="cytv")
    medium: Literal["tv", "radio", "web"] = f("媒介", default="tv")
    episodes: int | None = f("期数", default=None, ge=0)
    since: int | None = f("开办年份", default=None, ge=1949)

    @field_validator("name", mode="before")
    @classmethod
    def _strip(cls, v: Any) -> Any:
        return strip_book_marks(v)


class Column(FactModel):
    name: str = f("栏目名称", "不带引号", example="委员视角")
    host: str | None = f("所在媒体ID", default=None)
    issues: int | None = f("期数", default=None, ge=0)
    topics: int | None = f("反映问题数", default=None, ge=0)
    members_featured: int | None = f("亮相委员数", default=None, ge=1)
    first_in: str | None = f("首创范围", "如“全省政协系统”", default=None)


class OwnPublication(FactModel):
    outlet: str = f("刊物ID")
    issues: int = f("期数", ge=0)


class Reads(FactModel):
    value: Number = f("数量", "可带小数，如 38 或 37.6（单位写“万人次”）", ge=0)
    approx: Approx = f("约数限定", "近 → “近38万人次”；余 → “38万余人次”", default="")
    unit: str = f("单位", "如“万人次”", default="人次")


class NewMedia(FactModel):
    outlet: str = f("新媒体ID")
    posts: Number | None = f("推送条数", "以万计时写 1.2万", default=None, ge=0)
    reads: Reads | None = f("阅读量", default=None)
    posts_approx: Approx = f("推送条数约数", "余/多/近/以上/约", default="")
    posts_unit: Literal["条", "万条"] = f("推送条数单位", default="条")


class WebsiteUpdates(FactModel):
    value: Number = f("更新次数", "以万计时写 1.2 + 单位“万条”，或写 1.2万", ge=0)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")
    unit: Literal["次", "条", "万次", "万条"] = f("单位", default="条")


class Media(FactModel):
    total: MediaTotal | None = f("发稿总数", default=None)
    by_outlet: list[ByOutlet] = f("分媒体发稿", default_factory=list)
    ranks: list[Rank] = f("排名", default_factory=list)
    subunit_total: SubunitTotal | None = f("下级发稿", default=None)
    tiers_text: str | None = f("层级表述", "如“市、县、镇三级”", default=None)
    notable_reports: list[NotableReport] = f("重点报道", default_factory=list)
    programmes: list[Programme] = f("联办节目", default_factory=list)
    subunit_programmes: bool | None = f("下级联办专栏", "下级政协也与当地媒体联办了专题专栏", default=None)
    columns: list[Column] = f("栏目", default_factory=list)
    own_publications: list[OwnPublication] = f("自办刊物", default_factory=list)
    new_media: list[NewMedia] = f("新媒体", default_factory=list)
    website_updates: WebsiteUpdates | None = f("网站更新", default=None)
    firsts: list[str] = f("首次/首创", "“首次……”“首创……”的完整短句", default_factory=list)


class Coverage(FactModel):
    outlet: str = f("媒体ID或名称")
    placement: str = f("版面或形式", "头版头条 / 重要位置深度报道 / 专题", example="头版头条")


class Campaign(FactModel):
    name: str = f("活动名称", example="城乡垃圾分类专题视察活动")
    type: Literal[
        "inspection", "research", "consultation", "theme_activity", "anniversary", "supervision", "other"
    ] = f("活动类型", default="other")
    actions: list[str] = f("宣传动作", "按先后顺序的动宾短语", default_factory=list)
    coverage: list[Coverage] = f("报道情况", default_factory=list)
    report_to: str | None = f("报送对象", "如“市委、市政府”", default=None)
    outcome: str | None = f("成效", default=None)


class Standout(FactModel):
    label: str = f("人物称谓", "如“一名市政协委员”，不写真名", example="一名市政协委员")
    name: str | None = f("姓名", default=None)
    event: str | None = f("活动", default=None)
    honour: str | None = f("称号", default=None)
    award: str | None = f("奖项", default=None)


class MemberPublicity(FactModel):
    featured_count: int | None = f("集中宣传委员数", default=None, ge=0)
    outlets: list[str] = f("宣传媒体ID", default_factory=list)
    standouts: list[Standout] = f("突出事例", default_factory=list)


class Submitted(FactModel):
    to: str = f("报送对象", "省政协 / 市委市政府领导", example="省政协")
    count: Number | None = f("报送数", default=None, ge=0)
    unit: str = f("单位", default="条")
    form: str | None = f("报送形式", "如“社情民意专报”", default=None)
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")


class Adopted(FactModel):
    by: str = f("采用单位", example="省政协")
    count: Number | None = f("采用数", default=None, ge=0)
    unit: str = f("单位", default="条")
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")


class Instruction(FactModel):
    leader_level: str = f(
        "批示领导层级", "只写职务层级，如“市委、市政府主要领导”", example="市委、市政府领导"
    )
    count: Number | None = f("批示数", default=None, ge=0)
    unit: Literal["件", "篇", "篇次", "条", "次"] = f("单位", default="件")
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")


class NotableItem(FactModel):
    title: str = f("信息标题", example="关于加快老旧小区加装电梯的建议")
    instructed_by: str = f("批示领导", "只写职务，如“市长”", example="市长")
    outcome: str | None = f("落实成效", default=None)


class OpinionRank(FactModel):
    scope: str = f("排名范围", example="全省")
    metric: str | None = f("指标", default=None)
    rank: int = f("名次", ge=1)
    of: int | None = f("参评单位数", default=None, ge=1)
    period_label: str | None = f("排名时段", default=None)


class SectorItems(FactModel):
    value: Number = f("数量", ge=0)
    unit: str = f("单位", default="条")
    approx: Approx = f("约数限定", "余/多/近/以上/约", default="")


class SocialOpinion(FactModel):
    collected: Count | None = f("收集数", default=None)
    bulletin: OwnPublication | None = f("编发简报", default=None)
    submitted: list[Submitted] = f("上报", default_factory=list)
    adopted: list[Adopted] = f("被采用", default_factory=list)
    instructions: list[Instruction] = f("领导批示", default_factory=list)
    notable: list[NotableItem] = f("典型信息", default_factory=list)
    ranks: list[OpinionRank] = f("排名", default_factory=list)
    member_share_pct: int | None = f("委员反映占比", "百分数（整数）", default=None, ge=0, le=100)
    sector_items: SectorItems | None = f("以界别名义反映", default=None)


class Offices(FactModel):
    count: int | None = f("数量", default=None, ge=0)
    label: str = f("平台称谓", example="镇街政协委员工作室")


class Correspondent(FactModel):
    unit: str = f("所在单位", example="青禾镇")
    name: str | None = f("姓名", default=None)


class Grassroots(FactModel):
    offices: Offices | None = f("基层平台", default=None)
    correspondents_commended: list[Correspondent] = f("受表彰通讯员", default_factory=list)


class Team(FactModel):
    propaganda_liaisons: int | None = f("宣传联络员", default=None, ge=0)
    info_officers: int | None = f("社情民意信息员", default=None, ge=0)
    special_info_officers: int | None = f("特邀信息员", default=None, ge=0)
    correspondents: int | None = f("通讯员", default=None, ge=0)


class Training(FactModel):
    name: str = f("培训名称", example="全市政协宣传信息业务培训班")
    days: int | None = f("天数", default=None, ge=1)
    participants: Number | None = f("参训人数", "以万计时写 1.2万", default=None, ge=1)
    participants_unit: Literal["人", "人次", "万人", "万人次"] = f(
        "参训人数单位", "人：不重复计人；人次：按场次累计（以万计：万人、万人次）", default="人次"
    )
    participants_approx: Approx = f("参训人数约数", "余/多/近/以上/约", default="")
    when: str | None = f("时间", default=None)


class Honour(FactModel):
    kind: Literal["unit", "individual", "work", "paper", "recognition"] = f(
        "荣誉类别", "unit 集体 | individual 个人 | work 作品 | paper 论文 | recognition 肯定", example="unit"
    )
    recipient: str | None = f("获奖单位", default=None)
    count: int | None = f("获奖人数", default=None, ge=1)
    title: str = f("荣誉名称", "渲染时加引号", example="全省政协宣传工作先进集体")
    work_title: str | None = f("作品名", default=None)
    conferred_by: str | None = f("授予机关", default=None)
    year: int | None = f("年度", default=None, ge=1949)


class ItemCount(FactModel):
    value: Number = f("数量", "可带小数，如 1.2（单位写“万份”）", ge=0)
    unit: str = f("单位", default="篇")
    approx: Approx = f("约数限定", default="")


class CultureHistory(FactModel):
    title: str = f("书名", "不带书名号")
    kind: str = f("类别", "如“文史资料”", default="文史资料")
    collected: ItemCount | None = f("征集数", default=None)
    selected: ItemCount | None = f("选入数", default=None)
    published: bool | None = f(
        "已出版", "true：书已编辑出版（文稿才说“编辑出版”）；缺省只说组织编纂", default=None
    )

    @field_validator("title", mode="before")
    @classmethod
    def _strip(cls, v: Any) -> Any:
        return strip_book_marks(v)


class Subscriptions(FactModel):
    label: str | None = f("报刊简称", "如“两报一刊”", default=None)
    titles: list[str] = f("报刊ID", default_factory=list)
    status: str | None = f("完成情况", default=None)
    completion_pct: int | None = f("完成率", default=None, ge=0, le=1000)
    gifted_to: str | None = f("赠订对象", default=None)


class Comparison(FactModel):
    ref: str = f(
        "比较对象",
        "事实路径：media.total / social_opinion.collected / social_opinion.adopted[省政协] / "
        "media.by_outlet[dlzxb]",
        example="media.total",
    )
    previous: Number = f("上期数值", "与比较对象同一单位", ge=0, example=150)
    previous_period: str = f("上期表述", "去年 / 2023年 / 上届", example="去年")
    wording: Literal["auto", "increase_pct", "increase_abs", "multiple"] = f(
        "句式",
        "auto 按数值选择 | increase_pct 增长百分比 | increase_abs 增加数量 | multiple 倍数",
        default="auto",
    )


class Achievements(FactModel):
    presentation: Literal["themed_points", "by_domain", "narrative"] = f(
        "呈现方式",
        "themed_points 一是……二是…… | by_domain 按领域分组 | narrative 段落叙述",
        default="themed_points",
    )
    qualitative_ok: bool = f("允许定性概括", "数据不足时允许使用撰稿人提供的定性句（默认否）", default=False)
    heading: str | None = f("一级标题", "缺省：{范围}政协宣传信息工作取得新成效", default=None)
    highlights: list[Highlight] = f("要点", "“一是……”要点，顺序即输出顺序", default_factory=list)
    groups: list[Group] = f("分组", "by_domain 呈现时的领域分组（各有小标题和一是……）", default_factory=list)
    media: Media | None = f("新闻宣传", default=None)
    campaigns: list[Campaign] = f("重点宣传活动", default_factory=list)
    member_publicity: MemberPublicity | None = f("委员宣传", default=None)
    social_opinion: SocialOpinion | None = f("社情民意信息", default=None)
    grassroots: Grassroots | None = f("基层", default=None)
    team: Team | None = f("队伍", default=None)
    trainings: list[Training] = f("培训", default_factory=list)
    honours: list[Honour] = f("荣誉", default_factory=list)
    culture_history: list[CultureHistory] = f("文史", default_factory=list)
    subscriptions: Subscriptions | None = f("报刊征订", default=None)
    mechanisms: list[str] = f("制度机制", "法规名用《》", default_factory=list)
    comparisons: list[Comparison] = f("同比", default_factory=list)
