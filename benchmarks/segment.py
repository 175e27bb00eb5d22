"""Speed of segmentation (paragraphs, sentences, tokens) on one core.

Builds a corpus from the bundled articles, repeated to at least 50 MB, and prints
sentences/s and MB/s. Goal: at least 3 MB/s. Run: python benchmarks/segment.py [--mb 50]

``--ab`` instead times ``segment()`` against the reference implementation kept in
``tests/test_segment.py`` (the Punkt package's ``span_tokenize`` per paragraph, one
token-regex pass with a per-token loop), interleaved in one process, and prints the
median CPU seconds per MB of each over ``--rounds`` rounds. ``--jsonl FILE`` times
the ``text`` field of a JSON-lines corpus instead of the repeated articles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from framing.segment import segment

from _corpus import ROOT, build_texts


def _ab(texts: list[str], mb: float, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.test_segment import reference_segment

    runs: dict[str, list[float]] = {"reference": [], "segment": []}
    for _ in range(rounds):
        for name, fn in (("reference", reference_segment), ("segment", segment)):
            t0 = time.process_time()
            for i, text in enumerate(texts):
                fn(text, str(i))
            runs[name].append((time.process_time() - t0) / mb)
    for name, secs in runs.items():
        print(f"  {name:<10} {statistics.median(secs):.3f} s/MB CPU (median of {rounds}: "
              + " ".join(f"{s:.3f}" for s in secs) + ")")
    ratio = statistics.median(runs["reference"]) / statistics.median(runs["segment"])
    print(f"  speed-up {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--jsonl", type=Path, help="time the 'text' field of this JSON-lines file instead")
    parser.add_argument("--ab", action="store_true", help="compare with the reference implementation")
    parser.add_argument("--rounds", type=int, default=5, help="rounds for --ab (default 5)")
    args = parser.parse_args()
    if args.jsonl:
        with args.jsonl.open(encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
    else:
        texts = build_texts(args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    if args.ab:
        print(f"segmentation vs reference: {len(texts)} documents, {mb:.1f} MB")
        _ab(texts, mb, args.rounds)
        return
    t0 = time.perf_counter()
    n_sent = n_tok = 0
    for i, text in enumerate(texts):
        doc = segment(text, str(i))
        n_sent += len(doc.sentences)
        n_tok += doc.n_tokens
    dt = time.perf_counter() - t0
    print(f"segmentation: {len(texts)} documents, {mb:.1f} MB, {n_sent} sentences, {n_tok} tokens in {dt:.1f} s")
    print(f"  {mb / dt:.2f} MB/s   {n_sent / dt:,.0f} sentences/s   {n_tok / dt:,.0f} tokens/s   (goal: >= 3 MB/s)")


if __name__ == "__main__":
    main()
