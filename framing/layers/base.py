"""The annotator contract and the per-document result every annotator writes into.

An annotator is a small class in the scikit-learn habit: ``__init__`` only stores
keyword arguments (so :meth:`Annotator.get_params` and ``repr`` always work), and
one method, :meth:`Annotator.annotate`, does the work for one segmented document,
writing into a :class:`DocResult`:

- ``out.add_span(sent_index, start, end, layer, category, **detail)`` - evidence;
  the span text is taken from the document, so ``text[start:end] == span text``;
- ``out.span_rows(keys).append((doc_id, sent_index, start, end, text, ...))`` - the same
  evidence as tuples, for annotators that write many rows (no dict per row; the values
  follow ``keys``, which start with :data:`SPAN_COLUMNS`);
- ``out.sentence_values[column][sent_index] = value`` via ``out.sentence_column``;
- ``out.measures[name] = value`` - a document-level measure (wide ``documents``
  table and long ``measures`` table);
- ``out.add_measure(name, value)`` - a long-form-only measure (e.g. one per category);
- ``out.attributions.append({...})`` - attribution relations.

Annotators run in order (tone, loaded language, attribution, frames); a later one may
read the spans an earlier one wrote (``out.spans``).

Each annotator also **declares** what it writes and what it needs, as class attributes
(the model is spaCy's ``@Language.factory(assigns=..., requires=...)``):

- ``span_layers``: :class:`SpanLayer` - the evidence layers, with legend text and highlight style;
- ``sentence_columns``: :class:`SentenceColumn` - the per-sentence columns;
- ``measures``: :class:`Measure` - the document measures, with unit, direction and the
  sentence-level definition (:class:`Ratio`) that :func:`framing.compare` resamples;
- ``requires``: names of span layers or sentence columns written by earlier annotators;
- ``method``: a paragraph for the generated methods section, with references;
- :meth:`Annotator.versions`: the versions of the lexicons it uses.

Everything downstream (comparison, report, highlight, features, the streamed Parquet
schema, the docs' measure list) reads these declarations; no list of measure names or
layer names lives anywhere else. :class:`framing.analysis.Pipeline` checks that every
requirement is written by an earlier annotator before it runs.
"""

from __future__ import annotations

import inspect
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from ..text.segment import Document

__all__ = [
    "Annotator",
    "DocResult",
    "SPAN_COLUMNS",
    "SpanLayer",
    "SentenceColumn",
    "Measure",
    "Ratio",
    "Tokens",
    "Sentences",
    "Column",
    "ColumnTest",
    "Spans",
    "Attributions",
    "Words",
    "per_1k",
    "token_mean",
    "sentence_share",
    "attribution_share",
    "token_share",
    "Declarations",
    "annotator_class",
    "check_order",
]

# The columns every span row has, in this order; annotators add detail columns.
SPAN_COLUMNS = ["doc_id", "sent_index", "start", "end", "text", "layer", "category", "rule"]


@dataclass
class DocResult:
    """Everything the pipeline learned about one document."""

    doc_id: str
    status: str = "ok"  # ok | warning | empty | error
    status_detail: str = ""
    measures: dict[str, Any] = field(default_factory=dict)
    long_measures: list[tuple[str, float]] = field(default_factory=list)
    sentence_values: dict[str, list] = field(default_factory=dict)
    sentences: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    _text: str = ""
    # the evidence rows in the order written: blocks of (keys, rows), keys None for dict rows
    _span_blocks: list[tuple[tuple[str, ...] | None, list]] = field(default_factory=list, repr=False)

    @property
    def spans(self) -> list[dict]:
        """The evidence rows as dicts (columns :data:`SPAN_COLUMNS` then details), in the order written.

        Rows written as tuples (:meth:`span_rows`) become dicts here, once. The list
        returned may be changed in place; but once :meth:`span_rows` or :meth:`add_span`
        has been called, rows appended to the list go before that call's rows, so write
        new rows with those two methods to keep them in order.
        """
        blocks = self._span_blocks
        if len(blocks) == 1 and blocks[0][0] is None:
            return blocks[0][1]
        rows = []
        for keys, block in blocks:
            if keys is None:
                rows.extend(block)
            else:
                rows.extend([dict(zip(keys, values)) for values in block])
        self._span_blocks = [(None, rows)]
        return rows

    @spans.setter
    def spans(self, rows: list[dict]) -> None:
        self._span_blocks = [(None, rows)]

    def span_rows(self, keys: tuple[str, ...]) -> list:
        """The list to append evidence rows to as tuples of values in the order of ``keys``.

        ``keys`` starts with :data:`SPAN_COLUMNS` (then the detail columns); a tuple's
        text value must be ``document text[start:end]``. Consecutive calls with the same
        keys return the same list. The streaming tables are built from these tuples
        directly, which saves making and transposing a dict per row.
        """
        blocks = self._span_blocks
        if blocks and blocks[-1][0] == keys:
            return blocks[-1][1]
        rows: list = []
        blocks.append((keys, rows))
        return rows

    def span_blocks(self) -> list[tuple[tuple[str, ...] | None, list]]:
        """The evidence rows as written: ``(keys, tuples)`` blocks and ``(None, dicts)`` blocks."""
        return self._span_blocks

    def add_span(
        self, sent_index: int, start: int, end: int, layer: str, category: str, rule: str = "", **detail
    ) -> dict:
        """Record one piece of evidence; returns the row (callers may add details)."""
        row = {
            "doc_id": self.doc_id,
            "sent_index": sent_index,
            "start": start,
            "end": end,
            "text": self._text[start:end],
            "layer": layer,
            "category": category,
            "rule": rule,
        }
        if detail:
            row.update(detail)
        blocks = self._span_blocks
        if blocks and blocks[-1][0] is None:
            blocks[-1][1].append(row)
        else:
            blocks.append((None, [row]))
        return row

    def sentence_column(self, name: str, n_sentences: int, default: Any = math.nan) -> list:
        """The per-sentence list for column ``name``, created on first use."""
        col = self.sentence_values.get(name)
        if col is None:
            col = self.sentence_values[name] = [default] * n_sentences
        return col

    def add_measure(self, name: str, value: float) -> None:
        """A long-form-only measure (one row of ``doc_id, measure, value``)."""
        self.long_measures.append((name, value))

    def warn(self, message: str) -> None:
        """Flag the document with a warning (it stays in every table)."""
        if self.status == "ok":
            self.status = "warning"
        self.status_detail = f"{self.status_detail}; {message}" if self.status_detail else message

    def fail(self, message: str) -> None:
        """Flag the document as an error (a failed step; it stays in every table)."""
        self.status = "error"
        self.status_detail = f"{self.status_detail}; {message}" if self.status_detail else message


# ---------------------------------------------------------------------------
# What a layer declares


@dataclass(frozen=True)
class SpanLayer:
    """An evidence layer an annotator writes (spans with ``layer == name``).

    ``meaning`` is the legend text (what a mark says), ``style`` says in words how it is drawn
    (never colour alone: a line or shape), ``css`` is the CSS of a mark of this layer in
    :func:`framing.highlight` (``var(--fh-line)`` and ``var(--fh-tint)`` are the category's
    colours). ``categories`` lists the known categories, where the layer has a fixed set.
    """

    name: str
    meaning: str
    style: str = "dashed underline"
    css: str = "padding-bottom: 7px; border-bottom: 1px dashed #555;"
    categories: tuple[str, ...] = ()
    #: marked by default in :func:`framing.highlight` (tone marks nearly every evaluative word)
    in_highlight: bool = True
    #: marked in the articles of the HTML report
    in_report: bool = True


@dataclass(frozen=True)
class SentenceColumn:
    """A per-sentence column of the ``sentences`` table (``dtype``: float, int, str or bool)."""

    name: str
    description: str
    dtype: str = "float"


# The per-sentence ingredients of a Ratio (the numerator and denominator summed over sentences).


@dataclass(frozen=True)
class Tokens:
    """The sentence's tokens (``n_tokens``)."""


@dataclass(frozen=True)
class Sentences:
    """1 for every sentence (a share of sentences)."""


@dataclass(frozen=True)
class Column:
    """A sentence column; ``by_tokens``: multiplied by the sentence's tokens (a token-weighted mean)."""

    name: str
    by_tokens: bool = False


@dataclass(frozen=True)
class ColumnTest:
    """1 where sentence column ``name`` is below (``op="<"``) or above (``op=">"``) ``threshold``."""

    name: str
    op: str
    threshold: float


@dataclass(frozen=True)
class Spans:
    """Spans of ``layer`` in the sentence: their number, the sum of column ``weight``, or (``any``) 1 if any.

    ``where`` selects by detail columns (``(("voice", "authorial"),)``), ``exclude`` leaves
    rows out the same way. A value ``"{name}"`` is filled in from a measure family's name.
    """

    layer: str
    where: tuple[tuple[str, str], ...] = ()
    exclude: tuple[tuple[str, str], ...] = ()
    weight: str | None = None
    any: bool = False


@dataclass(frozen=True)
class Attributions:
    """Attribution relations in the sentence, optionally those with ``column == value`` (``where``)."""

    where: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Words:
    """Word tokens of the sentence; ``inside="content"`` or ``"direct"``: only those inside attributed content."""

    inside: str | None = None


@dataclass(frozen=True)
class Ratio:
    """A document measure as ``scale * sum(numerator) / sum(denominator)`` over its sentences.

    ``sentences="body"`` counts the body sentences (and headings too when the annotator's
    parameter ``headings`` is true); ``"all"`` every sentence. For one document this is the
    document measure itself; :func:`framing.compare` resamples sentences with it.
    """

    numerator: Any
    denominator: Any
    scale: float = 1.0
    sentences: str = "body"
    headings: str = ""

    def definition(self) -> str:
        """The ratio in words, e.g. ``1000 * sum(spans of layer hedge) / sum(n_tokens); body sentences``."""
        scale = f"{self.scale:g} * " if self.scale != 1 else ""
        return (
            f"{scale}sum({_term_text(self.numerator)}) / sum({_term_text(self.denominator)}); "
            f"{self.sentences} sentences"
        )

    def filled(self, values: dict[str, str]) -> Ratio:
        """This ratio with every ``"{name}"`` placeholder in its terms replaced from ``values``."""
        return replace(self, numerator=_fill(self.numerator, values), denominator=_fill(self.denominator, values))


def _term_text(term: Any) -> str:
    """A ratio term in words: ``spans of layer loaded with voice=authorial, not category=affect``."""

    def pairs(items, sep=", "):
        return sep.join(f"{k}={v}" for k, v in items)

    if isinstance(term, Column):
        return f"n_tokens * {term.name}" if term.by_tokens else term.name
    if isinstance(term, ColumnTest):
        return f"1 if {term.name} {term.op} {term.threshold:g}"
    if isinstance(term, Spans):
        what = f"spans of layer {term.layer}"
        conditions = [f"{k}={v}" for k, v in term.where] + [f"{k}!={v}" for k, v in term.exclude]
        if conditions:
            what += " with " + ", ".join(conditions)
        if term.weight:
            what = f"{term.weight} of {what}"
        return f"1 if any {what}" if term.any else what
    if isinstance(term, Attributions):
        return "attributions" + (f" with {pairs(term.where)}" if term.where else "")
    if isinstance(term, Words):
        inside = {"content": " inside attributed content", "direct": " inside direct quotations"}
        return "word tokens" + inside.get(term.inside, "")
    return {Tokens: "n_tokens", Sentences: "1"}.get(type(term), repr(term))


def _fill(term: Any, values: dict[str, str]) -> Any:
    def fill_pairs(pairs):
        return tuple((k, v.format(**values) if isinstance(v, str) else v) for k, v in pairs)

    if isinstance(term, (Spans, Attributions)):
        changes = {"where": fill_pairs(term.where)}
        if isinstance(term, Spans):
            changes["exclude"] = fill_pairs(term.exclude)
        return replace(term, **changes)
    return term


def per_1k(layer: str, *, where=(), exclude=(), weight: str | None = None, headings: str = "include_headings") -> Ratio:
    """Spans of ``layer`` (or their summed ``weight``) per 1,000 tokens of the body sentences."""
    return Ratio(Spans(layer, tuple(where), tuple(exclude), weight), Tokens(), 1000.0, headings=headings)


def token_mean(column: str, *, headings: str = "headings") -> Ratio:
    """The token-weighted mean of a sentence column: ``sum(n_tokens * column) / sum(n_tokens)``."""
    return Ratio(Column(column, by_tokens=True), Tokens(), headings=headings)


def sentence_share(numerator: Any, *, headings: str = "") -> Ratio:
    """The share of sentences for which ``numerator`` (a :class:`ColumnTest` or ``Spans(any=True)``) is 1."""
    return Ratio(numerator, Sentences(), headings=headings)


def attribution_share(**where: Any) -> Ratio:
    """The share of attribution relations with ``column == value`` for every ``where`` item, every sentence."""
    return Ratio(Attributions(tuple(where.items())), Attributions(), sentences="all")


def token_share(inside: str) -> Ratio:
    """The share of word tokens inside attributed content (``"content"``) or direct quotations (``"direct"``)."""
    return Ratio(Words(inside), Words())


@dataclass(frozen=True)
class Measure:
    """A document measure an annotator writes (a column of ``documents`` or rows of ``measures``).

    ``unit``: ``per_1k`` (per 1,000 tokens), ``share`` (0-1), ``score`` (a mean of sentence
    scores), ``count`` or ``label`` (text, not compared). ``higher`` says what a higher value
    means. ``validity`` says how well it agrees with people, measured on annotated real news
    (data set, split, metric, interval, baseline; ``docs/validity.md``), or that it has not
    been validated. ``ratio`` is its sentence-level definition (None: none; compared at document level
    only). ``compare``: compared by default; ``headline``: drawn in the report's main figure.
    A name with ``{...}`` (``"loaded_per_1k:{category}"``) declares a family of measures in
    the long ``measures`` table; its ratio's placeholders are filled from the name.
    """

    name: str
    unit: str
    description: str
    higher: str = ""
    ratio: Ratio | None = None
    compare: bool = False
    headline: bool = False
    long_only: bool = False
    validity: str = ""

    @property
    def is_family(self) -> bool:
        return "{" in self.name

    def match(self, name: str) -> dict[str, str] | None:
        """The placeholder values if ``name`` is this measure (or a member of this family), else None."""
        if not self.is_family:
            return {} if name == self.name else None
        pattern = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^:]+)", re.escape(self.name))
        found = re.fullmatch(pattern, name)
        return found.groupdict() if found else None

    def ratio_for(self, name: str) -> Ratio | None:
        """The sentence-level definition of ``name`` (a member of this measure or family), or None."""
        values = self.match(name)
        if values is None or self.ratio is None:
            return None
        return self.ratio.filled(values) if values else self.ratio


#: every Annotator subclass defined so far, by class name (results on disk name their annotators)
_ANNOTATOR_CLASSES: dict[str, type] = {}


class Annotator:
    """Base class of the annotators: declare what you write and need, implement ``annotate``.

    See the module docstring and ``docs/architecture.md`` ("Write your own layer").
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _ANNOTATOR_CLASSES[cls.__name__] = cls  # so declarations_of() finds it by the name a manifest records

    #: the evidence layers this annotator writes
    span_layers: ClassVar[tuple[SpanLayer, ...]] = ()
    #: the columns it adds to the ``sentences`` table
    sentence_columns: ClassVar[tuple[SentenceColumn, ...]] = ()
    #: the document measures it writes
    measures: ClassVar[tuple[Measure, ...]] = ()
    #: span layers or sentence columns it reads, written by earlier annotators
    requires: ClassVar[tuple[str, ...]] = ()
    #: a paragraph for the generated methods section (what it measures, with references)
    method: ClassVar[str] = ""
    #: the heading of that paragraph (default: the class name)
    title: ClassVar[str] = ""

    @classmethod
    def assigns(cls) -> tuple[str, ...]:
        """The names this annotator writes: its span layers and sentence columns."""
        return tuple(x.name for x in cls.span_layers) + tuple(c.name for c in cls.sentence_columns)

    @property
    def layers(self) -> tuple[str, ...]:
        """The names of the span layers this annotator writes."""
        return tuple(x.name for x in self.span_layers)

    def get_params(self) -> dict[str, Any]:
        """The ``__init__`` arguments as set, recorded in every result."""
        sig = inspect.signature(type(self).__init__)
        return {
            name: getattr(self, name)
            for name, p in sig.parameters.items()
            if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        }

    def versions(self) -> dict[str, str]:
        """Versions of the lexicons this annotator uses (name -> version)."""
        return {}

    def annotate(self, doc: Document, out: DocResult) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"


# ---------------------------------------------------------------------------
# What a pipeline writes: the declarations of its annotators, in order


def annotator_class(name: str) -> type[Annotator] | None:
    """The Annotator subclass called ``name`` defined in this process, or None."""
    return _ANNOTATOR_CLASSES.get(name)


@dataclass(frozen=True)
class Declarations:
    """What a pipeline's annotators declare, in pipeline order: the one place downstream code reads.

    :func:`framing.compare` takes its default measures and sentence-level definitions from
    here, the report its headline measures, layers and methods text, :func:`framing.highlight`
    its legend and styles, the streamed tables their column types.
    """

    annotators: tuple[type[Annotator], ...]

    @classmethod
    def of(cls, annotators) -> Declarations:
        """The declarations of ``annotators`` (instances or classes)."""
        return cls(tuple(a if isinstance(a, type) else type(a) for a in annotators))

    @property
    def span_layers(self) -> list[SpanLayer]:
        return [layer for a in self.annotators for layer in a.span_layers]

    @property
    def sentence_columns(self) -> list[SentenceColumn]:
        return [c for a in self.annotators for c in a.sentence_columns]

    @property
    def measures(self) -> list[Measure]:
        return [m for a in self.annotators for m in a.measures]

    def span_layer(self, name: str) -> SpanLayer | None:
        return next((x for x in self.span_layers if x.name == name), None)

    def measure(self, name: str) -> tuple[Measure, type[Annotator]] | None:
        """The declaration of measure ``name`` (a measure or a member of a family) and its annotator."""
        for a in self.annotators:
            for m in a.measures:
                if m.match(name) is not None:
                    return m, a
        return None

    def compared(self) -> list[str]:
        """The measures :func:`framing.compare` compares by default, in pipeline order."""
        return [m.name for m in self.measures if m.compare and not m.is_family]

    def headline(self) -> list[str]:
        """The measures of the report's main figure, in pipeline order."""
        return [m.name for m in self.measures if m.headline and not m.is_family]

    def column_dtype(self, name: str) -> str | None:
        """The declared dtype of sentence column ``name`` (families such as ``{typology}_frame`` included)."""
        for c in self.sentence_columns:
            if Measure(c.name, "", "").match(name) is not None:
                return c.dtype
        return None


def check_order(annotators) -> None:
    """Raise :class:`~framing.errors.AnalysisError` if an annotator needs what no earlier one writes.

    The error names the annotator, what it needs and the fix: the annotator that writes it
    must come first (misplaced), or be added (missing).
    """
    from ..errors import AnalysisError

    written: set[str] = set()
    for i, annotator in enumerate(annotators):
        name = type(annotator).__name__
        for need in annotator.requires:
            if need in written:
                continue
            later = [type(a).__name__ for a in annotators[i + 1 :] if need in a.assigns()]
            if later:
                raise AnalysisError(
                    f"{name} needs {need!r}, which {later[0]} writes, but {later[0]} runs after it: "
                    f"put {later[0]} before {name} in annotators="
                )
            writers = [c.__name__ for c in _ANNOTATOR_CLASSES.values() if need in c.assigns()]
            hint = f"add {writers[0]}() before it" if writers else "add an annotator that writes it"
            raise AnalysisError(f"{name} needs {need!r}, which no earlier annotator in the pipeline writes: {hint}")
        written.update(annotator.assigns())
