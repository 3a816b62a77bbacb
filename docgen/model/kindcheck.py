"""The rules every kind of every domain follows, read from its :class:`~docgen.registry.KindSpec`: a spoken
kind names its speaker and salutation, a required block is present, and a block the kind does not use is
absent (its data would be silently dropped)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from docgen.model.issues import Issue
from docgen.registry import KindSpec

__all__ = ["MACHINERY_BLOCKS", "check_kind_spec"]

#: top-level fields of every facts model that belong to no kind in particular
MACHINERY_BLOCKS = ("schema_version", "document", "org")


def check_kind_spec(facts: BaseModel, spec: KindSpec) -> Iterator[Issue]:
    doc = getattr(facts, "document")  # noqa: B009 - every facts model has one (BaseFacts)
    kind = spec.name
    if spec.speech:
        if doc.speaker is None:
            yield Issue(
                ("document", "speaker"), "kind-requires", "讲话类文稿需要 document.speaker（至少填写职务 role）"
            )
        if not doc.salutation:
            yield Issue(("document", "salutation"), "kind-requires", "讲话类文稿需要称呼 document.salutation，如“同志们”")
    for block in spec.required:
        if getattr(facts, block) in (None, []):
            yield Issue((block,), "kind-requires", f"文种 {kind} 需要“{block}”部分")
    for name in type(facts).model_fields:
        if name in MACHINERY_BLOCKS:
            continue
        value = getattr(facts, name)
        if value not in (None, []) and name not in spec.blocks:
            yield Issue(
                (name,),
                "block-not-for-kind",
                f"文种 {kind} 不使用“{name}”部分，删除它或改用相应文种（数据不会被悄悄丢弃）",
            )
