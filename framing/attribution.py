"""Placeholder: the attribution layer is being built (see its issue). It adds no spans yet."""

from __future__ import annotations

from .annotator import Annotator, DocResult
from .segment import Document


class AttributionAnnotator(Annotator):
    layers = ()

    def __init__(self):
        pass

    def annotate(self, doc: Document, out: DocResult) -> None:
        return None
