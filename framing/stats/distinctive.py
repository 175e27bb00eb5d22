"""Distinctive vocabulary of groups of documents, and concordance lines to read it in context.

``distinctive_terms`` ranks unigrams and bigrams by the **weighted log-odds ratio with an
informative Dirichlet prior** of Monroe, Colaresi & Quinn (2008, "Fightin' Words",
*Political Analysis* 16(4), eqs. 16, 19-22). For a term *w*, a group *i* and the documents
it is compared with, *j* (the other group, or all other groups):

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w))
            - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w = delta_w / sqrt(var(delta_w))

``y`` are term counts, ``n`` total counts of terms of the same length (unigrams and bigrams
are separate models), ``a_w`` the prior pseudo-count of *w* and ``a_0`` their sum over the
vocabulary. ``a_w = a_0 * pi_w``, where ``pi`` is the prior's distribution:

- ``prior="corpus"``: the pooled counts of the compared documents (the choice of Monroe
  et al., who used the whole corpus of speeches);
- ``prior="background"``: for unigrams, half the pooled corpus and half the general-English
  counts of ``framing/lexicons/background_en.csv`` (Norvig's big.txt counts as shipped in
  TextBlob: public-domain books, Wiktionary and BNC lists; see its header); bigrams have no
  background list and use the pooled corpus. With two short articles the corpus alone is a
  weak prior: the background damps words that are common in English anyway.

``a_0`` (``prior_strength``) defaults to the number of terms in the compared documents,
so the prior weighs as much as the data. The z-score accounts for the evidence behind
a difference: a word used 3 times vs 0 ranks below one used 30 times vs 10. Counts are
of lower-cased word tokens of body sentences (headings and bylines are excluded unless
``headings=True``); a bigram is two adjacent word tokens of one sentence with no
punctuation between them.

``kwic`` lists every occurrence of a word or phrase with its context, with offsets
into the original text, so every distinctive term can be read where it was used.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import AnalysisError, ComparisonNote
from ..text.segment import TOKEN_PATTERN
from .groups import exclude_unanalysable, group_documents, segmented

__all__ = ["distinctive_terms", "kwic", "log_odds_z", "background_counts", "DISTINCTIVE_COLUMNS", "KWIC_COLUMNS"]

DISTINCTIVE_COLUMNS = [
    "group",
    "other",
    "term",
    "n",
    "count_group",
    "count_other",
    "total_group",
    "total_other",
    "per_1k_group",
    "per_1k_other",
    "prior",
    "log_odds",
    "se",
    "z",
    "prior_source",
]
KWIC_COLUMNS = ["doc_id", "sent_index", "start", "end", "left", "match", "right"]

BACKGROUND_FILE = "background_en.csv"
PRIORS = ("corpus", "background")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


# ---------------------------------------------------------------------------
# The statistic


def log_odds_z(y_i, y_j, alpha, alpha_0: float | None = None):
    """Weighted log-odds ratio, its standard error and z-score (Monroe et al. 2008, eqs. 16, 19-22).

    ``y_i``, ``y_j``: arrays of term counts in the two sets of documents (same vocabulary,
    same order); ``alpha``: the prior pseudo-count of each term; ``alpha_0``: their sum
    (default ``alpha.sum()``). Returns ``(delta, se, z)`` as arrays.
    """
    y_i, y_j, alpha = (np.asarray(x, dtype=float) for x in (y_i, y_j, alpha))
    a0 = float(alpha.sum()) if alpha_0 is None else float(alpha_0)
    n_i, n_j = y_i.sum(), y_j.sum()
    delta = np.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha))
    se = np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, se, delta / se


# ---------------------------------------------------------------------------
# Tokens


def _is_word(token: str) -> bool:
    return _HAS_LETTER.search(token) is not None


def _term_counts(doc, ngram: tuple[int, int], headings: bool) -> Counter:
    counts: Counter = Counter()
    lows = [t.translate(_APOSTROPHES) for t in doc.tok_lower]
    words = [_is_word(t) for t in lows]
    lo, hi = ngram
    for sent in doc.sentences:
        if sent.kind == "heading" and not headings:
            continue
        a, b = sent.tok_first, sent.tok_last
        for n in range(lo, hi + 1):
            for i in range(a, b - n + 1):
                if all(words[i : i + n]):
                    counts[" ".join(lows[i : i + n])] += 1
    return counts


def background_counts() -> dict[str, int]:
    """Word -> count of the general-English background list (``framing/lexicons/background_en.csv``)."""
    return dict(_background())


_BACKGROUND: list = []


def _background() -> list[tuple[str, int]]:
    if not _BACKGROUND:
        from ..lexicons import read_rows

        rows = read_rows(BACKGROUND_FILE, ("word", "count"))
        out = []
        for row in rows:
            try:
                out.append((row["word"], int(row["count"])))
            except ValueError:
                raise AnalysisError(
                    f"framing/lexicons/{BACKGROUND_FILE}: line {row['_line']} has count {row['count']!r}, "
                    "not an integer; fix the file"
                ) from None
        _BACKGROUND.extend(out)
    return _BACKGROUND


# ---------------------------------------------------------------------------
# Groups (shared rules with compare)


def _groups(
    result: Any, by: str | None, groups: Mapping[str, Sequence[str]] | None, notes: list[str], caller: str
) -> dict[str, list[str]]:

    named = group_documents(result, by, groups, notes, caller)
    if len(named) < 2:
        raise AnalysisError(
            f"{caller}: need at least two groups, found {len(named)}; group by another column "
            "(e.g. by='doc_id') or pass groups={name: [doc_id, ...]}"
        )
    named, excluded = exclude_unanalysable(result, named, notes)
    if excluded:
        warnings.warn(notes[-1], ComparisonNote, stacklevel=3)
    if len(named) < 2:
        raise AnalysisError(f"{caller}: fewer than two groups have an analysable document")
    return named


# ---------------------------------------------------------------------------
# Public functions


def distinctive_terms(
    result: Any,
    by: str | None = "outlet",
    groups: Mapping[str, Sequence[str]] | None = None,
    ngram: tuple[int, int] = (1, 2),
    prior: str = "background",
    prior_strength: float | None = None,
    min_count: int = 2,
    headings: bool = False,
) -> pd.DataFrame:
    """Terms that distinguish each group: weighted log-odds with an informative Dirichlet prior.

    Monroe, Colaresi & Quinn (2008): see the module docstring for the formula and the
    priors. Each group is compared with the other group (two groups) or with all other
    groups pooled (three or more). ``z > 1.96`` marks a term used distinctively more by
    the group (two-sided 5% level for one term; with thousands of terms, read z as a
    ranking, not as tests).

    Parameters
    ----------
    result : framing.Analysis
    by, groups :
        How to group documents, as in :func:`framing.compare` (documents with status
        error/empty are left out, with a note in ``attrs["notes"]``).
    ngram : (int, int)
        Smallest and largest n-gram length (default unigrams and bigrams).
    prior : {"background", "corpus"}
        Source of the prior distribution (see the module docstring).
    prior_strength : float, optional
        ``a_0``, the total prior pseudo-count per n-gram length; default: the number of
        terms of that length in the compared documents.
    min_count : int
        Leave out terms used fewer times than this in all compared documents together.
    headings : bool
        Count headlines, subheadings and bylines too.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISTINCTIVE_COLUMNS`: ``group``, ``other`` (what it is compared with),
        ``term``, ``n`` (n-gram length), ``count_group``, ``count_other``, ``total_group``,
        ``total_other`` (terms of that length), ``per_1k_group``, ``per_1k_other``,
        ``prior`` (``a_w``), ``log_odds`` (``delta``), ``se``, ``z`` and ``prior_source``;
        every kept term once per group, sorted by group and descending z. ``attrs`` holds
        ``by``, ``groups``, ``prior``, ``prior_strength``, ``min_count`` and ``notes``.
    """
    caller = "distinctive_terms()"
    if prior not in PRIORS:
        raise AnalysisError(f"{caller}: prior must be one of {', '.join(map(repr, PRIORS))}, got {prior!r}")
    lo, hi = _check_ngram(ngram, caller)
    if int(min_count) < 1:
        raise AnalysisError(f"{caller}: min_count must be at least 1, got {min_count!r}")
    if prior_strength is not None and not prior_strength > 0:
        raise AnalysisError(f"{caller}: prior_strength must be positive, got {prior_strength!r}")
    notes: list[str] = []
    named = _groups(result, by, groups, notes, caller)
    docs = segmented(result)
    group_counts = {}
    for name, ids in named.items():
        total: Counter = Counter()
        for doc_id in ids:
            total.update(_term_counts(docs[doc_id], (lo, hi), headings))
        group_counts[name] = total

    names = list(named)
    frames = [
        frame
        for n in range(lo, hi + 1)
        for frame in _length_frames(group_counts, names, n, prior, prior_strength, min_count)
    ]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    if len(table):
        order = {g: i for i, g in enumerate(names)}
        table = (
            table.assign(_g=table["group"].map(order))
            .sort_values(["_g", "z", "term"], ascending=[True, False, True], kind="mergesort")
            .drop(columns="_g")
            .reset_index(drop=True)
        )
    table = table[DISTINCTIVE_COLUMNS]
    table.attrs.update(
        by=by if groups is None else "groups",
        groups={k: list(v) for k, v in named.items()},
        prior=prior,
        prior_strength=prior_strength,
        min_count=int(min_count),
        notes=notes,
    )
    return table


def _length_frames(
    group_counts: Mapping[str, Counter],
    names: list[str],
    n: int,
    prior: str,
    prior_strength: float | None,
    min_count: int,
) -> list[pd.DataFrame]:
    """The rows of the terms of length ``n``: for each group, its log-odds against the others."""
    vocab = sorted({t for c in group_counts.values() for t in c if t.count(" ") == n - 1})
    if not vocab:
        return []
    counts = np.array([[group_counts[g].get(t, 0) for t in vocab] for g in names], dtype=float)
    pooled = counts.sum(axis=0)
    a0 = float(pooled.sum()) if prior_strength is None else float(prior_strength)
    pi, source = _prior_distribution(vocab, pooled, prior, n)
    alpha = a0 * pi
    keep = pooled >= int(min_count)
    frames = []
    for gi, name in enumerate(names):
        y_i = counts[gi]
        y_j = pooled - y_i
        delta, se, z = log_odds_z(y_i, y_j, alpha, a0)
        other = names[1 - gi] if len(names) == 2 else "all other groups"
        frames.append(
            pd.DataFrame(
                {
                    "group": name,
                    "other": other,
                    "term": np.asarray(vocab, dtype=object)[keep],
                    "n": n,
                    "count_group": y_i[keep].astype(int),
                    "count_other": y_j[keep].astype(int),
                    "total_group": int(y_i.sum()),
                    "total_other": int(y_j.sum()),
                    "per_1k_group": _per_1k(y_i[keep], y_i.sum()),
                    "per_1k_other": _per_1k(y_j[keep], y_j.sum()),
                    "prior": alpha[keep],
                    "log_odds": delta[keep],
                    "se": se[keep],
                    "z": z[keep],
                    "prior_source": source,
                }
            )
        )
    return frames


def _check_ngram(ngram, caller: str) -> tuple[int, int]:
    if isinstance(ngram, int):
        ngram = (ngram, ngram)
    try:
        lo, hi = (int(x) for x in ngram)
    except (TypeError, ValueError):
        raise AnalysisError(f"{caller}: ngram must be a pair like (1, 2), got {ngram!r}") from None
    if not 1 <= lo <= hi <= 5:
        raise AnalysisError(f"{caller}: ngram must satisfy 1 <= low <= high <= 5, got {ngram!r}")
    return lo, hi


def _per_1k(y: np.ndarray, total: float) -> np.ndarray:
    return 1000.0 * y / total if total else np.full(len(y), math.nan)


def _prior_distribution(vocab: list[str], pooled: np.ndarray, prior: str, n: int) -> tuple[np.ndarray, str]:
    corpus = pooled / pooled.sum()
    if prior == "corpus" or n > 1:
        label = "corpus: pooled counts of the compared documents"
        if prior == "background":
            label += " (no background list for n-grams longer than 1)"
        return corpus, label
    bg = dict(_background())
    counts = np.array([bg.get(t, 0) for t in vocab], dtype=float)
    if counts.sum() == 0:
        return corpus, "corpus: pooled counts of the compared documents (no term in the background list)"
    background = counts / counts.sum()
    return (
        0.5 * corpus + 0.5 * background,
        f"background: 1/2 pooled corpus + 1/2 general English (framing/lexicons/{BACKGROUND_FILE})",
    )


def kwic(result: Any, term: str, window: int = 8, by: str | None = None) -> pd.DataFrame:
    """Concordance (keyword in context) lines for a word or phrase, with offsets.

    ``term`` is matched case-insensitively on whole tokens (a phrase on consecutive tokens;
    curly and straight apostrophes are the same); a final ``*`` matches any ending
    (``"deport*"``). ``window`` tokens are shown on each side, across sentence boundaries.
    Every document is searched, whatever its status.

    Returns a DataFrame with columns :data:`KWIC_COLUMNS`: ``doc_id``, ``sent_index``,
    ``start``, ``end`` (offsets into the original text: ``result.text(doc_id)[start:end]
    == match``), ``left``, ``match``, ``right`` (context with white space collapsed for
    reading); with ``by`` (a column of ``result.documents``) that column is added after
    ``doc_id``. One row per occurrence, in document and text order.
    """
    if not isinstance(term, str) or not term.strip():
        raise AnalysisError(f"kwic(): term must be a non-empty string, got {term!r}")
    if int(window) < 0:
        raise AnalysisError(f"kwic(): window must be 0 or more tokens, got {window!r}")
    window = int(window)
    prefix = term.rstrip().endswith("*")
    pattern = [m.group().lower().translate(_APOSTROPHES) for m in TOKEN_PATTERN.finditer(term.strip().rstrip("*"))]
    if not pattern:
        raise AnalysisError(f"kwic(): term {term!r} has no word to search for")
    documents = result.documents
    if by is not None and by not in documents.columns:
        raise AnalysisError(
            f"kwic(): result.documents has no column {by!r}; use one of: {', '.join(map(str, documents.columns[:12]))}"
        )
    if by == "doc_id":  # already a column
        by = None
    labels = dict(zip(documents["doc_id"], documents[by])) if by is not None else {}
    rows = []
    k = len(pattern)
    head, last = pattern[:-1], pattern[-1]
    for doc_id, doc in segmented(result).items():
        lows = doc.tok_lower
        text = doc.text
        starts, ends = doc.tok_start, doc.tok_end
        for i in range(len(lows) - k + 1):
            tok = lows[i + k - 1].translate(_APOSTROPHES)
            if not (tok.startswith(last) if prefix else tok == last):
                continue
            if head and [t.translate(_APOSTROPHES) for t in lows[i : i + k - 1]] != head:
                continue
            a, b = starts[i], ends[i + k - 1]
            left_start = starts[max(0, i - window)] if window else a
            right_end = ends[min(len(lows), i + k + window) - 1] if window else b
            row = {
                "doc_id": doc_id,
                "sent_index": doc.tok_sent[i],
                "start": a,
                "end": b,
                "left": " ".join(text[left_start:a].split()),
                "match": text[a:b],
                "right": " ".join(text[b:right_end].split()),
            }
            if by is not None:
                row[by] = labels.get(doc_id)
            rows.append(row)
    columns = KWIC_COLUMNS if by is None else [KWIC_COLUMNS[0], by, *KWIC_COLUMNS[1:]]
    return pd.DataFrame.from_records(rows, columns=columns)
