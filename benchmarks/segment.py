"""Speed of segmentation (paragraphs, sentences, tokens) on one core.

Builds a corpus from the bundled articles, repeated to at least 50 MB, and prints
sentences/s and MB/s. Goal: at least 3 MB/s. Run: python benchmarks/segment.py [--mb 50]

``--ab`` instead times ``segment()`` against the reference implementation kept in
``tests/test_segment.py`` (the Punkt package's ``span_tokenize`` per paragraph, one
token-regex pass with a per-token loop), interleaved in one process, and prints the
median CPU seconds per MB of each over ``--rounds`` rounds. ``--jsonl FILE`` times
the ``text`` field of a JSON-lines corpus instead of the repeated articles.

``--fresh N`` (with ``--jsonl``) times ``segment()`` like the layer benchmarks do on
real text: ``--rounds`` rounds of N documents never seen before (the per-word memos
keep what earlier rounds put in, as in a long run), reference and current
interleaved, median CPU seconds per MB. On ``synthetic_corpus(vary=0.5)`` text new
words keep arriving, so this is the cost a growing vocabulary pays.

``--parts`` prints where ``segment()`` spends its time (median CPU s/MB over
``--rounds`` rounds, memos warm after a first pass): paragraphs and headings,
Punkt sentence spans of the body paragraphs, the token split with its piece memo,
and the rest (sentence objects, tokens handed to sentences, document set-up).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from _corpus import ROOT, build_texts

from framing.text.segment import segment


def _report(runs: dict[str, list[float]], what: str) -> None:
    for name, secs in runs.items():
        print(
            f"  {name:<10} {statistics.median(secs):.3f} s/MB CPU ({what}: " + " ".join(f"{s:.3f}" for s in secs) + ")"
        )


def _round(runs: dict[str, list[float]], texts: list[str], mb: float, flip: bool) -> None:
    """Time the reference and segment() once each on ``texts`` (CPU s/MB), in either order."""
    sys.path.insert(0, str(ROOT))
    from tests.test_segment import reference_segment

    order = (("reference", reference_segment), ("segment", segment))
    for name, fn in order[::-1] if flip else order:
        t0 = time.process_time()
        for i, text in enumerate(texts):
            fn(text, str(i))
        runs.setdefault(name, []).append((time.process_time() - t0) / mb)


def _ab(texts: list[str], mb: float, rounds: int) -> None:
    runs: dict[str, list[float]] = {}
    for k in range(rounds):
        _round(runs, texts, mb, flip=k % 2 == 1)
    _report(runs, f"median of {rounds}")
    ratio = statistics.median(runs["reference"]) / statistics.median(runs["segment"])
    print(f"  speed-up {ratio:.2f}x")


def _fresh(texts: list[str], n: int, rounds: int) -> None:
    if len(texts) < n * rounds:
        raise SystemExit(f"--fresh {n} needs {n * rounds} documents for {rounds} rounds, the file has {len(texts)}")
    runs: dict[str, list[float]] = {}
    for k in range(rounds):
        batch = texts[k * n : (k + 1) * n]
        _round(runs, batch, sum(len(t.encode("utf-8")) for t in batch) / 1e6, flip=k % 2 == 1)
    _report(runs, f"median of {rounds} fresh rounds")


def _parts(texts: list[str], mb: float, rounds: int) -> None:
    """Time segment() and its steps separately on ``texts`` (see the module docstring)."""
    import importlib

    seg = importlib.import_module("framing.text.segment")  # the module (framing.text.segment is also the function)
    punkt = seg._fast_punkt()
    for text in texts:  # warm the memos, as a long run has them
        seg.segment(text)
    prepared = []
    for text in texts:
        spaced = text.replace("\n", " ")
        bodies = []
        for lines in seg.paragraphs(text):
            ps, pe = lines[0][0], lines[-1][1]
            if not (
                len(lines) == 1
                and not seg._ends_terminal(text[ps:pe])
                and len(text[ps:pe].split()) <= seg._HEADING_MAX_WORDS
            ):
                bodies.append((ps, pe))
        prepared.append((text, spaced, punkt.doc_flags(text), bodies))

    def whole():
        for text in texts:
            seg.segment(text)

    def paragraphs_and_headings():
        for text in texts:
            for lines in seg.paragraphs(text):
                ps, pe = lines[0][0], lines[-1][1]
                len(lines) == 1 and not seg._ends_terminal(text[ps:pe]) and len(text[ps:pe].split())

    def sentence_spans():
        for text, _spaced, flags, bodies in prepared:
            for ps, pe in bodies:
                punkt.body_spans(text, ps, pe, flags)

    def tokens():
        for _text, spaced, _flags, _bodies in prepared:
            seg._tokenize_pieces(spaced)

    steps = {"segment()": whole, "paragraphs": paragraphs_and_headings, "sentences": sentence_spans, "tokens": tokens}
    runs: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, fn in steps.items():
            t0 = time.process_time()
            fn()
            runs[name].append((time.process_time() - t0) / mb)
    med = {name: statistics.median(secs) for name, secs in runs.items()}
    for name, value in med.items():
        print(f"  {name:<11} {value:.4f} s/MB CPU")
    rest = med["segment()"] - med["paragraphs"] - med["sentences"] - med["tokens"]
    print(f"  {'rest':<11} {rest:.4f} s/MB CPU (sentence objects, tokens handed to sentences, set-up)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--jsonl", type=Path, help="time the 'text' field of this JSON-lines file instead")
    parser.add_argument("--ab", action="store_true", help="compare with the reference implementation")
    parser.add_argument("--rounds", type=int, default=5, help="rounds for --ab and --fresh (default 5)")
    parser.add_argument("--fresh", type=int, metavar="N", help="with --jsonl: rounds of N new documents each")
    parser.add_argument("--parts", action="store_true", help="time the steps of segment() separately")
    args = parser.parse_args()
    if args.jsonl:
        with args.jsonl.open(encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
    else:
        texts = build_texts(args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    if args.fresh:
        if not args.jsonl:
            raise SystemExit("--fresh needs --jsonl FILE (e.g. a synthetic_corpus(vary=0.5) file)")
        print(f"segmentation on fresh documents: rounds of {args.fresh} from {args.jsonl}")
        _fresh(texts, args.fresh, args.rounds)
        return
    if args.parts:
        print(f"segmentation steps: {len(texts)} documents, {mb:.1f} MB (median of {args.rounds}, memos warm)")
        _parts(texts, mb, args.rounds)
        return
    if args.ab:
        print(f"segmentation vs reference: {len(texts)} documents, {mb:.1f} MB")
        _ab(texts, mb, args.rounds)
        return
    t0 = time.perf_counter()
    n_sent = n_tok = 0
    for i, text in enumerate(texts):
        doc = segment(text, str(i))
        n_sent += len(doc.sentences)
        n_tok += doc.n_tokens
    dt = time.perf_counter() - t0
    print(f"segmentation: {len(texts)} documents, {mb:.1f} MB, {n_sent} sentences, {n_tok} tokens in {dt:.1f} s")
    print(f"  {mb / dt:.2f} MB/s   {n_sent / dt:,.0f} sentences/s   {n_tok / dt:,.0f} tokens/s   (goal: >= 3 MB/s)")


if __name__ == "__main__":
    main()
