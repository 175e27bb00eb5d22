# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (framing)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · Figures for a paper
#
# **This notebook answers:** what are the differences between the outlets, measure by
# measure, with 95% intervals and p-values; what do the publication figures look like; and
# what should the methods section say (measures, lexicon versions, references)?
#
# **Time:** about 15 minutes to read; it runs in under a minute.
#
# **In plain words.** A difference between two articles means little until you know how much
# it could move by chance, so every difference here comes with an interval. The figures share
# one style, and the notebook writes the paragraph that tells your readers exactly how the
# numbers were made: which measures, which word lists in which versions, which references.
#
# Every figure is written by `framing.viz.figures.save_figure` as PDF, SVG and PNG with
# deterministic metadata (framing and lexicon versions), so re-running the notebook leaves the
# files byte-identical. `make figures` writes the same figures of the bundled corpus, byte for
# byte (a test checks it), into `figures/`, with the HTML report `figures/report.html`.

# %%
import os
from pathlib import Path

import framing
from framing.viz import figures

figures.theme("paper")
# Choose your corpus and the folder your figures go to (FRAMING_CORPUS and FRAMING_FIGURES set them from
# outside). The default folder is figures-for-my-paper/ beside this notebook; the repository's own figures/
# is written only by `make figures`, which runs this notebook with FRAMING_FIGURES pointing there.
CORPUS = Path(os.environ.get("FRAMING_CORPUS", "../corpus/la-ice-raids-2025"))
FIGURES = Path(os.environ.get("FRAMING_FIGURES", "figures-for-my-paper"))
# the groups to compare: each bundled article is its own group (one of them names no outlet);
# with several articles per outlet, use BY = "outlet"
BY = "doc_id"

result = framing.analyze(framing.load_corpus(CORPUS))
result

# %% [markdown]
# ## 1. The full comparison
#
# One row per measure: the value in each group, their difference, a 95% bootstrap interval
# for the difference and a permutation p-value (seeded, so the table is reproducible).
#
# **Which unit was resampled matters.** With enough articles per outlet the unit is the
# article, and the interval is inference about the outlets' coverage. With one article per
# group (as in the bundled corpus) the unit is the sentence: the interval says how much the
# difference depends on which sentences the two texts happen to contain. That is a
# description of the two texts, not evidence about the outlets; say so in the paper.

# %%
comparison = framing.compare(result, by=BY)
comparison

# %% [markdown]
# ## 2. The figures
#
# Each figure is drawn by an axes-level function of `framing.viz.figures` and written with
# `save_figure`. Each outlet keeps its colour in every figure.
#
# **Measures with intervals**: dots for each group, bars for the 95% interval.

# %%
ax = figures.plot_measures(
    comparison,
    measures=["tone_intensity", "loaded_per_1k", "loaded_authorial_per_1k", "hedge_per_1k", "booster_per_1k"],
)
figures.save_figure(ax.figure, "measures", directory=FIGURES)

# %% [markdown]
# **Tone arc**: mean tone in ten equal stretches of each article.

# %%
ax = figures.plot_tone_arc(framing.tone_arc(result, bins=10))
figures.save_figure(ax.figure, "tone-arc", directory=FIGURES)

# %% [markdown]
# **Loaded terms**: the most frequent loaded terms per category and article.

# %%
ax = figures.plot_loaded_terms(result, by=BY)
figures.save_figure(ax.figure, "loaded-terms", directory=FIGURES)

# %% [markdown]
# **Attribution**: source types and reporting-verb classes per article.

# %%
ax = figures.plot_attribution(result, by=BY)
figures.save_figure(ax.figure, "attribution", directory=FIGURES)

# %% [markdown]
# **Distinctive terms**: weighted log-odds z-score against frequency (Monroe et al. 2008).

# %%
ax = figures.plot_distinctive_terms(framing.distinctive_terms(result, by=BY))
figures.save_figure(ax.figure, "distinctive-terms", directory=FIGURES)

# %% [markdown]
# **Frame cues**: the share of sentences cueing each frame.

# %%
ax = figures.plot_frames(result, by=BY)
figures.save_figure(ax.figure, "frames", directory=FIGURES)

# %% [markdown]
# ## 3. Validity: what to write in the paper
#
# - **Cite how well each measure agrees with people.** `docs/validity.md` measures them on
#   annotated real news, with intervals and baselines in the same run
#   (`benchmarks/validity.py`): on held-out data, `tone` correlates r = 0.49 with the mean
#   human rating of NYT editorial sentences (VADER alone 0.50; one rater 0.745 with the
#   others); loaded language ranks expert-labelled biased sentences at ROC-AUC 0.74-0.75
#   and finds the words experts mark at F1 0.42; attribution finds cues, sources and
#   content at token F1 0.52, 0.63 and 0.78 with precision near 0.9 (it misses more than it
#   invents). Frame shares are not yet validated against people. The methods paragraph
#   below quotes these figures.
# - **These are lexical indicators.** Each measure counts words and patterns from documented
#   lists (versions below); it measures word choice and sourcing, not accuracy or intent.
#   Validate on your own corpus too: hand-code a random sample of sentences and report the
#   agreement with the tool (Krippendorff's alpha).
# - **Name the unit of resampling.** The `unit` column of the comparison says whether the
#   intervals resample documents or sentences; sentence-level intervals for single articles
#   describe those texts, not the outlets.
# - **Many measures, many tests.** With some twenty measures, about one p-value below 0.05 is
#   expected by chance alone. Report the intervals, and correct the p-values for multiple
#   comparisons (for example Holm, or Benjamini–Hochberg with
#   `scipy.stats.false_discovery_control`) before calling a difference significant.
# - **Topic and length.** Outlets that cover different aspects of a story differ in vocabulary
#   for that reason alone; compare articles on the same event where you can, as the bundled
#   corpus does.
#
# ## 4. The methods paragraph
#
# Generated from the result's manifest: the framing version, the version of every lexicon,
# the settings, and the references for each measure. Adapt it; do not drop the versions.

# %%
methods = framing.methods_text(result, by=BY, comparison=comparison)
(FIGURES / "methods.md").write_text(methods, encoding="utf-8")
print(methods)

# %%
sorted(p.name for p in FIGURES.iterdir())
