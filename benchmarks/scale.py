"""Throughput, peak memory and parallel speed-up of ``framing.analyze_to``, against VADER alone.

Builds a corpus of ``--docs`` article-length documents (default 20,000) by resampling
the sentences of the bundled articles (:func:`_corpus.synthetic_corpus`, fixed
seed), written as JSON Lines and read lazily like any user corpus. Then, each in a
fresh process so that memory and start-up are measured honestly:

- every engine: ``serial``; ``processes`` and ``dask`` with 1 and with 2 workers;
  documents/s, MB/s (UTF-8 bytes of article text), peak RSS of the whole process tree
  (driver plus workers, sampled every 0.1 s) and the largest single process;
- the speed-up from 1 to 2 workers for each parallel engine;
- the serial engine again on the first quarter of the corpus: peak memory should be
  flat as the corpus grows (bounded by the chunk size, not the corpus size);
- VADER alone (``SentimentIntensityAnalyzer().polarity_scores``) on every sentence of
  the same corpus, and the ratio full analysis / VADER alone (goal: >= 0.5); the same
  ratio again with both timed alternately in one process (CPU time, best of 5 rounds of
  ``--ratio-docs`` fresh documents), which a changing machine load cannot skew, on this
  corpus and on one whose vocabulary keeps growing like real news (``--vary``: resampled
  sentences repeat a few hundred words, so per-word caches hit more than on real text);
- where the time goes: segmentation, each annotator and the table building on a
  sample of ``--layer-docs`` documents, in MB/s (with ``--profile``, a cProfile of the
  serial run as well).

Goals (issue 9): full analysis >= 0.5x VADER alone; >= 1.7x speed-up from 1 to 2
workers; peak memory flat from 5,000 to 20,000 documents. The machine may be shared:
the load average is printed so the figures can be read in context.

With ``--memory-docs N`` it also streams N/4 and N documents through the segmentation-only
pipeline (``annotators=[]``: the same reading, chunking, table building and writing,
without the annotators' CPU cost), to show the memory of the streaming machinery at
corpus sizes the full pipeline would take too long to reach on a shared machine.

Run: python benchmarks/scale.py [--docs 20000] [--chunk-size 250]
     [--engines serial,processes,dask] [--workdir DIR] [--profile] [--memory-docs 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_records(src: Path, n: int) -> list[dict]:
    """The first ``n`` records of a JSON Lines corpus (fewer if it is shorter)."""
    from itertools import islice

    with src.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in islice(handle, n)]


def build_corpus(path: Path, n_docs: int, seed: int, vary: float = 0.0) -> tuple[int, int]:
    from _corpus import synthetic_corpus

    size = 0
    with path.open("w", encoding="utf-8") as handle:
        for rec in synthetic_corpus(n_docs, seed=seed, vary=vary):
            size += len(rec["text"].encode("utf-8"))
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n_docs, size


def head(src: Path, dst: Path, n: int) -> None:
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i == n:
                break
            fout.write(line)


def run_child(
    engine: str, workers: int, src: Path, out: Path, chunk_size: int, profile: Path | None, pipeline: str = "full"
) -> dict:
    """Run one analyze_to in a fresh process; sample the RSS of its whole process tree."""
    import psutil

    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += [__file__, "--child", engine, str(workers), str(src), str(out), str(chunk_size), pipeline]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak = {"tree": 0, "single": 0}

    def sample():
        try:
            parent = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while proc.poll() is None:
            total = single = 0
            try:
                for p in [parent, *parent.children(recursive=True)]:
                    try:
                        rss = p.memory_info().rss
                    except psutil.NoSuchProcess:
                        continue
                    total += rss
                    single = max(single, rss)
            except psutil.NoSuchProcess:
                break
            peak["tree"] = max(peak["tree"], total)
            peak["single"] = max(peak["single"], single)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} with {workers} workers failed (exit {proc.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(peak_tree_mb=peak["tree"] / 2**20, peak_single_mb=peak["single"] / 2**20)
    return result


def child(engine: str, workers: str, src: str, out: str, chunk_size: str, pipeline: str) -> None:
    from framing.io.stream import analyze_to

    start = time.perf_counter()
    options = {"annotators": []} if pipeline == "segment" else {}
    run = analyze_to(
        src,
        out,
        engine=engine,
        workers=int(workers),
        chunk_size=int(chunk_size),
        progress=False,
        overwrite=True,
        **options,
    )
    seconds = time.perf_counter() - start
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "docs": run.n_documents,
                "bytes": run.text_bytes,
                "seconds": seconds,
                "status": run.status,
                "cpu_driver": me.ru_utime + me.ru_stime,
                "cpu_workers": kids.ru_utime + kids.ru_stime,
            }
        )
    )


def vader_alone(src: Path) -> dict:
    """Segment the corpus (timed separately), then VADER on every sentence."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.text.segment import segment

    sentences = []
    seg_bytes = 0
    t = time.perf_counter()
    with src.open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            doc = segment(rec["text"], rec["doc_id"])
            seg_bytes += len(rec["text"].encode("utf-8"))
            sentences.extend(doc.text[s.start : s.end] for s in doc.sentences)
    seg_seconds = time.perf_counter() - t
    analyzer = SentimentIntensityAnalyzer()
    vbytes = sum(len(s.encode("utf-8")) for s in sentences)
    t = time.perf_counter()
    for s in sentences:
        analyzer.polarity_scores(s)
    seconds = time.perf_counter() - t
    return {"sentences": len(sentences), "bytes": vbytes, "seconds": seconds, "seg_mb_s": seg_bytes / 1e6 / seg_seconds}


def interleaved_ratio(src: Path, n_docs: int, rounds: int = 5) -> dict:
    """Full analysis vs VADER alone, alternating in one process, on fresh documents each round.

    Round ``k`` takes the next ``n_docs`` documents of ``src``: the full analysis
    (:func:`framing.io.stream.run_chunk`: segmentation, every annotator, every table and its
    Parquet bytes; reading the source and writing files excluded), then VADER alone on
    their sentences, then the segmentation of those documents alone. All in CPU seconds;
    the fastest round of each is kept. Both sides see the same machine load, unlike runs
    minutes apart, and no round re-reads text the caches have already seen.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.analysis import build_pipeline
    from framing.io.stream import run_chunk
    from framing.text.segment import segment

    records = first_records(src, n_docs * rounds + 5)
    pipeline = build_pipeline()
    run_chunk(0, records[:5], pipeline)  # load the lexicons before timing
    analyzer = SentimentIntensityAnalyzer()
    full, vader, split = [], [], []
    for k in range(rounds):
        batch = records[5 + k * n_docs : 5 + (k + 1) * n_docs]
        if len(batch) < n_docs:
            break
        mb = sum(len(r["text"].encode("utf-8")) for r in batch) / 1e6
        t = time.process_time()
        run_chunk(k, batch, pipeline)
        full.append(mb / (time.process_time() - t))
        sentences = [d.text[s.start : s.end] for d in (segment(r["text"]) for r in batch) for s in d.sentences]
        vmb = sum(len(s.encode("utf-8")) for s in sentences) / 1e6
        t = time.process_time()
        for s in sentences:
            analyzer.polarity_scores(s)
        vader.append(vmb / (time.process_time() - t))
        # VADER as a user would run it on articles: split into sentences, then score each
        t = time.process_time()
        for rec in batch:
            segment(rec["text"])
        split.append(1 / ((time.process_time() - t) / mb + 1 / vader[-1]))
    return {
        "docs": n_docs,
        "rounds": len(full),
        "full_mb_s": max(full),
        "vader_mb_s": max(vader),
        "split_vader_mb_s": max(split),
    }


def analyze_workers(src: Path, n_docs: int) -> list[tuple[int, float]]:
    """Wall seconds of the in-memory ``framing.analyze(corpus, workers=w)`` on the first
    ``n_docs`` documents, for w = 1 and 2 (reading the corpus excluded; each pool starts
    its processes inside the timing)."""
    import pandas as pd

    import framing

    records = first_records(src, n_docs)
    frame = pd.DataFrame(records)[["doc_id", "text"]]
    framing.analyze(frame.iloc[:5])  # load the lexicons in this process
    out = []
    for workers in (1, 2):
        t = time.perf_counter()
        framing.analyze(frame, workers=workers)
        out.append((workers, time.perf_counter() - t))
    return out


def layers(src: Path, n_docs: int) -> list[tuple[str, float]]:
    """MB/s of each stage on the first ``n_docs`` documents (one process, warm lexicons)."""
    from framing.analysis import build_pipeline
    from framing.layers.base import DocResult
    from framing.text.segment import segment

    records = first_records(src, n_docs)
    mb = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6
    pipeline = build_pipeline()
    warm = segment(records[0]["text"], "warm")
    for a in pipeline.annotators:  # load lexicons before timing
        a.annotate(warm, DocResult("warm", _text=warm.text))
    from framing.analysis import gc_paused

    with gc_paused():  # as analyze and analyze_to run
        return _timed_layers(records, mb, pipeline)


def _timed_layers(records: list[dict], mb: float, pipeline) -> list[tuple[str, float]]:
    from framing.analysis import Analysis
    from framing.io.corpus import corpus_frame
    from framing.layers.base import DocResult
    from framing.text.segment import segment

    t = time.perf_counter()
    docs = [segment(r["text"], r["doc_id"]) for r in records]
    rows = [("segmentation", mb / (time.perf_counter() - t))]
    outs = [DocResult(d.doc_id, _text=d.text) for d in docs]
    for a in pipeline.annotators:
        t = time.perf_counter()
        for d, o in zip(docs, outs):
            a.annotate(d, o)
        rows.append((type(a).__name__, mb / (time.perf_counter() - t)))
    from framing.analysis import _sentence_rows

    for d, o in zip(docs, outs):
        o.sentences = _sentence_rows(d)
        o.measures.update(n_paragraphs=len(d.paragraphs), n_sentences=len(d.sentences), n_tokens=d.n_tokens)
    t = time.perf_counter()
    Analysis.from_results(corpus_frame(records), outs, {})
    rows.append(("tables, analyze (pandas)", mb / (time.perf_counter() - t)))
    from framing.io.stream import _arrow, _parquet_bytes
    from framing.tables import (
        ATTRIBUTION_COLUMNS,
        _measures_table,
        _rows_table,
        _sentence_table,
        _span_table,
        documents_frame,
    )

    def tables(recs, results):
        for table in (
            _arrow(documents_frame(corpus_frame(recs), results), "documents"),
            _sentence_table(results),
            _span_table(results),
            _rows_table([row for o in results for row in o.attributions], ATTRIBUTION_COLUMNS),
            _measures_table(results),
        ):
            _parquet_bytes(table)

    tables(records[:5], outs[:5])  # first use imports the Parquet writer
    t = time.perf_counter()
    tables(records, outs)
    rows.append(("tables + Parquet, analyze_to", mb / (time.perf_counter() - t)))
    return rows


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:8])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000, help="documents in the corpus (default 20000)")
    parser.add_argument("--chunk-size", type=int, default=250, help="documents per chunk (default 250)")
    parser.add_argument("--engines", default="serial,processes,dask", help="comma-separated engines to time")
    parser.add_argument("--layer-docs", type=int, default=300, help="documents for the per-layer breakdown")
    parser.add_argument(
        "--ratio-docs",
        type=int,
        default=250,
        help="documents for the same-process full-analysis / VADER comparison (default 250)",
    )
    parser.add_argument(
        "--vary",
        type=float,
        default=0.5,
        help="share of words replaced by general-English words in the varied-vocabulary corpus "
        "of the same-process comparison (default 0.5; see synthetic_corpus)",
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workdir", default=None, help="folder for the corpus and outputs (default: a temp folder)")
    parser.add_argument("--profile", action="store_true", help="cProfile the serial run (writes serial.prof)")
    parser.add_argument(
        "--memory-docs",
        type=int,
        default=0,
        help="also check that peak memory is flat: stream N/4 and N documents through the "
        "segmentation-only pipeline (same reading, chunking and writing; fast)",
    )
    parser.add_argument(
        "--analyze-docs",
        type=int,
        default=0,
        help="also time the in-memory framing.analyze on N documents with workers=1 and 2",
    )
    args = parser.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="framing-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / "corpus.jsonl"
    t = time.perf_counter()
    n, size = build_corpus(src, args.docs, args.seed)
    print(
        f"corpus: {n} documents, {size / 1e6:.1f} MB ({size / n / 1000:.1f} kB/doc), built in "
        f"{time.perf_counter() - t:.0f}s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"chunk size {args.chunk_size}; work folder {work}\n")

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    plan = [(e, w) for e in engines for w in ((1,) if e == "serial" else (1, 2))]
    results = {}
    header = (
        f"{'engine':<10} {'workers':>7} {'docs':>7} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} {'peak RSS MB':>11} "
        f"{'largest proc MB':>15} {'CPU s driver':>12} {'CPU s workers':>13}"
    )
    print(header)
    print("-" * len(header))

    def show(label, workers, r):
        print(
            f"{label:<10} {workers:>7} {r['docs']:>7} {r['seconds']:>8.1f} {r['docs'] / r['seconds']:>8.1f} "
            f"{r['bytes'] / 1e6 / r['seconds']:>6.2f} {r['peak_tree_mb']:>11.0f} {r['peak_single_mb']:>15.0f} "
            f"{r['cpu_driver']:>12.1f} {r['cpu_workers']:>13.1f}",
            flush=True,
        )

    for engine, workers in plan:
        prof = work / "serial.prof" if (args.profile and engine == "serial") else None
        r = run_child(engine, workers, src, work / f"out-{engine}-{workers}", args.chunk_size, prof)
        results[(engine, workers)] = r
        show(engine, workers, r)
    if "serial" in engines:
        quarter = work / "corpus-quarter.jsonl"
        head(src, quarter, args.docs // 4)
        r = run_child("serial", 1, quarter, work / "out-serial-quarter", args.chunk_size, None)
        results[("serial-1/4", 1)] = r
        show("serial 1/4", 1, r)

    print()
    for engine in ("processes", "dask"):
        if (engine, 1) in results and (engine, 2) in results:
            one, two = results[(engine, 1)], results[(engine, 2)]
            print(f"speed-up 1 -> 2 workers, {engine}: {one['seconds'] / two['seconds']:.2f}x (goal >= 1.7x)")
            # on 2 otherwise idle cores: 1 worker takes about its CPU time (the driver runs beside it);
            # 2 workers and the driver share 2 cores, so at best (their CPU time) / 2
            estimate = 2 * one["cpu_workers"] / (two["cpu_workers"] + two["cpu_driver"])
            print(
                f"  CPU seconds: 1 worker {one['cpu_workers']:.0f} (driver {one['cpu_driver']:.0f}); 2 workers "
                f"{two['cpu_workers']:.0f} (driver {two['cpu_driver']:.0f}) -> on 2 idle cores about {estimate:.2f}x"
            )
    if ("serial", 1) in results:
        full, part = results[("serial", 1)], results[("serial-1/4", 1)]
        print(
            f"peak RSS, serial: {part['docs']} docs {part['peak_tree_mb']:.0f} MB -> {full['docs']} docs "
            f"{full['peak_tree_mb']:.0f} MB (ratio {full['peak_tree_mb'] / part['peak_tree_mb']:.2f}; goal flat)"
        )

    v = vader_alone(src)
    vader_mb_s = v["bytes"] / 1e6 / v["seconds"]
    print(
        f"\nVADER alone: {v['sentences']} sentences, {v['bytes'] / 1e6:.1f} MB in {v['seconds']:.1f}s = "
        f"{vader_mb_s:.2f} MB/s (segmentation alone {v['seg_mb_s']:.2f} MB/s)"
    )
    for (engine, workers), r in results.items():
        if workers == 1 and engine in ("serial", "processes", "dask"):
            ratio = r["bytes"] / 1e6 / r["seconds"] / vader_mb_s
            print(f"full analysis / VADER alone, {engine} 1 worker: {ratio:.2f}x (goal >= 0.5x)")

    varied = work / "corpus-varied.jsonl"
    build_corpus(varied, args.ratio_docs * 5 + 5, args.seed + 2, vary=args.vary)
    print(
        f"\nsame process, alternating, fresh documents each round ({args.ratio_docs} per round, CPU time, best of 5):"
    )
    for label, path in (("corpus above", src), (f"varied vocabulary (vary={args.vary})", varied)):
        r = interleaved_ratio(path, args.ratio_docs)
        print(
            f"  {label:<30} full analysis {r['full_mb_s']:.2f} MB/s, VADER alone {r['vader_mb_s']:.2f} MB/s -> "
            f"{r['full_mb_s'] / r['vader_mb_s']:.2f}x (goal >= 0.5x); segmentation + VADER "
            f"{r['split_vader_mb_s']:.2f} MB/s -> {r['full_mb_s'] / r['split_vader_mb_s']:.2f}x"
        )

    print(f"\nwhere the time goes ({args.layer_docs} documents, one process, lexicons loaded):")
    for name, mb_s in layers(src, args.layer_docs):
        print(f"  {name:<26} {mb_s:7.2f} MB/s")
    if args.analyze_docs:
        (_, one), (_, two) = analyze_workers(src, args.analyze_docs)
        print(
            f"\nin-memory framing.analyze, {args.analyze_docs} documents: workers=1 {one:.1f}s, workers=2 "
            f"{two:.1f}s -> {one / two:.2f}x"
        )
    if args.memory_docs:
        big = work / "memory-corpus.jsonl"
        build_corpus(big, args.memory_docs, args.seed + 1)
        quarter = work / "memory-corpus-quarter.jsonl"
        head(big, quarter, args.memory_docs // 4)
        print(f"\npeak memory, streaming with the segmentation-only pipeline (chunk size {args.chunk_size}):")
        for path in (quarter, big):
            r = run_child("serial", 1, path, work / f"out-memory-{path.stem}", args.chunk_size, None, "segment")
            print(
                f"  {r['docs']:>7} docs  {r['bytes'] / 1e6:7.1f} MB  {r['seconds']:7.1f}s  "
                f"peak RSS {r['peak_tree_mb']:.0f} MB",
                flush=True,
            )
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    if args.profile:
        print(f"profile of the serial run: python -m pstats {work / 'serial.prof'}")


if __name__ == "__main__":
    main()
