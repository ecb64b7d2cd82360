#!/usr/bin/env bash
# Refreshes the French catalogue from the code and templates, then compiles it.
# Usage: scripts/i18n.sh  (from anywhere; needs GNU gettext: apt-get install -y gettext)
# After running: translate every new or fuzzy entry in vivier/locale/fr/LC_MESSAGES/django.po, run it
# again to compile, and commit both django.po and django.mo (the tests read the compiled .mo).
# vivier/accounts/tests/test_translations.py fails while an entry is untranslated or fuzzy.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${VIVIER_PYTHON:-$(command -v python3)}
[ -x /work/venv/bin/python ] && [ -z "${VIVIER_PYTHON:-}" ] && PY=/work/venv/bin/python
[ -x "$ROOT/.venv/bin/python" ] && [ -z "${VIVIER_PYTHON:-}" ] && PY="$ROOT/.venv/bin/python"
command -v msgfmt >/dev/null || { echo "msgfmt missing: apt-get install -y gettext" >&2; exit 1; }

export DJANGO_SETTINGS_MODULE=vivier.settings
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export VIVIER_DATA_DIR=${VIVIER_DATA_DIR:-$(mktemp -d -t vivier-i18n-XXXXXX)}

cd "$ROOT/vivier"
"$PY" -m django makemessages -l fr --no-location --no-wrap --no-obsolete \
  --ignore='tests/*' --ignore='*/tests/*' --ignore='bench/*' --ignore='.venv/*' --ignore='*/migrations/*'
"$PY" -m django compilemessages -l fr

# Report what is left to translate (the catalogue must have none).
"$PY" - locale/fr/LC_MESSAGES/django.po <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, ".")
text = Path(sys.argv[1]).read_text(encoding="utf-8")
fuzzy = text.count("#, fuzzy") - text.startswith("#, fuzzy")
empty = [b for b in text.split("\n\n")[1:] if b.rstrip().endswith('msgstr ""') or 'msgstr[0] ""' in b
         or 'msgstr[1] ""' in b]
print(f"{len(empty)} untranslated, {fuzzy} fuzzy entries in {sys.argv[1]}")
PY
