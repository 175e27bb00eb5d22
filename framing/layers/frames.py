"""Frame cues: which frames a sentence makes salient, and how much of a document cues each.

Entman (1993): to frame is to select some aspects of a perceived reality and make them
more *salient* in a text. This layer finds words and phrases that make a frame salient,
for two established typologies:

- ``generic``: the five generic news frames of Semetko & Valkenburg (2000):
  ``responsibility`` (attribution of responsibility), ``human_interest``, ``conflict``,
  ``morality``, ``economic_consequences``;
- ``policy``: the dimensions of the Policy Frames Codebook (Boydstun, Card, Gross,
  Resnik & Smith 2014), used by the Media Frames Corpus (Card et al. 2015). The codebook
  has 15 dimensions; the lexicon covers 14 of them. The fifteenth, *Other*, is a residual
  category with no cues by definition: a sentence with no policy cue is simply uncued.

The cues are ``framing/lexicons/frames.csv`` (columns ``typology, frame, pattern, note``),
matched with the shared lexicon engine (:class:`framing.lexicon.Matcher`) plus three rules
that file documents: a pattern written with a capital letter matches only that exact form
(``WHO`` is not *who*); a leading ``*`` matches a token's ending (``*-year-old``); and a
hyphenated word that is not itself an entry is matched by its parts (*tough-on-crime*
cues ``crime_punishment``; the whole word is the evidence). At each token the longest
pattern of the file wins, matches never overlap, and rows of typology ``exclude`` win that
competition but cue nothing (*homeland security* is an agency, not a security cue).
A pattern listed under several frames cues all of them (*tariffs*: economic and
external regulation).

**These are cue-based indicators of salience, not a frame classification.** A sentence
"cues" a frame when it contains at least one of that frame's words; it may cue several
frames or none, and a cue does not say the sentence *is* framed that way (a sentence may
mention a cost to dismiss it). Read the shares as "how often the vocabulary of frame X
appears", comparable across outlets on the same story, and check the spans.

Outputs
-------
Spans (layer ``frame``): ``category`` = the frame, detail columns ``typology``,
``pattern`` (the lexicon entry), ``rule`` = ``frames.csv:<line>``. A cue of two frames is
two spans with the same offsets.

Sentence columns: ``frame_cues`` (number of cue words and phrases), ``policy_frame`` and
``generic_frame`` (the frame of the typology with the most cues in the sentence, ties in
codebook order; ``""`` if none; every frame a sentence cues is in the spans).

Document measures, over body sentences (headings too with ``include_headings=True``):

- long ``frame_share:<typology>:<frame>``: share (0-1) of sentences cueing the frame;
- long ``frame_dominant:<typology>:<frame>``: 1 if the frame is a dominant frame of its
  typology, else 0. Dominant: the highest share of sentences; among equal shares, the most
  cues; frames still tied are all dominant; none if nothing is cued;
- long ``frame_cued_share:<typology>``: share of sentences cueing any frame of the typology;
- wide ``dominant_policy_frame`` and ``dominant_generic_frame``: the dominant frame(s),
  ties joined by ``|`` in codebook order, ``""`` if nothing is cued.

All shares are NaN for a document without counted sentences.

References: Entman (1993) J. Communication 43(4); Semetko & Valkenburg (2000)
J. Communication 50(2); Boydstun, Card, Gross, Resnik & Smith (2014) APSA;
Card, Boydstun, Gross, Resnik & Smith (2015) ACL (Media Frames Corpus).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ..errors import LexiconError
from ..lexicon import Entry, Hit, Lexicon, Matcher, csv_rows, fill_memo, memo_lookup, parse_pattern
from ..text.segment import Document
from .base import SPAN_COLUMNS, Annotator, DocResult, Measure, SentenceColumn, SpanLayer, Spans, sentence_share

__all__ = [
    "FrameAnnotator",
    "FrameCues",
    "frame_cues",
    "GENERIC_FRAMES",
    "POLICY_FRAMES",
    "TYPOLOGIES",
]

#: Semetko & Valkenburg (2000), in their order
GENERIC_FRAMES = ("responsibility", "human_interest", "conflict", "morality", "economic_consequences")
#: Policy Frames Codebook (Boydstun et al. 2014), in codebook order, without "Other"
POLICY_FRAMES = (
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality",
    "policy_prescription",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation",
)
TYPOLOGIES = {"generic": GENERIC_FRAMES, "policy": POLICY_FRAMES}
_EXCLUDE = "exclude"
_BUILTIN_FILE = "frames.csv"


class _CueRow(NamedTuple):
    """One compiled alternative of a row of a frame-cue file."""

    typology: str
    frame: str
    pattern: str  # the row's whole pattern, as written
    line: int
    case_words: tuple[str, ...] | None  # the words, if the pattern has a capital (matched in exact case)
    left: tuple[str, ...]  # closed-class words before the matched part, checked as left context
    rule: str  # "<file>:<line>"
    pair: int  # index into FrameCues.pairs; -1 for an exclusion


class FrameCues:
    """A compiled frame-cue lexicon: rows of ``typology, frame, pattern, note``.

    Build with :func:`frame_cues` (the bundled file, cached) or :meth:`from_csv` (a file of
    the same format). ``frames`` maps each typology to its frames in reporting order.

    Matching uses the shared :class:`framing.lexicon.Matcher`. A phrase that starts with
    a closed-class word (*the* bill, *under the* law, *would* require) is given to the
    matcher from its first other word on, and the words before it are checked as left
    context: the match is the same, but the very frequent words *the*, *to*, *in* ... do
    not each start a phrase search (this is what keeps the layer fast).
    """

    def __init__(self, rows: Sequence[dict], *, name: str, version: str, origin: str):
        self.name, self.version, self.origin = name, version, origin
        self.file = Path(origin).name
        frames: dict[str, list[str]] = {}
        anchored: dict[str, list[tuple]] = {}  # the part given to the matcher -> (row fields, left context)
        suffixes: dict[str, list[tuple]] = {}  # a *ending -> (row fields, ())
        self.n_rows = 0
        for row in rows:
            self.n_rows += 1
            fields = _checked_row(row, origin)
            typology, frame, pattern, line = fields
            if typology != _EXCLUDE and frame not in frames.setdefault(typology, []):
                frames[typology].append(frame)
            for alt in pattern.split("|"):
                alt = alt.strip()
                if alt.startswith("*"):
                    suffixes.setdefault(_suffix(alt, pattern, origin, line), []).append((fields, alt, ()))
                else:
                    anchor, left = _anchor(alt, origin, line)
                    anchored.setdefault(anchor, []).append((fields, alt, left))
        # reporting order: the typology's canonical order, then any other frames in file order
        self.frames = {
            t: [f for f in TYPOLOGIES.get(t, ()) if f in fs] + [f for f in fs if f not in TYPOLOGIES.get(t, ())]
            for t, fs in frames.items()
        }
        self.typologies = [t for t in ("generic", "policy") if t in self.frames] + [
            t for t in self.frames if t not in ("generic", "policy")
        ]
        #: every (typology, frame) pair, in reporting order (_CueRow.pair indexes it)
        self.pairs = [(t, f) for t in self.typologies for f in self.frames[t]]
        pair_index = {pair: k for k, pair in enumerate(self.pairs)}

        def compiled(items: list[tuple]) -> tuple[_CueRow, ...]:
            # the rows with the longest left context first, so a longer phrase wins over a shorter one
            return tuple(
                _CueRow(t, f, p, line, _case_words(alt), left, f"{self.file}:{line}", pair_index.get((t, f), -1))
                for (t, f, p, line), alt, left in sorted(items, key=lambda item: -len(item[2]))
            )

        entries = [Entry(anchor, "cue", 1, "", "", items[0][0][3]) for anchor, items in anchored.items()]
        self.lexicon = Lexicon(entries, name=name, version=version, origin=origin)
        self.matcher = Matcher([self.lexicon])
        self._rows = {anchor: compiled(items) for anchor, items in anchored.items()}
        # anchors whose rows fire without any check (no context, no case, no exclusion)
        self._simple = {
            anchor: rows
            for anchor, rows in self._rows.items()
            if all(not r.left and r.case_words is None and r.typology != _EXCLUDE for r in rows)
        }
        self._suffixes = {s: compiled(items) for s, items in suffixes.items()}
        self._suffix_tuple = tuple(self._suffixes)
        self._hyphen_only = all("-" in x for x in self._suffix_tuple)
        self._memo: dict[str, tuple | None] = {}  # token form -> its _word_hits (see memo_lookup)

    @classmethod
    def from_csv(cls, path, *, name: str | None = None, version: str | None = None) -> FrameCues:
        """A frame-cue file of your own, in the format of ``framing/lexicons/frames.csv``
        (columns ``typology, frame, pattern`` and optionally ``note``)."""
        from ..lexicon import _hash_text, _read

        path = Path(path)
        text = _read(path)
        rows = csv_rows(text, origin=str(path), required=("typology", "frame", "pattern"))
        return cls(rows, name=name or path.stem, version=version or _hash_text(text), origin=str(path))

    def __repr__(self) -> str:
        return f"FrameCues(name={self.name!r}, version={self.version!r}, rows={self.n_rows})"

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_memo"] = {}
        return state

    def clear_memo(self) -> None:
        """Forget the per-token memos (benchmarks use it to time a cold start)."""
        self._memo.clear()
        self.matcher.clear_memo()

    # -- matching -------------------------------------------------------

    def cues(self, doc: Document) -> list[tuple[int, int, int, tuple[_CueRow, ...]]]:
        """The cues of ``doc`` in document order, as ``(first_token, last_token_exclusive,
        sentence, rows)``: tokens ``first`` to ``last`` fire the :class:`_CueRow` ``rows``
        (exclusions and failed checks removed; the first token includes a phrase's left
        context, *the* bill). The phrases the matcher finds, then the cues inside single
        tokens that it cannot see (*endings, parts of hyphenated words)."""
        if not doc.tok_lower:
            return []
        hits = self.matcher.match(doc)
        out = self._phrase_cues(doc, hits)
        inner = self._inner_cues(doc, hits)
        if inner:
            out += inner
            out.sort(key=itemgetter(0))
        return out

    def _phrase_cues(self, doc: Document, hits: list[Hit]) -> list[tuple[int, int, int, tuple[_CueRow, ...]]]:
        """The cues of the matcher's hits: a hit fires its rows whose checks pass."""
        tok_sent, sentences = doc.tok_sent, doc.sentences
        simple = self._simple
        written = _written(doc)
        out = []
        prev_end = 0
        for _, first, last, entry in hits:
            rows = simple.get(entry.pattern)
            if rows is not None:  # the common case: no check to make
                out.append((first, last, tok_sent[first], rows))
                prev_end = last
                continue
            s = tok_sent[first]
            lo = max(prev_end, sentences[s].tok_first)
            found = _resolve(self._rows[entry.pattern], first, last, lo, doc.tok_lower, written)
            if found is not None:
                out.append((found[0], last, s, found[1]))
                prev_end = last
        return out

    def _inner_cues(self, doc: Document, hits: list[Hit]) -> list[tuple[int, int, int, tuple[_CueRow, ...]]]:
        """Cues inside single tokens outside the matcher's hits: a ``*ending`` pattern on the
        whole token, else the parts of a hyphenated word (the whole word is the evidence)."""
        tok_lower, text, tok_start, tok_end = doc.tok_lower, doc.text, doc.tok_start, doc.tok_end
        memo = self._memo
        if self._hyphen_only:  # every such cue holds a hyphen: only hyphenated tokens can have one
            positions = _hyphenated_tokens(doc)
            fill_memo(memo, [tok_lower[i] for i in positions], self._word_hits)
            positions = [i for i in positions if memo[tok_lower[i]] is not None]
        else:
            positions = list(compress(count(), memo_lookup(memo, tok_lower, self._word_hits)))  # None or hits
        # outside the matcher's hits (sorted, not overlapping)
        starts, ends = [h.first for h in hits], [h.last for h in hits]
        out = []
        for i in positions:
            k = bisect_right(starts, i) - 1
            if k >= 0 and ends[k] > i:
                continue
            lower_parts = tok_lower[i].split("-")
            parts = text[tok_start[i] : tok_end[i]].split("-")
            if len(parts) != len(lower_parts):  # pragma: no cover - lower() kept the hyphens
                parts = lower_parts
            fired: list[_CueRow] = []
            for a, b, rows in memo[tok_lower[i]]:
                found = _resolve(rows, a, b, 0, lower_parts, lambda x, y, parts=parts: parts[x:y])
                if found is not None:
                    fired.extend(r for r in found[1] if r not in fired)
            if fired:
                out.append((i, i + 1, doc.tok_sent[i], tuple(fired)))
        return out

    def _word_hits(self, form: str) -> tuple | None:
        """Cues inside one token form that the phrase matcher cannot see, as ``(first part,
        last part, rows)``: a ``*ending`` pattern on the whole token, else the parts of a
        hyphenated word; None if there is none."""
        if self._suffix_tuple and form.endswith(self._suffix_tuple):
            best = max((s for s in self._suffixes if form.endswith(s) and len(form) > len(s)), key=len, default=None)
            if best is not None:
                return ((0, 1, self._suffixes[best]),)
        if "-" not in form:
            return None
        parts = form.split("-")
        if not all(parts):
            return None
        found = tuple((hit.first, hit.last, self._rows[hit.entry.pattern]) for hit in self.matcher.match_words(parts))
        return found or None


def _checked_row(row: dict, origin: str) -> tuple[str, str, str, int]:
    """``(typology, frame, pattern, line)`` of a row of a frame-cue file, checked."""
    line = int(row.get("_line") or 0)
    where = f"{origin}: line {line}"
    typology = (row.get("typology") or "").strip()
    frame = (row.get("frame") or "").strip()
    pattern = (row.get("pattern") or "").strip()
    if not typology:
        raise LexiconError(f"{where}: empty typology; write generic, policy or exclude")
    if not pattern:
        raise LexiconError(f"{where}: empty pattern; write a word or phrase in the 'pattern' column")
    if typology != _EXCLUDE:
        if not frame or frame == "-":
            raise LexiconError(f"{where}: pattern {pattern!r} has no frame; fill the 'frame' column")
        known = TYPOLOGIES.get(typology)
        if known is not None and frame not in known:
            raise LexiconError(f"{where}: {frame!r} is not a {typology} frame; use one of {', '.join(known)}")
    return typology, frame, pattern, line


def _suffix(alt: str, pattern: str, origin: str, line: int) -> str:
    """The word ending of a ``*ending`` alternative, checked."""
    suffix = alt[1:].lower()
    if not suffix or "*" in suffix or " " in suffix:
        raise LexiconError(
            f"{origin}: line {line}: pattern {pattern!r}: a leading '*' must be followed by one word ending "
            "(e.g. '*-year-old')"
        )
    return suffix


def _anchor(alt: str, origin: str, line: int) -> tuple[str, tuple[str, ...]]:
    """The part of a phrase given to the matcher (from its first word not in _WEAK_FIRST
    on, the last word always) and the words before it (checked as left context)."""
    elements = parse_pattern(alt, where=f"{origin}: line {line}")[0]
    k = 0
    while k < len(elements) - 1 and not elements[k][1] and elements[k][0] in _WEAK_FIRST:
        k += 1
    anchor = " ".join(t + ("*" if w else "") for t, w in elements[k:])
    return anchor, tuple(t for t, _ in elements[:k])


def _written(doc: Document):
    """A function ``(a, b) -> the tokens a to b as written`` (for the exact-case check)."""
    text, tok_start, tok_end = doc.text, doc.tok_start, doc.tok_end
    return lambda a, b: [text[tok_start[k] : tok_end[k]] for k in range(a, b)]


def _resolve(rows, first: int, last: int, lo: int, tok_lower, words) -> tuple[int, tuple[_CueRow, ...]] | None:
    """The rows that fire for a matcher hit on tokens ``first:last``: left context present
    (not before token ``lo``), exact case for capitalised patterns, no exclusion. Returns
    ``(start token, rows)``; the rows with the longest context win."""
    best_start, keep = None, []
    for r in rows:
        start = first - len(r.left)
        if r.left and (start < lo or tuple(tok_lower[start:first]) != r.left):
            continue
        if best_start is not None and start != best_start:
            continue  # a shorter phrase than the one already found
        if r.case_words is not None and not _case_ok(r.case_words, words(start, last)):
            continue
        if r.typology == _EXCLUDE:
            return None
        best_start = start
        keep.append(r)
    return (best_start, tuple(keep)) if keep else None


def _hyphenated_tokens(doc: Document) -> list[int]:
    """Indices of the tokens with a hyphen inside (not first, not last), in order, found
    by searching the text for hyphens (few) rather than testing every token."""
    text, tok_start, tok_end = doc.text, doc.tok_start, doc.tok_end
    out = []
    pos = text.find("-")
    while pos != -1:
        i = bisect_right(tok_start, pos) - 1
        if i >= 0 and tok_start[i] < pos < tok_end[i] - 1:
            out.append(i)
            pos = text.find("-", tok_end[i])
        else:
            pos = text.find("-", pos + 1)
    return out


#: closed-class words that start some phrases; such phrases are matched from their first
#: other word, with these words checked as left context (an engine setting, not a cue list)
_WEAK_FIRST = frozenset(
    "a an the to in on at for of by with from under over into more most would will can could "
    "should not no both two new their his her our its my your who what".split()
)


def _case_words(alt: str) -> tuple[str, ...] | None:
    """Words of a pattern written with a capital letter (checked for exact case), else None."""
    return tuple(alt.split()) if alt != alt.lower() else None


_POSSESSIVE = ("'s", "’s", "'", "’")


def _case_ok(words: tuple[str, ...], tokens: list[str]) -> bool:
    """Whether ``tokens`` (as written) spell the pattern ``words``: exactly for the words
    written with a capital letter (``the House``: *House*, any case of *the*)."""
    if len(words) != len(tokens):
        return False
    last = len(words) - 1
    for k, (w, tok) in enumerate(zip(words, tokens)):
        if w == w.lower():  # only words written with a capital are case-sensitive
            tok = tok.lower()
        if w.endswith("*"):
            if tok.startswith(w[:-1]):
                continue
            return False
        if tok == w:
            continue
        if k == last and any(tok == w + p for p in _POSSESSIVE):
            continue
        return False
    return True


@lru_cache(maxsize=1)
def frame_cues() -> FrameCues:
    """The bundled frame-cue lexicon (``framing/lexicons/frames.csv``), compiled once.

    Five generic news frames (Semetko & Valkenburg 2000) and 14 of the 15 Policy Frames
    Codebook dimensions (Boydstun et al. 2014; "Other" has no cues), written by the
    framing project; see ``docs/measures.md`` (Frames).
    """
    from ..lexicons import manifest, read_rows

    row = manifest().get(_BUILTIN_FILE)
    if row is None:
        raise LexiconError(f"framing/lexicons/{_BUILTIN_FILE}: not listed in manifest.csv; add a row for it")
    rows = read_rows(_BUILTIN_FILE, ("typology", "frame", "pattern", "note"))
    return FrameCues(rows, name=row["name"], version=row["version"], origin=f"framing/lexicons/{_BUILTIN_FILE}")


#: how well the layer's main measures agree with people (docs/validity.md, benchmarks/validity.py)
FRAMES_VALIDITY = (
    "not yet validated against people's frame codes: the cues were checked only on 364 sentences "
    "labelled by the project (docs/measures.md); read frame shares as cue counts"
)


class FrameAnnotator(Annotator):
    """Frame cues per sentence and frame shares per document (see the module docstring).

    Parameters
    ----------
    typologies : tuple of str
        Which typologies to report: ``"generic"`` (Semetko & Valkenburg 2000) and/or
        ``"policy"`` (Policy Frames Codebook, Boydstun et al. 2014). Default both.
    lexicon : str or Path, optional
        A frame-cue CSV of your own (same columns as ``framing/lexicons/frames.csv``)
        used instead of the bundled file.
    include_headings : bool
        Count headlines, subheadings and bylines in the document shares (default False,
        as the other layers). Spans and sentence columns are produced for every sentence.
    """

    title = "Frames"
    span_layers = (
        SpanLayer(
            "frame",
            "frame cue: a word that makes a frame salient",
            "dashed line above",
            "padding-top: 1px; border-top: 2px dashed var(--fh-line, #777);",
            in_report=False,
        ),
    )
    sentence_columns = (
        SentenceColumn("frame_cues", "frame cues in the sentence, every typology", "int"),
        SentenceColumn("{typology}_frame", "the frame of that typology with the most cues in the sentence", "str"),
    )
    measures = (
        Measure(
            "frame_share:{typology}:{frame}",
            "share",
            "share of sentences with a cue of that frame",
            "the frame is more salient",
            sentence_share(
                Spans("frame", (("typology", "{typology}"), ("category", "{frame}")), any=True),
                headings="include_headings",
            ),
            long_only=True,
            validity=FRAMES_VALIDITY,
        ),
        Measure(
            "frame_cued_share:{typology}",
            "share",
            "share of sentences with a cue of any frame of the typology",
            "more framed sentences",
            sentence_share(Spans("frame", (("typology", "{typology}"),), any=True), headings="include_headings"),
            long_only=True,
            validity=FRAMES_VALIDITY,
        ),
        Measure(
            "frame_dominant:{typology}:{frame}",
            "share",
            "1 if the frame has the most cued sentences, else 0",
            "the frame dominates",
            long_only=True,
        ),
        Measure("dominant_{typology}_frame", "label", "the frame(s) with the most cued sentences, joined by |"),
    )
    method = (
        "A sentence cues a frame when it contains a cue word or phrase of that frame: the five generic "
        "news frames of Semetko & Valkenburg (2000) and the dimensions of the Policy Frames Codebook "
        "(Boydstun et al. 2014). frame_share is the share of a document's body sentences that cue the frame."
    )

    def __init__(
        self, *, typologies: Sequence[str] = ("generic", "policy"), lexicon=None, include_headings: bool = False
    ):
        self.typologies = typologies
        self.lexicon = lexicon
        self.include_headings = include_headings

    def cue_lexicon(self) -> FrameCues:
        """The compiled cue lexicon this annotator uses."""
        if self.lexicon is None:
            return frame_cues()
        path = Path(self.lexicon)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            raise LexiconError(
                f"{path}: no such frame-cue file; pass the path of a CSV with typology, frame, pattern columns"
            ) from None
        return _user_cues(str(path), stamp)

    def _typologies(self, cues: FrameCues) -> list[str]:
        if isinstance(self.typologies, str):
            raise LexiconError(
                f"typologies= takes a list such as ('generic', 'policy'), not the string {self.typologies!r}"
            )
        chosen = list(self.typologies)
        unknown = [t for t in chosen if t not in cues.frames]
        if unknown:
            raise LexiconError(
                f"typologies={chosen!r}: {', '.join(map(repr, unknown))} not in {cues.origin}; "
                f"valid: {', '.join(cues.typologies)}"
            )
        return chosen

    def versions(self) -> dict[str, str]:
        cues = self.cue_lexicon()
        return {cues.file if self.lexicon is None else cues.name: cues.version}

    def frame_names(self) -> list[tuple[str, str]]:
        """``(typology, frame)`` pairs reported, in order."""
        cues = self.cue_lexicon()
        return [(t, f) for t in self._typologies(cues) for f in cues.frames[t]]

    def _plan(self) -> _Plan:
        """What the annotator reports (computed once per lexicon and typology choice)."""
        cues = self.cue_lexicon()
        return _plan_for(cues, tuple(self._typologies(cues)))

    def annotate(self, doc: Document, out: DocResult) -> None:
        plan = self._plan()
        n_cues = _write_spans(doc, out, plan)
        counted = [self.include_headings or sent.kind == "body" for sent in doc.sentences]
        totals = _sentence_frames(out, plan, n_cues, counted)
        _document_measures(out, plan, totals, sum(counted))


class _TypologyPlan(NamedTuple):
    """What the annotator reports of one typology."""

    typology: str
    pairs: list[int]  # the indices into FrameCues.pairs of its frames, in reporting order
    share_names: list[str]  # frame_share:<typology>:<frame>
    dominant_names: list[str]  # frame_dominant:<typology>:<frame>
    cued_name: str  # frame_cued_share:<typology>
    wide_name: str  # dominant_<typology>_frame
    column: str  # the sentence column <typology>_frame


class _Plan(NamedTuple):
    """What the annotator reports, for one cue lexicon and choice of typologies."""

    cues: FrameCues
    typologies: tuple[str, ...]
    per_typology: list[_TypologyPlan]
    reported: list[bool]  # per pair index (-1: exclusions): whether its cues make spans


class _FrameTotals(NamedTuple):
    """Counts over a document's counted sentences, per pair index and per typology."""

    n_with: list[int]  # sentences that cue the frame
    n_cues: list[int]  # cues of the frame
    n_any: dict[str, int]  # sentences that cue any frame of the typology


@lru_cache(maxsize=16)
def _plan_for(cues: FrameCues, typologies: tuple[str, ...]) -> _Plan:
    pairs = cues.pairs
    per_typology = []
    for t in typologies:
        fids = [k for k, (tt, _) in enumerate(pairs) if tt == t]
        per_typology.append(
            _TypologyPlan(
                t,
                fids,
                [f"frame_share:{t}:{pairs[k][1]}" for k in fids],
                [f"frame_dominant:{t}:{pairs[k][1]}" for k in fids],
                f"frame_cued_share:{t}",
                f"dominant_{t}_frame",
                f"{t}_frame",
            )
        )
    reported = [t in typologies for t, _ in pairs] + [False]  # index -1: exclusions
    return _Plan(cues, typologies, per_typology, reported)


def _write_spans(doc: Document, out: DocResult, plan: _Plan) -> Counter:
    """Write a span per cue and reported frame, and the sentence column ``frame_cues``;
    returns the number of cues per ``(sentence, pair index)``."""
    reported = plan.reported
    col_n = out.sentence_column("frame_cues", len(doc.sentences), 0)
    tok_start, tok_end = doc.tok_start, doc.tok_end
    text, doc_id = out._text, out.doc_id
    add_row = out.span_rows(SPAN_KEYS).append
    fired: list[tuple[int, int]] = []  # (sentence, pair index) of every span
    for first, last, s, rows in plan.cues.cues(doc):
        a, b = tok_start[first], tok_end[last - 1]
        span_text = text[a:b]
        n_before = len(fired)
        for r in rows:
            if reported[r.pair]:  # (not a typology left out, not an exclusion)
                add_row((doc_id, s, a, b, span_text, "frame", r.frame, r.rule, r.typology, r.pattern))
                fired.append((s, r.pair))
        if len(fired) > n_before:
            col_n[s] += 1
    return Counter(fired)


def _sentence_frames(out: DocResult, plan: _Plan, n_cues: Counter, counted: list[bool]) -> _FrameTotals:
    """Write the sentence columns ``<typology>_frame`` (the frame with the most cues, ties
    in reporting order) and count, over the counted sentences, what each frame cues."""
    pairs = plan.cues.pairs
    by_sent: dict[tuple[int, str], list[tuple[int, int]]] = {}  # (sentence, typology) -> (-cues, pair)
    for (s, fid), n in n_cues.items():
        by_sent.setdefault((s, pairs[fid][0]), []).append((-n, fid))
    totals = _FrameTotals([0] * len(pairs), [0] * len(pairs), {})
    cols = {p.typology: out.sentence_column(p.column, len(counted), "") for p in plan.per_typology}
    for (s, t), items in by_sent.items():
        cols[t][s] = pairs[min(items)[1]][1]
        if counted[s]:
            totals.n_any[t] = totals.n_any.get(t, 0) + 1
            for neg, fid in items:
                totals.n_with[fid] += 1
                totals.n_cues[fid] -= neg
    return totals


def _document_measures(out: DocResult, plan: _Plan, totals: _FrameTotals, n_counted: int) -> None:
    """The document measures: the share of counted sentences cueing each frame, the
    dominant frames, the share cueing any frame of each typology."""
    pairs = plan.cues.pairs
    nan = math.nan
    long_measures = out.long_measures
    for p in plan.per_typology:
        counts = [(totals.n_with[k], totals.n_cues[k]) for k in p.pairs]
        top = max(counts)
        dominant = [k for k, c in zip(p.pairs, counts) if top[0] > 0 and c == top]
        # the rows of the shares, then of the dominant flags
        if n_counted:
            long_measures += zip(p.share_names, [totals.n_with[k] / n_counted for k in p.pairs])
            long_measures += zip(p.dominant_names, [float(k in dominant) for k in p.pairs])
        else:
            long_measures += zip(p.share_names, [nan] * len(p.pairs))
            long_measures += zip(p.dominant_names, [nan] * len(p.pairs))
        long_measures.append((p.cued_name, totals.n_any.get(p.typology, 0) / n_counted if n_counted else nan))
        out.measures[p.wide_name] = "|".join(pairs[k][1] for k in dominant)


#: the columns of a frame span row, in order (DocResult.add_span's, then typology and pattern)
SPAN_KEYS = (*SPAN_COLUMNS, "typology", "pattern")


@lru_cache(maxsize=8)
def _user_cues(path: str, stamp: int) -> FrameCues:
    return FrameCues.from_csv(path)
