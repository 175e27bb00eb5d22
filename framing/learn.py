"""The scikit-learn bridge: interpretable framing measures as features, and a frame classifier.

:class:`FramingFeatures` is a transformer: raw texts in, one row of the document measures
of :func:`framing.analyze` out (tone, loaded-language densities by category, hedges and
boosters, attribution shares, source-type and verb-class shares, frame-cue shares, ... -
whatever the installed layers write to the long ``measures`` table). Each value is exactly
the value ``framing.analyze`` reports for that text, so a model's inputs can be traced back
to spans.

:class:`FrameClassifier` is an estimator for users with labelled documents or sentences
(any label set): TF-IDF word n-grams plus the scaled :class:`FramingFeatures`, and a
logistic regression with balanced class weights. :meth:`FrameClassifier.evaluate` runs
stratified cross-validation and returns per-class precision/recall/F1 and a confusion
matrix; :meth:`FrameClassifier.explain` lists the terms and measures that drove each
prediction, as ``value x coefficient`` contributions that add up to the model's score.

Both follow the scikit-learn conventions (``__init__`` stores parameters only; learned
state ends in ``_``), so they work in ``Pipeline``, ``ColumnTransformer``, ``clone``,
``cross_val_score`` and ``GridSearchCV``, and ``set_output(transform="pandas")``.

References: Pedregosa et al. (2011) JMLR (scikit-learn); Card et al. (2015) ACL and
Field et al. (2018) EMNLP (lexical baselines for policy-frame classification).
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.utils.validation import check_is_fitted

from .errors import AnalysisError

__all__ = ["FramingFeatures", "FrameClassifier", "Evaluation", "feature_table"]

#: texts whose measures are kept in memory (cross-validation re-transforms the same texts)
_CACHE_LIMIT = 50_000
#: pipeline (its repr: annotator classes and parameters; "" for the built-in one) -> text -> measures
_CACHE: dict[str, dict[str, dict[str, float]]] = {}

# A short news paragraph analysed once to learn which measures the installed layers write,
# so the feature list does not depend on the training texts.
_PROBE = (
    "Officials said on Tuesday that the city council would vote on the plan. "
    '"It is a disaster," the mayor told reporters, according to a statement. '
    "Critics claim the policy could cost taxpayers millions."
)


# ---------------------------------------------------------------------------
# Input checks


def _texts(X, *, where: str = "X") -> list[str]:
    """``X`` as a list of strings, or a clear error naming the row and the fix."""
    if isinstance(X, str):
        raise AnalysisError(f"{where} must be a list of texts, not a single string; wrap it in a list: [text]")
    if isinstance(X, pd.DataFrame):
        if X.shape[1] != 1:
            raise AnalysisError(
                f"{where} is a DataFrame with {X.shape[1]} columns; pass the text column only "
                "(e.g. df['text'], or name it in a ColumnTransformer)"
            )
        X = X.iloc[:, 0]
    if isinstance(X, pd.Series):
        index = list(X.index)
        values = X.tolist()
    else:
        arr = np.asarray(X, dtype=object)
        if arr.ndim == 2 and arr.shape[1] == 1:
            arr = arr[:, 0]
        if arr.ndim != 1:
            raise AnalysisError(
                f"{where} must be one text per row (a list, Series or one-column array); got shape {arr.shape}"
            )
        values = arr.tolist()
        index = list(range(len(values)))
    for k, (i, v) in enumerate(zip(index, values)):
        if not isinstance(v, str):
            what = (
                "missing (NaN/None)"
                if v is None or (isinstance(v, float) and math.isnan(v))
                else f"a {type(v).__name__}"
            )
            raise AnalysisError(
                f"{where}: row {i!r} (position {k}) is {what}, not a text; drop those rows or fill them "
                "(e.g. X.fillna('')) before fitting"
            )
    return values


def _labels(y, n: int) -> np.ndarray:
    if y is None:
        raise AnalysisError("y is missing: pass one label per text, e.g. fit(texts, labels)")
    values = y.tolist() if isinstance(y, pd.Series) else list(np.asarray(y, dtype=object).ravel())
    if len(values) != n:
        raise AnalysisError(f"X has {n} texts but y has {len(values)} labels; pass one label per text")
    for k, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            raise AnalysisError(f"y: label at position {k} is missing (NaN/None); drop that row or give it a label")
    labels = np.asarray(values)
    classes = np.unique(labels)
    if len(classes) < 2:
        raise AnalysisError(
            f"y has only one class ({_py(classes[0])!r} for all {n} rows); a classifier needs at least two "
            "different labels - check that the label column is the right one"
        )
    return labels


def _py(value):
    """A NumPy scalar as the Python value (for readable messages)."""
    return value.item() if isinstance(value, np.generic) else value


# ---------------------------------------------------------------------------
# Measures of texts


def feature_table(texts: Sequence[str], annotators: Sequence | None = None) -> pd.DataFrame:
    """Document measures of ``texts`` from :func:`framing.analyze`, one row per text.

    Columns are the measure names of the long ``measures`` table (wide and long-only
    measures alike) of the pipeline ``annotators`` (default: the built-in layers). Values
    are memoised per text and pipeline, so cross-validation does not analyse the same text
    twice.
    """
    from .analysis import analyze

    cache = _CACHE.setdefault("" if annotators is None else repr(list(annotators)), {})
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        result = analyze(todo, annotators=annotators)
        ids = dict(zip(result.doc_ids, todo))
        rows: dict[str, dict[str, float]] = {t: {} for t in todo}
        for doc_id, measure, value in result.measures.itertuples(index=False):
            rows[ids[doc_id]][measure] = value
        if len(cache) + len(rows) > _CACHE_LIMIT:
            cache.clear()
        cache.update(rows)
    return pd.DataFrame.from_records([cache[t] for t in texts])


def _probe_measures(annotators: Sequence | None = None) -> list[str]:
    return list(feature_table([_PROBE], annotators).columns)


class FramingFeatures(TransformerMixin, BaseEstimator):
    """Interpretable framing measures as features: text in, one row of measures out.

    A feature is a document measure of :func:`framing.analyze` (its long ``measures``
    table): e.g. ``tone``, ``loaded_per_1k:dehumanizing``, ``hedge_per_1k``,
    ``frame_share:policy:economic``, and the attribution layer's shares. The value for a
    text is exactly what ``framing.analyze`` reports for it where the measure is defined;
    see ``docs/measures.md`` for each measure. A measure can be undefined for a text
    (``framing.analyze`` reports NaN): the attribution shares of a text without attributions
    (``"Hi."``), the tone of a text without sentences (``""``). ``missing`` says what to do then.

    Parameters
    ----------
    measures : list of str, optional
        The features, by measure name, in this order. Default: every measure the installed
        layers write (found at fit time from a fixed probe text plus the training texts,
        in the order of the ``measures`` table), except those matched by ``exclude``.
    exclude : tuple of str
        Glob patterns of measures left out when ``measures`` is None (default ``n_*``, the
        document's counts of paragraphs, sentences and tokens). Measures a layer declares
        with unit ``count`` (``scare_quotes``, ``n_attributions`` ...) are left out too:
        raw counts grow with the length of the text.
    annotators : list of :class:`framing.Annotator`, optional
        The pipeline whose measures are the features (default: the built-in layers); a layer
        of your own adds its declared measures (``docs/architecture.md``).
    missing : {"zero", "nan"}
        ``"zero"`` (default): an undefined measure is 0, and every measure that was
        undefined for at least one *training* text gets an indicator column
        ``missing:<measure>`` (1.0 where undefined, else 0.0) after the measure columns, so
        a model can tell "no attributions" from "a share of 0". The indicator columns are
        fixed at fit time, as scikit-learn's ``MissingIndicator(features="missing-only")``:
        a measure that was defined for every training text is 0 where undefined later, with
        no indicator. The output has no NaN, so any estimator can follow directly.
        ``"nan"``: undefined measures stay NaN and there are no indicator columns, for a
        pipeline with its own imputer (e.g. ``SimpleImputer(add_indicator=True)``).

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        The output column names, fixed at fit time (also :meth:`get_feature_names_out`):
        the measures, then the ``missing:<measure>`` indicators.
    measures_ : ndarray of str
        The measures, in column order (the first ``len(measures_)`` columns).
    missing_indicators_ : ndarray of str
        The measures that have an indicator column (empty with ``missing="nan"``).
    """

    #: the values of ``missing``
    MISSING = ("zero", "nan")
    #: prefix of the name of a missing-indicator column
    INDICATOR_PREFIX = "missing:"

    def __init__(
        self,
        *,
        measures: Sequence[str] | None = None,
        exclude: Sequence[str] = ("n_*",),
        missing: str = "zero",
        annotators: Sequence | None = None,
    ):
        self.measures = measures
        self.exclude = exclude
        self.missing = missing
        self.annotators = annotators

    def _names(self, table: pd.DataFrame | None) -> list[str]:
        if self.measures is not None:
            if isinstance(self.measures, str):
                raise AnalysisError(f"measures= takes a list of measure names, not the string {self.measures!r}")
            names = list(self.measures)
            if len(set(names)) != len(names):
                raise AnalysisError("measures= lists a measure twice; give each measure once")
            known = set(_probe_measures(self.annotators)) | (set(table.columns) if table is not None else set())
            unknown = [m for m in names if m not in known]
            if unknown:
                raise AnalysisError(
                    f"measures=: {', '.join(map(repr, unknown[:5]))} not produced by framing.analyze; "
                    f"valid names include: {', '.join(sorted(known)[:12])} ..."
                )
            return names
        names = _probe_measures(self.annotators)
        if table is not None:
            names += [c for c in table.columns if c not in names]
        patterns = [self.exclude] if isinstance(self.exclude, str) else list(self.exclude or ())
        counts = self._declared_counts()
        return [m for m in names if m not in counts and not any(fnmatch.fnmatchcase(m, p) for p in patterns)]

    def _declared_counts(self) -> set[str]:
        """The measures the pipeline's layers declare with unit ``count``."""
        from .analysis import default_annotators
        from .layers.base import Declarations

        declared = Declarations.of(self.annotators if self.annotators is not None else default_annotators())
        return {m.name for m in declared.measures if m.unit == "count" and not m.is_family}

    def fit(self, X, y=None):
        """Fix the feature list and, with ``missing="zero"``, the measures that get a
        missing indicator (those undefined for some training text). Returns self."""
        if not isinstance(self.missing, str) or self.missing not in self.MISSING:
            raise AnalysisError(
                f"missing={self.missing!r} is not one of {', '.join(map(repr, self.MISSING))}: 'zero' sets an "
                "undefined measure to 0 and adds a missing:<measure> indicator, 'nan' keeps NaN for your own imputer"
            )
        texts = _texts(X)
        table = feature_table(texts, self.annotators) if self.measures is None or self.missing == "zero" else None
        names = self._names(table)
        indicators: list[str] = []
        if self.missing == "zero":
            undefined = table.reindex(columns=names).isna().any()
            indicators = [m for m in names if undefined[m]]
        self.measures_ = np.asarray(names, dtype=object)
        self.missing_indicators_ = np.asarray(indicators, dtype=object)
        self.feature_names_out_ = np.asarray([*names, *(self.INDICATOR_PREFIX + m for m in indicators)], dtype=object)
        self.n_features_out_ = len(self.feature_names_out_)
        return self

    def transform(self, X) -> np.ndarray:
        """The measures of each text, one row per text, columns ``get_feature_names_out()``."""
        check_is_fitted(self, "feature_names_out_")
        table = feature_table(_texts(X), self.annotators).reindex(columns=list(self.measures_))
        values = table.to_numpy(dtype=float)
        if self.missing == "nan":
            return values
        flags = table[list(self.missing_indicators_)].isna().to_numpy(dtype=float)
        return np.hstack([np.nan_to_num(values, nan=0.0), flags])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The measure names, in column order."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.input_tags.one_d_array = True
        tags.requires_fit = True
        return tags


# ---------------------------------------------------------------------------
# The classifier


@dataclass
class Evaluation:
    """Cross-validated performance of a :class:`FrameClassifier` (see :meth:`FrameClassifier.evaluate`).

    ``scores``: tidy per-class table ``label, precision, recall, f1, support`` plus the rows
    ``macro avg`` and ``weighted avg``; ``confusion``: counts, rows = true label, columns =
    predicted label; ``predictions``: one row per example (``true``, ``predicted``, ``fold``);
    ``accuracy`` and ``macro_f1``; ``n_splits``.
    """

    scores: pd.DataFrame
    confusion: pd.DataFrame
    predictions: pd.DataFrame
    accuracy: float
    macro_f1: float
    n_splits: int

    def confusion_long(self) -> pd.DataFrame:
        """The confusion matrix in long form: ``true, predicted, count``."""
        long = self.confusion.stack().rename("count").reset_index()
        long.columns = ["true", "predicted", "count"]
        return long

    def __repr__(self) -> str:
        return (
            f"<Evaluation: {self.n_splits}-fold stratified CV, {len(self.predictions)} examples, "
            f"{len(self.confusion)} classes, accuracy {self.accuracy:.3f}, macro-F1 {self.macro_f1:.3f}>"
        )


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """A frame classifier for your own labelled texts: TF-IDF n-grams + framing measures.

    The model: word n-gram TF-IDF and character n-gram TF-IDF within word boundaries
    (sublinear term frequency, L2-normalised rows; the character n-grams catch inflections
    and compounds a small training set sees once) joined with :class:`FramingFeatures`
    (missing values set to 0, standardised, then multiplied by ``measures_weight``), fed to a
    logistic regression with ``class_weight="balanced"``.
    ``X`` is raw texts (sentences or whole articles); ``y`` any labels (at least two).

    Parameters
    ----------
    ngram_range : tuple
        Word n-gram sizes for TF-IDF (default (1, 2)).
    min_df : int or float
        Minimum document frequency of an n-gram (default 1).
    max_features : int, optional
        Keep only the most frequent n-grams (default: all).
    char_ngram_range : tuple or None
        Character n-gram sizes within word boundaries (default (2, 5)); None leaves them out.
    measures : bool
        Add the framing measures (default True); False gives plain TF-IDF + logistic regression.
    measures_weight : float
        Scale of the standardised measures relative to the TF-IDF block (default 0.5).
    C : float
        Inverse regularisation strength of the logistic regression (default 3).
    class_weight : "balanced", dict or None
        Class weights (default "balanced": rare frames count as much as common ones).
    max_iter : int
        Iterations of the solver (default 2000).
    cv : int
        Folds of :meth:`evaluate` (default 5).
    random_state : int
        Seed of the fold shuffling in :meth:`evaluate` (default 0).

    Attributes
    ----------
    classes_ : ndarray
        The labels, sorted.
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted model (``features`` union, then ``model``).
    feature_names_ : ndarray
        Names of the model's inputs: ``term:<n-gram>``, ``char:<character n-gram>`` and
        ``measure:<measure name>``.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        min_df=1,
        max_features: int | None = None,
        char_ngram_range: tuple[int, int] | None = (2, 5),
        measures: bool = True,
        measures_weight: float = 0.5,
        C: float = 3.0,
        class_weight="balanced",
        max_iter: int = 2000,
        cv: int = 5,
        random_state: int = 0,
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.char_ngram_range = char_ngram_range
        self.measures = measures
        self.measures_weight = measures_weight
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.cv = cv
        self.random_state = random_state

    # -- model ------------------------------------------------------------

    def _build(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.preprocessing import StandardScaler

        parts = [
            (
                "terms",
                TfidfVectorizer(
                    ngram_range=tuple(self.ngram_range),
                    min_df=self.min_df,
                    max_features=self.max_features,
                    sublinear_tf=True,
                    lowercase=True,
                ),
            )
        ]
        weights = {"terms": 1.0}
        if self.char_ngram_range is not None:
            chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngram_range), min_df=2,
                                    sublinear_tf=True, lowercase=True)  # fmt: skip
            parts.append(("chars", chars))
            weights["chars"] = 1.0
        if self.measures:
            parts.append(
                (
                    "measures",
                    Pipeline(
                        [
                            ("framing", FramingFeatures(missing="nan")),
                            ("impute", SimpleImputer(strategy="constant", fill_value=0.0, keep_empty_features=True)),
                            ("scale", StandardScaler()),
                        ]
                    ),
                )
            )
            weights["measures"] = float(self.measures_weight)
        return Pipeline(
            [
                ("features", FeatureUnion(parts, transformer_weights=weights)),
                ("model", LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter)),
            ]
        )

    def fit(self, X, y):
        """Fit on raw texts ``X`` and labels ``y``. Returns self."""
        texts = _texts(X)
        labels = _labels(y, len(texts))
        self.pipeline_ = self._build().fit(texts, labels)
        self.classes_ = self.pipeline_.named_steps["model"].classes_
        union = self.pipeline_.named_steps["features"]
        names = []
        for block, step in union.transformer_list:
            if block == "measures":
                names += [f"measure:{m}" for m in step.named_steps["framing"].get_feature_names_out()]
            else:  # "terms": word n-grams; "chars": character n-grams (the space marks a word boundary)
                names += [f"{block[:-1]}:{t}" for t in step.get_feature_names_out()]
        self.feature_names_ = np.asarray(names, dtype=object)
        return self

    def predict(self, X) -> np.ndarray:
        """The most probable label of each text."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict(_texts(X))

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, columns in the order of ``classes_``."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(_texts(X))

    def decision_function(self, X) -> np.ndarray:
        """The linear scores of the logistic regression (what :meth:`explain` decomposes)."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.decision_function(_texts(X))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.input_tags.one_d_array = True
        return tags

    # -- evaluation --------------------------------------------------------

    def evaluate(self, X, y, *, cv: int | None = None) -> Evaluation:
        """Stratified ``cv``-fold cross-validation (default ``self.cv``) of a fresh copy of
        this classifier (``self`` is not fitted or changed). Returns an :class:`Evaluation`:
        per-class precision, recall and F1, a confusion matrix and each example's prediction.
        """
        from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
        from sklearn.model_selection import StratifiedKFold

        texts = _texts(X)
        labels = _labels(y, len(texts))
        n_splits = self.cv if cv is None else cv
        if not isinstance(n_splits, (int, np.integer)) or n_splits < 2:
            raise AnalysisError(f"cv={n_splits!r}: cross-validation needs an integer number of folds >= 2")
        classes, counts = np.unique(labels, return_counts=True)
        if len(texts) < n_splits:
            raise AnalysisError(
                f"cv={n_splits} folds but only {len(texts)} examples; use cv={max(2, len(texts) // 2)} or fewer, "
                "or add examples"
            )
        small = [(c, n) for c, n in zip(classes, counts) if n < n_splits]
        if small:
            listing = ", ".join(f"{_py(c)!r} ({n})" for c, n in small[:5])
            raise AnalysisError(
                f"stratified {n_splits}-fold CV needs at least {n_splits} examples of every class; too few: {listing}. "
                f"Use fewer folds (cv={max(2, int(min(counts)))}), merge or drop those classes, or label more examples"
            )
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state)
        predicted = np.empty(len(texts), dtype=labels.dtype)
        fold_of = np.empty(len(texts), dtype=int)
        arr = np.asarray(texts, dtype=object)
        for k, (train, test) in enumerate(folds.split(arr, labels)):
            model = clone(self).fit(arr[train].tolist(), labels[train])
            predicted[test] = model.predict(arr[test].tolist())
            fold_of[test] = k
        p, r, f, s = precision_recall_fscore_support(labels, predicted, labels=classes, zero_division=0)
        scores = pd.DataFrame({"label": classes, "precision": p, "recall": r, "f1": f, "support": s})
        for avg in ("macro", "weighted"):
            pa, ra, fa, _ = precision_recall_fscore_support(
                labels, predicted, labels=classes, average=avg, zero_division=0
            )
            scores.loc[len(scores)] = [f"{avg} avg", pa, ra, fa, len(labels)]
        confusion = pd.DataFrame(
            confusion_matrix(labels, predicted, labels=classes),
            index=pd.Index(classes, name="true"),
            columns=pd.Index(classes, name="predicted"),
        )
        predictions = pd.DataFrame({"text": texts, "true": labels, "predicted": predicted, "fold": fold_of})
        macro = float(scores.loc[scores["label"] == "macro avg", "f1"].iloc[0])
        return Evaluation(scores, confusion, predictions, float(accuracy_score(labels, predicted)), macro, n_splits)

    # -- explanation ------------------------------------------------------

    def explain(self, X, *, top: int | None = 10, label=None) -> pd.DataFrame:
        """The terms and measures that drove each prediction, as evidence.

        For each text (a string or a list of texts) and the predicted label (or ``label``),
        one row per model input that is non-zero for the text: ``text_index, label,
        feature, kind`` (``term``, ``measure`` or ``intercept``), ``value`` (the input as the
        model sees it: TF-IDF weight, or standardised and weighted measure), ``raw_value``
        (the measure as :func:`framing.analyze` reports it; the TF-IDF weight for terms),
        ``coefficient`` and ``contribution = value x coefficient`` (``kind``: ``term``, ``char``,
        ``measure`` or ``intercept``), largest ``|contribution|``
        first, then the intercept. With ``top=None`` the contributions plus the intercept add
        up exactly to the label's score in :meth:`decision_function`; ``top`` keeps the
        largest ones.
        """
        check_is_fitted(self, "pipeline_")
        texts = [X] if isinstance(X, str) else _texts(X)
        union = self.pipeline_.named_steps["features"]
        model = self.pipeline_.named_steps["model"]
        Z = union.transform(texts)
        Z = Z.toarray() if hasattr(Z, "toarray") else np.asarray(Z)
        raw = Z.copy()  # terms and characters: the TF-IDF weight; measures: the framing.analyze value
        if self.measures:
            n_text = sum(not name.startswith("measure:") for name in self.feature_names_)
            raw[:, n_text:] = union.transformer_list[-1][1].named_steps["framing"].transform(texts)
        predicted = model.predict(Z)
        classes = list(self.classes_)
        rows = []
        for i in range(len(texts)):
            lab = predicted[i] if label is None else label
            if lab not in classes:
                raise AnalysisError(f"label={lab!r} is not one of the classes: {', '.join(map(str, classes))}")
            coef, intercept = _coef_for(model, classes.index(lab))
            z = Z[i]
            nz = np.flatnonzero(z)
            contrib = z[nz] * coef[nz]
            order = np.argsort(-np.abs(contrib), kind="stable")
            if top is not None:
                order = order[:top]
            for k in order:
                j = nz[k]
                kind, _, name = self.feature_names_[j].partition(":")
                rows.append((i, lab, name, kind, z[j], raw[i, j], coef[j], contrib[k]))
            rows.append((i, lab, "(intercept)", "intercept", 1.0, 1.0, intercept, intercept))
        return pd.DataFrame(
            rows,
            columns=["text_index", "label", "feature", "kind", "value", "raw_value", "coefficient", "contribution"],
        )


def _coef_for(model, k: int) -> tuple[np.ndarray, float]:
    """Coefficients and intercept whose dot product with the inputs is the score of class ``k``
    (a binary model has one row, for ``classes_[1]``; class 0's score is its negative)."""
    if model.coef_.shape[0] == 1:
        sign = 1.0 if k == 1 else -1.0
        return sign * model.coef_[0], sign * float(model.intercept_[0])
    return model.coef_[k], float(model.intercept_[k])
