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
thousands of sentences. The re-implementation reproduces the tools' quirks on purpose
(for example VADER's handling of repeated values after *but*, or TextBlob's reading of
``8)`` as a smiley), because their numbers must stay citable as theirs.

References: Hutto, C.J. & Gilbert, E.E. (2014). VADER: A parsimonious rule-based model
for sentiment analysis of social media text. ICWSM-14. De Smedt, T. & Daelemans, W.
(2012). Pattern for Python. JMLR 13, 2063-2067. Leetaru, K. & Schrodt, P. (2013).
GDELT: Global data on events, location and tone. ISA Annual Convention.
"""

from __future__ import annotations

import bisect
from bisect import bisect_left
import importlib.util
import logging
import math
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import metadata
from itertools import accumulate, chain, compress
from operator import itemgetter, mul
from pathlib import Path
from typing import Any, NamedTuple

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
from ..errors import AnalysisError, LexiconError
from ..lexicons import read_rows, version_of
from ..text.segment import Document

__all__ = [
    "ToneAnnotator",
    "tone_arc",
    "ARC_COLUMNS",
    "score_sentence",
    "SentenceTone",
    "TONE_COLUMNS",
    "OVERRIDES_FILE",
]

log = logging.getLogger(__name__)

#: per-sentence columns this layer adds to ``Analysis.sentences``
TONE_COLUMNS = (
    "vader_compound", "vader_pos", "vader_neg", "vader_neu",
    "textblob_polarity", "subjectivity", "tone", "tone_intensity",
)
OVERRIDES_FILE = "tone_overrides.csv"
#: the threshold of VADER's three classes (Hutto & Gilbert 2014), used for the shares
NEUTRAL_BAND = 0.05

_CACHE_LIMIT = 500_000  # distinct whitespace chunks memoised per process
#: ends the lower-cased TextBlob tokens of a chunk whose sentence needs the checks across
#: chunks (_Pattern._chunk_lower)
MARK = "\x00"


# ---------------------------------------------------------------------------
# VADER


class _Vader:
    """VADER's ``polarity_scores`` (vaderSentiment 3.3.x), step for step, plus evidence.

    The lexicon, emoji descriptions, negations, boosters, idioms and constants come
    from the installed package. Differences from the reference are only in how the
    work is organised: each distinct whitespace chunk is stripped and lower-cased once
    per process, only lexicon words are visited (the reference visits every token and
    lower-cases the whole sentence again for every lexicon word), and the contrastive
    *but* rule is replayed on the non-zero values only (zeros never equal them).
    """

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        analyzer = vs.SentimentIntensityAnalyzer()
        self.version = metadata.version("vaderSentiment")
        self.lexicon: dict[str, float] = analyzer.lexicon
        self.booster: dict[str, float] = dict(vs.BOOSTER_DICT)
        self.booster_seq = {tuple(k.split(" ")): v for k, v in vs.BOOSTER_DICT.items() if " " in k}
        self.special = {tuple(k.split(" ")): v for k, v in vs.SPECIAL_CASES.items() if " " in k}
        self.special_words = frozenset(w for k in chain(self.special, self.booster_seq) for w in k)
        self.negate = frozenset(vs.NEGATE)
        # words that let a rule fire when they are the scored word or one of the three
        # before it; every other word is "quiet". The words of idioms and multi-word
        # boosters ("the", "of", "to" ...) count only as a pair of neighbours that
        # occurs in one of them (see score)
        loud = self.negate | self.booster.keys() | {
            "no", "kind", "least", "never", "without", "so", "this", "or", "nor", "but",
        }
        self.quiet = _Memo(lambda w: w not in loud and "n't" not in w)
        self.idiom_pairs = frozenset(pair for k in chain(self.special, self.booster_seq) for pair in zip(k, k[1:]))
        self.n_scalar = vs.N_SCALAR
        self.c_incr = vs.C_INCR
        self.normalize = vs.normalize
        self.alpha = vs.normalize.__defaults__[0]
        # the reference replaces single characters only, so keys of one character matter
        self.emojis = {k: v for k, v in analyzer.emojis.items() if len(k) == 1}
        self.emoji_chars = frozenset(self.emojis)
        self.emoji_all_ascii = all(not k.isascii() for k in self.emojis)
        self.low = _LowMemo()
        self.stripped = _Memo(self._strip)
        self.inner = _Memo(self._inner)

    @staticmethod
    def _strip(token: str) -> str:
        stripped = token.strip(string.punctuation)
        return token if len(stripped) <= 2 else stripped

    def _inner(self, token: str) -> tuple[int, int]:
        """Offset and length of the stripped word inside a whitespace chunk."""
        stripped = self._strip(token)
        if stripped == token:
            return 0, len(token)
        return len(token) - len(token.lstrip(string.punctuation)), len(stripped)

    def _lower_stripped(self, token: str) -> str:
        return self._strip(token).lower()

    # -- one sentence -------------------------------------------------------

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
        origin = origin[lead:lead + len(new)]
        words, spans = [], []
        for m in re.finditer(r"\S+", new):
            a, b = m.span()
            words.append(m.group())
            spans.append((origin[a], origin[b - 1] + 1))
        return new, words, spans

    def score(self, text: str, words: list[str], lows: list[str], override: dict | None = None, evidence: bool = True,
              candidates: list[int] | None = None):
        """Scores of one sentence: ``(compound, pos, neg, neu, hits)``.

        ``hits`` lists ``[index, value, base, negators, boosters, caps, idiom, pre_but]``
        (``negators`` and ``boosters``: sequences of token indices)
        for every token whose final value is not zero. ``override`` maps token index
        to a replacement base valence (``None``: the token scores 0).
        """
        lex = self.lexicon
        n = len(lows)
        if n == 0:
            return 0.0, 0.0, 0.0, 0.0, []
        booster = self.booster
        n_scalar = self.n_scalar
        negate = self.negate
        cap_diff = None
        special_words = self.special_words
        hits: list[list] = []
        quiet = self.quiet
        pairs = self.idiom_pairs
        if candidates is None:  # the indices of lexicon words (the caller may pass them)
            candidates = compress(range(n), map(lex.__contains__, lows))
        for i in candidates:
            low = lows[i]
            if low in booster:
                continue
            if low == "kind" and i < n - 1 and lows[i + 1] == "of":
                continue
            base = lex[low]
            forced = False
            if override is not None and i in override:
                # a news-domain correction fixes this word's valence; VADER's idioms
                # (e.g. "the bomb" = excellent) no longer replace it
                base = override[i]
                forced = True
                if base is None:
                    continue
            if (
                quiet[low]
                and (i < 1 or quiet[lows[i - 1]])
                and (i < 2 or quiet[lows[i - 2]])
                and (i < 3 or quiet[lows[i - 3]])
                and not words[i].isupper()
                and (
                    i < 3  # the idiom rules apply from the fourth word on
                    or not (
                        (lows[i - 3], lows[i - 2]) in pairs
                        or (lows[i - 2], lows[i - 1]) in pairs
                        or (lows[i - 1], low) in pairs
                        or (i + 1 < n and (low, lows[i + 1]) in pairs)
                    )
                )
            ):
                # no rule can fire: the reference adds 0.0 three times, which leaves a
                # non-zero float unchanged, and every idiom or multi-word booster it
                # looks up (_idioms) contains one of these pairs of neighbours
                hits.append([i, base, base, (), (), False, False, base])
                continue
            negators: list[int] = []
            boosters: list[int] = []
            valence = base
            if low == "no" and i != n - 1 and lows[i + 1] in lex:
                valence = 0.0
            if (i > 0 and lows[i - 1] == "no") or (i > 1 and lows[i - 2] == "no") or (
                i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor")
            ):
                valence = base * n_scalar
                negators.append(i - 1 if lows[i - 1] == "no" else i - 2 if lows[i - 2] == "no" else i - 3)
            caps = False
            if words[i].isupper():
                if cap_diff is None:
                    n_upper = sum(map(str.isupper, words))
                    cap_diff = 0 < n - n_upper < n
                if cap_diff:
                    caps = True
                    if valence > 0:
                        valence += self.c_incr
                    else:
                        valence -= self.c_incr
            idiom = False
            for start_i in (0, 1, 2):
                j = i - start_i - 1
                if i > start_i and lows[j] not in lex:
                    # scalar_inc_dec of the reference
                    s = 0.0
                    lj = lows[j]
                    if lj in booster:
                        s = booster[lj]
                        if valence < 0:
                            s *= -1
                        if words[j].isupper():
                            if cap_diff is None:
                                n_upper = sum(map(str.isupper, words))
                                cap_diff = 0 < n - n_upper < n
                            if cap_diff:
                                if valence > 0:
                                    s += self.c_incr
                                else:
                                    s -= self.c_incr
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    if s != 0:
                        boosters.append(j)
                    valence = valence + s
                    # _negation_check of the reference
                    if start_i == 0:
                        if lj in negate or "n't" in lj:
                            valence = valence * n_scalar
                            negators.append(j)
                    elif start_i == 1:
                        if lj == "never" and lows[i - 1] in ("so", "this"):
                            valence = valence * 1.25
                        elif lj == "without" and lows[i - 1] == "doubt":
                            pass
                        elif lj in negate or "n't" in lj:
                            valence = valence * n_scalar
                            negators.append(j)
                    else:
                        if (lj == "never" and lows[i - 2] in ("so", "this")) or lows[i - 1] in ("so", "this"):
                            valence = valence * 1.25
                        elif lj == "without" and (lows[i - 2] == "doubt" or lows[i - 1] == "doubt"):
                            pass
                        elif lj in negate or "n't" in lj:
                            valence = valence * n_scalar
                            negators.append(j)
                        if not forced and (
                            lows[i - 1] in special_words or lows[i - 2] in special_words or low in special_words
                        ):
                            valence, idiom = self._idioms(valence, lows, i, n)
            # _least_check of the reference
            if i > 1 and lows[i - 1] not in lex and lows[i - 1] == "least":
                if lows[i - 2] != "at" and lows[i - 2] != "very":
                    valence = valence * n_scalar
                    negators.append(i - 1)
            elif i > 0 and lows[i - 1] not in lex and lows[i - 1] == "least":
                valence = valence * n_scalar
                negators.append(i - 1)
            if valence != 0:
                hits.append([i, valence, base, negators, boosters, caps, idiom, valence])
        return self._totals(text, lows, hits)

    def without(self, text: str, lows: list[str], hits: list[list], dropped) -> tuple:
        """The scores when the words at the indices ``dropped`` score 0, from the hits of
        a full run: exact, because VADER's rules read neighbouring *words*, never their
        values, except the contrastive *but* rule, which is replayed on the values it saw
        (``hit[7]``)."""
        kept = []
        for h in hits:
            if h[0] not in dropped:
                h = h.copy()
                h[1] = h[7]
                kept.append(h)
        return self._totals(text, lows, kept)

    def _totals(self, text: str, lows: list[str], hits: list[list]) -> tuple:
        """The end of ``polarity_scores``: *but*, punctuation emphasis, normalisation, shares."""
        n = len(lows)
        if not hits and n:
            # what the lines below give for no non-zero value: a sum of 0.0 is not
            # amplified, normalize(0.0) == 0.0, and the neutral share is n / n
            return 0.0, 0.0, 0.0, 1.0, hits
        if hits and "but" in lows:
            self._but(hits, lows.index("but"))
        values = [h[1] for h in hits]
        # score_valence of the reference
        sum_s = float(sum(values))
        # _punctuation_emphasis of the reference
        ep_count = text.count("!")
        if ep_count > 4:
            ep_count = 4
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

    def _idioms(self, valence, lows, i, n):
        """``_special_idioms_check`` of the reference, on tuples of tokens.

        Every sequence it looks up contains a word of ``special_words`` at a known
        place, which is checked first so the tuples are built only when they can match.
        """
        sw = self.special_words
        special = self.special
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

    @staticmethod
    def _but(hits: list[list], bi: int) -> None:
        """Replay the reference's *but* rule, which rescales the first position holding
        an equal value (``list.index``) rather than the current one, in O(n log n)."""
        cur = [h[1] for h in hits]
        holders: dict[float, list[int]] = {}
        for k, v in enumerate(cur):
            holders.setdefault(v, []).append(k)
        for k in range(len(cur)):
            v = cur[k]
            where = holders[v]
            j = where[0]
            p = hits[j][0]
            if p < bi:
                new = v * 0.5
            elif p > bi:
                new = v * 1.5
            else:
                continue
            where.pop(0)
            if not where:
                del holders[v]
            cur[j] = new
            bisect.insort(holders.setdefault(new, []), j)
        for h, v in zip(hits, cur):
            h[1] = v


# ---------------------------------------------------------------------------
# TextBlob / pattern


class _Pattern:
    """TextBlob's ``PatternAnalyzer`` (``textblob.en.sentiment``), step for step, plus evidence.

    Tokenisation follows ``textblob._text.find_tokens``: it works on each whitespace
    chunk on its own (contractions, quotes and punctuation are split inside a chunk),
    so every distinct chunk is tokenised once per process. The two rules that look
    across chunks (sarcasm ``( ! )`` and emoticons written with spaces) are checked with
    the package's own regular expressions on the whole sentence; when either would
    change the tokens, the package's tokenizer is called instead. (Its sentence
    splitting matters only to those two rules: a match that would cross one of its
    sentence boundaries contains a space, so it is caught by the same check.)
    """

    def __init__(self) -> None:
        tx = _textblob_text()
        lexicon = _textblob_sentiment()
        len(lexicon)  # the lexicon loads lazily on first use
        self.version = metadata.version("textblob")
        self.words: dict[str, tuple] = {}
        for word, senses in dict.items(lexicon):
            p, s, i = senses[None]
            is_modifier = any(map(senses.__contains__, lexicon.modifiers))
            self.words[word] = (p, s, i, is_modifier)
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
        # inside (": )"); see _chunk_joined
        forms = [e for v in tx.EMOTICONS.values() for e in v]
        self.emoticon_mids = frozenset(
            e[j:k] for e in forms for j in range(1, len(e)) for k in range(j + 1, len(e) + 1)
        )
        self.emoticon_pairs = frozenset(
            (e[j], e[j + 1:k]) for e in forms for j in range(len(e) - 1) for k in range(j + 2, len(e) + 1)
        )
        # a word and one trailing mark of these splits into [word, mark] (see _chunk_tokens)
        self.split_marks = frozenset(self.punct) - {"'", '"'}
        self.chunk_tokens = _Memo(self._chunk_tokens)
        self.chunk_lower = _Memo(self._chunk_lower)
        self.chunk_offsets = _Memo(self._chunk_offsets)
        # (number of tokens) << 32 plus (length + 1): see _chunk_table
        self.chunk_meta = _Memo(self._chunk_meta)

    def _chunk_meta(self, chunk: str) -> int:
        return (len(self.chunk_tokens[chunk]) << 32) + len(chunk) + 1

    def _chunk_tokens(self, chunk: str) -> tuple[str, ...]:
        """``find_tokens`` restricted to one whitespace chunk (no sentence splitting)."""
        if chunk.isalnum():  # no quote, apostrophe or punctuation: one token
            return (chunk,)
        if chunk[-1] in self.split_marks and chunk[:-1].isalnum():
            # a word and one mark other than a quote or a period ("word,", "word;"): no
            # replacement applies (each needs a quote or apostrophe), the word starts with
            # no mark (marks are ASCII symbols, never alphanumeric), the mark is split off
            # as the tail, and the word ends in no mark or period: [word, mark]
            return chunk[:-1], chunk[-1]
        s = chunk
        if "'" in s:  # every contraction rule contains an apostrophe; else they change nothing
            for rx, b in self.replace_res:
                s = rx.sub(b, s)
        if "'" in s or '"' in s or "“" in s or "”" in s or "‘" in s or "’" in s:
            s = (
                s.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
                .replace("'", " ' ").replace('"', ' " ')
            )
        punct, punct_or_period, replace = self.punct, self.punct_or_period, self.replace
        tokens: list[str] = []
        for t in s.split():
            tail = []
            while t.startswith(punct) and t not in replace:
                tokens.append(t[0])
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
                tokens.append(t)
            tokens.extend(reversed(tail))
        return tuple(tokens)

    def _chunk_lower(self, chunk: str) -> tuple[str, ...]:
        """The chunk's tokens lower-cased, a tuple, so that a sentence's lower-cased tokens
        are these tuples one after the other: the split of the tokens joined by spaces and
        lower-cased, as the package lower-cases them (a token is never empty and holds no
        white space, and lower-casing never looks across a space). The tuple ends with
        ``MARK`` (no token: tokens hold no NUL unless MARK is in the chunk, which is marked
        too) when the chunk may take part in one of the package's rules
        across chunks, which the sentence must then check (:meth:`lowered`): sarcasm
        ``( ! )`` needs a ``(``, ``END-OF-SENTENCE`` is a token inside one chunk, and an
        emoticon written with spaces (``RE_EMOTICONS``: ``(": ?\\)|...)($|\\s)``, rejoined
        without its spaces) ends at a token's end, so the token after its first space is
        a piece ``e[j:k]`` (``j >= 1``) of an emoticon ``e`` and the character before that
        space is ``e[j - 1]``: the first token of a chunk is checked for being such a
        piece, a later one together with the end of the token before it.
        """
        # this memo is usually the first to see a chunk: its tokens and the count for
        # _chunk_table are stored here, one memo layer less per new chunk
        token_memo, meta_memo = self.chunk_tokens, self.chunk_meta
        for memo in (token_memo, meta_memo):  # (the bound of _Memo)
            if len(memo) > _CACHE_LIMIT:
                memo.clear()
        if chunk.isalnum():
            # one token (see _chunk_tokens), and the checks below for it: an alphanumeric
            # chunk holds no MARK, "(", END-OF-SENTENCE (which has hyphens) or pair of tokens
            token_memo[chunk] = (chunk,)
            meta_memo[chunk] = (1 << 32) + len(chunk) + 1
            return (chunk.lower(), MARK) if chunk in self.emoticon_mids else (chunk.lower(),)
        tokens = token_memo.get(chunk)
        if tokens is None:
            tokens = token_memo[chunk] = self._chunk_tokens(chunk)
        meta_memo[chunk] = (len(tokens) << 32) + len(chunk) + 1
        lows = tuple(" ".join(tokens).lower().split())
        pairs = self.emoticon_pairs
        if (
            not tokens or MARK in chunk or "(" in chunk or self.eos in chunk
            or tokens[0] in self.emoticon_mids
            or (len(tokens) == 2 and (tokens[0][-1], tokens[1]) in pairs)  # (the usual word and mark)
            or (len(tokens) > 2 and any((tokens[k - 1][-1], tokens[k]) in pairs for k in range(1, len(tokens))))
        ):
            return (*lows, MARK)
        return lows

    def _chunk_offsets(self, chunk: str) -> tuple[tuple[int, int], ...]:
        out, pos = [], 0
        for t in self.chunk_tokens[chunk]:
            k = chunk.find(t, pos)
            if k < 0:  # cannot happen: tokens are pieces of the chunk in order
                k = pos
            out.append((k, k + len(t)))
            pos = k + len(t)
        return tuple(out)

    def tokens(self, text: str, chunks: list[str]):
        """``(tokens, tokens_of_each_chunk or None, tokens_of_each_chunk or None)``: the
        second is given on the fast path (tokens from the per-chunk memo), the third on
        the slow path (the package's tokenizer; the caller locates its tokens in the text).
        """
        _lows, tokens, fast = self.lowered(text, chunks)
        per_chunk = list(map(self.chunk_tokens.__getitem__, chunks))
        if not fast:
            return tokens, None, per_chunk
        return tokens if tokens is not None else self.chunk_token_list(chunks), per_chunk, None

    def chunk_token_list(self, chunks: list[str]) -> list[str]:
        """The tokens of the chunks from the per-chunk memo (the fast path's tokens)."""
        return list(chain.from_iterable(map(self.chunk_tokens.__getitem__, chunks)))

    def lowered(self, text: str, chunks: list[str]) -> tuple[list[str], list[str] | None, bool]:
        """``(lower-cased tokens, tokens or None, fast)``. ``fast``: the tokens are those of
        the per-chunk memo (``None``: not needed yet, see :meth:`chunk_token_list`); else
        they come from the package's tokenizer, because a rule across chunks changes them."""
        lows = list(chain.from_iterable(map(self.chunk_lower.__getitem__, chunks)))
        if MARK not in lows:  # (one list for the sentence: no join and split)
            return lows, None, True
        joined = " ".join(self.chunk_token_list(chunks))
        if (
            ("(" in joined and self.sarcasm_re.search(joined) is not None)
            or self.eos in joined
            or self._emoticon_changes(joined)
        ):
            exact = " ".join(self.tokenizer(text)).split()
            return [t.lower() for t in exact], exact, False
        return joined.lower().split(), joined.split(), True

    def _emoticon_changes(self, joined: str) -> bool:
        return self.emoticons_re.sub(_join_emoticon, joined) != joined

    def assess(self, lows: list[str], override: dict | None = None, positions: list[int] | None = None):
        """``Sentiment.assessments`` and the averages: ``(polarity, subjectivity, items)``.

        Each item is ``[token_indices, p, s, i, n, label, head, lexicon_p, negator,
        modifier, n_exclaim]``. Only tokens that can change the result are visited:
        known words, negations, ``!``, ``(!)`` and emoticons; a token in between can
        only end a pending negation or modifier, which is replayed when one is pending.
        """
        words = self.words
        negations = self.negations
        labeler = self.labeler
        punctuation = self.punctuation_text
        emoticons = self.emoticons
        a: list[list] = []
        m = None  # pending modifier (token index, word)
        neg = None  # pending negation (token index, word)
        if not self.gap_safe:
            positions = range(len(lows))
        elif positions is None:  # (the caller may pass them: they are the same for every run)
            positions = compress(range(len(lows)), map(self.relevant.__contains__, lows))
        prev = -1
        for k in positions:
            if (m is not None or neg is not None) and k > prev + 1:
                for g in range(prev + 1, k):
                    w = lows[g]
                    if neg and len(w.strip("'")) > 1:
                        neg = None
                    if m and len(w) > 2:
                        m = None
            prev = k
            w = lows[k]
            entry = words.get(w)
            if entry is not None and override is not None and k in override:
                new = override[k]
                entry = None if new is None else (new, entry[1], entry[2], entry[3])
            if entry is not None:
                p, s, i, is_modifier = entry
                if m is None:
                    a.append([[k], p, s, i, 1, labeler.get(w), k, p, None, None, 0])
                else:
                    last = a[-1]
                    last[0].append(k)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                    last[5] = labeler.get(w)
                    if last[9] is None:
                        last[9] = last[6]
                    last[6], last[7] = k, p
                if neg is not None:
                    last = a[-1]
                    last[0].insert(0, neg[0])
                    last[3] = 1.0 / last[3]
                    last[4] = -1
                    last[8] = neg[0]
                m = None
                neg = None
                if is_modifier:
                    m = (k, w)
                if w in negations:
                    neg = (k, w)
            else:
                if w in negations:
                    neg = (k, w)
                elif neg and len(w.strip("'")) > 1:
                    neg = None
                if neg is not None and m is not None and self.modifier(m[1]):
                    last = a[-1]
                    last[0].append(neg[0])
                    last[4] = -1
                    last[8] = neg[0]
                    neg = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    last = a[-1]
                    last[0].append(k)
                    last[1] = max(-1.0, min(last[1] * 1.25, +1.0))
                    last[10] += 1
                if w == "(!)":
                    a.append([[k], 0.0, 1.0, 1.0, 1, self.irony, k, 0.0, None, None, 0])
                if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                    p = emoticons.get(w)
                    if p is not None:
                        a.append([[k], p, 1.0, 1.0, 1, self.mood, k, p, None, None, 0])
        # "not good" = slightly bad, "not bad" = slightly good
        pol = 0
        sub = 0
        for item in a:
            if item[4] < 0:
                item[1] = item[1] * -0.5
            pol += 1 * item[1]
            sub += 1 * item[2]
        count = float(len(a) or 1)
        return pol / count, sub / count, a




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


def _pattern_without(pattern: "_Pattern", tlows: list[str], items: list[list], changes: dict):
    """``(polarity, items)`` with the words at ``changes`` re-valued (``None``: not a
    word), from the items of a full run, or ``None`` when a full re-run is needed.

    Exact when each changed word made an assessment of its own: not merged with an
    intensifier before it, not negated, not followed by ``!``, and not itself an
    intensifier or a negation (then the other assessments cannot change).
    """
    by_head = {item[6]: item for item in items}
    words, negations = pattern.words, pattern.negations
    for k in changes:
        item = by_head.get(k)
        w = tlows[k]
        if (
            item is None or item[0] != [k] or item[8] is not None or item[9] is not None
            or item[10] or words[w][3] or w in negations
        ):
            return None
    out = []
    for item in items:
        k = item[6]
        if k in changes and item[0] == [k]:
            new = changes[k]
            if new is None:
                continue
            item = item.copy()
            item[1] = item[7] = new
        out.append(item)
    pol = 0
    for item in out:
        pol += 1 * item[1]
    return pol / float(len(out) or 1), out


def _join_emoticon(m: re.Match) -> str:
    return m.group(1).replace(" ", "") + m.group(2)


class _LowMemo(dict):
    """Whitespace chunk -> ``_Vader._lower_stripped(chunk)``, computed here on a miss (no
    call layers: one per chunk of every sentence, so the cost of a new word matters)."""

    def __missing__(self, token):
        if len(self) > _CACHE_LIMIT:
            self.clear()
        stripped = token.strip(_ASCII_PUNCT)
        value = self[token] = (token if len(stripped) <= 2 else stripped).lower()
        return value


_ASCII_PUNCT = string.punctuation


class _Memo(dict):
    """A dict that computes missing values with ``func`` (bounded in size)."""

    def __init__(self, func):
        super().__init__()
        self.func = func

    def __missing__(self, key):
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[key] = self.func(key)
        return value


class _ChunkInfo(dict):
    """Whitespace chunk -> ``(VADER's word, whether it is in VADER's lexicon, TextBlob's
    lower-cased tokens, whether each is one pattern's assessment can start at, the chunk's
    entry of _chunk_table with shift 16)``: the
    values of the tools' per-chunk memos and lexicon look-ups, in one entry, so that a
    sentence whose chunks are VADER's words looks each chunk up once (instead of four
    times: ``_Vader.low``, VADER's lexicon, ``_Pattern.chunk_lower`` and
    ``_Pattern.relevant`` per token). A memo per chunk (bounded), filled from those memos."""

    def __missing__(self, chunk):
        if len(self) > _CACHE_LIMIT:
            self.clear()
        vader, pattern = _vader(), _pattern()
        low = vader.low[chunk]
        lows = pattern.chunk_lower[chunk]
        meta = pattern.chunk_meta[chunk]
        value = self[chunk] = (
            low, low in vader.lexicon, lows, tuple(map(pattern.relevant.__contains__, lows)),
            ((meta >> 32) << 16) + (meta & _LOW32),  # the chunk's entry of _chunk_table, shift 16
        )
        return value


_FIRST, _SECOND, _THIRD, _FOURTH, _FIFTH = (itemgetter(k) for k in range(5))
_SHORT = 1 << 14  # see _chunk_table


@lru_cache(maxsize=1)
def _chunk_info() -> _ChunkInfo:
    return _ChunkInfo()


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
            raise LexiconError(
                f"{where}: context {context!r} is not one of '*', 'name', 'prev=a|b', 'next=a|b'"
            )
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


def _match_overrides(rules, lows, originals, scale: float, candidates=None) -> dict[int, tuple[float | None, _Override]]:
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


def _combine(compound: float, polarity: float) -> float:
    """The project's tone: the mean of the two tools' scores, each in -1..+1."""
    return (compound + polarity) / 2.0


_LOW32 = (1 << 32) - 1


def _chunk_table(text: str, chunks: list[str], upto: int, infos=None) -> tuple[list[int], list[int] | None, int]:
    """``(table, starts, shift)`` to locate chunks ``0..upto`` of ``text`` and their TextBlob
    tokens, made in one pass: ``table[c]`` is (number of tokens of chunks ``0..c``) << shift
    plus (their lengths + 1 each). When one separator character stands between chunks (the
    usual case) ``starts`` is ``None`` and chunk ``c`` starts at ``table[c - 1]`` masked to its
    low ``shift`` bits (0 for the first); otherwise ``starts`` lists every chunk's start.
    ``infos``: the chunks' :class:`_ChunkInfo` entries, whose last value is the chunk's
    entry with shift 16; a text shorter than ``_SHORT`` has fewer than 2 ** 14 tokens and
    lengths + 1 summing below 2 ** 15, so the table's numbers stay below 2 ** 30 (small
    integers) and the low 16 bits hold the lengths."""
    if infos and len(text) < _SHORT:
        # every chunk, so that the last entry's low bits are the length of " ".join(chunks)
        # plus one: one separator character stands between chunks exactly when the text is
        # that long, tested without another pass over the chunks
        table = list(accumulate(map(_FIFTH, infos)))
        shift = 16
        single = len(text) == (table[-1] & 0xFFFF) - 1
    else:
        table = list(accumulate(map(_pattern().chunk_meta.__getitem__, chunks[:upto + 1])))
        shift = 32
        # one character between chunks: in a printable text the only white space is " "
        # (every other character str.split splits at is a control or separator character,
        # not printable), so n - 1 spaces stand one between each pair of the n chunks; else
        # the length of " ".join(chunks) equals the text's length exactly then
        single = (text.isprintable() and text.count(" ") == len(chunks) - 1) or (
            len(text) == sum(map(len, chunks)) + max(len(chunks) - 1, 0)
        )
    return table, None if single else [m.start() for m in _NONSPACE.finditer(text)], shift


def _offsets_of_chunks(text: str, chunks: list[str]) -> list[int]:
    """Start offset of each whitespace chunk of ``text``."""
    table, starts, _shift = _chunk_table(text, chunks, len(chunks) - 1)
    if starts is None:
        return [table[c - 1] & _LOW32 if c else 0 for c in range(len(chunks))]
    return starts


_NONSPACE = re.compile(r"\S+")


def _score_text(text: str, rules, evidence: bool) -> SentenceTone:
    """Scores of one sentence; with ``evidence``, its span rows (tuples of :data:`SPAN_KEYS`,
    offsets into ``text``)."""
    rows: list = []
    return SentenceTone(*_score(text, rules, rows.append if evidence else None), rows)


def _score(text: str, rules, append, tone_off: bool = False, ctx=None) -> tuple:
    """The eight scores of :class:`SentenceTone` of one sentence (the annotator's hot path);
    ``append``: ``None``, or where the span rows go (see :func:`_evidence`; ``ctx`` ``None``:
    offsets into ``text``)."""
    vader = _vader()
    pattern = _pattern()
    # --- VADER
    vtext, vwords, vspans = vader.tokens(text)
    if vspans is None:
        # VADER's words are the chunks: one memo look-up per chunk gives both tools' data
        # (see _ChunkInfo), taken apart by position in C
        infos = list(map(_chunk_info().__getitem__, vwords))
        vlows = list(map(_FIRST, infos))
        vcand = list(compress(range(len(vlows)), map(_SECOND, infos)))
    else:
        infos = None
        vlows = list(map(vader.low.__getitem__, vwords))
        vcand = list(compress(range(len(vlows)), map(vader.lexicon.__contains__, vlows)))
    if vcand:
        vc, vp, vn, vneu, vhits = vader.score(vtext, vwords, vlows, candidates=vcand)
    else:  # what score() gives without a lexicon word: no hit, all neutral (if any token)
        vc, vp, vn, vneu, vhits = 0.0, 0.0, 0.0, 1.0 if vlows else 0.0, []
    vover = {}
    # every word with a rule is a lexicon word: only the candidates can match
    if rules and vcand and not rules[0].keys().isdisjoint(map(vlows.__getitem__, vcand)):
        vover = _match_overrides(rules[0], vlows, vwords, 1.0, vcand)
    if vover and all(v is None for v, _r in vover.values()):
        ac, ap, an, _aneu, ahits = vader.without(vtext, vlows, vhits, vover)
    elif vover:
        ac, ap, an, _aneu, ahits = vader.score(
            vtext, vwords, vlows, {i: v for i, (v, _r) in vover.items()}, candidates=vcand
        )
    else:
        ac, ap, an, ahits = vc, vp, vn, vhits
    # --- TextBlob
    chunks = vwords if vspans is None else text.split()
    tlows = None if infos is None else list(chain.from_iterable(map(_THIRD, infos)))
    if tlows is not None and MARK not in tlows:  # pattern.lowered's fast path
        tokens, fast = None, True
        tpos = list(compress(range(len(tlows)), chain.from_iterable(map(_FOURTH, infos))))
    else:
        tlows, tokens, fast = pattern.lowered(text, chunks)
        tpos = list(compress(range(len(tlows)), map(pattern.relevant.__contains__, tlows)))
    if tpos or not pattern.gap_safe:
        tp, ts, titems = pattern.assess(tlows, None, tpos)
    else:  # what assess() gives when no token can make an assessment
        tp, ts, titems = 0.0, 0.0, []
    tover = {}
    # every word with a rule is a word pattern scores: only those positions can match
    if rules and titems and not rules[1].keys().isdisjoint(map(tlows.__getitem__, tpos)):
        tover = _match_overrides(
            rules[1], tlows, tokens if tokens is not None else partial(pattern.chunk_token_list, chunks), 0.25, tpos
        )
    if tover:
        changes = {i: v for i, (v, _r) in tover.items()}
        dropped = _pattern_without(pattern, tlows, titems, changes)
        if dropped is not None:
            atp, aitems = dropped
        else:
            atp, _ats, aitems = pattern.assess(tlows, changes, tpos)
    else:
        atp, aitems = tp, titems
    if tone_off:
        tone, intensity = 0.0, 0.0
    else:
        tone = (ac + atp) / 2.0  # _combine
        intensity = ap + an
    if append is not None and (vhits or titems or ahits or aitems):
        _evidence(
            text, chunks, vwords, vlows, vspans, vhits, ahits, vover,
            tokens, fast, tlows, titems, aitems, tover,
            ctx if ctx is not None else (None, 0, 0, text), append, infos,
        )
    return vc, vp, vn, vneu, tp, ts, tone, intensity


def _merge(reference: list, adjusted: list, key: int, same: bool):
    """``(item, value, tone_value)`` per evidence item of the reference and adjusted runs,
    in text order (both runs list their items in text order)."""
    if same:
        return [(h, h[1], h[1]) for h in reference]
    adj = {h[key]: h for h in adjusted}
    out = []
    for h in reference:
        other = adj.pop(h[key], None)
        out.append((h, h[1], other[1] if other is not None else 0.0))
    if adj:  # words the correction made count where the tool gave 0: rare
        out.extend((h, 0.0, h[1]) for h in adj.values())
        out.sort(key=lambda x: x[0][key])
    return out


#: the detail columns of a tone span, after the span columns of DocResult.add_span
EVIDENCE_DETAILS = (
    "source", "entry", "lexicon_valence", "valence", "tone_valence", "subjectivity", "negated",
    "negator", "booster", "emphasis", "but_weight", "override",
)
#: the keys of a tone evidence row (``DocResult.span_rows``): the span columns, then the details
SPAN_KEYS = (*SPAN_COLUMNS, *EVIDENCE_DETAILS)
_TEXTBLOB_RULES = {"mood": "textblob:emoticon", "irony": "textblob:irony"}


def _evidence(text, chunks, vwords, vlows, vspans, vhits, ahits, vover,
              tokens, fast, tlows, titems, aitems, tover, ctx, append, infos=None) -> None:
    """Append the span rows of one sentence to ``append``: tuples of values in the order of
    :data:`SPAN_KEYS` (the columns of ``DocResult.add_span``, then :data:`EVIDENCE_DETAILS`),
    each value of the type a dict row held (``negated`` a bool, ``lexicon_valence`` a float,
    NaN when the word has none, ``but_weight`` 1.0 unless the *but* rule moved the value).
    ``ctx`` is ``(doc_id, sent_index, offset of the sentence, document text)``. ``fast``:
    TextBlob's ``tokens`` are those of the per-chunk memo (``None``: not made yet), else the
    package's tokenizer's; ``infos``: the chunks' :class:`_ChunkInfo` entries or ``None``.
    Built here in one step, as this is the hot path."""
    nan = math.nan
    doc_id, sent_index, base, doc_text = ctx
    vmerged = _merge(vhits, ahits, 0, False) if vover else [(h, h[1], h[1]) for h in vhits]
    tmerged = _merge(titems, aitems, 6, False) if tover else [(x, x[1], x[1]) for x in titems]
    # where the chunks start, up to the last one needed (a TextBlob token k is in chunk <= k)
    upto = max(vmerged[-1][0][0] if vmerged and vspans is None else -1, tmerged[-1][0][6] if tmerged else -1)
    table, starts, shift = _chunk_table(text, chunks, upto, infos) if upto >= 0 else ([], None, 32)
    mask = (1 << shift) - 1
    # --- VADER: one span per word with a non-zero value in either scoring
    if vmerged:
        vader = _vader()
        lexicon = vader.lexicon
        stripped = vader.stripped
        inner = vader.inner
        for h, value, tone_value in vmerged:
            i = h[0]
            if vspans is None:
                if i > len(table):  # (cannot happen: the hits are in text order)
                    table, starts, shift = _chunk_table(text, chunks, len(chunks) - 1, infos)
                    mask = (1 << shift) - 1
                lead, length = inner[vwords[i]]
                a = (starts[i] if starts is not None else table[i - 1] & mask if i else 0) + lead + base
                b = a + length
            else:
                a, b = vspans[i]
                a += base
                b += base
            low = vlows[i]
            negators = h[3]
            over = vover.get(i) if vover else None
            append((
                doc_id, sent_index, a, b, doc_text[a:b], "tone",
                "positive" if tone_value > 0 else "negative" if tone_value < 0 else "neutral",
                "vader:idiom" if h[6] else "vader:lexicon", "vader", low, lexicon.get(low, nan),
                value, tone_value, nan, len(negators) % 2 == 1,
                " ".join([stripped[vwords[j]] for j in negators]) if negators else "",
                " ".join([stripped[vwords[j]] for j in h[4]]) if h[4] else "",
                "caps" if h[5] else "",
                round(h[1] / h[7], 4) if h[7] and h[1] != h[7] else 1.0,  # (x / x == 1.0 exactly)
                over[1].reason if over else "",
            ))
    # --- TextBlob: one span per assessment, on its head word
    if tmerged:
        pattern = _pattern()
        chunk_offsets = pattern.chunk_offsets
        # the package's tokens (slow path) are located by _tb_offsets
        offsets = None if fast else _tb_offsets(text, chunks, tokens)
        rules = _TEXTBLOB_RULES
        for item, value, tone_value in tmerged:
            k = item[6]
            if offsets is None:
                # the memo's tokens: token k is in the first chunk c with more than k tokens
                # in chunks 0..c, at its place among the chunk's tokens
                c = bisect_left(table, (k + 1) << shift)
                if c == len(table):  # (cannot happen: the table reaches the last item's chunk)
                    table, starts, shift = _chunk_table(text, chunks, len(chunks) - 1, infos)
                    mask = (1 << shift) - 1
                    c = bisect_left(table, (k + 1) << shift)
                before = table[c - 1] if c else 0
                a, b = chunk_offsets[chunks[c]][k - (before >> shift)]
                start = (before & mask if starts is None else starts[c]) + base
                a += start
                b += start
            else:
                where = offsets.get(k)
                if where is None:
                    continue
                a = where[0] + base
                b = where[1] + base
            negator = booster = ""
            if item[8] is not None or item[9] is not None:
                if tokens is None:
                    tokens = pattern.chunk_token_list(chunks)
                if item[8] is not None:
                    negator = tokens[item[8]]
                if item[9] is not None:
                    booster = tokens[item[9]]
            over = tover.get(k) if tover else None
            append((
                doc_id, sent_index, a, b, doc_text[a:b], "tone",
                "positive" if tone_value > 0 else "negative" if tone_value < 0 else "neutral",
                rules.get(item[5], "textblob:lexicon"), "textblob", tlows[k], item[7],
                value, tone_value, item[2], item[4] < 0, negator, booster, "!" * item[10], 1.0,
                over[1].reason if over else "",
            ))


def _sign(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


def _tb_offsets(text, chunks, exact):
    """``{token index: (start, end)}`` in ``text`` of the tokens ``exact`` of the package's
    tokenizer (the slow path; the fast path's tokens, those of the per-chunk memo, are
    located in :func:`_evidence`)."""
    pattern = _pattern()
    # slow path: the package's tokens are the chunk tokens, some joined (emoticons
    # written with spaces, "( ! )") and some dropped ("END-OF-SENTENCE")
    starts = _offsets_of_chunks(text, chunks)
    flat: list[tuple[str, int, int]] = []
    for c, chunk in enumerate(chunks):
        base = starts[c]
        for t, (a, b) in zip(pattern.chunk_tokens[chunk], pattern.chunk_offsets[chunk]):
            if t != pattern.eos:
                flat.append((t, base + a, base + b))
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
    r = _score_text(text, _overrides_by_tool() if overrides else (), True)
    evidence = [(row[2], row[3], row[6], row[7], dict(zip(EVIDENCE_DETAILS, row[8:]))) for row in r.evidence]
    return r._replace(evidence=evidence)


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


@lru_cache(maxsize=1)
def _language_counts() -> "_Memo":
    """Lower-cased token -> 2 if an English word form (all alphabetic), 1 if another
    alphabetic token, else 0: a document's tokens become one byte string of these codes,
    and a sentence's two counts of the language check are counts of bytes 2 and 1 in its
    slice (no running sums of large integers). A memo per word (bounded; words repeat
    across documents as in any text)."""
    english = _english_alpha()
    return _Memo(lambda w: 2 if w in english else 1 if w.isalpha() else 0)


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
        SpanLayer("tone", "tone: a word scored by VADER or TextBlob", "coloured text",
                  "color: var(--fh-line, #333);", ("negative", "neutral", "positive"),
                  in_highlight=False, in_report=False),
    )
    sentence_columns = (
        SentenceColumn("vader_compound", "VADER's compound score, as the vaderSentiment package gives it (-1..1)"),
        SentenceColumn("vader_pos", "VADER's positive share of the sentence"),
        SentenceColumn("vader_neg", "VADER's negative share of the sentence"),
        SentenceColumn("vader_neu", "VADER's neutral share of the sentence"),
        SentenceColumn("textblob_polarity", "TextBlob's pattern polarity, as the textblob package gives it (-1..1)"),
        SentenceColumn("subjectivity", "TextBlob's pattern subjectivity (0..1)"),
        SentenceColumn("tone", "the mean of VADER compound and TextBlob polarity, with news-domain corrections (-1..1)"),
        SentenceColumn("tone_intensity", "how much evaluative language the sentence holds: VADER pos + neg (0..1)"),
        SentenceColumn("tone_status", "ok, no_words or non_english (tone set to 0)", "str"),
    )
    measures = (
        Measure("tone", "score", "token-weighted mean of sentence tone", "more positive",
                token_mean("tone"), compare=True),
        Measure("tone_sd", "score", "token-weighted standard deviation of sentence tone", "more varied tone"),
        Measure("negative_share", "share", f"share of sentences with tone below -{NEUTRAL_BAND}", "more negative sentences",
                sentence_share(ColumnTest("tone", "<", -NEUTRAL_BAND), headings="headings")),
        Measure("positive_share", "share", f"share of sentences with tone above +{NEUTRAL_BAND}", "more positive sentences",
                sentence_share(ColumnTest("tone", ">", NEUTRAL_BAND), headings="headings")),
        Measure("tone_intensity", "score", "token-weighted mean of sentence tone intensity",
                "more evaluative language, either way", token_mean("tone_intensity"), compare=True, headline=True),
        Measure("subjectivity", "score", "token-weighted mean of TextBlob subjectivity", "more subjective",
                token_mean("subjectivity"), compare=True),
        Measure("vader_compound", "score", "token-weighted mean of VADER compound (the baseline)", "more positive",
                token_mean("vader_compound")),
        Measure("textblob_polarity", "score", "token-weighted mean of TextBlob polarity (the baseline)", "more positive",
                token_mean("textblob_polarity")),
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
        rules = _overrides_by_tool() if self.overrides else ()
        sentences = doc.sentences
        n = len(sentences)
        cols = [out.sentence_column(name, n) for name in TONE_COLUMNS]
        c_vc, c_vp, c_vn, c_vneu, c_tp, c_ts, c_tone, c_int = cols
        c_status = out.sentence_column("tone_status", n, "ok")
        text = doc.text
        lowers = doc.tok_lower
        # a byte per token for the language check: 2 English word form, 1 other alphabetic
        codes = bytes(map(_language_counts().__getitem__, lowers))
        min_share = ENGLISH_MIN_SHARE
        doc_id = out.doc_id
        # the evidence rows, tuples of SPAN_KEYS (an empty block adds no row to any table)
        append = out.span_rows(SPAN_KEYS).append if self.evidence else None
        for sent in sentences:
            k = sent.index
            sentence = text[sent.start:sent.end]
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
            (c_vc[k], c_vp[k], c_vn[k], c_vneu[k], c_tp[k], c_ts[k], c_tone[k], c_int[k]) = _score(
                sentence, rules, append, status == "non_english", (doc_id, k, sent.start, text)
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
            for name in ("tone", "tone_sd", "negative_share", "positive_share", "tone_intensity",
                         "subjectivity", "vader_compound", "textblob_polarity"):
                measures[name] = math.nan
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
    "doc_id", "bin", "position", "bin_start", "bin_end", "n_sentences", "n_tokens",
    "tone", "tone_intensity", "first_sentence", "last_sentence",
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
    missing = [c for c in ("doc_id", "sent_index", "kind", "n_tokens", "tone", "tone_intensity") if c not in sentences.columns]
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
        acc = [[0, 0, 0.0, 0.0, 0.0, -1, -1] for _ in range(bins)]  # n, tokens, w, w*tone, w*int, first, last
        if frame is not None:
            frame = frame.sort_values("sent_index")
            n = len(frame)
            for k, (idx, tokens, tone, intensity) in enumerate(
                zip(frame["sent_index"], frame["n_tokens"], frame["tone"], frame["tone_intensity"])
            ):
                b = min(bins - 1, int((k + 0.5) / n * bins))
                a = acc[b]
                a[0] += 1
                a[1] += int(tokens)
                if tone == tone:  # not NaN
                    w = max(int(tokens), 1)
                    a[2] += w
                    a[3] += w * tone
                    a[4] += w * intensity
                if a[5] < 0:
                    a[5] = int(idx)
                a[6] = int(idx)
        for b, (n_s, n_t, w, wt, wi, first, last) in enumerate(acc):
            rows.append((
                doc_id, b, (b + 0.5) / bins, b / bins, (b + 1) / bins, n_s, n_t,
                wt / w if w else math.nan, wi / w if w else math.nan, first, last,
            ))
    return pd.DataFrame.from_records(rows, columns=ARC_COLUMNS)
