"""A new layer is one file: declare what it writes and needs, and every consumer picks it up.

The layer below is the walkthrough of ``docs/architecture.md`` ("Write your own layer");
a test checks that the two stay the same. Nothing outside this file knows about it, yet it
reaches the tables of ``analyze``, ``compare``, the report, the highlight legend,
``FramingFeatures`` and the streamed tables of ``analyze_to``.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import framing
from framing.layers.base import Annotator, Measure, SentenceColumn, SpanLayer, Spans, sentence_share

ROOT = Path(__file__).resolve().parents[1]


# --- the walkthrough layer (docs/architecture.md quotes it) -------------------------------
class QuestionAnnotator(Annotator):
    """Questions the writer asks: body sentences ending in '?' outside any attributed content.

    A rhetorical question in the writer's own voice invites the reader to an answer the text
    does not state; a question inside a quotation is the speaker's, not the outlet's.
    """

    title = "Questions"
    requires = ("content",)  # the attribution layer's content spans: quoted questions are not the writer's
    span_layers = (
        SpanLayer(
            "question",
            "question: the writer asks the reader",
            "dotted overline",
            "text-decoration: overline dotted #009E73;",
        ),
    )
    sentence_columns = (SentenceColumn("authorial_question", "1 if the writer asks a question here", "int"),)
    measures = (
        Measure(
            "question_share",
            "share",
            "share of body sentences that are questions in the writer's voice",
            "more questions put to the reader",
            sentence_share(Spans("question", any=True)),
            compare=True,
            headline=True,
        ),
    )
    method = "A question is a body sentence that ends in '?' outside attributed content."

    def annotate(self, doc, out):
        quoted = [(s["start"], s["end"]) for s in out.spans if s["layer"] == "content"]
        flags = out.sentence_column("authorial_question", len(doc.sentences), 0)
        n_body = n_questions = 0
        for sent in doc.sentences:
            if sent.kind != "body":
                continue
            n_body += 1
            text = doc.text[sent.start : sent.end].rstrip("”\"' ")
            end = sent.start + len(text)
            if text.endswith("?") and not any(a < end <= b for a, b in quoted):
                flags[sent.index] = 1
                n_questions += 1
                out.add_span(sent.index, sent.start, end, "question", "authorial", rule="ends in ?")
        out.measures["question_share"] = n_questions / n_body if n_body else float("nan")


# --- end of the walkthrough layer ---------------------------------------------------------


TEXTS = {
    "asks": "Who pays for the raids?\n\nThe mayor said the raids cost millions. Is that money well spent? "
    "Officials declined to say.",
    "tells": 'The raids cost millions, the mayor said.\n\nOne resident asked, "Why now?" Officials declined to say.',
}
CORPUS = [{"doc_id": k, "text": v, "outlet": k} for k, v in TEXTS.items()]


def _pipeline():
    return [*framing.default_annotators(), QuestionAnnotator()]


@pytest.fixture(scope="module")
def result():
    import pandas as pd

    return framing.analyze(pd.DataFrame(CORPUS), annotators=_pipeline())


def test_the_tables_of_analyze_carry_the_new_layer(result):
    docs = result.documents.set_index("doc_id")
    assert docs.loc["asks", "question_share"] == pytest.approx(2 / 4)
    assert docs.loc["tells", "question_share"] == 0  # the question is quoted: the resident's, not the writer's
    assert "authorial_question" in result.sentences.columns
    questions = result.spans[result.spans["layer"] == "question"]
    assert questions["text"].tolist() == ["Who pays for the raids?", "Is that money well spent?"]
    assert {"doc_id": "asks", "measure": "question_share"} in result.measures[["doc_id", "measure"]].to_dict("records")


def test_compare_resamples_its_declared_sentence_definition(result):
    table = framing.compare(result, by="outlet", n_resamples=99)
    row = table[table["measure"] == "question_share"]
    assert len(row) == 1 and row["unit"].iloc[0] == "sentence"
    values = dict(
        zip([row["group_a"].iloc[0], row["group_b"].iloc[0]], [row["value_a"].iloc[0], row["value_b"].iloc[0]])
    )
    assert values == pytest.approx({"asks": 2 / 4, "tells": 0.0})


def test_the_report_and_the_highlight_legend_show_it(result, tmp_path):
    view = framing.highlight(result, "asks")
    assert "question" in view.layers
    assert "the writer asks the reader" in view.fragment and "dotted overline" in view.fragment
    assert ".fh-l-question { text-decoration: overline dotted #009E73; }" in view.to_html()
    page = framing.write_report(result, tmp_path / "report.html", by="outlet").read_text(encoding="utf-8")
    assert "question_share" in page  # the comparison table and the main figure (a headline measure)
    assert "**Questions.**" not in page and "<b>Questions.</b>" in page  # its methods paragraph
    assert 'data-layer="question"' in page  # marked in the articles


def test_framing_features_use_the_pipeline_they_are_given():
    features = framing.FramingFeatures(annotators=_pipeline()).fit([t for t in TEXTS.values()])
    names = list(features.get_feature_names_out())
    assert "question_share" in names
    X = features.transform([TEXTS["asks"]])
    assert X[0, names.index("question_share")] == pytest.approx(2 / 4)


def test_analyze_to_streams_its_columns_and_measures(tmp_path):
    import pandas as pd

    framing.analyze_to(pd.DataFrame(CORPUS), tmp_path / "out", annotators=_pipeline(), progress=False)
    back = framing.read_results(tmp_path / "out")
    assert back.documents.set_index("doc_id").loc["asks", "question_share"] == pytest.approx(2 / 4)
    assert "authorial_question" in back.sentences.columns
    assert (back.spans["layer"] == "question").sum() == 2


def test_a_missing_or_misplaced_requirement_is_an_error_that_names_it():
    from framing.layers.attribution import AttributionAnnotator
    from framing.layers.tone import ToneAnnotator

    with pytest.raises(framing.AnalysisError, match=r"QuestionAnnotator needs 'content'.*add AttributionAnnotator\(\)"):
        framing.analyze(["Why?"], annotators=[ToneAnnotator(), QuestionAnnotator()])
    with pytest.raises(framing.AnalysisError, match="put AttributionAnnotator before QuestionAnnotator"):
        framing.analyze(["Why?"], annotators=[QuestionAnnotator(), AttributionAnnotator()])


def test_the_architecture_walkthrough_is_this_layer():
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(class QuestionAnnotator.*?)```", doc, flags=re.S)
    assert blocks, "docs/architecture.md must show the QuestionAnnotator walkthrough"
    assert blocks[0].strip() == inspect.getsource(QuestionAnnotator).strip()
