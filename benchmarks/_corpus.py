"""Benchmark corpora shared by the scripts in this folder: the bundled articles, repeated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import framing
from framing.lexicons import read_rows

ROOT = Path(__file__).resolve().parents[1]


def seed_texts() -> list[str]:
    """The texts of the bundled corpus (``corpus/la-ice-raids-2025``)."""
    return framing.load_corpus(ROOT / "corpus" / "la-ice-raids-2025")["text"].tolist()


def repeat(base: list[str], target_mb: float) -> list[str]:
    """``base`` repeated, whole copies, until the texts hold at least ``target_mb`` MB of UTF-8."""
    texts, size = [], 0
    while size < target_mb * 1e6:
        for t in base:
            texts.append(t)
            size += len(t.encode("utf-8"))
    return texts


def build_texts(target_mb: float) -> list[str]:
    """The bundled articles repeated to at least ``target_mb`` MB."""
    return repeat(seed_texts(), target_mb)


def synthetic_corpus(
    n_docs: int,
    *,
    seed: int = 0,
    sentences: tuple[int, int] = (25, 45),
    source: Any = None,
    vary: float = 0.0,
) -> Iterator[dict[str, Any]]:
    """Article-length documents made by resampling the sentences of real articles (for timing and tests).

    Yields ``n_docs`` records (``doc_id, outlet, date, title, text``) lazily and
    deterministically for a given ``seed``: a heading of the source articles as title,
    then ``sentences`` (lo, hi) body sentences drawn with replacement, two or three to
    a paragraph. ``source`` defaults to the bundled corpus. The text is real news prose,
    so every layer does its usual work, but the documents are not articles: use them
    to measure speed and memory, never to report a finding.

    Resampled sentences of a few articles repeat a small vocabulary, so per-word caches
    hit far more often than on a real corpus, whose vocabulary keeps growing. With
    ``vary`` > 0, each lower-case word of four or more letters in the body is replaced,
    with that probability, by a word of four or more letters drawn from the general-English
    word counts of ``background_en.csv`` in proportion to its count (Zipf-like, 15,000+
    words), so new words keep appearing as in real text.
    """
    import random

    if source is None:
        source = ROOT / "corpus" / "la-ice-raids-2025"
    body: list[str] = []
    headings: list[str] = []
    for rec in framing.iter_corpus(source):
        doc = framing.segment(rec["text"], rec["doc_id"])
        for s in doc.sentences:
            (headings if s.kind == "heading" else body).append(doc.text[s.start : s.end])
    if not body:
        raise ValueError(f"{source}: no body sentences to resample")
    headings = headings or body
    rng = random.Random(seed)
    outlets = ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    if vary > 0:
        import re
        from itertools import accumulate

        rows = [r for r in read_rows("background_en.csv") if len(r["word"]) >= 4]
        words = [r["word"] for r in rows]
        cum = list(accumulate(int(r["count"]) for r in rows))
        long_word = re.compile(r"\b[a-z]{4,}\b")

        swaps = random.Random(f"{seed}-vary")  # its own stream: the same sentences are picked as with vary=0

        def swap(m: re.Match) -> str:
            return swaps.choices(words, cum_weights=cum)[0] if swaps.random() < vary else m.group()

    for i in range(n_docs):
        n = rng.randint(*sentences)
        picked = [rng.choice(body) for _ in range(n)]
        if vary > 0:
            picked = [long_word.sub(swap, s) for s in picked]
        paragraphs, j = [], 0
        while j < len(picked):
            k = rng.randint(2, 3)
            paragraphs.append(" ".join(picked[j : j + k]))
            j += k
        title = rng.choice(headings)
        yield {
            "doc_id": f"synthetic-{i:07d}",
            "outlet": outlets[i % len(outlets)],
            "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "title": title,
            "text": title + "\n\n" + "\n\n".join(paragraphs) + "\n",
        }
