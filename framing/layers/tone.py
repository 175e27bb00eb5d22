"""Tone: sentence and document tone, with the words that drove it as evidence.

Two published tools score every sentence, and their own numbers are kept as they are:

``vader_compound``, ``vader_pos``, ``vader_neg``, ``vader_neu``
    VADER (Hutto & Gilbert 2014), equal to
    ``vaderSentiment.SentimentIntensityAnalyzer().polarity_scores(sentence)``.
``textblob_polarity``, ``subjectivity``
    TextBlob's default pattern analyzer (De Smedt & Daelemans 2012), equal to
    ``TextBlob(sentence).sentiment``.

The project's own measures build on them:

``tone``
    The mean of VADER's compound score and TextBlob's polarity, both after the
    news-domain corrections of ``framing/lexicons/tone_overrides.csv``; range -1..+1.
``tone_intensity``
    How much evaluative language the sentence carries whatever its direction: VADER's
    positive plus negative shares (after the corrections), range 0..1. This is the
    idea of GDELT's *polarity*: a charged but balanced sentence scores high here and
    near 0 on ``tone``.
``tone_status``
    ``ok``, ``no_words`` (no letter: every score is 0) or ``non_english`` (``tone`` and
    ``tone_intensity`` set to 0, the document warned); see :data:`TONE_STATUS`.

Document aggregates are written by :class:`ToneAnnotator`; :func:`tone_arc` gives tone
by relative position in each document; targeted tone is in :mod:`framing.targets`.
The measurements behind these choices are in ``docs/measures.md`` (tone).

Both tools are re-implemented here from their published algorithms, reading their
lexicons from the installed ``vaderSentiment`` and ``textblob`` packages, so that each
number comes with the words behind it (spans in layer ``tone``) and costs less than
calling the tools; ``tests/test_tone.py`` checks equality with the packages on
thousands of sentences, and at first use in a process the layer checks itself against
the installed packages on the sentences of :data:`SELF_CHECK_TEXT` (a few milliseconds)
and warns, naming the fix, if a package version scores differently (:data:`KNOWN_GOOD`).
The re-implementation reproduces the tools' quirks on purpose (for example VADER's
handling of repeated values after *but*, or TextBlob's reading of ``8)`` as a smiley),
because their numbers must stay citable as theirs.

References: Hutto, C.J. & Gilbert, E.E. (2014). VADER: A parsimonious rule-based model
for sentiment analysis of social media text. ICWSM-14. De Smedt, T. & Daelemans, W.
(2012). Pattern for Python. JMLR 13, 2063-2067. Leetaru, K. & Schrodt, P. (2013).
GDELT: Global data on events, location and tone. ISA Annual Convention.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import math
import re
import string
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import metadata
from itertools import accumulate, chain, compress, count
from operator import attrgetter, itemgetter, mul
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, NamedTuple, Sequence

from ..errors import AnalysisError, LexiconError
from ..lexicons import read_rows, version_of
from ..text.segment import Document
from .base import (
    SPAN_COLUMNS,
    Annotator,
    ColumnTest,
    DocResult,
    Measure,
    SentenceColumn,
    SpanLayer,
    sentence_share,
    token_mean,
)

if TYPE_CHECKING:  # only for the annotation of tone_arc: the layer itself needs no pandas
    import pandas as pd

__all__ = [
    "ToneAnnotator",
    "tone_arc",
    "ARC_COLUMNS",
    "score_sentence",
    "SentenceTone",
    "TONE_COLUMNS",
    "OVERRIDES_FILE",
    "KNOWN_GOOD",
]

log = logging.getLogger(__name__)

#: per-sentence columns this layer adds to ``Analysis.sentences``
TONE_COLUMNS = (
    "vader_compound",
    "vader_pos",
    "vader_neg",
    "vader_neu",
    "textblob_polarity",
    "subjectivity",
    "tone",
    "tone_intensity",
)
OVERRIDES_FILE = "tone_overrides.csv"
#: the threshold of VADER's three classes (Hutto & Gilbert 2014), used for the shares
NEUTRAL_BAND = 0.05

#: distinct whitespace chunks (and words) a memo keeps per process; see :class:`_Memo`
_CACHE_LIMIT = 500_000


class _Memo(dict):
    """What the layer remembers per word or chunk, for the whole process: a dict that makes
    a missing value with ``make(key)`` and keeps it (emptied beyond ``_CACHE_LIMIT``
    values). It is the module's one caching idiom for per-word data (values made once per
    process are ``functools.lru_cache`` functions). A sentence's chunks are looked up
    with ``map(memo.__getitem__, chunks)``: in C for the chunks seen before, one Python
    call per new one (plain dicts with a try/except helper measured 5% slower on text
    whose vocabulary keeps growing, where new chunks come in every sentence)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[key] = self.make(key)
        return value


# ---------------------------------------------------------------------------
# VADER


@dataclass(slots=True)
class _VaderHit:
    """A word that VADER gives a non-zero value in one sentence."""

    index: int  # the word's position among VADER's words of the sentence
    value: float  # its value, after every rule (the contrastive *but* included)
    base: float  # the valence the rules started from: the lexicon's, or a correction's
    negators: Sequence[int]  # positions of the negations that scaled it
    boosters: Sequence[int]  # positions of the degree words that moved it
    caps: bool  # raised for being written in capitals
    idiom: bool  # its value replaced by an idiom's ("the bomb")
    before_but: float  # its value before the *but* rule

    def with_value(self, value: float) -> _VaderHit:
        return _VaderHit(
            self.index, value, self.base, self.negators, self.boosters, self.caps, self.idiom, self.before_but
        )


_INDEX, _VALUE = attrgetter("index"), attrgetter("value")

#: Words VADER counts as negators that do not deny what follows in news prose. For the project's
#: ``tone`` only (``vader_*`` keep VADER's reading): "despite growing outrage" concedes the
#: outrage, it does not turn it into approval (VADER scores that phrase +1.7).
NOT_NEGATORS = frozenset({"despite"})


def _cap_differential(words: list[str]) -> bool:
    """``allcap_differential`` of the reference: some, but not all, words are in capitals."""
    n_upper = sum(map(str.isupper, words))
    return 0 < len(words) - n_upper < len(words)


class _Vader:
    """VADER's ``polarity_scores`` (vaderSentiment 3.3.x), step for step, plus evidence.

    The lexicon, emoji descriptions, negations, boosters, idioms and constants come
    from the installed package. Differences from the reference are only in how the
    work is organised: each distinct whitespace chunk is stripped and lower-cased once
    per process (:class:`_Chunk`), only lexicon words are visited (the reference visits
    every token and lower-cases the whole sentence again for every lexicon word), a word
    whose neighbours cannot fire a rule skips the rules, and the contrastive *but* rule
    is replayed on the non-zero values only (zeros never equal them).
    """

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        analyzer = vs.SentimentIntensityAnalyzer()
        self.reference = analyzer  # the package's scorer, for the self-check
        self.version = metadata.version("vaderSentiment")
        self.lexicon: dict[str, float] = analyzer.lexicon
        self.booster: dict[str, float] = dict(vs.BOOSTER_DICT)
        self.booster_seq = {tuple(k.split(" ")): v for k, v in vs.BOOSTER_DICT.items() if " " in k}
        self.special = {tuple(k.split(" ")): v for k, v in vs.SPECIAL_CASES.items() if " " in k}
        self.special_words = frozenset(w for k in chain(self.special, self.booster_seq) for w in k)
        self.negate = frozenset(vs.NEGATE)
        # the words a rule reads when they are the scored word or one of the three before
        # it (with any word holding "n't"); the words of idioms and multi-word boosters
        # ("the", "of", "to" ...) count only as a pair of neighbours that occurs in one of
        # them (see _no_rule_can_fire)
        self.loud = (
            self.negate
            | self.booster.keys()
            | {
                "no",
                "kind",
                "least",
                "never",
                "without",
                "so",
                "this",
                "or",
                "nor",
                "but",
            }
        )
        self.idiom_pairs = frozenset(pair for k in chain(self.special, self.booster_seq) for pair in zip(k, k[1:]))
        self.n_scalar = vs.N_SCALAR
        self.c_incr = vs.C_INCR
        self.alpha = vs.normalize.__defaults__[0]
        # the reference replaces single characters only, so keys of one character matter
        self.emojis = {k: v for k, v in analyzer.emojis.items() if len(k) == 1}
        self.emoji_chars = frozenset(self.emojis)
        self.emoji_all_ascii = all(not k.isascii() for k in self.emojis)

    @staticmethod
    def strip(token: str) -> str:
        """The reference's word of a token: punctuation stripped, unless two or fewer characters remain."""
        stripped = token.strip(string.punctuation)
        return token if len(stripped) <= 2 else stripped

    def place(self, token: str, stripped: str) -> tuple[int, int]:
        """Start and end of the stripped word (``strip(token)``) inside a whitespace chunk."""
        if stripped == token:
            return 0, len(token)
        start = len(token) - len(token.lstrip(string.punctuation))
        return start, start + len(stripped)

    def lower_stripped(self, token: str) -> str:
        return self.strip(token).lower()

    # -- one sentence: its words -------------------------------------------

    def tokens(self, text: str) -> tuple[str, list[str], list[tuple[int, int]] | None]:
        """The text VADER scores, its whitespace tokens and, if emojis were replaced,
        each token's (start, end) in ``text``; ``None`` means "find them in ``text``"."""
        if (self.emoji_all_ascii and text.isascii()) or self.emoji_chars.isdisjoint(text):
            return text, text.split(), None
        return self._replace_emojis(text)

    def _replace_emojis(self, text: str):
        pieces: list[str] = []
        origin: list[int] = []  # for every character of the new text, its offset in text
        prev_space = True
        emojis = self.emojis
        for k, ch in enumerate(text):
            description = emojis.get(ch)
            if description is not None:
                if not prev_space:
                    pieces.append(" ")
                    origin.append(k)
                pieces.append(description)
                origin.extend([k] * len(description))
                prev_space = False
            else:
                pieces.append(ch)
                origin.append(k)
                prev_space = ch == " "
        new = "".join(pieces)
        lead = len(new) - len(new.lstrip())
        new = new.strip()
        origin = origin[lead : lead + len(new)]
        words, spans = [], []
        for m in re.finditer(r"\S+", new):
            a, b = m.span()
            words.append(m.group())
            spans.append((origin[a], origin[b - 1] + 1))
        return new, words, spans

    # -- one sentence: find the words, apply the rules, add up ---------------

    def score(
        self,
        text: str,
        words: list[str],
        lows: list[str],
        override: dict | None = None,
        candidates: Iterable[int] | None = None,
    ) -> tuple[float, float, float, float, list[_VaderHit]]:
        """Scores of one sentence: ``(compound, pos, neg, neu, hits)``, ``hits`` a
        :class:`_VaderHit` for every word whose final value is not zero.

        ``override`` maps a word's position to a replacement base valence (``None``: the
        word scores 0); ``candidates`` are the positions of the lexicon words, if known.
        """
        if not lows:
            return 0.0, 0.0, 0.0, 0.0, []
        lexicon, booster = self.lexicon, self.booster
        if candidates is None:
            candidates = compress(range(len(lows)), map(lexicon.__contains__, lows))
        hits: list[_VaderHit] = []
        apostrophe = "'" in text
        for i in candidates:
            low = lows[i]
            if low in booster or (low == "kind" and lows[i + 1 : i + 2] == ["of"]):
                continue  # degree words and "kind of" are not scored
            # a news-domain correction fixes the word's valence; VADER's idioms (e.g.
            # "the bomb" = excellent) no longer replace it
            forced = override is not None and i in override
            base = override[i] if forced else lexicon[low]
            if base is None:
                continue
            if self._no_rule_can_fire(words, lows, i, apostrophe):
                hits.append(_VaderHit(i, base, base, (), (), False, False, base))
                continue
            hit = self._apply_rules(words, lows, i, base, forced)
            if hit.value != 0:
                hits.append(hit)
        return self._totals(text, lows, hits)

    def _no_rule_can_fire(self, words: list[str], lows: list[str], i: int, apostrophe: bool) -> bool:
        """Whether the rules leave word ``i`` at its base valence: it is not in capitals,
        neither it nor any of the three words before it is a word a rule reads (``loud``,
        or holding "n't", which needs an ``apostrophe`` in the text), and no pair of
        neighbours from three before it to one after it occurs in an idiom or a multi-word
        booster (every sequence ``_idioms`` looks up contains such a pair; the idiom rules
        apply from the fourth word on). The reference then adds 0.0 three times, which
        leaves a non-zero value unchanged."""
        if words[i].isupper():
            return False
        window = lows[i - 3 : i + 1] if i >= 3 else lows[: i + 1]
        if not self.loud.isdisjoint(window):
            return False
        if apostrophe and "n't" in " ".join(window):
            return False
        if i < 3:
            return True
        pairs = self.idiom_pairs
        w3, w2, w1, w0 = window
        return (
            (w3, w2) not in pairs
            and (w2, w1) not in pairs
            and (w1, w0) not in pairs
            and (i + 1 == len(lows) or (w0, lows[i + 1]) not in pairs)
        )

    def _apply_rules(self, words: list[str], lows: list[str], i: int, base: float, forced: bool) -> _VaderHit:
        """``sentiment_valence`` of the reference for word ``i``: its rules in its order."""
        negators: list[int] = []
        boosters: list[int] = []
        valence = self._no_rule(lows, i, base, negators)
        caps = words[i].isupper() and _cap_differential(words)
        if caps:
            valence = valence + self.c_incr if valence > 0 else valence - self.c_incr
        idiom = False
        for distance in (1, 2, 3):
            j = i - distance
            if j < 0 or lows[j] in self.lexicon:
                continue
            if lows[j] in self.booster:  # (adding 0.0 changes no value that can end non-zero)
                valence = valence + self._degree(words, lows, j, distance, valence, boosters)
            valence = self._negation(lows, i, j, distance, valence, negators)
            if distance == 3 and not forced and not self.special_words.isdisjoint(lows[i - 2 : i + 1]):
                valence, idiom = self._idioms(valence, lows, i)
        valence = self._least(lows, i, valence, negators)
        return _VaderHit(i, valence, base, negators, boosters, caps, idiom, valence)

    def _no_rule(self, lows: list[str], i: int, base: float, negators: list[int]) -> float:
        """The reference's rules for "no": "no" before a lexicon word scores 0, and a word
        one or two after "no" (or three, after "no ... or/nor") is negated."""
        valence = base
        if lows[i] == "no" and i != len(lows) - 1 and lows[i + 1] in self.lexicon:
            valence = 0.0
        if (
            (i > 0 and lows[i - 1] == "no")
            or (i > 1 and lows[i - 2] == "no")
            or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor"))
        ):
            valence = base * self.n_scalar
            negators.append(i - 1 if lows[i - 1] == "no" else i - 2 if lows[i - 2] == "no" else i - 3)
        return valence

    def _degree(
        self, words: list[str], lows: list[str], j: int, distance: int, valence: float, boosters: list[int]
    ) -> float:
        """``scalar_inc_dec`` of the reference: what the degree word at ``j``, ``distance``
        words before the scored word, adds to its valence."""
        scalar = self.booster[lows[j]]
        if valence < 0:
            scalar *= -1
        if words[j].isupper() and _cap_differential(words):
            scalar = scalar + self.c_incr if valence > 0 else scalar - self.c_incr
        if distance == 2 and scalar != 0:
            scalar = scalar * 0.95
        if distance == 3 and scalar != 0:
            scalar = scalar * 0.9
        if scalar != 0:
            boosters.append(j)
        return scalar

    def _negation(self, lows: list[str], i: int, j: int, distance: int, valence: float, negators: list[int]) -> float:
        """``_negation_check`` of the reference for the word at ``j``, ``distance`` before ``i``."""
        lj = lows[j]
        if distance == 2:
            if lj == "never" and lows[i - 1] in ("so", "this"):
                return valence * 1.25
            if lj == "without" and lows[i - 1] == "doubt":
                return valence
        elif distance == 3:
            if (lj == "never" and lows[i - 2] in ("so", "this")) or lows[i - 1] in ("so", "this"):
                return valence * 1.25
            if lj == "without" and (lows[i - 2] == "doubt" or lows[i - 1] == "doubt"):
                return valence
        if lj in self.negate or "n't" in lj:
            negators.append(j)
            return valence * self.n_scalar
        return valence

    def _least(self, lows: list[str], i: int, valence: float, negators: list[int]) -> float:
        """``_least_check`` of the reference: "least" before the word negates it, except in
        "at least" and "very least"."""
        if i == 0 or lows[i - 1] != "least" or "least" in self.lexicon:
            return valence
        if i > 1 and lows[i - 2] in ("at", "very"):
            return valence
        negators.append(i - 1)
        return valence * self.n_scalar

    def _idioms(self, valence: float, lows: list[str], i: int) -> tuple[float, bool]:
        """``_special_idioms_check`` of the reference, on tuples of words: ``(valence, idiom)``.

        Every sequence it looks up contains a word of ``special_words`` at a known
        place, which is checked first so the tuples are built only when they can match.
        """
        sw = self.special_words
        special = self.special
        n = len(lows)
        idiom = False
        w0, w1, w2, w3 = lows[i], lows[i - 1], lows[i - 2], lows[i - 3]
        if w1 in sw or w2 in sw:
            for seq in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
                if seq in special:
                    valence = special[seq]
                    idiom = True
                    break
        if w0 in sw and n - 1 > i:
            seq = (w0, lows[i + 1])
            if seq in special:
                valence = special[seq]
                idiom = True
            if n - 1 > i + 1:
                seq = (w0, lows[i + 1], lows[i + 2])
                if seq in special:
                    valence = special[seq]
                    idiom = True
        if w2 in sw:
            for ngram in ((w3, w2, w1), (w3, w2), (w2, w1)):
                if ngram in self.booster_seq:
                    valence = valence + self.booster_seq[ngram]
        return valence, idiom

    def not_negated_by(self, text: str, lows: list[str], hits: list[_VaderHit], words: frozenset) -> tuple:
        """The scores when the negators among ``words`` do not negate: each hit they negated
        gets its value before the negation back (VADER's negation multiplies by ``N_SCALAR``,
        once per negator) and the totals are made again, the *but* rule replayed."""
        undone = []
        for h in hits:
            keep = [j for j in h.negators if lows[j] not in words]
            if len(keep) == len(h.negators):
                undone.append(h.with_value(h.before_but))
                continue
            value = h.before_but / self.n_scalar ** (len(h.negators) - len(keep))
            undone.append(_VaderHit(h.index, value, h.base, keep, h.boosters, h.caps, h.idiom, value))
        return self._totals(text, lows, undone)

    def without(self, text: str, lows: list[str], hits: list[_VaderHit], dropped) -> tuple:
        """The scores when the words at the positions ``dropped`` score 0, from the hits of
        a full run: exact, because VADER's rules read neighbouring *words*, never their
        values, except the contrastive *but* rule, which is replayed on the values it saw
        (``before_but``)."""
        kept = [h.with_value(h.before_but) for h in hits if h.index not in dropped]
        return self._totals(text, lows, kept)

    def _totals(self, text: str, lows: list[str], hits: list[_VaderHit]) -> tuple:
        """The end of ``polarity_scores``: *but*, punctuation emphasis, normalisation, shares."""
        n = len(lows)
        if not hits and n:
            # what the lines below give for no non-zero value: a sum of 0.0 is not
            # amplified, normalize(0.0) == 0.0, and the neutral share is n / n
            return 0.0, 0.0, 0.0, 1.0, hits
        if hits and "but" in lows:
            hits = self._but(hits, lows.index("but"))
        values = list(map(_VALUE, hits))
        sum_s = float(sum(values))  # score_valence of the reference
        # _punctuation_emphasis of the reference: "!" (up to 4) and "?" (2 or more)
        ep_count = min(text.count("!"), 4)
        qm_count = text.count("?")
        qm_amplifier = 0
        if qm_count > 1:
            qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
        amplifier = ep_count * 0.292 + qm_amplifier
        if sum_s > 0:
            sum_s += amplifier
        elif sum_s < 0:
            sum_s -= amplifier
        compound = sum_s / math.sqrt((sum_s * sum_s) + self.alpha)  # normalize() of the reference
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0
        pos_sum = 0.0
        neg_sum = 0.0
        for v in values:
            if v > 0:
                pos_sum += float(v) + 1
            if v < 0:
                neg_sum += float(v) - 1
        neu_count = n - len(values)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return (
            round(compound, 4),
            round(math.fabs(pos_sum / total), 3),
            round(math.fabs(neg_sum / total), 3),
            round(math.fabs(neu_count / total), 3),
            hits,
        )

    @staticmethod
    def _but(hits: list[_VaderHit], but_at: int) -> list[_VaderHit]:
        """The hits after the reference's *but* rule (values before "but" halved, after it
        raised by half), replayed as the reference applies it: it rescales the first
        position holding an equal value (``list.index``) rather than the current one.
        Done in O(n log n) with the positions holding each value."""
        values = list(map(_VALUE, hits))
        holders: dict[float, list[int]] = {}
        for k, v in enumerate(values):
            holders.setdefault(v, []).append(k)
        for k in range(len(values)):
            v = values[k]
            where = holders[v]
            j = where[0]
            p = hits[j].index
            if p < but_at:
                new = v * 0.5
            elif p > but_at:
                new = v * 1.5
            else:
                continue
            where.pop(0)
            if not where:
                del holders[v]
            values[j] = new
            bisect.insort(holders.setdefault(new, []), j)
        return [h.with_value(v) if v != h.value else h for h, v in zip(hits, values)]


# ---------------------------------------------------------------------------
# TextBlob / pattern


class _PatternWord(NamedTuple):
    """A word of pattern's sentiment lexicon (its sense without a synset)."""

    polarity: float
    subjectivity: float
    intensity: float
    is_modifier: bool  # an adverb (RB): it multiplies the word after it


@dataclass(slots=True)
class _Assessment:
    """One assessment of pattern's ``Sentiment.assessments``: a word of the lexicon, an
    emoticon or ``(!)``, with the intensifier, negation and ``!`` merged into it."""

    tokens: list[int]  # token positions of its words, in pattern's order
    polarity: float
    subjectivity: float
    intensity: float
    label: str | None  # pattern's label: MOOD for an emoticon, IRONY for "(!)", else None
    head: int  # token position of the word that scores
    lexicon_polarity: float  # the head's polarity in the lexicon (or a correction's)
    negated: bool = False
    negator: int | None = None  # token position of the negation
    modifier: int | None = None  # token position of the intensifier merged in
    exclamations: int = 0  # "!" that raised it

    def with_polarity(self, polarity: float) -> _Assessment:
        """A copy whose word has the polarity ``polarity`` (in the lexicon and as assessed)."""
        return _Assessment(
            self.tokens,
            polarity,
            self.subjectivity,
            self.intensity,
            self.label,
            self.head,
            polarity,
            self.negated,
            self.negator,
            self.modifier,
            self.exclamations,
        )


class _Pattern:
    """TextBlob's ``PatternAnalyzer`` (``textblob.en.sentiment``), step for step, plus evidence.

    Tokenisation follows ``textblob._text.find_tokens``: it works on each whitespace
    chunk on its own (contractions, quotes and punctuation are split inside a chunk),
    so every distinct chunk is tokenised once per process (:class:`_Chunk`). The two
    rules that look across chunks (sarcasm ``( ! )`` and emoticons written with spaces)
    are checked with the package's own regular expressions on the whole sentence; when
    either would change the tokens, the package's tokenizer is called instead. (Its
    sentence splitting matters only to those two rules: a match that would cross one of
    its sentence boundaries contains a space, so it is caught by the same check.)
    """

    def __init__(self) -> None:
        tx = _textblob_text()
        lexicon = _textblob_sentiment()
        len(lexicon)  # the lexicon loads lazily on first use
        self.version = metadata.version("textblob")
        self.words: dict[str, _PatternWord] = {}
        for word, senses in dict.items(lexicon):
            p, s, i = senses[None]
            self.words[word] = _PatternWord(p, s, i, any(map(senses.__contains__, lexicon.modifiers)))
        self.labeler = dict(lexicon.labeler)
        self.negations = frozenset(lexicon.negations)
        self.modifier = lexicon.modifier
        self.tokenizer = lexicon.tokenizer
        self.punctuation_text = tx.PUNCTUATION
        self.punct = tuple(tx.PUNCTUATION.replace(".", ""))
        self.punct_or_period = self.punct + (".",)
        self.abbreviations = tx.ABBREVIATIONS
        self.abbr_res = (tx.RE_ABBR1, tx.RE_ABBR2, tx.RE_ABBR3)
        self.replace = tx.replacements
        self.replace_res = [(re.compile(a), b) for a, b in tx.replacements.items()]
        self.sarcasm_re = tx.RE_SARCASM
        self.emoticons_re = tx.RE_EMOTICONS
        self.eos = tx.EOS
        self.mood, self.irony = tx.MOOD, tx.IRONY
        self.emoticons: dict[str, float] = {}
        for (_kind, p), forms in tx.EMOTICONS.items():
            for form in forms:
                self.emoticons.setdefault(form.lower(), p)
        self.relevant = frozenset(chain(self.words, self.negations, ("!", "(!)"), self.emoticons))
        # tokens between relevant ones may be skipped only if no negation is a known word
        self.gap_safe = self.negations.isdisjoint(self.words)
        # the emoticon rule changes tokens only for an emoticon written with a space
        # inside (": )"); see crosses_chunks
        forms = [e for v in tx.EMOTICONS.values() for e in v]
        self.emoticon_mids = frozenset(
            e[j:k] for e in forms for j in range(1, len(e)) for k in range(j + 1, len(e) + 1)
        )
        self.emoticon_pairs = frozenset(
            (e[j], e[j + 1 : k]) for e in forms for j in range(len(e) - 1) for k in range(j + 2, len(e) + 1)
        )
        # a word and one trailing mark of these splits into [word, mark] (see chunk_tokens)
        self.split_marks = frozenset(self.punct) - {"'", '"'}

    # -- one whitespace chunk ------------------------------------------------

    def chunk_tokens(self, chunk: str) -> tuple[str, ...]:
        """``find_tokens`` restricted to one whitespace chunk (no sentence splitting)."""
        if chunk.isalnum():  # no quote, apostrophe or punctuation: one token
            return (chunk,)
        if chunk[-1] in self.split_marks and chunk[:-1].isalnum():
            # a word and one mark other than a quote or a period ("word,", "word;"): no
            # replacement applies (each needs a quote or apostrophe), the word starts with
            # no mark (marks are ASCII symbols, never alphanumeric), the mark is split off
            # as the tail, and the word ends in no mark or period: [word, mark]
            return chunk[:-1], chunk[-1]
        tokens: list[str] = []
        for t in self._split_quotes(chunk).split():
            tokens.extend(self._split_marks(t))
        return tuple(tokens)

    def _split_quotes(self, s: str) -> str:
        """The contractions of ``replacements`` expanded and quotes set apart by spaces."""
        if "'" in s:  # every contraction rule contains an apostrophe; else they change nothing
            for rx, b in self.replace_res:
                s = rx.sub(b, s)
        if "'" in s or '"' in s or "“" in s or "”" in s or "‘" in s or "’" in s:
            s = (
                s.replace("“", " “ ")
                .replace("”", " ” ")
                .replace("‘", " ‘ ")
                .replace("’", " ’ ")
                .replace("'", " ' ")
                .replace('"', ' " ')
            )
        return s

    def _split_marks(self, t: str) -> list[str]:
        """The marks before and after a token split off, as ``find_tokens`` splits them
        (a period stays on an abbreviation)."""
        punct, punct_or_period, replace = self.punct, self.punct_or_period, self.replace
        head: list[str] = []
        tail: list[str] = []
        while t.startswith(punct) and t not in replace:
            head.append(t[0])
            t = t[1:]
        while t.endswith(punct_or_period) and t not in replace:
            if t.endswith(punct):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in self.abbreviations or any(rx.match(t) is not None for rx in self.abbr_res):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            head.append(t)
        head.extend(reversed(tail))
        return head

    def crosses_chunks(self, chunk: str, tokens: tuple[str, ...]) -> bool:
        """Whether the chunk may take part in one of the package's rules across chunks,
        which its sentence must then check (:meth:`tokens_across_chunks`): sarcasm ``( ! )``
        needs a ``(``, ``END-OF-SENTENCE`` is a token inside one chunk, and an emoticon
        written with spaces (``RE_EMOTICONS``: ``(": ?\\)|...)($|\\s)``, rejoined without
        its spaces) ends at a token's end, so the token after its first space is a piece
        ``e[j:k]`` (``j >= 1``) of an emoticon ``e`` and the character before that space
        is ``e[j - 1]``: the first token of a chunk is checked for being such a piece, a
        later one together with the end of the token before it."""
        if chunk.isalnum():  # one token, without "(", END-OF-SENTENCE (hyphens) or pairs
            return chunk in self.emoticon_mids
        pairs = self.emoticon_pairs
        return bool(
            not tokens
            or "(" in chunk
            or self.eos in chunk
            or tokens[0] in self.emoticon_mids
            or any((tokens[k - 1][-1], tokens[k]) in pairs for k in range(1, len(tokens)))
        )

    @staticmethod
    def token_offsets(chunk: str, tokens: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of each of the chunk's tokens in the chunk."""
        if len(tokens) == 1 and tokens[0] == chunk:  # (most chunks: a word)
            return ((0, len(chunk)),)
        out, pos = [], 0
        for t in tokens:
            k = chunk.find(t, pos)
            if k < 0:  # cannot happen: tokens are pieces of the chunk in order
                k = pos
            out.append((k, k + len(t)))
            pos = k + len(t)
        return tuple(out)

    # -- one sentence --------------------------------------------------------

    def tokens_across_chunks(self, text: str, chunks: list[_Chunk]) -> tuple[list[str], list[str], bool]:
        """``(lower-cased tokens, tokens, from_chunks)`` of the sentence ``text`` made of
        ``chunks``, one of which may take part in a rule across chunks (see
        :meth:`crosses_chunks`). ``from_chunks``: the tokens are the chunks' own; else they
        come from the package's tokenizer, because such a rule changes them."""
        joined = " ".join(_joined_tokens(chunks))
        if (
            ("(" in joined and self.sarcasm_re.search(joined) is not None)
            or self.eos in joined
            or self.emoticons_re.sub(_join_emoticon, joined) != joined
        ):
            exact = " ".join(self.tokenizer(text)).split()
            return [t.lower() for t in exact], exact, False
        return list(chain.from_iterable(map(_PATTERN_LOWS, chunks))), joined.split(), True

    def assess(
        self, lows: list[str], override: dict | None = None, positions: Iterable[int] | None = None
    ) -> tuple[float, float, list[_Assessment]]:
        """``Sentiment.assessments`` and the averages: ``(polarity, subjectivity, assessments)``.

        ``override`` maps a token position to a replacement polarity (``None``: not a
        word). Only tokens that can change the result are visited (``positions``, if
        known): known words, negations, ``!``, ``(!)`` and emoticons; a token in between
        can only end a pending negation or intensifier, which is replayed when one is pending.
        """
        if not self.gap_safe:
            positions = range(len(lows))
        elif positions is None:
            positions = compress(range(len(lows)), map(self.relevant.__contains__, lows))
        words, labeler, negations = self.words, self.labeler, self.negations
        found: list[_Assessment] = []
        modifier = negation = None  # the pending intensifier and negation: (position, word)
        prev = -1
        for k in positions:
            if (modifier is not None or negation is not None) and k > prev + 1:
                for w in lows[prev + 1 : k]:
                    if negation and len(w.strip("'")) > 1:
                        negation = None
                    if modifier and len(w) > 2:
                        modifier = None
            prev = k
            w = lows[k]
            entry = words.get(w)
            if entry is not None and override is not None and k in override:
                new = override[k]
                entry = None if new is None else entry._replace(polarity=new)
            if entry is not None and modifier is None and negation is None:  # a word on its own
                polarity, subjectivity, intensity, is_modifier = entry
                found.append(_Assessment([k], polarity, subjectivity, intensity, labeler.get(w), k, polarity))
                modifier = (k, w) if is_modifier else None
                negation = (k, w) if w in negations else None
            elif entry is not None:
                modifier, negation = self._word(found, k, w, entry, modifier, negation)
            else:
                modifier, negation = self._other(found, k, w, modifier, negation)
        # "not good" = slightly bad, "not bad" = slightly good; then the means
        pol = 0
        sub = 0
        for a in found:
            if a.negated:
                a.polarity = a.polarity * -0.5
            pol += a.polarity
            sub += a.subjectivity
        count = float(len(found) or 1)
        return pol / count, sub / count, found

    def _word(self, found: list[_Assessment], k: int, w: str, entry: _PatternWord, modifier, negation):
        """A lexicon word after an intensifier or a negation: a new assessment, or merged
        into the intensifier before it. Returns the pending ``(modifier, negation)``."""
        polarity, subjectivity, intensity, is_modifier = entry
        if modifier is None:
            found.append(_Assessment([k], polarity, subjectivity, intensity, self.labeler.get(w), k, polarity))
        else:  # the intensifier's assessment takes this word, scaled by its intensity
            last = found[-1]
            last.tokens.append(k)
            last.polarity = max(-1.0, min(polarity * last.intensity, +1.0))
            last.subjectivity = max(-1.0, min(subjectivity * last.intensity, +1.0))
            last.intensity = intensity
            last.label = self.labeler.get(w)
            if last.modifier is None:
                last.modifier = last.head
            last.head, last.lexicon_polarity = k, polarity
        if negation is not None:
            last = found[-1]
            last.tokens.insert(0, negation[0])
            last.intensity = 1.0 / last.intensity
            last.negated = True
            last.negator = negation[0]
        return (k, w) if is_modifier else None, (k, w) if w in self.negations else None

    def _other(self, found: list[_Assessment], k: int, w: str, modifier, negation):
        """A token not in the lexicon: a negation, ``!``, ``(!)``, an emoticon, or a word
        that ends a pending negation or intensifier. Returns the pending ``(modifier, negation)``."""
        if w in self.negations:
            negation = (k, w)
        elif negation and len(w.strip("'")) > 1:
            negation = None
        if negation is not None and modifier is not None and self.modifier(modifier[1]):
            last = found[-1]
            last.tokens.append(negation[0])
            last.negated = True
            last.negator = negation[0]
            negation = None
        elif modifier and len(w) > 2:
            modifier = None
        if w == "!" and found:
            last = found[-1]
            last.tokens.append(k)
            last.polarity = max(-1.0, min(last.polarity * 1.25, +1.0))
            last.exclamations += 1
        if w == "(!)":
            found.append(_Assessment([k], 0.0, 1.0, 1.0, self.irony, k, 0.0))
        if w.isalpha() is False and len(w) <= 5 and w not in self.punctuation_text:
            p = self.emoticons.get(w)
            if p is not None:
                found.append(_Assessment([k], p, 1.0, 1.0, self.mood, k, p))
        return modifier, negation


# TextBlob's sentiment lexicon without importing the textblob package: its __init__
# imports textblob.blob, which imports NLTK, which imports scipy (1-2 s in every worker
# process). The pattern analyzer needs only textblob/_text.py (standard library only)
# and the data files of textblob/en/.


@lru_cache(maxsize=1)
def _textblob_dir() -> Path:
    """The folder of the installed ``textblob`` package, found without importing it
    (``find_spec`` of a top-level name does not run the package's ``__init__``)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the tone layer needs the textblob package; install it (pip install textblob)")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def _textblob_text():
    """``textblob/_text.py`` of the installed package, loaded as a private module
    (not registered in ``sys.modules``; it imports only the standard library)."""
    path = _textblob_dir() / "_text.py"
    spec = importlib.util.spec_from_file_location("framing._textblob_text", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise ImportError(f"{path}: TextBlob's pattern module is missing; reinstall textblob (pip install textblob)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def _textblob_sentiment():
    """The object ``textblob.en.sentiment`` (TextBlob's default ``PatternAnalyzer`` lexicon),
    built as ``textblob/en/__init__.py`` builds it: its ``Sentiment`` subclass (which
    adds an ``-ly`` adverb for every adjective on loading), the same path and keyword
    arguments, and a ``Parser``'s ``find_tokens`` as tokenizer. ``tests/test_tone.py``
    checks that it equals the package's object."""
    tx = _textblob_text()

    class Sentiment(tx.Sentiment):
        def load(self, path=None):
            tx.Sentiment.load(self, path)
            # Map "terrible" to adverb "terribly" (+1% accuracy)  [textblob/en/__init__.py]
            if not path:
                for w, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    # textblob.en.parser's tokenizer: Parser.find_tokens does not read the parser's
    # part-of-speech lexicon, so an empty one gives the same tokens
    parser = tx.Parser(lexicon={}, default=("NN", "NNP", "CD"), language="en")
    return Sentiment(
        path=str(_textblob_dir() / "en" / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=parser.find_tokens,
        language="en",
    )


def _pattern_without(pattern: _Pattern, lows: list[str], found: list[_Assessment], changes: dict):
    """``(polarity, assessments)`` with the words at ``changes`` re-valued (``None``: not a
    word), from the assessments of a full run, or ``None`` when a full re-run is needed.

    Exact when each changed word made an assessment of its own: not merged with an
    intensifier before it, not negated, not followed by ``!``, and not itself an
    intensifier or a negation (then the other assessments cannot change).
    """
    by_head = {a.head: a for a in found}
    for k in changes:
        a = by_head.get(k)
        w = lows[k]
        if (
            a is None
            or a.tokens != [k]
            or a.negator is not None
            or a.modifier is not None
            or a.exclamations
            or pattern.words[w].is_modifier
            or w in pattern.negations
        ):
            return None
    out = []
    for a in found:
        if a.head in changes and a.tokens == [a.head]:
            new = changes[a.head]
            if new is None:
                continue
            a = a.with_polarity(new)
        out.append(a)
    pol = 0
    for a in out:
        pol += a.polarity
    return pol / float(len(out) or 1), out


def _join_emoticon(m: re.Match) -> str:
    return m.group(1).replace(" ", "") + m.group(2)


# ---------------------------------------------------------------------------
# What both tools need of a whitespace chunk, once per process


class _Chunk(NamedTuple):
    """One whitespace chunk of a sentence, as both tools read it."""

    vader_word: str  # VADER's word: stripped of punctuation (see _Vader.strip), lower-cased
    vader_start: int  # where the word (as written) starts and ends in the chunk
    vader_end: int
    in_vader_lexicon: bool
    pattern_tokens: tuple[str, ...]  # pattern's tokens of the chunk alone (find_tokens)
    pattern_lows: tuple[str, ...]  # the same lower-cased, as pattern lower-cases a sentence
    pattern_offsets: tuple[tuple[int, int], ...]  # (start, end) of each token in the chunk
    pattern_relevant: tuple[bool, ...]  # for each token, whether pattern's assessments can read it
    crosses: bool  # may take part in a rule of pattern across chunks (_Pattern.crosses_chunks)
    width: int  # its length plus one: where the next chunk starts when one space separates them
    n_pattern_tokens: int


def _field(cls, name: str) -> itemgetter:
    """A getter of the field ``name`` of the NamedTuple ``cls``: ``operator.itemgetter`` at
    the field's place, which is several times faster than ``attrgetter`` in ``map``."""
    return itemgetter(cls._fields.index(name))


_PATTERN_TOKENS = _field(_Chunk, "pattern_tokens")
_PATTERN_LOWS = _field(_Chunk, "pattern_lows")
_PATTERN_RELEVANT = _field(_Chunk, "pattern_relevant")
_CROSSES = _field(_Chunk, "crosses")
_VADER_WORD = _field(_Chunk, "vader_word")
_WIDTH = _field(_Chunk, "width")
_N_PATTERN_TOKENS = _field(_Chunk, "n_pattern_tokens")
_IN_VADER_LEXICON = _field(_Chunk, "in_vader_lexicon")


def _make_chunk(chunk: str) -> _Chunk:
    vader, pattern = _vader(), _pattern()
    stripped = vader.strip(chunk)
    word = stripped.lower()
    tokens = pattern.chunk_tokens(chunk)
    # lower-cased as the package lower-cases the sentence: its tokens joined by spaces (a
    # token is never empty and holds no white space; lower-casing never looks across a space)
    lows = (chunk.lower(),) if chunk.isalnum() else tuple(" ".join(tokens).lower().split())
    return _Chunk(
        word,
        *vader.place(chunk, stripped),
        word in vader.lexicon,
        tokens,
        lows,
        pattern.token_offsets(chunk, tokens),
        tuple(map(pattern.relevant.__contains__, lows)),
        pattern.crosses_chunks(chunk, tokens),
        len(chunk) + 1,
        len(tokens),
    )


#: whitespace chunk -> its :class:`_Chunk`
_CHUNKS = _Memo(_make_chunk)


def _joined_tokens(chunks: list[_Chunk]) -> list[str]:
    """Pattern's tokens of a sentence from its chunks (when no rule across chunks applies)."""
    return list(chain.from_iterable(map(_PATTERN_TOKENS, chunks)))


def _chunk_starts(text: str, chunks: list[_Chunk], offset: int = 0) -> list[int]:
    """Start of each whitespace chunk of ``text`` (``chunks``), plus ``offset`` (the text's in a document)."""
    # with one white-space character between chunks (the usual case) each starts where the one before it,
    # plus one, ends; the text's length tells whether that is so
    starts = list(accumulate(map(_WIDTH, chunks), initial=offset))
    if starts[-1] - offset - 1 == len(text):
        del starts[-1]
        return starts
    return [m.start() + offset for m in _NONSPACE.finditer(text)]


_NONSPACE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _vader() -> _Vader:
    return _Vader()


@lru_cache(maxsize=1)
def _pattern() -> _Pattern:
    return _Pattern()


# ---------------------------------------------------------------------------
# News-domain corrections


@dataclass(frozen=True)
class _Override:
    word: str
    context: str  # "*", "prev", "next" or "name"
    words: frozenset
    valence: float | None  # VADER scale -4..+4; None = neutral
    reason: str
    line: int
    keep: bool = False  # "keep": an exception, the word keeps the tools' valence

    def applies(self, lows, originals, i: int) -> bool:
        if self.context == "*":
            return True
        if self.context == "prev":
            return i > 0 and lows[i - 1] in self.words
        if self.context == "next":
            return i + 1 < len(lows) and lows[i + 1] in self.words
        # "name": capitalised, not all capitals, not the sentence's first word, in a
        # sentence that is not written in title case (a headline capitalises every word)
        word = originals[i].lstrip(_PUNCT_QUOTES)
        if not (word[:1].isupper() and not word.isupper()):
            return False
        words = [w for w in (t.lstrip(_PUNCT_QUOTES) for t in originals) if w[:1].isalpha()]
        first = next((k for k, t in enumerate(originals) if t.lstrip(_PUNCT_QUOTES)[:1].isalnum()), i)
        if first >= i:
            return False
        return sum(1 for w in words if w[0].isupper()) <= 0.6 * len(words)


@lru_cache(maxsize=4)
def _overrides(filename: str = OVERRIDES_FILE) -> dict[str, tuple[_Override, ...]]:
    """``word -> rules`` from the overrides file, in file order (the first that applies wins)."""
    rules: dict[str, list[_Override]] = {}
    for row in read_rows(filename, ("word", "context", "valence", "reason")):
        where = f"framing/lexicons/{filename}: line {row['_line']}"
        word = row["word"].strip().lower()
        if not word or " " in word:
            raise LexiconError(f"{where}: 'word' must be one word, got {row['word']!r}")
        context = row["context"].strip()
        words: frozenset = frozenset()
        if context in ("*", "name"):
            kind = context
        elif context.startswith(("prev=", "next=")):
            kind, _, listed = context.partition("=")
            words = frozenset(w.strip().lower() for w in listed.split("|") if w.strip())
            if not words:
                raise LexiconError(f"{where}: context {context!r} lists no words; write e.g. next=oil|gas")
        else:
            raise LexiconError(f"{where}: context {context!r} is not one of '*', 'name', 'prev=a|b', 'next=a|b'")
        raw = row["valence"].strip().lower()
        keep = raw == "keep"
        if raw in ("neutral", "keep"):
            valence = None
        else:
            try:
                valence = float(raw)
            except ValueError:
                raise LexiconError(
                    f"{where}: valence {row['valence']!r} is not a number, 'neutral' or 'keep'; "
                    "write e.g. -1.5 (VADER's scale -4..+4), neutral, or keep (an exception to a later rule)"
                ) from None
            if not -4.0 <= valence <= 4.0:
                raise LexiconError(f"{where}: valence {valence} is outside VADER's scale -4..+4")
        if not row["reason"].strip():
            raise LexiconError(f"{where}: give a reason for the correction of {word!r}")
        rules.setdefault(word, []).append(
            _Override(word, kind, words, valence, row["reason"].strip(), row["_line"], keep)
        )
    return {w: tuple(r) for w, r in rules.items()}


@lru_cache(maxsize=4)
def _overrides_by_tool(filename: str = OVERRIDES_FILE) -> tuple[dict, dict]:
    """The rules split by tool: ``(rules of words VADER scores, rules of words pattern scores)``.

    A rule on a word a tool does not score cannot change that tool's value, so the tool
    is not re-run for it (VADER's degree words are never scored as words).
    """
    rules = _overrides(filename)
    vader, pattern = _vader(), _pattern()
    return (
        {w: r for w, r in rules.items() if w in vader.lexicon and w not in vader.booster},
        {w: r for w, r in rules.items() if w in pattern.words},
    )


def _match_overrides(
    rules, lows, originals, scale: float, candidates=None
) -> dict[int, tuple[float | None, _Override]]:
    """``{token index: (valence on the tool's scale or None, rule)}``; ``originals`` are the
    tokens as written, or a function that makes them (only the rules for names read them).
    ``candidates``: ascending token indices that hold every word with a rule (the tool's
    lexicon words), else every token is looked up."""
    found = {}
    if candidates is None:
        if rules.keys().isdisjoint(lows):
            return found
        candidates = compress(range(len(lows)), map(rules.__contains__, lows))
    for i in candidates:
        of_word = rules.get(lows[i])
        if of_word is None:
            continue
        for rule in of_word:
            context = rule.context
            if context == "name" and callable(originals):
                originals = originals()
            if context == "*" or rule.applies(lows, originals, i):  # ("*": applies everywhere)
                if not rule.keep:
                    found[i] = (None if rule.valence is None else rule.valence * scale, rule)
                break
    return found


# ---------------------------------------------------------------------------
# One sentence


class SentenceTone(NamedTuple):
    """The tone measures of one sentence (see the module docstring)."""

    vader_compound: float
    vader_pos: float
    vader_neg: float
    vader_neu: float
    textblob_polarity: float
    subjectivity: float
    tone: float
    tone_intensity: float
    evidence: list  # score_sentence: (start, end, category, rule, detail), offsets into the sentence


@dataclass(slots=True)
class _Sink:
    """Where a document's span rows go, and what locates the current sentence's rows in the
    document (one per document: the annotator sets ``sent_index`` and ``offset`` for each
    sentence, :func:`_score` the ``starts`` of its chunks)."""

    append: Callable[[tuple], None]  # takes a row: a tuple of SPAN_KEYS
    doc_id: Any
    doc_text: str
    sent_index: int = 0
    offset: int = 0  # of the sentence in the document
    starts: list[int] = field(default_factory=list)  # document offset of each whitespace chunk of the sentence


class _Setup(NamedTuple):
    """What scoring a sentence needs: the two tools and their news-domain corrections."""

    vader: _Vader
    pattern: _Pattern
    vader_rules: dict  # see _overrides_by_tool; empty without corrections
    pattern_rules: dict


@lru_cache(maxsize=2)
def _setup(overrides: bool) -> _Setup:
    """The tools and corrections (``overrides``: with the news-domain corrections), made
    once per process, after the self-check of the tools (:func:`_self_check`)."""
    _self_check()
    rules = _overrides_by_tool() if overrides else ({}, {})
    return _Setup(_vader(), _pattern(), *rules)


def _score_text(text: str, overrides: bool, evidence: bool) -> SentenceTone:
    """Scores of one sentence; with ``evidence``, its span rows (tuples of :data:`SPAN_KEYS`,
    offsets into ``text``)."""
    rows: list = []
    return SentenceTone(*_score(text, _setup(overrides), _Sink(rows.append, None, text) if evidence else None), rows)


def _score(text: str, setup: _Setup, sink: _Sink | None = None, tone_off: bool = False) -> tuple:
    """The eight scores of :class:`SentenceTone` of one sentence (the annotator's hot path).

    ``sink``: ``None``, or where the span rows go (tuples of :data:`SPAN_KEYS`), set to this
    sentence.
    """
    vader, pattern, vader_rules, pattern_rules = setup
    vader_text, vader_words, vader_spans = vader.tokens(text)
    vader_chunks = list(map(_CHUNKS.__getitem__, vader_words))
    # the whitespace chunks: VADER's words, unless it replaced emoji by their descriptions
    chunks = vader_chunks if vader_spans is None else list(map(_CHUNKS.__getitem__, text.split()))
    if sink is not None:
        sink.starts = _chunk_starts(text, chunks, sink.offset)
    compound, pos, neg, neu, tone_compound, tone_pos, tone_neg = _run_vader(
        vader, vader_text, vader_words, vader_spans, vader_chunks, vader_rules, sink
    )
    polarity, subjectivity, tone_polarity = _run_pattern(pattern, text, chunks, pattern_rules, sink)
    if tone_off:
        tone, intensity = 0.0, 0.0
    else:
        tone = (tone_compound + tone_polarity) / 2.0  # the mean of the two tools' scores, -1..+1
        intensity = tone_pos + tone_neg
    return compound, pos, neg, neu, polarity, subjectivity, tone, intensity


def _run_vader(
    vader: _Vader, text: str, words: list[str], spans, chunks: list[_Chunk], rules: dict, sink: _Sink | None
) -> tuple:
    """VADER on one sentence: ``(compound, pos, neg, neu)`` as the package gives them, then
    ``(compound, pos, neg)`` after the corrections ``rules``, whose spans go to ``sink``.

    ``text``, ``words``, ``spans``: :meth:`_Vader.tokens`; ``chunks``: the words' :class:`_Chunk`.
    Every word with a rule is a lexicon word: only those can match.
    """
    candidates = list(compress(range(len(chunks)), map(_IN_VADER_LEXICON, chunks)))
    if not candidates:  # what score() gives without a lexicon word: no hit, all neutral (if any word)
        neutral = 1.0 if chunks else 0.0
        return 0.0, 0.0, 0.0, neutral, 0.0, 0.0, 0.0
    lows = list(map(_VADER_WORD, chunks))
    compound, pos, neg, neu, hits = vader.score(text, words, lows, candidates=candidates)
    found = {}
    if rules and not rules.keys().isdisjoint(map(lows.__getitem__, candidates)):
        found = _match_overrides(rules, lows, words, 1.0, candidates)
    if not found:
        tone_compound, tone_pos, tone_neg, tone_hits = compound, pos, neg, hits
    elif all(valence is None for valence, _rule in found.values()):
        tone_compound, tone_pos, tone_neg, _neu, tone_hits = vader.without(text, lows, hits, found)
    else:
        override = {i: valence for i, (valence, _rule) in found.items()}
        tone_compound, tone_pos, tone_neg, _neu, tone_hits = vader.score(text, words, lows, override, candidates)
    corrected = bool(found)
    if not NOT_NEGATORS.isdisjoint(lows) and any(lows[j] in NOT_NEGATORS for h in tone_hits for j in h.negators):
        tone_compound, tone_pos, tone_neg, _neu, tone_hits = vader.not_negated_by(text, lows, tone_hits, NOT_NEGATORS)
        corrected = True
    if sink is not None and (hits or tone_hits):
        same = zip(hits, map(_VALUE, hits), map(_VALUE, hits))
        merged = _merge(hits, tone_hits, _INDEX, _VALUE) if corrected else same
        _vader_evidence(vader, words, lows, chunks, spans, merged, found, sink)
    return compound, pos, neg, neu, tone_compound, tone_pos, tone_neg


def _run_pattern(pattern: _Pattern, text: str, chunks: list[_Chunk], rules: dict, sink: _Sink | None) -> tuple:
    """Pattern (TextBlob) on the sentence ``text`` made of ``chunks``: ``(polarity,
    subjectivity)`` as the package gives them, and the polarity after the corrections
    ``rules``, whose spans go to ``sink``. Every word with a rule is a word pattern scores."""
    if any(map(_CROSSES, chunks)):  # a rule across chunks may change the tokens
        lows, tokens, from_chunks = pattern.tokens_across_chunks(text, chunks)
        if from_chunks:
            relevant = chain.from_iterable(map(_PATTERN_RELEVANT, chunks))
        else:
            relevant = map(pattern.relevant.__contains__, lows)
        positions = list(compress(range(len(lows)), relevant))
    else:  # the sentence's tokens are its chunks' tokens (made when needed: _joined_tokens)
        tokens, from_chunks = None, True
        positions = list(compress(count(), chain.from_iterable(map(_PATTERN_RELEVANT, chunks))))
        lows = list(chain.from_iterable(map(_PATTERN_LOWS, chunks))) if positions or not pattern.gap_safe else []
    if positions or not pattern.gap_safe:
        polarity, subjectivity, found = pattern.assess(lows, None, positions)
    else:  # what assess() gives when no token can make an assessment
        polarity, subjectivity, found = 0.0, 0.0, []
    corrections = {}
    if rules and found and not rules.keys().isdisjoint(map(lows.__getitem__, positions)):
        originals = tokens if tokens is not None else partial(_joined_tokens, chunks)
        corrections = _match_overrides(rules, lows, originals, 0.25, positions)
    tone_polarity, tone_found = polarity, found
    if corrections:
        changes = {k: value for k, (value, _rule) in corrections.items()}
        dropped = _pattern_without(pattern, lows, found, changes)
        if dropped is not None:
            tone_polarity, tone_found = dropped
        else:
            tone_polarity, _subjectivity, tone_found = pattern.assess(lows, changes, positions)
    if sink is not None and (found or tone_found):
        if corrections:
            merged = _merge(found, tone_found, _HEAD, _POLARITY)
        else:  # (the package's value is the one in tone)
            merged = zip(found, map(_POLARITY, found), map(_POLARITY, found))
        _pattern_evidence(pattern, lows, tokens, from_chunks, chunks, merged, corrections, sink)
    return polarity, subjectivity, tone_polarity


# ---------------------------------------------------------------------------
# Evidence: one span per word that moved a score

#: the detail columns of a tone span, after the span columns of DocResult.add_span
EVIDENCE_DETAILS = (
    "source",
    "entry",
    "lexicon_valence",
    "valence",
    "tone_valence",
    "subjectivity",
    "negated",
    "negator",
    "booster",
    "emphasis",
    "but_weight",
    "override",
)
#: the keys of a tone evidence row (``DocResult.span_rows``): the span columns, then the details
SPAN_KEYS = (*SPAN_COLUMNS, *EVIDENCE_DETAILS)
_TEXTBLOB_RULES = {"mood": "textblob:emoticon", "irony": "textblob:irony"}


def _merge(reference: list, corrected: list, position, value) -> list[tuple]:
    """``(item, value, tone_value)`` for the items of the package's run and the corrected
    run, matched by ``position(item)``, in text order (both runs list their items in text
    order)."""
    by_position = {position(h): h for h in corrected}
    out = []
    for h in reference:
        other = by_position.pop(position(h), None)
        out.append((h, value(h), value(other) if other is not None else 0.0))
    if by_position:  # words the correction made count where the tool gave 0: rare
        out.extend((h, 0.0, value(h)) for h in by_position.values())
        out.sort(key=lambda x: position(x[0]))
    return out


_HEAD, _POLARITY = attrgetter("head"), attrgetter("polarity")


def _vader_evidence(
    vader: _Vader,
    words: list[str],
    lows: list[str],
    chunks: list[_Chunk],
    spans,
    merged,
    corrections: dict,
    sink: _Sink,
) -> None:
    """A span row for every word with a non-zero value in VADER's run or its corrected run
    (``merged``: :func:`_merge` of their hits); ``words``, ``chunks``, ``spans`` as in
    :func:`_run_vader`, ``lows`` VADER's words as it reads them."""
    lexicon, strip = vader.lexicon, vader.strip
    nan = math.nan
    append, doc_id, sent_index, doc_text, starts = sink.append, sink.doc_id, sink.sent_index, sink.doc_text, sink.starts
    for hit, value, tone_value in merged:
        i = hit.index
        word = lows[i]
        if spans is None:
            a = starts[i] + chunks[i].vader_start
            b = starts[i] + chunks[i].vader_end
        else:
            a = spans[i][0] + sink.offset
            b = spans[i][1] + sink.offset
        correction = corrections.get(i)
        append(
            (
                doc_id,
                sent_index,
                a,
                b,
                doc_text[a:b],
                "tone",
                "positive" if tone_value > 0 else "negative" if tone_value < 0 else "neutral",
                "vader:idiom" if hit.idiom else "vader:lexicon",
                "vader",
                word,
                lexicon.get(word, nan),
                value,
                tone_value,
                nan,
                len(hit.negators) % 2 == 1,
                " ".join([strip(words[j]) for j in hit.negators]) if hit.negators else "",
                " ".join([strip(words[j]) for j in hit.boosters]) if hit.boosters else "",
                "caps" if hit.caps else "",
                # the but rule's factor (x / x == 1.0 exactly: no division for the others)
                round(hit.value / hit.before_but, 4) if hit.before_but and hit.value != hit.before_but else 1.0,
                correction[1].reason if correction else "",
            )
        )


def _pattern_evidence(
    pattern: _Pattern,
    lows: list[str],
    tokens: list[str] | None,
    from_chunks: bool,
    chunks: list[_Chunk],
    merged,
    corrections: dict,
    sink: _Sink,
) -> None:
    """A span row for every assessment of pattern's run or its corrected run, on its head
    word (``merged``: :func:`_merge` of their assessments); ``lows``, ``tokens``,
    ``from_chunks``: as in :func:`_run_pattern`."""
    merged = list(merged)
    if from_chunks:
        # token k is in the first chunk whose tokens, with those before it, number more than
        # k; a chunk holds at least one token, so the last head's is among the first k + 1
        last_head = merged[-1][0].head  # (the items are in text order)
        token_ends = list(accumulate(map(_N_PATTERN_TOKENS, chunks[: last_head + 1])))
    else:  # the package's tokens, some joined across chunks
        places = _package_token_places(pattern.eos, chunks, sink.starts, tokens)
    append, doc_id, sent_index, doc_text, starts = sink.append, sink.doc_id, sink.sent_index, sink.doc_text, sink.starts
    for item, value, tone_value in merged:
        k = item.head
        if from_chunks:
            c = bisect_right(token_ends, k)
            offsets = chunks[c].pattern_offsets
            a, b = offsets[k - (token_ends[c] - len(offsets))]
            a += starts[c]
            b += starts[c]
        elif k in places:
            a, b = places[k]
        else:
            continue
        if tokens is None and (item.negator is not None or item.modifier is not None):
            tokens = _joined_tokens(chunks)
        correction = corrections.get(k)
        append(
            (
                doc_id,
                sent_index,
                a,
                b,
                doc_text[a:b],
                "tone",
                "positive" if tone_value > 0 else "negative" if tone_value < 0 else "neutral",
                _TEXTBLOB_RULES.get(item.label, "textblob:lexicon"),
                "textblob",
                lows[k],
                item.lexicon_polarity,
                value,
                tone_value,
                item.subjectivity,
                item.negated,
                tokens[item.negator] if item.negator is not None else "",
                tokens[item.modifier] if item.modifier is not None else "",
                "!" * item.exclamations,
                1.0,
                correction[1].reason if correction else "",
            )
        )


def _package_token_places(
    eos: str, chunks: list[_Chunk], starts: list[int], exact: list[str]
) -> dict[int, tuple[int, int]]:
    """``{token position: (start, end)}`` in the document of the tokens ``exact`` of the
    package's tokenizer: the chunks' tokens (chunk ``c`` starting at ``starts[c]``), some
    joined (emoticons written with spaces, "( ! )") and some dropped ("END-OF-SENTENCE")."""
    flat: list[tuple[str, int, int]] = []
    for start, chunk in zip(starts, chunks):
        for t, (a, b) in zip(chunk.pattern_tokens, chunk.pattern_offsets):
            if t != eos:
                flat.append((t, start + a, start + b))
    out = {}
    k = 0
    for index, t in enumerate(exact):
        if k >= len(flat):
            break
        acc, a, b = flat[k]
        while acc != t and len(acc) < len(t) and k + 1 < len(flat):
            k += 1
            acc += flat[k][0]
            b = flat[k][2]
        if acc == t:
            out[index] = (a, b)
            k += 1
    return out


def score_sentence(text: str, *, overrides: bool = True) -> SentenceTone:
    """The tone measures of one piece of text, scored as one sentence.

    ``vader_*`` equal ``SentimentIntensityAnalyzer().polarity_scores(text)`` of the
    ``vaderSentiment`` package, ``textblob_polarity`` and ``subjectivity`` equal
    ``TextBlob(text).sentiment``; ``tone`` and ``tone_intensity`` are the project's
    (see the module docstring). ``evidence`` lists ``(start, end, category, rule,
    detail)`` with offsets into ``text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"score_sentence() needs a str, got {type(text).__name__}")
    r = _score_text(text, overrides, True)
    evidence = []
    for row in r.evidence:
        span = dict(zip(SPAN_KEYS, row))
        evidence.append(
            (span["start"], span["end"], span["category"], span["rule"], {key: span[key] for key in EVIDENCE_DETAILS})
        )
    return r._replace(evidence=evidence)


# ---------------------------------------------------------------------------
# Self-check: the re-implementation against the installed packages

#: versions of the packages whose numbers the re-implementation is known to reproduce
#: exactly (``tests/test_tone.py`` compares them on thousands of sentences; textblob
#: 0.18.0.post0 and 0.19.0 checked on 6 Dec 2026 with the same tests; 0.18.0, the declared minimum, by make test-min)
KNOWN_GOOD = {"vaderSentiment": ("3.3.2",), "textblob": ("0.18.0", "0.18.0.post0", "0.19.0", "0.20.1")}

#: the sample of the self-check: one short text that the project's segmenter splits into
#: sentences exercising every rule of both tools (negation, boosters and dampeners, capitals,
#: "but", idioms, "least", emoticons and emoji, "!" and "?", pattern's intensifiers,
#: negations, "!" and "(!)")
SELF_CHECK_TEXT = (
    "The plan is good. The plan is not good. It was extremely good. It was slightly bad. "
    "It was GREAT!!! The response was VERY bad. The food here is the shit! Yeah right, that is the bomb. "
    "The plan was good, but the execution was terrible. It isn't horrible, but it isn't great either. "
    "At least it is not bad. He is not the least bit happy. Never so happy, without doubt. "
    "It is kind of good. The raid was a kiss of death for the bar. No problems at all. "
    "I love it :) Not good at all :( Agents were praised 😀 today. Wait... what??? NO WAY!!! "
    "This is very good. This is not very good. It was really, really nice. He said the (!) plan was fine. "
    "The officials said the attack was horrific and the response excellent. "
    "Police called the protest peaceful, but critics called it a violent riot. "
    "The senator never said the deal was bad. Is this the worst idea ever?? "
    "Prices fell sharply, a terrible blow for investors. What a wonderful, wonderful day!"
)


def _reference_scores(sentence: str) -> tuple[tuple[float, ...], tuple[float, float]]:
    """What the installed packages give for ``sentence``: VADER's ``polarity_scores``
    (compound, pos, neg, neu) and TextBlob's ``.sentiment`` (polarity, subjectivity).

    TextBlob's default analyzer is the ``Sentiment`` object of ``textblob/_text.py`` that
    ``textblob/en/__init__.py`` builds (:func:`_textblob_sentiment`, equal to the package's,
    checked in ``tests/test_tone.py``); calling it is what ``TextBlob(s).sentiment`` does,
    without importing the package (which imports NLTK and scipy, 1-2 s).
    """
    v = _vader().reference.polarity_scores(sentence)
    return (v["compound"], v["pos"], v["neg"], v["neu"]), tuple(_textblob_sentiment()(sentence))


def _self_check_mismatches() -> dict[str, str]:
    """``{package: first mismatching sentence and numbers}`` for the self-check sample."""
    from ..text.segment import segment

    setup = _Setup(_vader(), _pattern(), {}, {})
    doc = segment(SELF_CHECK_TEXT, "self-check")
    out: dict[str, str] = {}
    for sent in doc.sentences:
        sentence = SELF_CHECK_TEXT[sent.start : sent.end]
        compound, pos, neg, neu, polarity, subjectivity, _tone, _intensity = _score(sentence, setup)
        vader_ref, textblob_ref = _reference_scores(sentence)
        if "vaderSentiment" not in out and (compound, pos, neg, neu) != tuple(vader_ref):
            out["vaderSentiment"] = (
                f"{sentence!r}: (compound, pos, neg, neu) {(compound, pos, neg, neu)} here, "
                f"{tuple(vader_ref)} from the package"
            )
        if "textblob" not in out and (polarity, subjectivity) != tuple(textblob_ref):
            out["textblob"] = (
                f"{sentence!r}: (polarity, subjectivity) {(polarity, subjectivity)} here, "
                f"{tuple(textblob_ref)} from the package"
            )
    return out


@lru_cache(maxsize=1)
def _self_check() -> bool:
    """Compare the re-implemented VADER and TextBlob with the installed packages on the
    sentences of :data:`SELF_CHECK_TEXT`, once per process (a few milliseconds); on a
    mismatch warn once (``RuntimeWarning``), naming the package, its version, the first
    sentence that differs and the fix. The scores are computed either way. Returns whether
    both matched."""
    mismatches = _self_check_mismatches()
    if not mismatches:
        return True
    lines = []
    for package, detail in mismatches.items():
        version = metadata.version(package)
        good = KNOWN_GOOD[package]
        lines.append(
            f"the tone layer's re-implementation of {package} does not reproduce the installed "
            f"{package} {version} (first difference: {detail}); install a version known to match "
            f"({', '.join(good)}), e.g. pip install '{package}=={good[-1]}'"
            + ("" if version not in good else " (this version is one, so the installation may be damaged)")
        )
    warnings.warn(
        "; ".join(lines) + ". The tone scores are still computed, by the re-implementation, and may differ "
        "from what the installed package gives.",
        RuntimeWarning,
        stacklevel=3,
    )
    return False


# ---------------------------------------------------------------------------
# Language check


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Word forms of the English part-of-speech lexicon shipped with TextBlob (Brill 1992)."""
    data = (_textblob_dir() / "en" / "en-lexicon.txt").read_text("utf-8")
    return frozenset(line.split(" ", 1)[0].lower() for line in data.splitlines() if line and not line.startswith(";"))


#: a sentence of at least ``_LANGUAGE_MIN_WORDS`` alphabetic words is flagged as not
#: English when fewer than this share of them are English word forms. Measured on this
#: project's English news sentences (seeds and ``tests/data/frame_labels.csv``), the
#: lowest share was 0.87; short German, French and Spanish sentences score 0.44-0.63.
ENGLISH_MIN_SHARE = 0.7
_LANGUAGE_MIN_WORDS = 4
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_SCRIPT = re.compile(r"[^\W\d_\u0000-\u024f]")  # a letter beyond the Latin blocks

#: values of the ``tone_status`` sentence column
TONE_STATUS = {
    "ok": "scored",
    "no_words": "no letters (empty, punctuation or numbers only): every score is 0",
    "non_english": "does not look like English: tone and tone_intensity set to 0, "
    "vader_* and textblob_* kept as the tools return them",
}


@lru_cache(maxsize=1)
def _english_alpha() -> frozenset[str]:
    return frozenset(w for w in _english_words() if w.isalpha())


def _language_code(word: str) -> int:
    """A lower-cased token's code for the language check: 2 if an English word form (all
    alphabetic), 1 if another alphabetic token, else 0. A document's tokens become one byte
    string of these codes, and a sentence's two counts of the check are the counts of bytes
    2 and 1 in its slice. Remembered per word in ``_LANGUAGE_CODES``."""
    return 2 if word in _english_alpha() else 1 if word.isalpha() else 0


_LANGUAGE_CODES = _Memo(_language_code)


def _sentence_status(text: str, counts: tuple[int, int] | None = None) -> str:
    """``ok``, ``no_words`` or ``non_english`` for one sentence (see :data:`TONE_STATUS`).

    The language check counts the sentence's alphabetic words that are English word
    forms of TextBlob's part-of-speech lexicon; capitalised words after the first are
    left out, so that names (*Señor Pérez*, *Xi Jinping*) do not make English look foreign.
    ``counts`` (English word forms, alphabetic tokens) of the sentence's tokens allow a
    quick first check over all words: a sentence that passes it with names counted
    passes the full check too, except in the rare case where capitalised English words
    lift a foreign sentence.
    """
    if _LETTER.search(text) is None:
        return "no_words"
    if not text.isascii() and _ASCII_LETTER.search(text) is None and _OTHER_SCRIPT.search(text) is not None:
        return "non_english"  # only letters of a script the English lexicons do not cover
    if counts is not None and counts[0] >= ENGLISH_MIN_SHARE * counts[1]:
        return "ok"
    words = [
        w.lower()
        for k, w in enumerate(c.strip(_PUNCT_QUOTES) for c in text.split())
        if w.isalpha() and (k == 0 or not w[0].isupper())
    ]
    if len(words) >= _LANGUAGE_MIN_WORDS:
        known = sum(map(_english_words().__contains__, words))
        if known < ENGLISH_MIN_SHARE * len(words):
            return "non_english"
    return "ok"


_PUNCT_QUOTES = string.punctuation + "“”‘’«»„…—–"


# ---------------------------------------------------------------------------
# The annotator


#: how well the layer's main measures agree with people (docs/validity.md, benchmarks/validity.py)
TONE_VALIDITY = (
    "Pearson r 0.49 [0.44, 0.53] with the mean of about 20 human ratings per sentence on the held-out "
    "half of the NYT editorial sentences of Hutto & Gilbert (2014), 1306 items; VADER alone 0.50 "
    "[0.44, 0.54], TextBlob 0.27; one human rater against the others 0.745"
)


class ToneAnnotator(Annotator):
    """Sentence tone (VADER, TextBlob and the project's ``tone``) with word evidence.

    Parameters
    ----------
    overrides : bool
        Apply the news-domain corrections of ``framing/lexicons/tone_overrides.csv``
        to the project's ``tone`` and ``tone_intensity`` (never to the ``vader_*`` and
        ``textblob_*`` columns, which stay the tools' own numbers).
    headings : bool
        Include headings (headline, subheadings, byline) in the document aggregates.
    evidence : bool
        Write a span in layer ``tone`` for every word that moved a score.

    Writes the sentence columns :data:`TONE_COLUMNS`, the sentence column
    ``tone_status`` (:data:`TONE_STATUS`: ``ok``, ``no_words`` for sentences without a
    letter, ``non_english`` for sentences whose tone is set to 0 because they do not look
    like English; the document gets a warning naming how many), and the document measures
    ``tone`` (token-weighted mean of sentence tone), ``tone_sd`` (token-weighted
    standard deviation), ``negative_share`` and ``positive_share`` (shares of
    sentences with tone below -0.05 / above +0.05), ``tone_intensity`` and
    ``subjectivity`` (token-weighted means), plus ``vader_compound`` and
    ``textblob_polarity`` (token-weighted means of the sentence scores). A document
    made only of headings (a headline corpus) is aggregated over its headings, with a
    warning.
    """

    title = "Tone"
    span_layers = (
        SpanLayer(
            "tone",
            "tone: a word scored by VADER or TextBlob",
            "coloured text",
            "color: var(--fh-line, #333);",
            ("negative", "neutral", "positive"),
            in_highlight=False,
            in_report=False,
        ),
    )
    sentence_columns = (
        SentenceColumn("vader_compound", "VADER's compound score, as the vaderSentiment package gives it (-1..1)"),
        SentenceColumn("vader_pos", "VADER's positive share of the sentence"),
        SentenceColumn("vader_neg", "VADER's negative share of the sentence"),
        SentenceColumn("vader_neu", "VADER's neutral share of the sentence"),
        SentenceColumn("textblob_polarity", "TextBlob's pattern polarity, as the textblob package gives it (-1..1)"),
        SentenceColumn("subjectivity", "TextBlob's pattern subjectivity (0..1)"),
        SentenceColumn(
            "tone", "the mean of VADER compound and TextBlob polarity, with news-domain corrections (-1..1)"
        ),
        SentenceColumn("tone_intensity", "how much evaluative language the sentence holds: VADER pos + neg (0..1)"),
        SentenceColumn("tone_status", "ok, no_words or non_english (tone set to 0)", "str"),
    )
    measures = (
        Measure(
            "tone",
            "score",
            "token-weighted mean of sentence tone",
            "more positive",
            token_mean("tone"),
            compare=True,
            validity=TONE_VALIDITY,
        ),
        Measure("tone_sd", "score", "token-weighted standard deviation of sentence tone", "more varied tone"),
        Measure(
            "negative_share",
            "share",
            f"share of sentences with tone below -{NEUTRAL_BAND}",
            "more negative sentences",
            sentence_share(ColumnTest("tone", "<", -NEUTRAL_BAND), headings="headings"),
        ),
        Measure(
            "positive_share",
            "share",
            f"share of sentences with tone above +{NEUTRAL_BAND}",
            "more positive sentences",
            sentence_share(ColumnTest("tone", ">", NEUTRAL_BAND), headings="headings"),
        ),
        Measure(
            "tone_intensity",
            "score",
            "token-weighted mean of sentence tone intensity",
            "more evaluative language, either way",
            token_mean("tone_intensity"),
            compare=True,
            headline=True,
        ),
        Measure(
            "subjectivity",
            "score",
            "token-weighted mean of TextBlob subjectivity",
            "more subjective",
            token_mean("subjectivity"),
            compare=True,
        ),
        Measure(
            "vader_compound",
            "score",
            "token-weighted mean of VADER compound (the baseline)",
            "more positive",
            token_mean("vader_compound"),
        ),
        Measure(
            "textblob_polarity",
            "score",
            "token-weighted mean of TextBlob polarity (the baseline)",
            "more positive",
            token_mean("textblob_polarity"),
        ),
    )
    method = (
        "tone is the token-weighted mean over body sentences of the average of VADER's compound score (Hutto & Gilbert "
        "2014) and TextBlob's pattern polarity (Loria 2018), each in -1..1, with documented news-domain "
        "corrections; tone_intensity is VADER's positive plus negative share of the sentence (how much "
        "evaluative language it carries, whatever the direction; after GDELT's polarity); negative_share and "
        "positive_share are the shares of sentences below -0.05 and above 0.05."
    )

    def __init__(self, *, overrides: bool = True, headings: bool = False, evidence: bool = True):
        self.overrides = overrides
        self.headings = headings
        self.evidence = evidence

    def versions(self) -> dict[str, str]:
        out = {
            "vaderSentiment": metadata.version("vaderSentiment"),
            "textblob": metadata.version("textblob"),
        }
        if self.overrides:
            out[OVERRIDES_FILE] = version_of(OVERRIDES_FILE)
        return out

    def annotate(self, doc: Document, out: DocResult) -> None:
        setup = _setup(self.overrides)
        sentences = doc.sentences
        n = len(sentences)
        cols = [out.sentence_column(name, n) for name in TONE_COLUMNS]
        c_vc, c_vp, c_vn, c_vneu, c_tp, c_ts, c_tone, c_int = cols
        c_status = out.sentence_column("tone_status", n, "ok")
        text = doc.text
        lowers = doc.tok_lower
        # a byte per token for the language check: 2 English word form, 1 other alphabetic
        codes = bytes(map(_LANGUAGE_CODES.__getitem__, lowers))
        min_share = ENGLISH_MIN_SHARE
        doc_id = out.doc_id
        # the evidence rows, tuples of SPAN_KEYS (an empty block adds no row to any table)
        sink = _Sink(out.span_rows(SPAN_KEYS).append, doc_id, text) if self.evidence else None
        for sent in sentences:
            k = sent.index
            sentence = text[sent.start : sent.end]
            a, b = sent.tok_first, sent.tok_last
            if b > a:
                span = codes[a:b]
                n_known = span.count(2)
                n_alpha = n_known + span.count(1)
            else:
                n_known = n_alpha = 0
            if n_alpha and n_known >= min_share * n_alpha and sentence.isascii():
                # _sentence_status's answer: an alphabetic token is a letter, ASCII text
                # has no letter of another script, and the counts pass the check
                status = "ok"
            else:
                status = c_status[k] = _sentence_status(sentence, (n_known, n_alpha))
            if sink is not None:
                sink.sent_index, sink.offset = k, sent.start
            (c_vc[k], c_vp[k], c_vn[k], c_vneu[k], c_tp[k], c_ts[k], c_tone[k], c_int[k]) = _score(
                sentence, setup, sink, status == "non_english"
            )
        n_foreign = c_status.count("non_english")
        if n_foreign:
            out.warn(
                f"tone: {n_foreign} of {n} sentence(s) do not look like English (tone_status "
                "'non_english'); their tone and tone_intensity are set to 0 because the lexicons are English"
            )
        if n and c_status.count("no_words") == n:
            out.warn("tone: no sentence has a letter (punctuation or numbers only); every tone score is 0")
        self._aggregate(doc, out, c_tone, c_int, c_ts, c_vc, c_tp)

    def _aggregate(self, doc, out, tone, intensity, subjectivity, compound, polarity) -> None:
        keep = [s for s in doc.sentences if self.headings or s.kind != "heading"]
        if not keep and doc.sentences:
            # a text of headings only (e.g. a corpus of headlines): use them rather than
            # leave the document without a tone
            keep = list(doc.sentences)
            out.warn("tone: the document has only headings; its tone aggregates include them")
        weights = [s.tok_last - s.tok_first for s in keep]
        total = sum(weights)
        measures = out.measures
        if not keep or total == 0:
            for declared in self.measures:  # every measure this layer declares is undefined
                measures[declared.name] = math.nan
            return
        idx = [s.index for s in keep]

        def mean(col):
            # sum of w * col[i] in sentence order, the products and additions made in C
            return sum(map(mul, weights, map(col.__getitem__, idx))) / total

        kept = list(map(tone.__getitem__, idx))
        m = mean(tone)
        measures["tone"] = m
        measures["tone_sd"] = math.sqrt(max(0.0, sum(w * (t - m) ** 2 for w, t in zip(weights, kept)) / total))
        measures["negative_share"] = sum(map((-NEUTRAL_BAND).__gt__, kept)) / len(idx)  # tone < -band
        measures["positive_share"] = sum(map(NEUTRAL_BAND.__lt__, kept)) / len(idx)  # tone > band
        measures["tone_intensity"] = mean(intensity)
        measures["subjectivity"] = mean(subjectivity)
        measures["vader_compound"] = mean(compound)
        measures["textblob_polarity"] = mean(polarity)


# ---------------------------------------------------------------------------
# Tone arc

#: columns of the frame :func:`tone_arc` returns
ARC_COLUMNS = [
    "doc_id",
    "bin",
    "position",
    "bin_start",
    "bin_end",
    "n_sentences",
    "n_tokens",
    "tone",
    "tone_intensity",
    "first_sentence",
    "last_sentence",
]


def tone_arc(result, bins: int = 10, *, headings: bool = False) -> "pd.DataFrame":
    """Tone by relative position in each document: how tone develops through an article.

    Each document's sentences (body sentences only unless ``headings=True``, as in the
    document tone) are numbered ``k = 0 .. n-1``; sentence ``k`` sits at relative
    position ``(k + 0.5) / n`` and falls in bin ``floor(position * bins)``, so every
    sentence is in exactly one bin and a document of fewer than ``bins`` sentences leaves
    some bins empty. A bin's tone is the token-weighted mean of its sentences' ``tone``
    (the same weighting as the document ``tone``; see :class:`ToneAnnotator`).

    Parameters
    ----------
    result : framing.Analysis or pandas.DataFrame
        The output of :func:`framing.analyze`, or its ``sentences`` table.
    bins : int
        Number of equal stretches per document (default 10).
    headings : bool
        Include headings (headline, subheadings, byline).

    Returns
    -------
    pandas.DataFrame
        Tidy, ``bins`` rows per document for every document of the result (in its
        order), ready for :func:`framing.figures.plot_tone_arc`:

        ``doc_id``; ``bin`` (0 .. bins-1); ``position`` (the bin's centre, 0..1, the
        x axis); ``bin_start``, ``bin_end`` (the stretch, 0..1); ``n_sentences`` and
        ``n_tokens`` in the bin; ``tone`` (token-weighted mean sentence tone, -1..+1,
        NaN for an empty bin); ``tone_intensity`` (same weighting, 0..1);
        ``first_sentence``, ``last_sentence`` (``sent_index`` range of the bin's
        sentences, -1 when empty), to read the sentences behind a point.

    The arc of a single article is noisy (a bin of an 800-word article holds about three
    sentences); compare arcs averaged over many articles, or read the bin's sentences.
    """
    import pandas as pd

    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise AnalysisError(f"bins must be a positive whole number (e.g. 10); got {bins!r}")
    if isinstance(result, pd.DataFrame):
        sentences, doc_ids = result, list(dict.fromkeys(result["doc_id"])) if "doc_id" in result.columns else []
    else:
        sentences = getattr(result, "sentences", None)
        if sentences is None:
            raise AnalysisError(f"tone_arc() needs the result of framing.analyze(...); got {type(result).__name__}")
        doc_ids = list(result.doc_ids)
    missing = [
        c for c in ("doc_id", "sent_index", "kind", "n_tokens", "tone", "tone_intensity") if c not in sentences.columns
    ]
    if missing:
        raise AnalysisError(
            f"the sentences table lacks column(s) {', '.join(missing)}: run framing.analyze with the tone "
            "layer (the default annotators include it)"
        )
    keep = sentences if headings else sentences[sentences["kind"] != "heading"]
    by_doc = {d: f for d, f in keep.groupby("doc_id", sort=False)}
    rows = []
    for doc_id in doc_ids:
        frame = by_doc.get(doc_id)
        for b, arc_bin in enumerate(_arc_bins(frame, bins)):
            w = arc_bin.weight
            rows.append(
                (
                    doc_id,
                    b,
                    (b + 0.5) / bins,
                    b / bins,
                    (b + 1) / bins,
                    arc_bin.n_sentences,
                    arc_bin.n_tokens,
                    arc_bin.weighted_tone / w if w else math.nan,
                    arc_bin.weighted_intensity / w if w else math.nan,
                    arc_bin.first,
                    arc_bin.last,
                )
            )
    return pd.DataFrame.from_records(rows, columns=ARC_COLUMNS)


@dataclass
class _ArcBin:
    """The sentences of one bin of a document's tone arc, added up."""

    n_sentences: int = 0
    n_tokens: int = 0
    weight: float = 0.0  # tokens (at least 1) of the sentences with a tone
    weighted_tone: float = 0.0
    weighted_intensity: float = 0.0
    first: int = -1  # sent_index of the first and last sentence (-1: none)
    last: int = -1


def _arc_bins(frame, bins: int) -> list[_ArcBin]:
    """The ``bins`` bins of one document's sentences (``frame``; ``None``: none)."""
    acc = [_ArcBin() for _ in range(bins)]
    if frame is None:
        return acc
    frame = frame.sort_values("sent_index")
    n = len(frame)
    for k, (idx, tokens, tone, intensity) in enumerate(
        zip(frame["sent_index"], frame["n_tokens"], frame["tone"], frame["tone_intensity"])
    ):
        a = acc[min(bins - 1, int((k + 0.5) / n * bins))]
        a.n_sentences += 1
        a.n_tokens += int(tokens)
        if tone == tone:  # not NaN
            w = max(int(tokens), 1)
            a.weight += w
            a.weighted_tone += w * tone
            a.weighted_intensity += w * intensity
        if a.first < 0:
            a.first = int(idx)
        a.last = int(idx)
    return acc
