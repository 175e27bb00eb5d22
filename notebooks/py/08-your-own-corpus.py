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
# intervals, and export the results for R, Stata or a spreadsheet?
#
# **Time:** about 15 minutes to read; it runs in under a minute on the bundled corpus. On
# your own corpus, expect roughly a second per megabyte of text on one core.
#
# To keep the notebook self-contained it writes small example files, made from the bundled
# articles, into a temporary folder. Replace those paths with your own files.

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
# ## 3. Compare outlets, with intervals
#
# `framing.compare` gives one row per measure: the value for each outlet, the difference,
# a 95% bootstrap interval for that difference and a permutation p-value. Empty documents are
# left out of the comparison.
#
# **How to read it.** The `unit` column says what was resampled. With several articles per
# outlet it is the article, and the interval speaks about the outlets' coverage. With one
# article per outlet (as here) it is the sentence: the interval then describes how stable the
# difference is across the sentences of these two texts, which is not evidence about the
# outlets in general. Collect several articles per outlet (five or more each) before drawing
# conclusions about outlets. `compare` warns about every document it leaves out (here the
# empty row), and `comparison.attrs["notes"]` keeps those notes with the table.

# %%
comparison = framing.compare(result, by="outlet")
comparison[["measure", "group_a", "value_a", "group_b", "value_b", "difference", "diff_low", "diff_high", "p_value", "unit"]].round(3)

# %%
ax = figures.plot_measures(comparison, measures=["tone", "loaded_per_1k", "hedge_per_1k", "attributed_share", "anonymous_share"])

# %% [markdown]
# ## 4. Export the results
#
# `result.save` writes every table (`documents`, `sentences`, `spans`, `attributions`,
# `measures`) as CSV or Parquet, plus `manifest.json` with the framing version, lexicon versions
# and settings that produced them: keep it with your data, and cite the versions. The
# comparison table is an ordinary DataFrame.

# %%
written = result.save(OUT / "results", format="csv")
comparison.to_csv(OUT / "results" / "comparison.csv", index=False)
sorted(p.name for p in (OUT / "results").iterdir())

# %% [markdown]
# The long `measures` table (`doc_id, measure, value`) is the easiest one to use in R or
# Stata; join it to `documents.csv` on `doc_id` for the metadata.

# %%
pd.read_csv(OUT / "results" / "measures.csv").head()
