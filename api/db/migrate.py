"""Bring the schema to Alembic's ``head``; called by ``create_app`` at startup.

The Alembic files live inside the ``api`` package (``api/alembic.ini``,
``api/migrations/``) so that an installed hoso can migrate its own database
without a source checkout.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from api.db.engine import Database

API_DIR = Path(__file__).resolve().parent.parent


def alembic_config(database: Database) -> Config:
    config = Config(str(API_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(API_DIR / "migrations"))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return config


MIGRATION_LOCK = 0x686F736F01
"""PostgreSQL advisory lock: replicas starting together migrate one after the other."""


def upgrade_to_head(database: Database) -> None:
    """Apply every pending migration on the database's own engine."""
    config = alembic_config(database)
    with database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
