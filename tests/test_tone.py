"""Tone layer: exactness against the reference tools, evidence, bad input, overrides."""

from __future__ import annotations

import csv
import json
import math
import random
import re
import string
import subprocess
import sys

import pytest

import framing
from framing.layers import tone
from framing.layers.tone import ToneAnnotator, score_sentence
from framing.stats import targets as target_module

from .conftest import DATA

# ---------------------------------------------------------------------------
# Sentences for the exactness test


def _generated(n: int, seed: int) -> list[str]:
    """Varied sentences built from the tools' own lexicons and rule words.

    Each sentence mixes VADER and pattern lexicon words with negators, boosters and
    dampeners, *but*, idioms, emoticons and emoji, numbers, news filler, and is then
    put in capitals (one word or all), given runs of ``!``/``?``, odd spacing,
    quotation marks or a non-English clause.
    """
    from textblob.en import sentiment as pattern_lexicon
    from vaderSentiment import vaderSentiment as vs

    rnd = random.Random(seed)
    lex = sorted(vs.SentimentIntensityAnalyzer().lexicon)
    lex = [w for w in lex if w.isalpha()][::7] + [w for w in lex if not w.isalpha()][::5]
    len(pattern_lexicon)  # loads lazily
    tb_words = sorted(dict.keys(pattern_lexicon))[::5]
    negators = sorted(vs.NEGATE)[::2] + ["not", "never", "no", "without", "isn't", "didn't", "NOT", "nor", "or"]
    boosters = sorted(vs.BOOSTER_DICT)[::2] + ["very", "extremely", "slightly", "kind of", "sort of", "barely"]
    idioms = [
        "the shit",
        "the bomb",
        "kiss of death",
        "to die for",
        "yeah right",
        "bad ass",
        "cut the mustard",
        "hand to mouth",
        "back handed",
        "blow smoke",
        "upper hand",
        "break a leg",
        "bus stop",
        "at least",
        "without doubt",
        "never so",
        "so this",
    ]
    filler = (
        "the officials said the plan would go ahead in Los Angeles on Monday after the vote police "
        "agents city council reporters 100,000 immigrants U.S. Mr. Trump ICE border czar Tom Homan "
        "crude oil prices firm in charge fired the coach critical condition tested positive bear "
        "market vice president intelligence sources kind least"
    ).split()
    emoticons = [
        ":)",
        ":-)",
        ":(",
        ":-(",
        ";)",
        ":D",
        "8)",
        "<3",
        ":P",
        ": )",
        ":-/",
        "(!)",
        "( ! )",
        "😀",
        "💔",
        "😡",
        "👍",
        "♥",
        "=)",
        "8-)",
    ]
    punct = ["!", "!!", "!!!!!!", "?", "??", "???", "?!", "...", ",", ";", ":", "—", "-", '"', "'", "“", "”", "(", ")"]
    foreign = [
        "Der Präsident sagte, dass die Razzia illegal sei.",
        "El gobierno anunció una operación masiva.",
        "Le ministre a déclaré que la situation était très grave.",
        "移民局计划在洛杉矶进行大规模突袭。",
        "Президент заявил, что операция начнется в феврале.",
    ]
    numbers = ["100,000", "3.5%", "2025", "$1.2 billion", "12:30", "1/2", "-4", "+3", "#1", "No. 5", "42"]
    pools = [
        (0.30, lex),
        (0.45, tb_words),
        (0.55, negators),
        (0.63, boosters),
        (0.66, idioms),
        (0.70, ["but", "BUT", "But"]),
        (0.73, emoticons),
        (0.76, numbers),
        (1.0, filler),
    ]

    def word() -> str:
        r = rnd.random()
        return rnd.choice(next(pool for limit, pool in pools if r < limit))

    out = []
    for _ in range(n):
        words = [word() for _ in range(rnd.choice([1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30]))]
        r = rnd.random()
        if r < 0.15:
            i = rnd.randrange(len(words))
            words[i] = words[i].upper()
        elif r < 0.2:
            words = [w.upper() for w in words]
        elif r < 0.25:
            words[0] = words[0].capitalize()
        s = " ".join(words)
        r = rnd.random()
        if r < 0.3:
            s += rnd.choice(punct) * rnd.choice([1, 1, 2, 5])
        elif r < 0.4:
            s = rnd.choice(punct) + s
        elif r < 0.5:
            s = s.replace(" ", rnd.choice(["  ", ", ", " - ", "\n", "\t", "' ", ' "']), rnd.randint(1, 3))
        elif r < 0.55:
            s = rnd.choice(foreign) + " " + s
        elif r < 0.6:
            s = "“" + s + ",” she said."
        out.append(s)
    out += [" ".join(rnd.choice(punct) for _ in range(rnd.randint(1, 8))) for _ in range(40)]
    out += [" ".join(rnd.choice(numbers) for _ in range(rnd.randint(1, 6))) for _ in range(40)]
    return out + foreign


HAND_MADE = [
    "",
    " ",
    "!!!",
    "...",
    "?!?!",
    "—",
    "100,000",
    "3.5% 2025",
    "12:30 - 14:00",
    "$1.2 billion.",
    "That is not a bad idea.",
    "This is extremely good.",
    "The plan was good, but the execution was terrible.",
    "It was GREAT!!!",
    "Not good at all :(",
    "He is not the worst.",
    "No problems at all.",
    "The food here is the shit!",
    "Yeah right, that is the bomb.",
    "At least it is not bad.",
    "It isn't horrible, but it isn't great either.",
    "Never so happy, without doubt.",
    "The raid was a kiss of death for the bar.",
    "Kind of good",
    "kind of",
    "The (!) plan",
    "I love it :) 8) :-(",
    "He said: “Great!” ( ! )",
    "Wait... what??? NO WAY!!!",
    "good good good good good but bad bad bad bad",
    "bad but good but bad",
    "VERY GOOD",
    "very GOOD but BAD",
]


def _corpus_sentences() -> list[str]:
    seeds = json.loads((DATA / "seed_sentences.json").read_text("utf-8"))
    out = [text for key, rows in seeds.items() if key != "_note" for _kind, text in rows]
    with open(DATA / "frame_labels.csv", encoding="utf-8", newline="") as f:
        out += [row["text"] for row in csv.DictReader(f)]
    return out


SENTENCES = HAND_MADE + _corpus_sentences() + _generated(2600, 20250223)


def test_enough_varied_sentences():
    assert len(SENTENCES) >= 3000
    assert len(set(SENTENCES)) > 2900


@pytest.fixture(scope="module")
def references():
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return [(analyzer.polarity_scores(s), TextBlob(s).sentiment) for s in SENTENCES]


def test_vader_columns_equal_the_reference_package(references):
    wrong = []
    for s, (v, _tb) in zip(SENTENCES, references):
        r = score_sentence(s)
        got = {"neg": r.vader_neg, "neu": r.vader_neu, "pos": r.vader_pos, "compound": r.vader_compound}
        if got != v:
            wrong.append((s, got, v))
    assert not wrong, f"{len(wrong)} sentences differ from vaderSentiment, e.g. {wrong[:3]}"


def test_textblob_columns_equal_the_reference_package(references):
    wrong = []
    for s, (_v, tb) in zip(SENTENCES, references):
        r = score_sentence(s)
        if (r.textblob_polarity, r.subjectivity) != (tb.polarity, tb.subjectivity):
            wrong.append((s, (r.textblob_polarity, r.subjectivity), tuple(tb)))
    assert not wrong, f"{len(wrong)} sentences differ from TextBlob(s).sentiment, e.g. {wrong[:3]}"


def test_the_sentences_exercise_the_rules(references):
    """The exactness test is only worth something if the rules fired on the sentences."""
    rules = {"negated": 0, "booster": 0, "caps": 0, "but": 0, "idiom": 0, "emoticon": 0, "exclaim": 0}
    for s in SENTENCES[:1500]:
        for _a, _b, _category, rule, d in score_sentence(s).evidence:
            rules["negated"] += d["negated"]
            rules["booster"] += bool(d["booster"])
            rules["caps"] += d["emphasis"] == "caps"
            rules["but"] += d["but_weight"] != 1.0
            rules["idiom"] += rule == "vader:idiom"
            rules["emoticon"] += rule == "textblob:emoticon"
            rules["exclaim"] += d["emphasis"].startswith("!")
    assert all(n >= 5 for n in rules.values()), rules
    nonzero = sum(1 for v, tb in references if v["compound"] != 0 or tb.polarity != 0)
    assert nonzero > 0.6 * len(references)


def test_textblob_lexicon_loaded_without_the_package_equals_the_package():
    """The tone layer builds TextBlob's sentiment lexicon from textblob/_text.py and
    en-sentiment.xml without importing textblob (whose __init__ imports NLTK and scipy);
    every part the pattern analyzer reads must equal ``textblob.en.sentiment``."""
    from textblob import _text as real_text
    from textblob.en import sentiment as real

    ours = tone._textblob_sentiment()
    assert type(ours).__mro__[1] is not real_text.Sentiment  # a private copy, not the package's module
    assert len(ours) == len(real) > 2800
    assert dict(dict.items(ours)) == dict(dict.items(real))
    assert ours.labeler == real.labeler and ours._synsets == real._synsets
    assert (ours.negations, ours.modifiers, ours._language, ours._confidence, ours._synset) == (
        real.negations,
        real.modifiers,
        real._language,
        real._confidence,
        real._synset,
    )
    assert ours.path == real.path
    words = sorted(dict.keys(real))
    assert [ours.modifier(w) for w in words] == [real.modifier(w) for w in words]
    assert [ours.tokenizer(s) for s in SENTENCES] == [real.tokenizer(s) for s in SENTENCES]
    assert [ours(s) for s in SENTENCES[:500]] == [real(s) for s in SENTENCES[:500]]
    tx = tone._textblob_text()
    for name in ("PUNCTUATION", "ABBREVIATIONS", "replacements", "EOS", "MOOD", "IRONY", "EMOTICONS"):
        assert getattr(tx, name) == getattr(real_text, name), name
    for name in ("RE_ABBR1", "RE_ABBR2", "RE_ABBR3", "RE_SARCASM", "RE_EMOTICONS"):
        assert getattr(tx, name).pattern == getattr(real_text, name).pattern, name


def test_analysis_does_not_import_nltk_or_scipy():
    """Importing textblob imports NLTK and scipy (1-2 s per process, paid by every worker of a
    parallel run); the whole default pipeline must not need them."""
    code = (
        "import sys, framing\n"
        "r = framing.analyze(['Officials said the raid was terrible, but the plan is good. :) 😀'])\n"
        "assert (r.sentences['vader_compound'] != 0).any()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'nltk', 'scipy', 'textblob'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# ---------------------------------------------------------------------------
# Evidence


def _spans(text):
    r = score_sentence(text)
    return r, [(text[a:b], cat, rule, d) for a, b, cat, rule, d in r.evidence]


def test_negation_flips_the_word_and_says_so():
    r, spans = _spans("That is not a bad idea.")
    assert r.vader_compound > 0 and r.textblob_polarity > 0 and r.tone > 0
    assert {(w, d["source"]) for w, *_x, d in spans} == {("bad", "vader"), ("bad", "textblob")}
    for _w, category, _rule, d in spans:
        assert category == "positive"
        assert d["negated"] is True and d["negator"] == "not"
        assert d["lexicon_valence"] < 0 < d["valence"]


def test_booster_is_named_and_raises_the_value():
    r, spans = _spans("This is extremely good.")
    plain = score_sentence("This is good.")
    assert r.vader_compound > plain.vader_compound
    assert [w for w, *_x in spans] == ["good", "good"]
    for _w, category, _rule, d in spans:
        assert category == "positive" and d["booster"] == "extremely" and not d["negated"]
    vader = next(d for *_x, d in spans if d["source"] == "vader")
    assert vader["valence"] > vader["lexicon_valence"]
    # pattern rates "extremely" with intensity 1.0 (no change) but "very" with 1.3
    _r, very = _spans("This is very good.")
    textblob = next(d for *_x, d in very if d["source"] == "textblob")
    assert textblob["booster"] == "very" and textblob["valence"] > textblob["lexicon_valence"] == 0.7


def test_dampener_lowers_the_value():
    _r, spans = _spans("This is slightly good.")
    vader = next(d for *_x, d in spans if d["source"] == "vader")
    assert vader["booster"] == "slightly" and 0 < vader["valence"] < vader["lexicon_valence"]


@pytest.mark.parametrize(
    "text, direction",
    [
        ("The plan was good, but the execution was terrible.", -1),
        ("The plan was terrible, but the execution was good.", +1),
    ],
)
def test_but_shifts_weight_to_the_second_clause(text, direction):
    r, spans = _spans(text)
    assert math.copysign(1, r.vader_compound) == direction
    vader = {w: d for w, _c, _r, d in spans if d["source"] == "vader"}
    before, after = (vader["good"], vader["terrible"]) if direction < 0 else (vader["terrible"], vader["good"])
    assert before["but_weight"] == 0.5 and after["but_weight"] == 1.5  # rounded to 4 places
    # the spans explain the sign: the sum of VADER's values has the sign of compound
    assert math.copysign(1, sum(d["valence"] for d in vader.values())) == direction


def test_caps_and_exclamation_are_recorded():
    _r, spans = _spans("The raid was TERRIBLE!!!")
    details = {d["source"]: d for *_x, d in spans}
    assert details["vader"]["emphasis"] == "caps"
    assert details["textblob"]["emphasis"] == "!!!"


@pytest.mark.parametrize(
    "text",
    [
        "That is not a bad idea.",
        "This is extremely good.",
        "He is not the worst.",
        "It isn't horrible, but it isn't great either.",
        "No problems at all.",
        "I love it :)",
        "Tom Homan said the operation would be a “huge success” ( ! ) for ICE 😀.",
    ],
)
def test_vader_spans_sum_to_the_sign_of_compound(text):
    r = score_sentence(text, overrides=False)
    total = sum(d["valence"] for *_x, d in r.evidence if d["source"] == "vader")
    assert (total > 0) == (r.vader_compound > 0) and (total < 0) == (r.vader_compound < 0)
    for a, b, category, _rule, d in r.evidence:
        assert category == ("positive" if d["tone_valence"] > 0 else "negative" if d["tone_valence"] < 0 else "neutral")
        assert text[a:b].strip() == text[a:b] and text[a:b]


def test_emoji_evidence_points_at_the_emoji():
    text = "Agents were praised 😀 today."
    r = score_sentence(text)
    hits = {text[a:b] for a, b, *_x in r.evidence}
    assert "praised" in hits and "😀" in hits


def test_spans_index_the_document_text(result):
    spans = result.spans[result.spans["layer"] == "tone"]
    assert len(spans) > 50
    for doc_id, frame in spans.groupby("doc_id"):
        text = result.text(doc_id)
        for start, end, span_text in zip(frame["start"], frame["end"], frame["text"]):
            assert text[start:end] == span_text
    assert set(spans["category"]) <= {"positive", "negative", "neutral"}
    assert {"source", "negated", "booster", "valence", "tone_valence"} <= set(spans.columns)


def test_layer_columns_and_aggregates(result):
    s = result.sentences
    for column in (*tone.TONE_COLUMNS, "tone_status"):
        assert column in s.columns and s[column].notna().all(), column
    assert s["tone"].between(-1, 1).all() and s["tone_intensity"].between(0, 1).all()
    docs = result.documents.set_index("doc_id")
    for doc_id, frame in s.groupby("doc_id"):
        body = frame[frame["kind"] != "heading"]
        expected = (body["tone"] * body["n_tokens"]).sum() / body["n_tokens"].sum()
        assert docs.loc[doc_id, "tone"] == pytest.approx(expected)
        share = (body["tone"] < -0.05).mean()
        assert docs.loc[doc_id, "negative_share"] == pytest.approx(share)
        assert 0 <= docs.loc[doc_id, "tone_sd"] < 1


def test_layer_equals_score_sentence(seed_texts):
    text = next(iter(seed_texts.values()))
    r = framing.analyze([text], annotators=[ToneAnnotator()])
    for row in r.sentences.itertuples():
        one = score_sentence(row.text)
        assert (row.vader_compound, row.textblob_polarity, row.tone) == (
            one.vader_compound,
            one.textblob_polarity,
            one.tone,
        )


# ---------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    "text, status",
    [
        ("!!! ... ???", "no_words"),
        ("100,000 2025 3.5%", "no_words"),
        (
            "El gobierno anunció una operación masiva en Los Ángeles. La policía dijo que no hay problema.",
            "non_english",
        ),
        (
            "Der Präsident sagte gestern, dass die Razzia nicht legal sei und die Polizei sie stoppen müsse.",
            "non_english",
        ),
        ("移民局计划在洛杉矶进行大规模突袭。他们说这很糟糕。", "non_english"),
        ("Президент заявил, что операция начнется в феврале.", "non_english"),
    ],
)
def test_bad_input_scores_zero_with_a_status(text, status):
    r = framing.analyze([text, "The plan is good."], annotators=[ToneAnnotator()])
    first = r.sentences[r.sentences["doc_id"] == "doc-00001"]
    assert (first["tone_status"] == status).all()
    assert (first["tone"] == 0).all() and (first["tone_intensity"] == 0).all()
    doc = r.documents.iloc[0]
    assert doc["status"] == "warning" and "tone" in doc["status_detail"]
    assert doc["tone"] == 0
    assert r.documents.iloc[1]["status"] == "ok" and r.documents.iloc[1]["tone"] > 0


def test_non_english_keeps_the_reference_scores():
    text = "Der Präsident sagte gestern, dass die Razzia illegal sei und die Polizei sie stoppen müsse."
    r = framing.analyze([text], annotators=[ToneAnnotator()]).sentences.iloc[0]
    assert r["vader_compound"] == score_sentence(text).vader_compound < 0  # "illegal"
    assert r["tone_status"] == "non_english"
    assert r["tone"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Señor Pérez is great.",
        "Xi Jinping met Olaf Scholz in Beijing on Tuesday.",
        "The café on Rue de Rivoli reopened.",
    ],
)
def test_names_do_not_look_foreign(text):
    assert tone._sentence_status(text) == "ok"


def test_english_news_is_never_flagged():
    flagged = [s for s in _corpus_sentences() if tone._sentence_status(s) == "non_english"]
    assert flagged == []


def test_empty_and_odd_documents_never_raise():
    docs = ["", "   \n\n ", "!!!", "—", "ICE!", "a" * 5000, "good " * 3000]
    r = framing.analyze(docs, annotators=[ToneAnnotator()])
    assert r.doc_ids == [f"doc-{i:05d}" for i in range(1, len(docs) + 1)]
    assert "error" not in set(r.documents["status"])
    assert r.documents.iloc[0]["status"] == "empty"


def test_score_sentence_rejects_non_strings():
    with pytest.raises(TypeError, match="needs a str"):
        score_sentence(None)


# ---------------------------------------------------------------------------
# Overrides


def test_overrides_change_only_tone():
    text = "Crude oil prices fell two percent."
    on, off = score_sentence(text), score_sentence(text, overrides=False)
    assert on[:6] == off[:6]  # vader_* and textblob_* untouched
    assert off.tone < 0 and on.tone == 0
    span = next(d for a, b, _c, _r, d in on.evidence if text[a:b] == "Crude")
    assert span["override"] and span["tone_valence"] == 0 and span["valence"] < 0


def test_off_switch(seed_texts):
    text = next(iter(seed_texts.values())) + "\n\nCrude oil prices fell two percent on Monday."
    on = framing.analyze([text], annotators=[ToneAnnotator()])
    off = framing.analyze([text], tone_overrides=False)
    cols = ["vader_compound", "vader_pos", "vader_neg", "vader_neu", "textblob_polarity", "subjectivity"]
    assert on.sentences[cols].equals(off.sentences[cols])
    assert on.sentences["text"].iloc[-1].startswith("Crude")
    assert on.sentences["tone"].iloc[-1] == 0 and off.sentences["tone"].iloc[-1] < 0
    assert "tone_overrides.csv" in on.manifest["lexicons"] and "tone_overrides.csv" not in off.manifest["lexicons"]


def test_overrides_file_rules_are_well_formed():
    rules = tone._overrides()
    assert rules
    for word, found in rules.items():
        for rule in found:
            assert rule.reason and rule.word == word


def test_every_override_word_is_scored_by_a_tool():
    """A correction of a word neither tool scores would change nothing: none is listed."""
    vader, pattern = tone._vader(), tone._pattern()
    rules = tone._overrides()
    assert 100 <= sum(map(len, rules.values())) <= 250
    unscored = [w for w in rules if w not in vader.lexicon and w not in pattern.words]
    assert unscored == []


@pytest.mark.parametrize(
    "text, word, before, after",
    [
        # (text, word, sign of the word's tone before, after the correction)
        ("Police said the bomb exploded near the market.", "bomb", +1, -1),  # VADER idiom "the bomb" = excellent
        ("She tested positive for the virus.", "positive", +1, 0),
        ("The fire department said two people were hurt.", "fire", -1, 0),
        ("Interest rates rose again.", "Interest", +1, 0),
        ("The Supreme Court heard the case.", "Supreme", +1, 0),
        ("Officials said the United States would respond.", "United", +1, 0),
        ("The company paid a hefty fine.", "fine", +1, -1),
        ("A leaked memo outlines the plan.", "leaked", -1, 0),
        ("More than 100 people died.", "More", +1, 0),
        ("Cities like Denver were named.", "like", +1, 0),
        ("Shares fell 4 percent.", "Shares", +1, 0),
        ("The powerful earthquake struck at dawn.", "powerful", +1, 0),
    ],
)
def test_override_examples(text, word, before, after):
    def signs(result):
        out = {(text[a:b], d["source"]): d for a, b, _c, _r, d in result.evidence}
        return {
            math.copysign(1, d["tone_valence"]) if d["tone_valence"] else 0 for (w, _s), d in out.items() if w == word
        }

    on, off = score_sentence(text), score_sentence(text, overrides=False)
    assert signs(off) == {before}
    assert signs(on) == {after}
    assert on[:6] == off[:6]


def test_no_is_not_negative_but_still_negates():
    on = score_sentence("No injuries were reported.")
    assert score_sentence("No injuries were reported.", overrides=False).tone < 0
    assert on.tone < 0 or on.tone == 0
    assert not [d for a, b, _c, _r, d in on.evidence if d["entry"] == "no" and d["tone_valence"] != 0]
    assert score_sentence("The plan is not good.").tone < 0
    assert score_sentence("There is no good option.").tone < 0  # the negation of "good" stays


def test_keep_rows_are_exceptions():
    assert score_sentence("We like the plan.").tone > 0  # the verb of approval
    assert score_sentence("The birthday party was fun.").tone > score_sentence("The Republican party was fun.").tone


def test_name_rule_needs_a_name_inside_a_sentence():
    # "Hope" inside a sentence is a name; as the first word, or in a title-case
    # headline, it is not treated as one
    named = score_sentence("The aide Hope Hicks testified.")
    assert all(d["tone_valence"] == 0 for *_x, d in named.evidence if d["entry"] == "hope")
    assert score_sentence("Hope is fading.").tone > 0
    headline = score_sentence("Residents Hope For Calm After Raid")
    assert any(d["tone_valence"] > 0 for *_x, d in headline.evidence if d["entry"] == "hope")


# ---------------------------------------------------------------------------
# Tone arc


def test_tone_arc_is_tidy_and_adds_up(result):
    arc = framing.tone_arc(result, bins=10)
    assert list(arc.columns) == list(tone.ARC_COLUMNS)
    assert len(arc) == 10 * len(result.doc_ids)
    assert arc["doc_id"].drop_duplicates().tolist() == result.doc_ids
    body = result.sentences[result.sentences["kind"] != "heading"]
    for doc_id, frame in arc.groupby("doc_id"):
        sents = body[body["doc_id"] == doc_id].sort_values("sent_index")
        assert frame["n_sentences"].sum() == len(sents)
        assert frame["n_tokens"].sum() == sents["n_tokens"].sum()
        assert frame["bin"].tolist() == list(range(10))
        assert frame["position"].tolist() == pytest.approx([(b + 0.5) / 10 for b in range(10)])
        # the first bin holds the first sentences, and its tone is their token-weighted mean
        first = frame.iloc[0]
        inside = sents[sents["sent_index"].between(first["first_sentence"], first["last_sentence"])]
        assert len(inside) == first["n_sentences"]
        expected = (inside["tone"] * inside["n_tokens"]).sum() / inside["n_tokens"].sum()
        assert first["tone"] == pytest.approx(expected)
        # token-weighted bins average back to the document tone
        doc_tone = result.documents.set_index("doc_id").loc[doc_id, "tone"]
        assert (frame["tone"] * frame["n_tokens"]).sum() / frame["n_tokens"].sum() == pytest.approx(doc_tone)


def test_tone_arc_short_and_empty_documents():
    r = framing.analyze(
        ["", "The plan is good.\n\nBut the raid was terrible.\n\nNobody knows.", "Headline only"],
        annotators=[ToneAnnotator()],
    )
    arc = framing.tone_arc(r, bins=4)
    assert arc.groupby("doc_id").size().tolist() == [4, 4, 4]
    empty = arc[arc["doc_id"] == "doc-00001"]
    assert (empty["n_sentences"] == 0).all() and empty["tone"].isna().all() and (empty["first_sentence"] == -1).all()
    short = arc[arc["doc_id"] == "doc-00002"]
    assert short["n_sentences"].tolist().count(0) == 4 - short["n_sentences"].astype(bool).sum()
    assert short["tone"].notna().sum() == short["n_sentences"].astype(bool).sum()
    # with headings included the headline-only document has one point
    assert framing.tone_arc(r, bins=4, headings=True).query("doc_id == 'doc-00003'")["n_sentences"].sum() == 1


@pytest.mark.parametrize("bins", [0, -3, 2.5, "10", True])
def test_tone_arc_rejects_bad_bins(result, bins):
    with pytest.raises(framing.AnalysisError, match="bins"):
        framing.tone_arc(result, bins=bins)


def test_tone_arc_feeds_the_figure(result):
    figures = pytest.importorskip("framing.viz.figures")
    ax = figures.plot_tone_arc(framing.tone_arc(result, bins=10))
    assert len(ax.lines) >= len(result.doc_ids)


# ---------------------------------------------------------------------------
# Targeted tone


TARGETS = {
    "ICE": ["ICE", "Immigration and Customs Enforcement"],
    "Homan": ["Tom Homan", "Homan", "border czar"],
}


def _analysed(*texts):
    return framing.analyze(list(texts), annotators=[ToneAnnotator()])


def test_acronyms_match_case_sensitively_and_whole_words():
    r = _analysed(
        "ICE agents arrested him.\n\nShe ate ice cream in Iceland.\n\nThe anti-ICE protest grew, and ICE's "
        "budget rose.\n\nICED coffee is not a target.\n\nImmigration and\nCustoms Enforcement said so."
    )
    spans = target_module.target_spans(r, TARGETS)
    text = r.text("doc-00001")
    assert spans["text"].tolist() == ["ICE", "ICE", "ICE", "Immigration and\nCustoms Enforcement"]
    for start, end, span_text in zip(spans["start"], spans["end"], spans["text"]):
        assert text[start:end] == span_text
    assert (spans["layer"] == "target").all() and (spans["category"] == "ICE").all()
    # 'ice' as a plain alias would match the noun: the case rule is what prevents it
    loose = target_module.target_spans(r, {"ice": ["ice"]}, case="insensitive")
    assert "ice" in loose["text"].tolist()


def test_names_match_in_any_case_and_longest_alias_wins():
    r = _analysed("TOM HOMAN SPEAKS\n\nTom Homan, the border czar, said Homan would act.")
    spans = target_module.target_spans(r, TARGETS, headings=True)
    assert spans["alias"].tolist() == ["Tom Homan", "Tom Homan", "border czar", "Homan"]
    assert spans["counted"].tolist() == [True] * 4
    body_only = target_module.target_spans(r, TARGETS)
    assert body_only["counted"].tolist() == [False, True, True, True]
    sensitive = target_module.target_spans(r, TARGETS, case="sensitive")
    assert "TOM HOMAN" not in sensitive["text"].tolist()


def test_target_tone_means_and_intervals():
    r = _analysed(
        "ICE did a good job.\n\nICE agents were praised for their excellent work.\n\n"
        "ICE raids caused terrible fear.\n\n"
        "Nothing else happened.\n\nHoman said nothing."
    )
    out = framing.target_tone(r, TARGETS)
    assert list(out.columns) == target_module.TARGET_COLUMNS
    ice = out.set_index("target").loc["ICE"]
    sents = r.sentences.set_index("sent_index")
    assert ice["n_mentions"] == 3 and ice["n_sentences"] == 3
    assert ice["tone"] == pytest.approx(sents.loc[[0, 1, 2], "tone"].mean())
    assert ice["ci_low"] <= ice["tone"] <= ice["ci_high"]
    assert ice["negative_share"] == pytest.approx(1 / 3) and ice["positive_share"] == pytest.approx(2 / 3)
    homan = out.set_index("target").loc["Homan"]
    assert homan["n_sentences"] == 1 and math.isnan(homan["ci_low"]) and "fewer than 2" in homan["ci_method"]
    again = framing.target_tone(r, TARGETS)
    assert again.equals(out)  # seeded: deterministic


def test_target_tone_covers_every_document_and_target(result):
    out = framing.target_tone(result, {**TARGETS, "Nobody": ["Zyxwv Qrstu"]}, add_spans=False)
    assert len(out) == 3 * len(result.doc_ids)
    nobody = out[out["target"] == "Nobody"]
    assert (nobody["n_mentions"] == 0).all() and nobody["tone"].isna().all()
    assert (out[out["target"] == "ICE"]["n_mentions"] > 0).all()
    assert "target" not in set(result.spans["layer"])


def test_target_spans_are_added_once(seed_texts):
    r = framing.analyze(list(seed_texts.values()), annotators=[ToneAnnotator()])
    n_tone = (r.spans["layer"] == "tone").sum()
    framing.target_tone(r, TARGETS)
    framing.target_tone(r, TARGETS)
    targets = r.spans[r.spans["layer"] == "target"]
    assert len(targets) > 5 and not targets.duplicated(["doc_id", "start", "end", "category"]).any()
    assert (r.spans["layer"] == "tone").sum() == n_tone
    for doc_id, frame in targets.groupby("doc_id"):
        text = r.text(doc_id)
        assert all(text[a:b] == t for a, b, t in zip(frame["start"], frame["end"], frame["text"]))


@pytest.mark.parametrize(
    "targets, message",
    [
        (["ICE"], "dict"),
        ({}, "dict"),
        ({"ICE": []}, "list of aliases"),
        ({"ICE": ["ICE", ""]}, "non-empty string"),
        ({"ICE": [None]}, "non-empty string"),
    ],
)
def test_target_tone_rejects_bad_targets(result, targets, message):
    with pytest.raises(framing.AnalysisError, match=message):
        framing.target_tone(result, targets, add_spans=False)


def test_target_tone_rejects_bad_options(result):
    with pytest.raises(framing.AnalysisError, match="case"):
        framing.target_tone(result, TARGETS, case="upper", add_spans=False)
    with pytest.raises(framing.AnalysisError, match="confidence"):
        framing.target_tone(result, TARGETS, confidence=95, add_spans=False)


def _chunks(text):
    return [tone._CHUNKS[w] for w in text.split()]


def _pattern_tokens(text):
    """(lower-cased tokens, tokens) of the layer's TextBlob tokenisation of ``text``."""
    pattern = tone._pattern()
    chunks = _chunks(text)
    if any(c.crosses for c in chunks):
        lows, tokens, _from_chunks = pattern.tokens_across_chunks(text, chunks)
        return lows, tokens
    return [t for c in chunks for t in c.pattern_lows], [t for c in chunks for t in c.pattern_tokens]


def test_fast_correction_paths_equal_a_full_rescoring():
    """Neutral corrections are applied by dropping words from a full run (VADER: its rules
    read neighbouring words, not values; pattern: when the word made its own assessment);
    this must equal scoring again with the word removed."""
    vader, pattern = tone._vader(), tone._pattern()
    vrules, prules = tone._overrides_by_tool()
    rnd = random.Random(11)
    words = (
        sorted(vrules) + sorted(prules) + ["not", "very", "but", "!", "the", "no", "tested", "oil", "I", "like", "BUT"]
    )
    texts = [
        " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))) + rnd.choice(["", ".", "!", "!!", "?"])
        for _ in range(1500)
    ] + _corpus_sentences()
    n_vader = n_pattern = 0
    for s in texts:
        vtext, vwords, _spans = vader.tokens(s)
        vlows = [vader.lower_stripped(w) for w in vwords]
        *_scores, hits = vader.score(vtext, vwords, vlows)
        vover = tone._match_overrides(vrules, vlows, vwords, 1.0)
        if vover and all(v is None for v, _r in vover.values()):
            n_vader += 1
            full = vader.score(vtext, vwords, vlows, {i: v for i, (v, _r) in vover.items()})
            fast = vader.without(vtext, vlows, hits, vover)
            assert full[:4] == fast[:4], s
        tlows, tokens = _pattern_tokens(s)
        _p, _s, items = pattern.assess(tlows)
        tover = tone._match_overrides(prules, tlows, tokens, 0.25)
        changes = {i: v for i, (v, _r) in tover.items()}
        fast = tone._pattern_without(pattern, tlows, items, changes) if tover else None
        if fast is not None:
            n_pattern += 1
            full = pattern.assess(tlows, changes)
            assert (full[0], [(a.tokens, a.polarity) for a in full[2]]) == (
                fast[0],
                [(a.tokens, a.polarity) for a in fast[1]],
            ), s
    assert n_vader > 300 and n_pattern > 300


# ---------------------------------------------------------------------------
# Fast paths of the tone layer equal the plain ones


def test_spans_cover_the_word_they_name():
    """Every VADER span covers its (punctuation-stripped) word and every TextBlob span its
    token, on the varied sentences, with and without the corrections."""
    for overrides in (True, False):
        for s in SENTENCES:
            for a, b, _category, rule, d in score_sentence(s, overrides=overrides).evidence:
                if d["source"] == "textblob":  # (the package joins "( ! )" and ": )")
                    assert "".join(s[a:b].split()).lower() == d["entry"], (s, rule, s[a:b], d["entry"])
                elif not any(ord(ch) > 0x2000 for ch in s):  # (an emoji's entry is its description,
                    assert s[a:b].lower() == d["entry"], (s, s[a:b], d["entry"])  # its span the token)


def _tokens_with_every_check(pattern, text):
    """TextBlob's tokens as the layer first computed them: per chunk, joined, and the
    package's tokenizer when sarcasm, END-OF-SENTENCE or a spaced emoticon is present."""
    tokens = [t for chunk in text.split() for t in pattern.chunk_tokens(chunk)]
    joined = " ".join(tokens)
    if (
        ("(" in joined and pattern.sarcasm_re.search(joined))
        or pattern.eos in joined
        or pattern.emoticons_re.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), joined) != joined
    ):
        return " ".join(pattern.tokenizer(text)).split(), False
    return tokens, True


def test_pattern_tokens_skip_the_cross_chunk_checks_only_when_they_cannot_apply():
    pattern = tone._pattern()
    pieces = [
        "good",
        ":",
        ")",
        "-",
        "(",
        "!",
        "D",
        "8",
        "x",
        "X",
        "o",
        ".",
        "O",
        "<",
        "3",
        "'s",
        "s",
        ";",
        ":-",
        "=",
        "^",
        "_",
        "°",
        "*",
        ">",
        "P",
        "b",
        "c",
        "/",
        "\\",
        "]",
        "[",
        "}",
        "END-OF-SENTENCE",
    ]
    rnd = random.Random(7)
    texts = SENTENCES + [
        "".join(rnd.choice(pieces) + rnd.choice(["", " ", " ", "  "]) for _ in range(rnd.randint(1, 9)))
        for _ in range(3000)
    ]
    n_slow = 0
    for text in texts:
        chunks = _chunks(text)
        expected, expected_fast = _tokens_with_every_check(pattern, text)
        if not any(c.crosses for c in chunks):
            assert expected_fast, text
            assert [t for c in chunks for t in c.pattern_lows] == [t.lower() for t in expected], text
            continue
        lows, tokens, fast = pattern.tokens_across_chunks(text, chunks)
        assert fast == expected_fast, text
        assert lows == [t.lower() for t in expected], text
        assert tokens == expected, text
        n_slow += not fast
    assert n_slow > 300


def test_vader_quiet_words_shortcut_equals_the_full_rules():
    """Hits whose neighbours cannot fire a rule skip the rules; forcing every hit through
    them must give the same scores and hits (idioms, multi-word boosters included)."""
    vader = tone._vader()
    rnd = random.Random(3)
    idiom_words = sorted({w for k in list(vader.special) + list(vader.booster_seq) for w in k})
    words = idiom_words + [
        "good",
        "bad",
        "great",
        "the",
        "of",
        "to",
        "not",
        "very",
        "GOOD",
        "no",
        "this",
        "so",
        "least",
    ]
    texts = SENTENCES + [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]

    def scored(text):
        vtext, vwords, _spans = vader.tokens(text)
        *scores, hits = vader.score(vtext, vwords, [vader.lower_stripped(w) for w in vwords])
        return scores, [
            (h.index, h.value, h.base, list(h.negators), list(h.boosters), h.caps, h.idiom, h.before_but) for h in hits
        ]

    results = [scored(text) for text in texts]
    try:
        vader._no_rule_can_fire = lambda *args: False  # every word through the rules
        for text, fast in zip(texts, results):
            assert scored(text) == fast, text
    finally:
        del vader._no_rule_can_fire


def test_layer_equals_score_sentence_on_varied_documents():
    """The annotator (language check from the document's tokens, offsets into the
    document) gives every sentence the columns, status and spans of score_sentence."""
    from framing.layers.base import DocResult
    from framing.text.segment import segment

    rnd = random.Random(9)
    texts = [rnd.choice([" ", "\n\n", "\n", "  "]).join(SENTENCES[i : i + 9]) for i in range(0, len(SENTENCES), 9)]
    english = tone._english_alpha()
    n = 0
    for text in texts:
        doc = segment(text, "d")
        out = DocResult("d", _text=text)
        ToneAnnotator().annotate(doc, out)
        spans = {}
        for row in out.spans:
            spans.setdefault(row["sent_index"], []).append(row)
        for sent in doc.sentences:
            sentence = text[sent.start : sent.end]
            lows = doc.tok_lower[sent.tok_first : sent.tok_last]
            counts = (sum(w in english for w in lows), sum(w.isalpha() for w in lows))
            status = tone._sentence_status(sentence, counts)
            assert out.sentence_values["tone_status"][sent.index] == status, sentence
            one = score_sentence(sentence)
            got = tuple(out.sentence_values[c][sent.index] for c in tone.TONE_COLUMNS)
            expected = tuple(one[:6]) + ((one.tone, one.tone_intensity) if status != "non_english" else (0.0, 0.0))
            assert got == expected, sentence
            rows = spans.get(sent.index, [])
            for row in rows:
                assert text[row["start"] : row["end"]] == row["text"]
            mine = [
                (
                    r["start"] - sent.start,
                    r["end"] - sent.start,
                    r["category"],
                    r["rule"],
                    *[r[k] for k in tone.EVIDENCE_DETAILS],
                )
                for r in rows
            ]
            ref = [(a, b, c, ru, *[d[k] for k in tone.EVIDENCE_DETAILS]) for a, b, c, ru, d in one.evidence]
            assert repr(mine) == repr(ref), sentence
            n += 1
    assert n > 1500


def _package_chunk_tokens(pattern, chunks):
    """TextBlob's own ``find_tokens`` on each chunk alone, with its two rules across tokens
    written with spaces (sarcasm ``( ! )``, emoticons ``: )``) switched off: the tokens the
    layer's per-chunk memo must give (its sentence splitting only groups the tokens)."""
    import re as _re

    tx = tone._textblob_text()
    saved = tx.RE_SARCASM, tx.RE_EMOTICONS
    tx.RE_SARCASM = tx.RE_EMOTICONS = _re.compile(r"(?!)")  # matches nothing
    try:
        return [tuple(" ".join(tx.find_tokens(chunk)).split()) for chunk in chunks]
    finally:
        tx.RE_SARCASM, tx.RE_EMOTICONS = saved


def _novel_chunks(n: int, seed: int) -> list[str]:
    """Whitespace chunks as in varied news: general-English words (mostly in neither tool's
    lexicon) and lexicon words, in any case, with marks before, after and inside them
    (quotes of every kind, apostrophes and contractions, hyphens, periods and
    abbreviations, ellipses, emoticon pieces, digits, unicode letters)."""
    from framing.lexicons import read_rows

    words = [r["word"] for r in read_rows("background_en.csv", ("word", "count"))][:6000]
    words += [
        "good",
        "bad",
        "not",
        "never",
        "n't",
        "Mr",
        "U.S",
        "e.g",
        "A",
        "i",
        "café",
        "naïve",
        "Zürich",
        "2025",
        "3rd",
    ]
    rnd = random.Random(seed)
    before = ["", "", "", "", '"', "'", "“", "‘", "(", "[", "-", "*", "#", "$", "...", ":", "«"]
    after = [
        "",
        "",
        "",
        ",",
        ",",
        ".",
        ".",
        ";",
        ":",
        "!",
        "?",
        '"',
        "'",
        "”",
        "’",
        ")",
        "]",
        "...",
        ".)",
        ',"',
        ".”",
        "'s",
        "’s",
        "n't",
        "'ll",
        "'re",
        "'d",
        "-",
        "--",
        ":)",
        ":-)",
        ";)",
        ":D",
        "8)",
        "!?",
        "?!",
        "%",
        "…",
        "—",
    ]
    inner = ["", "", "", "", "-", "'", "’", ".", "/", "&", "_", "-", "@"]
    out = []
    for _ in range(n):
        w = rnd.choice(words)
        case = rnd.random()
        w = w.upper() if case < 0.12 else w.capitalize() if case < 0.35 else w
        if rnd.random() < 0.2:
            w = w + rnd.choice(inner) + rnd.choice(words)
        if rnd.random() < 0.05:
            w = w[:1] + "."
        out.append(rnd.choice(before) + w + rnd.choice(after))
    return out


def test_chunk_tokens_fast_paths_equal_the_package_tokenizer():
    """The per-chunk TextBlob tokens (at least one per chunk), their lower-cased tokens, their
    places in the chunk and the flag for the checks across chunks equal the package's
    tokenizer and the rule of ``_Pattern.crosses_chunks`` on 40,000 varied chunks."""
    pattern = tone._pattern()
    chunks = [c for c in _novel_chunks(40_000, 11) + [c for s in SENTENCES for c in s.split()] if pattern.eos not in c]
    shapes = {"word+mark": 0, "word.": 0, "quote": 0, "apostrophe": 0}
    for chunk, expected in zip(chunks, _package_chunk_tokens(pattern, chunks)):
        assert pattern.chunk_tokens(chunk) == expected, chunk
        info = tone._make_chunk(chunk)
        pairs = [(expected[k - 1][-1], expected[k]) for k in range(1, len(expected))]
        needs_checks = (
            "(" in chunk or expected[0] in pattern.emoticon_mids or not pattern.emoticon_pairs.isdisjoint(pairs)
        )
        assert info.pattern_lows == tuple(" ".join(expected).lower().split()), chunk
        assert info.crosses == needs_checks, chunk
        assert info.pattern_tokens == expected and info.n_pattern_tokens == len(expected) >= 1, chunk
        assert [chunk[a:b] for a, b in info.pattern_offsets] == list(expected), chunk
        shapes["word+mark"] += chunk[:-1].isalnum() and chunk[-1] in pattern.split_marks
        shapes["word."] += chunk[:-1].isalnum() and chunk[-1] == "."
        shapes["quote"] += any(q in chunk for q in '"“”‘')
        shapes["apostrophe"] += "'" in chunk or "’" in chunk
    assert min(shapes.values()) > 1000, shapes


def test_overrides_matched_over_candidates_equal_a_full_scan():
    """Override rules looked up only at the tools' lexicon words find what a lookup at
    every token finds (every word with a rule is a lexicon word of the tool it corrects)."""
    vader, pattern = tone._vader(), tone._pattern()
    vrules, prules = tone._overrides_by_tool()
    rnd = random.Random(5)
    rule_words = sorted(set(vrules) | set(prules))
    texts = SENTENCES + [
        " ".join(
            rnd.choice(rule_words + ["the", "New", "oil", "Party", "a", "of", "U.S."])
            for _ in range(rnd.randint(1, 10))
        )
        for _ in range(2000)
    ]
    n = 0
    for text in texts:
        vtext, vwords, _spans = vader.tokens(text)
        vlows = [vader.lower_stripped(w) for w in vwords]
        vcand = [i for i, w in enumerate(vlows) if w in vader.lexicon]
        full = tone._match_overrides(vrules, vlows, vwords, 1.0)
        assert tone._match_overrides(vrules, vlows, vwords, 1.0, vcand) == full, text
        tlows, tokens = _pattern_tokens(text)
        tpos = [k for k, w in enumerate(tlows) if w in pattern.relevant]
        tfull = tone._match_overrides(prules, tlows, tokens, 0.25)
        assert tone._match_overrides(prules, tlows, tokens, 0.25, tpos) == tfull, text
        n += bool(full) + bool(tfull)
    assert n > 1000


def test_chunk_holds_the_tools_words():
    """A chunk's entry holds VADER's word (stripped of ASCII punctuation unless 2 or fewer
    characters remain, lower-cased), its place in the chunk and its lexicon membership, and
    which of pattern's tokens its assessments read."""
    vader, pattern = tone._vader(), tone._pattern()
    chunks = _novel_chunks(20_000, 12) + ["'s", "--", "...", "U.S.", "“Yes,”", "a.", ":)", "'em'", "x", "İstanbul,"]
    chunks += [c for s in SENTENCES for c in s.split()]
    for chunk in chunks:
        info = tone._make_chunk(chunk)
        stripped = chunk.strip(string.punctuation)
        word = chunk if len(stripped) <= 2 else stripped
        assert info.vader_word == word.lower() and info.in_vader_lexicon == (word.lower() in vader.lexicon), chunk
        assert chunk[info.vader_start : info.vader_end] == word, chunk
        assert info.pattern_relevant == tuple(t in pattern.relevant for t in info.pattern_lows), chunk
        assert info.width == len(chunk) + 1, chunk
    assert vader.lower_stripped("“Good,”") == "“good,”" and vader.lower_stripped("(None)") == "none"
    infos = [tone._make_chunk(c) for c in chunks]
    assert sum(i.in_vader_lexicon for i in infos) > 1000 and sum(any(i.pattern_relevant) for i in infos) > 1000
    assert sum(i.n_pattern_tokens > 1 for i in infos) > 1000


# ---------------------------------------------------------------------------
# The layer's rows and measures, on varied documents (the behaviour the retired frozen copy
# of the old implementation guarded: exact columns, row values and types, document measures,
# offsets in long sentences and around every kind of white space)


def _varied_documents() -> list[str]:
    """Documents of varied text: the varied sentences (hand-made, seed and frame-label
    sentences, generated ones with negation, boosters, *but*, idioms, emoticons, emoji, ALL
    CAPS, odd punctuation and spacing, foreign clauses) joined in groups, synthetic articles
    whose vocabulary keeps growing, headings only, long sentences and odd white space."""
    from benchmarks._corpus import synthetic_corpus

    rnd = random.Random(21)
    texts = [
        rnd.choice([" ", "\n\n", "\n", "  ", "\t"]).join(SENTENCES[i : i + 7]) for i in range(0, len(SENTENCES), 7)
    ]
    texts += [r["text"] for vary in (0.5, 0.9) for r in synthetic_corpus(12, seed=31, sentences=(10, 20), vary=vary)]
    texts += [
        "",
        "   ",
        "NOT GOOD. VERY BAD!!! but great :) “Wow,” he said… (!) café naïve Zürich 😀 ok.",
        "# A headline only\n\n## And a subheading",
        "Good news\n\nIt was a terrible, horrible day.\n\nGreat!",
    ]
    long = ", ".join(w for s in SENTENCES[40:400] for w in s.replace(".", " ").split() if w.isalpha()) * 5
    texts += [long[:16383] + ".", long[:70000] + " :) good.", long[:20000] + " :) 😀 good."]
    spaces = [" ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\u2028", "\x0b", " \u00a0 "]
    words = "Good bad NOT great, terrible. “Happy” day! :) no problem but worse 😀 love it?".split()
    for _ in range(60):
        texts.append(
            "".join(rnd.choice(words) + rnd.choice(spaces) for _ in range(rnd.randint(2, 14))).strip(" ") + "."
        )
    return texts


_NUMBER = (int, float)  # (VADER's idioms have whole-number values, as in the package)
_ROW_TYPES = {
    "start": (int,),
    "end": (int,),
    "text": (str,),
    "layer": (str,),
    "category": (str,),
    "rule": (str,),
    "source": (str,),
    "entry": (str,),
    "lexicon_valence": _NUMBER,
    "valence": _NUMBER,
    "tone_valence": _NUMBER,
    "subjectivity": (float,),
    "negated": (bool,),
    "negator": (str,),
    "booster": (str,),
    "emphasis": (str,),
    "but_weight": (float,),
    "override": (str,),
}


def _measures_by_definition(doc, headings, sentence_values) -> dict:
    """The document measures as ToneAnnotator documents them, computed plainly."""
    keep = [s for s in doc.sentences if headings or s.kind != "heading"] or list(doc.sentences)
    weights = [s.tok_last - s.tok_first for s in keep]
    total = sum(weights)
    names = (
        "tone",
        "tone_sd",
        "negative_share",
        "positive_share",
        "tone_intensity",
        "subjectivity",
        "vader_compound",
        "textblob_polarity",
    )
    if not keep or total == 0:
        return dict.fromkeys(names, math.nan)
    idx = [s.index for s in keep]

    def mean(name):
        return sum(w * sentence_values[name][i] for w, i in zip(weights, idx)) / total

    tone_col = sentence_values["tone"]
    m = mean("tone")
    return {
        "tone": m,
        "tone_sd": math.sqrt(max(0.0, sum(w * (tone_col[i] - m) ** 2 for w, i in zip(weights, idx)) / total)),
        "negative_share": sum(1 for i in idx if tone_col[i] < -tone.NEUTRAL_BAND) / len(idx),
        "positive_share": sum(1 for i in idx if tone_col[i] > tone.NEUTRAL_BAND) / len(idx),
        "tone_intensity": mean("tone_intensity"),
        "subjectivity": mean("subjectivity"),
        "vader_compound": mean("vader_compound"),
        "textblob_polarity": mean("textblob_polarity"),
    }


@pytest.mark.parametrize("overrides", [True, False])
def test_layer_rows_and_measures_on_varied_documents(overrides):
    """Every evidence row indexes the document text and has the documented types; the
    sentence columns equal score_sentence's; the document measures follow their definition."""
    from framing.layers.base import DocResult
    from framing.text.segment import segment

    n_rows = 0
    for i, text in enumerate(_varied_documents()):
        doc = segment(text, f"d{i}")
        out = DocResult(doc.doc_id, _text=text)
        ToneAnnotator(overrides=overrides, headings=not overrides).annotate(doc, out)
        for row in out.spans:
            assert text[row["start"] : row["end"]] == row["text"] and row["text"].strip() == row["text"] != ""
            assert row["doc_id"] == doc.doc_id and row["layer"] == "tone"
            for key, kinds in _ROW_TYPES.items():
                assert type(row[key]) in kinds, (key, row)
            assert row["category"] == (
                "positive" if row["tone_valence"] > 0 else "negative" if row["tone_valence"] < 0 else "neutral"
            )
        status = out.sentence_values["tone_status"]
        for sent in doc.sentences:
            one = score_sentence(text[sent.start : sent.end], overrides=overrides)
            expected = tuple(one[:6]) + ((0.0, 0.0) if status[sent.index] == "non_english" else tuple(one[6:8]))
            assert tuple(out.sentence_values[c][sent.index] for c in tone.TONE_COLUMNS) == expected, text
        measures = {k: out.measures[k] for k in _measures_by_definition(doc, not overrides, out.sentence_values)}
        expected = _measures_by_definition(doc, not overrides, out.sentence_values)
        assert all(
            math.isclose(measures[k], v, rel_tol=1e-12, abs_tol=1e-12) or (math.isnan(v) and math.isnan(measures[k]))
            for k, v in expected.items()
        ), text
        n_rows += len(out.spans)
    assert n_rows > 5000


def _vader_compound_from_values(text: str, values: list[float]) -> float:
    """VADER's compound of a sentence from its words' values (``polarity_scores``' last steps:
    punctuation emphasis, normalisation, rounding)."""
    from vaderSentiment import vaderSentiment as vs

    total = float(sum(values))
    qm = text.count("?")
    amplifier = min(text.count("!"), 4) * 0.292 + (0 if qm <= 1 else qm * 0.18 if qm <= 3 else 0.96)
    total = total + amplifier if total > 0 else total - amplifier if total < 0 else total
    return round(vs.normalize(total), 4)


def test_word_evidence_adds_up_to_the_scores():
    """The evidence explains the numbers: VADER's word values give its compound score and
    the mean of TextBlob's assessment values is its polarity (``valence``), and VADER's
    corrected values (``tone_valence``) with TextBlob's polarity give ``tone``."""
    n_checked = n_corrected = 0
    for s in SENTENCES:
        if "(" in s or "END-OF" in s:  # (pattern may join tokens across chunks: "( ! )")
            continue
        r = score_sentence(s)
        vader_rows = [d for *_x, d in r.evidence if d["source"] == "vader"]
        textblob_rows = [d for *_x, d in r.evidence if d["source"] == "textblob"]
        vtext = tone._vader().tokens(s)[0]
        tone_compound = _vader_compound_from_values(vtext, [d["tone_valence"] for d in vader_rows])
        # the tools' own runs: the rows without corrections (every row is then a word of the run)
        plain = [d for *_x, d in score_sentence(s, overrides=False).evidence]
        vader_values = [d["valence"] for d in plain if d["source"] == "vader"]
        assert _vader_compound_from_values(vtext, vader_values) == r.vader_compound, s
        polarity = [d["valence"] for d in plain if d["source"] == "textblob"]
        assert sum(polarity) / (len(polarity) or 1) == r.textblob_polarity, s
        if not any(d["override"] for d in textblob_rows):  # (TextBlob's corrections: test_override_examples)
            assert r.tone == (tone_compound + r.textblob_polarity) / 2, s
            n_corrected += any(d["override"] for d in vader_rows)
        n_checked += 1
    assert n_checked > 2500 and n_corrected > 50


def test_chunk_starts_around_every_kind_of_white_space():
    rnd = random.Random(2)
    spaces = [" ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\u2028", "\x0b", " \u00a0 ", "\x1c"]
    for _ in range(2000):
        text = "".join(
            rnd.choice(["a", "bb", "“c”", "d.", "😀"]) + rnd.choice(spaces) for _ in range(rnd.randint(1, 9))
        )
        text = text.strip() if rnd.random() < 0.7 else text
        chunks = [tone._CHUNKS[w] for w in text.split()]
        assert tone._chunk_starts(text, chunks, 7) == [m.start() + 7 for m in re.finditer(r"\S+", text)], repr(text)


# ---------------------------------------------------------------------------
# The self-check against the installed packages


def test_self_check_passes_silently_with_the_installed_packages():
    import time
    import warnings

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tone._self_check.__wrapped__() is True
    assert time.perf_counter() - t0 < 0.5
    for package, versions in tone.KNOWN_GOOD.items():
        assert tone.metadata.version(package) in versions, (package, "installed version is not declared known good")


@pytest.fixture
def fresh_self_check():
    tone._self_check.cache_clear()
    tone._setup.cache_clear()
    yield
    tone._self_check.cache_clear()
    tone._setup.cache_clear()


def test_self_check_warns_once_with_the_fix(monkeypatch, fresh_self_check):
    real = tone._reference_scores

    def other_vader(sentence):
        (compound, pos, neg, neu), textblob = real(sentence)
        return (compound + 0.5, pos, neg, neu), textblob

    monkeypatch.setattr(tone, "_reference_scores", other_vader)
    with pytest.warns(RuntimeWarning) as caught:
        r = score_sentence("The plan is good.")
        framing.analyze(["It was a terrible day.", "Great!"], annotators=[ToneAnnotator()])
        score_sentence("The plan is bad.", overrides=False)
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(messages) == 1, messages
    message = messages[0]
    version = tone.metadata.version("vaderSentiment")
    assert "vaderSentiment" in message and version in message and "textblob" not in message
    assert "'The plan is good.'" in message  # the first sentence that differs
    assert "pip install 'vaderSentiment==3.3.2'" in message and "still computed" in message
    assert r.vader_compound == real("The plan is good.")[0][0]  # the scores are computed as before


def test_self_check_names_textblob(monkeypatch, fresh_self_check):
    real = tone._reference_scores
    monkeypatch.setattr(tone, "_reference_scores", lambda s: (real(s)[0], (0.123, 0.456)))
    with pytest.warns(RuntimeWarning, match=r"textblob .*pip install 'textblob==0\.20\.1'") as caught:
        score_sentence("Fine.")
    assert len(caught) == 1 and "vaderSentiment" not in str(caught[0].message)


def test_self_check_runs_once_per_process(monkeypatch, fresh_self_check):
    real = tone._reference_scores
    calls = []
    monkeypatch.setattr(tone, "_reference_scores", lambda s: calls.append(s) or real(s))
    framing.analyze(["It was a terrible day.", "Great!"], annotators=[ToneAnnotator()])
    n = len(calls)
    assert n > 20  # the sample's sentences, once
    framing.analyze(["Good."], annotators=[ToneAnnotator(overrides=False)])
    score_sentence("Bad.")
    assert len(calls) == n


def test_despite_does_not_negate_the_project_tone():
    """VADER reads "despite" as a negator ("despite growing outrage" scores positive); tone does not."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = ["The council pressed ahead despite growing outrage.", "They did not like it, despite the praise."]
    result = framing.analyze(texts)
    sentences = result.sentences
    reference = [SentimentIntensityAnalyzer().polarity_scores(t)["compound"] for t in texts]
    assert sentences["vader_compound"].tolist() == pytest.approx(reference)  # the package's own reading
    assert reference[0] > 0 and sentences["tone"].iloc[0] < 0  # outrage stays negative in tone
    assert sentences["tone"].iloc[1] > reference[1]  # the praise stays praise; "not like" stays negated
    outrage = result.spans[(result.spans["layer"] == "tone") & (result.spans["text"] == "outrage")].iloc[0]
    assert outrage["valence"] > 0 and outrage["tone_valence"] < 0
