"""Classroom helpers: passages, student marks vs tool spans, agreement scores, worksheet."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from framing.analysis import Analysis
from framing.layers.base import SPAN_COLUMNS
from framing.classroom import compare_marks, passage
from framing.errors import AnalysisError

WSWS = "wsws-mass-immigration-raids"


def _with_spans(result, doc_id: str, words: list[str], layer: str = "loaded") -> Analysis:
    """The bundled analysis with the spans replaced by hand-placed ones on ``words`` (first occurrence)."""
    text = result.text(doc_id)
    rows = []
    for w in words:
        start = text.index(w)
        rows.append({"doc_id": doc_id, "sent_index": 0, "start": start, "end": start + len(w), "text": w,
                     "layer": layer, "category": "emotive", "rule": w})
    return Analysis(result.documents, result.sentences, pd.DataFrame(rows, columns=SPAN_COLUMNS), result.attributions,
                    result.measures, result.texts, result.manifest)


def test_passage_is_a_verbatim_stretch_of_sentences(result):
    p = passage(result, WSWS, first_sentence=5, n_sentences=3)
    assert p.text == result.text(WSWS)[p.start:p.end]
    assert p.text.startswith("The document exposes the Trump administration's relentless")
    assert p.text.endswith("the ultimate target.")
    assert "&lt;" not in p._repr_html_() and "<p>" in p._repr_html_()


@pytest.mark.parametrize("kwargs", [{"first_sentence": 10_000}, {"first_sentence": -1}, {"n_sentences": 0}])
def test_passage_out_of_range_names_the_valid_range(result, kwargs):
    with pytest.raises(AnalysisError, match="has sentences 0.."):
        passage(result, WSWS, **kwargs)


def test_passage_unknown_document(result):
    with pytest.raises(AnalysisError, match="no sentences for doc_id 'nope'"):
        passage(result, "nope")


def test_marks_against_hand_placed_spans_give_hand_computed_scores(result):
    # sentences 5-6: "... relentless and unconstitutional attack on immigrants ... broader fascist agenda ..."
    analysis = _with_spans(result, WSWS, ["relentless", "unconstitutional", "fascist agenda"])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=2)
    cmp = compare_marks(analysis, p, ["Relentless", "attack", "fascist", "tyranny"], unit="word")
    w = cmp.words
    assert w["word"].tolist()[:6] == ["The", "document", "exposes", "the", "Trump", "administration's"]
    # student: relentless, attack, attacks? no - whole words only: "attack" (sentence 5) but not "attacks"
    assert set(w.loc[w["student"], "word"]) == {"relentless", "attack", "fascist"}
    assert set(w.loc[w["tool"], "word"]) == {"relentless", "unconstitutional", "fascist", "agenda"}
    assert cmp.not_found == ["tyranny"]
    assert (cmp.n_student, cmp.n_tool, cmp.n_both) == (3, 4, 2)
    assert cmp.precision == pytest.approx(2 / 3)
    assert cmp.recall == pytest.approx(2 / 4)
    assert cmp.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    # nominal alpha, two coders, binary: 1 - (n - 1) * d / (n0 * n1), n = 2 * words, d = disagreements
    n = 2 * len(w)
    d = int((w["student"] != w["tool"]).sum())
    n1 = cmp.n_student + cmp.n_tool
    assert d == 3
    assert cmp.alpha == pytest.approx(1 - (n - 1) * d / ((n - n1) * n1))
    assert set(cmp.disagreements()["word"]) == {"attack", "unconstitutional", "agenda"}
    # a word of a multiword tool span shows the whole phrase, so "agenda" reads as part of "fascist agenda"
    assert cmp.disagreements().set_index("word").loc["agenda", "tool_phrase"] == "fascist agenda"
    assert cmp.words.set_index("word").loc["exposes", "tool_phrase"] == ""
    assert cmp.words.set_index("word").loc["fascist", "agreement"] == "both"


def test_phrases_are_matched_as_whole_word_sequences(result):
    analysis = _with_spans(result, WSWS, ["relentless"])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=1)
    cmp = compare_marks(analysis, p, ["democratic rights", "right", "immigrant"])
    assert set(cmp.words.loc[cmp.words["student"], "word"]) == {"democratic", "rights"}
    assert cmp.not_found == ["right", "immigrant"]


def test_spans_outside_the_passage_or_in_other_layers_do_not_count(result):
    analysis = _with_spans(result, WSWS, ["relentless", "assault"])  # "assault" is in sentence 10
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=1)
    cmp = compare_marks(analysis, p, ["relentless"])
    assert cmp.n_tool == 1 and cmp.precision == 1.0 and cmp.recall == 1.0 and cmp.alpha == 1.0
    assert compare_marks(analysis, p, ["relentless"], layers=["hedge"]).n_tool == 0


def test_scores_undefined_without_marks_are_nan_not_errors(result):
    analysis = _with_spans(result, WSWS, [])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=1)
    cmp = compare_marks(analysis, p, [])
    assert math.isnan(cmp.precision) and math.isnan(cmp.recall) and math.isnan(cmp.alpha)
    assert "n/a" in cmp._repr_html_()
    assert f"<td>{len(cmp.words)}</td>" in cmp._repr_html_()
    assert ".00<" not in cmp._repr_html_()  # counts are shown as whole numbers
    with pytest.raises(AnalysisError, match="list of words"):
        compare_marks(analysis, p, "relentless")


def test_passage_starts_at_the_first_body_sentence_by_default(result):
    wsws = passage(result, WSWS, n_sentences=1)  # after the headline, byline and dateline
    assert wsws.text.startswith("An internal government document leaked through")
    leak = passage(result, "leak-reveals-plan", n_sentences=1)
    assert leak.text.startswith("A leaked memo from U.S. Immigration")


def test_worksheet_is_printable_self_contained_and_escapes_the_article(result, tmp_path):
    pytest.importorskip("framing.viz.highlighting", reason="framing.viz.highlighting (issue 7) has not landed")
    from framing.classroom import WORKSHEET_QUESTIONS, worksheet

    out = worksheet(result, WSWS, tmp_path / "sheets" / "b.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "Mass immigration raids planned in Los Angeles" in page  # the title
    assert page.count("relentless and unconstitutional attack") >= 2  # plain copy and highlighted key
    for q in WORKSHEET_QUESTIONS:
        assert q.replace("'", "&#x27;") in page
    # self-contained: no script, nothing loaded from elsewhere (URLs in the article stay text)
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import""", page)


def test_worksheet_renders_markup_in_an_article_as_text(tmp_path):
    pytest.importorskip("framing.viz.highlighting", reason="framing.viz.highlighting (issue 7) has not landed")
    import framing
    from framing.classroom import worksheet

    mine = framing.analyze(['Officials said <script>alert(1)</script> the <img src=x onerror="alert(2)"> raid was brutal.'])
    page = worksheet(mine, mine.doc_ids[0], tmp_path / "w.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
