"""Streaming analysis (framing.analyze_to): layout, resume after a kill, refusals, engines."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import framing
from benchmarks._corpus import synthetic_corpus
from framing.analysis import analyze_document, build_pipeline
from framing.errors import AnalysisError, ResumeError
from framing.io.stream import TABLES, analyze_to, read_results
from framing.layers.base import Annotator

ROOT = Path(__file__).resolve().parents[1]


def digest(folder: Path) -> dict[str, str]:
    """Every file of an output folder (relative path -> hash of its bytes)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def same_table(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal values; a missing value may be None in one and NaN in the other."""
    assert list(a.columns) == list(b.columns)
    a = a.astype(object).where(a.notna(), None).reset_index(drop=True)
    b = b.astype(object).where(b.notna(), None).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


@pytest.fixture(scope="module")
def generated(tmp_path_factory, corpus) -> Path:
    """The seed articles and ~200 short documents of resampled real news sentences, as JSON Lines."""
    path = tmp_path_factory.mktemp("gen") / "generated.jsonl"
    seeds = corpus[["doc_id", "title", "outlet", "text"]].to_dict("records")
    with path.open("w", encoding="utf-8") as handle:
        for rec in [*seeds, *synthetic_corpus(198, seed=7, sentences=(2, 5))]:
            handle.write(json.dumps(rec) + "\n")
    return path


@pytest.fixture(scope="module")
def generated_serial(generated, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    analyze_to(generated, out, chunk_size=20, progress=False)
    return out


def test_layout_and_same_tables_as_analyze(corpus_path, result, tmp_path):
    out = tmp_path / "out"
    run = analyze_to(corpus_path, out, chunk_size=1, progress=False)
    assert (run.n_documents, run.n_chunks, run.chunks_written, run.status) == (2, 2, 2, {"ok": 2})
    for name in TABLES:
        assert sorted(p.name for p in (out / name).iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] and manifest["n_documents"] == 2
    assert manifest["framing_version"] == framing.__version__
    assert manifest["lexicons"] == build_pipeline().versions() and manifest["lexicons"]
    assert manifest["parameters"]["chunk_size"] == 1
    assert [c["first_doc_id"] for c in manifest["chunks"]] == result.doc_ids

    back = read_results(out)
    for name in back.TABLES:
        same_table(getattr(back, name), getattr(result, name))
    doc_id = result.doc_ids[1]
    spans = back.spans[back.spans["doc_id"] == doc_id]
    assert len(spans) > 10
    assert all(back.text(doc_id)[s:e] == t for s, e, t in zip(spans["start"], spans["end"], spans["text"]))
    # every part of a table has the same columns, so Dask/DuckDB/Spark read the folder as one dataset
    import pyarrow.parquet as pq

    for name in TABLES:
        schemas = [pq.read_schema(p) for p in sorted((out / name).glob("part-*.parquet"))]
        assert all(s.equals(schemas[0]) for s in schemas), name
    assert len(pd.read_parquet(out / "spans")) == len(result.spans)


def test_pipeline_pickles_after_use(seed_texts):
    """Worker processes and Dask receive the pipeline pickled, also after it has loaded its lexicons."""
    pipeline = build_pipeline()
    doc_id, text = next(iter(seed_texts.items()))
    first = analyze_document(doc_id, text, pipeline)
    clone = pickle.loads(pickle.dumps(pipeline))
    again = analyze_document(doc_id, text, clone)
    assert first.spans == again.spans and first.measures == again.measures and first.status == "ok"


class FailOn(Annotator):
    """Raises on documents that contain ``word`` (module level, so it pickles)."""

    def __init__(self, word: str = "BOOM"):
        self.word = word

    def annotate(self, doc, out):
        if self.word in doc.text:
            raise RuntimeError(f"cannot handle {self.word}")
        out.measures["n_chars"] = len(doc.text)


def test_failed_and_empty_documents_keep_their_rows(tmp_path):
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["Fine text. Two sentences.", "This one goes BOOM here.", "", "Also fine."],
        }
    )
    run = analyze_to(corpus, tmp_path / "out", chunk_size=3, annotators=[FailOn()], progress=False)
    docs = read_results(tmp_path / "out").documents.set_index("doc_id")
    assert docs.index.tolist() == ["a", "b", "c", "d"] and run.n_documents == 4
    assert docs["status"].tolist() == ["ok", "error", "empty", "ok"]
    assert "FailOn failed: RuntimeError: cannot handle BOOM" in docs.loc["b", "status_detail"]
    assert run.status == {"empty": 1, "error": 1, "ok": 2}


def test_resume_after_partial_chunk_restores_identical_output(generated, generated_serial, tmp_path):
    out = tmp_path / "out"
    analyze_to(generated, out, chunk_size=20, progress=False)
    assert digest(out) == digest(generated_serial)
    # a run that died after writing some tables of chunk 3 but before its marker, mid-write of another
    (out / "_chunks" / "chunk-00003.json").unlink()
    (out / "spans" / "part-00003.parquet").write_bytes(b"truncated")
    (out / "sentences" / ".part-00004.parquet.tmp").write_bytes(b"half")
    (out / "_chunks" / "chunk-00007.json").unlink()
    for name in TABLES:
        (out / name / "part-00007.parquet").unlink()
    run = analyze_to(generated, out, chunk_size=20, progress=False)
    assert (run.chunks_skipped, run.chunks_written, run.n_documents) == (8, 2, 200)
    assert digest(out) == digest(generated_serial)


@pytest.mark.slow
def test_resume_after_killing_a_real_run(generated, generated_serial, tmp_path):
    out = tmp_path / "out"
    code = (
        "import sys; from framing.io.stream import analyze_to; "
        "analyze_to(sys.argv[1], sys.argv[2], chunk_size=20, progress=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(generated), str(out)], cwd=ROOT)
    markers = out / "_chunks"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if markers.is_dir() and len(list(markers.glob("chunk-*.json"))) >= 3:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = len(list(markers.glob("chunk-*.json")))
    assert 3 <= finished < 10, "the run was not killed part way"
    assert not json.loads((out / "manifest.json").read_text())["complete"]
    with pytest.raises(AnalysisError, match="not finished"):
        read_results(out)

    run = analyze_to(generated, out, chunk_size=20, progress=False)
    assert run.chunks_skipped == finished and run.chunks_written == 10 - finished
    assert digest(out) == digest(generated_serial)
    docs = read_results(out, tables=["documents"]).documents
    assert docs["doc_id"].is_unique and len(docs) == 200


def test_resume_with_other_settings_is_refused(corpus_path, tmp_path):
    out = tmp_path / "out"
    analyze_to(corpus_path, out, chunk_size=1, progress=False)
    before = digest(out)
    with pytest.raises(ResumeError, match=r"parameters\.chunk_size was 1, now 2"):
        analyze_to(corpus_path, out, chunk_size=2, progress=False)
    with pytest.raises(ResumeError, match=r"annotators\.ToneAnnotator\.overrides was True, now False"):
        analyze_to(corpus_path, out, chunk_size=1, tone_overrides=False, progress=False)
    assert digest(out) == before  # nothing was touched
    # the engine may change on resume; the output stays the same
    run = analyze_to(corpus_path, out, chunk_size=1, engine="serial", workers=2, progress=False)
    assert run.chunks_skipped == 2 and digest(out) == before


def test_resume_with_changed_documents_is_refused(tmp_path):
    out = tmp_path / "out"
    analyze_to(["First article. It is short.", "Second article."], out, chunk_size=1, progress=False)
    with pytest.raises(ResumeError, match="chunk 1 was written from other documents"):
        analyze_to(["First article. It is short.", "Second article, edited."], out, chunk_size=1, progress=False)


def test_progress_bar_counts_analysed_and_resumed_documents(tmp_path, capsys):
    """The bar appears once the source yields, counts every document, and shows MB/s for analysed text."""
    texts = ["First article. It is short.", "Second article.", "Third article, the last."]
    run = analyze_to(texts, tmp_path / "o", chunk_size=1, progress=True)
    err = capsys.readouterr().err
    assert "analyse" in err and "3/3" in err and "MB/s" in err
    assert (run.chunks_written, run.chunks_skipped, run.n_analysed) == (3, 0, 3)
    again = analyze_to(texts, tmp_path / "o", chunk_size=1, progress=True)  # every chunk resumed
    err = capsys.readouterr().err
    assert "3/3" in err and "MB/s" not in err  # nothing analysed, no rate
    assert (again.chunks_written, again.chunks_skipped, again.n_analysed, again.n_documents) == (0, 3, 0, 3)
    assert again.status == run.status == again.manifest["status"] == {"ok": 3}
    analyze_to(texts, tmp_path / "quiet", chunk_size=1, progress=False)
    assert capsys.readouterr().err == ""


def test_refuses_folder_with_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(AnalysisError, match="not empty and holds no framing manifest.json"):
        analyze_to(["Text."], tmp_path, progress=False)
    with pytest.raises(AnalysisError, match="engine must be one of serial, processes, dask"):
        analyze_to(["Text."], tmp_path / "o", engine="spark", progress=False)


def test_json_folder_with_configurable_fields(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    for i, body in enumerate(["Officials said the plan was ready. Critics disagreed.", "A second story."]):
        (src / f"{i}.json").write_text(
            json.dumps(
                {
                    "id": f"story-{i}",
                    "body": body,
                    "headline": f"Headline {i}",
                    "meta": {"published": f"2025-02-0{i + 1}", "site": "Example News"},
                }
            )
        )
    fields = {"doc_id": "id", "text": "body", "title": "headline", "date": "meta.published", "outlet": "meta.site"}
    analyze_to(src, tmp_path / "out", fields=fields, progress=False)
    docs = read_results(tmp_path / "out").documents
    assert docs["doc_id"].tolist() == ["story-0", "story-1"]
    assert docs["title"].tolist() == ["Headline 0", "Headline 1"]
    assert docs["outlet"].tolist() == ["Example News"] * 2
    assert docs["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-02-01", "2025-02-02"]
    assert read_results(tmp_path / "out").text("story-0").startswith("Officials said")


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask", "auto"])
def test_engines_write_identical_files(engine, generated, generated_serial, tmp_path):
    """Seed articles plus generated documents: the same bytes from every engine (2 workers, 10 chunks)."""
    out = tmp_path / engine
    run = analyze_to(generated, out, chunk_size=20, engine=engine, workers=2, progress=False)
    assert run.n_documents == 200 and run.chunks_written == 10
    assert run.engine == ("processes" if engine == "auto" else engine)  # auto: 10 chunks >= 4, 2 workers
    assert digest(out) == digest(generated_serial)


class _Unpicklable(Annotator):
    """An annotator that cannot be shipped to another process (it holds a lock)."""

    def __init__(self):
        import threading

        self.lock = threading.Lock()

    def annotate(self, doc, out):
        with self.lock:
            out.measures["n_chars"] = len(doc.text)


def test_auto_engine_runs_serial_when_processes_cannot_help(corpus_path, seed_texts, tmp_path):
    """engine='auto' stays in this process for few chunks, one worker or an unpicklable pipeline."""
    from framing.io.stream import AUTO_MIN_CHUNKS

    # the seeds in chunks of one document: 2 chunks, fewer than AUTO_MIN_CHUNKS
    run = analyze_to(corpus_path, tmp_path / "few", chunk_size=1, engine="auto", workers=2, progress=False)
    assert AUTO_MIN_CHUNKS > 2 and run.engine == "serial" and run.chunks_written == 2
    texts = [t for t in seed_texts.values()] * 3  # 6 chunks of one document
    run = analyze_to(texts, tmp_path / "one", chunk_size=1, engine="auto", workers=1, progress=False)
    assert run.engine == "serial" and run.n_documents == 6
    with pytest.raises(AnalysisError, match="cannot be pickled"):
        analyze_to(texts, tmp_path / "p", chunk_size=1, engine="processes", annotators=[_Unpicklable()], progress=False)
    run = analyze_to(
        texts, tmp_path / "u", chunk_size=1, engine="auto", workers=2, annotators=[_Unpicklable()], progress=False
    )
    assert run.engine == "serial"
    assert run.read(["documents"]).documents["n_chars"].tolist() == [len(t) for t in texts]


def test_cli_analyze_streams_partitioned_parquet(corpus_path, tmp_path):
    from framing.cli import main

    out = tmp_path / "out"
    assert main(["analyze", str(corpus_path), "--out", str(out), "--format", "parts", "--chunk-size", "1", "-q"]) == 0
    assert (out / "spans" / "part-00001.parquet").exists() and not (out / "spans.csv").exists()
    assert main(["analyze", str(corpus_path), "--out", str(out), "--chunk-size", "1", "-q"]) == 0  # resumes
    assert len(pd.read_csv(out / "documents.csv")) == 2
    assert main(["analyze", str(corpus_path), "--out", str(out), "--chunk-size", "2", "-q"]) == 1  # refused


def test_synthetic_corpus_vary_grows_the_vocabulary_deterministically():
    """vary=0.5 swaps long lower-case words for general-English ones: many more distinct words, same length."""
    import re

    def vocabulary(records):
        return {w.lower() for r in records for w in re.findall(r"[A-Za-z]+", r["text"])}

    plain = list(synthetic_corpus(40, seed=3))
    varied = list(synthetic_corpus(40, seed=3, vary=0.5))
    assert varied == list(synthetic_corpus(40, seed=3, vary=0.5))
    assert [r["title"] for r in varied] == [r["title"] for r in plain]  # same sentences picked; headings kept
    assert len(vocabulary(varied)) > 3 * len(vocabulary(plain))
    n_words = [len(r["text"].split()) for r in plain]
    assert [len(r["text"].split()) for r in varied] == n_words  # one word for one word


def test_span_rows_as_tuples_make_the_same_table_as_dict_rows(seed_texts):
    """Evidence written as tuple blocks, as dicts (some changed after add_span) or both,
    in any order, gives the spans table of the dict rows; ``spans`` shows them in order."""
    import math

    from framing.layers.base import SPAN_COLUMNS, DocResult
    from framing.tables import _rows_table, _span_table

    text = next(iter(seed_texts.values()))
    keys_a = (*SPAN_COLUMNS, "weight", "voice")
    keys_b = (*SPAN_COLUMNS, "typology")
    mixed, plain = DocResult("d1", _text=text), DocResult("d1", _text=text)
    for i, (start, end) in enumerate([(0, 5), (10, 20), (30, 31), (40, 52)]):
        values = ("d1", i, start, end, text[start:end], "loaded", "c", "r")
        if i % 2:
            mixed.span_rows(keys_a).append((*values, 0.5 * i, "authorial"))
            plain.spans.append(dict(zip(keys_a, (*values, 0.5 * i, "authorial"))))
        else:
            mixed.span_rows(keys_b).append((*values, "economic"))
            plain.add_span(i, start, end, "loaded", "c", "r", typology="economic")
        row = mixed.add_span(i, start + 1, end, "frame", "f")
        row["pattern"] = "x" if i else math.nan  # a detail added after the call
        plain.add_span(i, start + 1, end, "frame", "f", pattern="x" if i else math.nan)
    other = DocResult("d2", _text="No evidence here.")
    assert len(mixed.span_blocks()) == 8
    assert _span_table([mixed, other]).equals(_rows_table(plain.spans, SPAN_COLUMNS))
    assert _span_table([other]).equals(_rows_table([], SPAN_COLUMNS))
    rows = mixed.spans  # tuples become dicts, in the order written, all in one list
    assert [(r["start"], r["layer"]) for r in rows] == [(r["start"], r["layer"]) for r in plain.spans]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert mixed.span_blocks() == [(None, rows)] and mixed.spans is rows
    mixed.span_rows(keys_b).append(("d1", 9, 0, 3, text[:3], "loaded", "c", "r", "policy"))
    assert mixed.spans[-1]["typology"] == "policy" and len(mixed.spans) == 9


def test_every_streamed_part_has_the_declared_sentence_column_types(tmp_path):
    """A column a layer declares keeps its declared type even where no chunk holds a value of it."""
    import pyarrow.parquet as pq

    from framing.layers.base import Annotator, SentenceColumn

    class Unscored(Annotator):
        sentence_columns = (SentenceColumn("score", "a score this layer leaves missing", "float"),)

        def annotate(self, doc, out):
            out.sentence_column("score", len(doc.sentences))  # NaN everywhere

    analyze_to(
        ["The raid began at dawn.", "Officials said it was lawful."],
        tmp_path / "out",
        chunk_size=1,
        annotators=[Unscored()],
        progress=False,
    )
    parts = sorted((tmp_path / "out" / "sentences").glob("*.parquet"))
    assert len(parts) == 2
    assert {str(pq.read_schema(p).field("score").type) for p in parts} == {"double"}
    assert read_results(tmp_path / "out").sentences["score"].isna().all()


def test_misspelt_option_is_refused_like_analyze(tmp_path):
    """analyze_to names itself, the closest of its own options and every valid one, as analyze() does."""
    refused = r"analyze_to\(\): unknown option 'chunksize'\. Did you mean 'chunk_size'\?"
    with pytest.raises(AnalysisError, match=refused):
        analyze_to(["Text."], tmp_path / "o", chunksize=3, progress=False)
    with pytest.raises(AnalysisError, match=r"Valid options: .*builtin_lexicons.*engine.*overwrite"):
        analyze_to(["Text."], tmp_path / "o", overwrit=True, progress=False)
    assert not (tmp_path / "o").exists()


def test_empty_corpus_gives_empty_tables_with_their_columns(tmp_path):
    run = analyze_to([], tmp_path / "o", progress=False)
    assert (run.n_documents, run.n_chunks, run.status) == (0, 0, {})
    back = read_results(tmp_path / "o")
    assert len(back.documents) == 0 and {"doc_id", "status", "status_detail"} <= set(back.documents.columns)
    assert list(back.spans.columns)[:4] == ["doc_id", "sent_index", "start", "end"] and len(back.spans) == 0


# ---------------------------------------------------------------------------
# Failed runs, --overwrite, read-only folders, a full disk, two runs at once


def failing_write(monkeypatch, after: int, err: int = 28):
    """Make the n-th and later fsync of a file written by analyze_to fail with OSError(err) (28: ENOSPC)."""
    import errno as errno_

    calls = {"n": 0}
    real = os.fsync

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(err, os.strerror(err))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return errno_


def test_input_is_checked_before_anything_is_written(tmp_path):
    """A typo in the path or a CSV without the text column leaves --out untouched, so the corrected run starts."""
    out = tmp_path / "o8"
    with pytest.raises(framing.errors.CorpusError, match="budgt: no such file"):
        analyze_to(tmp_path / "budgt", out, progress=False)
    assert not out.exists()
    source = tmp_path / "a.csv"
    source.write_text("id,body\n1,Officials said it was fine.\n")
    with pytest.raises(framing.errors.CorpusError, match="text_column"):
        analyze_to(source, out, progress=False)
    assert not out.exists()
    run = analyze_to(source, out, text_column="body", id_column="id", progress=False)
    assert run.n_documents == 1 and run.status == {"ok": 1}


def test_a_run_that_wrote_no_chunk_never_blocks_the_next(tmp_path, monkeypatch):
    out = tmp_path / "o"
    texts = ["First article. It is short.", "Second article.", "Third."]
    failing_write(monkeypatch, after=1)  # the manifest is written, the first part is not
    with pytest.raises(OSError):
        analyze_to(texts, out, chunk_size=1, progress=False)
    monkeypatch.undo()
    assert (out / "manifest.json").exists() and not list((out / "_chunks").glob("chunk-*"))
    assert not list(out.rglob("*.tmp"))  # a failed write leaves no temporary file
    run = analyze_to(texts, out, chunk_size=2, progress=False)  # other settings: nothing to resume, so it starts
    assert (run.n_documents, run.chunks_written) == (3, 2)


def test_full_disk_stops_the_run_resumably(generated, generated_serial, tmp_path, monkeypatch):
    out = tmp_path / "out"
    failing_write(monkeypatch, after=1 + 7 * 4)  # the manifest, four chunks (6 tables and a marker each)
    with pytest.raises(OSError) as caught:
        analyze_to(generated, out, chunk_size=20, progress=False)
    assert caught.value.errno == 28
    monkeypatch.undo()
    assert len(list((out / "_chunks").glob("chunk-*"))) == 4
    run = analyze_to(generated, out, chunk_size=20, progress=False)
    assert (run.chunks_skipped, run.chunks_written) == (4, 6)
    assert digest(out) == digest(generated_serial)


def test_out_is_a_file(tmp_path):
    (tmp_path / "file").write_text("mine")
    with pytest.raises(AnalysisError, match="file, not a folder"):
        analyze_to(["Text."], tmp_path / "file", progress=False)
    with pytest.raises(AnalysisError, match="file, not a folder"):
        analyze_to(["Text."], tmp_path / "file" / "sub", progress=False)
    assert (tmp_path / "file").read_text() == "mine"


def test_overwrite_checks_first_and_deletes_only_what_framing_wrote(corpus_path, tmp_path, monkeypatch):
    """--overwrite twice in a row works; in a folder it cannot write it deletes nothing; a user's file stays;
    an overwrite stopped half way leaves a folder that resumes (or is overwritten) to the same output."""
    from framing.cli import main
    from framing.io import stream

    out = tmp_path / "ow"
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q"]) == 0
    first = digest(out)
    assert "documents.csv" in first
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q", "--overwrite"]) == 0
    assert digest(out) == first
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q", "--overwrite", "--chunk-size", "1"]) == 0
    assert (out / "spans" / "part-00001.parquet").exists()
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q", "--overwrite"]) == 0
    assert digest(out) == first  # the parts of the chunk-size-1 run are gone

    def read_only(path):
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr(stream, "_probe_writable", read_only)
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q", "--overwrite"]) == 1
    monkeypatch.undo()
    assert digest(out) == first

    (out / "notes.txt").write_text("mine")
    real_unlink = Path.unlink
    calls = {"n": 0}

    def unlink_then_die(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 5:
            raise KeyboardInterrupt
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", unlink_then_die)
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q", "--overwrite"]) == 130
    monkeypatch.undo()
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q"]) == 0  # resumes
    assert digest(out) == {**first, "notes.txt": digest(out)["notes.txt"]}
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q", "--overwrite"]) == 0
    assert (out / "notes.txt").read_text() == "mine"


def test_two_runs_into_one_folder_are_refused_with_the_pid(tmp_path):
    from framing.io.stream import _locked

    out = tmp_path / "o"
    out.mkdir()
    with _locked(out):
        with pytest.raises(AnalysisError, match=rf"another framing run \(process {os.getpid()}\) is writing"):
            analyze_to(["Text."], out, progress=False)
    assert not (out / ".framing.lock").exists()
    run = analyze_to(["Text."], out, progress=False)  # once the other run has finished
    assert run.n_documents == 1 and not (out / ".framing.lock").exists()


@pytest.mark.slow
def test_two_real_runs_into_one_folder_never_mix(generated, generated_serial, tmp_path):
    out = tmp_path / "out"
    code = "import sys; from framing.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = [
        "analyze",
        str(generated),
        "--out",
        str(out),
        "--chunk-size",
        "20",
        "--format",
        "parts",
        "-q",
        "--engine",
        "serial",
    ]
    procs = [
        subprocess.Popen([sys.executable, "-c", code, *argv], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    codes = sorted(c for c, _ in results)
    assert codes in ([0, 0], [0, 1]), results
    if codes == [0, 1]:
        assert any("another framing run" in err for _, err in results)
    assert digest(out) == digest(generated_serial)


# ---------------------------------------------------------------------------
# The driver dies or is interrupted: no worker outlives it, the run resumes


def children_of(pid: int) -> set[int]:
    """The processes (not zombies) whose parent is ``pid``, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            living.add(pid)
    return living


def start_driver(generated, out, *extra):
    """framing analyze with a pool of two workers, in its own session (like a terminal's job);
    returns the process once its workers run and a chunk is written, and the workers' pids."""
    code = "import sys; from framing.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = [
        "analyze",
        str(generated),
        "--out",
        str(out),
        "--chunk-size",
        "10",
        "--format",
        "parts",
        "--engine",
        "processes",
        "--workers",
        "2",
        "-q",
        *extra,
    ]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *argv], cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "_chunks").glob("chunk-*.json"))) >= 1 and len(children_of(proc.pid)) >= 3:
            return proc, children_of(proc.pid)  # two workers and the resource tracker
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"the run did not start its workers: {proc.communicate()[1][-2000:]}")


def wait_gone(pids: set[int], seconds: float = 15) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_driver_dies(generated, tmp_path, sig):
    out = tmp_path / "out"
    proc, workers = start_driver(generated, out)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=30)
    assert not wait_gone(workers), "orphan workers or resource tracker outlived the driver"
    if sig == signal.SIGTERM:  # kill PID: a clean stop, in one line
        assert proc.returncode == 143 and "Traceback" not in err and err.strip().startswith("framing: terminated"), err
        assert not (out / ".framing.lock").exists()
    run = analyze_to(generated, out, chunk_size=10, progress=False, format=None)  # resumes
    assert run.chunks_skipped >= 1 and run.n_documents == 200


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_c_prints_one_line_stops_the_workers_and_resumes(generated, tmp_path):
    out = tmp_path / "out"
    proc, workers = start_driver(generated, out)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and [line for line in err.splitlines() if line.strip()] == [
        "framing: interrupted; rerun the same command to resume (finished chunks are kept)"
    ], err
    assert not wait_gone(workers, 5)
    assert not (out / ".framing.lock").exists() and not list(out.rglob("*.tmp"))
    reference = tmp_path / "reference"
    analyze_to(generated, reference, chunk_size=10, progress=False)
    run = analyze_to(generated, out, chunk_size=10, progress=False)
    assert run.chunks_skipped >= 1 and digest(out) == digest(reference)


def test_stopped_on_error_ends_running_workers_at_once():
    """An error or Ctrl-C in the driver ends the pool's workers instead of waiting for their tasks (30 s each)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from framing.analysis import stopped_on_error

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool, stopped_on_error(pool):
            futures = [pool.submit(time.sleep, 30) for _ in range(4)]
            while not futures[0].running() and time.monotonic() - started < 20:
                time.sleep(0.05)
            processes = list(pool._processes.values())
            raise KeyboardInterrupt
    assert time.monotonic() - started < 25
    deadline = time.monotonic() + 5  # the sentinel closes a moment before the process can be reaped
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(p.is_alive() for p in processes)


def test_export_on_a_full_disk_leaves_no_half_file(tmp_path, monkeypatch):
    from framing.io import stream

    analyze_to(["First article. It is short.", "Second article."], tmp_path / "o", progress=False)
    real = stream._export_csv

    def full(parts, tmp, columns):
        real(parts, tmp, columns)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stream, "_export_csv", full)
    with pytest.raises(OSError) as caught:
        stream.export_tables(tmp_path / "o")
    assert caught.value.filename == str(tmp_path / "o" / "documents.csv")
    assert not list((tmp_path / "o").glob("*.csv")) and not list((tmp_path / "o").glob(".*.tmp"))
