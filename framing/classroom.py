"""Classroom helpers: compare the words a student marks with the tool's evidence.

A media-literacy exercise asks students to mark the loaded words in a passage and then
compare their marks with the spans ``framing`` found. Scores are counted **by phrase**
(``unit="phrase"``, the default), so a student who marks *attack* agrees with the tool's
*attack on* instead of disagreeing on *on*:

- a student **phrase** is a run of consecutive marked words; a tool phrase is a span of the
  chosen layers (the words it overlaps);
- phrases that share a word, the student's and the tool's alike, join into one **unit**;
  every word outside all phrases is a unit of its own (marked by neither);
- each unit is marked or not by the student, and marked or not by the tool.

With ``unit="word"`` every word of the passage is a unit instead (punctuation is not a
unit). Over the units:

- **precision**: of the units the student marked, the share the tool also marked;
- **recall**: of the units the tool marked, the share the student also marked;
- **F1**: their harmonic mean;
- **Krippendorff's alpha** (nominal) between the two "coders", student and tool, over
  every unit of the passage, computed with ``nltk.metrics.agreement.AnnotationTask``
  (Krippendorff 2004, *Content Analysis*, ch. 11). 1 is perfect agreement, 0 is what
  chance alone would give, below 0 is systematic disagreement. Alpha counts agreement on
  unmarked words too, so it rewards students for *not* marking neutral words.

The same scores are computed inside the self-contained exercise page (:func:`exercise`,
``framing/templates/exercise.js``); a browser test checks that the two agree.

The tool is not the answer key: it is a second reader with a documented word list. Where
the two disagree is where the discussion starts.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .errors import AnalysisError
from .text.segment import tokenize_span
from .viz.lesson import LessonPassage, student_page, teacher_page

__all__ = [
    "Passage",
    "passage",
    "MarkComparison",
    "compare_marks",
    "worksheet",
    "phrase_units",
    "alpha_binary",
    "DISCUSSION_QUESTIONS",
    "lesson_passage",
    "exercise",
    "ExerciseFiles",
    "plainer_alternative",
    "compare_sources",
    "SourceComparison",
    "source_kind",
    "marks_record",
    "read_marks",
    "class_agreement",
    "ClassAgreement",
    "example_class",
    "headlines",
    "discussion_questions",
]


@dataclass(frozen=True)
class Passage:
    """A stretch of one document, ``text == document_text[start:end]``."""

    doc_id: str
    start: int
    end: int
    text: str

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        paras = [p for p in self.text.split("\n") if p.strip()]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        return f'<div style="max-width:42em;font-size:1.1em;line-height:1.6">{body}</div>'


def passage(result, doc_id: str, *, first_sentence: int | None = None, n_sentences: int = 5) -> Passage:
    """Sentences ``first_sentence .. first_sentence + n_sentences - 1`` of ``doc_id`` as a :class:`Passage`.

    ``first_sentence`` is a ``sent_index`` of ``result.sentences``; by default the first
    body sentence, so that passages of different articles all start after the headline,
    byline and dateline.
    """
    sents = result.sentences[result.sentences["doc_id"] == doc_id]
    if sents.empty:
        raise AnalysisError(f"no sentences for doc_id {doc_id!r}; known ids: {', '.join(result.doc_ids)[:300]}")
    if first_sentence is None:
        body = sents[sents["kind"] == "body"]
        first_sentence = int((body if len(body) else sents)["sent_index"].min())
    if n_sentences < 1 or not 0 <= first_sentence < len(sents):
        raise AnalysisError(
            f"{doc_id!r} has sentences 0..{len(sents) - 1}; got first_sentence={first_sentence}, "
            f"n_sentences={n_sentences}. Choose a first sentence in that range and n_sentences >= 1"
        )
    chosen = sents[(sents["sent_index"] >= first_sentence) & (sents["sent_index"] < first_sentence + n_sentences)]
    start, end = int(chosen["start"].min()), int(chosen["end"].max())
    return Passage(doc_id, start, end, result.text(doc_id)[start:end])


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e in tokenize_span(text, start, end) if _is_word(text[s:e])]


class Phrase(NamedTuple):
    """A run of words ``first .. last`` (inclusive word indices) of a passage."""

    first: int
    last: int


def _runs(flags: Sequence[bool]) -> list[Phrase]:
    """The maximal runs of consecutive ``True`` flags, as phrases."""
    runs, first = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and first is None:
            first = i
        elif not flag and first is not None:
            runs.append(Phrase(first, i - 1))
            first = None
    return runs


def phrase_units(n_words: int, phrases: dict[str, Sequence[Phrase]]) -> list[tuple[Phrase, frozenset[str]]]:
    """The units of a passage of ``n_words`` words, given each coder's ``phrases``.

    Phrases that share a word (of any coder) join into one unit; every word outside all
    phrases is a unit of its own. Returns ``(phrase, coders that marked it)`` in text order.
    The page's ``units()`` in ``templates/exercise.js`` is the same algorithm.
    """
    marked = sorted((p.first, p.last, coder) for coder, ps in phrases.items() for p in ps)
    merged: list[list] = []  # [first, last, coders]
    for first, last, coder in marked:
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
            merged[-1][2].add(coder)
        else:
            merged.append([first, last, {coder}])
    units, word = [], 0
    for first, last, coders in [*merged, [n_words, n_words, set()]]:
        units += [(Phrase(i, i), frozenset()) for i in range(word, min(first, n_words))]
        if first < n_words:
            units.append((Phrase(first, last), frozenset(coders)))
        word = last + 1
    return units


def alpha_binary(codes: dict[str, Sequence[bool]]) -> float:
    """Krippendorff's alpha (nominal) of coders who marked units (True) or not (False).

    ``codes`` maps each coder to one flag per unit. NaN when no unit or every unit is marked
    by everyone (alpha is undefined without variation). Computed with nltk's AnnotationTask.
    """
    from nltk.metrics.agreement import AnnotationTask

    values = {bool(v) for flags in codes.values() for v in flags}
    if len(values) < 2 or len(codes) < 2:
        return math.nan
    data = [(coder, i, int(v)) for coder, flags in codes.items() for i, v in enumerate(flags)]
    return float(AnnotationTask(data=data).alpha())


UNITS = ("phrase", "word")


class _StudentAndTool:
    """Counts and scores of units marked by a student and by the tool (boolean columns
    ``student`` and ``tool`` of :attr:`units`): precision is against the student's marks,
    recall against the tool's. Subclasses say which rows are the units."""

    @property
    def n_student(self) -> int:
        return int(self.units["student"].sum())

    @property
    def n_tool(self) -> int:
        return int(self.units["tool"].sum())

    @property
    def n_both(self) -> int:
        return int((self.units["student"] & self.units["tool"]).sum())

    @property
    def precision(self) -> float:
        return self.n_both / self.n_student if self.n_student else math.nan

    @property
    def recall(self) -> float:
        return self.n_both / self.n_tool if self.n_tool else math.nan


@dataclass
class MarkComparison(_StudentAndTool):
    """Student marks vs tool spans over one passage (see the module docstring).

    ``words`` has one row per word of the passage: ``start``, ``end``, ``word``,
    ``student`` and ``tool`` (booleans), ``category`` (the tool's category, if any),
    ``tool_phrase`` (the text of the tool's span the word is part of, e.g. ``attack on``
    for the word ``on``) and ``agreement`` (``both``, ``student only``, ``tool only`` or
    ``neither``).
    ``phrases`` has one row per unit (see the module docstring): ``start``, ``end``,
    ``phrase``, ``student``, ``tool``, ``category``, ``tool_phrase`` and ``agreement``.
    ``unit`` (``phrase`` or ``word``) says which of the two the scores count.
    ``not_found`` lists marked words that do not occur in the passage (check the spelling).
    """

    passage: Passage
    words: pd.DataFrame
    not_found: list[str] = field(default_factory=list)
    phrases: pd.DataFrame | None = None
    unit: str = "phrase"

    @property
    def units(self) -> pd.DataFrame:
        """The rows the scores count: :attr:`phrases` or :attr:`words`."""
        return self.words if self.unit == "word" or self.phrases is None else self.phrases

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else math.nan

    @property
    def alpha(self) -> float:
        """Krippendorff's alpha (nominal) between student and tool over the units; NaN when no unit is
        marked by anyone or every unit is marked (alpha is undefined without variation)."""
        return alpha_binary({"student": self.units["student"].tolist(), "tool": self.units["tool"].tolist()})

    def scores(self) -> pd.DataFrame:
        """The agreement scores with a one-line reading of each, for a class."""
        unit = "phrases" if self.units is self.phrases else "words"
        how = (
            "a phrase you and the tool both touch counts once; every other word counts as one unit"
            if unit == "phrases"
            else "every word counts as one unit"
        )
        rows = [
            (f"{unit} in the passage", len(self.units), how),
            ("marked by you", self.n_student, ""),
            ("marked by the tool", self.n_tool, ""),
            ("marked by both", self.n_both, ""),
            ("precision", self.precision, f"of the {unit} you marked, the share the tool marked too"),
            ("recall", self.recall, f"of the {unit} the tool marked, the share you found"),
            ("F1", self.f1, "one number that balances precision and recall"),
            ("Krippendorff's alpha", self.alpha, "1 = full agreement, 0 = no better than chance"),
        ]
        frame = pd.DataFrame(rows, columns=["score", "value", "what it means"])
        frame["value"] = pd.Series([v for _, v, _ in rows], dtype=object)  # counts stay whole numbers
        return frame

    def disagreements(self) -> pd.DataFrame:
        """The words (or phrases) only one of the two marked: the ones worth discussing.

        ``tool_phrase`` shows the whole phrase the tool matched, so a small word such as
        *on* reads as part of *attack on*.
        """
        u = self.units
        text = "word" if u is self.words else "phrase"
        return u[u["agreement"].isin(["student only", "tool only"])][[text, "agreement", "category", "tool_phrase"]]

    def _repr_html_(self) -> str:
        table = self.scores()
        table["value"] = [_format_score(v) for v in table["value"]]
        return table.to_html(index=False)


def _format_score(value) -> str:
    """A count as a whole number, a score with two decimals, an undefined score as ``n/a``."""
    if isinstance(value, int):
        return str(value)
    return "n/a" if value is None or math.isnan(value) else f"{value:.2f}"


def _phrase_tokens(phrase: str) -> list[str]:
    return [phrase[s:e].lower() for s, e in tokenize_span(phrase) if _is_word(phrase[s:e])]


def _student_flags(marked, words: list[tuple[int, int]], lower: list[str]) -> tuple[list[bool], list[str]]:
    """Which words the student marked: a phrase marks every whole-word occurrence, a ``(start, end)``
    pair of document offsets marks the words it overlaps. Also returns the phrases not found."""
    student = [False] * len(words)
    not_found = []
    for mark in marked:
        if isinstance(mark, str):
            toks = _phrase_tokens(mark)
            hits = [i for i in range(len(lower) - len(toks) + 1) if toks and lower[i : i + len(toks)] == toks]
            for i in hits:
                student[i : i + len(toks)] = [True] * len(toks)
        else:
            start, end = (int(v) for v in mark)
            hits = [i for i, (ws, we) in enumerate(words) if ws < end and start < we]
            for i in hits:
                student[i] = True
        if not hits and (not isinstance(mark, str) or _phrase_tokens(mark)):
            not_found.append(str(mark))
    return student, not_found


def _tool_phrases(result, where: Passage, words, layers) -> list[tuple[Phrase, str, str]]:
    """The spans of ``layers`` in the passage as ``(phrase, category, span text)``, in text order."""
    spans = result.spans
    spans = spans[(spans["doc_id"] == where.doc_id) & spans["layer"].isin(list(layers))]
    spans = spans[(spans["end"] > where.start) & (spans["start"] < where.end)].sort_values(["start", "end"])
    found = []
    for s_start, s_end, cat, s_text in zip(spans["start"], spans["end"], spans["category"], spans["text"]):
        hit = [i for i, (ws, we) in enumerate(words) if ws < s_end and s_start < we]
        if hit:
            found.append((Phrase(hit[0], hit[-1]), str(cat), str(s_text)))
    return found


def _agreement(student: bool, tool: bool) -> str:
    return "both" if student and tool else "student only" if student else "tool only" if tool else "neither"


def compare_marks(
    result, where: Passage, marked: Iterable, *, layers: Sequence[str] = ("loaded",), unit: str = "phrase"
) -> MarkComparison:
    """Compare the words or phrases a student ``marked`` in passage ``where`` with the tool's spans.

    ``marked`` is a list of words or phrases as the student typed them, each of which marks
    every whole-word, case-insensitive occurrence in the passage; or ``(start, end)`` pairs of
    document offsets (as the exercise page saves them), each of which marks the words it
    overlaps. A word counts as marked by the tool when it overlaps a span of ``layers``
    (default: the loaded-language layer). ``unit`` (``phrase`` or ``word``) chooses what the
    scores count (see the module docstring).
    """
    if isinstance(marked, str):
        raise AnalysisError("marked must be a list of words, e.g. ['assault', 'relentless'], not one string")
    if unit not in UNITS:
        raise AnalysisError(f"unit must be one of {', '.join(UNITS)}; got {unit!r}")
    text = result.text(where.doc_id)
    words = _words(text, where.start, where.end)
    lower = [text[s:e].lower() for s, e in words]
    student, not_found = _student_flags(marked, words, lower)
    tool_phrases = _tool_phrases(result, where, words, layers)
    tool = [False] * len(words)
    category = [""] * len(words)
    phrase = [""] * len(words)
    for (first, last), cat, s_text in tool_phrases:
        for i in range(first, last + 1):
            tool[i] = True
            category[i] = category[i] or cat
            phrase[i] = phrase[i] or s_text
    frame = pd.DataFrame(
        {
            "start": [s for s, _ in words],
            "end": [e for _, e in words],
            "word": [text[s:e] for s, e in words],
            "student": student,
            "tool": tool,
            "category": category,
            "tool_phrase": phrase,
            "agreement": [_agreement(s, t) for s, t in zip(student, tool)],
        }
    )
    units = phrase_units(len(words), {"student": _runs(student), "tool": [p for p, _, _ in tool_phrases]})
    rows = []
    for (first, last), coders in units:
        inside = [(cat, s_text) for (f, g), cat, s_text in tool_phrases if f >= first and g <= last]
        start, end = words[first][0], words[last][1]
        rows.append(
            (
                start,
                end,
                text[start:end],
                "student" in coders,
                "tool" in coders,
                ", ".join(dict.fromkeys(c for c, _ in inside)),
                "; ".join(dict.fromkeys(t for _, t in inside)),
            )
        )
    phrases = pd.DataFrame(rows, columns=["start", "end", "phrase", "student", "tool", "category", "tool_phrase"])
    phrases["agreement"] = [_agreement(s, t) for s, t in zip(phrases["student"], phrases["tool"])]
    return MarkComparison(where, frame, not_found, phrases, unit)


WORKSHEET_QUESTIONS = (
    "Underline every word that tells you how the writer feels about what happened. Which did you find?",
    "Who is quoted or cited in this article? Who is not heard from at all?",
    "Pick one marked word. Rewrite its sentence with a neutral word. What changes for the reader?",
    "Which marked words appear inside quotation marks? Whose words are they: the writer's or a source's?",
)


def worksheet(
    result,
    doc_id: str,
    path,
    *,
    layers: Sequence[str] = ("loaded", "scare_quote", "source", "cue"),
    questions: Sequence[str] = WORKSHEET_QUESTIONS,
    title: str | None = None,
) -> Path:
    """Write a printable worksheet (one self-contained HTML file) for ``doc_id`` to ``path``.

    Page 1: the article without marks, with name and date lines, for students to mark on
    paper; page 2: the questions; page 3: the article highlighted by :func:`framing.highlight`
    (the key to compare with). Returns the path written.
    """
    from .viz.highlighting import highlight

    text = result.text(doc_id)
    docs = result.documents.set_index("doc_id")
    heading = title or str(docs.loc[doc_id].get("title") or doc_id)
    view = highlight(result, doc_id, layers=list(layers))
    plain = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    items = "".join(f"<li>{html.escape(q)}<div class='lines'></div></li>" for q in questions)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Worksheet: {html.escape(heading)}</title>
<style>
body {{ font-family: Georgia, serif; font-size: 12pt; line-height: 1.6; max-width: 42em; margin: 2em auto; color: #000; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 13pt; margin-top: 2em; }}
.name {{ margin: 1em 0 2em; }} .name span {{ display: inline-block; min-width: 14em; border-bottom: 1px solid #000; }}
.lines {{ height: 5em; border-bottom: 1px dotted #555; margin-bottom: 1em; }}
.page {{ page-break-after: always; break-after: page; }}
@media print {{ body {{ margin: 0; max-width: none; }} a {{ color: #000; text-decoration: none; }} }}
</style></head><body>
<section class="page"><h1>{html.escape(heading)}</h1>
<p class="name">Name: <span></span> Date: <span></span></p>
<p><em>Read the article. Underline the words you think are loaded: words chosen to make you feel
something about the people or events, not only to inform you.</em></p>
{plain}</section>
<section class="page"><h2>Questions</h2><ol>{items}</ol></section>
<section><h2>What the tool marked</h2>
<p><em>Compare with your own marks. The tool is a second reader with a word list, not the answer key.</em></p>
{view._repr_html_()}</section>
</body></html>
"""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


# ---------------------------------------------------------------------------
# The self-contained exercise page (no Python needed in class)

#: the discussion questions of the lesson, the same in the exercise page and in notebook 07
DISCUSSION_QUESTIONS = (
    "Both articles describe the same events. Find one fact that both report. How does each describe it?",
    "Pick a word the tool marked in one article. Which word does the other article use for the same thing? "
    "What picture does each word put in your head?",
    "Which sources does each article rely on? What does it change that some sources have no name?",
    "Did the tool miss a word you marked? Did it mark a word you think is neutral? "
    "What does that tell you about counting words?",
    "Is an article with many loaded words always wrong, or biased? When can strong words be the accurate ones?",
)

#: what each loaded-language category means, in words for students (categories of ``lexicons/loaded.csv``)
CATEGORY_MEANING = {
    "emotive": "a word that names or stirs a feeling",
    "pejorative_label": "a label that insults or belittles",
    "dehumanizing": "a word that treats people as things, animals or a natural disaster",
    "militarized": "war or police-force vocabulary for a civil matter",
    "hyperbole": "an exaggeration of size, speed or certainty",
    "moral": "a verdict of right or wrong given as fact",
    "metaphor": "a picture word that frames the event",
}

_ALTERNATIVE = (
    re.compile(r"(?:^|;\s*)([\w' -]+?) is the (?:plainer|neutral|standard) (?:term|word)"),
    re.compile(r"(?:plainer|neutral) (?:term|word|alternative)s?:\s*([\w' ,-]+)"),
    re.compile(r"instead of ([\w' -]+?)(?:$|[;.(])"),
)


def plainer_alternative(note: str) -> str:
    """The plainer word a lexicon note names (``militants is the plainer term``), or ``""``."""
    for pattern in _ALTERNATIVE:
        found = pattern.search(note or "")
        if found:
            return found.group(1).strip()
    return ""


def _sentence_windows(result, doc_id: str, n_sentences: int) -> list[Passage]:
    sents = result.sentences[(result.sentences["doc_id"] == doc_id) & (result.sentences["kind"] == "body")]
    firsts = sents["sent_index"].tolist()
    return [
        passage(result, doc_id, first_sentence=int(i), n_sentences=n_sentences)
        for i in firsts[: max(1, len(firsts) - n_sentences + 1)]
    ]


def lesson_passage(result, doc_id: str, *, n_sentences: int = 6) -> Passage:
    """The ``n_sentences`` consecutive body sentences of ``doc_id`` with the most to discuss.

    A window scores one point per loaded-language span and two per source the attribution
    layer found in it (six for an anonymous source, so that Task 2 has one where it can);
    the earliest of the best windows wins.
    """
    if result.sentences[result.sentences["doc_id"] == doc_id].empty:
        raise AnalysisError(f"no sentences for doc_id {doc_id!r}; known ids: {', '.join(result.doc_ids)[:300]}")
    spans = result.spans[(result.spans["doc_id"] == doc_id) & (result.spans["layer"] == "loaded")]
    attrs = result.attributions[result.attributions["doc_id"] == doc_id]

    def score(p: Passage) -> int:
        loaded = int(((spans["start"] >= p.start) & (spans["end"] <= p.end)).sum())
        inside = attrs[(attrs["source_start"] >= p.start) & (attrs["source_end"] <= p.end)]
        inside = inside.drop_duplicates(["source_start", "source_end"])
        return loaded + 2 * len(inside) + 4 * int((inside["source_type"] == "anonymous").sum())

    windows = _sentence_windows(result, doc_id, n_sentences) or [passage(result, doc_id, n_sentences=n_sentences)]
    return max(windows, key=score)  # max keeps the first of equal scores


class ExerciseFiles(NamedTuple):
    """The two files :func:`exercise` writes: the student page and the teacher view."""

    student: Path
    teacher: Path


def _loaded_key(result, where: Passage, words) -> list[dict]:
    from .lexicon import load_lexicon

    entries = load_lexicon("loaded-language").to_frame()
    notes = dict(zip(entries["line"], entries["note"]))
    spans = result.spans
    spans = spans[(spans["doc_id"] == where.doc_id) & (spans["layer"] == "loaded")]
    spans = spans[(spans["end"] > where.start) & (spans["start"] < where.end)].sort_values(["start", "end"])
    key = []
    for row in spans.itertuples(index=False):
        hit = [i for i, (ws, we) in enumerate(words) if ws < row.end and row.start < we]
        if not hit:
            continue
        rule = str(row.rule or "")
        line = int(rule.rsplit(":", 1)[1]) if rule.rsplit(":", 1)[-1].isdigit() else None
        note = str(notes.get(line, "") or "")
        key.append(
            {
                "first": hit[0],
                "last": hit[-1],
                "text": str(row.text),
                "category": str(row.category),
                "meaning": CATEGORY_MEANING.get(str(row.category), str(row.category).replace("_", " ")),
                "note": note.rstrip(".") or "entry of the loaded-language word list",
                "alternative": plainer_alternative(note),
                "voice": str(row.voice or ""),
            }
        )
    return key


def source_kind(source_type: str) -> str:
    """``anonymous`` for the attribution layer's anonymous sources, ``named`` for every other source."""
    return "anonymous" if source_type == "anonymous" else "named"


def _sources_key(result, where: Passage, words) -> list[dict]:
    attrs = result.attributions
    attrs = attrs[
        (attrs["doc_id"] == where.doc_id) & (attrs["source_start"] >= where.start) & (attrs["source_end"] <= where.end)
    ]
    attrs = attrs.sort_values(["source_start", "source_end"]).drop_duplicates(["source_start", "source_end"])
    key = []
    for row in attrs.itertuples(index=False):
        hit = [i for i, (ws, we) in enumerate(words) if ws < row.source_end and row.source_start < we]
        if hit:
            key.append(
                {
                    "first": hit[0],
                    "last": hit[-1],
                    "text": str(row.source_text),
                    "type": source_kind(str(row.source_type)),
                    "source_type": str(row.source_type),
                    "cue": str(row.cue_text),
                    "start": int(row.source_start),
                    "end": int(row.source_end),
                }
            )
    return key


def _passage_data(result, passages: Sequence[Passage]) -> list[LessonPassage]:
    out = []
    for k, where in enumerate(passages):
        text = result.text(where.doc_id)
        words = _words(text, where.start, where.end)
        label = f"Article {chr(ord('A') + k)}"
        out.append(
            LessonPassage(
                f"p{k + 1}", label, where, words, _loaded_key(result, where, words), _sources_key(result, where, words)
            )
        )
    return out


def _lesson_id(data: Sequence[LessonPassage]) -> str:
    import hashlib

    ident = "|".join(f"{d.where.doc_id}:{d.where.start}:{d.where.end}:{d.where.text}" for d in data)
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]


def exercise(
    result,
    path,
    *,
    doc_ids: Sequence[str] | None = None,
    passages: Sequence[Passage] | None = None,
    n_sentences: int = 6,
    title: str = "Same event, different words",
) -> ExerciseFiles:
    """Write the classroom exercise as one self-contained HTML page, plus its teacher view.

    The student page (``path``) works in any browser with no network, no server and no other
    file: Task 1 (which words are loaded? marked by click, tap or keyboard; Check shows the
    tool's marks with category, note and plainer word, and precision, recall and alpha by
    phrase, as :func:`compare_marks` computes them), Task 2 (who speaks, named or anonymous,
    against the attribution layer), the :data:`DISCUSSION_QUESTIONS` and a button that saves
    the student's marks as JSON (see :func:`class_agreement`). Printed, it is a one-page
    worksheet of the passages.

    The tool's marks are in the student page only encoded (base64 of XOR-scrambled JSON),
    so view-source and find-in-page do not show them before Check; a student with the
    browser's developer tools can still decode them. The readable answer key is in the
    teacher view, written beside ``path`` as ``<stem>-teacher.html``: a worksheet page, a
    one-page key in black and white, then timing, notes and the questions.

    ``doc_ids``: one or two articles of ``result`` (default: its first two). ``passages``:
    the passages to use, one per article (default: :func:`lesson_passage` of each).
    """
    ids = (
        list(doc_ids) if doc_ids is not None else [p.doc_id for p in passages] if passages else list(result.doc_ids[:2])
    )
    if not 1 <= len(ids) <= 2:
        raise AnalysisError(
            f"exercise takes one or two articles; got {len(ids)} ({', '.join(map(str, ids))[:200]}). "
            "Pass doc_ids=[first, second]"
        )
    if passages is None:
        passages = [lesson_passage(result, doc_id, n_sentences=n_sentences) for doc_id in ids]
    data = _passage_data(result, passages)
    out = Path(path)
    teacher = out.with_name(f"{out.stem}-teacher{out.suffix or '.html'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        student_page(
            result,
            data,
            title=title,
            lesson=_lesson_id(data),
            teacher_name=teacher.name,
            questions=DISCUSSION_QUESTIONS,
        ),
        encoding="utf-8",
    )
    teacher.write_text(
        teacher_page(result, data, title=title, student_name=out.name, questions=DISCUSSION_QUESTIONS), encoding="utf-8"
    )
    return ExerciseFiles(out, teacher)


@dataclass
class SourceComparison(_StudentAndTool):
    """Task 2: the sources a student marked vs the sources of the attribution layer, by phrase.

    ``sources`` has one row per unit that anyone marked: ``phrase``, ``student`` and ``tool``
    (booleans), ``student_type`` and ``tool_type`` (``named`` or ``anonymous``; ``""`` when
    not marked or not said), ``source_type`` (the attribution layer's type) and ``agreement``.
    """

    passage: Passage
    sources: pd.DataFrame

    @property
    def units(self) -> pd.DataFrame:
        """The rows the scores count: one per source unit anyone marked."""
        return self.sources

    @property
    def n_same_type(self) -> int:
        """Sources both marked where the student's named/anonymous equals the tool's."""
        s = self.sources
        return int((s["student"] & s["tool"] & (s["student_type"] == s["tool_type"])).sum())


def compare_sources(result, where: Passage, marked: Iterable) -> SourceComparison:
    """Compare the sources a student ``marked`` in passage ``where`` with the attribution layer.

    ``marked`` holds ``(start, end, kind)`` triples: document offsets of the words naming a
    source and ``named`` or ``anonymous`` (``""`` if the student did not say). A source of
    the attribution layer is anonymous when its ``source_type`` is ``anonymous``, named
    otherwise (:func:`source_kind`). Marks and sources that share a word are one unit, as in
    :func:`compare_marks`; the student's kind is the one of their first phrase in the unit.
    """
    text = result.text(where.doc_id)
    words = _words(text, where.start, where.end)
    tool = _sources_key(result, where, words)
    student = []
    for mark in marked:
        start, end, kind = mark
        hit = [i for i, (ws, we) in enumerate(words) if ws < int(end) and int(start) < we]
        if hit:
            student.append((Phrase(hit[0], hit[-1]), str(kind or "")))
    flags = [False] * len(words)
    for (first, last), _ in student:
        flags[first : last + 1] = [True] * (last - first + 1)
    runs = _runs(flags)
    kinds = {}
    for run in runs:  # the kind said for a run: that of the first mark inside it
        kinds[run] = next((k for p, k in sorted(student) if run.first <= p.first <= run.last), "")
    units = phrase_units(len(words), {"student": runs, "tool": [Phrase(s["first"], s["last"]) for s in tool]})
    rows = []
    for (first, last), coders in units:
        if not coders:
            continue
        mine = [kinds[r] for r in runs if first <= r.first <= last]
        theirs = [s for s in tool if first <= s["first"] <= last]
        start, end = words[first][0], words[last][1]
        rows.append(
            (
                text[start:end],
                "student" in coders,
                "tool" in coders,
                mine[0] if mine else "",
                theirs[0]["type"] if theirs else "",
                theirs[0]["source_type"] if theirs else "",
            )
        )
    frame = pd.DataFrame(rows, columns=["phrase", "student", "tool", "student_type", "tool_type", "source_type"])
    frame["agreement"] = [_agreement(s, t) for s, t in zip(frame["student"], frame["tool"])]
    return SourceComparison(where, frame)


# ---------------------------------------------------------------------------
# Collecting the class's work: the JSON files the page saves

MARKS_FORMAT = "framing-exercise-marks"


def marks_record(
    student: str,
    passages: Sequence[Passage],
    loaded: Sequence[Sequence],
    sources: Sequence[Sequence],
    *,
    lesson: str = "",
) -> dict:
    """One student's marks in the format the exercise page saves (``Save my marks``).

    ``loaded[k]`` holds ``(start, end)`` document offsets of the phrases marked in
    ``passages[k]``; ``sources[k]`` holds ``(start, end, kind)`` triples.
    """
    out = []
    for k, where in enumerate(passages):
        text_of = where.text

        def cut(s, e, text_of=text_of, start=where.start):
            return text_of[s - start : e - start]

        out.append(
            {
                "id": f"p{k + 1}",
                "doc_id": where.doc_id,
                "start": where.start,
                "end": where.end,
                "loaded": [{"start": int(s), "end": int(e), "text": cut(s, e)} for s, e in loaded[k]],
                "sources": [{"start": int(s), "end": int(e), "text": cut(s, e), "type": t} for s, e, t in sources[k]],
            }
        )
    return {"format": MARKS_FORMAT, "version": 1, "lesson": lesson, "student": student, "passages": out}


def read_marks(folder) -> list[tuple[Path, dict]]:
    """The marks files (``*.json``) in ``folder``, checked, as ``(path, record)`` in name order."""
    import json

    folder = Path(folder)
    if not folder.is_dir():
        raise AnalysisError(f"{folder} is not a folder; pass the folder that holds the students' marks-*.json files")
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise AnalysisError(f"{path}: not a JSON file ({exc}); remove it or save the marks again") from exc
        if (
            not isinstance(record, dict)
            or record.get("format") != MARKS_FORMAT
            or not isinstance(record.get("passages"), list)
        ):
            raise AnalysisError(
                f"{path}: not a marks file of the exercise page (format {MARKS_FORMAT!r} expected); "
                "remove it from the folder"
            )
        found.append((path, record))
    if not found:
        raise AnalysisError(f"no marks files (*.json) in {folder}; students save them with 'Save my marks'")
    return found


def _record_passage(result, path: Path, p: dict) -> Passage:
    doc_id = str(p.get("doc_id"))
    if doc_id not in set(result.doc_ids):
        raise AnalysisError(
            f"{path}: article {doc_id!r} is not in the analysis (known: {', '.join(result.doc_ids)[:200]}); "
            "analyse the articles the lesson was made from"
        )
    start, end = int(p["start"]), int(p["end"])
    return Passage(doc_id, start, end, result.text(doc_id)[start:end])


@dataclass
class ClassAgreement:
    """A class's marks vs the tool and vs each other (see :func:`class_agreement`).

    ``students``: one row per student and passage: ``student``, ``file``, ``passage``,
    ``doc_id``, ``n_marked``, ``precision``, ``recall`` and ``alpha`` (Task 1 against the
    tool, by phrase), ``sources_precision``, ``sources_recall`` and ``sources_same_type``
    (Task 2).
    ``passages``: one row per passage: ``n_students``, ``alpha_students`` (Krippendorff's
    alpha among the students, by phrase) and ``alpha_students_and_tool`` (the tool as one
    more coder).
    """

    students: pd.DataFrame
    passages: pd.DataFrame

    def _repr_html_(self) -> str:
        return (
            "<h4>Each student against the tool</h4>"
            + self.students.round(2).to_html(index=False)
            + "<h4>The class against each other</h4>"
            + self.passages.round(2).to_html(index=False)
        )


def class_agreement(result, folder, *, layers: Sequence[str] = ("loaded",)) -> ClassAgreement:
    """Read a folder of students' marks files (saved by the exercise page) and score the class.

    Each student's Task 1 marks are compared with the tool by :func:`compare_marks` (the
    same numbers the page showed the student) and Task 2 by :func:`compare_sources`; then
    the students are compared with each other: Krippendorff's alpha over the phrase units
    of all the students' marks of a passage (:func:`phrase_units` with one coder per student).
    """
    rows, coders = [], {}
    for path, record in read_marks(folder):
        student = str(record.get("student") or "").strip() or path.stem
        for p in record["passages"]:
            where = _record_passage(result, path, p)
            loaded = [(m["start"], m["end"]) for m in p.get("loaded", [])]
            cmp = compare_marks(result, where, loaded, layers=layers)
            src = compare_sources(
                result, where, [(m["start"], m["end"], m.get("type", "")) for m in p.get("sources", [])]
            )
            rows.append(
                {
                    "student": student,
                    "file": path.name,
                    "passage": p.get("id", ""),
                    "doc_id": where.doc_id,
                    "n_marked": cmp.n_student,
                    "precision": cmp.precision,
                    "recall": cmp.recall,
                    "alpha": cmp.alpha,
                    "sources_precision": src.precision,
                    "sources_recall": src.recall,
                    "sources_same_type": src.n_same_type,
                }
            )
            coders.setdefault(where, {})[f"{student} ({path.name})"] = _runs(cmp.words["student"].tolist())
    summary = []
    for where, students in coders.items():
        words = _words(result.text(where.doc_id), where.start, where.end)
        tool = [p for p, _, _ in _tool_phrases(result, where, words, layers)]
        summary.append(
            {
                "doc_id": where.doc_id,
                "start": where.start,
                "end": where.end,
                "n_students": len(students),
                "alpha_students": _units_alpha(len(words), students),
                "alpha_students_and_tool": _units_alpha(len(words), {**students, "tool": tool}),
            }
        )
    return ClassAgreement(pd.DataFrame(rows), pd.DataFrame(summary))


def _units_alpha(n_words: int, phrases: dict[str, Sequence[Phrase]]) -> float:
    units = phrase_units(n_words, phrases)
    return alpha_binary({coder: [coder in coders for _, coders in units] for coder in phrases})


def example_class(
    result, folder, *, passages: Sequence[Passage] | None = None, n_students: int = 6, seed: int = 0
) -> list[Path]:
    """Write ``n_students`` made-up marks files into ``folder``, to try :func:`class_agreement`.

    Each made-up student finds each of the tool's phrases with their own probability
    (between 0.3 and 0.9), marks a few other words, finds each source with probability 0.7
    and says named or anonymous right four times in five. ``passages`` default to the
    :func:`lesson_passage` of the first two articles, as :func:`exercise` chooses them.
    """
    import json
    import random

    rng = random.Random(seed)
    if passages is None:
        passages = [lesson_passage(result, doc_id) for doc_id in result.doc_ids[:2]]
    data = _passage_data(result, passages)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(1, n_students + 1):
        skill = rng.uniform(0.3, 0.9)
        loaded, sources = [], []
        for d in data:
            picks = [(d.words[m["first"]][0], d.words[m["last"]][1]) for m in d.loaded if rng.random() < skill]
            picks += [d.words[i] for i in rng.sample(range(len(d.words)), k=min(3, len(d.words)))]
            loaded.append(sorted(set(picks)))
            kinds = {"named": "anonymous", "anonymous": "named"}
            sources.append(
                [
                    (s["start"], s["end"], s["type"] if rng.random() < 0.8 else kinds[s["type"]])
                    for s in d.sources
                    if rng.random() < 0.7
                ]
            )
        record = marks_record(f"Student {n}", [d.where for d in data], loaded, sources, lesson=_lesson_id(data))
        path = folder / f"marks-student-{n}.json"
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


# ---------------------------------------------------------------------------
# Notebook 07 shows what the page shows


@dataclass(frozen=True)
class Listing:
    """A short list (headlines, questions) that shows in full in a notebook, as in the exercise page."""

    items: tuple[tuple[str, str], ...]  # (label, text); label "" for a numbered item
    numbered: bool = False

    def __str__(self) -> str:
        return "\n".join(
            f"{n}. {text}" if self.numbered else f"{label}: {text}"
            for n, (label, text) in enumerate(self.items, start=1)
        )

    def _repr_markdown_(self) -> str:
        return str(self) if self.numbered else "\n".join(f"- **{label}** {text}" for label, text in self.items)

    def _repr_html_(self) -> str:
        if self.numbered:
            return "<ol>" + "".join(f"<li>{html.escape(t)}</li>" for _, t in self.items) + "</ol>"
        return (
            "<ul>"
            + "".join(f"<li><b>{html.escape(label)}</b> {html.escape(t)}</li>" for label, t in self.items)
            + "</ul>"
        )


def headlines(result, labels: dict[str, str]) -> Listing:
    """The full headlines of the documents in ``labels`` (label -> doc_id), e.g. ``{"A": a, "B": b}``."""
    docs = result.documents.set_index("doc_id")
    return Listing(tuple((label, str(docs.loc[doc_id].get("title") or doc_id)) for label, doc_id in labels.items()))


def discussion_questions() -> Listing:
    """:data:`DISCUSSION_QUESTIONS`, numbered, for notebook 07 (the page shows the same)."""
    return Listing(tuple(("", q) for q in DISCUSSION_QUESTIONS), numbered=True)
