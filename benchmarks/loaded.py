"""Speed of the loaded-language layer (MB/s of article-length news text, one core).

Builds a corpus of at least ``--mb`` MB (default 50) of article-length documents by
resampling, with a fixed random seed, the sentences of the two seed articles and the 364
hand-labelled news sentences of ``tests/data/frame_labels.csv`` (seven topics: immigration,
elections, climate, health, crime, economy, guns). Each document has a headline and 12 to
40 paragraphs of one to three sentences (about 2-9 KB, the length of a news article).

The corpus is generated, segmented and annotated in batches of about 1 MB so memory stays
small; only ``LoadedLanguageAnnotator.annotate`` is timed (segmentation is shared by all
layers and has its own benchmark, ``benchmarks/segment.py``). The layer is timed as the
pipeline runs it: all bundled lexicons (loaded, epistemic), the generic affect signal,
quotation classification, voice, proper-name exclusion, spans and measures.

Prints MB/s over the whole corpus (wall clock and CPU time of this process; on a shared
machine CPU time is the steadier figure), MB/s of the first batch (cold: the per-token
memo is empty), and spans per MB. Goal: >= 5 MB/s; project budget 10 MB/s.

Run: python benchmarks/loaded.py [--mb 50] [--batch-mb 1] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

from framing.layers.base import DocResult
from framing.layers.loaded import LoadedLanguageAnnotator
from framing.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def sentence_pool() -> tuple[list[str], list[str]]:
    """(body sentences, headings) from the seed articles and the frame-label sentences."""
    seeds = json.loads((DATA / "seed_sentences.json").read_text("utf-8"))
    body, headings = [], []
    for key, sentences in seeds.items():
        if key.startswith("_"):
            continue
        for kind, text in sentences:
            (headings if kind == "heading" else body).append(text)
    with (DATA / "frame_labels.csv").open(newline="", encoding="utf-8") as fh:
        body += [row["text"] for row in csv.DictReader(fh)]
    return body, headings


def build_batch(rng: random.Random, body: list[str], headings: list[str], target_bytes: int) -> list[str]:
    """Article-length documents of about ``target_bytes`` bytes in total."""
    docs, size = [], 0
    while size < target_bytes:
        paragraphs = [rng.choice(headings)]
        for _ in range(rng.randint(12, 40)):
            paragraphs.append(" ".join(rng.choice(body) for _ in range(rng.randint(1, 3))))
        text = "\n\n".join(paragraphs)
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--batch-mb", type=float, default=1.0, help="generate and segment this much at a time")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the resampling")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    body, headings = sentence_pool()
    annotator = LoadedLanguageAnnotator()
    warm = segment("The brutal crackdown was unprecedented, officials said.", "warm-up")
    annotator.annotate(warm, DocResult("warm-up", _text=warm.text))  # load lexicons, build the matcher

    total_bytes = n_docs = n_spans = 0
    wall = cpu = 0.0
    first = None
    t_start = time.perf_counter()
    while total_bytes < args.mb * 1e6:
        texts = build_batch(rng, body, headings, int(args.batch_mb * 1e6))
        docs = [segment(t, f"doc-{n_docs + i}") for i, t in enumerate(texts)]
        outs = [DocResult(d.doc_id, _text=d.text) for d in docs]
        w0, c0 = time.perf_counter(), time.process_time()
        for d, out in zip(docs, outs):
            annotator.annotate(d, out)
        dw, dc = time.perf_counter() - w0, time.process_time() - c0
        batch_bytes = sum(len(t.encode("utf-8")) for t in texts)
        if first is None:
            first = batch_bytes / 1e6 / dw
        wall += dw
        cpu += dc
        total_bytes += batch_bytes
        n_docs += len(docs)
        n_spans += sum(len(o.spans) for o in outs)
    mb = total_bytes / 1e6
    print(
        f"loaded-language benchmark: {n_docs} documents, {mb:.1f} MB "
        f"(mean {total_bytes / n_docs / 1000:.1f} KB per document), {len(body)} distinct body sentences resampled"
    )
    print(f"  loaded layer: {mb / wall:6.2f} MB/s wall clock, {mb / cpu:6.2f} MB/s CPU time   (goal >= 5, budget 10)")
    print(f"  first {args.batch_mb:g} MB (cold memo): {first:6.2f} MB/s wall clock")
    print(f"  {n_spans / mb:,.0f} spans per MB (all layers of the annotator: loaded, epistemic, scare quotes)")
    print(f"  whole run including generation and segmentation: {time.perf_counter() - t_start:.0f} s")


if __name__ == "__main__":
    main()
