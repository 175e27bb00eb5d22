"""Targeted tone: how a text talks about an actor, from the sentences that mention it.

:func:`target_tone` finds every mention of each target (an actor or a term, given
with its aliases) in the analysed texts and averages the project's sentence ``tone``
(see :mod:`framing.tone`) over the sentences that mention it, per document, with a
bootstrap confidence interval. Every mention is a span in layer ``target``, so each
number can be read back to its sentences.

Matching rules
--------------
- **Whole words.** An alias matches only where it is not preceded or followed by a
  letter, digit or underscore: ``ICE`` matches in "ICE agents", "ICE's" and
  "anti-ICE", not in "ICED" or "Iceland". Multi-word aliases match across any run of
  whitespace, line breaks included ("Immigration and\\nCustoms Enforcement").
- **Acronyms are case-sensitive.** An alias with no lower-case letter and at least
  two letters (``ICE``, ``DHS``, ``U.S.``) matches only as written, so the noun *ice*
  in "ice cream" is not ICE.
- **Everything else is case-insensitive**: ``Homan`` matches "HOMAN" in a headline and
  ``border czar`` matches "Border Czar". ``case="sensitive"`` makes every alias match
  only as written (use it when a name is also a common word, e.g. *Trump* and *trump
  card*); ``case="insensitive"`` drops the acronym rule.
- **Longest alias first.** Within one target, overlapping matches are resolved to the
  longest alias ("Tom Homan" is one mention, not two). Targets are matched
  independently: a sentence may mention several.

Reference: sentence-level targeted tone is the transparent, lexical first step
towards news-specific target-dependent sentiment (NewsMTSC, Hamborg & Donnay 2021,
EACL), which reports that neural models reach F1 about 0.83 on that task. A sentence
that mentions a target and is negative is not necessarily negative *about* the target
("ICE agents were attacked" and "ICE attacked" score alike): read the spans.
"""

from __future__ import annotations

import bisect
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..layers.base import SPAN_COLUMNS

__all__ = ["target_tone", "target_spans", "TARGET_COLUMNS"]

#: columns of the frame :func:`target_tone` returns
TARGET_COLUMNS = [
    "doc_id",
    "target",
    "n_mentions",
    "n_sentences",
    "tone",
    "ci_low",
    "ci_high",
    "ci_method",
    "negative_share",
    "positive_share",
    "aliases_found",
]
_CASES = ("auto", "sensitive", "insensitive")
_NEUTRAL_BAND = 0.05  # as framing.tone.NEUTRAL_BAND (VADER's class threshold)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in alias)


def _alias_pattern(alias: str, case: str) -> str:
    body = r"\s+".join(re.escape(w) for w in alias.split())
    sensitive = case == "sensitive" or (case == "auto" and _is_acronym(alias))
    return body if sensitive else f"(?i:{body})"


def _compile_targets(targets: Any, case: str) -> dict[str, tuple[re.Pattern, list[str]]]:
    """``name -> (regex, aliases)`` after checking the argument."""
    if case not in _CASES:
        raise AnalysisError(f"case must be one of {', '.join(map(repr, _CASES))}; got {case!r}")
    if not isinstance(targets, Mapping) or not targets:
        raise AnalysisError(
            "targets must be a non-empty dict mapping a name to its aliases, e.g. "
            "{'ICE': ['ICE', 'Immigration and Customs Enforcement'], 'Homan': ['Tom Homan', 'Homan']}; "
            f"got {type(targets).__name__}"
        )
    out = {}
    for name, aliases in targets.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(name, str) or not name.strip():
            raise AnalysisError(f"target names must be non-empty strings; got {name!r}")
        if not isinstance(aliases, Sequence) or not aliases:
            raise AnalysisError(
                f"target {name!r}: give a list of aliases, e.g. {{{name!r}: [{name!r}]}}; got {aliases!r}"
            )
        cleaned = []
        for alias in aliases:
            if not isinstance(alias, str) or not alias.strip():
                raise AnalysisError(f"target {name!r}: every alias must be a non-empty string; got {alias!r}")
            cleaned.append(" ".join(alias.split()))
        cleaned = list(dict.fromkeys(cleaned))
        ordered = sorted(cleaned, key=len, reverse=True)  # longest first: "Tom Homan" before "Homan"
        body = "|".join(_alias_pattern(a, case) for a in ordered)
        out[name] = (re.compile(rf"(?<!\w)(?:{body})(?!\w)"), cleaned)
    return out


def _which_alias(found: str, aliases: list[str], case: str) -> str:
    norm = " ".join(found.split())
    for alias in sorted(aliases, key=len, reverse=True):
        sensitive = case == "sensitive" or (case == "auto" and _is_acronym(alias))
        if (norm == alias) if sensitive else (norm.lower() == alias.lower()):
            return alias
    return norm


def _sentences_of(result) -> pd.DataFrame:
    sentences = getattr(result, "sentences", None)
    if sentences is None or not hasattr(result, "texts"):
        raise AnalysisError(f"target_tone() needs the result of framing.analyze(...); got {type(result).__name__}")
    if "tone" not in sentences.columns:
        raise AnalysisError(
            "the result has no sentence 'tone' column: run framing.analyze with the tone layer "
            "(the default annotators include it)"
        )
    return sentences


def target_spans(
    result, targets: Mapping[str, Sequence[str]], *, case: str = "auto", headings: bool = False
) -> pd.DataFrame:
    """Every mention of every target, as span rows in layer ``target``.

    Columns: the span columns (``doc_id, sent_index, start, end, text, layer,
    category, rule``) with ``category`` = target name and ``rule`` = ``alias:<alias>``,
    plus ``alias``, ``kind`` (``body`` or ``heading``), ``counted`` (whether the mention
    enters :func:`target_tone`; headings do only with ``headings=True``) and
    ``sentence_tone``. ``result.text(doc_id)[start:end] == text`` for every row. See the
    module docstring for the matching and case rules.
    """
    sentences = _sentences_of(result)
    compiled = _compile_targets(targets, case)
    rows: list[dict] = []
    by_doc = {doc_id: frame for doc_id, frame in sentences.groupby("doc_id", sort=False)}
    for doc_id in result.doc_ids:
        text = result.texts.get(doc_id, "")
        frame = by_doc.get(doc_id)
        if not text or frame is None or frame.empty:
            continue
        starts = frame["start"].tolist()
        ends = frame["end"].tolist()
        index = frame["sent_index"].tolist()
        kinds = frame["kind"].tolist()
        tones = frame["tone"].tolist()
        for name, (regex, aliases) in compiled.items():
            for m in regex.finditer(text):
                a, b = m.span()
                k = bisect.bisect_right(starts, a) - 1
                if k < 0 or a >= ends[k]:
                    continue  # outside every sentence (cannot happen for segmented text)
                alias = _which_alias(m.group(), aliases, case)
                rows.append(
                    {
                        "doc_id": doc_id,
                        "sent_index": index[k],
                        "start": a,
                        "end": b,
                        "text": m.group(),
                        "layer": "target",
                        "category": name,
                        "rule": f"alias:{alias}",
                        "alias": alias,
                        "kind": kinds[k],
                        "counted": headings or kinds[k] != "heading",
                        "sentence_tone": tones[k],
                    }
                )
    columns = [*SPAN_COLUMNS, "alias", "kind", "counted", "sentence_tone"]
    spans = pd.DataFrame.from_records(rows, columns=columns)
    return (
        spans.sort_values(["doc_id", "start", "category"], kind="stable").reset_index(drop=True)
        if len(spans)
        else spans
    )


def _interval(values: np.ndarray, confidence: float, n_resamples: int, seed: int) -> tuple[float, float, str]:
    """Bootstrap interval of the mean: BCa, falling back to percentile (scipy.stats.bootstrap)."""
    from scipy import stats

    if len(values) < 2:
        return math.nan, math.nan, "none (fewer than 2 sentences)"
    if np.ptp(values) == 0:
        v = float(values[0])
        return v, v, "degenerate (all sentences equal)"
    for method in ("BCa", "percentile"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = stats.bootstrap(
                (values,),
                np.mean,
                n_resamples=n_resamples,
                confidence_level=confidence,
                method=method,
                vectorized=True,
                rng=np.random.default_rng(seed),
            )
        low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
        if math.isfinite(low) and math.isfinite(high):
            return low, high, method
    return math.nan, math.nan, "none (bootstrap undefined)"


def _target_row(doc_id, name, frame, tone_of, confidence: float, n_resamples: int, seed: int) -> dict:
    """One row of :func:`target_tone`: the tone of the sentences of ``doc_id`` that mention ``name``."""
    if frame is None:
        return {
            "doc_id": doc_id, "target": name, "n_mentions": 0, "n_sentences": 0, "tone": math.nan,
            "ci_low": math.nan, "ci_high": math.nan, "ci_method": "none (no mention)",
            "negative_share": math.nan, "positive_share": math.nan, "aliases_found": "",
        }  # fmt: skip
    sent_ids = sorted(set(frame["sent_index"]))
    values = np.array([tone_of[(doc_id, k)] for k in sent_ids], dtype=float)
    values = values[np.isfinite(values)]
    low, high, method = _interval(values, confidence, n_resamples, seed)
    found = frame["alias"].value_counts()
    some = len(values) > 0
    return {
        "doc_id": doc_id,
        "target": name,
        "n_mentions": len(frame),
        "n_sentences": len(sent_ids),
        "tone": float(values.mean()) if some else math.nan,
        "ci_low": low,
        "ci_high": high,
        "ci_method": method,
        "negative_share": float((values < -_NEUTRAL_BAND).mean()) if some else math.nan,
        "positive_share": float((values > _NEUTRAL_BAND).mean()) if some else math.nan,
        "aliases_found": "; ".join(f"{a} x {n}" for a, n in sorted(found.items(), key=lambda x: (-x[1], x[0]))),
    }


def target_tone(
    result,
    targets: Mapping[str, Sequence[str]],
    *,
    case: str = "auto",
    headings: bool = False,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
    add_spans: bool = True,
) -> pd.DataFrame:
    """Tone of the sentences that mention each target, per document.

    Parameters
    ----------
    result : framing.Analysis
        The output of :func:`framing.analyze` (with the tone layer).
    targets : dict
        Target name -> list of aliases, e.g. ``{"ICE": ["ICE", "Immigration and Customs
        Enforcement"], "Homan": ["Tom Homan", "Homan", "border czar"]}``. A single string
        is accepted as a one-alias list.
    case : {"auto", "sensitive", "insensitive"}
        ``auto``: acronyms (no lower-case letter, two letters or more) match only as
        written, other aliases in any case. See the module docstring.
    headings : bool
        Count mentions in headings (headline, subheadings, byline). Off by default, as
        in the document tone; the mentions are still returned as spans with
        ``counted=False``.
    confidence, n_resamples, seed
        The bootstrap interval of the mean over sentences (``scipy.stats.bootstrap``,
        BCa, percentile if BCa is undefined), with a generator seeded by ``seed`` for
        every cell, so results do not depend on the order of documents or targets.
    add_spans : bool
        Append the mention spans to ``result.spans`` (layer ``target``; on by default),
        replacing earlier ``target`` spans of the same target names, so calling it again
        does not duplicate them and highlight and report views show them. Pass
        ``add_spans=False`` to leave ``result`` untouched and get the spans from
        :func:`target_spans` instead.

    Returns
    -------
    pandas.DataFrame
        One row per document x target, every document of ``result`` and every target
        included (``n_mentions == 0`` and ``tone`` NaN when a document does not mention
        it). Columns: ``doc_id``, ``target``, ``n_mentions`` (counted mentions),
        ``n_sentences`` (distinct counted sentences with a mention), ``tone`` (mean of the
        project's sentence ``tone`` over those sentences, each sentence once, -1..+1),
        ``ci_low``/``ci_high`` (bootstrap interval of that mean; NaN below 2 sentences),
        ``ci_method``, ``negative_share``/``positive_share`` (shares of those sentences
        below -0.05 / above +0.05) and ``aliases_found`` (``alias x count``).
    """
    if not 0 < confidence < 1:
        raise AnalysisError(f"confidence must be between 0 and 1 (e.g. 0.95); got {confidence!r}")
    if int(n_resamples) < 100:
        raise AnalysisError(f"n_resamples must be at least 100 (e.g. 2000); got {n_resamples!r}")
    spans = target_spans(result, targets, case=case, headings=headings)
    sentences = _sentences_of(result)
    tone_of = dict(zip(zip(sentences["doc_id"], sentences["sent_index"]), sentences["tone"]))
    counted = spans[spans["counted"]] if len(spans) else spans
    groups = {key: frame for key, frame in counted.groupby(["doc_id", "category"], sort=False)} if len(counted) else {}
    rows = [
        _target_row(doc_id, name, groups.get((doc_id, name)), tone_of, confidence, int(n_resamples), seed)
        for doc_id in result.doc_ids
        for name in targets
    ]
    out = pd.DataFrame.from_records(rows, columns=TARGET_COLUMNS)
    if add_spans:
        old = result.spans
        if len(old) and "layer" in old.columns:
            old = old[~((old["layer"] == "target") & old["category"].isin(list(targets)))]
        result.spans = pd.concat([old, spans], ignore_index=True) if len(old) else spans.copy()
    return out
