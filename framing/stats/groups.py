"""Groups of documents to compare, and the segmented texts the group statistics share.

Used by :mod:`framing.stats.comparison` and :mod:`framing.stats.distinctive`.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..errors import AnalysisError

EXCLUDED_STATUS = ("error", "empty")


_SEGMENTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def segmented(result: Any) -> dict[str, Any]:
    """doc_id -> :class:`framing.segment.Document` of every document of ``result``, made once.

    Tokens are not stored in an :class:`~framing.Analysis`; the sentence-level attribution
    measures, :func:`framing.distinctive_terms` and :func:`framing.kwic` segment the texts
    again (the same deterministic segmentation) and share this cache.
    """
    from ..text.segment import segment

    try:
        cache = _SEGMENTED.setdefault(result, {})
    except TypeError:  # not weak-referenceable: no cache
        cache = {}
    texts = getattr(result, "texts", {})
    for doc_id in result.documents["doc_id"]:
        if doc_id not in cache:
            text = texts.get(doc_id, "")
            cache[doc_id] = segment(text if isinstance(text, str) else "", doc_id)
    return cache


def group_documents(
    result: Any, by: str | None, groups: Mapping[str, Sequence[str]] | None, notes: list[str], caller: str = "compare()"
) -> dict[str, list[str]]:
    """Group name -> doc_ids, from a documents column ``by`` or explicit ``groups``.

    Documents with no value in ``by`` form the group ``(no <by>)`` (a note says so).
    Errors name ``caller`` (the public function that was called) and the fix.
    """
    docs = result.documents
    if groups is not None and by not in (None, "outlet"):
        raise AnalysisError(f"{caller}: give either by=<column> or groups={{name: [doc_id, ...]}}, not both")
    if groups is not None:
        if not isinstance(groups, Mapping):
            raise AnalysisError(f"{caller}: groups must be a dict name -> list of doc_ids, got {type(groups).__name__}")
        known = set(docs["doc_id"])
        out: dict[str, list[str]] = {}
        seen: dict[str, str] = {}
        for name, ids in groups.items():
            ids = [ids] if isinstance(ids, str) else list(ids)
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise AnalysisError(
                    f"{caller}: group {name!r} names unknown doc_id(s) {', '.join(map(repr, unknown[:5]))}; "
                    f"known ids: {', '.join(sorted(known))[:300]}"
                )
            for i in ids:
                if i in seen:
                    raise AnalysisError(
                        f"{caller}: doc_id {i!r} is in groups {seen[i]!r} and {name!r}; "
                        "groups must not overlap (the statistics assume independent groups)"
                    )
                seen[i] = str(name)
            out[str(name)] = ids
        return out
    if by not in docs.columns:
        valid = [c for c in docs.columns if c not in ("status_detail", "source")]
        raise AnalysisError(
            f"{caller}: result.documents has no column {by!r}; group by one of: {', '.join(valid[:12])} "
            "..., or pass groups={name: [doc_id, ...]}"
        )
    out = {}
    missing = []
    for doc_id, value in zip(docs["doc_id"], docs[by]):
        if _missing(value):
            missing.append(doc_id)
            label = f"(no {by})"
        else:
            label = str(value)
        out.setdefault(label, []).append(doc_id)
    if missing:
        notes.append(
            f"{len(missing)} document(s) have no {by} ({', '.join(missing[:5])}); "
            f"they form the group '(no {by})'. Fill in the {by} column to group them properly."
        )
    notes.extend(_look_alike_notes(docs.columns, by, out))
    return out


def _normal(label: str) -> str:
    return " ".join(str(label).split()).casefold()


def _look_alike_notes(columns, by: str, groups: Mapping[str, Sequence[str]]) -> list[str]:
    """Notes on what silently splits a study: group labels that differ only in case or spacing
    (``Riverton Ledger``, ``Riverton  ledger``), and columns that differ from ``by`` only in case
    (a front-matter key typed ``Outlet:``)."""
    notes = []
    by_normal: dict[str, list[str]] = {}
    for label in groups:
        by_normal.setdefault(_normal(label), []).append(label)
    for labels in by_normal.values():
        if len(labels) > 1:
            notes.append(
                f"the {by} labels {', '.join(map(repr, labels))} differ only in case or spacing and form "
                f"separate groups; if they are the same, write them the same way in the {by} column"
            )
    twins = [str(c) for c in columns if str(c) != by and str(c).casefold() == by.casefold()]
    if twins:
        notes.append(
            f"the column(s) {', '.join(map(repr, twins))} differ from {by!r} only in case and are not used "
            f"for grouping; rename them to {by!r} (a front-matter key or CSV header is case-sensitive)"
        )
    return notes


def _missing(value: Any) -> bool:
    """True for None, NaN, NaT, pd.NA and blank strings."""
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-like cell: not a missing scalar
        return False


def exclude_unanalysable(result: Any, groups: dict[str, list[str]], notes: list[str]) -> tuple[dict, list[dict]]:
    docs = result.documents.set_index("doc_id")
    excluded = []
    kept: dict[str, list[str]] = {}
    for name, ids in groups.items():
        keep = []
        for i in ids:
            status = docs.at[i, "status"]
            if status in EXCLUDED_STATUS:
                excluded.append(
                    {"doc_id": i, "group": name, "status": status, "status_detail": str(docs.at[i, "status_detail"])}
                )
            else:
                keep.append(i)
        if keep:
            kept[name] = keep
        else:
            notes.append(f"group {name!r} has no analysable document and is left out of the comparison")
    if excluded:
        msg = (
            f"{len(excluded)} document(s) excluded from the statistics because their status is error/empty: "
            + "; ".join(f"{e['doc_id']} ({e['status']}: {e['status_detail']})" for e in excluded[:5])
            + (" ..." if len(excluded) > 5 else "")
        )
        notes.append(msg)
    return kept, excluded
