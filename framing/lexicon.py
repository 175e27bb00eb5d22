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
tokens are one dictionary lookup, phrases are indexed by their first and second tokens,
and what may start at each distinct token form is looked up only once per process (a
memo, read with :func:`memo_lookup`), so a document costs one C-speed pass of lookups
plus work at the few candidate positions. At each position the longest phrase of a
lexicon wins, and a lexicon's matches never overlap each other.

Caching, in this module and the layers built on it: objects compiled from hashable
arguments (bundled lexicons, matchers, plans) come from ``functools.lru_cache``; per-token
facts live in a plain dict keyed by the token form, read with :func:`memo_lookup`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, filterfalse
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
        cls,
        rows: Iterable[dict],
        *,
        name: str,
        version: str = "",
        origin: str = "",
        citation: str = "",
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
                Entry(
                    pattern, category, weight, (row.get("source") or "").strip(), (row.get("note") or "").strip(), line
                )
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
        return cls.from_rows(rows, name=name or path.stem, version=version or _hash_text(text), origin=str(path))

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
                raise LexiconError(
                    f"{origin}: line {n}: category lines are '<number> <name>', got {line!r} "
                    "(is the second '%' line missing?)"
                )
            if parts[0] in categories:
                raise LexiconError(f"{origin}: line {n}: category id {parts[0]} is defined twice")
            categories[parts[0]] = parts[1].strip()
            k += 1
        if k >= len(body):
            raise LexiconError(f"{origin}: the category list is not closed by a second '%' line")
        entries = []
        for n, line in body[k + 1 :]:
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
            other.name,
            other.version,
            other.entries,
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
            raise LexiconError(f"{where}: pattern {pattern!r}: '*' may only end a word (write e.g. 'infest*')")
        toks = _TOKEN.findall(alt)
        elements = []
        for tok in toks:
            wild = tok.endswith("*") and len(tok) > 1
            if tok == "*" or "*" in tok[:-1]:
                raise LexiconError(f"{where}: pattern {pattern!r}: '*' may only end a word (write e.g. 'infest*')")
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
    """A match: tokens ``first`` to ``last`` (exclusive) of a document, from lexicon ``lexicon``."""

    lexicon: int  # index into Matcher.lexicons
    first: int
    last: int
    entry: Entry


class _Indexed(NamedTuple):
    """A phrase in the matcher's index of first words."""

    length: int  # tokens
    lexicon: int
    rest: tuple[tuple[str, bool], ...]  # (form, is_wildcard) of the words after the first
    entry: Entry


class _Phrase(NamedTuple):
    """A phrase that may start at a token, with the words still to check after it."""

    length: int  # tokens
    words: tuple[tuple[str, bool], ...]  # (form, is_wildcard) of the words to check
    entry: Entry


class _LexiconStart(NamedTuple):
    """What of one lexicon may start at a token form (phrases longest first)."""

    lexicon: int
    single: Entry | None  # the one-token entry of the form
    by_second: dict[str, tuple[_Phrase, ...]]  # phrases by their fixed second word; words: those after it
    other: tuple[_Phrase, ...]  # phrases with a wildcard second word; words: from the second on


class _Start(NamedTuple):
    """What may start at a token form (one lookup per form and process, see Matcher._starts)."""

    #: None: an entry may start at the token whatever follows it; else the token only starts
    #: phrases with a fixed second word ("the", "in", "of"), and these are the words (and
    #: their possessives) that may follow for one of them to match
    next_words: frozenset[str] | None
    lexicons: tuple[_LexiconStart, ...]


def memo_lookup(memo: dict, keys: Sequence, compute) -> list:
    """``[memo[key] for key in keys]``, where a key not in ``memo`` yet is first stored as
    ``compute(key)``.

    The one memo idiom of the lexicon engine and the layers built on it (the per-token
    memos of :class:`Matcher`, :class:`framing.layers.frames.FrameCues` and the attribution
    layer): a plain dict keyed by single token forms, read with one C-speed pass of lookups
    per document. Real text is Zipfian, so the memo soon holds the frequent forms whatever
    the corpus; it is bounded by ``_MEMO_LIMIT`` (see :func:`fill_memo`).
    """
    try:
        return list(map(memo.__getitem__, keys))  # one pass when every form is known
    except KeyError:  # a form not seen before: store the new ones, then read again
        fill_memo(memo, keys, compute)
        return list(map(memo.__getitem__, keys))


def fill_memo(memo: dict, keys: Iterable, compute) -> None:
    """Store ``memo[key] = compute(key)`` for every key of ``keys`` not in ``memo`` yet; a
    memo of more than ``_MEMO_LIMIT`` keys is emptied first."""
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    for key in filterfalse(memo.__contains__, keys):  # a key seen twice is known the second time
        memo[key] = compute(key)


class Matcher:
    """Compiled matcher over one or more lexicons (compile once, match many documents).

    ``match(doc)`` returns :class:`Hit` objects in document order. For each lexicon
    separately: at a position, the longest phrase wins (exact forms beat wildcards, and
    a longer wildcard prefix beats a shorter one); matches do not overlap; a phrase never
    crosses a sentence boundary.

    Only tokens where an entry can start are visited: what starts at a token form is
    looked up once per process (:meth:`_start_at`, memoised in ``_starts``), and a token
    that only starts phrases with a fixed second word ("the" of "the fact that") is a
    candidate only when one of those words follows it.
    """

    def __init__(self, lexicons: Sequence[Lexicon]):
        self.lexicons = list(lexicons)
        self._exact: dict[str, dict[int, Entry]] = {}
        self._prefix: dict[str, dict[int, Entry]] = {}
        self._first_exact: dict[str, list[_Indexed]] = {}
        self._first_prefix: dict[str, list[_Indexed]] = {}
        for li, lex in enumerate(self.lexicons):
            for entry in lex.entries:
                for alt in parse_pattern(entry.pattern, where=f"{lex.origin}: line {entry.line}"):
                    for elements in _apostrophe_variants(alt):
                        self._add(li, entry, elements)
        self._prefix_lengths = sorted(
            {len(p) for p in self._prefix} | {len(p) for p in self._first_prefix}, reverse=True
        )
        # the forms and prefixes any entry starts with: a token that is none of them (nor
        # its possessive base) starts nothing, known without a full lookup
        self._keys = frozenset(self._exact).union(self._first_exact)
        self._prefix_keys = tuple(sorted(set(self._prefix).union(self._first_prefix)))  # for str.startswith
        self._starts: dict[str, _Start | None] = {}

    def _add(self, li: int, entry: Entry, elements) -> None:
        (first, wild), rest = elements[0], elements[1:]
        if not rest:
            table = self._prefix if wild else self._exact
            table.setdefault(first, {}).setdefault(li, entry)  # the first entry of a form wins
            return
        table = self._first_prefix if wild else self._first_exact
        table.setdefault(first, []).append(_Indexed(len(elements), li, rest, entry))

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_starts"] = {}  # a memo: rebuilt in the process that unpickles it
        return state

    def clear_memo(self) -> None:
        """Forget what starts at each token form (benchmarks use it to time a cold start)."""
        self._starts.clear()

    # -- what starts at a token form ---------------------------------------

    def _start_at(self, tok: str) -> _Start | None:
        """What may start at ``tok``: :meth:`_lookup`, without it for the usual new word
        that is neither an entry's first form nor starts with an entry's prefix."""
        if tok not in self._keys:
            base = _strip_possessive(tok) if tok[-1:] in _POSSESSIVE_END else None
            prefixes = self._prefix_keys
            if (base is None or base not in self._keys) and not (
                tok.startswith(prefixes) or base is not None and base.startswith(prefixes)
            ):
                return None
        return self._lookup(tok)

    def _lookup(self, tok: str) -> _Start | None:
        """What may start at ``tok`` (or at its possessive base), per lexicon."""
        singles: dict[int, Entry] = {}
        phrases: list[_Indexed] = []
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
        per_lexicon = tuple(
            _lexicon_start(li, singles.get(li), [p for p in phrases if p.lexicon == li])
            for li in sorted(set(singles) | {p.lexicon for p in phrases})
        )
        next_words = None
        if not singles and not any(start.other for start in per_lexicon):
            next_words = frozenset(
                f for start in per_lexicon for form in start.by_second for f in _possessive_forms(form)
            )
        return _Start(next_words, per_lexicon)

    # -- matching -----------------------------------------------------------

    def candidates(self, tok_lower: list[str]) -> list[int]:
        """Indices of the tokens where some entry may start."""
        starts = memo_lookup(self._starts, tok_lower, self._start_at)  # per token: a _Start or None
        last = len(tok_lower) - 1
        return [
            i
            for i in compress(count(), starts)
            if (need := starts[i].next_words) is None or (i < last and tok_lower[i + 1] in need)
        ]

    def match(self, doc) -> list[Hit]:
        """Matches in a :class:`framing.text.segment.Document`, in document order."""
        sentences, tok_sent = doc.sentences, doc.tok_sent
        return self._match(doc.tok_lower, lambda i: sentences[tok_sent[i]].tok_last)

    def match_words(self, words: list[str]) -> list[Hit]:
        """Matches in a list of lower-cased words read as one sentence (for example the
        parts of a hyphenated word), in order."""
        return self._match(words, lambda i: len(words))

    def _match(self, tok_lower: list[str], sentence_end) -> list[Hit]:
        """Matches in ``tok_lower``; ``sentence_end(i)``: the end (exclusive) of the
        sentence of token ``i``, which no phrase crosses."""
        starts = self._starts
        next_free = [0] * len(self.lexicons)  # per lexicon: the first token not yet matched
        hits: list[Hit] = []
        for i in self.candidates(tok_lower):
            for start in starts[tok_lower[i]].lexicons:
                li, single, by_second, other = start
                if i < next_free[li]:
                    continue
                if by_second or other:
                    n, entry = _longest_phrase(start, tok_lower, i, sentence_end(i))
                else:  # a single word (most candidates)
                    n, entry = 1, single
                if entry is not None:
                    hits.append(Hit(li, i, i + n, entry))
                    next_free[li] = i + n
        return hits


def _lexicon_start(li: int, single: Entry | None, phrases: list[_Indexed]) -> _LexiconStart:
    """The phrases of one lexicon at a token form, longest first, indexed by their second
    word, so that a frequent first word ("in", "of", "the") costs one dictionary lookup
    rather than a scan of its phrases."""
    by_second: dict[str, list[_Phrase]] = {}
    other: list[_Phrase] = []
    for p in sorted(phrases, key=lambda p: -p.length):
        form, wild = p.rest[0]
        if wild:
            other.append(_Phrase(p.length, p.rest, p.entry))
        else:  # the second word is the key: only the words after it are left to check
            by_second.setdefault(form, []).append(_Phrase(p.length, p.rest[1:], p.entry))
    return _LexiconStart(li, single, {k: tuple(v) for k, v in by_second.items()}, tuple(other))


def _longest_phrase(start: _LexiconStart, tok_lower: list[str], i: int, end: int) -> tuple[int, Entry | None]:
    """``(length, entry)`` of the longest entry of ``start`` at token ``i`` that ends by
    token ``end`` (exclusive; the sentence end); ``(0, None)`` if none matches."""
    _, single, by_second, other = start
    n_best, best = (1, single) if single is not None else (0, None)
    if i + 1 >= len(tok_lower):
        return n_best, best
    nxt = tok_lower[i + 1]
    # phrases whose second word is the next token: the words after it are checked
    for n, words, entry in by_second.get(nxt, ()):
        if n <= n_best:
            break
        if i + n <= end and (not words or _rest_matches(tok_lower, i + 2, words)):
            n_best, best = n, entry
            break
    # phrases with a wildcard second word: checked from the second word on
    for n, words, entry in other:
        if n <= n_best:
            break
        if i + n <= end and _rest_matches(tok_lower, i + 1, words):
            n_best, best = n, entry
            break
    # a two-word phrase may end in a possessive (a longer one may not continue after it)
    base = _strip_possessive(nxt) if nxt[-1:] in _POSSESSIVE_END else None
    if base is not None:
        for n, words, entry in by_second.get(base, ()):
            if n <= n_best:
                break
            if not words and i + n <= end:
                n_best, best = n, entry
                break
    return n_best, best


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


def load_lexicon(name: str) -> Lexicon:
    """A bundled lexicon by short name (``"loaded"``, ``"epistemic"``), file name or manifest name.

    The loaded-language lexicon (categories emotive, pejorative_label, dehumanizing,
    metaphor, militarized, hyperbole, moral) follows the definition of loaded language in
    Da San Martino et al. (2020) and the framing-bias cues of Recasens et al. (2013); the
    epistemic lexicon (hedge, booster, factive, assertive) follows Hyland (2005) and
    Recasens et al. (2013). Both are written by the framing project; see docs/measures.md.
    """
    return _bundled_lexicon(BUILTIN.get(name, name))


@lru_cache(maxsize=None)
def _bundled_lexicon(name: str) -> Lexicon:
    """The bundled lexicon of a file name or manifest name, read once per process."""
    from .lexicons import manifest, read_rows

    files = dict(BUILTIN)
    by_name = {row["name"]: f for f, row in manifest().items() if f in files.values()}
    filename = name if name in files.values() else by_name.get(name)
    if filename is None:
        valid = sorted(set(files) | set(by_name))
        raise LexiconError(f"unknown lexicon {name!r}; bundled lexicons are: {', '.join(valid)}")
    if filename != name:  # a manifest name: the same object as by file name
        return _bundled_lexicon(filename)
    row = manifest().get(filename)
    if row is None:
        raise LexiconError(f"framing/lexicons/{filename}: not listed in manifest.csv; add a row for it")
    rows = read_rows(filename, ("pattern", "category", "weight", "source", "note"))
    return Lexicon.from_rows(
        rows,
        name=row["name"],
        version=row["version"],
        origin=f"framing/lexicons/{filename}",
        citation=row.get("citation", ""),
        weights=(0, 3),
    )


def lexicon_versions() -> dict[str, str]:
    """``file -> version`` of every bundled lexicon file (from ``manifest.csv``)."""
    from .lexicons import manifest

    return {f: row["version"] for f, row in manifest().items()}
