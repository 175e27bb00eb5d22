"""Speed of the tone layer against VADER alone and TextBlob alone, on the same sentences.

Builds a corpus from the bundled articles (repeated to ``--mb`` MB), segments it once,
then times, in interleaved rounds so that noise from other work on the machine hits
all three alike:

- the tone layer (``ToneAnnotator.annotate``: VADER and TextBlob scores, the project's
  tone, the evidence spans and the document aggregates);
- VADER alone: ``SentimentIntensityAnalyzer().polarity_scores(sentence)``;
- TextBlob alone: ``TextBlob(sentence).sentiment``.

It prints MB/s of each (median CPU time over rounds) and the ratios; the goal is a tone layer at
least 0.8x as fast as VADER alone. The tone layer memoises per distinct whitespace
chunk; ``--cold`` clears those memos before every round, so the first copy of the text
pays for them (closer to a corpus of distinct articles). Finally it scores one
200,000-character sentence to show that the cost stays linear.

``--varied`` times instead the tone layer and VADER alone on FRESH documents every round
(``synthetic_corpus(vary=0.5)``: half the long words replaced by general-English words, so new
words keep arriving as in real news and the per-chunk memos miss as they would there).

Run: python benchmarks/tone.py [--mb 2] [--rounds 5] [--cold] [--varied [--docs 250]]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _corpus import build_texts

import framing
from framing.layers import tone
from framing.layers.base import DocResult
from framing.text.segment import segment


def clear_memos() -> None:
    """Empty the per-chunk and per-word memos of the tone layer."""
    for memo in (tone._CHUNKS, tone._LANGUAGE_CODES):
        memo.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--cold", action="store_true", help="clear the tone layer's memos before every round")
    parser.add_argument(
        "--varied",
        action="store_true",
        help="fresh varied-vocabulary documents each round (tone layer and VADER alone only)",
    )
    parser.add_argument("--docs", type=int, default=250, help="documents per round with --varied (default 250)")
    args = parser.parse_args()
    if args.varied:
        varied(args.rounds, args.docs)
        return

    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = build_texts(args.mb)
    docs = [segment(t, str(i)) for i, t in enumerate(texts)]
    sentences = [d.text[s.start : s.end] for d in docs for s in d.sentences]
    mb = sum(len(s.encode("utf-8")) for s in sentences) / 1e6
    analyzer = SentimentIntensityAnalyzer()
    annotator = tone.ToneAnnotator()
    plain = tone.ToneAnnotator(overrides=False)
    annotator.annotate(docs[0], DocResult(docs[0].doc_id, _text=docs[0].text))  # load the lexicons

    def run_tone():
        if args.cold:
            clear_memos()
        for d in docs:
            annotator.annotate(d, DocResult(d.doc_id, _text=d.text))

    def run_plain():
        for d in docs:
            plain.annotate(d, DocResult(d.doc_id, _text=d.text))

    def run_vader():
        for s in sentences:
            analyzer.polarity_scores(s)

    def run_textblob():
        for s in sentences:
            _ = TextBlob(s).sentiment

    runs = {
        "tone layer": run_tone,
        "VADER alone": run_vader,
        "TextBlob alone": run_textblob,
        "tone, no corrections": run_plain,
    }
    timings: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            t0 = time.process_time()  # CPU time: less disturbed by other work on the machine
            run()
            timings[name].append(time.process_time() - t0)
    speed = {name: mb / statistics.median(ts) for name, ts in timings.items()}
    print(
        f"tone benchmark: {len(docs)} documents, {len(sentences)} sentences, {mb:.2f} MB, "
        f"{args.rounds} interleaved rounds (median), memos {'cleared each round' if args.cold else 'kept'}"
    )
    for name, value in speed.items():
        print(
            f"  {name:20s} {value:6.2f} MB/s   "
            f"{statistics.median(timings[name]) / len(sentences) * 1e6:7.1f} us/sentence"
        )
    print(f"  ratio tone layer / VADER alone:    {speed['tone layer'] / speed['VADER alone']:.2f}x   (goal >= 0.8x)")
    print(
        f"  ratio tone layer without the news corrections / VADER alone: "
        f"{speed['tone, no corrections'] / speed['VADER alone']:.2f}x"
    )
    print(f"  ratio tone layer / TextBlob alone: {speed['tone layer'] / speed['TextBlob alone']:.2f}x")
    print(
        f"  ratio tone layer / (VADER + TextBlob called one after the other): "
        f"{(1 / speed['VADER alone'] + 1 / speed['TextBlob alone']) * speed['tone layer']:.2f}x"
    )

    # one very long sentence: 200,000 characters, no sentence boundary
    words = " ".join(sentences).replace(".", ",").replace("!", ",").replace("?", ",")
    long_text = (words * (200_000 // len(words) + 1))[:200_000]
    t0 = time.perf_counter()
    result = framing.analyze([long_text], annotators=[tone.ToneAnnotator()])
    dt = time.perf_counter() - t0
    n_sent = len(result.sentences)
    print(
        f"  one 200,000-character text ({n_sent} sentence(s)): analysed with the tone layer in {dt:.2f} s, "
        f"{len(result.spans)} spans"
    )


def varied(rounds: int, n_docs: int) -> None:
    """Tone layer and VADER alone on new varied documents each round (CPU s/MB, median)."""
    from _corpus import synthetic_corpus
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    annotator = tone.ToneAnnotator()
    warm = segment(next(synthetic_corpus(1, seed=10_000, vary=0.5))["text"], "warm")
    annotator.annotate(warm, DocResult("warm", _text=warm.text))  # load the lexicons
    timings: dict[str, list[float]] = {"tone layer": [], "VADER alone": []}
    for r in range(rounds):
        docs = [segment(rec["text"], rec["doc_id"]) for rec in synthetic_corpus(n_docs, seed=r + 1, vary=0.5)]
        sentences = [d.text[s.start : s.end] for d in docs for s in d.sentences]
        mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        t0 = time.process_time()
        for d in docs:
            annotator.annotate(d, DocResult(d.doc_id, _text=d.text))
        timings["tone layer"].append((time.process_time() - t0) / mb)
        t0 = time.process_time()
        for s in sentences:
            analyzer.polarity_scores(s)
        timings["VADER alone"].append((time.process_time() - t0) / mb)
    print(f"tone benchmark, varied vocabulary: {rounds} rounds of {n_docs} fresh documents (synthetic_corpus vary=0.5)")
    for name, ts in timings.items():
        print(f"  {name:12s} {statistics.median(ts):.3f} s/MB (median)  rounds {[round(t, 3) for t in ts]}")
    ratio = statistics.median(timings["VADER alone"]) / statistics.median(timings["tone layer"])
    print(f"  ratio tone layer / VADER alone (speed): {ratio:.2f}x   (goal >= 0.8x)")


if __name__ == "__main__":
    main()
