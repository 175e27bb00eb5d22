"""Corpus loading: formats, schema, metadata and bad input."""

from __future__ import annotations

import json
import re
import warnings

import pandas as pd
import pytest

import framing
from framing.errors import CorpusError
from framing.io.corpus import CorpusWarning

from .conftest import SEEDS


def test_bundled_corpus_schema(corpus):
    assert list(corpus.columns[:6]) == ["doc_id", "title", "outlet", "author", "date", "url"]
    assert {"text", "source", "load_note", "notes"} <= set(corpus.columns)
    assert corpus["doc_id"].tolist() == ["leak-reveals-plan", "wsws-mass-immigration-raids"]
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])


def test_bundled_metadata_records_only_what_the_text_establishes(corpus):
    first, second = corpus.to_dict("records")
    assert pd.isna(first["outlet"]) and pd.isna(first["author"]) and pd.isna(first["date"])
    assert "Daily Mail" in first["notes"]
    assert second["author"] == "Marc Wells"
    assert second["date"] == pd.Timestamp("2025-02-11")
    assert second["outlet"] == "World Socialist Web Site"
    assert pd.isna(second["url"])


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_bundled_text_is_verbatim(corpus, doc_id):
    seed = SEEDS[doc_id]
    if not seed.exists():
        pytest.skip(f"{seed} not present beside the checkout")
    expected = seed.read_text(encoding="utf-8")
    assert corpus.set_index("doc_id").at[doc_id, "text"] == expected


def _write(path, content, mode="w"):
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_folder_recursive_with_and_without_front_matter(tmp_path):
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "a.txt", "Plain text article.")
    _write(
        tmp_path / "sub" / "b.md", "---\ntitle: B\noutlet: Herald\ndate: 2024-03-01\nsection: metro\n---\nBody of B.\n"
    )
    frame = framing.load_corpus(tmp_path)
    assert frame["doc_id"].tolist() == ["a", "sub/b"]
    b = frame.set_index("doc_id").loc["sub/b"]
    assert b["text"] == "Body of B.\n" and b["outlet"] == "Herald" and b["section"] == "metro"
    assert b["date"] == pd.Timestamp("2024-03-01")


def test_malformed_front_matter_names_file_and_line(tmp_path):
    _write(tmp_path / "bad.md", "---\ntitle: ok\nauthor: [unclosed\n---\nBody\n")
    with pytest.raises(CorpusError, match=r"bad\.md.*line \d+.*YAML"):
        framing.load_corpus(tmp_path)


def test_unclosed_front_matter(tmp_path):
    _write(tmp_path / "open.md", "---\ntitle: ok\nBody without closing fence\n")
    with pytest.raises(CorpusError, match=r"open\.md.*never closed"):
        framing.load_corpus(tmp_path)


def test_csv_text_column_and_missing_column(tmp_path):
    path = _write(tmp_path / "a.csv", 'id,body,outlet\n1,"First, with comma.",X\n2,Second.,Y\n')
    frame = framing.load_corpus(path, text_column="body", id_column="id")
    assert frame["doc_id"].tolist() == ["1", "2"]
    assert frame["text"].tolist() == ["First, with comma.", "Second."]
    with pytest.raises(CorpusError, match=r"a\.csv.*no column 'text'.*body"):
        framing.load_corpus(path)


def test_tsv_jsonl_parquet_dataframe_and_list(tmp_path):
    tsv = _write(tmp_path / "a.tsv", "doc_id\ttext\nx\tHello there.\n")
    assert framing.load_corpus(tsv)["text"].tolist() == ["Hello there."]
    jsonl = _write(
        tmp_path / "a.jsonl",
        json.dumps({"doc_id": "j1", "text": "One."}) + "\n\n" + json.dumps({"doc_id": "j2", "text": "Two."}) + "\n",
    )
    assert framing.load_corpus(jsonl)["doc_id"].tolist() == ["j1", "j2"]
    pq = tmp_path / "a.parquet"
    pd.DataFrame({"doc_id": ["p1"], "text": ["Parquet text."], "outlet": ["Z"]}).to_parquet(pq)
    assert framing.load_corpus(pq)["outlet"].tolist() == ["Z"]
    frame = framing.load_corpus(pd.DataFrame({"doc_id": [7, 8], "text": ["a.", "b."]}))
    assert frame["doc_id"].tolist() == ["7", "8"]
    assert framing.load_corpus(["x.", "y."])["doc_id"].tolist() == ["doc-00001", "doc-00002"]


def test_bad_jsonl_line_is_named(tmp_path):
    path = _write(tmp_path / "b.jsonl", '{"text": "ok"}\n{not json}\n')
    with pytest.raises(CorpusError, match=r"b\.jsonl:line 2"):
        framing.load_corpus(path)


def test_duplicate_ids_are_an_error_naming_both_places(tmp_path):
    path = _write(tmp_path / "d.csv", "doc_id,text\nsame,One.\nsame,Two.\n")
    with pytest.raises(CorpusError, match=r"d\.csv:row 2.*duplicate doc_id 'same'.*row 1"):
        framing.load_corpus(path)


def test_undecodable_bytes_fall_back_with_a_warning(tmp_path):
    _write(tmp_path / "latin.txt", b"Caf\xe9 owners said \x93no\x94.", mode="wb")
    with pytest.warns(CorpusWarning, match=r"latin\.txt.*not valid UTF-8"):
        frame = framing.load_corpus(tmp_path)
    assert frame.at[0, "text"] == "Café owners said “no”."
    assert "cp1252" in frame.at[0, "load_note"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        result = framing.analyze(frame)
    assert result.documents.at[0, "status"] == "warning"


def test_bom_and_crlf_are_normalised(tmp_path):
    _write(tmp_path / "w.txt", b"\xef\xbb\xbfLine one.\r\nLine two.\r\n", mode="wb")
    assert framing.load_corpus(tmp_path).at[0, "text"] == "Line one.\nLine two.\n"


def test_empty_documents_are_kept_and_flagged(tmp_path):
    _write(tmp_path / "empty.txt", "")
    _write(tmp_path / "full.txt", "Some words here.")
    frame = framing.load_corpus(tmp_path)
    assert len(frame) == 2
    result = framing.analyze(frame)
    status = result.documents.set_index("doc_id")["status"]
    assert status["empty"] == "empty" and status["full"] == "ok"


def test_bad_date_is_flagged_not_silently_dropped(tmp_path):
    _write(tmp_path / "d.md", "---\ndate: someday soon\n---\nText.\n")
    with pytest.warns(CorpusWarning, match="someday soon"):
        frame = framing.load_corpus(tmp_path)
    assert pd.isna(frame.at[0, "date"]) and "someday soon" in frame.at[0, "load_note"]


def test_unknown_source_type_and_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        framing.load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="cannot read a corpus from a int"):
        framing.load_corpus(42)
    with pytest.raises(CorpusError, match="item 2 of the list is a int"):
        framing.load_corpus(["ok", 3])


# -- CSV/TSV: read by the csv module, streamed -------------------------------------------


@pytest.mark.parametrize(
    "char",
    ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1e"],
    ids=["U+2028", "U+2029", "U+0085", "form-feed", "vtab", "FS", "RS"],
)
@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "unquoted"])
@pytest.mark.parametrize("sep", [",", "\t"], ids=["csv", "tsv"])
def test_line_breaks_other_than_newline_stay_in_the_cell(tmp_path, char, quoted, sep):
    """str.splitlines breaks at these; a CSV reader must not (today's bug: two documents)."""
    cell = f"First line.{char}Same article."
    body = f'"{cell}"' if quoted else cell
    content = f"doc_id{sep}text{sep}outlet\nx{sep}{body}{sep}Herald\ny{sep}Two.{sep}Z\n"
    path = _write(tmp_path / ("a.csv" if sep == "," else "a.tsv"), content)
    frame = framing.load_corpus(path)
    assert frame["doc_id"].tolist() == ["x", "y"]
    assert frame["text"].tolist() == [cell, "Two."]
    assert frame["outlet"].tolist() == ["Herald", "Z"]


def test_csv_newlines_bom_and_crlf_in_quoted_cells(tmp_path):
    content = b'\xef\xbb\xbfdoc_id,text\r\na,"Para one.\r\n\r\nPara two."\r\nb,Plain.\r\n'
    path = _write(tmp_path / "w.csv", content, mode="wb")
    frame = framing.load_corpus(path)
    assert frame["doc_id"].tolist() == ["a", "b"]
    assert frame["text"].tolist() == ["Para one.\n\nPara two.", "Plain."]


def test_a_field_longer_than_the_csv_modules_default_limit_reads(tmp_path):
    long_text = ("The council voted on the plan. " * 10_000)[:300_000]
    path = _write(tmp_path / "long.csv", f'doc_id,text\nlong,"{long_text}"\nshort,Short.\n')
    frame = framing.load_corpus(path)
    assert len(frame.at[0, "text"]) == 300_000 and frame.at[0, "text"] == long_text
    assert frame["doc_id"].tolist() == ["long", "short"]


def test_a_field_over_the_limit_names_the_file_and_row(tmp_path, monkeypatch):
    import csv

    import framing.io.corpus as corpus_module

    old = csv.field_size_limit()
    monkeypatch.setattr(corpus_module, "CSV_FIELD_LIMIT", 1000)
    csv.field_size_limit(1000)
    try:
        # an unclosed quotation mark in row 2 swallows the rest of the file into one field
        path = _write(tmp_path / "broken.csv", 'doc_id,text\na,Fine.\nb,"Never closed.\n' + "c,More text.\n" * 200)
        records = framing.iter_corpus(path)
        assert next(records)["doc_id"] == "a"
        with pytest.raises(
            CorpusError,
            match=r"broken\.csv: row 2 \(line \d+\): not valid CSV \(field larger than "
            r"field limit.*quotation mark that is never closed.*CSV_FIELD_LIMIT",
        ):
            next(records)
    finally:
        csv.field_size_limit(old)


def test_csv_cells_not_utf8_fall_back_with_a_note_on_their_row(tmp_path):
    _write(tmp_path / "cp.csv", b"doc_id,text\nplain,All ASCII.\nquotes,He said \x93no\x94.\n", mode="wb")
    with pytest.warns(CorpusWarning, match=r"cp\.csv:row 2: not valid UTF-8.*cp1252"):
        frame = framing.load_corpus(tmp_path / "cp.csv")
    assert frame["text"].tolist() == ["All ASCII.", "He said “no”."]
    assert frame.at[0, "load_note"] == "" and "cp1252" in frame.at[1, "load_note"]


def test_csv_is_streamed_not_read_whole(tmp_path):
    """An 11 MB CSV: the first record comes back, and the whole file is read, with a few
    hundred kB of Python memory at most (reading it whole takes over 25 MB)."""
    import tracemalloc

    path = tmp_path / "big.csv"
    article = '"' + ("Officials said the plan, first reported on Tuesday, would cost millions. " * 40) + '"'
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("doc_id,outlet,text\n")
        for i in range(4000):
            handle.write(f"d{i},Herald,{article}\n")
    assert path.stat().st_size > 11_000_000

    tracemalloc.start()
    try:
        records = framing.iter_corpus(path)
        first = next(records)
        _, peak_first = tracemalloc.get_traced_memory()
        n = 1 + sum(1 for _ in records)
        _, peak_all = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first["doc_id"] == "d0" and n == 4000
    assert peak_first < 1_000_000, peak_first
    assert peak_all < 2_000_000, peak_all  # the doc_ids seen (for duplicates) and one row at a time


# -- Hostile front matter (issue 20, items 5 and 7) ------------------------------------------


def test_an_impossible_date_in_front_matter_is_a_flagged_row(tmp_path):
    _write(tmp_path / "a.md", "---\ntitle: A\ndate: 2025-13-45\nupdated: 2025-02-30\n---\nText here.\n")
    _write(tmp_path / "b.md", "---\ndate: 2024-03-01\n---\nOther text.\n")
    with pytest.warns(CorpusWarning, match=r"a\.md: date '2025-13-45' not understood"):
        frame = framing.load_corpus(tmp_path)
    assert frame["doc_id"].tolist() == ["a", "b"]
    assert pd.isna(frame.at[0, "date"]) and frame.at[1, "date"] == pd.Timestamp("2024-03-01")
    assert frame.at[0, "updated"] == "2025-02-30"  # other keys keep the value as written
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        result = framing.analyze(tmp_path)
    assert result.documents["status"].tolist() == ["warning", "ok"]
    assert "2025-13-45" in result.documents.at[0, "status_detail"]


def test_valid_front_matter_dates_are_read_as_before(tmp_path):
    import datetime

    _write(tmp_path / "a.md", "---\ndate: 2024-03-01\npublished: 2024-03-01 10:30:00\n---\nText.\n")
    frame = framing.load_corpus(tmp_path)
    assert frame.at[0, "date"] == pd.Timestamp("2024-03-01")
    assert frame.at[0, "published"] == datetime.datetime(2024, 3, 1, 10, 30)


def _alias_bomb(levels: int = 9) -> str:
    """Nested YAML aliases ("billion laughs"): a few hundred bytes that expand to 9**levels items."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\nBody.\n"


def test_a_yaml_alias_bomb_in_front_matter_is_refused_naming_the_file_and_line(tmp_path):
    """Before: 335 bytes of nested aliases reached 2.7 GB, then MemoryError. Aliases are
    refused (front matter has no use for them), before anything is expanded."""
    import tracemalloc

    _write(tmp_path / "bomb.md", _alias_bomb())
    assert len(_alias_bomb()) < 600
    tracemalloc.start()
    try:
        with pytest.raises(CorpusError, match=r"bomb\.md: line 3: front matter uses a YAML alias \(\*a0\).*refuses"):
            framing.load_corpus(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, peak


def test_a_single_yaml_alias_is_refused_too(tmp_path):
    _write(tmp_path / "a.md", "---\nauthor: &who Jane Doe\nreviewer: *who\n---\nBody.\n")
    with pytest.raises(CorpusError, match=r"a\.md: line 3: .*YAML alias \(\*who\).*Write the value out"):
        framing.load_corpus(tmp_path)


def test_front_matter_nested_too_deeply_is_refused(tmp_path):
    _write(tmp_path / "deep.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n")
    with pytest.raises(CorpusError, match=r"deep\.md: front matter is nested too deeply"):
        framing.load_corpus(tmp_path)


def test_json_nested_too_deeply_is_refused_naming_the_line(tmp_path):
    deep = '{"doc_id": "d", "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = _write(tmp_path / "deep.jsonl", '{"doc_id": "a", "text": "Fine."}\n' + deep + "\n")
    with pytest.raises(CorpusError, match=r"deep\.jsonl:line 2: .*nested too deeply"):
        framing.load_corpus(path)
    (tmp_path / "folder").mkdir()
    _write(tmp_path / "folder" / "x.json", deep)
    with pytest.raises(CorpusError, match=r"x\.json: .*nested too deeply"):
        framing.load_corpus(tmp_path / "folder")


# -- A corrupt Parquet file is named (issue 20, item 6) --------------------------------------


@pytest.mark.parametrize("damage", ["not-parquet", "truncated", "empty"])
def test_a_corrupt_parquet_file_is_an_error_naming_it(tmp_path, damage):
    path = tmp_path / "bad.parquet"
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(2000)], "text": ["Some text here."] * 2000}).to_parquet(path)
    data = path.read_bytes()
    path.write_bytes(
        {"not-parquet": b"this is not parquet at all", "truncated": data[: len(data) // 2], "empty": b""}[damage]
    )
    with pytest.raises(CorpusError, match=r"bad\.parquet: not a readable Parquet file \(.+\)\. .*re-export"):
        list(framing.iter_corpus(path))


def test_a_parquet_file_damaged_inside_a_row_group_names_the_file(tmp_path):
    path = tmp_path / "mid.parquet"
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(50)], "text": [f"Text number {i}." for i in range(50)]}).to_parquet(
        path, row_group_size=10, compression="none"
    )
    data = bytearray(path.read_bytes())
    at = data.find(b"Text number 3")  # inside the data pages of the first row group
    data[at - 40 : at + 40] = b"\xff" * 80
    path.write_bytes(bytes(data))
    with pytest.raises(CorpusError, match=r"mid\.parquet.*not a readable Parquet file"):
        list(framing.iter_corpus(path))


# -- A CSV quotation mark never closed: an error naming the line, not silent loss (item 8) ---


def test_an_unterminated_quote_in_a_csv_is_an_error_naming_the_line(tmp_path):
    """Before: the rows after the open quotation mark were swallowed into one 'ok' document."""
    path = _write(tmp_path / "q.csv", 'doc_id,text\nz,Fine.\na,"He said ""no"" and\nb,second doc.\nc,third doc.\n')
    records = framing.iter_corpus(path)
    assert next(records)["doc_id"] == "z"
    with pytest.raises(CorpusError, match=r"q\.csv: row 2 \(line 3\): .*quotation mark .* never closed"):
        next(records)
    with pytest.raises(CorpusError, match=r"q\.csv: row 2 \(line 3\)"):
        framing.analyze(path)


def test_text_after_a_closing_quote_is_an_error_naming_the_line(tmp_path):
    """``"x"y`` is not CSV: the quote of row 1 is closed by the one in row 3, swallowing row 2."""
    path = _write(tmp_path / "j.csv", 'doc_id,text\na,"He said "no" and left.\nb,second doc.\nc,"third" doc.\n')
    with pytest.raises(CorpusError, match=r"j\.csv: row 1 \(line 2\): not valid CSV.*must be doubled"):
        framing.load_corpus(path)


def test_quoted_fields_that_close_properly_still_read(tmp_path):
    path = _write(tmp_path / "ok.csv", 'doc_id,text\na,"He said ""no"" and\nleft."\nb,"second, doc."\n"c",third\n')
    frame = framing.load_corpus(path)
    assert frame["doc_id"].tolist() == ["a", "b", "c"]
    assert frame["text"].tolist() == ['He said "no" and\nleft.', "second, doc.", "third"]


def test_a_tsv_cell_opening_with_a_quote_is_an_error_not_mangled_text(tmp_path):
    """Before: the quotation marks were dropped (``No, he said.``), silently."""
    path = _write(tmp_path / "q.tsv", 'doc_id\ttext\na\t"No," he said.\nb\tFine.\n')
    with pytest.raises(CorpusError, match=r"q\.tsv: row 1 \(line 2\): not valid CSV.*must be doubled"):
        framing.load_corpus(path)
    _write(path, 'doc_id\ttext\na\t"""No,"" he said."\nb\tFine.\n')
    assert framing.load_corpus(path)["text"].tolist() == ['"No," he said.', "Fine."]


# -- User columns named like framing's: kept under user_, with a warning (item 9) ------------


def test_csv_columns_named_like_framings_are_kept_under_user_with_a_warning(tmp_path):
    path = _write(
        tmp_path / "c.csv",
        "doc_id,text,source,status,load_note,status_detail,n_tokens\n"
        "a,Hello there.,Reuters,draft,mine,det,5\nb,Two.,AP,final,,,7\n",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = framing.load_corpus(path)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert len(messages) == 5  # once per column and file, not per row
    assert any(re.search(r"c\.csv:row 1: column 'source' .*kept as 'user_source'", m) for m in messages)
    assert frame["user_source"].tolist() == ["Reuters", "AP"]
    assert frame["user_status"].tolist() == ["draft", "final"]
    assert frame.at[0, "user_load_note"] == "mine" and pd.isna(frame.at[1, "user_load_note"])
    assert frame["user_n_tokens"].tolist() == ["5", "7"]
    assert frame["source"].tolist() == [f"{path}:row 1", f"{path}:row 2"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        docs = framing.analyze(path).documents
    assert docs["user_source"].tolist() == ["Reuters", "AP"] and docs.at[0, "user_status_detail"] == "det"
    assert docs["status"].tolist() == ["ok", "ok"] and docs["n_tokens"].tolist() == [3, 2]  # framing's, not 5 and 7


def test_front_matter_keys_named_like_framings_are_kept(tmp_path):
    _write(tmp_path / "a.md", "---\nsource: Reuters\ntext: a summary\n---\nBody text.\n")
    with pytest.warns(CorpusWarning) as caught:
        frame = framing.load_corpus(tmp_path)
    assert [re.sub(r".*/", "", str(w.message)).split(";")[1] for w in caught] == [
        " kept as 'user_source'. Rename it in the source to silence this warning",
        " kept as 'user_text'. Rename it in the source to silence this warning",
    ]
    assert all("a.md: column" in str(w.message) for w in caught)
    assert frame.at[0, "user_source"] == "Reuters" and frame.at[0, "user_text"] == "a summary"
    assert frame.at[0, "text"] == "Body text.\n"


def test_a_doc_id_column_beside_another_id_column_is_kept(tmp_path):
    path = _write(tmp_path / "i.csv", "id,doc_id,body\n1,old-1,One.\n2,old-2,Two.\n")
    with pytest.warns(CorpusWarning, match="'doc_id'.*'user_doc_id'"):
        frame = framing.load_corpus(path, text_column="body", id_column="id")
    assert frame["doc_id"].tolist() == ["1", "2"] and frame["user_doc_id"].tolist() == ["old-1", "old-2"]


def test_a_user_column_named_like_a_measure_is_kept_in_documents(tmp_path):
    path = _write(
        tmp_path / "m.jsonl",
        json.dumps({"doc_id": "a", "text": "What a wonderful day.", "tone": "upbeat", "user_tone": "taken"}) + "\n",
    )
    with pytest.warns(CorpusWarning, match=r"'tone' .*measure.*kept as 'user_user_tone'"):
        docs = framing.analyze(path).documents
    assert docs.at[0, "user_user_tone"] == "upbeat" and docs.at[0, "user_tone"] == "taken"
    assert isinstance(docs.at[0, "tone"], float) and docs.at[0, "tone"] > 0


# -- Values that are not text: one error row each, never str()'d (item 10) -------------------


def test_jsonl_text_that_is_a_list_dict_number_or_bool_is_an_error_row(tmp_path):
    path = _write(
        tmp_path / "l.jsonl",
        "\n".join(
            json.dumps(r)
            for r in [
                {"doc_id": "list", "text": ["x", "y"]},
                {"doc_id": "dict", "text": {"k": 1}},
                {"doc_id": "num", "text": 5},
                {"doc_id": "bool", "text": True},
                {"doc_id": "none", "text": None},
                {"doc_id": "fine", "text": "Fine text."},
            ]
        )
        + "\n",
    )
    docs = framing.analyze(path).documents.set_index("doc_id")
    assert docs["status"].to_dict() == {
        "list": "error",
        "dict": "error",
        "num": "error",
        "bool": "error",
        "none": "empty",
        "fine": "ok",
    }
    assert "text is a list, not a string" in docs.at["list", "status_detail"]
    assert "text is a dict" in docs.at["dict", "status_detail"] and "text is a int" in docs.at["num", "status_detail"]
    assert (docs.loc[["list", "dict", "num", "bool"], "n_tokens"] == 0).all()


def test_parquet_bytes_as_text_are_an_error_row_not_the_literal_repr(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "b.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b"], "text": [b"bytes here", b"more"]}), path)
    res = framing.analyze(path)
    assert res.documents["status"].tolist() == ["error", "error"]
    assert "text is a bytes" in res.documents.at[0, "status_detail"]
    assert len(res.sentences) == 0 and res.text("a") == ""
    assert "b'" not in res.texts["a"]


def test_utf16_with_a_bom_is_decoded(tmp_path):
    text = "The mayor said “no” to the café owners.\nSecond line."
    _write(tmp_path / "le.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), mode="wb")
    _write(tmp_path / "be.txt", text.encode("utf-16"), mode="wb")  # BOM + native order
    _write(
        tmp_path / "be2.md",
        "\ufeff".encode("utf-16-be") + ("---\ntitle: T\n---\n" + text).encode("utf-16-be"),
        mode="wb",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        frame = framing.load_corpus(tmp_path)
    assert frame.set_index("doc_id")["text"].to_dict() == {"be": text, "be2": text, "le": text}
    assert frame.set_index("doc_id").at["be2", "title"] == "T"
    csv_path = _write(tmp_path / "u.csv", "\ufeffdoc_id,text\nx,Café.\n".encode("utf-16-le"), mode="wb")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        assert framing.load_corpus(csv_path)["text"].tolist() == ["Café."]
        jsonl = _write(
            tmp_path / "u.jsonl",
            ('{"doc_id": "j", "text": "Café."}\n{"doc_id": "k", "text": "Two."}\n').encode("utf-16"),
            mode="wb",
        )
        assert framing.load_corpus(jsonl)["text"].tolist() == ["Café.", "Two."]


def test_a_file_that_cannot_be_read_is_an_error_naming_it(tmp_path, monkeypatch):
    from pathlib import Path

    _write(tmp_path / "a.txt", "Fine.")
    _write(tmp_path / "locked.txt", "Locked.")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(CorpusError, match=r"locked\.txt: cannot read it \(Permission denied\)"):
        framing.load_corpus(tmp_path)


def test_a_utf16_csv_without_a_byte_order_mark_is_named_as_such(tmp_path):
    path = _write(tmp_path / "u.csv", "doc_id,text\na,ok\n".encode("utf-16-le"), mode="wb")
    with pytest.raises(CorpusError, match=r"u\.csv: the header holds NUL characters.*UTF-16 without a byte-order"):
        framing.load_corpus(path)


def test_a_csv_header_naming_a_column_twice_is_an_error(tmp_path):
    """Before: the second 'outlet' silently replaced the first in every row."""
    path = _write(tmp_path / "d.csv", "doc_id,outlet,text,outlet\na,Herald,Text.,Tribune\n")
    with pytest.raises(CorpusError, match=r"d\.csv: the header names column 'outlet' twice \(columns 2 and 4\)"):
        framing.load_corpus(path)


def test_a_key_twice_in_one_json_object_is_an_error_that_names_the_line(tmp_path):
    """json keeps the last of two equal keys without a word; the corpus reader refuses instead."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"doc_id": "a", "text": "One."}\n{"doc_id": "b", "text": "Two.", "text": "Three."}\n')
    with pytest.raises(framing.CorpusError, match=r"a\.jsonl:line 2: the key 'text' appears twice"):
        framing.load_corpus(path)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "x.json").write_text('{"doc_id": "x", "meta": {"site": "A", "site": "B"}, "text": "One."}')
    with pytest.raises(framing.CorpusError, match=r"x\.json: the key 'site' appears twice"):
        framing.load_corpus(folder)
