#!/usr/bin/env bash
# Starts a local PostgreSQL for the API tests and prints its URL on stdout.
#
# Installs Debian's `postgresql` when missing, creates a cluster if there is
# none, starts it, and creates the role and database `hoso_test` (password
# `hoso_test`) once. Idempotent; needs root (or sudo). Everything but the URL
# goes to stderr, so callers can do:
#   export HOSO_TEST_DATABASE_URL="$(bash scripts/start-postgres.sh)"
set -euo pipefail

DB="${HOSO_PG_DB:-hoso_test}"
USER_NAME="${HOSO_PG_USER:-hoso_test}"
PASSWORD="${HOSO_PG_PASSWORD:-hoso_test}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Cài PostgreSQL (gói Debian postgresql)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# The newest installed server version, and its first cluster (created if missing).
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
CLUSTER="$(pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" '$1 == v {print $2; exit}')"
if [ -z "$CLUSTER" ]; then
  CLUSTER=main
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')"
STATUS="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')"
if [ "$STATUS" != "online" ]; then
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

for _ in $(seq 1 30); do
  as_postgres psql -p "$PORT" -tAc "SELECT 1" >/dev/null 2>&1 && break
  sleep 0.5
done

if [ "$(as_postgres psql -p "$PORT" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != "1" ]; then
  as_postgres psql -p "$PORT" -qc "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(as_postgres psql -p "$PORT" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  as_postgres psql -p "$PORT" -qc "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi
# The tests drop and recreate the public schema: the test role must own it.
as_postgres psql -p "$PORT" -d "$DB" -qc "ALTER SCHEMA public OWNER TO $USER_NAME" >&2

echo "postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"
