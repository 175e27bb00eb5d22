"""The classroom exercise as HTML: the student page and the teacher view (see :func:`framing.classroom.exercise`).

The student page is one self-contained file: the passages as words a student can mark (each
word a checkbox for assistive technology, one tab stop per passage, arrow keys to move), the
style and script of ``framing/templates/exercise.{css,js}`` inline, and the tool's marks
XOR-scrambled and base64-encoded so that view-source and find-in-page do not give them away
before Check. A Content-Security-Policy allows nothing but that style and script (by hash):
no request leaves the page. Article text is escaped here and written by the script with
``textContent`` only. The teacher view has no script: a worksheet page, a one-page answer
key in black and white (line styles, not colour, tell categories apart), then timing and notes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "LessonPassage",
    "student_page",
    "teacher_page",
    "CATEGORY_PRINT_STYLE",
    "LESSON_PLAN",
    "USUAL_DISAGREEMENTS",
]


@dataclass(frozen=True)
class LessonPassage:
    """One passage of the exercise: its words, and the tool's loaded phrases and sources (the key).

    ``where`` is a :class:`framing.classroom.Passage`; ``words`` are ``(start, end)`` document
    offsets; ``loaded`` and ``sources`` hold one dict per tool phrase, with ``first`` and
    ``last`` word indices (as :func:`framing.classroom.exercise` builds them).
    """

    pid: str
    label: str
    where: object
    words: list[tuple[int, int]]
    loaded: list[dict]
    sources: list[dict]


#: how the printed answer key draws each category (black and white)
CATEGORY_PRINT_STYLE = {
    "emotive": "solid underline",
    "pejorative_label": "double underline",
    "dehumanizing": "bold, double underline",
    "militarized": "dashed underline",
    "hyperbole": "dotted underline",
    "moral": "wavy underline",
    "metaphor": "italic, thin underline",
}

#: the 45-minute plan of the teacher view: (minutes, part, what happens)
LESSON_PLAN = (
    ("0–5", "Part 1", "students read both headlines and guess which article is more loaded"),
    ("5–15", "Task 1", "students mark the loaded words in each passage, then press Check"),
    ("15–25", "Task 1", "discuss two or three disagreements with the tool as a class"),
    ("25–35", "Task 2", "students mark who speaks, named or anonymous, then press Check"),
    ("35–45", "Discussion", "the discussion questions; students save their marks for the teacher"),
)

#: notes on the disagreements teachers usually see
USUAL_DISAGREEMENTS = (
    "Students often mark topic words (immigrants, Trump, raid) that carry the subject, not a judgement. "
    "Ask: could a neutral reporter avoid this word?",
    "Students miss quiet words: intensifiers (sheer, very), verbs of force (deploy, crack down) and "
    "moral verdicts stated as facts (unconstitutional).",
    "The tool counts a loaded word inside a quotation, and it cannot see sarcasm. A strong word in a "
    "quotation is the source's choice; the writer chose to quote it.",
    "Words that cast doubt (ostensibly, so-called) are hedges or scare quotes for the tool, not loaded "
    "language: a good point for discussion.",
    "For sources, 'a federal official' or 'people familiar with the plan' are anonymous; a document "
    "or an organisation counts as named. Students may disagree, and that is worth a minute.",
    "Low agreement is common: trained annotators of bias agree well below 0.5 at the word level. "
    "A low score is a reason to discuss, not a mark of failure.",
)


def _scramble(payload: dict, salt: str) -> str:
    """The key as base64 of its JSON XOR-ed with ``salt``: unreadable in view-source, decoded by the page on Check."""
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    salt_bytes = salt.encode("ascii")
    return base64.b64encode(bytes(b ^ salt_bytes[i % len(salt_bytes)] for i, b in enumerate(raw))).decode("ascii")


def _words_html(text: str, d: LessonPassage, *, marks: Callable[[int], tuple[str, str]] | None = None) -> str:
    """The passage as paragraphs of words; each word a checkbox of the student page, or (``marks``)
    wrapped in the key's classes with a suffix after it."""
    parts, pos = ["<p>"], d.where.start
    open_cls, open_ends = "", True  # the key: the class of the mark being drawn; whether it ended at the last word
    for i, (s, e) in enumerate(d.words):
        gap = _gap_html(text[pos:s])
        word = html.escape(text[s:e])
        if marks is None:
            tab = "0" if i == 0 else "-1"
            parts.append(
                f'{gap}<span class="fx-w" role="checkbox" aria-checked="false" tabindex="{tab}" '
                f'data-i="{i}" data-start="{s}" data-end="{e}">{word}</span>'
            )
        else:  # consecutive words of one mark share one span, so a phrase is drawn as one
            cls, suffix = marks(i)
            if cls and cls == open_cls and not open_ends and "</p>" not in gap:
                parts[-1] = parts[-1][: -len("</span>")] + f"{gap}{word}</span>{suffix}"
            else:
                parts.append(gap + (f'<span class="{cls}">{word}</span>' if cls else word) + suffix)
            open_cls, open_ends = cls, bool(suffix)
        pos = e
    parts.append(_gap_html(text[pos : d.where.end]) + "</p>")
    return "".join(parts)


def _gap_html(gap: str) -> str:
    """The text between two words, escaped; a line break starts a new paragraph."""
    pieces = re.split(r"\s*\n\s*", gap)
    return "</p><p>".join(html.escape(p) for p in pieces) if len(pieces) > 1 else html.escape(gap)


def _template(name: str) -> str:
    from importlib.resources import files

    return files("framing").joinpath("templates", name).read_text(encoding="utf-8")


def _csp(css: str, js: str | None) -> str:
    """A Content-Security-Policy that allows nothing but this page's own style and script (by hash)."""

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"

    script = f"script-src {digest(js)}; " if js else ""
    return f"default-src 'none'; style-src {digest(css)}; {script}img-src 'none'; form-action 'none'; base-uri 'none'"


def _head(title: str, css: str, js: str | None = None) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_csp(css, js)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{html.escape(title)}</title>
<style>{css}</style></head>
"""


def _headlines_html(result, data: Sequence[LessonPassage]) -> str:
    docs = result.documents.set_index("doc_id")
    items = "".join(
        f"<li><b>{html.escape(d.label)}</b> {html.escape(str(docs.loc[d.where.doc_id].get('title') or d.where.doc_id))}</li>"
        for d in data
    )
    return f'<ul class="fx-headlines">{items}</ul>'


def _task_html(text: str, d: LessonPassage, task: str) -> str:
    pid, label = d.pid, html.escape(d.label)
    what = "loaded words" if task == "loaded" else "sources"
    extra = (
        '<h4 class="fx-screen-only">Your sources: named or anonymous?</h4>'
        '<div class="fx-sources fx-screen-only" aria-live="polite"></div>'
        if task == "sources"
        else ""
    )
    return f"""<section class="fx-task" id="{task}-{pid}" data-task="{task}" data-pid="{pid}" data-doc="{html.escape(d.where.doc_id)}"
 data-start="{d.where.start}" data-end="{d.where.end}" aria-labelledby="{task}-{pid}-h">
<h3 id="{task}-{pid}-h">{label}</h3>
<div class="fx-text" role="group" aria-label="{label}: passage, each word can be marked as one of the {what}">{_words_html(text, d)}</div>
{extra}<div class="fx-buttons"><button type="button" class="fx-primary" data-action="check" aria-describedby="{task}-{pid}-s">Check {label}</button>
<button type="button" data-action="clear">Clear my marks</button></div>
<p class="fx-status" id="{task}-{pid}-s" role="status" aria-live="polite"></p>
<p class="fx-legend" aria-hidden="true"><span class="fx-both">you and the tool</span><span class="fx-student">only you</span><span class="fx-tool">only the tool</span></p>
<div class="fx-result" tabindex="-1" aria-live="polite" aria-label="{label}: the tool's marks and your scores"></div>
</section>"""


def student_page(
    result, data: Sequence[LessonPassage], *, title: str, lesson: str, teacher_name: str, questions: Sequence[str]
) -> str:
    """The student page: one self-contained HTML document (see the module docstring)."""
    css, js = _template("exercise.css"), _template("exercise.js")
    salt = lesson + "framing"
    key = {d.pid: {"loaded": d.loaded, "sources": d.sources} for d in data}
    texts = {d.pid: result.text(d.where.doc_id) for d in data}
    tasks1 = "\n".join(_task_html(texts[d.pid], d, "loaded") for d in data)
    tasks2 = "\n".join(_task_html(texts[d.pid], d, "sources") for d in data)
    question_items = "".join(f"<li>{html.escape(q)}</li>" for q in questions)
    return (
        _head(title, css, js)
        + f"""<body>
<a class="fx-skip" href="#task1">Skip to Task 1</a>
<main id="fx-root">
<div id="fx-data" hidden data-lesson="{lesson}" data-salt="{salt}" data-key="{_scramble(key, salt)}"></div>
<header><h1>{html.escape(title)}</h1>
<p class="fx-name fx-print-only">Name: <span></span> Date: <span></span></p>
<p class="fx-screen-only"><label for="fx-name">Your name (for the file you save at the end):</label>
<input type="text" id="fx-name" autocomplete="off"></p></header>
<section class="fx-screen-only" aria-labelledby="part1-h"><h2 id="part1-h">Part 1 · Guess first</h2>
<p>Two articles about the same events. Read both headlines. Which article do you expect to use more
<em>loaded</em> words, chosen to make you feel something, not only to inform you? In which do you
expect more people or sources to be quoted?</p>{_headlines_html(result, data)}</section>
<section id="task1" aria-labelledby="task1-h"><h2 id="task1-h">Task 1 · Which words are loaded?</h2>
<p>Read each passage. Mark every word or short phrase you think is <em>loaded</em>: chosen to make you
feel something about the people or events, not only to inform you.
<span class="fx-screen-only">Click or tap a word to mark it, again to unmark it; mark the words next to each
other to mark a phrase. With the keyboard: Tab to the passage, move with the arrow keys, mark with Space or Enter.
Then press Check.</span><span class="fx-print-only">Underline them. Then circle who is quoted or cited, and
write N (named) or A (anonymous) next to each.</span></p>
{tasks1}</section>
<section id="task2" class="fx-screen-only" aria-labelledby="task2-h"><h2 id="task2-h">Task 2 · Who speaks?</h2>
<p>Mark who is quoted or cited in each passage: a person, an official, an organisation, a document. Mark the
words that name the source (for example <em>a senior official</em>). For each source you mark, say whether it
is <strong>named</strong> (we could look it up) or <strong>anonymous</strong> (we cannot). Then press Check.</p>
{tasks2}</section>
<section class="fx-screen-only" aria-labelledby="disc-h"><h2 id="disc-h">Questions for discussion</h2><ol>{question_items}</ol></section>
<section class="fx-screen-only" aria-labelledby="save-h"><h2 id="save-h">Hand in your marks</h2>
<p>Save your marks as a small file and give it to your teacher.</p>
<div class="fx-buttons"><button type="button" class="fx-primary" data-action="save">Save my marks</button></div>
<p class="fx-status" id="fx-save-status" role="status" aria-live="polite"></p>
<p class="fx-muted">The tool is a second reader with a documented word list, not the answer key. Made with
framing; the teacher's answer key and notes are in {html.escape(teacher_name)}.</p></section>
</main>
<script>{js}</script>
</body></html>
"""
    )


def _key_marks(d: LessonPassage) -> Callable[[int], tuple[str, str]]:
    """For the key: the classes of word ``i`` and what follows it (a mark's number, a source's kind)."""
    classes: dict[int, list[str]] = {}
    suffix: dict[int, str] = {}
    for n, m in enumerate(d.loaded, start=1):
        for i in range(m["first"], m["last"] + 1):
            classes.setdefault(i, []).append(f"fx-k fx-k-{_slug(m['category'])}")
        suffix[m["last"]] = suffix.get(m["last"], "") + f"<sup>{n}</sup>"
    for s in d.sources:
        for i in range(s["first"], s["last"] + 1):
            classes.setdefault(i, []).append("fx-k-src")
        suffix[s["last"]] = suffix.get(s["last"], "") + f"<sup>[{s['type']}]</sup>"
    return lambda i: (" ".join(dict.fromkeys(classes.get(i, []))), suffix.get(i, ""))


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "x"


def _key_list(d: LessonPassage) -> str:
    items = []
    for m in d.loaded:
        alt = f" Plainer: {html.escape(m['alternative'])}." if m["alternative"] else ""
        quoted = " (inside a quotation)" if m["voice"] == "quoted" else ""
        items.append(
            f"<li><b>{html.escape(m['text'])}</b>, {html.escape(m['category'].replace('_', ' '))}{quoted}: "
            f"{html.escape(m['note'])}.{alt}</li>"
        )
    loaded = "".join(items) or "<li>The tool marked no loaded words here.</li>"
    sources = (
        "; ".join(
            f"<b>{html.escape(s['text'])}</b> ({s['type']}{_tool_type(s)}; cue: {html.escape(s['cue'])})"
            for s in d.sources
        )
        or "none found"
    )
    return f'<ol class="fx-keylist">{loaded}</ol><p class="fx-keylist">Sources: {sources}.</p>'


def _tool_type(source: dict) -> str:
    """The attribution layer's type of a source, when it says more than named or anonymous."""
    return "" if source["source_type"] == source["type"] else f", {html.escape(source['source_type'])}"


def teacher_page(
    result, data: Sequence[LessonPassage], *, title: str, student_name: str, questions: Sequence[str]
) -> str:
    """The teacher view: worksheet, answer key, then timing, notes and ``questions`` (one printed page each)."""
    css = _template("exercise.css")
    texts = {d.pid: result.text(d.where.doc_id) for d in data}
    sheets = "\n".join(
        f'<section class="fx-task"><h3>{html.escape(d.label)}</h3><div class="fx-text">'
        f"{_words_html(texts[d.pid], d, marks=lambda i: ('', ''))}</div></section>"
        for d in data
    )
    keys = "\n".join(
        f'<section class="fx-task"><h3>{html.escape(d.label)}</h3><div class="fx-text">'
        f"{_words_html(texts[d.pid], d, marks=_key_marks(d))}</div>{_key_list(d)}</section>"
        for d in data
    )
    legend = "; ".join(
        f'<span class="fx-k fx-k-{c}">{html.escape(c.replace("_", " "))}</span> = {style}'
        for c, style in CATEGORY_PRINT_STYLE.items()
    )
    plan = "".join(
        f"<tr><td>{m}</td><td>{html.escape(p)}</td><td>{html.escape(w)}</td></tr>" for m, p, w in LESSON_PLAN
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in USUAL_DISAGREEMENTS)
    question_items = "".join(f"<li>{html.escape(q)}</li>" for q in questions)
    docs = result.documents.set_index("doc_id")
    sources = "".join(
        f"<li>{html.escape(d.label)}: {html.escape(str(docs.loc[d.where.doc_id].get('title') or ''))} "
        f"(<code>{html.escape(d.where.doc_id)}</code>)</li>"
        for d in data
    )
    return (
        _head(f"Teacher view: {title}", css)
        + f"""<body class="fx-teacher">
<main>
<section class="fx-page" aria-labelledby="ws-h"><h1 id="ws-h">{html.escape(title)}</h1>
<p class="fx-name">Name: <span></span> Date: <span></span></p>
<p><em>Read each passage. Underline every word or short phrase you think is loaded: chosen to make you feel
something about the people or events, not only to inform you. Then circle who is quoted or cited, and write
N (named) or A (anonymous) next to each.</em></p>
{sheets}</section>
<section class="fx-page fx-key" aria-labelledby="key-h"><h2 id="key-h">Answer key: what the tool marked</h2>
<p class="fx-keylist">Each loaded phrase ends with its number; the line under it shows its category: {legend}.
A <span class="fx-k-src">box</span> marks a source, with [named] or [anonymous] after it.</p>
{keys}</section>
<section class="fx-page" aria-labelledby="notes-h"><h2 id="notes-h">Teacher notes</h2>
<p>This is the teacher view of <b>{html.escape(student_name)}</b>, the page students open in any browser
(no installation, no network: it works from a USB stick). The student page keeps the tool's marks encoded
until a student presses Check; students save their marks as a small JSON file, and
<code>framing.classroom.class_agreement(result, folder)</code> reads a folder of them.</p>
<p>Articles:</p><ul>{sources}</ul>
<h3>A 45-minute plan</h3><table><thead><tr><th>minutes</th><th>part</th><th>what happens</th></tr></thead><tbody>{plan}</tbody></table>
<h3>Usual disagreements</h3><ul>{notes}</ul>
<h3>Questions for discussion</h3><ol>{question_items}</ol>
<h3>How the scores are counted</h3>
<p>By phrase: a run of words a student marked and a phrase the tool marked that share a word count as one
unit, so a student who marks <em>attack</em> agrees with the tool's <em>attack on</em>. Precision: of the
phrases the student marked, the share the tool marked too. Recall: of the tool's phrases, the share the student
found. Krippendorff's alpha compares student and tool over every unit, unmarked words included.</p>
<p><b>Sensitive topics.</b> News about immigration, crime or war may touch students' own families. Keep the
focus on the language of the articles, and do not ask anyone to share their views on the subject.</p>
</section>
</main>
</body></html>
"""
    )
