"""Command line: ``framing analyze``, ``framing compare``, ``framing report``, ``framing exercise``.

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
    from .io.stream import analyze_to, export_tables

    run = analyze_to(
        args.path,
        args.out,
        chunk_size=args.chunk_size,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        text_column=args.text_column,
        id_column=args.id_column,
        progress=not args.quiet,
        overwrite=args.overwrite,
    )
    if args.format != "parts":
        export_tables(args.out, format=args.format)
    if not args.quiet:
        print(f"analysed {run.n_documents} documents {run.status} ({run.chunks_skipped} chunks resumed, "
              f"{run.docs_per_second:.1f} docs/s); tables in {args.out}/<table>/part-*.parquet"
              + ("" if args.format == "parts" else f" and {args.out}/<table>.{args.format}"), file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .viz.report import write_report

    result = analyze(args.path, text_column=args.text_column, id_column=args.id_column, progress=not args.quiet,
                     workers=None)  # every core for a corpus of 400 documents or more
    path = write_report(result, args.output, by=args.by, max_articles=args.max_articles)
    if not args.quiet:
        print(f"report of {len(result.documents)} documents grouped by {args.by}: {path}", file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    import warnings

    from .analysis import analyze
    from .errors import ComparisonNote
    from .stats.export import write_comparison

    result = analyze(args.path, text_column=args.text_column, id_column=args.id_column, progress=not args.quiet,
                     workers=None)  # every core for a corpus of 400 documents or more
    with warnings.catch_warnings():
        # the notes are printed by _show_comparison, once each, after the groups they concern
        warnings.simplefilter("ignore", ComparisonNote)
        written = write_comparison(result, args.out, by=args.by, confidence=args.confidence,
                                   n_resamples=args.n_resamples, seed=args.seed)
    _show_comparison(written["notes"], by=args.by, quiet=args.quiet)
    if args.figures:
        import pandas as pd

        from .viz.report import write_figures

        comparison = pd.read_csv(written["comparison"])
        terms = pd.read_csv(written["distinctive_terms"], keep_default_na=False, na_values=[""])
        paths = write_figures(result, f"{args.out}/figures", by=args.by, comparison=comparison, terms=terms,
                              report=False)
        written = {**written, **{f"figures/{p.name}": str(p) for p in paths}}
    if not args.quiet:
        print(f"compared {len(result.documents)} documents grouped by {args.by}; tables in {args.out}: "
              + ", ".join(sorted(written)), file=sys.stderr)
    return 0


def _show_comparison(path: str, *, by: str, quiet: bool) -> None:
    """Print to stderr the groups compared with their document counts (unless ``quiet``) and every
    note of the comparison (always: they say how to read the tables), from ``comparison.json``."""
    import json
    from pathlib import Path

    meta = json.loads(Path(path).read_text(encoding="utf-8"))["comparison"]
    if not quiet:
        excluded: dict[str, int] = {}
        for e in meta["excluded"]:
            excluded[e["group"]] = excluded.get(e["group"], 0) + 1
        counts = {name: len(ids) for name, ids in meta["groups"].items()}
        counts.update({name: 0 for name in excluded if name not in counts})
        print(f"groups by {by}: " + ", ".join(
            f"{name}: {n} document{'' if n == 1 else 's'}"
            + (f" ({excluded[name]} excluded)" if name in excluded else "")
            for name, n in counts.items()), file=sys.stderr)
    for note in meta["notes"]:
        print(f"note: {note}", file=sys.stderr)


#: the articles ``framing exercise`` uses without a PATH: the bundled pair of a source checkout
BUNDLED_PAIR = "corpus/la-ice-raids-2025"


def cmd_exercise(args: argparse.Namespace) -> int:
    from pathlib import Path

    import pandas as pd

    from .analysis import analyze
    from .classroom import exercise
    from .errors import AnalysisError
    from .io.corpus import load_corpus

    paths = args.path or [str(Path(__file__).resolve().parents[1] / BUNDLED_PAIR)]
    if not args.path and not Path(paths[0]).exists():
        raise AnalysisError(f"the bundled articles ({BUNDLED_PAIR}) are only in a source checkout; "
                            "pass one or two article files, e.g. framing exercise a.txt b.txt -o lesson.html")
    corpus = pd.concat([load_corpus(p, text_column=args.text_column, id_column=args.id_column) for p in paths],
                       ignore_index=True)
    ids = args.doc_id or corpus["doc_id"].tolist()
    if not 1 <= len(ids) <= 2:
        raise AnalysisError(f"an exercise uses one or two articles; {', '.join(paths)[:200]} hold {len(ids)}. "
                            "Choose them with --doc-id ID (once or twice)")
    result = analyze(corpus, progress=False)
    files = exercise(result, args.output, doc_ids=ids, n_sentences=args.sentences, title=args.title)
    if not args.quiet:
        print(f"lesson for students: {files.student}\nteacher view with the answer key: {files.teacher}", file=sys.stderr)
    return 0


def _corpus_options(p: argparse.ArgumentParser) -> None:
    """The options every command that reads a corpus shares."""
    p.add_argument("--text-column", default="text", help="column/field holding the article text (default: text)")
    p.add_argument("--id-column", default="doc_id", help="column/field holding the document id (default: doc_id)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")


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
        description="Analyse a corpus (folder of .txt/.md/.json files, .csv/.tsv, .jsonl or .parquet) chunk by "
        "chunk and write the tables documents, sentences, spans, attributions, measures and texts as "
        "OUT/<table>/part-NNNNN.parquet, plus manifest.json. Rerunning the same command resumes an "
        "interrupted run.",
    )
    p.add_argument("path", help="corpus folder or file")
    p.add_argument("--out", required=True, help="output folder for the tables")
    p.add_argument("--format", choices=["csv", "parquet", "parts"], default="csv",
                   help="besides the partitioned Parquet tables OUT/<table>/part-*.parquet, also write one "
                   "OUT/<table>.csv or .parquet file each; 'parts' writes only the partitioned tables (default: csv)")
    p.add_argument("--engine", choices=["auto", "serial", "processes", "dask"], default="auto",
                   help="serial (this process), processes (a local process pool), dask (dask.distributed) or auto: "
                   "processes when there are several cores and at least 4 chunks to analyse, else serial (default: auto)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786) of an existing cluster (implies --engine dask); "
                   "without it --engine dask starts a local cluster")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per CPU core)")
    p.add_argument("--chunk-size", type=int, default=250,
                   help="documents per chunk and output part; memory grows with it (default: 250)")
    p.add_argument("--overwrite", action="store_true",
                   help="delete an earlier run in --out instead of resuming it")
    _corpus_options(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser(
        "report",
        help="analyse a corpus and write one self-contained HTML report",
        description="Analyse a corpus and write one self-contained HTML file: the comparison table with 95% "
        "intervals, the main figures (inline SVG), every article highlighted and a methods section with the "
        "framing and lexicon versions. No script, no external request.",
    )
    p.add_argument("path", help="corpus folder or file")
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write (default: report.html)")
    p.add_argument("--by", default="outlet", help="documents column naming the groups to compare (default: outlet)")
    _corpus_options(p)
    p.add_argument("--max-articles", type=int, default=None, metavar="N",
                   help="highlight only the first N articles (default: all; a large corpus makes a very long page)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "compare",
        help="analyse a corpus and compare groups of documents (tables with intervals)",
        description="Analyse a corpus and write OUT/comparison.csv (every measure per pair of groups: values, "
        "difference, bootstrap intervals, permutation p-value, resampling unit), OUT/distinctive_terms.csv "
        "(weighted log-odds z-scores of words and bigrams) and OUT/comparison.json (settings and notes). "
        "Prints the groups with their document counts and every note (documents left out, missing values, "
        "the resampling unit and why) to stderr; --quiet keeps the notes.",
    )
    p.add_argument("path", help="corpus folder or file")
    p.add_argument("--out", required=True, help="output folder for the tables")
    p.add_argument("--by", default="outlet", help="documents column naming the groups (default: outlet)")
    p.add_argument("--confidence", type=float, default=0.95, help="confidence level of the intervals (default: 0.95)")
    p.add_argument("--n-resamples", type=int, default=9999, help="bootstrap resamples and permutations (default: 9999)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    _corpus_options(p)
    p.add_argument("--figures", action="store_true",
                   help="also write the main figures as PDF, SVG and PNG into OUT/figures/")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "exercise",
        help="write the classroom exercise: one self-contained HTML page students open in any browser",
        description="Write the classroom exercise for one or two articles as ONE self-contained HTML file "
        "(no network, no server, no other file: it opens from a USB stick): which words are loaded, who speaks, "
        "the discussion questions, a one-page printable worksheet and a button that saves each student's marks. "
        "The teacher view with the answer key is written beside it as <name>-teacher.html.",
    )
    p.add_argument("path", nargs="*", help="article files or a corpus folder or file (default: the bundled pair)")
    p.add_argument("-o", "--output", default="lesson.html", help="HTML file to write (default: lesson.html)")
    p.add_argument("--doc-id", action="append", metavar="ID",
                   help="the article to use when PATH holds more than two (give it once or twice)")
    p.add_argument("--sentences", type=int, default=6, metavar="N", help="sentences per passage (default: 6)")
    p.add_argument("--title", default="Same event, different words", help="title of the lesson")
    _corpus_options(p)
    p.set_defaults(func=cmd_exercise)
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
