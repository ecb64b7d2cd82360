"""Views, API handlers and commands hold no ORM write of their own: every write goes through a service, so
the page, the API and the CLI share one write path (and its rules)."""

import ast
from pathlib import Path

VIVIER = Path(__file__).resolve().parent.parent
WRITES = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
# Methods that always write when called on a model, a manager or a related manager (dicts have none).
CREATES = {"create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
# Calls that give a queryset: ``.update()`` / ``.delete()`` after them is an ORM write.
QUERYSETS = {"objects", "filter", "exclude", "all", "select_related", "prefetch_related", "order_by", "only"}
# (file relative to vivier/, line text) pairs that truly cannot move into a service, each with its reason.
ALLOWED: set[tuple[str, str]] = set()


def surfaces() -> list[Path]:
    files = [
        VIVIER / "api.py",
        *VIVIER.glob("*/views.py"),
        *VIVIER.glob("*/views/*.py"),
        *VIVIER.glob("*/api.py"),
    ]
    files += VIVIER.glob("*/management/commands/*.py")
    return sorted(f for f in files if f.exists())


def _chain(node: ast.AST) -> list[str]:
    """The attribute and method names a call's receiver is built from (``Job.objects.filter(...)``)."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        else:
            return names


def orm_writes(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        if method not in WRITES:
            continue
        on_queryset = bool(QUERYSETS & set(_chain(receiver)))
        if (
            method in CREATES
            or on_queryset
            # A model's save()/delete() take no positional argument (a file's save(path) does; so does the
            # router's delete("/path") decorator).
            or (method in ("save", "delete") and not node.args)
        ):
            found.append((node.lineno, ast.unparse(node)[:100]))
    return found


def test_views_api_and_commands_hold_no_orm_write():
    offenders = []
    for path in surfaces():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for lineno, call in orm_writes(source):
            where = str(path.relative_to(VIVIER))
            if (where, lines[lineno - 1].strip()) not in ALLOWED:
                offenders.append(f"{where}:{lineno}: {call}")
    assert not offenders, "ORM writes outside services:\n" + "\n".join(offenders)


def test_the_check_sees_the_writes_it_is_meant_to_refuse():
    source = """
campaign.delete()
Job.objects.create(title="x")
Candidate.objects.filter(team=team).update(city="Lyon")
candidate.tags.get_or_create(kind="skill")
form.save()
job.save(update_fields=["title"])
"""
    assert [line for line, _ in orm_writes(source)] == [2, 3, 4, 5, 6, 7]
    harmless = """
context.update({"a": 1})
data.update(a=1)
cursor.save(path)
@router.delete("/x")
def f(): pass
"""
    assert orm_writes(harmless) == []
