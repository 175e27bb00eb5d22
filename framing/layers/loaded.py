"""Loaded language: curated lexicons, authorial vs quoted voice, scare quotes, hedges and boosters.

*Loaded language* uses words and phrases with strong emotional implications, positive or
negative, to influence an audience (Da San Martino et al. 2020, SemEval-2020 Task 11).
Recasens, Danescu-Niculescu-Mizil & Jurafsky (2013) separate **framing bias** (subjective
intensifiers, one-sided terms) from **epistemological bias** (factive and assertive verbs,
hedges). This layer reports both, separately:

- layer ``loaded``: the seven framing-bias categories of ``framing/lexicons/loaded.csv``
  (``emotive``, ``pejorative_label``, ``dehumanizing``, ``metaphor``, ``militarized``,
  ``hyperbole``, ``moral``), user lexicon categories, and the generic ``affect`` signal
  (VADER / pattern words not in a curated list; *not* counted in ``loaded_per_1k``);
- layers ``hedge``, ``booster``, ``factive``, ``assertive``: epistemic markers
  (``framing/lexicons/epistemic.csv``; Hyland 2005; Hooper 1975; Recasens et al. 2013);
- layer ``scare_quote``: a quotation of one to five words with no speaker and no title.

A lexicon entry of category ``neutral`` (``extreme weather``, ``air raid``) is the standard
neutral term that contains a loaded word: by the longest-match rule it takes the position,
makes no span and counts nowhere.

Every match has a ``voice``: ``authorial`` (the outlet's own words), ``quoted`` (inside a
direct quotation: the speaker's words) or ``scare_quote`` (the term itself is put in quotation
marks without a speaker). Proper names do not count: a lexicon word written with a capital
letter inside a sentence (*Liberty* University, the *Patriot* Act) or inside a quoted title.

Span detail columns: ``pattern`` (the lexicon entry that fired), ``weight`` (1-3),
``voice``, ``lexicon`` (the lexicon's name); ``rule`` is ``<lexicon>:<line>``.

Document measures (body sentences only, unless ``include_headings=True``; the denominator
is the number of tokens of those sentences, punctuation included):
``loaded_per_1k``, ``loaded_authorial_per_1k``, ``loaded_quoted_per_1k``, ``hedge_per_1k``,
``booster_per_1k``, ``scare_quotes``; long form: ``loaded_per_1k:<category>``,
``loaded_scare_quote_per_1k``, ``factive_per_1k``, ``assertive_per_1k``, ``affect_per_1k``,
``scare_quotes_per_1k``, ``loaded_weight_per_1k``, ``n_loaded``. Sentence measures:
``loaded_count``, ``loaded_per_1k``. A multiword phrase counts once.

References: Da San Martino et al. (2020) SemEval-2020 Task 11; Recasens et al. (2013) ACL;
Hyland (2005) *Metadiscourse*; Santa Ana (1999) Discourse & Society; Spinde et al. (2021)
IP&M; Hutto & Gilbert (2014) ICWSM (VADER); De Smedt & Daelemans (2012) JMLR (pattern).
"""

from __future__ import annotations

import importlib.util
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from ..errors import LexiconError
from ..lexicon import Entry, Lexicon, Matcher, load_lexicon
from ..text.segment import Document
from .base import SPAN_COLUMNS, Annotator, DocResult, Measure, SentenceColumn, SpanLayer, per_1k

__all__ = [
    "LoadedLanguageAnnotator",
    "LOADED_CATEGORIES",
    "EPISTEMIC_CATEGORIES",
    "affect_lexicon",
    "classify_quotes",
    "AFFECT_VALENCE_MIN",
    "AFFECT_SUBJECTIVITY_MIN",
    "AFFECT_POLARITY_MIN",
    "SCARE_QUOTE_MAX_WORDS",
    "NEUTRAL",
]

LOADED_CATEGORIES = ("emotive", "pejorative_label", "dehumanizing", "metaphor", "militarized", "hyperbole", "moral")
EPISTEMIC_CATEGORIES = ("hedge", "booster", "factive", "assertive")

#: a word is ``affect`` if its VADER mean valence is at least this far from 0 (scale -4..+4)
AFFECT_VALENCE_MIN = 2.5
#: ... or its pattern subjectivity is at least this and |polarity| at least AFFECT_POLARITY_MIN
AFFECT_SUBJECTIVITY_MIN = 0.9
AFFECT_POLARITY_MIN = 0.5
#: a scare quote has at most this many words
SCARE_QUOTE_MAX_WORDS = 5

_AFFECT = "affect"
#: a lexicon category that blocks: the phrase is the standard neutral term although it contains
#: a loaded word (``extreme weather``, ``police raid``); it makes no span and counts nowhere
NEUTRAL = "neutral"
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


# ---------------------------------------------------------------------------
# The generic affect signal


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package
    (importing textblob pulls in NLTK, which costs seconds)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError(f"the {package} package is not installed; install it (pip install {package})")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file of the {package} package is missing; reinstall {package}")
    return path


def _vader_valences() -> dict[str, float]:
    text = _package_file("vaderSentiment", "vader_lexicon.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].strip()] = float(parts[1])
            except ValueError:
                continue
    return out


def _pattern_scores() -> dict[str, tuple[float, float]]:
    """``word -> (polarity, subjectivity)`` averaged over senses, as TextBlob/pattern do."""
    import xml.etree.ElementTree as ET

    path = _package_file("textblob", "en", "en-sentiment.xml")
    with path.open("rb") as fh:
        root = ET.parse(fh).getroot()
    senses: dict[str, list[tuple[float, float]]] = {}
    for w in root.iter("word"):
        form = (w.get("form") or "").lower()
        try:
            senses.setdefault(form, []).append((float(w.get("polarity", 0)), float(w.get("subjectivity", 0))))
        except ValueError:
            continue
    return {k: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for k, v in senses.items()}


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "unknown"


@lru_cache(maxsize=1)
def affect_lexicon() -> Lexicon:
    """The generic ``affect`` signal as a lexicon, built once from the installed packages.

    A single word counts if its VADER mean valence satisfies
    ``|valence| >= AFFECT_VALENCE_MIN`` (2.5 on VADER's -4..+4 scale: between "moderately"
    and "strongly" valenced; keeps about 770 of 7,200 word entries) or its pattern
    subjectivity is ``>= AFFECT_SUBJECTIVITY_MIN`` (0.9) with ``|polarity| >=
    AFFECT_POLARITY_MIN`` (0.5) (about 350 adjectives), unless it is in the neutral-news
    stoplist ``framing/lexicons/affect_stoplist.csv``. Weight 2 if ``|valence| >= 3``.
    References: Hutto & Gilbert (2014); De Smedt & Daelemans (2012).
    """
    from ..lexicons import read_rows, version_of

    stop = {row["pattern"].strip().lower() for row in read_rows("affect_stoplist.csv", ("pattern", "reason"))}
    vader = _vader_valences()
    pattern = _pattern_scores()
    entries = []
    for word in sorted(set(vader) | set(pattern)):
        if word in stop or not _WORD.fullmatch(word) or len(word) < 3:
            continue
        v = vader.get(word)
        p = pattern.get(word)
        notes, sources = [], []
        if v is not None and abs(v) >= AFFECT_VALENCE_MIN:
            notes.append(f"VADER valence {v:+.1f}")
            sources.append("VADER (Hutto & Gilbert 2014)")
        if p is not None and p[1] >= AFFECT_SUBJECTIVITY_MIN and abs(p[0]) >= AFFECT_POLARITY_MIN:
            notes.append(f"pattern polarity {p[0]:+.2f} subjectivity {p[1]:.2f}")
            sources.append("pattern (De Smedt & Daelemans 2012)")
        if notes:
            weight = 2 if v is not None and abs(v) >= 3.0 else 1
            entries.append(Entry(word, _AFFECT, weight, "; ".join(sources), "; ".join(notes)))
    version = (
        f"vaderSentiment {_package_version('vaderSentiment')}; textblob {_package_version('textblob')}; "
        f"stoplist {version_of('affect_stoplist.csv')}; "
        f"|valence|>={AFFECT_VALENCE_MIN}, subjectivity>={AFFECT_SUBJECTIVITY_MIN}, |polarity|>={AFFECT_POLARITY_MIN}"
    )
    return Lexicon(entries, name=_AFFECT, version=version, origin="affect (VADER and pattern lexicons)")


# ---------------------------------------------------------------------------
# Quotations: direct quotation, title or scare quote


@lru_cache(maxsize=1)
def _quote_cues() -> dict[str, str]:
    from ..lexicons import read_rows

    cues = {}
    for row in read_rows("scare_quote_cues.csv", ("pattern", "role")):
        role = row["role"].strip()
        if role not in ("speech", "title", "so_called"):
            raise LexiconError(
                f"framing/lexicons/scare_quote_cues.csv: line {row['_line']}: role {role!r} is not speech, "
                "title or so_called"
            )
        word = row["pattern"].strip().lower()
        cues[word] = role
        cues[word.replace("'", "’")] = role
    return cues


_SKIP_BEFORE = frozenset(", : that as it them him her this these those a an the to".split())
_SPEECH_PRONOUNS = frozenset(
    (
        "i i'm i’m i've i’ve i'll i’ll i'd i’d me my we we're we’re we've we’ve we'll we’ll us our "
        "you you're you’re your"
    ).split()
)
_QUOTE_MARKS = frozenset("\"“”„«»‘’'")
#: a reporting verb this many tokens before a short quotation (no punctuation but commas
#: between) attributes it: He said they were "vermin"; called the bill a "power grab"
_SPEECH_BEFORE = 6
#: ... or this many tokens after a quotation that ends with a comma: "...," the president said
_SPEECH_AFTER = 4
_DETERMINERS = frozenset("the a an his her its their our my your this that these those so-called".split())
_NOT_SPEAKER = frozenset(
    "has have had is was were are be been being will would can could may might must shall should "
    "do does did not never also then and but or which who that".split()
)
_TITLE_SMALL = frozenset("a an the of in on at to for and or but nor by with from as is".split())


def classify_quotes(doc: Document) -> list[tuple[object, str, str]]:
    """Top-level quotations of ``doc`` as ``(quote, kind, rule)``.

    ``kind`` is ``"quoted"`` (a direct quotation: the speaker's words), ``"title"`` or
    ``"scare_quote"``. A scare quote is closed, within one paragraph, has one to
    ``SCARE_QUOTE_MAX_WORDS`` words, and is not attributed: no colon or reporting verb
    (``framing/lexicons/scare_quote_cues.csv``, role ``speech``; e.g. *said*, *told*,
    *acknowledged that*, *called it*) in the four tokens before it, no reporting verb in the
    two tokens after it (*"...," he said*), no first- or second-person pronoun inside it, and
    it is not a full sentence (capitalised and ending in . ? !). A quote after a ``title``
    cue (*book*, *titled*) or written in title case is a title. *so-called* before a quote
    makes it a scare quote whatever else holds.
    """
    text = doc.text
    quotes = doc.get_quotes()
    if not quotes:
        return []
    cues = _quote_cues()
    tok_start, tok_lower = doc.tok_start, doc.tok_lower
    out = []
    last_end = -1
    for q in quotes:
        if q.start < last_end:  # nested inside a quotation already classified
            continue
        last_end = q.end
        kind, rule = _classify_one(doc, q, text, cues, tok_start, tok_lower)
        out.append((q, kind, rule))
    return out


def _classify_one(doc, q, text, cues, tok_start, tok_lower) -> tuple[str, str]:
    """``(kind, rule)`` of one top-level quotation (see :func:`classify_quotes`)."""
    n_words = q.n_words(text)
    if not q.closed:
        return "quoted", "quotation without closing mark"
    if q.n_paragraphs > 1 or n_words > SCARE_QUOTE_MAX_WORDS:
        return "quoted", f"quotation of more than {SCARE_QUOTE_MAX_WORDS} words"
    if n_words == 0:
        return "quoted", "quotation without words"
    k_open = bisect_left(tok_start, q.start)
    k_close = bisect_left(tok_start, q.end - 1)
    if k_open >= len(tok_start) or k_close >= len(tok_start):
        return "quoted", "quotation outside tokens"
    return (
        _cue_before(doc, k_open, cues, tok_lower)
        or _speech_after(doc, q, k_open, k_close, text, cues, tok_lower)
        or _kind_of_content(text[q.content_start : q.content_end].strip(), n_words)
    )


def _cue_before(doc, k_open: int, cues, tok_lower) -> tuple[str, str] | None:
    """What the words before the opening mark (in its sentence) say: *so-called*, a colon,
    a reporting verb (a partial quotation) or a title cue; None if nothing."""
    first = doc.sentences[doc.tok_sent[k_open]].tok_first
    k = k_open - 1
    if k >= first and tok_lower[k] in ("so-called", "so‐called"):
        return "scare_quote", "so-called before the quotation"
    if k >= first and tok_lower[k] == ":":
        return "quoted", "colon before the quotation"
    adjacent = True  # only skip words so far: a title cue still applies
    steps = 0
    while k >= first and steps < _SPEECH_BEFORE:
        word = tok_lower[k]
        role = cues.get(word)
        if role == "speech":
            # a partial quotation: He said they were "vermin"; called the bill a "power grab"
            return "quoted", f"reporting verb before the quotation ({word})"
        if role == "title" and adjacent:
            return "title", f"title cue before the quotation ({word})"
        if word not in _SKIP_BEFORE:
            adjacent = False
            if not word[:1].isalnum() and word != ",":
                break
        k -= 1
        steps += 1
    return None


def _speech_after(doc, q, k_open: int, k_close: int, text: str, cues, tok_lower) -> tuple[str, str] | None:
    """A reporting verb after the closing mark that attributes the quotation: "...," he said /
    "...," the president said / "..." said Homan; None if there is none."""
    first = doc.sentences[doc.tok_sent[k_open]].tok_first
    end = doc.sentences[doc.tok_sent[k_close]].tok_last
    k = k_close + 1
    comma = text[q.content_start : q.content_end].rstrip()[-1:] == ","
    if k < end and tok_lower[k] == ",":
        k += 1
        comma = True
    for j in range(k, min(k + (_SPEECH_AFTER if comma else 2), end)):
        word = tok_lower[j]
        if cues.get(word) == "speech":
            # '"...," the president said' (a subject between), '"..." said Homan' opening the
            # sentence, 'was "a disaster," said Smith', '"...," according to'; but in
            # 'Homan, the "border czar," said' the quotation is a noun phrase and the verb is Homan's
            before = tok_lower[k_open - 1] if k_open > first else ""
            if (
                j > k
                or k_open == first
                or word == "according"
                or not (before in _DETERMINERS or before.endswith(("'s", "’s")))
            ):
                return "quoted", f"reporting verb after the quotation ({word})"
            return None
        if word in _NOT_SPEAKER or word.endswith("ly") or not word[:1].isalnum():
            return None  # "border czar," has openly threatened ...: a new clause, not a speaker
    return None


def _kind_of_content(content: str, n_words: int) -> tuple[str, str]:
    """The kind of an unattributed short quotation, from its words: a speaker's words (a
    first- or second-person pronoun, a full sentence), a title (title case) or a scare quote."""
    words = [w.lower() for w in re.findall(r"\w+(?:[-'’]\w+)*", content)]
    if any(w in _SPEECH_PRONOUNS for w in words):
        return "quoted", "first- or second-person pronoun in the quotation"
    bare = content.rstrip("\"'”’»")
    if bare[-1:] in ("?", "!") or (bare.endswith(".") and content[:1].isupper() and n_words >= 3):
        return "quoted", "the quotation is a full sentence"
    caps = re.findall(r"\w+(?:[-'’]\w+)*", content)
    if n_words >= 2 and all(w[0].isupper() for w in caps if w.lower() not in _TITLE_SMALL) and caps[0][0].isupper():
        return "title", "title case"
    return "scare_quote", "short quotation without a speaker"


# ---------------------------------------------------------------------------
# The annotator


#: the columns of a loaded-language or epistemic span row, in order (DocResult.add_span's,
#: then the details pattern, weight, voice and lexicon)
SPAN_KEYS = (*SPAN_COLUMNS, "pattern", "weight", "voice", "lexicon")


def _check_lexicons(lexicons) -> None:
    if lexicons is None:
        return
    if isinstance(lexicons, (Lexicon, str, Path)):
        raise LexiconError(
            f"lexicons= takes a list of framing.Lexicon objects, got a single {type(lexicons).__name__}; "
            "write lexicons=[Lexicon.from_csv(path)]"
        )
    for lex in lexicons:
        if not isinstance(lex, Lexicon):
            hint = " (a single lexicon must be wrapped in a list: lexicons=[mine])" if isinstance(lex, Entry) else ""
            raise LexiconError(
                f"lexicons= takes framing.Lexicon objects (Lexicon.from_csv(path) / Lexicon.from_dic(path)), "
                f"got {type(lex).__name__} {lex!r:.60}{hint}"
            )


#: what a hit of an entry does (_EntryInfo.kind)
_SPAN, _DEFER, _BLOCK = "span", "defer", "block"


class _EntryInfo(NamedTuple):
    """What a hit of one entry writes and counts (see :func:`_entry_infos`)."""

    kind: str  # _SPAN: makes a span; _DEFER: an affect word, only where no curated match is; _BLOCK: neutral
    layer: str
    category: str
    weight: float
    fixed: tuple  # the span row's values (SPAN_KEYS) from layer to weight
    lexicon: str  # the span row's lexicon value


class _Setup(NamedTuple):
    """The compiled form of one list of lexicons (see :func:`_compiled`)."""

    matcher: Matcher
    categories: list[str]  # framing-bias categories, reported as loaded_per_1k:<category>
    infos: list[dict[int, _EntryInfo]]  # per lexicon of the matcher: id(entry) -> its info


@lru_cache(maxsize=16)
def _compiled(lexicons: tuple[Lexicon, ...]) -> _Setup:
    """The matcher, categories and entry infos of ``lexicons``, compiled once per process."""
    matcher = Matcher(lexicons)
    return _Setup(matcher, _loaded_categories(lexicons), _entry_infos(matcher))


def _loaded_categories(lexicons) -> list[str]:
    cats: list[str] = []
    for lex in lexicons:
        for c in lex.categories:
            if c not in EPISTEMIC_CATEGORIES and c not in (_AFFECT, NEUTRAL) and c not in cats:
                cats.append(c)
    return cats


def _entry_infos(matcher: Matcher) -> list[dict[int, _EntryInfo]]:
    """Per lexicon of ``matcher``: ``id(entry) -> _EntryInfo`` of every entry, so that a hit
    costs one lookup instead of re-deriving them. An entry of category ``affect`` (the
    generic signal) has rule ``affect:<pattern>`` and lexicon ``affect``; one of category
    ``neutral`` makes no span. Keyed by ``id``: the matcher keeps its lexicons, so the
    entries stay alive (and an id is cheaper to hash than the entry's fields).
    """
    out = []
    for lex in matcher.lexicons:
        table = {}
        for e in lex.entries:
            if e.category == _AFFECT:
                kind, layer, rule, lex_name = _DEFER, "loaded", f"{_AFFECT}:{e.pattern}", _AFFECT
            elif e.category == NEUTRAL:
                table[id(e)] = _EntryInfo(_BLOCK, "", NEUTRAL, e.weight, (), "")
                continue
            else:
                kind, rule, lex_name = _SPAN, f"{lex.name}:{e.line}", lex.name
                layer = e.category if e.category in EPISTEMIC_CATEGORIES else "loaded"
            table[id(e)] = _EntryInfo(
                kind, layer, e.category, e.weight, (layer, e.category, rule, e.pattern, e.weight), lex_name
            )
        out.append(table)
    return out


#: how well the layer's main measures agree with people (docs/validity.md, benchmarks/validity.py)
LOADED_VALIDITY = (
    "BABE expert bias labels (Spinde et al. 2021), fixed test fold of 735 sentences: sentence ROC-AUC "
    "0.74 [0.71, 0.78] by span count, 0.75 [0.72, 0.78] by weight; word F1 0.42 [0.39, 0.46] against "
    "the words experts marked; generic lexicons 0.56-0.58 AUC, TF-IDF + logistic regression trained on "
    "BABE 0.81"
)


class LoadedLanguageAnnotator(Annotator):
    """Loaded language, epistemic markers, voice and scare quotes (see the module docstring).

    Parameters
    ----------
    lexicons : list of :class:`framing.Lexicon`, optional
        User lexicons, matched alongside (or, with ``builtin=False``, instead of) the
        bundled ones. A category named ``hedge``, ``booster``, ``factive`` or ``assertive``
        goes to that layer; any other category to layer ``loaded`` and into ``loaded_per_1k``.
    builtin : bool
        Use the bundled ``loaded`` and ``epistemic`` lexicons (default True).
    affect : bool
        Add the generic ``affect`` signal (VADER / pattern words with a neutral-news
        stoplist) for words no curated lexicon matched (default: same as ``builtin``).
    include_headings : bool
        Count headlines, subheadings and bylines in document measures (default False, as
        the tone layer; spans and sentence measures are always produced for headings).
    """

    title = "Loaded language"
    span_layers = (
        SpanLayer(
            "loaded",
            "loaded language: a word that evaluates while it describes",
            "tinted, solid underline",
            "padding-bottom: 1px; border-bottom: 2px solid var(--fh-line, #555); background: var(--fh-tint, #eee);",
        ),
        SpanLayer(
            "scare_quote",
            "scare quote: quotation marks that distance the writer from a word",
            "wavy underline",
            "text-decoration: underline wavy #D55E00; text-decoration-thickness: 1px; text-underline-offset: 2px;",
            ("scare_quote",),
        ),
        SpanLayer(
            "hedge",
            "hedge: softens a claim (may, reportedly, appears)",
            "dotted underline",
            "padding-bottom: 5px; border-bottom: 2px dotted #0072B2;",
        ),
        SpanLayer(
            "booster",
            "booster: strengthens a claim (clearly, undoubtedly)",
            "double underline",
            "padding-bottom: 5px; border-bottom: 3px double #D55E00;",
        ),
        SpanLayer(
            "factive",
            "factive verb: presents the content as fact (reveals, shows)",
            "dashed underline",
            "padding-bottom: 5px; border-bottom: 2px dashed #009E73;",
            in_report=False,
        ),
        SpanLayer(
            "assertive",
            "assertive verb: asserts without presupposing truth (claims, insists)",
            "dashed underline",
            "padding-bottom: 5px; border-bottom: 2px dashed #009E73;",
            in_report=False,
        ),
    )
    sentence_columns = (
        SentenceColumn("loaded_count", "loaded-language spans in the sentence (not affect)", "int"),
        SentenceColumn("loaded_per_1k", "loaded-language spans per 1,000 tokens of the sentence"),
    )
    measures = (
        Measure(
            "loaded_per_1k",
            "per_1k",
            "loaded-language spans (layer loaded, not affect) per 1,000 tokens",
            "more loaded words",
            per_1k("loaded", exclude=[("category", _AFFECT)]),
            compare=True,
            headline=True,
            validity=LOADED_VALIDITY,
        ),
        Measure(
            "loaded_authorial_per_1k",
            "per_1k",
            "loaded-language spans in the author's voice per 1,000 tokens",
            "more loaded words in the writer's own voice",
            per_1k("loaded", where=[("voice", "authorial")], exclude=[("category", _AFFECT)]),
            compare=True,
            headline=True,
            validity=LOADED_VALIDITY,
        ),
        Measure(
            "loaded_quoted_per_1k",
            "per_1k",
            "loaded-language spans inside direct quotations per 1,000 tokens",
            "more loaded words in quoted speech",
            per_1k("loaded", where=[("voice", "quoted")], exclude=[("category", _AFFECT)]),
            compare=True,
        ),
        Measure(
            "hedge_per_1k",
            "per_1k",
            "hedges per 1,000 tokens",
            "more softened claims",
            per_1k("hedge"),
            compare=True,
            headline=True,
        ),
        Measure(
            "booster_per_1k",
            "per_1k",
            "boosters per 1,000 tokens",
            "more strengthened claims",
            per_1k("booster"),
            compare=True,
            headline=True,
        ),
        Measure("scare_quotes", "count", "scare quotes in the counted sentences", "more distancing quotation marks"),
        Measure(
            "loaded_per_1k:{category}",
            "per_1k",
            "loaded-language spans of one category per 1,000 tokens",
            "more loaded words of that category",
            per_1k("loaded", where=[("category", "{category}")]),
            long_only=True,
        ),
        Measure(
            "loaded_scare_quote_per_1k",
            "per_1k",
            "loaded-language spans put in scare quotes per 1,000 tokens",
            "more loaded words held at a distance",
            per_1k("loaded", where=[("voice", "scare_quote")], exclude=[("category", _AFFECT)]),
            long_only=True,
        ),
        Measure(
            "factive_per_1k",
            "per_1k",
            "factive verbs per 1,000 tokens",
            "more content presented as fact",
            per_1k("factive"),
            long_only=True,
        ),
        Measure(
            "assertive_per_1k",
            "per_1k",
            "assertive verbs per 1,000 tokens",
            "more asserted content",
            per_1k("assertive"),
            long_only=True,
        ),
        Measure(
            "affect_per_1k",
            "per_1k",
            "generic affect words per 1,000 tokens",
            "more generic affect",
            per_1k("loaded", where=[("category", _AFFECT)]),
            long_only=True,
        ),
        Measure(
            "scare_quotes_per_1k",
            "per_1k",
            "scare quotes per 1,000 tokens",
            "more distancing quotation marks",
            per_1k("scare_quote"),
            long_only=True,
        ),
        Measure(
            "loaded_weight_per_1k",
            "per_1k",
            "summed lexicon weights of loaded-language spans per 1,000 tokens",
            "more (and stronger) loaded words",
            per_1k("loaded", exclude=[("category", _AFFECT)], weight="weight"),
            long_only=True,
            validity=LOADED_VALIDITY,
        ),
        Measure("n_loaded", "count", "loaded-language spans, every category", "more loaded words", long_only=True),
    )
    method = (
        "loaded_per_1k counts words and phrases of the loaded-language lexicon (categories "
        "such as emotive, militarized, pejorative label, hyperbole; after Recasens, Danescu-Niculescu-Mizil & "
        "Jurafsky 2013) per 1,000 tokens; loaded_authorial_per_1k counts only those in the writer's own voice "
        "(outside quotations), loaded_quoted_per_1k those inside quotations. hedge_per_1k and booster_per_1k "
        "count epistemic markers (Hyland 2005); scare quotes are short quotations without a speaker."
    )

    def __init__(
        self,
        *,
        lexicons: Sequence[Lexicon] | None = None,
        builtin: bool = True,
        affect: bool | None = None,
        include_headings: bool = False,
    ):
        # checked here, not per document: a wrong argument must fail once, loudly, rather
        # than turn every document of a corpus into an error row
        _check_lexicons(lexicons)
        self.lexicons = lexicons
        self.builtin = builtin
        self.affect = affect
        self.include_headings = include_headings

    # -- configuration --------------------------------------------------

    def _lexicon_list(self) -> list[Lexicon]:
        lexicons: list[Lexicon] = []
        if self.builtin:
            lexicons += [load_lexicon("loaded"), load_lexicon("epistemic")]
        _check_lexicons(self.lexicons)
        lexicons += list(self.lexicons or ())
        if self._use_affect():
            lexicons.append(affect_lexicon())
        return lexicons

    def _use_affect(self) -> bool:
        return self.builtin if self.affect is None else bool(self.affect)

    def versions(self) -> dict[str, str]:
        from ..lexicons import version_of

        out: dict[str, str] = {}
        if self.builtin:
            for f in ("loaded.csv", "epistemic.csv"):
                out[f] = version_of(f)
        out["scare_quote_cues.csv"] = version_of("scare_quote_cues.csv")
        if self._use_affect():
            out["affect_stoplist.csv"] = version_of("affect_stoplist.csv")
            out["vader_lexicon.txt"] = f"vaderSentiment {_package_version('vaderSentiment')}"
            out["en-sentiment.xml"] = f"textblob {_package_version('textblob')}"
        for lex in self.lexicons or ():
            if isinstance(lex, Lexicon):
                out[lex.name] = lex.version
        return out

    def categories(self) -> list[str]:
        """Framing-bias categories reported as ``loaded_per_1k:<category>``."""
        return _loaded_categories(self._lexicon_list())

    def _setup(self) -> _Setup:
        return _compiled(tuple(self._lexicon_list()))

    # -- work -------------------------------------------------------------

    def annotate(self, doc: Document, out: DocResult) -> None:
        setup = self._setup()
        sentences = doc.sentences
        n_sent = len(sentences)
        sent_count = out.sentence_column("loaded_count", n_sent, 0)
        sent_density = out.sentence_column("loaded_per_1k", n_sent)
        hits = setup.matcher.match(doc) if doc.tok_start else []
        classified = classify_quotes(doc)  # top-level quotations, classified once
        is_counted = [self.include_headings or s.kind == "body" for s in sentences]
        n_counted = sum(s.tok_last - s.tok_first for s in sentences if is_counted[s.index])
        totals, by_cat = _write_matches(doc, out, hits, setup, classified, is_counted, sent_count)
        n_scare = _write_scare_quotes(doc, out, classified, is_counted)
        for sent in sentences:
            n = sent.tok_last - sent.tok_first
            sent_density[sent.index] = 1000.0 * sent_count[sent.index] / n if n else math.nan
        self._document_measures(out, totals, by_cat, n_scare, n_counted)

    def _document_measures(self, out: DocResult, totals: dict, by_cat: dict, n_scare: int, n_counted: int) -> None:
        # every rate per 1,000 counted tokens in one list (the order of the measures below)
        counts = [
            totals["all"],
            totals["authorial"],
            totals["quoted"],
            totals["hedge"],
            totals["booster"],
            *by_cat.values(),
            totals["scare_quote"],
            totals["factive"],
            totals["assertive"],
        ]
        names = [f"loaded_per_1k:{cat}" for cat in by_cat]
        names += ("loaded_scare_quote_per_1k", "factive_per_1k", "assertive_per_1k")
        if self._use_affect():
            counts.append(totals["affect"])
            names.append("affect_per_1k")
        counts += (n_scare, totals["weight"])
        names += ("scare_quotes_per_1k", "loaded_weight_per_1k")
        rates = [1000.0 * x / n_counted for x in counts] if n_counted else [math.nan] * len(counts)
        m = out.measures
        m["loaded_per_1k"], m["loaded_authorial_per_1k"], m["loaded_quoted_per_1k"] = rates[:3]
        m["hedge_per_1k"], m["booster_per_1k"] = rates[3:5]
        m["scare_quotes"] = n_scare
        # the rows DocResult.add_measure would append, in the same order
        out.long_measures += zip(names, rates[5:])
        out.long_measures.append(("n_loaded", totals["all"]))


def _write_matches(
    doc: Document, out: DocResult, hits, setup: _Setup, classified, is_counted, sent_count
) -> tuple[dict, dict]:
    """Write a span per match that counts and add it to the sentence counts; returns the
    document totals (per voice, epistemic layer, weight, affect) and the count per category.

    First the curated matches, then the affect words that no span-making or neutral curated
    match covers (the order of the span rows). A capitalised match that is a proper name,
    and a match inside a quoted title, make no span. The voice of a match starting inside
    the content of a top-level quotation (content_start <= a < content_end) is that
    quotation's kind, else authorial.
    """
    infos = setup.infos
    text = doc.text
    tok_start, tok_end, tok_sent = doc.tok_start, doc.tok_end, doc.tok_sent
    doc_id, out_text = out.doc_id, out._text
    add_row = out.span_rows(SPAN_KEYS).append
    q_starts = [q.content_start for q, _, _ in classified]
    q_ends = [q.content_end for q, _, _ in classified]
    q_kinds = [kind for _, kind, _ in classified]
    heading_title_case: dict[int, bool] = {}
    covered: set[int] = set()  # tokens of the span-making and neutral curated matches
    affect_hits = []
    totals = dict.fromkeys(("all", "authorial", "quoted", "scare_quote", "weight", "affect"), 0)
    totals.update(dict.fromkeys(EPISTEMIC_CATEGORIES, 0))
    by_cat = dict.fromkeys(setup.categories, 0)
    for affect_pass, todo in ((False, hits), (True, affect_hits)):
        for hit in todo:
            li, first, last, entry = hit
            kind, layer, category, weight, fixed, lexicon = infos[li][id(entry)]
            if affect_pass:
                if first in covered:
                    continue
            elif kind != _SPAN:
                if kind == _DEFER:
                    affect_hits.append(hit)
                else:  # the standard neutral term: blocks, counts nowhere
                    covered.update(range(first, last))
                continue
            a, b = tok_start[first], tok_end[last - 1]
            if text[a].isupper() and _is_name(doc, first, entry, heading_title_case):
                continue
            voice = "authorial"
            if q_starts:
                k = bisect_right(q_starts, a) - 1
                if k >= 0 and a < q_ends[k]:
                    voice = q_kinds[k]
                    if voice == "title":
                        continue
            s = tok_sent[first]
            add_row((doc_id, s, a, b, out_text[a:b], *fixed, voice, lexicon))
            if affect_pass:
                if is_counted[s]:
                    totals["affect"] += 1
                continue
            if last - first == 1:  # (most matches: one word)
                covered.add(first)
            else:
                covered.update(range(first, last))
            if layer == "loaded":
                sent_count[s] += 1
                if is_counted[s]:
                    totals["all"] += 1
                    totals[voice] += 1
                    totals["weight"] += weight
                    by_cat[category] = by_cat.get(category, 0) + 1
            elif is_counted[s]:
                totals[layer] += 1
    return totals, by_cat


def _write_scare_quotes(doc: Document, out: DocResult, classified, is_counted) -> int:
    """Write a span per scare quote; returns the number in counted sentences."""
    text, tok_start, tok_sent = doc.text, doc.tok_start, doc.tok_sent
    n_scare = 0
    for q, kind, rule in classified:
        if kind != "scare_quote":
            continue
        k = bisect_left(tok_start, q.start)
        s = tok_sent[k] if k < len(tok_sent) else doc.sentence_at(q.start)
        content = text[q.content_start : q.content_end].strip().strip(",.;:").lower()
        out.add_span(
            s,
            q.start,
            q.end,
            "scare_quote",
            "scare_quote",
            rule=rule,
            pattern=content,
            weight=1,
            voice="scare_quote",
            lexicon="scare-quote-cues",
        )
        if is_counted[s]:
            n_scare += 1
    return n_scare


# ---------------------------------------------------------------------------
# Proper names


_OPENERS = frozenset("\"“‘'([{:—–-«")


def _is_name(doc: Document, i: int, entry: Entry, heading_title_case: dict[int, bool]) -> bool:
    """Whether the match starting at token ``i`` is (part of) a proper name.

    A lexicon word written with an initial capital inside a sentence is part of a name
    (*Liberty* University, the *Patriot* Act, *Freedom* Caucus). At the start of a sentence
    (or after an opening quotation mark, bracket, colon or dash) a capital is expected, so
    the word counts as a name only if the next word is capitalised too. In a headline
    written in title case capitals say nothing, so nothing is excluded there. Patterns that
    contain a capital letter (``China virus``) name a proper noun on purpose and are never
    excluded. All-capital words (shouting) are not names.
    """
    text = doc.text
    tok = text[doc.tok_start[i] : doc.tok_end[i]]
    if not tok[:1].isupper() or (tok.isupper() and len(tok) > 1):
        return False
    if entry.pattern != entry.pattern.lower():
        return False
    s = doc.tok_sent[i]
    sent = doc.sentences[s]
    if sent.kind == "heading":
        style = heading_title_case.get(s)
        if style is None:
            style = heading_title_case[s] = _title_case(doc, sent)
        if style:
            return False
    first = sent.tok_first
    lower = doc.tok_lower
    initial = i == first or all(lower[k] in _OPENERS or lower[k] in ("*", "_") for k in range(first, i))
    if not initial and i > first and lower[i - 1] in _OPENERS:
        initial = True
    if not initial:
        return True
    nxt = i + 1
    if nxt < sent.tok_last:
        t = text[doc.tok_start[nxt] : doc.tok_end[nxt]]
        return t[:1].isupper() and t[:1].isalpha()
    return False


def _title_case(doc: Document, sent) -> bool:
    words = [doc.text[doc.tok_start[k] : doc.tok_end[k]] for k in range(sent.tok_first, sent.tok_last)]
    words = [w for w in words if w[:1].isalpha() and w.lower() not in _TITLE_SMALL]
    if len(words) < 2:
        return True
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)
