"""The notebook suite: stored without outputs, in sync with its jupytext twins, executed end to end.

Each notebook in ``notebooks/`` is executed with nbclient in a fresh ``python3`` kernel, with
``notebooks/`` as working directory (as in JupyterLab). Notebooks write their outputs to
``FRAMING_OUT`` (a temporary folder here) and figures to ``FRAMING_FIGURES`` (a temporary
folder here; ``figures/`` when ``make figures`` runs them).
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TWINS = NOTEBOOKS / "py"
EXPECTED = [
    "01-quickstart",
    "02-tone",
    "03-loaded-language",
    "04-attribution",
    "05-frames-and-distinctive-words",
    "06-figures-for-a-paper",
    "07-classroom-exercise",
    "08-your-own-corpus",
]

#: notebooks whose library API has not landed yet: name -> which issue delivers it.
#: A notebook listed here is skipped (with the missing names) only while a name it calls, or a
#: span layer it reads, is missing; a notebook that is not listed fails instead. Remove a
#: notebook from this map as soon as it runs, so that a later regression fails loudly.
PENDING: dict[str, str] = {}

#: span layers each notebook reads (its tables, highlights and figures need them); a layer
#: counts as present when one of the built-in annotators declares it.
LAYERS: dict[str, tuple[str, ...]] = {
    "01-quickstart": ("tone", "loaded", "hedge", "scare_quote", "source", "cue"),
    "02-tone": ("tone",),
    "03-loaded-language": ("loaded", "hedge", "booster", "factive", "assertive", "scare_quote"),
    "04-attribution": ("source", "cue", "content"),
    "05-frames-and-distinctive-words": ("frame",),
    "06-figures-for-a-paper": ("tone", "loaded", "hedge", "booster", "source", "cue", "frame"),
    "07-classroom-exercise": ("loaded", "scare_quote", "source", "cue"),
    "08-your-own-corpus": ("tone", "loaded", "hedge", "source"),
}


def _notebook(name: str):
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_the_suite_is_complete():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED
    assert sorted(p.stem for p in TWINS.glob("*.py")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_stored_without_outputs(name):
    nb = _notebook(name)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name} cell {i} carries outputs: clear them before committing"
            assert cell.execution_count is None, f"{name} cell {i} carries an execution count"
        assert "attachments" not in cell or not cell.attachments, f"{name} cell {i} carries attachments"
    assert nb.metadata.kernelspec.name == "python3"
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("name", EXPECTED)
def test_jupytext_twin_is_in_sync(name):
    """``notebooks/py/NAME.py`` (py:percent) holds exactly the cells of ``NAME.ipynb``."""
    nb = _notebook(name)
    twin = jupytext.read(TWINS / f"{name}.py")
    got = [(c.cell_type, c.source) for c in twin.cells]
    want = [(c.cell_type, c.source) for c in nb.cells]
    assert got == want, (
        f"notebooks/{name}.ipynb and notebooks/py/{name}.py differ; "
        f"run: .venv/bin/jupytext --sync notebooks/py/{name}.py"
    )


@pytest.mark.parametrize("name", EXPECTED)
def test_opens_with_question_time_and_theme(name):
    nb = _notebook(name)
    first, second = nb.cells[0], nb.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# "), name
    assert "answers" in first.source.lower() and "minute" in first.source.lower(), (
        f"{name}: the first cell must say what the notebook answers and how long it takes"
    )
    assert second.cell_type == "code" and "import framing" in second.source
    assert "figures.theme(" in second.source, f"{name}: the first code cell sets the theme"


@pytest.mark.parametrize("name", EXPECTED)
def test_no_logic_or_hand_saved_figures_in_notebooks(name):
    """Helpers belong in ``framing/``; figures are written only through ``save_figure``."""
    for src in _code(_notebook(name)):
        tree = ast.parse(src)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)), (
                f"{name}: defines {getattr(node, 'name', 'a lambda')}; move it into framing/"
            )
            if isinstance(node, ast.Attribute):
                assert node.attr != "savefig", f"{name}: save figures with framing.viz.figures.save_figure"
        assert "ipywidgets" not in src, f"{name}: notebooks must run without ipywidgets"


def _framing_names(nb) -> set[str]:
    """Dotted names the notebook uses from the library: ``framing.x``, ``figures.y``, ``from framing.m import z``."""
    aliases = {"framing": "framing"}
    names: set[str] = set()
    for src in _code(nb):
        tree = ast.parse(src)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "framing":
                for a in node.names:
                    dotted = f"{node.module}.{a.name}"
                    aliases[a.asname or a.name] = dotted
                    names.add(dotted)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == "framing":
                        aliases[a.asname or a.name] = a.name
                        names.add(a.name)
    for src in _code(nb):
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                names.add(f"{aliases[node.value.id]}.{node.attr}")
    return names


def _resolves(dotted: str) -> bool:
    """Whether ``framing.a.b`` names something the library defines (module or attribute)."""
    head, *rest = dotted.split(".")
    obj, path = importlib.import_module(head), head
    for attr in rest:
        path = f"{path}.{attr}"
        try:
            obj = getattr(obj, attr)
        except (AttributeError, ImportError):  # the lazy exports import on access
            try:
                obj = importlib.import_module(path)
            except ImportError:
                return False
    return True


def _declared_layers() -> set[str]:
    from framing.analysis import default_annotators

    return {layer for annotator in default_annotators() for layer in annotator.layers}


def missing_api(name: str) -> list[str]:
    """The library names the notebook calls and the span layers it reads that do not exist yet."""
    names = sorted(n for n in _framing_names(_notebook(name)) if not _resolves(n))
    declared = _declared_layers()
    return names + [f"layer {layer!r}" for layer in LAYERS[name] if layer not in declared]


def test_layer_requirements_cover_every_notebook():
    assert sorted(LAYERS) == EXPECTED
    assert set(PENDING) <= set(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_end_to_end(name, tmp_path):
    from tools.make_figures import execute_notebook

    missing = missing_api(name)
    if missing and name in PENDING:
        pytest.skip(f"{name} waits for {PENDING[name]}: missing {', '.join(missing)}")
    assert not missing, f"{name} calls names the library does not define: {', '.join(missing)}"
    out, figs = tmp_path / "out", tmp_path / "figures"
    out.mkdir()
    nb = execute_notebook(
        NOTEBOOKS / f"{name}.ipynb",
        env={
            "FRAMING_OUT": str(out),
            "FRAMING_FIGURES": str(figs),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        },
        timeout=300,
    )
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert not (NOTEBOOKS / "figures").exists(), "notebooks must not write figures beside themselves"
    CHECK_OUTPUTS.get(name, lambda written, tmp: None)(written, tmp_path)


def _figures_written(written, tmp):
    names = {Path(p).stem for p in written if p.startswith("figures/") and not p.endswith(".md")}
    assert len(names) >= 5, written
    for stem in names:
        for ext in ("pdf", "svg", "png"):
            assert (tmp / "figures" / f"{stem}.{ext}").stat().st_size > 1000
    methods = [p for p in written if p.endswith("methods.md")]
    assert methods, written
    text = (tmp / methods[0]).read_text()
    assert "framing" in text and "version" in text.lower()
    # the notebook and `make figures` draw the same figures of the bundled corpus byte for byte,
    # so running either leaves figures/ the same (run as `make figures` does, in a fresh process)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "make_figures.py"),
            "--corpus",
            str(ROOT / "corpus" / "la-ice-raids-2025"),
            "--results",
            str(tmp / "make-results"),
            "--figures",
            str(tmp / "make-figures"),
            "--no-notebooks",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    reference = sorted(p for p in (tmp / "make-figures").iterdir() if p.suffix in (".pdf", ".svg", ".png"))
    assert {p.stem for p in reference} == names
    differ = [p.name for p in reference if (tmp / "figures" / p.name).read_bytes() != p.read_bytes()]
    assert differ == [], f"notebook 06 and make figures draw these figures differently: {differ}"


def _worksheet_written(written, tmp):
    sheets = [p for p in written if p.endswith(".html")]
    assert sheets, written
    html = (tmp / sheets[0]).read_text()
    assert "<html" in html.lower() and "@media print" in html


def _results_exported(written, tmp):
    assert any(p.endswith("documents.csv") for p in written), written
    assert any(p.endswith("comparison.csv") for p in written), written


CHECK_OUTPUTS = {
    "06-figures-for-a-paper": _figures_written,
    "07-classroom-exercise": _worksheet_written,
    "08-your-own-corpus": _results_exported,
}


# ---------------------------------------------------------------------------
# make lab


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as resp:  # local server started by this test
        return json.loads(resp.read())


@pytest.mark.slow
def test_make_lab_serves_the_notebooks_with_the_python3_kernel(tmp_path):
    """``make lab`` starts JupyterLab on notebooks/; it lists every notebook and the python3 kernel."""
    port, token = _free_port(), "framing-test"
    args = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token={token} "
        "--ServerApp.port_retries=0"
    )
    if os.geteuid() == 0:  # containers and CI often run as root; JupyterLab refuses that by default
        args += " --allow-root"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
    }
    proc = subprocess.Popen(
        ["make", "-s", "-o", ".venv/.installed", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/status?token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"make lab did not start: {proc.stdout.read().decode()[-2000:]}")
                time.sleep(0.5)
        listing = _get(f"{base}/contents?token={token}")
        served = {item["name"] for item in listing["content"]}
        assert {f"{name}.ipynb" for name in EXPECTED} <= served
        specs = _get(f"{base}/kernelspecs?token={token}")
        assert "python3" in specs["kernelspecs"]
        argv0 = specs["kernelspecs"]["python3"]["spec"]["argv"][0]
        assert argv0 == "python" or Path(argv0).parent == ROOT / ".venv" / "bin", argv0
        nb = _get(f"{base}/contents/01-quickstart.ipynb?token={token}")
        assert nb["type"] == "notebook" and nb["content"]["cells"]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
