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

__all__ = ["read_text", "read_rows", "manifest", "version_of"]


def read_text(filename: str) -> str:
    """The text of a bundled lexicon file."""
    try:
        return resources.files(__name__).joinpath(filename).read_text("utf-8")
    except FileNotFoundError:
        raise LexiconError(f"framing/lexicons/{filename}: bundled lexicon file is missing; reinstall framing") from None


def read_rows(filename: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a bundled CSV lexicon as dicts; lines starting with ``#`` are comments.

    Each row gets ``_line`` (its line number in the file) so errors can name it.
    """
    text = read_text(filename)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in lines)))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError(f"framing/lexicons/{filename}: header lacks column(s) {', '.join(missing)}")
    rows = []
    for (line_number, _), row in zip(lines[1:], reader):
        if None in row:
            raise LexiconError(f"framing/lexicons/{filename}: line {line_number} has more fields than the header")
        row["_line"] = line_number
        rows.append(row)
    return rows


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
