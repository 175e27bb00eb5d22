"""Quotation detection, shared by the loaded-language and attribution layers.

:func:`find_quotes` returns every quotation in a text as a :class:`Quote` with
character offsets of the whole quotation (marks included) and of its content.

Rules (news conventions, AP/Chicago):

- Double marks: curly ``“ ”``, low ``„``, guillemets ``« »`` and straight ``"``. A
  straight mark opens when it follows the start of a paragraph, white space or an
  opening bracket/dash, and closes otherwise.
- Two apostrophes are a straight double mark: the New York Times archive and other wire
  text write ''This was a tough decision,'' he said. Two backticks open a quotation that
  two apostrophes close (the Penn Treebank and LaTeX style). In a run of three apostrophes
  a single quotation closes inside a double one (a single mark, then the double one), or a
  double one opens with a single one inside (the double mark first).
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
_MARK_CHARS = "\"“”„«»‘’'`"  # every quotation mark character (double, single, apostrophe-like, backtick)
_TWO_APOSTROPHES = "''"  # a straight double mark written with two apostrophes
_TWO_BACKTICKS = "``"  # an opening double mark written with two backticks (closed by two apostrophes)
_DOUBLE_OPENERS = frozenset(("“", "„", "«", '"', _TWO_APOSTROPHES, _TWO_BACKTICKS))  # may open a continued paragraph
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
        return text[self.content_start : self.content_end]


def _is_double_open(text: str, i: int, ch: str, para_start: int) -> bool | None:
    if ch in _OPEN_DOUBLE or ch == _TWO_BACKTICKS:
        return True
    if ch in _CLOSE_DOUBLE:
        return False
    before = text[i - 1] if i > para_start else " "
    after = text[i + len(ch)] if i + len(ch) < len(text) else " "
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
    if (before.isspace() or before in '([{—–-"“') and not after.isspace():
        # '90s, ’em, ’tis are elisions, not quotations
        if re.match(r"\d\ds\b|em\b|tis\b|til\b|n\b|cause\b", text[i + 1 : i + 5], re.I):
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
    doubled = False  # two apostrophes or two backticks in a row
    for ch in _MARK_CHARS:
        i = text.find(ch)
        while i != -1:
            found.append((i, ch))
            j = text.find(ch, i + 1)
            doubled = doubled or j == i + 1 and ch in "'`"
            i = j
    if not found:
        return []
    found.sort()
    if doubled:
        found = _pair_doubled_marks(text, found)
    positions = [i for i, _ in found]
    quotes: list[Quote] = []
    open_at: int | None = None  # offset of the pending double opening mark
    open_len = 1  # its length in characters (2 for '' and ``)
    open_paras = 0
    for p_index, (ps, pe) in enumerate(paragraphs):
        marks = found[bisect_left(positions, ps) : bisect_left(positions, pe)]
        if open_at is not None:
            # a quote continued from the previous paragraph: this paragraph should open
            # with a mark; skip that repeated opening mark
            if marks and marks[0][0] == _first_nonspace(text, ps, pe) and marks[0][1] in _DOUBLE_OPENERS:
                marks = marks[1:]
            open_paras += 1
        singles: list[tuple[int, str]] = []
        for i, ch in marks:
            if ch in "‘’'":
                singles.append((i, ch))
                continue
            if ch == "`":
                continue  # a lone backtick is no quotation mark
            opens = _is_double_open(text, i, ch, ps)
            if open_at is None:
                if opens:
                    open_at, open_len, open_paras = i, len(ch), 1
                continue
            if opens and ch != _STRAIGHT_DOUBLE and ch != _TWO_APOSTROPHES:
                # a second opening mark: the first quote was never closed
                inner = open_at + open_len
                quotes.append(Quote(open_at, i, inner, _rstrip(text, inner, i), 1, "double", False, open_paras))
                open_at, open_len, open_paras = i, len(ch), 1
                continue
            quotes.append(Quote(open_at, i + len(ch), open_at + open_len, i, 1, "double", True, open_paras))
            open_at = None
        if singles:
            quotes.extend(_single_quotes(text, singles, ps, pe, quotes))
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            if nxt is None or not _opens_with_double_mark(text, *nxt):
                quotes.append(Quote(open_at, pe, open_at + open_len, pe, 1, "double", False, open_paras))
                open_at = None
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _pair_doubled_marks(text: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The marks of ``found`` (sorted) with two apostrophes or two backticks in a row made one
    double mark (``(i, "''")``, ``(i, "``")``). In a run of three apostrophes the double mark is
    the first two when the run opens a quotation (after white space or an opening bracket) and
    the last two otherwise (a single quotation closing inside a double one)."""
    out: list[tuple[int, str]] = []
    k, n = 0, len(found)
    while k < n:
        i, ch = found[k]
        if ch not in "'`":
            out.append((i, ch))
            k += 1
            continue
        run = 1
        while k + run < n and found[k + run] == (i + run, ch):
            run += 1
        if ch == "`":
            out += [(i + 2 * j, _TWO_BACKTICKS) for j in range(run // 2)] + [(i + run - 1, ch)] * (run % 2)
        elif run == 3:
            before = text[i - 1] if i > 0 else " "
            opening = before.isspace() or before in _OPENERS_BEFORE
            out += [(i, _TWO_APOSTROPHES), (i + 2, ch)] if opening else [(i, ch), (i + 1, _TWO_APOSTROPHES)]
        else:
            out += [(i + 2 * j, _TWO_APOSTROPHES) for j in range(run // 2)] + [(i + run - 1, ch)] * (run % 2)
        k += run
    return out


def _opens_with_double_mark(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``start..end`` opens with a double quotation mark (a quotation
    continued from the paragraph before repeats its opening mark)."""
    i = _first_nonspace(text, start, end)
    if i >= end:
        return False
    return (
        text[i] in _OPEN_DOUBLE or text[i] == _STRAIGHT_DOUBLE or text.startswith((_TWO_APOSTROPHES, _TWO_BACKTICKS), i)
    )


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
