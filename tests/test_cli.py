"""The command line: outputs and exit codes (0 ok, 1 data error, 2 usage error)."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pandas as pd

from framing.cli import main


def test_analyze_writes_tables(corpus_path, tmp_path, capsys):
    assert main(["analyze", str(corpus_path), "--out", str(tmp_path), "-q"]) == 0
    for name in ["documents", "sentences", "spans", "attributions", "measures"]:
        assert (tmp_path / f"{name}.csv").exists()
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 2
    assert (tmp_path / "manifest.json").exists()


def test_analyze_parquet(corpus_path, tmp_path):
    assert main(["analyze", str(corpus_path), "--out", str(tmp_path), "--format", "parquet", "-q"]) == 0
    assert len(pd.read_parquet(tmp_path / "sentences.parquet")) > 90


def test_data_error_exit_1_with_one_line_message(tmp_path, capsys):
    bad = tmp_path / "a.csv"
    bad.write_text("id,body\n1,x\n")
    assert main(["analyze", str(bad), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error:") and "--text-column" in err and "\n" not in err


def test_usage_errors_exit_2_and_help_lists_commands():
    proc = subprocess.run([sys.executable, "-m", "framing", "analyze"], capture_output=True, text=True)
    assert proc.returncode == 2 and "the following arguments are required" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "framing", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "analyze" in proc.stdout


def test_analyze_engine_default_is_auto_and_an_address_means_dask(corpus_path, tmp_path, monkeypatch):
    """The command runs engine='auto' (all cores for big corpora); --scheduler alone selects Dask.

    The engines are replaced by recorders that analyse in this process, so the real
    analyze_to picks the engine and no cluster is needed."""
    import framing.io.stream

    calls = []

    def recorder(name):
        def engine(chunks, pipeline, workers, scheduler):
            calls.append((name, scheduler))
            return framing.io.stream._serial(chunks, pipeline, workers, scheduler)
        return engine

    monkeypatch.setattr(framing.io.stream, "_ENGINE_FUNCS", {n: recorder(n) for n in ("serial", "processes", "dask")})
    for i, extra in enumerate([[], ["--scheduler", "tcp://10.0.0.1:8786"], ["--engine", "serial"]]):
        out = tmp_path / f"o{i}"
        assert main(["analyze", str(corpus_path), "--out", str(out), "--format", "parts", "-q", *extra]) == 0
        assert len(pd.read_parquet(out / "documents")) == 2
    # auto: 1 chunk of 2 documents stays serial; an address alone means Dask
    assert calls == [("serial", None), ("dask", "tcp://10.0.0.1:8786"), ("serial", None)]


def test_compare_prints_groups_and_notes(corpus, tmp_path, capsys):
    """framing compare shows on stderr the groups with their document counts and every note, once each
    (printed, not also warned); with -q the notes still show, the groups line does not."""
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    first, second = sorted(texts)
    source = tmp_path / "corpus.csv"
    pd.DataFrame([
        {"doc_id": "a", "outlet": "A", "text": texts[first]},
        {"doc_id": "blank", "outlet": "A", "text": " "},
        {"doc_id": "b", "outlet": "B", "text": texts[second]},
        {"doc_id": "c", "outlet": "", "text": texts[second]},
    ]).to_csv(source, index=False)
    out = tmp_path / "cmp"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["compare", str(source), "--out", str(out), "--n-resamples", "99"]) == 0
    err = capsys.readouterr().err
    notes = json.loads((out / "comparison.json").read_text())["comparison"]["notes"]
    assert len(notes) == 3  # no outlet for c, blank excluded, sentences as the unit and why
    for note in notes:
        assert err.count(f"note: {note}") == 1, note
    groups = next(line for line in err.splitlines() if line.startswith("groups by outlet: "))
    assert sorted(groups.removeprefix("groups by outlet: ").split(", ")) == [
        "(no outlet): 1 document", "A: 1 document (1 excluded)", "B: 1 document"]
    assert "not inference about outlets" in err and "blank (empty" in err
    assert not [w for w in caught if "excluded" in str(w.message) or "resampling unit" in str(w.message)]

    assert main(["compare", str(source), "--out", str(out), "--n-resamples", "99", "-q"]) == 0
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line] == [f"note: {n}" for n in notes]
