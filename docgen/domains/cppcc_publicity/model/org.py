"""This domain's `org` block: the shared :class:`docgen.model.org.Org` plus what a 政协 has — its 主席会议,
its 届次, its 委员 and the names of the 政协 above it.  The fields keep the order they have always had in the
facts file, the skeletons and docs/format.md (``chair_meeting`` among the identity fields, see
:mod:`docgen.model.org`)."""

from __future__ import annotations

import datetime as dt

from docgen.model import org as shared
from docgen.model.base import FactModel, f

__all__ = ["Members", "Org", "Term", "UpperBodies"]


class Term(FactModel):
    ordinal: str = f("届次", "汉字届次，如“十”（渲染为“十届”）", example="十")
    since: dt.date | None = f("换届日期", default=None)


class Members(FactModel):
    count: int = f("委员人数", ge=1, example=236)
    sectors: int = f("界别数", ge=1, example=18)


class UpperBodies(FactModel):
    provincial: str = f("省级政协称谓", default="省政协")
    national: str = f("全国政协称谓", default="全国政协")


class _ChairMeeting(shared.OrgIdentity):
    chair_meeting: str | None = f("主席会议", "议事会议名称（“经……研究决定”）", default=None)


class Org(shared.Org, _ChairMeeting):
    term: Term | None = f("届次", default=None)
    members: Members | None = f("委员构成", default=None)
    upper_bodies: UpperBodies = f("上级政协称谓", default_factory=UpperBodies)
