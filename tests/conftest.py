"""Shared fixtures: the bundled corpus, the seed texts, one analysis of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "la-ice-raids-2025"
SEEDS = {
    "leak-reveals-plan": ROOT.parent / "shared" / "seeds" / "000_c92b86264ab2bcc4.txt",
    "wsws-mass-immigration-raids": ROOT.parent / "shared" / "seeds" / "004_96b7c6e4a4662929.txt",
}
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus():
    import framing

    return framing.load_corpus(CORPUS)


@pytest.fixture(scope="session")
def seed_texts(corpus) -> dict[str, str]:
    """doc_id -> text of the bundled seed articles (as loaded from corpus/)."""
    return dict(zip(corpus["doc_id"], corpus["text"]))


@pytest.fixture(scope="session")
def result(corpus):
    """One full analysis of the bundled corpus, shared by the tests that only read it."""
    import framing

    return framing.analyze(corpus)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
