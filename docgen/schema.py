"""The JSON Schema (draft 2020-12) of a facts file, for editors and other tools.

``docgen schema -o docgen.schema.json`` writes :func:`schema_text`; a facts file then starts with
``# yaml-language-server: $schema=./docgen.schema.json`` and the editor completes and checks its keys.
One schema per domain (``docgen schema --domain NAME``; default: the first registered domain), since each
domain has its own facts model.

The schema describes the YAML as an editor sees it: dates are strings (``format: date``), unknown keys are
rejected (``additionalProperties: false`` comes from the models' ``extra="forbid"``).  It checks field by
field only; the cross-field rules (ordering, references, dates against the document date, political
fragments) are checked by ``docgen validate``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from docgen import registry
from docgen.model.basefacts import SCHEMA_VERSION

__all__ = ["SCHEMA_DIALECT", "SCHEMA_ID", "json_schema", "option_fields", "schema_text"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:docgen:facts:{SCHEMA_VERSION}"

_TITLE = "docgen 事实文件"
#: the description of a domain that gives none of its own (``DomainSpec.schema_description``)
_DESCRIPTION = (
    "{label}的事实数据（YAML）。"
    "本模式只逐字段检查类型、取值和未知字段；数字先后关系、ID引用、日期与部署期、政治表述片段的有效期等"
    "跨字段规则由 docgen validate 检查。"
)


def json_schema(domain: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one domain's facts model (default: the first registered domain), its
    ``document.kind`` limited to that domain's kinds (a fresh dict on every call).  KeyError: no such domain."""
    spec = registry.domain(domain) if domain is not None else registry.domains()[0]
    model = registry.load_object(spec.facts_model)
    body = model.model_json_schema(mode="validation")
    body["$defs"]["Document"]["properties"]["kind"]["enum"] = [k.name for k in spec.kinds]
    _domain_examples(body["$defs"], model, spec.name)
    body["title"] = _TITLE
    body["description"] = spec.schema_description or _DESCRIPTION.format(label=spec.label)
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID}
    schema.update(body)
    return schema


def _models(model: Any, seen: dict[str, Any]) -> dict[str, Any]:
    """Every model class reachable from ``model`` by its name (the names of the schema's ``$defs``)."""
    from docgen.model.salvage import inner_models

    if model.__name__ not in seen:
        seen[model.__name__] = model
        for info in model.model_fields.values():
            for sub in inner_models(info.annotation):
                _models(sub, seen)
    return seen


def _domain_examples(defs: dict[str, Any], root: Any, domain: str) -> None:
    """The domain's descriptions of fields and its invented examples (its skeleton hints, shared models' fields
    included): descriptions replace the Field's, examples fill properties whose Field gives none — what
    ``docgen init`` shows."""
    from docgen.init import example_value, hints

    models = _models(root, {})
    for key, text in hints(domain).descriptions.items():
        name, _, field = key.partition(".")
        prop = defs.get(name, {}).get("properties", {}).get(field)
        if prop is not None:
            prop["description"] = text
    for key in hints(domain).examples:
        name, _, field = key.partition(".")
        prop = defs.get(name, {}).get("properties", {}).get(field)
        if name not in models or prop is None or "examples" in prop:
            continue
        found, value = example_value(models[name], field, domain)
        if found:
            prop["examples"] = [json.loads(json.dumps(value, ensure_ascii=False, default=str))]


def schema_text(domain: str | None = None) -> str:
    """:func:`json_schema` as deterministic JSON text (sorted keys, indent 2, UTF-8 Chinese, final newline)."""
    return json.dumps(json_schema(domain), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def option_fields(schema: dict[str, Any], data: Any) -> Iterator[tuple[tuple[str | int, ...], list[Any]]]:
    """Every option of a facts mapping (``Facts.model_dump(mode="json")``) with the values the schema allows:
    a field whose schema is an enumeration or a boolean, at each place of ``data`` where its parent object
    stands (one entry per list item).  The path is the keys and list indexes from the root; what the option
    chooses is not a word of the text, so each value of it must still say every fact or warn about it."""
    yield from _options(schema, schema, data, ())


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node and len([a for a in node["anyOf"] if a.get("type") != "null"]) == 1:
            node = next(a for a in node["anyOf"] if a.get("type") != "null")
        else:
            return node


def _options(
    schema: dict[str, Any], node: dict[str, Any], data: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], list[Any]]]:
    node = _resolve(schema, node)
    if isinstance(data, dict) and "properties" in node:
        for key, sub in node["properties"].items():
            leaf = _resolve(schema, sub)
            if "enum" in leaf:
                yield (*path, key), list(leaf["enum"])
            elif leaf.get("type") == "boolean":
                yield (*path, key), [True, False]
            elif key in data:
                yield from _options(schema, sub, data[key], (*path, key))
    elif isinstance(data, list) and node.get("type") == "array":
        for i, item in enumerate(data):
            yield from _options(schema, node.get("items", {}), item, (*path, i))
