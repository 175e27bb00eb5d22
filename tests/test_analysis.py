"""The result model: every input document appears, in order, with a status."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.annotator import Annotator
from framing.errors import AnalysisError


def test_bundled_analysis_tables(result):
    docs = result.documents
    assert docs["doc_id"].tolist() == ["leak-reveals-plan", "wsws-mass-immigration-raids"]
    assert (docs["status"] == "ok").all()
    assert docs["n_sentences"].tolist() == [39, 59]
    assert docs["n_paragraphs"].tolist() == [26, 25]
    assert (docs["n_tokens"] > 700).all()
    sents = result.sentences
    assert list(sents.columns[:8]) == ["doc_id", "sent_index", "para_index", "kind", "start", "end", "text", "n_tokens"]
    for row in sents.itertuples():
        assert result.text(row.doc_id)[row.start:row.end] == row.text
    assert sents.groupby("doc_id")["n_tokens"].sum().to_dict() == docs.set_index("doc_id")["n_tokens"].to_dict()
    assert set(result.measures.columns) == {"doc_id", "measure", "value"}
    assert {"n_tokens", "n_sentences"} <= set(result.measures["measure"])
    assert result.manifest["framing_version"] == framing.__version__


def test_spans_reconstruct_the_text(result):
    """The evidence contract, for every layer present: text[start:end] == span text."""
    for row in result.spans.itertuples():
        assert result.text(row.doc_id)[row.start:row.end] == row.text, row


def test_dataframe_input_keeps_ids_as_strings_in_order():
    frame = pd.DataFrame({"doc_id": [30, 10, 20], "text": ["C text.", "A text.", "B text."]})
    res = framing.analyze(frame)
    assert res.documents["doc_id"].tolist() == ["30", "10", "20"]


def test_list_input_generates_ids_and_flags_empty():
    res = framing.analyze(["A sentence here.", "", "Another one."])
    docs = res.documents
    assert docs["doc_id"].tolist() == ["doc-00001", "doc-00002", "doc-00003"]
    assert docs["status"].tolist() == ["ok", "empty", "ok"]
    assert docs.loc[1, "n_tokens"] == 0


class _Exploding(Annotator):
    layers = ("boom",)

    def __init__(self, *, trigger: str = "explode"):
        self.trigger = trigger

    def annotate(self, doc, out):
        if self.trigger in doc.text:
            raise RuntimeError("annotator broke")
        out.add_span(0, 0, 1, "boom", "first-char", rule="test")


def test_a_failing_annotator_flags_the_document_and_the_run_goes_on():
    res = framing.analyze(["Fine text.", "Please explode now.", "Also fine."], annotators=[_Exploding()])
    docs = res.documents.set_index("doc_id")
    assert docs["status"].tolist() == ["ok", "error", "ok"]
    assert "RuntimeError: annotator broke" in docs.at["doc-00002", "status_detail"]
    assert res.spans["doc_id"].tolist() == ["doc-00001", "doc-00003"]
    assert res.manifest["annotators"] == {"_Exploding": {"trigger": "explode"}}


def test_duplicate_ids_in_a_dataframe_are_refused():
    with pytest.raises(framing.CorpusError, match="duplicate doc_id 'x'"):
        framing.analyze(pd.DataFrame({"doc_id": ["x", "x"], "text": ["a", "b"]}))


def test_save_round_trip(result, tmp_path):
    written = result.save(tmp_path / "csv")
    docs = pd.read_csv(written["documents"])
    assert docs["doc_id"].tolist() == result.documents["doc_id"].tolist()
    result.save(tmp_path / "pq", format="parquet")
    sents = pd.read_parquet(tmp_path / "pq" / "sentences.parquet")
    assert len(sents) == len(result.sentences)
    with pytest.raises(AnalysisError, match="format must be"):
        result.save(tmp_path, format="xlsx")


class _ProcessId(Annotator):
    """Records which process analysed the document (a text measure: kept in ``documents``,
    not in the long ``measures`` table)."""

    def annotate(self, doc, out):
        import os

        out.measures["pid"] = str(os.getpid())


def test_workers_analyse_in_a_process_pool_with_the_same_tables(monkeypatch):
    """analyze(workers=2) on 5 batches: analysed in other processes, in input order, tables identical."""
    import os

    import framing.analysis as analysis
    from framing.stream import synthetic_corpus

    monkeypatch.setattr(analysis, "POOL_BATCH", 5)
    docs = pd.DataFrame(synthetic_corpus(24, seed=5, vary=0.5))[["doc_id", "text"]]
    docs = pd.concat([docs, pd.DataFrame({"doc_id": ["empty"], "text": [""]})], ignore_index=True)  # 25 = 5 x 5
    pipeline = [*analysis.build_pipeline().annotators, _ProcessId()]
    one = framing.analyze(docs, annotators=pipeline)
    two = framing.analyze(docs, annotators=pipeline, workers=2)
    pids = two.documents["pid"].dropna()  # (the empty document runs no annotator)
    assert set(one.documents["pid"].dropna()) == {str(os.getpid())}
    assert len(pids) == 24 and str(os.getpid()) not in set(pids) and len(set(pids)) <= 2
    assert two.documents["doc_id"].tolist() == docs["doc_id"].tolist()
    assert two.documents.loc[24, "status"] == "empty"
    for name in ("sentences", "spans", "attributions", "measures"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    pd.testing.assert_frame_equal(one.documents.drop(columns="pid"), two.documents.drop(columns="pid"))
    with pytest.raises(AnalysisError, match="workers must be"):
        framing.analyze(docs, workers=0)
