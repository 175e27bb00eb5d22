"""Placeholder: the tone layer is being built (see its issue). It adds no spans yet."""

from __future__ import annotations

from .annotator import Annotator, DocResult
from .segment import Document


class ToneAnnotator(Annotator):
    layers = ()

    def __init__(self, *, overrides: bool = True):
        self.overrides = overrides

    def annotate(self, doc: Document, out: DocResult) -> None:
        return None
