"""The main job behind ``make figures``: analyse the bundled corpus, write results and figures.

Steps (each added by the layer that owns it):

1. analyse ``--corpus`` and write the result tables to ``--results``;
2. regenerate the comparison figures in ``--figures`` (deterministic SVG/PDF/PNG);
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
    from .analysis import analyze

    result = analyze(corpus)
    result.save(results, format="csv")
    print(f"{result!r}\nresult tables in {results}/", file=sys.stderr)
    written = write_figures(result, figures, by=by)
    print(f"figures and report in {figures}/: " + ", ".join(sorted({p.name for p in written})), file=sys.stderr)
    if notebooks:
        run_figure_notebooks(figures, corpus=corpus)
    return 0


# ---------------------------------------------------------------------------
# Step 2: the comparison figures and the HTML report


def write_figures(result, directory, *, by: str = "doc_id", formats=("pdf", "svg", "png"), comparison=None,
                  terms=None, report: bool = True) -> list[Path]:
    """Step 2: the main figures of ``result`` (:func:`framing.report.report_figures`) as PDF, SVG and
    PNG in ``directory``, plus ``report.html`` (:func:`framing.write_report`) unless ``report`` is
    False; returns the paths. ``comparison`` and ``terms`` are computed by ``by`` unless given
    (``framing compare --figures`` passes the tables it has just written).

    Groups are ``by`` (default ``doc_id``: the bundled corpus has one article per outlet and
    one article without an outlet). The paper theme is used; the files are byte-identical when
    the same result is written again.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    from .compare import compare
    from .figures import save_figure, theme
    from .report import report_figures, write_report

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    if comparison is None:
        comparison = compare(result, by=by)
    written: list[Path] = []
    with matplotlib.rc_context():
        theme("paper")
        for name, _caption, fig in report_figures(result, by=by, comparison=comparison, terms=terms):
            written += save_figure(fig, name, formats=formats, directory=out)
            plt.close(fig)
    if report:
        written.append(write_report(result, out / "report.html", by=by, comparison=comparison))
    return written


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
    parser = argparse.ArgumentParser(prog="python -m framing.make_figures", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus/la-ice-raids-2025")
    parser.add_argument("--results", default="results")
    parser.add_argument("--figures", default="figures")
    parser.add_argument("--by", default="doc_id", help="documents column naming the groups (default: doc_id)")
    parser.add_argument("--no-notebooks", action="store_true",
                        help="skip executing the figure notebooks (step 3); they redraw the same figures")
    args = parser.parse_args(argv)
    return run(args.corpus, args.results, args.figures, by=args.by, notebooks=not args.no_notebooks)


if __name__ == "__main__":
    sys.exit(main())
