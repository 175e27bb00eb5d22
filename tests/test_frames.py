"""Frame cues (framing/frames.py, framing/lexicons/frames.csv)."""

from __future__ import annotations

import math
import pickle

import pandas as pd
import pytest

import framing
from framing.errors import LexiconError
from framing.layers.frames import GENERIC_FRAMES, POLICY_FRAMES, FrameAnnotator, FrameCues, frame_cues
from framing.lexicons import read_rows


def cues_of(text: str, **params) -> list[tuple[str, str, str]]:
    """(span text, typology, frame) of every frame span in ``text``."""
    r = framing.analyze([text], annotators=[FrameAnnotator(**params)])
    sp = r.spans
    if sp.empty:
        return []
    return list(zip(sp["text"], sp["typology"], sp["category"]))


def frames_of(text: str, typology: str = "policy") -> set[str]:
    return {f for _, t, f in cues_of(text) if t == typology}


# -- the bundled lexicon ------------------------------------------------------------


def test_bundled_lexicon_covers_both_typologies_and_has_notes():
    cues = frame_cues()
    assert cues.frames["generic"] == list(GENERIC_FRAMES)
    assert cues.frames["policy"] == list(POLICY_FRAMES)
    assert len(POLICY_FRAMES) == 14  # the codebook's 15th dimension, "Other", has no cues
    rows = read_rows("frames.csv", ("typology", "frame", "pattern", "note"))
    assert len(rows) == cues.n_rows > 1500
    assert all(r["note"].strip() for r in rows), "every entry gives its reason"
    keys = [(r["typology"], r["frame"], r["pattern"].lower()) for r in rows]
    assert len(keys) == len(set(keys)), "no entry is listed twice"


def test_annotator_is_picklable_and_reports_its_lexicon_version():
    a = FrameAnnotator()
    assert pickle.loads(pickle.dumps(a)).get_params() == a.get_params()
    cues = pickle.loads(pickle.dumps(frame_cues()))
    assert isinstance(cues, FrameCues) and cues.frames == frame_cues().frames
    assert a.versions() == {"frames.csv": framing.lexicon_versions()["frames.csv"]}


# -- cues in hand-made sentences from several topics ---------------------------------


@pytest.mark.parametrize(
    "text, frame",
    [
        ("The court ruled that the law was unconstitutional.", "legality"),  # courts
        ("Polls show support for the measure has fallen to 41 percent.", "public_opinion"),  # health
        ("Rebels launched an attack on the base near the border.", "security_defense"),  # defence
        ("The new tariffs will raise prices for farmers.", "economic"),  # trade
        ("The new tariffs will raise prices for farmers.", "external_regulation"),  # one cue, two frames
        ("The senator said Democrats would lose the swing states.", "political"),  # elections
        ("Police arrested two men on charges of armed robbery.", "crime_punishment"),  # crime
        ("Heat waves sent hundreds of people to hospital.", "health_safety"),  # climate
        ("The House passed the bill on Tuesday.", "political"),
        ("The House passed the bill on Tuesday.", "policy_prescription"),
    ],
)
def test_sentences_cue_their_frame(text, frame):
    assert frame in frames_of(text)


def test_generic_frames():
    assert "responsibility" in frames_of("The senator blamed the governor for the delays.", "generic")
    assert "conflict" in frames_of("Rebels launched an attack on the base.", "generic")
    assert "human_interest" in frames_of("The 7-year-old girl cried as her mother was led away.", "generic")
    assert "economic_consequences" in frames_of("The closure will cost taxpayers $2 billion.", "generic")


@pytest.mark.parametrize(
    "text, absent",
    [
        # agency names are not security cues
        ("The Department of Homeland Security said it would respond.", "security_defense"),
        # idioms and other word senses
        ("She acted in good faith.", "morality"),
        ("Companies are racing to adopt artificial intelligence.", "security_defense"),
        ("Officials ruled out a delay.", "legality"),
        ("He suffered a heart attack at the rally.", "security_defense"),
        # a capitalised pattern matches only its own spelling
        ("Who said that?", "external_regulation"),
        ("The house burned down on Tuesday.", "political"),
        # "the bill" is a policy instrument; Bill the name is not
        ("Bill Smith, a farmer, said the harvest was late.", "policy_prescription"),
    ],
)
def test_exclusions_and_other_senses_do_not_cue(text, absent):
    assert absent not in frames_of(text)


def test_heart_attack_is_health_not_conflict():
    cues = cues_of("He suffered a heart attack at the rally.")
    assert ("heart attack", "policy", "health_safety") in cues
    assert not any(f == "conflict" for _, _, f in cues)


def test_capitalised_patterns_and_left_context():
    assert ("WHO", "policy", "external_regulation") in cues_of("The WHO declared an emergency.")
    # the whole phrase is the evidence, with the case of the text
    assert ("The House", "policy", "political") in cues_of("The House voted.")
    assert ("under the law", "policy", "legality") in cues_of("It is a crime under the law, she said.")


def test_hyphenated_words_and_word_endings():
    cues = cues_of("The 52-year-old backed a tough-on-crime platform in a GOP-led state.")
    assert ("52-year-old", "generic", "human_interest") in cues
    assert ("tough-on-crime", "policy", "crime_punishment") in cues  # cue = the whole word
    assert ("GOP-led", "policy", "political") in cues
    # hyphenated words whose parts cue nothing stay uncued
    assert not any("-" in t for t, _, _ in cues_of("A well-known, long-term plan - re-issued."))


def test_no_cue_no_span():
    assert cues_of("It was a quiet Tuesday afternoon.") == []


# -- tables -------------------------------------------------------------------------


TEXT = (
    "Immigration Raids Planned\n\n"  # a heading: not counted in document shares
    "Police arrested 40 people in the raids. The arrests cost the city $3 million. "
    "It rained on Tuesday."
)


def test_sentence_columns_and_document_shares():
    r = framing.analyze([TEXT], annotators=[FrameAnnotator()])
    sent = r.sentences.set_index("sent_index")
    assert sent.loc[0, "kind"] == "heading"
    assert sent.loc[1, "policy_frame"] == "crime_punishment"
    assert sent.loc[2, "policy_frame"] == "economic"  # cost, $ (2 cues) against arrests (1)
    assert sent.loc[2, "frame_cues"] == 3
    sp = r.spans[(r.spans.sent_index == 2) & (r.spans.typology == "policy")]
    assert set(sp["category"]) == {"crime_punishment", "economic"}
    assert sent.loc[3, "policy_frame"] == "" and sent.loc[3, "frame_cues"] == 0
    m = r.measures.set_index("measure")["value"]
    # 3 body sentences: crime in two, economic in one
    assert m["frame_share:policy:crime_punishment"] == pytest.approx(2 / 3)
    assert m["frame_share:policy:economic"] == pytest.approx(1 / 3)
    assert m["frame_share:policy:legality"] == 0
    assert m["frame_cued_share:policy"] == pytest.approx(2 / 3)
    assert m["frame_dominant:policy:crime_punishment"] == 1
    assert m["frame_dominant:policy:economic"] == 0
    assert r.documents.loc[0, "dominant_policy_frame"] == "crime_punishment"
    # every frame of both typologies has its rows, always
    for t, frames in (("generic", GENERIC_FRAMES), ("policy", POLICY_FRAMES)):
        for f in frames:
            assert f"frame_share:{t}:{f}" in m.index and f"frame_dominant:{t}:{f}" in m.index


def test_include_headings_counts_the_heading():
    r = framing.analyze([TEXT], annotators=[FrameAnnotator(include_headings=True)])
    m = r.measures.set_index("measure")["value"]
    assert m["frame_share:policy:crime_punishment"] == pytest.approx(3 / 4)  # "Raids" in the heading


def test_ties_are_all_dominant_and_broken_by_cue_counts():
    # one sentence each: both frames have share 1; more cues wins; equal cues are both dominant
    r = framing.analyze(
        ["The court ruled on the tax.", "The judge raised the tax."],
        annotators=[FrameAnnotator(typologies=("policy",))],
    )
    assert r.documents["dominant_policy_frame"].tolist() == ["legality", "economic|legality"]
    m = r.measures[r.measures.doc_id == r.doc_ids[1]].set_index("measure")["value"]
    assert m["frame_dominant:policy:economic"] == m["frame_dominant:policy:legality"] == 1
    assert m["frame_dominant:policy:political"] == 0
    assert not r.measures["measure"].str.contains("generic").any()


def test_empty_and_heading_only_documents_keep_their_rows():
    r = framing.analyze(["", "Just A Headline"])
    assert r.documents["status"].tolist()[0] == "empty"
    m = r.measures[r.measures.doc_id == r.doc_ids[1]].set_index("measure")["value"]
    assert math.isnan(m["frame_share:policy:economic"])
    assert r.documents.loc[1, "dominant_policy_frame"] == ""


def test_seed_articles(result):
    spans = result.spans[result.spans.layer == "frame"]
    assert len(spans) > 100
    for row in spans.itertuples():
        assert result.text(row.doc_id)[row.start : row.end] == row.text
    assert set(spans["typology"]) == {"generic", "policy"}
    assert spans["rule"].str.match(r"frames\.csv:\d+$").all()
    m = result.measures
    shares = m[m.measure.str.startswith("frame_share:")]
    assert shares["value"].between(0, 1).all()
    assert len(shares) == len(result.doc_ids) * (5 + 14)
    # both seed articles are about immigration raids: enforcement is among their top frames
    crime = m[m.measure == "frame_share:policy:crime_punishment"].set_index("doc_id")["value"]
    policy = m[m.measure.str.startswith("frame_share:policy:")]
    for doc_id in result.doc_ids:
        top3 = policy[policy.doc_id == doc_id].nlargest(3, "value")["value"].min()
        assert crime[doc_id] >= top3
    assert {"dominant_policy_frame", "dominant_generic_frame"} <= set(result.documents.columns)


def test_cue_dominant_frame_agrees_with_hand_labels(tmp_path):
    """Cue quality on tests/data/frame_labels.csv (364 sentences, 14 frames, 7 topics):
    the sentence's top cued frame should match the label far above chance (1/14)."""
    from tests.conftest import DATA

    labels = pd.read_csv(DATA / "frame_labels.csv")
    r = framing.analyze(labels.rename(columns={"id": "doc_id"})[["doc_id", "text"]], annotators=[FrameAnnotator()])
    top = r.sentences.groupby("doc_id")["policy_frame"].first()
    agree = (labels.set_index("id")["frame"] == top.reindex(labels["id"]).values).mean()
    assert agree > 0.4, agree
    assert (top != "").mean() > 0.85  # almost every news sentence cues some policy frame


# -- user lexicons and bad input -------------------------------------------------------


def test_user_lexicon(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text("typology,frame,pattern\npolicy,economic,widget*\nexclude,-,widget factory\n", encoding="utf-8")
    cues = cues_of("Widgets are cheap, said the widget factory.", lexicon=path, typologies=("policy",))
    assert cues == [("Widgets", "policy", "economic")]


@pytest.mark.parametrize(
    "body, message",
    [
        ("policy,economy,tax\n", "not a policy frame"),
        ("policy,,tax\n", "has no frame"),
        (",economic,tax\n", "empty typology"),
        ("policy,economic,\n", "empty pattern"),
        ("policy,economic,*\n", "leading '*'"),
    ],
)
def test_bad_lexicon_rows_name_file_and_line(tmp_path, body, message):
    path = tmp_path / "bad.csv"
    path.write_text("typology,frame,pattern\npolicy,economic,cost\n" + body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as err:
        FrameCues.from_csv(path)
    assert "bad.csv: line 3" in str(err.value)


def test_bad_parameters():
    with pytest.raises(LexiconError, match="valid: generic, policy"):
        FrameAnnotator(typologies=("policy", "episodic")).frame_names()
    with pytest.raises(LexiconError, match="not the string"):
        FrameAnnotator(typologies="policy").frame_names()
    with pytest.raises(LexiconError, match="no such frame-cue file"):
        FrameAnnotator(lexicon="/nonexistent/cues.csv").cue_lexicon()


# -- spans, sentence columns and shares agree, on text of many topics ------------------


def test_spans_columns_and_shares_agree_on_varied_text(tmp_path):
    """On texts of many topics and a growing vocabulary, for the bundled and a user cue file
    and every typology choice: each span is the text it names; ``frame_cues`` counts the
    distinct cue spans of a sentence; ``<typology>_frame`` is the frame with the most spans
    in the sentence (ties in reporting order); ``frame_share`` is the share of counted
    sentences with a span of the frame; the dominant frames have the highest share."""
    from collections import Counter

    from framing.layers.base import DocResult
    from framing.text.segment import segment

    from .test_lexicon import varied_texts

    mine = tmp_path / "mine.csv"
    mine.write_text(
        "typology,frame,pattern,note\npolicy,economic,cost*|tax|the budget,\ngeneric,conflict,war|the fight,\n"
        "policy,legality,*-law|court,\nexclude,-,tax return,\nwho,who_frame,WHO,\n",
        encoding="utf-8",
    )
    annotators = [
        FrameAnnotator(),
        FrameAnnotator(typologies=("policy",)),
        FrameAnnotator(typologies=("generic",)),
        FrameAnnotator(include_headings=True),
        FrameAnnotator(lexicon=mine),
        FrameAnnotator(lexicon=mine, typologies=("who", "generic")),
    ]
    docs = [segment(t, f"d{n}") for n, t in enumerate(varied_texts())]
    n_spans = 0
    for annotator in annotators:
        reported = annotator.frame_names()
        order = {pair: k for k, pair in enumerate(reported)}
        for doc in docs:
            out = DocResult(doc.doc_id, _text=doc.text)
            annotator.annotate(doc, out)
            spans = out.spans
            n_spans += len(spans)
            assert all(doc.text[r["start"] : r["end"]] == r["text"] for r in spans)
            assert {(r["typology"], r["category"]) for r in spans} <= set(reported)
            cues = Counter(
                r["sent_index"] for r in {(r["sent_index"], r["start"], r["end"]): r for r in spans}.values()
            )
            assert out.sentence_values["frame_cues"] == [cues[s.index] for s in doc.sentences]
            counted = [s.index for s in doc.sentences if annotator.include_headings or s.kind == "body"]
            long = dict(out.long_measures)
            for t in dict.fromkeys(t for t, _ in reported):
                per_sentence = Counter((r["sent_index"], r["category"]) for r in spans if r["typology"] == t)
                for s in doc.sentences:
                    mine = [(-n, order[t, f]) for (k, f), n in per_sentence.items() if k == s.index]
                    want = reported[min(mine)[1]][1] if mine else ""
                    assert out.sentence_values[f"{t}_frame"][s.index] == want
                shares = {}
                for tt, f in reported:
                    if tt == t:
                        n = len({k for (k, ff) in per_sentence if ff == f and k in counted})
                        shares[f] = n / len(counted) if counted else math.nan
                        assert long[f"frame_share:{t}:{f}"] == pytest.approx(shares[f], nan_ok=True)
                dominant = out.measures[f"dominant_{t}_frame"].split("|") if out.measures[f"dominant_{t}_frame"] else []
                if counted and max(shares.values()) > 0:
                    assert dominant and all(shares[f] == max(shares.values()) for f in dominant)
                else:
                    assert dominant == []
    assert n_spans > 5000
