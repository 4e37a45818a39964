"""Shared fixtures of the docgen tests: one warm converter for every PDF test, one pool of
two for the pool tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen import Converter, ConverterOptions, ConverterPool

HAVE_LIBREOFFICE = shutil.which("soffice") is not None and Path("/usr/bin/python3").exists()


@pytest.fixture(scope="session")
def converter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converter]:
    """One LibreOffice for the whole session (starting one costs seconds)."""
    if not HAVE_LIBREOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    work_dir = tmp_path_factory.mktemp("libreoffice")
    conv = Converter(ConverterOptions(work_dir=work_dir, timeout=60))
    conv.start()
    yield conv
    conv.stop()


@pytest.fixture(scope="session")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConverterPool]:
    """Two warm LibreOffices for the session, started in parallel (one per core here)."""
    if not HAVE_LIBREOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    work_dir = tmp_path_factory.mktemp("libreoffice-pool")
    with ConverterPool(ConverterOptions(work_dir=work_dir, timeout=60), size=2) as started:
        yield started
