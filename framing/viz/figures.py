"""Publication figures in one consistent style, written deterministically.

One place sets the look (:func:`theme`), each outlet or group keeps one colour and one
marker in every figure (:func:`group_colors`, :func:`group_markers`), and every figure is
written by :func:`save_figure`, which makes PDF, SVG and PNG files that are byte-identical
when the same figure is saved again and records the framing and lexicon versions in the
file metadata.

The plotting functions are axes-level, in the seaborn habit: everything after the data is
keyword-only, they draw on ``ax`` (a new figure when ``ax`` is None) and return it. With no
data to show they draw an axis that says so, instead of raising.

- :func:`plot_measures` -- each group's value of each measure with its 95% interval, from
  :func:`framing.compare`;
- :func:`plot_tone_arc` -- mean tone in equal stretches of each article, from :func:`framing.tone_arc`;
- :func:`plot_loaded_terms` -- the most frequent loaded terms per category and group;
- :func:`plot_attribution` -- source types and reporting-verb classes per group;
- :func:`plot_distinctive_terms` -- weighted log-odds z-score against frequency
  (Monroe, Colaresi & Quinn 2008), with labels that do not overlap;
- :func:`plot_frames` -- frame profile heatmap (share of sentences cueing each frame);
- :func:`plot_trend` -- one measure per period and group with intervals, from
  :func:`framing.compare` with ``period=``.

Colours: the Okabe & Ito (2008) colour-blind-safe palette ("Color Universal Design",
https://jfly.uni-koeln.de/color/). Meaning is never carried by colour alone: groups also
differ by marker, and heatmap cells carry their values as text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import matplotlib.transforms
import numpy as np
import pandas as pd

from .._version import __version__

__all__ = [
    "OKABE_ITO",
    "CONTEXTS",
    "theme",
    "group_colors",
    "group_markers",
    "group_labels",
    "plot_measures",
    "plot_tone_arc",
    "plot_loaded_terms",
    "plot_attribution",
    "plot_distinctive_terms",
    "plot_frames",
    "plot_trend",
    "repel_labels",
    "save_figure",
    "figure_metadata",
]

#: Okabe & Ito (2008) colour-blind-safe palette, ordered so the first colours contrast most on white
#: (blue, vermillion, bluish green, orange, reddish purple, sky blue, black, yellow).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
#: one marker per group, in the same order as the palette, so groups differ by shape too
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
GREY = "#8C8C8C"

_BASE_RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO)),
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "svg.fonttype": "path",
    "svg.hashsalt": "framing",
    "pdf.fonttype": 42,
    "image.cmap": "cividis",
}

#: named contexts: base font size and default figure width (inches)
CONTEXTS: dict[str, dict] = {
    "paper": {
        "font.size": 8,
        "axes.titlesize": 9,
        "axes.labelsize": 8,
        "xtick.labelsize": 7,
        "ytick.labelsize": 7,
        "legend.fontsize": 7,
        "lines.linewidth": 1.2,
        "lines.markersize": 5,
        "figure.figsize": (6.5, 4.0),
    },
    "classroom": {
        "font.size": 14,
        "axes.titlesize": 16,
        "axes.labelsize": 14,
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 12,
        "lines.linewidth": 2.2,
        "lines.markersize": 9,
        "figure.figsize": (11.0, 7.0),
    },
}


def _points(key: str) -> float:
    """An rcParams font size in points (rcParams may hold a name such as "medium")."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=matplotlib.rcParams[key]).get_size_in_points()


def theme(context: str = "paper") -> dict:
    """Set the framing look for every later figure; returns the rc settings applied.

    ``context`` is ``"paper"`` (8 pt text, 6.5 in wide: a journal column pair) or
    ``"classroom"`` (14 pt text for a projector or a printed handout). The palette is
    Okabe-Ito in both. A bad name raises ``ValueError`` listing the valid ones.
    """
    if context not in CONTEXTS:
        raise ValueError(f"unknown theme context {context!r}; choose one of: {', '.join(CONTEXTS)}")
    rc = {**_BASE_RC, **CONTEXTS[context]}
    matplotlib.rcParams.update(rc)
    return rc


# ---------------------------------------------------------------------------
# Stable colours and markers per group


def _sorted_labels(labels: Iterable) -> list[str]:
    return sorted({str(x) for x in labels}, key=lambda s: (s.casefold(), s))


def group_colors(labels: Iterable, palette: Sequence[str] = OKABE_ITO) -> dict[str, str]:
    """``label -> colour``: the labels sorted alphabetically take the palette in order.

    The mapping depends only on the set of labels, so every figure drawn from the same
    result gives an outlet the same colour. Beyond the palette's length colours repeat
    (markers then still tell groups apart).
    """
    return {label: palette[i % len(palette)] for i, label in enumerate(_sorted_labels(labels))}


def group_markers(labels: Iterable) -> dict[str, str]:
    """``label -> marker``, in the same order as :func:`group_colors`."""
    return {label: MARKERS[i % len(MARKERS)] for i, label in enumerate(_sorted_labels(labels))}


def group_labels(result, by: str = "outlet") -> pd.Series:
    """``doc_id -> group label`` for grouping the documents of ``result`` by column ``by``.

    ``by`` is ``"doc_id"`` or a column of ``result.documents`` (e.g. ``outlet``). Documents
    with no value in that column form the group ``"(no <by>)"``, as in :func:`framing.compare`,
    so that no document silently disappears from a figure.
    """
    docs = result.documents
    if by == "doc_id":
        return pd.Series(docs["doc_id"].astype(str).to_numpy(), index=docs["doc_id"].astype(str))
    if by not in docs.columns:
        raise ValueError(
            f"cannot group by {by!r}: not a column of result.documents; use 'doc_id' or one of: "
            + ", ".join(c for c in docs.columns if c != "doc_id")
        )
    values = docs[by].astype(object).where(docs[by].notna(), None)
    labels = [str(v) if v is not None and str(v).strip() else f"(no {by})" for v in values]
    return pd.Series(labels, index=docs["doc_id"].astype(str).to_numpy())


def _style(groups: Iterable, palette: Mapping[str, str] | None) -> tuple[dict[str, str], dict[str, str]]:
    """Colours and markers for ``groups``. With ``palette`` (``label -> colour``, e.g.
    :func:`group_colors` of every group of a result) its labels keep their colour and marker
    even in a figure that shows only some of them."""
    groups = _sorted_labels(groups)
    if not palette:
        return group_colors(groups), group_markers(groups)
    keys = list(palette) + [g for g in groups if g not in palette]
    return {**group_colors(keys), **dict(palette)}, group_markers(keys)


# ---------------------------------------------------------------------------
# Helpers


def _axes(ax, size: tuple[float, float] | None = None):
    if ax is not None:
        return ax
    kwargs = {"figsize": size} if size else {}
    fig, ax = plt.subplots(layout="constrained", **kwargs)
    return ax


def _figsize(height_per_row: float, rows: int, minimum: float = 2.2) -> tuple[float, float]:
    width, height = matplotlib.rcParams["figure.figsize"]
    scale = matplotlib.rcParams["font.size"] / 8.0
    return (width, max(minimum * scale, min(4 * height, height_per_row * scale * rows + 1.0 * scale)))


def _no_data(ax, message: str, title: str | None = None):
    """Draw an empty axis that says why there is nothing to show."""
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="#555555", wrap=True)
    if title:
        ax.set_title(title)
    return ax


def _text(label: object) -> str:
    """A label from the data (an outlet, a doc_id, a term, a category, a measure name) as
    matplotlib text that shows exactly those characters: each ``$`` is escaped so no pair of
    them starts mathtext (``Fox $\\notacommand{x}$ News`` would stop the figure), and a
    leading ``_``, which hides a legend entry, gets a zero-width space before it."""
    text = str(label)
    if matplotlib.rcParams["text.parse_math"]:  # texts made now parse math: escape; else "$" is literal
        text = text.replace("$", "\\$")
    return "\u200b" + text if text.startswith("_") else text


def _require(frame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks the column(s) {', '.join(missing)}; pass the table {what} returns")


def _group_legend(ax, labels: Sequence[str], colors: Mapping[str, str], markers: Mapping[str, str], **kwargs):
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=colors[g], marker=markers[g], linestyle="", label=_text(g)) for g in labels]
    return ax.legend(handles=handles, **kwargs)


def _spans(result, layer: str) -> pd.DataFrame:
    spans = getattr(result, "spans", None)
    if spans is None or spans.empty or "layer" not in spans.columns:
        return pd.DataFrame(columns=["doc_id", "layer", "category", "text"])
    return spans[spans["layer"] == layer]


def _tokens_per_group(result, groups: pd.Series) -> pd.Series:
    docs = result.documents.set_index(result.documents["doc_id"].astype(str))
    n = docs["n_tokens"] if "n_tokens" in docs.columns else pd.Series(0, index=docs.index)
    return n.groupby(groups.reindex(n.index)).sum()


# ---------------------------------------------------------------------------
# Measures with intervals


def _measure_values(comparison: pd.DataFrame) -> pd.DataFrame:
    """One row per (measure, group): value, low, high, n (a group appears in several pairs once)."""
    cols = ["measure", "group", "value", "low", "high", "n"]
    parts = []
    for side in ("a", "b"):
        part = comparison[["measure", f"group_{side}", f"value_{side}", f"low_{side}", f"high_{side}", f"n_{side}"]]
        part.columns = cols
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["group"] = out["group"].astype(str)
    return out.drop_duplicates(["measure", "group"], keep="first")


def _measure_row(inset, rows: pd.DataFrame, groups, offsets, colors, markers) -> None:
    """One measure of :func:`plot_measures`: each group's value and interval on its own axis."""
    lows, highs = [], []
    for g in groups:
        r = rows[rows["group"] == g]
        if r.empty:
            continue
        v, lo, hi = (float(r[c].iloc[0]) for c in ("value", "low", "high"))
        y = offsets[g]
        if np.isfinite(lo) and np.isfinite(hi):
            width = matplotlib.rcParams["lines.linewidth"]
            inset.plot([lo, hi], [y, y], color=colors[g], linewidth=width, solid_capstyle="butt")
            lows.append(lo)
            highs.append(hi)
        inset.plot([v], [y], marker=markers[g], color=colors[g], linestyle="")
        lows.append(v)
        highs.append(v)
    finite = [x for x in lows + highs if np.isfinite(x)]
    if finite:
        lo, hi = min(finite), max(finite)
        pad = (hi - lo) * 0.08 or (abs(hi) * 0.1 or 0.1)
        inset.set_xlim(lo - pad, hi + pad)
    inset.set_ylim(-0.5, 0.5)
    inset.set_yticks([])
    inset.spines["left"].set_visible(False)
    inset.tick_params(axis="x", length=2, pad=1)
    inset.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
    inset.grid(axis="x", color="#E5E5E5", linewidth=0.5)


def _measures_header_and_caption(ax, table, groups, colors, markers, diff_x: float | None, gap: float) -> None:
    """The group legend above :func:`plot_measures`, its difference header (one pair) and caption."""
    if diff_x is not None:
        r = table.iloc[0]
        header = f"difference ({_text(r['group_a'])} − {_text(r['group_b'])})\n[95% interval], p"
        ax.text(
            diff_x,
            1.0 - gap / 2,
            header,
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            fontsize=matplotlib.rcParams["xtick.labelsize"],
            color="#333333",
        )
    _group_legend(
        ax,
        groups,
        colors,
        markers,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=min(len(groups), 4),
        handletextpad=0.2,
        borderaxespad=0.3,
        columnspacing=1.0,
    )
    unit = ", ".join(sorted({str(u) for u in table["unit"].dropna()})) if "unit" in table.columns else ""
    caption = "dots: value per group; bars: 95% bootstrap interval"
    if unit:
        caption += f" (resampling unit: {_text(unit)})"
    ax.annotate(
        caption,
        xy=(0.0, 0.0),
        xycoords="axes fraction",
        xytext=(0, -2.6 * matplotlib.rcParams["font.size"]),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=matplotlib.rcParams["xtick.labelsize"],
        color="#555555",
    )


def plot_measures(
    comparison: pd.DataFrame,
    measures: Sequence[str] | None = None,
    *,
    ax=None,
    palette: Mapping[str, str] | None = None,
    annotate: bool = True,
):
    """Each group's value of each measure as a dot with its 95% interval, one row per measure.

    ``comparison`` is the table :func:`framing.compare` returns (columns ``measure``,
    ``group_a``/``group_b``, ``value_*``, ``low_*``, ``high_*``, ``difference``,
    ``diff_low``, ``diff_high``, ``p_value``, ``unit``). Measures have different scales, so
    each row gets its own horizontal axis (drawn as insets of ``ax``). With exactly one pair
    of groups each row is annotated with the difference, its interval and the permutation
    p-value. ``measures`` chooses and orders the rows (default: every measure).
    """
    cols = ["measure", "group_a", "group_b", "value_a", "low_a", "high_a", "n_a", "value_b", "low_b", "high_b", "n_b"]
    _require(comparison, cols, "framing.compare")
    table = comparison
    if measures is not None:
        missing = [m for m in measures if m not in set(comparison["measure"])]
        if missing and not comparison.empty:
            raise ValueError(
                f"no measure(s) {', '.join(missing)} in the comparison; available: "
                + ", ".join(sorted(set(comparison["measure"])))
            )
        table = comparison[comparison["measure"].isin(list(measures))]
        order = [m for m in measures if m in set(table["measure"])]
    else:
        order = list(dict.fromkeys(table["measure"]))
    ax = _axes(ax, _figsize(0.62, len(order)))
    if table.empty:
        return _no_data(ax, "no measures to compare", "Measures by group")
    values = _measure_values(table)
    groups = _sorted_labels(values["group"])
    colors, markers = _style(groups, palette)
    pairs = table[["group_a", "group_b"]].drop_duplicates()
    one_pair = len(pairs) == 1 and annotate and "difference" in table.columns

    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    n = len(order)
    gap = 0.35 / max(n, 1)
    height = (1.0 - gap * (n - 1)) / n if n else 1.0
    right = 0.62 if one_pair else 1.0
    offsets = {g: ((len(groups) - 1) / 2 - i) * 0.25 for i, g in enumerate(groups)}  # first group on top
    for row, measure in enumerate(order):
        bottom = 1.0 - (row + 1) * height - row * gap
        inset = ax.inset_axes((0.30, bottom, right - 0.30, height))
        _measure_row(inset, values[values["measure"] == measure], groups, offsets, colors, markers)
        ax.text(0.28, bottom + height * 0.55, _text(measure), transform=ax.transAxes, ha="right", va="center")
        if one_pair:
            r = table[table["measure"] == measure].iloc[0]
            ax.text(
                right + 0.03,
                bottom + height * 0.55,
                _difference_text(r),
                transform=ax.transAxes,
                ha="left",
                va="center",
                fontsize=matplotlib.rcParams["xtick.labelsize"],
            )
    _measures_header_and_caption(ax, table, groups, colors, markers, right + 0.03 if one_pair else None, gap)
    return ax


def _finite(x) -> float | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def format_number(x) -> str:
    """Three significant digits (thousands separated from 1,000 on); ``n/a`` for missing values."""
    x = _finite(x)
    if x is None:
        return "n/a"
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def format_p(x) -> str:
    """A p-value as ``< 0.001`` or with three decimals; ``n/a`` for missing values."""
    x = _finite(x)
    if x is None:
        return "n/a"
    return "< 0.001" if x < 0.001 else f"{x:.3f}"


def _difference_text(row) -> str:
    p_text = format_p(row.get("p_value"))
    diff = (
        f"{format_number(row.get('difference'))} [{format_number(row.get('diff_low'))}, "
        f"{format_number(row.get('diff_high'))}]"
    )
    return f"{diff}, p {'' if p_text.startswith('<') else '= '}{p_text}"


# ---------------------------------------------------------------------------
# Tone arc


def plot_tone_arc(
    arc: pd.DataFrame,
    *,
    ax=None,
    palette: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    max_lines: int = 8,
    confidence: float = 0.95,
    documents: bool = False,
):
    """Mean sentence tone in equal stretches of the articles (from :func:`framing.tone_arc`), one line per group.

    ``arc`` has columns ``doc_id, bin, position, tone, n_sentences``. ``labels``
    (``doc_id -> group``, e.g. :func:`group_labels`) groups the articles: each group is
    one line, the mean over its articles of each stretch's tone, with a ``confidence``
    band (Student t interval of that mean over the articles with sentences in the
    stretch: it says how much the arc depends on which articles the group happens to
    have). A group of one article keeps that article's own line, without a band; the
    legend gives each group's number of articles. Bins without sentences are left out of
    a mean (and are gaps in a single article's line). ``documents=True`` also draws each
    article as a thin line in its group's colour.

    Without ``labels`` every article is its own group, up to ``max_lines`` articles; with
    more, they form one group (the mean over all articles with its band, each article a
    thin grey line).
    """
    ax = _axes(ax)
    ax.set_title("Tone through the article")
    if arc is None or len(arc) == 0:
        return _no_data(ax, "no tone arc: no sentences with tone")
    _require(arc, ["doc_id", "position", "tone"], "framing.tone_arc")
    docs = _sorted_labels(arc["doc_id"])
    ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
    if labels is not None:
        group_of = {d: str(labels.get(d, d)) for d in docs}
    elif len(docs) <= max_lines:
        group_of = {d: d for d in docs}
    else:
        group_of = dict.fromkeys(docs, "all")
        documents = True
    colors, markers = _style(set(group_of.values()), palette)
    if labels is None and len(docs) > max_lines:
        colors = {"all": OKABE_ITO[0]}
    arc = arc.assign(doc_id=arc["doc_id"].astype(str))
    banded = False
    for g in _sorted_labels(group_of.values()):
        members = [d for d in docs if group_of[d] == g]
        part = arc[arc["doc_id"].isin(members)]
        if documents and len(members) > 1:
            color = GREY if g == "all" and labels is None else colors[g]
            for d in members:
                line = part[part["doc_id"] == d].sort_values("position")
                ax.plot(line["position"], line["tone"], color=color, linewidth=0.5, alpha=0.5, label="_nolegend_")
        banded = _tone_arc_line(ax, part, g, len(members), colors[g], markers.get(g, "o"), confidence) or banded
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        title=f"band: {confidence:.0%} CI over articles" if banded else None,
    )
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("position in the article (share of sentences)")
    ax.set_ylabel("mean sentence tone (−1 to 1)")
    return ax


# ---------------------------------------------------------------------------
# Horizontal grouped bars (loaded terms, attribution)


def _grouped_bars(
    ax,
    rows: list[tuple[str, str]],
    values: pd.DataFrame,
    groups: list[str],
    colors,
    *,
    labels: pd.DataFrame | None = None,
    xlabel: str,
    title: str,
):
    """Bars dodged by group for each (block, item) row; blocks get a bold heading row."""
    n_groups = len(groups)
    bar_h = 0.8 / n_groups
    y = 0.0
    yticks, yticklabels, headings = [], [], []
    last_block = None
    hatches = ["", "////", "....", "\\\\\\\\", "xxxx", "----", "++++", "oooo"]
    for block, item in rows:
        if block != last_block:
            if last_block is not None:
                y += 0.4
            headings.append((y, block))
            y += 1.0
            last_block = block
        for i, g in enumerate(groups):
            v = float(values.loc[(block, item), g]) if (block, item) in values.index else 0.0
            yy = y + (i - (n_groups - 1) / 2) * bar_h
            ax.barh(
                yy,
                v,
                height=bar_h * 0.92,
                color=colors[g],
                hatch=hatches[i % len(hatches)],
                edgecolor="white",
                linewidth=0,
            )
            if labels is not None and v > 0:
                count = int(labels.loc[(block, item), g]) if (block, item) in labels.index else 0
                ax.text(
                    v,
                    yy,
                    f" {count}",
                    va="center",
                    ha="left",
                    fontsize=_points("ytick.labelsize") * 0.85,
                    color="#333333",
                )
        yticks.append(y)
        yticklabels.append(_text(item))
        y += 1.0
    ax.set_yticks(yticks, yticklabels)
    ax.tick_params(axis="y", length=0)
    for yh, block in headings:
        ax.text(
            0.0,
            yh,
            _text(block),
            transform=matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData),
            ha="right",
            va="center",
            fontweight="bold",
            fontsize=matplotlib.rcParams["ytick.labelsize"],
            bbox={"boxstyle": "square,pad=0", "fc": "none", "ec": "none"},
        )
    ax.set_ylim(y - 0.4, -0.8)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", color="#E5E5E5", linewidth=0.5)
    xmax = ax.get_xlim()[1]
    ax.set_xlim(0, xmax * 1.12)
    return ax


def _hatched_legend(ax, groups, colors, **kwargs):
    from matplotlib.patches import Patch

    hatches = ["", "////", "....", "\\\\\\\\", "xxxx", "----", "++++", "oooo"]
    handles = [
        Patch(facecolor=colors[g], hatch=hatches[i % len(hatches)], edgecolor="white", label=_text(g))
        for i, g in enumerate(groups)
    ]
    return ax.legend(handles=handles, **kwargs)


def plot_loaded_terms(
    result, *, top: int | None = 3, by: str = "outlet", ax=None, palette: Mapping[str, str] | None = None
):
    """The most frequent loaded terms of each category, per group, as rates per 1,000 tokens.

    For each loaded-language category (spans of layer ``loaded``) the ``top`` terms
    (lower-cased span text) with the highest rate in any one group are shown (``top=None``:
    every term), with a bar for every group: the bar is the rate per 1,000 tokens of the
    group's documents, the number at its end the raw count. Rates make groups of different
    length comparable. Nothing is hidden without saying so: each category's heading gives
    its total hits and number of distinct terms, and how many of them are shown
    (e.g. ``emotive: 28 hits, 20 terms (top 3 shown)``); the title gives ``top``.
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a positive whole number of terms per category, or None for all; got {top!r}")
    spans = _spans(result, "loaded")
    groups_of = group_labels(result, by)
    groups = _sorted_labels(groups_of)
    colors, _ = _style(groups, palette)
    if spans.empty:
        ax = _axes(ax)
        return _no_data(ax, "no loaded-language spans in these documents", "Loaded terms")
    frame = pd.DataFrame(
        {
            "group": spans["doc_id"].astype(str).map(groups_of).to_numpy(),
            "category": spans["category"].astype(str).to_numpy(),
            "term": spans["text"].astype(str).str.lower().str.replace(r"\s+", " ", regex=True).to_numpy(),
        }
    )
    counts = frame.groupby(["category", "term", "group"]).size().unstack("group", fill_value=0)
    for g in groups:
        if g not in counts.columns:
            counts[g] = 0
    counts = counts[groups]
    tokens = _tokens_per_group(result, groups_of).reindex(groups).fillna(0)
    rates = counts.div(tokens.replace(0, np.nan), axis=1).fillna(0) * 1000
    rows: list[tuple[str, str]] = []
    totals = counts.sum(axis=1)
    cat_order = totals.groupby(level="category").sum().sort_values(ascending=False, kind="mergesort")
    headings = {}
    for cat in cat_order.index:
        peak = rates.loc[cat].max(axis=1)
        total = counts.loc[cat].sum(axis=1)
        ranked = sorted(peak.index, key=lambda t: (-round(float(peak[t]), 9), -int(total[t]), t))
        shown = ranked if top is None else ranked[:top]
        headings[cat] = _loaded_heading(cat, int(total.sum()), len(ranked), len(shown))
        rows += [(headings[cat], t) for t in shown]
    rates = rates.rename(index=headings, level="category")
    counts = counts.rename(index=headings, level="category")
    ax = _axes(ax, _figsize(0.08 * max(len(groups), 1) + 0.05, len(rows) + len(cat_order)))
    title = "Loaded terms by category" + ("" if top is None else f" (top {top} per category)")
    _grouped_bars(
        ax,
        rows,
        rates,
        groups,
        colors,
        labels=counts,
        xlabel="occurrences per 1,000 tokens (number: count)",
        title=title,
    )
    _hatched_legend(ax, groups, colors, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_attribution(result, *, by: str = "outlet", ax=None, palette: Mapping[str, str] | None = None):
    """Who is cited and how: shares of source types and of reporting-verb classes per group.

    From ``result.attributions`` (one row per source-cue-content relation): for each group
    the share of its attributions with each ``source_type`` (e.g. named, anonymous) and each
    ``verb_class`` of the reporting verb; the number at each bar's end is the count.
    """
    att = getattr(result, "attributions", None)
    groups_of = group_labels(result, by)
    groups = _sorted_labels(groups_of)
    colors, _ = _style(groups, palette)
    if att is None or att.empty:
        ax = _axes(ax)
        return _no_data(ax, "no attributions (sources with a reporting verb) found", "Sources and reporting verbs")
    att = att.assign(group=att["doc_id"].astype(str).map(groups_of))
    rows: list[tuple[str, str]] = []
    share_parts, count_parts = [], []
    for column, block in (("source_type", "source type"), ("verb_class", "verb class")):
        if column not in att.columns:
            continue
        vals = att[column].astype(object).where(att[column].notna(), "unknown").astype(str)
        counts = pd.crosstab(vals, att["group"]).reindex(columns=groups, fill_value=0)
        shares = counts.div(counts.sum(axis=0).replace(0, np.nan), axis=1).fillna(0)
        order = counts.sum(axis=1).sort_index().sort_values(ascending=False, kind="mergesort").index
        rows += [(block, str(item)) for item in order]
        for part, target in ((shares, share_parts), (counts, count_parts)):
            p = part.copy()
            p.index = pd.MultiIndex.from_product([[block], p.index.astype(str)])
            target.append(p)
    if not rows:
        ax = _axes(ax)
        return _no_data(ax, "attributions carry no source_type or verb_class", "Sources and reporting verbs")
    shares, counts = pd.concat(share_parts), pd.concat(count_parts)
    ax = _axes(ax, _figsize(0.08 * len(groups) + 0.05, len(rows) + 2))
    _grouped_bars(
        ax,
        rows,
        shares,
        groups,
        colors,
        labels=counts,
        xlabel="share of the group's attributions (number: count)",
        title="Sources and reporting verbs",
    )
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    _hatched_legend(ax, groups, colors, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=min(len(groups), 3))
    return ax


# ---------------------------------------------------------------------------
# Distinctive terms with non-overlapping labels


def _overlap(a, b, pad: float) -> tuple[float, float]:
    """Overlap of boxes (x0, y0, x1, y1) along x and y (<= 0 when apart)."""
    return min(a[2], b[2]) - max(a[0], b[0]) + pad, min(a[3], b[3]) - max(a[1], b[1]) + pad


def repel_labels(
    ax,
    x: Sequence[float],
    y: Sequence[float],
    labels: Sequence[str],
    *,
    colors=None,
    fontsize=None,
    pad: float = 2.0,
    iterations: int = 300,
    margin: float = 0.0,
):
    """Place ``labels`` next to the points ``(x, y)`` so that no two labels overlap.

    A simple deterministic repulsion in display space: each label starts right of its
    point; overlapping pairs are pushed apart vertically (the lower one down, ties broken by
    input order) until none overlaps or ``iterations`` is reached; labels are kept inside
    the axes (``margin`` pixels from its top and bottom, to keep clear of captions there), and
    a thin leader line joins a label that moved to its point. The axis limits must be final
    before calling. Returns the list of Text artists.
    """
    if len(labels) == 0:
        return []
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    fontsize = fontsize or _points("xtick.labelsize")
    texts = [ax.text(0, 0, _text(s), fontsize=fontsize, ha="left", va="center", transform=None) for s in labels]
    sizes = []
    for t in texts:
        bb = t.get_window_extent(renderer)
        sizes.append((bb.width, bb.height))
    pts = ax.transData.transform(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    offset = fontsize * fig.dpi / 72.0 * 0.4
    pos = [[px + offset, py] for px, py in pts]
    box = ax.get_window_extent(renderer)

    def bounds(i):
        w, h = sizes[i]
        return (pos[i][0], pos[i][1] - h / 2, pos[i][0] + w, pos[i][1] + h / 2)

    order = sorted(range(len(texts)), key=lambda i: (-pos[i][1], i))
    for _ in range(iterations):
        moved = False
        for a_idx in range(len(order)):
            i = order[a_idx]
            for j in order[a_idx + 1 :]:
                ox, oy = _overlap(bounds(i), bounds(j), pad)
                if ox > 0 and oy > 0:
                    upper, lower = (i, j) if (pos[i][1], -i) >= (pos[j][1], -j) else (j, i)
                    step = oy / 2 + 0.5
                    pos[upper][1] += step
                    pos[lower][1] -= step
                    moved = True
        for i in range(len(texts)):  # keep inside the axes
            w, h = sizes[i]
            pos[i][0] = min(max(pos[i][0], box.x0), box.x1 - w)
            top, bottom = box.y1 - margin - h / 2, box.y0 + margin + h / 2
            if pos[i][1] > top:
                pos[i][1], moved = top, True
            elif pos[i][1] < bottom:
                pos[i][1], moved = bottom, True
        order = sorted(range(len(texts)), key=lambda i: (-pos[i][1], i))
        if not moved:
            break
    inv = ax.transData.inverted()
    for i, t in enumerate(texts):
        data_xy = inv.transform((pos[i][0], pos[i][1]))
        t.set_transform(ax.transData)
        t.set_position(tuple(data_xy))
        if colors is not None:
            t.set_color(colors[i])
        dist = math.hypot(pos[i][0] - offset - pts[i][0], pos[i][1] - pts[i][1])
        if dist > offset:
            ax.plot([x[i], data_xy[0]], [y[i], data_xy[1]], color="#999999", linewidth=0.4, zorder=1)
    return texts


def plot_distinctive_terms(
    terms: pd.DataFrame, *, top: int = 10, ax=None, palette: Mapping[str, str] | None = None, z_threshold: float = 1.96
):
    """Weighted log-odds z-score of each term against its frequency (Monroe, Colaresi & Quinn 2008).

    ``terms`` is the table :func:`framing.distinctive_terms` returns (``group, term, n,
    count_group, count_other, log_odds, z``). The horizontal axis is the term's frequency in
    the whole corpus (log scale), the vertical its z-score: with two groups the first
    (alphabetically) points up and the second down, so each half of the plot reads as "words
    of this group"; with more groups each group's terms point up. Terms beyond
    ``z_threshold`` (1.96: two-sided 5%) take the group's colour; the ``top`` terms of each
    group are labelled, without overlap.

    Reference: Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words.
    *Political Analysis*, 16(4), 372-403.
    """
    ax = _axes(ax)
    ax.set_title("Distinctive terms")
    if terms is None or len(terms) == 0:
        return _no_data(ax, "no distinctive terms (too little text?)")
    _require(terms, ["group", "term", "count_group", "count_other", "z"], "framing.distinctive_terms")
    groups = _sorted_labels(terms["group"])
    colors, markers = _style(groups, palette)
    two = len(groups) == 2
    data = terms[terms["z"] > 0].copy()
    data["group"] = data["group"].astype(str)
    data["freq"] = data["count_group"].astype(float) + data["count_other"].astype(float)
    data["y"] = np.where(two & (data["group"] == groups[-1]), -data["z"], data["z"])
    data = data[data["freq"] > 0].sort_values(["group", "z", "term"], ascending=[True, False, True], kind="mergesort")
    if data.empty:
        return _no_data(ax, "no term is more frequent in any group than expected")
    sig = data["z"] >= z_threshold
    scale = (matplotlib.rcParams["font.size"] / 8.0) ** 2  # marker area grows with the context's text
    ax.scatter(data.loc[~sig, "freq"], data.loc[~sig, "y"], s=6 * scale, color="#C8C8C8", linewidths=0, zorder=2)
    for g in groups:
        part = data[sig & (data["group"] == g)]
        ax.scatter(
            part["freq"],
            part["y"],
            s=14 * scale,
            color=colors[g],
            marker=markers[g],
            linewidths=0,
            zorder=3,
            label=f"{_text(g)} (z ≥ {z_threshold:g})",
        )
    ax.set_xscale("log")
    for level in [z_threshold, -z_threshold] if two else [z_threshold]:
        ax.axhline(level, color="#BBBBBB", linewidth=0.6, linestyle="--", zorder=1)
    if two:
        ax.axhline(0, color="#888888", linewidth=0.6, zorder=1)
    xmin, xmax = data["freq"].min(), data["freq"].max()
    ax.set_xlim(xmin / 1.3, xmax * 4.0)
    ymax = float(data["y"].max())
    ymin = float(min(data["y"].min(), 0))
    span = ymax - ymin or 1.0
    ax.set_ylim(ymin - 0.14 * span, ymax + 0.14 * span)  # room for the corner captions
    ax.set_xlabel("frequency in the corpus (count, log scale)")
    ax.set_ylabel("z-score of the weighted log-odds")
    if two:
        for yy, va, g, arrow in ((1.0, "top", groups[0], "▲"), (0.0, "bottom", groups[-1], "▼")):
            ax.text(
                0.01,
                yy,
                f"{arrow} more frequent in {_text(g)}",
                transform=ax.transAxes,
                ha="left",
                va=va,
                color=colors[g],
                fontsize=matplotlib.rcParams["xtick.labelsize"],
            )
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    labelled = pd.concat([data[data["group"] == g].head(top) for g in groups])
    if not sig.any():
        ax.text(
            1.03,
            0.6,
            f"No term reaches z ≥ {z_threshold:g}:\nno word is reliably more\nfrequent in one group.\n"
            "Labelled: the highest z\nof each group.",
            transform=ax.transAxes,
            ha="left",
            va="top",
            color="#555555",
            fontsize=matplotlib.rcParams["xtick.labelsize"],
        )
    ax.figure.draw_without_rendering()  # run the layout first: label placement works in display space
    caption_px = 1.6 * _points("xtick.labelsize") * ax.figure.dpi / 72.0 if two else 0.0
    label_colors = ["#222222" if two else colors[g] for g in labelled["group"]]  # > 2 groups: the label says whose
    repel_labels(
        ax,
        labelled["freq"].tolist(),
        labelled["y"].tolist(),
        labelled["term"].astype(str).tolist(),
        colors=label_colors,
        margin=caption_px,
    )
    return ax


# ---------------------------------------------------------------------------
# Frame profile


def plot_frames(result, *, by: str = "outlet", typology: str | None = None, ax=None, cmap: str = "Blues"):
    """Frame profile heatmap: the share of sentences cueing each frame, per group.

    Reads the long measures ``frame_share:<typology>:<frame>`` of ``result.measures`` (the
    frame annotator's share of a document's sentences with a cue of that frame) and averages
    them over each group's documents. Rows are frames (grouped by typology), columns groups;
    each cell carries its value as text, so the colour is never the only carrier.
    ``typology`` keeps one typology (e.g. ``"generic"``).
    """
    measures = getattr(result, "measures", None)
    title = "Frame profile"
    if measures is None or measures.empty:
        return _no_data(_axes(ax), "no measures in this result", title)
    m = measures[measures["measure"].astype(str).str.startswith("frame_share:")]
    if m.empty:
        return _no_data(_axes(ax), "no frame cues measured (frame_share:* measures are missing)", title)
    parts = m["measure"].astype(str).str.split(":", n=2, expand=True)
    m = m.assign(typology=parts[1], frame=parts[2])
    if typology is not None:
        m = m[m["typology"] == typology]
        if m.empty:
            return _no_data(_axes(ax), f"no frames of typology {_text(repr(typology))}", title)
    groups_of = group_labels(result, by)
    groups = _sorted_labels(groups_of)
    m = m.assign(group=m["doc_id"].astype(str).map(groups_of))
    table = m.pivot_table(index=["typology", "frame"], columns="group", values="value", aggfunc="mean")
    table = table.reindex(columns=groups).sort_index()
    multiple = table.index.get_level_values("typology").nunique() > 1
    labels = [f"{t}: {f.replace('_', ' ')}" if multiple else f.replace("_", " ") for t, f in table.index]
    values = table.to_numpy(dtype=float)
    width = max(3.0, 1.2 * len(groups) + 2.5) * matplotlib.rcParams["font.size"] / 8.0
    ax = _axes(ax, (min(width, matplotlib.rcParams["figure.figsize"][0]), _figsize(0.17, len(labels))[1]))
    vmax = np.nanmax(values) if np.isfinite(values).any() else 1.0
    # vector cells (pcolormesh), not a raster image: sharp in PDF/SVG at any size
    image = ax.pcolormesh(
        np.arange(len(groups) + 1) - 0.5,
        np.arange(len(labels) + 1) - 0.5,
        np.nan_to_num(values, nan=0.0),
        cmap=cmap,
        vmin=0,
        vmax=vmax or 1.0,
        edgecolors="white",
        linewidth=0.5,
    )
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xticks(
        range(len(groups)),
        [_text(g) for g in groups],
        rotation=20 if len(groups) > 2 else 0,
        ha="right" if len(groups) > 2 else "center",
    )
    ax.set_yticks(range(len(labels)), [_text(label) for label in labels])
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    norm = image.norm
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            text = "n/a" if not np.isfinite(v) else f"{v:.0%}"
            dark = np.isfinite(v) and norm(v) > 0.55
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                color="white" if dark else "#222222",
                fontsize=matplotlib.rcParams["ytick.labelsize"],
            )
    ax.set_title(title)
    ax.set_xlabel("share of sentences with a cue of the frame")
    return ax


# ---------------------------------------------------------------------------
# Saving


def figure_metadata(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The provenance written into every figure: framing version and lexicon versions."""
    from ..lexicon import lexicon_versions

    versions = lexicon_versions()
    text = "; ".join(f"{name} {version}" for name, version in sorted(versions.items()))
    meta = {
        "Creator": f"framing {__version__}",
        "Description": f"framing {__version__}; lexicons: {text}",
    }
    if extra:
        meta.update({str(k): str(v) for k, v in extra.items()})
    return meta


_FORMATS = ("pdf", "svg", "png")


def save_figure(
    fig,
    name: str,
    formats: Sequence[str] = _FORMATS,
    dpi: int = 300,
    directory="figures",
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write ``fig`` as ``directory/name.<format>`` for each format; returns the paths written.

    Saving the same figure again gives byte-identical files: the SVG hash salt is fixed,
    the PDF carries no creation date, PNG metadata is fixed, and fonts are the
    matplotlib-bundled DejaVu Sans. The metadata records the framing version and the
    version of every bundled lexicon (see :func:`figure_metadata`), so a figure states the
    settings that made it. ``formats`` is any of ``pdf``, ``svg``, ``png``.
    """
    bad = [f for f in formats if f not in _FORMATS]
    if bad:
        raise ValueError(f"unknown figure format(s) {', '.join(map(repr, bad))}; choose from {', '.join(_FORMATS)}")
    if not name or any(c in str(name) for c in "/\\") or str(name).startswith("."):
        raise ValueError(
            f"figure name {name!r} must be a plain file stem such as 'tone-arc' (no folders, no dot first)"
        )
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    meta = figure_metadata(metadata)
    per_format = {
        "pdf": {
            "Creator": meta["Creator"],
            "Producer": f"framing {__version__} with matplotlib",
            "Subject": meta["Description"],
            "CreationDate": None,
            "ModDate": None,
        },
        "svg": {"Creator": meta["Creator"], "Description": meta["Description"], "Date": None},
        "png": {"Software": meta["Creator"], "Description": meta["Description"]},
    }
    paths = []
    with matplotlib.rc_context({"svg.hashsalt": "framing", "svg.fonttype": "path", "pdf.fonttype": 42}):
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, dpi=dpi, metadata=per_format[fmt], bbox_inches="tight", pad_inches=0.05)
            paths.append(path)
    return paths


def figure_svg(fig) -> str:
    """``fig`` as an SVG string (deterministic, as :func:`save_figure`), for inlining into HTML."""
    import io

    buf = io.StringIO()
    meta = figure_metadata()
    with matplotlib.rc_context({"svg.hashsalt": "framing", "svg.fonttype": "path"}):
        fig.savefig(
            buf,
            format="svg",
            metadata={"Creator": meta["Creator"], "Description": meta["Description"], "Date": None},
            bbox_inches="tight",
            pad_inches=0.05,
        )
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Tone arc of a group, trend over periods (helpers of plot_tone_arc and plot_trend)


def _mean_interval(values: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Per column: ``mean``, ``low``, ``high``, ``n`` over the finite values of each column.

    The interval is Student's t for a mean, ``mean ± t(n-1) · sd / sqrt(n)``; NaN below 2 values.
    """
    from scipy import stats

    n = values.notna().sum()
    mean = values.mean()
    se = values.std(ddof=1) / np.sqrt(n.where(n > 0))
    t = pd.Series(stats.t.ppf(0.5 + confidence / 2, (n - 1).clip(lower=1)), index=n.index).where(n >= 2)
    return pd.DataFrame({"mean": mean, "low": mean - t * se, "high": mean + t * se, "n": n})


def _tone_arc_line(ax, part: pd.DataFrame, group: str, n_docs: int, color: str, marker: str, confidence: float) -> bool:
    """One group's tone arc: the article's own line, or the mean over its articles with a band (True)."""
    if n_docs == 1:
        line = part.sort_values("position")
        ax.plot(line["position"], line["tone"], color=color, marker=marker, label=_text(group))
        return False
    table = part.pivot_table(index="doc_id", columns="position", values="tone", aggfunc="mean", dropna=False)
    summary = _mean_interval(table, confidence)
    summary = summary[summary["n"] > 0]
    x = summary.index.to_numpy(dtype=float)
    ax.fill_between(
        x,
        summary["low"].to_numpy(dtype=float),
        summary["high"].to_numpy(dtype=float),
        color=color,
        alpha=0.18,
        linewidth=0,
    )
    ax.plot(
        x,
        summary["mean"].to_numpy(dtype=float),
        color=color,
        marker=marker,
        label=_text(f"{group} ({n_docs} articles)"),
    )
    return True


def _loaded_heading(category: str, hits: int, terms: int, shown: int) -> str:
    """``emotive: 28 hits, 20 terms (top 3 shown)``: a category's heading in plot_loaded_terms."""
    which = "all shown" if shown == terms else f"top {shown} shown"
    return f"{category}: {hits} hit{'s' if hits != 1 else ''}, {terms} term{'s' if terms != 1 else ''} ({which})"


def _trend_values(data: pd.DataFrame) -> pd.DataFrame:
    """One row per (period, measure, group): value, low, high, n, unit; from compare(period=...) or a tidy table."""
    if "group_a" in data.columns:
        _require(
            data,
            ["period", "measure", "value_a", "low_a", "high_a", "value_b", "low_b", "high_b"],
            "framing.compare(..., period=...)",
        )
        cols = ["period", "measure", "group", "value", "low", "high", "n", "unit"]
        parts = []
        for side in ("a", "b"):
            part = data[
                [
                    "period",
                    "measure",
                    f"group_{side}",
                    f"value_{side}",
                    f"low_{side}",
                    f"high_{side}",
                    f"n_{side}",
                    "unit",
                ]
            ]
            part.columns = cols
            parts.append(part)
        out = pd.concat(parts, ignore_index=True)
        return out.drop_duplicates(["period", "measure", "group"], keep="first")
    _require(data, ["period", "group", "value"], "plot_trend's data")
    out = data.copy()
    for col in ("low", "high"):
        if col not in out.columns:
            out[col] = np.nan
    if "measure" not in out.columns:
        out["measure"] = "value"
    return out


def plot_trend(
    data: pd.DataFrame,
    *,
    measure: str | None = None,
    ax=None,
    palette: Mapping[str, str] | None = None,
    periods: Sequence[str] | None = None,
):
    """One measure over time: each group's value per period with its interval band.

    ``data`` is what :func:`framing.compare` returns with ``period=`` (each group's value
    and bootstrap interval within each period), or a tidy table with columns ``period``,
    ``group``, ``value`` and optionally ``low``, ``high``, ``measure``. ``measure`` picks
    one measure when the table holds several.

    The x axis has every period from the first to the last (``data.attrs["periods"]`` or
    ``periods``), so a period without articles is a gap, not a hidden jump; the
    ``(no date)`` period is not placed in time and is named below the axis instead. Where
    the intervals come from sentence resampling (a group with fewer than 5 articles in a
    period, see :func:`framing.compare`) the axis says so: those bands describe the
    sentences of these articles, not the outlet's coverage. A period in which only one
    group has articles has no row in a comparison, so it has no point here either.
    """
    from ..stats.trends import NO_DATE

    if data is None or len(data) == 0:
        why = (
            " (no period has two groups with articles; see the table's attrs['notes'])"
            if data is not None and "group_a" in data.columns
            else ""
        )
        return _no_data(_axes(ax), f"no values to plot over time{why}", "Trend")
    values = _trend_values(data)
    available = list(dict.fromkeys(values["measure"].astype(str)))
    if measure is None:
        if len(available) > 1:
            raise ValueError(
                f"plot_trend(): the table holds several measures; pass measure= one of: {', '.join(available)}"
            )
        measure = available[0]
    if measure not in available:
        raise ValueError(f"plot_trend(): no measure {measure!r} in the table; available: {', '.join(available)}")
    values = values[values["measure"].astype(str) == measure].assign(
        period=lambda f: f["period"].astype(str), group=lambda f: f["group"].astype(str)
    )
    order = list(periods or data.attrs.get("periods") or sorted(set(values["period"])))
    undated = values[values["period"] == NO_DATE]
    order = [p for p in order if p != NO_DATE]
    x = {p: i for i, p in enumerate(order)}
    ax = _axes(ax)
    groups = _sorted_labels(values["group"])
    colors, markers = _style(groups, palette)
    dodge = 0.06 if len(groups) > 1 else 0.0  # groups side by side, so equal values do not hide each other
    for k, g in enumerate(groups):
        part = values[values["group"] == g].set_index("period").reindex(order)
        xs = np.arange(len(order), dtype=float) + dodge * (k - (len(groups) - 1) / 2)
        ax.fill_between(
            xs,
            part["low"].to_numpy(dtype=float),
            part["high"].to_numpy(dtype=float),
            color=colors[g],
            alpha=0.18,
            linewidth=0,
        )
        ax.plot(xs, part["value"].to_numpy(dtype=float), color=colors[g], marker=markers[g], label=_text(g))
    ax.set_xticks(
        list(x.values()), order, rotation=30 if len(order) > 6 else 0, ha="right" if len(order) > 6 else "center"
    )
    ax.set_xlim(-0.3, max(len(order) - 0.7, 0.3))
    ax.set_title(_text(measure))
    ax.set_ylabel(measure)
    notes = [str(data.attrs.get("period") or "period")]
    if "unit" in values.columns and (values["unit"] == "sentence").any():
        notes.append(
            "bands: bootstrap intervals over sentences (fewer than 5 articles per group and period): descriptive only"
        )
    elif "unit" in values.columns:
        notes.append("bands: bootstrap intervals over articles")
    if len(undated):
        notes.append(f"not on this axis: {NO_DATE} ({', '.join(_sorted_labels(undated['group']))})")
    ax.set_xlabel("\n".join(notes))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.5)
    return ax
