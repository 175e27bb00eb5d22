"""The tidy tables of an analysis, built from the per-document results of the layers.

``documents`` (one row per input document), ``sentences``, ``spans`` (the evidence),
``attributions`` and the long ``measures`` table, as pandas DataFrames for
:class:`framing.Analysis` and as Arrow tables for the streamed Parquet parts
(:func:`framing.analyze_to`). Both routes give the same values; the Arrow route is used
for pandas too where it gives exactly the frame ``DataFrame.from_records`` gives.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .io.corpus import META_COLUMNS, user_column
from .layers.base import SPAN_COLUMNS, DocResult

SENTENCE_COLUMNS = ["doc_id", "sent_index", "para_index", "kind", "start", "end", "text", "n_tokens"]


COUNT_COLUMNS = ["n_paragraphs", "n_sentences", "n_tokens"]


ATTRIBUTION_COLUMNS = [
    "doc_id",
    "attribution_id",
    "source_text",
    "source_type",
    "speaker",
    "cue_text",
    "cue_lemma",
    "verb_class",
    "content_text",
    "is_direct",
    "source_start",
    "source_end",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
]


def sentences_frame(results: Iterable[DocResult], declarations=None) -> pd.DataFrame:
    """One row per sentence: :data:`SENTENCE_COLUMNS`, then the annotators' sentence columns.

    Built through Arrow when that gives exactly the frame ``from_records`` gives (see
    :func:`_arrow_frame`), else from dict rows. Without any sentence (an empty corpus) the
    annotators' columns are those ``declarations`` (:class:`~framing.layers.base.Declarations`)
    name, families such as ``{typology}_frame`` aside.
    """
    results = list(results)
    if declarations is not None and not any(r.sentences for r in results):
        declared = [c.name for c in declarations.sentence_columns if "{" not in c.name]
        return pd.DataFrame(columns=[*SENTENCE_COLUMNS, *(c for c in declared if c not in SENTENCE_COLUMNS)])

    frame = _arrow_frame(_sentence_table(results, pandas_exact=True))
    if frame is not None:
        return frame
    rows: list[dict] = []
    extra_cols: list[str] = []
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
    frame = pd.DataFrame.from_records(rows, columns=[*SENTENCE_COLUMNS, *extra_cols])
    return frame


def spans_frame(results: Iterable[DocResult]) -> pd.DataFrame:
    """The evidence rows as a DataFrame: :data:`SPAN_COLUMNS`, then the detail columns.

    Built through Arrow (:func:`framing.stream.span_arrow`, 2-3x faster) when that gives
    exactly the frame ``DataFrame.from_records`` gives on the rows as dicts: columns of
    text, whole numbers, decimals and bools only; else from the dict rows.
    """
    results = list(results)
    frame = _spans_frame_arrow(results)
    if frame is not None:
        return frame
    rows = [row for r in results for row in r.spans]
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return pd.DataFrame(columns=SPAN_COLUMNS)
    extra = [c for c in frame.columns if c not in SPAN_COLUMNS]
    return frame[SPAN_COLUMNS + extra]


def _spans_frame_arrow(results: list[DocResult]) -> pd.DataFrame | None:
    """:func:`spans_frame` through Arrow, or None where it could differ from ``from_records``."""

    return _arrow_frame(span_arrow(results, pandas_exact=True))


def _arrow_frame(table) -> pd.DataFrame | None:
    """``table.to_pandas()`` where it equals ``DataFrame.from_records`` of the same rows (2-3x
    faster for the evidence tables): columns of text, whole numbers, decimals and bools, a
    missing bool as NaN. None for a table with other column types (dates, nested values) or
    None itself (the builders return None where the two could differ otherwise)."""
    import numpy as np
    import pyarrow as pa

    if table is None:
        return None
    kinds = (pa.types.is_string, pa.types.is_large_string, pa.types.is_int64, pa.types.is_float64, pa.types.is_boolean)
    if not all(any(kind(f.type) for kind in kinds) for f in table.schema):
        return None  # e.g. dates or nested values: their pandas types differ between the two ways
    frame = table.to_pandas()
    for name in frame.columns:  # a bool column with missing values: NaN where a row lacks it, as from_records
        if frame[name].dtype == object:
            missing = frame[name].isna().to_numpy()
            if missing.any():
                values = frame[name].to_numpy(copy=True)
                values[missing] = np.nan
                frame[name] = values
    return frame


def attributions_frame(results: Iterable[DocResult]) -> pd.DataFrame:
    rows = [row for r in results for row in r.attributions]
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return pd.DataFrame(columns=ATTRIBUTION_COLUMNS)
    extra = [c for c in frame.columns if c not in ATTRIBUTION_COLUMNS]
    present = [c for c in ATTRIBUTION_COLUMNS if c in frame.columns]
    return frame[present + extra]


def documents_frame(meta: pd.DataFrame, results: Sequence[DocResult]) -> pd.DataFrame:
    """Metadata + status + measures, one row per input document, in input order.

    An empty corpus gives an empty frame with the metadata, status and count columns (the
    other measure columns come from the documents analysed; the long ``measures`` table
    names them all).
    """
    by_id = {r.doc_id: r for r in results}
    measure_cols: list[str] = list(COUNT_COLUMNS)
    for r in results:
        for name in r.measures:
            if name not in measure_cols:
                measure_cols.append(name)
    meta = _user_columns_kept(meta, measure_cols)
    rows = []
    for rec in meta.drop(columns=["text"], errors="ignore").to_dict("records"):
        r = by_id.get(rec["doc_id"])
        if r is None:  # should not happen; flagged rather than dropped
            rec.update(status="error", status_detail="document was not analysed")
        else:
            rec.update(status=r.status, status_detail=r.status_detail)
            for name in measure_cols:
                rec[name] = r.measures.get(name, math.nan)
        rows.append(rec)
    columns = [c for c in meta.columns if c != "text"] + ["status", "status_detail", *measure_cols]
    frame = pd.DataFrame.from_records(rows, columns=columns if not rows else None)
    lead = [c for c in META_COLUMNS if c in frame.columns]
    tail = ["status", "status_detail", *measure_cols]
    middle = [c for c in frame.columns if c not in lead and c not in tail and c not in ("source", "load_note")]
    return frame[lead + middle + ["source", "status", "status_detail", *measure_cols]]


def _user_columns_kept(meta: pd.DataFrame, measure_cols: list[str]) -> pd.DataFrame:
    """``meta`` with each column named like a measure or a status column of ``documents``
    renamed ``user_<name>`` (with a :class:`~framing.io.corpus.CorpusWarning`), so neither
    overwrites the other. The loader renames the others (:data:`~framing.io.corpus.FRAMING_COLUMNS`)."""
    ours = {"status", "status_detail", *measure_cols}
    clash = [c for c in meta.columns if c in ours]
    if not clash:
        return meta
    why = "the name of a framing measure (or status column) of the documents table"
    return meta.rename(columns={name: user_column(name, meta.columns, "the corpus", why) for name in clash})


def empty_tables(declarations=None) -> dict[str, pd.DataFrame]:
    """The tables of an empty corpus, by name: no rows, the columns every analysis has
    (and the sentence columns ``declarations`` of a pipeline name).

    The same columns :func:`framing.analyze` gives for an empty corpus; for writers that
    have no part to read them from (a header-only ``documents.csv`` pandas can read)."""
    documents = [*META_COLUMNS, "source", "status", "status_detail", *COUNT_COLUMNS]
    return {
        "documents": pd.DataFrame(columns=documents),
        "sentences": sentences_frame([], declarations),
        "spans": pd.DataFrame(columns=SPAN_COLUMNS),
        "attributions": pd.DataFrame(columns=ATTRIBUTION_COLUMNS),
        "measures": pd.DataFrame(columns=["doc_id", "measure", "value"]),
    }


def measure_rows(results: Iterable[DocResult]) -> list[tuple[str, str, float]]:
    """``(doc_id, measure, value)`` for every numeric document measure and long-form measure."""
    rows = []
    for r in results:
        for name, value in r.measures.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                rows.append((r.doc_id, name, float(value)))
        for name, value in r.long_measures:
            rows.append((r.doc_id, name, float(value)))
    return rows


def measures_frame(results: Iterable[DocResult]) -> pd.DataFrame:
    return pd.DataFrame(measure_rows(results), columns=["doc_id", "measure", "value"])


# ---------------------------------------------------------------------------
# Arrow tables (the streamed parts, and the fast route to the pandas frames)


def _plain(value: Any) -> Any:
    """Non-scalar metadata (nested JSON objects, lists) as a JSON string, so every part has flat columns."""
    if isinstance(value, (dict, list, tuple, set)):
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return value


def _column(name: str, values: list):
    """One Arrow column from Python values; NaN is missing; mixed types are stored as text."""
    import pyarrow as pa

    try:
        return pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        values = [_plain(v) for v in values]
        try:
            return pa.array(values, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return pa.array([None if v is None or v != v else str(v) for v in values], type=pa.large_string())


def _rows_table(rows: list[dict], lead: list[str]):
    """Rows (dicts with shared and optional keys) as an Arrow table, columns ``lead`` then first-seen order.

    The same columns and values as ``pandas.DataFrame.from_records`` in
    :mod:`framing.analysis`, built column by column (much faster for many spans).
    """
    import pyarrow as pa

    if not rows:
        return pa.table({name: pa.array([], type=pa.large_string()) for name in lead})
    # rows with the same keys in the same order (one rule's spans) form one group
    groups: dict[tuple, list[int]] = {}
    for i, keys in enumerate(map(tuple, rows)):
        groups.setdefault(keys, []).append(i)
    names = _column_names(lead, groups)
    if len(groups) <= 200:  # beyond that, too varied to gain anything
        fast = _grouped_table(rows, groups, names)
        if fast is not None:
            return fast
    return pa.table({name: _column(name, [row.get(name) for row in rows]) for name in names})


def _column_names(lead: list[str], groups: Iterable[tuple[str, ...]]) -> list[str]:
    """``lead``, then the other keys of the row groups (in order of first appearance) in first-seen order."""
    names = list(lead)
    seen = set(names)
    for keys in groups:
        for key in keys:
            if key not in seen:
                seen.add(key)
                names.append(key)
    return names


def _span_table(results: list[DocResult]):
    """The spans table from the annotators' evidence blocks (:meth:`DocResult.span_blocks`).

    The same table as :func:`_rows_table` on the rows as dicts (see :func:`span_arrow`),
    which it falls back to when the groups' types do not combine.
    """
    table = span_arrow(results)
    return table if table is not None else _rows_table([row for r in results for row in r.spans], SPAN_COLUMNS)


def span_arrow(results: list[DocResult], *, pandas_exact: bool = False):
    """The evidence rows of ``results`` as one Arrow table, or None (no rows, or types that do not combine).

    Rows written as tuples are grouped by their keys without a dict per row; dict rows
    are grouped by their own keys; each group is transposed in C and converted at once.
    Columns: :data:`SPAN_COLUMNS`, then the others in first-seen order, as
    :func:`_rows_table`. With ``pandas_exact``, also None when a group holds a missing
    value in a bool column or has a column with no values at all, the two cases in which
    ``to_pandas`` of the table could differ from ``pandas.DataFrame.from_records`` of the
    dict rows (explicit None against NaN for a missing key).
    """
    import pyarrow as pa

    groups: dict[tuple, tuple[list, list]] = {}  # keys -> (rows as tuples, positions in the table)
    position = 0
    for result in results:
        for keys, block in result.span_blocks():
            if keys is None:
                for row in block:
                    group = groups.get(row_keys := tuple(row))
                    if group is None:
                        group = groups[row_keys] = ([], [])
                    group[0].append(tuple(row.values()))
                    group[1].append(position)
                    position += 1
            elif block:
                group = groups.get(keys)
                if group is None:
                    group = groups[keys] = ([], [])
                group[0].extend(block)
                group[1].extend(range(position, position + len(block)))
                position += len(block)
    if not groups:
        return None
    names = _column_names(SPAN_COLUMNS, groups)
    try:
        parts = []
        for keys, (rows, positions) in groups.items():
            columns = zip(*rows) if len(keys) > 1 else [[row[0] for row in rows]]
            arrays = {k: pa.array(c, from_pandas=True) for k, c in zip(keys, columns)}
            if pandas_exact and any(
                a.null_count and (pa.types.is_boolean(a.type) or pa.types.is_null(a.type)) for a in arrays.values()
            ):
                return None
            arrays["__row"] = pa.array(positions, type=pa.int64())
            parts.append(pa.table(arrays))
        table = pa.concat_tables(parts, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    return table.sort_by("__row").select(names)


def _grouped_table(rows: list[dict], groups: dict[tuple, list[int]], names: list[str]):
    """Fast path of :func:`_rows_table`: the rows of each group (same keys) are converted together.

    Each group becomes an Arrow table in C (``itemgetter``/``zip``); the groups are
    concatenated and put back in input order. Returns None when the groups' types do
    not combine (then the caller builds column by column).
    """
    from operator import itemgetter

    import pyarrow as pa

    try:
        parts = []
        for keys, positions in groups.items():
            picked = itemgetter(*positions)(rows) if len(positions) > 1 else (rows[positions[0]],)
            if len(keys) == 1:
                columns = [[row[keys[0]] for row in picked]]
            else:
                # zip of per-row tuples: cheapest with the garbage collector paused, as run_chunk does
                columns = list(zip(*map(itemgetter(*keys), picked)))
            arrays = {k: pa.array(c, from_pandas=True) for k, c in zip(keys, columns)}
            arrays["__row"] = pa.array(positions, type=pa.int64())
            parts.append(pa.table(arrays))
        table = pa.concat_tables(parts, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    table = table.sort_by("__row")
    return table.select(names)


def _sentence_table(results: list[DocResult], *, pandas_exact: bool = False, declarations=None):
    """The sentences table (as :func:`framing.analysis.sentences_frame`), column by column.

    With ``pandas_exact``, None when ``to_pandas`` of the table could differ from
    :func:`framing.analysis.sentences_frame`: no sentences, a column of mixed types (stored
    as text here), or a bool column or a column without values that has missing values.
    With ``declarations`` (:class:`framing.layers.base.Declarations`), each annotator column
    gets the Arrow type of its declared dtype, so every streamed part has the same schema
    whatever values its chunk happened to hold (a chunk without a value is not a null column).
    """
    import pyarrow as pa

    rows = [row for r in results for row in r.sentences]
    if not rows:
        return (
            None
            if pandas_exact
            else pa.table({name: pa.array([], type=pa.large_string()) for name in SENTENCE_COLUMNS})
        )
    column = _exact_column if pandas_exact else _column
    columns = {name: column(name, [row[name] for row in rows]) for name in SENTENCE_COLUMNS}
    extra: list[str] = []
    for r in results:
        extra.extend(name for name in r.sentence_values if name not in extra)
    for name in extra:
        values: list = []
        for r in results:
            col = r.sentence_values.get(name)
            values.extend(col if col is not None else [math.nan] * len(r.sentences))
        columns[name] = column(name, values)
        declared = declarations.column_dtype(name) if declarations is not None else None
        if declared is not None and columns[name] is not None:
            columns[name] = columns[name].cast(_arrow_type(declared))
    if pandas_exact and any(a is None for a in columns.values()):
        return None
    return pa.table(columns)


def _arrow_type(dtype: str):
    """The Arrow type of a dtype a :class:`~framing.layers.base.SentenceColumn` declares."""
    import pyarrow as pa

    return {"float": pa.float64(), "int": pa.int64(), "str": pa.string(), "bool": pa.bool_()}[dtype]


def _exact_column(name: str, values: list):
    """:func:`_column` or None where ``to_pandas`` could differ from pandas' own inference
    (mixed types; a bool column or a column without values with missing values)."""
    import pyarrow as pa

    try:
        array = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if array.null_count and (pa.types.is_boolean(array.type) or pa.types.is_null(array.type)):
        return None
    return array


def _measures_table(results: list[DocResult]):
    """The long measures table (as :func:`framing.analysis.measures_frame`), straight to Arrow."""
    import pyarrow as pa

    rows = measure_rows(results)
    ids, names, values = zip(*rows) if rows else ((), (), ())
    return pa.table(
        {
            "doc_id": pa.array(ids, type=pa.large_string()),
            "measure": pa.array(names, type=pa.large_string()),
            "value": pa.array(values, type=pa.float64(), from_pandas=True),
        }
    )
