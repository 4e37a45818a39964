# The two commands of the README's quick start: `make run` and `make test`.
# Each installs whatever is missing on a fresh Debian machine first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest system-deps install clean

run: system-deps install
	$(BIN)/hoso serve --host 127.0.0.1 --port 8000

test: system-deps install lint typecheck pytest

system-deps:
	@bash scripts/install-system-deps.sh

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]' --config-settings editable_mode=compat
	@touch $(STAMP)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

# The API tests run on SQLite and, against the PostgreSQL that the script starts, again.
pytest:
	HOSO_TEST_DATABASE_URL="$$(bash scripts/start-postgres.sh)" $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
