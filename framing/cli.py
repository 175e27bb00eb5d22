"""Command line: ``framing analyze``, ``framing compare``, ``framing report``, ``framing exercise``.

Exit codes: 0 success, 1 data or system error, 2 usage error, 130 Ctrl-C, 143 SIGTERM (``kill``).
Every failure is one line on stderr (the file or option, what went wrong, what to do),
never a traceback; ``framing --debug COMMAND ...`` shows the traceback.
Each command is one function ``cmd_<name>(args)`` registered in :func:`build_parser`.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys

from ._version import __version__
from .errors import FramingError
from .stats.trends import PERIODS

__all__ = ["main", "build_parser"]


def cmd_analyze(args: argparse.Namespace) -> int:
    from .io.stream import analyze_to, export_tables

    _check_output_folder(args.out, "--out")
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
        print(
            f"analysed {run.n_documents} documents {run.status} ({run.chunks_skipped} chunks resumed, "
            f"{run.docs_per_second:.1f} docs/s); tables in {args.out}/<table>/part-*.parquet"
            + ("" if args.format == "parts" else f" and {args.out}/<table>.{args.format}"),
            file=sys.stderr,
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .viz.report import write_report

    _check_output_file(args.output, "-o/--output")
    _check_not_empty(args, "report")
    corpus = _grouped_corpus(args)
    result = analyze(corpus, progress=not args.quiet, workers=None)  # every core for 400 documents or more
    path = write_report(result, args.output, by=args.by, max_articles=args.max_articles)
    if not args.quiet:
        print(f"report of {len(result.documents)} documents grouped by {args.by}: {path}", file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    import warnings

    from .analysis import analyze
    from .errors import ComparisonNote
    from .stats.export import write_comparison

    _check_output_folder(args.out, "--out")
    _check_not_empty(args, "compare")
    corpus = _grouped_corpus(args)
    result = analyze(corpus, progress=not args.quiet, workers=None)  # every core for 400 documents or more
    with warnings.catch_warnings():
        # the notes are printed by _show_comparison, once each, after the groups they concern
        warnings.simplefilter("ignore", ComparisonNote)
        written = write_comparison(
            result,
            args.out,
            by=args.by,
            confidence=args.confidence,
            n_resamples=args.n_resamples,
            seed=args.seed,
            period=args.period,
        )
    _show_comparison(written["notes"], by=args.by, quiet=args.quiet)
    if args.figures:
        import pandas as pd

        from .viz.report import write_figures

        comparison = pd.read_csv(written["comparison"])
        terms = pd.read_csv(written["distinctive_terms"], keep_default_na=False, na_values=[""])
        paths = write_figures(
            result, f"{args.out}/figures", by=args.by, comparison=comparison, terms=terms, report=False
        )
        written = {**written, **{f"figures/{p.name}": str(p) for p in paths}}
    if not args.quiet:
        print(
            f"compared {len(result.documents)} documents grouped by {args.by}; tables in {args.out}: "
            + ", ".join(sorted(written)),
            file=sys.stderr,
        )
    return 0


class UsageError(Exception):
    """A command line that cannot work as given (an output path that is a file or cannot be
    written): one line on stderr, exit code 2."""


def _check_output_file(path: str, option: str) -> None:
    """Before any work: ``path`` can be written as a file (not a folder; its folder can be made)."""
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path}: is a folder; give {option} a file name, e.g. {target / 'report.html'}")
    _check_writable(target.parent, f"{option} {path}")


def _check_output_folder(path: str, option: str) -> None:
    """Before any work: ``path`` is a folder, or can be made one, and can be written to."""
    from pathlib import Path

    if not path:
        raise UsageError(f"{option} is empty; give a folder")
    if Path(path).exists() and not Path(path).is_dir():
        raise UsageError(f"{path}: is a file, not a folder; give {option} a folder (new or empty)")
    _check_writable(Path(path), f"{option} {path}")


def _check_writable(folder, what: str) -> None:
    """``folder`` exists or can be made (its nearest existing ancestor is a folder we can write to)."""
    import os

    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{what}: {existing} is a file, not a folder; choose another path")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{what}: {existing} cannot be written to (read-only or no permission); choose another path")


def _check_not_empty(args: argparse.Namespace, command: str) -> None:
    """Before the analysis: the corpus yields at least one document (and its columns are found)."""
    from .errors import CorpusError
    from .io.corpus import iter_corpus

    records = iter_corpus(args.path, text_column=args.text_column, id_column=args.id_column)
    if next(iter(records), None) is None:
        raise CorpusError(
            f"{args.path}: holds no documents, so there is nothing to {command}; check the path "
            "(a folder of .txt/.md/.json files, or a .csv/.tsv/.jsonl/.parquet file with rows)"
        )


def _grouped_corpus(args: argparse.Namespace):
    """The corpus, read before any analysis, after checking that ``--by`` names one of its columns.

    The columns are those of the corpus itself (its metadata), so a wrong ``--by`` is caught
    before minutes of analysis, and the message lists the columns there are.
    """
    from .errors import AnalysisError
    from .io.corpus import load_corpus

    corpus = load_corpus(args.path, text_column=args.text_column, id_column=args.id_column)
    columns = [str(c) for c in corpus.columns if c not in ("text", "source", "load_note")]
    if args.by != "doc_id" and args.by not in columns:
        close = [c for c in columns if c.casefold() == args.by.casefold()]
        hint = f"; did you mean --by {close[0]}?" if close else "."
        raise AnalysisError(
            f"--by {args.by}: the corpus has no such column{hint} Use --by COLUMN with one of: "
            + ", ".join(columns[:20])
            + (", ..." if len(columns) > 20 else "")
        )
    return corpus


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
        print(
            f"groups by {by}: "
            + ", ".join(
                f"{name}: {n} document{'' if n == 1 else 's'}"
                + (f" ({excluded[name]} excluded)" if name in excluded else "")
                for name, n in counts.items()
            ),
            file=sys.stderr,
        )
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
        raise AnalysisError(
            f"the bundled articles ({BUNDLED_PAIR}) are only in a source checkout; "
            "pass one or two article files, e.g. framing exercise a.txt b.txt -o lesson.html"
        )
    corpus = pd.concat(
        [load_corpus(p, text_column=args.text_column, id_column=args.id_column) for p in paths], ignore_index=True
    )
    ids = args.doc_id or corpus["doc_id"].tolist()
    if not 1 <= len(ids) <= 2:
        raise AnalysisError(
            f"an exercise uses one or two articles; {', '.join(paths)[:200]} hold {len(ids)}. "
            "Choose them with --doc-id ID (once or twice)"
        )
    result = analyze(corpus, progress=False)
    files = exercise(result, args.output, doc_ids=ids, n_sentences=args.sentences, title=args.title)
    if not args.quiet:
        print(
            f"lesson for students: {files.student}\nteacher view with the answer key: {files.teacher}", file=sys.stderr
        )
    return 0


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit code 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {_one_line(message)}; see '{self.prog} --help'\n")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number (1 or more)")
    return number


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not (0 < number < 1):
        raise argparse.ArgumentTypeError(f"{value!r} is not between 0 and 1 (e.g. 0.95)")
    return number


def _corpus_options(p: argparse.ArgumentParser) -> None:
    """The options every command that reads a corpus shares."""
    p.add_argument("--text-column", default="text", help="column/field holding the article text (default: text)")
    p.add_argument("--id-column", default="doc_id", help="column/field holding the document id (default: doc_id)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an error")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="framing",
        description="Measure media bias and framing in news text, with the exact words as evidence.",
        epilog="Run 'framing COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and debug details")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error (also after COMMAND)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_analyze, _add_report, _add_compare, _add_exercise):
        add(sub)
    return parser


def _add_analyze(sub) -> None:
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
    p.add_argument(
        "--format",
        choices=["csv", "parquet", "parts"],
        default="csv",
        help="besides the partitioned Parquet tables OUT/<table>/part-*.parquet, also write one "
        "OUT/<table>.csv or .parquet file each; 'parts' writes only the partitioned tables (default: csv)",
    )
    p.add_argument(
        "--engine",
        choices=["auto", "serial", "processes", "dask"],
        default="auto",
        help="serial (this process), processes (a local process pool), dask (dask.distributed) or auto: "
        "processes when there are several cores and at least 4 chunks to analyse, else serial (default: auto)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://host:8786) of an existing cluster (implies --engine dask); "
        "without it --engine dask starts a local cluster",
    )
    p.add_argument("--workers", type=_positive_int, default=None, help="worker processes (default: one per CPU core)")
    p.add_argument(
        "--chunk-size",
        type=_positive_int,
        default=250,
        help="documents per chunk and output part; memory grows with it (default: 250)",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the earlier run in --out instead of resuming it (deletes only framing's files, "
        "after checking the folder can be written)",
    )
    _corpus_options(p)
    p.set_defaults(func=cmd_analyze)


def _add_report(sub) -> None:
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
    p.add_argument(
        "--max-articles",
        type=_positive_int,
        default=None,
        metavar="N",
        help="highlight only the first N articles (default: all; a large corpus makes a very long page)",
    )
    p.set_defaults(func=cmd_report)


def _add_compare(sub) -> None:
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
    p.add_argument(
        "--confidence", type=_fraction, default=0.95, help="confidence level of the intervals (default: 0.95)"
    )
    p.add_argument(
        "--n-resamples", type=_positive_int, default=9999, help="bootstrap resamples and permutations (default: 9999)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument(
        "--period",
        choices=sorted(PERIODS),
        default=None,
        help="compare the groups within each week, month, quarter or year of the documents' date column "
        "(one set of rows per period, column 'period')",
    )
    _corpus_options(p)
    p.add_argument(
        "--figures", action="store_true", help="also write the main figures as PDF, SVG and PNG into OUT/figures/"
    )
    p.set_defaults(func=cmd_compare)


def _add_exercise(sub) -> None:
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
    p.add_argument(
        "--doc-id",
        action="append",
        metavar="ID",
        help="the article to use when PATH holds more than two (give it once or twice)",
    )
    p.add_argument("--sentences", type=_positive_int, default=6, metavar="N", help="sentences per passage (default: 6)")
    p.add_argument("--title", default="Same event, different words", help="title of the lesson")
    _corpus_options(p)
    p.set_defaults(func=cmd_exercise)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 1 data or system error, 2 usage, 130 Ctrl-C, 143 SIGTERM)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # a usage error (printed in one line), --help or --version
        return stop.code if isinstance(stop.code, int) else 2
    if args.command is None:
        print("framing: error: no command given; 'framing --help' lists the commands", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if getattr(args, "path", None) == "":
        print(f"framing {args.command}: error: the corpus path is empty; give a folder or file", file=sys.stderr)
        return 2
    try:
        with _one_line_warnings(), _terminate_as_interrupt():
            return args.func(args)
    except UsageError as exc:
        if args.debug:
            raise
        print(f"framing {args.command}: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (_Terminated)
        if args.debug:
            raise
        what, code = ("terminated", 143) if isinstance(stop, _Terminated) else ("interrupted", 130)
        resume = "; rerun the same command to resume (finished chunks are kept)" if args.command == "analyze" else ""
        print(f"framing: {what}{resume}", file=sys.stderr)
        return code
    except Exception as exc:  # the command line's last resort: one line, never a traceback (unless --debug)
        if args.debug:
            raise
        print(f"framing: error: {_one_line(_message(exc, args))}", file=sys.stderr)
        return 1


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


#: what to do about an OS error, by errno
_OS_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space",
    errno.EDQUOT: "the disk quota is used up: free some space",
    errno.EROFS: "the file system is read-only: choose a location you can write to",
    errno.EACCES: "check its permissions or choose another location",
    errno.EPERM: "check its permissions or choose another location",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.EISDIR: "it is a folder, not a file: give a file path",
    errno.ENOENT: "check the path",
    errno.EEXIST: "a file of that name is in the way: remove it or choose another path",
    errno.ENAMETOOLONG: "choose a shorter path",
}


#: OS errors after which rerunning ``framing analyze`` resumes the run (once the cause is fixed)
_RESUMABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def _message(exc: Exception, args: argparse.Namespace) -> str:
    """The one-line message of an error: framing's own as written; an OS error with its path, what
    went wrong and what to do; anything else with its type and the advice to rerun with --debug."""
    if isinstance(exc, FramingError):
        return str(exc)
    if isinstance(exc, OSError):
        path = exc.filename if exc.filename is not None else "(no file named)"
        what = exc.strerror or type(exc).__name__
        advice = _OS_ADVICE.get(exc.errno, "check the path and try again")
        if args.command == "analyze" and exc.errno in _RESUMABLE:
            advice += "; then rerun the same command, which resumes after the finished chunks"
        return f"{path}: {what}; {advice}"
    if isinstance(exc, MemoryError):
        return (
            "out of memory; analyse the corpus with 'framing analyze' (chunk by chunk) and a smaller "
            "--chunk-size, or rerun with --debug to see where"
        )
    return (
        f"unexpected {type(exc).__name__}: {exc}. This is a bug of framing or an input it does not "
        "handle; rerun with --debug to see the traceback, and report it"
    )


class _Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``), raised like Ctrl-C so that the run stops its workers and unlocks its folder."""


class _terminate_as_interrupt:
    """While a command runs in the main thread, SIGTERM raises :class:`_Terminated`."""

    def __enter__(self):
        import signal
        import threading

        self._saved = None
        if threading.current_thread() is threading.main_thread():
            self._saved = signal.signal(signal.SIGTERM, self._raise)
        return self

    def __exit__(self, *exc_info):
        import signal

        if self._saved is not None:
            signal.signal(signal.SIGTERM, self._saved)

    @staticmethod
    def _raise(signum, frame):
        raise _Terminated


class _one_line_warnings:
    """Warnings printed as one line each (``framing: note: ...``), not with the source line."""

    def __enter__(self):
        import warnings

        self._saved = warnings.showwarning
        warnings.showwarning = self._show
        return self

    def __exit__(self, *exc_info):
        import warnings

        warnings.showwarning = self._saved

    @staticmethod
    def _show(message, category, filename, lineno, file=None, line=None):
        print(f"framing: note: {_one_line(str(message))}", file=file or sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
