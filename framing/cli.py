"""Command line: ``framing analyze``, ``framing compare``, ``framing report``.

Exit codes: 0 success, 1 data error (a one-line message says what to fix), 2 usage error.
Each command is one function ``cmd_<name>(args)`` registered in :func:`build_parser`.
"""

from __future__ import annotations

import argparse
import logging
import sys

from ._version import __version__
from .errors import FramingError

__all__ = ["main", "build_parser"]


def cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze

    result = analyze(
        args.path,
        text_column=args.text_column,
        id_column=args.id_column,
        progress=not args.quiet,
    )
    written = result.save(args.out, format=args.format)
    if not args.quiet:
        counts = result.documents["status"].value_counts().to_dict()
        print(f"analysed {len(result.documents)} documents {counts}; tables in {args.out}: "
              + ", ".join(sorted(written)), file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .compare import write_comparison

    result = analyze(args.path, text_column=args.text_column, id_column=args.id_column, progress=not args.quiet)
    written = write_comparison(result, args.out, by=args.by, confidence=args.confidence,
                               n_resamples=args.n_resamples, seed=args.seed)
    if not args.quiet:
        print(f"compared {len(result.documents)} documents grouped by {args.by}; tables in {args.out}: "
              + ", ".join(sorted(written)), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure media bias and framing in news text, with the exact words as evidence.",
        epilog="Run 'framing COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        help="analyse a corpus and write the result tables",
        description="Analyse a corpus (folder of .txt/.md files, .csv/.tsv, .jsonl or .parquet) and write "
        "the tables documents, sentences, spans, attributions and measures, plus manifest.json.",
    )
    p.add_argument("path", help="corpus folder or file")
    p.add_argument("--out", required=True, help="output folder for the tables")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv", help="table format (default: csv)")
    p.add_argument("--text-column", default="text", help="column/field holding the article text (default: text)")
    p.add_argument("--id-column", default="doc_id", help="column/field holding the document id (default: doc_id)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser(
        "compare",
        help="analyse a corpus and compare groups of documents (tables with intervals)",
        description="Analyse a corpus and write OUT/comparison.csv (every measure per pair of groups: values, "
        "difference, bootstrap intervals, permutation p-value, resampling unit), OUT/distinctive_terms.csv "
        "(weighted log-odds z-scores of words and bigrams) and OUT/comparison.json (settings and notes).",
    )
    p.add_argument("path", help="corpus folder or file")
    p.add_argument("--out", required=True, help="output folder for the tables")
    p.add_argument("--by", default="outlet", help="documents column naming the groups (default: outlet)")
    p.add_argument("--confidence", type=float, default=0.95, help="confidence level of the intervals (default: 0.95)")
    p.add_argument("--n-resamples", type=int, default=9999, help="bootstrap resamples and permutations (default: 9999)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--text-column", default="text", help="column/field holding the article text (default: text)")
    p.add_argument("--id-column", default="doc_id", help="column/field holding the document id (default: doc_id)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=cmd_compare)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return args.func(args)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
