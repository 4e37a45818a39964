"""The Alembic migrations build exactly the tables the models describe (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from api.db import Database, upgrade_to_head
from api.db.models import Base
from api.settings import Settings


def test_migrations_match_the_models(settings: Settings) -> None:
    """Every column, index and constraint of ``api.db.models`` comes from a migration."""
    db = Database(settings.effective_database_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        upgrade_to_head(db)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            diff = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    ours = [d for d in diff if "procrastinate" not in repr(d)]
    assert ours == [], ours
