"""The engine and sessions: one ``Database`` per running app.

SQLite is used from request threads and job threads at once, so connections
may cross threads, the journal is WAL (readers never block the writer, and
``synchronous=NORMAL`` is safe with it) and a busy database makes a writer
wait instead of failing at once. PostgreSQL URLs
are pointed at psycopg 3, whatever driver the user wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker


def normalize_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` → ``postgresql+psycopg://``."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the database; a power cut may lose the last
    # commits, not tear them. It spares an fsync per commit (two per upload).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


POOL_TIMEOUT_S = 10.0
"""Longest wait for a free connection; past it ``sqlalchemy.exc.TimeoutError`` → 503."""


class Database:
    """Engine plus session factory; ``session()`` commits on success, rolls back on error.

    ``pool_size`` comes from the service's concurrency bounds
    (``Settings.db_pool_size``): every request the admission lets in, every
    running job and the health monitor find a connection without waiting.
    The same sizing holds for SQLite, whose default pool (5 + 10) was what
    sixty concurrent requests used to exhaust.
    """

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.url = normalize_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        kwargs: dict[str, Any] = {
            "pool_pre_ping": True,
            "pool_size": pool_size,
            "max_overflow": max(2, pool_size // 4),
            "pool_timeout": POOL_TIMEOUT_S,
        }
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._factory() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def ping(self) -> bool:
        """True when a trivial query succeeds (``/health``)."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()
