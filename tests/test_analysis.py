"""The result model: every input document appears, in order, with a status."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.errors import AnalysisError
from framing.io.corpus import CorpusWarning
from framing.layers.base import Annotator


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
        assert result.text(row.doc_id)[row.start : row.end] == row.text
    assert sents.groupby("doc_id")["n_tokens"].sum().to_dict() == docs.set_index("doc_id")["n_tokens"].to_dict()
    assert set(result.measures.columns) == {"doc_id", "measure", "value"}
    assert {"n_tokens", "n_sentences"} <= set(result.measures["measure"])
    assert result.manifest["framing_version"] == framing.__version__


def test_spans_reconstruct_the_text(result):
    """The evidence contract, for every layer present: text[start:end] == span text."""
    for row in result.spans.itertuples():
        assert result.text(row.doc_id)[row.start : row.end] == row.text, row


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


def test_html_left_in_scraped_text_flags_the_document():
    a = framing.analyze(
        [
            "<p>The mayor said &quot;we will not comply&quot; on Tuesday.</p>",
            'AT&T said profits rose as x < y; R&D spending fell. "We are pleased," the CEO said.',
        ]
    )
    docs = a.documents.set_index("doc_id")
    html, plain = docs.iloc[0], docs.iloc[1]
    assert html.status == "warning" and "HTML markup (4 tags or entities, first '<p>')" in html.status_detail
    assert "html.unescape" in html.status_detail
    assert plain.status == "ok"  # an ampersand or a less-than sign alone is no markup
    assert len(a.spans[a.spans.doc_id == docs.index[0]]) > 0  # flagged, still analysed


def test_a_failing_annotator_flags_the_document_and_the_run_goes_on():
    res = framing.analyze(["Fine text.", "Please explode now.", "Also fine."], annotators=[_Exploding()])
    docs = res.documents.set_index("doc_id")
    assert docs["status"].tolist() == ["ok", "error", "ok"]
    assert "RuntimeError: annotator broke" in docs.at["doc-00002", "status_detail"]
    assert res.spans["doc_id"].tolist() == ["doc-00001", "doc-00003"]
    assert res.manifest["annotators"] == {"_Exploding": {"trigger": "explode"}}


class _SeesEarlierLayer(Annotator):
    """Counts the spans earlier annotators wrote for the same document (a later layer may read them)."""

    def annotate(self, doc, out):
        out.measures["n_earlier_spans"] = len(out.spans)


def test_a_batch_analysed_layer_by_layer_equals_one_document_at_a_time(seed_texts):
    """analyze_documents (all documents segmented, then one annotator at a time over the
    batch) gives each document exactly what analyze_document gives it alone: spans in the
    same order, the same measures, statuses, and what a later layer sees of an earlier one."""
    from benchmarks._corpus import synthetic_corpus
    from framing.analysis import analyze_document, analyze_documents, build_pipeline

    pipeline = build_pipeline([*build_pipeline().annotators, _Exploding(), _SeesEarlierLayer()])
    rows = [(doc_id, text, "") for doc_id, text in seed_texts.items()]
    rows += [(r["doc_id"], r["text"], "") for r in synthetic_corpus(6, seed=3, vary=0.5)]
    rows += [("empty", "", ""), ("number", 12, ""), ("boom", "Officials said it would explode.", "a loader note")]
    batch = analyze_documents(rows, pipeline)
    assert [r.doc_id for r in batch] == [row[0] for row in rows]
    for got, (doc_id, text, note) in zip(batch, rows):
        alone = analyze_document(doc_id, text, pipeline, note)
        assert (got.status, got.status_detail) == (alone.status, alone.status_detail)
        assert got.spans == alone.spans and got.attributions == alone.attributions
        assert got.sentences == alone.sentences and got.sentence_values == alone.sentence_values
        # (repr: NaN measures, e.g. shares of no attribution, are equal there; floats repr exactly)
        assert repr(got.measures) == repr(alone.measures) and repr(got.long_measures) == repr(alone.long_measures)
    by_id = {r.doc_id: r for r in batch}
    assert by_id["leak-reveals-plan"].measures["n_earlier_spans"] > 100  # tone, loaded, attribution, frame spans
    assert [by_id[k].status for k in ("empty", "number", "boom")] == ["empty", "error", "error"]
    assert by_id["boom"].status_detail == "a loader note; _Exploding failed: RuntimeError: annotator broke"


def test_a_segmenter_failure_flags_the_document_and_the_run_goes_on(monkeypatch, tmp_path):
    """A bug in the segmenter on one document is that document's error row, in analyze and analyze_to."""
    import framing.analysis as analysis

    real = analysis.segment

    def fragile(text, doc_id):
        if "trap" in text:
            raise ValueError("cannot split this")
        return real(text, doc_id)

    monkeypatch.setattr(analysis, "segment", fragile)
    texts = ["Fine text here.", "A trap for the segmenter.", "Also fine."]
    docs = framing.analyze(texts).documents
    assert docs["status"].tolist() == ["ok", "error", "ok"]
    assert docs.loc[1, "status_detail"] == "segmentation failed: ValueError: cannot split this"
    assert docs.loc[1, "n_sentences"] == 0
    framing.analyze_to(texts, tmp_path / "out", progress=False)
    streamed = framing.read_results(tmp_path / "out").documents
    assert streamed["status"].tolist() == ["ok", "error", "ok"]
    assert streamed.loc[1, "status_detail"] == "segmentation failed: ValueError: cannot split this"


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
    from benchmarks._corpus import synthetic_corpus

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


def _reference_spans_frame(results):
    """spans_frame before it went through Arrow (kept as the oracle)."""
    from framing.layers.base import SPAN_COLUMNS

    rows = [row for r in results for row in r.spans]
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return pd.DataFrame(columns=SPAN_COLUMNS)
    extra = [c for c in frame.columns if c not in SPAN_COLUMNS]
    return frame[SPAN_COLUMNS + extra]


def _reference_sentences_frame(results):
    """sentences_frame before it went through Arrow (kept as the oracle)."""
    from framing.tables import SENTENCE_COLUMNS

    rows, extra_cols = [], []
    for r in results:
        for name in r.sentence_values:
            if name not in extra_cols:
                extra_cols.append(name)
        for i, row in enumerate(r.sentences):
            if r.sentence_values:
                row = dict(row)
                for name, values in r.sentence_values.items():
                    row[name] = values[i]
            rows.append(row)
    return pd.DataFrame.from_records(rows, columns=[*SENTENCE_COLUMNS, *extra_cols])


class _OddDetails(Annotator):
    """Evidence and sentence columns of awkward types: mixed, explicit None in a bool, dates."""

    def __init__(self, kind="mixed"):
        self.kind = kind

    def annotate(self, doc, out):
        col = out.sentence_column(f"odd_{self.kind}", len(doc.sentences))
        for s in doc.sentences[:3]:
            value = {
                "mixed": s.index if s.index % 2 else f"s{s.index}",
                "none_bool": None if s.index == 1 else True,
                "date": pd.Timestamp("2025-02-01") + pd.Timedelta(days=s.index),
                "bool": s.index > 0,
            }[self.kind]
            out.add_span(s.index, s.start, s.end, "odd", "c", detail=value)
            col[s.index] = value


@pytest.mark.parametrize("extra", [None, "mixed", "none_bool", "date", "bool"])
def test_tables_through_arrow_equal_the_from_records_tables(seed_texts, extra):
    """spans_frame and sentences_frame (through Arrow where exact) equal the from_records
    frames, dtypes included, on seeds, varied synthetic news, odd documents and awkward types."""
    from benchmarks._corpus import synthetic_corpus
    from framing.analysis import analyze_document, build_pipeline
    from framing.tables import _spans_frame_arrow, sentences_frame, spans_frame

    texts = [
        *seed_texts.values(),
        *(r["text"] for r in synthetic_corpus(12, seed=3, vary=0.7)),
        "",
        "No evidence here.",
        '“Terrible,” he said. A so-called "plan" was leaked!\n\nICE agents raided homes.',
    ]
    annotators = build_pipeline().annotators + ([_OddDetails(extra)] if extra else [])
    pipeline = build_pipeline(annotators)
    results = [analyze_document(f"d{i}", t, pipeline) for i, t in enumerate(texts)]
    # the fast path where it is exact, the dict rows for mixed types, explicit None in a bool, dates
    assert (_spans_frame_arrow(results) is not None) == (extra in (None, "bool"))
    pd.testing.assert_frame_equal(spans_frame(results), _reference_spans_frame(results))
    pd.testing.assert_frame_equal(sentences_frame(results), _reference_sentences_frame(results))
    one = [analyze_document("x", "", pipeline)]  # no sentences, no spans
    pd.testing.assert_frame_equal(spans_frame(one), _reference_spans_frame(one))
    pd.testing.assert_frame_equal(sentences_frame(one), _reference_sentences_frame(one))


# -- options: refused when unknown, applied to the annotators that take them ----------------


@pytest.mark.parametrize(
    "options, message",
    [
        ({"tone_overides": False}, r"analyze\(\): unknown option 'tone_overides'\. Did you mean 'tone_overrides'\?"),
        ({"worker": 2}, r"unknown option 'worker'\. Did you mean 'workers'\?"),
        ({"builtin_lexicon": False}, r"Did you mean 'builtin_lexicons'\?"),
        ({"colour": "red"}, r"unknown option 'colour'\. Valid options: annotators, builtin_lexicons, id_column"),
    ],
)
def test_analyze_refuses_an_unknown_option_naming_the_closest(options, message):
    with pytest.raises(AnalysisError, match=message) as info:
        framing.analyze(["A text."], **options)
    assert "tone_overrides" in str(info.value) and "workers" in str(info.value)  # the valid options


def test_default_annotators_refuses_an_unknown_option():
    with pytest.raises(
        AnalysisError,
        match=r"default_annotators\(\): unknown option 'tone_override'\. "
        r"Did you mean 'tone_overrides'\? Valid options: builtin_lexicons, "
        r"lexicons, tone_overrides",
    ):
        framing.default_annotators(tone_override=False)
    from framing.analysis import build_pipeline

    with pytest.raises(AnalysisError, match=r"build_pipeline\(\): unknown option 'lexicon'\. Did you mean 'lexicons'"):
        build_pipeline(lexicon=[])
    assert framing.default_annotators.__doc__.count("tone_overrides") >= 1
    assert [type(a).__name__ for a in framing.default_annotators(tone_overrides=False, builtin_lexicons=False)] == [
        "ToneAnnotator",
        "LoadedLanguageAnnotator",
        "AttributionAnnotator",
        "FrameAnnotator",
    ]


def _tables_equal(a, b):
    for name in framing.Analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.manifest == b.manifest


def _mine(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("pattern,category,weight,source,note\nraid*,raid_talk,1,test,\n", encoding="utf-8")
    return framing.Lexicon.from_csv(path)


TEXTS = ["Agents raided homes, and the raids were a disaster, the mayor said.", "It was a terrible, awful day."]


def test_annotators_compose_with_tone_overrides_and_lexicons(tmp_path):
    """annotators= plus the options gives what the options give the built-in pipeline;
    the annotators passed in are left as they were."""
    mine = _mine(tmp_path)
    for options in ({"tone_overrides": False}, {"lexicons": [mine]}, {"lexicons": [mine], "builtin_lexicons": False}):
        given = framing.default_annotators()
        before = [a.get_params() for a in given]
        composed = framing.analyze(TEXTS, annotators=given, **options)
        _tables_equal(composed, framing.analyze(TEXTS, **options))
        assert [a.get_params() for a in given] == before
    off = framing.analyze(TEXTS, annotators=framing.default_annotators(), tone_overrides=False)
    assert off.manifest["annotators"]["ToneAnnotator"]["overrides"] is False
    added = framing.analyze(TEXTS, annotators=framing.default_annotators(), lexicons=[mine])
    assert "raid_talk" in set(added.spans.category)


def test_lexicons_add_to_those_an_annotator_already_has(tmp_path):
    from framing.layers.loaded import LoadedLanguageAnnotator

    mine = _mine(tmp_path)
    other_path = tmp_path / "other.csv"
    other_path.write_text("pattern,category,weight,source,note\nmayor,office,1,test,\n", encoding="utf-8")
    other = framing.Lexicon.from_csv(other_path)
    own = LoadedLanguageAnnotator(lexicons=[other], builtin=False)
    res = framing.analyze(TEXTS, annotators=[own], lexicons=[mine, other])
    assert res.manifest["annotators"]["LoadedLanguageAnnotator"]["lexicons"] == [repr(other), repr(mine)]
    assert {"raid_talk", "office"} <= set(res.spans.category)


def test_an_option_no_annotator_in_the_list_takes_is_an_error(tmp_path):
    from framing.layers.frames import FrameAnnotator
    from framing.layers.tone import ToneAnnotator

    with pytest.raises(
        AnalysisError,
        match=r"lexicons= was given with annotators=, but no annotator in the list "
        r"takes it \(it applies to a LoadedLanguageAnnotator; the list has: "
        r"FrameAnnotator\)",
    ):
        framing.analyze(TEXTS, annotators=[FrameAnnotator()], lexicons=[_mine(tmp_path)])
    with pytest.raises(AnalysisError, match=r"tone_overrides=.*ToneAnnotator.*the list has: none"):
        framing.analyze(TEXTS, annotators=[], tone_overrides=False)
    with pytest.raises(AnalysisError, match="builtin_lexicons="):
        framing.analyze(TEXTS, annotators=[ToneAnnotator()], builtin_lexicons=False)
    with pytest.raises(AnalysisError, match=r"annotators= takes a list of annotators.*\[annotator\]"):
        framing.analyze(TEXTS, annotators=ToneAnnotator())
    # options at their defaults are no request: an annotator list without those layers is fine
    assert len(framing.analyze(TEXTS, annotators=[FrameAnnotator()], tone_overrides=True, lexicons=None).documents) == 2


# -- the summary Jupyter shows ------------------------------------------------------------


def test_repr_html_summarises_and_escapes():
    frame = pd.DataFrame(
        {
            "doc_id": ["<script>alert(1)</script>", "fine", "a&b"],
            "text": ["", "Agents raided homes, the mayor said. It was a terrible day.", "<p>Tagged &amp; scraped.</p>"],
        }
    )
    res = framing.analyze(frame)
    html = res._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a&amp;b" in html and "<p>Tagged" not in html  # the status detail quotes the markup, escaped
    assert "3 (1 ok, 1 warning, 1 empty)" in html
    assert f'<td style="text-align:left;vertical-align:top">{len(res.sentences)}</td>' in html
    layers = res.spans["layer"].value_counts()
    listed = ", ".join(f"{layers[k]} {k}" for k in res.spans["layer"].drop_duplicates())
    assert f"{len(res.spans)} ({listed})" in html and len(layers) > 2
    assert f"{len(res.attributions)}</td>" in html
    assert "tone_overrides.csv " + res.manifest["lexicons"]["tone_overrides.csv"] in html
    assert "fine</code>" not in html  # only documents that are not ok are listed


def test_repr_html_lists_at_most_ten_flagged_documents():
    res = framing.analyze([""] * 12)
    html = res._repr_html_()
    assert html.count("<li><code>") == 10 and "and 2 more" in html and "12 (12 empty)" in html


# -- An empty corpus: empty tables with their columns (issue 20, item 2) -------------------


def _empty_sources(tmp_path):
    header_only = tmp_path / "header.csv"
    header_only.write_text("doc_id,text,outlet\n", encoding="utf-8")
    empty_jsonl = tmp_path / "empty.jsonl"
    empty_jsonl.write_text("", encoding="utf-8")
    return {
        "list": [],
        "header-only CSV": header_only,
        "empty JSONL": empty_jsonl,
        "empty DataFrame": pd.DataFrame({"doc_id": [], "text": []}),
    }


def test_an_empty_corpus_gives_empty_tables_with_their_columns(tmp_path):
    from framing.layers.base import SPAN_COLUMNS
    from framing.tables import ATTRIBUTION_COLUMNS, COUNT_COLUMNS, SENTENCE_COLUMNS

    for name, source in _empty_sources(tmp_path).items():
        res = framing.analyze(source)
        docs = res.documents
        assert len(docs) == 0, name
        assert list(docs.columns) == [
            "doc_id",
            "title",
            "outlet",
            "author",
            "date",
            "url",
            "source",
            "status",
            "status_detail",
            *COUNT_COLUMNS,
        ], name
        assert list(res.sentences.columns[:8]) == SENTENCE_COLUMNS, name
        assert {"tone", "tone_intensity", "loaded_per_1k", "frame_cues"} <= set(res.sentences.columns), name
        assert list(res.spans.columns[:8]) == SPAN_COLUMNS, name
        assert list(res.attributions.columns[: len(ATTRIBUTION_COLUMNS)]) == ATTRIBUTION_COLUMNS, name
        assert list(res.measures.columns) == ["doc_id", "measure", "value"], name
        assert res.doc_ids == [] and "0 documents" in repr(res) and "documents" in res._repr_html_()
    from framing.tables import empty_tables

    res = framing.analyze([])
    declarations = framing.Pipeline().declarations
    assert {name: list(frame.columns) for name, frame in empty_tables(declarations).items()} == {
        name: list(getattr(res, name).columns) for name in res.TABLES
    }
    assert list(empty_tables()["sentences"].columns) == SENTENCE_COLUMNS


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_empty_analysis_saves_files_pandas_reads(tmp_path, fmt):
    res = framing.analyze([])
    written = res.save(tmp_path / "out", format=fmt)
    for name in res.TABLES:
        path = written[name]
        back = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
        assert len(back) == 0 and list(back.columns) == list(getattr(res, name).columns), name


# -- Invalid Unicode: one flagged row, never a failed corpus (issue 20, item 3) ------------


def test_a_lone_surrogate_is_one_flagged_row_not_a_failed_corpus(tmp_path):
    with pytest.warns(CorpusWarning, match=r"item 2.*lone surrogate"):
        res = framing.analyze(["ok.", "bad \ud800 text."])
    docs = res.documents
    assert docs["status"].tolist() == ["ok", "warning"]
    assert "invalid Unicode" in docs.at[1, "status_detail"] and "U+FFFD" in docs.at[1, "status_detail"]
    assert res.text("doc-00002") == "bad \ufffd text."  # same length: the offsets still hold
    for row in res.sentences.itertuples():
        assert res.text(row.doc_id)[row.start : row.end] == row.text
    res.save(tmp_path / "out", format="parquet")  # nothing left that Arrow cannot encode


def test_lone_surrogates_in_json_text_and_metadata_are_repaired_and_flagged(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"doc_id": "a", "title": "T\\udc00", "text": "One \\ud83d two."}\n{"doc_id": "b", "text": "Fine text."}\n',
        encoding="utf-8",
    )
    with pytest.warns(CorpusWarning, match=r"s\.jsonl:line 1"):
        res = framing.analyze(path)
    assert res.documents["status"].tolist() == ["warning", "ok"]
    assert res.documents.at[0, "title"] == "T\ufffd" and res.text("a") == "One \ufffd two."
    assert "'title'" in res.documents.at[0, "status_detail"]


def test_a_corpus_frame_holding_a_surrogate_flags_its_document():
    """A corpus frame built by hand (object column) skips the loader: its document is an error row."""
    frame = framing.load_corpus(["Fine text.", "Also fine."])
    frame["text"] = pd.Series(["Fine text.", "Bad \udfff text."], dtype=object)
    res = framing.analyze(frame)
    assert res.documents["status"].tolist() == ["ok", "error"]
    assert "invalid Unicode" in res.documents.at[1, "status_detail"]
    assert (res.sentences["doc_id"] == "doc-00002").sum() == 0


def test_workers_past_four_per_core_are_refused_with_the_limit(tmp_path):
    import os

    cores = os.cpu_count() or 1
    with pytest.raises(framing.AnalysisError, match=f"use at most {4 * cores}"):
        framing.analyze(["A text."], workers=4 * cores + 1)
    with pytest.raises(framing.AnalysisError, match=f"use at most {4 * cores}"):
        framing.analyze_to(["A text."], tmp_path / "out", workers=1000, progress=False)
    assert not (tmp_path / "out").exists()  # refused before anything is written
