#!/usr/bin/env bash
# Installs what the tests need (a virtualenv with the pinned dependencies, Debian's Chromium for the
# browser tests, Dovecot for the IMAP tests) and runs the whole suite on SQLite, then on PostgreSQL when
# one answers on 127.0.0.1:5432 (or at $VIVIER_TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VIVIER_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --disable-pip-version-check -q -r requirements-dev.txt
"$VENV/bin/pip" install --disable-pip-version-check -q --no-deps -e .

# Style and types first: they take seconds and fail before a ten-minute run does.
"$VENV/bin/ruff" format --check --quiet vivier bench conftest.py
"$VENV/bin/ruff" check --quiet vivier bench conftest.py
"$VENV/bin/mypy" vivier/lib vivier/segments/query vivier/sequences/engine

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need_apt+=(dovecot-imapd)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

export VIVIER_DATA_DIR=${VIVIER_DATA_DIR:-$(mktemp -d -t vivier-test-XXXXXX)}

PG_URL=${VIVIER_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/vivier}
have_pg=0
if "$VENV/bin/python" - "$PG_URL" <<'PY'
import sys, psycopg
from urllib.parse import urlsplit
try:
    # Probe the server through its "postgres" database: the test database does not exist yet.
    psycopg.connect(urlsplit(sys.argv[1])._replace(path="/postgres").geturl(), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable ({exc}); skipping the PostgreSQL run", file=sys.stderr)
    sys.exit(1)
PY
then
  have_pg=1
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is required in CI" >&2
  exit 1
fi

# The two runs are independent (own data folder, own database), so they run side by side on two cores
# unless VIVIER_TEST_SERIAL=1. The PostgreSQL run's output is printed after the SQLite run's.
pg_status=0
if [ "$have_pg" = 1 ]; then
  pg_log=$(mktemp -t vivier-test-pg-XXXXXX.log)
  if [ "${VIVIER_TEST_SERIAL:-0}" = 1 ]; then
    echo "== Tests on PostgreSQL"
    DATABASE_URL="$PG_URL" VIVIER_DATA_DIR="$VIVIER_DATA_DIR/pg" "$VENV/bin/python" -m pytest "$@" || pg_status=$?
  else
    DATABASE_URL="$PG_URL" VIVIER_DATA_DIR="$VIVIER_DATA_DIR/pg" "$VENV/bin/python" -m pytest "$@" >"$pg_log" 2>&1 &
    pg_pid=$!
  fi
fi

echo "== Tests on SQLite"
sqlite_status=0
env -u DATABASE_URL VIVIER_DATA_DIR="$VIVIER_DATA_DIR/sqlite" "$VENV/bin/python" -m pytest "$@" || sqlite_status=$?

if [ "$have_pg" = 1 ] && [ "${VIVIER_TEST_SERIAL:-0}" != 1 ]; then
  wait "$pg_pid" || pg_status=$?
  echo "== Tests on PostgreSQL"
  cat "$pg_log"
  rm -f "$pg_log"
fi
if [ "$sqlite_status" != 0 ] || [ "$pg_status" != 0 ]; then
  echo "FAILED: SQLite exit $sqlite_status, PostgreSQL exit $pg_status" >&2
  exit 1
fi
