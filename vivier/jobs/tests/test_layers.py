"""jobs sits below mail, sequences and replies: its pages and its command import none of them."""

import ast
from pathlib import Path

JOBS = Path(__file__).resolve().parent.parent
ABOVE = ("vivier.mail", "vivier.sequences", "vivier.replies", "vivier.demo")


def test_jobs_imports_nothing_from_the_apps_above_it():
    offenders = []
    for path in JOBS.rglob("*.py"):
        if "tests" in path.relative_to(JOBS).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(ABOVE)]
    assert not offenders
