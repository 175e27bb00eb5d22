"""The command line: outputs and exit codes (0 ok, 1 data error, 2 usage error)."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from framing.cli import main
from framing.io.stream import analyze_to


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
    pd.DataFrame(
        [
            {"doc_id": "a", "outlet": "A", "text": texts[first]},
            {"doc_id": "blank", "outlet": "A", "text": " "},
            {"doc_id": "b", "outlet": "B", "text": texts[second]},
            {"doc_id": "c", "outlet": "", "text": texts[second]},
        ]
    ).to_csv(source, index=False)
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
        "(no outlet): 1 document",
        "A: 1 document (1 excluded)",
        "B: 1 document",
    ]
    assert "not inference about outlets" in err and "blank (empty" in err
    assert not [w for w in caught if "excluded" in str(w.message) or "resampling unit" in str(w.message)]

    assert main(["compare", str(source), "--out", str(out), "--n-resamples", "99", "-q"]) == 0
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line] == [f"note: {n}" for n in notes]


# ---------------------------------------------------------------------------
# Every failure is one line on stderr, exit code 1 or 2, never a traceback


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A folder with a one-article CSV (two outlets' worth of words), a unicode-named copy and a sub-folder."""
    root = tmp_path_factory.mktemp("tiny")
    text = "Officials said the raid was lawful. Critics called it a brutal crackdown."
    frame = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["A", "B"], "text": [text, text.upper()]})
    frame.to_csv(root / "c.csv", index=False)
    (root / "dossier-é").mkdir()
    frame.to_csv(root / "dossier-é" / "ünï.csv", index=False)
    (root / "empty.csv").write_text("doc_id,outlet,text\n")
    (root / "file.txt").write_text("not a folder")
    return root


def hostile_vectors(root):
    c, u = str(root / "c.csv"), str(root / "dossier-é" / "ünï.csv")
    d, f = str(root / "dossier-é"), str(root / "file.txt")
    o = str(root / "out-{i}")
    return [
        [],
        ["--bogus"],
        ["analyze"],
        ["analyze", c],
        ["nosuchcommand"],
        ["analyze", c, "--out", o, "--bogus"],
        ["analyze", str(root / "missing.csv"), "--out", o],
        ["analyze", "", "--out", o],
        ["analyze", c, "--out", ""],
        ["analyze", c, "--out", f],
        ["analyze", c, "--out", f + "/sub"],
        ["analyze", c, "--out", "/etc/passwd"],
        ["analyze", c, "--out", o, "--chunk-size", "0"],
        ["analyze", c, "--out", o, "--chunk-size", "-3"],
        ["analyze", c, "--out", o, "--chunk-size", "1e3"],
        ["analyze", c, "--out", o, "--workers", "0"],
        ["analyze", c, "--out", o, "--workers", "many"],
        ["analyze", c, "--out", o, "--engine", "spark"],
        ["analyze", c, "--out", o, "--text-column", "body"],
        ["analyze", c, "--out", o, "--id-column", "nope"],
        ["analyze", c, "--out", o, "--format", "xlsx"],
        ["analyze", u, "--out", o + "-ünï", "-q"],
        ["analyze", d, "--out", o, "-q"],
        ["analyze", f, "--out", o, "-q"],
        ["analyze", c, "--out", o, "--engine", "serial", "--scheduler", "tcp://127.0.0.1:1"],
        ["report", c, "-o", d],
        ["report", c, "-o", f + "/r.html"],
        ["report", c, "--by", "nonexistent", "-o", o + ".html"],
        ["report", c, "--max-articles", "-1"],
        ["report", str(root / "empty.csv"), "-o", o + ".html"],
        ["report", "/dev/null", "-o", o + ".html"],
        ["compare", c, "--out", f],
        ["compare", c, "--out", o, "--confidence", "1.5"],
        ["compare", c, "--out", o, "--confidence", "nan"],
        ["compare", c, "--out", o, "--n-resamples", "-1"],
        ["compare", c, "--out", o, "--by", "nonexistent"],
        ["compare", str(root / "empty.csv"), "--out", o],
        ["compare", c, "--out", o, "--seed", "x"],
        ["compare", c, "--out", o, "--n-resamples", "99", "-q"],
    ]


@pytest.mark.parametrize("i", range(39))
def test_hostile_arguments_fail_in_one_line(tiny, i, capsys):
    argv = [a.replace("{i}", str(i)) for a in hostile_vectors(tiny)[i]]
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    if code:  # one line, besides the progress bar (drawn with carriage returns)
        lines = [line for line in err.split("\n") if line.strip() and "\r" not in line]
        assert len(lines) == 1 and lines[0].startswith("framing"), (argv, err)


def test_hostile_vectors_are_all_run(tiny):
    assert len(hostile_vectors(tiny)) == 39


def test_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, tiny, capsys):
    import framing.cli

    def boom(args):
        raise KeyError("surprise")

    monkeypatch.setattr(framing.cli, "cmd_analyze", boom)
    argv = ["analyze", str(tiny / "c.csv"), "--out", str(tiny / "never")]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "KeyError" in err and "surprise" in err and "--debug" in err
    with pytest.raises(KeyError):
        main(["--debug", *argv])
    with pytest.raises(KeyError):
        main([*argv, "--debug"])


def test_interrupt_is_one_line_and_says_how_to_resume(monkeypatch, tiny, capsys):
    import framing.cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(framing.cli, "cmd_analyze", interrupted)
    assert main(["analyze", str(tiny / "c.csv"), "--out", str(tiny / "never")]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interrupted" in err and "resume" in err


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("name, content", [("empty.csv", "doc_id,outlet,text\n"), ("empty.jsonl", "")])
def test_analyze_empty_corpus_writes_header_only_tables(tmp_path, name, content, fmt, capsys):
    source = tmp_path / name
    source.write_text(content)
    out = tmp_path / "out"
    assert main(["analyze", str(source), "--out", str(out), "--format", fmt, "-q"]) == 0
    for table in ["documents", "sentences", "spans", "attributions", "measures"]:
        frame = pd.read_csv(out / f"{table}.csv") if fmt == "csv" else pd.read_parquet(out / f"{table}.parquet")
        assert len(frame) == 0 and "doc_id" in frame.columns, table
    assert {"status", "status_detail"} <= set(
        pd.read_csv(out / "documents.csv").columns
        if fmt == "csv"
        else pd.read_parquet(out / "documents.parquet").columns
    )
    assert json.loads((out / "manifest.json").read_text())["n_documents"] == 0
    assert main(["analyze", str(source), "--out", str(out), "--format", fmt, "-q"]) == 0  # a rerun is fine


@pytest.fixture
def read_only(tmp_path):
    """A folder to write to, then make read-only: a remounted tmpfs as root (chmod does not stop root),
    else chmod. Yields (folder, make_read_only)."""
    import os
    import shutil

    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        if (
            not shutil.which("mount")
            or subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(folder)], capture_output=True).returncode
        ):
            pytest.skip("root without mount: no way to make a read-only folder")
        yield folder, lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        subprocess.run(["umount", str(folder)], check=True)
    else:
        yield folder, lambda: [os.chmod(p, 0o555) for p in [folder, *folder.rglob("*")] if p.is_dir()]
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                os.chmod(p, 0o755)


def test_read_only_output_folder_is_one_line_and_nothing_is_lost(corpus_path, read_only, capsys):
    folder, make_read_only = read_only
    out = folder / "run"
    assert main(["analyze", str(corpus_path), "--out", str(out), "-q"]) == 0
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    make_read_only()
    capsys.readouterr()
    for extra in ([], ["--overwrite"]):  # re-running the finished run; overwriting it
        assert main(["analyze", str(corpus_path), "--out", str(out), "-q", *extra]) in (1, 2)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(out) in err and ("ead-only" in err or "ermission" in err), err
    # the library names the folder too (the command line checks it before analysing)
    for overwrite in (False, True):
        with pytest.raises(OSError) as caught:
            analyze_to(corpus_path, out, progress=False, overwrite=overwrite)
        assert caught.value.filename == str(out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert main(["analyze", str(corpus_path), "--out", str(folder / "new"), "-q"]) == 2  # checked before analysing
    assert "cannot be written to" in capsys.readouterr().err
    assert main(["report", str(corpus_path), "-o", str(folder / "r.html"), "-q"]) == 2
    assert main(["compare", str(corpus_path), "--out", str(folder / "cmp"), "-q"]) == 2


def test_full_disk_is_one_line_and_the_run_resumes(tmp_path, monkeypatch, capsys):
    import errno
    import os

    source = tmp_path / "c.jsonl"
    source.write_text(
        "".join(json.dumps({"doc_id": f"d{i}", "text": f"Officials said item {i} was fine."}) + "\n" for i in range(6))
    )
    out = tmp_path / "out"
    real, calls = os.fsync, {"n": 0}

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] > 1 + 7 * 2:  # the manifest and two chunks are written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["analyze", str(source), "--out", str(out), "--chunk-size", "2", "-q", "--engine", "serial"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and "free some space" in err
    assert "rerun the same command" in err and str(out) in err
    monkeypatch.undo()
    assert main(["analyze", str(source), "--out", str(out), "--chunk-size", "2", "--engine", "serial"]) == 0
    assert "1 chunks resumed" not in capsys.readouterr().err  # two were
    assert len(pd.read_csv(out / "documents.csv")) == 6


def test_report_path_errors_are_one_line_and_a_missing_folder_is_made(tiny, tmp_path, capsys):
    """The CLI checks -o before analysing; the library names the path too, and makes missing folders."""
    from framing import analyze
    from framing.errors import AnalysisError
    from framing.viz.report import write_report

    target = tmp_path / "missing" / "deeper" / "r.html"
    assert main(["report", str(tiny / "c.csv"), "-o", str(target), "-q"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") or target.stat().st_size > 1000
    assert not list(target.parent.glob(".*.tmp"))
    result = analyze(tiny / "c.csv")
    with pytest.raises(AnalysisError, match="is a folder"):
        write_report(result, tmp_path)
    with pytest.raises(AnalysisError, match="a part of the path is a file"):
        write_report(result, tiny / "file.txt" / "r.html")
    capsys.readouterr()
    assert main(["report", str(tiny / "c.csv"), "-o", str(tiny / "file.txt" / "r.html"), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file.txt" in err and "not a folder" in err


def test_fuzzed_command_lines_never_show_a_traceback(tiny, tmp_path, monkeypatch):
    """Hypothesis draws command lines from commands, hostile paths and option values: whatever the mix,
    the exit code is 0, 1 or 2 and stderr has no traceback (a failure: exactly one line)."""
    import contextlib
    import io

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    paths = [
        str(tiny / "c.csv"),
        str(tiny / "dossier-é" / "ünï.csv"),
        str(tiny / "dossier-é"),
        str(tiny / "file.txt"),
        str(tiny / "empty.csv"),
        str(tiny / "missing.jsonl"),
        "",
        "-",
        "ünï\u202e.csv",
        str(tmp_path / "o"),
        str(tiny / "file.txt" / "below"),
        "/etc/passwd",
        "/proc/self/status",
    ]
    values = ["0", "-1", "1", "2", "abc", "nan", "0.5", "1e3", "", "٣", "--", "outlet", "doc_id", "nonexistent"]
    options = {
        "analyze": [
            "--out",
            "--format",
            "--engine",
            "--workers",
            "--chunk-size",
            "--text-column",
            "--id-column",
            "--overwrite",
            "-q",
            "--bogus",
        ],
        "report": ["-o", "--by", "--max-articles", "--text-column", "-q", "--bogus"],
        "compare": ["--out", "--by", "--confidence", "--n-resamples", "--seed", "--figures", "-q"],
        "nosuch": ["-q"],
    }
    monkeypatch.chdir(tmp_path)  # relative outputs (report.html, a folder named like a value) land here

    @st.composite
    def command_lines(draw):
        command = draw(st.sampled_from(sorted(options)))
        argv = [command, draw(st.sampled_from(paths))]
        for option in draw(st.lists(st.sampled_from(options[command]), max_size=4)):
            argv.append(option)
            if option not in ("--overwrite", "-q", "--figures") and draw(st.booleans()):
                argv.append(draw(st.sampled_from(values + paths)))
        if command == "compare":
            argv += ["--n-resamples", "9"]  # keep each run short
        return argv

    @settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(command_lines())
    def check(argv):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(argv)
        text = err.getvalue()
        assert code in (0, 1, 2), (argv, code, text)
        assert "Traceback" not in text, (argv, text)
        if code:
            lines = [
                line
                for line in text.split("\n")
                if line.strip() and "\r" not in line and not line.startswith("framing: note:")
            ]
            assert len(lines) == 1, (argv, text)

    check()


def _study(tmp_path):
    """Four short articles by two outlets; one outlet label typed twice, one front-matter key typed Outlet."""
    folder = tmp_path / "study"
    folder.mkdir()
    heads = [
        ("a1", "outlet: Riverton Ledger"),
        ("a2", "outlet: Riverton  ledger"),
        ("b1", "outlet: Eastside Voice"),
        ("b2", "Outlet: Eastside Voice"),
    ]
    for doc_id, line in heads:
        (folder / f"{doc_id}.md").write_text(
            f"---\ndoc_id: {doc_id}\n{line}\ndate: 2025-09-0{len(doc_id)}\n---\n"
            "The council said the bus plan would cut six routes. Riders were furious.\n",
            encoding="utf-8",
        )
    return folder


def test_compare_checks_by_before_analysing_and_speaks_in_cli_terms(tmp_path, capsys, monkeypatch):
    import framing.analysis

    def must_not_run(*args, **kwargs):
        raise AssertionError("the corpus was analysed before --by was checked")

    monkeypatch.setattr(framing.analysis, "analyze", must_not_run)
    assert main(["compare", str(_study(tmp_path)), "--out", str(tmp_path / "o"), "--by", "OUTLET"]) == 1
    err = capsys.readouterr().err.strip()
    assert "--by OUTLET" in err and "did you mean --by outlet?" in err and "one of: doc_id, title, outlet" in err
    assert "by=" not in err and "\n" not in err


def test_compare_prints_groups_and_warns_of_look_alike_labels_and_keys(tmp_path, capsys):
    assert main(["compare", str(_study(tmp_path)), "--out", str(tmp_path / "o"), "--n-resamples", "99"]) == 0
    err = capsys.readouterr().err
    assert "groups by outlet:" in err and "(no outlet): 1 document" in err
    look_alike = next(line for line in err.splitlines() if "differ only in case or spacing" in line)
    assert "'Riverton  ledger'" in look_alike and "'Riverton Ledger'" in look_alike
    assert "'Outlet' differ from 'outlet' only in case" in err


def test_compare_by_period(tmp_path):
    assert (
        main(
            [
                "compare",
                str(_study(tmp_path)),
                "--out",
                str(tmp_path / "o"),
                "--period",
                "month",
                "--n-resamples",
                "99",
                "-q",
            ]
        )
        == 0
    )
    table = pd.read_csv(tmp_path / "o" / "comparison.csv")
    assert table.columns[0] == "period" and set(table["period"]) == {"2025-09"}


def test_the_progress_rate_counts_documents_analysed(capsys):
    import re

    import framing

    framing.analyze(["The council said the plan would cut six routes."] * 20, progress=True)
    rates = re.findall(r"([\d.]+)doc/s", capsys.readouterr().err)
    assert rates and float(rates[-1]) < 20_000  # before: the bar ran ahead of the analysis (~200,000 doc/s)
