"""Quotation detection shared by the loaded-language and attribution layers."""

from __future__ import annotations

import re

from framing.text.quotes import (
    _OPEN_DOUBLE,
    _STRAIGHT_DOUBLE,
    Quote,
    _first_nonspace,
    _is_double_open,
    _rstrip,
    _single_quotes,
    find_quotes,
)
from framing.text.segment import segment


def _quotes(text):
    doc = segment(text)
    return [(text[q.start : q.end], q.level, q.mark, q.closed, q.n_paragraphs) for q in doc.get_quotes()]


def test_seed_quotes(seed_texts):
    text = seed_texts["wsws-mass-immigration-raids"]
    got = [text[q.content_start : q.content_end] for q in segment(text).get_quotes()]
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


def test_two_apostrophes_and_backticks_are_double_marks():
    """The NYT archive writes quotation marks as two apostrophes; PTB/LaTeX text opens with two
    backticks. Both are double quotations, continued over paragraphs like any other."""
    assert _quotes("''We will not back down,'' the mayor said. ''Never.''") == [
        ("''We will not back down,''", 1, "double", True, 1),
        ("''Never.''", 1, "double", True, 1),
    ]
    assert _quotes("``It works,'' she said.") == [("``It works,''", 1, "double", True, 1)]
    text = "''It is over.\n\n''We lost,'' he said."
    (q,) = segment(text).get_quotes()
    assert (q.n_paragraphs, text[q.content_start : q.content_end]) == (2, "It is over.\n\n''We lost,")
    # a single quotation closing inside a double one: ' then ''
    got = _quotes("''He called it 'a farce,''' she said.")
    assert got == [("''He called it 'a farce,'''", 1, "double", True, 1), ("'a farce,'", 2, "single", True, 1)]
    # an apostrophe or a lone backtick stays no mark
    assert _quotes("The workers' union and `code` and don't") == []


def test_without_paragraphs_lines_are_used():
    text = 'She said "yes".\nHe said "no".'
    assert [text[q.start : q.end] for q in find_quotes(text)] == ['"yes"', '"no"']


# -- the fast scan equals the reference ------------------------------------------

_MARKS = re.compile(r"[\"“”„«»‘’']")


def _reference_find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Find the quotations in ``text``.

    ``paragraphs`` are ``(start, end)`` offsets as produced by
    :func:`framing.text.segment.segment` (``Document.paragraphs``); without them each
    non-blank line is a paragraph. Returns quotes sorted by start, nested quotes
    after the quote that contains them.
    """
    if paragraphs is None:
        paragraphs = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    quotes: list[Quote] = []
    open_at: int | None = None  # offset of the pending double opening mark
    open_paras = 0
    for p_index, (ps, pe) in enumerate(paragraphs):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, ps, pe)]
        if open_at is not None:
            # a quote continued from the previous paragraph: this paragraph should open
            # with a mark; skip that repeated opening mark
            if (
                marks
                and marks[0][0] == _first_nonspace(text, ps, pe)
                and marks[0][1] in _OPEN_DOUBLE + _STRAIGHT_DOUBLE
            ):
                marks = marks[1:]
            open_paras += 1
        singles: list[tuple[int, str]] = []
        for i, ch in marks:
            if ch in "‘’'":
                singles.append((i, ch))
                continue
            opens = _is_double_open(text, i, ch, ps)
            if open_at is None:
                if opens:
                    open_at, open_paras = i, 1
                continue
            if opens and ch not in _STRAIGHT_DOUBLE:
                # a second opening mark: the first quote was never closed
                quotes.append(
                    Quote(open_at, i, open_at + 1, _rstrip(text, open_at + 1, i), 1, "double", False, open_paras)
                )
                open_at, open_paras = i, 1
                continue
            quotes.append(Quote(open_at, i + 1, open_at + 1, i, 1, "double", True, open_paras))
            open_at = None
        quotes.extend(_single_quotes(text, singles, ps, pe, quotes))
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            starts_with_quote = nxt is not None and text[_first_nonspace(text, *nxt)] in _OPEN_DOUBLE + _STRAIGHT_DOUBLE
            if not starts_with_quote:
                quotes.append(Quote(open_at, pe, open_at + 1, pe, 1, "double", False, open_paras))
                open_at = None
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def test_find_quotes_equals_the_reference_on_varied_text():
    """find_quotes (one str.find scan for marks) against the version before the speed work
    (framing 5d2153e, verbatim above), with the segmenter's paragraphs, without paragraphs, and
    with odd paragraph lists (overlapping, reversed, out of range). Texts with two apostrophes
    or two backticks in a row are left out: those are double marks now, which the reference
    predates (see test_two_apostrophes_and_backticks_are_double_marks)."""
    from .test_lexicon import varied_texts

    n = 0
    for text in varied_texts():
        if "''" in text or "``" in text:
            continue
        doc = segment(text)
        spans = [(0, len(text)), (5, 2), (-3, 10), (len(text) // 2, len(text) + 5), (3, len(text) // 3)]
        for paragraphs in (doc.paragraphs, None, spans, list(reversed(doc.paragraphs))):
            got = find_quotes(text, paragraphs)
            assert got == _reference_find_quotes(text, paragraphs), (text[:60], paragraphs)
            n += len(got)
    assert n > 200
