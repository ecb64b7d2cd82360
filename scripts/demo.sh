#!/usr/bin/env bash
# Installs Vivier in a virtualenv (./.venv), seeds a demo pool on SQLite in ./vivier-data and serves the
# web app with its worker. Nothing is really sent: without a configured mailbox, messages go to the
# built-in outbox you read in the app.
#
#   ./scripts/demo.sh                 install, seed, serve on http://127.0.0.1:8000/
#   ./scripts/demo.sh --port 8080     any `vivier serve` option is passed on
#   ./scripts/demo.sh --check         everything but serving (used by the tests; or VIVIER_DEMO_CHECK=1)
#
# Environment: VIVIER_VENV (virtualenv, default .venv), VIVIER_DATA_DIR (default ./vivier-data),
# VIVIER_DEMO_CANDIDATES (pool size, default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK=${VIVIER_DEMO_CHECK:-0}
SERVE_ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--check" ]; then CHECK=1; else SERVE_ARGS+=("$arg"); fi
done

PYTHON=${PYTHON:-python3}
VENV=${VIVIER_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    # Debian ships venv's pip bootstrap separately.
    echo "== Installing python3-venv (Debian)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
  fi
  echo "== Creating the virtualenv in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
echo "== Installing Vivier and its dependencies"
"$VENV/bin/pip" install --disable-pip-version-check -q -r requirements.txt
"$VENV/bin/pip" install --disable-pip-version-check -q --no-deps -e .

# The demo always runs on SQLite in the data folder, whatever DATABASE_URL this shell has.
unset DATABASE_URL
export VIVIER_DATA_DIR=${VIVIER_DATA_DIR:-$PWD/vivier-data}
echo "== Demo data in $VIVIER_DATA_DIR"
"$VENV/bin/python" -m vivier demo --candidates "${VIVIER_DEMO_CANDIDATES:-3000}"

if [ "$CHECK" = 1 ]; then
  "$VENV/bin/python" -m vivier check
  echo "demo.sh --check: installed and seeded; not serving."
  exit 0
fi
exec "$VENV/bin/python" -m vivier serve "${SERVE_ARGS[@]}"
