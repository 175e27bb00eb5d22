"""The constructed example corpus (corpus/riverton-transit-2025): its shape, that its outlets' habits
come out in the measures with document resampling, and that every figure draws on it."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing.viz import figures  # noqa: E402

from .conftest import ROOT  # noqa: E402

EXAMPLE = ROOT / "corpus" / "riverton-transit-2025"
COURIER, VOICE, LEDGER = "Riverton Courier", "Eastside Voice", "Riverton Ledger"
FEW = 999

pytestmark = pytest.mark.filterwarnings("ignore::framing.errors.ComparisonNote")


@pytest.fixture(autouse=True)
def _paper_theme():
    with matplotlib.rc_context():
        figures.theme("paper")
        yield


@pytest.fixture(scope="module")
def example_corpus():
    return framing.load_corpus(EXAMPLE)


@pytest.fixture(scope="module")
def example(example_corpus):
    return framing.analyze(example_corpus)


@pytest.fixture(scope="module")
def by_outlet(example):
    return framing.compare(example, by="outlet", n_resamples=FEW)


def test_corpus_is_small_dated_and_marked_constructed(example_corpus):
    files = sorted(EXAMPLE.rglob("*.md"))
    assert sum(f.stat().st_size for f in files) < 150_000
    corpus = example_corpus
    counts = corpus["outlet"].value_counts()
    assert set(counts.index) == {COURIER, VOICE, LEDGER}
    assert counts.between(8, 12).all()
    assert corpus["constructed"].eq(True).all()
    assert corpus["notes"].str.startswith("Constructed example").all()
    assert corpus["date"].notna().all()
    span = corpus["date"].max() - corpus["date"].min()
    assert pd.Timedelta(days=60) <= span <= pd.Timedelta(days=100)
    words = corpus["text"].map(lambda t: len(re.findall(r"\w+", t)))
    assert words.between(150, 300).all(), words[~words.between(150, 300)]
    assert corpus["doc_id"].is_unique


def _row(table, measure, a, b):
    rows = table[(table["measure"] == measure) & (table["group_a"] == a) & (table["group_b"] == b)]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.mark.parametrize(
    "measure, high, low",
    [
        ("anonymous_share", COURIER, LEDGER),  # the Courier's insiders and unnamed officials
        ("anonymous_share", COURIER, VOICE),
        ("loaded_authorial_per_1k", COURIER, LEDGER),  # crisis and battle words in its own voice
        ("loaded_authorial_per_1k", COURIER, VOICE),
        ("direct_quote_share", VOICE, COURIER),  # residents quoted directly
        ("direct_quote_share", VOICE, LEDGER),
        ("hedge_per_1k", LEDGER, COURIER),  # may, could, approximately, appears
        ("hedge_per_1k", LEDGER, VOICE),
    ],
)
def test_outlet_habits_come_out_with_document_resampling(by_outlet, measure, high, low):
    assert set(by_outlet["unit"]) == {"document"}  # 9 articles per outlet: inference about the outlets' articles
    a, b = sorted([high, low])
    row = _row(by_outlet, measure, a, b)
    sign = 1 if a == high else -1
    assert sign * row["difference"] > 0
    assert sign * row["diff_low"] > 0 and sign * row["diff_high"] > 0  # the interval excludes 0
    assert row["p_value"] < 0.01


def test_frames_and_quoted_language_differ_by_outlet(example):
    docs = example.documents
    frames = docs.groupby("outlet")["dominant_generic_frame"].agg(lambda s: s.str.contains("conflict").mean())
    assert frames[COURIER] > 0.4 and frames[LEDGER] == 0
    economic = docs.groupby("outlet")["dominant_generic_frame"].agg(lambda s: s.str.contains("economic").mean())
    assert economic[LEDGER] == 1.0
    # the Voice's emotive words are its residents', inside quotations
    voice = docs[docs["outlet"] == VOICE]
    assert voice["loaded_quoted_per_1k"].sum() > 0 and voice["loaded_authorial_per_1k"].sum() == 0


def test_monthly_comparison_has_every_month_and_says_when_it_resamples_sentences(example):
    table = framing.compare(example, by="outlet", period="month", measures=["anonymous_share"], n_resamples=FEW)
    assert table.attrs["periods"] == ["2025-09", "2025-10", "2025-11"]
    assert table.groupby("period").size().tolist() == [3, 3, 3]  # three pairs of outlets each month
    assert set(table["unit"]) == {"sentence"}  # 2-4 articles per outlet and month
    assert sum("resampling unit: sentence" in n for n in table.attrs["notes"]) == 3


def _draw_every_figure(result, by):
    from framing.viz.report import report_figures

    return list(report_figures(result, by=by))


@pytest.mark.parametrize("which", ["example", "seeds"])
def test_every_report_figure_draws_on_both_corpora(which, example, result):
    res, by = (example, "outlet") if which == "example" else (result, "doc_id")
    drawn = _draw_every_figure(res, by)
    assert {name for name, _, _ in drawn} == {
        "measures",
        "tone-arc",
        "loaded-terms",
        "attribution",
        "distinctive-terms",
        "frames",
    }
    for name, _caption, fig in drawn:
        ax = fig.axes[0]
        n = (
            len(ax.lines)
            + len(ax.patches)
            + len(ax.collections)
            + sum(len(c.lines) + len(c.patches) + len(c.collections) for c in ax.child_axes)
        )
        assert n > 0, f"{name} drew a no-data axis on the {which} corpus"


def _trend_figure(example):
    table = framing.compare(example, by="outlet", period="month", measures=["loaded_authorial_per_1k"], n_resamples=99)
    return figures.plot_trend(table, measure="loaded_authorial_per_1k").figure


@pytest.mark.parametrize(
    "make",
    [
        lambda r: figures.plot_tone_arc(framing.tone_arc(r), labels=figures.group_labels(r)).figure,
        lambda r: figures.plot_loaded_terms(r, top=4).figure,
        _trend_figure,
    ],
    ids=["tone-arc", "loaded-terms", "trend"],
)
def test_new_figures_are_byte_identical_on_a_rerun(make, example, tmp_path):
    first = figures.save_figure(make(example), "fig", formats=("svg", "png"), directory=tmp_path / "one")
    second = figures.save_figure(make(example), "fig", formats=("svg", "png"), directory=tmp_path / "two")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
