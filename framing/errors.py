"""Exception classes of framing.

Every message names the file, row or argument, says what was wrong, and what to do.
"""

from __future__ import annotations


class FramingError(Exception):
    """Base class of every error framing raises on purpose."""


class CorpusError(FramingError, ValueError):
    """A corpus source could not be read: names the file (and line/row) and the fix."""


class LexiconError(FramingError, ValueError):
    """A lexicon file is malformed: names the file and line and the fix."""


class SegmentationError(FramingError, ValueError):
    """Offsets that do not align with the text (an internal contract was broken)."""


class AnalysisError(FramingError, ValueError):
    """A request to analyse or compare results is not possible as asked."""


class ResumeError(FramingError, RuntimeError):
    """An output folder holds a run made with other settings; resuming would mix them."""


class ComparisonNote(UserWarning):
    """A note of :func:`framing.compare` (also in its table's ``attrs["notes"]``): a missing
    value, an excluded document, a skipped measure, or the resampling unit and why."""
