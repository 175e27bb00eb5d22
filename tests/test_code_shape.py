"""The package keeps a shape a maintainer can change: no import cycles, no oversized functions.

Read from the source with ``ast`` (nothing is imported). Limits: 100 lines and 40 branches a
function (``docs/architecture.md``); a function over them is split by meaning.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "framing"
MAX_LINES, MAX_BRANCHES = 100, 40
BRANCHES = (
    ast.If,
    ast.For,
    ast.While,
    ast.Try,
    ast.With,
    ast.BoolOp,
    ast.IfExp,
    ast.comprehension,
    ast.ExceptHandler,
    ast.Match,
    ast.AsyncFor,
    ast.AsyncWith,
)


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, tree: ast.AST, modules: set[str]) -> set[str]:
    """The framing modules ``path`` imports, at module level or inside functions."""
    me = _module(path)
    package = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = (
                ".".join(package[: len(package) - node.level + 1] + [node.module or ""]) if node.level else node.module
            )
            names = [base.strip(".")] + [f"{base}.{a.name}".strip(".") for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != me and not (path.name == "__init__.py" and name.startswith(me + ".")):
                found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module(p) for p in paths}
    return {_module(p): _imports(p, ast.parse(p.read_text(encoding="utf-8")), modules) for p in paths}


def _cycle_from(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path start -> ... -> start through the import graph, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_no_import_cycles():
    graph = _graph()
    assert "framing.analysis" in graph and "framing.layers.base" in graph["framing.analysis"]
    cycles = [c for m in graph if (c := _cycle_from(graph, m))]
    assert cycles == [], "import cycle: " + " -> ".join(cycles[0]) + " (move what both need into a third module)"


def test_the_cycle_check_sees_function_level_imports():
    modules = {"framing.a", "framing.b"}
    tree = ast.parse("def f():\n    from .b import x\n")
    assert _imports(PACKAGE / "a.py", tree, modules) == {"framing.b"}


def _functions():
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                branches = sum(isinstance(n, BRANCHES) for n in ast.walk(node))
                yield f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}", lines, branches


def test_no_function_over_the_size_limits():
    over = [
        f"{where} ({lines} lines, {branches} branches)"
        for where, lines, branches in _functions()
        if lines > MAX_LINES or branches > MAX_BRANCHES
    ]
    assert over == [], f"split by meaning (limits {MAX_LINES} lines / {MAX_BRANCHES} branches): " + "; ".join(over)
