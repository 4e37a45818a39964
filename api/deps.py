"""Dependency aliases shared by the routers (``Annotated`` types, as in
full-stack-fastapi-template): a route names what it needs by type, never
reaches for globals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from api.runtime import Runtime
from api.settings import Settings


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_app_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_session(runtime: RuntimeDep) -> Iterator[Session]:
    """One session per request; routes that write commit before they answer."""
    with runtime.db.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
