"""framing: measure media bias and framing in news text, with the exact words as evidence.

The data flows one way, and so does the package::

    io.corpus        corpus loading: records (doc_id, metadata, text)
    text             segmentation with offsets (paragraphs, sentences, tokens), quotations
    layers           annotators: tone, loaded language, attribution, frames
    analysis         the pipeline and its tidy tables (tables)
    stats            comparison statistics, distinctive words, targeted tone
    viz              figures, highlighted evidence, the HTML report
    io.stream        the same analysis streamed to disk for corpora larger than memory

Quick start::

    >>> import framing
    >>> corpus = framing.load_corpus("corpus/la-ice-raids-2025")   # doctest: +SKIP
    >>> result = framing.analyze(corpus)                           # doctest: +SKIP
    >>> result.documents                                           # doctest: +SKIP

Public names are imported lazily so that ``import framing`` stays fast and a
notebook only pays for the layers it uses.
"""

from __future__ import annotations

import importlib

from ._version import __version__

# public name -> module that defines it
_EXPORTS = {
    "load_corpus": "framing.io.corpus",
    "iter_corpus": "framing.io.corpus",
    "segment": "framing.text.segment",
    "Document": "framing.text.segment",
    "find_quotes": "framing.text.quotes",
    "analyze": "framing.analysis",
    "analyze_document": "framing.analysis",
    "analyze_documents": "framing.analysis",
    "default_annotators": "framing.analysis",
    "Analysis": "framing.analysis",
    "Pipeline": "framing.analysis",
    "Annotator": "framing.layers.base",
    "Measure": "framing.layers.base",
    "SpanLayer": "framing.layers.base",
    "Lexicon": "framing.lexicon",
    "load_lexicon": "framing.lexicon",
    "lexicon_versions": "framing.lexicon",
    "tone_arc": "framing.layers.tone",
    "target_tone": "framing.stats.targets",
    "compare": "framing.stats.comparison",
    "distinctive_terms": "framing.stats.distinctive",
    "kwic": "framing.stats.distinctive",
    "highlight": "framing.viz.highlighting",
    "write_report": "framing.viz.report",
    "methods_text": "framing.viz.report",
    "FramingFeatures": "framing.learn",
    "FrameClassifier": "framing.learn",
    "analyze_to": "framing.io.stream",
    "read_results": "framing.io.stream",
    "FramingError": "framing.errors",
    "CorpusError": "framing.errors",
    "LexiconError": "framing.errors",
    "AnalysisError": "framing.errors",
    "ResumeError": "framing.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
