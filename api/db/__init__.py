"""Persistence of the service: models, engine and sessions, migrations.

SQLite under the data folder by default, PostgreSQL (psycopg 3) when
``HOSO_DATABASE_URL`` says so; the schema is owned by Alembic and brought to
``head`` at startup, so a fresh machine and an old deployment end up alike.
"""

from api.db.engine import Database, normalize_url
from api.db.migrate import upgrade_to_head

__all__ = ["Database", "normalize_url", "upgrade_to_head"]
