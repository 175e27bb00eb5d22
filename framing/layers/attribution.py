"""Attribution: who speaks, with which cue, and what is attributed to them (PARC scheme).

An *attribution relation* (Pareti 2016, PARC 3.0) links a **source** (who), a **cue**
(the reporting verb or phrase: *said*, *according to*, a colon) and a **content** (what is
attributed). Direct quotations are only a third to a half of attributions in news (Pareti
et al. 2013), so the extractor covers indirect speech and reports by documents as well.

The extractor is rule-based and offline. It works on the token arrays of a segmented
:class:`~framing.segment.Document` and the quotations of :mod:`framing.quotes`, with two
data files: ``framing/lexicons/reporting_verbs.csv`` (every inflected form of a reporting
verb with its ``verb_class``) and ``framing/lexicons/attribution_sources.csv`` (source heads:
roles, organisations, documents, anonymous sources; anonymity markers; the small closed-class
word lists the rules use). It looks only at cue positions, so a document costs one pass of
dictionary lookups over its tokens plus a little work per cue.

Arrangements (``rule`` of the spans, ``arrangement`` of the attribution rows):

- ``source-cue-content``: *X said (that) ...*, *X told reporters ...*, *X said: "..."*,
  *the memo detailed ...*, *X warned/argued/claimed that ...*;
- ``content-source-cue``: *"...," X said.* and *..., X said.* at the end of a sentence,
  *..., as the Daily Mail reports.*; with *"A," X said, "B."* (split quotation) and
  *The plan, officials said, would ...* (parenthetical) the content has two parts;
- ``content-cue-source``: *"...," said X, a spokesman for Y.*;
- ``according-to``: *according to X, ...* / *..., according to X.* / *..., as reported by X.*;
- ``participle``: *..., saying "..."*, *Emphasizing that ..., Homan ...*: the subject of
  the clause is the source;
- ``coordination``: *He recognized ... but underscored that ...*;
- ``colon``: *Homan: "This is not a game."*;
- ``noun``: *the senator's claim that ...*, *Trump's repeated warnings that ...* (a noun cue
  after a possessive source; see :func:`_noun`);
- ``passive``: *He was told by officials that ...* (the source after *by*);
- ``impersonal`` and ``raising``: *It was reported that ...*, *The minister is said to be
  furious*: relations without a source (``source_type`` ``unattributed``; see :func:`_passive`);
- a quotation that opens the next sentence of the same paragraph and has no cue of its
  own continues the quotation before it (*"A," X said. "B."*); a multi-paragraph
  quotation (an opening mark at each paragraph) is one quotation (:mod:`framing.quotes`).

Sources are typed ``person`` (a name), ``role`` (a spokesperson, the border czar,
officials), ``organization`` (ICE, the White House, the Los Angeles Times), ``anonymous`` (a
source, people familiar with the matter, an official who spoke on condition of anonymity),
``document`` (the memo, a report), ``unattributed``
(no source: it is believed that ...) or ``pronoun`` (he, she, they; resolved to the most recent
named person speaker when that is safe: within three sentences and no other person speaker
in between). Mentions of one speaker share a ``speaker`` key: a person's name without titles
(*President Donald Trump* -> *Donald Trump*), a surname alone joins the full name
(*Homan* -> *Tom Homan*), a role given as an appositive of a name joins that name.

References: Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC 2016.
Pareti, S., O'Keefe, T., Konstas, I., Curran, J. R., & Koprinska, I. (2013). Automatically
detecting and attributing indirect quotations. EMNLP 2013. Bergler, S. (1992). Evidential
analysis of reported speech. Thompson, G., & Ye, Y. (1991). Evaluation in the reporting
verbs used in academic papers. Applied Linguistics 12(4). Caldas-Coulthard, C. R. (1994).
On reporting reporting. In Advances in written text analysis.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple

from ..errors import LexiconError
from ..lexicon import memo_lookup
from ..text.segment import Document
from .base import SPAN_COLUMNS, Annotator, DocResult, Measure, SpanLayer, attribution_share, token_share

__all__ = [
    "AttributionAnnotator",
    "Attribution",
    "extract_attributions",
    "speakers",
    "SOURCE_TYPES",
    "VERB_CLASSES",
]

log = logging.getLogger(__name__)

SOURCE_TYPES = ("person", "role", "organization", "anonymous", "document", "pronoun", "unattributed")
VERB_CLASSES = ("neutral", "endorsing", "distancing", "emotive", "directive", "cognitive", "intention", "feeling")
#: verb classes that report a state of mind or a stance rather than words (see _drop_nested_states)
_STATE_CLASSES = frozenset(("cognitive", "intention", "feeling", "directive", "endorsing"))
_CUE_TYPES = ("verb", "phrase_verb", "preposition", "colon", "modifier", "noun", "adverb")
_TERM_KINDS = (
    "role",
    "title",
    "organization",
    "document",
    "anonymous",
    "anonymity_marker",
    "pronoun",
    "determiner",
    "auxiliary",
    "be",
    "clause",
    "time",
    "link",
    "addressee",
    "complementizer",
    "not_adverb",
    "impersonal",
    "raising",
    "agent",
)

_OPEN_MARKS = frozenset("\"“„«‘'")
_CLOSE_MARKS = frozenset("\"”»’'")
_QUOTE_MARKS = _OPEN_MARKS | _CLOSE_MARKS
_MARKUP = frozenset("*_")
_SENT_END = frozenset(".!?")
_HARD = frozenset(".;:()[]{}!?")
_PARTICIPLE_LINKS = frozenset(("familiar", "close", "knowledgeable", "briefed"))
#: words that join the parts of a capitalised name in np_left (Department of Justice, Procter & Gamble)
_NP_LINKS = frozenset(("of", "and", "&", "for", "de", "del", "la", "von", "van", "bin", "al"))
#: a pronoun may be resolved to a person named at most this many sentences earlier
PRONOUN_WINDOW = 3
_MAX_NP = 9
#: the rules read at most this many tokens either side of a cue: a longer run without a sentence
#: end is no sentence of news prose (a list, a table, text without punctuation), and the bound
#: keeps every content span, and so time and memory, linear in the length of the text
CUE_WINDOW = 150


# ---------------------------------------------------------------------------
# Lexicons


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: tuple[str, ...]
    lemma: str
    verb_class: str
    cue_type: str
    frame: str
    strict: bool
    state: bool = False  # verb_class in _STATE_CLASSES: a state of mind or stance (see _drop_nested_states)


@dataclass(frozen=True)
class _Lex:
    cues: dict  # first token -> list of _Cue, longest first
    cue_starts: dict  # first token -> None (a one-word cue) or the second tokens of its cues
    nouns: dict  # noun cue (claim, warning) -> its _Cue; kept apart from ``cues`` (see _noun)
    modifiers: dict  # first token -> list of token tuples, longest first
    kinds: dict  # single word -> frozenset of kinds
    phrases: dict  # kind -> tuple of multi-word token tuples
    role: frozenset
    title: frozenset
    org: frozenset
    doc: frozenset
    anon: frozenset
    anon_words: frozenset
    anon_phrases: dict  # first token -> multi-word anonymity markers
    anon_marker_words: dict  # word -> (multi-word anonymity marker, the word's place in it) (_in_anonymity_marker)
    pronoun: frozenset
    det: frozenset
    aux: frozenset
    be: frozenset
    clause: frozenset
    time: frozenset
    time_noun: frozenset
    link: frozenset
    addressee: frozenset
    verb_forms: frozenset
    heads: frozenset
    not_adverb: frozenset
    impersonal: frozenset  # participles of "it was reported that ..." (no source)
    raising: frozenset  # participles of "the minister is said to ..." (no source)
    agent: frozenset  # participles of "he was told by officials that ..." (the source after by)
    passive: frozenset  # impersonal | raising | agent: the participles _passive reads
    # unions of the sets above that the noun-phrase scanners test together (one lookup, same answer)
    np_not_head: frozenset  # clause | aux | be | link | det: cannot end a noun phrase
    np_cap_stop: frozenset  # clause | aux | pronoun | (time_noun - heads): a capitalised word that ends a phrase
    np_stop: frozenset  # clause | link | aux | be | pronoun | time | (verb_forms - heads) | {"to"}
    np_right_cap_stop: frozenset  # clause | aux | be | (time_noun - heads)
    np_left_special: frozenset  # _MARKUP | det | "." | _NP_LINKS | ’ ': the words np_left has a rule for
    # the early rejection of _no_relation (see there): first words of cues and word sets
    verb_only: dict  # first word -> True (every cue a strict verb cue) / False (every cue a verb cue)
    prev_reject: frozenset  # a word before the cue that makes _source_left reject at once
    prev_no_np: frozenset  # a word before the cue that no source noun phrase can end with
    prev_not_plain: frozenset  # words a plain (non-source) word before the cue must not be
    prev_walk: frozenset  # be | aux | time_noun: words the left walk of _source_left may step over
    verb_group: frozenset  # words of a verb group before a cue (see _widen_cue): aux, be, obligation


def _split(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.lower().replace("’", "'").split())


class _VerbRows(NamedTuple):
    """The entries of ``reporting_verbs.csv``, by what the rules look them up with."""

    cues: dict[str, list[_Cue]]  # first token -> cues, longest first
    nouns: dict[str, _Cue]  # noun cue (claim, warning) -> its entry
    modifiers: dict[str, list[tuple[str, ...]]]  # first token -> cue modifiers, longest first
    verb_forms: set[str]  # the one-word forms of the verb cues


def _read_reporting_verbs() -> _VerbRows:
    """``reporting_verbs.csv`` read and checked (a bad row raises LexiconError naming its line)."""
    from ..lexicons import read_rows

    cues: dict[str, list[_Cue]] = {}
    nouns: dict[str, _Cue] = {}
    modifiers: dict[str, list[tuple[str, ...]]] = {}
    verb_forms: set[str] = set()
    fname = "reporting_verbs.csv"
    for row in read_rows(fname, ("pattern", "lemma", "verb_class", "cue_type", "frame", "strict")):
        where = f"framing/lexicons/{fname}: line {row['_line']}"
        pat = _split(row["pattern"])
        if not pat:
            raise LexiconError(f"{where}: empty pattern; write the word form in lower case")
        ctype = row["cue_type"].strip()
        if ctype not in _CUE_TYPES:
            raise LexiconError(f"{where}: cue_type {ctype!r} is not one of {', '.join(_CUE_TYPES)}")
        if ctype == "modifier":
            modifiers.setdefault(pat[0], []).append(pat)
            continue
        cue = _cue_of_row(row, pat, ctype, where)
        if ctype == "noun":
            if len(pat) != 1 or pat[0] in nouns:
                raise LexiconError(f"{where}: a noun cue is one word, listed once")
            nouns[pat[0]] = cue
            continue
        cues.setdefault(pat[0], []).append(cue)
        if ctype == "verb":
            verb_forms.add(pat[0])
    for lst in cues.values():
        lst.sort(key=lambda c: -len(c.pattern))
    for lst in modifiers.values():
        lst.sort(key=lambda p: -len(p))
    return _VerbRows(cues, nouns, modifiers, verb_forms)


def _cue_of_row(row: dict, pat: tuple[str, ...], ctype: str, where: str) -> _Cue:
    """The cue of a row of ``reporting_verbs.csv`` (not a modifier), its fields checked."""
    vclass = row["verb_class"].strip()
    if vclass not in VERB_CLASSES:
        raise LexiconError(f"{where}: verb_class {vclass!r} is not one of {', '.join(VERB_CLASSES)}")
    frame = row["frame"].strip()
    if frame not in ("any", "clause"):
        raise LexiconError(f"{where}: frame {frame!r} must be 'any' or 'clause'")
    strict = row["strict"].strip()
    if strict not in ("0", "1"):
        raise LexiconError(f"{where}: strict {strict!r} must be 0 or 1")
    return _Cue(pat, row["lemma"].strip(), vclass, ctype, frame, strict == "1", vclass in _STATE_CLASSES)


def _read_source_terms() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, ...]]]]:
    """``attribution_sources.csv`` read and checked: (single word -> its kinds, kind -> its
    multi-word terms)."""
    from ..lexicons import read_rows

    kinds: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    fname = "attribution_sources.csv"
    for row in read_rows(fname, ("term", "kind")):
        kind = row["kind"].strip()
        if kind not in _TERM_KINDS:
            raise LexiconError(
                f"framing/lexicons/{fname}: line {row['_line']}: kind {kind!r} is not one of {', '.join(_TERM_KINDS)}"
            )
        words = _split(row["term"])
        if not words:
            raise LexiconError(f"framing/lexicons/{fname}: line {row['_line']}: empty term")
        if len(words) == 1:
            kinds.setdefault(words[0], set()).add(kind)
        else:
            phrases.setdefault(kind, []).append(words)
    return kinds, phrases


@lru_cache(maxsize=1)
def _lexicon() -> _Lex:
    cues, nouns, modifiers, verb_forms = _read_reporting_verbs()
    kinds, phrases = _read_source_terms()

    def words(kind: str) -> frozenset:
        return frozenset(w for w, ks in kinds.items() if kind in ks)

    time = words("time")
    role, org, doc, anon = words("role"), words("organization"), words("document"), words("anonymous")
    heads = role | org | doc | anon
    clause, aux, be, link, pronoun = words("clause"), words("auxiliary"), words("be"), words("link"), words("pronoun")
    det = words("determiner") - {"that"}
    time_noun = time - link - frozenset("last this next earlier later late early past".split())
    verb_forms = frozenset(verb_forms)

    return _Lex(
        cues=cues,
        cue_starts={
            **{
                w: None if any(len(c.pattern) == 1 for c in lst) else frozenset(c.pattern[1] for c in lst)
                for w, lst in cues.items()
            },
            **dict.fromkeys(nouns),  # a noun cue is one word
        },
        nouns=nouns,
        modifiers=modifiers,
        kinds={w: frozenset(k) for w, k in kinds.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        role=role,
        title=words("title"),
        org=org,
        doc=doc,
        anon=anon,
        anon_words=words("anonymity_marker"),
        anon_phrases=_by_first(phrases.get("anonymity_marker", ())),
        anon_marker_words=_by_word(phrases.get("anonymity_marker", ())),
        pronoun=pronoun,
        det=det,
        aux=aux,
        be=be,
        clause=clause,
        time=time,
        time_noun=time_noun,
        link=link,
        addressee=words("addressee"),
        verb_forms=verb_forms,
        heads=heads,
        not_adverb=words("not_adverb"),
        impersonal=words("impersonal"),
        raising=words("raising"),
        agent=words("agent"),
        passive=words("impersonal") | words("raising") | words("agent"),
        np_not_head=clause | aux | be | link | det,
        np_cap_stop=clause | aux | pronoun | (time_noun - heads),
        np_stop=clause | link | aux | be | pronoun | time | (verb_forms - heads) | {"to"},
        np_right_cap_stop=clause | aux | be | (time_noun - heads),
        np_left_special=_MARKUP | det | _NP_LINKS | {".", "’", "'"},
        verb_group=(aux - _NOT_IN_VERB_GROUP) | (be - {"'s", "’s"}) | _OBLIGATION,
        **_rejection_sets(
            cues,
            nouns,
            be=be,
            aux=aux,
            det=det,
            time_noun=time_noun,
            pronoun=pronoun,
            heads=heads,
            clause=clause,
            link=link,
        ),
    )


def _rejection_sets(cues: dict, nouns: dict, *, be, aux, det, time_noun, pronoun, heads, clause, link) -> dict:
    """The fields ``verb_only`` and ``prev_*`` of :class:`_Lex`: the word sets of the early
    rejection of :func:`_no_relation` (see there).

    The ``prev_*`` sets leave out, to stay simple and exact, every word the left walk of
    _source_left steps over or treats specially: be/aux/time words, -ly words, who, which,
    whom, to, and, but, 's."""
    special = {"to", "who", "which", "whom", "and", "but", "'s", "’s"}
    return dict(
        verb_only={
            w: all(c.strict for c in lst)
            for w, lst in cues.items()
            if not w.endswith("ing") and w not in nouns and all(c.cue_type in ("verb", "phrase_verb") for c in lst)
        },
        prev_reject=(be - {"'s", "’s"})
        | frozenset(
            w for w in det | {"to"} if w not in aux | time_noun | be | {"who", "which"} and not w.endswith("ly")
        ),
        prev_no_np=frozenset(
            w for w in clause | link if w not in pronoun | be | aux | time_noun | det | special and not w.endswith("ly")
        ),
        prev_not_plain=be | aux | time_noun | det | pronoun | heads | clause | link | special,
        prev_walk=be | aux | time_noun,
    )


def _by_word(patterns) -> dict:
    """word -> [(pattern, the word's place in it)] of multi-word patterns."""
    out: dict[str, list] = {}
    for p in patterns:
        for n, w in enumerate(p):
            out.setdefault(w, []).append((p, n))
    return out


def _by_first(patterns) -> dict:
    out: dict[str, list] = {}
    for p in patterns:
        out.setdefault(p[0], []).append(p)
    return out


def lexicon_versions() -> dict[str, str]:
    """Versions of the two attribution data files (recorded in every result)."""
    from ..lexicons import version_of

    return {f: version_of(f) for f in ("reporting_verbs.csv", "attribution_sources.csv")}


# ---------------------------------------------------------------------------
# The relation


@dataclass
class Attribution:
    """One attribution relation. Token indices are inclusive; ``content`` is a list of
    ``(start_char, end_char)`` parts (two parts for a split quotation)."""

    sent: int
    cue: tuple[int, int]
    cue_entry: _Cue
    source: tuple[int, int] | None
    source_type: str
    speaker: str
    content: list[tuple[int, int]]
    is_direct: bool
    arrangement: str
    main: tuple[int, int] | None = None  # the source noun phrase without post-modifiers
    name: str = ""  # a person's name inside the source (also from an appositive)
    role_alias: str = ""  # a role given in apposition to a name
    resolved_type: str = ""
    quotes: list = field(default_factory=list)
    src: object = None  # the parsed source (for a following participle or coordinated cue)
    group: int = 0  # verb-group tokens before the cue word in ``cue`` (has also said: 2; see _widen_cue)
    medium: int = 0  # tokens after the cue word(s) in ``cue`` (said in a statement: 3; see _medium_after)


@dataclass
class _Src:
    start: int
    end: int
    main_start: int
    main_end: int  # head of the main noun phrase
    appos: tuple[int, int] | None = None
    anon_hint: bool = False


class _Doc:
    """Per-document working state: the token arrays and the quotation index."""

    def __init__(self, doc: Document, lex: _Lex):
        self.doc = doc
        self.lex = lex
        self.text = doc.text
        self.ts, self.te, self.tl = doc.tok_start, doc.tok_end, doc.tok_lower
        self.sents = doc.sentences
        quotes = [q for q in doc.get_quotes() if q.level == 1]
        outer = []
        last_end = -1
        for q in quotes:
            if q.start >= last_end:
                outer.append(q)
                last_end = q.end
        self.quotes = outer
        self.q_content_starts = [q.content_start for q in outer]
        self.q_by_start = {q.start: q for q in outer}
        self.q_by_end = {q.end: q for q in outer}
        self.prev: Attribution | None = None  # the last relation found
        self._semis: list[int] | None = None
        self._anon_sent: dict[int, bool] = {}
        self._headline: dict[int, bool] = {}

    def clause_end(self, k: int, last: int) -> int:
        """The first ``;`` at or after token ``k`` before ``last`` (else ``last``)."""
        if self._semis is None:  # a ';' token needs a ';' in the text (one C-speed search)
            self._semis = list(compress(count(), map(";".__eq__, self.tl))) if ";" in self.text else []
        x = bisect_left(self._semis, k)
        if x < len(self._semis) and self._semis[x] < last:
            return self._semis[x]
        return last

    def window(self, i: int):
        """The sentence of token ``i``, cut to :data:`CUE_WINDOW` tokens either side of it."""
        sent = self.sents[self.doc.tok_sent[i]]
        if sent.tok_last - sent.tok_first <= CUE_WINDOW:
            return sent
        return replace(sent, tok_first=max(sent.tok_first, i - CUE_WINDOW), tok_last=min(sent.tok_last, i + CUE_WINDOW))

    def headline(self, sent) -> bool:
        """Whether a sentence is a headline in title case (*Bellwether County Says Trump Should
        Win*): alone in its paragraph, with at least 70% of its words of four letters or more
        capitalised; there a capitalised cue is a cue, not part of a name."""
        got = self._headline.get(sent.index)
        if got is None:
            whole = self.sents[sent.index]
            alone = (sent.index == 0 or self.sents[sent.index - 1].para_index != sent.para_index) and (
                sent.index + 1 >= len(self.sents) or self.sents[sent.index + 1].para_index != sent.para_index
            )
            words = [x for x in range(whole.tok_first, whole.tok_last) if len(self.tl[x]) > 3 and self.tl[x].isalpha()]
            got = self._headline[sent.index] = (
                alone and len(words) >= 3 and sum(map(self.cap, words)) >= 0.7 * len(words)
            )
        return got

    def sentence_anonymous(self, sent) -> bool:
        """Whether the sentence says a source is anonymous (on condition of anonymity ...)."""
        got = self._anon_sent.get(sent.index)
        if got is None:
            sent = self.sents[sent.index]  # (the whole sentence, not a window of it)
            words = self.tl[sent.tok_first : sent.tok_last]
            got = self._anon_sent[sent.index] = "anonymity" in words or "anonymously" in words
        return got

    # -- token predicates ---------------------------------------------------

    def cap(self, j: int) -> bool:
        return self.text[self.ts[j]].isupper()

    def wordlike(self, j: int) -> bool:
        return self.tl[j][:1].isalnum()

    def in_quote(self, offset: int):
        k = bisect_right(self.q_content_starts, offset) - 1
        if k >= 0:
            q = self.quotes[k]
            if offset < q.content_end:
                return q
        return None

    def opens_quote(self, j: int):
        return self.q_by_start.get(self.ts[j])

    def closes_quote(self, j: int):
        return self.q_by_end.get(self.te[j])

    def is_adverb(self, w: str) -> bool:
        return (
            len(w) > 4 and w.endswith("ly") and w.isalpha() and w not in self.lex.not_adverb and w not in self.lex.heads
        )

    def possessive(self, w: str) -> bool:
        return w.endswith(("'s", "’s")) and len(w) > 2

    # -- noun phrases -------------------------------------------------------

    def np_left(self, j: int, first: int) -> tuple[int, int] | None:
        """The noun phrase ending at token ``j`` as (start, head), or None."""
        lex, tl = self.lex, self.tl
        while j >= first and tl[j] in _MARKUP:
            j -= 1
        if j < first or not tl[j][:1].isalnum():
            return None
        w = tl[j]
        if w in lex.pronoun:
            return (j, j)
        if w in lex.np_not_head:
            return None
        text, ts = self.text, self.ts
        head_cap = text[ts[j]].isupper()
        start = j
        k = j - 1
        n = 1
        special, det = lex.np_left_special, lex.det
        cap_stop, stop, not_adverb, heads = lex.np_cap_stop, lex.np_stop, lex.not_adverb, lex.heads
        while k >= first and n < _MAX_NP:
            p = tl[k]
            if p in special:  # the rules for these words, in their order; none of them acts on other words
                if p in _MARKUP:
                    k -= 1
                    continue
                if p in det:
                    start = k
                    break
                if (
                    p == "."
                    and k - 1 >= first
                    and text[ts[k - 1]].isupper()
                    and (tl[k - 1] in lex.title or len(tl[k - 1]) <= 4)
                ):
                    start = k - 1
                    k -= 2
                    n += 1
                    continue
                if (
                    p in _NP_LINKS
                    and k - 1 >= first
                    and text[ts[k - 1]].isupper()
                    and text[ts[k + 1]].isupper()
                    and head_cap
                ):
                    k -= 1
                    continue
                if p in ("’", "'") and k - 1 >= first and tl[k - 1].endswith("s"):
                    start = k - 1
                    k -= 2
                    n += 1
                    continue
            if not p[:1].isalnum():
                break
            if text[ts[k]].isupper():
                if p in cap_stop:
                    break
                start = k
            elif p in stop or (
                len(p) > 4 and p.endswith("ly") and p.isalpha() and p not in not_adverb and p not in heads
            ):
                break  # (a stop word or an adverb: is_adverb)
            else:
                start = k
            k -= 1
            n += 1
        return (start, j)

    def np_right(self, k: int, last: int) -> tuple[int, int] | None:
        """The noun phrase starting at token ``k`` (before ``last``) as (start, head), or None."""
        lex, tl = self.lex, self.tl
        while k < last and tl[k] in _MARKUP:
            k += 1
        if k >= last or not self.wordlike(k):
            return None
        start = k
        if tl[k] in lex.pronoun:
            return (k, k)
        head = None
        if tl[k] in lex.det:
            k += 1
        text, ts = self.text, self.ts
        n = 0
        while k < last and n < _MAX_NP:
            p = tl[k]
            if p in _MARKUP:
                k += 1
                continue
            if p == "." and head is not None and tl[head] in lex.title:
                k += 1
                continue
            if (
                p in ("of", "and", "&", "for")
                and head is not None
                and self.cap(head)
                and k + 1 < last
                and self.cap(k + 1)
            ):
                k += 1
                continue
            if not p[:1].isalnum():
                break
            if text[ts[k]].isupper():
                if p in lex.np_right_cap_stop:
                    break
            elif (
                p in lex.np_stop
                or p in lex.det
                or self.is_adverb(p)
                or (head is not None and p.endswith("ed") and p not in lex.heads)
            ):
                break
            head = k
            k += 1
            n += 1
        if head is None:
            return None
        return (start, head)

    def head_ok(self, start: int, head: int, strict: bool, sent_first: int) -> bool:
        """Whether a noun phrase can be a source."""
        lex = self.lex
        w = self.tl[head]
        if w in lex.pronoun:
            return w != "it" or not strict
        if w in lex.heads or self.possessive(w) and w[:-2] in lex.heads:
            return True
        if self.cap(head):
            return w not in lex.det and w not in lex.clause and w not in lex.aux
        if strict:
            return False
        if not w.isalpha() or w.endswith("ing"):
            return False
        s = self.tl[start]
        return s in lex.det or s[:1].isdigit() or s.endswith(("'s", "’s")) and len(s) > 2  # (possessive)

    def extend_left(self, start: int, first: int) -> tuple[int, int] | None:
        """A post-modifier chain to the left: <source head> [participle] <link> <NP>.

        Returns (new start, main head) when the noun phrase before the link is a source
        head (a spokesman for ICE, a memo obtained by CNN, people familiar with the plan)."""
        lex, tl = self.lex, self.tl
        k = start - 1
        while k >= first and tl[k] in _MARKUP:
            k -= 1
        if k < first or tl[k] not in lex.link:
            return None
        k -= 1
        if k >= first and (
            tl[k] in _PARTICIPLE_LINKS or (tl[k].endswith("ed") and not self.cap(k) and tl[k] not in lex.heads)
        ):
            k -= 1
        np = self.np_left(k, first)
        if np is None:
            return None
        s, h = np
        if tl[h] in lex.heads and tl[h] not in lex.time:
            return np
        return None

    def extend_right(self, head: int, last: int) -> int:
        """Extend a source noun phrase to the right over post-modifiers; returns the new end."""
        lex, tl = self.lex, self.tl
        end = head
        for _ in range(2):
            k = end + 1
            participle = k < last and (
                tl[k] in _PARTICIPLE_LINKS or (tl[k].endswith("ed") and tl[k] not in lex.verb_forms and not self.cap(k))
            )
            if participle:
                k += 1
            if (
                k >= last
                or tl[k] not in lex.link
                or participle
                and tl[k - 1].endswith("ed")
                and tl[k] not in ("by", "through")
            ):
                break
            k += 1
            if k < last and (
                tl[k] in lex.time_noun or tl[k] in lex.time and k + 1 < last and tl[k + 1] in lex.time_noun
            ):
                break
            np = self.np_right(k, last)
            if np is None:
                break
            _, end = np
        return end

    # -- spans --------------------------------------------------------------

    def skip_mods(self, k: int, last: int) -> int:
        """Skip cue modifiers (in a statement, to reporters) and time expressions after a cue."""
        lex, tl = self.lex, self.tl
        for _ in range(4):
            if k >= last:
                return k
            w = tl[k]
            if w not in lex.modifiers and w not in lex.time:
                return k  # (exact: no modifier starts here, and a time expression starts with a time word)
            moved = False
            for pat in lex.modifiers.get(w, ()):
                if tuple(tl[k : k + len(pat)]) == pat:
                    k += len(pat)
                    moved = True
                    break
            if moved:
                continue
            # a time expression: Tuesday, on Tuesday, last week, earlier this month, on Feb. 3
            j = k
            while (
                j < last
                and j - k < 4
                and (
                    tl[j] in lex.time
                    or (tl[j].isdigit() and j > k)
                    or (tl[j] == "." and j > k and tl[j - 1] in lex.time)
                )
            ):
                j += 1
            if j > k and any(tl[x] in lex.time_noun for x in range(k, j)):
                k = j
                continue
            return k
        return k

    def trim_end(self, k: int, end: int) -> int:
        """Last token of a content span that runs to ``end`` (exclusive), without final punctuation."""
        tl = self.tl
        e = end - 1
        while e >= k and (tl[e] in _SENT_END or tl[e] in (",", ";", ":", "—", "–", "-") or tl[e] in _MARKUP):
            e -= 1
        # a closing mark at the end whose quotation began before the content is not content
        while (
            e >= k
            and tl[e] in _CLOSE_MARKS
            and self.closes_quote(e) is not None
            and self.closes_quote(e).start < self.ts[k]
        ):
            e -= 1
            while e >= k and (tl[e] in _SENT_END or tl[e] == ","):
                e -= 1
        return e

    def quote_piece(self, q) -> tuple[int, int]:
        s, e = q.content_start, q.content_end
        text = self.text
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        return (s, e)

    def tok_piece(self, a: int, b: int) -> tuple[int, int] | None:
        if b < a:
            return None
        return (self.ts[a], self.te[b])


# ---------------------------------------------------------------------------
# Extraction


def extract_attributions(doc: Document) -> list[Attribution]:
    """Attribution relations of a segmented document, in text order (see the module docstring).

    Never raises for any text: a sentence the rules cannot read is skipped and logged at
    debug level.
    """
    return _extract(doc, _token_codes(doc.tok_lower))


class _TokenMarks(NamedTuple):
    """What the extraction and the measures need to know of every token of a document."""

    cue_firsts: list[int]  # indices of the tokens that are the first word of a cue (reporting_verbs.csv)
    is_word: bytes  # per token: 1 if it starts with a letter or digit (a word token), else 0


def _token_codes(tl: list[str]) -> _TokenMarks:
    """The :class:`_TokenMarks` of the tokens ``tl`` (C-speed passes of lookups)."""
    return _TokenMarks(
        cue_firsts=list(compress(count(), map(_lexicon().cue_starts.__contains__, tl))),
        is_word=bytes(memo_lookup(_IS_WORD, tl, _is_word)),
    )


_IS_WORD: dict[str, bool] = {}  # token form -> _is_word(form) (see framing.lexicon.memo_lookup)


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum()


def _extract(doc: Document, codes: _TokenMarks) -> list[Attribution]:
    lex = _lexicon()
    d = _Doc(doc, lex)
    tl = d.tl
    # tokens that start a cue; a word that only starts multi-word cues (in the words of, is
    # quoted as saying) is kept only before one of their second words and where one of its
    # cues' words follow (_starts_multi): elsewhere _match_cue finds no cue there, so nothing
    # is skipped that could match
    starts = lex.cue_starts
    n1 = len(tl) - 1
    hits = [
        i
        for i in codes.cue_firsts
        if (second := starts[tl[i]]) is None or (i < n1 and tl[i + 1] in second and _starts_multi(d, i))
    ]
    out: list[Attribution] = []
    used_until = -1
    verb_only = lex.verb_only
    passive = lex.passive
    for i in hits:
        if i <= used_until:
            continue
        if tl[i] in passive:  # it was reported that ...; the minister is said to ...
            try:
                rel = _passive(d, i)
            except Exception as exc:  # a missed relation, never a failed document
                log.debug("document %r: attribution at token %d skipped: %s", doc.doc_id, i, exc, exc_info=True)
                rel = None
            if rel is not None:
                out.append(rel)
                d.prev = rel
                used_until = i
                continue
        strict = verb_only.get(tl[i])
        if strict is not None and _no_relation(d, i, strict):
            continue  # _at_cue would return no relation (and a miss changes no state)
        try:
            rel, last_tok = _at_cue(d, i)
        except Exception as exc:  # a missed relation, never a failed document
            log.debug("document %r: attribution at token %d skipped: %s", doc.doc_id, i, exc, exc_info=True)
            continue
        if rel is not None:
            out.append(rel)
            d.prev = rel
            used_until = last_tok
    try:
        if any(r.source is None for r in out):
            out = _named_later(d, out)
        _continue_quotes(d, out)
        _orphan_quotes(d, out)
        _resolve(d, out)
        states = [n for n, rel in enumerate(out) if rel.cue_entry.state and rel.source is not None]
        if states:  # (it was believed that: no source, kept)
            out = _drop_nested_states(d, out, states)
        out = [rel for rel in out if not _may_widen(d, rel) or _widen_cue(d, rel)]
    except Exception as exc:  # pragma: no cover - defensive
        log.debug("document %r: attribution post-processing failed: %s", doc.doc_id, exc, exc_info=True)
    return out


def _drop_nested_states(d: _Doc, rels: list[Attribution], states: list[int]) -> list[Attribution]:
    """The relations without those whose cue reports a state of mind or stance (a verb class
    of _STATE_CLASSES: *want*, *believe*, *urge*, *show*) inside the content of another relation:
    *Kopp said agents want to interview her* attributes one claim, Kopp's; the agents' wish is
    part of it, not an attribution the writer makes (on PolNeAR train three in four such nested
    relations are not annotated; nested speech verbs, half of them annotated, are kept)."""
    ts = d.ts
    drop = set()
    for n in states:  # (the relations with a state cue and a source)
        at = ts[rels[n].cue[0]]
        # the relation whose content holds the cue is one of its neighbours in text order
        for m in range(max(0, n - _NESTING_REACH), min(len(rels), n + _NESTING_REACH + 1)):
            other = rels[m].content
            if (
                m != n
                and other[0][0] <= at < other[-1][1]
                and not rels[m].is_direct
                and any(a <= at < b for a, b in other)
            ):
                drop.add(n)
                break
    return [r for n, r in enumerate(rels) if n not in drop] if drop else rels


#: how many relations before and after a nested one _drop_nested_states looks at
_NESTING_REACH = 1


#: words of the aux list of attribution_sources.csv that the left walks step over but that are no
#: part of a verb group (reflexives, quantifiers, sentence adverbs)
_NOT_IN_VERB_GROUP = frozenset(
    "herself himself themselves itself alone both all each however meanwhile in turn yet".split()
)


#: words a verb group may end with before its cue, besides those of lex.verb_group
_GROUP_ENDINGS = ("ly", "n't", "n’t")
#: words that may start a medium or colon after a cue (_medium_after)
_MEDIUM_STARTS = frozenset(("in", "on", ":"))


def _may_widen(d: _Doc, rel: Attribution) -> bool:
    """Whether _widen_cue has anything to look at: a verb-group word before the cue or a
    medium after it (most cues have neither: one set lookup instead of the walk)."""
    tl = d.tl
    i, e = rel.cue
    w = tl[i - 1] if i else ""
    return w in d.lex.verb_group or w.endswith(_GROUP_ENDINGS) or e + 1 < len(tl) and tl[e + 1] in _MEDIUM_STARTS


def _widen_cue(d: _Doc, rel: Attribution) -> bool:
    """The cue of ``rel`` widened to the left over its verb group: auxiliaries, modals, forms of
    *be*, negation and adverbs (*has said*, *did not mention*, *has also repeatedly argued*,
    *is expected*). PARC marks the whole verb group as the cue (Pareti 2016), and so do
    PolNeAR's annotators. The walk stays after the source and after content that precedes the
    cue; only verb cues (not *according to*, a colon or a noun) are widened.

    Returns False when the group makes the cue no report: a modal of obligation (*Workers
    must reject ...*, *officials should say*) says what someone ought to do, not what they said
    or hold."""
    if rel.cue_entry.cue_type not in ("verb", "phrase_verb"):
        return True
    tl, lex = d.tl, d.lex
    i, e = rel.cue
    j = i - 1
    while j >= 0:
        w = tl[j]
        if w in _OBLIGATION:
            break
        if (
            (w in lex.aux and w not in _NOT_IN_VERB_GROUP)
            or (w in lex.be and w not in ("'s", "’s"))
            or w.endswith(("n't", "n’t", "ly"))
            and (not w.endswith("ly") or d.is_adverb(w))
        ):
            j -= 1
        else:
            break
    if j + 1 < i or j >= 0 and tl[j] in _OBLIGATION:  # (most cues have no group: no bounds to find)
        floor = _group_floor(d, rel, i)
        if j >= floor and tl[j] in _OBLIGATION:
            return False
        j = max(j, floor - 1)
        if j + 1 < i:
            rel.cue, rel.group = (j + 1, e), i - j - 1
    if e + 1 < len(tl) and tl[e + 1] in ("in", "on", ":"):
        e2 = _medium_after(d, e, d.sents[rel.sent].tok_last)
        if e2 > e and not any(a < d.te[e2] and d.ts[e + 1] < b for a, b in rel.content):
            rel.cue, rel.medium = (rel.cue[0], e2), e2 - e
    return True


def _group_floor(d: _Doc, rel: Attribution, i: int) -> int:
    """The first token the verb group of the cue at ``i`` may take: after the sentence start,
    the source and any content before the cue."""
    floor = d.sents[rel.sent].tok_first
    if rel.source is not None and rel.source[1] < i:
        floor = max(floor, rel.source[1] + 1)
    at = d.ts[i]
    for _start, b in rel.content:
        if b <= at:
            floor = max(floor, bisect_left(d.te, b) + 1)
    return floor


def _medium_after(d: _Doc, e: int, last: int) -> int:
    """The last token of the cue ending at ``e`` with what PolNeAR's annotators mark with it:
    a medium right after it (*said in a statement*, *wrote on Facebook*: the cue modifiers of
    reporting_verbs.csv that start with *in* or *on*, not *on condition of anonymity* nor those
    that end with an addressee's *to* or *with*) and a colon that introduces the content
    (*said:*). Annotators mark the medium with the cue about half of the time."""
    tl = d.tl
    k = e + 1
    if k < last and tl[k] in ("in", "on"):
        for pat in d.lex.modifiers.get(tl[k], ()):
            if "condition" not in pat and pat[-1] not in ("to", "with") and tuple(tl[k : k + len(pat)]) == pat:
                e = k + len(pat) - 1
                k = e + 1
                break
    if k < last and tl[k] == ":":
        e = k
    return e


#: modals of obligation: a cue after one reports no words or stance (Workers must reject ...)
_OBLIGATION = frozenset(("must", "should", "ought", "shouldn't", "mustn't"))


#: marks before a cue that _source_left or _verb treat specially (not settled by _no_relation)
_PREV_SLOW_MARKS = frozenset({",", ".", "'", "’", ")"}) | _CLOSE_MARKS | _MARKUP


def _no_relation(d: _Doc, i: int, strict: bool) -> bool:
    """Whether a cue at token ``i`` surely makes no relation: a cheap exact early rejection.

    Only for a first word whose cues are all verb cues (``lex.verb_only``; ``strict``: all
    strict) and that is no -ing form, so _at_cue goes to _verb, and _verb can only make a
    relation when _source_left returns "ok" or, after "none", when the token before the cue
    is a comma or closing mark (inverted) or "and"/"but" after aux/adverbs (coordination;
    the participle needs an -ing cue). Here the token ``p`` before the cue decides:

    - the cue opens its sentence: _source_left says "none" and _verb has nothing before it;
    - ``p`` is a form of *be* (a passive) or a determiner or *to* or a possessive, which the
      left walk does not step over: _source_left rejects at once;
    - ``p`` is a mark other than a comma, period, closing quotation mark or markup: "none",
      and no inverted or coordinated cue;
    - ``p`` is a link or clause word (of, in, that, ...; np_left makes no noun phrase of it),
      or a plain lower-case word that is no source head, for which head_ok fails: always for
      strict cues; for the others when ``p`` is no alphabetic non-ing word or np_left stops
      at the word before ``p`` (then the phrase does not start with a determiner) - provided
      no "who"/"whom" is among the 12 tokens before the cue (the relative clause rule of
      _source_left, the one path that does not end at ``p``): "none".

    The word sets (``prev_*``) leave out every word the left walk steps over (be, aux, time
    words, -ly adverbs) or treats specially, so the walk stops at ``p``. A miss changes no
    state of the extractor, so skipping the attempt is exact.
    """
    lex, tl = d.lex, d.tl
    if tl[i] == "asked" and i + 1 < len(tl) and tl[i + 1] in _QUESTION_OPENERS:
        return False  # (Asked whether ...: _asked)
    first = d.sents[d.doc.tok_sent[i]].tok_first
    if i - first > CUE_WINDOW:
        first = i - CUE_WINDOW  # (d.window(i).tok_first)
    if i == first:
        return tl[i - 1] not in _CLOSE_MARKS if i > 0 else True  # ("...?" said X: _quote_before)
    p = tl[i - 1]
    if p in lex.prev_reject:
        return True
    if not p[:1].isalnum():
        return p not in _PREV_SLOW_MARKS and p not in lex.prev_walk and not p.endswith(("'s", "’s"))
    if p.endswith(("'s", "’s")):
        return len(p) > 2 and p not in lex.prev_not_plain  # a possessive: rejected
    if p not in lex.prev_no_np:
        text, ts = d.text, d.ts
        if p in lex.prev_not_plain or p.endswith("ly") or text[ts[i - 1]].isupper():
            return False
        if not strict and p.isalpha() and not p.endswith("ing") and i - 2 >= first:
            # a cue that is not strict takes a lower-case head after a determiner: only when
            # np_left's walk stops at the word before p (start p, no determiner) is that excluded
            q = tl[i - 2]
            if q in lex.np_left_special:
                return False
            if q[:1].isalnum():
                if text[ts[i - 2]].isupper():
                    if q not in lex.np_cap_stop:
                        return False
                elif q not in lex.np_stop and not d.is_adverb(q):
                    return False
    window = tl[max(first, i - 12) : i]
    return "who" not in window and "whom" not in window


def _starts_multi(d: _Doc, i: int) -> bool:
    """Whether the words of one of the cues of token ``i`` follow it (in the words of: "in
    the" alone is no cue); _match_cue also needs the cue inside the sentence."""
    tl = d.tl
    return any(tuple(tl[i : i + len(c.pattern)]) == c.pattern for c in d.lex.cues[tl[i]])


def _match_cue(d: _Doc, i: int, last: int) -> _Cue | None:
    tl = d.tl
    for cue in d.lex.cues.get(tl[i], ()):
        n = len(cue.pattern)
        if i + n <= last and (n == 1 or tuple(tl[i : i + n]) == cue.pattern):
            return cue
    return None


def _at_cue(d: _Doc, i: int) -> tuple[Attribution | None, int]:
    tl, lex = d.tl, d.lex
    sent = d.sents[d.doc.tok_sent[i]]
    if sent.tok_last - sent.tok_first > CUE_WINDOW:
        sent = d.window(i)
    first, last = sent.tok_first, sent.tok_last
    cue = _match_cue(d, i, last)
    noun = lex.nouns.get(tl[i])
    if cue is None and noun is None:
        return None, i
    e = i if cue is None else i + len(cue.pattern) - 1
    if d.in_quote(d.ts[i]) is not None:
        return None, e  # a cue inside a quotation belongs to the quoted speaker's words
    if noun is not None:
        rel = _noun(d, noun, i, sent)
        if rel is not None or cue is None:
            return rel, i
    # a capitalised cue inside a body sentence is part of a name (United States, Says Who)
    if (
        cue.cue_type != "colon"
        and sent.kind == "body"
        and d.cap(i)
        and i > first
        and tl[i - 1] not in _OPEN_MARKS
        and not d.headline(sent)
    ):
        return None, e
    if cue.cue_type == "colon":
        return _colon(d, cue, i, sent), e
    if tl[i] in _SEEM_FORMS:
        return None, e  # seem, appear: only raising or impersonal (_passive), never "X appeared on TV"
    if cue.cue_type == "preposition":
        return _according(d, cue, i, e, sent), e
    if cue.cue_type == "adverb":
        return _adverb(d, cue, i, sent), e
    return _verb(d, cue, i, e, sent), e


def _new(d: _Doc, sent, cue, i, e, src: _Src | None, content, direct, arrangement, quotes=()) -> Attribution | None:
    content = [p for p in content if p is not None and p[1] > p[0]]
    if src is None or not content:
        return None
    # (positional, in field order: sent, cue, cue_entry, source, source_type, speaker, content,
    # is_direct, arrangement, main, name, role_alias, resolved_type, quotes, src)
    return Attribution(
        sent.index,
        (i, e),
        cue,
        (src.start, src.end),
        "",
        "",
        content,
        direct,
        arrangement,
        (src.main_start, src.main_end),
        "",
        "",
        "anon" if src.anon_hint else "",
        list(quotes),
        src,
    ), src


def _verb(d: _Doc, cue: _Cue, i: int, e: int, sent) -> Attribution | None:
    """A relation at the verb cue of tokens ``i..e``. Where its source is decides the
    arrangement, and the arrangement where the content is:

    - a source before the cue (:func:`_source_left`): :func:`_verb_after_source`;
    - none, and a comma or closing mark before the cue: the source after it (*"...," said X*,
      :func:`_inverted`);
    - none otherwise: a participle or a coordinated cue (:func:`_participle_or_coordination`).
    """
    tl, first, last = d.tl, sent.tok_first, sent.tok_last
    if (
        tl[i] == "asked"
        and i + 1 < last
        and tl[i + 1] in _QUESTION_OPENERS
        and (i == first or tl[i - 1] in (",", "when") or tl[i - 1] in _OPEN_MARKS)
    ):
        return _asked(d, cue, i, sent)
    if e + 1 < last and (
        tl[e + 1] == "by" and tl[e].endswith(("ed", "en", "wn")) or cue.lemma == "accuse" and tl[e + 1] == "of"
    ):
        return None  # a passive participle: documents obtained by, members accused of
    kind, src = _source_left(d, cue, i, first)
    if kind == "reject":
        return None
    if kind == "ok":
        if src.main_end == i - 1 and tl[i].endswith("s") and _disagrees(d, cue, i, src.main_end):
            return None  # the resistance of workers and students points to ...: not the subject
        return _verb_after_source(d, cue, i, e, sent, src)
    if (
        i - 1 >= first and (tl[i - 1] == "," or tl[i - 1] in _CLOSE_MARKS) or i == first and _quote_before(d, sent)
    ) and not tl[i].endswith("ing"):
        inverted = _inverted(d, cue, i, e, sent)
        if inverted is not None:
            src, content = inverted
            return _finish(d, sent, cue, i, e, src, content, "content-cue-source")
    return _participle_or_coordination(d, cue, i, e, sent)


#: words that open the question after a fronted *asked* (Asked whether ..., when asked about ...)
_QUESTION_OPENERS = frozenset("what why if whether how who whom when where which about by".split())


def _asked(d: _Doc, cue: _Cue, i: int, sent) -> Attribution | None:
    """*Asked whether he would run, Smith said ...* / *..., he said when asked about the plan.*:
    a fronted or adverbial *asked* reports a question whose asker is mostly not named
    (``source_type`` ``unattributed``; PolNeAR marks it so); the content is the question, up
    to the next comma or the sentence end. *Asked by X ...* names the asker (the source)."""
    tl = d.tl
    last = sent.tok_last
    k = i + 1
    src = None
    if tl[k] == "by":
        np = d.np_right(k + 1, last)
        if np is None:
            return None
        start, head = np
        end = head
        src = _Src(start, end, start, head)
        k = end + 1
    stop = k
    while stop < last and tl[stop] != "," and tl[stop] not in _HARD and stop - k < 40:
        stop += 1
    end = d.trim_end(k, stop)
    if end < k or (src is None and tl[k] == "by"):
        return None
    content = _indirect(d.tok_piece(k, end))
    if src is not None:
        return _finish(d, sent, cue, i, i, src, content, "participle")
    # (positional, in field order, as in _new; no source, no speaker)
    return Attribution(sent.index, (i, i), cue, None, "unattributed", "", content.pieces, False, "participle")


def _disagrees(d: _Doc, cue: _Cue, i: int, head: int) -> bool:
    """Whether a present-tense third-person cue (*points*, *says*) follows a plural common noun
    (*students*) that therefore cannot be its subject: the subject is a noun phrase further
    left that the plural only modifies (*The resistance of workers and students points to*)."""
    tl = d.tl
    w, stem = tl[i], cue.lemma.split()[0]
    if w not in (stem + "s", stem + "es") and not (stem.endswith("y") and w == stem[:-1] + "ies"):
        return False
    h = tl[head]
    return h.endswith("s") and not h.endswith(("ss", "us", "is", "'s", "’s")) and h.isalpha() and not d.cap(head)


def _quote_before(d: _Doc, sent) -> bool:
    """Whether a quotation ends the sentence before ``sent``, in the same paragraph, so that
    ``sent`` may be its attribution clause: *"Is it legal?" Biden asked.* (the question or
    exclamation mark ends the quoted sentence and the segmenter's sentence with it)."""
    j = sent.tok_first - 1
    if j < 0 or d.tl[j] not in _CLOSE_MARKS or d.sents[sent.index].tok_first != sent.tok_first or sent.index == 0:
        return False
    q = d.closes_quote(j)
    return q is not None and d.sents[sent.index - 1].para_index == sent.para_index


def _verb_after_source(d: _Doc, cue: _Cue, i: int, e: int, sent, src: _Src) -> Attribution | None:
    """The relation of a verb cue whose source ``src`` stands before it. Where the
    attribution clause ends the sentence or meets a comma and follows a comma or closing
    mark, the content is before it (*"...," X said.*, *The plan, officials said, would ...*:
    ``content-source-cue``); otherwise after the cue (*X said (that) ...*:
    ``source-cue-content``)."""
    tl = d.tl
    first, last = sent.tok_first, sent.tok_last
    k, after = _cue_clause_end(d, cue, e, src, first, last)
    after_as = src.start - 1 >= first and tl[src.start - 1] == "as"  # ..., as the Daily Mail reports.
    b = src.start - 2 if after_as else src.start - 1
    if after in ("end", "comma") and (
        b >= first and (tl[b] == "," or tl[b] in _CLOSE_MARKS) or b == first - 1 and _quote_before(d, sent)
    ):
        content = _content_around(d, b, k, first, last)
        if content is not None:
            return _finish(d, sent, cue, i, e, src, content, "content-source-cue")
    if after == "comma" and after_as:
        # As the Associated Press reported, the count was delayed.
        content = _content_after_comma(d, k, last, False)
        if content is not None:
            return _finish(d, sent, cue, i, e, src, content, "content-source-cue")
    content = _content_right(d, cue, e, last)
    if content is None:
        return None
    if src.end < i - 1 and tl[i - 1] == "who" and tl[i - 2] == "," and not content.direct:
        content = _up_to_comma(d, content, e, last)
    return _finish(d, sent, cue, i, e, src, content, "source-cue-content")


def _cue_clause_end(d: _Doc, cue: _Cue, e: int, src: _Src, first: int, last: int) -> tuple[int, str]:
    """(the token after the attribution clause of the cue ending at ``e``, what it is: see
    :func:`_after`). The clause runs over cue modifiers and time expressions (said on
    Tuesday), and where the sentence or clause then ends, over an addressee (*"...," the
    preacher told the rally.*) and, after a comma or closing mark, prepositional phrases
    (*"...," the chief told reporters at an evening briefing.*)."""
    tl, lex = d.tl, d.lex
    k = d.skip_mods(e + 1, last)
    after = _after(d, k, last)
    if after != "more":
        return k, after
    b = src.start - 1
    content_before = b >= first and (tl[b] == "," or tl[b] in _CLOSE_MARKS)
    if cue.lemma in lex.addressee and d.opens_quote(k) is None:
        np = d.np_right(k, last)
        if np is not None:
            _, head = np
            k2 = d.skip_mods(head + 1, last)
            if content_before and _after(d, k2, last) == "more" and tl[k2] in lex.link:
                k2 = d.skip_mods(_skip_prepositional_phrases(d, k2, last), last)  # told the council outside city hall
            if _after(d, k2, last) in ("end", "comma"):
                k, after = k2, _after(d, k2, last)
    if after == "more" and tl[k] in lex.link:
        k2 = _skip_prepositional_phrases(d, k, last)
        if _after(d, k2, last) in ("end", "comma") and content_before:
            k, after = k2, _after(d, k2, last)
    if (
        after == "more"
        and content_before
        and (tl[b] in _CLOSE_MARKS or b - 1 >= first and tl[b - 1] in _CLOSE_MARKS)
        and _no_content_after(d, k, last)
    ):
        k, after = last, "end"  # "...," the coach said after the game.
    return k, after


def _no_content_after(d: _Doc, k: int, last: int) -> bool:
    """Whether the words from ``k`` to the sentence end hold no content of their own: no
    *that*, no quotation and no clause (a subject and a finite verb), only circumstances
    (*after the game*, *before boarding the plane*, *as the crowd cheered*)."""
    tl = d.tl
    if tl[k] == "that" or _clause_follows(d, k, last):
        return False
    return not any(d.opens_quote(x) is not None for x in range(k, last) if tl[x] in _OPEN_MARKS)


def _skip_prepositional_phrases(d: _Doc, k: int, last: int) -> int:
    """The token after at most two prepositional phrases from ``k`` (to reporters at an
    evening briefing): a link word, then words that are no clause, link or verb words."""
    tl, lex = d.tl, d.lex
    for _ in range(2):
        if k >= last or tl[k] not in lex.link:
            break
        j = k + 1
        while (
            j < last
            and d.wordlike(j)
            and tl[j] not in lex.clause
            and tl[j] not in lex.link
            and tl[j] not in lex.verb_forms
        ):
            j += 1
        if j == k + 1:
            break
        k = j
    return k


def _up_to_comma(d: _Doc, content: _Content, e: int, last: int) -> _Content:
    """*Smith, who said the plan would fail, resigned*: the content of a cue in a relative
    clause ends at the comma that closes it (the first comma after the cue ``e``)."""
    tl = d.tl
    start, end = content.pieces[0]
    c = e + 1
    while c < last and d.ts[c] < end and tl[c] != ",":
        c += 1
    if c < last and d.ts[c] < end and c - 1 > e:
        return _Content([(start, d.te[c - 1])], content.direct, content.quotes)
    return content


def _inverted(d: _Doc, cue: _Cue, i: int, e: int, sent) -> tuple[_Src, _Content] | None:
    """*"...," said X, a spokesman for Y.*: a cue (not an -ing form) after a comma or closing
    mark, with its source after it and the content before it; (source, content) or None."""
    tl, lex = d.tl, d.lex
    first, last = sent.tok_first, sent.tok_last
    b = i - 1  # (a comma or closing mark: see _verb)
    np = d.np_right(e + 1, last)
    if np is None:
        return None
    start, head = np
    if not d.head_ok(start, head, cue.strict, first) or tl[start] in lex.pronoun:
        return None
    end = d.extend_right(head, last)
    src = _Src(start, end, start, head)
    k = _trailing_appositive(d, src, last)
    content = _content_around(d, b, d.skip_mods(k, last), first, last)
    if content is None:
        return None
    return src, content


def _trailing_appositive(d: _Doc, src: _Src, last: int) -> int:
    """*..., said Tom Homan, the border czar.*: an appositive after the source that runs to
    the end of the sentence (or to a comma or quotation mark) belongs to the source
    (``src.end`` and ``src.appos`` are set). Returns the token after the source."""
    tl, lex = d.tl, d.lex
    k = src.end + 1
    if k >= last or tl[k] != ",":
        return k
    j = k + 1
    if j < last and tl[j] in ("who", "whom"):
        j += 1
    while j < last and (d.wordlike(j) or tl[j] in ("'", "’", "-", ".")) and tl[j] not in lex.clause:
        j += 1
    if j > k + 1 and (j >= last or tl[j] in _SENT_END or tl[j] in _QUOTE_MARKS or tl[j] == ","):
        end = j - 1
        while end > k and tl[end] == ".":
            end -= 1
        src.end = end
        src.appos = (k + 1, end)
        return j
    return k


def _participle_or_coordination(d: _Doc, cue: _Cue, i: int, e: int, sent) -> Attribution | None:
    """A cue with no source of its own, whose source is the subject of its clause
    (:func:`_subject`): a participle (*..., saying "..."*; *Emphasizing that ..., Homan
    said*) or a coordinated cue (*He recognized ... but underscored that ...*)."""
    tl, lex = d.tl, d.lex
    first, last = sent.tok_first, sent.tok_last
    b = i - 1
    while b >= first and (tl[b] in lex.aux or d.is_adverb(tl[b])):
        b -= 1
    participle = tl[i].endswith("ing") and (
        b < first or tl[b] == "," or (not d.cap(b) and (tl[b].endswith("ed") or tl[b] in lex.verb_forms))
    )
    coordination = b >= first and tl[b] in ("and", "but")
    if not (participle or coordination):
        return None
    if not participle and (cue.frame != "any" or cue.strict) and not _introduces_content(d, e, last):
        return None  # not "... lets the chief grant licenses and deny them"
    if participle and cue.lemma == "cite":
        return None  # ..., citing three officials / strong demand: what is cited is a source or a reason, not content
    src = _subject(d, sent, cue, i)
    if src is None:
        return None
    if participle and b < first:
        # Emphasizing that ..., Homan iterated ...: content runs to the comma before the subject
        k = d.skip_mods(e + 1, last)
        if k < last and tl[k] == "that":
            k += 1
        end = src.start - 1
        while end > k and tl[end] in (",", "—", "–") or (end > k and tl[end] in _MARKUP):
            end -= 1
        return _finish(d, sent, cue, i, e, src, _indirect(d.tok_piece(k, end)), "participle")
    content = _content_right(d, cue, e, last)
    if content is None:
        return None
    return _finish(d, sent, cue, i, e, src, content, "participle" if participle else "coordination")


def _introduces_content(d: _Doc, e: int, last: int) -> bool:
    """Whether *that*, a colon or a quotation (after a comma or not) follows the cue ending at
    ``e`` (and its modifiers): what a coordinated cue that needs a clause must have."""
    tl = d.tl
    k = d.skip_mods(e + 1, last)
    return k < last and (
        tl[k] in ("that", ":")
        or d.opens_quote(k) is not None
        or tl[k] == ","
        and k + 1 < last
        and d.opens_quote(k + 1) is not None
    )


def _passive(d: _Doc, i: int) -> Attribution | None:
    """A relation at the passive participle ``i``: its source named after *by*, or none at all
    (``source_type`` ``unattributed``, Pareti 2016: the writer reports a claim but names no
    one for it). A form of *be* stands before the participle (after auxiliaries and adverbs).

    - ``passive``: *He was told by officials that ...*, *It was reported by the Guardian that
      ...*: the participle (``attribution_sources.csv``, kind ``agent``), *by*, the source
      noun phrase, then *that*; the content is the that-clause to the end of the clause;
    - ``impersonal``: *It was reported that ...*, *It is widely believed that ...*, *It has
      been alleged, without evidence, that ...*: *it*, the participle (kind ``impersonal``),
      then within seven words or commas *that*; the content is the that-clause;
    - ``raising``: *The minister is said to be furious*, *The suspect was reported to have
      fled*: a noun phrase, the participle (kind ``raising``), *to* and a word; the content
      has two parts, the subject and the to-clause.

    Not inside a quotation, nor with a subject that does not open its clause (the last two).
    """
    tl, lex = d.tl, d.lex
    sent = d.window(i)
    first, last = sent.tok_first, sent.tok_last
    if i + 1 >= last:
        return None
    b = i - 1
    while b >= first and (d.is_adverb(tl[b]) or tl[b] in lex.aux and tl[b] not in lex.be):
        b -= 1  # is widely / not / also believed
    seem = tl[i] in _SEEM_FORMS  # (no form of be: the minister seemed to hesitate)
    if b < first or tl[b] not in lex.be and not seem:
        return None
    if d.in_quote(d.ts[i]) is not None:
        return None
    cue = _match_cue(d, i, last)
    if cue is None or cue.cue_type != "verb" or len(cue.pattern) != 1:
        return None
    if tl[i + 1] == "by":
        return _agent(d, cue, i, sent) if tl[i] in lex.agent else None
    subj = b if seem and tl[b] not in lex.be else b - 1
    while subj >= first and (tl[subj] in lex.aux or d.is_adverb(tl[subj])):
        subj -= 1  # has been, will be, may also be
    if seem and any(w in ("not", "never") or w.endswith(("n't", "n’t")) for w in tl[max(subj, first) : i]):
        return None  # voters don't seem to mind: an idiom of indifference, not an impression reported
    if subj < first:
        return None
    if (
        tl[i + 1] == "to"
        and tl[i] in lex.raising
        and i + 2 < last
        and d.wordlike(i + 2)
        and (cue.lemma != "report" or tl[i + 2] in ("be", "have"))
    ):  # not: was reported to police
        content, arrangement = _raising_content(d, i, subj, first, last), "raising"
    elif tl[subj] == "it" and tl[i] in lex.impersonal and _opens_clause(d, subj, first):
        content, arrangement = _impersonal_content(d, i, last), "impersonal"
    else:
        return None
    content = [p for p in content if p is not None and p[1] > p[0]]
    if not content:
        return None
    # (positional, in field order, as in _new; no source, no speaker)
    return Attribution(sent.index, (i, i), cue, None, "unattributed", "", content, False, arrangement)


#: raising verbs without a form of be (*The minister seemed to hesitate*, *It appears that ...*)
_SEEM_FORMS = frozenset(("seem", "seems", "seemed", "appear", "appears", "appeared"))


def _raising_content(d: _Doc, i: int, subj: int, first: int, last: int) -> list:
    """*The minister is said to be furious*: the content of a raising participle ``i`` is the
    subject (the noun phrase ending at ``subj``, opening its clause) and the to-clause; []
    where there is none."""
    np = d.np_left(subj, first)
    if np is None:
        return []
    start, _ = np
    if not _opens_clause(d, start, first):
        return []
    end = d.trim_end(i + 1, d.clause_end(i + 1, last))
    if end < i + 2:
        return []
    return [(d.ts[start], d.te[subj]), d.tok_piece(i + 1, end)]


def _impersonal_content(d: _Doc, i: int, last: int) -> list:
    """*It was reported (on Monday) that ...*: the content of an impersonal participle ``i``
    is the that-clause within seven words or commas after it; [] where there is none."""
    tl = d.tl
    k = i + 1
    while k < last and k <= i + 7 and tl[k] != "that" and (d.wordlike(k) or tl[k] == ","):
        k += 1
    if k >= last or tl[k] != "that" or k + 1 >= last:
        return []
    end = d.trim_end(k + 1, d.clause_end(k + 1, last))
    return [d.tok_piece(k + 1, end)] if end >= k + 1 else []


def _named_later(d: _Doc, rels: list[Attribution]) -> list[Attribution]:
    """Without the relations without a source whose claim a later source of the sentence
    takes: *The company was said to have lost millions, according to the filing* is the
    filing's claim (a relation whose content comes before its source holds the passive cue).
    A relation without a source inside a content that follows its source stays, nested:
    *Officials said it was believed that ...*."""
    content_first: dict[int, list[Attribution]] = {}  # sentence -> its relations with the content before the source
    for o in rels:
        if o.source is not None and o.arrangement in ("according-to", "content-source-cue", "content-cue-source"):
            content_first.setdefault(o.sent, []).append(o)
    keep = []
    for r in rels:
        if r.source is None:
            at = d.ts[r.cue[0]]
            if any(a <= at < b for o in content_first.get(r.sent, ()) for a, b in o.content):
                continue
        keep.append(r)
    return keep


def _agent(d: _Doc, cue: _Cue, i: int, sent) -> Attribution | None:
    """*... was told by officials that ...*: the noun phrase after *by* is the source and the
    that-clause the content (see :func:`_passive`)."""
    tl, last = d.tl, sent.tok_last
    np = d.np_right(i + 2, last)
    if np is None:
        return None
    start, head = np
    if not d.head_ok(start, head, cue.strict, sent.tok_first):
        return None
    end = d.extend_right(head, last)
    k = d.skip_mods(end + 1, last)
    if k + 1 >= last or tl[k] != "that":
        return None
    stop = d.trim_end(k + 1, d.clause_end(k + 1, last))
    if stop < k + 1:
        return None
    return _finish(d, sent, cue, i, i, _Src(start, end, start, head), _indirect(d.tok_piece(k + 1, stop)), "passive")


def _opens_clause(d: _Doc, j: int, first: int) -> bool:
    """Whether token ``j`` starts its clause: the sentence start, or after a comma, semicolon,
    colon, dash, opening quotation mark, a clause conjunction (and, but, while, because ...),
    *that* or a reporting verb (*officials said it was believed that ...*)."""
    if j == first:
        return True
    p = d.tl[j - 1]
    return (
        p in (",", ";", ":", "—", "–", "-", "(", "that")
        or p in _OPEN_MARKS
        or p in _CLAUSE_CONJUNCTIONS
        or p in _SUBORDINATORS
        or p in d.lex.verb_forms
    )


#: words that open a subordinate clause (see _opens_clause)
_SUBORDINATORS = frozenset(("because", "although", "though", "as", "since", "if", "when", "after", "before"))


class _Content(NamedTuple):
    """What a relation attributes: its parts, whether they are quotations, and which."""

    pieces: list  # (start_char, end_char) of each part (None or empty parts are dropped by _new)
    direct: bool  # every part a quotation
    quotes: list  # the quotations of the parts (framing.text.quotes)

    def then(self, after: _Content) -> _Content:
        """This content followed by the part after the attribution clause (*"A," X said, "B."*)."""
        return _Content(self.pieces + after.pieces, self.direct and after.direct, self.quotes + after.quotes)


def _indirect(piece: tuple[int, int] | None) -> _Content:
    """Content of one part that is not a quotation."""
    return _Content([piece], False, [])


def _quoted(d: _Doc, q) -> _Content:
    """Content of one quotation ``q`` (its text without the marks and the final comma)."""
    return _Content([d.quote_piece(q)], True, [q])


def _in_anonymity_marker(d: _Doc, i: int) -> bool:
    """Whether the cue at token ``i`` is a word of an anonymity marker of
    attribution_sources.csv (*asked not to be named*, *declined to be identified*)."""
    tl = d.tl
    for pat, n in d.lex.anon_marker_words.get(tl[i], ()):
        if i - n >= 0 and tuple(tl[i - n : i - n + len(pat)]) == pat:
            return True
    return False


#: cues of refusal, whose content a bare *to* + verb (declined to comment) leaves empty
_REFUSALS = frozenset(("decline", "refuse"))
#: the lemmas _no_report looks at
_CHECKED_LEMMAS = _REFUSALS | {"call"}


def _no_report(d: _Doc, cue: _Cue, content: _Content) -> bool:
    """Whether a refusal or a labelling makes no report: *declined to comment*, *refused to say*
    (no content attributed); *call it a day*, *critics call it a "power grab"* (an idiom or a
    scare quote)."""
    if not content.pieces:
        return False
    if cue.lemma in _REFUSALS:
        return not content.direct and _bare_to_verb(d, content.pieces)
    return d.text.startswith("it ", content.pieces[0][0])


def _bare_to_verb(d: _Doc, pieces) -> bool:
    """Whether the content is *to* and one word (to comment, to say, to elaborate)."""
    if len(pieces) != 1:
        return False
    a, b = pieces[0]
    k = bisect_left(d.ts, a)
    return d.tl[k] == "to" and bisect_left(d.ts, b) - k <= 2


def _finish(
    d: _Doc, sent, cue: _Cue, i: int, e: int, src: _Src, content: _Content, arrangement: str
) -> Attribution | None:
    """The relation of cue tokens ``i..e`` with its source classified (:func:`_classify`), or
    None when the content is empty."""
    if cue.lemma in _CHECKED_LEMMAS and _no_report(d, cue, content):
        return None
    if d.tl[i] in d.lex.anon_marker_words and _in_anonymity_marker(d, i):
        return None  # who asked not to be named, did not want to be identified: a mark of the source, no report
    made = _new(d, sent, cue, i, e, src, content.pieces, content.direct, arrangement, content.quotes)
    if made is None:
        return None
    rel, src = made
    rel.source_type, rel.speaker, rel.name, rel.role_alias = _classify(d, src, sent)
    return rel


def _after(d: _Doc, k: int, last: int) -> str:
    """What follows an attribution clause: the sentence end, a comma, or more words."""
    tl = d.tl
    if k >= last:
        return "end"
    if tl[k] in _SENT_END:
        return "end"
    if tl[k] in _CLOSE_MARKS and (k + 1 >= last or tl[k + 1] in _SENT_END):
        return "end"
    if tl[k] == ",":
        return "comma"
    return "more"


def _source_left(d: _Doc, cue: _Cue, i: int, first: int) -> tuple[str, _Src | None]:
    """The source before a verb cue: ("ok", src), ("none", None) or ("reject", None).

    Left of the verb group (:func:`_verb_group_start`), the word there decides: *to* or a
    determiner or possessive (*declined to comment*, *his remarks*) rejects the cue; *who* or
    *which* makes the antecedent the source (:func:`_antecedent`); a comma or closing mark an
    appositive (:func:`_appositive`); a word the noun phrase that ends with it (or a relative
    clause: :func:`_relative_clause_source`), extended to the left over post-modifiers.
    """
    tl, lex = d.tl, d.lex
    walk = _verb_group_start(d, i, first)
    if walk is None:
        return "reject", None  # passive: is expected, was reported
    j, anon_adverb = walk
    if j < first:
        return "none", None
    w = tl[j]
    if w == "to":
        return "reject", None  # declined to comment, refused to say
    if w in ("who", "which") and j - 1 >= first:
        return _antecedent(d, cue, j, first, anon_adverb)
    if w in lex.det or d.possessive(w) or w in ("’", "'") and j - 1 >= first and tl[j - 1].endswith("s"):
        return "reject", None  # a noun: the said property, his remarks, these reports
    if w == "," or w in _CLOSE_MARKS:
        return _appositive_source(d, cue, j, first, anon_adverb)
    if w == ")":  # Sen. Jack Reed (D-R.I.) said: the source ends with its parenthetical
        inner = _before_parenthetical(d, j, first)
        src = _np_source(d, cue, inner, first, anon_adverb) if inner != j else None
        if src is None:
            return "none", None
        src.end = j
        return "ok", src
    if not d.wordlike(j) and w not in _MARKUP:
        return "none", None
    # a relative clause: an official who spoke on condition of anonymity said (the scan only
    # acts at a "who"/"whom" among the 12 tokens before the cue: skipped when there is none)
    window = tl[max(first, j - 11) : j + 1]
    if "who" in window or "whom" in window:
        src = _relative_clause_source(d, cue, j, first, anon_adverb)
        if src is not None:
            return "ok", src
    src = _np_source(d, cue, j, first, anon_adverb)
    return ("none", None) if src is None else ("ok", src)


def _np_source(d: _Doc, cue: _Cue, j: int, first: int, anon_adverb: bool) -> _Src | None:
    """The source noun phrase ending at token ``j`` before a cue, extended to the left over
    post-modifiers (a spokesman for the agency) and a quantity (some of her allies), or None."""
    tl = d.tl
    np = d.np_left(j, first)
    if np is None:
        return None
    start, head = np
    if not d.head_ok(start, head, cue.strict, first):
        return None
    main_start, main_head = start, head
    ext = d.extend_left(start, first)
    while ext is not None:  # a spokesman for the agency, people familiar with the plan
        main_start, main_head = ext
        start = main_start
        ext = d.extend_left(start, first)
    if start - 2 >= first and tl[start - 1] == "of":
        start = _quantity_before(d, start, first)
    if not _boundary_before(d, start, first):
        return None
    return _Src(start, j if tl[j] not in _MARKUP else head, main_start, main_head, anon_hint=anon_adverb)


#: words that take *of* before a source noun phrase (some of her allies, two of the senators)
_QUANTITIES = frozenset(
    "some many most one two three four five six seven eight nine ten several few all none each both half "
    "majority minority number dozens hundreds thousands millions third quarter".split()
)


def _quantity_before(d: _Doc, start: int, first: int) -> int:
    """The start of a source noun phrase at ``start`` with a quantity and *of* before it
    (*some of her longtime allies*, *a majority of voters*, *74 percent of Republicans*)."""
    tl = d.tl
    k = start - 1
    if k - 1 < first or tl[k] != "of":
        return start
    q = k - 1
    if tl[q] in ("percent", "%") and q - 1 >= first and tl[q - 1][:1].isdigit():
        return q - 1
    if tl[q] in _QUANTITIES or tl[q].isdigit():
        if (
            q - 1 >= first
            and tl[q - 1] in ("a", "the")
            and tl[q] in ("majority", "minority", "number", "third", "quarter")
        ):
            return q - 1
        return q
    return start


def _before_parenthetical(d: _Doc, j: int, first: int) -> int:
    """The token before a short parenthetical that ends at token ``j`` (*Reed (D-R.I.)*, *the
    Institute (AEI)*: at most six tokens inside), else ``j``."""
    tl = d.tl
    k = j - 1
    while k >= first and j - k <= 7 and tl[k] not in ("(", ")"):
        k -= 1
    if k - 1 >= first and j - k <= 7 and tl[k] == "(":
        return k - 1
    return j


def _verb_group_start(d: _Doc, i: int, first: int) -> tuple[int, bool] | None:
    """(the token before the verb group of the cue ``i``, whether an anonymity adverb is in
    the group), or None for a passive (a form of *be* before a cue that is no -ing form).

    The group spans auxiliaries, adverbs and time expressions (*X last week said*, *Homan on
    Tuesday said*; an -ing cue also forms of *be*: *is saying*), and the token before it
    steps back over the period of an abbreviation (*XYZ Corp. said*, *Smith Jr. said*)."""
    tl, lex = d.tl, d.lex
    ing = tl[i].endswith("ing")
    j = i - 1
    anon_adverb = False
    while j >= first:
        w = tl[j]
        if w in lex.be and w not in ("'s", "’s"):
            if not ing:
                return None
            j -= 1
        elif w in lex.aux or d.is_adverb(w) and not d.cap(j):  # (Jolly, Kelly: names, not adverbs)
            anon_adverb = anon_adverb or w in lex.anon_words
            j -= 1
        elif w in lex.time_noun and (not d.cap(j) or w in _DAY_MONTH):
            j -= 1
            while j >= first and (tl[j] in lex.time or tl[j].isdigit() or tl[j] == "."):
                j -= 1
        else:
            break
    if j - 1 >= first and tl[j] == "." and d.cap(j - 1) and len(tl[j - 1]) <= 4 and tl[j - 1].isalpha():
        j -= 1
    return j, anon_adverb


def _antecedent(d: _Doc, cue: _Cue, j: int, first: int, anon_adverb: bool) -> tuple[str, _Src | None]:
    """*Smith, who said the plan would fail, resigned* / *officials who said ...*: the source
    of a cue after *who* or *which* (token ``j``) is the noun phrase before it."""
    tl = d.tl
    k = j - 1
    if tl[k] == ",":
        k -= 1
    np = d.np_left(k, first)
    if np is None:
        return "none", None
    start, head = np
    if not d.head_ok(start, head, cue.strict, first) or tl[head] in d.lex.pronoun:
        return "none", None
    ext = d.extend_left(start, first)
    main_start, main_head = ext if ext is not None else np
    if not _boundary_before(d, main_start, first):
        return "none", None
    return "ok", _Src(main_start, head, main_start, main_head, anon_hint=anon_adverb)


def _appositive_source(d: _Doc, cue: _Cue, j: int, first: int, anon_adverb: bool) -> tuple[str, _Src | None]:
    """A comma or closing mark (token ``j``) before the verb group: the source is a noun
    phrase with an appositive (*Tom Homan, the border czar, said*), or there is none."""
    tl = d.tl
    k = j
    while k >= first and tl[k] in _CLOSE_MARKS:
        k -= 1
    if k >= first and tl[k] == "," and k - 1 >= first:
        src = _appositive(d, k, first, cue)
        if src is None and tl[k - 1] == ")":  # Sen. Jack Reed (D-R.I.), said
            inner = _before_parenthetical(d, k - 1, first)
            src = _np_source(d, cue, inner, first, anon_adverb) if inner != k - 1 else None
            if src is not None:
                src.end = k - 1
        if src is not None:
            src.anon_hint = src.anon_hint or anon_adverb
            return "ok", src
    return "none", None


def _relative_clause_source(d: _Doc, cue: _Cue, j: int, first: int, anon_adverb: bool) -> _Src | None:
    """*An official who spoke on condition of anonymity said*: the noun phrase before a *who*
    or *whom* among the 12 tokens up to ``j`` (no comma or hard mark between) as the source
    of the cue, the relative clause part of it; None where there is none."""
    tl = d.tl
    r = j
    while r >= first and j - r < 12 and tl[r] not in _HARD and tl[r] != ",":
        if tl[r] in ("who", "whom") and r - 1 >= first:
            np = d.np_left(r - 1, first)
            if np is None:
                return None
            start, head = np
            if d.head_ok(start, head, cue.strict, first) and _boundary_before(d, start, first):
                return _Src(start, j, start, head, anon_hint=anon_adverb)
            return None
        r -= 1
    return None


_DAY_MONTH = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december".split()
)


def _boundary_before(d: _Doc, start: int, first: int) -> bool:
    """Whether a source noun phrase starting at ``start`` begins a clause."""
    tl, lex = d.tl, d.lex
    b = start - 1
    while b >= first and tl[b] in _MARKUP:
        b -= 1
    if b < first:
        return True
    w = tl[b]
    if not w[:1].isalnum():
        return True
    return w in lex.clause or w in ("as", "and", "but", "then", "now", "also", "so") or d.is_adverb(w)


def _appositive(d: _Doc, comma: int, first: int, cue: _Cue) -> _Src | None:
    """Tom Homan, identified as the border czar, said ... / an official, who ..., said: the
    noun phrase before the comma that opens the segment ending at ``comma`` (see
    :func:`_comma_segment`) with the segment as its appositive, or None."""
    tl, lex = d.tl, d.lex
    segment = _comma_segment(d, comma, first)
    if segment is None:
        return None
    m, seg_s, seg_e = segment
    k = m - 1
    while k >= first and tl[k] in _CLOSE_MARKS:
        k -= 1
    if k >= first and tl[k] == ")":  # Rep. Elijah Cummings (D-Md.), chair of ..., said
        k = _before_parenthetical(d, k, first)
    np = d.np_left(k, first)
    if np is None:
        return None
    start, head = np
    main_start, main_head = start, head
    ext = d.extend_left(start, first)
    if ext is not None:
        main_start, main_head = ext
        start = main_start
    if not _boundary_before(d, start, first):
        return None
    seg_first = tl[seg_s]
    named = d.cap(main_head) and tl[main_head] not in lex.heads
    if tl[main_head] in lex.pronoun:
        return None
    if not (d.head_ok(main_start, main_head, cue.strict, first) or named):
        return None
    if (
        seg_first.endswith("ing")
        and seg_s == m + 1
        and seg_first not in lex.heads
        and seg_first not in _ING_PREPOSITIONS
    ):
        # Reuters, citing two people familiar with the matter, said / Homan, speaking at a rally,
        # said: a participle clause tells what the source did; the source is the noun phrase,
        # anonymous when the clause marks what it relays as anonymous (citing unnamed officials)
        hint = not lex.anon_words.isdisjoint(tl[seg_s : seg_e + 1]) or _phrase_in(tl, seg_s, seg_e, lex.anon_phrases)
        return _Src(start, k, main_start, main_head, anon_hint=hint)
    ok = named or seg_first in ("who", "whom") or any(tl[x] in lex.heads or d.cap(x) for x in range(seg_s, seg_e + 1))
    if not ok:
        return None
    return _Src(start, seg_e, main_start, main_head, appos=(seg_s, seg_e))


#: the longest appositive between two commas (a senior adviser to Mr. Sanders and past president of ...)
_MAX_APPOSITIVE = 25


def _comma_segment(d: _Doc, comma: int, first: int) -> tuple[int, int, int] | None:
    """The segment between two commas that ends at ``comma``: (the opening comma, first
    token, last token) without quotation marks and markup at its ends, or None when no
    comma opens it within _MAX_APPOSITIVE tokens (a hard mark other than an abbreviation's
    period or a bracket ends the search) or nothing is left."""
    tl = d.tl
    m = comma - 1
    while m >= first and comma - m <= _MAX_APPOSITIVE:
        w = tl[m]
        if w in _HARD and w not in "()" and not (w == "." and m - 1 >= first and d.cap(m - 1) and len(tl[m - 1]) <= 4):
            return None
        if w == ",":
            break
        m -= 1
    else:
        return None
    if m < first or tl[m] != ",":
        return None
    seg_s, seg_e = m + 1, comma - 1
    while seg_s <= seg_e and tl[seg_s] in _QUOTE_MARKS:
        seg_s += 1
    while seg_e >= seg_s and (tl[seg_e] in _QUOTE_MARKS or tl[seg_e] in _MARKUP):
        seg_e -= 1
    if seg_e < seg_s:
        return None
    return m, seg_s, seg_e


#: -ing words that are prepositions, not participles (Critics, including Sen. Stern, argued ...)
_ING_PREPOSITIONS = frozenset(("including", "excluding", "regarding", "concerning", "following", "according", "during"))


def _subject(d: _Doc, sent, cue: _Cue, i: int) -> _Src | None:
    """The source of a participle or coordinated cue: the source of the previous relation
    in the sentence when there is one, otherwise the subject of the sentence."""
    tl, lex = d.tl, d.lex
    first, last = sent.tok_first, sent.tok_last
    prev = d.prev
    if prev is not None and prev.sent == sent.index and prev.cue[1] < i and prev.src is not None:
        p = prev.src
        return _Src(p.start, p.end, p.main_start, p.main_end, p.appos, p.anon_hint)
    k = first
    while k < last and (tl[k] in _QUOTE_MARKS or tl[k] in _MARKUP):
        k += 1
    if k >= last:
        return None
    w = tl[k]
    if w in lex.link or w in lex.clause or d.is_adverb(w) or w.endswith("ing") or k == i:
        # an introductory phrase: the subject follows its comma
        c = k
        while c < last and tl[c] != ",":
            c += 1
        if c >= last or c > i and k != i:
            return None
        k = c + 1
    np = d.np_right(k, last)
    if np is None:
        return None
    start, head = np
    if not d.head_ok(start, head, cue.strict, first):
        return None
    end = d.extend_right(head, last)
    src = _Src(start, end, start, head)
    # an appositive: Tom Homan, Trump's "border czar," has ...
    c = end + 1
    if c < last and tl[c] == ",":
        j = c + 1
        while j < last and j - c <= 12 and tl[j] != "," and tl[j] not in _HARD:
            j += 1
        if j < last and tl[j] == "," and j - c > 1:
            e2 = j - 1
            while e2 > c and (tl[e2] in _QUOTE_MARKS or tl[e2] in _MARKUP):
                e2 -= 1
            if e2 > c and j < i:
                src.end = e2
                src.appos = (c + 1, e2)
    if src.start <= i <= src.end:
        return None
    return src


def _content_right(d: _Doc, cue: _Cue, e: int, last: int) -> _Content | None:
    """Content after a cue ending at token ``e``: a quotation that ends the clause, or the
    (that-)clause to the end of the clause; None where there is none."""
    tl, lex = d.tl, d.lex
    k = d.skip_mods(e + 1, last)
    if (
        cue.lemma in lex.addressee
        and k < last
        and cue.cue_type == "verb"
        and tl[k] not in ("that", ",", ":")
        and d.opens_quote(k) is None
    ):
        k = _after_addressee(d, cue, k, last)
    if k + 1 < last and tl[k] == "," and tl[k + 1].endswith("ing") and d.wordlike(k + 1):
        # X reported, citing three officials, that ...: the participle clause is skipped
        c = next((x for x in range(k + 2, min(k + 14, last)) if tl[x] in (",", ";") or tl[x] in _HARD), last)
        if c + 1 < last and tl[c] == "," and tl[c + 1] == "that":
            k = c + 1
    punct = ""
    if k < last and tl[k] in (",", ":"):
        punct = tl[k]
        k += 1
    that = False
    if k < last and tl[k] == "that":
        that = True
        k += 1
    if k >= last:
        return None
    q = d.opens_quote(k)
    if q is not None:
        qe = bisect_left(d.ts, q.end)  # the token after the quotation
        if qe >= last or not d.wordlike(qe) or d.text[q.content_start : q.content_end].rstrip()[-1:] == ",":
            return _quoted(d, q)
    if punct and q is None:
        return None  # "X said, adding ...": no content after a bare comma
    if (
        cue.frame == "clause"
        and not that
        and tl[k] not in ("whether", "if", "how", "why", "what", "when", "who")
        and not _clause_follows(d, k, last)
    ):
        return None
    end = d.trim_end(k, d.clause_end(k, last))
    if end < k:
        return None
    return _indirect(d.tok_piece(k, end))


def _after_addressee(d: _Doc, cue: _Cue, k: int, last: int) -> int:
    """*X told reporters (that) ...*: the token after the addressee noun phrase at ``k`` when
    content follows it (for *tell* always), else ``k``."""
    tl = d.tl
    np = d.np_right(k, last)
    if np is None:
        return k
    _, head = np
    if head + 1 >= last:
        return k
    k2 = d.skip_mods(head + 1, last)
    nxt = tl[k2] if k2 < last else ""
    if cue.lemma == "tell" or nxt in ("that", ":", ",") or (k2 < last and d.opens_quote(k2) is not None):
        return k2
    return k


def _clause_follows(d: _Doc, k: int, last: int) -> bool:
    """Whether a that-less clause starts at ``k``: a subject followed within six tokens by a
    finite auxiliary or modal (insisted the plan was legal; believes the economy will grow)."""
    tl, lex = d.tl, d.lex
    if tl[k] in lex.pronoun and tl[k] != "it" or tl[k] in ("it", "there"):
        return True
    for x in range(k + 1, min(k + 7, last)):
        w = tl[x]
        if w in lex.be or w in _FINITE:
            return True
        if not d.wordlike(x) and w not in ("'", "’", "-"):
            return False
    return False


_FINITE = frozenset(
    "will would could can may might must should shall has have had does did do won't wouldn't can't".split()
)


def _content_after_comma(d: _Doc, k: int, last: int, direct_left: bool) -> _Content | None:
    """The part after "X said," in a split quotation or a parenthetical attribution (``k``:
    the token after the attribution clause; None unless it is a comma)."""
    tl = d.tl
    if k >= last or tl[k] != ",":
        return None
    k += 1
    if k >= last:
        return None
    q = d.opens_quote(k)
    if q is not None:
        return _quoted(d, q)
    if direct_left:
        return None  # "...," he said, adding ...: only a quotation continues a quotation
    end = d.trim_end(k, last)
    if end < k or tl[k] in d.lex.verb_forms or tl[k].endswith("ing"):
        return None
    return _indirect(d.tok_piece(k, end))


def _content_left(d: _Doc, b: int, first: int) -> _Content | None:
    """Content before an attribution clause whose preceding token ``b`` is a comma or a
    closing quotation mark, or None."""
    tl = d.tl
    k = b
    if tl[k] == "," and k - 1 >= first and tl[k - 1] in _CLOSE_MARKS:
        k -= 1
    if tl[k] in _CLOSE_MARKS:
        q = d.closes_quote(k)
        if q is None:
            return None
        return _quoted(d, q)
    if tl[k] != ",":
        return None
    s = first
    while s < k and (tl[s] in _MARKUP):
        s += 1
    end = k - 1
    if end < s:
        return None
    # a quotation that covers the whole left part is direct
    q = d.opens_quote(s)
    if q is not None and q.end >= d.te[end]:
        return _quoted(d, q)
    if d.in_quote(d.ts[s]) is not None:
        return None
    # a dateline (LOS ANGELES (AP) — ...) is not content
    for x in range(s, min(s + 10, k)):
        if tl[x] in ("—", "–", "--"):
            if not any(tl[y].isalpha() and not d.cap(y) for y in range(s, x)):
                s = x + 1
            break
    e2 = d.trim_end(s, k)
    if e2 < s:
        return None
    return _indirect(d.tok_piece(s, e2))


def _content_around(d: _Doc, b: int, k: int, first: int, last: int) -> _Content | None:
    """Content around an attribution clause between tokens ``b`` (a comma or closing mark
    before it) and ``k`` (the token after it): the part before, and after a comma, the part
    after (*"A," X said, "B."*; *The plan, officials said, would ...*); None without the part
    before."""
    left = _content_left(d, b, first)
    if left is None:
        return None
    right = _content_after_comma(d, k, last, left.direct)
    return left if right is None else left.then(right)


#: the longest source an *according to* phrase takes up to its comma or the sentence end
_MAX_ACCORDING_SOURCE = 16
#: tokens that end the noun phrase of an *according to* source
_ACCORDING_STOPS = frozenset((",", ";", ":", "(", ")", "—", "–", "--")) | _SENT_END
#: a conjunction that may open a sentence before a fronted *according to* (But according to X, ...)
_OPENING_CONJUNCTIONS = frozenset(("but", "and", "yet", "so", "still"))
#: heads after *according to* that make no source (according to plan, according to the rules)
_NOT_ACCORDING_SOURCES = frozenset(("plan", "plans", "rule", "rules", "schedule", "law", "laws", "script", "tradition"))


def _according(d: _Doc, cue: _Cue, i: int, e: int, sent) -> Attribution | None:
    """according to X, ... / ..., according to X. / ... according to X.

    The source is everything from the cue to the comma or sentence end that closes the
    prepositional phrase (*according to their friends and advisers,*; *according to a Quinnipiac
    poll conducted in February.*; :func:`_according_source`). Fronted (the phrase opens the
    sentence, after a conjunction at most) the content is the rest of the sentence; after a
    comma the content is before it (and after the next comma: *The plan, according to
    officials, would ...*); otherwise what precedes the cue."""
    tl = d.tl
    first, last = sent.tok_first, sent.tok_last
    src = _according_source(d, e + 1, first, last)
    if src is None:
        return None
    b = i - 1
    while b >= first and tl[b] in _MARKUP:
        b -= 1
    k = src.end + 1
    while k < last and tl[k] in _MARKUP:
        k += 1
    if b >= first and tl[b] in _OPENING_CONJUNCTIONS and (b == first or tl[b - 1] in _OPEN_MARKS):
        b = first - 1
    if b < first or tl[b] in _OPEN_MARKS:
        if k < last and tl[k] == ",":
            k += 1
            q = d.opens_quote(k) if k < last else None
            content = (
                _quoted(d, q) if q is not None else _indirect(d.tok_piece(k, d.trim_end(k, d.clause_end(k, last))))
            )
            return _finish(d, sent, cue, i, e, src, content, "according-to")
        return None
    if tl[b] == ",":
        left = _content_left(d, b, first)
        if left is None:
            return None
        right = _content_after_comma(d, k, last, left.direct)
        if right is not None:  # (the quotations of the part after the comma are not kept, unlike in _verb)
            left = _Content(left.pieces + right.pieces, left.direct and right.direct, left.quotes)
        return _finish(d, sent, cue, i, e, src, left, "according-to")
    # ... this month according to officials: the content is what precedes
    return _finish(d, sent, cue, i, e, src, _indirect(d.tok_piece(first, b)), "according-to")


def _according_source(d: _Doc, k: int, first: int, last: int) -> _Src | None:
    """The source of *according to* starting at token ``k``: up to the comma, dash, bracket or
    sentence end that closes it (at most _MAX_ACCORDING_SOURCE tokens; else the noun phrase
    and its post-modifiers), or None when no source head starts there. Its main head is the
    head of the first noun phrase (*a report by the inspector general*: report)."""
    tl = d.tl
    np = d.np_right(k, last)
    if np is not None:  # (any noun phrase: *according to* makes it a source, except plan, rules ...)
        start, head = np
        if tl[head] in _NOT_ACCORDING_SOURCES:
            return None
    elif k < last and tl[k] in d.lex.det:
        start = head = k + 1  # the recently released playbook: the head is found below
        while head + 1 < last and d.wordlike(head + 1) and tl[head + 1] not in d.lex.link:
            head += 1
        start = k
    else:
        return None
    stop = start
    while (
        stop < last
        and stop - start < _MAX_ACCORDING_SOURCE
        and tl[stop] not in _ACCORDING_STOPS
        and not (tl[stop] in _QUOTE_MARKS and d.opens_quote(stop) is not None)
    ):
        stop += 1
    if stop - start >= _MAX_ACCORDING_SOURCE:
        if np is None:
            return None
        end = d.extend_right(head, last)
    else:
        end = stop - 1
        while end > head and (tl[end] in _MARKUP or tl[end] in _CLOSE_MARKS):
            end -= 1
    return _Src(start, max(end, head), start, head)


def _adverb(d: _Doc, cue: _Cue, i: int, sent) -> Attribution | None:
    """*Officials reportedly plan to close the plant.* / *Reportedly, he made threats.*: an
    adverb cue (``cue_type`` ``adverb``) reports its clause with no source named (PARC: the
    adverb is the cue, the clause around it the content; ``source_type`` ``unattributed``).
    The content is the clause from its start (the sentence start or the last ``;``) to its end,
    in two parts around the adverb and its commas."""
    tl = d.tl
    first, last = sent.tok_first, sent.tok_last
    start = first
    for x in range(i - 1, first - 1, -1):
        if tl[x] == ";":
            start = x + 1
            break
    while start < i and (tl[start] in _MARKUP or tl[start] in _OPEN_MARKS):
        start += 1
    left_end = i - 1
    while left_end >= start and tl[left_end] in (",", "—", "–"):
        left_end -= 1
    k = i + 1
    while k < last and tl[k] in (",", "—", "–"):
        k += 1
    if k >= last:
        return None
    end = d.trim_end(k, d.clause_end(k, last))
    pieces = [p for p in (d.tok_piece(start, left_end), d.tok_piece(k, end)) if p is not None]
    if not pieces or end < k:
        return None
    # (positional, in field order, as in _new; no source, no speaker)
    return Attribution(sent.index, (i, i), cue, None, "unattributed", "", pieces, False, "adverb")


def _colon(d: _Doc, cue: _Cue, i: int, sent) -> Attribution | None:
    """Name: "quotation" (a headline or a sentence that opens with its source)."""
    tl = d.tl
    first, last = sent.tok_first, sent.tok_last
    if i + 1 >= last:
        return None
    q = d.opens_quote(i + 1)
    if q is None:
        return _headline_colon(d, cue, i, sent)
    np = d.np_left(i - 1, first)
    if np is None:
        return None
    start, head = np
    s = first
    while s < start and (tl[s] in _MARKUP or tl[s] in _QUOTE_MARKS):
        s += 1
    if s != start or not d.head_ok(start, head, True, first):
        return None
    src = _Src(start, i - 1 if d.wordlike(i - 1) else head, start, head)
    return _finish(d, sent, cue, i, i, src, _quoted(d, q), "colon")


#: words before a colon that label a line rather than name a speaker (Update: ..., Poll results: ...)
_COLON_LABELS = frozenset(
    "update correction note editor's watch read related photo video live breaking exclusive opinion "
    "analysis transcript watch: listen".split()
)


def _headline_colon(d: _Doc, cue: _Cue, i: int, sent) -> Attribution | None:
    """*McCain: Republican Anger Appeals to 'Bad Angels'* / *Q: How did it go?*: a headline or a
    one-sentence paragraph that opens with a name (at most five words, the first capitalised:
    *Clinton camp:*) and a
    colon attributes the rest of its line to that name (PolNeAR marks these colon
    attributions). Not for a label (*Update:*, *The Latest:*, an all-capitals rubric) or a
    sentence of running prose."""
    tl = d.tl
    first, last = sent.tok_first, sent.tok_last
    alone = sent.kind != "body" or (
        (sent.index == 0 or d.sents[sent.index - 1].para_index != sent.para_index)
        and (sent.index + 1 >= len(d.sents) or d.sents[sent.index + 1].para_index != sent.para_index)
    )
    s = first
    while s < i and (tl[s] in _MARKUP or tl[s] in _QUOTE_MARKS):
        s += 1
    if not alone or s >= i or i - s > 5 or not d.cap(s):
        return None
    if tl[i - 1] in _COLON_LABELS or tl[s] in _COLON_LABELS or tl[s] in d.lex.det or not d.wordlike(i - 1):
        return None  # a label (Update:, The Latest:, His final assessment:), not a name
    if any(len(d.tl[x]) > 3 and d.text[d.ts[x] : d.te[x]].isupper() for x in range(s, i)):
        return None  # an all-capitals rubric (STAT OF THE WEEK:, HUFFPOLLSTER:)
    end = d.trim_end(i + 1, last)
    if end < i + 1:
        return None
    return _finish(d, sent, cue, i, i, _Src(s, i - 1, s, i - 1), _indirect(d.tok_piece(i + 1, end)), "colon")


#: finite auxiliaries and forms of *be* that start a verb group (see _noun)
_TENSED = _FINITE | frozenset(("is", "are", "was", "were", "am"))
#: possessive pronouns before a noun cue, and the pronoun the speaker key takes (see _resolve)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
#: first words of a fronted adverbial (*Despite the governor's promise that ..., the budget ...*)
_FRONTED = frozenset(
    "despite after amid given following before with since because as while although though if when".split()
)


def _noun(d: _Doc, cue: _Cue, i: int, sent) -> Attribution | None:
    """X's claim that ...: a noun cue (``cue_type`` ``noun``) after a possessive noun
    phrase, its source, with a that-clause, its content (nominal cues: Pareti 2016).

    One modifier may stand between (*Trump's repeated claim that*); *his*, *her* and *their*
    make a pronoun source (resolved as *he*, *she*, *they*). Where the noun phrase is the
    object of the sentence (*officials dismissed the senator's claim that ...*) the content
    runs to the end of the clause, or to the first comma in a fronted adverbial (*Despite
    the governor's promise that ..., the budget ...*). Where it opens the sentence (*The senator's
    claim that the vote was rigged has been debunked*) the content ends before the second
    verb group (a finite auxiliary or form of *be* not inside a relative clause), which
    starts the sentence's own predicate; with no second group (*... drew ridicule*) the
    extent cannot be told without a parser and no relation is made.
    """
    tl, lex = d.tl, d.lex
    first, last = sent.tok_first, sent.tok_last
    k = i + 1
    if k + 2 >= last or tl[k] != "that" or sent.kind == "body" and d.cap(i):
        return None
    p = i - 1
    if p > first and not d.possessive(tl[p]) and tl[p].isalpha() and tl[p] not in lex.np_not_head:
        p -= 1
    if p < first:
        return None
    pron = _POSSESSIVE_PRONOUNS.get(tl[p])
    if pron is not None:
        start = head = p
    elif not d.possessive(tl[p]):
        return None
    else:
        np = d.np_left(p, first)
        if np is None:
            return None
        start, head = np
        word = tl[head][:-2]
        if not (word in lex.heads or d.cap(head) or tl[start] in lex.det and word.isalpha()):
            return None
    c0 = k + 1
    lead = first
    while lead < start and (tl[lead] in _MARKUP or tl[lead] in _QUOTE_MARKS):
        lead += 1
    if lead == start:
        groups = [
            x
            for x in range(c0 + 1, last)
            if tl[x] in _TENSED
            and tl[x - 1] not in _TENSED
            and tl[x - 1] not in lex.aux
            and tl[x - 1] not in ("who", "which", "that")
        ]
        if len(groups) < 2:
            return None
        end = d.trim_end(c0, groups[1])
    else:
        stop = d.clause_end(c0, last)
        if tl[lead] in _FRONTED:
            stop = next((x for x in range(c0, stop) if tl[x] == ","), stop)
        end = d.trim_end(c0, stop)
    if end < c0:
        return None
    rel = _finish(d, sent, cue, i, i, _Src(start, p, start, head), _indirect(d.tok_piece(c0, end)), "noun")
    if rel is not None and pron is not None:
        rel.source_type, rel.speaker = "pronoun", pron
    return rel


# ---------------------------------------------------------------------------
# Source types and speakers


def _phrase_in(tl, a: int, b: int, phrases: dict) -> bool:
    """Whether tokens a..b (inclusive) contain one of ``phrases`` (first token -> tuples)."""
    if phrases.keys().isdisjoint(tl[a : b + 1]):  # no phrase starts in the range
        return False
    for x in range(a, b + 1):
        for pat in phrases.get(tl[x], ()):
            if tuple(tl[x : x + len(pat)]) == pat and x + len(pat) - 1 <= b:
                return True
    return False


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _classify(d: _Doc, src: _Src, sent) -> tuple[str, str, str, str]:
    """(source_type, speaker key, person name, role alias) of a source: the type of the head
    of its main noun phrase (:func:`_head_type`); for a person the name without titles and a
    role given in apposition; a role or anonymous source named in apposition (*a spokesman
    for ICE, Jane Doe,*) is that person; then anonymity (:func:`_anonymous`) and the speaker
    key (:func:`_speaker_key`)."""
    tl, text, ts = d.tl, d.text, d.ts
    head = src.main_end
    head_cap = text[ts[head]].isupper()
    if head_cap:
        # the Department of Justice, the Centers for Disease Control: the head precedes "of"/"for"
        # (a new head is capitalised too, so head_cap still holds)
        for x in range(src.main_start + 1, head):
            if tl[x] in ("of", "for") and text[ts[x - 1]].isupper() and text[ts[x + 1]].isupper():
                head = x - 1
                break
    hw = tl[head]
    if hw.endswith(("'s", "’s")):  # (_strip_possessive)
        hw = hw[:-2]
    stype = _head_type(d, src.main_start, head, hw, head_cap)
    name = role_alias = ""
    if stype == "person":
        name = _person_name(d, src.main_start, head)
        if src.appos is not None:
            role_alias = _appositive_role(d, *src.appos)
    elif src.appos is not None and stype in ("role", "anonymous"):
        name = _capitalised_name(d, *src.appos)  # a spokesman for ICE, Jane Doe, said
        if name:
            role_alias = _norm(d, src.main_start, head)
            stype = "person"
    # (whether the source is anonymous only matters for the other types: computed for them only)
    if stype not in ("person", "anonymous") and _anonymous(d, src, sent):
        stype = "anonymous"
    return stype, _speaker_key(d, src, stype, head, hw, name), name, role_alias


def _head_type(d: _Doc, main_start: int, head: int, hw: str, head_cap: bool) -> str:
    """The source type of a noun phrase from ``main_start`` by its head (token ``head``, word
    ``hw`` without a possessive ending; ``head_cap``: capitalised): the kind of the word in
    ``attribution_sources.csv``, else an acronym (ICE, the IMF) or a capitalised name after
    *the* (the Federal Reserve) is an organisation, another capitalised name a person, and a
    lower-case word a role."""
    lex = d.lex
    if hw in lex.pronoun:
        return "pronoun"
    if hw in lex.anon:
        return "anonymous"
    if hw in lex.doc and (not head_cap or hw not in lex.org):
        return "document"
    if hw in lex.org:
        return "organization"
    if hw in lex.role:
        return "role"
    if len(hw) > 1 and _strip_possessive(d.text[d.ts[head] : d.te[head]]).replace(".", "").isupper():
        return "organization"  # ICE, FBI, the IMF
    if head_cap:
        return "organization" if d.tl[main_start] == "the" else "person"
    return "role"


def _person_name(d: _Doc, main_start: int, head: int) -> str:
    """A person's name: the capitalised words of the main phrase after its last title or role
    word (*Los Angeles County Fire Chief Anthony Marrone* -> *Anthony Marrone*), without a
    possessive ending."""
    tl, lex, text, ts, te = d.tl, d.lex, d.text, d.ts, d.te
    det = lex.det
    words = [
        x for x in range(main_start, head + 1) if tl[x] not in det and tl[x][:1].isalnum() and text[ts[x]].isupper()
    ]
    for n in range(len(words) - 2, -1, -1):
        if tl[words[n]] in lex.title or tl[words[n]] in lex.role:
            words = words[n + 1 :]
            break
    parts = [text[ts[x] : te[x]] for x in words]
    return " ".join([t[:-2] if t.endswith(("'s", "’s")) else t for t in parts])


def _appositive_role(d: _Doc, a: int, b: int) -> str:
    """The role a person's appositive (tokens ``a..b``) gives, as a key (*identified as the
    border czar* -> *border czar*)."""
    tl = d.tl
    for x in range(a, min(a + 3, b)):
        if tl[x] == "as":
            a = x + 1
    return _norm(d, a, b)


def _capitalised_name(d: _Doc, a: int, b: int) -> str:
    """Tokens ``a..b`` as a name when every one is a capitalised word that is no source head
    (*Jane Doe*), else ""."""
    tl, text, ts, te, heads = d.tl, d.text, d.ts, d.te, d.lex.heads
    caps = [x for x in range(a, b + 1) if d.cap(x) and tl[x] not in heads]
    if caps and len(caps) == b - a + 1:
        return " ".join(text[ts[x] : te[x]] for x in caps)
    return ""


def _speaker_key(d: _Doc, src: _Src, stype: str, head: int, hw: str, name: str) -> str:
    """The key that joins mentions of one speaker: a person's name, a document's head word in
    the singular, the pronoun, or the noun phrase (lower case for anonymous and role sources;
    the whole phrase for anonymous ones, the main phrase up to the head otherwise)."""
    if stype == "person":
        return name
    if stype == "document":
        return hw[:-1] if hw.endswith("s") and hw[:-1] in d.lex.doc else hw
    if stype == "pronoun":
        return hw
    if stype == "anonymous":
        return _norm(d, src.start, src.end).lower()
    if stype == "role":
        return _norm(d, src.main_start, head).lower()
    return _norm(d, src.main_start, head)


def _anonymous(d: _Doc, src: _Src, sent) -> bool:
    """Whether a source is marked anonymous: an adverb before the cue, an anonymity word or
    phrase in the source, or anonymity named elsewhere in the sentence."""
    tl, lex = d.tl, d.lex
    if src.anon_hint or not lex.anon_words.isdisjoint(tl[src.start : src.end + 1]):
        return True
    if _phrase_in(tl, src.start, src.end, lex.anon_phrases):
        return True
    # on condition of anonymity / requested anonymity elsewhere in the sentence
    return d.sentence_anonymous(sent)


def _norm(d: _Doc, a: int, b: int) -> str:
    """A noun phrase as a speaker key: without leading determiners, quotation marks and markup."""
    tl, det = d.tl, d.lex.det
    while a <= b and (tl[a] in det or not tl[a][:1].isalnum()):
        a += 1
    if a > b:
        return ""
    text, ts, te = d.text, d.ts, d.te
    words = []
    for x in range(a, b + 1):
        t = text[ts[x] : te[x]]
        if t not in _QUOTE_MARKS and t not in _MARKUP:
            words.append(t)
    out = " ".join(words).replace(" ,", ",").replace(" .", ".")
    return out[:-2] if out.endswith(("'s", "’s")) else out  # (_strip_possessive)


def _continue_quotes(d: _Doc, rels: list[Attribution]) -> None:
    """A quotation opening the next sentence of the same paragraph, with no cue of its own,
    continues a direct attribution ("A," X said. "B.")."""
    if not rels:
        return
    used = {id(q) for r in rels for q in r.quotes}
    sents_with = {r.sent for r in rels}
    sents = d.sents
    for r in rels:
        if not r.quotes:
            continue
        last_q = max(r.quotes, key=lambda q: q.end)
        if last_q.end < r.content[-1][1]:
            continue
        s_idx = d.doc.sentence_at(max(last_q.end - 1, 0))
        for _ in range(3):
            nxt = s_idx + 1
            if s_idx < 0 or nxt >= len(sents) or nxt in sents_with:
                break
            s_cur, s_next = sents[s_idx], sents[nxt]
            if s_next.para_index != s_cur.para_index or s_next.tok_first >= s_next.tok_last:
                break
            q = d.opens_quote(s_next.tok_first)
            if q is None or id(q) in used or q.end < s_next.end - 2:
                break
            r.content.append(d.quote_piece(q))
            r.quotes.append(q)
            used.add(id(q))
            sents_with.add(nxt)
            s_idx = d.doc.sentence_at(max(q.end - 1, 0))


#: a quotation of at least this many words that no relation claims continues the speaker before it,
#: named at most ORPHAN_PARAGRAPHS paragraphs earlier
ORPHAN_QUOTE_WORDS = 4
ORPHAN_PARAGRAPHS = 2


def _orphan_quotes(d: _Doc, rels: list[Attribution]) -> None:
    """A quotation of at least ORPHAN_QUOTE_WORDS words that no relation claims is more of the
    words of the speaker before it: it joins the content of the last relation whose cue stands
    before it, in the same paragraph or at most ORPHAN_PARAGRAPHS paragraphs before (a
    quotation that runs on over paragraphs, or a speaker quoted again: ``"A," X said. ...
    "B."``; Pareti 2016: the content runs until the quote closes). News names a new speaker
    before quoting them, so the last one named is the one quoted. On PolNeAR train nine in
    ten words of such quotations are annotated as content."""
    if not rels or not d.quotes:
        return
    claimed = sorted((a, b) for r in rels for a, b in r.content)
    starts = [a for a, _ in claimed]
    ts, sents, tok_sent = d.ts, d.sents, d.doc.tok_sent
    cue_at = [ts[r.cue[0]] for r in rels]
    for q in d.quotes:
        x = bisect_right(starts, q.content_start) - 1
        if x >= 0 and claimed[x][1] > q.content_start or x + 1 < len(claimed) and claimed[x + 1][0] < q.content_end:
            continue  # (part of a content already)
        if q.n_words(d.text) < ORPHAN_QUOTE_WORDS:
            continue
        n = bisect_left(cue_at, q.start) - 1
        if n < 0:
            continue
        r = rels[n]
        k = bisect_left(ts, q.start)
        if k >= len(ts):
            continue
        if sents[tok_sent[k]].para_index - sents[r.sent].para_index <= ORPHAN_PARAGRAPHS:
            r.content.append(d.quote_piece(q))
            r.quotes.append(q)


#: conjunctions after a comma that start a new clause with its own source (..., but pollsters insisted ...)
_CLAUSE_CONJUNCTIONS = frozenset(("but", "and", "while", "whereas", "yet"))


def _cut_at_next_source(d: _Doc, prev: Attribution, cur: Attribution) -> None:
    """End ``prev``'s indirect content before the next relation of its sentence when that
    relation's source stands inside it after a clause boundary: *Critics argue the survey
    was flawed, but pollsters insisted ...* (comma and conjunction) and *A study suggests
    that ..., researchers reported* (the next relation's content lies to its left, so the
    comma before its source ends the earlier content)."""
    tl = d.tl
    s, e = prev.content[-1]
    if cur.source is None:
        return  # (a relation without a source: it was reported that ...)
    j = cur.source[0]
    if not s < d.ts[j] < e:
        return
    k = j - 1
    if cur.arrangement == "source-cue-content":
        if k < 1 or tl[k] not in _CLAUSE_CONJUNCTIONS or tl[k - 1] != ",":
            return
        k -= 1
    elif tl[k] != ",":
        return
    k -= 1  # the token before the comma
    if k >= 0 and d.te[k] > s:
        prev.content[-1] = (s, d.te[k])


def _resolve(d: _Doc, rels: list[Attribution]) -> None:
    """Cut contents at a following coordinated/participle cue of the same source or at the
    source of a following relation after a clause boundary (:func:`_cut_at_next_source`);
    resolve pronouns; join surnames and role aliases to full names."""
    tl = d.tl
    for prev, cur in zip(rels, rels[1:]):
        if cur.sent != prev.sent or prev.is_direct:
            continue
        if cur.arrangement in ("participle", "coordination"):
            cut = d.ts[cur.cue[0]]
            s, e = prev.content[-1]
            if s < cut <= e:
                k = cur.cue[0] - 1
                while (
                    k > cur.cue[0] - 4
                    and k >= 0
                    and (tl[k] in (",", "and", "but", "—", "–") or tl[k] in d.lex.aux or d.is_adverb(tl[k]))
                ):
                    k -= 1
                new_end = d.te[k]
                if new_end > s:
                    prev.content[-1] = (s, new_end)
        elif cur.arrangement in ("source-cue-content", "content-source-cue"):
            _cut_at_next_source(d, prev, cur)
    # speaker keys: surnames and role aliases
    full: dict[str, str] = {}
    alias: dict[str, str] = {}
    for r in rels:
        if r.source_type == "person" and r.speaker and " " in r.speaker:
            full.setdefault(r.speaker.split()[-1], r.speaker)
            if r.role_alias:
                alias.setdefault(r.role_alias.lower(), r.speaker)
    for r in rels:
        if r.source_type == "person" and r.speaker in full:
            r.speaker = full[r.speaker]
        elif r.source_type == "role" and r.speaker.lower() in alias:
            r.speaker = alias[r.speaker.lower()]
            r.resolved_type = "person"
    # pronouns: he / she -> the most recent person speaker, when unambiguous
    recent: list[tuple[int, str]] = []  # (sentence, speaker) of person speakers
    for r in rels:
        if r.source_type == "pronoun":
            pron = r.speaker
            r.resolved_type = ""
            if pron in ("he", "she"):
                window = [spk for s, spk in recent if r.sent - s <= PRONOUN_WINDOW]
                if window and len(set(window[-2:])) == 1 and window[-1]:
                    r.speaker = window[-1]
                    r.resolved_type = "person"
            if r.resolved_type:
                recent.append((r.sent, r.speaker))
            continue
        if r.source_type == "person" or r.resolved_type == "person":
            recent.append((r.sent, r.speaker))
        elif r.resolved_type == "anon":
            r.resolved_type = ""


# ---------------------------------------------------------------------------
# The annotator


#: how well the layer's main measures agree with people (docs/validity.md, benchmarks/validity.py)
ATTRIBUTION_VALIDITY = (
    "PolNeAR dev, 84 political news articles (Newell et al. 2018): token F1 cue 0.52 [0.48, 0.56], "
    "source 0.63 [0.60, 0.67], content 0.78 [0.74, 0.81], precision 0.87-0.91 (it misses more "
    "attributions than it invents); a say/tell/according-to baseline reaches cue 0.32; annotators "
    "agree at token-level alpha 0.754"
)


class AttributionAnnotator(Annotator):
    """Attribution relations (source, cue, content) in the PARC scheme; see the module docstring.

    Writes spans in layers ``source`` (category: source type), ``cue`` (category: verb
    class) and ``content`` (category: ``direct`` or ``indirect``), all carrying
    ``attribution_id`` and ``speaker``; one row per relation to ``out.attributions``; and
    the document measures

    - ``attributed_share``: share of word tokens of body sentences inside attributed content;
    - ``direct_quote_share``: share of word tokens of body sentences inside the content of
      direct (quoted) attributions;
    - ``n_attributions``; ``n_speakers`` (distinct speaker keys; unresolved pronouns excluded);
    - ``anonymous_share`` and ``document_share``: share of attributions whose source is
      anonymous / a document (NaN without attributions);

    and long-form ``source_type:<type>`` and ``verb_class:<class>`` shares of attributions
    plus ``direct_attribution_share`` (share of attributions that are direct quotations).
    """

    title = "Attribution"
    span_layers = (
        SpanLayer(
            "source", "source: who is cited", "box", "outline: 1.5px solid #0072B2; outline-offset: 1px;", SOURCE_TYPES
        ),
        SpanLayer(
            "cue",
            "cue: the reporting verb or phrase (said, according to)",
            "bold, overline",
            "font-weight: bold; text-decoration: overline #CC79A7; text-decoration-thickness: 2px;",
            VERB_CLASSES,
        ),
        SpanLayer(
            "content",
            "content: what the source is reported to have said",
            "italic, grey tint",
            "font-style: italic; background: #EDEDED;",
            ("direct", "indirect"),
        ),
    )
    measures = (
        Measure(
            "attributed_share",
            "share",
            "share of word tokens of body sentences inside attributed content",
            "more of the text attributed to sources",
            token_share("content"),
            compare=True,
            validity=ATTRIBUTION_VALIDITY,
        ),
        Measure(
            "direct_quote_share",
            "share",
            "share of word tokens of body sentences inside direct quotations",
            "more of the text in sources' own words",
            token_share("direct"),
            compare=True,
            validity=ATTRIBUTION_VALIDITY,
        ),
        Measure("n_attributions", "count", "attribution relations", "more attributions"),
        Measure("n_speakers", "count", "distinct speakers (unresolved pronouns excluded)", "more voices"),
        Measure(
            "anonymous_share",
            "share",
            "share of attributions to anonymous sources",
            "more anonymous sourcing",
            attribution_share(source_type="anonymous"),
            compare=True,
            validity=ATTRIBUTION_VALIDITY,
        ),
        Measure(
            "document_share",
            "share",
            "share of attributions to documents",
            "more sourcing to documents",
            attribution_share(source_type="document"),
        ),
        Measure(
            "source_type:{type}",
            "share",
            "share of attributions with that source type",
            "more sources of that type",
            attribution_share(source_type="{type}"),
            long_only=True,
            validity=ATTRIBUTION_VALIDITY,
        ),
        Measure(
            "verb_class:{class}",
            "share",
            "share of attributions with a cue of that class",
            "more cues of that class",
            attribution_share(verb_class="{class}"),
            long_only=True,
            validity=ATTRIBUTION_VALIDITY,
        ),
        Measure(
            "direct_attribution_share",
            "share",
            "share of attributions that are direct quotations",
            "more direct quotation",
            attribution_share(is_direct=True),
            long_only=True,
        ),
    )
    method = (
        "Attribution relations follow the PARC scheme (Pareti 2016): a source, a reporting cue and "
        "the attributed content, for direct quotations and indirect speech, found with quotation and "
        "reporting-verb patterns. Sources are typed person, role, organization, anonymous, document or pronoun, "
        "or unattributed when the writer names no one (it was reported that ...; X is said to ...); "
        "reporting verbs are classed neutral, endorsing, distancing, emotive, directive or cognitive (after "
        "Bergler 1992; Thompson & Ye 1991; Caldas-Coulthard 1994). attributed_share is the share of body tokens "
        "inside attributed content, direct_quote_share the share inside direct quotations, anonymous_share the "
        "share of attributions to anonymous sources."
    )

    def __init__(self):
        pass

    def versions(self) -> dict[str, str]:
        return lexicon_versions()

    def annotate(self, doc: Document, out: DocResult) -> None:
        codes = _token_codes(doc.tok_lower)
        try:
            rels = _extract(doc, codes)
        except Exception as exc:  # never an exception for text: a missed relation at worst
            log.debug("document %r: attribution failed: %s", doc.doc_id, exc, exc_info=True)
            rels = []
        covered = bytearray(doc.n_tokens)  # 1 for each token inside attributed content
        direct_cov = bytearray(doc.n_tokens)  # ... inside directly quoted content
        for n, r in enumerate(rels, start=1):
            _write_relation(doc, out, f"{doc.doc_id}/a{n:03d}", r, covered, direct_cov)
        _measures(doc, out, rels, covered, direct_cov, codes)


def _write_relation(doc: Document, out: DocResult, aid: str, r: Attribution, covered, direct_cov) -> None:
    """The evidence rows (source, cue, content parts) and the attributions row of relation ``r``;
    marks the tokens of its content in ``covered`` (and ``direct_cov`` for a direct quotation)."""
    text = doc.text
    ts = doc.tok_start
    te = doc.tok_end
    tok_sent = doc.tok_sent
    doc_id = doc.doc_id
    out_text = out._text
    span_rows = out.span_rows

    c0, c1 = ts[r.cue[0]], te[r.cue[1]]
    # a relation without a source (it was reported that ...): an empty source at the cue
    s0, s1 = (ts[r.source[0]], te[r.source[1]]) if r.source is not None else (c0, c0)
    k0, k1 = r.content[0][0], r.content[-1][1]
    vclass = r.cue_entry.verb_class
    lemma = r.cue_entry.lemma
    arrangement, speaker = r.arrangement, r.speaker
    # the rows DocResult.add_span would build as tuples (keys SOURCE_KEYS / CUE_KEYS:
    # the same keys, order and values); source and cue start at a token, the sentence of theirs
    if s1 > s0:  # (no evidence row for an empty source)
        span_rows(SOURCE_KEYS).append(
            (
                doc_id,
                tok_sent[r.source[0]],
                s0,
                s1,
                out_text[s0:s1],
                "source",
                r.source_type,
                arrangement,
                aid,
                speaker,
            )
        )
    span_rows(CUE_KEYS).append(
        (
            doc_id,
            tok_sent[r.cue[0]],
            c0,
            c1,
            out_text[c0:c1],
            "cue",
            vclass,
            arrangement,
            lemma,
            aid,
            speaker,
        )
    )
    kind = "direct" if r.is_direct else "indirect"
    content_rows = span_rows(SOURCE_KEYS)
    for a, b in r.content:
        k = bisect_right(ts, a) - 1
        content_rows.append(
            (
                doc_id,
                tok_sent[k] if k >= 0 else 0,
                a,
                b,
                out_text[a:b],
                "content",
                kind,
                arrangement,
                aid,
                speaker,
            )
        )
        i, j = bisect_left(ts, a), bisect_left(ts, b)  # tokens inside characters [a, b)
        covered[i:j] = b"\x01" * (j - i)
        if r.is_direct:
            direct_cov[i:j] = b"\x01" * (j - i)
    out.attributions.append(
        {
            "doc_id": doc_id,
            "attribution_id": aid,
            "source_text": text[s0:s1],
            "source_type": r.source_type,
            "speaker": speaker,
            "cue_text": text[c0:c1],
            "cue_lemma": lemma,
            "verb_class": vclass,
            "content_text": text[k0:k1],
            "is_direct": bool(r.is_direct),
            "source_start": s0,
            "source_end": s1,
            "cue_start": c0,
            "cue_end": c1,
            "content_start": k0,
            "content_end": k1,
            "sent_index": r.sent,
            "arrangement": arrangement,
            "n_content_parts": len(r.content),
            "speaker_type": r.resolved_type or r.source_type,
        }
    )


def _measures(doc: Document, out: DocResult, rels: list[Attribution], covered, direct_cov, codes: _TokenMarks) -> None:
    # word tokens of body sentences; covered / direct_cov mark content tokens (1 per token)
    word = bytearray(codes.is_word)
    for s in doc.sentences:
        if s.kind != "body" and s.tok_last > s.tok_first:
            word[s.tok_first : s.tok_last] = bytes(s.tok_last - s.tok_first)
    n_body = word.count(1)
    w = int.from_bytes(word, "little")
    n_att = (w & int.from_bytes(covered, "little")).bit_count() if rels else 0
    n_dir = (w & int.from_bytes(direct_cov, "little")).bit_count() if rels else 0
    n = len(rels)
    nan = float("nan")
    out.measures["attributed_share"] = n_att / n_body if n_body else nan
    out.measures["direct_quote_share"] = n_dir / n_body if n_body else nan
    out.measures["n_attributions"] = n
    out.measures["n_speakers"] = len(
        {r.speaker for r in rels if r.speaker and not (r.source_type == "pronoun" and not r.resolved_type)}
    )
    types = Counter(map(attrgetter("source_type"), rels))
    classes = Counter(map(attrgetter("cue_entry.verb_class"), rels))
    out.measures["anonymous_share"] = types["anonymous"] / n if n else nan
    out.measures["document_share"] = types["document"] / n if n else nan
    if n:  # the rows of DocResult.add_measure, in the same order
        add = out.long_measures.append
        for name, t in _SOURCE_TYPE_MEASURES:
            add((name, types[t] / n))
        for name, c in _VERB_CLASS_MEASURES:
            add((name, classes[c] / n))
        add(("direct_attribution_share", sum(map(attrgetter("is_direct"), rels)) / n))


#: the keys of the evidence rows (DocResult.span_rows) of layers source and content, and of layer cue
SOURCE_KEYS = (*SPAN_COLUMNS, "attribution_id", "speaker")
CUE_KEYS = (*SPAN_COLUMNS, "cue_lemma", "attribution_id", "speaker")

_SOURCE_TYPE_MEASURES = [(f"source_type:{t}", t) for t in SOURCE_TYPES]
_VERB_CLASS_MEASURES = [(f"verb_class:{c}", c) for c in VERB_CLASSES]


# ---------------------------------------------------------------------------
# The speaker table


def speakers(result):
    """One row per ``doc_id`` x ``speaker``: who speaks in each document and how.

    Columns: ``doc_id``, ``speaker`` (the normalised key, see the module docstring),
    ``source_type`` (the most frequent type of the speaker's mentions; a pronoun resolved
    to a person counts as ``person``), ``n_attributions``, ``n_direct``, ``verb_classes``
    (``class:count`` pairs, most frequent first), ``cues`` (the cue lemmas), ``mentions``
    (the distinct source texts) and ``example`` (the first content attributed, at most 160
    characters). ``result`` is an :class:`framing.Analysis` (or its ``attributions`` table).
    Sorted by document (input order) and number of attributions.
    """
    import pandas as pd

    table = getattr(result, "attributions", result)
    cols = [
        "doc_id",
        "speaker",
        "source_type",
        "n_attributions",
        "n_direct",
        "verb_classes",
        "cues",
        "mentions",
        "example",
    ]
    if table is None or len(table) == 0:
        return pd.DataFrame(columns=cols)
    order = {d: i for i, d in enumerate(dict.fromkeys(table["doc_id"]))}
    table = table[table["source_type"] != "unattributed"]  # (no speaker: it was reported that ...)
    rows = []
    for (doc_id, spk), g in table.groupby(["doc_id", "speaker"], sort=False):
        types = g["speaker_type"] if "speaker_type" in g else g["source_type"]
        vc = Counter(g["verb_class"])
        example = str(g["content_text"].iloc[0])
        rows.append(
            {
                "doc_id": doc_id,
                "speaker": spk,
                "source_type": Counter(types).most_common(1)[0][0],
                "n_attributions": len(g),
                "n_direct": int(g["is_direct"].astype(bool).sum()),
                "verb_classes": "; ".join(f"{c}:{k}" for c, k in sorted(vc.items(), key=lambda x: (-x[1], x[0]))),
                "cues": "; ".join(dict.fromkeys(g["cue_lemma"])),
                "mentions": " | ".join(dict.fromkeys(g["source_text"])),
                "example": example if len(example) <= 160 else example[:157] + "...",
            }
        )
    frame = pd.DataFrame(rows, columns=cols)
    frame["_o"] = frame["doc_id"].map(order)
    frame = frame.sort_values(["_o", "n_attributions", "speaker"], ascending=[True, False, True], kind="mergesort")
    return frame.drop(columns="_o").reset_index(drop=True)
