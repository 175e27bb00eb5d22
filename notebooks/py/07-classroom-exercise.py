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
# # 07 · Classroom exercise: same event, different words
#
# **This notebook answers (for students):** can you spot the words that make two news
# articles about the same event feel so different, and does a computer find the same words
# you do?
#
# **Time:** one 45-minute lesson. The notebook itself runs in a few seconds, on any laptop,
# without an internet connection.
#
# **How to use it.** Run the cells from top to bottom (Shift + Enter). Where a cell says
# *your turn*, change the text between the quotation marks or brackets, then run it again.
# Teacher notes are at the end.
#
# **No Python in your class?** The same lesson is one web page that students open in any
# browser, on a laptop, a Chromebook or a phone, without installing anything and without a
# network: [`figures/lesson.html`](../figures/lesson.html) for the two articles used here,
# with the teacher's answer key in [`figures/lesson-teacher.html`](../figures/lesson-teacher.html).
# For articles of your own, run `framing exercise my-article.txt other.txt -o lesson.html`,
# or the last cells of this notebook.

# %%
import os
from pathlib import Path

import framing
from framing import classroom
from framing.viz import figures

figures.theme("classroom")
OUT = Path(os.environ.get("FRAMING_OUT") or "classroom")  # the lesson files land next to this notebook

result = framing.analyze(framing.load_corpus("../corpus/la-ice-raids-2025"))
A, B = "leak-reveals-plan", "wsws-mass-immigration-raids"

# %% [markdown]
# ## Part 1 · Guess first (5 minutes)
#
# In February 2025 a plan leaked: large immigration raids were being prepared in Los Angeles.
# Here are the headlines of two articles about it, and the start of each article. Read both.

# %%
classroom.headlines(result, {"A": A, "B": B})

# %% [markdown]
# **Article A**

# %%
classroom.passage(result, A, n_sentences=4)

# %% [markdown]
# **Article B**

# %%
classroom.passage(result, B, n_sentences=2)

# %% [markdown]
# **Your turn.** Which article uses more *loaded* words, words chosen to make you feel
# something, not only to inform you? And in which article do you expect more people or
# sources to be quoted? Write `"A"` or `"B"`.

# %%
my_guess_more_loaded = "B"
my_guess_more_sources = "A"

# %% [markdown]
# ## Part 2 · Mark the loaded words yourself (10 minutes)
#
# Read this passage from article B carefully. It is the passage of the web page, so the
# printed answer key (`lesson-teacher.html`, written at the end) covers it too.

# %%
text = classroom.lesson_passage(result, B)
text

# %% [markdown]
# **Your turn.** List every word or short phrase in the passage that you think is loaded.
# Type them exactly as they appear, each one in quotation marks, separated by commas. The
# three words already in the list are only an example: change them.

# %%
my_marked_words = ["brutal", "assault", "immigration"]

# %% [markdown]
# ## Part 3 · Compare with the computer (10 minutes)
#
# The computer reads with word lists that the project wrote and explains: emotional words,
# insulting labels, military words, exaggerations, metaphors such as *flood* or *assault*.
# It is **not** the answer key: it is a second reader. Where you and the computer disagree is
# where it gets interesting.
#
# The scores count **phrases**: if you mark *attack* and the computer marks *attack on*, you
# agree on one phrase.
#
# - **precision**: of the phrases you marked, how many the computer marked too;
# - **recall**: of the phrases the computer marked, how many you found;
# - **Krippendorff's alpha**: how much you and the computer agree over the whole passage,
#   marked or not; 1 means full agreement and 0 means no better than chance.

# %%
check = classroom.compare_marks(result, text, my_marked_words)
check

# %% [markdown]
# The phrases only one of you marked. For each one: who is right, and why?

# %%
check.disagreements()

# %% [markdown]
# Words in your list that are not in the passage (if any, check the spelling):

# %%
check.not_found

# %% [markdown]
# Now the whole article, with the computer's marks. Hover over a word to see why it was
# marked. Sources (who is quoted) and reporting verbs are marked too.

# %%
framing.highlight(result, B, layers=["loaded", "scare_quote", "source", "cue"])

# %% [markdown]
# ### Were your guesses right?
#
# `loaded_per_1k` is the number of loaded words per 1,000 words, so long and short articles can
# be compared. `n_speakers` counts the different sources (people, organisations, documents)
# quoted or cited; `n_attributions` counts every time one of them is quoted or cited;
# `anonymous_share` is the share of those times that the source has no name.

# %%
answers = result.documents.set_index("doc_id").loc[[A, B], ["n_tokens", "loaded_per_1k", "n_speakers", "n_attributions", "anonymous_share"]]
answers.index = ["A", "B"]
answers.round(2)

# %%
print("You guessed that", my_guess_more_loaded, "is more loaded; the computer counts more in", answers["loaded_per_1k"].idxmax())
print("You guessed that", my_guess_more_sources, "quotes more sources; the computer counts more in", answers["n_speakers"].idxmax())

# %% [markdown]
# Who is quoted, in each article? Look at the `source_type` column: are they named people
# (`person`), officials (`role`), organisations, documents, or anonymous sources? `cues` are
# the verbs that introduce them: *said*, *revealed*, *threatened*…

# %%
from framing.layers.attribution import speakers

speakers(result)[["doc_id", "speaker", "source_type", "n_attributions", "cues"]].replace({"doc_id": {A: "A", B: "B"}})

# %% [markdown]
# ## Part 4 · Try an article of your own (10 minutes)
#
# **Your turn.** Paste a news article between the triple quotation marks (replace the
# example, which was written for this exercise and describes no real event), then run the
# cells.

# %%
my_article = """
City council approves bike lane plan after heated meeting

The city council voted 5-2 on Tuesday to approve a bike lane on Main Street. Supporters
said the lane would make the street safer for children cycling to school.

Angry shop owners slammed the decision as a reckless attack on local business. "This
disastrous plan will kill the high street," said one owner, who asked not to be named.
The council said it would review the lane after a year.
"""
mine = framing.analyze([my_article])
framing.highlight(mine, mine.doc_ids[0], layers=["loaded", "scare_quote", "source", "cue"])

# %%
mine.documents[["n_tokens", "tone", "loaded_per_1k", "n_attributions", "anonymous_share"]].round(2)

# %% [markdown]
# ## Questions for discussion (10 minutes)
#
# The same questions are in the web page.

# %%
classroom.discussion_questions()

# %% [markdown]
# ## The lesson as a web page, and a worksheet to print
#
# The cell below writes the lesson for articles A and B into the folder `classroom/` next to
# this notebook: `lesson.html` for the students (one file: hand it out on a USB stick, by
# e-mail or on the school's learning platform; it needs no network) and
# `lesson-teacher.html` with the answer key, the timing and notes. Printed, `lesson.html` is
# a one-page worksheet of the two passages; the teacher view prints that worksheet, then the
# answer key on one more page, in black and white. To use other articles, analyse them and
# pass their ids as `doc_ids`.

# %%
lesson = classroom.exercise(result, OUT / "lesson.html", doc_ids=[A, B])
lesson

# %% [markdown]
# ## After the lesson: the whole class's marks
#
# Each student presses *Save my marks* at the end of the page and hands in the small file it
# saves (`marks-<name>.json`). Put the files in one folder and read it: each student's
# agreement with the computer (the same numbers the page showed them), and how much the
# students agree **with each other**, which is often not much more than with the computer.
#
# Here we try it on a made-up class of six students, written into `classroom/example-class/`.
# Replace the folder with your class's folder.

# %%
class_folder = OUT / "example-class"
classroom.example_class(result, class_folder, n_students=6)
classroom.class_agreement(result, class_folder)

# %% [markdown]
# ---
# ## Teacher notes
#
# **Learning goals.** Students (1) notice that word choice frames the same facts; (2) tell an
# outlet's own words from the words it quotes; (3) see that sourcing (named, anonymous,
# documents) is a choice; (4) treat a computer's count as evidence to examine, not as a
# verdict.
#
# **A 45-minute plan.**
#
# | minutes | part | what happens |
# |---|---|---|
# | 0–5 | Part 1 | students read both openings and guess |
# | 5–15 | Part 2 | students mark loaded words in the passage (on screen, or on the printed worksheet) |
# | 15–25 | Part 3 | compare with the computer; discuss two or three disagreements as a class |
# | 25–35 | Part 4 | pairs paste an article of their own choosing |
# | 35–45 | discussion | the questions above |
#
# **Running it.** The notebook needs only the `framing` installation (`make lab` opens it in
# JupyterLab); no internet connection, no extra widgets. If laptops cannot run Python, hand
# out the web page (`figures/lesson.html`, or the one the cell above writes): it runs the
# whole lesson in any browser, offline. Print `lesson-teacher.html` for the answer key.
#
# **What the numbers mean.** `loaded_per_1k` counts words from the project's lists of loaded
# language (emotive, pejorative, dehumanising, military, hyperbolic, moral words and
# metaphors) per 1,000 words. The lists are files in `framing/lexicons/`, with a note on every
# entry; `docs/measures.md` explains each category and its limits. Precision, recall and alpha
# compare two readers over the phrases of the passage; low agreement is common even between
# trained human annotators of bias (studies report word-level agreement well below 0.5), so a
# low score is a reason to discuss, not a mark of failure.
#
# **Expect these disagreements.** Students often mark *immigration* or *Trump* (topic words,
# not loaded ones) and miss quieter words such as *rhetoric* or *unprecedented*; in article A
# the computer marks only *vast* and *erratic*, and reads the heading *Law Enforcement
# Anticipates…* as a source. Words that cast doubt (*ostensibly*) are hedges: the computer
# marks them in a separate layer, not as loaded language, which is itself a good discussion
# point. The page's teacher view lists more of the usual disagreements. The computer cannot see sarcasm, and it
# counts a loaded word inside a quotation (look at the `voice` of a span in notebook 03:
# `authorial` or `quoted`).
#
# **Sensitive topic.** Immigration enforcement may touch students' own families. Keep the
# focus on the language of the articles, let students choose their own article in Part 4, and
# do not ask anyone to share their views on immigration.
#
# **Going further.** Notebook 03 shows every category and how to add your own word list (a
# class could write one); notebook 04 looks at who is quoted, in detail.
