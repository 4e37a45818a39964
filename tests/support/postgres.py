"""Emptying a PostgreSQL database between tests and benchmark rounds (loopback test databases only)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from api.db import normalize_url


def reset_postgres(url: str) -> None:
    """Drop and recreate the public schema: no table, no row, no queue left."""
    engine = create_engine(normalize_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
