"""Quotation detection, shared by the loaded-language and attribution layers.

:func:`find_quotes` returns every quotation in a text as a :class:`Quote` with
character offsets of the whole quotation (marks included) and of its content.

Rules (news conventions, AP/Chicago):

- Double marks: curly ``“ ”``, low ``„``, guillemets ``« »`` and straight ``"``. A
  straight mark opens when it follows the start of a paragraph, white space or an
  opening bracket/dash, and closes otherwise.
- Single marks ``‘ ’ '`` make a quotation only when they pair up inside one
  paragraph (a nested quote inside a double quote, or a headline-style quote). A
  ``’`` between letters (Trump’s, don’t), after a plural *s* with no open single
  quote (workers’ struggle) or before a two-digit year (’90s) is an apostrophe.
- A quotation may run across sentences. Across paragraphs it continues only when the
  next paragraph opens with a quotation mark (the convention for multi-paragraph
  quotes: an opening mark at each paragraph, a closing mark only at the last).
- An opening mark never closed is ended at its paragraph's end with
  ``closed=False``; a closing mark with no opening one is ignored. Nothing raises:
  odd numbers of marks are reported through ``closed``, not exceptions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_STRAIGHT_DOUBLE = '"'
_OPENERS_BEFORE = set(" \t\n([{—–-/")
_MARK_CHARS = "\"“”„«»‘’'"  # every quotation mark (double, single, apostrophe-like)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation. ``start``/``end`` include the marks; ``content_*`` exclude them."""

    start: int
    end: int
    content_start: int
    content_end: int
    level: int  # 1 = outer double quote (or a lone single-mark quote), 2 = nested
    mark: str  # "double" or "single"
    closed: bool  # False when the closing mark was missing
    n_paragraphs: int = 1

    def n_words(self, text: str) -> int:
        return len(_WORD.findall(text, self.content_start, self.content_end))

    def content(self, text: str) -> str:
        return text[self.content_start:self.content_end]


def _is_double_open(text: str, i: int, ch: str, para_start: int) -> bool | None:
    if ch in _OPEN_DOUBLE:
        return True
    if ch in _CLOSE_DOUBLE:
        return False
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPENERS_BEFORE or before in _OPEN_DOUBLE + "‘":
        return not after.isspace()
    return False


def _single_role(text: str, i: int, ch: str, para_start: int, para_end: int) -> str:
    """'open', 'close' or 'apostrophe' for a single mark at ``i``."""
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < para_end else " "
    if ch == "‘":
        return "open" if not after.isspace() else "apostrophe"
    if before.isalnum() and after.isalnum():
        return "apostrophe"  # don't, Trump’s
    if (before.isspace() or before in "([{—–-\"“") and not after.isspace():
        # '90s, ’em, ’tis are elisions, not quotations
        if re.match(r"\d\ds\b|em\b|tis\b|til\b|n\b|cause\b", text[i + 1:i + 5], re.I):
            return "apostrophe"
        return "open" if ch == "'" else "open?"
    if not before.isspace():
        return "close"
    return "apostrophe"


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Find the quotations in ``text``.

    ``paragraphs`` are ``(start, end)`` offsets as produced by
    :func:`framing.segment.segment` (``Document.paragraphs``); without them each
    non-blank line is a paragraph. Returns quotes sorted by start, nested quotes
    after the quote that contains them.
    """
    if paragraphs is None:
        paragraphs = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    # every quotation mark of the text, found with str.find per mark character (C speed),
    # in text order; a paragraph takes those inside [start, end), the marks a scan of that
    # paragraph alone would find. No mark, no quote.
    found = []
    for ch in _MARK_CHARS:
        i = text.find(ch)
        while i != -1:
            found.append((i, ch))
            i = text.find(ch, i + 1)
    if not found:
        return []
    found.sort()
    positions = [i for i, _ in found]
    quotes: list[Quote] = []
    open_at: int | None = None  # offset of the pending double opening mark
    open_paras = 0
    for p_index, (ps, pe) in enumerate(paragraphs):
        marks = found[bisect_left(positions, ps):bisect_left(positions, pe)]
        if open_at is not None:
            # a quote continued from the previous paragraph: this paragraph should open
            # with a mark; skip that repeated opening mark
            if marks and marks[0][0] == _first_nonspace(text, ps, pe) and marks[0][1] in _OPEN_DOUBLE + _STRAIGHT_DOUBLE:
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
                quotes.append(Quote(open_at, i, open_at + 1, _rstrip(text, open_at + 1, i), 1, "double", False, open_paras))
                open_at, open_paras = i, 1
                continue
            quotes.append(Quote(open_at, i + 1, open_at + 1, i, 1, "double", True, open_paras))
            open_at = None
        if singles:
            quotes.extend(_single_quotes(text, singles, ps, pe, quotes))
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            starts_with_quote = (
                nxt is not None
                and text[_first_nonspace(text, *nxt)] in _OPEN_DOUBLE + _STRAIGHT_DOUBLE
            )
            if not starts_with_quote:
                quotes.append(Quote(open_at, pe, open_at + 1, pe, 1, "double", False, open_paras))
                open_at = None
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _first_nonspace(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _single_quotes(text, singles, ps, pe, doubles) -> list[Quote]:
    """Pair single marks within one paragraph; unpaired marks are apostrophes."""
    out = []
    pending: int | None = None
    for i, ch in singles:
        role = _single_role(text, i, ch, ps, pe)
        if role.startswith("open") and pending is None:
            pending = i
        elif role == "close" and pending is not None:
            inside = any(q.content_start <= pending and i < q.content_end for q in doubles)
            out.append(Quote(pending, i + 1, pending + 1, i, 2 if inside else 1, "single", True))
            pending = None
    return out
