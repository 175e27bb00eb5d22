"""Placeholder: the loaded layer is being built (see its issue). It adds no spans yet."""

from __future__ import annotations

from .annotator import Annotator, DocResult
from .segment import Document


class LoadedLanguageAnnotator(Annotator):
    layers = ()

    def __init__(self, *, lexicons=None, builtin: bool = True):
        self.lexicons = lexicons
        self.builtin = builtin

    def annotate(self, doc: Document, out: DocResult) -> None:
        return None
