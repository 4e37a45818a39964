"""Database write failures on demand: an engine hook that fails matching statements N times."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError


class InjectedFault(Exception):
    """The DBAPI error the database would raise."""


@contextmanager
def failing_writes(
    engine: Engine, matches: Callable[[str], bool], times: int
) -> Iterator[list[str]]:
    """Statements for which ``matches`` is true fail ``times`` times (``-1``: always)."""
    failed: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if matches(statement) and (times < 0 or len(failed) < times):
            failed.append(statement)
            raise OperationalError(statement, params, InjectedFault("server closed the connection"))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield failed
    finally:
        event.remove(engine, "before_cursor_execute", before)
