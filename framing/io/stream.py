"""``framing.analyze_to``: stream a corpus of any size to partitioned Parquet, resumably.

The corpus is read lazily (:func:`framing.iter_corpus`) in chunks of ``chunk_size``
documents. Each chunk is analysed (in this process, in a pool of processes or on a
Dask cluster) and written as one part of every table::

    OUT/
      manifest.json                 versions, parameters, source fingerprint, chunks
      documents/part-00000.parquet  one row per input document (status, measures)
      sentences/part-00000.parquet
      spans/part-00000.parquet      the evidence
      attributions/part-00000.parquet
      measures/part-00000.parquet   long form: doc_id, measure, value
      texts/part-00000.parquet      doc_id, text (what every span offset indexes)
      _chunks/chunk-00000.json      written last: the chunk is finished

Part ``k`` holds the documents ``k * chunk_size`` to ``(k + 1) * chunk_size - 1`` of
the input, in input order, whatever the engine; so every engine writes the same bytes.

**Resume.** Every file is written to a hidden temporary name of its process and renamed into
place; a chunk counts as finished only when its marker in ``_chunks/`` exists, and the marker
is written after all its tables. Running ``analyze_to`` again with the same arguments
skips finished chunks (after checking that their documents are unchanged) and
rewrites the others, so a run killed at any moment ends, once restarted, with the
output of an uninterrupted run: no document lost, none duplicated. Other settings
(framing or lexicon versions, annotator parameters, chunk size, columns) raise
:class:`~framing.errors.ResumeError`; the engine and the number of workers may change.
The source is checked (its first record read) before anything is written, and a run that
finished no chunk never blocks the next. ``overwrite=True`` deletes only framing's files,
after checking that the folder can be written. A run locks its folder (``.framing.lock``,
holding its pid), so two runs never mix their tables; worker processes exit with their
driver. See ``docs/guarantees.md``.

**Schema.** When the run is complete, parts whose columns differ from the union of
all parts (a detail column that no span of one chunk needed, an integer column that
is fractional elsewhere) are rewritten to the unified schema, so pandas, Dask, DuckDB
and Spark read each table folder as one dataset.

Single-document failures never stop a run: the document keeps its row in
``documents`` with ``status="error"`` and the reason in ``status_detail``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import math
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

import pandas as pd

from .._version import __version__
from ..analysis import (
    PIPELINE_OPTIONS,
    Analysis,
    _dumps,
    _init_worker,
    _refuse_unknown,
    analyze_documents,
    build_pipeline,
    check_workers,
    gc_paused,
    stopped_on_error,
    worker_pipeline,
)
from ..errors import AnalysisError, ResumeError
from ..layers.base import SPAN_COLUMNS
from ..tables import (
    ATTRIBUTION_COLUMNS,
    SENTENCE_COLUMNS,
    _measures_table,
    _plain,
    _rows_table,
    _sentence_table,
    _span_table,
    documents_frame,
)
from .corpus import corpus_frame, iter_corpus

__all__ = ["analyze_to", "read_results", "StreamRun", "TABLES", "ENGINES", "export_tables"]

log = logging.getLogger(__name__)

#: the tables written for every chunk, in writing order
TABLES = ("documents", "sentences", "spans", "attributions", "measures", "texts")
ENGINES = ("serial", "processes", "dask", "auto")
#: engine="auto" uses a process pool from this many chunks to analyse (below, starting the
#: workers, ~1-2 s each for imports and lexicons, costs more than it saves)
AUTO_MIN_CHUNKS = 4
LAYOUT = "framing-stream/1"
DEFAULT_CHUNK_SIZE = 250
_COMPRESSION = "zstd"
#: the columns every table has, whatever the pipeline (a run without documents still has them)
BASE_COLUMNS = {
    "documents": ["doc_id", "status", "status_detail"],
    "sentences": SENTENCE_COLUMNS,
    "spans": SPAN_COLUMNS,
    "attributions": ATTRIBUTION_COLUMNS,
    "measures": ["doc_id", "measure", "value"],
    "texts": ["doc_id", "text"],
}


# ---------------------------------------------------------------------------
# One chunk (runs in a worker: module-level functions only, so it pickles)


@dataclass
class ChunkOutput:
    """What a worker sends back: one Parquet blob per table and a summary."""

    index: int
    blobs: dict[str, bytes]
    info: dict[str, Any]


def _run_chunk_in_worker(index: int, records: list[dict]) -> ChunkOutput:
    return run_chunk(index, records, worker_pipeline())


def run_chunk(index: int, records: list[dict], pipeline) -> ChunkOutput:
    """Analyse one chunk of corpus records and serialise its tables as Parquet blobs.

    The cyclic garbage collector is paused for the chunk (:func:`framing.analysis.gc_paused`).
    """
    with gc_paused():
        return _analyse_chunk(index, records, pipeline)


def _analyse_chunk(index: int, records: list[dict], pipeline) -> ChunkOutput:
    meta = corpus_frame(records)
    # layer by layer over the chunk (see analyze_documents); a failure flags its document only
    results = analyze_documents(zip(meta["doc_id"], meta["text"], meta["load_note"].fillna("")), pipeline)
    texts = meta["text"].map(lambda t: t if isinstance(t, str) else "")
    documents = documents_frame(meta, results)
    tables = {
        "documents": _arrow(documents, f"documents of chunk {index}"),
        "sentences": _sentence_table(results, declarations=pipeline.declarations),
        "spans": _span_table(results),
        "attributions": _rows_table([row for r in results for row in r.attributions], ATTRIBUTION_COLUMNS),
        "measures": _measures_table(results),
        "texts": _arrow(pd.DataFrame({"doc_id": meta["doc_id"].astype(str), "text": texts.astype(str)}), "texts"),
    }
    blobs = {name: _parquet_bytes(table) for name, table in tables.items()}
    info = {
        "n_documents": len(meta),
        "first_doc_id": str(meta["doc_id"].iloc[0]) if len(meta) else None,
        "last_doc_id": str(meta["doc_id"].iloc[-1]) if len(meta) else None,
        "content_hash": _records_hash(records),
        "text_bytes": int(sum(len(t.encode("utf-8")) for t in texts)),
        "rows": {name: table.num_rows for name, table in tables.items()},
        "status": {k: int(v) for k, v in sorted(documents["status"].value_counts().items())},
    }
    return ChunkOutput(index, blobs, info)


def _arrow(frame: pd.DataFrame, what: str):
    """A DataFrame as an Arrow table with flat columns (nested values as JSON text)."""
    import pyarrow as pa

    frame = frame.reset_index(drop=True)
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(_plain)
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # a column mixes types (e.g. numbers and strings in one metadata field): store it as text
        for col in frame.columns:
            if frame[col].dtype == object:
                frame[col] = frame[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise AnalysisError(f"cannot store the {what} as Parquet: {exc}") from exc
    return table


def _parquet_bytes(table) -> bytes:
    import pyarrow.parquet as pq

    table = _nulls_as_strings(table).replace_schema_metadata(None)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression=_COMPRESSION)
    return sink.getvalue()


def _nulls_as_strings(table):
    """A column with no values at all has Arrow type ``null``; store it as (empty) text."""
    import pyarrow as pa

    for i, f in enumerate(table.schema):
        if pa.types.is_null(f.type):
            table = table.set_column(i, pa.field(f.name, pa.large_string()), table.column(i).cast(pa.large_string()))
    return table


def _records_hash(records: list[dict]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for rec in records:
        h.update(json.dumps(rec, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Reading the source in chunks


def _resolve_fields(fields: Mapping[str, str] | None, text_column: str, id_column: str):
    fields = dict(fields or {})
    for key, default, given in (("text", "text", text_column), ("doc_id", "doc_id", id_column)):
        if key in fields and given != default and fields[key] != given:
            raise AnalysisError(
                f"fields[{key!r}]={fields[key]!r} contradicts {key if key == 'text' else 'id'}_column={given!r}; "
                "give one"
            )
    text_column = fields.pop("text", text_column)
    id_column = fields.pop("doc_id", id_column)
    for target, name in fields.items():
        if not isinstance(name, str) or not name:
            raise AnalysisError(f"fields[{target!r}] must be the name of a field in the source, got {name!r}")
    return text_column, id_column, fields


def _lookup(rec: dict, dotted: str) -> Any:
    if dotted in rec:
        return rec[dotted]
    value: Any = rec
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _apply_fields(rec: dict, fields: dict[str, str]) -> dict:
    """Rename source fields to framing's names: ``{"title": "headline", "date": "meta.published"}``."""
    for target, name in fields.items():
        value = _lookup(rec, name)
        if name in rec and name != target:
            del rec[name]
        rec[target] = value
    return rec


def _chunks(records: Iterator[dict], chunk_size: int) -> Iterator[tuple[int, list[dict]]]:
    chunk: list[dict] = []
    index = 0
    for rec in records:
        chunk.append(rec)
        if len(chunk) == chunk_size:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk


def _fingerprint(source: Any) -> dict[str, Any]:
    """What identifies the input without reading it all (each chunk's content is hashed too)."""
    if isinstance(source, pd.DataFrame):
        return {"kind": "DataFrame", "rows": len(source), "columns": [str(c) for c in source.columns]}
    if isinstance(source, (list, tuple, pd.Series)):
        return {"kind": "list", "items": len(source)}
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            h = hashlib.blake2b(digest_size=16)
            n = size = 0
            for p in sorted(path.rglob("*")):
                if p.is_file():
                    st = p.stat()
                    n, size = n + 1, size + st.st_size
                    h.update(f"{p.relative_to(path).as_posix()}\0{st.st_size}\0".encode())
            return {"kind": "folder", "path": str(path.resolve()), "files": n, "bytes": size, "listing": h.hexdigest()}
        if path.is_file():
            return {"kind": "file", "path": str(path.resolve()), "bytes": path.stat().st_size}
    return {"kind": type(source).__name__}


def _source_total(source: Any) -> int | None:
    if isinstance(source, (pd.DataFrame, list, tuple, pd.Series)):
        return len(source)
    return None


# ---------------------------------------------------------------------------
# Output folder: atomic writes, manifest, resume checks


#: held (``fcntl.flock``) by the run writing to a folder; holds its process id
LOCK_NAME = ".framing.lock"
#: what export_tables writes beside the table folders
_EXPORTS = frozenset(f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet"))


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file of this process, renamed into place (removed on failure)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and exc.filename is None:  # write() and fsync() name no file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def _marker(out: Path, index: int) -> Path:
    return out / "_chunks" / f"chunk-{index:05d}.json"


def _compared(manifest: dict[str, Any]) -> dict[str, Any]:
    """The settings that must match for a resumed run to continue an earlier one."""
    return {k: manifest.get(k) for k in ("layout", "framing_version", "lexicons", "annotators", "parameters", "source")}


def _check_resume(out: Path, manifest: dict[str, Any]) -> None:
    before, now = _compared(_read_manifest(out)), _compared(manifest)
    if before == now:
        return
    diffs = []
    for key in now:
        if before.get(key) != now[key]:
            diffs.extend(_diff(key, before.get(key), now[key]))
    raise ResumeError(
        f"{out} holds a run made with other settings, so resuming would mix two analyses: "
        + "; ".join(diffs[:8])
        + ". Rerun with the earlier settings to finish that run, or write to a new folder "
        "(or pass overwrite=True / --overwrite to start again)"
    )


def _diff(key: str, old: Any, new: Any) -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for k in sorted(set(old) | set(new), key=str):
            if old.get(k) != new.get(k):
                out.extend(_diff(f"{key}.{k}", old.get(k), new.get(k)))
        return out
    return [f"{key} was {old!r}, now {new!r}"]


def _check_out(out: Path) -> None:
    """``out`` is a folder or can be made one (checked before anything is read or written)."""
    if out.exists() and not out.is_dir():
        raise AnalysisError(f"{out}: is a file, not a folder; give out_dir (CLI: --out) a new or empty folder")
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise AnalysisError(f"{existing}: is a file, not a folder, so {out} cannot be made; choose another out_dir")


def _is_framings(name: str) -> bool:
    """Whether an entry of an output folder is one framing writes."""
    return (
        name in TABLES
        or name in _EXPORTS
        or name in ("_chunks", "manifest.json", LOCK_NAME)
        or (name.startswith(".") and name.endswith(".tmp"))
    )


def _prepare(out: Path, manifest: dict[str, Any], overwrite: bool) -> dict[int, dict]:
    """Check and set up the output folder (locked by this run); return the finished chunks (index -> info).

    An earlier run is resumed when it finished a chunk; one that finished none is replaced, since
    there is nothing to keep. Before anything is deleted (``overwrite``, or a run without chunks),
    the folder is checked to hold only framing's files and to be writable; the deletion removes the
    chunk markers first and the manifest last, so a deletion stopped half way leaves a folder that
    resumes, or is overwritten, like any other.
    """
    has_manifest = (out / "manifest.json").exists()
    foreign = sorted(p.name for p in out.iterdir() if not _is_framings(p.name))
    if foreign and not has_manifest:
        raise AnalysisError(
            f"{out} is not empty and holds no framing manifest.json ({', '.join(foreign[:3])}"
            f"{', ...' if len(foreign) > 3 else ''}); write to an empty or new folder "
            "so that no other file is mistaken for a table part"
        )
    if overwrite or not has_manifest:
        fresh = True
    elif not _finished_markers(out):  # nothing to resume: start again if the settings differ
        fresh = _compared(_read_manifest(out, overwrite=True)) != _compared(manifest)
    else:
        _check_resume(out, manifest)
        fresh = False
    if fresh:
        _probe_writable(out)
        _clear(out)
    for name in (*TABLES, "_chunks"):
        (out / name).mkdir(exist_ok=True)
    done = {int(m.stem.split("-")[1]): json.loads(m.read_text(encoding="utf-8")) for m in _finished_markers(out)}
    if fresh:
        _write_manifest(out, {**manifest, "complete": False})
    return done


def _finished_markers(out: Path) -> list[Path]:
    folder = out / "_chunks"
    return sorted(folder.glob("chunk-*.json")) if folder.is_dir() else []


def _read_manifest(out: Path, *, overwrite: bool = False) -> dict[str, Any]:
    """The manifest of an earlier run; unreadable: an error (or, with ``overwrite``, an empty one)."""
    path = out / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        if overwrite:
            return {}
        raise ResumeError(f"{path}: unreadable manifest ({exc}). Delete {out} or choose another out_dir") from None


def _probe_writable(out: Path) -> None:
    """Raise the OSError (read-only, no permission, disk full) a write to ``out`` would meet, before deleting."""
    probe = out / f".framing-probe.{os.getpid()}.tmp"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"framing")
        probe.unlink()
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out)) from exc


def _clear(out: Path) -> None:
    """Remove what an earlier framing run wrote there, and only that: chunk markers first (so no
    chunk counts as finished), then parts, temporary files and exported tables, the manifest last."""
    for marker in _finished_markers(out):
        marker.unlink()
    for name in (*TABLES, "_chunks"):
        folder = out / name
        if folder.is_dir():
            for p in folder.iterdir():
                if p.is_file() and (p.name.startswith(("part-", "chunk-")) or p.name.endswith(".tmp")):
                    p.unlink()
    for p in out.iterdir():
        if p.is_file() and (p.name in _EXPORTS or p.name.endswith(".tmp")):
            p.unlink()
    with contextlib.suppress(FileNotFoundError):
        (out / "manifest.json").unlink()


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``out/.framing.lock`` while this run writes to ``out``: a second run into the same folder
    is refused, naming the process that holds it. The lock ends with its process, also when that
    process is killed (``fcntl.flock``; where there is no ``fcntl``, runs are not locked)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    path = out / LOCK_NAME
    for _ in range(3):  # the lock file may be replaced between open and flock by a run that finishes
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only folder, no permission, a full disk: name the folder
            raise OSError(exc.errno, exc.strerror, str(out)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise AnalysisError(
                f"{out}: another framing run (process {holder}) is writing to this folder; wait for it to "
                "finish (then rerun to resume or check it), or write to another folder"
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    else:  # pragma: no cover - three runs finishing in a row
        raise AnalysisError(f"{out}: could not lock the folder; is another framing run starting? Try again")
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        try:
            with contextlib.suppress(OSError):
                path.unlink()
        finally:
            os.close(fd)


def _write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    _atomic_write(out / "manifest.json", (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def _write_chunk(out: Path, result: ChunkOutput) -> None:
    for name in TABLES:
        _atomic_write(out / name / _part_name(result.index), result.blobs[name])
    _atomic_write(_marker(out, result.index), (json.dumps(result.info, sort_keys=True) + "\n").encode("utf-8"))


def _finalize(out: Path, done: dict[int, dict]) -> dict[str, list[str]]:
    """Drop leftovers of unfinished chunks and give every part of a table the same schema."""
    import pyarrow.parquet as pq

    schemas: dict[str, list[str]] = {}
    for name in TABLES:
        folder = out / name
        for p in folder.iterdir():
            stale = p.name.endswith(".tmp") or (p.name.startswith("part-") and int(p.name[5:10]) not in done)
            if stale:
                p.unlink()
        parts = [folder / _part_name(i) for i in sorted(done)]
        if not parts:
            continue
        part_schemas = [pq.read_schema(p) for p in parts]
        unified = _unify(part_schemas)
        for p, schema in zip(parts, part_schemas):
            if not schema.equals(unified, check_metadata=False):
                table = _conform(pq.read_table(p), unified)
                sink = io.BytesIO()
                pq.write_table(table, sink, compression=_COMPRESSION)
                _atomic_write(p, sink.getvalue())
        schemas[name] = [f"{f.name}: {f.type}" for f in unified]
    return schemas


def _empty_schemas(pipeline) -> dict[str, list[str]]:
    """The schema of every table of a chunk without documents (``"column: type"``, as for parts).

    If the pipeline cannot build tables from no documents, the columns every table has
    (:data:`BASE_COLUMNS`) as text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        blobs = _analyse_chunk(0, [], pipeline).blobs
    except (KeyError, IndexError, ValueError) as exc:
        log.debug("no tables from an empty chunk (%r); writing the base columns", exc)
        return {name: [f"{c}: large_string" for c in BASE_COLUMNS[name]] for name in TABLES}
    return {name: [f"{f.name}: {f.type}" for f in pq.read_schema(pa.BufferReader(blobs[name]))] for name in TABLES}


def _columns_of(manifest: dict[str, Any], name: str) -> list[str]:
    """The columns of table ``name`` recorded in a run's manifest (else :data:`BASE_COLUMNS`)."""
    recorded = (manifest.get("schemas") or {}).get(name)
    return [entry.rsplit(": ", 1)[0] for entry in recorded] if recorded else list(BASE_COLUMNS[name])


def _empty_arrow(manifest: dict[str, Any], name: str):
    """A table of no rows with the columns (and, where Arrow names them simply, the types) of ``name``."""
    import pyarrow as pa

    fields = []
    for entry in (manifest.get("schemas") or {}).get(name) or [f"{c}: large_string" for c in BASE_COLUMNS[name]]:
        column, type_name = entry.rsplit(": ", 1)
        try:
            kind = pa.type_for_alias(type_name)
        except ValueError:
            kind = pa.large_string()
        fields.append(pa.field(column, kind))
    return pa.schema(fields).empty_table()


def _unify(schemas):
    import pyarrow as pa

    order: list[str] = []
    types: dict[str, list] = {}
    for schema in schemas:
        for f in schema:
            if f.name not in types:
                order.append(f.name)
                types[f.name] = []
            if f.type not in types[f.name]:
                types[f.name].append(f.type)
    fields = []
    for name in order:
        candidates = types[name]
        if len(candidates) == 1:
            fields.append(pa.field(name, candidates[0]))
            continue
        try:
            merged = pa.unify_schemas(
                [pa.schema([pa.field(name, t)]) for t in candidates], promote_options="permissive"
            )
            fields.append(merged.field(name))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            fields.append(pa.field(name, pa.large_string()))
    return pa.schema(fields)


def _conform(table, schema):
    import pyarrow as pa

    columns = []
    for f in schema:
        if f.name in table.column_names:
            columns.append(table.column(f.name).cast(f.type))
        else:
            columns.append(pa.nulls(len(table), type=f.type))
    return pa.Table.from_arrays(columns, schema=schema)


# ---------------------------------------------------------------------------
# Engines


def _serial(chunks, pipeline, workers, scheduler) -> Iterator[ChunkOutput]:
    for index, records in chunks:
        yield run_chunk(index, records, pipeline)


def _processes(chunks, pipeline, workers, scheduler) -> Iterator[ChunkOutput]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    n = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    # the workers exit with this process, and an error or Ctrl-C here ends them at once (stopped_on_error)
    with (
        ProcessPoolExecutor(n, mp_context=context, initializer=_init_worker, initargs=(_dumps(pipeline),)) as pool,
        stopped_on_error(pool),
    ):
        pending: set = set()
        for index, records in chunks:
            pending.add(pool.submit(_run_chunk_in_worker, index, records))
            if len(pending) >= 2 * n:  # bounded: at most 2 chunks per worker in memory
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    yield fut.result()
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                yield fut.result()


def _dask(chunks, pipeline, workers, scheduler) -> Iterator[ChunkOutput]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:  # dask is an optional extra
        raise AnalysisError(
            'engine="dask" needs dask.distributed, not installed: pip install "framing[dask]"'
        ) from None

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        n_slots = max(1, sum(client.nthreads().values()))
        remote_pipeline = client.scatter(pipeline, broadcast=True)
        queue = as_completed()
        in_flight = 0
        for index, records in chunks:
            queue.add(
                client.submit(
                    run_chunk,
                    index,
                    records,
                    remote_pipeline,
                    pure=False,
                    key=f"framing-chunk-{index}-{os.getpid()}-{time.time_ns()}",
                )
            )
            in_flight += 1
            while in_flight >= 2 * n_slots:
                fut = next(queue)
                in_flight -= 1
                yield fut.result()
                fut.release()
        for fut in queue:
            yield fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


_ENGINE_FUNCS = {"serial": _serial, "processes": _processes, "dask": _dask}


def _auto_engine(jobs: Iterator, workers: int | None, picklable: bool) -> tuple[Iterator, str]:
    """The engine ``engine="auto"`` runs: ``processes`` with more than one worker (default:
    one per CPU core) and at least :data:`AUTO_MIN_CHUNKS` chunks to analyse, else
    ``serial``. Looks ahead at most that many chunks; returns the jobs unchanged."""
    n = workers or os.cpu_count() or 1
    if n < 2 or not picklable:
        return jobs, "serial"
    jobs = iter(jobs)
    ahead = list(islice(jobs, AUTO_MIN_CHUNKS))
    return chain(ahead, jobs), "processes" if len(ahead) >= AUTO_MIN_CHUNKS else "serial"


# ---------------------------------------------------------------------------
# Public API


@dataclass
class StreamRun:
    """Summary of one :func:`analyze_to` call; :meth:`read` loads the tables."""

    out_dir: Path
    n_documents: int
    n_chunks: int
    chunks_skipped: int
    chunks_written: int
    status: dict[str, int]
    text_bytes: int
    seconds: float
    engine: str
    n_analysed: int = 0
    manifest: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        """Documents analysed (not skipped) in this call, per second."""
        return self.n_analysed / self.seconds if self.seconds else math.nan

    def read(self, tables: Iterable[str] | None = None):
        """The written tables as an :class:`~framing.analysis.Analysis` (see :func:`read_results`)."""
        return read_results(self.out_dir, tables=tables)


def _run_engine(results, out: Path, done: dict, tally: _Tally, bar: _Bar) -> None:
    """Write each chunk the engine returns (in any order) and count it."""
    # closing: an error or Ctrl-C stops the engine's workers now, not when the generator is collected
    with contextlib.closing(results):
        try:
            for result in results:
                _write_chunk(out, result)
                done[result.index] = result.info
                tally.add_written(result.info)
                bar.update(result.info["n_documents"], tally.bytes)
        finally:
            bar.close()


def analyze_to(
    source: Any,
    out_dir: str | os.PathLike,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    engine: str = "serial",
    workers: int | None = None,
    scheduler: str | None = None,
    text_column: str = "text",
    id_column: str = "doc_id",
    fields: Mapping[str, str] | None = None,
    format: str | None = None,
    progress: bool = True,
    overwrite: bool = False,
    annotators=None,
    lexicons=None,
    tone_overrides: bool = True,
    **options: Any,
) -> StreamRun:
    """Analyse a corpus of any size chunk by chunk and write partitioned Parquet tables.

    ``source`` is anything :func:`framing.iter_corpus` reads (folder of ``.txt``/``.md``
    or one-JSON-per-article files, ``.csv``/``.tsv``, ``.jsonl``, ``.parquet``,
    DataFrame, list of strings); it is read lazily, so peak memory depends on
    ``chunk_size`` (and on the number of chunks in flight, two per worker), not on the
    size of the corpus. ``fields`` maps framing's field names to the source's, e.g.
    ``{"text": "body", "doc_id": "id", "title": "headline", "date": "meta.published"}``
    (dotted names reach into nested JSON objects).

    ``engine``: ``"serial"`` (this process), ``"processes"`` (a pool of ``workers``
    processes), ``"dask"`` (``dask.distributed``: a ``LocalCluster`` of ``workers``
    processes, or the existing cluster at ``scheduler="tcp://host:8786"``) or ``"auto"``
    (``dask`` with a ``scheduler``, else ``processes`` when there is more than one worker,
    default one per CPU core, and at least :data:`AUTO_MIN_CHUNKS` chunks to analyse, else
    ``serial``; the engine run is ``StreamRun.engine``). Every engine writes identical files.
    ``annotators``, ``lexicons``, ``tone_overrides`` and other keyword options build the
    pipeline as in :func:`framing.analyze`.

    Writes ``out_dir/<table>/part-NNNNN.parquet`` for the tables ``documents``,
    ``sentences``, ``spans``, ``attributions``, ``measures`` and ``texts`` and
    ``out_dir/manifest.json``; see the module docstring for the layout and for how an
    interrupted run is resumed. Returns a :class:`StreamRun` summary.
    """
    _refuse_unknown({k: v for k, v in options.items() if k not in PIPELINE_OPTIONS}, _options(), "analyze_to()")
    engine = _checked_engine(engine, chunk_size, workers, scheduler)
    text_column, id_column, renames = _resolve_fields(fields, text_column, id_column)
    pipeline = build_pipeline(annotators, lexicons=lexicons, tone_overrides=tone_overrides, **options)
    picklable = _picklable(pipeline, engine)
    out = Path(out_dir)
    _check_out(out)
    parameters = {
        "chunk_size": chunk_size,
        "text_column": text_column,
        "id_column": id_column,
        "fields": renames,
        "format": format,
    }
    manifest = _run_manifest(pipeline, source, parameters)
    records = _first_read(iter_corpus(source, text_column=text_column, id_column=id_column, format=format))
    if renames:
        records = (_apply_fields(rec, renames) for rec in records)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        done = _prepare(out, manifest, overwrite)
        started = time.perf_counter()
        tally = _Tally(status=_status_of(done.values()))
        bar = _Bar(progress, total=_source_total(source), started=started)
        jobs = _jobs(records, chunk_size, out, done, tally, bar)
        if engine == "auto":
            jobs, engine = _auto_engine(jobs, workers, picklable)
            log.info("engine='auto' runs engine=%r", engine)
        _run_engine(_ENGINE_FUNCS[engine](jobs, pipeline, workers, scheduler), out, done, tally, bar)
        final = _finish(out, manifest, done, tally, pipeline)
    seconds = time.perf_counter() - started
    log.info(
        "analysed %d documents (%d chunks written, %d skipped) in %.1fs",
        tally.analysed,
        tally.written,
        tally.skipped,
        seconds,
    )
    return StreamRun(
        out_dir=out,
        n_documents=final["n_documents"],
        n_chunks=tally.n_chunks,
        chunks_skipped=tally.skipped,
        chunks_written=tally.written,
        status=dict(final["status"]),
        text_bytes=tally.bytes,
        seconds=seconds,
        engine=engine,
        manifest=final,
        n_analysed=tally.analysed,
    )


# ---------------------------------------------------------------------------
# The steps of analyze_to(): check the arguments, plan, run the chunks, finish


def _options() -> list[str]:
    """The keyword options :func:`analyze_to` takes: its own and those of :func:`framing.default_annotators`."""
    import inspect

    own = [n for n, p in inspect.signature(analyze_to).parameters.items() if p.kind is p.KEYWORD_ONLY]
    return [*own, *(n for n in PIPELINE_OPTIONS if n not in own)]


def _first_read(records: Iterator[dict]) -> Iterator[dict]:
    """``records``, its first record read already: a wrong path or a missing text column fails
    here, before anything is written to the output folder."""
    records = iter(records)
    first = next(records, None)
    return records if first is None else chain([first], records)


def _checked_engine(engine: str, chunk_size: Any, workers: Any, scheduler: str | None) -> str:
    """The engine to run (``auto`` with a scheduler address is ``dask``); errors name the argument."""
    if engine not in ENGINES:
        raise AnalysisError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}")
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise AnalysisError(f"chunk_size must be a positive integer number of documents, got {chunk_size!r}")
    check_workers(workers, local=not scheduler)  # a cluster at `scheduler` may have many machines
    if engine == "auto" and scheduler:
        engine = "dask"  # an address of a cluster means Dask
    if scheduler and engine != "dask":
        raise AnalysisError(f"scheduler={scheduler!r} needs engine='dask' (got engine={engine!r})")
    return engine


def _picklable(pipeline, engine: str) -> bool:
    """Whether the pipeline can be sent to other processes; an error if ``engine`` must send it."""
    try:
        _dumps(pipeline)
    except Exception as exc:
        if engine not in ("serial", "auto"):
            raise AnalysisError(
                f"engine={engine!r} ships the pipeline to other processes, but it cannot be pickled ({exc}); "
                "use engine='serial' or make the annotators picklable"
            ) from exc
        return False
    return True


def _run_manifest(pipeline, source: Any, parameters: dict[str, Any]) -> dict[str, Any]:
    """What ``manifest.json`` says of a run before it starts (also what a resumed run must match)."""
    pm = pipeline.manifest()
    return {
        "layout": LAYOUT,
        "framing_version": __version__,
        "python": pm.get("python"),
        "lexicons": pm.get("lexicons", {}),
        "annotators": pm.get("annotators", {}),
        "parameters": parameters,
        "source": _fingerprint(source),
        "tables": list(TABLES),
    }


def _status_of(infos: Iterable[dict]) -> dict[str, int]:
    """Documents per status, summed over chunk summaries."""
    status: dict[str, int] = {}
    for info in infos:
        for k, v in info.get("status", {}).items():
            status[k] = status.get(k, 0) + v
    return status


@dataclass
class _Tally:
    """What one :func:`analyze_to` call has counted so far."""

    status: dict[str, int]
    n_chunks: int = 0  # chunks the source has yielded
    analysed: int = 0  # documents analysed (not skipped) in this call
    bytes: int = 0  # UTF-8 text bytes analysed in this call
    skipped: int = 0  # chunks finished by an earlier run
    written: int = 0  # chunks written in this call

    def add_skipped(self) -> None:
        self.skipped += 1

    def add_written(self, info: dict[str, Any]) -> None:
        self.analysed += info["n_documents"]
        self.written += 1
        self.bytes += info["text_bytes"]
        for k, v in info["status"].items():
            self.status[k] = self.status.get(k, 0) + v


class _Bar:
    """The progress bar (documents, MB/s), shown from the first chunk the source yields, so
    that an error in reading the source prints cleanly; does nothing when ``progress`` is false."""

    def __init__(self, progress: bool, *, total: int | None, started: float):
        self.progress, self.total, self.started = progress, total, started
        self._bar = None

    def start(self) -> None:
        if self.progress and self._bar is None:
            from ..progress import tqdm_class

            self._bar = tqdm_class()(total=self.total, unit="doc", desc="analyse", smoothing=0.1, dynamic_ncols=True)

    def update(self, n_documents: int, analysed_bytes: int | None = None) -> None:
        if self._bar is None:
            return
        self._bar.update(n_documents)
        if analysed_bytes is not None:
            elapsed = time.perf_counter() - self.started
            self._bar.set_postfix_str(f"{analysed_bytes / 1e6 / elapsed:.2f} MB/s", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _jobs(
    records: Iterator[dict], chunk_size: int, out: Path, done: Mapping[int, dict], tally: _Tally, bar: _Bar
) -> Iterator[tuple[int, list[dict]]]:
    """The chunks still to analyse, as (index, records); finished chunks are checked and skipped."""
    for index, chunk in _chunks(records, chunk_size):
        tally.n_chunks = index + 1
        bar.start()
        info = done.get(index)
        if info is None:
            yield index, chunk
            continue
        if info.get("content_hash") != _records_hash(chunk) or info.get("n_documents") != len(chunk):
            raise ResumeError(
                f"{_marker(out, index)}: chunk {index} was written from other documents than the source now "
                f"holds (its first document was {info.get('first_doc_id')!r}, now {chunk[0].get('doc_id')!r}). "
                "The corpus changed since the earlier run (or was read from another path, which is part of each "
                "document's 'source'); write to a new folder or pass overwrite=True"
            )
        tally.add_skipped()
        bar.update(len(chunk))


def _finish(out: Path, manifest: dict[str, Any], done: Mapping[int, dict], tally: _Tally, pipeline) -> dict[str, Any]:
    """Unify the parts' schemas and write the final manifest (``complete: true``); returns it.
    A source without documents has no parts; its manifest holds the columns of every table."""
    n_chunks = tally.n_chunks
    missing = [i for i in range(n_chunks) if i not in done]
    if missing:  # pragma: no cover - every engine yields every chunk or raises
        raise AnalysisError(f"chunks {missing[:10]} were not written; rerun to finish them")
    schemas = _finalize(out, done) if n_chunks else _empty_schemas(pipeline)
    final = {
        **manifest,
        "complete": True,
        "n_documents": sum(done[i]["n_documents"] for i in range(n_chunks)),
        "n_chunks": n_chunks,
        "status": dict(sorted(tally.status.items())),
        "chunks": [
            {"index": i, **{k: done[i][k] for k in ("n_documents", "first_doc_id", "last_doc_id", "content_hash")}}
            for i in range(n_chunks)
        ],
        "schemas": schemas,
    }
    _write_manifest(out, final)
    return final


# ---------------------------------------------------------------------------
# Reading results back


class _LazyTexts(Mapping):
    """``doc_id -> text``, read from ``texts/`` on first use."""

    def __init__(self, folder: Path):
        self._folder = folder
        self._data: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._data is None:
            frame = _read_table(self._folder, ["doc_id", "text"])
            self._data = dict(zip(frame["doc_id"].astype(str), frame["text"].fillna("").astype(str)))
        return self._data

    def __getitem__(self, key):
        return self._load()[key]

    def __iter__(self):
        return iter(self._load())

    def __len__(self):
        return len(self._load())


def _read_table(folder: Path, columns: list[str] | None = None) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted(folder.glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame(columns=columns or [])
    tables = [pq.read_table(p, columns=columns) for p in parts]
    return pa.concat_tables(tables, promote_options="permissive").to_pandas()


def read_results(out_dir: str | os.PathLike, *, tables: Iterable[str] | None = None, partial: bool = False):
    """Read what :func:`analyze_to` wrote into an :class:`~framing.analysis.Analysis`.

    All parts of each table are concatenated in chunk order, so the result has the
    same tables as :func:`framing.analyze` and works with everything that takes one
    (comparison, figures, evidence views). ``tables`` limits which tables are read
    (the others are empty); texts are read on first use of ``.text(doc_id)``.
    An unfinished run is refused unless ``partial=True``.
    """
    out = Path(out_dir)
    path = out / "manifest.json"
    if not path.exists():
        raise AnalysisError(f"{path}: not found; {out} is not an output folder of framing.analyze_to")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if not manifest.get("complete") and not partial:
        n = len(list((out / "_chunks").glob("chunk-*.json")))
        raise AnalysisError(
            f"{out}: the run is not finished ({n} chunks written). Rerun analyze_to with the same "
            "arguments to finish it, or pass partial=True to read the finished chunks"
        )
    wanted = set(Analysis.TABLES if tables is None else tables)
    unknown = wanted - set(Analysis.TABLES)
    if unknown:
        raise AnalysisError(f"unknown table(s) {sorted(unknown)}; choose from {', '.join(Analysis.TABLES)}")
    frames = {
        name: _read_table(out / name) if name in wanted else pd.DataFrame(columns=BASE_COLUMNS[name])
        for name in Analysis.TABLES
    }
    for name, frame in frames.items():
        if frame.empty and not len(frame.columns):
            frames[name] = pd.DataFrame(columns=_columns_of(manifest, name))
    return Analysis(**frames, texts=_LazyTexts(out / "texts"), manifest=manifest)


def export_tables(out_dir: str | os.PathLike, format: str = "csv") -> dict[str, str]:
    """Also write each table as one file ``out_dir/<table>.csv`` (or ``.parquet``), part by part.

    For spreadsheet users and tools that want one file; memory stays bounded by one part.
    Each file is written to a temporary name and renamed into place.
    """
    if format not in ("csv", "parquet"):
        raise AnalysisError(f"format must be 'csv' or 'parquet', got {format!r}")
    out = Path(out_dir)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    written = {}
    for name in ("documents", "sentences", "spans", "attributions", "measures"):
        parts = sorted((out / name).glob("part-*.parquet"))
        target = out / f"{name}.{format}"
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            if format == "csv":
                _export_csv(parts, tmp, _columns_of(manifest, name))
            else:
                _export_parquet(parts, tmp, lambda name=name: _empty_arrow(manifest, name))
            os.replace(tmp, target)
        except BaseException as exc:  # a full disk leaves no half-written file behind
            with contextlib.suppress(OSError):
                tmp.unlink()
            if isinstance(exc, OSError) and exc.filename is None:
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            raise
        written[name] = str(target)
    return written


def _export_csv(parts: list[Path], tmp: Path, columns: list[str]) -> None:
    import pyarrow.parquet as pq

    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        if not parts:  # no documents: the header only
            pd.DataFrame(columns=columns).to_csv(handle, index=False, lineterminator="\n")
        for i, p in enumerate(parts):
            pq.read_table(p).to_pandas().to_csv(handle, index=False, header=i == 0, lineterminator="\n")


def _export_parquet(parts: list[Path], tmp: Path, empty) -> None:
    import pyarrow.parquet as pq

    writer = None
    try:
        for p in parts:
            table = pq.read_table(p)
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema, compression=_COMPRESSION)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # no documents: the columns only
        pq.write_table(empty(), tmp, compression=_COMPRESSION)
