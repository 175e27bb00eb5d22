"""Attribution relations (framing/attribution.py): constructed sentences, seed gold, robustness."""

from __future__ import annotations

import json
import math

import pytest

import framing
from framing.layers.attribution import SOURCE_TYPES, VERB_CLASSES, extract_attributions, speakers
from framing.tables import ATTRIBUTION_COLUMNS
from framing.text.segment import segment

from .conftest import DATA


def _relations(text: str) -> list[dict]:
    doc = segment(text, "t")
    out = []
    for r in extract_attributions(doc):
        ts, te = doc.tok_start, doc.tok_end
        out.append(
            {
                "source": text[ts[r.source[0]] : te[r.source[1]]] if r.source is not None else "",
                "cue": text[ts[r.cue[0] + r.group] : te[r.cue[1] - r.medium]],  # the cue word(s)
                "cue_span": text[ts[r.cue[0]] : te[r.cue[1]]],  # with its verb group and medium (has also said:)
                "content": [text[a:b] for a, b in r.content],
                "source_type": r.source_type,
                "speaker": r.speaker,
                "verb_class": r.cue_entry.verb_class,
                "is_direct": r.is_direct,
            }
        )
    return out


# (text, source, cue, content (one string, or a list for a split quotation), source_type)
CASES = [
    # direct quotations, every common arrangement
    ('"We will not back down," Mayor Karen Bass said.', "Mayor Karen Bass", "said", "We will not back down", "person"),
    (
        '"The vaccine is safe and effective," said Dr. Anthony Fauci, the nation\'s top infectious disease expert.',
        "Dr. Anthony Fauci, the nation's top infectious disease expert",
        "said",
        "The vaccine is safe and effective",
        "person",
    ),
    (
        'Senator Maria Lopez said: "This bill protects every family in the state."',
        "Senator Maria Lopez",
        "said",
        "This bill protects every family in the state.",
        "person",
    ),
    (
        '"The storm surge could reach 12 feet," the National Hurricane Center said in a statement.',
        "the National Hurricane Center",
        "said",
        "The storm surge could reach 12 feet",
        "organization",
    ),
    (
        '"Our climate targets are not negotiable," the minister said, "and we will meet them."',
        "the minister",
        "said",
        ["Our climate targets are not negotiable", "and we will meet them."],
        "role",
    ),
    (
        '"Turnout was higher than expected," the county clerk said. "Lines formed before dawn."',
        "the county clerk",
        "said",
        ["Turnout was higher than expected", "Lines formed before dawn."],
        "role",
    ),
    (
        'The coach said: "We played well today.\n\n"We will be back next year."',
        "The coach",
        "said",
        'We played well today.\n\n"We will be back next year.',
        "role",
    ),
    ("“We are ready,” the fire chief said.", "the fire chief", "said", "We are ready", "role"),
    (
        '"Prices will keep rising," the bank\'s chief economist, Jane Smith, warned.',
        "the bank's chief economist, Jane Smith",
        "warned",
        "Prices will keep rising",
        "person",
    ),
    (
        '"We are seeing a surge in cases," Dr. Lisa Chen, an epidemiologist at the state health department, '
        "told reporters.",
        "Dr. Lisa Chen, an epidemiologist at the state health department",
        "told reporters",
        "We are seeing a surge in cases",
        "person",
    ),
    ('Trump: "We will win this election."', "Trump", ":", "We will win this election.", "person"),
    (
        '"It\'s a disaster," said one resident, who asked not to be named.',
        "one resident, who asked not to be named",
        "said",
        "It's a disaster",
        "anonymous",
    ),
    (
        'Tom Homan, the border czar, said, "This is not a game."',
        "Tom Homan, the border czar",
        "said",
        "This is not a game.",
        "person",
    ),
    # partial quotation inside indirect speech
    (
        'The governor said the ruling was "a victory for workers."',
        "The governor",
        "said",
        'the ruling was "a victory for workers."',
        "role",
    ),
    (
        'A federal official anonymously acknowledged that "they needed more bodies," highlighting the scale.',
        "A federal official",
        "acknowledged",
        "they needed more bodies",
        "anonymous",
    ),
    # indirect speech
    (
        "The health minister said that hospitals had enough beds for the winter.",
        "The health minister",
        "said",
        "hospitals had enough beds for the winter",
        "role",
    ),
    (
        "Police said the suspect was arrested near the border on Sunday.",
        "Police",
        "said",
        "the suspect was arrested near the border on Sunday",
        "organization",
    ),
    (
        "Smith told reporters the company would cut 500 jobs.",
        "Smith",
        "told reporters",
        "the company would cut 500 jobs",
        "person",
    ),
    (
        "The senator told CNN that she would vote against the bill.",
        "The senator",
        "told",
        "she would vote against the bill",
        "role",
    ),
    (
        "According to the Centers for Disease Control and Prevention, flu cases rose by 20 percent last week.",
        "the Centers for Disease Control and Prevention",
        "According to",
        "flu cases rose by 20 percent last week",
        "organization",
    ),
    (
        "Emissions fell 3 percent last year, according to a report by the International Energy Agency.",
        "a report by the International Energy Agency",
        "according to",
        "Emissions fell 3 percent last year",
        "document",
    ),
    (
        "The company will close two plants, the spokesperson said.",
        "the spokesperson",
        "said",
        "The company will close two plants",
        "role",
    ),
    (
        "The plan, officials said, would cost $2 billion.",
        "officials",
        "said",
        ["The plan", "would cost $2 billion"],
        "role",
    ),
    (
        "The defendant claimed that he had never visited the warehouse.",
        "The defendant",
        "claimed",
        "he had never visited the warehouse",
        "role",
    ),
    (
        "Environmental groups warned that the pipeline would threaten drinking water.",
        "Environmental groups",
        "warned",
        "the pipeline would threaten drinking water",
        "organization",
    ),
    (
        "Critics argued the law would disenfranchise thousands of voters.",
        "Critics",
        "argued",
        "the law would disenfranchise thousands of voters",
        "role",
    ),
    (
        "The mayor urged residents to stay indoors during the heat wave.",
        "The mayor",
        "urged",
        "residents to stay indoors during the heat wave",
        "role",
    ),
    (
        "Democrats blasted the proposal as a giveaway to the wealthy.",
        "Democrats",
        "blasted",
        "the proposal as a giveaway to the wealthy",
        "role",
    ),
    (
        "Scientists fear that the coral reef may not recover.",
        "Scientists",
        "fear",
        "the coral reef may not recover",
        "role",
    ),
    (
        "The report found that more than 40 percent of rivers were polluted.",
        "The report",
        "found",
        "more than 40 percent of rivers were polluted",
        "document",
    ),
    (
        "The leaked documents reveal that the agency planned the raids for months.",
        "The leaked documents",
        "reveal",
        "the agency planned the raids for months",
        "document",
    ),
    (
        "The memo detailed plans to expand detention capacity.",
        "The memo",
        "detailed",
        "plans to expand detention capacity",
        "document",
    ),
    (
        "A source familiar with the negotiations said the deal could collapse.",
        "A source familiar with the negotiations",
        "said",
        "the deal could collapse",
        "anonymous",
    ),
    (
        "An official who spoke on condition of anonymity said the strike had been delayed.",
        "An official who spoke on condition of anonymity",
        "said",
        "the strike had been delayed",
        "anonymous",
    ),
    (
        "People familiar with the matter said the bank was preparing a bid.",
        "People familiar with the matter",
        "said",
        "the bank was preparing a bid",
        "anonymous",
    ),
    ("He said the recount would take three days.", "He", "said", "the recount would take three days", "pronoun"),
    (
        "Prosecutors alleged that the former treasurer stole $3 million.",
        "Prosecutors",
        "alleged",
        "the former treasurer stole $3 million",
        "role",
    ),
    ("The CEO boasted that sales had doubled.", "The CEO", "boasted", "sales had doubled", "role"),
    (
        "Health officials confirmed two new cases of measles on Friday.",
        "Health officials",
        "confirmed",
        "two new cases of measles on Friday",
        "role",
    ),
    (
        "In a statement, the Department of Justice said it would appeal the ruling.",
        "the Department of Justice",
        "said",
        "it would appeal the ruling",
        "organization",
    ),
    ("The union demanded higher wages for nurses.", "The union", "demanded", "higher wages for nurses", "organization"),
    (
        "Opposition leaders accused the government of rigging the vote.",
        "Opposition leaders",
        "accused",
        "the government of rigging the vote",
        "role",
    ),
    (
        "The study suggests that rising temperatures increase wildfire risk.",
        "The study",
        "suggests",
        "rising temperatures increase wildfire risk",
        "document",
    ),
    (
        "As the Associated Press reported, the vote count was delayed in three counties.",
        "the Associated Press",
        "reported",
        "the vote count was delayed in three counties",
        "organization",
    ),
    (
        "The suspect's lawyer insisted his client was innocent.",
        "The suspect's lawyer",
        "insisted",
        "his client was innocent",
        "role",
    ),
    (
        "Two election officials said they had found no evidence of fraud.",
        "Two election officials",
        "said",
        "they had found no evidence of fraud",
        "role",
    ),
    (
        "The Federal Reserve announced on Wednesday that it would raise interest rates.",
        "The Federal Reserve",
        "announced",
        "it would raise interest rates",
        "organization",
    ),
    ("The economy is slowing, the IMF said.", "the IMF", "said", "The economy is slowing", "organization"),
    (
        "The budget, which lawmakers debated for weeks and which adds money for schools, will pass, "
        "the speaker predicted.",
        "the speaker",
        "predicted",
        "The budget, which lawmakers debated for weeks and which adds money for schools, will pass",
        "role",
    ),
    (
        "Protesters marched to City Hall, demanding an end to the raids.",
        "Protesters",
        "demanding",
        "an end to the raids",
        "role",
    ),
    (
        "Emphasizing that the outbreak is contained, the governor lifted the curfew.",
        "the governor",
        "Emphasizing",
        "the outbreak is contained",
        "role",
    ),
    (
        "An internal document obtained by Reuters shows that the bank ignored the warnings.",
        "An internal document obtained by Reuters",
        "shows",
        "the bank ignored the warnings",
        "document",
    ),
    ("Trump says 'we will win' in Iowa", "Trump", "says", "'we will win' in Iowa", "person"),
    # business and wire-service conventions
    (
        "XYZ Corp. said its net income rose 15% in the quarter.",
        "XYZ Corp",
        "said",
        "its net income rose 15% in the quarter",
        "organization",
    ),
    ("Mr. Smith said the deal would close in March.", "Mr. Smith", "said", "the deal would close in March", "person"),
    (
        '"The market is tired," he said, adding that investors were nervous.',
        "he",
        "adding",
        "investors were nervous",
        "pronoun",
    ),
    ("Smith said Tuesday that the firm would cut 200 jobs.", "Smith", "said", "the firm would cut 200 jobs", "person"),
    (
        "The official, who declined to be identified, said the talks had stalled.",
        "The official, who declined to be identified",
        "said",
        "the talks had stalled",
        "anonymous",
    ),
    (
        '"We will appeal," said John Smith, president of Acme Inc.',
        "John Smith, president of Acme Inc",
        "said",
        "We will appeal",
        "person",
    ),
    (
        '"We are stealing from our grandchildren," the preacher told the climate rally.',
        "the preacher",
        "told",
        "We are stealing from our grandchildren",
        "role",
    ),
    (
        "Supporters say ranked-choice voting would reduce negative campaigning; critics say it confuses voters.",
        "Supporters",
        "say",
        "ranked-choice voting would reduce negative campaigning",
        "role",
    ),
    (
        "The company sued the regulator, saying the rule was unlawful.",
        "The company",
        "saying",
        "the rule was unlawful",
        "organization",
    ),
    ("Smith, who said the plan would fail, resigned on Monday.", "Smith", "said", "the plan would fail", "person"),
    (
        "The head of the agency said the wildfire was 40 percent contained.",
        "The head of the agency",
        "said",
        "the wildfire was 40 percent contained",
        "role",
    ),
    (
        "Newsom's office said the governor would sign the bill.",
        "Newsom's office",
        "said",
        "the governor would sign the bill",
        "organization",
    ),
    (
        "Officials in Los Angeles said the shelters were full.",
        "Officials in Los Angeles",
        "said",
        "the shelters were full",
        "role",
    ),
    # a wildfire wire story: dateline, cue modifiers, coordination, appositives with titles
    (
        "LOS ANGELES (AP) — A wildfire forced 10,000 people from their homes on Tuesday, officials said.",
        "officials",
        "said",
        "A wildfire forced 10,000 people from their homes on Tuesday",
        "role",
    ),
    (
        '"This fire is moving faster than anything we\'ve seen," Fire Chief Anthony Marrone told reporters '
        "at an evening briefing.",
        "Fire Chief Anthony Marrone",
        "told reporters",
        "This fire is moving faster than anything we've seen",
        "person",
    ),
    (
        "Gov. Gavin Newsom declared a state of emergency and said the state had requested federal aid.",
        "Gov. Gavin Newsom",
        "said",
        "the state had requested federal aid",
        "person",
    ),
    (
        "Critics of the utility, including state Sen. Henry Stern, argued that the company had failed to clear brush.",
        "Critics of the utility, including state Sen. Henry Stern",
        "argued",
        "the company had failed to clear brush",
        "role",
    ),
    (
        "A 2023 study published in the journal Nature found that the burned area has increased fivefold.",
        "A 2023 study published in the journal Nature",
        "found",
        "the burned area has increased fivefold",
        "document",
    ),
    # reporting-verbs 1.1.0: posts, signals, findings, reminders and "as reported by X"
    ("Trump posted on Truth Social that the judge was biased.", "Trump", "posted", "the judge was biased", "person"),
    (
        "The vaccine is safe, as reported by Reuters.",
        "Reuters",
        "as reported by",
        "The vaccine is safe",
        "organization",
    ),
    (
        "As first reported by The Washington Post, the agency will cut 2,000 jobs.",
        "The Washington Post",
        "As first reported by",
        "the agency will cut 2,000 jobs",
        "organization",
    ),
    (
        "The Federal Reserve signaled that it would cut interest rates in September.",
        "The Federal Reserve",
        "signaled",
        "it would cut interest rates in September",
        "organization",
    ),
    (
        "Investigators determined that the fire was caused by faulty wiring.",
        "Investigators",
        "determined",
        "the fire was caused by faulty wiring",
        "role",
    ),
    (
        "The Associated Press has learned that the administration plans to expand the program.",
        "The Associated Press",
        "learned",
        "the administration plans to expand the program",
        "organization",
    ),
    (
        "Critics charged that the new law would disenfranchise thousands of voters.",
        "Critics",
        "charged",
        "the new law would disenfranchise thousands of voters",
        "role",
    ),
    (
        "The governor assured residents that the water was safe to drink.",
        "The governor",
        "assured",
        "the water was safe to drink",
        "role",
    ),
    (
        "The minister hinted that an election could come early.",
        "The minister",
        "hinted",
        "an election could come early",
        "role",
    ),
    # noun cues after a possessive source (reporting-verbs 1.2.0)
    (
        "Officials dismissed the senator's claim that the vote was rigged.",
        "the senator's",
        "claim",
        "the vote was rigged",
        "role",
    ),
    (
        "The senator's claim that the vote was rigged has been widely debunked.",
        "The senator's",
        "claim",
        "the vote was rigged",
        "role",
    ),
    (
        "Trump's repeated claims that the election was stolen were rejected by dozens of courts.",
        "Trump's",
        "claims",
        "the election was stolen",
        "person",
    ),
    (
        "Despite the governor's promise that taxes would not rise, the budget includes a new levy.",
        "the governor's",
        "promise",
        "taxes would not rise",
        "role",
    ),
    (
        "The WHO's assessment that the outbreak is contained has been criticized by experts who have studied it.",
        "The WHO's",
        "assessment",
        "the outbreak is contained",
        "organization",
    ),
    ("Her warning that prices will rise is wrong.", "Her", "warning", "prices will rise", "pronoun"),
    # relations without a source (attribution-sources 1.1.0): impersonal and raising passives
    (
        "It was reported that the governor would resign next week.",
        "",
        "reported",
        "the governor would resign next week",
        "unattributed",
    ),
    (
        "It is widely believed that the outbreak began at a wet market.",
        "",
        "believed",
        "the outbreak began at a wet market",
        "unattributed",
    ),
    (
        "It has been alleged, without evidence, that the ballots were forged.",
        "",
        "alleged",
        "the ballots were forged",
        "unattributed",
    ),
    (
        "It was announced on Tuesday that the plant would close; hundreds of jobs will go.",
        "",
        "announced",
        "the plant would close",
        "unattributed",
    ),
    (
        "The minister is said to be furious about the leak.",
        "",
        "said",
        ["The minister", "to be furious about the leak"],
        "unattributed",
    ),
    (
        "The suspect was reported to have fled the country.",
        "",
        "reported",
        ["The suspect", "to have fled the country"],
        "unattributed",
    ),
    (
        "After the vote, the senator was thought to have changed her mind.",
        "",
        "thought",
        ["the senator", "to have changed her mind"],
        "unattributed",
    ),
    # nested in a relation with a source, it stays
    ("Officials said it was believed that the vote was rigged.", "", "believed", "the vote was rigged", "unattributed"),
    # a passive whose source follows by (attribution-sources 1.2.0)
    (
        "He was told by officials that the raids would begin on Monday.",
        "officials",
        "told",
        "the raids would begin on Monday",
        "role",
    ),
    (
        "It was reported by the Guardian that the talks had failed.",
        "the Guardian",
        "reported",
        "the talks had failed",
        "organization",
    ),
    (
        "Reporters were informed by a spokesman for the agency that the plan had changed.",
        "a spokesman for the agency",
        "informed",
        "the plan had changed",
        "role",
    ),
    # a participle clause after the source or the cue tells what the source did: not source, not content
    (
        "Reuters, citing two people familiar with the matter, said the deal was close.",
        "Reuters",
        "said",
        "the deal was close",
        "anonymous",
    ),
    (
        "Tom Homan, speaking at a rally in Phoenix, said the raids would continue.",
        "Tom Homan",
        "said",
        "the raids would continue",
        "person",
    ),
    (
        "The Times reported, citing three officials, that the raid had been planned for weeks.",
        "The Times",
        "reported",
        "the raid had been planned for weeks",
        "organization",
    ),
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
    assert got["fear"] == "feeling"  # (thoughts, intentions and feelings: own classes since issue 19)
    assert got["charged"] == "emotive" and got["determined"] == "endorsing" and got["posted"] == "neutral"


def test_direct_flag():
    assert _relations('"We will not back down," Mayor Karen Bass said.')[0]["is_direct"] is True
    assert _relations("Police said the suspect was arrested.")[0]["is_direct"] is False


# ---------------------------------------------------------------------------
# Not attributions


@pytest.mark.parametrize(
    "text",
    [
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
        # verbs of reporting-verbs 1.1.0 in their other senses (no that-clause, or a passive)
        "The company posted a quarterly loss of $2 billion.",
        "He was charged with first-degree murder.",
        "The two leaders agreed to meet again next month.",
        "She was determined to finish the race.",
        "The data signal a slowdown in hiring.",
        # a noun cue whose content cannot be delimited without a parser, or with no that-clause
        "Trump's claim that the vote was rigged drew ridicule.",
        "The mayor's statement drew criticism.",
        "The Claim That Shook Washington: A Profile.",
        # passives that report no claim, or whose source is named (attribution-sources 1.1.0)
        "He was reported to police by a neighbor.",
        "It is clear that the plan failed.",
        "The storm is expected to make landfall on Friday.",
        "The project is estimated to cost $5 billion.",
        "The plan was said by aides to be final.",
        # what a participle 'citing' names is a source or a reason, not content
        "The agency raised its forecast, citing strong consumer demand.",
    ],
)
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


@pytest.mark.parametrize(
    "text,contents",
    [
        (
            "Critics argue the survey oversampled urban voters, but pollsters insisted the methodology was sound.",
            {"argue": "the survey oversampled urban voters", "insisted": "the methodology was sound"},
        ),
        (
            "A new study suggests that the drug may reduce the risk of heart attacks, "
            "researchers reported on Wednesday.",
            {
                "suggests": "the drug may reduce the risk of heart attacks",
                "reported": "A new study suggests that the drug may reduce the risk of heart attacks",
            },
        ),
        # a relation inside the content with no clause boundary before it stays nested
        (
            "Smith said that Jones argued the plan would fail.",
            {"said": "Jones argued the plan would fail", "argued": "the plan would fail"},
        ),
    ],
)
def test_content_ends_at_the_next_source_after_a_clause_boundary(text, contents):
    got = {r["cue"]: r["content"] for r in _relations(text)}
    assert got == {cue: [c] for cue, c in contents.items()}


# (text, cue, arrangement, source, content parts, is_direct): where the rules of _verb and
# _according put source and content, one sentence per arrangement and path
ARRANGEMENTS = [
    (
        "The plan, according to two officials, would cost $2 billion.",
        "according to",
        "according-to",
        "two officials",
        ["The plan", "would cost $2 billion"],
        False,
    ),
    (
        '"We are ready," said the mayor, "and we will act."',
        "said",
        "content-cue-source",
        "the mayor",
        ["We are ready", "and we will act."],
        True,
    ),
    (
        "He recognized the risks but underscored that the plan was sound.",
        "underscored",
        "coordination",
        "He",
        ["the plan was sound"],
        False,
    ),
    (
        "The raids, the agency said on Tuesday, will continue.",
        "said",
        "content-source-cue",
        "the agency",
        ["The raids", "will continue"],
        False,
    ),
    (
        '"The cuts are final," the chief told reporters at an evening briefing in Sacramento.',
        "told reporters",
        "content-source-cue",
        "the chief",
        ["The cuts are final"],
        True,
    ),
    ('"Go home," the preacher told the crowd.', "told", "content-source-cue", "the preacher", ["Go home"], True),
    (
        "Smith, who said the plan would fail, resigned.",
        "said",
        "source-cue-content",
        "Smith",
        ["the plan would fail"],
        False,
    ),
    (
        "As the Associated Press reported, the count was delayed.",
        "reported",
        "content-source-cue",
        "the Associated Press",
        ["the count was delayed"],
        False,
    ),
    (
        "Emphasizing that the plan was legal, Homan said it would go ahead.",
        "Emphasizing",
        "participle",
        "Homan",
        ["the plan was legal"],
        False,
    ),
    (
        '"No comment," said Jane Doe, a spokeswoman for the agency.',
        "said",
        "content-cue-source",
        "Jane Doe, a spokeswoman for the agency",
        ["No comment"],
        True,
    ),
]


@pytest.mark.parametrize(
    "text,cue,arrangement,source,content,direct", ARRANGEMENTS, ids=[a[0][:40] for a in ARRANGEMENTS]
)
def test_arrangement_source_and_content(text, cue, arrangement, source, content, direct):
    doc = segment(text, "t")
    ts, te = doc.tok_start, doc.tok_end
    rels = [r for r in extract_attributions(doc) if text[ts[r.cue[0]] : te[r.cue[1]]] == cue]
    assert len(rels) == 1, [text[ts[r.cue[0]] : te[r.cue[1]]] for r in extract_attributions(doc)]
    r = rels[0]
    assert r.arrangement == arrangement
    assert text[ts[r.source[0]] : te[r.source[1]]] == source
    assert [text[a:b] for a, b in r.content] == content
    assert r.is_direct is direct


@pytest.mark.parametrize(
    "text,stype,speaker,name,role_alias",
    [
        # a name after titles and role words; an appositive role, after "identified as"
        (
            "Los Angeles County Fire Chief Anthony Marrone said the fire was contained.",
            "person",
            "Anthony Marrone",
            "Anthony Marrone",
            "",
        ),
        (
            "Tom Homan, identified as the border czar, said the raids would continue.",
            "person",
            "Tom Homan",
            "Tom Homan",
            "border czar",
        ),
        # a role or anonymous source named in apposition is that person
        (
            "A spokesman for ICE, Jane Doe, said the raids would continue.",
            "person",
            "Jane Doe",
            "Jane Doe",
            "spokesman",
        ),
        # the head of a capitalised name before of/for; acronyms and "the" + name are organisations
        ("The Department of Justice said it would appeal.", "organization", "Department", "", ""),
        ("ICE said the raids would continue.", "organization", "ICE", "", ""),
        ("The Federal Reserve said rates would rise.", "organization", "Federal Reserve", "", ""),
        # documents are keyed in the singular; roles and anonymous sources in lower case
        ("The memos said the raids would continue.", "document", "memo", "", ""),
        ("The Border Czar said the raids would continue.", "role", "border czar", "", ""),
        (
            "A senior official, speaking on condition of anonymity, said the raids would continue.",
            "anonymous",
            "senior official",
            "",
            "",
        ),
    ],
)
def test_source_type_speaker_key_name_and_role_alias(text, stype, speaker, name, role_alias):
    [r] = extract_attributions(segment(text, "t"))
    assert (r.source_type, r.speaker, r.name, r.role_alias) == (stype, speaker, name, role_alias)


def test_possessive_pronoun_of_a_noun_cue_resolves_to_the_person_before():
    rels = _relations(
        "Senator Jane Smith said the bill was flawed. Her claim that the bill would cost jobs has been disputed."
    )
    assert [(r["cue"], r["speaker"], r["verb_class"]) for r in rels] == [
        ("said", "Jane Smith", "neutral"),
        ("claim", "Jane Smith", "distancing"),
    ]


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


@pytest.mark.parametrize(
    "text",
    [
        '"We will fight this, the mayor said.',  # unclosed quotation
        'The mayor said" we will fight" and "then',
        "said",
        "according to",
        ': "',
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
    ],
)
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
        assert t[row.source_start : row.source_end] == row.source_text
        assert t[row.cue_start : row.cue_end] == row.cue_text
        assert t[row.content_start : row.content_end] == row.content_text
        assert row.source_type in SOURCE_TYPES
        assert row.verb_class in VERB_CLASSES
    spans = result.spans[result.spans["layer"].isin(["source", "cue", "content"])]
    assert set(spans["attribution_id"]) == set(att["attribution_id"])
    for layer in ("source", "cue", "content"):
        assert set(spans.loc[spans["layer"] == layer, "attribution_id"]) == set(att["attribution_id"])
    docs = result.documents.set_index("doc_id")
    for col in (
        "attributed_share",
        "direct_quote_share",
        "n_attributions",
        "n_speakers",
        "anonymous_share",
        "document_share",
    ):
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


def test_a_claim_without_a_source_gives_way_to_a_later_named_source():
    """*X was said to ..., according to Y*: Y's claim, one relation; the empty source of a
    relation without a source is an empty span at its cue, and the speaker table leaves it out."""
    rels = _relations("The company was said to have lost millions, according to the filing.")
    assert [(r["source"], r["cue"], r["source_type"]) for r in rels] == [("the filing", "according to", "document")]
    rels = _relations("It was reported that the mayor would resign, the Times said.")
    assert [(r["source"], r["cue"]) for r in rels] == [("the Times", "said")]
    text = "It is widely believed that the vote was rigged. Officials said the count was accurate."
    a = framing.analyze([text])
    att = a.attributions
    assert att["source_type"].tolist() == ["unattributed", "role"]
    first = att.iloc[0]
    assert first.source_text == "" and first.source_start == first.source_end == first.cue_start
    assert first.speaker == "" and first.speaker_type == "unattributed"
    assert set(a.spans.loc[a.spans.attribution_id == first.attribution_id, "layer"]) == {"cue", "content"}
    assert speakers(a)["speaker"].tolist() == ["officials"]
    shares = a.measures.set_index("measure")["value"]
    assert shares["source_type:unattributed"] == 0.5 and shares["source_type:role"] == 0.5


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
                assert text[g[part]["start"] : g[part]["end"]] == g[part]["text"], (doc_id, g)
            for c in g["content"]:
                assert text[c["start"] : c["end"]] == c["text"], (doc_id, g)
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
                    g["source"]["start"],
                    g["source"]["end"],
                    *gc,
                )
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


# ---------------------------------------------------------------------------
# The fast paths equal the reference implementation
#
# The functions below are the ones the speed work changed, verbatim as they were before it
# (framing 5d2153e), renamed. _reference_module() runs the current module source in a fresh
# namespace and puts these back in place of their fast versions; the test compares what the
# two annotators write on varied text.


def _old_doc_clause_end(self, k: int, last: int) -> int:
    """The first ``;`` at or after token ``k`` before ``last`` (else ``last``)."""
    if self._semis is None:
        self._semis = [i for i, w in enumerate(self.tl) if w == ";"]
    x = bisect_left(self._semis, k)
    if x < len(self._semis) and self._semis[x] < last:
        return self._semis[x]
    return last


def _old_doc_np_left(self, j: int, first: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``j`` as (start, head), or None."""
    lex, tl = self.lex, self.tl
    while j >= first and tl[j] in _MARKUP:
        j -= 1
    if j < first or not self.wordlike(j):
        return None
    w = tl[j]
    if w in lex.pronoun:
        return (j, j)
    if w in lex.clause or w in lex.aux or w in lex.be or w in lex.link or w in lex.det:
        return None
    head_cap = self.cap(j)
    start = j
    k = j - 1
    n = 1
    while k >= first and n < _MAX_NP:
        p = tl[k]
        if p in _MARKUP:
            k -= 1
            continue
        if p in lex.det:
            start = k
            break
        if p == "." and k - 1 >= first and self.cap(k - 1) and (tl[k - 1] in lex.title or len(tl[k - 1]) <= 4):
            start = k - 1
            k -= 2
            n += 1
            continue
        if (
            p in ("of", "and", "&", "for", "de", "del", "la", "von", "van", "bin", "al")
            and k - 1 >= first
            and self.cap(k - 1)
            and self.cap(k + 1)
            and head_cap
        ):
            k -= 1
            continue
        if p in ("’", "'") and k - 1 >= first and tl[k - 1].endswith("s"):
            start = k - 1
            k -= 2
            n += 1
            continue
        if not p[:1].isalnum():
            break
        if self.cap(k):
            if p in lex.clause or p in lex.aux or p in lex.pronoun or (p in lex.time_noun and p not in lex.heads):
                break
            start = k
        elif (
            p in lex.clause
            or p in lex.link
            or p in lex.aux
            or p in lex.be
            or p in lex.pronoun
            or p in lex.time
            or (p in lex.verb_forms and p not in lex.heads)
            or self.is_adverb(p)
            or p == "to"
        ):
            break
        else:
            start = k
        k -= 1
        n += 1
    return (start, j)


def _old_doc_np_right(self, k: int, last: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``k`` (before ``last``) as (start, head), or None."""
    lex, tl = self.lex, self.tl
    while k < last and tl[k] in _MARKUP:
        k += 1
    if k >= last or not self.wordlike(k):
        return None
    start = k
    if tl[k] in lex.pronoun:
        return (k, k)
    head = None
    if tl[k] in lex.det:
        k += 1
    n = 0
    while k < last and n < _MAX_NP:
        p = tl[k]
        if p in _MARKUP:
            k += 1
            continue
        if p == "." and head is not None and tl[head] in lex.title:
            k += 1
            continue
        if p in ("of", "and", "&", "for") and head is not None and self.cap(head) and k + 1 < last and self.cap(k + 1):
            k += 1
            continue
        if not p[:1].isalnum():
            break
        if self.cap(k):
            if p in lex.clause or p in lex.aux or p in lex.be or (p in lex.time_noun and p not in lex.heads):
                break
        elif (
            p in lex.clause
            or p in lex.link
            or p in lex.aux
            or p in lex.be
            or p in lex.pronoun
            or p in lex.time
            or (p in lex.verb_forms and p not in lex.heads)
            or self.is_adverb(p)
            or p == "to"
            or p in lex.det
            or (head is not None and p.endswith("ed") and p not in lex.heads)
        ):
            break
        head = k
        k += 1
        n += 1
    if head is None:
        return None
    return (start, head)


def _old_extract_attributions(doc: Document) -> list[Attribution]:
    """Attribution relations of a segmented document, in text order (see the module docstring).

    Never raises for any text: a sentence the rules cannot read is skipped and logged at
    debug level.
    """
    lex = _lexicon()
    d = _Doc(doc, lex)
    tl = d.tl
    first_tokens = lex.cues.keys() | lex.nouns.keys()  # (noun cues: reporting-verbs 1.2.0)
    hits = list(compress(count(), map(first_tokens.__contains__, tl)))
    out: list[Attribution] = []
    used_until = -1
    for i in hits:
        if i <= used_until:
            continue
        try:
            # (attribution-sources 1.1.0: a passive participle first tries a passive relation)
            rel, last_tok = _passive(d, i), i
            if rel is None:
                rel, last_tok = _at_cue(d, i)
        except Exception as exc:  # a missed relation, never a failed document
            log.debug("document %r: attribution at token %d skipped: %s", doc.doc_id, i, exc, exc_info=True)
            continue
        if rel is not None:
            out.append(rel)
            d.prev = rel
            used_until = last_tok
    try:
        out = _named_later(d, out)
        _continue_quotes(d, out)
        _orphan_quotes(d, out)  # (issue 19: not a speed path)
        _resolve(d, out)
        # (added with the widened cues and nested states, issue 19: not a speed path)
        states = [n for n, rel in enumerate(out) if rel.cue_entry.state and rel.source is not None]
        out = [rel for rel in _drop_nested_states(d, out, states) if _widen_cue(d, rel)]
    except Exception as exc:  # pragma: no cover - defensive
        log.debug("document %r: attribution post-processing failed: %s", doc.doc_id, exc, exc_info=True)
    return out


def _old_source_left(d: _Doc, cue: _Cue, i: int, first: int) -> tuple[str, _Src | None]:
    """The source before a verb cue: ("ok", src), ("none", None) or ("reject", None)."""
    tl, lex = d.tl, d.lex
    ing = tl[i].endswith("ing")
    j = i - 1
    anon_adverb = False
    while j >= first:
        w = tl[j]
        if w in lex.be and w not in ("'s", "’s"):
            if ing:
                j -= 1
                continue
            return "reject", None  # passive: is expected, was reported
        if w in lex.aux or d.is_adverb(w) and not d.cap(j):  # (issue 19: Jolly said)
            anon_adverb = anon_adverb or w in lex.anon_words
            j -= 1
            continue
        if w in lex.time_noun and not d.cap(j) or w in lex.time_noun and w in _DAY_MONTH:
            # X last week said, Homan on Tuesday said
            jj = j - 1
            while jj >= first and (tl[jj] in lex.time or tl[jj].isdigit() or tl[jj] == "."):
                jj -= 1
            j = jj
            continue
        break
    if j < first:
        return "none", None
    if tl[j] == "." and j - 1 >= first and d.cap(j - 1) and len(tl[j - 1]) <= 4 and tl[j - 1].isalpha():
        j -= 1  # XYZ Corp. said, Smith Jr. said
    w = tl[j]
    if w == "to":
        return "reject", None  # declined to comment, refused to say
    if w in ("who", "which") and j - 1 >= first:
        # Smith, who said the plan would fail, resigned / officials who said ...: the antecedent
        k = j - 1
        if tl[k] == ",":
            k -= 1
        np = d.np_left(k, first)
        if np is not None and d.head_ok(np[0], np[1], cue.strict, first) and tl[np[1]] not in lex.pronoun:
            ext = d.extend_left(np[0], first)
            start, mhead = (ext[0], ext[1]) if ext is not None else np
            mstart = ext[0] if ext is not None else np[0]
            if _boundary_before(d, start, first):
                return "ok", _Src(start, np[1], mstart, mhead, anon_hint=anon_adverb)
        return "none", None
    if w in lex.det or d.possessive(w) or w in ("’", "'") and j - 1 >= first and tl[j - 1].endswith("s"):
        return "reject", None  # a noun: the said property, his remarks, these reports
    if w == "," or w in _CLOSE_MARKS:
        k = j
        while k >= first and tl[k] in _CLOSE_MARKS:
            k -= 1
        if k >= first and tl[k] == "," and k - 1 >= first:
            src = _appositive(d, k, first, cue)
            if src is None and tl[k - 1] == ")":  # (issue 19: Sen. Jack Reed (D-R.I.), said)
                src = _old_plain_source(d, cue, _before_parenthetical(d, k - 1, first), first, anon_adverb, k - 1)
            if src is not None:
                src.anon_hint = src.anon_hint or anon_adverb
                return "ok", src
        return "none", None
    if w == ")":  # (issue 19: Sen. Jack Reed (D-R.I.) said)
        inner = _before_parenthetical(d, j, first)
        src = _old_plain_source(d, cue, inner, first, anon_adverb, j) if inner != j else None
        return ("none", None) if src is None else ("ok", src)
    if not d.wordlike(j) and w not in _MARKUP:
        return "none", None
    # a relative clause: an official who spoke on condition of anonymity said
    r = j
    while r >= first and j - r < 12 and tl[r] not in _HARD and tl[r] != ",":
        if tl[r] in ("who", "whom") and r - 1 >= first:
            np = d.np_left(r - 1, first)
            if np is not None and d.head_ok(np[0], np[1], cue.strict, first) and _boundary_before(d, np[0], first):
                return "ok", _Src(np[0], j, np[0], np[1], anon_hint=anon_adverb)
            break
        r -= 1
    src = _old_plain_source(d, cue, j, first, anon_adverb, None)
    return ("none", None) if src is None else ("ok", src)


def _old_plain_source(d: _Doc, cue: _Cue, j: int, first: int, anon_adverb: bool, end) -> _Src | None:
    """(the last part of _old_source_left, a function since issue 19 with a quantity before
    the noun phrase and a parenthetical after it: ``end``)"""
    tl = d.tl
    np = d.np_left(j, first)
    if np is None:
        return None
    start, head = np
    if not d.head_ok(start, head, cue.strict, first):
        return None
    main_start, main_head = start, head
    ext = d.extend_left(start, first)
    while ext is not None:
        start = ext[0]
        main_start, main_head = ext
        ext = d.extend_left(start, first)
    start = _quantity_before(d, start, first)
    if not _boundary_before(d, start, first):
        return None
    if end is None:
        end = j if tl[j] not in _MARKUP else head
    return _Src(start, end, main_start, main_head, anon_hint=anon_adverb)


def _old_phrase_in(tl, a: int, b: int, phrases: dict) -> bool:
    """Whether tokens a..b (inclusive) contain one of ``phrases`` (first token -> tuples)."""
    for x in range(a, b + 1):
        for pat in phrases.get(tl[x], ()):
            if tuple(tl[x : x + len(pat)]) == pat and x + len(pat) - 1 <= b:
                return True
    return False


def _old_classify(d: _Doc, src: _Src, sent) -> tuple[str, str, str, str]:
    """(source_type, speaker key, person name, role alias) of a source."""
    tl, lex, text, ts, te = d.tl, d.lex, d.text, d.ts, d.te
    head = src.main_end
    if d.cap(head):
        # the Department of Justice, the Centers for Disease Control: the head precedes "of"/"for"
        for x in range(src.main_start + 1, head):
            if tl[x] in ("of", "for") and d.cap(x - 1) and d.cap(x + 1):
                head = x - 1
                break
    hw = _strip_possessive(tl[head])
    anon = src.anon_hint or any(tl[x] in lex.anon_words for x in range(src.start, src.end + 1))
    if not anon:
        anon = _phrase_in(tl, src.start, src.end, lex.anon_phrases)
    if not anon:
        # on condition of anonymity / requested anonymity elsewhere in the sentence
        anon = d.sentence_anonymous(sent)
    name = ""
    role_alias = ""
    main_words = [x for x in range(src.main_start, head + 1) if tl[x] not in lex.det and d.wordlike(x)]
    head_text = text[ts[head] : te[head]]
    if hw in lex.pronoun:
        stype = "pronoun"
    elif hw in lex.anon:
        stype = "anonymous"
    elif hw in lex.doc and (not d.cap(head) or hw not in lex.org):
        stype = "document"
    elif hw in lex.org:
        stype = "organization"
    elif hw in lex.role:
        stype = "role"
    elif len(hw) > 1 and _strip_possessive(head_text).replace(".", "").isupper():
        stype = "organization"  # ICE, FBI, the IMF
    elif d.cap(head):
        # a capitalised name after "the" is an organisation (the Federal Reserve, the Associated Press)
        stype = "organization" if tl[src.main_start] == "the" else "person"
    else:
        stype = "role"
    if stype == "person":
        words = [x for x in main_words if d.cap(x)]
        # Los Angeles County Fire Chief Anthony Marrone -> Anthony Marrone
        cut = max((n for n, x in enumerate(words[:-1]) if tl[x] in lex.title or tl[x] in lex.role), default=-1)
        words = words[cut + 1 :]
        name = " ".join(_strip_possessive(text[ts[x] : te[x]]) for x in words)
        if src.appos is not None:
            a, b = src.appos
            for x in range(a, min(a + 3, b)):
                if tl[x] == "as":  # identified as the border czar
                    a = x + 1
            role_alias = _norm(d, a, b)
    elif src.appos is not None and stype in ("role", "anonymous"):
        # a spokesman for ICE, Jane Doe, said: the appositive names the speaker
        a, b = src.appos
        caps = [x for x in range(a, b + 1) if d.cap(x) and tl[x] not in lex.heads]
        if caps and len(caps) == b - a + 1:
            name = " ".join(text[ts[x] : te[x]] for x in caps)
            role_alias = _norm(d, src.main_start, head)
            stype = "person"
    if anon and stype != "person":
        stype = "anonymous"
    if stype == "person":
        speaker = name
    elif stype == "document":
        speaker = hw[:-1] if hw.endswith("s") and hw[:-1] in lex.doc else hw
    elif stype == "pronoun":
        speaker = hw
    elif stype == "anonymous":
        speaker = _norm(d, src.start, src.end).lower()
    elif stype == "role":
        speaker = _norm(d, src.main_start, head).lower()
    else:
        speaker = _norm(d, src.main_start, head)
    return stype, speaker, name, role_alias


def _old_token_range(ts: list[int], a: int, b: int) -> tuple[int, int]:
    """Token indices [i, j) inside characters [a, b)."""
    return bisect_left(ts, a), bisect_left(ts, b)


def _old_sentence_of(doc: Document):
    ts, tok_sent = doc.tok_start, doc.tok_sent

    def sent_of(offset: int) -> int:
        k = bisect_right(ts, offset) - 1
        return tok_sent[k] if k >= 0 else 0

    return sent_of


def _old_attributionannotator_annotate(self, doc: Document, out: DocResult) -> None:
    try:
        rels = extract_attributions(doc)
    except Exception as exc:  # never an exception for text: a missed relation at worst
        log.debug("document %r: attribution failed: %s", doc.doc_id, exc, exc_info=True)
        rels = []
    text = doc.text
    ts = doc.tok_start
    te = doc.tok_end
    doc_id = doc.doc_id
    covered = bytearray(doc.n_tokens)
    direct_cov = bytearray(doc.n_tokens)
    for n, r in enumerate(rels, start=1):
        aid = f"{doc_id}/a{n:03d}"
        c0, c1 = ts[r.cue[0]], te[r.cue[1]]
        s0, s1 = (ts[r.source[0]], te[r.source[1]]) if r.source is not None else (c0, c0)
        k0, k1 = r.content[0][0], r.content[-1][1]
        vclass = r.cue_entry.verb_class
        common = {"attribution_id": aid, "speaker": r.speaker}
        sent_of = _sentence_of(doc)
        if r.source is not None:
            out.add_span(sent_of(s0), s0, s1, "source", r.source_type, r.arrangement, **common)
        out.add_span(sent_of(c0), c0, c1, "cue", vclass, r.arrangement, cue_lemma=r.cue_entry.lemma, **common)
        kind = "direct" if r.is_direct else "indirect"
        for a, b in r.content:
            out.add_span(sent_of(a), a, b, "content", kind, r.arrangement, **common)
            i, j = _token_range(ts, a, b)
            covered[i:j] = b"\x01" * (j - i)
            if r.is_direct:
                direct_cov[i:j] = b"\x01" * (j - i)
        out.attributions.append(
            {
                "doc_id": doc_id,
                "attribution_id": aid,
                "source_text": text[s0:s1],
                "source_type": r.source_type,
                "speaker": r.speaker,
                "cue_text": text[c0:c1],
                "cue_lemma": r.cue_entry.lemma,
                "verb_class": vclass,
                "content_text": text[k0:k1],
                "is_direct": bool(r.is_direct),
                "source_start": s0,
                "source_end": s1,
                "cue_start": c0,
                "cue_end": c1,
                "content_start": k0,
                "content_end": k1,
                "sent_index": r.sent,
                "arrangement": r.arrangement,
                "n_content_parts": len(r.content),
                "speaker_type": r.resolved_type or r.source_type,
            }
        )
    _measures(doc, out, rels, covered, direct_cov)


def _old_measures(doc: Document, out: DocResult, rels: list[Attribution], covered, direct_cov) -> None:
    tl = doc.tok_lower
    # word tokens of body sentences; covered / direct_cov mark content tokens (1 per token)
    word = bytearray(map(str.isalnum, map(itemgetter(0), tl)))
    for s in doc.sentences:
        if s.kind != "body" and s.tok_last > s.tok_first:
            word[s.tok_first : s.tok_last] = bytes(s.tok_last - s.tok_first)
    n_body = word.count(1)
    w = int.from_bytes(word, "little")
    n_att = (w & int.from_bytes(covered, "little")).bit_count() if rels else 0
    n_dir = (w & int.from_bytes(direct_cov, "little")).bit_count() if rels else 0
    n = len(rels)
    nan = float("nan")
    out.measures["attributed_share"] = n_att / n_body if n_body else nan
    out.measures["direct_quote_share"] = n_dir / n_body if n_body else nan
    out.measures["n_attributions"] = n
    out.measures["n_speakers"] = len(
        {r.speaker for r in rels if r.speaker and not (r.source_type == "pronoun" and not r.resolved_type)}
    )
    types = Counter(r.source_type for r in rels)
    classes = Counter(r.cue_entry.verb_class for r in rels)
    out.measures["anonymous_share"] = types["anonymous"] / n if n else nan
    out.measures["document_share"] = types["document"] / n if n else nan
    if n:
        for t in SOURCE_TYPES:
            out.add_measure(f"source_type:{t}", types[t] / n)
        for c in VERB_CLASSES:
            out.add_measure(f"verb_class:{c}", classes[c] / n)
        out.add_measure("direct_attribution_share", sum(r.is_direct for r in rels) / n)


# (round 3 of the speed work: verbatim as they were before it, framing 4b15c82)


def _old_doc_skip_mods(self, k: int, last: int) -> int:
    """Skip cue modifiers (in a statement, to reporters) and time expressions after a cue."""
    lex, tl = self.lex, self.tl
    for _ in range(4):
        if k >= last:
            return k
        w = tl[k]
        moved = False
        for pat in lex.modifiers.get(w, ()):
            if tuple(tl[k : k + len(pat)]) == pat:
                k += len(pat)
                moved = True
                break
        if moved:
            continue
        # a time expression: Tuesday, on Tuesday, last week, earlier this month, on Feb. 3
        j = k
        while (
            j < last
            and j - k < 4
            and (tl[j] in lex.time or (tl[j].isdigit() and j > k) or (tl[j] == "." and j > k and tl[j - 1] in lex.time))
        ):
            j += 1
        if j > k and any(tl[x] in lex.time_noun for x in range(k, j)):
            k = j
            continue
        return k
    return k


def _old_norm(d: _Doc, a: int, b: int) -> str:
    """A noun phrase as a speaker key: without leading determiners, quotation marks and markup."""
    tl, lex = d.tl, d.lex
    while a <= b and (tl[a] in lex.det or not d.wordlike(a)):
        a += 1
    if a > b:
        return ""
    words = []
    for x in range(a, b + 1):
        t = d.text[d.ts[x] : d.te[x]]
        if t in _QUOTE_MARKS or t in _MARKUP:
            continue
        words.append(t)
    out = " ".join(words).replace(" ,", ",").replace(" .", ".")
    return _strip_possessive(out) if out.lower() == out else _strip_possessive(out)


def _old_new(d: _Doc, sent, cue, i, e, src: _Src | None, content, direct, arrangement, quotes=()) -> Attribution | None:
    content = [p for p in content if p is not None and p[1] > p[0]]
    if src is None or not content:
        return None
    return Attribution(
        sent=sent.index,
        cue=(i, e),
        cue_entry=cue,
        source=(src.start, src.end),
        source_type="",
        speaker="",
        content=content,
        is_direct=direct,
        arrangement=arrangement,
        main=(src.main_start, src.main_end),
        quotes=list(quotes),
        resolved_type="anon" if src.anon_hint else "",
        src=src,
    ), src


_OLD = [
    ("_Doc", "clause_end", "_old_doc_clause_end"),
    ("_Doc", "np_left", "_old_doc_np_left"),
    ("_Doc", "np_right", "_old_doc_np_right"),
    ("", "extract_attributions", "_old_extract_attributions"),
    ("", "_source_left", "_old_source_left"),
    ("", "_old_plain_source", "_old_plain_source"),
    ("", "_phrase_in", "_old_phrase_in"),
    ("", "_classify", "_old_classify"),
    ("", "_token_range", "_old_token_range"),
    ("", "_sentence_of", "_old_sentence_of"),
    ("AttributionAnnotator", "annotate", "_old_attributionannotator_annotate"),
    ("", "_measures", "_old_measures"),
    ("_Doc", "skip_mods", "_old_doc_skip_mods"),
    ("", "_norm", "_old_norm"),
    ("", "_new", "_old_new"),
]


def _reference_module():
    import sys
    import types
    from pathlib import Path

    import framing.layers.attribution as fast

    ref = types.ModuleType("framing.layers._attribution_reference")
    ref.__dict__["__package__"] = "framing.layers"
    sys.modules[ref.__name__] = ref  # dataclasses look their module up while the source runs
    source = Path(fast.__file__).parent / "attribution.py"
    try:
        exec(compile(source.read_text("utf-8"), str(source), "exec"), ref.__dict__)
    finally:
        del sys.modules[ref.__name__]
    from operator import itemgetter

    ref.__dict__.setdefault("itemgetter", itemgetter)  # used by the old _measures
    for cls, name, old in _OLD:
        f = globals()[old]
        f = types.FunctionType(f.__code__, ref.__dict__, name, f.__defaults__, f.__closure__)
        if cls:
            setattr(ref.__dict__[cls], name, f)
        else:
            ref.__dict__[name] = f
    return ref


def test_fast_paths_equal_the_reference_on_varied_text():
    # besides the shared texts: every sentence written for the tests of this file (wire-service
    # conventions, appositives, relative clauses, datelines ...), one document each and all
    # in one document, and a few more relative clauses and infinitives
    import ast
    from pathlib import Path

    from framing.layers.attribution import AttributionAnnotator

    from .test_loaded import same_as_reference

    tree = ast.parse(Path(__file__).read_text("utf-8"))
    constructed = sorted(
        {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and len(node.value) > 25
            and " " in node.value
        }
    )
    extra = constructed + [
        "\n\n".join(constructed),
        (
            "The official whom reporters asked declined to comment. A lawyer for the family, whom the judge "
            "thanked, said the ruling was fair. Aides who had wanted to speak said they were told to stay silent. "
            "The senator, who rarely speaks to reporters, told the Times that the bill would pass. "
            "Voters in Ohio whom pollsters reached said turnout would be high, according to a survey."
        ),
        "Aide Says Plan Is Legal As Border Czar Was Briefed, Reports Say\n\nSaid Officials Are Wrong, Told The Court",
        "He said the plan was dead, speaking on condition of anonymity. They anonymously said that it would fail. "
        "The memo, according to people familiar with the matter, said raids would start. A spokesman, who "
        "requested anonymity, told reporters that ICE would not comment.",
        *EARLY_REJECTION_TEXTS,
    ]
    reference = _reference_module().AttributionAnnotator()
    n_spans = same_as_reference([AttributionAnnotator()], lambda _, doc, out: reference.annotate(doc, out), extra)
    assert n_spans > 1500


def test_noun_phrase_scanners_equal_the_reference_at_every_token():
    """np_left / np_right (sets merged for speed) against the reference at every token of the
    varied texts, from every start position a rule uses (sentence start and the token itself)."""
    from framing.layers.attribution import _Doc, _lexicon

    from .test_lexicon import varied_texts

    ref = _reference_module()
    lex, ref_lex = _lexicon(), ref._lexicon()
    n = 0
    headlines = "Aide Says Plan Is Legal As Border Czar Was Briefed\n\nSaid Officials Are Wrong, Told The Court"
    for k, text in enumerate([*varied_texts(), headlines]):
        doc = segment(text, str(k))
        fast, slow = _Doc(doc, lex), ref._Doc(doc, ref_lex)
        for s in doc.sentences:
            for j in range(s.tok_first, s.tok_last):
                for first in (s.tok_first, j):
                    assert fast.np_left(j, first) == slow.np_left(j, first), (text[:60], j)
                assert fast.np_right(j, s.tok_last) == slow.np_right(j, s.tok_last), (text[:60], j)
                n += 1
    assert n > 10000


# texts around cues for the early rejections: what precedes a cue (a mark, be, a determiner, a
# possessive, link and clause words, plain and capitalised words, adverbs, time words, who and
# whom, and / but), in passive, inverted, participle and coordinated attributions, with quotes
# of every kind, nested quotes and odd punctuation
EARLY_REJECTION_TEXTS = [
    "Officials (ICE) said the raids would start. The agency — said to be ready — declined. Homan; said nothing.",
    "The plan was said to be ready. It is reported that raids began. Raids were confirmed by ICE. "
    "The official’s said remark drew fire. The agency's reports showed gaps. These reports were leaked.",
    "Data in confirm the trend. The share of claimed votes rose. People that warned were ignored. Those who "
    "warned were right, the mayor said. A lawyer whom the judge thanked said the ruling was fair.",
    "Confidential insights reveal a plan. This commitment underscores the scale. Kelly said the vote was close. "
    "Reportedly said officials, the plan is dead. Repeatedly warned the chief that cuts would come.",
    "Homan on Tuesday said the raids would go on. The chief last week warned that cuts were coming. "
    "He later said it was false, and added that the memo was old, but stressed that “nothing is final.”",
    "“We are ready,” said Smith. ‘We are ready,’ said Jones. «Nous sommes prêts», said Dupont. "
    '"A \'nested\' quote," said Lee, "ends here." "Fine" — said no one.',
    "According to the memo, raids begin Monday. Raids begin Monday, according to the memo. "
    "Emphasizing that the plan was legal, Homan said it would go ahead. He left, saying nothing.",
    'Mayor Bass said: "No." Bass: "No." The Agency Says It Is Ready\n\nSaid Nobody Ever\n\nsaid the man.',
    "Müller’s team said „Ja“. The café’s owner said naïve reforms fail… Señora López said «sí». 中文 said 日本語.",
    "An official, who spoke on condition of anonymity, said the plan was leaked. People familiar with the "
    "matter said that the memo was real. A source close to the White House told reporters it was a draft.",
    "The memo, according to two officials, said raids would begin. The documents obtained by CNN show a plan. "
    "Critics, including Sen. Jane Doe, argued that the plan was illegal; supporters insisted it was lawful.",
    "It's the law, he's said. They've said so. We'd said it. I've long said that. You're said to know.",
    "*Homan* said the plan was legal. _ICE_ said nothing. Smith Jr. said yes. XYZ Corp. said no. U.S. said it.",
    # cues that are not strict after a plain word: a determiner, a plain word, a capitalised
    # word, a link word, an adverb or a mark before it; numbers and -ing words as the word
    "The panel said the vote was fair. Every bystander added that the fire spread. A few neighbours stated "
    "that the road was closed. Texas ranchers said rain was scarce. Dozens of farmers said prices fell. "
    "Truly local growers said so. Some 1,200 said yes. The striking said no. Still crowds said the raids were "
    "cruel. Frankly voters said enough. (Witnesses) said more. The mass said it was over. And this’ crowd said it "
    "was loud; his' mood added that it was late. The. crowd said so.",
    "Tom Homan anonymously said the plan was ready. A spokesman anonymously told reporters that it was not.",
]


def test_early_rejection_makes_no_relation_where_the_full_path_makes_one():
    """_no_relation (the cheap early rejection) only skips cues where _at_cue finds no
    relation, on varied text (seven topics, novel words, quotations, edge cases)."""
    from framing.layers.attribution import _at_cue, _Doc, _lexicon, _no_relation, _token_codes

    from .test_lexicon import novel_texts, varied_texts

    lex = _lexicon()
    skipped = kept = 0
    texts = [*varied_texts(), *EARLY_REJECTION_TEXTS, *[c[0] for c in CASES], *novel_texts(40)]
    for k, text in enumerate(texts):
        doc = segment(text, str(k))
        d = _Doc(doc, lex)
        for i in _token_codes(d.tl).cue_firsts:
            strict = lex.verb_only.get(d.tl[i])
            if strict is not None and _no_relation(d, i, strict):
                assert _at_cue(d, i)[0] is None, (text[:60], d.tl[max(0, i - 4) : i + 3])
                skipped += 1
            else:
                kept += 1
    assert skipped > 300 and kept > 300, (skipped, kept)


def test_evidence_rows_as_tuples_have_the_keys_and_types_of_the_reference_rows():
    """The source / cue / content rows written as tuples (DocResult.span_rows) read back as
    the dict rows of the reference annotator: same keys in the same order, same values and
    the same Python types (the spans table's columns and types)."""
    from framing.layers.attribution import CUE_KEYS, SOURCE_KEYS, AttributionAnnotator
    from framing.layers.base import DocResult

    from .test_lexicon import varied_texts

    fast, slow = AttributionAnnotator(), _reference_module().AttributionAnnotator()
    n = 0
    for k, text in enumerate([*varied_texts(), *EARLY_REJECTION_TEXTS]):
        doc = segment(text, f"d{k}")
        a, b = DocResult(doc.doc_id, _text=doc.text), DocResult(doc.doc_id, _text=doc.text)
        fast.annotate(doc, a)
        slow.annotate(doc, b)
        assert {keys for keys, _ in a.span_blocks()} <= {SOURCE_KEYS, CUE_KEYS}
        typed = [[(key, type(v), v) for key, v in row.items()] for row in a.spans]
        assert typed == [[(key, type(v), v) for key, v in row.items()] for row in b.spans], text[:60]
        n += len(typed)
    assert n > 1000


def test_cue_modifier_skip_and_speaker_keys_equal_the_reference_at_every_token():
    """skip_mods (fast exit) and _norm (speaker keys) against the verbatim previous versions
    at every token of the varied texts, _norm on every span of up to eight tokens."""
    from framing.layers.attribution import _Doc, _lexicon, _norm

    from .test_lexicon import varied_texts

    ref = _reference_module()
    lex, ref_lex = _lexicon(), ref._lexicon()
    n = 0
    for k, text in enumerate([*varied_texts(), *EARLY_REJECTION_TEXTS, *[c[0] for c in CASES]]):
        doc = segment(text, str(k))
        fast, slow = _Doc(doc, lex), ref._Doc(doc, ref_lex)
        for s in doc.sentences:
            for j in range(s.tok_first, s.tok_last):
                assert fast.skip_mods(j, s.tok_last) == slow.skip_mods(j, s.tok_last), (text[:60], j)
                for b in range(j, min(j + 8, s.tok_last)):
                    assert _norm(fast, j, b) == ref._norm(slow, j, b), (text[:60], j, b)
                n += 1
    assert n > 10000


def test_multi_word_cue_filter_skips_no_cue():
    """A token that only starts multi-word cues is attempted only where the words of one of
    them follow (_starts_multi); elsewhere _at_cue makes no relation (in the / is quoted as)."""
    from framing.layers.attribution import _at_cue, _Doc, _lexicon, _starts_multi, _token_codes

    from .test_lexicon import varied_texts

    lex = _lexicon()
    skipped = kept = 0
    for k, text in enumerate([*varied_texts(), *EARLY_REJECTION_TEXTS, *[c[0] for c in CASES]]):
        d = _Doc(segment(text, str(k)), lex)
        for i in _token_codes(d.tl).cue_firsts:
            if lex.cue_starts[d.tl[i]] is None:
                continue
            if _starts_multi(d, i):
                kept += 1
            else:
                assert _at_cue(d, i)[0] is None, (text[:60], d.tl[i : i + 4])
                skipped += 1
    assert skipped > 100 and kept > 20, (skipped, kept)


# ---------------------------------------------------------------------------
# Validated against people (issue 19): rules learned from what PARC annotators mark


@pytest.mark.parametrize(
    "text,cue_span",
    [
        ("He has also repeatedly said the plan failed.", "has also repeatedly said"),
        ("Officials later said the plan failed.", "later said"),
        ("It is widely expected that the senator will win.", "is widely expected"),
        ('"It will pass," the senator has insisted.', "has insisted"),
        ("The minister, who has never denied the report, said it was wrong.", "said"),
    ],
)
def test_the_cue_spans_its_verb_group(text, cue_span):
    """PARC marks the verb group as the cue (auxiliaries, negation, adverbs): not the source,
    nor content before the cue."""
    assert cue_span in [r["cue_span"] for r in _relations(text)]


def test_memory_grows_linearly_on_one_endless_sentence():
    """A text without sentence ends, with a cue every few words: every *said* would open a
    content span to the end of the text (memory quadratic in its length). The rules read at
    most CUE_WINDOW tokens either side of a cue, so peak memory grows about linearly."""
    import tracemalloc

    from framing.layers.attribution import CUE_WINDOW

    framing.analyze(["Officials said it was lawful. The raid began at dawn."])  # lexicons loaded first
    peaks = []
    for n in (20_000, 40_000):
        text = ("The raid began at dawn and officials said it was lawful " * 4000)[:n]
        tracemalloc.start()
        result = framing.analyze([text])
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert len(result.attributions) > n // 60
        assert result.attributions["content_text"].str.split().str.len().max() <= CUE_WINDOW
    assert peaks[1] < 2.6 * peaks[0], peaks


# (text, source, cue word, content parts): relations PolNeAR's annotators mark that the rules missed
LEARNED_CASES = [
    # a quoted question or exclamation ends the segmenter's sentence before its cue
    ('"Where did the money go?" he asked.', "he", "asked", ["Where did the money go?"]),
    ('"Is it over?" said Maria Lopez, a teacher.', "Maria Lopez, a teacher", "said", ["Is it over?"]),
    ('"Stop the vote now!" the governor said on Twitter.', "the governor", "said", ["Stop the vote now!"]),
    # according to: the source runs to the comma or the sentence end
    (
        "According to their friends and neighbors, the couple had argued for months.",
        "their friends and neighbors",
        "According to",
        ["the couple had argued for months"],
    ),
    (
        "But according to reports circulating in the capital, the deal is off.",
        "reports circulating in the capital",
        "according to",
        ["the deal is off"],
    ),
    (
        "The county spent $4 million on the fair, according to budget analysts.",
        "budget analysts",
        "according to",
        ["The county spent $4 million on the fair"],
    ),
    # a capitalised -ly word before the cue is a name, not an adverb
    ("Beverly said the library would close.", "Beverly", "said", ["the library would close"]),
]


@pytest.mark.parametrize("text,source,cue,content", LEARNED_CASES, ids=[c[0][:40] for c in LEARNED_CASES])
def test_learned_case(text, source, cue, content):
    match = [r for r in _relations(text) if r["cue"] == cue]
    assert match, f"no relation with cue {cue!r}; found {_relations(text)}"
    assert (match[0]["source"], match[0]["content"]) == (source, content)


def test_according_to_plan_is_no_attribution():
    assert _relations("Everything went according to plan.") == []


@pytest.mark.parametrize(
    "text,cue,verb_class,content",
    [
        ("The governor wants the council to vote on Friday.", "wants", "intention", ["the council to vote on Friday"]),
        ("Farmers hope to sell the land next year.", "hope", "intention", ["to sell the land next year"]),
        ("Residents fear that the river will flood.", "fear", "feeling", ["the river will flood"]),
        ("The union endorsed the mayor's rival.", "endorsed", "neutral", ["the mayor's rival"]),
        ("The senator declined to endorse the bill.", "declined", "neutral", ["to endorse the bill"]),
        ("The mayor was referring to the budget cuts.", "referring to", "neutral", ["the budget cuts"]),
    ],
)
def test_thoughts_intentions_feelings_and_stances(text, cue, verb_class, content):
    """PolNeAR widens PARC to thoughts, intentions and feelings, and marks stances taken
    (endorse, support, oppose) with their noun-phrase content."""
    match = [r for r in _relations(text) if r["cue"] == cue]
    assert match, _relations(text)
    assert (match[0]["verb_class"], match[0]["content"]) == (verb_class, content)


@pytest.mark.parametrize(
    "text,cues",
    [
        ("She declined to comment.", []),
        ("A spokesman refused to say.", []),
        ("Workers must reject the false leadership of both parties.", []),
        # a wish inside reported words is part of that report, not an attribution of its own
        ("The prosecutor said agents want to interview the aides.", ["said"]),
        # a nested speech verb is kept
        ("The lawyer said that officials claimed the money was stolen.", ["said", "claimed"]),
    ],
)
def test_no_relation_for_refusals_obligations_and_nested_states(text, cues):
    assert [r["cue"] for r in _relations(text)] == cues


@pytest.mark.parametrize(
    "text,cue_span,content",
    [
        ('Trump called his rival a "total hypocrite."', "called", ['his rival a "total hypocrite."']),
        ("The company said in a statement that it would appeal.", "said in a statement", ["it would appeal"]),
        ('The coach wrote on Facebook: "We played well."', "wrote on Facebook:", ["We played well."]),
        ("The senator pointed to the jobs report.", "pointed to", ["the jobs report"]),
        ("Both candidates talked about the economy.", "talked about", ["the economy"]),
    ],
)
def test_labelling_topics_and_the_medium_of_a_cue(text, cue_span, content):
    """PolNeAR marks labelling (called X a Y), topics (talked about) and cited evidence (pointed
    to) as attributions, and often the medium with the cue (said in a statement)."""
    match = [r for r in _relations(text) if r["cue_span"] == cue_span]
    assert match, _relations(text)
    assert match[0]["content"] == content


def test_a_website_called_is_no_attribution():
    assert _relations("The story came from a website called Real News Right Now.") == []


@pytest.mark.parametrize(
    "text,source",
    [
        ("The mayor's advisers said the budget was balanced.", "The mayor's advisers"),
        ("Some of her closest allies said they would stay.", "Some of her closest allies"),
        ("Among rural voters, 61 percent said the economy was weak.", "61 percent"),
        ("Sen. Ann Kerr (D-Ore.) said the vote would be close.", "Sen. Ann Kerr (D-Ore.)"),
        ("Sen. Ann Kerr (D-Ore.), said the vote would be close.", "Sen. Ann Kerr (D-Ore.)"),
        (
            "Rep. Tom Hale (R-Ohio), chair of the committee, said the vote would be close.",
            "Rep. Tom Hale (R-Ohio), chair of the committee",
        ),
        (
            "Ana Ruiz, a senior adviser to the governor and former president of the State Teachers Association, "
            "said the vote would be close.",
            "Ana Ruiz, a senior adviser to the governor and former president of the State Teachers Association",
        ),
    ],
)
def test_sources_with_possessives_quantities_parentheticals_and_long_appositives(text, source):
    assert [r["source"] for r in _relations(text) if r["cue"] == "said"] == [source]


def test_issue_19_failures_of_a_new_users_corpus_and_a_peer_librarys_quotation_tests():
    """The attribution failures listed in issue 19 (rephrased, as there)."""
    (r,) = _relations('"We will appeal," insists the mayor.')
    assert (r["source"], r["cue"], r["content"]) == ("the mayor", "insists", ["We will appeal"])
    (r,) = _relations('"Where were you that night?" he asked.')
    assert (r["source"], r["cue"], r["content"]) == ("he", "asked", ["Where were you that night?"])
    assert _relations("The minister spoke from a podium.") == []
    assert _relations("An aide asked not to be named.") == []
    (r,) = _relations("The official, who asked not to be named, said the plan was dead.")
    assert (r["cue"], r["source_type"]) == ("said", "anonymous")
    (r,) = _relations('"You lied to us," a furious resident told the council on Monday outside city hall.')
    assert (r["source"], r["cue"], r["content"]) == ("a furious resident", "told", ["You lied to us"])
    (r,) = _relations('"We found nothing," said Jane Roe, a detective. "The house was empty."')
    assert (r["source"], r["content"]) == ("Jane Roe, a detective", ["We found nothing", "The house was empty."])
    (r,) = _relations("One furious homeowner, who did not want to be identified, said the fence was illegal.")
    assert r["source_type"] == "anonymous"


def test_a_quotation_without_a_cue_continues_the_speaker_before_it():
    text = (
        '"We won," the coach said after the game.\n\n'
        '"It was a long season and the players never gave up on each other."\n\n'
        'The team flies home on Sunday. "I am proud of every one of them and of this town."'
    )
    (r,) = _relations(text)
    assert r["content"] == [
        "We won",
        "It was a long season and the players never gave up on each other.",
        "I am proud of every one of them and of this town.",
    ]
    # a short quotation (a label, a title) is left alone; so is one with no speaker before it
    assert (
        len(
            _relations('"Our plan works and we will keep it," she said. Critics call the plan "a farce."')[0]["content"]
        )
        == 1
    )
    assert _relations('"Nobody saw anything at all that night."\n\nThe police are still looking.') == []


@pytest.mark.parametrize(
    "text,cue,content,arrangement",
    [
        (
            "Officials reportedly plan to close the plant.",
            "reportedly",
            ["Officials", "plan to close the plant"],
            "adverb",
        ),
        ("Reportedly, he made threats to co-workers.", "Reportedly", ["he made threats to co-workers"], "adverb"),
        ("The mayor allegedly took bribes.", "allegedly", ["The mayor", "took bribes"], "adverb"),
        (
            "The minister seemed to hesitate before the vote.",
            "seemed",
            ["The minister", "to hesitate before the vote"],
            "raising",
        ),
        ("It appears that the deal collapsed.", "appears", ["the deal collapsed"], "impersonal"),
    ],
)
def test_reports_without_a_source(text, cue, content, arrangement):
    """reportedly / allegedly and seem / appear: the writer reports a claim or an impression
    and names no source (source_type unattributed)."""
    doc = segment(text, "t")
    (r,) = extract_attributions(doc)
    assert (text[doc.tok_start[r.cue[0]] : doc.tok_end[r.cue[1]]], [text[a:b] for a, b in r.content]) == (cue, content)
    assert (r.source, r.source_type, r.arrangement) == (None, "unattributed", arrangement)


def test_appear_on_television_is_no_attribution():
    assert _relations("The senator appeared on Fox News on Sunday.") == []


def test_headline_colon_attributions():
    text = "Senator Ann Kerr: The Budget Deal Is Dead.\n\nThe senator spoke on Monday in Salem."
    (r,) = _relations(text)
    assert (r["source"], r["cue"], r["content"], r["source_type"]) == (
        "Senator Ann Kerr",
        ":",
        ["The Budget Deal Is Dead"],
        "person",
    )
    # labels and running prose are not
    assert _relations("Update: The vote was delayed.\n\nThe count goes on.") == []
    assert _relations("The Latest: Storm hits the coast.\n\nMore rain is due.") == []
    assert _relations("The plan has three parts: tax, spend, save.") == []


def test_a_fronted_or_adverbial_asked_reports_a_question():
    rels = _relations("Asked whether she would run again, the mayor said no.")
    assert [(r["cue"], r["source"], r["content"], r["source_type"]) for r in rels] == [
        ("Asked", "", ["whether she would run again"], "unattributed"),
        ("said", "the mayor", ["no"], "role"),
    ]
    (r,) = [r for r in _relations("Asked by reporters about the vote, the mayor smiled.") if r["cue"] == "Asked"]
    assert (r["source"], r["content"]) == ("reporters", ["about the vote"])
    assert [r["cue"] for r in _relations("The mayor asked residents to stay home.")] == []


def test_title_case_headline_cues():
    text = "County Board Says Mayor Should Resign.\n\nThe board met on Monday."
    (r,) = [r for r in _relations(text) if r["cue"] == "Says"]
    assert (r["source"], r["content"]) == ("County Board", ["Mayor Should Resign"])
    # in running prose a capitalised cue is part of a name
    assert [r["cue"] for r in _relations("He watched Says Who on Netflix with the Mayor of Springfield.")] == []
