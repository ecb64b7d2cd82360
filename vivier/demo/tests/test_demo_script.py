import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.slow
def test_demo_sh_check_installs_and_seeds_without_serving(user_env):
    # The existing virtualenv (the one running these tests), as scripts/test.sh does with VIVIER_VENV.
    env = {**user_env, "VIVIER_VENV": sys.prefix, "VIVIER_DEMO_CANDIDATES": "150"}
    env.pop("PYTHONPATH")

    result = subprocess.run(
        ["./scripts/demo.sh", "--check"], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "not serving" in result.stdout
    db = sqlite3.connect(Path(env["VIVIER_DATA_DIR"]) / "vivier.db")
    assert db.execute("select count(*) from pool_candidate").fetchone()[0] == 150


def test_demo_sh_is_executable():
    assert os.access(REPO / "scripts" / "demo.sh", os.X_OK)
