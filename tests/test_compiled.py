"""The compiled analysis modules: built where a compiler exists, identical results, never stale."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pandas as pd
import pytest

from framing import compiled

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _c_compiler() -> str | None:
    cc = (sysconfig.get_config_var("CC") or "").split()
    return shutil.which(cc[0]) if cc else None


def _package(tmp_path: Path, sources: dict[str, str], builds: tuple[str, ...], record: dict | None) -> Path:
    pkg = tmp_path / "pkg"
    pkg.mkdir(parents=True)
    for name, text in sources.items():
        (pkg / f"{name}.py").write_text(text, encoding="utf-8")
    for name in builds:
        (pkg / f"{name}{SUFFIX}").write_bytes(b"")
    if record is not None:
        (pkg / compiled.RECORD).write_text(json.dumps(record), encoding="utf-8")
    return pkg


def test_plan_uses_a_build_only_while_its_source_is_unchanged(tmp_path):
    pkg = _package(tmp_path, {"tone": "x = 1\n", "segment": "y = 2\n", "report": "z = 3\n"},
                   ("tone", "segment"), None)
    record = {name: compiled.source_hash(pkg, name) for name in ("tone", "segment")}
    (pkg / compiled.RECORD).write_text(json.dumps(record), encoding="utf-8")
    assert compiled.plan(pkg, {}) == (["segment", "tone"], [], [])

    (pkg / "tone.py").write_text("x = 2  # edited after the build\n", encoding="utf-8")
    assert compiled.plan(pkg, {}) == (["segment"], ["tone"], [])
    assert compiled.plan(pkg, {compiled.ENV: "1"}) == ([], [], ["segment", "tone"])
    assert compiled.plan(pkg, {compiled.ENV: "0"}) == (["segment"], ["tone"], [])


def test_plan_without_a_record_or_builds(tmp_path):
    pkg = _package(tmp_path, {"tone": "x = 1\n"}, ("tone",), None)
    assert compiled.plan(pkg, {}) == ([], ["tone"], [])  # a build of unknown source is not trusted
    bare = _package(tmp_path / "b", {"tone": "x = 1\n"}, (), {"tone": "0" * 64})
    assert compiled.plan(bare, {}) == ([], [], [])


def test_every_analysis_module_is_compiled_where_a_compiler_exists():
    """The build is optional (no compiler: plain Python), so a failed build would pass unseen; not here."""
    if _c_compiler() is None:
        pytest.skip("no C compiler: framing runs as plain Python")
    stale = compiled.plan()[1]
    assert not stale, f"compiled modules built from another version of their source: {stale}; run `make setup`"
    assert compiled.compiled_modules() == list(compiled.COMPILED), (
        "some analysis modules were not compiled; `make setup` (or `pip install -e .`) prints the build errors"
    )
    import framing.tone

    assert Path(sys.modules["framing.tone"].__file__).suffix != ".py"


_RUN = """
import json, sys
import framing
from framing.stream import analyze_to
out = sys.argv[1]
analyze_to(sys.argv[3], out + "/parts", chunk_size=50, progress=False)
result = framing.analyze(framing.load_corpus(sys.argv[2]))
for name in ("documents", "sentences", "spans", "attributions"):
    getattr(result, name).to_pickle(f"{out}/{name}.pkl")
print(json.dumps(framing.compiled_modules()))
"""


def _run(tmp: Path, pure: bool, source: Path) -> list[str]:
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != compiled.ENV}
    if pure:
        env[compiled.ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(tmp), str(ROOT / "corpus" / "la-ice-raids-2025"), str(source)],
        env=env, capture_output=True, text=True, check=True, cwd=tmp,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_compiled_and_source_modules_give_identical_tables(tmp_path):
    """Byte-identical Parquet parts and equal in-memory tables, source vs compiled modules."""
    if not compiled.compiled_modules():
        pytest.skip("framing is not compiled here: nothing to compare")
    from framing.stream import synthetic_corpus

    source = tmp_path / "corpus.jsonl"  # article-length texts with a growing vocabulary, as in real news
    source.write_text("".join(json.dumps(r) + "\n" for r in synthetic_corpus(120, seed=11, vary=0.5)), encoding="utf-8")
    assert _run(tmp_path / "pure", pure=True, source=source) == []
    assert _run(tmp_path / "fast", pure=False, source=source) == list(compiled.COMPILED)
    parts = sorted(p.relative_to(tmp_path / "pure") for p in (tmp_path / "pure" / "parts").rglob("*.parquet"))
    assert len(parts) >= 4 * 3
    for part in parts:
        assert (tmp_path / "pure" / part).read_bytes() == (tmp_path / "fast" / part).read_bytes(), part
    for name in ("documents", "sentences", "spans", "attributions"):
        pd.testing.assert_frame_equal(
            pd.read_pickle(tmp_path / "pure" / f"{name}.pkl"),
            pd.read_pickle(tmp_path / "fast" / f"{name}.pkl"),
            check_exact=True,
        )


def test_pure_python_switch_imports_every_module_from_source():
    env = {**os.environ, compiled.ENV: "1"}
    code = (
        "import importlib, json, framing; from framing.compiled import COMPILED; "
        "files = [importlib.import_module('framing.' + n).__file__ for n in COMPILED]; "
        "print(json.dumps([framing.compiled_modules(), [f.endswith('.py') for f in files]]))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    names, from_source = json.loads(done.stdout)
    assert names == []
    assert all(from_source)


def test_an_edited_module_runs_from_source_with_a_warning(tmp_path):
    """A checkout edited after its build: the edited module is imported from its .py, the others stay compiled."""
    import framing

    if "tone" not in compiled.compiled_modules():
        pytest.skip("framing is not compiled here")
    copy = tmp_path / "framing"
    shutil.copytree(Path(framing.__file__).parent, copy, ignore=shutil.ignore_patterns("*.c", "__pycache__"))
    with (copy / "tone.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# edited after the build\n")
    code = (
        "import json, sys, warnings; warnings.simplefilter('always')\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    import framing, framing.tone, framing.segment\n"
        "files = [sys.modules['framing.' + n].__file__ for n in ('tone', 'segment')]\n"
        "print(json.dumps([framing.compiled_modules(), *files, [str(w.message) for w in caught]]))"
    )
    env = {k: v for k, v in os.environ.items() if k != compiled.ENV}
    env["PYTHONPATH"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names, tone_file, segment_file, messages = json.loads(done.stdout)
    assert Path(tone_file) == copy / "tone.py"
    assert Path(segment_file).parent == copy and Path(segment_file).suffix != ".py"
    assert "tone" not in names and "segment" in names
    assert any("compiled tone was built from another version of the source" in m and "make setup" in m for m in messages), messages
