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
# # 05 · Frames and distinctive words
#
# **This notebook answers:** which aspects of the story does each article make salient
# (conflict, responsibility, legality, security, human interest, …), and which words set one
# article apart from the other, read in context?
#
# **Time:** about 15 minutes to read; it runs in a few seconds.
#
# **In plain words.** To *frame* is to select some aspects of a story and make them more
# salient, so as to promote a particular problem definition, cause, moral judgement or remedy
# (Entman 1993). Two typologies are standard: the five generic news frames (Semetko &
# Valkenburg 2000) and the fifteen dimensions of the Policy Frames Codebook (Boydstun et al.
# 2014). `framing` looks for **cue words** of each frame, sentence by sentence.

# %%
import framing
from framing.viz import figures

figures.theme("paper")

result = framing.analyze(framing.load_corpus("../corpus/la-ice-raids-2025"))

# %% [markdown]
# ## 1. Frame cue profiles
#
# For each article: the share of its sentences that contain a cue of each frame. This is an
# indicator of **salience**, not a classification: a sentence that mentions *deport* cues the
# crime-and-punishment dimension whether it supports or opposes deportation, and an article
# can cue several frames at once. The measures are named `frame_share:<typology>:<frame>`,
# with `generic` for the five generic frames and `policy` for the Policy Frames Codebook. Trained human coders, or a classifier trained on their
# labels (see `framing.FrameClassifier`), are needed to say which frame an article *uses*.

# %%
frame_shares = result.measures[result.measures["measure"].str.startswith("frame_share:")]
frame_shares.pivot(index="measure", columns="doc_id", values="value").round(3)

# %%
ax = figures.plot_frames(result, by="doc_id")

# %% [markdown]
# Every cue is a span in layer `frame`; here are the cues of the most frequent frames.

# %%
cues = result.spans.query("layer == 'frame'")
cues.assign(cue=cues["text"].str.lower()).groupby(["category", "doc_id"])["cue"].unique()

# %% [markdown]
# ## 2. Distinctive words: Fightin' Words
#
# Which words does one article use more than the other, beyond chance? Comparing raw
# frequencies overstates rare words; the weighted log-odds ratio with an informative
# Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words") shrinks them toward a
# background rate and gives each word a z-score. |z| > 1.96 is the usual threshold for one
# word; with thousands of words, read z as a ranking rather than as a test. With two short
# articles few words, perhaps none, pass it: read the list as a description of these texts,
# not of the outlets. The prior here comes from general-English word counts shipped with the
# library (the table's `prior_source` column says which), so common words are not mistaken for distinctive ones.

# %%
terms = framing.distinctive_terms(result, by="doc_id")
terms.groupby("group").head(8)[["group", "term", "count_group", "count_other", "log_odds", "z"]].round(2)

# %%
ax = figures.plot_distinctive_terms(terms)

# %% [markdown]
# ## 3. Read the words in context (KWIC)
#
# A distinctive word means little until you read its sentences. A *keyword in context*
# (KWIC) concordance lines up every occurrence with the words around it, with offsets into the
# original text (`start`, `end`). A final `*` matches any ending: `raid*` finds *raid* and
# *raids*.

# %%
framing.kwic(result, "raid*", window=8)[["doc_id", "start", "end", "left", "match", "right"]]

# %%
framing.kwic(result, "operation*", window=8)[["doc_id", "start", "end", "left", "match", "right"]]

# %% [markdown]
# ## Limits to keep in mind
#
# - Cue lists find vocabulary, not argument: "the raids are legal" and "the raids are illegal"
#   both cue legality.
# - Distinctive-word statistics compare the words of two groups; with one article per group,
#   topic and style differences between the two writers are mixed with the outlets' framing.
# - The prior's source and the frame lexicon version are recorded in the result; report them.

# %% [markdown]
# ## References
#
# - Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the
#   development of media frames within and across policy issues. Paper presented at the
#   APSA 2014 Annual Meeting.
# - Card, D., Boydstun, A. E., Gross, J. H., Resnik, P., & Smith, N. A. (2015). The Media
#   Frames Corpus: Annotations of frames across issues. *Proceedings of ACL-IJCNLP 2015*.
# - Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. *Journal of
#   Communication*, 43(4), 51–58.
# - Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature
#   selection and evaluation for identifying the content of political conflict. *Political
#   Analysis*, 16(4), 372–403.
# - Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A content analysis
#   of press and television news. *Journal of Communication*, 50(2), 93–109.
