"""Figures: theme, stable colours, each plot on the seed result, empty inputs, byte-identical saving."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing.stats.comparison import COLUMNS  # noqa: E402
from framing.viz import figures  # noqa: E402


@pytest.fixture(autouse=True)
def _paper_theme():
    with matplotlib.rc_context():
        figures.theme("paper")
        yield


def _arc(result):
    """framing.tone_arc when it exists; else the same table from the sentence tone column."""
    try:
        return framing.tone_arc(result, bins=10)
    except (AttributeError, ImportError):
        s = result.sentences.dropna(subset=["tone"]).copy()
        s["bin"] = s.groupby("doc_id")["sent_index"].transform(lambda i: i * 10 // (i.max() + 1))
        arc = s.groupby(["doc_id", "bin"]).agg(tone=("tone", "mean"), n_sentences=("tone", "size")).reset_index()
        arc["position"] = (arc["bin"] + 0.5) / 10
        return arc


def _terms():
    """A table with the columns of framing.distinctive_terms (deterministic, 2 groups)."""
    words = [
        "raids",
        "immigrants",
        "workers",
        "ice",
        "deportation",
        "plan",
        "leaked",
        "capitalist",
        "working class",
        "trump administration",
        "federal",
        "agents",
        "los angeles",
        "mass",
        "enforcement",
        "operation",
    ]
    rows = []
    for i, w in enumerate(words):
        z = (i - 7.5) * 0.7
        rows.append(
            {
                "group": "a",
                "term": w,
                "n": 1 + (" " in w),
                "count_group": 3 + i,
                "count_other": 20 - i,
                "log_odds": z / 3,
                "z": z,
            }
        )
        rows.append(
            {
                "group": "b",
                "term": w,
                "n": 1 + (" " in w),
                "count_group": 20 - i,
                "count_other": 3 + i,
                "log_odds": -z / 3,
                "z": -z,
            }
        )
    return pd.DataFrame(rows)


def _content(ax) -> int:
    """Number of data artists drawn on ax and its insets (lines, bars, collections, images)."""
    n = len(ax.lines) + len(ax.patches) + len(ax.collections) + len(ax.images)
    return n + sum(_content(child) for child in ax.child_axes)


def test_theme_contexts_and_bad_name():
    rc = figures.theme("classroom")
    assert matplotlib.rcParams["font.size"] == rc["font.size"] > figures.CONTEXTS["paper"]["font.size"]
    with pytest.raises(ValueError, match="paper, classroom"):
        figures.theme("poster")


def test_group_colours_are_stable_and_colour_blind_safe():
    a = figures.group_colors(["WSWS", "Daily Mail", "BBC"])
    b = figures.group_colors(["BBC", "WSWS", "Daily Mail", "BBC"])
    assert a == b and len(set(a.values())) == 3
    assert set(a.values()) <= set(figures.OKABE_ITO)
    assert figures.group_markers(["x", "y"]) != {"x": "o", "y": "o"}


def test_group_labels_keep_every_document(result):
    labels = figures.group_labels(result, "outlet")
    assert list(labels.index) == result.doc_ids
    assert "(no outlet)" in set(labels)  # the seed without an outlet is not dropped
    with pytest.raises(ValueError, match="cannot group by 'nope'"):
        figures.group_labels(result, "nope")


def test_plot_measures_from_compare(result):
    comparison = framing.compare(result, by="outlet")
    ax = figures.plot_measures(comparison, measures=["loaded_per_1k", "hedge_per_1k", "tone"])
    assert isinstance(ax, plt.Axes)
    assert len(ax.child_axes) == 3 and _content(ax) >= 3 * 4  # a dot and a bar per group per measure
    assert any("[" in t.get_text() and "p" in t.get_text() for t in ax.texts)  # the difference with its interval
    with pytest.raises(ValueError, match="no measure"):
        figures.plot_measures(comparison, measures=["not_a_measure"])


def test_plot_functions_draw_on_the_given_axes(result):
    fig, axes = plt.subplots(2, 3, figsize=(14, 8))
    calls = [
        lambda ax: figures.plot_tone_arc(_arc(result), ax=ax),
        lambda ax: figures.plot_loaded_terms(result, ax=ax),
        lambda ax: figures.plot_attribution(result, ax=ax),
        lambda ax: figures.plot_distinctive_terms(_terms(), ax=ax),
        lambda ax: figures.plot_frames(result, ax=ax),
        lambda ax: figures.plot_measures(framing.compare(result, by="doc_id"), ax=ax),
    ]
    for call, ax in zip(calls, axes.flat):
        assert call(ax) is ax
    assert _content(axes.flat[0]) >= len(result.doc_ids)  # one line per article
    assert _content(axes.flat[1]) > 0  # the seeds have loaded words


def test_loaded_terms_show_the_seed_terms(result):
    ax = figures.plot_loaded_terms(result, top=2)
    labels = {t.get_text() for t in ax.get_yticklabels()}
    loaded = result.spans[result.spans["layer"] == "loaded"]
    assert labels and labels <= set(loaded["text"].str.lower())
    assert len(ax.patches) == len(labels) * result.documents["outlet"].fillna("").nunique()


def test_attribution_and_frames_with_data():
    docs = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["A", "B"], "n_tokens": [100, 200]})
    att = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "source_type": ["named", "anonymous", "named"],
            "verb_class": ["neutral", "neutral", "assertive"],
        }
    )
    measures = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d1", "d2"],
            "measure": ["frame_share:generic:conflict"] * 2 + ["frame_share:generic:economic"] * 2,
            "value": [0.5, 0.25, 0.0, 0.125],
        }
    )
    res = type("R", (), {"documents": docs, "attributions": att, "measures": measures, "spans": pd.DataFrame()})()
    ax = figures.plot_attribution(res)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["named", "anonymous", "neutral", "assertive"]
    widths = [p.get_width() for p in ax.patches]
    assert widths[:2] == [0.5, 1.0]  # named: half of A's attributions, all of B's
    ax = figures.plot_frames(res)
    assert ax.collections[0].get_array().shape == (2, 2)
    assert {t.get_text() for t in ax.texts} >= {"50%", "25%", "0%", "12%"}


@pytest.mark.parametrize(
    "call",
    [
        lambda: figures.plot_tone_arc(pd.DataFrame(columns=["doc_id", "bin", "position", "tone", "n_sentences"])),
        lambda: figures.plot_distinctive_terms(
            pd.DataFrame(columns=["group", "term", "n", "count_group", "count_other", "log_odds", "z"])
        ),
        lambda: figures.plot_measures(
            pd.DataFrame(
                columns=[
                    "measure",
                    "group_a",
                    "group_b",
                    "value_a",
                    "low_a",
                    "high_a",
                    "n_a",
                    "value_b",
                    "low_b",
                    "high_b",
                    "n_b",
                    "difference",
                    "diff_low",
                    "diff_high",
                    "p_value",
                    "unit",
                    "method",
                ]
            )
        ),
    ],
)
def test_empty_inputs_draw_a_no_data_axis(call):
    ax = call()
    assert isinstance(ax, plt.Axes)
    assert any(t.get_text().startswith("no ") for t in ax.texts)


def test_empty_result_layers_draw_a_no_data_axis():
    docs = pd.DataFrame({"doc_id": ["d1"], "outlet": ["A"], "n_tokens": [0]})
    res = type(
        "R",
        (),
        {"documents": docs, "attributions": pd.DataFrame(), "measures": pd.DataFrame(), "spans": pd.DataFrame()},
    )()
    for plot in (figures.plot_loaded_terms, figures.plot_attribution, figures.plot_frames):
        ax = plot(res)
        assert any(t.get_text().startswith("no ") for t in ax.texts), plot.__name__


def _overlaps(boxes):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


def test_distinctive_term_labels_do_not_overlap():
    terms = _terms()
    terms["count_group"] = 10  # every point at the same frequency: worst case for labels
    terms["count_other"] = 10
    ax = figures.plot_distinctive_terms(terms, top=8, z_threshold=0.5)
    fig = ax.figure
    fig.canvas.draw()
    words = set(terms["term"])
    labels = [t for t in ax.texts if t.get_text() in words]
    assert len(labels) == 16  # the top 8 of each group
    boxes = [t.get_window_extent() for t in labels]
    assert _overlaps(boxes) == []
    inside = ax.get_window_extent()
    assert all(
        inside.x0 - 1 <= b.x0 and b.x1 <= inside.x1 + 1 and inside.y0 - 1 <= b.y0 and b.y1 <= inside.y1 + 1
        for b in boxes
    )


def test_repel_labels_is_deterministic():
    def positions():
        fig, ax = plt.subplots()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        texts = figures.repel_labels(ax, [0.5] * 6, [0.5] * 6, [f"label {i}" for i in range(6)])
        out = [t.get_position() for t in texts]
        plt.close(fig)
        return out

    assert positions() == positions()


def _figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot(np.arange(5), np.arange(5) ** 2, marker="o", label="x²")
    ax.set_title("A figure")
    ax.legend()
    return fig


def test_save_figure_is_byte_identical_and_records_versions(tmp_path):
    first = figures.save_figure(_figure(), "check", directory=tmp_path / "one")
    second = figures.save_figure(_figure(), "check", directory=tmp_path / "two")
    assert [p.suffix for p in first] == [".pdf", ".svg", ".png"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
    svg = first[1].read_text()
    versions = framing.lexicon_versions()
    assert f"framing {framing.__version__}" in svg
    assert all(f"{name} {version}" in svg for name, version in versions.items())
    assert b"CreationDate" not in first[0].read_bytes()
    assert f"framing {framing.__version__}".encode() in first[0].read_bytes()
    from PIL import Image

    with Image.open(first[2]) as png:
        assert png.info["Software"] == f"framing {framing.__version__}"
        assert "loaded.csv" in png.info["Description"]


def test_save_figure_rejects_bad_names_and_formats(tmp_path):
    fig = _figure()
    with pytest.raises(ValueError, match="jpeg"):
        figures.save_figure(fig, "x", formats=("jpeg",), directory=tmp_path)
    with pytest.raises(ValueError, match="plain file stem"):
        figures.save_figure(fig, "../x", directory=tmp_path)


def test_svg_for_html_is_deterministic():
    assert figures.figure_svg(_figure()) == figures.figure_svg(_figure())


@pytest.mark.slow
def test_make_figures_step_writes_every_figure_and_the_report_identically(result, tmp_path):
    """``make figures`` step 2 on the seed result: each figure and report.html, byte-identical on a re-run."""
    from framing.viz.report import write_figures

    first = write_figures(result, tmp_path / "one", formats=("svg", "png"))
    second = write_figures(result, tmp_path / "two", formats=("svg", "png"))
    names = sorted(p.name for p in first)
    assert names == sorted(p.name for p in second)
    stems = {p.stem for p in first if p.suffix == ".svg"}
    assert stems == {"measures", "tone-arc", "loaded-terms", "attribution", "distinctive-terms", "frames"}
    assert "report.html" in names
    for a, b in zip(sorted(first), sorted(second)):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
    from framing.viz.report import report_figures

    for name, _caption, fig in report_figures(result, by="doc_id"):  # every figure has data on the seeds
        assert _content(fig.axes[0]) > 0, f"{name} drew a no-data axis"


def test_a_palette_keeps_colours_and_markers_for_a_subset_of_groups():
    palette = figures.group_colors(["AP", "BBC", "CNN", "Reuters"])
    colors, markers = figures._style(["AP", "Reuters"], palette)
    assert colors["Reuters"] == palette["Reuters"] and markers["Reuters"] == figures.group_markers(palette)["Reuters"]
    arc = pd.DataFrame(
        {"doc_id": ["a1", "a1", "r1", "r1"], "position": [0.25, 0.75] * 2, "tone": [0.1, 0.2, -0.1, 0.0]}
    )
    ax = figures.plot_tone_arc(arc, palette=palette, labels={"a1": "AP", "r1": "Reuters"})
    assert [line.get_color() for line in ax.lines[1:]] == [palette["AP"], palette["Reuters"]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["AP", "Reuters"]


# ---------------------------------------------------------------------------
# Figures with many documents per group; trends


def _arc_table():
    """Three articles of group A (one bin empty in one of them) and one of group B, two bins each."""
    return pd.DataFrame(
        {
            "doc_id": ["a1", "a1", "a2", "a2", "a3", "a3", "b1", "b1"],
            "position": [0.25, 0.75] * 4,
            "tone": [0.1, 0.3, 0.3, np.nan, 0.2, 0.5, -0.2, -0.1],
        }
    )


def test_tone_arc_is_one_line_per_group_with_a_band():
    labels = {"a1": "A", "a2": "A", "a3": "A", "b1": "B"}
    ax = figures.plot_tone_arc(_arc_table(), labels=labels)
    lines = ax.lines[1:]  # after the zero line
    assert len(lines) == 2
    a, b = lines
    assert np.allclose(a.get_xdata(), [0.25, 0.75])
    assert np.allclose(a.get_ydata(), [0.2, 0.4])  # the mean over A's articles; the empty bin is left out
    assert np.allclose(b.get_ydata(), [-0.2, -0.1])  # a single article keeps its own line
    assert len(ax.collections) == 1  # one band: A's (B has one article)
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    from scipy import stats

    first = stats.t.ppf(0.975, 2) * np.std([0.1, 0.3, 0.2], ddof=1) / np.sqrt(3)  # 3 articles at 25%
    second = stats.t.ppf(0.975, 1) * np.std([0.3, 0.5], ddof=1) / np.sqrt(2)  # 2 at 75%: a wide interval
    assert band.min() == pytest.approx(min(0.2 - first, 0.4 - second))
    assert band.max() == pytest.approx(max(0.2 + first, 0.4 + second))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["A (3 articles)", "B"]
    assert "95% CI over articles" in ax.get_legend().get_title().get_text()
    # the documents can be drawn under their group's mean
    ax = figures.plot_tone_arc(_arc_table(), labels=labels, documents=True)
    assert len(ax.lines) == 1 + 3 + 2


def test_tone_arc_without_labels_keeps_one_line_per_article_up_to_max_lines():
    ax = figures.plot_tone_arc(_arc_table())
    assert len(ax.lines) == 1 + 4 and not ax.collections
    ax = figures.plot_tone_arc(_arc_table(), max_lines=3)
    assert len(ax.lines) == 1 + 4 + 1 and len(ax.collections) == 1  # four grey articles, their mean and band
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["all (4 articles)"]


def test_loaded_terms_say_how_many_hits_and_terms_each_category_has(result):
    loaded = result.spans[result.spans["layer"] == "loaded"]
    ax = figures.plot_loaded_terms(result, top=2)
    assert "top 2 per category" in ax.get_title(loc="left") + ax.get_title()
    headings = {t.get_text() for t in ax.texts if ": " in t.get_text() and "hit" in t.get_text()}
    by_category = loaded.groupby("category")
    assert len(headings) == by_category.ngroups
    for category, spans in by_category:
        terms = spans["text"].str.lower().str.replace(r"\s+", " ", regex=True).nunique()
        shown = "all shown" if terms <= 2 else "top 2 shown"
        hits = len(spans)
        assert any(h.startswith(f"{category}: {hits} hit") and f"{terms} term" in h and shown in h for h in headings), (
            category
        )
    everything = figures.plot_loaded_terms(result, top=None)
    n_terms = (
        loaded.assign(t=loaded["text"].str.lower().str.replace(r"\s+", " ", regex=True))
        .groupby(["category", "t"])
        .ngroups
    )
    assert len(everything.get_yticklabels()) == n_terms
    assert all("all shown" in t.get_text() for t in everything.texts if "hit" in t.get_text())
    with pytest.raises(ValueError, match="top must be a positive whole number"):
        figures.plot_loaded_terms(result, top=0)


def _trend_table():
    table = pd.DataFrame(
        {
            "period": ["2025-01", "2025-01", "2025-03", "2025-03"],
            "measure": ["tone"] * 4,
            "group": ["A", "B", "A", "B"],
            "value": [0.1, -0.1, 0.2, 0.0],
            "low": [0.0, -0.2, 0.1, -0.1],
            "high": [0.2, 0.0, 0.3, 0.1],
        }
    )
    table.attrs["periods"] = ["2025-01", "2025-02", "2025-03"]
    table.attrs["period"] = "month"
    return table


def test_plot_trend_draws_a_line_and_a_band_per_group_with_gaps_kept():
    ax = figures.plot_trend(_trend_table(), measure="tone")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2025-01", "2025-02", "2025-03"]
    assert len(ax.lines) == 2 and len(ax.collections) == 2
    a = ax.lines[0].get_ydata()
    assert a[0] == 0.1 and np.isnan(a[1]) and a[2] == 0.2  # February has no articles: a gap
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]
    assert ax.get_xlabel().startswith("month")
    with pytest.raises(ValueError, match="no measure 'nope'"):
        figures.plot_trend(_trend_table(), measure="nope")
    assert any(t.get_text().startswith("no ") for t in figures.plot_trend(pd.DataFrame()).texts)


def test_plot_trend_on_the_seeds_says_why_there_is_nothing_to_draw(result):
    """One article per outlet and year: no period has two groups, so no row; the notes say so and the axis too."""
    table = framing.compare(result, by="outlet", period="year", measures=["tone"], n_resamples=99)
    assert table.empty and list(table.columns) == ["period", *COLUMNS]
    assert any("nothing to compare in this period" in n for n in table.attrs["notes"])
    assert any("have no date" in n for n in table.attrs["notes"])
    ax = figures.plot_trend(table, measure="tone")
    assert any(t.get_text().startswith("no ") for t in ax.texts)


def test_repel_labels_works_without_a_theme():
    """rcParams may hold a size name ("medium") when no theme is set; labels are placed all the same."""
    import matplotlib

    with matplotlib.rc_context({"xtick.labelsize": "medium"}):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        texts = figures.repel_labels(ax, [0.1, 0.2], [0.1, 0.2], ["raid", "sweep"])
        assert [t.get_text() for t in texts] == ["raid", "sweep"]
        plt.close(fig)


# -- Labels are text, never markup (issue 20, item 15) ---------------------------------------

_MATH_OUTLET = r"Fox $\notacommand{x}$ News"
_UNDERSCORE_OUTLET = "_Herald $5"  # a legend hides labels that start with "_"


def _shown_texts(fig) -> dict[str, bool]:
    """Every text of ``fig`` as matplotlib shows it -> whether it is parsed as mathtext
    (``Text._preprocess_math``: the step a draw takes; private, but the one place that says)."""
    from matplotlib.text import Text

    fig.canvas.draw()  # a label parsed as bad mathtext raises here
    shown = {}
    for t in fig.findobj(Text):
        text, math = t._preprocess_math(t.get_text())
        # the tick labels of a log axis are matplotlib's own mathtext ($\mathdefault{10^{2}}$)
        shown[text] = math and not text.startswith("$\\mathdefault{")
    return shown


def _hostile_result(result):
    import copy

    hostile = copy.copy(result)
    hostile.documents = result.documents.assign(outlet=[_MATH_OUTLET, _UNDERSCORE_OUTLET])
    return hostile


def test_group_labels_with_dollar_signs_draw_as_text_in_every_report_figure(result):
    from framing.viz.report import report_figures

    hostile = _hostile_result(result)
    names = []
    for name, _caption, fig in report_figures(hostile, by="outlet"):
        names.append(name)
        shown = _shown_texts(fig)
        assert not any(shown.values()), (name, [t for t, m in shown.items() if m])
        if name != "frames":  # the heatmap names its groups on the axis, the others in a legend
            assert any(_MATH_OUTLET in t for t in shown), (name, sorted(shown))
            assert any(_UNDERSCORE_OUTLET in t for t in shown), (name, sorted(shown))
    assert {"measures", "tone-arc", "loaded-terms", "attribution", "distinctive-terms"} <= set(names)


def test_frame_groups_terms_and_categories_with_dollar_signs_draw_as_text():
    docs = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": [_MATH_OUTLET, "$B$"], "n_tokens": [100, 200]})
    att = pd.DataFrame({"doc_id": ["d1", "d2"], "source_type": ["$named$", "named"], "verb_class": ["a$b$", "x"]})
    measures = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "measure": ["frame_share:$t$:$\\frac{1}{0}$"] * 2, "value": [0.5, 0.25]}
    )
    spans = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "layer": ["loaded"] * 2, "category": ["$cat$"] * 2, "text": ["$\\alpha$", "$x^$"]}
    )
    res = type("R", (), {"documents": docs, "attributions": att, "measures": measures, "spans": spans})()
    terms = _terms()
    terms["group"] = terms["group"].map({"a": _MATH_OUTLET, "b": "$B$"})
    terms["term"] = "$" + terms["term"] + "$"
    for plot in (
        figures.plot_frames,
        figures.plot_attribution,
        figures.plot_loaded_terms,
        lambda r: figures.plot_distinctive_terms(terms),
    ):
        shown = _shown_texts(plot(res).figure)
        assert not any(shown.values()), [t for t, m in shown.items() if m]
        assert any("$" in t for t in shown)


def test_repel_labels_draws_labels_as_text():
    fig, ax = plt.subplots()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    texts = figures.repel_labels(ax, [0.2, 0.5], [0.5, 0.5], ["$\\bad{", "$5 and $6"])
    assert [t._preprocess_math(t.get_text()) for t in texts] == [("$\\bad{", False), ("$5 and $6", False)]
