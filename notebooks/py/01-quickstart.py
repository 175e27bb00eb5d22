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
# # 01 · Quick start: two articles, one event
#
# **This notebook answers:** what does `framing` measure, and how do two articles about the
# same event differ in tone, loaded language and whose voices they carry?
#
# **Time:** about 10 minutes to read; it runs in a few seconds.
#
# The bundled corpus holds two articles about the same news: a leaked plan, in February 2025,
# for large immigration raids in Los Angeles. One article reads like a wire-style report; the
# other comes from the World Socialist Web Site. You will load them, analyse them, read the
# result tables, see one article with its evidence highlighted, and chart the differences.
#
# Every number `framing` reports traces back to the exact words that produced it. Keep that
# in mind as you read: when a number surprises you, look at its evidence.

# %%
import framing
from framing.viz import figures

figures.theme("paper");

# %% [markdown]
# ## 1. Load the articles
#
# A corpus is a folder of `.txt`/`.md` files (or a CSV, JSON Lines or Parquet file, see
# notebook 08). Each article keeps its text verbatim; the metadata (title, outlet, author,
# date) comes from the front matter at the top of each file. Unknown fields stay empty
# rather than guessed: the first article names no outlet.

# %%
corpus = framing.load_corpus("../corpus/la-ice-raids-2025")
corpus[["doc_id", "title", "outlet", "author", "date"]]

# %% [markdown]
# ## 2. Analyse them
#
# `framing.analyze` splits each article into paragraphs, sentences and words (keeping the
# position of every character), then runs four layers: **tone**, **loaded language**,
# **attribution** (who is quoted, and how) and **frame cues**. The result holds tidy tables.

# %%
result = framing.analyze(corpus)
result

# %% [markdown]
# ## 3. The documents table: one row per article
#
# A few of the columns, in plain words:
#
# | column | what it says | range |
# |---|---|---|
# | `tone` | how positive or negative the sentences are, on average | −1 (negative) to +1 (positive) |
# | `tone_intensity` | how much evaluative language there is, whatever its direction | 0 and up |
# | `loaded_per_1k` | loaded words (emotive, pejorative, militarised, …) per 1,000 words | 0 and up |
# | `loaded_authorial_per_1k` | the same, counting only the outlet's own words, not quotations | 0 and up |
# | `hedge_per_1k` | hedges such as *may*, *reportedly*, per 1,000 words | 0 and up |
# | `attributed_share` | share of the text attributed to a source | 0 to 1 |
# | `anonymous_share` | share of attributions that go to unnamed sources | 0 to 1 |
#
# Each measure, its definition and its limits are in `docs/measures.md`.

# %%
columns = [
    "doc_id", "n_tokens", "tone", "tone_intensity", "loaded_per_1k", "loaded_authorial_per_1k",
    "hedge_per_1k", "attributed_share", "anonymous_share", "n_speakers",
]
result.documents[columns].set_index("doc_id").T

# %% [markdown]
# ## 4. The evidence behind the numbers
#
# The `spans` table lists every piece of evidence: the document, the character offsets, the
# words themselves, the layer and category, and the lexicon entry or rule that fired. Here are
# the loaded words of each article, with the voice they appear in (`authorial` for the
# outlet's own words, `quoted` inside a quotation, `scare_quote` for a term put in quotation
# marks without a speaker).

# %%
loaded = result.spans.query("layer == 'loaded'")
loaded.groupby(["doc_id", "category"]).size().unstack(fill_value=0)

# %%
loaded[["doc_id", "text", "category", "voice"]].head(20)

# %% [markdown]
# ## 5. One article, highlighted
#
# The same evidence, read in place. Loaded words are marked by category, hedges and scare
# quotes have their own marks, and sources and reporting verbs show who speaks. Hover over a
# marked word to see its category and the lexicon entry that matched it.

# %%
framing.highlight(result, "wsws-mass-immigration-raids", layers=["loaded", "scare_quote", "hedge", "source", "cue"])

# %% [markdown]
# ## 6. Chart the differences
#
# `framing.compare` puts the two articles side by side for every measure, with a 95%
# bootstrap interval for the difference. With one article per group the resampling unit is
# the sentence, so the intervals describe these two texts; they are not a claim about the
# outlets in general (notebook 06 explains this in detail).

# %%
comparison = framing.compare(result, by="doc_id")
comparison[["measure", "group_a", "value_a", "group_b", "value_b", "difference", "diff_low", "diff_high", "p_value", "unit"]].round(3)

# %%
ax = figures.plot_measures(
    comparison, measures=["loaded_per_1k", "loaded_authorial_per_1k", "hedge_per_1k", "booster_per_1k"]
)

# %% [markdown]
# ## Where to go next
#
# | notebook | answers |
# |---|---|
# | `02-tone.ipynb` | How positive or negative is each sentence, why do VADER and TextBlob disagree, and how does each outlet talk about ICE, Trump or immigrants? |
# | `03-loaded-language.ipynb` | Which loaded words does each outlet use, in its own voice or in quotes, and how do I add my own word list? |
# | `04-attribution.ipynb` | Who speaks in each article, named or anonymous, and with which reporting verbs? |
# | `05-frames-and-distinctive-words.ipynb` | Which frames does each article cue, and which words set the outlets apart? |
# | `06-figures-for-a-paper.ipynb` | The full comparison with intervals, every figure for a paper, and a methods paragraph. |
# | `07-classroom-exercise.ipynb` | A 45-minute media-literacy lesson: spot the loaded words yourself, then compare with the tool. |
# | `08-your-own-corpus.ipynb` | How do I analyse my own articles from a CSV, JSON Lines file or folder and export the results? |
