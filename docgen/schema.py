"""The JSON Schema (draft 2020-12) of a facts file, for editors and other tools.

``docgen schema -o docgen.schema.json`` writes :func:`schema_text`; a facts file then starts with
``# yaml-language-server: $schema=./docgen.schema.json`` and the editor completes and checks its keys.

The schema describes the YAML as an editor sees it: dates are strings (``format: date``), unknown keys are
rejected (``additionalProperties: false`` comes from the models' ``extra="forbid"``).  It checks field by
field only; the cross-field rules (ordering, references, dates against the document date, political
fragments) are checked by ``docgen validate``.
"""

from __future__ import annotations

import json
from typing import Any

from docgen.model.facts import SCHEMA_VERSION, Facts

__all__ = ["SCHEMA_DIALECT", "SCHEMA_ID", "json_schema", "schema_text"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:docgen:facts:{SCHEMA_VERSION}"

_TITLE = "docgen 事实文件"
_DESCRIPTION = (
    "政协宣传信息工作讲话、总结、交流材料和会议方案的事实数据（YAML）。"
    "本模式只逐字段检查类型、取值和未知字段；数字先后关系、媒体ID引用、日期与部署期、政治表述片段的有效期等"
    "跨字段规则由 docgen validate 检查。"
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~docgen.model.facts.Facts` (a fresh dict on every call)."""
    body = Facts.model_json_schema(mode="validation")
    body["title"] = _TITLE
    body["description"] = _DESCRIPTION
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID}
    schema.update(body)
    return schema


def schema_text() -> str:
    """:func:`json_schema` as deterministic JSON text (sorted keys, indent 2, UTF-8 Chinese, final newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
