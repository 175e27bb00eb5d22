"""``framing.analyze``: segment every document, run the annotators, return tidy tables.

The result is an :class:`Analysis` holding four tidy tables and the long measures:

``documents``
    one row per input document, always, in input order: metadata, ``status``
    (``ok``, ``warning``, ``empty`` or ``error``), ``status_detail``, the counts
    ``n_paragraphs``, ``n_sentences``, ``n_tokens`` and every document measure.
``sentences``
    ``doc_id, sent_index, para_index, kind, start, end, text, n_tokens`` plus the
    per-sentence measures of the annotators (e.g. ``tone``).
``spans``
    the evidence: ``doc_id, sent_index, start, end, text, layer, category, rule``
    plus detail columns. ``documents.text[start:end] == spans.text``, always.
``attributions``
    one row per attribution relation (source, cue, content).
``measures``
    the long form ``doc_id, measure, value`` of every document measure, for
    plotting and comparison.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import platform
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import pandas as pd

from ._version import __version__
from .errors import AnalysisError
from .io.corpus import corpus_frame, iter_corpus, lone_surrogates
from .layers.base import Annotator, Declarations, DocResult, annotator_class, check_order
from .tables import (
    COUNT_COLUMNS,
    attributions_frame,
    documents_frame,
    measures_frame,
    sentences_frame,
    spans_frame,
)
from .text.segment import Document, segment

__all__ = [
    "analyze",
    "analyze_document",
    "analyze_documents",
    "Analysis",
    "Pipeline",
    "default_annotators",
    "build_pipeline",
    "declarations_of",
]

log = logging.getLogger(__name__)

_GC_BATCH = 250  # documents analysed with the garbage collector paused (see gc_paused)


#: the options of :func:`default_annotators` (and of :func:`build_pipeline` and :func:`analyze`),
#: each with its value when it is not given
PIPELINE_OPTIONS: dict[str, Any] = {"lexicons": None, "tone_overrides": True, "builtin_lexicons": True}


def default_annotators(
    *, lexicons: Sequence | None = None, tone_overrides: bool = True, builtin_lexicons: bool = True, **options: Any
) -> list[Annotator]:
    """The built-in annotators in pipeline order: tone, loaded language, attribution, frames.

    Parameters
    ----------
    lexicons : list of :class:`framing.Lexicon`, optional
        User lexicons for the loaded-language layer, matched alongside the built-in ones
        (a category ``hedge``, ``booster``, ``factive`` or ``assertive`` goes to that layer).
    tone_overrides : bool
        Apply the news-domain corrections of the tone layer (default True; False gives
        plain VADER and TextBlob).
    builtin_lexicons : bool
        Use the built-in loaded-language and epistemic lexicons (default True); False
        counts with ``lexicons`` only.

    Any other keyword is refused with an :class:`~framing.errors.AnalysisError` naming the
    closest valid option (a misspelt option would otherwise change nothing, silently).

    Returns ``[ToneAnnotator, LoadedLanguageAnnotator, AttributionAnnotator,
    FrameAnnotator]``, new objects on every call; pass the list (edited) as
    ``framing.analyze(corpus, annotators=...)``.
    """
    from .layers.attribution import AttributionAnnotator
    from .layers.frames import FrameAnnotator
    from .layers.loaded import LoadedLanguageAnnotator
    from .layers.tone import ToneAnnotator

    _refuse_unknown(options, PIPELINE_OPTIONS, "default_annotators()")
    return [
        ToneAnnotator(overrides=tone_overrides),
        LoadedLanguageAnnotator(lexicons=list(lexicons) if lexicons else None, builtin=builtin_lexicons),
        AttributionAnnotator(),
        FrameAnnotator(),
    ]


def _refuse_unknown(options: dict[str, Any], valid: Iterable[str], where: str) -> None:
    """An :class:`AnalysisError` for the first key of ``options`` (keywords nobody declared),
    naming it, the closest valid name and every valid one."""
    if not options:
        return
    import difflib

    valid = sorted(valid)
    name = next(iter(options))
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise AnalysisError(f"{where}: unknown option {name!r}.{hint} Valid options: {', '.join(valid)}")


@dataclass
class Pipeline:
    """An ordered list of annotators; picklable, so it can be shipped to worker processes.

    On creation it checks that every annotator's requirements (``Annotator.requires``) are
    written by an earlier annotator, and raises :class:`~framing.errors.AnalysisError`
    naming the layer and the fix otherwise.
    """

    annotators: list[Annotator] = field(default_factory=default_annotators)

    def __post_init__(self) -> None:
        check_order(self.annotators)

    @property
    def declarations(self) -> Declarations:
        """What the annotators write, in order (:class:`framing.layers.base.Declarations`)."""
        return Declarations.of(self.annotators)

    def params(self) -> dict[str, Any]:
        return {type(a).__name__: a.get_params() for a in self.annotators}

    def versions(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for a in self.annotators:
            out.update(a.versions())
        return out

    def manifest(self) -> dict[str, Any]:
        """Everything needed to say which settings produced a result."""
        return {
            "framing_version": __version__,
            "python": platform.python_version(),
            "lexicons": self.versions(),
            "annotators": _jsonable(self.params()),
        }


#: most worker processes started on this machine, per CPU core: each holds the lexicons and a
#: chunk (~350 MB), so a typo such as ``--workers 1000`` must not start a thousand of them
MAX_WORKERS_PER_CORE = 4


def check_workers(workers: Any, *, local: bool = True) -> None:
    """Refuse a ``workers`` value that is not a positive whole number (or None: one per CPU
    core), or, for processes on this machine (``local``), more than
    :data:`MAX_WORKERS_PER_CORE` per core."""
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise AnalysisError(f"workers must be a positive integer or None (one per CPU core), got {workers!r}")
    cores = os.cpu_count() or 1
    if local and workers is not None and workers > MAX_WORKERS_PER_CORE * cores:
        raise AnalysisError(
            f"workers={workers} would start {workers} processes on a machine with {cores} CPU cores; use at most "
            f"{MAX_WORKERS_PER_CORE * cores} (None: one per core), or a Dask cluster for more machines"
        )


def declarations_of(result: Any) -> Declarations:
    """The declarations of the layers that made ``result``: those its manifest names, in order.

    A result read from disk names its annotators by class; the built-in ones are always
    known, a custom one once its class is defined in this process (an unknown name is
    skipped, and its measures have no declaration). A result without a manifest gets the
    built-in pipeline's declarations.
    """
    names = list((getattr(result, "manifest", None) or {}).get("annotators") or ())
    builtin = default_annotators()  # also defines the built-in classes
    if not names:
        return Declarations.of(builtin)
    return Declarations(tuple(c for c in map(annotator_class, names) if c is not None))


def build_pipeline(annotators: Sequence[Annotator] | None = None, **options: Any) -> Pipeline:
    """A :class:`Pipeline` from explicit annotators or from :func:`default_annotators` options.

    With ``annotators`` the options still apply, to the annotators that take them:
    ``lexicons`` are added to (and ``builtin_lexicons=False`` is set on) every
    ``LoadedLanguageAnnotator`` of the list, ``tone_overrides=False`` is set on every
    ``ToneAnnotator``; those annotators are copies (the given objects are left as they
    are). An option that no annotator of the list takes is an :class:`AnalysisError`,
    never silently dropped. Options at their defaults change nothing.
    """
    unknown = {k: v for k, v in options.items() if k not in PIPELINE_OPTIONS}
    _refuse_unknown(unknown, PIPELINE_OPTIONS, "build_pipeline()")
    if annotators is None:
        return Pipeline(default_annotators(**options))
    if isinstance(annotators, Annotator) or not isinstance(annotators, Iterable):
        raise AnalysisError(
            f"annotators= takes a list of annotators, got a {type(annotators).__name__}; wrap it in a list: [annotator]"
        )
    return Pipeline(_with_options(list(annotators), **options))


def _with_options(
    annotators: list[Annotator],
    *,
    lexicons: Sequence | None = None,
    tone_overrides: bool = True,
    builtin_lexicons: bool = True,
) -> list[Annotator]:
    """``annotators`` with the pipeline options given (not at their defaults) applied to
    the annotators that take them, as changed copies; an error when none takes one."""
    from .layers.loaded import LoadedLanguageAnnotator
    from .layers.tone import ToneAnnotator

    wanted: list[tuple[str, type, str, Any]] = []  # option, annotator class, its parameter, value
    if lexicons:
        wanted.append(("lexicons", LoadedLanguageAnnotator, "lexicons", lexicons))
    if not builtin_lexicons:
        wanted.append(("builtin_lexicons", LoadedLanguageAnnotator, "builtin", False))
    if not tone_overrides:
        wanted.append(("tone_overrides", ToneAnnotator, "overrides", False))
    for option, kind, _, _ in wanted:
        if not any(isinstance(a, kind) for a in annotators):
            names = ", ".join(type(a).__name__ for a in annotators) or "none"
            raise AnalysisError(
                f"{option}= was given with annotators=, but no annotator in the list takes it "
                f"(it applies to a {kind.__name__}; the list has: {names}). Add a "
                f"{kind.__module__}.{kind.__name__}() to the list, or drop {option}="
            )
    out = []
    for annotator in annotators:
        changes = {param: value for _, kind, param, value in wanted if isinstance(annotator, kind)}
        if "lexicons" in changes and isinstance(lexicons, (list, tuple)):  # else the annotator explains the error
            own = list(annotator.get_params().get("lexicons") or ())
            changes["lexicons"] = own + [lex for lex in lexicons if not any(lex is o for o in own)]
        out.append(_copy_with(annotator, changes) if changes else annotator)
    return out


def _copy_with(annotator: Annotator, changes: dict[str, Any]) -> Annotator:
    """A new annotator of the same class with the parameters of ``annotator`` and ``changes``
    (scikit-learn's ``clone`` followed by ``set_params``: the original is not changed)."""
    params = {**annotator.get_params(), **changes}
    try:
        return type(annotator)(**params)
    except TypeError as exc:
        raise AnalysisError(
            f"cannot copy {annotator!r} with {', '.join(f'{k}={v!r}' for k, v in changes.items())} ({exc}); "
            "its __init__ must take every parameter get_params() reports. Configure the annotator "
            "yourself instead of passing the option"
        ) from exc


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for a batch of documents, then restore its state.

    Analysing documents allocates millions of short-lived containers and makes no
    reference cycles (reference counting frees everything); with the collector on, its
    passes keep walking the batch's live results and the loaded lexicons. Measured:
    a chunk of 250 articles costs 7-9% less CPU with the collector paused. It is
    switched back on (if it was on) when the batch ends, so any cycle is collected then.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyze_document(doc_id: str, text: str, pipeline: Pipeline, load_note: str = "") -> DocResult:
    """Segment one document and run every annotator on it. Never raises for bad text.

    A failure inside an annotator (or the segmenter) is recorded as ``status="error"``
    with the reason in ``status_detail``; the document keeps its row in ``documents``.
    For many documents, :func:`analyze_documents` gives the same results faster.
    """
    return analyze_documents([(doc_id, text, load_note)], pipeline)[0]


def analyze_documents(rows: Iterable[tuple[str, Any, str]], pipeline: Pipeline) -> list[DocResult]:
    """:func:`analyze_document` on every ``(doc_id, text, load_note)`` of ``rows``, layer by layer.

    Every document is segmented first; then each annotator runs over all of them before
    the next one starts. The results are those of :func:`analyze_document` on each
    document (annotators are per document; a later one still sees what an earlier one
    wrote for the same document), in input order. The order is about speed: one
    annotator's lexicons, memos and code stay in the processor's caches across the batch.
    Measured on batches of 200 articles (``benchmarks/scale.py``): 25-40% less CPU time
    than annotating document by document. Memory: the batch's segmented documents are held
    until the last annotator is done, so pass a chunk (a few hundred documents), not a corpus.
    """
    results: list[DocResult] = []
    ready: list[tuple[Document, DocResult]] = []
    for doc_id, text, load_note in rows:
        out, doc = _prepared(doc_id, text, load_note)
        results.append(out)
        if doc is not None:
            ready.append((doc, out))
    for annotator in pipeline.annotators:
        annotate = annotator.annotate
        for doc, out in ready:
            try:
                annotate(doc, out)
            except Exception as exc:  # one document must never stop a corpus run
                log.warning("document %r: %s failed: %s", doc.doc_id, type(annotator).__name__, exc, exc_info=True)
                out.fail(f"{type(annotator).__name__} failed: {type(exc).__name__}: {exc}")
    return results


def _prepared(doc_id: str, text: Any, load_note: str) -> tuple[DocResult, Document | None]:
    """The document's result with its status, counts and sentence rows, and the segmented
    document to annotate (``None``: nothing to annotate; the status says why)."""
    out = DocResult(doc_id=doc_id, _text=text if isinstance(text, str) else "")
    if load_note:
        out.warn(load_note)
    if not isinstance(text, str):
        out.fail(
            f"text is a {type(text).__name__}, not a string: {_shown(text)}. Store the article text as "
            "text (decode bytes, join lists) in the source"
        )
        out.measures.update(dict.fromkeys(COUNT_COLUMNS, 0))
        return out, None
    if lone_surrogates(text):  # a corpus frame built by hand: the loader repairs these
        out.fail(
            f"the text holds {lone_surrogates(text)} lone surrogates (invalid Unicode, which no table can "
            "store); read the corpus with framing.load_corpus, which replaces them by U+FFFD"
        )
        out.measures.update(dict.fromkeys(COUNT_COLUMNS, 0))
        return out, None
    try:
        doc = segment(text, doc_id)
    except Exception as exc:  # a bug in the segmenter: flag the document, keep the run going
        log.warning("document %r: segmentation failed: %s", doc_id, exc, exc_info=True)
        out.fail(f"segmentation failed: {type(exc).__name__}: {exc}")
        out.measures.update(dict.fromkeys(COUNT_COLUMNS, 0))
        return out, None
    out.measures.update(n_paragraphs=len(doc.paragraphs), n_sentences=len(doc.sentences), n_tokens=doc.n_tokens)
    out.sentences = _sentence_rows(doc)
    if not doc.sentences:
        out.status = "empty"
        out.status_detail = "; ".join(x for x in ("document has no text", out.status_detail) if x)
        return out, None
    markup = _markup_note(text)
    if markup:
        out.warn(markup)
    return out, doc


def _shown(value: Any, width: int = 60) -> str:
    """A short repr of ``value`` for a message."""
    shown = repr(value)
    return shown if len(shown) <= width else shown[: width - 3] + "..."


#: HTML tags and character entities left in scraped text
_MARKUP = re.compile(
    r"</?(?:p|div|br|span|a|script|style|html|body|head|li|ul|ol|h[1-6]|img|iframe|table|tr|td|em|strong|b|i|figure|"
    r"figcaption|blockquote|section|article|noscript)\b[^<>]{0,300}>"
    r"|&(?:amp|quot|apos|lt|gt|nbsp|mdash|ndash|rsquo|lsquo|rdquo|ldquo|hellip|#\d{1,7}|#x[0-9a-f]{1,6});",
    re.IGNORECASE,
)


def _markup_note(text: str) -> str:
    """A warning when the text holds HTML tags or character entities (scraped pages): they
    are read as words, can split or join sentences and hide quotation marks (``&quot;``)."""
    if "<" not in text and "&" not in text:
        return ""
    found = _MARKUP.findall(text, 0, 1_000_000)
    if not found:
        return ""
    return (
        f"the text holds HTML markup ({len(found)} tags or entities, first {found[0][:40]!r}); they are read "
        "as words and can split sentences or hide quotation marks: strip the tags and unescape the "
        "entities (html.unescape) before analysis"
    )


def _sentence_rows(doc: Document) -> list[dict]:
    text = doc.text
    return [
        {
            "doc_id": doc.doc_id,
            "sent_index": s.index,
            "para_index": s.para_index,
            "kind": s.kind,
            "start": s.start,
            "end": s.end,
            "text": text[s.start : s.end],
            "n_tokens": s.tok_last - s.tok_first,
        }
        for s in doc.sentences
    ]


# ---------------------------------------------------------------------------
# Tables


class Analysis:
    """The result of :func:`analyze`: tidy tables plus the settings that produced them.

    Attributes: ``documents``, ``sentences``, ``spans``, ``attributions``, ``measures``
    (DataFrames, see the module docstring), ``manifest`` (framing and lexicon versions,
    annotator parameters) and ``texts`` (``doc_id -> text``, for evidence views).
    """

    def __init__(
        self,
        documents: pd.DataFrame,
        sentences: pd.DataFrame,
        spans: pd.DataFrame,
        attributions: pd.DataFrame,
        measures: pd.DataFrame,
        texts: dict[str, str],
        manifest: dict[str, Any],
    ):
        self.documents = documents
        self.sentences = sentences
        self.spans = spans
        self.attributions = attributions
        self.measures = measures
        self.texts = texts
        self.manifest = manifest

    @classmethod
    def from_results(
        cls,
        meta: pd.DataFrame,
        results: Sequence[DocResult],
        manifest: dict[str, Any],
        declarations: Declarations | None = None,
    ) -> Analysis:
        """The tables of ``results``; ``declarations`` (of the pipeline) name the sentence
        columns when no document has a sentence."""
        pairs = zip(meta["doc_id"], meta["text"], strict=True)
        texts = {doc_id: text if isinstance(text, str) else "" for doc_id, text in pairs}
        return cls(
            documents=documents_frame(meta, results),
            sentences=sentences_frame(results, declarations),
            spans=spans_frame(results),
            attributions=attributions_frame(results),
            measures=measures_frame(results),
            texts=texts,
            manifest=manifest,
        )

    TABLES = ("documents", "sentences", "spans", "attributions", "measures")

    @property
    def doc_ids(self) -> list[str]:
        return self.documents["doc_id"].tolist()

    def text(self, doc_id: str) -> str:
        """The original text of ``doc_id`` (what every span's offsets index)."""
        try:
            return self.texts[doc_id]
        except KeyError:
            raise AnalysisError(f"no document {doc_id!r}; known ids: {', '.join(self.texts)[:300]}") from None

    def save(self, directory, *, format: str = "csv") -> dict[str, str]:
        """Write every table to ``directory`` as CSV or Parquet plus ``manifest.json``."""
        import json
        from pathlib import Path

        if format not in ("csv", "parquet"):
            raise AnalysisError(f"format must be 'csv' or 'parquet', got {format!r}")
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        for name in self.TABLES:
            frame = getattr(self, name)
            path = out / f"{name}.{format}"
            if format == "csv":
                frame.to_csv(path, index=False, lineterminator="\n")
            else:
                frame.to_parquet(path, index=False)
            written[name] = str(path)
        manifest_path = out / "manifest.json"
        manifest_path.write_text(json.dumps(self.manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written["manifest"] = str(manifest_path)
        return written

    #: documents listed by name in :meth:`_repr_html_` when their status is not ``ok``
    HTML_FLAGGED = 10

    def _repr_html_(self) -> str:
        """The summary Jupyter shows: documents by status (and the first flagged ones with the
        reason), sentences, spans by layer, attributions and the lexicon versions. Every
        value from the data is HTML-escaped."""
        from html import escape

        docs = self.documents
        statuses = docs["status"].value_counts().to_dict() if len(docs) else {}
        by_status = {s: statuses.pop(s) for s in ("ok", "warning", "empty", "error") if s in statuses} | statuses
        layers = {}
        if len(self.spans) and "layer" in self.spans:  # in the order the layers come in the table
            counts = self.spans["layer"].value_counts()
            layers = {layer: int(counts[layer]) for layer in self.spans["layer"].drop_duplicates()}
        rows = [
            ("documents", _count_by(len(docs), by_status)),
            ("sentences", f"{len(self.sentences):,}"),
            ("spans", _count_by(len(self.spans), layers)),
            ("attributions", f"{len(self.attributions):,}"),
        ]
        versions = self.manifest.get("lexicons") or {}
        if versions:
            rows.append(("lexicons", "; ".join(f"{k} {v}" for k, v in sorted(versions.items()))))
        if self.manifest.get("framing_version"):
            rows.append(("framing", str(self.manifest["framing_version"])))
        cell = 'style="text-align:left;vertical-align:top"'
        body = "".join(f"<tr><th {cell}>{escape(k)}</th><td {cell}>{escape(v)}</td></tr>" for k, v in rows)
        parts = [f"<div><strong>framing.Analysis</strong><table>{body}</table>"]
        flagged = docs[docs["status"] != "ok"] if len(docs) else docs
        if len(flagged):
            items = "".join(
                f"<li><code>{escape(str(r.doc_id))}</code>: {escape(str(r.status))}"
                + (f" - {escape(str(r.status_detail))}" if isinstance(r.status_detail, str) and r.status_detail else "")
                + "</li>"
                for r in flagged.head(self.HTML_FLAGGED).itertuples(index=False)
            )
            more = len(flagged) - self.HTML_FLAGGED
            tail = f"<li>... and {more:,} more (see <code>documents.status</code>)</li>" if more > 0 else ""
            parts.append(f"<p>Documents not <code>ok</code>:</p><ul>{items}{tail}</ul>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        counts = self.documents["status"].value_counts().to_dict() if len(self.documents) else {}
        return (
            f"<Analysis: {len(self.documents)} documents {counts}, {len(self.sentences)} sentences, "
            f"{len(self.spans)} spans, {len(self.attributions)} attributions>"
        )


def _count_by(total: int, counts: dict[str, int]) -> str:
    """``"12 (10 ok, 2 empty)"``: a total and its parts."""
    parts = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    return f"{total:,} ({parts})" if parts else f"{total:,}"


def analyze(
    corpus: Any,
    *,
    annotators: Sequence[Annotator] | None = None,
    lexicons: Sequence | None = None,
    tone_overrides: bool = True,
    text_column: str = "text",
    id_column: str = "doc_id",
    progress: bool = False,
    workers: int | None = 1,
    **options: Any,
) -> Analysis:
    """Analyse a corpus: every document is segmented and annotated; returns an :class:`Analysis`.

    ``corpus`` is what :func:`framing.load_corpus` returns, any DataFrame with ``doc_id``
    and ``text`` columns (ids kept, as strings, in input order), a list of strings (ids
    ``doc-00001`` ...) or a path (read with :func:`framing.load_corpus`).
    ``annotators`` replaces the built-in pipeline; ``lexicons`` adds user lexicons to the
    loaded-language layer; ``tone_overrides`` switches the news-domain tone corrections;
    ``builtin_lexicons=False`` counts loaded language with ``lexicons`` only (the options
    of :func:`default_annotators`). With ``annotators`` the options apply to the annotators
    of the list that take them (see :func:`build_pipeline`); an option none of them takes,
    or an unknown option (a misspelt name), is an :class:`~framing.errors.AnalysisError`.

    ``workers``: processes to analyse with (``None``: one per CPU core). With more than
    one and at least ``4 * POOL_BATCH`` documents, batches of :data:`POOL_BATCH` documents
    go to a pool of spawned processes (the pipeline is pickled to them); the tables are
    the same as with one. In a script, call it under ``if __name__ == "__main__":``, as
    for any spawned process pool. Corpora too large for memory: :func:`framing.analyze_to`.
    """
    _refuse_unknown({k: v for k, v in options.items() if k not in PIPELINE_OPTIONS}, _analyze_options(), "analyze()")
    if isinstance(corpus, pd.DataFrame) and {"doc_id", "text", "source", "load_note"} <= set(corpus.columns):
        meta = corpus.reset_index(drop=True)
    else:
        meta = corpus_frame(iter_corpus(corpus, text_column=text_column, id_column=id_column))
    if meta["doc_id"].duplicated().any():
        dup = meta.loc[meta["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise AnalysisError(f"duplicate doc_id {dup!r} in the corpus; give every document a unique doc_id")
    check_workers(workers)
    pipeline = build_pipeline(annotators, lexicons=lexicons, tone_overrides=tone_overrides, **options)
    rows = zip(meta["doc_id"], meta["text"], meta["load_note"].fillna(""))
    n_workers = workers or os.cpu_count() or 1
    if n_workers > 1 and len(meta) >= 4 * POOL_BATCH:
        results = _analyze_in_pool(list(rows), pipeline, n_workers, progress)
        return Analysis.from_results(meta, results, pipeline.manifest(), pipeline.declarations)
    bar = None
    if progress:  # advanced after each batch is analysed, so its rate is documents analysed per second
        from .progress import tqdm_class

        bar = tqdm_class()(total=len(meta), unit="doc", desc="analyse")
    rows = iter(rows)
    results = []
    while batch := list(islice(rows, _GC_BATCH)):
        with gc_paused():
            results.extend(analyze_documents(batch, pipeline))
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    return Analysis.from_results(meta, results, pipeline.manifest(), pipeline.declarations)


def _analyze_options() -> list[str]:
    """The keyword options :func:`analyze` takes: its own and those of :func:`default_annotators`."""
    import inspect

    own = [n for n, p in inspect.signature(analyze).parameters.items() if p.kind is p.KEYWORD_ONLY]
    return [*own, *(n for n in PIPELINE_OPTIONS if n not in own)]


# ---------------------------------------------------------------------------
# Worker processes (the pool of analyze, and the engines of framing.analyze_to)

_WORKER_PIPELINE = None


def _dumps(obj) -> bytes:
    """Pickle with cloudpickle (a dask dependency) so annotators defined in a notebook or script ship too."""
    try:
        import cloudpickle
    except ImportError:  # pragma: no cover - installed with dask
        return pickle.dumps(obj)
    return cloudpickle.dumps(obj)


def _init_worker(pipeline_bytes: bytes) -> None:
    """Process-pool initializer: exit with the driver, then unpickle the pipeline once per worker process."""
    global _WORKER_PIPELINE
    exit_with_driver()
    _WORKER_PIPELINE = pickle.loads(pipeline_bytes)


def exit_with_driver() -> None:
    """In a worker process: ignore Ctrl-C (the driver stops the pool, see :func:`stopped_on_error`)
    and exit as soon as the driver process ends, also when it is killed (``kill -9``), so that no
    worker (and then no resource tracker) lives on as an orphan. A thread waits on the pipe that
    ``multiprocessing`` keeps to the parent: it reads end-of-file when the parent dies."""
    import multiprocessing
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="framing-exit-with-driver", daemon=True).start()


@contextmanager
def stopped_on_error(pool):
    """Inside ``with ProcessPoolExecutor(...) as pool, stopped_on_error(pool):``: on an error or
    Ctrl-C, cancel the queued tasks and end the workers at once, instead of waiting for them."""
    try:
        yield pool
    except BaseException:
        # ProcessPoolExecutor has no public way to end running workers before Python 3.14
        # (terminate_workers); the mapping of its processes is what that method uses
        # (read before shutdown, which drops it)
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise


def worker_pipeline():
    """The pipeline of this worker process (set by :func:`_init_worker`)."""
    return _WORKER_PIPELINE


#: documents per task when :func:`analyze` runs a process pool (a few tenths of a second each)
POOL_BATCH = 100


def _analyze_batch(batch: list[tuple]) -> list[DocResult]:
    """A pool task: the documents of ``batch`` with the pipeline the worker was started with."""
    with gc_paused():
        return analyze_documents(batch, worker_pipeline())


def _analyze_in_pool(rows: list[tuple], pipeline: Pipeline, workers: int, progress: bool) -> list[DocResult]:
    """:func:`analyze_document` on every row in a pool of ``workers`` spawned processes, results in input order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        shipped = _dumps(pipeline)
    except Exception as exc:
        raise AnalysisError(
            f"workers={workers} ships the pipeline to other processes, but it cannot be pickled ({exc}); "
            "use workers=1 or make the annotators picklable"
        ) from exc
    batches = [rows[i : i + POOL_BATCH] for i in range(0, len(rows), POOL_BATCH)]
    bar = None
    if progress:
        from .progress import tqdm_class

        bar = tqdm_class()(total=len(rows), unit="doc", desc=f"analyse ({workers} processes)")
    results: list[DocResult] = []
    context = multiprocessing.get_context("spawn")
    try:
        with (
            ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(shipped,)) as pool,
            stopped_on_error(pool),
        ):
            for done in pool.map(_analyze_batch, batches):
                results.extend(done)
                if bar is not None:
                    bar.update(len(done))
    except BrokenProcessPool as exc:
        raise AnalysisError(f"a worker process stopped ({exc}); run with workers=1 to see the error") from exc
    finally:
        if bar is not None:
            bar.close()
    return results
