"""Speed of segmentation (paragraphs, sentences, tokens) on one core.

Builds a corpus from the bundled articles, repeated to at least 50 MB, and prints
sentences/s and MB/s. Goal: at least 3 MB/s. Run: python benchmarks/segment.py [--mb 50]
"""

from __future__ import annotations

import argparse
import time

from framing.segment import segment

from _corpus import build_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    args = parser.parse_args()
    texts = build_texts(args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
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
