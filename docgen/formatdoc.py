"""docs/format.md, generated from the facts model: the format reference that ships inside the repository.

:func:`format_markdown` walks a domain's root facts model (``DomainSpec.facts_model``) and writes, Chinese first and English after,
the general rules (empty means not given, every problem in one pass, warnings), the kinds with the blocks each
uses and the facts a complete draft expects, then one table per model: field, title, required, type with its
allowed values, default, description and an invented example.  ``scripts/gen_format_docs.py`` writes the page;
``tests/test_format_docs.py`` fails when the page is stale or a model field is missing from it.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections import deque
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from docgen import registry
from docgen.model.basefacts import SCHEMA_VERSION
from docgen.model.quantity import is_number_annotation
from docgen.registry import DomainSpec

__all__ = ["format_markdown", "model_sections"]


def _domain(domain: DomainSpec | None) -> DomainSpec:
    return domain if domain is not None else registry.domains()[0]


def _root(domain: DomainSpec | None) -> type[BaseModel]:
    model: type[BaseModel] = registry.load_object(_domain(domain).facts_model)
    return model


# ---------------------------------------------------------------------------------------------------------
# the model tree


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models_in(a)]


def model_sections(domain: DomainSpec | None = None) -> list[tuple[type[BaseModel], list[str]]]:
    """Every model of the facts tree in breadth-first order, with the paths where it appears."""
    order: list[type[BaseModel]] = []
    paths: dict[type[BaseModel], list[str]] = {}
    queue: deque[tuple[type[BaseModel], str]] = deque([(_root(domain), "")])
    while queue:
        model, path = queue.popleft()
        if model in paths:
            paths[model].append(path)
            continue
        order.append(model)
        paths[model] = [path]
        for name, info in model.model_fields.items():
            many = typing.get_origin(_unwrap(info.annotation)) is list
            sub = f"{path}.{name}" if path else name
            for inner in _models_in(info.annotation):
                queue.append((inner, f"{sub}[]" if many else sub))
    return [(m, paths[m]) for m in order]


def _anchor(model: type[BaseModel]) -> str:
    return f"m-{model.__name__.lower()}"


def _type(annotation: Any, lang: str) -> str:
    inner = _unwrap(annotation)
    origin = typing.get_origin(inner)
    zh = lang == "zh"
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return f"[{inner.__name__}](#{_anchor(inner)})"
    if origin is list:
        item = _type(typing.get_args(inner)[0], lang)
        return f"列表（{item}）" if zh else f"list of {item}"
    if origin is dict:
        return "映射（键: 文字）" if zh else "mapping (key: text)"
    if origin is typing.Literal:
        values = "、".join(f"`{_show(v)}`" for v in typing.get_args(inner))
        return f"可选值：{values}" if zh else f"one of {values.replace('、', ', ')}"
    if is_number_annotation(inner):
        return (
            "计数值：整数；以万、亿计或金额可带两位小数，也可写“8.6万”"
            if zh
            else "counted value: integer; up to two decimals in 万/亿 units or money; “8.6万” accepted"
        )
    if origin in (typing.Union, types.UnionType):
        sep = " 或 " if zh else " or "
        return sep.join(_type(a, lang) for a in typing.get_args(inner) if a is not type(None))
    names = {
        str: ("文字", "text"),
        int: ("整数", "integer"),
        float: ("数值", "number"),
        bool: ("true/false", "true/false"),
        dt.date: ("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
    }
    if inner in names:
        return names[inner][0 if zh else 1]
    raise TypeError(f"docs/format.md: no reader-facing name for the field type {inner!r}")


def _show(value: Any) -> str:
    if value == "":
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return ""
    if info.default_factory is not None:
        value = info.get_default(call_default_factory=True, validated_data={})
    else:
        value = info.default
    if value is None or value is PydanticUndefined:
        return ""
    if isinstance(value, BaseModel):
        return "（各字段缺省值）"
    if value in ([], {}):
        return "`[]`" if value == [] else "`{}`"
    return f"`{_show(value)}`"


def _example(model: type[BaseModel], name: str, domain: str) -> str:
    from docgen.init import example_value

    found, value = example_value(model, name, domain)
    if not found or value in (None, [], {}):
        return ""
    return f"`{_show(value)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------------------------------------
# the page


_ZH_RULES = f"""\
事实文件是 UTF-8 编码的 YAML 文件，顶层是下面 [Facts](#m-facts) 表中的各部分；`schema_version` 目前为
`"{SCHEMA_VERSION}"`。`docgen init 文种` 生成带中文注释的骨架，`docgen schema` 输出供编辑器补全的 JSON Schema，
`docgen validate 文件` 一次列出全部问题（`文件:行:列: 字段路径: 说明 [代码]`，按行排序）。

- **留空即不写**：可选字段写成 `键:` 或 `键: null`，与删去这一行相同，取缺省值；一个部分的字段全部留空，
  等于整个部分没有写。必填字段留空则报“必填字段尚未填写”。下表“必填”一栏标 ✓ 的字段所在部分一旦写出就必须填写。
- **一次报出全部问题**：字段错误和跨字段规则（统计期起止、采用数不大于报送数、名次不大于参评单位数、日期在部署期内、
  媒体 id 引用……）一起检查：出错的部分被剔除，其余部分照常检查。
- **不写占位符**：×、xx、20xx、某某、** 之类一律报错；不知道的事实留空或删去，缺少的事实整句略去（`mode: final`），
  或在草稿（`mode: draft`）中标出〔待补：……〕。
- **警告**：每次 `docgen render` 都在写出文稿后逐条打印警告（未用上的事实 `unused-fact`、因缺事实而略去的分句
  `dropped-fact`、行文检查 `quality-*`），`--strict` 时有警告即失败且不写文件。
- 数字用阿拉伯数字、不加单位；日期写成 `2024-12-06`。**计数值**（发稿总数、各媒体篇数、下级发稿、网站更新、
  阅读量、收集/报送/采用/批示数、参训人数、奖励金额、成效数字……）写法一致：
  - 约数用同一组的 `approx`（`余`/`多`/`近`/`以上`/`约`；参训人数用 `participants_approx`）；
  - 以万、亿计的数和金额可带小数（最多两位），“万”“亿”写进单位或写在数后：`value: 8.6, unit: 万元` 与
    `value: 8.6万, unit: 元` 都写成 8.6万元；其他单位（篇、条、人次……）只能写整数，“1.5篇”会报错并指出行列；
  - 按 GB/T 15835，“余”“多”写在“万”之后（`value: 8, unit: 万元, approx: 余` → 8万余元），小数之后不加
    “余”“多”（8.6余万元报错）；“近”“约”在前（近38万人次），“以上”在后。
- 媒体和刊物先在 `outlets` 中登记 `id`，其他字段用 `id` 引用。
"""

_EN_RULES = f"""\
A facts file is a UTF-8 YAML file whose top level holds the blocks of the [Facts](#m-facts) table;
`schema_version` is `"{SCHEMA_VERSION}"`. `docgen init KIND` prints a commented skeleton, `docgen schema` the JSON
Schema for editors, and `docgen validate FILE` lists every problem at once (`FILE:LINE:COL: path: message [code]`,
sorted by line).

- **Empty means not given**: an optional field written `key:` or `key: null` is the same as the line left out
  (its default applies); a block whose fields are all empty is a block not given. A required field written empty
  is reported as not yet filled. A field marked ✓ must be filled once its block is written.
- **Every problem in one pass**: field errors and cross-field rules (period order, adopted ≤ submitted, rank ≤ of,
  dates within the horizon, outlet references…) are checked together; the parts that fail are set aside and the
  rules run on the rest.
- **No placeholders**: ×, xx, 20xx, 某某, ** are refused; leave an unknown fact out — its sentence is dropped
  (`mode: final`) or marked 〔待补：…〕 (`mode: draft`).
- **Warnings**: every `docgen render` prints its warnings on stderr after writing (`unused-fact`, `dropped-fact`,
  `quality-*`); `--strict` turns any warning into a failure and writes nothing.
- Numbers are Arabic digits without units; dates are `2024-12-06`. Every **counted value** (media totals, per-outlet
  counts, subunit totals, website updates, reads, collected/submitted/adopted/instruction counts, training
  participants, reward amounts, exchange results…) is written the same way:
  - qualifiers in the sibling `approx` (余/多/近/以上/约; `participants_approx` for participants);
  - counts in 万/亿 and money may carry up to two decimals, with 万/亿 in the unit or after the number
    (`value: 8.6, unit: 万元` and `value: 8.6万, unit: 元` both give 8.6万元); other units (篇, 条, 人次…) take
    integers only, and “1.5篇” is refused with its line and column;
  - per GB/T 15835 余/多 follow 万 (`value: 8, unit: 万元, approx: 余` → 8万余元) and never a decimal; 近/约 go
    before the number (近38万人次), 以上 after.
- Outlets and publications are registered once in `outlets` with an `id` that other fields refer to.
"""


#: (said of a domain whose facts register outlets by id, neutral wording for any other domain)
_RULES_WITHOUT_OUTLETS = {
    "zh": (
        ("、\n  媒体 id 引用……）", "……）"),
        (
            "（发稿总数、各媒体篇数、下级发稿、网站更新、\n  阅读量、收集/报送/采用/批示数、参训人数、奖励金额、成效数字……）",
            "（各类数量、次数、金额……）",
        ),
        ("；参训人数用 `participants_approx`", ""),
        ("- 媒体和刊物先在 `outlets` 中登记 `id`，其他字段用 `id` 引用。\n", ""),
    ),
    "en": (
        (", outlet references…)", "…)"),
        (
            "(media totals, per-outlet\n  counts, subunit totals, website updates, reads, collected/submitted/adopted/instruction counts, training\n"
            "  participants, reward amounts, exchange results…)",
            "(counts, times, amounts…)",
        ),
        ("; `participants_approx` for participants", ""),
        (
            "- Outlets and publications are registered once in `outlets` with an `id` that other fields refer to.\n",
            "",
        ),
    ),
}


def _rules(text: str, root: type[BaseModel], lang: str) -> str:
    """The rules every domain shares; the words about outlets only for a domain whose facts register them."""
    if "outlets" in root.model_fields:
        return text
    for old, new in _RULES_WITHOUT_OUTLETS[lang]:
        assert old in text, old  # the rules text and its neutral variant are edited together
        text = text.replace(old, new)
    return text


def _kinds(lang: str, domain: DomainSpec) -> list[str]:
    zh = lang == "zh"
    head = "| 文种 | 说明 | 用到的部分 |" if zh else "| kind | what | blocks used |"
    out = [head, "|---|---|---|"]
    for spec in domain.kinds:
        kind = spec.name
        blocks = "、".join(f"`{b}`" for b in ["document", "org", *sorted(spec.blocks)])
        text = spec.description if zh else spec.description_en or spec.description
        out.append(f"| `{kind}` | {_cell(text)} | {blocks if zh else blocks.replace('、', ', ')} |")
    out.append("")
    out.append(
        "草稿（`mode: draft`）中，完整文稿应有的下列事实缺少（未写或留空）时，都标出〔待补：……〕："
        "用到它的分句处标在原处；整块未写的，标在这一部分本应出现的位置（下一部分之前），"
        "同一位置的几项合为一个标记（如〔待补：存在问题、形势与认识〕）。"
        if zh
        else "In a draft (`mode: draft`) each of these facts a complete draft expects is marked 〔待补：…〕 when it "
        "is absent (left out or empty): in place where a clause needs it; a whole block left out is marked where "
        "its part of the document would stand (before the next part), several at one place sharing one marker."
    )
    out.append("")
    out.append("| 文种 | 应有事实 |" if zh else "| kind | expected facts |")
    out.append("|---|---|")
    for spec in domain.kinds:
        kind, items = spec.name, spec.expected
        sep = "、" if zh else ", "
        shown = sep.join(f"`{e.path}`（{e.label}）" if zh else f"`{e.path}`" for e in items)
        out.append(f"| `{kind}` | {shown} |")
    return out


def _table(
    model: type[BaseModel], paths: list[str], lang: str, root: type[BaseModel], domain: str
) -> list[str]:
    from docgen.init import description

    zh = lang == "zh"
    title = (model.__doc__ or "").strip().splitlines()[0] if model is root else ""
    where = "、".join(f"`{p}`" for p in paths if p) if zh else ", ".join(f"`{p}`" for p in paths if p)
    head = f'<a id="{_anchor(model)}"></a>' if zh else ""
    out = [f"### {model.__name__}{head}", ""]
    if title:
        out += [title if zh else "The root of a facts file.", ""]
    if where:
        out += [f"位置：{where}" if zh else f"Used at: {where}", ""]
    if zh:
        out += ["| 字段 | 名称 | 必填 | 类型 | 缺省 | 说明 | 例 |", "|---|---|---|---|---|---|---|"]
    else:
        out += ["| field | required | type | default | example |", "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        req = "✓" if info.is_required() else ""
        typ = _type(info.annotation, lang)
        if zh:
            text = description(model, name, domain)
            desc = text if text and text != info.title else ""
            row = [
                f"`{name}`",
                info.title or "",
                req,
                typ,
                _default(info),
                desc,
                _example(model, name, domain),
            ]
        else:
            row = [f"`{name}`", req, typ, _default(info), _example(model, name, domain)]
        out.append("| " + " | ".join(_cell(c) for c in row) + " |")
    out.append("")
    return out


def page_path(domain: DomainSpec) -> str:
    """Where a domain's page lives, relative to the repository root: the first (built-in) domain's is
    docs/format.md; every other domain's is format.md in its own package (docgen/domains/<name>/format.md)."""
    if domain.name == registry.domains()[0].name:
        return "docs/format.md"
    return "/".join([*domain.package.split("."), "format.md"])


def format_markdown(domain: DomainSpec | None = None) -> str:
    """The text of a domain's format page (default: the first domain's docs/format.md; deterministic; ends
    with a newline)."""
    spec = _domain(domain)
    root = _root(spec)
    sections = model_sections(spec)
    first = spec.name == registry.domains()[0].name
    lines = [
        "# 事实文件格式 / Facts file format"
        if first
        else f"# 事实文件格式：{spec.label} / Facts file format: {spec.name}",
        "",
        "<!-- 由 scripts/gen_format_docs.py 根据 docgen/model 生成，请勿手改；generated from the model, do not edit. -->",
        "",
        "[中文](#中文) · [English](#english)",
        "",
        (
            "每个领域一页（`docgen kinds` 按领域列出文种）：本页是内置领域的格式，其他领域见各自包中的 format.md"
            "（`docgen/domains/<领域名>/format.md`）。One page per domain: this one is the built-in domain's; "
            "another domain's page is format.md in its package."
            if first
            else f"领域 `{spec.name}`（{spec.label}）的事实文件格式；各领域共同的规则同 docs/format.md。"
        ),
        "",
        "## 中文",
        "",
        _rules(_ZH_RULES, root, "zh"),
        "### 文种",
        "",
        *_kinds("zh", spec),
        "",
        "### 字段",
        "",
        "每个表是一个部分（映射）的字段；“类型”一栏中的链接指向下一级部分。字段说明中“a 说明 | b 说明”列出各可选值的含义。",
        "",
    ]
    for model, paths in sections:
        lines += _table(model, paths, "zh", root, spec.name)
    lines += [
        "## English",
        "",
        _rules(_EN_RULES, root, "en"),
        "### Kinds",
        "",
        *_kinds("en", spec),
        "",
        "### Fields",
        "",
        "One table per block (mapping); links in the type column lead to the nested block, whose Chinese table "
        "above gives each field's title, description and the meaning of each allowed value.",
        "",
    ]
    for model, paths in sections:
        lines += _table(model, paths, "en", root, spec.name)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"
