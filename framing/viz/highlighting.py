"""The highlighted article: every span of evidence shown in place, on screen and on paper.

``framing.highlight(result, doc_id, layers=...)`` returns a :class:`Highlight`. It renders
in Jupyter (``_repr_html_``) and writes a standalone HTML file (``.save(path)``): the
article with the spans of the chosen layers marked, a legend, a tooltip on every mark, and
an evidence list (each sentence with its marks, the category and the lexicon entry or rule
that fired), so every mark can be checked in words as well as seen.

How it is drawn:

- **Overlapping spans** are exact: the text is cut at every span boundary, and each piece
  is wrapped in one element per span covering it (outermost: the longest span), so a word
  can be, say, a loaded word inside a quotation inside a scare quote. The tooltip of each
  piece names every span covering it.
- **Never by colour alone.** Each layer has its own line or shape (solid, dotted, double or
  wavy underline, box, overline, bold, italic), and every mark ends with a small number that
  points to its legend entry (layer and category). Colours (Okabe-Ito tints) only add to that.
- **Safe.** Every piece of article text and every attribute is HTML-escaped, so an article
  containing ``<script>`` or ``onerror=`` markup renders as inert text. The page has no
  script and makes no external request.
- **Print.** A print stylesheet keeps the marks (lines, boxes, numbers) in black and white
  and avoids breaking a paragraph across pages where it can: the page doubles as a worksheet
  key (see :func:`framing.classroom.worksheet`).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .._version import __version__
from ..analysis import declarations_of
from ..errors import AnalysisError
from ..layers.base import SpanLayer

__all__ = ["highlight", "Highlight", "highlight_css", "layer_styles", "TARGET_LAYER"]

#: the layer of target mentions (:func:`framing.target_tone` adds them to a result; no annotator writes it)
TARGET_LAYER = SpanLayer(
    "target",
    "target: an actor whose portrayal is measured",
    "thin box",
    "outline: 1px dashed #000; outline-offset: 2px;",
)

#: how a span of a layer that no annotator declares is drawn
OTHER_LAYER_CSS = "padding-bottom: 7px; border-bottom: 1px dashed #555;"


def layer_styles(result) -> dict[str, SpanLayer]:
    """Layer name -> its declaration (legend text, style, CSS), in pipeline order, for ``result``."""
    declared = declarations_of(result).span_layers
    return {x.name: x for x in [*declared, TARGET_LAYER]}


def highlight_css(declarations) -> str:
    """The stylesheet of highlighted articles: the common rules plus one rule per declared span layer."""
    layers = [*declarations.span_layers, TARGET_LAYER]
    rules = [f".framing-hl .fh-l-{_slug(x.name)} {{ {x.css} }}" for x in layers]
    return CSS + "\n".join(rules) + f"\n.framing-hl .fh-l-other {{ {OTHER_LAYER_CSS} }}\n"


# light tints of the Okabe-Ito colours for backgrounds, and the full colours for lines
_TINTS = ("#CCE3F0", "#F7D9C4", "#C7EBDF", "#FBE9C5", "#F2DCE8", "#D8EEFA", "#E3E3E3", "#FBF8CC")
_LINES = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#B8A400")

CSS = """
.framing-hl { font-family: Georgia, 'Times New Roman', serif; font-size: 1.05em; line-height: 2.1; color: #111;
  max-width: 46em; }
.framing-hl .fh-meta { font-family: system-ui, sans-serif; font-size: .85em; color: #444; line-height: 1.4; }
.framing-hl h2.fh-title { font-size: 1.35em; line-height: 1.3; margin: .2em 0; }
.framing-hl .fh-article { overflow-wrap: break-word; margin: 1em 0; }
.framing-hl .fh-article p { white-space: pre-line; margin: 0 0 .5em 0; }
.framing-hl .fh-m { border-radius: 2px; }
.framing-hl .fh-m[title] { cursor: help; }
.framing-hl sup.fh-n { font-family: system-ui, sans-serif; font-size: .62em; color: #333; font-weight: normal;
  font-style: normal; margin-left: 1px; vertical-align: super; line-height: 0; }
.framing-hl .fh-legend { font-family: system-ui, sans-serif; font-size: .85em; line-height: 1.5;
  border: 1px solid #ccc; padding: .5em .8em; margin: .6em 0; }
.framing-hl .fh-legend ul { list-style: none; margin: .2em 0; padding: 0; }
.framing-hl .fh-legend li { margin: .25em 0; break-inside: avoid; }
.framing-hl .fh-legend .fh-sample { line-height: 2; margin-right: .3em; }
.framing-hl .fh-legend .fh-how { color: #555; }
.framing-hl details.fh-evidence { font-family: system-ui, sans-serif; font-size: .85em; line-height: 1.45; }
.framing-hl table.fh-table { border-collapse: collapse; width: 100%; }
.framing-hl table.fh-table th, .framing-hl table.fh-table td { border-top: 1px solid #ddd; padding: .25em .4em;
  vertical-align: top; text-align: left; }
.framing-hl .fh-empty { font-style: italic; color: #555; }
@media print {
  .framing-hl { max-width: none; font-size: 11pt; color: #000; }
  .framing-hl .fh-m { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .framing-hl .fh-m[title] { cursor: auto; }
  .framing-hl .fh-legend { break-inside: avoid; page-break-inside: avoid; }
  .framing-hl .fh-article { orphans: 3; widows: 3; }
  .framing-hl details.fh-evidence { display: none; }
}
"""


_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n[ \t]*\n\s*")


@functools.lru_cache(maxsize=4096)
def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()).strip("-") or "x"


def _detail(row, name: str) -> str:
    value = row.get(name)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "nat", "none", "<na>") else text


def _evidence_text(row) -> str:
    """What fired: the lexicon entry or pattern, the rule, and the attribution id if any."""
    entry = _detail(row, "entry") or _detail(row, "pattern") or _detail(row, "cue_lemma")
    parts = [f"entry “{entry}”"] if entry else []
    for column, label in (
        ("rule", "rule"),
        ("lexicon", "lexicon"),
        ("typology", "typology"),
        ("attribution_id", "attribution"),
    ):
        value = _detail(row, column)
        if value:
            parts.append(f"{label} {value}")
    return "; ".join(parts) or "no rule recorded"


@dataclass
class Highlight:
    """A highlighted article (see :func:`highlight`). ``_repr_html_`` renders it in Jupyter,
    :meth:`to_html` gives a standalone page and :meth:`save` writes it."""

    doc_id: str
    title: str
    layers: list[str]
    fragment: str
    n_marks: int
    css: str = CSS

    def _repr_html_(self) -> str:
        return f"<style>{self.css}</style>\n{self.fragment}"

    def to_html(self) -> str:
        """A standalone HTML page (no script, no external request)."""
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="framing {html.escape(__version__)}">\n'
            f"<title>{html.escape(self.title)}</title>\n<style>\n"
            "body { margin: 2em auto; max-width: 48em; padding: 0 1em; }\n"
            f"{self.css}</style></head>\n<body>\n{self.fragment}\n</body></html>\n"
        )

    def save(self, path) -> Path:
        """Write :meth:`to_html` to ``path`` (folders are created); returns the path."""
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.to_html(), encoding="utf-8")
        return out

    def __str__(self) -> str:
        return f"<Highlight of {self.doc_id!r}: {self.n_marks} marks in layers {', '.join(self.layers) or '(none)'}>"

    __repr__ = __str__


def _check_offsets(spans: pd.DataFrame, text: str, doc_id: str) -> None:
    bad = spans[(spans["start"] < 0) | (spans["end"] > len(text)) | (spans["start"] >= spans["end"])]
    if not bad.empty:
        row = bad.iloc[0]
        raise AnalysisError(
            f"span {row['layer']}/{row['category']} at {row['start']}..{row['end']} does not fit document {doc_id!r} "
            f"(length {len(text)}); the spans do not belong to this text: re-run framing.analyze on it"
        )
    mismatch = [i for i, (s, e, t) in enumerate(zip(spans["start"], spans["end"], spans["text"])) if text[s:e] != t]
    if mismatch:
        row = spans.iloc[mismatch[0]]
        raise AnalysisError(
            f"span {row['layer']}/{row['category']} at {row['start']}..{row['end']} of {doc_id!r} says "
            f"{row['text']!r} but the text there is {text[row['start'] : row['end']]!r}; the spans do not belong to "
            "this text: re-run framing.analyze on it"
        )


def _legend_keys(spans: pd.DataFrame, order: list[str]) -> list[tuple[str, str]]:
    keys = {(str(layer), str(cat)) for layer, cat in zip(spans["layer"], spans["category"])}
    return sorted(keys, key=lambda k: (order.index(k[0]) if k[0] in order else len(order), k))


def _palettes(keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(layer, category) -> (tint, line): categories of a layer take the palette in sorted order."""
    out = {}
    for layer in dict.fromkeys(k[0] for k in keys):
        cats = sorted(c for lay, c in keys if lay == layer)
        for i, cat in enumerate(cats):
            out[(layer, cat)] = (_TINTS[i % len(_TINTS)], _LINES[i % len(_LINES)])
    return out


def _open_tag(layer: str, category: str, colours: tuple[str, str], title: str | None, known) -> str:
    layer_class = f"fh-l-{_slug(layer)}" if layer in known else "fh-l-other"
    tint, line = colours
    attrs = (
        f'class="fh-m {layer_class} fh-c-{_slug(category)}" style="--fh-tint:{tint};--fh-line:{line}" '
        f'data-layer="{html.escape(layer)}" data-category="{html.escape(category)}"'
    )
    if title is not None:
        attrs += f' title="{html.escape(title)}"'
    return f"<span {attrs}>"


class _Mark(NamedTuple):
    """One span to draw: where, which legend entry, and its tooltip line."""

    start: int
    end: int
    layer: str
    category: str
    title: str


def highlight(result, doc_id: str, layers: Sequence[str] | None = None, *, evidence: bool = True) -> Highlight:
    """The article ``doc_id`` with the spans of ``layers`` marked, as a :class:`Highlight`.

    ``layers`` are span layers (``loaded``, ``scare_quote``, ``hedge``, ``booster``,
    ``source``, ``cue``, ``content``, ``frame``, ...); None shows every layer the document has
    except those its layer declares ``in_highlight=False`` (``tone``, which marks nearly every
    evaluative word). Each mark's tooltip names its layer, category and the lexicon entry or
    rule that fired; ``evidence`` adds the list of marks sentence by sentence below the
    article. Legend text and styles come from the layers' declarations
    (:class:`framing.layers.base.SpanLayer`). Raises :class:`framing.AnalysisError` for an
    unknown ``doc_id`` or spans whose offsets do not fit the text.
    """
    text = result.text(doc_id)  # raises AnalysisError naming the known ids
    styles = layer_styles(result)
    spans, chosen = _chosen_spans(result, doc_id, [layers] if isinstance(layers, str) else layers, styles)
    _check_offsets(spans, text, doc_id)

    keys = _legend_keys(spans, list(styles))
    number = {k: i + 1 for i, k in enumerate(keys)}
    colours = _palettes(keys)
    rows = spans.to_dict("records")  # plain dicts: DataFrame.iterrows is far too slow for long articles
    for row in rows:
        row["evidence"] = _evidence_text(row)
    marks = [
        _Mark(
            r["start"],
            r["end"],
            r["layer"],
            r["category"],
            f"{r['layer']}: {r['category']} — {r['evidence']} — “{r['text']}”",
        )
        for r in rows
    ]
    draw = _Drawing(number, colours, styles)
    article = draw.article(text, marks) if text.strip() else '<span class="fh-empty">(this document has no text)</span>'
    title, meta = _title_and_meta(result, doc_id, len(spans))
    parts = [
        f'<div class="framing-hl" data-doc-id="{html.escape(doc_id)}">',
        f'<h2 class="fh-title">{html.escape(title)}</h2>',
        f'<p class="fh-meta">{html.escape(" · ".join(meta))}</p>',
        draw.legend(keys, spans, chosen),
        f'<div class="fh-article">{article}</div>',
    ]
    if evidence and len(spans):
        parts.append(_evidence_table(result, doc_id, rows, number))
    parts.append("</div>")
    return Highlight(
        doc_id=doc_id,
        title=title,
        layers=chosen,
        fragment="\n".join(parts),
        n_marks=len(spans),
        css=highlight_css(declarations_of(result)),
    )


def _chosen_spans(result, doc_id: str, layers, styles: dict) -> tuple[pd.DataFrame, list[str]]:
    """The spans of ``doc_id`` in the chosen layers, sorted, with clean types; and the layers chosen."""
    spans = result.spans
    if spans is None or spans.empty or "layer" not in spans.columns:
        spans = pd.DataFrame(columns=["doc_id", "sent_index", "start", "end", "text", "layer", "category", "rule"])
    spans = spans[spans["doc_id"] == doc_id]
    if layers is None:  # every layer the document has, except those declared in_highlight=False (tone)
        present = dict.fromkeys(spans["layer"].astype(str))
        chosen = [layer for layer in present if layer not in styles or styles[layer].in_highlight]
    else:
        chosen = [str(layer) for layer in layers]
    spans = spans[spans["layer"].astype(str).isin(chosen)].copy()
    spans["start"] = spans["start"].astype(int)
    spans["end"] = spans["end"].astype(int)
    spans["category"] = spans["category"].astype(object).where(spans["category"].notna(), "").astype(str)
    spans["layer"] = spans["layer"].astype(str)
    return spans.sort_values(["start", "end", "layer", "category"], kind="mergesort").reset_index(drop=True), chosen


@dataclass
class _Drawing:
    """How marks are drawn: legend numbers, colours and the declared styles of the layers."""

    number: dict
    colours: dict
    styles: dict

    def open_tag(self, mark_layer: str, category: str, title: str | None) -> str:
        return _open_tag(mark_layer, category, self.colours[(mark_layer, category)], title, self.styles)

    def article(self, text: str, marks: list[_Mark]) -> str:
        """The text cut at every span boundary and paragraph break; each piece wrapped in one
        element per span covering it (outermost: the longest span, then by layer order)."""
        rank = {layer: i for i, layer in enumerate(self.styles)}
        breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
        break_at = dict(breaks)
        cuts = [x for pair in breaks for x in pair]
        bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks), *cuts})
        pieces, in_break_until, active, upcoming = ["<p>"], -1, [], iter(marks)
        following = next(upcoming, None)  # marks are sorted by start: a sweep keeps those covering each piece
        for a, b in zip(bounds, bounds[1:]):
            active = [m for m in active if m.end > a]
            while following is not None and following.start <= a:
                if following.end > a:
                    active.append(following)
                following = next(upcoming, None)
            if a in break_at:  # a paragraph break: close the paragraph (pieces never cross one)
                pieces.append("</p><p>")
                in_break_until = break_at[a]
            if a >= in_break_until:
                covering = sorted(
                    active,
                    key=lambda m: (-(m.end - m.start), rank.get(m.layer, len(rank)), m.layer, m.category, m.start),
                )
                pieces.append(self.piece(html.escape(text[a:b]), covering, b))
        pieces.append("</p>")
        return "".join(pieces)

    def piece(self, chunk: str, covering: list[_Mark], end: int) -> str:
        """One piece of text inside the marks covering it; the tooltip (every mark) on the innermost."""
        if not covering:
            return chunk
        tooltip = "\n".join(m.title for m in covering)
        opens = [
            self.open_tag(m.layer, m.category, tooltip if i == len(covering) - 1 else None)
            for i, m in enumerate(covering)
        ]
        ending = sorted({self.number[(m.layer, m.category)] for m in covering if m.end == end})
        ends = f'<sup class="fh-n" aria-hidden="true">{",".join(map(str, ending))}</sup>' if ending else ""
        return "".join(opens) + chunk + ends + "</span>" * len(covering)

    def legend(self, keys: list[tuple[str, str]], spans: pd.DataFrame, chosen: list[str]) -> str:
        """One legend entry per layer (its declared meaning and style), with a sample of each category."""
        items = []
        for layer in dict.fromkeys(k[0] for k in keys):
            declared = self.styles.get(layer)
            how, meaning = (declared.style, declared.meaning) if declared else ("dashed underline", f"{layer} layer")
            chips = []
            for key in (k for k in keys if k[0] == layer):
                n = int(((spans["layer"] == layer) & (spans["category"] == key[1])).sum())
                chips.append(
                    f'<span class="fh-sample">{self.open_tag(layer, key[1], None)}'
                    f'{html.escape(key[1].replace("_", " ") or layer)}<sup class="fh-n">{self.number[key]}'
                    f"</sup></span></span>&nbsp;({n})"
                )
            items.append(
                f'<li><b>{html.escape(meaning.split(":")[0])}</b> <span class="fh-how">({html.escape(how)}; '
                f"{html.escape(meaning.split(': ', 1)[-1])})</span>: " + ", ".join(chips) + "</li>"
            )
        if not items:
            shown = ", ".join(chosen) if chosen else "(none)"
            return f'<p class="fh-empty">No marks in this article for the layers {html.escape(shown)}.</p>'
        return (
            '<div class="fh-legend" role="note">Each mark ends with the number of its legend entry; '
            "hover over a mark to see the word-list entry or rule that matched.<ul>" + "".join(items) + "</ul></div>"
        )


def _title_and_meta(result, doc_id: str, n_marks: int) -> tuple[str, list[str]]:
    """The article's title and its meta line (id, outlet, author, date, status, marks, version)."""
    docs = result.documents
    found = docs["doc_id"] == doc_id
    row = docs[found].iloc[0] if found.any() else pd.Series(dtype=object)
    meta = [f"doc_id {doc_id}"]
    for col in ("outlet", "author", "date"):
        value = _detail(row, col)
        if value:
            meta.append(value[:10] if col == "date" else value)
    status = _detail(row, "status")
    if status and status != "ok":
        meta.append(f"status {status}: {_detail(row, 'status_detail')}")
    meta.append(f"{n_marks} marks; framing {__version__}")
    return _detail(row, "title") or doc_id, meta


def _evidence_table(result, doc_id: str, spans: list[dict], number: dict) -> str:
    """Each sentence with marks, in words: the sentence, then every mark with what fired."""
    sents = result.sentences
    text_of: dict = {}
    if sents is not None and len(sents):
        mine = sents[sents["doc_id"] == doc_id]
        text_of = dict(zip(mine["sent_index"].tolist(), mine["text"].astype(str).tolist()))
    by_sentence: dict = {}
    for row in spans:
        by_sentence.setdefault(row.get("sent_index"), []).append(row)
    rows = []
    for sent_index in sorted(by_sentence, key=lambda i: (i is None, -1 if i is None else i)):
        marks = "<br>".join(
            f"<b>{number[(row['layer'], row['category'])]}</b> “{html.escape(str(row['text']))}” — "
            f"{html.escape(row['layer'])}: {html.escape(row['category'])}; {html.escape(row['evidence'])}"
            for row in by_sentence[sent_index]
        )
        label = "" if sent_index is None else html.escape(str(sent_index))
        sentence = html.escape(text_of.get(sent_index, ""))
        rows.append(f"<tr><td>{label}</td><td>{sentence}</td><td>{marks}</td></tr>")
    return (
        f'<details class="fh-evidence"><summary>Evidence list: {len(spans)} marks, sentence by sentence</summary>'
        '<table class="fh-table"><thead><tr><th>#</th><th>sentence</th><th>marks (legend number, words, '
        "what matched)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></details>"
    )
