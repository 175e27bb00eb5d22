"""``framing.compare``: differences between groups of documents, with intervals and p-values.

One row per measure and pair of groups: each group's value with a bootstrap confidence
interval, the difference ``value_a - value_b`` with its own bootstrap interval, and a
two-sided permutation p-value for the difference.

Resampling unit
---------------
``unit="auto"`` resamples **documents** for a pair of groups that both have at least
:data:`MIN_DOCUMENTS` (5) analysable documents, otherwise **sentences**; the ``unit``
column says which for each row (a small outlet does not force every pair of a large
corpus down to sentences; ``attrs["unit"]`` is ``"mixed"`` when both occur). Five is the
smallest group for which a document bootstrap has more than a handful of distinct resamples
and a BCa interval is not dominated by one article; below it there is no population of articles to generalise to.

- Document unit: the group value is the mean of its documents' values (each article
  weighs the same); intervals and p-values are about the *outlet's* (group's) typical
  article, assuming the articles are a sample of its coverage.
- Sentence unit: the group value is the pooled ratio estimator over the body sentences of
  the group's documents, computed exactly as the document measure is defined (see
  :func:`sentence_measure`); for a group of one article it equals that article's value.
  The interval says how much the value depends on *which sentences* the article happens
  to contain. It is **descriptive**: sentences of one article are not independent draws
  from an outlet's coverage (same author, topic, sources), so a sentence-level interval
  or p-value for two single articles says nothing about the outlets. Read it as "how
  robust is this difference between these two texts", never "outlet A is more negative".

Periods
-------
``compare(result, by="outlet", period="month")`` compares the groups **within each
period** of the documents' ``date`` column: ISO weeks (``2025-W37``, Monday to Sunday),
months (``2025-09``), quarters (``2025Q3``) or years. The table gains a first column
``period``; a period's rows are exactly those a comparison of that period's documents
alone would give (same resampling rule, same seeds). Read each row as "these outlets in
this period" and a trend down the ``period`` column; :func:`framing.viz.figures.plot_trend`
draws each group's value per period with its interval. A researcher following outlets
over time wants each outlet's value in each period beside the others', with an interval,
more than a test of one period against the previous (a change over time needs its own
model, e.g. a regression of the document values on the date).

- The resampling rule applies per period: an outlet with fewer than :data:`MIN_DOCUMENTS`
  articles in a period is resampled by sentence there (a note says so), so the monthly
  intervals of a small corpus are often descriptive only.
- Documents with a missing or unreadable date form the period ``"(no date)"``, sorted
  last, with a note naming them: never dropped.
- A period in which only one group has documents has no pair to compare: a note names it.
- ``attrs["periods"]`` lists every period from the first to the last, those without
  documents included (then ``"(no date)"`` if any), so a figure keeps gaps in time
  visible; each period's notes start with ``period <label>:``.

Statistics
----------
Intervals: ``scipy.stats.bootstrap`` with the BCa method (bias-corrected and accelerated;
Efron & Tibshirani 1993, ch. 14), which corrects for the skew and bias of ratio
estimators and of counts of rare words (most sentences have no loaded word). BCa needs a
jackknife whose cost grows with the square of the sample, so samples larger than
:data:`BCA_MAX_UNITS` use the percentile method; where BCa is undefined (too few distinct
values) the percentile interval is used and the ``method`` column says so. A group whose
units all have the same value gets the degenerate interval ``[value, value]``.
The difference interval resamples each group independently. P-values:
``scipy.stats.permutation_test`` on the difference of the statistic, two-sided, units
permuted between the two groups; Monte Carlo p-values count the observed arrangement
((b + 1) / (m + 1), Phipson & Smyth 2010), and small samples are enumerated exactly.
Bootstrap draws come from a generator seeded with ``seed`` and the measure and group
names; permutations from one seeded with ``seed``, the pair and its unit counts (measures
with the same units share one test pass and the same permutations). So a row does not
change when other measures or groups are added.

References: Efron, B. & Tibshirani, R. (1993) *An Introduction to the Bootstrap*;
Phipson, B. & Smyth, G. (2010) Permutation p-values should never be zero, *Stat. Appl.
Genet. Mol. Biol.* 9(1); Good, P. (2005) *Permutation, Parametric and Bootstrap Tests of
Hypotheses*.
"""

from __future__ import annotations

import itertools
import logging
import math
import warnings
import zlib
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..analysis import Pipeline, declarations_of
from ..errors import AnalysisError, ComparisonNote
from ..layers.base import (
    Attributions,
    Column,
    ColumnTest,
    Declarations,
    Ratio,
    Sentences,
    Spans,
    Tokens,
    Words,
)
from .groups import exclude_unanalysable, group_documents, segmented

__all__ = ["compare", "COLUMNS", "MIN_DOCUMENTS", "SentenceMeasure", "sentence_measure"]

log = logging.getLogger(__name__)

#: The columns of the table :func:`compare` returns, in order.
COLUMNS = [
    "measure",
    "group_a",
    "group_b",
    "value_a",
    "low_a",
    "high_a",
    "n_a",
    "value_b",
    "low_b",
    "high_b",
    "n_b",
    "difference",
    "diff_low",
    "diff_high",
    "p_value",
    "unit",
    "method",
]

#: Smallest number of analysable documents per group for document-level resampling.
MIN_DOCUMENTS = 5

#: Most pairs of groups one call compares (every pair is tested; by="doc_id" on a corpus is a mistake).
MAX_PAIRS = 500

#: Above this many units in a sample the percentile method replaces BCa (jackknife cost).
BCA_MAX_UNITS = 5000

_NO_DEFINITION = (
    "no sentence-level definition, skipped at sentence level "
    f"(compare at document level, with {MIN_DOCUMENTS}+ documents per group)"
)


# ---------------------------------------------------------------------------
# Sentence-level definitions of the document measures


class _Sentences:
    """The sentences of the compared documents with per-sentence ingredients, built lazily.

    Every array is aligned with ``self.frame`` (one row per sentence of every compared
    document, in document and sentence order).
    """

    def __init__(self, result: Any, doc_ids: Sequence[str]):
        self.result = result
        sent = result.sentences
        frame = sent[sent["doc_id"].isin(set(doc_ids))].reset_index(drop=True)
        self.frame = frame
        self.index = pd.MultiIndex.from_arrays([frame["doc_id"], frame["sent_index"]])
        self.n_tokens = frame["n_tokens"].to_numpy(dtype=float)
        self._cache: dict[Any, np.ndarray] = {}
        self._doc_ids = list(doc_ids)

    def group_masks(self, named: Mapping[str, Sequence[str]]) -> dict[str, np.ndarray]:
        """group -> boolean mask of its sentences (computed once)."""
        if "groups" not in self._cache:
            doc_of = self.frame["doc_id"].to_numpy()
            self._cache["groups"] = {name: np.isin(doc_of, list(ids)) for name, ids in named.items()}
        return self._cache["groups"]

    def column(self, name: str) -> np.ndarray:
        if name not in self.frame.columns:
            raise KeyError(name)
        return self.frame[name].to_numpy(dtype=float)

    def evaluate(self, term: Any) -> np.ndarray:
        """The per-sentence values of one ingredient of a :class:`~framing.layers.base.Ratio`.

        Raises ``KeyError`` naming a column the result lacks.
        """
        if isinstance(term, Tokens):
            return self.n_tokens
        if isinstance(term, Sentences):
            return np.ones(len(self.frame))
        if isinstance(term, Column):
            values = self.column(term.name)
            return self.n_tokens * values if term.by_tokens else values
        if isinstance(term, ColumnTest):
            values = self.column(term.name)
            return (values < term.threshold if term.op == "<" else values > term.threshold).astype(float)
        if isinstance(term, Spans):
            counts = self.span_count(term.layer, exclude=term.exclude, weight=term.weight, **dict(term.where))
            return (counts > 0).astype(float) if term.any else counts
        if isinstance(term, Attributions):
            return self.attribution_count(**dict(term.where))
        if isinstance(term, Words):
            return self.word_tokens(term.inside)
        raise TypeError(
            f"unknown ratio term {term!r}: use Tokens, Sentences, Column, ColumnTest, Spans, "
            "Attributions or Words (framing.layers.base)"
        )

    def is_body(self) -> np.ndarray:
        return (self.frame["kind"] == "body").to_numpy()

    def _per_sentence(self, keys: pd.DataFrame, weights: pd.Series | None = None) -> np.ndarray:
        """Sum of ``weights`` (or count of rows) per (doc_id, sent_index) of ``keys``."""
        if keys.empty:
            return np.zeros(len(self.frame))
        values = pd.Series(1.0 if weights is None else weights.to_numpy(dtype=float), index=keys.index)
        sums = values.groupby([keys["doc_id"], keys["sent_index"]]).sum()
        return sums.reindex(self.index, fill_value=0.0).to_numpy(dtype=float)

    def span_count(self, layer: str, *, exclude: tuple = (), weight: str | None = None, **equals: str) -> np.ndarray:
        """Number (or summed ``weight`` column) of spans of ``layer`` in each sentence.

        ``equals`` selects spans by detail columns (``category=``, ``voice=``, ``typology=``);
        ``exclude`` leaves out the rows with ``column == value`` for each pair.
        """
        key = ("span", layer, exclude, weight, tuple(sorted(equals.items())))
        if key not in self._cache:
            spans = self.result.spans
            mask = spans["layer"] == layer
            for column, value in exclude:
                if column in spans.columns:
                    mask &= spans[column] != value
            for column, value in equals.items():
                if column not in spans.columns:
                    raise KeyError(column)
                mask &= spans[column] == value
            sel = spans.loc[mask & spans["doc_id"].isin(set(self._doc_ids))]
            self._cache[key] = self._per_sentence(sel, sel[weight] if weight else None)
        return self._cache[key]

    def _attributions(self) -> pd.DataFrame:
        """Attribution rows with their sentence (``sent_index``, else the sentence of the cue)."""
        if "attr" not in self._cache:
            att = self.result.attributions
            att = att[att["doc_id"].isin(set(self._doc_ids))].copy()
            if "sent_index" not in att.columns or att["sent_index"].isna().any():
                anchor = att["cue_start"] if "cue_start" in att.columns else att["content_start"]
                found = [self._sentence_at(d, a) for d, a in zip(att["doc_id"], anchor)]
                att["sent_index"] = (
                    att["sent_index"].fillna(pd.Series(found, index=att.index))
                    if "sent_index" in att.columns
                    else found
                )
            att["sent_index"] = att["sent_index"].astype(int)
            self._cache["attr"] = att[att["sent_index"] >= 0]
        return self._cache["attr"]

    def _sentence_at(self, doc_id: str, offset: float) -> int:
        if offset != offset:  # NaN
            return -1
        rows = self.frame[self.frame["doc_id"] == doc_id]
        k = np.searchsorted(rows["end"].to_numpy(), offset, side="right")
        if k < len(rows) and rows["start"].iloc[k] <= offset:
            return int(rows["sent_index"].iloc[k])
        return -1

    def attribution_count(self, **equals: Any) -> np.ndarray:
        """Attributions in each sentence, optionally those with ``column == value`` (``source_type=``)."""
        key = ("attr_count", tuple(sorted(equals.items())))
        if key not in self._cache:
            att = self._attributions()
            for column, value in equals.items():
                if column not in att.columns:
                    raise KeyError(column)
                att = att[att[column] == value]
            self._cache[key] = self._per_sentence(att)
        return self._cache[key]

    def word_tokens(self, inside: str | None = None) -> np.ndarray:
        """Word tokens (first character a letter or digit) of each sentence.

        ``inside="content"``: only those inside a span of layer ``content`` (attributed
        content); ``inside="direct"``: inside ``content`` spans of category ``direct``.
        A token is inside a span when it starts in it (as the attribution layer counts).
        """
        key = ("words", inside)
        if key not in self._cache:
            out = np.zeros(len(self.frame))
            row_of = {k: i for i, k in enumerate(zip(self.frame["doc_id"], self.frame["sent_index"]))}
            spans = self.result.spans
            if inside is not None:
                spans = spans[(spans["layer"] == "content") & spans["doc_id"].isin(set(self._doc_ids))]
                if inside == "direct":
                    spans = spans[spans["category"] == "direct"]
                by_doc = {d: list(zip(g["start"], g["end"])) for d, g in spans.groupby("doc_id", sort=False)}
            docs = segmented(self.result)
            for doc_id in self._doc_ids:
                if inside is not None and doc_id not in by_doc:
                    continue
                doc = docs[doc_id]
                word = np.fromiter((t[:1].isalnum() for t in doc.tok_lower), dtype=bool, count=doc.n_tokens)
                if inside is not None:
                    starts = doc.tok_start
                    mask = np.zeros(doc.n_tokens, dtype=bool)
                    for a, b in by_doc[doc_id]:
                        mask[bisect_left(starts, a) : bisect_left(starts, b)] = True
                    word &= mask
                counts = np.bincount(np.asarray(doc.tok_sent, dtype=np.intp)[word], minlength=len(doc.sentences))
                for k, c in enumerate(counts):
                    i = row_of.get((doc_id, k))
                    if i is not None:
                        out[i] = c
            self._cache[key] = out
        return self._cache[key]


@dataclass(frozen=True)
class SentenceMeasure:
    """A document measure as a ratio of per-sentence sums, from the declaration of the layer that writes it.

    ``value = scale * sum(numerator) / sum(denominator)`` over the counted sentences:
    body sentences (every sentence when the annotator's ``ratio.headings`` parameter is true
    in the result's manifest), or every sentence when ``ratio.sentences == "all"``. For one
    document this is the document measure itself (see :class:`framing.layers.base.Ratio`).
    """

    name: str
    ratio: Ratio
    annotator: str = ""

    @property
    def definition(self) -> str:
        return self.ratio.definition()

    @property
    def scale(self) -> float:
        return self.ratio.scale


def sentence_measure(name: str, declarations: Declarations | None = None) -> SentenceMeasure | None:
    """The sentence-level definition of document measure ``name``, or None if it has none.

    It comes from the :class:`~framing.layers.base.Measure` that an annotator declares
    (families such as ``loaded_per_1k:<category>`` included); ``declarations`` default to
    those of the built-in pipeline.
    """
    if declarations is None:
        declarations = Pipeline().declarations
    found = declarations.measure(name)
    if found is None:
        return None
    measure, annotator = found
    ratio = measure.ratio_for(name)
    return None if ratio is None else SentenceMeasure(name, ratio, annotator.__name__)


# ---------------------------------------------------------------------------
# Groups


# ---------------------------------------------------------------------------
# Statistics


def _rng(seed: int | None, *parts: str) -> np.random.Generator:
    if seed is None:
        return np.random.default_rng()
    return np.random.default_rng([int(seed), *(zlib.crc32(p.encode("utf-8")) for p in parts)])


class _Ratio:
    """``scale * sum(num[idx]) / sum(den[idx])`` over index samples (vectorised).

    ``idx`` is one sample of unit indices or a batch of them (one sample per row); the
    sums run along ``axis`` of ``idx``, which scipy passes as -1.
    """

    def __init__(self, num: np.ndarray, den: np.ndarray, scale: float):
        self.num, self.den, self.scale = num, den, scale
        self._rows = np.stack([num, den])  # row 0 numerators, row 1 denominators: one gather serves both

    def __call__(self, idx: np.ndarray, axis: int = -1) -> np.ndarray:
        # shape (2, *idx.shape); np.take, as rows[:, idx] takes a much slower indexing path
        gathered = np.take(self._rows, np.asarray(idx, dtype=np.intp), axis=1)
        num, den = gathered.sum(axis=axis if axis < 0 else axis + 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.scale * num / den

    def difference(self, a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
        return self(a, axis) - self(b, axis)


def _batch(n_units: int) -> int:
    return max(50, 2_000_000 // max(n_units, 1))


def _interval(
    samples: tuple, statistic: Callable, point: float, *, confidence: float, n_resamples: int, rng: np.random.Generator
) -> tuple[float, float, str]:
    """Bootstrap interval; returns (low, high, method used)."""
    from scipy import stats

    sizes = [len(s) for s in samples]
    if min(sizes) < 2:
        return math.nan, math.nan, "none (fewer than 2 units)"
    method = "BCa" if max(sizes) <= BCA_MAX_UNITS else "percentile"
    kwargs = dict(
        n_resamples=n_resamples, confidence_level=confidence, vectorized=True, batch=_batch(sum(sizes)), paired=False
    )
    for m in dict.fromkeys((method, "percentile")):
        state = rng.bit_generator.state
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = stats.bootstrap(samples, statistic, method=m, rng=rng, **kwargs)
        low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
        if math.isfinite(low) and math.isfinite(high):
            return low, high, m
        dist = res.bootstrap_distribution
        if np.all(np.isfinite(dist)) and np.ptp(dist) == 0:
            return point, point, "degenerate (all resamples equal)"
        rng.bit_generator.state = state  # the fallback sees the same draws
    return math.nan, math.nan, "none (bootstrap undefined)"


class _Stacked:
    """Differences of several ratio statistics at once, for one permutation test.

    The samples are unit positions ``0 .. n_a + n_b - 1`` (group a first); for a batch of
    permutations the group-a sums of every numerator and denominator are one matrix product
    of the membership matrix with the unit values, and the group-b sums are the totals minus
    those. Each measure is tested on the same permutations, so one pass serves them all and
    a measure's p-value does not depend on which other measures are tested with it.
    """

    def __init__(self, stats_: Sequence[_Ratio], units: np.ndarray):
        self.num = np.column_stack([s.num[units] for s in stats_])
        self.den = np.column_stack([s.den[units] for s in stats_])
        self.scales = np.array([s.scale for s in stats_], dtype=float)
        self.total_num, self.total_den = self.num.sum(axis=0), self.den.sum(axis=0)

    def _difference(self, num_a: np.ndarray, den_a: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.scales * (num_a / den_a - (self.total_num - num_a) / (self.total_den - den_a))

    def __call__(self, a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
        a = np.asarray(a, dtype=np.intp)
        if a.ndim == 1:
            return self._difference(self.num[a].sum(axis=0), self.den[a].sum(axis=0))
        member = np.zeros((a.shape[0], len(self.num)))
        np.put_along_axis(member, a, 1.0, axis=1)
        return self._difference(member @ self.num, member @ self.den)


def _p_values(
    stats_: Sequence[_Ratio], ia: np.ndarray, ib: np.ndarray, *, n_resamples: int, rng: np.random.Generator
) -> np.ndarray:
    """Two-sided permutation p-values of the difference, one per statistic (same units)."""
    from scipy import stats

    n_a, n_b = len(ia), len(ib)
    statistic = _Stacked(stats_, np.concatenate([ia, ib]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.permutation_test(
            (np.arange(n_a), np.arange(n_a, n_a + n_b)),
            statistic,
            permutation_type="independent",
            vectorized=True,
            n_resamples=n_resamples,
            alternative="two-sided",
            batch=_batch(n_a + n_b),
            rng=rng,
        )
    p = np.atleast_1d(np.asarray(res.pvalue, dtype=float))
    return np.where(np.isfinite(p), np.clip(p, 0.0, 1.0), np.nan)


# ---------------------------------------------------------------------------
# Data for one measure


def _document_values(result: Any, measure: str) -> pd.Series | None:
    """doc_id -> value of a document measure, from the wide table or the long one."""
    docs = result.documents
    if measure in docs.columns:
        return pd.to_numeric(docs.set_index("doc_id")[measure], errors="coerce")
    long = result.measures
    rows = long[long["measure"] == measure]
    if rows.empty:
        return None
    return rows.drop_duplicates("doc_id", keep="last").set_index("doc_id")["value"].astype(float)


def _available_measures(result: Any) -> list[str]:
    long = list(dict.fromkeys(result.measures["measure"]))
    known = set(long)
    names = [c for c in result.documents.columns if c in known]
    listed = set(names)
    return names + [m for m in long if m not in listed]


def _counted_rows(sentences: _Sentences, spec: SentenceMeasure, manifest: Mapping) -> np.ndarray:
    params = (manifest.get("annotators") or {}).get(spec.annotator) or {}
    ratio = spec.ratio
    if ratio.sentences == "all" or (ratio.headings and params.get(ratio.headings) is True):
        return np.ones(len(sentences.frame), dtype=bool)
    return sentences.is_body()


def _sentence_arrays(sentences: _Sentences, spec: SentenceMeasure, manifest: Mapping):
    num = np.asarray(sentences.evaluate(spec.ratio.numerator), dtype=float)
    den = np.asarray(sentences.evaluate(spec.ratio.denominator), dtype=float)
    keep = _counted_rows(sentences, spec, manifest) & (den > 0) & np.isfinite(num) & np.isfinite(den)
    return num, den, keep


# ---------------------------------------------------------------------------
# The public function


def compare(
    result: Any,
    by: str | None = "outlet",
    groups: Mapping[str, Sequence[str]] | None = None,
    measures: Sequence[str] | None = None,
    confidence: float = 0.95,
    n_resamples: int = 9999,
    seed: int | None = 0,
    unit: str = "auto",
    period: str | None = None,
) -> pd.DataFrame:
    """Compare document measures between groups: values, differences, intervals, p-values.

    Parameters
    ----------
    result : framing.Analysis
        What :func:`framing.analyze` returned.
    by : str
        A column of ``result.documents`` whose values name the groups (``"outlet"``,
        ``"doc_id"``, ``"author"`` ...). Documents with no value form the group
        ``"(no <by>)"`` (a note says so).
    groups : dict, optional
        Instead of ``by``: ``{group name: [doc_id, ...]}``; groups must not overlap.
    measures : list of str, optional
        Measure names (columns of ``result.documents`` or names in ``result.measures``).
        Default: the measures the result's layers declare with ``compare=True``
        (:meth:`Declarations.compared`), those present in the result.
    confidence : float
        Confidence level of the bootstrap intervals.
    n_resamples : int
        Bootstrap resamples and permutations.
    seed : int or None
        Seed of every random draw (None: not reproducible).
    unit : {"auto", "document", "sentence"}
        Resampling unit; ``auto`` uses documents for a pair of groups with at least
        :data:`MIN_DOCUMENTS` analysable documents each, else sentences (see the module
        docstring for why sentence-level results are descriptive only).
    period : {"week", "month", "quarter", "year"}, optional
        Compare the groups **within each period** of the documents' ``date`` (see
        "Periods" in the module docstring); the table gains a first column ``period``.

    Returns
    -------
    pandas.DataFrame
        One row per measure and pair of groups, columns :data:`COLUMNS`: ``value_*``,
        ``low_*``, ``high_*`` (bootstrap interval), ``n_*`` (resampling units),
        ``difference = value_a - value_b`` with ``diff_low``/``diff_high``, ``p_value``
        (two-sided permutation test of the difference), ``unit`` and ``method``. Ordered
        by measure, then pair. ``df.attrs`` holds ``confidence``, ``n_resamples``,
        ``seed``, ``by``, ``unit`` (``document``, ``sentence`` or ``mixed``), ``min_documents``,
        ``groups`` (name -> doc_ids used), ``excluded`` (documents left out, with their status) and ``notes`` (every
        skipped measure or document, and why). With ``period``: columns
        ``["period", *COLUMNS]``, ordered by period, then measure, then pair, and
        ``attrs["period"]``, ``attrs["periods"]``.

    Warns
    -----
    ComparisonNote
        Each of ``attrs["notes"]`` once (missing values, excluded documents, skipped
        measures, the resampling unit and why), so the notes reach a reader who does not
        look at ``attrs``. Silence them with
        ``warnings.simplefilter("ignore", framing.errors.ComparisonNote)``.

    Definitions: document unit, value = mean of the documents' values; sentence unit,
    value = pooled ratio estimator of :func:`sentence_measure` over the group's
    sentences. Methods: Efron & Tibshirani (1993) BCa bootstrap; permutation test with
    Monte Carlo p-value (b + 1) / (m + 1) (Phipson & Smyth 2010).
    """
    draws = _check_arguments(result, confidence, n_resamples, seed, unit)
    if period is not None:
        frame = _compare_by_period(result, by, groups, measures, unit, period, draws)
        _emit_notes(frame.attrs["notes"])
        return frame
    notes: list[str] = []
    named, excluded = _analysable_groups(result, by, groups, notes)
    pairs = _pairs(named)
    pair_unit = _pair_units(named, pairs, unit, notes)
    wanted = _wanted_measures(result, measures, notes)
    rows = _rows(result, named, pairs, pair_unit, wanted, draws, notes)
    _merge_undefined_notes(notes)
    units_used = sorted({r["unit"] for r in rows}) or sorted(set(pair_unit.values()))

    frame = pd.DataFrame.from_records(rows, columns=COLUMNS)
    frame = frame.astype({"n_a": "int64", "n_b": "int64"})
    frame.attrs.update(
        confidence=confidence,
        n_resamples=draws.n_resamples,
        seed=seed,
        by=by if groups is None else "groups",
        unit=units_used[0] if len(units_used) == 1 else "mixed",
        min_documents=MIN_DOCUMENTS,
        groups={k: list(v) for k, v in named.items()},
        excluded=excluded,
        notes=notes,
    )
    _emit_notes(notes)
    return frame


# ---------------------------------------------------------------------------
# The steps of compare(): check the arguments, choose groups, units and measures, resample


@dataclass(frozen=True)
class _Draws:
    """The settings of every bootstrap and permutation of one :func:`compare` call."""

    confidence: float
    n_resamples: int
    seed: int | None


def _check_arguments(result: Any, confidence: float, n_resamples: int, seed: int | None, unit: str) -> _Draws:
    if not (0 < confidence < 1):
        raise AnalysisError(f"compare(): confidence must be between 0 and 1, got {confidence!r}")
    if int(n_resamples) < 1:
        raise AnalysisError(f"compare(): n_resamples must be a positive integer, got {n_resamples!r}")
    if unit not in ("auto", "document", "sentence"):
        raise AnalysisError(f"compare(): unit must be 'auto', 'document' or 'sentence', got {unit!r}")
    for table in ("documents", "sentences", "spans", "measures"):
        if not hasattr(result, table):
            raise AnalysisError(
                f"compare(): expected the result of framing.analyze(), got {type(result).__name__} (no .{table} table)"
            )
    return _Draws(confidence, int(n_resamples), seed)


def _analysable_groups(
    result: Any, by: str | None, groups: Mapping[str, Sequence[str]] | None, notes: list[str]
) -> tuple[dict[str, list[str]], list[dict]]:
    """Group name -> analysable doc_ids (at least two groups), and the documents left out."""
    named = group_documents(result, by, groups, notes)
    if len(named) < 2:
        only = next(iter(named), None)
        raise AnalysisError(
            f"compare(): need at least two groups to compare, found {len(named)}"
            + (f" ({only!r}, {len(named[only])} document(s))" if only is not None else "")
            + "; group by another column (e.g. by='doc_id') or pass groups={name: [doc_id, ...]}"
        )
    named, excluded = exclude_unanalysable(result, named, notes)
    if len(named) < 2:
        raise AnalysisError(
            "compare(): fewer than two groups have an analysable document "
            f"(excluded: {', '.join(e['doc_id'] for e in excluded)}); see result.documents.status_detail"
        )
    return named, excluded


def _pairs(named: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    pairs = list(itertools.combinations(list(named), 2))
    if len(pairs) > MAX_PAIRS:
        raise AnalysisError(
            f"compare(): {len(named)} groups make {len(pairs)} pairs (limit {MAX_PAIRS}); group by a column with "
            "fewer values (e.g. by='outlet' rather than by='doc_id') or pass groups={name: [doc_id, ...]}"
        )
    return pairs


def _pair_units(
    named: Mapping[str, Sequence[str]], pairs: list[tuple[str, str]], unit: str, notes: list[str]
) -> dict[tuple[str, str], str]:
    """(group_a, group_b) -> resampling unit; a note says why sentences where they are used."""
    sizes = {name: len(ids) for name, ids in named.items()}
    if unit == "auto":
        pair_unit = {(a, b): "document" if min(sizes[a], sizes[b]) >= MIN_DOCUMENTS else "sentence" for a, b in pairs}
    else:
        pair_unit = dict.fromkeys(pairs, unit)
    if unit == "document" and min(sizes.values()) < 2:
        raise AnalysisError(
            f"compare(unit='document'): every group needs at least 2 documents ({sizes}); use unit='sentence' or 'auto'"
        )
    small = [g for g in named if sizes[g] < MIN_DOCUMENTS]
    if "sentence" in pair_unit.values():
        reason = (
            f"a group has fewer than {MIN_DOCUMENTS} documents ({', '.join(f'{g}: {sizes[g]}' for g in small)})"
            if unit == "auto"
            else "unit='sentence' was asked for"
        )
        which = "" if set(pair_unit.values()) == {"sentence"} else " for the pairs involving those groups"
        notes.append(
            f"resampling unit: sentence{which}, because {reason}. Sentence-level intervals and p-values "
            "describe how much each value depends on the sentences of these texts; they are not inference "
            "about outlets or their coverage."
        )
    return pair_unit


def _wanted_measures(result: Any, measures: Sequence[str] | None, notes: list[str]) -> list[str]:
    """The measures to compare, in order: those asked for (default: those the layers declare
    ``compare=True``) that the result holds."""
    available = _available_measures(result)
    if measures is None:
        defaults = declarations_of(result).compared()
        wanted = [m for m in defaults if m in available]
        absent = [m for m in defaults if m not in available]
        if absent:
            notes.append(f"not in this result (layer not run or not built yet), skipped: {', '.join(absent)}")
    else:
        wanted = [measures] if isinstance(measures, str) else list(dict.fromkeys(measures))
        declared = declarations_of(result)
        unknown = [m for m in wanted if m not in available and declared.measure(m) is None]
        if unknown:
            raise AnalysisError(
                f"compare(): unknown measure(s) {', '.join(map(repr, unknown))}; available: {', '.join(available)}"
            )
        absent = [m for m in wanted if m not in available]
        if absent:
            notes.append(f"not in this result, skipped: {', '.join(absent)}")
        wanted = [m for m in wanted if m in available]
    return wanted


def _rows(
    result: Any,
    named: Mapping[str, list[str]],
    pairs: list[tuple[str, str]],
    pair_unit: Mapping[tuple[str, str], str],
    wanted: list[str],
    draws: _Draws,
    notes: list[str],
) -> list[dict]:
    """The table's rows: every measure, every pair, each pair at its resampling unit; by measure, then pair."""
    rows_by_measure: dict[str, list[dict]] = {m: [] for m in wanted}
    for unit in ("document", "sentence"):
        unit_pairs = [pair for pair in pairs if pair_unit[pair] == unit]
        if unit_pairs:
            for measure, rows in _unit_rows(result, named, unit_pairs, unit, wanted, draws, notes).items():
                rows_by_measure[measure].extend(rows)
    order = {pair: k for k, pair in enumerate(pairs)}
    return [
        row for m in wanted for row in sorted(rows_by_measure[m], key=lambda r: order[(r["group_a"], r["group_b"])])
    ]


def _unit_rows(
    result: Any,
    named: Mapping[str, list[str]],
    pairs: list[tuple[str, str]],
    unit: str,
    wanted: list[str],
    draws: _Draws,
    notes: list[str],
) -> dict[str, list[dict]]:
    """measure -> rows of the pairs resampled at ``unit`` (a measure without data there has none)."""
    involved = {g: named[g] for g in named if any(g in pair for pair in pairs)}
    sentences = None
    if unit == "sentence":
        sentences = _Sentences(result, [i for ids in involved.values() for i in ids])
    manifest = getattr(result, "manifest", {}) or {}
    data = {}
    for measure in wanted:
        found = _measure_data(result, measure, unit, involved, sentences, manifest, notes)
        if found is not None:
            data[measure] = found
    p_values = _all_p_values(data, pairs, draws.n_resamples, draws.seed)
    return {
        measure: _measure_rows(measure, stat, units, pairs, unit, draws, p_values)
        for measure, (stat, units) in data.items()
    }


def _merge_undefined_notes(notes: list[str]) -> None:
    """One note for every measure without a sentence-level definition, not one note each."""
    undefined = [n.split(": ", 1)[0] for n in notes if n.endswith(_NO_DEFINITION)]
    if len(undefined) > 1:
        notes[:] = [n for n in notes if not n.endswith(_NO_DEFINITION)]
        notes.append(f"{', '.join(undefined)}: {_NO_DEFINITION}")


def _emit_notes(notes: Sequence[str]) -> None:
    """Each note once as a :class:`~framing.errors.ComparisonNote`, attributed to compare()'s caller."""
    for note in notes:
        log.info("compare: %s", note)
        warnings.warn(note, ComparisonNote, stacklevel=3)


def _measure_data(result, measure, unit, named, sentences, manifest, notes):
    """(statistic, {group: unit indices}) for one measure, or None (with a note)."""
    if unit == "document":
        values = _document_values(result, measure)
        if values is None:
            notes.append(f"{measure}: not in this result, skipped")
            return None
        units: dict[str, np.ndarray] = {}
        num: list[float] = []
        for name, ids in named.items():
            v = values.reindex(ids)
            bad = v[~np.isfinite(v.to_numpy(dtype=float))].index.tolist()
            if bad:
                notes.append(
                    f"{measure}: no value for {len(bad)} document(s) of {name!r} "
                    f"({', '.join(map(str, bad[:5]))}); they are left out of this measure"
                )
            good = v.dropna().to_numpy(dtype=float)
            units[name] = np.arange(len(num), len(num) + len(good))
            num.extend(good.tolist())
        arr = np.asarray(num, dtype=float)
        return _Ratio(arr, np.ones_like(arr), 1.0), units

    spec = sentence_measure(measure, declarations_of(result))
    if spec is None:
        notes.append(f"{measure}: {_NO_DEFINITION}")
        return None
    try:
        num, den, keep = _sentence_arrays(sentences, spec, manifest)
    except KeyError as exc:
        notes.append(f"{measure}: the result lacks {exc} needed for its sentence-level definition, skipped")
        return None
    doc_of = sentences.frame["doc_id"].to_numpy()
    units = {name: np.flatnonzero(keep & in_group) for name, in_group in sentences.group_masks(named).items()}
    _check_reconstruction(result, measure, spec, num, den, keep, doc_of, notes)
    return _Ratio(num, den, spec.scale), units


def _check_reconstruction(result, measure, spec, num, den, keep, doc_of, notes) -> None:
    """Note documents whose sentence-level value differs from the document measure."""
    values = _document_values(result, measure)
    if values is None:
        return
    frame = pd.DataFrame({"doc_id": doc_of[keep], "num": num[keep], "den": den[keep]})
    sums = frame.groupby("doc_id", sort=False)[["num", "den"]].sum()
    rebuilt = spec.scale * sums["num"] / sums["den"]
    documented = values.reindex(rebuilt.index)
    off = [
        d
        for d in rebuilt.index
        if np.isfinite(documented[d]) and not math.isclose(rebuilt[d], documented[d], rel_tol=1e-6, abs_tol=1e-9)
    ]
    if off:
        notes.append(
            f"{measure}: the sentence-level definition ({spec.definition}) gives a different value than the "
            f"document measure for {', '.join(off[:5])}; its sentence-level figures may not match result.documents"
        )


def _all_p_values(data: dict, pairs: list, n_resamples: int, seed: int | None) -> dict:
    """(measure, group_a, group_b) -> permutation p-value; measures with the same units share one test."""
    out = {}
    for a, b in pairs:
        buckets: dict[tuple, list[str]] = {}
        for measure, (_, units) in data.items():
            if len(units[a]) >= 2 and len(units[b]) >= 2:  # a permutation needs 2+ units a side
                buckets.setdefault((units[a].tobytes(), units[b].tobytes()), []).append(measure)
        for measures in buckets.values():
            units = data[measures[0]][1]
            # the draws depend on the pair and the number of units only, not on the other measures
            rng = _rng(seed, a, b, "permute", str(len(units[a])), str(len(units[b])))
            ps = _p_values([data[m][0] for m in measures], units[a], units[b], n_resamples=n_resamples, rng=rng)
            out.update({(m, a, b): float(p) for m, p in zip(measures, ps)})
    return out


def _measure_rows(measure, stat, units, pairs, unit, draws: _Draws, p_values) -> list[dict]:
    confidence, n_resamples, seed = draws.confidence, draws.n_resamples, draws.seed
    per_group: dict[str, tuple] = {}
    for name, idx in units.items():
        value = float(stat(idx)) if len(idx) else math.nan
        low, high, m = _interval(
            (idx,), stat, value, confidence=confidence, n_resamples=n_resamples, rng=_rng(seed, measure, name)
        )
        per_group[name] = (value, low, high, len(idx), m)
    rows = []
    for a, b in pairs:
        va, la, ha, na, ma = per_group[a]
        vb, lb, hb, nb, mb = per_group[b]
        diff = va - vb
        ia, ib = units[a], units[b]
        if na and nb:
            dlow, dhigh, md = _interval(
                (ia, ib),
                stat.difference,
                diff,
                confidence=confidence,
                n_resamples=n_resamples,
                rng=_rng(seed, measure, a, b, "bootstrap"),
            )
            p = p_values.get((measure, a, b), math.nan)
        else:
            dlow = dhigh = p = math.nan
            md = "none (empty group)"
        methods = sorted({ma, mb, md})
        ci = methods[0] if len(methods) == 1 else "/".join(methods)
        estimator = "mean of documents" if unit == "document" else "pooled ratio over sentences"
        rows.append(
            dict(
                measure=measure,
                group_a=a,
                group_b=b,
                value_a=va,
                low_a=la,
                high_a=ha,
                n_a=na,
                value_b=vb,
                low_b=lb,
                high_b=hb,
                n_b=nb,
                difference=diff,
                diff_low=dlow,
                diff_high=dhigh,
                p_value=p,
                unit=unit,
                method=f"{estimator}; {ci} bootstrap {confidence:.0%} CI; two-sided permutation test of the difference",
            )
        )
    return rows


# ---------------------------------------------------------------------------
# compare(period=...): the same comparison within each period of time


def _compare_by_period(
    result: Any,
    by: str | None,
    groups: Mapping[str, Sequence[str]] | None,
    measures: Sequence[str] | None,
    unit: str,
    period: str,
    draws: _Draws,
) -> pd.DataFrame:
    """compare() within each period: the rows of each period's own comparison, with a ``period`` column.

    The caller emits the notes (``attrs["notes"]``)."""
    from .trends import document_periods, period_range

    notes: list[str] = []
    named, excluded = _analysable_groups(result, by, groups, notes)
    periods = document_periods(result, period, notes=notes)
    wanted = _wanted_measures(result, measures, notes)
    rows: list[dict] = []
    units: set[str] = set()
    for label, ids in periods.items():
        in_period = set(ids)
        within = {g: [i for i in members if i in in_period] for g, members in named.items()}
        within = {g: members for g, members in within.items() if members}
        if len(within) < 2:
            only = ", ".join(f"{g!r} ({len(m)} document(s))" for g, m in within.items()) or "no analysable document"
            notes.append(f"period {label}: only {only}; nothing to compare in this period")
            continue
        period_notes: list[str] = []
        pairs = _pairs(within)
        try:
            pair_unit = _pair_units(within, pairs, unit, period_notes)
        except AnalysisError as exc:
            raise AnalysisError(f"period {label}: {exc}") from None
        found = _rows(result, within, pairs, pair_unit, wanted, draws, period_notes)
        _merge_undefined_notes(period_notes)
        notes.extend(f"period {label}: {note}" for note in period_notes)
        units.update(r["unit"] for r in found)
        rows.extend({"period": label, **row} for row in found)

    frame = pd.DataFrame.from_records(rows, columns=["period", *COLUMNS])
    frame = frame.astype({"n_a": "int64", "n_b": "int64"})
    frame.attrs.update(
        confidence=draws.confidence,
        n_resamples=draws.n_resamples,
        seed=draws.seed,
        by=by if groups is None else "groups",
        unit=next(iter(units)) if len(units) == 1 else ("mixed" if units else "none"),
        min_documents=MIN_DOCUMENTS,
        groups={k: list(v) for k, v in named.items()},
        excluded=excluded,
        notes=notes,
        period=period,
        periods=period_range(periods, period),
    )
    return frame
