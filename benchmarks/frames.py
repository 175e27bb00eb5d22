"""Speed of the frame-cue layer (``FrameAnnotator.annotate``) in MB/s of article text.

Builds a corpus from the bundled seed articles plus articles assembled from the
sentences of ``tests/data/frame_labels.csv`` (seven topics, so the vocabulary is wider
than the seeds alone), repeated to ``--mb`` MB; segments it once (segmentation is not
timed: it is shared by every layer); then times the frame layer on every document:
cue matching, spans, sentence columns and document measures. Prints MB/s (median over
rounds). The goal is >= 10 MB/s per core.

The layer memoises per distinct token form; ``--cold`` clears those memos (and the
phrase matcher's) before every round, so each round pays for its vocabulary once
(closer to a corpus of distinct articles). Finally one 1 MB single-paragraph document
shows that the cost stays linear.

Run: python benchmarks/frames.py [--mb 5] [--rounds 5] [--cold]
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import time
from pathlib import Path

import framing
from framing.annotator import DocResult
from framing.frames import FrameAnnotator, frame_cues
from framing.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def build_texts(target_mb: float) -> list[str]:
    corpus = framing.load_corpus(ROOT / "corpus" / "la-ice-raids-2025")
    base = corpus["text"].tolist()
    with open(ROOT / "tests" / "data" / "frame_labels.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_topic: dict[str, list[str]] = {}
    for row in rows:
        by_topic.setdefault(row["topic"], []).append(row["text"])
    for sents in by_topic.values():  # one article per topic, four sentences a paragraph
        base.append("\n\n".join(" ".join(sents[k:k + 4]) for k in range(0, len(sents), 4)))
    per_copy = sum(len(t.encode("utf-8")) for t in base)
    return base * max(1, math.ceil(target_mb * 1e6 / per_copy))


def clear_memos() -> None:
    cues = frame_cues()
    cues._memo.clear()
    cues._active.clear()
    cues.matcher._memo.clear()
    cues.matcher._active.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--cold", action="store_true", help="clear the memos before every round")
    args = parser.parse_args()

    texts = build_texts(args.mb)
    docs = [segment(t, str(i)) for i, t in enumerate(texts)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    annotator = FrameAnnotator()
    annotator.annotate(docs[0], DocResult(docs[0].doc_id, _text=docs[0].text))  # compile the lexicon

    times = []
    n_spans = 0
    for _ in range(args.rounds):
        if args.cold:
            clear_memos()
        t0 = time.perf_counter()
        n_spans = 0
        for d in docs:
            out = DocResult(d.doc_id, _text=d.text)
            annotator.annotate(d, out)
            n_spans += len(out.spans)
        times.append(time.perf_counter() - t0)
    best = statistics.median(times)
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB, {sum(d.n_tokens for d in docs):,} tokens, {n_spans:,} frame spans")
    print(f"frame layer{' (cold memos)' if args.cold else ''}: {mb / best:.1f} MB/s (median of {args.rounds} rounds, {best:.3f} s)")

    big_text = " ".join(t.replace("\n", " ") for t in texts)[:1_000_000]
    big = segment(big_text, "big")
    t0 = time.perf_counter()
    annotator.annotate(big, DocResult("big", _text=big_text))
    dt = time.perf_counter() - t0
    print(f"one 1 MB single-paragraph document: {len(big_text.encode('utf-8')) / 1e6 / dt:.1f} MB/s ({dt:.3f} s)")


if __name__ == "__main__":
    main()
