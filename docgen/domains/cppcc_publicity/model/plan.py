"""The `plan` block for a meeting plan (§1.10; designed, not seed-derived)."""

from __future__ import annotations

import datetime as dt

from docgen.model.base import FactModel, f


class AgendaItem(FactModel):
    time: str | None = f("时间", default=None, example="9:00")
    item: str = f("议程", example="传达全省政协宣传工作会议精神")
    by: str | None = f("承担人", "职务，不写姓名也可", default=None, example="市政协秘书长")
    host: str | None = f("主持", default=None)


class Material(FactModel):
    name: str = f("材料名称", example="市政协领导讲话稿")
    by: str | None = f("起草或提供单位", default=None)
    deadline: dt.date | None = f("提交时限", default=None)


class Duty(FactModel):
    unit: str = f("责任单位", example="市政协办公室")
    duty: str = f("分工内容", example="负责会议筹备、会务安排")


class Contact(FactModel):
    unit: str | None = f("联系单位", default=None)
    person: str | None = f("联系人", default=None)
    phone: str | None = f("电话", default=None)


class Plan(FactModel):
    name: str | None = f("会议名称", "缺省用 meeting.name", default=None)
    organiser: str = f("主办单位", example="澄阳市政协办公室")
    date: dt.date = f("会议日期")
    time_text: str | None = f("时间", "如“上午9:00”", default=None)
    duration: str | None = f("会期", "如“半天”", default=None)
    venue: str = f("地点", example="市政协机关三楼会议室")
    attendees: list[str] = f("参会人员", min_length=1)
    host: str | None = f("主持人", default=None)
    agenda: list[AgendaItem] = f("会议议程", min_length=1)
    materials: list[Material] = f("会议材料", default_factory=list)
    division: list[Duty] = f("工作分工", default_factory=list)
    requirements: list[str] = f("有关要求", default_factory=list)
    contact: Contact | None = f("联系方式", default=None)
