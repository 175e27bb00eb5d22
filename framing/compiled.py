"""Which analysis modules run compiled, and a guard so that an old build never shadows new source.

Where a C compiler is available, ``setup.py`` compiles the modules on the analysis path
(:data:`COMPILED`) with Cython, from the very same ``.py`` files, and records in ``_compiled.json``
the SHA-256 of each source it compiled. Compiled and source modules give byte-identical results
(``tests/test_compiled.py``); the compiled ones are faster (``docs/scaling.md``).

On ``import framing``, :func:`install` compares those hashes with the ``.py`` files now in the
package. A module whose source changed since the build (an edited checkout, a ``git pull`` without
reinstalling) is imported from its source instead, with one warning that names it and the fix.
``FRAMING_PURE_PYTHON=1`` in the environment runs every module from source.

This module is imported before any other part of framing and uses only the standard library.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
RECORD = "_compiled.json"  # written by setup.py's build_ext: module -> SHA-256 of its source
ENV = "FRAMING_PURE_PYTHON"
# the modules setup.py compiles: those on the analysis path, the slowest first
COMPILED = (
    "tone", "segment", "attribution", "loaded", "frames", "lexicon",
    "quotes", "targets", "annotator", "analysis", "stream",
)

_from_source: dict[str, str] = {}  # full module name -> .py path imported instead of its build


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Import the listed modules from their ``.py`` file even where a compiled build sits beside it."""

    def find_spec(self, fullname, path=None, target=None):
        source = _from_source.get(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source else None


def _builds(package: Path) -> dict[str, Path]:
    """Compiled extension files in ``package`` by module name (only those with a ``.py`` beside)."""
    suffixes = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)
    found = {}
    for path in package.iterdir():
        for suffix in suffixes:
            if path.name.endswith(suffix):
                name = path.name[: -len(suffix)]
                if (package / f"{name}.py").is_file():
                    found[name] = path
                break
    return found


def source_hash(package: Path, name: str) -> str:
    """SHA-256 of a module's source file, as recorded for each build in ``_compiled.json``."""
    return hashlib.sha256((package / f"{name}.py").read_bytes()).hexdigest()


def _recorded(package: Path) -> dict[str, str]:
    try:
        return json.loads((package / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def plan(package: Path = PACKAGE, environ=os.environ) -> tuple[list[str], list[str], list[str]]:
    """Decide, for each compiled build in ``package``, whether it may be imported.

    Returns ``(compiled, stale, forced)``: the module names that run compiled, those whose source
    changed since they were compiled (run from source), and those run from source because
    ``FRAMING_PURE_PYTHON`` is set.
    """
    builds = _builds(package)
    if not builds:
        return [], [], []
    if environ.get(ENV, "") not in ("", "0"):
        return [], [], sorted(builds)
    record = _recorded(package)
    compiled, stale = [], []
    for name in sorted(builds):
        (compiled if record.get(name) == source_hash(package, name) else stale).append(name)
    return compiled, stale, []


def install(package: Path = PACKAGE, environ=os.environ) -> None:
    """Route modules that must run from source (stale builds, or ``FRAMING_PURE_PYTHON``) to their ``.py``."""
    _, stale, forced = plan(package, environ)
    for name in stale + forced:
        _from_source[f"framing.{name}"] = str(package / f"{name}.py")
    if _from_source and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder())
    if stale:
        warnings.warn(
            f"framing: the compiled {', '.join(stale)} {'was' if len(stale) == 1 else 'were'} built from "
            "another version of the source now beside it; running from the Python source "
            "(same results, slower). Recompile with `make setup` or `pip install -e .` in the checkout.",
            RuntimeWarning,
            stacklevel=3,
        )


def compiled_modules() -> list[str]:
    """The framing modules that run compiled in this process (imported ones as loaded, others as planned).

    An empty list means framing runs as plain Python: no C compiler at install time,
    ``FRAMING_PURE_PYTHON=1``, or every build made from another version of its source.
    """
    names = []
    builds = None  # looked up once, only if some module is not imported yet
    for name in COMPILED:
        module = sys.modules.get(f"framing.{name}")
        if module is not None:
            if not str(getattr(module, "__file__", "")).endswith(".py"):
                names.append(name)
        elif f"framing.{name}" not in _from_source:
            builds = _builds(PACKAGE) if builds is None else builds
            if name in builds:
                names.append(name)
    return names
