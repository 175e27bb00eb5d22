"""Property tests over ``framing.analyze`` itself, on hostile text (issue 20).

Whatever the input, ``analyze``:

- gives one ``documents`` row per input, in input order, with a known status;
- keeps the evidence contract: ``text[start:end]`` equals the row's text, for every
  sentence and span, and for every attribution part that has offsets;
- is deterministic: the same input gives equal tables;
- gives the same tables with ``workers=2`` (a process pool) as serially.

The texts mix news prose (reporting verbs, quotation marks of every kind, headings,
lists) with what scraped or broken input holds: CR/CRLF, U+2028, form feeds, NUL, BOMs,
lone surrogates, HTML, ``$`` markup, combining marks, right-to-left text and emoji.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.io.corpus import CorpusWarning

STATUSES = {"ok", "warning", "empty", "error"}

_PIECES = [
    "The mayor said",
    " officials said ",
    "according to police",
    ", a spokesperson told reporters.",
    " He said: ",
    " she added.",
    "The raid began at dawn",
    " and ",
    " lawful",
    " allegedly ",
    "clearly",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    "—",
    " - ",
    "...",
    "…",
    ".",
    "!",
    "?",
    ";",
    ":",
    ",",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u2028",
    "\x0c",
    "\x00",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\ud800",
    "\udfff",  # lone surrogates: invalid Unicode, repaired by the loader
    "<p>",
    "</p>",
    "&quot;",
    "&amp;",
    "$",
    r"$\notacommand{x}$",
    "# Heading\n",
    "- item\n",
    "1. ",
    "e\u0301",
    "שלום",
    "مرحبا",
    "😀",
    "👩‍👩‍👧",
    "U.S.",
    "Dr.",
    "No. 5",
    "3.5%",
    "$1.2bn",
    "http://x.org/a?b=c.",
]

texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=40).map("".join)


def _analyze(corpus, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return framing.analyze(corpus, **kwargs)


def _check_contract(res, n_inputs: int, ids: list[str]) -> None:
    docs = res.documents
    assert len(docs) == n_inputs
    assert docs["doc_id"].tolist() == ids
    assert set(docs["status"]) <= STATUSES
    for row in res.sentences.itertuples():
        assert res.text(row.doc_id)[row.start : row.end] == row.text, row
    for row in res.spans.itertuples():
        assert res.text(row.doc_id)[row.start : row.end] == row.text, row
    att = res.attributions
    for part in ("source", "cue", "content"):
        start, end, text = f"{part}_start", f"{part}_end", f"{part}_text"
        if not {start, end, text} <= set(att.columns):
            continue
        for doc_id, s, e, t in zip(att["doc_id"], att[start], att[end], att[text], strict=True):
            if pd.notna(s) and pd.notna(e) and isinstance(t, str) and part != "content":
                assert res.text(doc_id)[int(s) : int(e)] == t, (doc_id, part, s, e, t)
    ok = docs["status"].isin(["ok", "warning"])
    assert (docs.loc[~ok, "n_sentences"] == 0).all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, max_size=5))
def test_analyze_a_list_of_hostile_texts(items):
    res = _analyze(items)
    _check_contract(res, len(items), [f"doc-{i:05d}" for i in range(1, len(items) + 1)])
    again = _analyze(items)
    for name in res.TABLES:
        pd.testing.assert_frame_equal(getattr(res, name), getattr(again, name))


_VALUES = texts | st.none() | st.integers() | st.binary(max_size=8) | st.lists(st.text(max_size=3), max_size=2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_VALUES, st.text(max_size=8)), max_size=5))
def test_analyze_a_frame_of_values_that_need_not_be_text(rows):
    """Texts that are None, numbers, bytes or lists, and outlets of any text: one row each,
    in order; a value that is not text is an error row, never its repr analysed."""
    frame = pd.DataFrame(
        {
            "doc_id": [f"id {i} $x$" for i in range(len(rows))],
            "text": pd.Series([text for text, _ in rows], dtype=object),
            "outlet": pd.Series([outlet for _, outlet in rows], dtype=object),
        }
    )
    res = _analyze(frame)
    _check_contract(res, len(rows), frame["doc_id"].tolist())
    for (text, _), status in zip(rows, res.documents["status"], strict=True):
        if text is not None and not isinstance(text, str):
            assert status == "error"


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=8, max_size=8))
def test_workers_2_equal_serial_on_hostile_texts(items):
    """A pool of 2 spawned processes gives the tables the serial run gives (batches of 2 documents)."""
    import framing.analysis as analysis

    old_batch, old_pool = analysis.POOL_BATCH, analysis._analyze_in_pool
    pooled = []

    def spy(*args, **kwargs):
        pooled.append(True)
        return old_pool(*args, **kwargs)

    # 8 documents = 4 batches of 2: the pool is used (monkeypatch does not mix with @given)
    analysis.POOL_BATCH, analysis._analyze_in_pool = 2, spy
    try:
        one = _analyze(items)
        two = _analyze(items, workers=2)
    finally:
        analysis.POOL_BATCH, analysis._analyze_in_pool = old_batch, old_pool
    assert pooled == [True]
    _check_contract(two, len(items), [f"doc-{i:05d}" for i in range(1, len(items) + 1)])
    for name in one.TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


# -- No silent loss in the file readers: what a writer wrote is what is read -----------------

_FILE_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]  # a fresh folder per example
_CELLS = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=12).map("".join)


def _expected(text: str) -> str:
    """What the loader makes of ``text``: CRLF/CR as LF, each lone surrogate as U+FFFD."""
    import re

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


@settings(max_examples=60, deadline=None, suppress_health_check=_FILE_CHECKS)
@given(rows=st.lists(st.tuples(_CELLS, _CELLS), max_size=6), sep=st.sampled_from([",", "\t"]))
def test_a_csv_written_by_the_csv_module_reads_back_row_for_row(tmp_path_factory, rows, sep):
    """Every row a CSV writer writes comes back as one record with the same text and outlet."""
    import csv

    rows = [(_expected(t).replace("\ufffd", "?"), _expected(o).replace("\ufffd", "?")) for t, o in rows]
    path = tmp_path_factory.mktemp("csv") / ("c.csv" if sep == "," else "c.tsv")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow(["doc_id", "text", "outlet"])
        writer.writerows([f"d{i}", text, outlet] for i, (text, outlet) in enumerate(rows))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        frame = framing.load_corpus(path)
    assert frame["doc_id"].tolist() == [f"d{i}" for i in range(len(rows))]
    assert frame["text"].tolist() == [text for text, _ in rows]
    assert [o if isinstance(o, str) else "" for o in frame["outlet"]] == [o for _, o in rows]


@settings(max_examples=60, deadline=None, suppress_health_check=_FILE_CHECKS)
@given(texts=st.lists(_CELLS, max_size=6), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_a_jsonl_file_reads_back_line_for_line(tmp_path_factory, texts, encoding):
    import json

    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    lines = "".join(json.dumps({"doc_id": f"d{i}", "text": t, "title": t[:5]}) + "\n" for i, t in enumerate(texts))
    path.write_bytes(lines.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        frame = framing.load_corpus(path)
    assert frame["doc_id"].tolist() == [f"d{i}" for i in range(len(texts))]
    # (a high and a low surrogate side by side are one character once written as JSON)
    assert frame["text"].tolist() == [_expected(json.loads(json.dumps(t))) for t in texts]
