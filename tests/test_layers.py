"""The layers of docs/architecture.md, read from the source: ``app.py -> bot/ -> ingest/``.

Every module's imports are read with ``ast`` (nothing is imported), those inside functions
included, those under ``if TYPE_CHECKING:`` left out (they never run). The rules: ``ingest/``
never imports ``bot/``; ``app.py`` imports only ``bot/`` (and the standard library and third
parties); nothing imports ``app``; and no import cycle between any of the project's modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIRST_PARTY = ("app", "bench", "bot", "ingest", "tests")


def module_name(path: Path, root: Path = REPO) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules(root: Path = REPO) -> dict[str, Path]:
    files = [root / "app.py"]
    for top in FIRST_PARTY[1:]:
        files += sorted((root / top).rglob("*.py"))
    return {module_name(p, root): p for p in files if p.is_file()}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (n for child in node.orelse for n in _import_nodes(child))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _import_nodes(node)


def imports_of(name: str, source: str, known: Iterable[str], is_package: bool = False) -> set[str]:
    """The project modules ``source`` (module ``name``) imports, most specific first:
    ``from bot.web import html`` is ``bot.web.html`` when that is a module."""
    known = set(known)
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        for target in targets:
            if target.split(".")[0] not in FIRST_PARTY:
                continue
            while target and target not in known:  # ingest.quotes.constants.X -> the module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    return {
        m: imports_of(m, p.read_text("utf-8"), modules, p.name == "__init__.py")
        for m, p in modules.items()
    }


def layer_problems(graph: Mapping[str, set[str]]) -> list[str]:
    """Every arrow against the layers, one line each."""
    problems = []
    for mod, targets in sorted(graph.items()):
        for t in sorted(targets):
            top, target_top = mod.split(".")[0], t.split(".")[0]
            if top == "ingest" and target_top == "bot":
                problems.append(f"{mod} imports {t}: ingest/ never imports bot/")
            if mod == "app" and target_top != "bot":
                problems.append(f"app.py imports {t}: it imports only bot/")
            if t == "app":
                problems.append(f"{mod} imports app: nothing imports app.py")
    return problems


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the modules around it (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


# ------------------------------------------------------------------------ the project
def test_the_project_has_no_import_cycle() -> None:
    graph = import_graph(project_modules())
    assert len(graph) > 60 and "bot.answers.engine" in graph  # it really read the tree
    assert cycles(graph) == []


def test_every_arrow_points_down_the_layers() -> None:
    graph = import_graph(project_modules())
    assert "bot.service" in graph["bot.web.callbacks"]  # it really sees the arrows
    assert layer_problems(graph) == []


def test_app_imports_only_bot() -> None:
    graph = import_graph(project_modules())
    assert graph["app"] and all(t.startswith("bot.") for t in graph["app"])


# ---------------------------------------------------------------- the checker can fail
KNOWN = {"app", "bot.a", "bot.b", "bot.web", "bot.web.html", "ingest.x", "ingest.y"}


def test_a_cycle_is_found_even_through_a_function_level_import() -> None:
    graph = {
        "bot.a": imports_of("bot.a", "from bot.b import f\n", KNOWN),
        "bot.b": imports_of("bot.b", "def g():\n    import bot.a\n", KNOWN),
        "ingest.x": imports_of("ingest.x", "from ingest.y import z\n", KNOWN),
        "ingest.y": set(),
    }
    assert cycles(graph) == [["bot.a", "bot.b"]]


def test_type_checking_imports_are_no_arrow() -> None:
    src = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot.b import B\n"
    assert imports_of("bot.a", src, KNOWN) == set()


def test_a_submodule_imported_by_name_is_that_module() -> None:
    assert imports_of("bot.a", "from bot.web import html\n", KNOWN) == {"bot.web.html"}
    assert imports_of("bot.a", "from ingest.x import thing\n", KNOWN) == {"ingest.x"}


def test_arrows_against_the_layers_are_named() -> None:
    graph = {
        "ingest.x": imports_of("ingest.x", "from bot.a import f\n", KNOWN),
        "app": imports_of(
            "app", "import gradio\nfrom ingest.y import z\nfrom bot.a import f\n", KNOWN
        ),
        "bot.b": imports_of("bot.b", "def serve():\n    import app\n", KNOWN),
    }
    assert layer_problems(graph) == [
        "app.py imports ingest.y: it imports only bot/",
        "bot.b imports app: nothing imports app.py",
        "ingest.x imports bot.a: ingest/ never imports bot/",
    ]
