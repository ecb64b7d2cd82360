"""What ``django.setup()`` imports: every ``vivier`` command pays for it, so the heavy modules (the reply
understanding, the views, ``requests``, django-ninja and pydantic) load when used, not at start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core import checks
from django.test.utils import override_settings

ROOT = Path(__file__).resolve().parents[2]
HEAVY = [
    "vivier.replies.understanding.classifier",
    "vivier.replies.services",
    "vivier.sequences.views",
    "anymail.checks",
    "requests",
    "ninja",
    "pydantic",
]


def test_setup_leaves_the_heavy_modules_for_later(tmp_path):
    code = (
        "import json, sys, django; django.setup(); "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="vivier.settings", VIVIER_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_anymails_checks_still_run():
    with override_settings(ANYMAIL={"DEBUG_API_REQUESTS": True}, DEBUG=False):
        ids = [message.id for message in checks.run_checks()]
    assert "anymail.W002" in ids
