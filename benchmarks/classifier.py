"""FrameClassifier against plain TF-IDF + logistic regression on the project's labelled sentences.

Data: ``tests/data/frame_labels.csv`` (364 news sentences, 14 Policy Frames Codebook
labels, 7 topics; see ``tests/data/frame_labelling_guide.md``). Both models see the same
stratified folds (``--folds``, shuffled with ``--seed``; repeated ``--repeats`` times with
seeds seed, seed+1, ...). Reported: macro-F1 and accuracy per model (mean over repeats,
with the per-fold macro-F1 range), the paired difference, and the per-class F1 of
FrameClassifier. Chance: macro-F1 of a classifier that always predicts one class.

- ``tfidf+lr``: ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)`` +
  ``LogisticRegression(class_weight="balanced")`` with scikit-learn's default C=1, i.e.
  what a user would write without tuning; and the same with C=10 (``FrameClassifier``'s
  C) so the gain is not just the regularisation setting;
- ``FrameClassifier``: the defaults of ``framing.FrameClassifier`` (the same TF-IDF plus
  the framing measures).

``--articles N`` joins N sentences of one label (interleaving topics) into pseudo-articles
and runs the same comparison on those, to check that the defaults hold on long texts.

Run: python benchmarks/classifier.py [--folds 5] [--repeats 3] [--seed 0] [--articles 4]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

from framing.learn import FrameClassifier, feature_table

ROOT = Path(__file__).resolve().parents[1]


def plain(C: float):
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(C=C, class_weight="balanced", max_iter=2000),
    )


def pseudo_articles(data: pd.DataFrame, n: int) -> pd.DataFrame:
    """Texts of ``n`` sentences with the same label, one paragraph each, topics interleaved."""
    rows = []
    for frame, group in data.sort_values(["frame", "topic", "id"]).groupby("frame"):
        by_topic = [g["text"].tolist() for _, g in group.groupby("topic")]
        order = [t for k in range(max(map(len, by_topic))) for lst in by_topic for t in lst[k : k + 1]]
        for k in range(0, len(order) - n + 1, n):
            rows.append({"text": "\n\n".join(order[k : k + n]), "frame": frame, "topic": "mixed"})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--articles",
        type=int,
        default=0,
        metavar="N",
        help="join N sentences of one label (from different topics) into a pseudo-article "
        "and classify those instead (checks the defaults on long texts)",
    )
    args = parser.parse_args()

    data = pd.read_csv(ROOT / "tests" / "data" / "frame_labels.csv")
    if args.articles:
        data = pseudo_articles(data, args.articles)
    X = data["text"].to_numpy(dtype=object)
    y = data["frame"].to_numpy()
    t0 = time.perf_counter()
    feature_table(X.tolist())  # analyse every sentence once (memoised for all folds)
    unit = f"pseudo-articles of {args.articles} sentences" if args.articles else "sentences"
    print(
        f"data: {len(X)} {unit}, {len(set(y))} labels, {data['topic'].nunique()} topics; "
        f"framing.analyze of all sentences: {time.perf_counter() - t0:.1f} s"
    )
    models = {
        "tfidf+lr (C=1)": lambda: plain(1.0),
        "tfidf+lr (C=10)": lambda: plain(10.0),
        "FrameClassifier": FrameClassifier,
    }
    fold_f1 = {name: [] for name in models}
    rep_f1 = {name: [] for name in models}
    rep_acc = {name: [] for name in models}
    per_class = []
    for rep in range(args.repeats):
        folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed + rep)
        preds = {name: np.empty(len(y), dtype=object) for name in models}
        for train, test in folds.split(X, y):
            for name, make in models.items():
                model = make().fit(X[train].tolist(), y[train])
                p = model.predict(X[test].tolist())
                preds[name][test] = p
                fold_f1[name].append(f1_score(y[test], p, average="macro"))
        for name in models:
            rep_f1[name].append(f1_score(y, preds[name].astype(str), average="macro"))
            rep_acc[name].append(accuracy_score(y, preds[name].astype(str)))
        labels = sorted(set(y))
        per_class.append(f1_score(y, preds["FrameClassifier"].astype(str), labels=labels, average=None))

    chance = max(f1_score(y, np.full(len(y), c), average="macro") for c in set(y))
    print(
        f"{args.folds}-fold stratified CV x {args.repeats} repeats (same folds for every model); "
        f"chance macro-F1 {chance:.3f}"
    )
    print(f"{'model':<18} {'macro-F1':>9} {'accuracy':>9} {'fold macro-F1 range':>22}")
    for name in models:
        lo, hi = min(fold_f1[name]), max(fold_f1[name])
        print(f"{name:<18} {np.mean(rep_f1[name]):>9.3f} {np.mean(rep_acc[name]):>9.3f} {lo:>11.3f} - {hi:.3f}")
    base = "tfidf+lr (C=1)"
    for other in ("tfidf+lr (C=10)", base):
        d = np.array(fold_f1["FrameClassifier"]) - np.array(fold_f1[other])
        print(
            f"FrameClassifier - {other}: macro-F1 {np.mean(d):+.3f} per fold "
            f"(better in {int((d > 0).sum())}/{len(d)} folds, worse in {int((d < 0).sum())})"
        )
    table = pd.DataFrame({"label": sorted(set(y)), "f1": np.mean(per_class, axis=0)})
    print("FrameClassifier per-class F1 (mean over repeats):")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))


if __name__ == "__main__":
    main()
