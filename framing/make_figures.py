"""The main job behind ``make figures``: analyse the bundled corpus, write results and figures.

Steps (each added by the layer that owns it):

1. analyse ``--corpus`` and write the result tables to ``--results``;
2. regenerate the comparison figures in ``--figures`` (deterministic SVG/PDF/PNG);
3. execute the notebooks that write figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(corpus: str, results: str, figures: str) -> int:
    from .analysis import analyze

    result = analyze(corpus)
    result.save(results, format="csv")
    Path(figures).mkdir(parents=True, exist_ok=True)
    print(f"{result!r}\nresult tables in {results}/", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framing.make_figures", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus/la-ice-raids-2025")
    parser.add_argument("--results", default="results")
    parser.add_argument("--figures", default="figures")
    args = parser.parse_args(argv)
    return run(args.corpus, args.results, args.figures)


if __name__ == "__main__":
    sys.exit(main())
