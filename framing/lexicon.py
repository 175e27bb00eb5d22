"""Term lexicons and the matching engine shared by the loaded-language layer.

A :class:`Lexicon` is a named, versioned list of entries; each entry has a
``pattern``, a ``category``, a ``weight``, a ``source`` and a ``note``. Lexicons are
data: the bundled ones are CSV files in ``framing/lexicons/`` (see
``manifest.csv``), a user brings a CSV (:meth:`Lexicon.from_csv`) or a LIWC-style
``.dic`` file (:meth:`Lexicon.from_dic`).

Pattern syntax (case-insensitive, whole tokens, see ``docs/measures.md``):

- ``brutal`` - one word; a possessive (``regime's``, ``regime’s``) matches too;
- ``raid|raids|raided|raiding`` - explicit inflections of one entry;
- ``infest*`` - a trailing ``*`` matches any token that starts with ``infest``;
- ``war on``, ``illegal alien*``, ``black site|black sites`` - multiword phrases,
  matched token by token within one sentence;
- straight and curly apostrophes are the same (``don't`` matches ``don’t``).

Matching (:class:`Matcher`) is compiled once from any number of lexicons: single
tokens are one dictionary lookup, phrases are indexed by their first token, and every
distinct token form is looked up only once per process (a memo), so a document costs
one C-speed set difference plus work at the few candidate positions. At each position
the longest phrase of a lexicon wins, and a lexicon's matches never overlap each other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, count
from pathlib import Path
from typing import NamedTuple

from .errors import LexiconError
from .lexicons import csv_rows

__all__ = ["Entry", "Lexicon", "Matcher", "Hit", "load_lexicon", "lexicon_versions", "BUILTIN"]

#: bundled matchable lexicons: short name -> file in framing/lexicons/
BUILTIN = {"loaded": "loaded.csv", "epistemic": "epistemic.csv"}

_TOKEN = re.compile(r"(?:[a-z]\.){2,}|\d+(?:[.,:/]\d+)+|\w+(?:[-'’]\w+)*\*?|\S")
_APOSTROPHES = ("'", "’")
_POSSESSIVE_END = "s'’"
_MEMO_LIMIT = 400_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry. ``line`` is its line in the source file (0 if built in code)."""

    pattern: str
    category: str
    weight: float = 1
    source: str = ""
    note: str = ""
    line: int = 0


class Lexicon:
    """A named, versioned list of :class:`Entry` objects.

    Build one with :meth:`from_csv`, :meth:`from_dic`, :func:`load_lexicon` (bundled
    lexicons) or directly from entries. ``version`` defaults to a hash of the file, so a
    result always says exactly which list produced it.
    """

    def __init__(self, entries: Iterable[Entry], *, name: str, version: str = "", origin: str = "", citation: str = ""):
        self.entries = list(entries)
        self.name = name
        self.version = version or _hash_entries(self.entries)
        self.origin = origin or name
        self.citation = citation
        for e in self.entries:
            parse_pattern(e.pattern, where=f"{self.origin}: line {e.line}")

    # -- construction ---------------------------------------------------

    @classmethod
    def from_rows(
        cls, rows: Iterable[dict], *, name: str, version: str = "", origin: str = "", citation: str = "",
        weights: tuple[float, float] = (0, float("inf")),
    ) -> Lexicon:
        """Entries from dict rows with ``pattern``, ``category`` and optionally ``weight``,
        ``source``, ``note`` and ``_line`` (as :func:`framing.lexicons.read_rows` gives)."""
        entries = []
        for n, row in enumerate(rows, start=1):
            line = int(row.get("_line") or n)
            where = f"{origin or name}: line {line}"
            pattern = (row.get("pattern") or "").strip()
            category = (row.get("category") or "").strip()
            if not pattern:
                raise LexiconError(f"{where}: empty pattern; write a word or phrase in the 'pattern' column")
            if not category:
                raise LexiconError(f"{where}: pattern {pattern!r} has no category; fill the 'category' column")
            raw_weight = (row.get("weight") or "").strip()
            try:
                weight = float(raw_weight) if raw_weight else 1.0
            except ValueError:
                raise LexiconError(f"{where}: weight {raw_weight!r} is not a number; write e.g. 1, 2 or 3") from None
            if not (weights[0] < weight <= weights[1]):
                raise LexiconError(
                    f"{where}: weight {raw_weight!r} is outside {weights[0]:g} < weight <= {weights[1]:g}"
                )
            if weight == int(weight):
                weight = int(weight)
            entries.append(
                Entry(pattern, category, weight, (row.get("source") or "").strip(), (row.get("note") or "").strip(), line)
            )
        return cls(entries, name=name, version=version, origin=origin, citation=citation)

    @classmethod
    def from_csv(cls, path, *, name: str | None = None, version: str | None = None) -> Lexicon:
        """Read a CSV lexicon: a header with ``pattern`` and ``category`` (and optionally
        ``weight``, ``source``, ``note``); lines starting with ``#`` are comments.

        ``name`` defaults to the file name without suffix, ``version`` to ``sha256:`` and the
        first 12 hex digits of the file's hash. A malformed line raises
        :class:`framing.LexiconError` naming the file and line.
        """
        path = Path(path)
        text = _read(path)
        rows = csv_rows(text, origin=str(path), required=("pattern", "category"))
        return cls.from_rows(
            rows, name=name or path.stem, version=version or _hash_text(text), origin=str(path)
        )

    @classmethod
    def from_dic(cls, path, *, name: str | None = None, version: str | None = None, weight: float = 1) -> Lexicon:
        """Read a LIWC-style ``.dic`` file.

        Format: a line ``%``, then one category per line (``id<TAB>name``), a second ``%``,
        then one entry per line: the word or phrase, then one or more category ids
        separated by tabs or spaces; a trailing ``*`` is a wildcard. Every entry gets
        ``weight``. A malformed line raises :class:`framing.LexiconError` naming file and line.
        """
        path = Path(path)
        text = _read(path)
        lines = text.splitlines()
        origin = str(path)
        body = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
        if not body or body[0][1] != "%":
            where = f"{origin}: line {body[0][0] if body else 1}"
            raise LexiconError(f"{where}: a .dic file must start with a line holding only '%' before the category list")
        categories: dict[str, str] = {}
        k = 1
        while k < len(body) and body[k][1] != "%":
            n, line = body[k]
            parts = line.split(None, 1)
            if len(parts) != 2 or not parts[0].isdigit():
                raise LexiconError(f"{origin}: line {n}: category lines are '<number> <name>', got {line!r} (is the second '%' line missing?)")
            if parts[0] in categories:
                raise LexiconError(f"{origin}: line {n}: category id {parts[0]} is defined twice")
            categories[parts[0]] = parts[1].strip()
            k += 1
        if k >= len(body):
            raise LexiconError(f"{origin}: the category list is not closed by a second '%' line")
        entries = []
        for n, line in body[k + 1:]:
            if "\t" in line:  # word or phrase<TAB>ids (ids separated by tabs or spaces)
                word, _, rest = line.partition("\t")
                parts, ids = [word.strip()], rest.split()
                if not all(i.isdigit() for i in ids):
                    ids = []
            else:  # word id id ...
                parts = line.split()
                ids = []
                while parts and parts[-1].isdigit():
                    ids.insert(0, parts.pop())
            pattern = " ".join(p for p in parts if p)
            if not pattern or not ids:
                raise LexiconError(
                    f"{origin}: line {n}: entries are '<word or phrase> <category id> ...', got {line!r}"
                )
            for cid in ids:
                if cid not in categories:
                    raise LexiconError(
                        f"{origin}: line {n}: category id {cid} is not in the header (known: {', '.join(categories)})"
                    )
                entries.append(Entry(pattern, categories[cid], weight, path.name, "", n))
        return cls(entries, name=name or path.stem, version=version or _hash_text(text), origin=origin)

    # -- inspection -----------------------------------------------------

    @property
    def categories(self) -> list[str]:
        """Categories in order of first appearance."""
        return list(dict.fromkeys(e.category for e in self.entries))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon(name={self.name!r}, version={self.version!r}, entries={len(self.entries)})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Lexicon) and (self.name, self.version, self.entries) == (
            other.name, other.version, other.entries
        )

    def __hash__(self) -> int:
        return hash((self.name, self.version))

    def to_frame(self):
        """The entries as a DataFrame (``pattern, category, weight, source, note, line``)."""
        import pandas as pd

        return pd.DataFrame(
            [(e.pattern, e.category, e.weight, e.source, e.note, e.line) for e in self.entries],
            columns=["pattern", "category", "weight", "source", "note", "line"],
        )

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Matches of this lexicon in ``text`` as ``(start, end, entry)``, for quick checks."""
        from .text.segment import segment

        doc = segment(text)
        return [(doc.tok_start[h.first], doc.tok_end[h.last - 1], h.entry) for h in Matcher([self]).match(doc)]


# ---------------------------------------------------------------------------
# Patterns


def parse_pattern(pattern: str, *, where: str = "pattern") -> list[tuple[tuple[str, bool], ...]]:
    """Alternatives of ``pattern``, each a tuple of ``(token, is_wildcard)`` elements."""
    out = []
    for alt in pattern.lower().split("|"):
        alt = alt.strip()
        if not alt:
            raise LexiconError(f"{where}: pattern {pattern!r} has an empty alternative between '|'")
        if re.search(r"\*(?=\S)", alt) or alt.startswith("*"):
            raise LexiconError(
                f"{where}: pattern {pattern!r}: '*' may only end a word (write e.g. 'infest*')"
            )
        toks = _TOKEN.findall(alt)
        elements = []
        for tok in toks:
            wild = tok.endswith("*") and len(tok) > 1
            if tok == "*" or "*" in tok[:-1]:
                raise LexiconError(
                    f"{where}: pattern {pattern!r}: '*' may only end a word (write e.g. 'infest*')"
                )
            elements.append((tok[:-1] if wild else tok, wild))
        if "".join(t for t, _ in elements).replace(" ", "") != alt.replace(" ", "").replace("*", ""):
            raise LexiconError(f"{where}: pattern {pattern!r} could not be split into words")  # pragma: no cover
        out.append(tuple(elements))
    return out


def _apostrophe_variants(elements: tuple[tuple[str, bool], ...]) -> list[tuple[tuple[str, bool], ...]]:
    if not any("'" in t or "’" in t for t, _ in elements):
        return [elements]
    a = tuple((t.replace("’", "'"), w) for t, w in elements)
    b = tuple((t.replace("'", "’"), w) for t, w in elements)
    return [a, b]


def _possessive_forms(form: str) -> tuple[str, ...]:
    """``form`` and the tokens that :func:`_strip_possessive` maps to it."""
    out = (form, form + "'s", form + "’s")
    return out + (form + "'", form + "’") if form.endswith("s") else out


def _strip_possessive(tok: str) -> str | None:
    if len(tok) > 3 and tok[-2] in _APOSTROPHES and tok[-1] == "s":
        return tok[:-2]
    if len(tok) > 2 and tok[-1] in _APOSTROPHES and tok[-2] == "s":
        return tok[:-1]
    return None


# ---------------------------------------------------------------------------
# Matching


class Hit(NamedTuple):
    """A match: tokens ``first`` to ``last`` (exclusive) of a document, from lexicon ``lexicon``.

    A named tuple (immutable, and about twice as cheap to create as a frozen dataclass: a
    dense article makes dozens of hits)."""

    lexicon: int  # index into Matcher.lexicons
    first: int
    last: int
    entry: Entry


class Matcher:
    """Compiled matcher over one or more lexicons (compile once, match many documents).

    ``match(doc)`` returns :class:`Hit` objects in document order. For each lexicon
    separately: at a position, the longest phrase wins (exact forms beat wildcards, and
    a longer wildcard prefix beats a shorter one); matches do not overlap; a phrase never
    crosses a sentence boundary.
    """

    def __init__(self, lexicons: Sequence[Lexicon], *, shared: bool = False):
        self.lexicons = list(lexicons)
        # shared=True: per-word codes from SHARED_CODES (one pass per document for all the
        # layers that share it), registered on first use; else a memo of its own
        self.shared = shared
        self._shared_table: bytes | None = None
        self._exact: dict[str, dict[int, Entry]] = {}
        self._prefix: dict[str, dict[int, Entry]] = {}
        self._first_exact: dict[str, list] = {}
        self._first_prefix: dict[str, list] = {}
        for li, lex in enumerate(self.lexicons):
            for entry in lex.entries:
                for alt in parse_pattern(entry.pattern, where=f"{lex.origin}: line {entry.line}"):
                    for elements in _apostrophe_variants(alt):
                        self._add(li, entry, elements)
        self._prefix_lengths = sorted({len(p) for p in self._prefix} | {len(p) for p in self._first_prefix}, reverse=True)
        # every token that can be the second word of a phrase with a fixed second word (a
        # superset of any one first word's set: the exact test follows in candidates())
        self._second_words = frozenset(
            f for table in (self._first_exact, self._first_prefix) for phrases in table.values()
            for _, _, rest, _ in phrases if not rest[0][1] for f in _possessive_forms(rest[0][0])
        )
        # the forms and prefixes any entry starts with: a token that is none of them (nor
        # its possessive base) starts nothing, known without building a lookup result
        self._keys = frozenset(self._exact).union(self._first_exact)
        self._prefix_keys = tuple(sorted(set(self._prefix).union(self._first_prefix)))  # for str.startswith
        self.clear_memo()

    def _add(self, li: int, entry: Entry, elements) -> None:
        (first, wild), rest = elements[0], elements[1:]
        if not rest:
            table = self._prefix if wild else self._exact
            table.setdefault(first, {}).setdefault(li, entry)  # the first entry of a form wins
            return
        table = self._first_prefix if wild else self._first_exact
        table.setdefault(first, []).append((len(elements), li, rest, entry))

    def __getstate__(self):
        state = self.__dict__.copy()
        for name in ("_memo", "_starts", "_codes"):
            del state[name]
        state["_shared_table"] = None  # registered again in the process that unpickles it
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.clear_memo()

    def clear_memo(self) -> None:
        """Start the per-token memo afresh (also used by benchmarks to time a cold start).

        ``_memo``: token -> what :meth:`_lookup` says; ``_starts``: token -> None (an entry
        may start at it) or the frozenset of second tokens that make it a candidate (it only
        starts phrases with a fixed second word); ``_codes``: token -> its code (see
        :meth:`_first_seen`), filling all three the first time a token is seen. Keyed by
        single tokens (real text is Zipfian) and bounded by ``_MEMO_LIMIT``."""
        self._memo: dict[str, tuple | None] = {}
        self._starts: dict[str, frozenset | None] = {}
        self._codes = _TokenCodes(self._first_seen)
        if self.__dict__.get("_shared_table"):
            SHARED_CODES.clear()  # its codes say what this memo knew

    def _first_seen(self, tok: str) -> int:
        """The token's code: bit 0 an entry may start at it whatever follows, bit 1 it only
        starts phrases with a fixed second word, bit 2 it is such a second word (of any
        first word)."""
        second = 4 if tok in self._second_words else 0
        if tok not in self._keys:  # fast path for the usual new word: exactly what _lookup finds
            base = _strip_possessive(tok) if tok[-1:] in _POSSESSIVE_END else None
            prefixes = self._prefix_keys
            if (base is None or base not in self._keys) and not (
                    tok.startswith(prefixes) or base is not None and base.startswith(prefixes)):
                self._memo[tok] = None
                return second
        info = self._memo[tok] = self._lookup(tok)
        if info is None:
            return second
        self._starts[tok] = info[0]
        return (1 if info[0] is None else 2) | second

    def _lookup(self, tok: str) -> tuple | None:
        """Per lexicon: (lexicon index, single-token entry or None, phrases longest first)."""
        singles: dict[int, Entry] = {}
        phrases: list = []
        forms = [tok]
        base = _strip_possessive(tok)
        if base:
            forms.append(base)
        for form in forms:
            for li, e in self._exact.get(form, {}).items():
                singles.setdefault(li, e)
            phrases.extend(self._first_exact.get(form, ()))
            for n in self._prefix_lengths:
                if n <= len(form):
                    p = form[:n]
                    for li, e in self._prefix.get(p, {}).items():
                        singles.setdefault(li, e)
                    phrases.extend(self._first_prefix.get(p, ()))
        if not singles and not phrases:
            return None
        out = []
        for li in sorted(set(singles) | {p[1] for p in phrases}):
            mine = sorted((p for p in phrases if p[1] == li), key=lambda p: -p[0])
            # phrases indexed by their second token, so that a frequent first token
            # ("in", "of", "the") costs one dictionary lookup, not a scan of its phrases
            by_second: dict[str, list] = {}
            other = []
            for n, _, rest, e in mine:
                form, wild = rest[0]
                if wild:
                    other.append((n, rest, e))
                else:  # the second word is the key: only the words after it are left to check
                    by_second.setdefault(form, []).append((n, rest[1:], e))
            out.append((li, singles.get(li), {k: tuple(v) for k, v in by_second.items()}, tuple(other)))
        # fast path for tokens that only start phrases with a fixed second word ("the",
        # "in", "of"): the set of possible second words, checked before anything else
        seconds = None
        if not singles and all(not other for _, _, _, other in out):
            seconds = set()
            for _, _, by_second, _ in out:
                for form in by_second:
                    seconds.update(_possessive_forms(form))
            seconds = frozenset(seconds)
        return seconds, tuple(out)

    def candidates(self, tok_lower: list[str]) -> list[int]:
        """Indices of tokens where some entry may start (C-speed filter).

        One C-speed pass finds the tokens that start an entry; a token that only starts
        phrases with a fixed second word ("the", "in") stays a candidate only when the next
        token is one of those words (the same test the phrase search would fail on)."""
        if len(self._memo) > _MEMO_LIMIT:  # bounded: one document may add its new tokens
            self.clear_memo()
        table = self._shared_table
        if table is None and self.shared:  # b"": its bits did not fit, its own memo is used
            table = self._shared_table = SHARED_CODES.register(self._first_seen, self.clear_memo, 3) or b""
        if table:  # the pass shared with the other layers, this matcher's bits
            codes = SHARED_CODES.codes(tok_lower).translate(table)
        else:
            codes = bytes(map(self._codes.__getitem__, tok_lower))  # one C-speed pass, new tokens looked up
        # C-speed prefilter (integer bit operations, one byte per token): a token that only
        # starts phrases with a fixed second word ("the", "in": a quarter of all tokens) is
        # kept only when the next token is some phrase's second word; the exact test of
        # its own second words follows (the one the phrase search would fail on)
        cond = int.from_bytes(codes.translate(_COND_START), "little")
        if cond:
            keep = int.from_bytes(codes.translate(_START), "little") | (
                cond & (int.from_bytes(codes.translate(_SECOND), "little") >> 8))
            codes = keep.to_bytes(len(codes), "little")
        else:
            codes = codes.translate(_START)
        starts = self._starts
        return [i for i in compress(count(), codes)
                if (second := starts[tok_lower[i]]) is None or tok_lower[i + 1] in second]

    def match(self, doc) -> list[Hit]:
        """Matches in a :class:`framing.segment.Document`, in document order."""
        tok_lower = doc.tok_lower
        cand = self.candidates(tok_lower)
        if not cand:
            return []
        memo = self._memo
        tok_sent = doc.tok_sent
        sentences = doc.sentences
        next_free = [0] * len(self.lexicons)
        hits: list[Hit] = []
        append = hits.append
        new_hit = tuple.__new__  # Hit(...) without the Python-level __new__ of a named tuple
        n_tok = len(tok_lower)
        for i in cand:
            for li, single, by_second, other in memo[tok_lower[i]][1]:
                if i < next_free[li]:
                    continue
                if not (by_second or other) or i + 1 >= n_tok:  # a single word (most candidates)
                    if single is not None:
                        append(new_hit(Hit, (li, i, i + 1, single)))
                        next_free[li] = i + 1
                    continue
                n_best, best = (1, single) if single is not None else (0, None)
                nxt = tok_lower[i + 1]
                end = sentences[tok_sent[i]].tok_last
                # phrases whose second word is the next token: the words after it are checked
                for n, tail, entry in by_second.get(nxt, ()):
                    if n <= n_best:
                        break
                    if i + n <= end and (not tail or _rest_matches(tok_lower, i + 2, tail)):
                        n_best, best = n, entry
                        break
                # phrases with a wildcard second word: checked from the second word on
                for n, rest, entry in other:
                    if n <= n_best:
                        break
                    if i + n <= end and _rest_matches(tok_lower, i + 1, rest):
                        n_best, best = n, entry
                        break
                if nxt[-1:] in _POSSESSIVE_END:
                    base = _strip_possessive(nxt)
                    if base is not None:
                        # a two-word phrase may end in a possessive (a longer one may not
                        # continue after it)
                        for n, tail, entry in by_second.get(base, ()):
                            if n <= n_best:
                                break
                            if not tail and i + n <= end:
                                n_best, best = n, entry
                                break
                if best is not None:
                    append(new_hit(Hit, (li, i, i + n_best, best)))
                    next_free[li] = i + n_best
        return hits


class SharedTokenCodes:
    """One per-word memo and one pass over a document's tokens for the per-word codes of
    several layers (the loaded-language and frame matchers, the attribution cue scan).

    Each layer registers a coder (word -> code of at most ``bits`` bits) and a function that
    clears its own per-word memo; :meth:`codes` gives one byte per token holding every
    coder's bits, and a coder takes its own with ``bytes.translate`` (the table
    :meth:`register` returns). The byte string of the last token list asked for is kept, so
    the next layer working on the same document (the same list object) gets it without a
    pass: work shared within one document, never across documents. The memo is keyed by
    single words (real text is Zipfian, so it holds the frequent forms whatever the corpus),
    bounded by ``_MEMO_LIMIT``; it is cleared with the coders' own memos, so a word in it is
    always in theirs. Eight bits: a coder that does not fit keeps its own memo.
    """

    def __init__(self) -> None:
        self._coders: list[tuple[int, object]] = []  # (shift, coder)
        self._clears: list = []
        self._used = 0
        self._memo = _TokenCodes(self._first_seen)
        self._last: tuple[list | None, bytes] = (None, b"")

    def register(self, coder, clear, bits: int) -> bytes | None:
        """Add a coder; returns its translate table (shared byte -> its code), or None
        when its bits do not fit."""
        if self._used + bits > 8:
            return None
        shift = self._used
        self._used += bits
        self._coders.append((shift, coder))
        self._clears.append(clear)
        self.clear()  # the codes known so far lack the new coder's bits
        mask = (1 << bits) - 1
        return bytes((b >> shift) & mask for b in range(256))

    def _first_seen(self, tok: str) -> int:
        code = 0
        for shift, coder in self._coders:
            code |= coder(tok) << shift
        return code

    def clear(self) -> None:
        """Forget every word (a coder whose own memo is cleared calls this)."""
        self._memo.clear()
        self._last = (None, b"")

    def codes(self, tok_lower: list[str]) -> bytes:
        """One byte per token of ``tok_lower`` (one C-speed pass of memo lookups; the
        previous answer when it is the same list object as last time)."""
        last, codes = self._last
        if tok_lower is last:
            return codes
        if len(self._memo) > _MEMO_LIMIT:  # bounded: the coders' memos go with it
            for clear in self._clears:
                clear()
            self.clear()
        codes = bytes(map(self._memo.__getitem__, tok_lower))
        self._last = (tok_lower, codes)
        return codes


#: token code bits of Matcher._first_seen as 0/1 bytes (for bytes.translate)
_START = bytes(b & 1 for b in range(256))
_COND_START = bytes((b >> 1) & 1 for b in range(256))
_SECOND = bytes((b >> 2) & 1 for b in range(256))


class _TokenCodes(dict):
    """A dict whose missing keys are filled by ``first_seen(key)`` (used by the matcher's
    per-token memo, so a document is one C-speed pass of lookups)."""

    __slots__ = ("first_seen",)

    def __init__(self, first_seen):
        super().__init__()
        self.first_seen = first_seen

    def __missing__(self, tok: str) -> int:
        code = self[tok] = self.first_seen(tok)
        return code


#: the per-word codes shared by the layers of one process (see SharedTokenCodes)
SHARED_CODES = SharedTokenCodes()


def _rest_matches(tok_lower: list[str], j: int, rest) -> bool:
    last = len(rest) - 1
    for k, (form, wild) in enumerate(rest):
        tok = tok_lower[j + k]
        if tok == form or (wild and tok.startswith(form)):
            continue
        if k == last:
            base = _strip_possessive(tok)
            if base is not None and (base == form or (wild and base.startswith(form))):
                continue
        return False
    return True


# ---------------------------------------------------------------------------
# Files, versions, bundled lexicons


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such lexicon file") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from None


def _hash_text(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _hash_entries(entries: Sequence[Entry]) -> str:
    return _hash_text("\n".join(f"{e.pattern}\t{e.category}\t{e.weight}" for e in entries))


_CACHE: dict[str, Lexicon] = {}


def load_lexicon(name: str) -> Lexicon:
    """A bundled lexicon by short name (``"loaded"``, ``"epistemic"``), file name or manifest name.

    The loaded-language lexicon (categories emotive, pejorative_label, dehumanizing,
    metaphor, militarized, hyperbole, moral) follows the definition of loaded language in
    Da San Martino et al. (2020) and the framing-bias cues of Recasens et al. (2013); the
    epistemic lexicon (hedge, booster, factive, assertive) follows Hyland (2005) and
    Recasens et al. (2013). Both are written by the framing project; see docs/measures.md.
    """
    cached = _CACHE.get(BUILTIN.get(name, name))
    if cached is not None:
        return cached
    from .lexicons import manifest, read_rows

    files = dict(BUILTIN)
    by_name = {row["name"]: f for f, row in manifest().items() if f in files.values()}
    filename = files.get(name) or (name if name in files.values() else None) or by_name.get(name)
    if filename is None:
        valid = sorted(set(files) | set(by_name))
        raise LexiconError(f"unknown lexicon {name!r}; bundled lexicons are: {', '.join(valid)}")
    if filename not in _CACHE:
        row = manifest().get(filename)
        if row is None:
            raise LexiconError(f"framing/lexicons/{filename}: not listed in manifest.csv; add a row for it")
        rows = read_rows(filename, ("pattern", "category", "weight", "source", "note"))
        _CACHE[filename] = Lexicon.from_rows(
            rows, name=row["name"], version=row["version"], origin=f"framing/lexicons/{filename}",
            citation=row.get("citation", ""), weights=(0, 3),
        )
    return _CACHE[filename]


def lexicon_versions() -> dict[str, str]:
    """``file -> version`` of every bundled lexicon file (from ``manifest.csv``)."""
    from .lexicons import manifest

    return {f: row["version"] for f, row in manifest().items()}
