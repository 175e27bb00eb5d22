"""Benchmark corpora shared by the scripts in this folder: the bundled articles, repeated."""

from __future__ import annotations

from pathlib import Path

import framing

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
