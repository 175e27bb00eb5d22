"""Validity of the measures against human annotation (PolNeAR, BABE, NYT editorial sentences).

Prints one table, ``measure, dataset, split, metric, value, low, high, n``: each measure of
``framing`` against people's annotation, the baselines as their own rows of the same run,
and the published human ceilings. ``low``/``high`` are a 95% percentile bootstrap interval
(``--boot`` resamples, seeded with ``--seed``; the resampling unit is the article for
PolNeAR and the sentence for BABE and NYT, and ``n`` counts those units). Every measure of
a data set is computed on the same resamples, so differences between rows are paired.

The data (not part of the project; get them from their authors):

- PolNeAR (``--polnear DIR`` with ``dev.jsonl`` / ``train.jsonl``): Newell, Margolin & Ruths
  (2018), "An attribution relations corpus for political news", LREC;
  https://github.com/networkdynamics/polnear. One article a JSON line, each attribution
  ``{source, cue, content}`` as lists of ``[start, end]`` character offsets into ``text``.
- BABE (``--babe CSV``, ``final_labels_SG2.csv``): Spinde et al. (2021), "Neural media bias
  detection using distant supervision with BABE", Findings of EMNLP;
  https://github.com/Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE.
  ``;``-separated, ``label_bias`` and ``biased_words`` (a Python-literal list).
- NYT editorial sentences (``--nyt TSV``: tab-separated ``id, rating, text``): Hutto & Gilbert
  (2014), "VADER", ICWSM; the ground truth ``nytEditorialSnippets_GroundTruth.txt`` of
  https://github.com/cjhutto/vaderSentiment (mean of about 20 ratings, -4..+4).

What is measured (the notes printed under the table repeat the choices of the run):

1. ``attribution`` (PolNeAR ``--polnear-split``, default dev): token-level precision,
   recall and F1 per role (cue, source, content), and overlap ("soft") and exact ("strict")
   span-level P/R/F1 of cues. Baselines: a say-verb cue finder and quotation-marks content.
2. ``loaded`` (BABE, test = crc32 fold 0 of 5): sentence ROC-AUC of per-sentence scores
   (span counts and weight sums) and word-level P/R/F1 against ``biased_words``. Baselines:
   VADER strong words, TextBlob subjective words, TF-IDF + logistic regression fitted on the
   tune folds.
3. ``classifier`` (BABE, 5-fold stratified CV): ``framing.FrameClassifier`` macro-F1 against
   TF-IDF + logistic regression on the same folds.
4. ``tone`` (NYT, test = crc32 half): Pearson r with the mean rating, and 3-class macro-F1,
   of ``tone`` and the baselines ``vader_compound`` and ``textblob_polarity``.

Only the public API is used (``framing.analyze``, ``framing.FrameClassifier``); each data set
is analysed once. Nothing is written unless ``--out DIR`` is given (``validity.csv`` and
``validity.md``, for ``docs/validity.md``).

Run: python benchmarks/validity.py [--polnear DIR] [--babe CSV] [--nyt TSV] [--out DIR]
     [--only attribution,loaded,tone,classifier] [--seed 0] [--boot 1000] [--polnear-split dev]
"""

from __future__ import annotations

import argparse
import ast
import importlib.resources
import json
import math
import re
import sys
import time
import zlib
from pathlib import Path
from typing import Callable, NamedTuple, Sequence
from xml.etree import ElementTree

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

#: default data paths (a user's clone has none: the set is then skipped)
DEFAULTS = {
    "polnear": SHARED / "polnear",
    "babe": SHARED / "babe" / "final_labels_SG2.csv",
    "nyt": SHARED / "nyt-tone" / "dev.tsv",
}
#: where each public set comes from (for --help and the messages)
ORIGINS = {
    "polnear": "PolNeAR, Newell, Margolin & Ruths (2018), LREC: github.com/networkdynamics/polnear",
    "babe": (
        "BABE, Spinde et al. (2021), Findings of EMNLP: github.com/Media-Bias-Group/"
        "Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE (final_labels_SG2.csv)"
    ),
    "nyt": (
        "NYT editorial sentences, Hutto & Gilbert (2014), VADER, ICWSM: github.com/cjhutto/vaderSentiment "
        "(nytEditorialSnippets_GroundTruth.txt)"
    ),
}
#: the parts of the benchmark and the data set each needs
PARTS = {"attribution": "polnear", "loaded": "babe", "tone": "nyt", "classifier": "babe"}
COLUMNS = ["measure", "dataset", "split", "metric", "value", "low", "high", "n"]

#: word tokens: runs of Unicode word characters; punctuation and quote marks are not tokens
WORD = re.compile(r"\w+")
ROLES = ("cue", "source", "content")
BABE_FOLDS = 5
BABE_TEST_FOLD = 0
#: span layers that are not bias cues: tone evidence, frame cues, attribution structure
NOT_BIAS_CUES = frozenset({"tone", "frame", "source", "cue", "content"})
#: the 3-class tone thresholds: a score beyond +-SCORE_BAND is positive / negative (VADER's
#: customary +-0.05); a mean rating beyond +-RATING_BAND. The ratings are means of ~20 integer
#: ratings on -4..+4: a mean under half a scale step means the raters, on average, did not
#: lean either way (42% of the NYT half), so that band is "neutral".
SCORE_BAND = 0.05
RATING_BAND = 0.5
#: a naive cue finder (baseline): the commonest reporting verb forms and "according to"
SAY_VERBS = re.compile(r"\b(?:say|says|said|saying|tell|tells|told|according\s+to)\b", re.IGNORECASE)
#: the text between paired quotation marks (baseline content)
QUOTED = re.compile(r"\u201c([^\u201d]*)\u201d|\"([^\"\n]*)\"")
#: TF-IDF + logistic regression baselines: scikit-learn's default C, and FrameClassifier's C
TFIDF_C = {"tfidf-lr(C=1)": 1.0, "tfidf-lr(C=10)": 10.0}
#: published human agreement (no interval: not measured in this run)
CEILINGS = [
    ("ceiling:annotators", "polnear", "published", "token_alpha", 0.754),  # Newell et al. 2018
    ("ceiling:single-rater", "nyt", "published", "pearson_r", 0.745),  # Hutto & Gilbert 2014
]


class DataError(Exception):
    """A data file that is missing or not in the format the benchmark reads."""


class Row(NamedTuple):
    """One row of the printed table."""

    measure: str
    dataset: str
    split: str
    metric: str
    value: float
    low: float
    high: float
    n: int | None


# ---------------------------------------------------------------------------
# Tokens and spans


def word_tokens(text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Word tokens of ``text`` (regex ``\\w+``): start and end offsets, lower-cased forms."""
    found = list(WORD.finditer(text))
    starts = np.fromiter((m.start() for m in found), dtype=np.int64, count=len(found))
    ends = np.fromiter((m.end() for m in found), dtype=np.int64, count=len(found))
    return starts, ends, [m.group().lower() for m in found]


def token_mask(starts: np.ndarray, ends: np.ndarray, spans) -> np.ndarray:
    """Tokens (sorted ``starts``/``ends``) that share at least one character with a span.

    ``spans`` is an iterable of ``(start, end)`` pairs; empty spans cover nothing.
    """
    mask = np.zeros(len(starts), dtype=bool)
    for a, b in spans:
        if b > a:
            mask[np.searchsorted(ends, a, side="right") : np.searchsorted(starts, b, side="left")] = True
    return mask


def token_counts(gold: np.ndarray, pred: np.ndarray) -> tuple[int, int, int, int]:
    """``(hit_pred, n_pred, hit_gold, n_gold)`` of two token masks (see :func:`prf_stats`)."""
    tp = int(np.count_nonzero(gold & pred))
    return tp, int(np.count_nonzero(pred)), tp, int(np.count_nonzero(gold))


def span_counts(pred, gold, *, strict: bool) -> tuple[int, int, int, int]:
    """``(hit_pred, n_pred, hit_gold, n_gold)`` of span matching.

    A predicted span is a hit if it overlaps a gold span (``strict``: has its exact offsets),
    a gold span if some predicted span overlaps it (or equals it). Spans are deduplicated;
    empty spans are dropped.
    """
    p = np.array(sorted({(a, b) for a, b in pred if b > a}), dtype=np.int64).reshape(-1, 2)
    g = np.array(sorted({(a, b) for a, b in gold if b > a}), dtype=np.int64).reshape(-1, 2)
    if strict:
        match = (p[:, None, 0] == g[None, :, 0]) & (p[:, None, 1] == g[None, :, 1])
    else:
        match = (p[:, None, 0] < g[None, :, 1]) & (g[None, :, 0] < p[:, None, 1])
    return int(match.any(1).sum()), len(p), int(match.any(0).sum()), len(g)


# ---------------------------------------------------------------------------
# Bootstrap: every statistic is a function of unit weights (one row per resample)


def bootstrap_weights(n: int, boot: int, seed: int, key: str) -> np.ndarray:
    """``(boot, n)`` resampling counts: row ``b`` says how often each unit is in resample ``b``.

    Seeded by ``seed`` and ``key`` (the data set), so one part's resamples do not depend on
    which other parts run.
    """
    rng = np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])
    if boot <= 0 or n == 0:
        return np.zeros((0, n))
    idx = rng.integers(0, n, size=(boot, n)) + n * np.arange(boot)[:, None]
    return np.bincount(idx.ravel(), minlength=boot * n).reshape(boot, n).astype(float)


def estimate(stat: Callable[[np.ndarray], np.ndarray], weights: np.ndarray) -> tuple[float, float, float]:
    """``(value, low, high)``: ``stat`` on all units and the 2.5/97.5 percentiles over resamples."""
    n = weights.shape[1]
    value = float(stat(np.ones((1, n)))[0])
    if len(weights) == 0:
        return value, math.nan, math.nan
    boots = stat(weights)
    boots = boots[np.isfinite(boots)]
    if len(boots) == 0:
        return value, math.nan, math.nan
    low, high = np.percentile(boots, [2.5, 97.5])
    return value, float(low), float(high)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def prf_stats(counts: np.ndarray) -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """Precision, recall and F1 from per-unit counts ``(hit_pred, n_pred, hit_gold, n_gold)``.

    Precision = sum hit_pred / sum n_pred, recall = sum hit_gold / sum n_gold (micro over the
    units), F1 their harmonic mean. Returns ``{"precision": stat, "recall": stat, "f1": stat}``.
    """
    counts = np.asarray(counts, dtype=float).reshape(-1, 4)

    def parts(w):
        s = w @ counts
        return _ratio(s[:, 0], s[:, 1]), _ratio(s[:, 2], s[:, 3])

    def f1(w):
        p, r = parts(w)
        with np.errstate(invalid="ignore"):  # P = R = 0 (nothing matched) is F1 = 0; NaN stays NaN
            return np.where(p + r > 0, 2 * p * r / np.where(p + r > 0, p + r, 1), p + r)

    return {"precision": lambda w: parts(w)[0], "recall": lambda w: parts(w)[1], "f1": f1}


def auc_stat(score, label) -> Callable[[np.ndarray], np.ndarray]:
    """ROC-AUC of ``score`` for the binary ``label`` (ties count one half), weighted by unit."""
    score = np.asarray(score, dtype=float)
    label = np.asarray(label).astype(bool)
    _, inv = np.unique(score, return_inverse=True)
    onehot = np.zeros((len(score), inv.max() + 1 if len(inv) else 0))
    onehot[np.arange(len(score)), inv] = 1.0

    def stat(w):
        pos = w[:, label] @ onehot[label]
        neg = w[:, ~label] @ onehot[~label]
        below = np.cumsum(neg, axis=1) - neg
        return _ratio((pos * (below + 0.5 * neg)).sum(1), pos.sum(1) * neg.sum(1))

    return stat


def pearson_stat(x, y) -> Callable[[np.ndarray], np.ndarray]:
    """Pearson correlation of ``x`` and ``y``, weighted by unit."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    x = x - x.mean()
    y = y - y.mean()  # centring first keeps the sums well conditioned
    moments = np.column_stack([np.ones_like(x), x, y, x * x, y * y, x * y])

    def stat(w):
        s0, sx, sy, sxx, syy, sxy = (w @ moments).T
        cov = sxy - sx * sy / s0
        return _ratio(cov, np.sqrt(np.clip(sxx - sx * sx / s0, 0, None) * np.clip(syy - sy * sy / s0, 0, None)))

    return stat


def macro_f1_stat(true, pred) -> Callable[[np.ndarray], np.ndarray]:
    """Macro-F1 of two label arrays, weighted by unit; classes absent from both are left out."""
    classes = np.unique(np.concatenate([np.asarray(true), np.asarray(pred)]))
    k = len(classes)
    t = np.searchsorted(classes, true)
    p = np.searchsorted(classes, pred)
    cells = np.zeros((len(t), k * k))
    cells[np.arange(len(t)), t * k + p] = 1.0

    def stat(w):
        conf = (w @ cells).reshape(-1, k, k)
        diag = np.diagonal(conf, axis1=1, axis2=2)
        support = conf.sum(2) + conf.sum(1)
        f1 = _ratio(2 * diag, support)
        present = support > 0
        return np.where(present, np.nan_to_num(f1), 0).sum(1) / np.maximum(present.sum(1), 1)

    return stat


def rows_for(measure, dataset, split, stats: dict, weights, *, prefix: str = "") -> list[Row]:
    """One :class:`Row` per named statistic, with its bootstrap interval."""
    n = weights.shape[1]
    return [Row(measure, dataset, split, prefix + name, *estimate(stat, weights), n) for name, stat in stats.items()]


# ---------------------------------------------------------------------------
# Reading the data sets


def read_polnear(directory: Path, split: str) -> pd.DataFrame:
    """PolNeAR ``<split>.jsonl`` as ``doc_id, text, gold``; ``gold`` maps role to (start, end) pairs.

    The gold spans of a role are those of every annotated relation of the article. Offsets
    outside the text are an error (naming the article), not a silent repair.
    """
    path = Path(directory) / f"{split}.jsonl"
    if not path.is_file():
        raise DataError(f"{path}: no such file (PolNeAR's {split}.jsonl; {ORIGINS['polnear']})")
    records = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                art = json.loads(line)
                doc_id, text, relations = str(art["doc_id"]), art["text"], art["attributions"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise DataError(
                    f"{path}, line {line_no}: not a PolNeAR article ({exc}); expected JSON "
                    "with doc_id, text and attributions"
                ) from None
            gold = {role: [] for role in ROLES}
            for rel in relations:
                for role in ROLES:
                    for pair in rel.get(role) or []:
                        a, b = int(pair[0]), int(pair[1])
                        if not 0 <= a <= b <= len(text):
                            raise DataError(
                                f"{path}, line {line_no} ({doc_id}): {role} span {pair} is outside "
                                f"the text of {len(text)} characters"
                            )
                        gold[role].append((a, b))
            records.append({"doc_id": doc_id, "text": text, "gold": gold})
    if not records:
        raise DataError(f"{path}: no articles")
    frame = pd.DataFrame(records)
    if not frame["doc_id"].is_unique:
        raise DataError(f"{path}: doc_id {frame['doc_id'][frame['doc_id'].duplicated()].iloc[0]!r} occurs twice")
    return frame


def parse_biased_words(cell) -> list[tuple[str, ...]]:
    """BABE's ``biased_words`` cell as lower-cased word-token sequences, one per entry.

    The cell is a Python-literal list of strings (``['bizarre', '"held"', "don't"]``), read with
    :func:`ast.literal_eval`; an empty cell is no words. Each entry is tokenised with ``\\w+``,
    so quote marks around or inside an entry are dropped and a phrase becomes several tokens.
    """
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or not str(cell).strip():
        return []
    try:
        value = ast.literal_eval(str(cell).strip())
    except (ValueError, SyntaxError) as exc:
        raise DataError(f"biased_words {str(cell)[:60]!r} is not a Python-literal list ({exc})") from None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise DataError(f"biased_words {str(cell)[:60]!r} is not a list of strings")
    entries = (tuple(w.lower() for w in WORD.findall(v)) for v in value)
    return [e for e in entries if e]


def stable_fold(key: str, k: int) -> int:
    """Fold ``0 .. k-1`` of ``key`` by CRC-32 of its UTF-8 bytes (the same on every machine)."""
    return zlib.crc32(key.encode("utf-8")) % k


def read_babe(path: Path) -> tuple[pd.DataFrame, int]:
    """BABE as ``text, biased (0/1), gold (token sequences), fold``, and the rows dropped.

    Rows whose ``label_bias`` is neither ``Biased`` nor ``Non-biased`` (``No agreement``) are
    dropped. ``fold`` is :func:`stable_fold` of the text, 5 folds.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file (BABE's final_labels_SG2.csv; {ORIGINS['babe']})")
    try:
        raw = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a ;-separated UTF-8 CSV ({exc})") from None
    missing = {"text", "label_bias", "biased_words"} - set(raw.columns)
    if missing:
        raise DataError(
            f"{path}: columns {sorted(missing)} missing (found {list(raw.columns)[:8]}); "
            "is this BABE's final_labels_SG2.csv?"
        )
    keep = raw["label_bias"].isin(["Biased", "Non-biased"])
    data = raw.loc[keep, ["text", "label_bias", "biased_words"]].reset_index(drop=True)
    gold = []
    for k, cell in enumerate(data["biased_words"]):
        try:
            gold.append(parse_biased_words(cell))
        except DataError as exc:
            raise DataError(f"{path}, data row {k + 1}: {exc}") from None
    data["gold"] = gold
    data["biased"] = (data["label_bias"] == "Biased").astype(int)
    data["fold"] = [stable_fold(t, BABE_FOLDS) for t in data["text"]]
    if data.empty:
        raise DataError(f"{path}: no sentence labelled Biased or Non-biased")
    return data, int((~keep).sum())


def read_nyt(path: Path) -> tuple[pd.DataFrame, bool]:
    """The NYT half as ``id, rating, text, half`` (``fit``/``test``) and whether it had a header.

    Tab-separated ``id, rating, text``, no quoting (the text keeps its quote marks); a first
    line whose rating is not a number is a header. ``half`` is ``test`` where
    :func:`stable_fold` of the id (2 folds) is 1.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file (the NYT editorial sentences; {ORIGINS['nyt']})")
    rows, header = [], False
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            fields = line.split("\t", 2)
            if len(fields) != 3:
                raise DataError(f"{path}, line {line_no}: expected 3 tab-separated fields (id, rating, text)")
            try:
                rating = float(fields[1])
            except ValueError:
                if line_no == 1:
                    header = True
                    continue
                raise DataError(f"{path}, line {line_no}: rating {fields[1]!r} is not a number") from None
            rows.append((fields[0], rating, fields[2]))
    data = pd.DataFrame(rows, columns=["id", "rating", "text"])
    if data.empty:
        raise DataError(f"{path}: no rated sentences")
    if not data["id"].is_unique:
        raise DataError(f"{path}: id {data['id'][data['id'].duplicated()].iloc[0]!r} occurs twice")
    data["half"] = ["test" if stable_fold(i, 2) == 1 else "fit" for i in data["id"]]
    return data, header


# ---------------------------------------------------------------------------
# 1. Attribution on PolNeAR


def predicted_roles(spans: pd.DataFrame) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """doc_id -> role -> predicted ``(start, end)`` spans, from the evidence table.

    The spans table has one row per source, cue and content part of every relation (a
    relation without a source has no source row; its ``attributions`` row then has
    ``source_start == source_end``). Every part of a split content is used, not the
    envelope ``content_start..content_end`` of the attributions table.
    """
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    rows = spans[spans["layer"].isin(ROLES)]
    for doc_id, layer, a, b in rows[["doc_id", "layer", "start", "end"]].itertuples(index=False):
        out.setdefault(doc_id, {r: [] for r in ROLES})[layer].append((int(a), int(b)))
    return out


def baseline_roles(text: str) -> dict[str, list[tuple[int, int]]]:
    """The naive baselines' spans: say-verb cues and the text between quotation marks."""
    quoted = [(m.start(g), m.end(g)) for m in QUOTED.finditer(text) for g in (1, 2) if m.group(g) is not None]
    return {"cue": [m.span() for m in SAY_VERBS.finditer(text)], "content": quoted}


def attribution_counts(data: pd.DataFrame, predicted: dict) -> dict[str, np.ndarray]:
    """Per-article counts ``(hit_pred, n_pred, hit_gold, n_gold)`` of every comparison.

    Keys: ``token:<role>`` (framing), ``span-soft:cue``, ``span-strict:cue``, and the same
    with ``baseline:`` for the baselines' cue and content.
    """
    counts: dict[str, list] = {}
    add = lambda key, value: counts.setdefault(key, []).append(value)  # noqa: E731
    for doc_id, text, gold in data[["doc_id", "text", "gold"]].itertuples(index=False):
        starts, ends, _ = word_tokens(text)
        pred = predicted.get(doc_id, {r: [] for r in ROLES})
        base = baseline_roles(text)
        for role in ROLES:
            gold_mask = token_mask(starts, ends, gold[role])
            add(f"token:{role}", token_counts(gold_mask, token_mask(starts, ends, pred[role])))
            if role in base:
                add(f"baseline:token:{role}", token_counts(gold_mask, token_mask(starts, ends, base[role])))
        for kind, strict in (("span-soft", False), ("span-strict", True)):
            add(f"{kind}:cue", span_counts(pred["cue"], gold["cue"], strict=strict))
            add(f"baseline:{kind}:cue", span_counts(base["cue"], gold["cue"], strict=strict))
    return {key: np.asarray(value, dtype=float) for key, value in counts.items()}


def run_attribution(path: Path, split: str, *, seed: int, boot: int, notes: list[str]) -> list[Row]:
    """Token-level P/R/F1 per role and span-level cue P/R/F1 on PolNeAR ``split``, with baselines."""
    import framing

    data = read_polnear(path, split)
    analysis = framing.analyze(data[["doc_id", "text"]])
    _check_offsets(analysis.spans, dict(zip(data["doc_id"], data["text"])), "PolNeAR")
    counts = attribution_counts(data, predicted_roles(analysis.spans))
    weights = bootstrap_weights(len(data), boot, seed, f"polnear-{split}")
    rows = []
    for role in ROLES:
        rows += rows_for(
            f"attribution:{role}", "polnear", split, prf_stats(counts[f"token:{role}"]), weights, prefix="token_"
        )
    for kind in ("span-soft", "span-strict"):
        rows += rows_for(
            "attribution:cue",
            "polnear",
            split,
            prf_stats(counts[f"{kind}:cue"]),
            weights,
            prefix=kind.replace("-", "_") + "_",
        )
    rows += rows_for(
        "baseline:say-verbs:cue", "polnear", split, prf_stats(counts["baseline:token:cue"]), weights, prefix="token_"
    )
    rows += rows_for(
        "baseline:say-verbs:cue",
        "polnear",
        split,
        prf_stats(counts["baseline:span-soft:cue"]),
        weights,
        prefix="span_soft_",
    )
    rows += rows_for(
        "baseline:quote-marks:content",
        "polnear",
        split,
        prf_stats(counts["baseline:token:content"]),
        weights,
        prefix="token_",
    )
    n_rel = int(counts["span-strict:cue"][:, 3].sum())
    notes.append(
        f"attribution: PolNeAR {split}, {len(data)} articles, {n_rel} distinct gold cues. Predicted roles are the "
        "evidence spans of layers source/cue/content (every part of a split content; a relation without a source "
        "has no source span, its attributions row has source_start == source_end). Gold: the union of the spans "
        "of every annotated relation (empty spans ignored). A token counts for a role if it shares a character "
        "with a span of that role. span_soft: a cue matches if it overlaps one of the other side; span_strict: "
        "same offsets. Baselines: say-verbs = say/says/said/saying/tell/tells/told/according to as cues; "
        "quote-marks = text between paired quotation marks as content."
    )
    return rows


def _check_offsets(spans: pd.DataFrame, texts: dict[str, str], name: str) -> None:
    """Every evidence span's text equals the slice of its document (offsets into the input)."""
    bad = [
        (d, a, b)
        for d, a, b, t in spans[["doc_id", "start", "end", "text"]].itertuples(index=False)
        if texts[d][a:b] != t
    ]
    if bad:
        raise DataError(
            f"{name}: {len(bad)} evidence span(s) do not match the input text, first {bad[0]}; "
            "the offsets are not into the text given to framing.analyze"
        )


# ---------------------------------------------------------------------------
# 2. Loaded language on BABE


def vader_strong_words(threshold: float = 2.0) -> frozenset[str]:
    """Word entries of VADER's shipped ``vader_lexicon.txt`` with ``|mean valence| >= threshold``."""
    text = (importlib.resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(
        encoding="utf-8", errors="replace"
    )
    words = set()
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and WORD.fullmatch(fields[0]):
            try:
                if abs(float(fields[1])) >= threshold:
                    words.add(fields[0].lower())
            except ValueError:
                continue
    return frozenset(words)


def textblob_subjective_words(threshold: float = 0.5) -> frozenset[str]:
    """Word forms of TextBlob's shipped ``en-sentiment.xml`` whose mean subjectivity over senses
    is at least ``threshold``."""
    source = importlib.resources.files("textblob") / "en" / "en-sentiment.xml"
    by_form: dict[str, list[float]] = {}
    for element in ElementTree.fromstring(source.read_bytes()).iter("word"):
        form = (element.get("form") or "").lower()
        if WORD.fullmatch(form) and element.get("subjectivity"):
            by_form.setdefault(form, []).append(float(element.get("subjectivity")))
    return frozenset(f for f, values in by_form.items() if sum(values) / len(values) >= threshold)


def gold_word_mask(tokens: Sequence[str], entries: Sequence[tuple[str, ...]]) -> tuple[np.ndarray, int, int]:
    """Tokens marked biased by ``entries``, and ``(entry tokens found, entry tokens not found)``.

    Each entry (a token sequence) marks every place where it occurs contiguously in
    ``tokens`` (case-insensitive: both are lower-cased). A multi-token entry found nowhere
    as a whole marks its tokens one by one; tokens found nowhere are counted as not found.
    """
    mask = np.zeros(len(tokens), dtype=bool)
    found = missed = 0
    for entry in entries:
        k = len(entry)
        hits = [i for i in range(len(tokens) - k + 1) if tuple(tokens[i : i + k]) == entry]
        for i in hits:
            mask[i : i + k] = True
        if hits:
            found += k
            continue
        for word in entry:
            where = [i for i, t in enumerate(tokens) if t == word]
            mask[where] = True
            found, missed = (found + 1, missed) if where else (found, missed + 1)
    return mask, found, missed


def _layer_sets(layers: Sequence[str]) -> dict[str, Callable[[pd.DataFrame], pd.Series]]:
    """The span selections scored against BABE, by measure name."""
    cue_layers = sorted(set(layers) - NOT_BIAS_CUES)
    return {
        "loaded": lambda s: (s["layer"] == "loaded") & (s["category"] != "affect"),
        "loaded+affect": lambda s: s["layer"] == "loaded",
        "bias-cue-layers": lambda s: s["layer"].isin(cue_layers),
    }


def babe_scores(data: pd.DataFrame, spans: pd.DataFrame) -> tuple[dict, dict, tuple[int, int]]:
    """Sentence scores and per-sentence word counts of framing's selections and the baselines.

    Returns ``scores`` (name -> per-sentence score), ``words`` (name -> per-sentence
    ``(hit_pred, n_pred, hit_gold, n_gold)``) and ``(gold tokens found, not found)``.
    """
    vader, blob = vader_strong_words(), textblob_subjective_words()
    selections = _layer_sets(spans["layer"].unique().tolist())
    weight = spans["weight"].astype(float).fillna(1.0).reset_index(drop=True) if "weight" in spans.columns else None
    spans = spans.reset_index(drop=True)
    picked = {}
    for name, select in selections.items():
        mask = select(spans).to_numpy()
        chosen = spans[mask]
        picked[name] = {d: list(zip(g["start"], g["end"])) for d, g in chosen.groupby("doc_id")}
        counts = chosen.groupby("doc_id").size().reindex(data["doc_id"], fill_value=0)
        picked[name + "#count"] = counts.to_numpy(float)
        if weight is not None:
            sums = weight[mask].groupby(chosen["doc_id"].to_numpy()).sum()
            picked[name + "#weight"] = sums.reindex(data["doc_id"], fill_value=0.0).to_numpy(float)
    words: dict[str, list] = {}
    lexical: dict[str, list] = {"vader-strong": [], "textblob-subjective": []}
    found = missed = 0
    for doc_id, text, entries in data[["doc_id", "text", "gold"]].itertuples(index=False):
        starts, ends, tokens = word_tokens(text)
        gold, f, m = gold_word_mask(tokens, entries)
        found, missed = found + f, missed + m
        for name in selections:
            pred = token_mask(starts, ends, picked[name].get(doc_id, ()))
            words.setdefault(name, []).append(token_counts(gold, pred))
        for name, lexicon in (("vader-strong", vader), ("textblob-subjective", blob)):
            pred = np.fromiter((t in lexicon for t in tokens), dtype=bool, count=len(tokens))
            words.setdefault(name, []).append(token_counts(gold, pred))
            lexical[name].append(int(pred.sum()))
    scores = {k.replace("#", ":"): v for k, v in picked.items() if "#" in k}
    scores.update({f"{k}:count": np.asarray(v, dtype=float) for k, v in lexical.items()})
    return scores, {k: np.asarray(v, dtype=float) for k, v in words.items()}, (found, missed)


def tfidf_lr(C: float):
    """The TF-IDF (word 1-2 grams, sublinear tf) + balanced logistic regression baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(C=C, class_weight="balanced", max_iter=2000),
    )


def run_loaded(path: Path, *, seed: int, boot: int, notes: list[str]) -> list[Row]:
    """Sentence AUC and word P/R/F1 of loaded language on BABE's test fold, with baselines."""
    import framing

    data, dropped = read_babe(path)
    data["doc_id"] = [f"babe-{k:05d}" for k in range(len(data))]
    test = data[data["fold"] == BABE_TEST_FOLD].reset_index(drop=True)
    tune = data[data["fold"] != BABE_TEST_FOLD]
    analysis = framing.analyze(test[["doc_id", "text"]])
    _check_offsets(analysis.spans, dict(zip(test["doc_id"], test["text"])), "BABE")
    scores, words, (found, missed) = babe_scores(test, analysis.spans)
    weights = bootstrap_weights(len(test), boot, seed, "babe-test")
    split = f"test-fold{BABE_TEST_FOLD}"
    label = test["biased"].to_numpy()
    rows = []
    for name in ("loaded", "loaded+affect", "bias-cue-layers", "vader-strong", "textblob-subjective"):
        measure = name if name.startswith(("loaded", "bias")) else f"baseline:{name}"
        for key in (f"{name}:count", f"{name}:weight"):
            if key in scores:
                rows += rows_for(
                    measure, "babe", split, {f"auc_{key.split(':')[1]}": auc_stat(scores[key], label)}, weights
                )
        rows += rows_for(measure, "babe", split, prf_stats(words[name]), weights, prefix="word_")
    if tune["biased"].nunique() == 2 and len(np.unique(label)) == 2:
        for name, C in TFIDF_C.items():
            model = tfidf_lr(C).fit(tune["text"].tolist(), tune["biased"].to_numpy())
            score = model.decision_function(test["text"].tolist())
            rows += rows_for(f"baseline:{name}", "babe", split, {"auc": auc_stat(score, label)}, weights)
    else:
        notes.append("loaded: TF-IDF baseline skipped: the tune or the test fold has only one label")
    layers = sorted(set(analysis.spans["layer"].unique()) - NOT_BIAS_CUES)
    notes.append(
        f"loaded: BABE, {len(data)} sentences ({dropped} dropped: label_bias 'No agreement'); test = the {len(test)} "
        f"sentences with crc32(UTF-8 text) % {BABE_FOLDS} == {BABE_TEST_FOLD}, tune (TF-IDF fit) = the other "
        f"{len(tune)}. Scores: count of spans (auc_count) and sum of span weight (auc_weight; missing weight = 1) "
        "per sentence; loaded = layer loaded without category affect; loaded+affect = all of layer loaded; "
        f"bias-cue-layers = layers {', '.join(layers)}. Words: tokens \\w+ of every test sentence (biased or not); "
        "predicted if they share a character with a selected span (baselines: the token is a VADER lexicon word "
        "with |valence| >= 2 / a TextBlob en-sentiment word with mean subjectivity >= 0.5); gold if part of a "
        "biased_words entry (ast.literal_eval, each entry tokenised with \\w+, matched case-insensitively, as a "
        f"phrase where it occurs as one): {found} entry tokens found, {missed} not in their sentence (left out). "
        "TF-IDF: word 1-2 grams, sublinear tf, LogisticRegression(class_weight='balanced'), fitted on tune."
    )
    return rows


# ---------------------------------------------------------------------------
# 3. The supervised classifier on BABE


def run_classifier(path: Path, *, seed: int, boot: int, notes: list[str]) -> list[Row]:
    """``framing.FrameClassifier`` macro-F1 (5-fold stratified CV) against TF-IDF + LR on the same folds."""
    import framing

    data, _ = read_babe(path)
    texts, labels = data["text"].tolist(), data["label_bias"].to_numpy()
    started = time.perf_counter()
    try:
        evaluation = framing.FrameClassifier(random_state=seed).evaluate(texts, labels, cv=5)
    except framing.FramingError as exc:
        raise DataError(f"classifier: {exc}") from None
    seconds = time.perf_counter() - started
    oof = evaluation.predictions
    if oof["text"].tolist() != texts:
        raise DataError("classifier: FrameClassifier.evaluate returned its predictions in another order")
    folds = oof["fold"].to_numpy()
    weights = bootstrap_weights(len(data), boot, seed, "babe-cv")
    ours = oof["predicted"].to_numpy()
    ours_f1 = macro_f1_stat(labels, ours)
    rows = rows_for("classifier:FrameClassifier", "babe", "cv5", {"macro_f1": ours_f1}, weights)
    differences = {}
    for name, C in TFIDF_C.items():
        base = np.empty(len(texts), dtype=object)
        for k in np.unique(folds):
            train = folds != k
            model = tfidf_lr(C).fit([t for t, m in zip(texts, train) if m], labels[train])
            base[~train] = model.predict([t for t, m in zip(texts, train) if not m])
        base_f1 = macro_f1_stat(labels, base.astype(labels.dtype))
        rows += rows_for(f"baseline:{name}", "babe", "cv5", {"macro_f1": base_f1}, weights)
        differences[f"macro_f1_minus_{name}"] = lambda w, b=base_f1: ours_f1(w) - b(w)
    rows += rows_for("classifier:FrameClassifier", "babe", "cv5", differences, weights)
    notes.append(
        f"classifier: BABE, all {len(data)} labelled sentences, labels label_bias; 5-fold stratified CV as "
        f"FrameClassifier(random_state={seed}).evaluate makes it (FrameClassifier took {seconds:.0f} s); the "
        "TF-IDF baselines are fitted on exactly the same folds; the interval resamples the pooled out-of-fold "
        "predictions by sentence."
    )
    return rows


# ---------------------------------------------------------------------------
# 4. Tone on the NYT half


def item_scores(sentences: pd.DataFrame, doc_ids: Sequence[str], columns: Sequence[str]) -> pd.DataFrame:
    """Per-item scores: the token-weighted mean of the item's sentence values (plain mean if
    the item has no tokens); NaN for an item without sentences."""
    s = sentences[["doc_id", "n_tokens", *columns]].copy()
    w = s["n_tokens"].astype(float)
    w = w.where(w.groupby(s["doc_id"]).transform("sum") > 0, 1.0)
    weighted = s[list(columns)].mul(w, axis=0).groupby(s["doc_id"]).sum()
    return weighted.div(w.groupby(s["doc_id"]).sum(), axis=0).reindex(doc_ids)


def three_class(values: np.ndarray, band: float) -> np.ndarray:
    """-1 / 0 / +1: below ``-band``, within, above ``+band``."""
    return np.where(values > band, 1, np.where(values < -band, -1, 0))


def run_tone(path: Path, *, seed: int, boot: int, notes: list[str]) -> list[Row]:
    """Pearson r and 3-class macro-F1 of ``tone`` and its baselines on the NYT test half."""
    import framing

    data, header = read_nyt(path)
    test = data[data["half"] == "test"].reset_index(drop=True)
    if len(test) < 3:
        raise DataError(f"{path}: only {len(test)} sentence(s) in the test half; too few to measure")
    test["doc_id"] = [f"nyt-{k:05d}" for k in range(len(test))]
    analysis = framing.analyze(test[["doc_id", "text"]])
    columns = {
        "tone": "tone",
        "baseline:vader_compound": "vader_compound",
        "baseline:textblob_polarity": "textblob_polarity",
    }
    scores = item_scores(analysis.sentences, test["doc_id"], list(columns.values()))
    n_multi = int((analysis.sentences.groupby("doc_id").size() > 1).sum())
    ok = scores.notna().all(axis=1).to_numpy()
    test, scores = test[ok].reset_index(drop=True), scores[ok].reset_index(drop=True)
    rating = test["rating"].to_numpy()
    gold = np.where(rating >= RATING_BAND, 1, np.where(rating <= -RATING_BAND, -1, 0))
    weights = bootstrap_weights(len(test), boot, seed, "nyt-test")
    rows, stats = [], {}
    for measure, column in columns.items():
        x = scores[column].to_numpy()
        stats[measure] = {
            "pearson_r": pearson_stat(x, rating),
            "macro_f1_3class": macro_f1_stat(gold, three_class(x, SCORE_BAND)),
        }
        rows += rows_for(measure, "nyt", "test-half", stats[measure], weights)
    ours, vader = stats["tone"]["pearson_r"], stats["baseline:vader_compound"]["pearson_r"]
    rows += rows_for("tone", "nyt", "test-half", {"pearson_r_minus_vader": lambda w: ours(w) - vader(w)}, weights)
    counts = {c: int((gold == v).sum()) for c, v in (("negative", -1), ("neutral", 0), ("positive", 1))}
    notes.append(
        f"tone: NYT half, {len(data)} rated sentences (header line: {'yes' if header else 'no'}); test = the "
        f"{int(ok.size)} with crc32(UTF-8 id) % 2 == 1 "
        f"(the other {int((data['half'] == 'fit').sum())} are the fit half; "
        f"{int((~ok).sum())} test items without a score left out). An item framing splits into several sentences "
        f"({n_multi} here) gets the token-weighted mean of its sentences' values. 3-class: score > {SCORE_BAND} "
        f"positive, < -{SCORE_BAND} negative; gold mean rating >= {RATING_BAND} positive, <= -{RATING_BAND} negative, "
        f"else neutral ({counts['negative']}/{counts['neutral']}/{counts['positive']} negative/neutral/positive)."
    )
    return rows


# ---------------------------------------------------------------------------
# The table and the command line


def format_table(rows: Sequence[Row]) -> str:
    """The rows as a fixed-width text table (3 decimals; blank where there is no value)."""
    frame = table_frame(rows)
    shown = frame.astype(object).where(frame.notna(), "")
    for col in ("value", "low", "high"):
        shown[col] = [f"{v:.3f}" if isinstance(v, float) else v for v in shown[col]]
    shown["n"] = [str(int(v)) if v != "" else "" for v in shown["n"]]
    return shown.to_string(index=False)


def table_frame(rows: Sequence[Row]) -> pd.DataFrame:
    """The rows as a DataFrame with :data:`COLUMNS` (``n`` as a nullable integer)."""
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    frame["n"] = frame["n"].astype("Int64")
    return frame


def markdown_table(rows: Sequence[Row], notes: Sequence[str]) -> str:
    """The rows as a Markdown table, then the notes as a list (for ``docs/validity.md``)."""

    def cell(v):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n" + "".join(f"- {note}\n" for note in notes)


def build_parser() -> argparse.ArgumentParser:
    """The command line (``--help`` names where each public data set comes from)."""
    parser = argparse.ArgumentParser(
        prog="validity.py",
        description="Validity of framing's measures against human annotation: prints one table "
        "(measure, dataset, split, metric, value, 95%% bootstrap low/high, n), baselines included.",
        epilog="Defaults: ../shared/data/... next to the repository, if present; a missing default set is "
        "skipped with a message. Nothing is written unless --out is given.",
    )
    parser.add_argument("--polnear", type=Path, help=f"directory with dev.jsonl/train.jsonl. {ORIGINS['polnear']}")
    parser.add_argument(
        "--polnear-split",
        choices=("dev", "train"),
        default="dev",
        help="PolNeAR part to report (default dev; tune on train)",
    )
    parser.add_argument("--babe", type=Path, help=f"the ;-separated CSV. {ORIGINS['babe']}")
    parser.add_argument("--nyt", type=Path, help=f"tab-separated id, rating, text. {ORIGINS['nyt']}")
    parser.add_argument("--out", type=Path, help="directory to write validity.csv and validity.md to")
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated parts to run (default all: {','.join(PARTS)})"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap and the CV folds (default 0)")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default 1000; 0: no interval)")
    return parser


def resolve_paths(args, parts: Sequence[str]) -> tuple[dict[str, Path], list[str]]:
    """The path of each needed data set, and the skip messages of missing default paths.

    A path given on the command line must exist (else :class:`DataError`); a missing
    default is skipped.
    """
    paths, skipped = {}, []
    for name in dict.fromkeys(PARTS[p] for p in parts):
        given = getattr(args, name)
        path = given if given is not None else DEFAULTS[name]
        exists = path.is_dir() if name == "polnear" else path.is_file()
        users = ", ".join(p for p in parts if PARTS[p] == name)
        if exists:
            paths[name] = path
        elif given is not None:
            raise DataError(
                f"--{name} {given}: no such {'directory' if name == 'polnear' else 'file'} ({ORIGINS[name]})"
            )
        else:
            skipped.append(f"skipping {users}: no {name} data at {path} (pass --{name}; {ORIGINS[name]})")
    return paths, skipped


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table and the notes. Returns the exit status (0 ok, 2 error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown or not parts:
        parser.error(f"--only: unknown part(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(PARTS)}")
    if args.boot < 0:
        parser.error("--boot must be 0 or more")
    started = time.perf_counter()
    rows: list[Row] = []
    notes: list[str] = []
    timings: list[str] = []
    try:
        paths, skipped = resolve_paths(args, parts)
        for message in skipped:
            print(message, file=sys.stderr)
        runners = {
            "attribution": lambda: run_attribution(
                paths["polnear"], args.polnear_split, seed=args.seed, boot=args.boot, notes=notes
            ),
            "loaded": lambda: run_loaded(paths["babe"], seed=args.seed, boot=args.boot, notes=notes),
            "classifier": lambda: run_classifier(paths["babe"], seed=args.seed, boot=args.boot, notes=notes),
            "tone": lambda: run_tone(paths["nyt"], seed=args.seed, boot=args.boot, notes=notes),
        }
        for part in PARTS:
            if part in parts and PARTS[part] in paths:
                t0 = time.perf_counter()
                rows += runners[part]()
                timings.append(f"{part} {time.perf_counter() - t0:.1f} s")
    except DataError as exc:
        print(f"validity.py: error: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print(
            "validity.py: error: no data set found, nothing measured (pass --polnear, --babe or --nyt)", file=sys.stderr
        )
        return 2
    datasets = {r.dataset for r in rows}
    rows += [Row(*c, math.nan, math.nan, None) for c in CEILINGS if c[1] in datasets]
    notes.append(
        f"intervals: 95% percentile bootstrap, {args.boot} resamples, seed {args.seed}; n = resampled units "
        "(articles for PolNeAR, sentences for BABE and NYT); ceiling rows are published human agreement "
        "(Newell et al. 2018; Hutto & Gilbert 2014), not measured here. Tokens: regex \\w+."
    )
    print(format_table(rows))
    print()
    print("notes:")
    for note in notes:
        print(f"- {note}")
    print(f"- runtime: {time.perf_counter() - started:.1f} s ({'; '.join(timings)})")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        table_frame(rows).to_csv(args.out / "validity.csv", index=False)
        (args.out / "validity.md").write_text(markdown_table(rows, notes), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
