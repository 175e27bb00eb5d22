"""Quotation detection shared by the loaded-language and attribution layers."""

from __future__ import annotations

from framing.quotes import find_quotes
from framing.segment import segment


def _quotes(text):
    doc = segment(text)
    return [(text[q.start:q.end], q.level, q.mark, q.closed, q.n_paragraphs) for q in doc.get_quotes()]


def test_seed_quotes(seed_texts):
    text = seed_texts["wsws-mass-immigration-raids"]
    got = [text[q.content_start:q.content_end] for q in segment(text).get_quotes()]
    assert got == [
        "they needed more bodies,",
        "significant impact",
        "sanctuary city",
        "border czar,",
        "This is not a game, to have this type of interference puts our officers at great risk.",
        "sanctuary city",
    ]
    assert segment(seed_texts["leak-reveals-plan"]).get_quotes() == []


def test_straight_and_curly_and_split_quotes():
    assert _quotes('"First part," she said, "second part."') == [
        ('"First part,"', 1, "double", True, 1),
        ('"second part."', 1, "double", True, 1),
    ]
    assert _quotes("the “sanctuary city” label") == [("“sanctuary city”", 1, "double", True, 1)]


def test_nested_single_quotes_and_apostrophes():
    got = _quotes("He said, \"It is 'absurd' and Trump's '90s plan isn't new.\" Workers' rights matter.")
    assert got[0][0].startswith('"It is') and got[0][3]
    assert ("'absurd'", 2, "single", True, 1) in got
    assert len(got) == 2  # no quote made of apostrophes


def test_multi_paragraph_quote_continues_when_next_paragraph_opens_with_a_mark():
    got = _quotes('"This goes on.\n\n"And on to the next paragraph," he said.')
    assert got == [('"This goes on.\n\n"And on to the next paragraph,"', 1, "double", True, 2)]


def test_unclosed_quote_ends_at_paragraph_and_is_flagged():
    got = _quotes('An "unclosed quote here.\n\nNext para.')
    assert got == [('"unclosed quote here.', 1, "double", False, 1)]


def test_without_paragraphs_lines_are_used():
    text = 'She said "yes".\nHe said "no".'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['"yes"', '"no"']
