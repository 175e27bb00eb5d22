"""The scikit-learn bridge: FramingFeatures and FrameClassifier (framing/sklearn.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import framing
from framing.errors import AnalysisError
from framing.learn import FrameClassifier, FramingFeatures

from .conftest import DATA


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return pd.read_csv(DATA / "frame_labels.csv")


@pytest.fixture(scope="module")
def small(labelled) -> pd.DataFrame:
    """Four frames, 20 sentences each (fast grid searches)."""
    keep = ["crime_punishment", "economic", "legality", "health_safety"]
    sub = labelled[labelled.frame.isin(keep)]
    return sub.groupby("frame").head(20).reset_index(drop=True)


SENTENCES = [
    "Police arrested 40 people in the raids, officials said.",
    "The new tariffs will cost farmers $2 billion, according to a study.",
    "Critics claim the court ruling could be a disaster for the city.",
    "It was a quiet Tuesday.",
]


# -- FramingFeatures ----------------------------------------------------------------


def test_features_equal_framing_analyze(seed_texts):
    """missing="nan": exactly the framing.analyze values, NaN where a measure is undefined;
    missing="zero" (default): the same values, 0 where undefined, plus the indicators."""
    texts = [*seed_texts.values(), *SENTENCES, "Hi.", ""]
    ff = FramingFeatures(missing="nan")
    assert ff.fit(texts) is ff
    X = ff.transform(texts)
    names = list(ff.get_feature_names_out())
    result = framing.analyze(texts)
    wide = result.measures.pivot(index="doc_id", columns="measure", values="value").loc[result.doc_ids]
    expected = wide[names].to_numpy(dtype=float)
    np.testing.assert_array_equal(X, expected)
    assert X.shape == (len(texts), len(names)) and np.isnan(X).any()
    assert list(ff.missing_indicators_) == [] and list(ff.measures_) == names

    zero = FramingFeatures().fit(texts)
    Z = zero.transform(texts)
    assert not np.isnan(Z).any()
    assert list(zero.measures_) == names
    undefined = [m for m, col in zip(names, expected.T) if np.isnan(col).any()]
    assert list(zero.missing_indicators_) == undefined and "tone" in undefined  # "" has no sentence
    assert list(zero.get_feature_names_out()) == [*names, *(f"missing:{m}" for m in undefined)]
    np.testing.assert_array_equal(Z[:, : len(names)], np.nan_to_num(expected, nan=0.0))
    np.testing.assert_array_equal(Z[:, len(names) :], np.isnan(wide[undefined].to_numpy(dtype=float)).astype(float))


def test_feature_list_is_fixed_interpretable_and_generic(seed_texts):
    ff = FramingFeatures().fit(SENTENCES[:1])
    names = list(ff.get_feature_names_out())
    # tone, loaded-language categories, epistemic markers, frame-cue shares
    for name in (
        "tone",
        "loaded_per_1k:dehumanizing",
        "hedge_per_1k",
        "booster_per_1k",
        "frame_share:policy:economic",
        "frame_share:generic:conflict",
        "frame_dominant:policy:legality",
    ):
        assert name in names
    assert not any(n.startswith("n_") for n in names) and "scare_quotes" not in names
    # the list does not depend on the training texts
    assert list(FramingFeatures().fit(list(seed_texts.values())).get_feature_names_out()) == names
    # every measure the pipeline writes (except the excluded counts) is a feature
    written = set(framing.analyze(SENTENCES).measures["measure"])
    assert written - set(names) <= {m for m in written if m.startswith("n_") or m == "scare_quotes"}
    # a declared list is used as given, in order
    declared = ["frame_share:policy:crime_punishment", "tone"]
    ff2 = FramingFeatures(measures=declared).fit(SENTENCES)
    assert list(ff2.get_feature_names_out()) == declared
    assert ff2.transform(SENTENCES)[0, 0] > 0  # "arrested", "raids"


def test_set_output_pandas():
    ff = FramingFeatures(measures=["tone", "frame_share:policy:economic"]).set_output(transform="pandas")
    out = ff.fit_transform(SENTENCES)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["tone", "frame_share:policy:economic"]
    assert out.loc[1, "frame_share:policy:economic"] == 1.0


def test_pipeline_column_transformer_clone_and_grid_search(small):
    ff = FramingFeatures(measures=["tone"], exclude=("n_*",))
    twin = clone(ff)
    assert twin.get_params() == ff.get_params() and not hasattr(twin, "feature_names_out_")

    frame = pd.DataFrame({"text": small["text"], "length": small["text"].str.len()})
    pre = ColumnTransformer(
        [
            (
                "framing",
                Pipeline([("f", FramingFeatures()), ("i", SimpleImputer(strategy="constant", fill_value=0))]),
                "text",
            ),
            ("len", StandardScaler(), ["length"]),
        ]
    )
    pipe = Pipeline([("pre", pre), ("scale", StandardScaler()), ("lr", LogisticRegression(max_iter=500))])
    pipe.fit(frame, small["frame"])
    assert pipe.score(frame, small["frame"]) > 0.5
    out = pre.set_output(transform="pandas").fit_transform(frame)
    assert "framing__frame_share:policy:economic" in out.columns and "len__length" in out.columns

    grid = GridSearchCV(
        Pipeline(
            [
                ("f", FramingFeatures()),
                ("i", SimpleImputer(strategy="constant", fill_value=0)),
                ("s", StandardScaler()),
                ("lr", LogisticRegression(max_iter=500)),
            ]
        ),
        {
            "f__measures": [
                None,
                [
                    "frame_share:policy:crime_punishment",
                    "frame_share:policy:economic",
                    "frame_share:policy:legality",
                    "frame_share:policy:health_safety",
                ],
            ]
        },
        cv=StratifiedKFold(2, shuffle=True, random_state=0),
    )
    grid.fit(small["text"], small["frame"])
    assert grid.best_score_ > 0.4  # four frames: chance is 0.25


@pytest.mark.parametrize(
    "X, message",
    [
        ("one text", "not a single string"),
        (["fine", float("nan")], "position 1.*missing"),
        (["fine", None], "missing"),
        (["fine", 3], "a int"),
        (pd.DataFrame({"a": ["x"], "b": ["y"]}), "2 columns"),
    ],
)
def test_bad_texts(X, message):
    with pytest.raises(AnalysisError, match=message):
        FramingFeatures().fit(X)


SHORT = [
    "",
    "Hi.",
    "Police arrested 40 people in the raids, officials said.",
    "It was a quiet Tuesday.",
    "Critics claim the court ruling could be a disaster.",
    "OK.",
]


def test_a_pipeline_fits_on_short_texts_without_an_imputer():
    """Short texts leave measures undefined (tone of "Hi.", shares without attributions):
    by default there is no NaN, so a plain LogisticRegression fits."""
    from sklearn.pipeline import make_pipeline

    labels = ["a", "a", "b", "a", "b", "a"]
    pipe = make_pipeline(FramingFeatures(), LogisticRegression(max_iter=500)).fit(SHORT, labels)
    assert set(pipe.predict(["", "Hi.", "Officials said the raids were a disaster."])) <= {"a", "b"}
    ff = pipe.named_steps["framingfeatures"]
    X = ff.transform(SHORT)
    assert not np.isnan(X).any() and X.shape == (len(SHORT), len(ff.get_feature_names_out()))
    assert {"missing:tone", "missing:attributed_share"} <= set(ff.get_feature_names_out())
    # indicators are fixed at fit time: a measure defined for every training text gets none
    fitted_on_news = FramingFeatures().fit(SENTENCES[:3])
    assert "missing:tone" not in fitted_on_news.get_feature_names_out()
    assert np.isnan(FramingFeatures(measures=["tone"], missing="nan").fit(SHORT).transform([""])[0, 0])
    row = fitted_on_news.transform([""])[0]
    assert row[list(fitted_on_news.get_feature_names_out()).index("tone")] == 0.0 and not np.isnan(row).any()
    # with set_output the indicator columns are named
    out = FramingFeatures(measures=["tone"]).set_output(transform="pandas").fit_transform(["", "A fine day."])
    assert list(out.columns) == ["tone", "missing:tone"] and out["missing:tone"].tolist() == [1.0, 0.0]


def test_missing_nan_keeps_nan_for_an_imputer():
    ff = FramingFeatures(measures=["tone", "attributed_share"], missing="nan").fit(SHORT)
    X = ff.transform(SHORT)
    assert list(ff.get_feature_names_out()) == ["tone", "attributed_share"]
    assert np.isnan(X[0]).all() and np.isnan(X[:, 1]).any()
    pipe = Pipeline(
        [
            ("f", FramingFeatures(missing="nan")),
            ("i", SimpleImputer(strategy="mean", add_indicator=True)),
            ("lr", LogisticRegression(max_iter=500)),
        ]
    )
    pipe.fit(SHORT, ["a", "a", "b", "a", "b", "a"])


@pytest.mark.parametrize("bad", ["drop", "Zero", None, 0])
def test_missing_must_be_zero_or_nan(bad):
    with pytest.raises(AnalysisError, match=r"missing=.* is not one of 'zero', 'nan'"):
        FramingFeatures(missing=bad).fit(SENTENCES)


def test_unknown_measure_and_unfitted():
    with pytest.raises(AnalysisError, match="not produced by framing.analyze"):
        FramingFeatures(measures=["tone", "sentiment"]).fit(SENTENCES)
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        FramingFeatures().transform(SENTENCES)


# -- FrameClassifier ----------------------------------------------------------------


def test_classifier_fit_predict_proba_score(small):
    clf = FrameClassifier()
    assert clf.fit(small["text"], small["frame"]) is clf
    assert list(clf.classes_) == sorted(small["frame"].unique())
    pred = clf.predict(["Police arrested three men on robbery charges.", "The court struck down the law."])
    assert list(pred) == ["crime_punishment", "legality"]
    proba = clf.predict_proba(small["text"][:3])
    assert proba.shape == (3, 4) and np.allclose(proba.sum(axis=1), 1)
    assert clf.score(small["text"], small["frame"]) > 0.9  # training data
    assert any(n.startswith("term:") for n in clf.feature_names_) and any(
        n.startswith("measure:") for n in clf.feature_names_
    )
    twin = clone(clf)
    assert twin.get_params() == clf.get_params() and not hasattr(twin, "pipeline_")


def test_learns_above_chance_under_cross_validation(labelled):
    """All 364 labelled sentences, 14 frames: chance accuracy is about 1/14."""
    scores = cross_val_score(
        FrameClassifier(), labelled["text"], labelled["frame"], cv=StratifiedKFold(3, shuffle=True, random_state=0)
    )
    assert scores.mean() > 0.35, scores


def test_grid_search_and_measures_off(small):
    grid = GridSearchCV(FrameClassifier(), {"C": [1.0, 10.0], "measures": [False, True]}, cv=2)
    grid.fit(small["text"], small["frame"])
    assert grid.best_score_ > 0.5
    # measures=False is plain TF-IDF + logistic regression
    plain = FrameClassifier(measures=False).fit(small["text"], small["frame"])
    assert not any(n.startswith("measure:") for n in plain.feature_names_)


def test_evaluate_returns_a_tidy_report(labelled):
    clf = FrameClassifier()
    ev = clf.evaluate(labelled["text"], labelled["frame"], cv=3)
    assert not hasattr(clf, "pipeline_")  # evaluate does not fit self
    labels = sorted(labelled["frame"].unique())
    assert list(ev.scores["label"]) == [*labels, "macro avg", "weighted avg"]
    assert list(ev.scores.columns) == ["label", "precision", "recall", "f1", "support"]
    assert ev.scores["support"].iloc[:-2].sum() == len(labelled)
    assert ev.confusion.to_numpy().sum() == len(labelled)
    assert list(ev.confusion.index) == labels == list(ev.confusion.columns)
    assert ev.accuracy == pytest.approx(np.trace(ev.confusion.to_numpy()) / len(labelled))
    assert ev.macro_f1 > 0.3
    assert len(ev.confusion_long()) == len(labels) ** 2
    assert set(ev.predictions["fold"]) == {0, 1, 2}
    assert "3-fold" in repr(ev)


def test_explain_is_faithful_to_the_coefficients(small):
    clf = FrameClassifier().fit(small["text"], small["frame"])
    texts = ["Police arrested three men on robbery charges.", "Hospitals ran out of beds as the virus spread."]
    ex = clf.explain(texts, top=None)
    scores = clf.decision_function(texts)
    pred = clf.predict(texts)
    for i in range(len(texts)):
        rows = ex[ex.text_index == i]
        assert (rows["label"] == pred[i]).all()
        k = list(clf.classes_).index(pred[i])
        assert rows["contribution"].sum() == pytest.approx(scores[i, k], abs=1e-9)
        np.testing.assert_allclose(rows["contribution"], rows["value"] * rows["coefficient"])
    # the terms are exactly the known n-grams of the text
    terms = set(ex[(ex.text_index == 0) & (ex.kind == "term")]["feature"])
    vocab = {n[5:] for n in clf.feature_names_ if n.startswith("term:")}
    ngrams = set(clf.pipeline_.named_steps["features"].transformer_list[0][1].build_analyzer()(texts[0]))
    assert terms == ngrams & vocab and terms
    # measures are reported with their framing.analyze value
    m = ex[(ex.text_index == 0) & (ex.feature == "frame_share:policy:crime_punishment")]
    assert m["raw_value"].iloc[0] == 1.0
    top = clf.explain(texts[0], top=3)
    assert len(top) == 4 and top["kind"].iloc[-1] == "intercept"
    assert top["contribution"].iloc[:3].abs().is_monotonic_decreasing
    vocab = {n[5:] for n in clf.feature_names_ if n.startswith("term:")}
    assert len(terms) > 0 and set(terms) == {t for t in vocab if t in set(terms) | {"robbery", "charges"}} & set(terms)


def test_explain_binary_model(small):
    two = small[small.frame.isin(["economic", "legality"])]
    clf = FrameClassifier().fit(two["text"], two["frame"])
    text = ["The judge ruled the tax unconstitutional."]
    for label in clf.classes_:
        ex = clf.explain(text, top=None, label=label)
        score = clf.decision_function(text)[0]
        assert ex["contribution"].sum() == pytest.approx(score if label == clf.classes_[1] else -score)


def test_bad_input_to_the_classifier(small):
    clf = FrameClassifier()
    with pytest.raises(AnalysisError, match="only one class"):
        clf.fit(["a text", "another text"], ["economic", "economic"])
    with pytest.raises(AnalysisError, match="only 4 examples"):
        clf.evaluate(small["text"][:4], ["a", "b", "a", "b"], cv=5)
    with pytest.raises(AnalysisError, match="at least 5 examples of every class.*'rare' \\(2\\)"):
        clf.evaluate(small["text"][:22], ["common"] * 20 + ["rare"] * 2, cv=5)
    with pytest.raises(AnalysisError, match=r"position 1\) is missing"):
        clf.fit(["a text", np.nan, "third"], ["x", "y", "x"])
    with pytest.raises(AnalysisError, match="3 texts but y has 2 labels"):
        clf.fit(["a", "b", "c"], ["x", "y"])
    with pytest.raises(AnalysisError, match="label at position 1 is missing"):
        clf.fit(["a", "b", "c"], ["x", None, "y"])
    fitted = FrameClassifier().fit(small["text"], small["frame"])
    with pytest.raises(AnalysisError, match="not one of the classes"):
        fitted.explain("text", label="sports")


@pytest.mark.parametrize("estimator", [FramingFeatures(), FrameClassifier()], ids=lambda e: type(e).__name__)
@pytest.mark.parametrize(
    "check",
    [
        "check_no_attributes_set_in_init",
        "check_parameters_default_constructible",
        "check_get_params_invariance",
        "check_set_params",
        "check_estimator_repr",
        "check_estimator_cloneable",
        "check_do_not_raise_errors_in_init_or_set_params",
        "check_valid_tag_types",
    ],
)
def test_scikit_learn_api_rules(estimator, check):
    """The scikit-learn API checks that do not need numeric input (ours take texts)."""
    from sklearn.utils import estimator_checks

    getattr(estimator_checks, check)(type(estimator).__name__, estimator)
