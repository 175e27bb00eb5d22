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
# # 04 · Attribution: who speaks, and how are they introduced?
#
# **This notebook answers:** who is quoted or cited in each article; are they people,
# officials, organisations, documents or anonymous sources; which reporting verbs introduce
# them (*said*, *revealed*, *claimed*, *threatened*); how much is direct quotation and how
# much paraphrase?
#
# **Time:** about 15 minutes to read; it runs in a few seconds.
#
# **In plain words.** Whose voice a story carries is a framing choice: officials or the people
# affected, named or anonymous sources, "said" or "claimed". An *attribution* links a
# **source** (who), a **cue** (the reporting verb or phrase, such as *said* or *according to*)
# and a **content** (what is attributed), following the PARC scheme (Pareti 2016). Direct
# quotes are only a third to a half of attributions in news, so `framing` finds indirect
# speech (*X said that …*, *according to X*) and reports by documents (*the memo detailed …*)
# as well.

# %%
import framing
from framing.viz import figures

figures.theme("paper")

result = framing.analyze(framing.load_corpus("../corpus/la-ice-raids-2025"))
attributions = result.attributions

# %% [markdown]
# ## 1. Every attribution, one row each

# %%
attributions[["doc_id", "source_text", "source_type", "cue_text", "verb_class", "is_direct", "content_text"]]

# %% [markdown]
# ## 2. The speaker table: who speaks, how often
#
# Mentions of one speaker are grouped under a stable `speaker` key ("Tom Homan, identified as
# the border czar" … "Homan" … "he"). `speakers` gives one row per speaker and article: how
# often they are cited, how often in their own words (`n_direct`), with which classes of
# reporting verb, the mentions that were grouped, and the first thing attributed to them.

# %%
from framing.layers.attribution import speakers

speakers(result)

# %% [markdown]
# ## 3. Source types and anonymous sourcing
#
# | source type | examples |
# |---|---|
# | `person` | Tom Homan, Karen Bass |
# | `role` | a spokesperson, the border czar, officials |
# | `organization` | ICE, the White House, the Los Angeles Times |
# | `anonymous` | a source, one anonymous law enforcement source, people familiar with the matter |
# | `document` | the memo, the leaked documents, a report |
# | `pronoun` | he, she, they (resolved to a named speaker where that is safe) |
# | `unattributed` | no source at all: *it was reported that ...*, *the minister is said to be furious* |
#
# The share of attributions to anonymous sources is a standard indicator of sourcing quality:
# readers cannot judge who stands behind a claim. An `unattributed` claim goes one step further:
# the writer does not even say that someone made it (style guides call this a vague or weasel
# attribution). Its share per document is the measure `source_type:unattributed`; the two seed
# articles have none, so try it on a sentence of your own:

# %%
framing.analyze(["It is widely believed that the count was rigged. Officials said it was accurate."]).attributions[
    ["source_text", "source_type", "cue_text", "content_text", "arrangement"]
]

# %%
attributions.groupby("doc_id")["source_type"].value_counts().unstack(fill_value=0)

# %%
result.documents.set_index("doc_id")[["n_attributions", "n_speakers", "anonymous_share", "document_share", "attributed_share", "direct_quote_share"]].T.round(3)

# %%
attributions.query("source_type == 'anonymous'")[["doc_id", "source_text", "cue_text", "content_text"]]

# %% [markdown]
# ## 4. Reporting verbs carry judgement
#
# The verb that introduces a source tells the reader how to take it (Bergler 1992; Thompson &
# Ye 1991; Caldas-Coulthard 1994):
#
# | class | examples | what it signals |
# |---|---|---|
# | `neutral` | say, tell, state | nothing beyond the report |
# | `endorsing` | reveal, confirm, explain, note | the writer accepts the content as true |
# | `distancing` | claim, allege, insist | the writer keeps a distance from it |
# | `emotive` | threaten, slam, blast, boast | the manner of speaking, often unflattering |
# | `directive` | urge, demand, call on | a demand |
# | `cognitive` | believe, think, fear | a state of mind |

# %%
attributions.groupby("doc_id")["verb_class"].value_counts().unstack(fill_value=0)

# %%
ax = figures.plot_attribution(result, by="doc_id")

# %% [markdown]
# ## 5. Direct and indirect speech
#
# A direct quote gives the source's own words; indirect speech is the writer's paraphrase,
# and the writer's word choice enters it.

# %%
attributions.groupby(["doc_id", "is_direct"]).size().unstack(fill_value=0).rename(columns={True: "direct", False: "indirect"})

# %% [markdown]
# ## 6. Read it in place
#
# Sources, cues and contents are highlighted with the same `attribution_id`, so you can
# see which words are attributed to whom.

# %%
framing.highlight(result, "leak-reveals-plan", layers=["source", "cue", "content"])

# %% [markdown]
# ## Limits to keep in mind
#
# - The extractor uses patterns and a reporting-verb list, not a parser: unusual word orders,
#   cues far from their content, and sources that are only implied are missed. The worst case
#   is a missed relation, never an invented one on purpose; check the table against the text.
# - Pronouns are resolved to a named speaker only where that is safe; otherwise they stay
#   `pronoun`.
# - The measured precision and recall on hand-annotated articles are in `docs/measures.md`.

# %% [markdown]
# ## References
#
# - Bergler, S. (1992). *Evidential analysis of reported speech*. PhD thesis, Brandeis
#   University.
# - Caldas-Coulthard, C. R. (1994). On reporting reporting: The representation of speech in
#   factual and factional narratives. In M. Coulthard (Ed.), *Advances in written text
#   analysis* (pp. 295–308). Routledge.
# - Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. *Proceedings of LREC 2016*.
# - Pareti, S., O'Keefe, T., Konstas, I., Curran, J. R., & Koprinska, I. (2013). Automatically
#   detecting and attributing indirect quotations. *Proceedings of EMNLP 2013*.
# - Thompson, G., & Ye, Y. (1991). Evaluation in the reporting verbs used in academic papers.
#   *Applied Linguistics*, 12(4), 365–382.
