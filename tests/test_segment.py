"""Segmentation: golden sentence boundaries of the seeds, news rules, and offset properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.segment import check_offsets, segment

from .conftest import DATA

GOLD = json.loads((DATA / "seed_sentences.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc_id", ["leak-reveals-plan", "wsws-mass-immigration-raids"])
def test_seed_sentence_boundaries_match_hand_checked_gold(seed_texts, doc_id):
    text = seed_texts[doc_id]
    doc = segment(text, doc_id)
    got = [[s.kind, text[s.start:s.end]] for s in doc.sentences]
    assert got == GOLD[doc_id]


def test_seed_specifics(seed_texts):
    doc = segment(seed_texts["wsws-mass-immigration-raids"])
    texts = [doc.sentence_text(s) for s in doc.sentences]
    kinds = [s.kind for s in doc.sentences]
    assert kinds[:3] == ["heading", "heading", "heading"]  # headline, byline, dateline
    assert any(t.startswith("These documents outline") and t.endswith("since January 26.") for t in texts)
    assert any("assisting in\n\nimmigration enforcement" in t for t in texts)
    assert any(t.endswith('great risk."') for t in texts)
    first = segment(seed_texts["leak-reveals-plan"])
    assert first.sentences[0].kind == "heading"
    assert first.sentence_text(first.sentences[1]).startswith("A leaked memo from U.S. Immigration")


@pytest.mark.parametrize(
    "text, n",
    [
        ("Gov. Gavin Newsom met Sen. Alex Padilla on Dec. 5 in the U.S. Capitol. They talked.", 2),
        ("The vote is at 10 a.m. Tuesday in Washington. Results follow.", 2),
        ("Prop. No. 5 passed. Mr. Smith and Dr. Jones agreed.", 2),
        ('"We will fight this," the mayor said. "Every step."', 2),
        ("Is it over? Not yet! The count goes on.", 3),
    ],
)
def test_news_abbreviations_and_punctuation(text, n):
    doc = segment(text)
    assert len(doc.sentences) == n, [doc.sentence_text(s) for s in doc.sentences]


def test_closing_quote_stays_with_its_sentence():
    doc = segment('He said, "It is over." Then he left.')
    assert [doc.sentence_text(s) for s in doc.sentences] == ['He said, "It is over."', "Then he left."]


def test_heading_lines_and_soft_line_breaks():
    text = "Big Headline Here\nThe first paragraph starts and\ncontinues on the next line. Another sentence.\n\nSubhead\n\nLast one."
    doc = segment(text)
    got = [(s.kind, doc.sentence_text(s)) for s in doc.sentences]
    assert got == [
        ("heading", "Big Headline Here"),
        ("body", "The first paragraph starts and\ncontinues on the next line."),
        ("body", "Another sentence."),
        ("heading", "Subhead"),
        ("body", "Last one."),
    ]
    assert [s.para_index for s in doc.sentences] == [0, 1, 1, 2, 3]


def test_tokens_news_reader_expectations():
    text = "The U.S. spent $1,000.50 on 2.5% of '90s-era round-ups, didn't it? Trump's aides said no—twice."
    doc = segment(text)
    toks = [doc.token_text(i) for i in range(doc.n_tokens)]
    for expected in ["U.S.", "1,000.50", "'90s", "round-ups", "didn't", "Trump's", "no", "—", "twice", "%", "$"]:
        assert expected in toks, (expected, toks)
    assert doc.tok_lower[toks.index("Trump's")] == "trump's"


def test_empty_and_whitespace_documents():
    for text in ["", "   \n\n\t "]:
        doc = segment(text)
        assert doc.sentences == [] and doc.n_tokens == 0


def _check_properties(text: str) -> None:
    doc = segment(text)
    check_offsets(doc)
    covered = [0] * len(text)
    for i in range(doc.n_tokens):
        a, b = doc.tok_start[i], doc.tok_end[i]
        assert 0 <= a < b <= len(text)
        assert doc.token_text(i) == text[a:b] and not text[a:b].isspace()
        for k in range(a, b):
            covered[k] += 1
    for k, ch in enumerate(text):
        assert covered[k] == (0 if ch.isspace() else 1), (k, ch)
    prev = 0
    for s in doc.sentences:
        assert prev <= s.start < s.end and text[s.start:s.end].strip() == text[s.start:s.end]
        assert all(s.start <= doc.tok_start[i] and doc.tok_end[i] <= s.end for i in doc.sentence_tokens(s))
        prev = s.end


NEWSY = st.text(
    alphabet=st.sampled_from(list("abcXYZ .,;:!?\"'“”‘’—-\n\n0123456789$%()U.S.Mr.é\t")), max_size=300
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_offsets_reconstruct_text_spans_never_overlap_and_cover_every_char(text):
    _check_properties(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_properties_hold_on_arbitrary_unicode(text):
    _check_properties(text)


def test_properties_on_seeds(seed_texts):
    for text in seed_texts.values():
        _check_properties(text)
