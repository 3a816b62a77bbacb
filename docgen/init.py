"""``docgen init KIND``: a commented Chinese YAML skeleton of a facts file for one document kind.

The skeleton is generated from the facts model, so it cannot drift from it:
- the top-level blocks are those the kind uses (its ``KindSpec.blocks`` in :mod:`docgen.registry`), taken from its
  domain's facts model; nested models are walked field by field;
- every field line carries a comment with the field's Chinese title and description, and an invented example
  (the Field's ``examples``, else :data:`EXAMPLES`);
- required values are left empty (``key:`` is null) and required lists are ``[]``, so ``docgen validate`` on an
  unfilled skeleton reports each field still to fill, on its own line; optional values are left empty (empty
  means not given: the default applies, and the comment shows it), so an optional block left untouched is empty;
- a list shows one commented example item under the key; uncomment it and delete the ``[]``.

No placeholder token (the validator rejects them) appears anywhere in the skeleton, comments included.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
import unicodedata
from importlib import resources
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from docgen import registry
from docgen.model.basefacts import SCHEMA_VERSION

__all__ = ["EXAMPLES", "INVENTED", "example_item", "example_value", "skeleton"]

Loc = tuple[str, ...]

#: Invented names used in examples; a comment showing one of them says it is invented (虚构).
INVENTED = ("澄阳", "东岚", "青禾", "临溪", "望川", "石湾", "林远航")

#: Examples for fields whose Field has none (or a better one here), keyed ``Model.field``.  For a list of
#: texts a single string is one item.
EXAMPLES: dict[str, Any] = {
    "Facts.attribution": ["各县（市、区）政协的密切配合", "全市宣传信息工作者的用心用力"],
    "Document.subtitle": "——澄阳市政协推进宣传信息工作提质增效的实践",
    "Document.section_order": ["opening", "achievements", "situation", "tasks", "closing"],
    "Org.self_ref": "我市",
    "Org.scope": "全市",
    "Org.chair_meeting": "市政协主席会议",
    "Org.subunits_count": 7,
    "Org.grassroots_label": "镇街政协委员工作室",
    "Term.since": dt.date(2022, 1, 10),
    "Period.label": "今年以来",
    "Meeting.decided_by": "市政协主席会议",
    "Meeting.purposes": ["总结今年以来全市政协宣传信息工作", "部署明年工作任务"],
    "Meeting.assessment": "compact_effective",
    "AgendaDone.by": "青禾县政协等4个单位",
    "AgendaDone.count": 4,
    "AgendaDone.topic": "宣传信息工作经验",
    "Achievements.heading": "全市政协宣传信息工作取得新成效",
    "Achievements.mechanisms": ["《澄阳市政协宣传信息工作激励办法》"],
    "Highlight.domain": "publicity",
    "Highlight.text": "全年围绕中心工作组织集中宣传4次",
    "Group.domain": "publicity",
    "Group.lead_in": "今年以来，全市政协新闻宣传工作亮点纷呈。",
    "Media.tiers_text": "市、县、镇三级",
    "Media.subunit_programmes": True,
    "Media.firsts": ["首次在《人民政协报》整版推介澄阳政协协商议事工作"],
    "MediaTotal.scope_text": "在中央、省、市主要媒体",
    "MediaTotal.outlets": ["rmzxb", "dlzxb"],
    "ByOutlet.count": 64,
    "ByOutlet.front_page": 5,
    "Rank.outlet": "dlzxb",
    "Rank.of": 16,
    "Rank.period_label": "今年1—11月",
    "SubunitTotal.value": 97,
    "NotableReport.outlet": "dlzxb",
    "NotableReport.placement": "头版头条",
    "NotableReport.date": dt.date(2024, 6, 18),
    "Programme.episodes": 24,
    "Programme.since": 2021,
    "Column.host": "cyzxwx",
    "Column.issues": 36,
    "Column.topics": 43,
    "Column.members_featured": 52,
    "Column.first_in": "全省政协系统",
    "OwnPublication.outlet": "cyzx",
    "OwnPublication.issues": 6,
    "NewMedia.outlet": "cyzxwx",
    "NewMedia.posts": 420,
    "Reads.value": 86,
    "Reads.unit": "万人次",
    "WebsiteUpdates.value": 300,
    "WebsiteUpdates.approx": "余",
    "Campaign.type": "inspection",
    "Campaign.actions": ["视察中安排专人随组采访、拍摄", "视察结束当天完成稿件采写"],
    "Campaign.report_to": "市委、市政府",
    "Campaign.outcome": "推动出台了城乡生活垃圾分类三年行动方案",
    "Coverage.outlet": "dlzxb",
    "MemberPublicity.featured_count": 6,
    "MemberPublicity.outlets": ["dlzxb", "cyzx"],
    "Standout.event": "省政协组织的委员履职故事会",
    "Standout.honour": "全省优秀政协委员",
    "Standout.award": "委员履职优秀故事奖",
    "SocialOpinion.member_share_pct": 78,
    "Submitted.count": 96,
    "Submitted.form": "社情民意专报",
    "Adopted.count": 21,
    "Instruction.count": 27,
    "NotableItem.outcome": "相关部门已着手整改",
    "OpinionRank.metric": "信息采用量",
    "OpinionRank.rank": 4,
    "OpinionRank.of": 16,
    "OpinionRank.period_label": "2023—2024年度",
    "SectorItems.value": 26,
    "Offices.count": 87,
    "Team.propaganda_liaisons": 42,
    "Team.info_officers": 65,
    "Team.special_info_officers": 30,
    "Team.correspondents": 18,
    "Training.days": 2,
    "Training.participants": 120,
    "Training.when": "6月",
    "Honour.recipient": "市政协办公室",
    "Honour.count": 3,
    "Honour.work_title": "小小议事桌 解开民生结",
    "Honour.conferred_by": "省政协",
    "Honour.year": 2024,
    "CultureHistory.title": "澄阳老字号",
    "ItemCount.value": 160,
    "Subscriptions.label": "两报一刊",
    "Subscriptions.titles": ["rmzxb", "dlzxb", "dlzxzz"],
    "Subscriptions.status": "各县（市、区）均已完成征订任务",
    "Subscriptions.completion_pct": 103,
    "Subscriptions.gifted_to": "每个镇街政协委员工作室",
    "Thanks.to": ["一直以来支持政协宣传信息工作的各有关部门和新闻单位"],
    "Thanks.congratulate": ["受到表彰的先进集体和先进个人"],
    "ProblemItem.lead": "发展还不够平衡",
    "ProblemItem.detail": "稿件和信息多集中在市直机关和少数县区，个别乡镇全年信息报送为零",
    "Situation.heading": "准确把握新形势下政协宣传信息工作的新要求",
    "Situation.year_significance": ["人民政协成立75周年"],
    "Situation.local_strategy": "建设生态宜居的现代化澄阳",
    "Theme.lead": "把牢正确方向，凝聚思想共识",
    "Theme.emphasis": "围绕全市重点工作讲好委员履职故事",
    "Tasks.heading": "不断提升政协宣传信息工作水平",
    "TaskSection.items": ["安排特邀信息员参加重点协商活动", "围绕群众关切组织重点选题调研"],
    "Target.outlet": "rmzxb",
    "Target.min": 2,
    "Target.max": 3,
    "Target.per": "每个县（市、区）政协全年",
    "Target.year": 2025,
    "Reward.amount": 100,
    "Reward.unit": "元/条",
    "Reward.rule": "获领导批示的另行加奖",
    "TaskSubscriptions.titles": ["rmzxb", "dlzxb", "dlzxzz"],
    "TaskSubscriptions.deadline": dt.date(2025, 1, 20),
    "Deadline.by": dt.date(2025, 3, 31),
    "Deadline.report_to": "市政协办公室",
    "TaskGroup.domain": "publicity",
    "SituationLite.themes": ["guidance", "media_convergence"],
    "SituationLite.text": "做好新形势下的政协宣传工作，必须始终把握正确导向。",
    "SpecialEvent.name": "全市政协委员履职故事征集展示活动",
    "SpecialEvent.when": "5月至9月",
    "SpecialEvent.start": dt.date(2025, 5, 1),
    "SpecialEvent.end": dt.date(2025, 9, 30),
    "Closing.local_goal": "建设生态宜居的现代化澄阳",
    "Closing.local_theme": "团结和民主",
    "Closing.guiding_thought": "gt_2024_standard",
    "Exchange.next_steps": ["持续擦亮“委员视角”宣传品牌"],
    "Exchange.signature_unit": "临溪县政协办公室",
    "ExchangeLead.thesis_keywords": ["阵地", "品牌", "队伍"],
    "ExchangeLead.honour": "全省政协宣传信息工作先进集体",
    "ExchangeLead.since": "近年来",
    "ExchangeSection.keyword": "阵地",
    "ExchangeSection.rationale": "阵地建设关系宣传工作的覆盖面和影响力。",
    "ExchangeItem.practices": ["建立县政协与县融媒体中心联席会议制度"],
    "Result.period_label": "去年以来",
    "Result.previous": 120,
    "Result.previous_period": "前年",
    "Result.note": "均得到有关部门及时办理",
    "Conclusion.exchange_count": 4,
    "Conclusion.exchange_units": ["青禾县政协", "望川区政协"],
    "Outcome.detail": "与会同志普遍感到，宣传信息工作是政协履职的重要基础",
    "Implementation.transmit": "会后要及时向党委主要领导汇报会议精神",
    "Implementation.support": ["在稿件采写上给予支持", "在信息报送上给予支持"],
    "Implementation.leadership": "把宣传信息工作列入重要议事日程",
    "Supervision.deadline": dt.date(2025, 1, 15),
    "Summary.year": 2024,
    "Summary.lead_text": "一年来，区政协宣传信息工作紧扣全区中心工作，取得了新的成效。",
    "Summary.signature_unit": "石湾区政协办公室",
    "Summary.signature_date": dt.date(2024, 12, 20),
    "Plan.name": "全市政协宣传信息工作会议",
    "Plan.date": dt.date(2024, 12, 6),
    "Plan.time_text": "上午9:00",
    "Plan.duration": "半天",
    "Plan.attendees": ["各县（市、区）政协分管副主席", "市政协各专门委员会负责同志"],
    "Plan.host": "市政协秘书长",
    "Plan.requirements": ["参会人员提前15分钟入场"],
    "AgendaItem.host": "市政协副主席",
    "Material.by": "市政协办公室",
    "Material.deadline": dt.date(2024, 11, 29),
    "Contact.unit": "市政协办公室宣传信息科",
    "Contact.person": "宣传信息科负责同志",
    "Contact.phone": "8012（内线）",
}

# Document fields only speeches use; and fields only some kinds use.
_SPEECH_ONLY = frozenset({"speaker", "on_behalf_of", "salutation", "points_count", "thank_you_line"})
_DOC_ONLY: dict[str, frozenset[str]] = {
    "occasion": frozenset({"exchange_material", "exchange_speech"}),
    "section_order": frozenset({"leadership_speech"}),
    "problems_placement": frozenset({"leadership_speech", "work_summary"}),
}
_SALUTATION = {"exchange_speech": "各位领导，同志们"}
_PREFILL: dict[str, dict[Loc, Any]] = {
    "exchange_speech": {("closing", "family"): "exchange_humble", ("document", "thank_you_line"): True},
    "concluding_speech": {("closing", "family"): "call_to_action"},
    "work_summary": {("document", "problems_placement"): "own_section"},
}
_COMMENT_COL = 40


# ---------------------------------------------------------------------------------------------------------
# annotations


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(annotation without ``None`` and ``Annotated``, whether ``None`` is allowed)."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation, nullable


def _model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _list_item(annotation: Any) -> Any | None:
    if typing.get_origin(annotation) is list:
        inner, _ = _unwrap(typing.get_args(annotation)[0])
        return inner
    return None


def _literal_choices(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(c for a in typing.get_args(annotation) for c in _literal_choices(_unwrap(a)[0]))
    return ()


def _default(info: FieldInfo) -> tuple[bool, Any]:
    """(has a usable default, the default); ``None`` defaults count as none."""
    if info.default_factory is None and info.default in (PydanticUndefined, None):
        return False, None
    return True, info.get_default(call_default_factory=True, validated_data={})


def example_value(model: type[BaseModel], name: str) -> tuple[bool, Any]:
    """(has an example, the example) for one field: :data:`EXAMPLES`, else the Field's ``examples``."""
    key = f"{model.__name__}.{name}"
    info = model.model_fields[name]
    inner, _ = _unwrap(info.annotation)
    if key in EXAMPLES:
        value = EXAMPLES[key]
    elif info.examples:
        value = info.examples[0]
    else:
        return False, None
    if inner is dt.date and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if _list_item(inner) is not None and not isinstance(value, list):
        value = [value]
    return True, value


def _sample(model: type[BaseModel], name: str) -> Any:
    """The value an example item shows for a field: its example, else its default, else the first choice."""
    info = model.model_fields[name]
    inner, _ = _unwrap(info.annotation)
    found, value = example_value(model, name)
    if found:
        return value
    has_default, default = _default(info)
    if has_default and not isinstance(default, BaseModel):
        return default
    choices = _literal_choices(inner)
    if choices and info.is_required():
        return choices[0]
    return None


def example_item(model: type[BaseModel]) -> dict[str, Any]:
    """A complete example mapping of ``model`` (the item a skeleton shows commented out under a list)."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        inner, _ = _unwrap(info.annotation)
        sub = _model(inner)
        item = _list_item(inner)
        item_model = _model(item) if item is not None else None
        if sub is not None:
            out[name] = example_item(sub)
        elif item_model is not None:
            out[name] = [example_item(item_model)]
        else:
            out[name] = _sample(model, name)
    return out


# ---------------------------------------------------------------------------------------------------------
# text


_PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^#]*$")
_NOT_STR_RE = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eExXoObB+-]*|\.inf|\.nan|true|false|yes|no|on|off|null|~|"
    r"\d{4}-\d\d?-\d\d?.*)$",
    re.IGNORECASE,
)


def _scalar(value: Any) -> str:
    """YAML text of a scalar (strings quoted only when plain style would be misread)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (
        text
        and _PLAIN_RE.match(text)
        and not _NOT_STR_RE.match(text)
        and ": " not in text
        and not text.endswith((":", " "))
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value) or "null"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _invented(text: str) -> bool:
    return any(name in text for name in INVENTED) and "虚构" not in text


class _Writer:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.lines: list[str] = []
        self.prefill: dict[Loc, Any] = {
            ("schema_version",): SCHEMA_VERSION,
            ("document", "kind"): kind,
            **_PREFILL.get(kind, {}),
        }
        self.spec = registry.kind(kind)
        if self.spec.speech:
            self.prefill[("document", "salutation")] = _SALUTATION.get(kind, "同志们")

    def emit(self, code: str, comment: str) -> None:
        pad = max(_COMMENT_COL - _width(code), 2)
        self.lines.append(f"{code}{' ' * pad}# {comment}")

    def note(self, indent: int, text: str) -> None:
        self.lines.append(f"{' ' * indent}# {text}")

    # -- fields of a real (uncommented) mapping --------------------------------------------------------------

    def fields(self, model: type[BaseModel], loc: Loc, indent: int) -> None:
        for name, info in model.model_fields.items():
            if self.wanted(loc, name):
                self.field(model, name, info, (*loc, name), indent)

    def wanted(self, loc: Loc, name: str) -> bool:
        if loc == ():
            return name in ("schema_version", "document", "org") or name in self.spec.blocks
        if loc == ("document",):
            if name in _SPEECH_ONLY and not self.spec.speech:
                return False
            return name not in _DOC_ONLY or self.kind in _DOC_ONLY[name]
        return True

    def describe(self, model: type[BaseModel], name: str, info: FieldInfo, *, lead: str = "") -> str:
        title = info.title or name
        desc = info.description or ""
        text = title if not desc or desc == title else f"{title}：{desc}"
        found, example = example_value(model, name)
        if found and example not in (None, [], {}):
            shown = _flow(example)
            if shown not in text:
                text += f"；例：{shown}"
        if _invented(text):
            text += "（示例为虚构）"
        return lead + text

    def field(self, model: type[BaseModel], name: str, info: FieldInfo, loc: Loc, indent: int) -> None:
        pad = " " * indent
        inner, nullable = _unwrap(info.annotation)
        required = info.is_required()
        sub = _model(inner)
        item = _list_item(inner)
        if loc in self.prefill:
            self.emit(f"{pad}{name}: {_scalar(self.prefill[loc])}", self.describe(model, name, info))
            return
        if sub is not None:
            lead = "【必填】" if required else ("（可整块删去）" if nullable else "")
            self.emit(f"{pad}{name}:", self.describe(model, name, info, lead=lead))
            self.fields(sub, loc, indent + 2)
            return
        if item is not None:
            min_items = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0) or 0
            lead = "【必填，至少一项】" if min_items else ""
            value = "" if nullable and not required else " []"
            how = "删去 [] 后按下面的示例逐项填写" if value else "按下面的示例逐项填写"
            comment = self.describe(model, name, info, lead=lead)
            self.emit(f"{pad}{name}:{value}", f"{comment}（列表：{how}）")
            item_model = _model(item)
            if item_model is not None:
                self.commented_item(item_model, indent + 2)
            else:
                found, example = example_value(model, name)
                values = example if found else list(_literal_choices(item)[:1])
                for value_item in values:
                    self.lines.append(f"{pad}  # - {_scalar(value_item)}")
            return
        if typing.get_origin(inner) is dict:
            self.emit(f"{pad}{name}: {{}}", self.describe(model, name, info))
            return
        # optional values stay empty (empty means not given: the default applies), the default is in the comment
        has_default, default = _default(info)
        comment = self.describe(model, name, info, lead="【必填】" if required else "")
        if has_default and default not in ("", [], {}) and not isinstance(default, BaseModel):
            comment += f"（留空即 {_flow(default)}）"
        self.emit(f"{pad}{name}:", comment)

    # -- commented example items ------------------------------------------------------------------------------

    def commented_item(self, model: type[BaseModel], indent: int) -> None:
        """One example item of a list, every line commented out with ``#`` in the same column."""
        self.commented_mapping(model, example_item(model), indent, 0, first_prefix="- ")

    def commented_mapping(
        self, model: type[BaseModel], data: dict[str, Any], base: int, depth: int, *, first_prefix: str = ""
    ) -> None:
        for i, (name, value) in enumerate(data.items()):
            info = model.model_fields[name]
            prefix = first_prefix if i == 0 else " " * len(first_prefix)
            code = f"{' ' * base}# {' ' * depth}{prefix}{name}:"
            title = info.title or name
            note = f"{title}（示例为虚构）" if _invented(_flow(value)) else title
            inner, _ = _unwrap(info.annotation)
            sub = _model(inner)
            item = _list_item(inner)
            item_model = _model(item) if item is not None else None
            inner_depth = depth + len(first_prefix) + 2
            if sub is not None:
                self.emit(code, note)
                self.commented_mapping(sub, value, base, inner_depth)
            elif item_model is not None:
                self.emit(code, note)
                self.commented_mapping(item_model, value[0], base, inner_depth, first_prefix="- ")
            else:
                shown = _flow(value) if isinstance(value, list | dict) else _scalar(value)
                self.emit(f"{code} {shown}" if shown else code, note)


def _domain_flag(kind: str) -> str:
    """`` --domain NAME`` unless the kind is of the first domain (the schema command's default)."""
    name = registry.domain_of(kind).name
    return "" if name == registry.domains()[0].name else f" --domain {name}"


def _header(kind: str) -> list[str]:
    return [
        "# yaml-language-server: $schema=./docgen.schema.json",
        "# 上一行让编辑器（如装有 YAML 插件的 VS Code）按 JSON Schema 提示和检查字段；",
        f"# 该文件由 `docgen schema{_domain_flag(kind)} -o docgen.schema.json` 生成，放在本文件旁边。",
        "#",
        f"# docgen 事实文件骨架。文种：{kind}，{registry.kind(kind).description}",
        "# 填写方法：",
        "# - 标【必填】的字段必须填写；其余字段没有数据时留空，或连同整块删去（缺少的事实整句略去，不会编造）。",
        "# - 列表字段写成 []：删去 []，把下面以“# - ”开头的示例去掉注释号后照样填写，一项一段。",
        "# - 不知道的内容不要用占位符代替，留空即可；`docgen validate 文件名` 会逐条指出还要填写的字段和行号。",
        "# - 注释里的示例（地名、人名、报刊名）均为虚构，请换成本单位的真实情况。",
        "",
    ]


def skeleton(kind: str) -> str:
    """The commented YAML skeleton of a facts file for ``kind`` (a registered kind: ``docgen kinds``)."""
    if kind not in registry.kind_names():
        raise ValueError(registry.unknown_kind_message(kind))
    spec = registry.kind(kind)
    if spec.skeleton:  # a domain may ship a hand-written skeleton instead
        return (resources.files(registry.domain_of(kind).package) / spec.skeleton).read_text(encoding="utf-8")
    writer = _Writer(kind)
    writer.lines.extend(_header(kind))
    writer.fields(registry.facts_model(kind), (), 0)
    return "\n".join(writer.lines) + "\n"
