"""Apps depend one way: an app may import the apps before it in ``APP_ORDER``, never one after it.

A short AST walk over ``vivier/`` rather than import-linter: the string references below are dependencies
too, and a linter of import statements does not see them. It reports, file:line ``from -> to``:

- imports of a later app, lazy imports inside functions included;
- imports in disguise: ``importlib.import_module("vivier.x...")``, ``import_string(...)``,
  ``include("vivier.x.urls")``, ``"app.Model"`` in ForeignKey/OneToOneField/ManyToManyField and
  ``apps.get_model(...)``; a computed module name (an f-string) is reported too, since it cannot be checked;
- any import cycle between apps.

Tests are not held to it: no application module imports a test, so a test cannot make a lower app depend
on a higher one, and a few lower-app tests rightly check their data through a higher app (the pool's facet
bits against segment counts, the demo seed as a realistic writer). The project modules (``settings.py``,
``urls.py``, ``api.py``, ``cli.py``, ``wsgi.py``) and ``vivier/tests/`` assemble every app and may import
any of them.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]

APP_ORDER = (
    "lib",
    "accounts",
    "pool",
    "segments",
    "jobs",
    "mail",
    "sequences",
    "replies",
    "funnel",
    "insights",
    "privacy",
    "programs",
    "demo",
)
RANK = {app: rank for rank, app in enumerate(APP_ORDER)}

# Known edges against the order, removed by the branches that move the code; the lead empties this at merge.
# (from app, to app, path relative to vivier/)
ALLOWED: set[tuple[str, str, str]] = set()

MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
IMPORT_CALLS = {"import_module", "import_string", "include"}


@dataclass(frozen=True)
class Edge:
    path: str  # relative to vivier/
    line: int
    source: str  # app of the importing module
    target: str  # app it reaches
    what: str  # the module or model named

    def __str__(self) -> str:
        return f"vivier/{self.path}:{self.line}: {self.source} -> {self.target} ({self.what})"


def app_of(path: str) -> str | None:
    """The app a file (relative to vivier/) belongs to; None for the project modules and vivier/tests."""
    first = path.split("/", 1)[0]
    if "/" not in path or first == "tests":
        return None
    return first


def module_name(path: str) -> str:
    parts = ["vivier", *Path(path).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def target_app(dotted: str) -> str | None:
    """``vivier.sequences.engine`` -> ``sequences``; None outside vivier or for a project module."""
    parts = dotted.split(".")
    if parts[0] != "vivier" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in RANK or (PACKAGE / parts[1]).is_dir() else None


def _absolute(path: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module_name(path).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def references(path: str, source: str) -> list[tuple[int, str, str]]:
    """(line, dotted module or ``app_label.Model``, kind) for everything the module reaches in vivier."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, "import") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            if module == "vivier":
                found += [(node.lineno, f"vivier.{alias.name}", "import") for alias in node.names]
            else:
                found.append((node.lineno, module, "import"))
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            first = node.args[0] if node.args else None
            if name in IMPORT_CALLS and first is not None:
                text = _string(first)
                if text is not None:
                    found.append((node.lineno, text, name))
                elif isinstance(first, ast.JoinedStr) and (_string(first.values[0]) or "").startswith(
                    "vivier."
                ):
                    found.append((node.lineno, "vivier.<computed>", name))
            elif name in MODEL_FIELDS:
                keywords = {k.arg: k.value for k in node.keywords}
                text = _string(keywords.get("to", first))
                if text and "." in text:
                    found.append((node.lineno, f"model:{text}", name))
            elif name == "get_model" and node.args:
                label = _string(first)
                if label and len(node.args) >= 2 and _string(node.args[1]):
                    label = f"{label}.{_string(node.args[1])}"
                if label and "." in label:
                    found.append((node.lineno, f"model:{label}", name))
    return found


def edges(path: str, source: str) -> list[Edge]:
    """Every reference from the module at ``path`` (relative to vivier/) to another app."""
    source_app = app_of(path)
    result = []
    for line, what, _kind in references(path, source):
        if what.startswith("model:"):
            target = what.removeprefix("model:").split(".")[0]
        elif what == "vivier.<computed>":
            target = "<computed>"
        else:
            target = target_app(what)
        if target and source_app and target != source_app:
            result.append(Edge(path, line, source_app, target, what.removeprefix("model:")))
    return result


def violations(found: list[Edge], allowed=frozenset()) -> list[Edge]:
    """Edges against the order (or to an app the order does not know), less the allowed ones."""
    bad = []
    for edge in found:
        if (edge.source, edge.target, edge.path) in allowed:
            continue
        if edge.target not in RANK or edge.source not in RANK or RANK[edge.target] > RANK[edge.source]:
            bad.append(edge)
    return bad


def cycles(found: list[Edge]) -> list[list[str]]:
    """The groups of apps that reach each other (strongly connected components of more than one app)."""
    graph: dict[str, set[str]] = {}
    for edge in found:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def is_checked(path: str) -> bool:
    """Migrations follow the models they were generated from; tests are leaves (see the module's docstring)."""
    parts = path.split("/")
    return (
        "migrations" not in parts and "tests" not in parts and not parts[-1].startswith(("test_", "conftest"))
    )


def tree_edges() -> list[Edge]:
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        path = file.relative_to(PACKAGE).as_posix()
        if not is_checked(path):
            continue
        found += edges(path, file.read_text(encoding="utf-8"))
    return found


def test_no_app_imports_a_later_app():
    bad = violations(tree_edges(), ALLOWED)

    assert not bad, (
        "imports against the app order (" + " < ".join(APP_ORDER) + "):\n" + "\n".join(map(str, bad))
    )


def test_no_import_cycle_between_apps():
    found = [e for e in tree_edges() if (e.source, e.target, e.path) not in ALLOWED]

    groups = cycles(found)

    # Within a group, the edges against the order are the ones to remove.
    assert not groups, "\n".join(
        " <-> ".join(group)
        + "\n  "
        + "\n  ".join(str(e) for e in found if {e.source, e.target} <= set(group) and e in violations([e]))
        for group in groups
    )


def test_every_allowed_exception_still_exists():
    """An entry that no longer matches anything is removed, so the list only shrinks."""
    found = {(e.source, e.target, e.path) for e in tree_edges()}

    assert not ALLOWED - found, f"stale ALLOWED entries: {sorted(ALLOWED - found)}"


def test_every_app_folder_has_a_place_in_the_order():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} - {"tests"}

    assert not folders - set(RANK), f"add {sorted(folders - set(RANK))} to APP_ORDER (and to STYLE.md)"


FAKE = """
from vivier.pool.models import Candidate
from .engine import step

def lazy():
    from vivier.replies.handling import inbound_handle
    import vivier.demo.seed

class Row(models.Model):
    message = models.ForeignKey("replies.Reply", on_delete=models.CASCADE)
    pool = models.ForeignKey(to="pool.Candidate", on_delete=models.CASCADE)
    same = models.ForeignKey("Step", on_delete=models.CASCADE)

def hidden(app):
    importlib.import_module("vivier.replies.demo")
    import_string("vivier.funnel.handlers.handle_one_offer")
    apps.get_model("privacy", "Erasure")
    apps.get_model("pool.Candidate")
    include("vivier.demo.urls")
    importlib.import_module(f"vivier.{app}.api")
"""


@pytest.mark.parametrize(
    "target, what, line",
    [
        ("replies", "vivier.replies.handling", 6),
        ("demo", "vivier.demo.seed", 7),
        ("replies", "replies.Reply", 10),
        ("replies", "vivier.replies.demo", 15),
        ("funnel", "vivier.funnel.handlers.handle_one_offer", 16),
        ("privacy", "privacy.Erasure", 17),
        ("demo", "vivier.demo.urls", 19),
        ("<computed>", "vivier.<computed>", 20),
    ],
)
def test_it_reports_each_later_import_with_its_line(target, what, line):
    bad = violations(edges("sequences/fake.py", FAKE))

    assert Edge("sequences/fake.py", line, "sequences", target, what) in bad


def test_it_lets_an_app_import_earlier_apps_and_itself():
    found = edges("sequences/fake.py", FAKE)
    bad = violations(found)

    assert {e.target for e in found} - {e.target for e in bad} == {"pool"}
    assert len(bad) == 8
    assert "vivier/sequences/fake.py:6: sequences -> replies (vivier.replies.handling)" in map(str, bad)


def test_it_resolves_relative_imports_against_the_package():
    source = "from ..demo import seed\nfrom . import views\nfrom .. import funnel\n"

    found = edges("sequences/engine.py", source)

    assert [(e.line, e.target, e.what) for e in found] == [
        (1, "demo", "vivier.demo"),
        (3, "funnel", "vivier.funnel"),
    ]


def test_allowed_edges_are_let_through_and_only_those():
    found = edges("mail/models.py", 'x = models.ForeignKey("sequences.Campaign", on_delete=None)\n')

    assert violations(found, {("mail", "sequences", "mail/models.py")}) == []
    assert violations(found, {("mail", "sequences", "mail/views.py")}) == found


def test_it_finds_a_cycle_between_apps():
    found = [
        Edge("a.py", 1, "mail", "sequences", "x"),
        Edge("b.py", 1, "sequences", "replies", "x"),
        Edge("c.py", 1, "replies", "mail", "x"),
        Edge("d.py", 1, "replies", "pool", "x"),
    ]

    assert cycles(found) == [["mail", "replies", "sequences"]]
    assert cycles(found[1:]) == []
