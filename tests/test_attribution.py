"""Attribution relations (framing/attribution.py): constructed sentences, seed gold, robustness."""

from __future__ import annotations

import json
import math

import pytest

from framing.analysis import ATTRIBUTION_COLUMNS
from framing.attribution import SOURCE_TYPES, VERB_CLASSES, extract_attributions, speakers
from framing.segment import segment

from .conftest import DATA


def _relations(text: str) -> list[dict]:
    doc = segment(text, "t")
    out = []
    for r in extract_attributions(doc):
        ts, te = doc.tok_start, doc.tok_end
        out.append({
            "source": text[ts[r.source[0]]:te[r.source[1]]],
            "cue": text[ts[r.cue[0]]:te[r.cue[1]]],
            "content": [text[a:b] for a, b in r.content],
            "source_type": r.source_type,
            "speaker": r.speaker,
            "verb_class": r.cue_entry.verb_class,
            "is_direct": r.is_direct,
        })
    return out


# (text, source, cue, content (one string, or a list for a split quotation), source_type)
CASES = [
    # direct quotations, every common arrangement
    ('"We will not back down," Mayor Karen Bass said.',
     "Mayor Karen Bass", "said", "We will not back down", "person"),
    ('"The vaccine is safe and effective," said Dr. Anthony Fauci, the nation\'s top infectious disease expert.',
     "Dr. Anthony Fauci, the nation's top infectious disease expert", "said", "The vaccine is safe and effective", "person"),
    ('Senator Maria Lopez said: "This bill protects every family in the state."',
     "Senator Maria Lopez", "said", "This bill protects every family in the state.", "person"),
    ('"The storm surge could reach 12 feet," the National Hurricane Center said in a statement.',
     "the National Hurricane Center", "said", "The storm surge could reach 12 feet", "organization"),
    ('"Our climate targets are not negotiable," the minister said, "and we will meet them."',
     "the minister", "said", ["Our climate targets are not negotiable", "and we will meet them."], "role"),
    ('"Turnout was higher than expected," the county clerk said. "Lines formed before dawn."',
     "the county clerk", "said", ["Turnout was higher than expected", "Lines formed before dawn."], "role"),
    ('The coach said: "We played well today.\n\n"We will be back next year."',
     "The coach", "said", 'We played well today.\n\n"We will be back next year.', "role"),
    ('“We are ready,” the fire chief said.',
     "the fire chief", "said", "We are ready", "role"),
    ('"Prices will keep rising," the bank\'s chief economist, Jane Smith, warned.',
     "the bank's chief economist, Jane Smith", "warned", "Prices will keep rising", "person"),
    ('"We are seeing a surge in cases," Dr. Lisa Chen, an epidemiologist at the state health department, told reporters.',
     "Dr. Lisa Chen, an epidemiologist at the state health department", "told reporters", "We are seeing a surge in cases", "person"),
    ('Trump: "We will win this election."',
     "Trump", ":", "We will win this election.", "person"),
    ('"It\'s a disaster," said one resident, who asked not to be named.',
     "one resident, who asked not to be named", "said", "It's a disaster", "anonymous"),
    ('Tom Homan, the border czar, said, "This is not a game."',
     "Tom Homan, the border czar", "said", "This is not a game.", "person"),
    # partial quotation inside indirect speech
    ('The governor said the ruling was "a victory for workers."',
     "The governor", "said", 'the ruling was "a victory for workers."', "role"),
    ('A federal official anonymously acknowledged that "they needed more bodies," highlighting the scale.',
     "A federal official", "acknowledged", "they needed more bodies", "anonymous"),
    # indirect speech
    ("The health minister said that hospitals had enough beds for the winter.",
     "The health minister", "said", "hospitals had enough beds for the winter", "role"),
    ("Police said the suspect was arrested near the border on Sunday.",
     "Police", "said", "the suspect was arrested near the border on Sunday", "organization"),
    ("Smith told reporters the company would cut 500 jobs.",
     "Smith", "told reporters", "the company would cut 500 jobs", "person"),
    ("The senator told CNN that she would vote against the bill.",
     "The senator", "told", "she would vote against the bill", "role"),
    ("According to the Centers for Disease Control and Prevention, flu cases rose by 20 percent last week.",
     "the Centers for Disease Control and Prevention", "According to", "flu cases rose by 20 percent last week", "organization"),
    ("Emissions fell 3 percent last year, according to a report by the International Energy Agency.",
     "a report by the International Energy Agency", "according to", "Emissions fell 3 percent last year", "document"),
    ("The company will close two plants, the spokesperson said.",
     "the spokesperson", "said", "The company will close two plants", "role"),
    ("The plan, officials said, would cost $2 billion.",
     "officials", "said", ["The plan", "would cost $2 billion"], "role"),
    ("The defendant claimed that he had never visited the warehouse.",
     "The defendant", "claimed", "he had never visited the warehouse", "role"),
    ("Environmental groups warned that the pipeline would threaten drinking water.",
     "Environmental groups", "warned", "the pipeline would threaten drinking water", "organization"),
    ("Critics argued the law would disenfranchise thousands of voters.",
     "Critics", "argued", "the law would disenfranchise thousands of voters", "role"),
    ("The mayor urged residents to stay indoors during the heat wave.",
     "The mayor", "urged", "residents to stay indoors during the heat wave", "role"),
    ("Democrats blasted the proposal as a giveaway to the wealthy.",
     "Democrats", "blasted", "the proposal as a giveaway to the wealthy", "role"),
    ("Scientists fear that the coral reef may not recover.",
     "Scientists", "fear", "the coral reef may not recover", "role"),
    ("The report found that more than 40 percent of rivers were polluted.",
     "The report", "found", "more than 40 percent of rivers were polluted", "document"),
    ("The leaked documents reveal that the agency planned the raids for months.",
     "The leaked documents", "reveal", "the agency planned the raids for months", "document"),
    ("The memo detailed plans to expand detention capacity.",
     "The memo", "detailed", "plans to expand detention capacity", "document"),
    ("A source familiar with the negotiations said the deal could collapse.",
     "A source familiar with the negotiations", "said", "the deal could collapse", "anonymous"),
    ("An official who spoke on condition of anonymity said the strike had been delayed.",
     "An official who spoke on condition of anonymity", "said", "the strike had been delayed", "anonymous"),
    ("People familiar with the matter said the bank was preparing a bid.",
     "People familiar with the matter", "said", "the bank was preparing a bid", "anonymous"),
    ("He said the recount would take three days.",
     "He", "said", "the recount would take three days", "pronoun"),
    ("Prosecutors alleged that the former treasurer stole $3 million.",
     "Prosecutors", "alleged", "the former treasurer stole $3 million", "role"),
    ("The CEO boasted that sales had doubled.",
     "The CEO", "boasted", "sales had doubled", "role"),
    ("Health officials confirmed two new cases of measles on Friday.",
     "Health officials", "confirmed", "two new cases of measles on Friday", "role"),
    ("In a statement, the Department of Justice said it would appeal the ruling.",
     "the Department of Justice", "said", "it would appeal the ruling", "organization"),
    ("The union demanded higher wages for nurses.",
     "The union", "demanded", "higher wages for nurses", "organization"),
    ("Opposition leaders accused the government of rigging the vote.",
     "Opposition leaders", "accused", "the government of rigging the vote", "role"),
    ("The study suggests that rising temperatures increase wildfire risk.",
     "The study", "suggests", "rising temperatures increase wildfire risk", "document"),
    ("As the Associated Press reported, the vote count was delayed in three counties.",
     "the Associated Press", "reported", "the vote count was delayed in three counties", "organization"),
    ("The suspect's lawyer insisted his client was innocent.",
     "The suspect's lawyer", "insisted", "his client was innocent", "role"),
    ("Two election officials said they had found no evidence of fraud.",
     "Two election officials", "said", "they had found no evidence of fraud", "role"),
    ("The Federal Reserve announced on Wednesday that it would raise interest rates.",
     "The Federal Reserve", "announced", "it would raise interest rates", "organization"),
    ("The economy is slowing, the IMF said.",
     "the IMF", "said", "The economy is slowing", "organization"),
    ("The budget, which lawmakers debated for weeks and which adds money for schools, will pass, the speaker predicted.",
     "the speaker", "predicted",
     "The budget, which lawmakers debated for weeks and which adds money for schools, will pass", "role"),
    ("Protesters marched to City Hall, demanding an end to the raids.",
     "Protesters", "demanding", "an end to the raids", "role"),
    ("Emphasizing that the outbreak is contained, the governor lifted the curfew.",
     "the governor", "Emphasizing", "the outbreak is contained", "role"),
    ("An internal document obtained by Reuters shows that the bank ignored the warnings.",
     "An internal document obtained by Reuters", "shows", "the bank ignored the warnings", "document"),
    ("Trump says 'we will win' in Iowa",
     "Trump", "says", "'we will win' in Iowa", "person"),
    # business and wire-service conventions
    ("XYZ Corp. said its net income rose 15% in the quarter.",
     "XYZ Corp", "said", "its net income rose 15% in the quarter", "organization"),
    ("Mr. Smith said the deal would close in March.",
     "Mr. Smith", "said", "the deal would close in March", "person"),
    ('"The market is tired," he said, adding that investors were nervous.',
     "he", "adding", "investors were nervous", "pronoun"),
    ("Smith said Tuesday that the firm would cut 200 jobs.",
     "Smith", "said", "the firm would cut 200 jobs", "person"),
    ("The official, who declined to be identified, said the talks had stalled.",
     "The official, who declined to be identified", "said", "the talks had stalled", "anonymous"),
    ('"We will appeal," said John Smith, president of Acme Inc.',
     "John Smith, president of Acme Inc", "said", "We will appeal", "person"),
    ('"We are stealing from our grandchildren," the preacher told the climate rally.',
     "the preacher", "told", "We are stealing from our grandchildren", "role"),
    ("Supporters say ranked-choice voting would reduce negative campaigning; critics say it confuses voters.",
     "Supporters", "say", "ranked-choice voting would reduce negative campaigning", "role"),
    ("The company sued the regulator, saying the rule was unlawful.",
     "The company", "saying", "the rule was unlawful", "organization"),
    ("Smith, who said the plan would fail, resigned on Monday.",
     "Smith", "said", "the plan would fail", "person"),
    ("The head of the agency said the wildfire was 40 percent contained.",
     "The head of the agency", "said", "the wildfire was 40 percent contained", "role"),
    ("Newsom's office said the governor would sign the bill.",
     "Newsom's office", "said", "the governor would sign the bill", "organization"),
    ("Officials in Los Angeles said the shelters were full.",
     "Officials in Los Angeles", "said", "the shelters were full", "role"),
    # a wildfire wire story: dateline, cue modifiers, coordination, appositives with titles
    ("LOS ANGELES (AP) — A wildfire forced 10,000 people from their homes on Tuesday, officials said.",
     "officials", "said", "A wildfire forced 10,000 people from their homes on Tuesday", "role"),
    ('"This fire is moving faster than anything we\'ve seen," Fire Chief Anthony Marrone told reporters at an evening briefing.',
     "Fire Chief Anthony Marrone", "told reporters", "This fire is moving faster than anything we've seen", "person"),
    ("Gov. Gavin Newsom declared a state of emergency and said the state had requested federal aid.",
     "Gov. Gavin Newsom", "said", "the state had requested federal aid", "person"),
    ("Critics of the utility, including state Sen. Henry Stern, argued that the company had failed to clear brush.",
     "Critics of the utility, including state Sen. Henry Stern", "argued", "the company had failed to clear brush", "role"),
    ("A 2023 study published in the journal Nature found that the burned area has increased fivefold.",
     "A 2023 study published in the journal Nature", "found", "the burned area has increased fivefold", "document"),
]


@pytest.mark.parametrize("text,source,cue,content,stype", CASES, ids=[c[0][:40] for c in CASES])
def test_constructed_sentence(text, source, cue, content, stype):
    rels = _relations(text)
    match = [r for r in rels if r["cue"] == cue]
    assert match, f"no relation with cue {cue!r}; found {rels}"
    r = match[0]
    assert r["source"] == source
    expected = content if isinstance(content, list) else [content]
    assert r["content"] == expected
    assert r["source_type"] == stype


def test_verb_classes_of_constructed_cues():
    classes = {c[2]: _relations(c[0]) for c in CASES}
    got = {cue: next(r["verb_class"] for r in rels if r["cue"] == cue) for cue, rels in classes.items()}
    assert got["said"] == "neutral"
    assert got["claimed"] == "distancing" and got["alleged"] == "distancing" and got["insisted"] == "distancing"
    assert got["reveal"] == "endorsing" and got["confirmed"] == "endorsing"
    assert got["blasted"] == "emotive" and got["boasted"] == "emotive"
    assert got["urged"] == "directive" and got["demanded"] == "directive"
    assert got["fear"] == "cognitive"


def test_direct_flag():
    assert _relations('"We will not back down," Mayor Karen Bass said.')[0]["is_direct"] is True
    assert _relations("Police said the suspect was arrested.")[0]["is_direct"] is False


# ---------------------------------------------------------------------------
# Not attributions


@pytest.mark.parametrize("text", [
    "The said property was sold in 1990.",
    'The group released a report titled "Climate Emergency" on Monday.',
    'Critics call it a "power grab."',
    "Officials are expected to announce the results on Tuesday.",
    "She declined to comment.",
    "He's been in office since the '90s, and voters don't seem to mind.",
    "The plan was reported by the Los Angeles Times.",
    "His remarks drew applause from the crowd.",
    "The United States and Mexico signed the agreement.",
    "The deployment of additional personnel underscores the scale of the operation.",
    "Workers must reject the false leadership of both parties.",
    "These reports were later withdrawn.",
    "Gang members accused of running the drug ring face up to 40 years in prison.",
    "The memo was obtained by reporters last week.",
])
def test_not_an_attribution(text):
    assert _relations(text) == []


# ---------------------------------------------------------------------------
# Speakers, pronouns


def test_speaker_normalisation_and_pronoun():
    text = (
        "Tom Homan, identified as the border czar, said the raids would continue. "
        "Homan added that more agents were coming. He said the effort would grow. "
        "President Donald Trump said he agreed. Trump also warned that cities would pay."
    )
    rels = _relations(text)
    spk = [(r["source"], r["speaker"]) for r in rels]
    assert ("Tom Homan, identified as the border czar", "Tom Homan") in spk
    assert ("Homan", "Tom Homan") in spk
    assert ("He", "Tom Homan") in spk
    assert ("President Donald Trump", "Donald Trump") in spk
    assert ("Trump", "Donald Trump") in spk


def test_titles_stripped_from_person_keys():
    rels = _relations('"Leave now," Los Angeles County Fire Chief Anthony Marrone said.')
    assert rels[0]["speaker"] == "Anthony Marrone"


def test_pronoun_left_unresolved_when_ambiguous():
    text = "Jane Doe said the bill would pass. John Roe said it would fail. She said the vote was close."
    rels = _relations(text)
    assert rels[-1]["source"] == "She" and rels[-1]["speaker"] == "she"


def test_role_alias_joins_the_name():
    text = "Tom Homan, the border czar, said the raids would continue. The border czar said more were coming."
    rels = _relations(text)
    assert [r["speaker"] for r in rels] == ["Tom Homan", "Tom Homan"]


# ---------------------------------------------------------------------------
# Robustness: never an exception for text


@pytest.mark.parametrize("text", [
    '"We will fight this, the mayor said.',  # unclosed quotation
    'The mayor said" we will fight" and "then',
    "said",
    "according to",
    ": \"",
    '"',
    "“”",
    "Said Smith.",
    "He said.",
    "According to, said that: “”“ ‘’ '' \"",
    "\n\n\n",
    "x" * 5000,
    "said " * 500,
    "“A,” he said. “B,” she said, “C.”\n\n“D.”",
    "The 'border czar' said the '90s were different, and Trump's plan don't work.",
])
def test_robust(text):
    doc = segment(text, "r")
    rels = extract_attributions(doc)
    for r in rels:
        for a, b in r.content:
            assert 0 <= a < b <= len(text)


def test_unclosed_quote_is_missed_not_raised():
    # the quotation never closes, so the cue is inside it: a missed relation at worst
    assert _relations('"We will fight this, the mayor said.') == []


# ---------------------------------------------------------------------------
# The analysis tables


def test_tables_and_measures(result):
    att = result.attributions
    assert list(att.columns[: len(ATTRIBUTION_COLUMNS)]) == ATTRIBUTION_COLUMNS
    texts = result.texts
    for row in att.itertuples():
        t = texts[row.doc_id]
        assert t[row.source_start:row.source_end] == row.source_text
        assert t[row.cue_start:row.cue_end] == row.cue_text
        assert t[row.content_start:row.content_end] == row.content_text
        assert row.source_type in SOURCE_TYPES
        assert row.verb_class in VERB_CLASSES
    spans = result.spans[result.spans["layer"].isin(["source", "cue", "content"])]
    assert set(spans["attribution_id"]) == set(att["attribution_id"])
    for layer in ("source", "cue", "content"):
        assert set(spans.loc[spans["layer"] == layer, "attribution_id"]) == set(att["attribution_id"])
    docs = result.documents.set_index("doc_id")
    for col in ("attributed_share", "direct_quote_share", "n_attributions", "n_speakers", "anonymous_share", "document_share"):
        assert col in docs.columns
    for doc_id, g in att.groupby("doc_id"):
        assert docs.loc[doc_id, "n_attributions"] == len(g)
        assert math.isclose(docs.loc[doc_id, "anonymous_share"], (g["source_type"] == "anonymous").mean())
        assert 0 < docs.loc[doc_id, "attributed_share"] < 1
    long = result.measures
    for doc_id in att["doc_id"].unique():
        m = long[(long["doc_id"] == doc_id) & long["measure"].str.startswith("source_type:")]
        assert len(m) == len(SOURCE_TYPES) and math.isclose(m["value"].sum(), 1.0)
        m = long[(long["doc_id"] == doc_id) & long["measure"].str.startswith("verb_class:")]
        assert len(m) == len(VERB_CLASSES) and math.isclose(m["value"].sum(), 1.0)


def test_speakers_table(result):
    table = speakers(result)
    assert list(table.columns[:4]) == ["doc_id", "speaker", "source_type", "n_attributions"]
    assert not table.duplicated(["doc_id", "speaker"]).any()
    assert table["n_attributions"].sum() == len(result.attributions)
    homan = table[(table["doc_id"] == "wsws-mass-immigration-raids") & (table["speaker"] == "Tom Homan")]
    assert len(homan) == 1 and homan["n_attributions"].iloc[0] == 2


def test_empty_and_quote_free_documents():
    import framing

    res = framing.analyze(["", "The sky is blue. Nothing was said here about anything."])
    docs = res.documents
    assert len(docs) == 2
    assert docs["n_attributions"].iloc[1] == 0
    assert math.isnan(docs["anonymous_share"].iloc[1])
    assert len(speakers(res)) == 0


# ---------------------------------------------------------------------------
# Gold: every attribution in the two seed articles, annotated by hand


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gold():
    return json.loads((DATA / "seed_attribution_gold.json").read_text(encoding="utf-8"))


def test_gold_offsets_match_text(seed_texts):
    gold = _gold()
    for doc_id, rels in gold["documents"].items():
        text = seed_texts[doc_id]
        for g in rels:
            for part in ("source", "cue"):
                assert text[g[part]["start"]:g[part]["end"]] == g[part]["text"], (doc_id, g)
            for c in g["content"]:
                assert text[c["start"]:c["end"]] == c["text"], (doc_id, g)
            assert g["source_type"] in SOURCE_TYPES


def _score(result, gold):
    """Precision and recall of relations: a predicted relation matches a gold one when
    their cues overlap and their sources and contents overlap (the soft match of
    Pareti et al. 2013); also the share of matched relations with exact spans and type."""
    att = result.attributions
    tp = n_pred = n_gold = exact = typed = 0
    for doc_id, rels in gold["documents"].items():
        pred = att[att["doc_id"] == doc_id]
        n_pred += len(pred)
        n_gold += len(rels)
        used = set()
        for g in rels:
            for idx, p in pred.iterrows():
                if idx in used:
                    continue
                if not _overlap((p.cue_start, p.cue_end), (g["cue"]["start"], g["cue"]["end"])):
                    continue
                if not _overlap((p.source_start, p.source_end), (g["source"]["start"], g["source"]["end"])):
                    continue
                gc = (g["content"][0]["start"], g["content"][-1]["end"])
                if not _overlap((p.content_start, p.content_end), gc):
                    continue
                used.add(idx)
                tp += 1
                typed += p.source_type == g["source_type"]
                exact += (p.source_start, p.source_end, p.content_start, p.content_end) == (
                    g["source"]["start"], g["source"]["end"], *gc)
                break
    return tp / n_pred, tp / n_gold, exact / max(tp, 1), typed / max(tp, 1)


def test_precision_recall_against_seed_gold(result):
    precision, recall, exact, typed = _score(result, _gold())
    # Thresholds: PARC-style rule-based extractors reach ~0.8-0.9 precision on direct and
    # ~0.6-0.7 recall overall (Pareti et al. 2013); these seeds are mostly indirect and
    # document-sourced, so we ask for precision >= 0.85 and recall >= 0.75 (soft match),
    # with most matched spans exact and the source type right in most matches.
    assert precision >= 0.85, precision
    assert recall >= 0.75, recall
    assert exact >= 0.6, exact
    assert typed >= 0.85, typed
