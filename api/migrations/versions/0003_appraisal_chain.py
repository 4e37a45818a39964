"""The appraisal chain: who a key stands for, dossiers in their chain, their events.

* ``api_keys.actor_*``: the unit (xã, huyện, sở) or council member a key
  belongs to, its province, a commune's district, a steering-committee
  member's districts, the person holding it;
* ``appraisal_dossiers``: a unit's dossier in its chain, with the state its
  events add up to (for listing and filtering);
* ``appraisal_events``: the dossier's history — submissions, decisions per
  criterion with their reason and the check's advice, stage conclusions;
* ``documents.appraisal_id``/``stage``: forms rendered from a stage's decisions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("actor_kind", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("actor_unit", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("actor_province", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("actor_parent", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("actor_areas", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("actor_person", sa.String(length=200), nullable=True))
    op.create_table(
        "appraisal_dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=50), nullable=False),
        sa.Column("catalog", sa.String(length=100), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_name", sa.String(length=300), nullable=False),
        sa.Column("unit_key", sa.String(length=300), nullable=False),
        sa.Column("parent_name", sa.String(length=300), nullable=True),
        sa.Column("parent_key", sa.String(length=300), nullable=True),
        sa.Column("province", sa.String(length=100), nullable=False),
        sa.Column("province_key", sa.String(length=100), nullable=False),
        sa.Column("job_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=True),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("waiting", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["dossier_jobs.id"]),
        sa.ForeignKeyConstraint(["created_by"], ["api_keys.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_appraisal_dossiers_parent", "appraisal_dossiers", ["province_key", "parent_key"]
    )
    op.create_index(
        "ix_appraisal_dossiers_unit", "appraisal_dossiers", ["province_key", "unit_key"]
    )
    op.create_table(
        "appraisal_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=True),
        sa.Column("criterion", sa.String(length=50), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column("advice", sa.String(length=20), nullable=True),
        sa.Column("job_id", sa.String(length=36), nullable=True),
        sa.Column("actor_key_id", sa.Integer(), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_unit", sa.String(length=300), nullable=False),
        sa.Column("actor_label", sa.String(length=500), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["appraisal_dossiers.id"]),
        sa.ForeignKeyConstraint(["job_id"], ["dossier_jobs.id"]),
        sa.ForeignKeyConstraint(["actor_key_id"], ["api_keys.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "seq", name="uq_appraisal_events_seq"),
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("appraisal_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("stage", sa.String(length=30), nullable=True))
        batch.create_foreign_key(
            "fk_documents_appraisal_id", "appraisal_dossiers", ["appraisal_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint("fk_documents_appraisal_id", type_="foreignkey")
        batch.drop_column("stage")
        batch.drop_column("appraisal_id")
    op.drop_table("appraisal_events")
    op.drop_index("ix_appraisal_dossiers_unit", table_name="appraisal_dossiers")
    op.drop_index("ix_appraisal_dossiers_parent", table_name="appraisal_dossiers")
    op.drop_table("appraisal_dossiers")
    with op.batch_alter_table("api_keys") as batch:
        for column in (
            "actor_person",
            "actor_areas",
            "actor_parent",
            "actor_province",
            "actor_unit",
            "actor_kind",
        ):
            batch.drop_column(column)
