"""Bootstrapping accounts from the command line (``docgen office add``, ``docgen user add``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.errors import UsageError
from docgen.service.auth import hash_password
from docgen.service.models import ROLES, AuditEvent, Office, User

__all__ = ["add_office", "add_user"]


def add_office(session: Session, name: str) -> Office:
    """Create the office ``name`` (an existing one of that name is an error)."""
    name = name.strip()
    if not name:
        raise UsageError("单位名称不能为空")
    if session.scalar(select(Office).where(Office.name == name)) is not None:
        raise UsageError(f"单位“{name}”已存在")
    office = Office(name=name)
    session.add(office)
    session.flush()
    session.add(AuditEvent(office_id=office.id, action="office-add", target=f"office:{office.id}"))
    return office


def add_user(session: Session, name: str, office: str, role: str, password: str, *, create_office: bool = False) -> User:
    """Create user ``name`` in ``office`` with ``role``; the office must exist unless ``create_office``."""
    if role not in ROLES:
        raise UsageError(f"角色只能是 {'、'.join(ROLES)}")
    if len(password) < 8:
        raise UsageError("密码至少 8 个字符")
    if not name.strip() or any(ch.isspace() or ch == ":" for ch in name.strip()):
        raise UsageError("用户名不能为空，也不能含空格或冒号")
    found = session.scalar(select(Office).where(Office.name == office.strip()))
    if found is None:
        if not create_office:
            raise UsageError(f"没有单位“{office}”：先运行 docgen office add {office}")
        found = add_office(session, office)
    if session.scalar(select(User).where(User.name == name.strip())) is not None:
        raise UsageError(f"用户名“{name}”已被使用")
    user = User(office_id=found.id, name=name.strip(), role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    session.add(AuditEvent(office_id=found.id, user_id=None, action="user-add", target=f"user:{user.id}", detail={"role": role}))
    return user
