"""``python -m docgen.service.demo --data DIR FACTS.yaml``: seed a demo database (used by ``scripts/serve-demo``):
the invented office 澄阳市政协（虚构）, an admin ``demo`` and the example facts file as a document with one
revision.  Idempotent: an existing demo office is left as it is."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.api import validate_text
from docgen.service.accounts import add_user
from docgen.service.db import make_engine, upgrade
from docgen.service.models import AuditEvent, Document, Office, Revision
from docgen.service.settings import Settings
from docgen.service.store import notice_json

OFFICE = "澄阳市政协（虚构）"
USER = "demo"
PASSWORD = "docgen-demo"  # a local demo on 127.0.0.1 only; printed by scripts/serve-demo


def _first_kind() -> str:
    from docgen import registry

    return registry.kinds()[0].name


def seed(settings: Settings, facts: Path) -> bool:
    """Create the demo office, user and document; False when they exist already."""
    engine = make_engine(settings.url())
    upgrade(engine)
    with Session(engine) as s:
        if s.scalar(select(Office).where(Office.name == OFFICE)) is not None:
            return False
        user = add_user(s, USER, OFFICE, "admin", PASSWORD, create_office=True)
        text = facts.read_text(encoding="utf-8")
        check = validate_text(text, file=facts.name)
        doc = Document(
            office_id=user.office_id,
            kind=check.draft.meta.kind if check.draft else _first_kind(),
            title=check.draft.meta.title if check.draft else facts.stem,
            year=check.draft.meta.date.year if check.draft else dt.date.today().year,
            created_by=user.id,
        )
        s.add(doc)
        s.flush()
        s.add(
            Revision(
                document_id=doc.id,
                number=1,
                yaml=text,
                content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                author_id=user.id,
                valid=check.valid,
                problems=[p.as_dict() for p in check.problems],
                warnings=[notice_json(w) for w in check.warnings],
            )
        )
        s.add(AuditEvent(office_id=user.office_id, user_id=user.id, action="save", target=f"document:{doc.id}"))
        s.commit()
    engine.dispose()
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description="seed the docgen demo database")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("facts", type=Path)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data) if args.data else Settings()
    if seed(settings, args.facts):
        print(f"已创建演示单位“{OFFICE}”、管理员 {USER}（密码 {PASSWORD}）和示例文稿")
    else:
        print(f"演示单位“{OFFICE}”已存在：用户 {USER}，密码 {PASSWORD}")


if __name__ == "__main__":  # pragma: no cover
    main()
