"""Which Vivier runs: the version of the installed distribution, else the one the checkout's
``pyproject.toml`` declares (Vivier runs from a clone without being installed)."""

import tomllib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


@lru_cache(maxsize=1)
def version() -> str:
    if PYPROJECT.is_file():
        return str(tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"])
    try:
        return metadata.version("vivier")
    except metadata.PackageNotFoundError:
        return "unknown"
