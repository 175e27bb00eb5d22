"""framing.distinctive_terms (Monroe et al. 2008 log-odds) and framing.kwic."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import framing
from framing.errors import AnalysisError
from framing.stats.distinctive import DISTINCTIVE_COLUMNS, KWIC_COLUMNS, background_counts, log_odds_z

LEAK, WSWS = "leak-reveals-plan", "wsws-mass-immigration-raids"


@pytest.fixture(scope="module")
def terms(result):
    return framing.distinctive_terms(result, by="doc_id")


@pytest.fixture(scope="module")
def toy():
    """Two tiny hand-counted documents (the headline line is a heading and is not counted)."""
    frame = pd.DataFrame(
        [
            {
                "doc_id": "a",
                "outlet": "A",
                "text": "Headline About Raids\nThe raid came. Raids and raids again. A calm day.",
            },
            {"doc_id": "b", "outlet": "B", "text": "A calm day. A calm night. The raid came."},
        ]
    )
    return framing.analyze(frame)


def test_z_score_matches_a_hand_computation():
    # one term: y_i = 10, y_j = 2, alpha_w = 1; vocabulary totals n_i = n_j = 15, alpha_0 = 4
    delta, se, z = log_odds_z([10, 0, 5], [2, 8, 5], [1, 1, 2])
    # delta = log(11 / (15 + 4 - 10 - 1)) - log(3 / (15 + 4 - 2 - 1)) = log(11/8) - log(3/16)
    assert delta[0] == pytest.approx(math.log(11 / 8) - math.log(3 / 16))
    assert delta[0] == pytest.approx(1.99243, abs=1e-5)
    # var = 1/11 + 1/3
    assert se[0] == pytest.approx(math.sqrt(1 / 11 + 1 / 3))
    assert z[0] == pytest.approx(3.05898, abs=1e-5)
    # a term used equally often in two equal-sized sets has delta 0
    assert delta[2] == pytest.approx(0.0) and z[2] == pytest.approx(0.0)
    # swapping the sets flips the sign
    d2, _, z2 = log_odds_z([2, 8, 5], [10, 0, 5], [1, 1, 2])
    assert np.allclose(d2, -delta) and np.allclose(z2, -z)


def test_hand_counted_toy_corpus(toy):
    table = framing.distinctive_terms(toy, by="outlet", prior="corpus", min_count=1)
    a = table[table["group"] == "A"].set_index("term")
    # body words of A: the raid came raids and raids again a calm day = 10;
    # of B: a calm day a calm night the raid came = 9
    assert a["total_group"].iloc[0] == 10 and a["total_other"].iloc[0] == 9
    assert a.at["raids", "count_group"] == 2 and a.at["raids", "count_other"] == 0
    assert a.at["calm", "count_group"] == 1 and a.at["calm", "count_other"] == 2
    assert "headline" not in a.index  # headings are not counted by default
    assert a.at["calm day", "n"] == 2 and a.at["calm day", "count_group"] == 1
    assert "came raids" not in a.index  # bigrams stay inside a sentence
    assert a.at["raids", "z"] > 0 > a.at["calm", "z"]
    # corpus prior: alpha_w = pooled count (alpha_0 = pooled size)
    assert a.at["raids", "prior"] == pytest.approx(2.0) and a.at["calm", "prior"] == pytest.approx(3.0)
    # the statistic is the documented formula on those counts
    pooled_unigrams = 19
    expected = (
        math.log((2 + 2) / (10 + pooled_unigrams - 2 - 2)) - math.log((0 + 2) / (9 + pooled_unigrams - 0 - 2))
    ) / math.sqrt(1 / 4 + 1 / 2)
    assert a.at["raids", "z"] == pytest.approx(expected)
    with_headings = framing.distinctive_terms(toy, by="outlet", prior="corpus", min_count=1, headings=True)
    assert "headline" in set(with_headings["term"])


def test_schema_symmetry_and_prior_source(terms):
    assert list(terms.columns) == DISTINCTIVE_COLUMNS
    assert set(terms["group"]) == {LEAK, WSWS} and set(terms["n"]) == {1, 2}
    assert terms["prior_source"].str.startswith(("background", "corpus")).all()
    assert terms.loc[terms["n"] == 1, "prior_source"].str.contains("background_en.csv").all()
    assert terms.loc[terms["n"] == 2, "prior_source"].str.startswith("corpus").all()
    assert ((terms["count_group"] + terms["count_other"]) >= 2).all()  # min_count
    a = terms[terms["group"] == LEAK].set_index(["term", "n"])["z"]
    b = terms[terms["group"] == WSWS].set_index(["term", "n"])["z"]
    assert np.allclose(a.sort_index(), -b.sort_index())
    for _, sub in terms.groupby("group"):
        assert sub["z"].is_monotonic_decreasing


def test_seed_vocabulary_is_told_apart(terms):
    wsws = terms[terms["group"] == WSWS].head(30)["term"].tolist()
    leak = terms[terms["group"] == LEAK].head(30)["term"].tolist()
    # the WSWS piece argues about "democratic rights" and the "working class"; the leak report
    # paraphrases the memo ("initiative", "commitment", "the operation")
    assert {"democratic", "rights", "raids"} <= set(wsws)
    assert {"initiative", "commitment"} <= set(leak)
    assert not set(wsws) & set(leak)


def test_counts_agree_with_kwic(result, terms):
    lines = framing.kwic(result, "raids", window=3)
    body = result.sentences.set_index(["doc_id", "sent_index"])["kind"]
    in_body = [body[(d, s)] == "body" for d, s in zip(lines["doc_id"], lines["sent_index"])]
    row = terms[(terms["group"] == WSWS) & (terms["term"] == "raids")].iloc[0]
    n_wsws = sum(ok for ok, d in zip(in_body, lines["doc_id"]) if d == WSWS)
    assert row["count_group"] == n_wsws and n_wsws > 0


def test_priors_differ_and_errors(result, terms):
    corpus = framing.distinctive_terms(result, by="doc_id", prior="corpus")
    assert corpus["prior_source"].str.startswith("corpus").all()
    assert not np.allclose(corpus.sort_values(["group", "term"])["z"], terms.sort_values(["group", "term"])["z"])
    with pytest.raises(AnalysisError, match="prior must be one of"):
        framing.distinctive_terms(result, by="doc_id", prior="wikipedia")
    with pytest.raises(AnalysisError, match="no column 'newspaper'"):
        framing.distinctive_terms(result, by="newspaper")
    with pytest.raises(AnalysisError, match="at least two groups"):
        framing.distinctive_terms(result, groups={"all": [LEAK, WSWS]})
    with pytest.raises(AnalysisError, match="ngram"):
        framing.distinctive_terms(result, by="doc_id", ngram=(2, 1))


def test_background_list_is_data():
    counts = background_counts()
    assert counts["the"] > counts["government"] > counts["raid"] > 0
    assert all(w == w.lower() for w in list(counts)[:100])


def test_kwic_offsets_and_window(result):
    lines = framing.kwic(result, "raid", window=8)
    assert list(lines.columns) == KWIC_COLUMNS
    assert set(lines["doc_id"]) == {LEAK, WSWS}
    for row in lines.itertuples():
        text = result.text(row.doc_id)
        assert text[row.start : row.end] == row.match and row.match.lower() == "raid"
        assert len(row.left.split()) <= 8 + 2 and row.right  # tokens, not words: punctuation counts
    assert (lines["start"].diff().fillna(1) != 0).all()


def test_kwic_phrases_wildcards_and_by(result):
    czar = framing.kwic(result, "Border Czar", by="outlet")
    assert list(czar.columns) == ["doc_id", "outlet", "sent_index", "start", "end", "left", "match", "right"]
    assert len(czar) == 2 and czar["match"].str.lower().eq("border czar").all()
    deport = framing.kwic(result, "deport*", window=2)
    assert {"deport", "deportations", "deportation"} <= set(deport["match"].str.lower())
    assert list(framing.kwic(result, "raid", by="doc_id").columns) == KWIC_COLUMNS
    none = framing.kwic(result, "zeppelin")
    assert none.empty and list(none.columns) == KWIC_COLUMNS
    with pytest.raises(AnalysisError, match="non-empty"):
        framing.kwic(result, "  ")
    with pytest.raises(AnalysisError, match="no column"):
        framing.kwic(result, "raid", by="newspaper")


def test_three_groups_compare_each_with_the_rest():
    frame = pd.DataFrame(
        [
            {"doc_id": "a", "outlet": "A", "text": "Raids raids raids. Calm day."},
            {"doc_id": "b", "outlet": "B", "text": "Calm calm day. Raids today."},
            {"doc_id": "c", "outlet": "C", "text": "Storm day. Storm night."},
        ]
    )
    res = framing.analyze(frame)
    table = framing.distinctive_terms(res, by="outlet", min_count=1, prior="corpus")
    assert set(table["other"]) == {"all other groups"}
    raids = table[(table["term"] == "raids")].set_index("group")
    assert raids.loc["A", ["count_group", "count_other"]].tolist() == [3, 1]
    assert raids.loc["C", ["count_group", "count_other"]].tolist() == [0, 4]
    assert raids.loc["A", "z"] > 0 > raids.loc["C", "z"]
    assert table[table["group"] == "C"].iloc[0]["term"] == "storm"
