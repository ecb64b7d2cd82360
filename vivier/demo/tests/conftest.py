import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def make_user_env(data_dir: Path) -> dict:
    """The environment of a user running ``vivier`` on a fresh SQLite data folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["VIVIER_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(REPO)
    return env


def make_runner(env: dict):
    """Run ``python -m vivier ARGS`` as a user does; returns the CompletedProcess."""

    def run(*args, check=True):
        result = subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"vivier {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    return run


@pytest.fixture
def user_env(tmp_path):
    return make_user_env(tmp_path / "vivier-data")


@pytest.fixture
def vivier(user_env):
    return make_runner(user_env)
