"""Evidence reports stored once per bytes/policy/trust; per-file report cache; job worker.

* ``evidence_reports``: one report per (blob, policy version, trust
  fingerprint), unique, so concurrent uploads of the same bytes share it;
  ``verifications`` become one row per upload (its own file name) pointing
  at its report, with ``reused``. Existing rows are moved over.
* ``report_cache``: the dossier checker's per-file reports, shared by every
  worker machine.
* ``dossier_jobs.worker``: which worker (host:pid) ran the job last.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_reports",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.Column("policy_version", sa.String(length=50), nullable=False),
        sa.Column("trust_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["blob_sha256"], ["blobs.sha256"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "blob_sha256", "policy_version", "trust_fingerprint", name="uq_evidence_reports_key"
        ),
    )
    op.create_table(
        "report_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("dossier_jobs") as batch:
        batch.add_column(sa.Column("worker", sa.String(length=100), nullable=True))
    with op.batch_alter_table("verifications") as batch:
        batch.add_column(sa.Column("report_id", sa.String(length=36), nullable=True))
        batch.add_column(
            sa.Column("reused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_foreign_key(
            "fk_verifications_report_id", "evidence_reports", ["report_id"], ["id"]
        )
    # Each existing verification's report becomes the stored report of its key (first wins).
    op.execute(
        """
        INSERT INTO evidence_reports
            (id, blob_sha256, policy_version, trust_fingerprint, verdict, accepted, report,
             created_at)
        SELECT v.id, v.blob_sha256, v.policy_version, v.trust_fingerprint, v.verdict,
               v.accepted, v.report, v.created_at
          FROM verifications v
         WHERE v.id = (SELECT w.id FROM verifications w
                        WHERE w.blob_sha256 = v.blob_sha256
                          AND w.policy_version = v.policy_version
                          AND w.trust_fingerprint = v.trust_fingerprint
                        ORDER BY w.created_at, w.id LIMIT 1)
        """
    )
    op.execute(
        """
        UPDATE verifications SET report_id = (
            SELECT r.id FROM evidence_reports r
             WHERE r.blob_sha256 = verifications.blob_sha256
               AND r.policy_version = verifications.policy_version
               AND r.trust_fingerprint = verifications.trust_fingerprint)
        """
    )
    with op.batch_alter_table("verifications") as batch:
        batch.drop_column("report")


def downgrade() -> None:
    with op.batch_alter_table("verifications") as batch:
        batch.add_column(sa.Column("report", sa.JSON(), nullable=True))
    op.execute(
        """
        UPDATE verifications SET report = (
            SELECT r.report FROM evidence_reports r WHERE r.id = verifications.report_id)
        """
    )
    with op.batch_alter_table("verifications") as batch:
        batch.drop_constraint("fk_verifications_report_id", type_="foreignkey")
        batch.drop_column("reused")
        batch.drop_column("report_id")
    with op.batch_alter_table("dossier_jobs") as batch:
        batch.drop_column("worker")
    op.drop_table("report_cache")
    op.drop_table("evidence_reports")
