"""Classroom helpers: compare the words a student marks with the tool's evidence.

A media-literacy exercise asks students to mark the loaded words in a passage and then
compare their marks with the spans ``framing`` found. The unit of comparison is the
**word token** of the passage (punctuation is not a unit): each word is marked or not by
the student, and marked or not by the tool (it overlaps a span of the chosen layers).

- **precision**: of the words the student marked, the share the tool also marked;
- **recall**: of the words the tool marked, the share the student also marked;
- **F1**: their harmonic mean;
- **Krippendorff's alpha** (nominal) between the two "coders", student and tool, over
  every word of the passage, computed with ``nltk.metrics.agreement.AnnotationTask``
  (Krippendorff 2004, *Content Analysis*, ch. 11). 1 is perfect agreement, 0 is what
  chance alone would give, below 0 is systematic disagreement. Alpha counts agreement on
  unmarked words too, so it rewards students for *not* marking neutral words.

The tool is not the answer key: it is a second reader with a documented word list. Where
the two disagree is where the discussion starts.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import AnalysisError
from .text.segment import tokenize_span

__all__ = ["Passage", "passage", "MarkComparison", "compare_marks", "worksheet"]


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


@dataclass
class MarkComparison:
    """Student marks vs tool spans over the words of one passage (see the module docstring).

    ``words`` has one row per word of the passage: ``start``, ``end``, ``word``,
    ``student`` and ``tool`` (booleans), ``category`` (the tool's category, if any),
    ``tool_phrase`` (the text of the tool's span the word is part of, e.g. ``attack on``
    for the word ``on``) and ``agreement`` (``both``, ``student only``, ``tool only`` or
    ``neither``).
    ``not_found`` lists marked words that do not occur in the passage (check the spelling).
    """

    passage: Passage
    words: pd.DataFrame
    not_found: list[str] = field(default_factory=list)

    @property
    def n_student(self) -> int:
        return int(self.words["student"].sum())

    @property
    def n_tool(self) -> int:
        return int(self.words["tool"].sum())

    @property
    def n_both(self) -> int:
        return int((self.words["student"] & self.words["tool"]).sum())

    @property
    def precision(self) -> float:
        return self.n_both / self.n_student if self.n_student else math.nan

    @property
    def recall(self) -> float:
        return self.n_both / self.n_tool if self.n_tool else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else math.nan

    @property
    def alpha(self) -> float:
        """Krippendorff's alpha (nominal) between student and tool; NaN when no word is marked by anyone
        or every word is marked (alpha is undefined without variation)."""
        from nltk.metrics.agreement import AnnotationTask

        student = self.words["student"].astype(int).tolist()
        tool = self.words["tool"].astype(int).tolist()
        if len(set(student) | set(tool)) < 2:
            return math.nan
        data = [("student", i, v) for i, v in enumerate(student)] + [("tool", i, v) for i, v in enumerate(tool)]
        return float(AnnotationTask(data=data).alpha())

    def scores(self) -> pd.DataFrame:
        """The agreement scores with a one-line reading of each, for a class."""
        rows = [
            ("words in the passage", len(self.words), "every word counts as one unit"),
            ("marked by you", self.n_student, ""),
            ("marked by the tool", self.n_tool, ""),
            ("marked by both", self.n_both, ""),
            ("precision", self.precision, "of the words you marked, the share the tool marked too"),
            ("recall", self.recall, "of the words the tool marked, the share you found"),
            ("F1", self.f1, "one number that balances precision and recall"),
            ("Krippendorff's alpha", self.alpha, "1 = full agreement, 0 = no better than chance"),
        ]
        frame = pd.DataFrame(rows, columns=["score", "value", "what it means"])
        frame["value"] = pd.Series([v for _, v, _ in rows], dtype=object)  # counts stay whole numbers
        return frame

    def disagreements(self) -> pd.DataFrame:
        """The words only one of the two marked: the ones worth discussing.

        ``tool_phrase`` shows the whole phrase the tool matched, so a small word such as
        *on* reads as part of *attack on*.
        """
        w = self.words
        return w[w["agreement"].isin(["student only", "tool only"])][["word", "agreement", "category", "tool_phrase"]]

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


def compare_marks(
    result, where: Passage, marked: Iterable[str], *, layers: Sequence[str] = ("loaded",)
) -> MarkComparison:
    """Compare the words or phrases a student ``marked`` in passage ``where`` with the tool's spans.

    ``marked`` is a list of words or phrases as the student typed them; each one marks every
    whole-word, case-insensitive occurrence in the passage. A word counts as marked by the
    tool when it overlaps a span of ``layers`` (default: the loaded-language layer).
    """
    if isinstance(marked, str):
        raise AnalysisError("marked must be a list of words, e.g. ['assault', 'relentless'], not one string")
    text = result.text(where.doc_id)
    words = _words(text, where.start, where.end)
    lower = [text[s:e].lower() for s, e in words]
    student = [False] * len(words)
    not_found = []
    for phrase in marked:
        toks = _phrase_tokens(str(phrase))
        if not toks:
            continue
        hits = [i for i in range(len(lower) - len(toks) + 1) if lower[i:i + len(toks)] == toks]
        if not hits:
            not_found.append(str(phrase))
        for i in hits:
            student[i:i + len(toks)] = [True] * len(toks)

    spans = result.spans
    spans = spans[(spans["doc_id"] == where.doc_id) & spans["layer"].isin(list(layers))]
    spans = spans[(spans["end"] > where.start) & (spans["start"] < where.end)]
    tool = [False] * len(words)
    category = [""] * len(words)
    phrase = [""] * len(words)
    for s_start, s_end, cat, s_text in zip(spans["start"], spans["end"], spans["category"], spans["text"]):
        for i, (w_start, w_end) in enumerate(words):
            if w_start < s_end and s_start < w_end:
                tool[i] = True
                category[i] = category[i] or str(cat)
                phrase[i] = phrase[i] or str(s_text)

    agreement = [
        "both" if s and t else "student only" if s else "tool only" if t else "neither" for s, t in zip(student, tool)
    ]
    frame = pd.DataFrame(
        {
            "start": [s for s, _ in words],
            "end": [e for _, e in words],
            "word": [text[s:e] for s, e in words],
            "student": student,
            "tool": tool,
            "category": category,
            "tool_phrase": phrase,
            "agreement": agreement,
        }
    )
    return MarkComparison(where, frame, not_found)


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
