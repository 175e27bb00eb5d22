"""Lexicons as data files, with a manifest giving each file a version and a citation.

Every term list the project uses (loaded language, hedges and boosters, reporting
verbs, anonymous-source phrases, frame cues, tone overrides, abbreviations) is a
CSV/TXT file in this folder, loaded with :mod:`importlib.resources`. ``manifest.csv``
has one row per file: ``file, name, version, description, citation, licence``. The
version of every lexicon a result used is recorded in ``Analysis.manifest`` and in
figure metadata. Change a lexicon only with a reviewed diff and a version bump.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from ..errors import LexiconError

__all__ = ["csv_rows", "read_text", "read_rows", "manifest", "version_of"]


def read_text(filename: str) -> str:
    """The text of a bundled lexicon file."""
    try:
        return resources.files(__name__).joinpath(filename).read_text("utf-8")
    except FileNotFoundError:
        raise LexiconError(f"framing/lexicons/{filename}: bundled lexicon file is missing; reinstall framing") from None


def csv_rows(text: str, *, origin: str, required: tuple[str, ...]) -> list[dict]:
    """Rows of CSV ``text`` (``#`` lines are comments) with ``_line`` numbers."""
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise LexiconError(
            f"{origin}: the file has no header line; the first line must name the columns ({', '.join(required)})"
        )
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in lines)))
    fields = [f.strip() for f in reader.fieldnames or []]
    reader.fieldnames = fields
    missing = [c for c in required if c not in fields]
    if missing:
        raise LexiconError(f"{origin}: line {lines[0][0]}: the header lacks column(s) {', '.join(missing)}")
    rows = []
    for (n, _), row in zip(lines[1:], reader):
        if None in row:
            raise LexiconError(f"{origin}: line {n} has more fields than the header; quote fields that contain commas")
        row["_line"] = n
        rows.append(row)
    return rows


def read_rows(filename: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a bundled CSV lexicon as dicts; lines starting with ``#`` are comments.

    Each row gets ``_line`` (its line number in the file) so errors can name it.
    """
    return csv_rows(read_text(filename), origin=f"framing/lexicons/{filename}", required=required)


@lru_cache(maxsize=1)
def manifest() -> dict[str, dict[str, str]]:
    """``file -> {name, version, description, citation, licence}`` from ``manifest.csv``."""
    return {row["file"]: row for row in read_rows("manifest.csv", ("file", "name", "version"))}


def version_of(filename: str) -> str:
    """``name@version`` string for a bundled lexicon file (as recorded in results)."""
    entry = manifest().get(filename)
    if entry is None:
        raise LexiconError(f"framing/lexicons/{filename}: not listed in manifest.csv; add a row for it")
    return entry["version"]
