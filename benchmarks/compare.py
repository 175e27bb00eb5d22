"""Speed of the comparison statistics: compare, distinctive_terms and kwic.

Prints seconds for (1) the notebook calls on the bundled seed corpus (two articles, so the
sentence is the resampling unit; goal: compare under 5 s with 9,999 resamples) and
(2) a document-level comparison of two outlets with ``--docs`` articles each (each seed
article cut into parts), to show how the cost grows. The analysis itself is not timed.
Run: python benchmarks/compare.py [--docs 50]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import framing

ROOT = Path(__file__).resolve().parents[1]


def timed(label: str, func, *args, **kwargs):
    t0 = time.perf_counter()
    out = func(*args, **kwargs)
    print(f"{label:<58} {time.perf_counter() - t0:7.2f} s  ({len(out)} rows)")
    return out


def windows(text: str, k: int, size: int = 8) -> list[str]:
    """``k`` articles of ``size`` consecutive lines of ``text`` (wrapping around), as test documents."""
    lines = [line for line in text.splitlines() if line.strip()]
    return ["\n\n".join(lines[(3 * i + j) % len(lines)] for j in range(size)) for i in range(k)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50, help="documents per outlet in the document-level run")
    args = parser.parse_args()

    corpus = framing.load_corpus(ROOT / "corpus" / "la-ice-raids-2025")
    result = framing.analyze(corpus)
    print(f"seed corpus: {result}")
    timed("compare(result, by='outlet')  [first call]", framing.compare, result, by="outlet")
    timed("compare(result, by='outlet')", framing.compare, result, by="outlet")
    timed("compare(result, by='doc_id')", framing.compare, result, by="doc_id")
    timed("distinctive_terms(result, by='doc_id')", framing.distinctive_terms, result, by="doc_id")
    timed("kwic(result, 'raid', window=8)", framing.kwic, result, "raid", window=8)

    rows = []
    for doc_id, outlet in zip(corpus["doc_id"], ("A", "B")):
        text = corpus.set_index("doc_id").at[doc_id, "text"]
        for i, part in enumerate(windows(text, args.docs)):
            rows.append({"doc_id": f"{outlet}-{i}", "outlet": outlet, "text": part})
    many = framing.analyze(pd.DataFrame(rows))
    n = many.documents["outlet"].value_counts().to_dict()
    timed(f"compare, document unit, {n} documents", framing.compare, many, by="outlet")
    timed(
        f"compare, sentence unit forced, {len(many.sentences)} sentences",
        framing.compare,
        many,
        by="outlet",
        unit="sentence",
    )
    timed("distinctive_terms, two outlets", framing.distinctive_terms, many, by="outlet")


if __name__ == "__main__":
    main()
