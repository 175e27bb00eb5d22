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
# # 08 · Your own corpus
#
# **This notebook answers:** how do I get my own articles into `framing` (a CSV file, a JSON
# Lines file or a folder of text files), analyse many of them, compare outlets with
# intervals, follow them over time, draw every figure, and export the results for R, Stata
# or a spreadsheet?
#
# **Time:** about 20 minutes to read; it runs in under a minute. On your own corpus, expect
# roughly a second per megabyte of text on one core.
#
# Sections 1-2 write small example files, made from the two bundled seed articles, into a
# temporary folder: replace those paths with your own files. From section 3 on, the notebook
# uses a study-sized corpus: `corpus/riverton-transit-2025`, 27 short articles by three
# outlets over three months. That corpus is **constructed**: the project wrote it to show
# what the comparisons, trends and figures do with several articles per outlet. Its outlets,
# people and events are invented, and so the numbers say nothing about real outlets.

# %%
import os
import tempfile
from pathlib import Path

import pandas as pd

import framing
from framing.viz import figures

figures.theme("paper")
# where this notebook writes its files; set OUT to a folder of your own to keep them
OUT = Path(os.environ.get("FRAMING_OUT") or tempfile.mkdtemp(prefix="framing-"))
OUT

# %% [markdown]
# ## 1. What a corpus looks like
#
# Whatever the format, every article becomes one record with the same fields:
#
# | field | meaning |
# |---|---|
# | `doc_id` | a unique id (you choose it; it names the article in every table) |
# | `text` | the article text, verbatim: every result points into it by character offsets |
# | `title`, `outlet`, `author`, `date`, `url` | metadata; `outlet` is the usual grouping for comparisons |
# | anything else | extra columns (section, language, …) are kept as columns of the documents table |
#
# Record only what you know: leave a field empty rather than guessing.
#
# ### A folder of text files
#
# One article per `.txt` or `.md` file, optionally with YAML front matter (see
# `corpus/README.md`). This is how the bundled corpus is stored.

# %%
folder = framing.load_corpus("../corpus/la-ice-raids-2025")
folder[["doc_id", "title", "outlet", "date", "source"]]

# %% [markdown]
# ### A CSV file
#
# One row per article. Your columns may have other names: say which column holds the text
# and which the id. Here we write a CSV with the columns `id` and `body`, and add a row whose
# text is empty, as happens in real exports. One bundled article names no outlet; we label
# it "outlet not stated" so that it forms its own group rather than disappearing.

# %%
example = folder[["doc_id", "title", "outlet", "date", "text"]].rename(columns={"doc_id": "id", "text": "body"})
empty_row = pd.DataFrame([{"id": "empty-export-row", "title": "A row whose text did not export", "body": ""}])
example = pd.concat([example, empty_row], ignore_index=True)
example["outlet"] = example["outlet"].fillna("outlet not stated")
example.to_csv(OUT / "articles.csv", index=False)

from_csv = framing.load_corpus(OUT / "articles.csv", text_column="body", id_column="id")
from_csv[["doc_id", "title", "outlet", "source"]]

# %% [markdown]
# ### A JSON Lines file
#
# One JSON object per line, the usual export of scrapers and news APIs.

# %%
example.to_json(OUT / "articles.jsonl", orient="records", lines=True, date_format="iso", force_ascii=False)
from_jsonl = framing.load_corpus(OUT / "articles.jsonl", text_column="body", id_column="id")
from_jsonl[["doc_id", "title", "outlet", "source"]]

# %% [markdown]
# A DataFrame you already have works too: `framing.load_corpus(df, text_column=..., id_column=...)`,
# and so does a plain list of strings (ids `doc-00001`, …). Parquet files (`.parquet`) are read
# like CSV files and are the fastest format for large corpora.
#
# ## 2. Analyse, with a progress bar
#
# `progress=True` shows a progress bar. A document that cannot be analysed never stops the
# run: it keeps its row, with a `status` (`ok`, `warning`, `empty` or `error`) and a
# `status_detail` that says why. Always look at those before you trust the numbers.

# %%
result = framing.analyze(from_csv, progress=True)
result.documents[["doc_id", "outlet", "status", "status_detail", "n_tokens"]]

# %%
result.documents["status"].value_counts()

# %% [markdown]
# For corpora of many thousands of articles, the command line does the same job and writes
# the tables to disk: `framing analyze articles.csv --text-column body --id-column id --out results/`.
#
# ## 3. A study-sized corpus
#
# The example corpus is a folder like the seed corpus: one Markdown file per article, with
# front matter (`outlet`, `date`, ...; `constructed: true` marks it as written by the
# project). Three invented outlets cover one invented local story, a transit authority's
# plan to cut bus routes, from September to November 2025. Each has a habit a reader would
# notice: the *Riverton Courier* cites unnamed insiders and writes of battles and chaos; the
# *Eastside Voice* quotes named residents; the *Riverton Ledger* cites documents and hedges.
#
# Before any statistics, look at how many articles each outlet has in each month: that count
# decides what the intervals below can mean.

# %%
example = framing.analyze(framing.load_corpus("../corpus/riverton-transit-2025"))
pd.crosstab(example.documents["outlet"], example.documents["date"].dt.strftime("%Y-%m"), margins=True)

# %% [markdown]
# ## 4. Compare outlets, with intervals
#
# `framing.compare` gives one row per measure and pair of outlets: each outlet's value with a
# 95% bootstrap interval, the difference with its own interval, and a permutation p-value.
# Documents whose status is `empty` or `error` are left out, with a note.
#
# **What is resampled.** The `unit` column says it. With **five or more analysable articles
# in each of the two groups** the unit is the *article*: a group's value is the mean of its
# articles' values, and the interval speaks about the outlet's typical article, assuming its
# articles are a sample of its coverage. Below five it is the *sentence*: the interval then
# only describes how much the value depends on which sentences these texts contain, which
# is not evidence about the outlets. Each outlet here has 9 articles, so the unit is the
# article.

# %%
comparison = framing.compare(example, by="outlet")
comparison[["measure", "group_a", "value_a", "group_b", "value_b", "difference", "diff_low", "diff_high", "p_value", "unit"]].round(3)

# %% [markdown]
# The outlets' habits come out where you would expect them: the Courier's high
# `anonymous_share` (attributions to unnamed sources) and `loaded_authorial_per_1k` (loaded
# words outside quotations), the Voice's high `direct_quote_share`, the Ledger's high
# `hedge_per_1k`. Each difference comes with an interval; a difference whose interval
# includes 0 is not shown to exist by these articles.

# %%
ax = figures.plot_measures(comparison, measures=["anonymous_share", "direct_quote_share", "loaded_authorial_per_1k", "hedge_per_1k", "tone"])

# %% [markdown]
# With one article per outlet, as in the seed CSV of section 2, the same call resamples
# sentences and says so in a note (and in `comparison.attrs["notes"]`): read such a table as
# a description of two texts, not of two outlets.

# %%
seed_comparison = framing.compare(result, by="outlet", measures=["loaded_per_1k", "anonymous_share"])
seed_comparison[["measure", "group_a", "value_a", "group_b", "value_b", "unit"]].round(3)

# %% [markdown]
# ## 5. Framing over time
#
# `period="month"` (or `"week"`, `"quarter"`, `"year"`) compares the outlets **within each
# month** of the documents' `date`: the table gains a `period` column, and each month's rows
# are what a comparison of that month's articles alone would give. `attrs["periods"]` lists
# every month from the first to the last, so a month without articles shows as a gap.
# Articles without a readable date are not dropped: they form the period `(no date)`, and a
# note names them.

# %%
monthly = framing.compare(example, by="outlet", period="month", measures=["anonymous_share", "loaded_authorial_per_1k", "tone"])
monthly[["period", "measure", "group_a", "value_a", "group_b", "value_b", "unit"]].head(9).round(3)

# %% [markdown]
# `figures.plot_trend` draws one measure: a line per outlet over the months, with each
# month's interval as a band.

# %%
ax = figures.plot_trend(monthly, measure="tone")

# %%
ax = figures.plot_trend(monthly, measure="anonymous_share")

# %% [markdown]
# **How far a trend of 27 articles goes.** Each outlet has 2 to 4 articles a month, fewer
# than five, so every monthly value above is resampled by *sentence* (the axis and the notes
# say so): the bands describe how much a month's value depends on the sentences of those few
# articles, not how the outlet covers the story in general. What the figure can say:
#
# - The gaps *between* outlets are there in every month (the Courier's unnamed sources, its
#   more negative tone): a stable difference over three months is a better description than
#   one pooled number.
# - A dip or rise of one outlet from one month to the next is a change in two to four
#   articles. The Voice's tone dips in October, the month of the drivers' sick-out: the
#   story's events (a sick-out, a bailout, a compromise) change what every outlet writes
#   about, so a shift in tone can come from the topic of the month, not from a change of
#   editorial line. Read the articles behind the point (`monthly.attrs["groups"]`,
#   `framing.highlight`) before naming a cause.
# - It cannot say that an outlet *became* more or less negative: three points with
#   overlapping bands are no trend, and nothing here tests one. With many articles per month
#   (five or more per outlet), the unit becomes the article and a monthly difference can be
#   read as a difference in coverage; a change over time then still needs a test of its own
#   (for example a regression of the document values in `example.documents` on the date).
#
# ## 6. Every figure on a corpus with several articles per outlet
#
# The same figures as for two articles, drawn from 27. Each outlet keeps its colour and marker
# in every figure (`palette=`).

# %%
palette = figures.group_colors(example.documents["outlet"])
ax = figures.plot_tone_arc(framing.tone_arc(example, bins=10), labels=figures.group_labels(example), palette=palette)

# %% [markdown]
# **Tone arc.** One line per outlet: the mean tone of each tenth of its articles, with a 95%
# interval over the articles as a band (an outlet with a single article keeps that article's
# line). The bands are wide: nine short articles do not pin down where in an article tone
# falls. `documents=True` adds each article as a thin line.

# %%
ax = figures.plot_loaded_terms(example, top=3, palette=palette)

# %% [markdown]
# **Loaded terms.** Each category's heading gives its total hits, its number of distinct
# terms and how many of them are drawn (`top=3`; `top=None` draws all), so a category with
# many terms is not hidden behind three bars.

# %%
ax = figures.plot_attribution(example, palette=palette)

# %%
ax = figures.plot_distinctive_terms(framing.distinctive_terms(example, by="outlet"), palette=palette)

# %%
ax = figures.plot_frames(example)

# %% [markdown]
# ## 7. Export the results
#
# `result.save` writes every table (`documents`, `sentences`, `spans`, `attributions`,
# `measures`) as CSV or Parquet, plus `manifest.json` with the framing version, lexicon versions
# and settings that produced them: keep it with your data, and cite the versions. The
# comparison table is an ordinary DataFrame.

# %%
written = example.save(OUT / "results", format="csv")
comparison.to_csv(OUT / "results" / "comparison.csv", index=False)
monthly.to_csv(OUT / "results" / "comparison-by-month.csv", index=False)
sorted(p.name for p in (OUT / "results").iterdir())

# %% [markdown]
# The long `measures` table (`doc_id, measure, value`) is the easiest one to use in R or
# Stata; join it to `documents.csv` on `doc_id` for the metadata.

# %%
pd.read_csv(OUT / "results" / "measures.csv").head()
