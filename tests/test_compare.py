"""framing.stats.comparison: schema, known differences on the seed articles, intervals, determinism, errors."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import framing
from framing.analysis import Analysis
from framing.errors import AnalysisError, ComparisonNote
from framing.stats.comparison import COLUMNS, MIN_DOCUMENTS, sentence_measure

FEW = 999  # fewer resamples keep the tests quick; the statistics are the same code path

# compare() warns each of its notes; the tests that are about notes check them with pytest.warns
pytestmark = pytest.mark.filterwarnings("ignore::framing.errors.ComparisonNote")

LEAK, WSWS = "leak-reveals-plan", "wsws-mass-immigration-raids"


def _chunks(text: str, k: int) -> list[str]:
    """``text`` cut at line breaks into ``k`` contiguous parts of similar length."""
    lines = [line for line in text.splitlines() if line.strip()]
    size = math.ceil(len(lines) / k)
    return ["\n\n".join(lines[i : i + size]) for i in range(0, len(lines), size)]


@pytest.fixture(scope="module")
def chunked(seed_texts):
    """Each seed article cut into 6 parts, one 'outlet' per article: a document-level comparison."""
    rows = []
    for doc_id, outlet in ((LEAK, "Leak"), (WSWS, "WSWS")):
        for i, part in enumerate(_chunks(seed_texts[doc_id], MIN_DOCUMENTS + 1)):
            rows.append({"doc_id": f"{outlet}-{i}", "outlet": outlet, "text": part})
    return framing.analyze(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def twins(seed_texts):
    """The same article twice, under two outlets."""
    frame = pd.DataFrame(
        [
            {"doc_id": "copy-a", "outlet": "A", "text": seed_texts[WSWS]},
            {"doc_id": "copy-b", "outlet": "B", "text": seed_texts[WSWS]},
        ]
    )
    return framing.analyze(frame)


@pytest.fixture(scope="module")
def by_outlet(result):
    return framing.compare(result, by="outlet", n_resamples=FEW)


@pytest.fixture(scope="module")
def by_doc(result):
    return framing.compare(result, by="doc_id", n_resamples=FEW)


def _row(table: pd.DataFrame, measure: str) -> pd.Series:
    rows = table[table["measure"] == measure]
    assert len(rows) == 1, f"expected one row for {measure}, got {len(rows)}"
    return rows.iloc[0]


def test_schema_and_attrs(by_outlet):
    assert list(by_outlet.columns) == COLUMNS
    assert set(by_outlet.attrs) >= {"confidence", "n_resamples", "seed", "by", "unit", "notes", "excluded", "groups"}
    assert by_outlet.attrs["by"] == "outlet" and by_outlet.attrs["seed"] == 0
    assert by_outlet.attrs["n_resamples"] == FEW and by_outlet.attrs["confidence"] == 0.95
    defaults = framing.Pipeline().declarations.compared()  # the measures the layers declare compare=True
    present = [m for m in defaults if m in set(by_outlet["measure"])]
    assert by_outlet["measure"].tolist() == present  # default order, one row per measure (two groups)
    assert {"tone", "loaded_per_1k", "hedge_per_1k"} <= set(present)


def test_two_single_articles_use_sentences_and_say_so(by_outlet, result):
    assert set(by_outlet["unit"]) == {"sentence"}
    notes = " ".join(by_outlet.attrs["notes"])
    assert "not inference about outlets" in notes
    # the first seed names no outlet: it is grouped, with a note, not dropped
    assert "(no outlet)" in set(by_outlet["group_a"]) | set(by_outlet["group_b"])
    assert "have no outlet" in notes
    # n = body sentences with tokens
    body = result.sentences[(result.sentences["kind"] == "body") & (result.sentences["n_tokens"] > 0)]
    row = _row(by_outlet, "tone")
    assert row["n_a"] == (body["doc_id"] == LEAK).sum() and row["n_b"] == (body["doc_id"] == WSWS).sum()


def test_sentence_values_reproduce_the_document_measures(result):
    # every measure with a sentence-level definition, defaults and long-form families alike
    names = [m for m in dict.fromkeys(result.measures["measure"]) if sentence_measure(m) is not None]
    assert {"tone", "loaded_per_1k", "hedge_per_1k", "loaded_per_1k:militarized"} <= set(names)
    table = framing.compare(result, by="doc_id", measures=names, n_resamples=99)
    assert not any("different value" in n for n in table.attrs["notes"]), table.attrs["notes"]
    long = result.measures.set_index(["doc_id", "measure"])["value"]
    checked = 0
    for _, row in table.iterrows():
        for side in "ab":
            expected = long[(row[f"group_{side}"], row["measure"])]
            assert row[f"value_{side}"] == pytest.approx(expected, rel=1e-9, abs=1e-12), row["measure"]
            checked += 1
    assert checked == 2 * len(table) and len(table) >= 10


def test_known_differences_have_the_right_sign(by_doc):
    # The WSWS piece is an opinionated attack ("fascist agenda", "assault"): far more loaded
    # words and a more negative tone than the wire-style leak report.
    row = _row(by_doc, "loaded_per_1k")
    assert (row["group_a"], row["group_b"]) == (LEAK, WSWS)
    assert row["difference"] < 0 and row["diff_high"] < 0 and row["p_value"] < 0.01
    tone = _row(by_doc, "tone")
    assert tone["difference"] > 0 and tone["value_a"] > tone["value_b"]


def test_intervals_contain_the_estimates_and_p_values_are_probabilities(by_doc, chunked):
    for table in (by_doc, framing.compare(chunked, by="outlet", n_resamples=FEW)):
        finite = table.dropna(subset=["low_a", "low_b", "diff_low"])
        assert len(finite) == len(table)
        for side in "ab":
            assert (finite[f"low_{side}"] <= finite[f"value_{side}"] + 1e-12).all()
            assert (finite[f"value_{side}"] <= finite[f"high_{side}"] + 1e-12).all()
        assert (finite["diff_low"] <= finite["difference"] + 1e-12).all()
        assert (finite["difference"] <= finite["diff_high"] + 1e-12).all()
        assert table["p_value"].between(0, 1).all()
        assert np.allclose(table["difference"], table["value_a"] - table["value_b"])


def test_deterministic_with_a_seed(result, by_outlet):
    again = framing.compare(result, by="outlet", n_resamples=FEW)
    pd.testing.assert_frame_equal(by_outlet, again)
    other = framing.compare(result, by="outlet", n_resamples=FEW, seed=1)
    assert not np.allclose(other["diff_low"], by_outlet["diff_low"])
    pd.testing.assert_series_equal(other["difference"], by_outlet["difference"])  # estimates do not resample


def test_a_row_does_not_depend_on_the_other_measures(result, by_outlet):
    alone = framing.compare(result, by="outlet", measures=["hedge_per_1k"], n_resamples=FEW)
    pd.testing.assert_series_equal(alone.iloc[0], _row(by_outlet, "hedge_per_1k"), check_names=False)


def test_ratio_statistic_sums_numerators_and_denominators_of_each_sample():
    """The bootstrap statistic: scale * sum(num[idx]) / sum(den[idx]) for one sample or a batch of them."""
    from framing.stats.comparison import _Ratio

    rng = np.random.default_rng(1)
    num, den = rng.random(40), rng.integers(0, 30, 40).astype(float)
    stat = _Ratio(num, den, 1000.0)
    batch = rng.integers(0, 40, size=(7, 40))
    expected = [1000.0 * num[row].sum() / den[row].sum() for row in batch]
    assert np.allclose(stat(batch), expected, rtol=1e-13)
    assert np.allclose(stat(batch.T, axis=0), expected, rtol=1e-13)
    assert stat(batch[0]) == pytest.approx(expected[0], rel=1e-13)
    assert np.allclose(stat.difference(batch[:3], batch[3:6]), np.subtract(expected[:3], expected[3:6]))
    zero = np.flatnonzero(den == 0)
    assert np.isnan(_Ratio(np.zeros(40), den, 1.0)(zero[:1]))  # 0/0: no value, no warning


def test_identical_groups_are_not_significant(twins):
    table = framing.compare(twins, by="outlet", n_resamples=FEW)
    assert set(table["unit"]) == {"sentence"}
    assert (table["difference"].abs() < 1e-12).all()
    assert (table["p_value"] > 0.5).all(), table[["measure", "p_value"]]
    assert ((table["diff_low"] <= 0) & (table["diff_high"] >= 0)).all()


def test_document_unit_with_five_or_more_documents_per_group(chunked):
    table = framing.compare(chunked, by="outlet", n_resamples=FEW)
    assert set(table["unit"]) == {"document"} and table.attrs["unit"] == "document"
    sizes = chunked.documents["outlet"].value_counts()
    assert sizes.min() >= MIN_DOCUMENTS
    full = table[table["measure"].isin(["tone", "loaded_per_1k", "hedge_per_1k"])]
    assert (full["n_a"] == sizes[full["group_a"]].to_numpy()).all()
    assert (full["n_b"] == sizes[full["group_b"]].to_numpy()).all()
    # a part with no attribution has no anonymous_share: left out of that measure, with a note
    short = table[
        (table["n_a"] < sizes[table["group_a"]].to_numpy()) | (table["n_b"] < sizes[table["group_b"]].to_numpy())
    ]
    for measure in short["measure"]:
        assert any(n.startswith(f"{measure}: no value") for n in table.attrs["notes"])
    docs = chunked.documents
    row = _row(table, "loaded_per_1k")
    assert row["value_a"] == pytest.approx(docs.loc[docs["outlet"] == row["group_a"], "loaded_per_1k"].mean())
    by_group = dict(zip([row["group_a"], row["group_b"]], [row["value_a"], row["value_b"]]))
    assert by_group["WSWS"] > by_group["Leak"]
    assert "mean of documents" in row["method"]
    # forcing the sentence unit still works and says so
    forced = framing.compare(chunked, by="outlet", n_resamples=FEW, unit="sentence", measures=["tone"])
    assert forced["unit"].tolist() == ["sentence"] and forced["n_a"].iloc[0] > MIN_DOCUMENTS


def test_unit_is_chosen_per_pair(chunked):
    ids = chunked.documents.groupby("outlet")["doc_id"].apply(list)
    groups = {"Leak": ids["Leak"][:-1], "WSWS": ids["WSWS"], "one part": ids["Leak"][-1:]}
    table = framing.compare(chunked, groups=groups, measures=["loaded_per_1k", "tone"], n_resamples=FEW)
    assert table["measure"].tolist() == ["loaded_per_1k"] * 3 + ["tone"] * 3
    pairs = list(zip(table["group_a"], table["group_b"]))[:3]
    assert pairs == [("Leak", "WSWS"), ("Leak", "one part"), ("WSWS", "one part")]
    assert table["unit"].tolist()[:3] == ["document", "sentence", "sentence"]
    assert table.attrs["unit"] == "mixed"
    assert any("pairs involving those groups" in n and "one part: 1" in n for n in table.attrs["notes"])


def test_explicit_groups(result):
    table = framing.compare(
        result, groups={"report": [LEAK], "opinion": [WSWS]}, n_resamples=FEW, measures=["loaded_per_1k"]
    )
    assert table[["group_a", "group_b"]].values.tolist() == [["report", "opinion"]]
    assert table.attrs["by"] == "groups"


def test_errors_name_the_problem(result):
    with pytest.raises(AnalysisError, match="no column 'newspaper'"):
        framing.compare(result, by="newspaper")
    with pytest.raises(AnalysisError, match="at least two groups"):
        framing.compare(result, by="status")  # every seed document is 'ok': one group
    with pytest.raises(AnalysisError, match="at least two groups"):
        framing.compare(result, groups={"only": [LEAK, WSWS]})
    with pytest.raises(AnalysisError, match="unknown doc_id"):
        framing.compare(result, groups={"a": [LEAK], "b": ["no-such-article"]})
    with pytest.raises(AnalysisError, match="must not overlap"):
        framing.compare(result, groups={"a": [LEAK], "b": [LEAK, WSWS]})
    with pytest.raises(AnalysisError, match="unknown measure"):
        framing.compare(result, by="doc_id", measures=["tone", "nonsense_per_1k"])
    with pytest.raises(AnalysisError, match="at least 2 documents"):
        framing.compare(result, by="doc_id", unit="document")
    with pytest.raises(AnalysisError, match="unit must be"):
        framing.compare(result, by="doc_id", unit="paragraph")


def test_unanalysable_documents_are_excluded_with_a_note(seed_texts):
    frame = pd.DataFrame(
        [
            {"doc_id": "a", "outlet": "A", "text": seed_texts[LEAK]},
            {"doc_id": "blank", "outlet": "A", "text": "   \n"},
            {"doc_id": "b", "outlet": "B", "text": seed_texts[WSWS]},
        ]
    )
    res = framing.analyze(frame)
    assert res.documents.set_index("doc_id").at["blank", "status"] == "empty"
    with pytest.warns(ComparisonNote, match="blank") as record:
        table = framing.compare(res, by="outlet", n_resamples=FEW, measures=["tone"])
    assert sum("blank" in str(w.message) for w in record) == 1  # warned once, not again by the grouping step
    assert [e["doc_id"] for e in table.attrs["excluded"]] == ["blank"]
    assert table.attrs["groups"]["A"] == ["a"]
    assert any("excluded" in n and "blank" in n for n in table.attrs["notes"])


def test_every_note_is_warned_once_as_a_comparison_note(result):
    """The notes reach a reader who never looks at attrs: each is a ComparisonNote (a UserWarning), once."""
    assert issubclass(ComparisonNote, UserWarning)
    with pytest.warns(ComparisonNote) as record:
        table = framing.compare(result, by="outlet", n_resamples=FEW)
    warned = [str(w.message) for w in record if issubclass(w.category, ComparisonNote)]
    assert warned == table.attrs["notes"] and len(warned) >= 2
    assert any(
        n.startswith("resampling unit: sentence, because a group has fewer than 5 documents")
        and "not inference about outlets" in n
        for n in warned
    )  # the unit and why
    assert any("have no outlet" in n and "(no outlet)" in n for n in warned)  # missing values of `by`
    assert {w.filename for w in record} == {__file__}  # attributed to the line that called compare()


def test_missing_values_and_skipped_measures_are_warned(chunked, result):
    with pytest.warns(ComparisonNote, match=r"anonymous_share: no value for \d+ document\(s\)"):
        framing.compare(chunked, by="outlet", n_resamples=FEW, measures=["anonymous_share"])
    with pytest.warns(ComparisonNote, match="tone_sd: no sentence-level definition"):
        framing.compare(result, by="doc_id", measures=["tone", "tone_sd"], n_resamples=FEW)


def test_no_note_no_warning(chunked):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ComparisonNote)
        table = framing.compare(chunked, by="outlet", n_resamples=FEW, measures=["tone", "loaded_per_1k"])
    assert table.attrs["notes"] == []


def test_measures_missing_from_the_result_are_skipped_with_a_note(result):
    reduced = Analysis(
        documents=result.documents.drop(columns=["hedge_per_1k"]),
        sentences=result.sentences,
        spans=result.spans,
        attributions=result.attributions,
        measures=result.measures[result.measures["measure"] != "hedge_per_1k"],
        texts=result.texts,
        manifest=result.manifest,
    )
    table = framing.compare(reduced, by="doc_id", n_resamples=FEW)
    assert "hedge_per_1k" not in set(table["measure"])
    assert any("hedge_per_1k" in n for n in table.attrs["notes"])


def test_category_densities_have_a_sentence_definition(result):
    spec = sentence_measure("loaded_per_1k:militarized")
    assert spec is not None and spec.scale == 1000
    assert sentence_measure("tone_sd") is None
    table = framing.compare(result, by="doc_id", measures=["loaded_per_1k:militarized", "tone_sd"], n_resamples=FEW)
    assert table["measure"].tolist() == ["loaded_per_1k:militarized"]
    assert any("tone_sd" in n and "no sentence-level definition" in n for n in table.attrs["notes"])
    long = result.measures.set_index(["doc_id", "measure"])["value"]
    assert table["value_b"].iloc[0] == pytest.approx(long[(WSWS, "loaded_per_1k:militarized")])


def test_cli_compare_writes_the_tables(corpus_path, tmp_path, capsys):
    import json

    from framing.cli import main
    from framing.stats.distinctive import DISTINCTIVE_COLUMNS

    out = tmp_path / "cmp"
    assert main(["compare", str(corpus_path), "--by", "outlet", "--out", str(out), "--n-resamples", "199", "-q"]) == 0
    table = pd.read_csv(out / "comparison.csv")
    assert list(table.columns) == COLUMNS and set(table["unit"]) == {"sentence"}
    assert list(pd.read_csv(out / "distinctive_terms.csv").columns) == DISTINCTIVE_COLUMNS
    meta = json.loads((out / "comparison.json").read_text())
    assert meta["comparison"]["n_resamples"] == 199 and meta["comparison"]["notes"]
    first = (out / "comparison.csv").read_bytes()
    assert main(["compare", str(corpus_path), "--out", str(out), "--n-resamples", "199", "-q"]) == 0
    assert (out / "comparison.csv").read_bytes() == first  # seeded: identical files
    capsys.readouterr()
    assert main(["compare", str(corpus_path), "--by", "newspaper", "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error:") and "newspaper" in err


def test_bootstrap_intervals_cover_the_true_mean_at_about_the_stated_rate():
    # 200 samples of 25 skewed values (exponential, mean 1): a 90% interval should miss about 10% of the time
    from framing.stats.comparison import _interval, _Ratio, _rng

    rng = np.random.default_rng(7)
    hits = 0
    for k in range(200):
        x = rng.exponential(1.0, 25)
        stat = _Ratio(x, np.ones_like(x), 1.0)
        idx = np.arange(len(x))
        low, high, method = _interval(
            (idx,), stat, float(x.mean()), confidence=0.9, n_resamples=999, rng=_rng(0, str(k))
        )
        assert method == "BCa" and low <= x.mean() <= high
        hits += low <= 1.0 <= high
    assert 0.82 <= hits / 200 <= 0.97


def test_permutation_p_values_are_uniform_under_the_null():
    from framing.stats.comparison import _p_values, _Ratio, _rng

    rng = np.random.default_rng(11)
    ps = []
    for k in range(200):
        x = rng.normal(size=30)
        stat = _Ratio(x, np.ones_like(x), 1.0)
        ps.append(_p_values([stat], np.arange(15), np.arange(15, 30), n_resamples=199, rng=_rng(0, str(k)))[0])
    ps = np.asarray(ps)
    assert ((ps > 0) & (ps <= 1)).all()
    assert 0.01 <= (ps < 0.05).mean() <= 0.10 and 0.4 <= (ps < 0.5).mean() <= 0.6
    # and a real shift is found
    y = np.r_[rng.normal(size=15), rng.normal(loc=1.5, size=15)]
    shifted = _Ratio(y, np.ones_like(y), 1.0)
    assert _p_values([shifted], np.arange(15), np.arange(15, 30), n_resamples=999, rng=_rng(0, "shift"))[0] < 0.01


def test_constant_units_give_a_degenerate_interval():
    from framing.stats.comparison import _interval, _Ratio, _rng

    zeros = _Ratio(np.zeros(6), np.full(6, 20.0), 1000.0)
    low, high, method = _interval((np.arange(6),), zeros, 0.0, confidence=0.95, n_resamples=199, rng=_rng(0, "z"))
    assert (low, high) == (0.0, 0.0) and method.startswith("degenerate")
    low, high, method = _interval((np.arange(1),), zeros, 0.0, confidence=0.95, n_resamples=199, rng=_rng(0, "z"))
    assert math.isnan(low) and math.isnan(high) and "fewer than 2" in method


def test_too_many_pairs_is_an_error_that_says_what_to_do(result, monkeypatch):
    from framing import compare as compare_function

    module = __import__("sys").modules[compare_function.__module__]
    monkeypatch.setattr(module, "MAX_PAIRS", 0)
    with pytest.raises(AnalysisError, match="make 1 pairs .*by='outlet' rather than by='doc_id'"):
        framing.compare(result, by="doc_id")


# ---------------------------------------------------------------------------
# compare(period=...): the groups compared within each period


@pytest.fixture(scope="module")
def dated(seed_texts):
    """The seed articles cut into 6 parts each, with dates: January has 3 + 3 parts, February none, March
    2 + 1, April one WSWS part only; one part has no date and one a date that cannot be read."""
    dates = {
        "Leak": ["2025-01-03", "2025-01-10", "2025-01-24", "2025-03-02", "2025-03-20", None],
        "WSWS": ["2025-01-05", "2025-01-06", "2025-01-30", "2025-03-11", "next tuesday", "2025-04-01"],
    }
    rows = []
    for doc_id, outlet in ((LEAK, "Leak"), (WSWS, "WSWS")):
        for i, part in enumerate(_chunks(seed_texts[doc_id], 6)):
            rows.append({"doc_id": f"{outlet}-{i}", "outlet": outlet, "date": dates[outlet][i], "text": part})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the unreadable date is warned by the loader (and kept as NaT)
        return framing.analyze(pd.DataFrame(rows))


def test_period_rows_are_each_periods_own_comparison(dated):
    measures = ["tone", "loaded_per_1k"]
    table = framing.compare(dated, by="outlet", period="month", measures=measures, n_resamples=FEW)
    assert list(table.columns) == ["period", *COLUMNS]
    assert table.attrs["period"] == "month"
    assert table.attrs["periods"] == ["2025-01", "2025-02", "2025-03", "2025-04", "(no date)"]
    assert table["period"].drop_duplicates().tolist() == ["2025-01", "2025-03", "(no date)"]
    docs = dated.documents.set_index("doc_id")
    for period, rows in table.groupby("period", sort=False):
        members = {g: ids for g, ids in table.attrs["groups"].items()}
        if period == "(no date)":
            ids = ["Leak-5", "WSWS-4"]
        else:
            ids = [d for d in docs.index if str(docs.at[d, "date"])[:7] == period]
        groups = {g: [i for i in members[g] if i in ids] for g in members}
        alone = framing.compare(dated, groups=groups, measures=measures, n_resamples=FEW)
        pd.testing.assert_frame_equal(rows.drop(columns="period").reset_index(drop=True), alone)


def test_documents_without_a_readable_date_are_kept_and_named(dated):
    with pytest.warns(ComparisonNote) as record:
        table = framing.compare(dated, by="outlet", period="month", measures=["tone"], n_resamples=FEW)
    notes = table.attrs["notes"]
    assert [str(w.message) for w in record] == notes
    assert any("have no date (Leak-5)" in n and "'(no date)'" in n for n in notes)
    assert any("could not be read as a date (WSWS-4" in n and "YYYY-MM-DD" in n for n in notes)
    assert (table["period"] == "(no date)").sum() == 1  # the undated parts are compared, not dropped
    # a period in which one group alone has documents is named, not silently empty
    assert any(n.startswith("period 2025-04: only 'WSWS' (1 document(s))") for n in notes)
    assert all(n.startswith("period ") for n in notes if "resampling unit" in n)


def test_weeks_are_iso_weeks_with_the_empty_weeks_kept():
    from framing.stats.trends import period_range

    labels = ["2025-W02", "2025-W05", "(no date)"]
    assert period_range(labels, "week") == ["2025-W02", "2025-W03", "2025-W04", "2025-W05", "(no date)"]
    assert period_range(["2024-W52", "2025-W01"], "week") == ["2024-W52", "2025-W01"]
    assert period_range(["2025Q1", "2025Q3"], "quarter") == ["2025Q1", "2025Q2", "2025Q3"]


def test_week_periods(dated):
    table = framing.compare(dated, by="outlet", period="week", measures=["tone"], n_resamples=99)
    assert table.attrs["periods"][0] == "2025-W01" and "2025-W08" in table.attrs["periods"]
    assert set(table["period"]) <= set(table.attrs["periods"])


def test_period_errors_say_what_to_do(result, dated):
    with pytest.raises(AnalysisError, match="period must be one of 'week', 'month'"):
        framing.compare(dated, by="outlet", period="fortnight")
    reduced = Analysis(
        documents=result.documents.drop(columns=["date"]),
        sentences=result.sentences,
        spans=result.spans,
        attributions=result.attributions,
        measures=result.measures,
        texts=result.texts,
        manifest=result.manifest,
    )
    with pytest.raises(AnalysisError, match="needs a 'date' column"):
        framing.compare(reduced, by="doc_id", period="month")
    with pytest.raises(AnalysisError, match="period 2025-03: .*at least 2 documents"):
        framing.compare(dated, by="outlet", period="month", unit="document", measures=["tone"])
