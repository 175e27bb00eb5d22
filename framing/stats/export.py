"""Write a comparison to disk: the statistics, the distinctive terms and their notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .comparison import compare
from .distinctive import distinctive_terms


def write_comparison(
    result: Any,
    directory: Any,
    *,
    by: str | None = "outlet",
    groups: Mapping[str, Sequence[str]] | None = None,
    confidence: float = 0.95,
    n_resamples: int = 9999,
    seed: int | None = 0,
    prior: str = "background",
    period: str | None = None,
) -> dict[str, str]:
    """Write ``comparison.csv``, ``distinctive_terms.csv`` and ``comparison.json`` to ``directory``.

    ``comparison.csv`` is :func:`compare` (within each ``period`` when given); ``distinctive_terms.csv`` is
    :func:`framing.distinctive_terms`; ``comparison.json`` holds both tables' ``attrs``
    (settings, groups, excluded documents, notes). Returns ``name -> path``. Used by
    ``framing compare``.
    """
    import json
    from pathlib import Path

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    table = compare(
        result, by=by, groups=groups, confidence=confidence, n_resamples=n_resamples, seed=seed, period=period
    )
    terms = distinctive_terms(result, by=by, groups=groups, prior=prior)
    written = {}
    for name, frame in (("comparison", table), ("distinctive_terms", terms)):
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written[name] = str(path)
    meta = {"comparison": table.attrs, "distinctive_terms": terms.attrs}
    path = out / "comparison.json"
    path.write_text(json.dumps(meta, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    written["notes"] = str(path)
    return written
