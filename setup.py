"""Build script: compile the analysis modules with Cython where a C compiler is available.

The compiled modules are built from the very same ``framing/*.py`` files, with no type
declarations, annotations ignored (``annotation_typing=False``) and no C types inferred
(``infer_types=False``), so they follow Python's semantics and give byte-identical tables; they
need about 14% fewer instructions for the analysis (``docs/scaling.md``). Compilation is optional:

- without a C compiler the extensions are skipped (``optional=True``) and framing runs as plain
  Python;
- ``FRAMING_PURE_PYTHON=1`` at install time skips compilation on purpose.

At run time ``framing.compiled`` uses a compiled module only if it was built from the source file
now beside it (a SHA-256 recorded at build time), so an edited ``.py`` is never shadowed by an old
build. All other metadata lives in ``pyproject.toml``.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext


def _guard():
    """framing/compiled.py (the run-time side: which modules, where the record goes), by file path."""
    spec = importlib.util.spec_from_file_location("_framing_compiled", Path("framing", "compiled.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GUARD = _guard()


class RecordingBuildExt(build_ext):
    """Build the extensions (one compiler per core), then record which sources the built ones came from."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        built = {}
        for ext in self.extensions:
            name = ext.name.rpartition(".")[2]
            if Path(self.get_ext_fullpath(ext.name)).exists():
                built[name] = GUARD.source_hash(Path("framing"), name)
        target = Path(self.get_ext_fullpath(self.extensions[0].name)).parent / GUARD.RECORD
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _extensions() -> list:
    if os.environ.get(GUARD.ENV, "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # the build requirements were skipped (--no-build-isolation)
        return []
    from setuptools import Extension

    modules = [
        Extension(f"framing.{name}", [f"framing/{name}.py"], optional=True) for name in GUARD.COMPILED
    ]
    # Cython redoes a module when its source is newer than its C file; a change here counts too
    generated = [Path("framing", f"{name}.c") for name in GUARD.COMPILED]
    force = any(c.exists() and c.stat().st_mtime < Path(__file__).stat().st_mtime for c in generated)
    try:
        return cythonize(
            modules,
            force=force,
            compiler_directives={
                "language_level": 3, "binding": True,
                # plain Python semantics: no C types from annotations, none inferred
                "annotation_typing": False, "infer_types": False,
            },
            nthreads=os.cpu_count() or 1,
            quiet=True,
        )
    except Exception as exc:  # an untested Cython release: install the pure-Python package
        print(f"framing: not compiling the analysis modules ({type(exc).__name__}: {exc}); "
              "framing runs as plain Python, with the same results")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": RecordingBuildExt})
