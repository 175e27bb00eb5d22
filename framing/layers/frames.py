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
from pathlib import Path
from types import SimpleNamespace

from .base import SPAN_COLUMNS, Annotator, DocResult, Measure, SentenceColumn, SpanLayer, Spans, sentence_share
from ..errors import LexiconError
from ..lexicon import Entry, Lexicon, Matcher, csv_rows, parse_pattern
from ..text.segment import Document

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
    "economic", "capacity_resources", "morality", "fairness_equality", "legality",
    "policy_prescription", "crime_punishment", "security_defense", "health_safety",
    "quality_of_life", "cultural_identity", "public_opinion", "political", "external_regulation",
)
TYPOLOGIES = {"generic": GENERIC_FRAMES, "policy": POLICY_FRAMES}
_EXCLUDE = "exclude"
_BUILTIN_FILE = "frames.csv"
_MEMO_LIMIT = 200_000


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
        groups: dict[str, list[tuple]] = {}  # anchor pattern -> compiled rows
        suffixes: dict[str, list[tuple]] = {}
        n_rows = 0
        for row in rows:
            n_rows += 1
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
                    raise LexiconError(
                        f"{where}: {frame!r} is not a {typology} frame; use one of {', '.join(known)}"
                    )
                frames.setdefault(typology, [])
                if frame not in frames[typology]:
                    frames[typology].append(frame)
            for alt in pattern.split("|"):
                alt = alt.strip()
                if alt.startswith("*"):
                    suffix = alt[1:].lower()
                    if not suffix or "*" in suffix or " " in suffix:
                        raise LexiconError(
                            f"{where}: pattern {pattern!r}: a leading '*' must be followed by one word ending "
                            "(e.g. '*-year-old')"
                        )
                    suffixes.setdefault(suffix, []).append((typology, frame, pattern, line, _case_words(alt), ()))
                    continue
                elements = parse_pattern(alt, where=where)[0]
                k = 0
                while k < len(elements) - 1 and not elements[k][1] and elements[k][0] in _WEAK_FIRST:
                    k += 1
                anchor = " ".join(t + ("*" if w else "") for t, w in elements[k:])
                left = tuple(t for t, _ in elements[:k])
                groups.setdefault(anchor, []).append((typology, frame, pattern, line, _case_words(alt), left))
        self.n_rows = n_rows
        # reporting order: the typology's canonical order, then any other frames in file order
        self.frames = {
            t: [f for f in TYPOLOGIES.get(t, ()) if f in fs] + [f for f in fs if f not in TYPOLOGIES.get(t, ())]
            for t, fs in frames.items()
        }
        self.typologies = [t for t in ("generic", "policy") if t in self.frames] + [
            t for t in self.frames if t not in ("generic", "policy")
        ]
        #: every (typology, frame) pair, in reporting order; a compiled row's last field indexes it
        self.pairs = [(t, f) for t in self.typologies for f in self.frames[t]]
        fid = {pair: k for k, pair in enumerate(self.pairs)}

        def compiled(r: tuple) -> tuple:
            # (typology, frame, pattern, line, case_words, left, rule, pair index or -1)
            return (*r, f"{self.file}:{r[3]}", fid.get((r[0], r[1]), -1))

        entries = [Entry(p, "cue", 1, "", "", items[0][3]) for p, items in groups.items()]
        self.lexicon = Lexicon(entries, name=name, version=version, origin=origin)
        self.matcher = Matcher([self.lexicon], shared=True)
        # rows with the longest left context first, so a longer phrase wins over a shorter one
        self._rows = {p: tuple(compiled(r) for r in sorted(items, key=lambda r: -len(r[5]))) for p, items in groups.items()}
        # anchors whose rows fire without any check (no context, no case, no exclusion)
        self._simple = {
            p: rows for p, rows in self._rows.items()
            if all(not r[5] and r[4] is None and r[0] != _EXCLUDE for r in rows)
        }
        self._suffixes = {s: tuple(compiled(r) for r in items) for s, items in suffixes.items()}
        self._suffix_tuple = tuple(self._suffixes)
        self._hyphen_only = all("-" in x for x in self._suffix_tuple)
        self._memo: dict[str, tuple | None] = {}
        self._active: set[str] = set()

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
        state["_memo"], state["_active"] = {}, set()
        return state

    # -- matching -------------------------------------------------------

    def _resolve(self, rows, first: int, last: int, lo: int, tok_lower, words) -> tuple[int, tuple] | None:
        """The rows that fire for a matcher hit on tokens ``first:last``: left context
        present (not before token ``lo``), exact case for capitalised patterns, no exclusion.
        Returns ``(start token, rows)``; the rows with the longest context win."""
        best_start, keep = None, []
        for r in rows:
            left = r[5]
            start = first - len(left)
            if left and (start < lo or tuple(tok_lower[start:first]) != left):
                continue
            if best_start is not None and start != best_start:
                continue  # a shorter phrase than the one already found
            if r[4] is not None and not _case_ok(r[4], words(start, last)):
                continue
            if r[0] == _EXCLUDE:
                return None
            best_start = start
            keep.append(r)
        return (best_start, tuple(keep)) if keep else None

    def _word_hits(self, form: str) -> tuple | None:
        """Cues inside one token that the phrase matcher cannot see (memoised by form):
        a ``*ending`` pattern on the whole token, else the parts of a hyphenated word."""
        if self._suffix_tuple and form.endswith(self._suffix_tuple):
            best = max((s for s in self._suffixes if form.endswith(s) and len(form) > len(s)), key=len, default=None)
            if best is not None:
                return ((0, 1, self._suffixes[best]),)
        if "-" not in form:
            return None
        parts = form.split("-")
        if not all(parts):
            return None
        fake = SimpleNamespace(tok_lower=parts, tok_sent=[0] * len(parts), sentences=[SimpleNamespace(tok_last=len(parts))])
        found = tuple((hit.first, hit.last, self._rows[hit.entry.pattern]) for hit in self.matcher.match(fake))
        return found or None

    def cues(self, doc: Document) -> list[tuple[int, int, int, tuple]]:
        """Cues in ``doc`` as ``(first_token, last_token_exclusive, sentence, rows)`` in
        document order; ``rows`` are the compiled rows ``(typology, frame, pattern, line,
        case_words, left_context, rule, pair_index)`` the cue fires (exclusions and failed
        checks removed). The first token includes a phrase's left context (*the* bill)."""
        tok_lower = doc.tok_lower
        if not tok_lower:
            return []
        text, tok_start, tok_end, tok_sent, sentences = doc.text, doc.tok_start, doc.tok_end, doc.tok_sent, doc.sentences
        row_table = self._rows

        def words(a: int, b: int) -> list[str]:
            return [text[tok_start[k]:tok_end[k]] for k in range(a, b)]

        out = []
        hits = self.matcher.match(doc)
        simple = self._simple
        prev_end = 0
        for _, first, last, entry in hits:
            pattern = entry.pattern
            rows = simple.get(pattern)
            if rows is not None:  # the common case
                out.append((first, last, tok_sent[first], rows))
                prev_end = last
                continue
            s = tok_sent[first]
            found = self._resolve(row_table[pattern], first, last, max(prev_end, sentences[s].tok_first), tok_lower, words)
            if found is not None:
                out.append((found[0], last, s, found[1]))
                prev_end = last
        # words the phrase matcher cannot see: *endings and parts of hyphenated words
        memo = self._memo
        if self._hyphen_only:  # every such word has a hyphen: find them with one C-speed scan
            forms = {}
            pos = text.find("-")
            while pos != -1:
                i = bisect_right(tok_start, pos) - 1
                if i >= 0 and tok_start[i] < pos < tok_end[i] - 1:
                    forms[i] = tok_lower[i]
                    pos = text.find("-", tok_end[i])
                else:
                    pos = text.find("-", pos + 1)
            extra = []
            for i, form in forms.items():
                info = memo.get(form, False)
                if info is False:
                    if len(memo) > _MEMO_LIMIT:
                        memo.clear()
                    info = memo[form] = self._word_hits(form)
                if info is not None:
                    extra.append(i)
        else:
            unknown = set(tok_lower).difference(memo)
            if unknown:
                if len(memo) > _MEMO_LIMIT:
                    memo.clear()
                    self._active.clear()
                    unknown = set(tok_lower)
                for form in unknown:
                    info = memo[form] = self._word_hits(form)
                    if info is not None:
                        self._active.add(form)
            extra = list(compress(count(), map(self._active.__contains__, tok_lower)))
        if extra:
            # matcher hits (and the cues built on them) are sorted and do not overlap
            starts = [h.first for h in hits]
            ends = [h.last for h in hits]
            extra = [i for i in extra if (k := bisect_right(starts, i) - 1) < 0 or ends[k] <= i]
            for i in extra:
                lower_parts = tok_lower[i].split("-")
                parts = text[tok_start[i]:tok_end[i]].split("-")
                if len(parts) != len(lower_parts):  # pragma: no cover - lower() kept the hyphens
                    parts = lower_parts
                fired: list = []
                for a, b, rows in memo[tok_lower[i]]:
                    found = self._resolve(rows, a, b, 0, lower_parts, lambda x, y: parts[x:y])
                    if found is not None:
                        fired.extend(r for r in found[1] if r not in fired)
                if fired:
                    out.append((i, i + 1, tok_sent[i], tuple(fired)))
            out.sort(key=lambda c: c[0])
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
        SpanLayer("frame", "frame cue: a word that makes a frame salient", "dashed line above",
                  "padding-top: 1px; border-top: 2px dashed var(--fh-line, #777);", in_report=False),
    )
    sentence_columns = (
        SentenceColumn("frame_cues", "frame cues in the sentence, every typology", "int"),
        SentenceColumn("{typology}_frame", "the frame of that typology with the most cues in the sentence", "str"),
    )
    measures = (
        Measure("frame_share:{typology}:{frame}", "share", "share of sentences with a cue of that frame",
                "the frame is more salient", sentence_share(Spans("frame", (("typology", "{typology}"),
                                                                            ("category", "{frame}")), any=True),
                                                            headings="include_headings"), long_only=True),
        Measure("frame_cued_share:{typology}", "share", "share of sentences with a cue of any frame of the typology",
                "more framed sentences", sentence_share(Spans("frame", (("typology", "{typology}"),), any=True),
                                                        headings="include_headings"), long_only=True),
        Measure("frame_dominant:{typology}:{frame}", "share", "1 if the frame has the most cued sentences, else 0",
                "the frame dominates", long_only=True),
        Measure("dominant_{typology}_frame", "label", "the frame(s) with the most cued sentences, joined by |"),
    )
    method = (
        "A sentence cues a frame when it contains a cue word or phrase of that frame: the five generic "
        "news frames of Semetko & Valkenburg (2000) and the dimensions of the Policy Frames Codebook "
        "(Boydstun et al. 2014). frame_share is the share of a document's body sentences that cue the frame."
    )

    def __init__(self, *, typologies: Sequence[str] = ("generic", "policy"), lexicon=None, include_headings: bool = False):
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
            raise LexiconError(f"{path}: no such frame-cue file; pass the path of a CSV with typology, frame, pattern columns") from None
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

    def _plan(self):
        """What the annotator reports, computed once per lexicon and typology choice."""
        cues = self.cue_lexicon()
        typologies = tuple(self._typologies(cues))
        key = (id(cues), typologies)
        plan = _PLANS.get(key)
        if plan is None or plan[0] is not cues:
            pairs = cues.pairs
            want = [t in typologies for t, _ in pairs] + [False]  # index -1: exclusions
            per_typology = []
            for t in typologies:
                fids = [k for k, (tt, _) in enumerate(pairs) if tt == t]
                per_typology.append((
                    t, fids, [f"frame_share:{t}:{pairs[k][1]}" for k in fids],
                    [f"frame_dominant:{t}:{pairs[k][1]}" for k in fids], f"frame_cued_share:{t}",
                    f"dominant_{t}_frame", f"{t}_frame",
                ))
            # the fixed values of the span row of each compiled row of a reported typology
            # (id of the row -> (category, rule, typology, pattern)), the last four of
            # SPAN_KEYS. The plan keeps ``cues``, so the row ids stay valid.
            templates = {
                id(r): ("frame", r[1], r[6], r[0], r[2])
                for group in (*cues._rows.values(), *cues._suffixes.values()) for r in group if want[r[7]]
            }
            plan = _PLANS[key] = (cues, typologies, per_typology, templates)
        return plan

    def annotate(self, doc: Document, out: DocResult) -> None:
        cues, typologies, per_typology, templates = self._plan()
        pairs = cues.pairs
        n_pairs = len(pairs)
        sentences = doc.sentences
        n_sent = len(sentences)
        col_n = out.sentence_column("frame_cues", n_sent, 0)
        tok_start, tok_end = doc.tok_start, doc.tok_end
        text, doc_id = out._text, out.doc_id
        add_row = out.span_rows(SPAN_KEYS).append
        keys = []  # per span: sentence * n_pairs + pair index
        add_key = keys.append
        get_template = templates.get
        for first, last, s, rows in cues.cues(doc):
            a, b = tok_start[first], tok_end[last - 1]
            span_text = text[a:b]
            fired = False
            for r in rows:
                fixed = get_template(id(r))
                if fixed is None:  # a typology not reported (or an exclusion)
                    continue
                add_row((doc_id, s, a, b, span_text, *fixed))
                add_key(s * n_pairs + r[7])
                fired = True
            if fired:
                col_n[s] += 1

        # per sentence and typology: (-cues, pair index) of each frame cued
        by_sent: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for key, n in Counter(keys).items():  # number of cues per sentence and frame
            s, fid = divmod(key, n_pairs)
            by_sent.setdefault((s, pairs[fid][0]), []).append((-n, fid))
        counted = [self.include_headings or sent.kind == "body" for sent in sentences]
        n_counted = sum(counted)
        n_with = [0] * n_pairs
        n_cues = [0] * n_pairs
        n_any: dict[str, int] = {}
        cols = {t: out.sentence_column(col, n_sent, "") for t, *_, col in per_typology}
        for (s, t), items in by_sent.items():
            # sentence column: the frame with the most cues, ties in reporting order
            cols[t][s] = pairs[min(items)[1]][1]
            if counted[s]:
                n_any[t] = n_any.get(t, 0) + 1
                for neg, fid in items:
                    n_with[fid] += 1
                    n_cues[fid] -= neg

        # document measures: share of counted sentences cueing each frame; dominant frames
        nan = math.nan
        add = out.long_measures.append
        long_measures = out.long_measures
        for t, fids, share_names, dom_names, cued_name, wide_name, _ in per_typology:
            counts = [(n_with[k], n_cues[k]) for k in fids]
            top = max(counts)
            dominant = [k for k, c in zip(fids, counts) if top[0] > 0 and c == top]
            # the rows of the shares, then of the dominant flags (one extend each)
            if n_counted:
                long_measures += zip(share_names, [n_with[k] / n_counted for k in fids])
                long_measures += zip(dom_names, [float(k in dominant) for k in fids])
            else:
                long_measures += zip(share_names, [nan] * len(fids))
                long_measures += zip(dom_names, [nan] * len(fids))
            add((cued_name, n_any.get(t, 0) / n_counted if n_counted else nan))
            out.measures[wide_name] = "|".join(pairs[k][1] for k in dominant)


_PLANS: dict[tuple, tuple] = {}

#: the columns of a frame span row, in order (DocResult.add_span's, then typology and pattern)
SPAN_KEYS = (*SPAN_COLUMNS, "typology", "pattern")


@lru_cache(maxsize=8)
def _user_cues(path: str, stamp: int) -> FrameCues:
    return FrameCues.from_csv(path)
