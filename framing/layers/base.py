"""The annotator contract and the per-document result every annotator writes into.

An annotator is a small class in the scikit-learn habit: ``__init__`` only stores
keyword arguments (so :meth:`Annotator.get_params` and ``repr`` always work), and
one method, :meth:`Annotator.annotate`, does the work for one segmented document,
writing into a :class:`DocResult`:

- ``out.add_span(sent_index, start, end, layer, category, **detail)`` - evidence;
  the span text is taken from the document, so ``text[start:end] == span text``;
- ``out.span_rows(keys).append((doc_id, sent_index, start, end, text, ...))`` - the same
  evidence as tuples, for annotators that write many rows (no dict per row; the values
  follow ``keys``, which start with :data:`SPAN_COLUMNS`);
- ``out.sentence_values[column][sent_index] = value`` via ``out.sentence_column``;
- ``out.measures[name] = value`` - a document-level measure (wide ``documents``
  table and long ``measures`` table);
- ``out.add_measure(name, value)`` - a long-form-only measure (e.g. one per category);
- ``out.attributions.append({...})`` - attribution relations.

Annotators run in a fixed order (tone, loaded language, attribution, frames); a
later one may read the spans an earlier one wrote (``out.spans``).
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from typing import Any

from ..text.segment import Document

__all__ = ["Annotator", "DocResult", "SPAN_COLUMNS"]

# The columns every span row has, in this order; annotators add detail columns.
SPAN_COLUMNS = ["doc_id", "sent_index", "start", "end", "text", "layer", "category", "rule"]


@dataclass
class DocResult:
    """Everything the pipeline learned about one document."""

    doc_id: str
    status: str = "ok"  # ok | warning | empty | error
    status_detail: str = ""
    measures: dict[str, Any] = field(default_factory=dict)
    long_measures: list[tuple[str, float]] = field(default_factory=list)
    sentence_values: dict[str, list] = field(default_factory=dict)
    sentences: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    _text: str = ""
    # the evidence rows in the order written: blocks of (keys, rows), keys None for dict rows
    _span_blocks: list[tuple[tuple[str, ...] | None, list]] = field(default_factory=list, repr=False)

    @property
    def spans(self) -> list[dict]:
        """The evidence rows as dicts (columns :data:`SPAN_COLUMNS` then details), in the order written.

        Rows written as tuples (:meth:`span_rows`) become dicts here, once. The list
        returned may be changed in place; but once :meth:`span_rows` or :meth:`add_span`
        has been called, rows appended to the list go before that call's rows, so write
        new rows with those two methods to keep them in order.
        """
        blocks = self._span_blocks
        if len(blocks) == 1 and blocks[0][0] is None:
            return blocks[0][1]
        rows = []
        for keys, block in blocks:
            if keys is None:
                rows.extend(block)
            else:
                rows.extend([dict(zip(keys, values)) for values in block])
        self._span_blocks = [(None, rows)]
        return rows

    @spans.setter
    def spans(self, rows: list[dict]) -> None:
        self._span_blocks = [(None, rows)]

    def span_rows(self, keys: tuple[str, ...]) -> list:
        """The list to append evidence rows to as tuples of values in the order of ``keys``.

        ``keys`` starts with :data:`SPAN_COLUMNS` (then the detail columns); a tuple's
        text value must be ``document text[start:end]``. Consecutive calls with the same
        keys return the same list. The streaming tables are built from these tuples
        directly, which saves making and transposing a dict per row.
        """
        blocks = self._span_blocks
        if blocks and blocks[-1][0] == keys:
            return blocks[-1][1]
        rows: list = []
        blocks.append((keys, rows))
        return rows

    def span_blocks(self) -> list[tuple[tuple[str, ...] | None, list]]:
        """The evidence rows as written: ``(keys, tuples)`` blocks and ``(None, dicts)`` blocks."""
        return self._span_blocks

    def add_span(
        self, sent_index: int, start: int, end: int, layer: str, category: str, rule: str = "", **detail
    ) -> dict:
        """Record one piece of evidence; returns the row (callers may add details)."""
        row = {
            "doc_id": self.doc_id,
            "sent_index": sent_index,
            "start": start,
            "end": end,
            "text": self._text[start:end],
            "layer": layer,
            "category": category,
            "rule": rule,
        }
        if detail:
            row.update(detail)
        blocks = self._span_blocks
        if blocks and blocks[-1][0] is None:
            blocks[-1][1].append(row)
        else:
            blocks.append((None, [row]))
        return row

    def sentence_column(self, name: str, n_sentences: int, default: Any = math.nan) -> list:
        """The per-sentence list for column ``name``, created on first use."""
        col = self.sentence_values.get(name)
        if col is None:
            col = self.sentence_values[name] = [default] * n_sentences
        return col

    def add_measure(self, name: str, value: float) -> None:
        """A long-form-only measure (one row of ``doc_id, measure, value``)."""
        self.long_measures.append((name, value))

    def warn(self, message: str) -> None:
        """Flag the document with a warning (it stays in every table)."""
        if self.status == "ok":
            self.status = "warning"
        self.status_detail = f"{self.status_detail}; {message}" if self.status_detail else message

    def fail(self, message: str) -> None:
        """Flag the document as an error (a failed step; it stays in every table)."""
        self.status = "error"
        self.status_detail = f"{self.status_detail}; {message}" if self.status_detail else message


class Annotator:
    """Base class of the annotators. Subclasses set ``layers`` and implement ``annotate``."""

    #: the span layers this annotator writes
    layers: tuple[str, ...] = ()

    def get_params(self) -> dict[str, Any]:
        """The ``__init__`` arguments as set, recorded in every result."""
        sig = inspect.signature(type(self).__init__)
        return {
            name: getattr(self, name)
            for name, p in sig.parameters.items()
            if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        }

    def versions(self) -> dict[str, str]:
        """Versions of the lexicons this annotator uses (name -> version)."""
        return {}

    def annotate(self, doc: Document, out: DocResult) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"
