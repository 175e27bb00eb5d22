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
# # 03 · Loaded language: which words push the reader, and in whose voice?
#
# **This notebook answers:** how much loaded language does each article use, of which kinds,
# in its own voice or inside quotations; which terms are put in scare quotes; how each article
# hedges (*may*, *reportedly*) or boosts (*clearly*) its claims; and how to count with a word
# list of your own.
#
# **Time:** about 20 minutes to read; it runs in a few seconds.
#
# **In plain words.** *Loaded language* means words and phrases with strong emotional
# implications, chosen to influence the reader (Da San Martino et al. 2020). Compare "a
# planned enforcement operation" with "a relentless assault on immigrants": both describe the
# same event. `framing` counts such words with curated word lists, written by the project and
# shipped as data files, and shows every word it counted.

# %%
import os
import tempfile
from pathlib import Path

import framing
from framing.viz import figures

figures.theme("paper")
OUT = Path(os.environ.get("FRAMING_OUT") or tempfile.mkdtemp(prefix="framing-"))

corpus = framing.load_corpus("../corpus/la-ice-raids-2025")
result = framing.analyze(corpus)

# %% [markdown]
# ## 1. Density: loaded words per 1,000 words
#
# Counts grow with length, so we compare **densities**: matches per 1,000 tokens of the body
# text (headlines and bylines are left out; a multiword phrase such as *assault on* counts
# once). `loaded_per_1k` counts the *framing-bias* categories (Recasens et al. 2013):
#
# | category | examples |
# |---|---|
# | `emotive` | brutal, draconian, outrage |
# | `pejorative_label` | regime, thugs, extremist |
# | `dehumanizing` | illegals, infest, swarm |
# | `metaphor` | flood, wave, invasion, assault on |
# | `militarized` | crackdown, raid, sweep, troops deployed |
# | `hyperbole` | unprecedented, massive, largest ever |
# | `moral` | evil, shameful, heroic |
#
# Two more kinds of evidence are marked but **not** counted in `loaded_per_1k`: `affect`
# (other words that VADER or TextBlob rate as strongly emotional, reported as
# `affect_per_1k`), and the *epistemic* markers (hedges, boosters, factive and assertive
# verbs), reported separately below.

# %%
density_columns = ["loaded_per_1k", "loaded_authorial_per_1k", "loaded_quoted_per_1k", "hedge_per_1k", "booster_per_1k", "scare_quotes"]
result.documents.set_index("doc_id")[density_columns].T.round(2)

# %% [markdown]
# By category, from the long `measures` table (`loaded_per_1k:CATEGORY`); the categories add
# up to `loaded_per_1k`.

# %%
by_category = result.measures[result.measures["measure"].str.startswith("loaded_per_1k:")]
by_category.pivot(index="measure", columns="doc_id", values="value").fillna(0).round(2)

# %% [markdown]
# ## 2. Whose words? Authorial vs quoted voice
#
# A loaded word inside a direct quotation belongs to the speaker, not the outlet. Each span
# carries a `voice`: `authorial` (the outlet's own words), `quoted` (inside a quotation), or
# `scare_quote` (the term itself put in quotation marks, without a speaker). Quoting a loaded
# word is still a choice, but a different one from writing it.

# %%
loaded = result.spans.query("layer == 'loaded'")
loaded.groupby(["doc_id", "voice"]).size().unstack(fill_value=0)

# %% [markdown]
# ## 3. Scare quotes
#
# A short phrase in quotation marks that no one is cited as saying: *"border czar"*,
# *"significant impact"*. Scare quotes distance the writer from a term, often ironically. The
# rule: one to about five words in quotation marks, not attributed to a speaker and not a
# title. Read each one: some quoted phrases are partial quotations whose speaker is named
# elsewhere in the paragraph.

# %%
result.spans.query("layer == 'scare_quote'")[["doc_id", "text", "category"]]

# %% [markdown]
# ## 4. Hedges and boosters
#
# Hedges (*may*, *reportedly*, *appears*) soften a claim; boosters (*clearly*, *undoubtedly*)
# harden it (Hyland 2005). A report built on anonymous sources that hedges often is being
# careful; an article that boosts often is arguing.

# %%
epistemic = result.spans[result.spans["layer"].isin(["hedge", "booster", "factive", "assertive"])]
epistemic.assign(term=epistemic["text"].str.lower()).groupby(["layer", "doc_id"])["term"].unique()

# %% [markdown]
# ## 5. Top terms per category
#
# Which words drive each article's density? The chart shows the most frequent loaded terms
# per category, per article.

# %%
ax = figures.plot_loaded_terms(result, by="doc_id")

# %% [markdown]
# ## 6. Read it in place
#
# Marks carry a category label, not only a colour, so the view also works in print and for
# colour-blind readers. Hover over a word to see the lexicon entry that matched it.

# %%
framing.highlight(result, "wsws-mass-immigration-raids", layers=["loaded", "scare_quote", "hedge", "booster"])

# %% [markdown]
# ## 7. Your own word list
#
# You can count with a lexicon of your own, next to the built-in ones or instead of them.
#
# **CSV**: columns `pattern`, `category`, `weight` (1–3), `source`, `note`. A pattern is a
# word (`draconian`), an explicit list of forms, a word with a trailing `*` wildcard
# (`deport*`), or a phrase (`black site`). Lines starting with `#` are comments.

# %%
my_csv = OUT / "my-lexicon.csv"
my_csv.write_text(
    "# A small classroom lexicon: words that describe enforcement as conflict\n"
    "pattern,category,weight,source,note\n"
    "round up,conflict,2,class 9B,rounding people up like animals\n"
    "spearhead*,conflict,1,class 9B,military metaphor\n"
    "onslaught,conflict,3,class 9B,\n"
    "ostensibly,distancing,2,class 9B,the writer doubts the stated aim\n",
    encoding="utf-8",
)
mine = framing.Lexicon.from_csv(my_csv)
mine

# %% [markdown]
# **`.dic`**: the format LIWC-style dictionaries use: a header between `%` lines that numbers
# the categories, then one word per line followed by its category numbers; `*` is a wildcard.
# `corpus/examples/` has a small one written by the project.

# %%
dic_path = sorted(Path("../corpus/examples").glob("*.dic"))[0]
print(dic_path.read_text(encoding="utf-8")[:400])
from_dic = framing.Lexicon.from_dic(dic_path)
from_dic

# %% [markdown]
# Analyse with both next to the built-in lexicons, and look at what your lists found (each
# span names the `lexicon` and the `pattern` that matched). Your categories join the
# `loaded` layer. The example `.dic` list of insults finds nothing in these two articles:
# an empty result is a finding too. Pass `builtin_lexicons=False` to count with your lists
# only.

# %%
custom = framing.analyze(corpus, lexicons=[mine, from_dic])
found = custom.spans[custom.spans["lexicon"].isin([mine.name, from_dic.name])]
found[["doc_id", "text", "category", "voice", "lexicon", "pattern"]]

# %%
only_mine = framing.analyze(corpus, lexicons=[mine], builtin_lexicons=False)
only_mine.spans.query("layer == 'loaded'")["category"].value_counts()

# %% [markdown]
# ## Limits to keep in mind
#
# - A word list cannot see sense: *raid* in "a police raid" and *raid* in "raid the fridge"
#   count alike, and a proper name is excluded only when it is recognisably a name or title.
# - Density depends on the list. Report the lexicon version (it is in `result.manifest`) with
#   every number, and compare outlets with the same version.
# - "Loaded" is a judgement. Each entry in the built-in lists says why it is there
#   (`framing/lexicons/`); disagree with an entry by writing your own list.
# - Validity: word-level bias is hard even for people. On expert annotations of biased words in
#   news, a feature-based detector reached F1 ≈ 0.43 (precision 0.29, recall 0.77; Spinde et
#   al. 2021). Treat densities as indicators for comparing texts, and check them against human
#   coding of a sample of your own corpus before you rely on them; the layer's measured
#   agreement with hand-annotated articles is in `docs/measures.md`.

# %% [markdown]
# ## References
#
# - Da San Martino, G., Barrón-Cedeño, A., Wachsmuth, H., Petrov, R., & Nakov, P. (2020).
#   SemEval-2020 Task 11: Detection of propaganda techniques in news articles. *Proceedings of
#   SemEval 2020*.
# - Hyland, K. (2005). *Metadiscourse: Exploring interaction in writing*. Continuum.
# - Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic models for
#   analyzing and detecting biased language. *Proceedings of ACL 2013*.
# - Santa Ana, O. (1999). "Like an animal I was treated": Anti-immigrant metaphor in US public
#   discourse. *Discourse & Society*, 10(2), 191–224.
# - Spinde, T., Rudnitckaia, L., Mitrović, J., Hamborg, F., Granitzer, M., Gipp, B., & Donnay,
#   K. (2021). Automated identification of bias inducing words in news articles using
#   linguistic and context-oriented features. *Information Processing & Management*, 58(3).
