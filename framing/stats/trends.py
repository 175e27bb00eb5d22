"""Periods of documents (week, month, quarter, year) from their dates, for comparisons over time.

Used by :func:`framing.compare` with ``period=`` and read by :func:`framing.viz.figures.plot_trend`.
A document whose date is missing or cannot be read is never dropped: it goes to the period
:data:`NO_DATE`, and a note names it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import AnalysisError

__all__ = ["PERIODS", "NO_DATE", "document_periods", "period_range"]

#: Period name -> pandas frequency. Weeks run Monday to Sunday (ISO 8601).
PERIODS = {"week": "W-SUN", "month": "M", "quarter": "Q-DEC", "year": "Y-DEC"}

#: The period of documents without a readable date (sorted after every dated period).
NO_DATE = "(no date)"


def _label(p: pd.Period, period: str) -> str:
    """A period's label: ``2025-W37`` (ISO week), ``2025-09``, ``2025Q3``, ``2025``."""
    if period == "week":
        year, week, _ = p.start_time.isocalendar()
        return f"{year}-W{week:02d}"
    return str(p)


def _check_period(period: str, caller: str) -> str:
    if period not in PERIODS:
        raise AnalysisError(f"{caller}: period must be one of {', '.join(map(repr, PERIODS))}, got {period!r}")
    return period


def _periods_of(values: pd.Series, period: str) -> tuple[list[pd.Period | None], list[int], list[int]]:
    """Each value's period (None when missing or unreadable), the missing and the unreadable positions."""
    missing, unreadable, out = [], [], []
    for k, value in enumerate(values):
        if (
            value is None
            or (not isinstance(value, str) and pd.isna(value))
            or (isinstance(value, str) and not value.strip())
        ):
            missing.append(k)
            out.append(None)
            continue
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError):
            stamp = pd.NaT
        if pd.isna(stamp):
            unreadable.append(k)
            out.append(None)
            continue
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        out.append(stamp.to_period(PERIODS[period]))
    return out, missing, unreadable


def document_periods(
    result: Any, period: str, *, column: str = "date", notes: list[str], caller: str = "compare()"
) -> dict[str, list[str]]:
    """Period label -> doc_ids, in time order; documents without a readable date last, under :data:`NO_DATE`.

    ``period`` is ``"week"`` (ISO weeks, Monday to Sunday, labelled ``2025-W37``), ``"month"``
    (``2025-09``), ``"quarter"`` (``2025Q3``) or ``"year"``. Dates come from the ``column``
    of ``result.documents`` (``date`` by default; datetimes or strings such as ``2025-09-03``).
    Missing and unreadable dates each get a note naming the documents.
    """
    _check_period(period, caller)
    docs = result.documents
    if column not in docs.columns:
        raise AnalysisError(
            f"{caller}: period={period!r} needs a {column!r} column in result.documents, and there is none; "
            "add a date to every document (front matter 'date: YYYY-MM-DD' or a date column)"
        )
    found, missing, unreadable = _periods_of(docs[column], period)
    ids = docs["doc_id"].astype(str).tolist()
    # load_corpus sets a date it cannot read to NaT and says so in status_detail: count those as unreadable
    details = docs["status_detail"].astype(str).tolist() if "status_detail" in docs.columns else [""] * len(ids)
    loaded_unreadable = [k for k in missing if f"{column} " in details[k] and "not understood" in details[k]]
    missing = [k for k in missing if k not in set(loaded_unreadable)]
    dated: dict[pd.Period, list[str]] = {}
    for doc_id, p in zip(ids, found):
        if p is not None:
            dated.setdefault(p, []).append(doc_id)
    out = {_label(p, period): dated[p] for p in sorted(dated)}
    if missing:
        notes.append(
            f"{len(missing)} document(s) have no {column} ({', '.join(ids[k] for k in missing[:5])}"
            f"{' ...' if len(missing) > 5 else ''}); they form the period {NO_DATE!r}. "
            f"Fill in the {column} to place them in time."
        )
    unreadable = sorted(unreadable + loaded_unreadable)
    if unreadable:
        shown = ", ".join(
            ids[k] if k in loaded_unreadable else f"{ids[k]}: {docs[column].iloc[k]!r}" for k in unreadable[:5]
        )
        notes.append(
            f"{len(unreadable)} document(s) have a {column} that could not be read as a date ({shown}"
            f"{' ...' if len(unreadable) > 5 else ''}; see result.documents.status_detail); they are in the "
            f"period {NO_DATE!r}. Write dates as YYYY-MM-DD."
        )
    if missing or unreadable:
        out[NO_DATE] = [ids[k] for k in sorted(missing + unreadable)]
    return out


def period_range(labels, period: str) -> list[str]:
    """Every period from the first to the last of ``labels`` (periods without documents included),
    then :data:`NO_DATE` if it is among them: the x axis of a trend, so gaps in time stay visible."""
    _check_period(period, "period_range()")
    labels = list(dict.fromkeys(labels))
    dated = [lab for lab in labels if lab != NO_DATE]
    if not dated:
        return labels
    freq = PERIODS[period]
    if period == "week":
        starts = [pd.Timestamp.fromisocalendar(int(lab[:4]), int(lab[6:]), 1) for lab in dated]
        found = [s.to_period(freq) for s in starts]
    else:
        found = [pd.Period(lab, freq=freq) for lab in dated]
    full = [_label(p, period) for p in pd.period_range(min(found), max(found), freq=freq)]
    return full + ([NO_DATE] if NO_DATE in labels else [])
