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
# # 02 · Tone: how positive or negative, sentence by sentence, and about whom?
#
# **This notebook answers:** how positive or negative is each sentence of each article, why do
# the two standard tools (VADER and TextBlob) sometimes disagree, how does tone develop from
# the top of an article to its end, and how does each article talk about the actors in the
# story: ICE, Trump, Tom Homan, immigrants and local officials?
#
# **Time:** about 15 minutes to read; it runs in a few seconds.
#
# **In plain words.** Tone tools look words up in a list of words that people rated as
# positive or negative (*good*, *attack*, *victims*), adjust for words such as *not* or *very*,
# and add it up. That is useful and transparent, but a word list cannot tell *who* a word is
# aimed at, and it misses irony and context. So we always show the words behind each score.

# %%
import framing
from framing.viz import figures

figures.theme("paper")

result = framing.analyze(framing.load_corpus("../corpus/la-ice-raids-2025"))

# %% [markdown]
# ## 1. The measures
#
# Each sentence gets these columns in `result.sentences`:
#
# | column | what it is | range |
# |---|---|---|
# | `vader_compound` | VADER's normalised score (Hutto & Gilbert 2014), exactly as the reference `vaderSentiment` package computes it | −1 to +1 |
# | `vader_pos`, `vader_neg`, `vader_neu` | VADER's shares of positive, negative and neutral words | 0 to 1 |
# | `textblob_polarity` | TextBlob's pattern polarity (De Smedt & Daelemans 2012), mostly driven by adjectives | −1 to +1 |
# | `subjectivity` | TextBlob's subjectivity: how much the sentence sounds like opinion | 0 to 1 |
# | `tone` | the project's combined tone (definition in `docs/measures.md`) | −1 to +1 |
# | `tone_intensity` | how much evaluative language the sentence carries, whatever its direction | 0 and up |
#
# Headings (headlines, subheadings, bylines) are scored but left out of document averages.

# %%
tone_columns = ["vader_compound", "textblob_polarity", "subjectivity", "tone", "tone_intensity"]
sentences = result.sentences.query("kind == 'body'")
sentences.groupby("doc_id")[tone_columns].mean().round(3)

# %% [markdown]
# The documents table has the aggregates: `tone` is the token-weighted mean of sentence tone,
# `tone_sd` its spread, `negative_share` and `positive_share` the shares of sentences beyond
# ±0.05 (VADER's own thresholds).

# %%
result.documents.set_index("doc_id")[["tone", "tone_sd", "negative_share", "positive_share", "tone_intensity", "subjectivity"]].T

# %% [markdown]
# ## 2. The most negative sentences, with their evidence
#
# Every lexicon word that moved a score is a span in layer `tone`, with its valence and a
# flag when a negator (*not*, *never*) flipped it. Here are the three most negative body
# sentences of each article.

# %%
most_negative = sentences.sort_values("tone").groupby("doc_id").head(3)
most_negative[["doc_id", "sent_index", "tone", "text"]]

# %%
tone_spans = result.spans.query("layer == 'tone'")
key = most_negative[["doc_id", "sent_index"]]
tone_spans.merge(key, on=["doc_id", "sent_index"]).drop(columns=["start", "end", "layer"]).head(20)

# %% [markdown]
# ## 3. When VADER and TextBlob disagree, and why
#
# The two tools read different things. VADER's list rates about 7,500 words of every kind
# (verbs such as *attack*, nouns such as *victims*) and has rules for negation, intensifiers
# (*very*), capitals and *but*. TextBlob's list is mostly adjectives (*significant*,
# *aggressive*), each with a polarity and a subjectivity. So a sentence full of negative verbs
# and neutral adjectives can be negative for VADER and neutral for TextBlob, and the other way
# round. Below are the sentences where the two point in opposite directions or differ most.

# %%
disagreement = (sentences["vader_compound"] - sentences["textblob_polarity"]).abs()
opposite = sentences[(sentences["vader_compound"] * sentences["textblob_polarity"]) < 0]
print(f"{len(opposite)} of {len(sentences)} body sentences point in opposite directions")
sentences.assign(disagreement=disagreement).nlargest(5, "disagreement")[
    ["doc_id", "sent_index", "vader_compound", "textblob_polarity", "text"]
]

# %% [markdown]
# Read the evidence for the sentence where they differ most: which words did each tool count?

# %%
worst = sentences.assign(disagreement=disagreement).nlargest(1, "disagreement")[["doc_id", "sent_index"]]
tone_spans.merge(worst, on=["doc_id", "sent_index"]).drop(columns=["start", "end", "layer"])

# %% [markdown]
# ## 4. The tone arc: how tone develops through an article
#
# `framing.tone_arc` cuts each article into ten equal stretches (by position of its body
# sentences) and averages the tone in each, weighting sentences by their length as the
# document tone does. News articles often open neutral and put evaluation later, or the
# reverse; the arc shows where the charged language sits.
#
# **Limit.** An article of 40 sentences puts about four in each stretch, so one strongly worded
# sentence moves a point. `first_sentence` and `last_sentence` name the sentences behind each
# point: read them before you interpret a dip.

# %%
arc = framing.tone_arc(result, bins=10)
arc[["doc_id", "bin", "position", "n_sentences", "tone", "first_sentence", "last_sentence"]].head(10).round(3)

# %%
ax = figures.plot_tone_arc(arc)

# %% [markdown]
# ## 5. Targeted tone: how each article talks about whom
#
# Document tone mixes everything. Targeted tone averages the tone of only the sentences that
# mention an actor. Each actor is given with its aliases; matching is whole-word, and
# acronyms such as *ICE* match only in capitals (so the word *ice* does not count). The
# interval is a bootstrap over the sentences that mention the actor.
#
# **Limit.** A sentence that mentions ICE and is negative is not necessarily negative *about*
# ICE: "ICE agents were attacked" and "ICE attacked" score alike. Models trained on news
# annotated for the tone toward each mentioned actor do much better (NewsMTSC, Hamborg &
# Donnay 2021, F1 ≈ 0.83); this lexical version is a transparent first step. Read the
# evidence before drawing conclusions.

# %%
targets = {
    "ICE": ["ICE", "Immigration and Customs Enforcement"],
    "Trump": ["Trump", "Donald Trump", "President Trump", "Trump administration"],
    "Homan": ["Tom Homan", "Homan", "border czar"],
    "immigrants": ["immigrant", "immigrants", "migrants", "undocumented", "individuals without legal status"],
    "local officials": ["local authorities", "local officials", "Gavin Newsom", "Newsom", "Karen Bass", "Bass"],
}
by_target = framing.target_tone(result, targets)
by_target[["doc_id", "target", "n_mentions", "n_sentences", "tone", "ci_low", "ci_high", "aliases_found"]].round(3)

# %% [markdown]
# The aliases are written for this story: for your own corpus, list the names, titles and
# descriptions your articles use (read a few first), and check `aliases_found`.
#
# Every mention is a span in layer `target` (added to `result.spans`), with the tone of its
# sentence, so you can read every sentence behind a number.

# %%
matches = result.spans.query("layer == 'target'")
matches[["doc_id", "sent_index", "text", "category", "sentence_tone"]].head(10)

# %% [markdown]
# Or read them in place, with the tone words of each sentence (hover over a mark to see its
# category and valence):

# %%
framing.highlight(result, "wsws-mass-immigration-raids", layers=["target", "tone"])

# %% [markdown]
# ## Limits to keep in mind
#
# - Lexicon tone measures word choice, not the truth or fairness of a sentence.
# - VADER was built for social media; on newspaper sentences its agreement with human raters
#   is modest (r ≈ 0.49 in Hutto & Gilbert 2014, where single humans reach ≈ 0.75). Use it to
#   compare texts, not to grade one sentence.
# - Some words are sentiment-bearing in reviews but neutral in news (*firm*, *crude*, *charge*);
#   the project's `tone` corrects a documented list of them (`framing/lexicons/tone_overrides.csv`),
#   while `vader_*` and `textblob_*` stay the reference tools' own values so you can cite them.
# - Quoted speech is scored like the author's own words; notebook 03 separates the two voices
#   for loaded language.

# %% [markdown]
# ## References
#
# - De Smedt, T., & Daelemans, W. (2012). Pattern for Python. *Journal of Machine Learning
#   Research*, 13, 2063–2067.
# - Hamborg, F., & Donnay, K. (2021). NewsMTSC: A dataset for (multi-)target-dependent
#   sentiment classification in political news articles. *Proceedings of EACL 2021*.
# - Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
#   analysis of social media text. *Proceedings of ICWSM 2014*.
