"""Corpus loading: folders of text files, CSV/TSV, JSON Lines, Parquet, DataFrames, lists.

Every reader yields one record per document with the same schema:

===========  ==========================================================
``doc_id``   string, unique in the corpus
``title``    string or missing
``outlet``   string or missing
``author``   string or missing
``date``     ``datetime64`` (NaT when unknown) in :func:`load_corpus`
``url``      string or missing
``text``     the document text (CRLF and CR normalised to LF, BOM removed)
``source``   where the record came from: ``path`` or ``path:row N``
``load_note``  empty, or a warning the loader raised for this document
===========  ==========================================================

plus any extra metadata columns or front-matter keys. A user column named like one framing
writes (``text`` when it is not the text column, ``source``, ``load_note``, ``status``,
``status_detail``, the counts, and in ``documents`` any measure) is kept as ``user_<name>``
with a :class:`CorpusWarning`, never overwritten. Bad input raises
:class:`~framing.errors.CorpusError` naming the file, the line or row, and the fix;
undecodable bytes are decoded with a fallback and a warning; empty documents are
kept (and flagged by :func:`framing.analyze`), never dropped.
"""

from __future__ import annotations

import csv
import json
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..errors import CorpusError

__all__ = ["load_corpus", "iter_corpus", "META_COLUMNS", "CorpusWarning", "corpus_frame"]

META_COLUMNS = ["doc_id", "title", "outlet", "author", "date", "url"]
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq"}


class CorpusWarning(UserWarning):
    """A document was read, but something about it needed a repair (see ``load_note``)."""


# ---------------------------------------------------------------------------
# Decoding and front matter


#: byte-order marks of the encodings other than UTF-8 that a file is decoded with (longest first)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` if ``head`` (the first bytes of a file) starts with its
    byte-order mark, else None (UTF-8, with or without its BOM, or no mark)."""
    return next((enc for bom, enc in _BOMS if head.startswith(bom)), None)


def decode_bytes(data: bytes, where: str) -> tuple[str, str]:
    """Decode file bytes as UTF-8 (BOM removed), or as UTF-16/UTF-32 when they start with
    that byte-order mark; fall back to cp1252 / latin-1 (U+FFFD for a damaged UTF-16/32
    file) with a note."""
    note = ""
    encoding = bom_encoding(data[:4])
    if encoding is not None:
        try:
            text = data.decode(encoding)  # the codec reads the BOM (byte order) and drops it
        except UnicodeDecodeError as exc:
            text = data.decode(encoding, errors="replace")
            note = (
                f"{where}: not valid {encoding.upper()} (byte {exc.start}); the bad bytes are U+FFFD. "
                "Re-save the file as UTF-8"
            )
            warnings.warn(note, CorpusWarning, stacklevel=3)
        return normalize_newlines(text), note
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, note = _legacy_decode(data, f"{where}: not valid UTF-8 (byte {exc.start})")
        warnings.warn(note, CorpusWarning, stacklevel=3)
    return normalize_newlines(text), note


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class _AliasRefused(yaml.YAMLError):
    def __init__(self, anchor: str, mark: Any):
        super().__init__(anchor)
        self.anchor, self.mark = anchor, mark


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, for front matter, with two changes:

    - an alias (``*name``) is refused before it is resolved: nested aliases expand a few
      hundred bytes to gigabytes ("billion laughs"), and metadata has no use for them;
    - a date that does not exist (``2025-13-45``) is kept as the text written
      (``corpus_frame`` then flags a ``date`` it cannot read) instead of a bare ``ValueError``.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(event.anchor, event.start_mark)
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # the shape of a date, not a date: month 13, 30 February ...
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (``---`` ... ``---``) from the body, which is kept verbatim."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise CorpusError(
                f"{where}: front matter opened with '---' on line 1 is never closed. "
                "Add a line with just '---' after the metadata, or remove the first line"
            )
    block = text[4 : end + 1]
    body = text[end + 5 :]
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader) or {}
    except _AliasRefused as exc:
        raise CorpusError(
            f"{where}: line {exc.mark.line + 2}: front matter uses a YAML alias (*{exc.anchor}); framing refuses "
            "aliases, as nested ones expand a few bytes to gigabytes. Write the value out instead of '&' and '*'"
        ) from None
    except RecursionError:
        raise CorpusError(
            f"{where}: front matter is nested too deeply to read (brackets or indentation thousands of levels "
            "deep). Write one 'key: value' per line"
        ) from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" line {line + 2}" if line is not None else ""
        raise CorpusError(
            f"{where}:{at} front matter is not valid YAML ({getattr(exc, 'problem', exc)}). "
            "Write one 'key: value' per line; quote values containing ': '"
        ) from None
    if not isinstance(meta, dict):
        raise CorpusError(f"{where}: front matter must be 'key: value' lines, got a {type(meta).__name__}")
    return meta, body


# ---------------------------------------------------------------------------
# Readers (all lazy)


#: the columns framing writes beside the metadata (in a record, or in the documents table);
#: a user column of one of these names is kept as ``user_<name>`` (see :func:`user_column`)
FRAMING_COLUMNS = ("text", "source", "load_note", "status", "status_detail", "n_paragraphs", "n_sentences", "n_tokens")


def user_column(name: str, taken: Iterable[str], where: str, why: str, warned: set[str] | None = None) -> str:
    """The name a user column called ``name`` is kept under because framing writes its own
    ``name`` (``why`` says what it is): ``user_<name>`` (``user_user_<name>`` if that is
    ``taken`` too ...). A :class:`CorpusWarning` says so, once per name in ``warned``."""
    taken = set(taken)
    new = f"user_{name}"
    while new in taken:
        new = f"user_{new}"
    if warned is None or name not in warned:
        warnings.warn(
            f"{where}: column {name!r} is {why}; kept as {new!r}. Rename it in the source to silence this warning",
            CorpusWarning,
            stacklevel=4,
        )
        if warned is not None:
            warned.add(name)
    return new


def _record(
    meta: dict[str, Any], text: Any, source: str, note: str = "", warned: set[str] | None = None
) -> dict[str, Any]:
    rec = {col: meta.get(col) for col in META_COLUMNS}
    for key, value in meta.items():
        if key in FRAMING_COLUMNS:
            key = user_column(key, meta, source, "a name framing writes its own values under", warned)
        if key not in rec:
            rec[key] = value
    if rec["doc_id"] is not None and not isinstance(rec["doc_id"], str):
        rec["doc_id"] = str(rec["doc_id"])
    rec["text"] = text
    notes = [note] if note else []
    for key, value in rec.items():
        if isinstance(value, str):
            rec[key] = _valid_unicode(value, "the text" if key == "text" else f"field {key!r}", source, notes)
    rec["source"] = source
    rec["load_note"] = "; ".join(notes)
    return rec


#: the characters a Python string can hold but no Unicode encoding can (lone UTF-16 surrogates)
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogates(value: str) -> int:
    """How many lone surrogates ``value`` holds (0 for valid Unicode)."""
    return 0 if _encodable(value) else len(_SURROGATE.findall(value))


def _encodable(value: str) -> bool:
    """Whether ``value`` is valid Unicode (no lone surrogate). Encoding is the fast test:
    2-4x faster than searching with a regular expression (measured: 2-4 against 8 µs for
    a 4,000-character article)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _valid_unicode(value: str, what: str, where: str, notes: list[str]) -> str:
    """``value`` with each lone surrogate (invalid Unicode: JSON ``"\\ud800"``, a Python string
    cut between the halves of a pair) replaced by U+FFFD, one for one so offsets still hold;
    a note and a :class:`CorpusWarning` name the record when there was one."""
    if _encodable(value):
        return value
    first = _SURROGATE.search(value)
    n = len(_SURROGATE.findall(value))
    note = (
        f"{where}: {what} holds {n} lone surrogate{'s' if n > 1 else ''} (invalid Unicode, first at character "
        f"{first.start()}), replaced by U+FFFD. Fix the encoding where the text was produced"
    )
    warnings.warn(note, CorpusWarning, stacklevel=4)
    notes.append(note)
    return _SURROGATE.sub("\ufffd", value)


def _read_text_file(path: Path, root: Path, warned: set[str] | None = None) -> dict[str, Any]:
    where = str(path)
    text, note = decode_bytes(path.read_bytes(), where)
    meta, body = split_front_matter(text, where)
    if meta.get("doc_id") in (None, ""):
        meta["doc_id"] = path.relative_to(root).with_suffix("").as_posix()
    return _record(meta, body, where, note, warned)


_TOO_DEEP = (
    "not read: JSON nested too deeply (arrays or objects thousands of levels deep). "
    "Give each article flat fields: text, doc_id, title, outlet, date ..."
)


class _DuplicateKey(ValueError):
    """A key that appears twice in one JSON object (json keeps the last one without a word)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` of :func:`_parse_json`: the object, or an error for a repeated key."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


def _parse_json(raw: str, where: str, *, in_file: bool) -> Any:
    """``raw`` parsed as JSON; a :class:`CorpusError` naming ``where`` (a file, or a file and line
    of JSON Lines when not ``in_file``) for invalid JSON, too deep nesting or a repeated key."""
    try:
        return json.loads(raw, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno}: " if in_file else ""
        rule = "" if in_file else ". Each line must be one JSON object"
        raise CorpusError(f"{where}: {at}not valid JSON ({exc.msg}){rule}") from None
    except RecursionError:
        raise CorpusError(f"{where}: {_TOO_DEEP}") from None
    except _DuplicateKey as exc:
        raise CorpusError(
            f"{where}: the key {exc.args[0]!r} appears twice in one JSON object; keep one "
            "(otherwise only the last value would be read, without a word)"
        ) from None


def _read_json_file(
    path: Path, root: Path, text_column: str, id_column: str, warned: set[str] | None = None
) -> dict[str, Any]:
    where = str(path)
    raw, note = decode_bytes(path.read_bytes(), where)
    obj = _parse_json(raw, where, in_file=True)
    if not isinstance(obj, dict):
        raise CorpusError(f"{where}: expected one JSON object per file, got {type(obj).__name__}")
    default_id = path.relative_to(root).with_suffix("").as_posix()
    return _from_mapping(obj, where, text_column, id_column, default_id=default_id, note=note, warned=warned)


def _from_mapping(
    obj: dict,
    where: str,
    text_column: str,
    id_column: str,
    default_id: str,
    note: str = "",
    warned: set[str] | None = None,
) -> dict[str, Any]:
    if text_column not in obj:
        raise CorpusError(
            f"{where}: no text field {text_column!r} (fields: {', '.join(map(str, obj)) or 'none'}). "
            "Pass text_column= naming the field that holds the article text"
        )
    meta = {k: v for k, v in obj.items() if k != text_column}
    if id_column != "doc_id":
        if "doc_id" in meta:
            kept = user_column("doc_id", meta, where, f"framing's id, taken from {id_column!r} (id_column=)", warned)
            meta[kept] = meta.pop("doc_id")
        if id_column in meta:
            meta["doc_id"] = meta.pop(id_column)
    if meta.get("doc_id") in (None, "") or (isinstance(meta.get("doc_id"), float) and pd.isna(meta["doc_id"])):
        meta["doc_id"] = default_id
    text = obj[text_column]
    if text is None or (isinstance(text, float) and pd.isna(text)):
        text = ""
    elif isinstance(text, str):
        text = normalize_newlines(text)
    # any other value (bytes, a list, a number ...) is kept as it is: framing.analyze gives
    # its document status "error" saying so, rather than analysing its repr as text
    return _record(meta, text, where, note, warned)


def _iter_folder(root: Path, text_column: str, id_column: str) -> Iterator[dict[str, Any]]:
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and (p.suffix.lower() in TEXT_SUFFIXES or p.suffix.lower() == ".json")
        and p.name.lower() != "readme.md"
    )
    if not files:
        raise CorpusError(
            f"{root}: no .txt, .md or .json files found. Put one article per file in the folder, "
            "or pass a CSV, JSON Lines or Parquet file"
        )
    warned: set[str] = set()  # columns named like framing's, warned about once per folder
    for path in files:
        if path.suffix.lower() == ".json":
            yield _read_json_file(path, root, text_column, id_column, warned)
        else:
            yield _read_text_file(path, root, warned)


#: the longest CSV/TSV field read, in characters (a long article is a few hundred thousand;
#: the csv module's own limit, 131,072, is too short). Reaching it usually means a
#: quotation mark that is never closed, which swallows the rest of the file into one field.
CSV_FIELD_LIMIT = 100_000_000

#: bytes that are not UTF-8, as the ``surrogateescape`` error handler decodes them
_UNDECODED = re.compile("[\udc80-\udcff]")


def _iter_csv(path: Path, text_column: str, id_column: str, sep: str) -> Iterator[dict[str, Any]]:
    """The rows of a CSV/TSV file, streamed: one row in memory at a time.

    The file is read by the csv module from a handle opened with ``newline=""``, so line
    breaks inside a cell (quoted or not) other than ``\\n`` and ``\\r`` (U+2028, U+0085,
    form feed ...) stay in the cell. A cell that is not valid UTF-8 is decoded as cp1252
    (latin-1 if that fails) with a note on its row and one warning per file. Quoting is read
    strictly: a quotation mark never closed, or text after a closing one (``"x"y``), is a
    :class:`CorpusError` naming the row and line, since either would swallow the rows after it.
    """
    if csv.field_size_limit() < CSV_FIELD_LIMIT:  # the limit is process-wide: raised, never lowered
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with path.open("rb") as raw:
        encoding = bom_encoding(raw.read(4)) or "utf-8-sig"
    with path.open("r", encoding=encoding, errors="surrogateescape", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=sep, strict=True)  # strict: an unclosed quote is an error
        try:
            fields = reader.fieldnames or []
        except csv.Error as exc:
            raise _csv_error(exc, path, "the header", 1, reader.line_num) from None
        if len(set(fields)) < len(fields):
            repeated = next(f for f, n in Counter(fields).items() if n > 1)
            where = [i + 1 for i, f in enumerate(fields) if f == repeated]
            raise CorpusError(
                f"{path}: the header names column {repeated!r} twice (columns {where[0]} and {where[1]}), so one "
                "would overwrite the other in every row. Give every column a unique name"
            )
        if any("\x00" in f for f in fields):
            raise CorpusError(
                f"{path}: the header holds NUL characters, so the file is probably UTF-16 without a byte-order "
                "mark. Re-save it as UTF-8 (or as UTF-16 with a byte-order mark)"
            )
        if text_column not in fields:
            raise CorpusError(
                f"{path}: no column {text_column!r} in the header (columns: {', '.join(fields) or 'none'}). "
                "Pass text_column= (CLI: --text-column) naming the column with the article text"
            )
        warned = False
        renamed: set[str] = set()  # columns named like framing's, warned about once per file
        for row_number, row in _csv_rows(reader, path):
            where = f"{path}:row {row_number}"
            if None in row:
                raise CorpusError(f"{where} has more fields than the header. Quote fields that contain the separator")
            row, note = _decoded_row(row, where)
            if note and not warned:
                warnings.warn(f"{note} (later rows may be too: see load_note)", CorpusWarning, stacklevel=2)
                warned = True
            row = {k: (None if v == "" and k != text_column else v) for k, v in row.items()}
            yield _from_mapping(
                row, where, text_column, id_column, default_id=f"{path.stem}-{row_number}", note=note, warned=renamed
            )


def _csv_rows(reader: csv.DictReader, path: Path) -> Iterator[tuple[int, dict]]:
    """``(row number, row)`` for the rows of ``reader``; a csv error is a :class:`CorpusError`
    naming the file, the row and the line."""
    row_number = 0
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_error(exc, path, f"row {row_number + 1}", first_line, reader.line_num) from None
        row_number += 1
        yield row_number, row


def _csv_error(exc: csv.Error, path: Path, at: str, line: int, last_line: int | None = None) -> CorpusError:
    """A csv error as a :class:`CorpusError` naming the file, ``at`` (row), the ``line`` the row
    starts on, what went wrong and the fix."""
    if "field larger than field limit" in str(exc):
        hint = (
            f"A field this long usually means a quotation mark that is never closed: check the quotes "
            f"before that line (the limit is framing.io.corpus.CSV_FIELD_LIMIT, {CSV_FIELD_LIMIT:,} characters)"
        )
    elif "unexpected end of data" in str(exc):
        return CorpusError(
            f"{path}: {at} (line {line}): a quotation mark opened in this row is never closed, so every line "
            f"after it up to the end of the file (line {last_line or line}) would be one field. Close the quoted "
            'field, and write a quotation mark inside one as two ("")'
        )
    elif "expected after" in str(exc):
        hint = (
            "A field that starts with a quotation mark is read as quoted up to the next one, which may be "
            "rows later: enclose such a field in quotation marks, and a quotation mark inside it must be "
            'doubled ("")'
        )
    else:
        hint = "Check the quoting of that row"
    return CorpusError(f"{path}: {at} (line {line}): not valid CSV ({exc}). {hint}")


def _decoded_row(row: dict, where: str) -> tuple[dict, str]:
    """``row`` with CRLF/CR normalised to LF in every value, and any value that held
    bytes that are not UTF-8 decoded again as cp1252 (latin-1 if that fails); the note
    says so (empty when all was UTF-8)."""
    note = ""
    out = {}
    for key, value in row.items():
        if isinstance(value, str):
            if _UNDECODED.search(value):
                raw = value.encode("utf-8", "surrogateescape")
                value, note = _fallback_decode(raw, where)
            value = normalize_newlines(value)
        elif isinstance(value, list):  # DictReader's restkey; refused by the caller
            value = [normalize_newlines(v) for v in value]
        out[key] = value
    return out, note


def _fallback_decode(data: bytes, where: str) -> tuple[str, str]:
    """A field's bytes that are not UTF-8, decoded by :func:`_legacy_decode`, and the note."""
    first = 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    return _legacy_decode(data, f"{where}: not valid UTF-8 (byte {first} of a field)")


def _legacy_decode(data: bytes, problem: str) -> tuple[str, str]:
    """Bytes that are not UTF-8 decoded as cp1252 (latin-1 where cp1252 has no character),
    and the note: ``problem``, the encoding used and the fix."""
    try:
        text, enc = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = data.decode("latin-1"), "latin-1"
    return text, f"{problem}; decoded as {enc}. Re-save the file as UTF-8 to silence this warning"


def _iter_jsonl(path: Path, text_column: str, id_column: str) -> Iterator[dict[str, Any]]:
    warned: set[str] = set()  # columns named like framing's, warned about once per file
    with path.open("rb") as handle:
        encoding = bom_encoding(handle.read(4))
    # UTF-8 lines are decoded one by one (a bad line falls back alone); UTF-16/32 as a whole
    lines = path.open("rb") if encoding is None else path.open("r", encoding=encoding, errors="replace", newline="\n")
    with lines as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:line {line_number}"
            raw, note = decode_bytes(line, where) if encoding is None else (line, "")
            if not raw.strip():  # a line that is only a byte-order mark
                continue
            obj = _parse_json(raw, where, in_file=False)
            if not isinstance(obj, dict):
                raise CorpusError(f"{where}: expected a JSON object, got {type(obj).__name__}")
            yield _from_mapping(
                obj, where, text_column, id_column, default_id=f"{path.stem}-{line_number}", note=note, warned=warned
            )


def _iter_parquet(path: Path, text_column: str, id_column: str) -> Iterator[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise _parquet_error(path, exc, "") from None
    names = pf.schema_arrow.names
    if text_column not in names:
        raise CorpusError(f"{path}: no column {text_column!r} (columns: {', '.join(names)}). Pass text_column=")
    row_number = 0
    warned: set[str] = set()  # columns named like framing's, warned about once per file
    batches = pf.iter_batches(batch_size=1024)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowException, OSError) as exc:
            raise _parquet_error(path, exc, f" after row {row_number}" if row_number else "") from None
        for row in batch.to_pylist():
            row_number += 1
            yield _from_mapping(
                row,
                f"{path}:row {row_number}",
                text_column,
                id_column,
                default_id=f"{path.stem}-{row_number}",
                warned=warned,
            )


def _parquet_error(path: Path, exc: Exception, where: str) -> CorpusError:
    return CorpusError(
        f"{path}: not a readable Parquet file ({exc}){where}. It may be truncated, damaged or another "
        "format: re-export it, or pass format= naming its real format"
    )


def _iter_frame(frame: pd.DataFrame, text_column: str, id_column: str) -> Iterator[dict[str, Any]]:
    if text_column not in frame.columns:
        raise CorpusError(
            f"DataFrame has no column {text_column!r} (columns: {', '.join(map(str, frame.columns))}). "
            "Pass text_column= naming the column with the text"
        )
    warned: set[str] = set()  # columns named like framing's, warned about once
    for position, row in enumerate(frame.to_dict("records"), start=1):
        row = {k: (None if _is_missing(v) and k != text_column else v) for k, v in row.items()}
        yield _from_mapping(
            row, f"DataFrame row {position}", text_column, id_column, default_id=f"doc-{position:05d}", warned=warned
        )


def _iter_strings(texts: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for position, text in enumerate(texts, start=1):
        if text is not None and not isinstance(text, str):
            raise CorpusError(
                f"item {position} of the list is a {type(text).__name__}, not a string. "
                "Pass a list of article texts, a DataFrame, or a path"
            )
        yield _record({"doc_id": f"doc-{position:05d}"}, normalize_newlines(text or ""), f"item {position}")


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA; never a list or array (not a missing scalar, whatever it holds)."""
    try:
        return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
    except (TypeError, ValueError):
        return False


def iter_corpus(
    source: Any,
    *,
    text_column: str = "text",
    id_column: str = "doc_id",
    format: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one record per document from ``source``, lazily, checking ids are unique.

    ``source`` is a folder (``.txt``/``.md`` with optional YAML front matter, and
    ``.json`` files with one article each, read recursively in sorted order), a
    ``.csv``/``.tsv``/``.jsonl``/``.parquet`` file, a DataFrame, or a list of strings.
    ``format`` forces a file format (``csv``, ``tsv``, ``jsonl``, ``parquet``).
    """
    seen: dict[str, str] = {}
    try:
        for rec in _iter_source(source, text_column, id_column, format):
            doc_id = rec["doc_id"]
            if doc_id in seen:
                raise CorpusError(
                    f"{rec['source']}: duplicate doc_id {doc_id!r} (first seen at {seen[doc_id]}). "
                    "Give every document a unique doc_id"
                )
            seen[doc_id] = rec["source"]
            yield rec
    except OSError as exc:  # a file that cannot be read (permissions, a disk error, a file removed meanwhile)
        raise CorpusError(
            f"{exc.filename or source}: cannot read it ({exc.strerror or exc}). Check that it exists and that you "
            "may read it, or move it out of the corpus"
        ) from None


def _iter_source(source, text_column, id_column, format) -> Iterator[dict[str, Any]]:
    if isinstance(source, pd.DataFrame):
        yield from _iter_frame(source, text_column, id_column)
        return
    if isinstance(source, (list, tuple)):
        yield from _iter_strings(source)
        return
    if isinstance(source, pd.Series):
        yield from _iter_strings(source.tolist())
        return
    if not isinstance(source, (str, os.PathLike)):
        raise CorpusError(
            f"cannot read a corpus from a {type(source).__name__}. Pass a folder or file path, "
            "a DataFrame with a text column, or a list of strings"
        )
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder. Check the path (relative paths start at {Path.cwd()})")
    if path.is_dir():
        yield from _iter_folder(path, text_column, id_column)
        return
    kind = (format or path.suffix.lower().lstrip(".")).lower()
    if kind in ("csv", "tsv"):
        yield from _iter_csv(path, text_column, id_column, "\t" if kind == "tsv" else ",")
    elif kind in ("jsonl", "ndjson"):
        yield from _iter_jsonl(path, text_column, id_column)
    elif kind in ("parquet", "pq"):
        yield from _iter_parquet(path, text_column, id_column)
    elif kind in ("txt", "md", "markdown"):
        yield _read_text_file(path, path.parent)
    elif kind == "json":
        yield _read_json_file(path, path.parent, text_column, id_column)
    else:
        raise CorpusError(
            f"{path}: unknown corpus format {kind!r}. Use a folder of .txt/.md files, .csv, .tsv, "
            ".jsonl or .parquet, or pass format="
        )


def corpus_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Build the documented corpus DataFrame from records; parses ``date`` (NaT if unknown)."""
    frame = pd.DataFrame.from_records(list(records))
    if frame.empty:
        frame = pd.DataFrame(columns=[*META_COLUMNS, "text", "source", "load_note"])
    for col in [*META_COLUMNS, "text", "source", "load_note"]:
        if col not in frame.columns:
            frame[col] = None
    raw_dates = frame["date"]
    parsed = pd.to_datetime(raw_dates.astype("string"), errors="coerce", format="mixed", utc=False)
    bad = raw_dates.notna() & parsed.isna()
    for i in frame.index[bad]:
        note = f"{frame.at[i, 'source']}: date {raw_dates[i]!r} not understood; set to NaT. Use YYYY-MM-DD"
        warnings.warn(note, CorpusWarning, stacklevel=3)
        frame.at[i, "load_note"] = "; ".join(x for x in (frame.at[i, "load_note"], note) if x)
    frame["date"] = parsed
    frame["doc_id"] = frame["doc_id"].astype(str)
    ordered = [*META_COLUMNS, "text", "source", "load_note"]
    extras = [c for c in frame.columns if c not in ordered]
    return frame[[*META_COLUMNS, *extras, "text", "source", "load_note"]].reset_index(drop=True)


def load_corpus(
    source: Any,
    *,
    text_column: str = "text",
    id_column: str = "doc_id",
    format: str | None = None,
) -> pd.DataFrame:
    """Load a corpus into a DataFrame, one row per document (schema in the module docstring).

    Examples::

        load_corpus("corpus/la-ice-raids-2025")          # folder of .md/.txt files
        load_corpus("articles.csv", text_column="body")  # CSV with a 'body' column
        load_corpus(["First article ...", "Second ..."])  # ids doc-00001, doc-00002
    """
    return corpus_frame(iter_corpus(source, text_column=text_column, id_column=id_column, format=format))
