"""framing: measure media bias and framing in news text, with the exact words as evidence.

The data flows one way::

    corpus loading -> segmentation (offsets) -> annotators (tone, loaded language,
    attribution, frames) -> tidy tables -> comparison statistics -> figures and HTML

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
import importlib.util
import sys
import types

from . import compiled as _compiled
from ._version import __version__

_compiled.install()  # before any compiled module is imported: an old build never shadows new source

# public name -> module that defines it
_EXPORTS = {
    "load_corpus": "framing.corpus",
    "iter_corpus": "framing.corpus",
    "segment": "framing.segment",
    "Document": "framing.segment",
    "find_quotes": "framing.quotes",
    "analyze": "framing.analysis",
    "analyze_document": "framing.analysis",
    "analyze_documents": "framing.analysis",
    "Analysis": "framing.analysis",
    "Annotator": "framing.annotator",
    "Lexicon": "framing.lexicon",
    "load_lexicon": "framing.lexicon",
    "lexicon_versions": "framing.lexicon",
    "tone_arc": "framing.tone",
    "target_tone": "framing.targets",
    "compare": "framing.compare",
    "distinctive_terms": "framing.distinctive",
    "kwic": "framing.distinctive",
    "highlight": "framing.highlight",
    "write_report": "framing.report",
    "FramingFeatures": "framing.sklearn",
    "FrameClassifier": "framing.sklearn",
    "analyze_to": "framing.stream",
    "read_results": "framing.stream",
    "FramingError": "framing.errors",
    "CorpusError": "framing.errors",
    "LexiconError": "framing.errors",
    "AnalysisError": "framing.errors",
    "ResumeError": "framing.errors",
    "compiled_modules": "framing.compiled",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        if importlib.util.find_spec(f"{__name__}.{name}") is not None:  # a submodule: framing.report, framing.figures
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__


class _Package(types.ModuleType):
    """Keep ``framing.compare`` and ``framing.highlight`` the functions once their modules load.

    Importing the submodule ``framing.compare`` (e.g. ``from framing.compare import COLUMNS``)
    makes Python set the package attribute ``compare`` to the module, which would hide the
    public function of the same name; this keeps the function there (the module stays in
    ``sys.modules``).
    """

    def __setattr__(self, name, value):
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == value.__name__:
            value = getattr(value, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
