"""The ``KIND`` argument of the CLI commands: a registered kind, checked against the registry when converted
(so importing the CLI loads no domain)."""

from __future__ import annotations

from typing import Any

import click

__all__ = ["KindName"]


class KindName(click.ParamType[str]):
    """A registered kind (``docgen kinds``); anything else fails with the Chinese list of kinds."""

    name = "KIND"

    def __init__(self, domain: str | None = None) -> None:
        self.domain = domain  # only the kinds of this domain, when given

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from docgen import registry

        if value in registry.kind_names() and self.domain in (None, registry.domain_of(value).name):
            return str(value)
        if value in registry.kind_names():
            self.fail(f"文种“{value}”不属于领域 {self.domain}，本命令暂不支持", param, ctx)
        self.fail(registry.unknown_kind_message(value), param, ctx)
