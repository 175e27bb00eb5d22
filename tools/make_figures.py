"""The main job behind ``make figures``: analyse the bundled corpus, write results and figures.

Project tooling, not part of the installed library (it needs the checkout's ``notebooks/``).
Steps:

1. analyse ``--corpus`` and write the result tables to ``--results``;
2. regenerate the comparison figures in ``--figures`` (deterministic SVG/PDF/PNG) and the
   ready-made classroom exercise ``lesson.html`` with its ``lesson-teacher.html``;
3. execute the notebooks that write figures.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def run(corpus: str, results: str, figures: str, by: str = "doc_id", notebooks: bool = True) -> int:
    """Steps 1-3; ``notebooks=False`` skips step 3 (the figure notebooks draw the same figures,
    byte for byte, so skipping it changes nothing in ``figures``; it only saves time)."""
    from framing import analyze
    from framing.viz.report import write_figures

    result = analyze(corpus)
    result.save(results, format="csv")
    print(f"{result!r}\nresult tables in {results}/", file=sys.stderr)
    written = write_figures(result, figures, by=by)
    print(f"figures and report in {figures}/: " + ", ".join(sorted({p.name for p in written})), file=sys.stderr)
    lesson = write_lesson(result, figures)
    print(f"classroom exercise: {lesson.student} (teacher view: {lesson.teacher.name})", file=sys.stderr)
    if notebooks:
        run_figure_notebooks(figures, corpus=corpus)
    return 0


def write_lesson(result, figures: str | Path):
    """The classroom exercise of the bundled articles, ``FIGURES/lesson.html`` and ``lesson-teacher.html``:
    ready for a teacher who installs nothing. Byte-identical on re-runs."""
    from framing.classroom import exercise

    return exercise(result, Path(figures) / "lesson.html")


# ---------------------------------------------------------------------------
# Step 3: the notebooks that write figures

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: notebooks executed by ``make figures``; each analyses the corpus named by the environment
#: variable ``FRAMING_CORPUS`` and writes its figures with ``save_figure`` into ``FRAMING_FIGURES``
FIGURE_NOTEBOOKS = ("06-figures-for-a-paper.ipynb",)


def execute_notebook(path, *, env: dict[str, str] | None = None, timeout: int = 600, kernel_name: str = "python3"):
    """Execute the notebook at ``path`` end to end in a fresh kernel; return the executed notebook.

    The kernel runs with the notebook's folder as working directory (as in JupyterLab)
    and ``os.environ`` plus ``env``; ``PYTHONHASHSEED`` is fixed so runs are repeatable.
    The executed notebook is returned, never written back: notebooks stay without outputs.
    A failing cell raises ``nbclient.exceptions.CellExecutionError`` naming the cell.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name=kernel_name, timeout=timeout, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})})
    return nb


def run_figure_notebooks(figures: str | Path, *, corpus: str | Path, notebooks: Path = NOTEBOOKS) -> None:
    """Step 3: execute :data:`FIGURE_NOTEBOOKS` on ``corpus``; they write their figures into ``figures``."""
    target = Path(figures).resolve()
    env = {"FRAMING_FIGURES": str(target), "FRAMING_CORPUS": str(Path(corpus).resolve())}
    for name in FIGURE_NOTEBOOKS:
        print(f"executing notebooks/{name} -> {target}/", file=sys.stderr)
        execute_notebook(notebooks / name, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/make_figures.py", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus/la-ice-raids-2025")
    parser.add_argument("--results", default="results")
    parser.add_argument("--figures", default="figures")
    parser.add_argument("--by", default="doc_id", help="documents column naming the groups (default: doc_id)")
    parser.add_argument(
        "--no-notebooks",
        action="store_true",
        help="skip executing the figure notebooks (step 3); they redraw the same figures",
    )
    args = parser.parse_args(argv)
    return run(args.corpus, args.results, args.figures, by=args.by, notebooks=not args.no_notebooks)


if __name__ == "__main__":
    sys.exit(main())
