"""revision notes: a column of their own

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 21:00:00

The writer's short note on a revision ("补充第三季度数字") was kept only in the detail of the revision's
``save`` event in the audit log.  It becomes ``revisions.note``; the upgrade copies every note already in
the audit log into it.  The audit log keeps the note as well (it is append-only and records who saved what),
so the downgrade drops the column and loses nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_audit = sa.table(
    "audit_events",
    sa.column("action", sa.String),
    sa.column("target", sa.String),
    sa.column("detail", sa.JSON),
    sa.column("id", sa.Integer),
)
_revisions = sa.table(
    "revisions",
    sa.column("id", sa.Integer),
    sa.column("document_id", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("note", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.String(length=200), server_default="", nullable=False))
    conn = op.get_bind()
    notes: dict[tuple[int, int], str] = {}
    rows = conn.execute(
        sa.select(_audit.c.target, _audit.c.detail)
        .where(_audit.c.action == "save", _audit.c.target.like("document:%"))
        .order_by(_audit.c.id)
    )
    for target, detail in rows:
        doc = target.split(":", 1)[1]
        if not doc.isdigit() or not isinstance(detail, dict):
            continue
        number, note = detail.get("revision"), detail.get("note")
        if isinstance(number, int) and isinstance(note, str) and note.strip():
            notes[(int(doc), number)] = note.strip()[:200]
    for (doc_id, number), note in notes.items():
        conn.execute(
            sa.update(_revisions)
            .where(_revisions.c.document_id == doc_id, _revisions.c.number == number)
            .values(note=note)
        )


def downgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_column("note")
