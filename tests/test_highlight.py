"""The highlighted article: exact nesting of overlapping spans, escaping, legend, tooltips, errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import framing
from framing.errors import AnalysisError
from framing.viz.highlighting import highlight

WSWS = "wsws-mass-immigration-raids"


class _Marks(HTMLParser):
    """Reads the article back: its text, and for each character the (layer, category) marks around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str] | None] = []
        self.in_article = self.in_sup = 0
        self.text: list[str] = []
        self.cover: list[frozenset] = []
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("class") == "fh-article":
            self.in_article = 1
            self.stack = []
            return
        if not self.in_article:
            return
        if tag == "sup":
            self.in_sup += 1
        if tag == "span":
            self.stack.append((a["data-layer"], a["data-category"]) if "data-layer" in a else None)
            if "title" in a:
                self.titles.append(a["title"])

    def handle_endtag(self, tag):
        if not self.in_article:
            return
        if tag == "sup":
            self.in_sup -= 1
        elif tag == "span":
            self.stack.pop()
        elif tag == "div":
            self.in_article = 0

    def handle_data(self, data):
        if self.in_article and not self.in_sup:
            marks = frozenset(m for m in self.stack if m)
            self.text.append(data)
            self.cover.extend([marks] * len(data))


def _read(view):
    parser = _Marks()
    parser.feed(view.fragment)
    return "".join(parser.text), parser.cover, parser.titles


def _fake(text: str, spans: list[tuple[int, int, str, str]], doc_id: str = "d1"):
    rows = [
        {
            "doc_id": doc_id,
            "sent_index": 0,
            "start": s,
            "end": e,
            "text": text[s:e],
            "layer": layer,
            "category": cat,
            "rule": f"rule-{i}",
            "entry": text[s:e].lower(),
        }
        for i, (s, e, layer, cat) in enumerate(spans)
    ]
    docs = pd.DataFrame({"doc_id": [doc_id], "title": ["A test"], "status": ["ok"]})
    sents = pd.DataFrame({"doc_id": [doc_id], "sent_index": [0], "start": [0], "end": [len(text)], "text": [text]})
    return framing.Analysis(docs, sents, pd.DataFrame(rows), pd.DataFrame(), pd.DataFrame(), {doc_id: text}, {})


def _expected(text, spans):
    return [frozenset((layer, cat) for s, e, layer, cat in spans if s <= i < e) for i in range(len(text))]


def test_overlapping_spans_nest_exactly():
    text = 'Officials said the "brutal crackdown" on workers began.'
    spans = [
        (19, 37, "scare_quote", "scare_quote"),
        (20, 26, "loaded", "emotive"),
        (20, 36, "frame", "conflict"),
        (27, 36, "loaded", "militarized"),
        (27, 40, "frame", "crime_punishment"),
        (0, 9, "source", "official"),
        (10, 14, "cue", "say"),
    ]
    got_text, cover, titles = _read(highlight(_fake(text, spans), "d1"))
    assert got_text == text
    assert cover == _expected(text, spans)
    # the piece "crackdown" is covered by four spans; its tooltip names all of them
    crack = [t for t in titles if "militarized" in t and "crime_punishment" in t]
    assert crack and all(k in crack[0] for k in ("scare_quote", "conflict", "rule-3", "entry “crackdown”"))


def test_seed_article_round_trips_with_every_mark(result):
    layers = ["loaded", "scare_quote", "hedge", "booster", "frame"]
    view = highlight(result, WSWS, layers=layers)
    text = result.text(WSWS)
    spans = result.spans[(result.spans["doc_id"] == WSWS) & result.spans["layer"].isin(layers)]
    assert view.n_marks == len(spans) > 50
    got_text, cover, _ = _read(view)
    keep = [i for i in range(len(text)) if not _in_break(text, i)]
    assert got_text == "".join(text[i] for i in keep)
    want = _expected(text, list(zip(spans["start"], spans["end"], spans["layer"], spans["category"])))
    assert cover == [want[i] for i in keep]


def _in_break(text, i, _cache={}):  # noqa: B006 - the default dict is this helper's cache, on purpose
    key = id(text)
    if key not in _cache:
        _cache[key] = {j for m in re.finditer(r"[ \t]*\n[ \t]*\n\s*", text) for j in range(m.start(), m.end())}
    return i in _cache[key]


def test_markup_in_an_article_is_inert_text(tmp_path):
    mine = framing.analyze(
        ['Officials said <script>alert(1)</script> the <img src=x onerror="alert(2)"> raid was brutal.']
    )
    view = highlight(mine, mine.doc_ids[0])
    page = view.save(tmp_path / "a.html").read_text(encoding="utf-8")
    for html in (page, view._repr_html_()):
        assert "<script" not in html.lower() and "<img" not in html.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "onerror=&quot;alert(2)&quot;" in html
    got_text, _, _ = _read(view)
    assert got_text == mine.text(mine.doc_ids[0])


def test_markup_in_categories_and_rules_is_escaped():
    text = "The brutal raid."
    res = _fake(text, [(4, 10, "loaded", '"><script>x</script>')])
    res.spans.loc[0, "rule"] = "<img onerror=1>"
    html = highlight(res, "d1").to_html()
    assert "<script" not in html and "<img" not in html


def test_legend_numbers_tooltips_and_print_stylesheet(result, tmp_path):
    view = highlight(result, WSWS, layers=["loaded", "scare_quote", "source", "cue"])
    page = view.save(tmp_path / "sub" / "wsws.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", page)  # nothing to fetch: the page is self-contained
    loaded = result.spans[(result.spans["doc_id"] == WSWS) & (result.spans["layer"] == "loaded")]
    for cat, n in loaded["category"].value_counts().items():
        assert f"{cat.replace('_', ' ')}<sup" in page and f"({n})" in page
    assert 'title="loaded: ' in page and "rule loaded-language:" in page
    # every mark ends with a legend number: meaning is not carried by colour alone
    assert page.count('<sup class="fh-n" aria-hidden="true">') >= len(loaded)
    assert "<style>" in view._repr_html_() and 'class="framing-hl"' in view._repr_html_()


def test_default_layers_leave_out_tone(result):
    view = highlight(result, WSWS)
    assert "tone" not in view.layers and "loaded" in view.layers
    assert highlight(result, WSWS, layers="tone").layers == ["tone"]


def test_no_marks_and_empty_documents():
    mine = framing.analyze(["", "A plain sentence about a meeting."])
    empty = highlight(mine, mine.doc_ids[0]).fragment
    assert "has no text" in empty
    assert "No marks in this article" in highlight(mine, mine.doc_ids[1], layers=["loaded"]).fragment


def test_errors_name_the_problem():
    res = _fake("The brutal raid.", [(4, 10, "loaded", "emotive")])
    with pytest.raises(AnalysisError, match="no document 'nope'"):
        highlight(res, "nope")
    res.spans.loc[0, "end"] = 99
    with pytest.raises(AnalysisError, match="does not fit document 'd1'"):
        highlight(res, "d1")
    res.spans.loc[0, "end"] = 9
    with pytest.raises(AnalysisError, match="re-run framing.analyze"):
        highlight(res, "d1")
