"""The loaded-language layer: gold precision/recall, matching, names, voice, scare quotes,
measures, user lexicons and bad input.

The lexicon engine itself (pattern syntax, file formats) is tested in test_lexicon.py.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

import framing
from framing import Lexicon, LexiconError
from framing.layers.loaded import EPISTEMIC_CATEGORIES, LOADED_CATEGORIES, LoadedLanguageAnnotator, classify_quotes
from framing.lexicon import Entry
from framing.text.segment import segment

from .conftest import DATA, ROOT

GOLD = json.loads((DATA / "seed_loaded_gold.json").read_text("utf-8"))
EXAMPLE_DIC = ROOT / "corpus" / "examples" / "incivility.dic"


def _analyze(texts, **options):
    """Only the loaded-language layer (fast), on a list of texts."""
    if isinstance(texts, str):
        texts = [texts]
    return framing.analyze(list(texts), annotators=[LoadedLanguageAnnotator(**options)])


def _loaded(texts, **options) -> list[tuple[str, str, str]]:
    """(text, category, voice) of every ``loaded`` span, curated lexicons only."""
    spans = _analyze(texts, **options).spans
    spans = spans[(spans.layer == "loaded") & (spans.category != "affect")]
    if spans.empty:
        return []
    return list(zip(spans.text, spans.category, spans.voice))


def _words(texts, **options) -> list[str]:
    return [t for t, _, _ in _loaded(texts, **options)]


def _quote_kinds(text: str) -> list[tuple[str, str]]:
    return [(text[q.start : q.end], kind) for q, kind, _ in classify_quotes(segment(text))]


def _user_lexicon(*rows: tuple[str, str], name: str = "mine") -> Lexicon:
    return Lexicon([Entry(p, c, 1, "test", "", i) for i, (p, c) in enumerate(rows, start=1)], name=name)


# ---------------------------------------------------------------------------
# Gold: every loaded word of the two seed articles, annotated by hand


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def test_gold_items_match_the_seed_texts(seed_texts):
    assert GOLD["items"], "empty gold"
    for item in GOLD["items"]:
        assert seed_texts[item["doc_id"]][item["start"] : item["end"]] == item["text"], item
        assert item["category"] in LOADED_CATEGORIES, item
        assert item["strength"] in ("clear", "borderline"), item
        assert item["reason"].strip(), item
    assert (DATA / "README_loaded_gold.md").is_file()


def test_precision_and_recall_against_the_seed_gold(result):
    """Recall on *clear* gold items, recall on all items, and precision of the detector's
    curated ``loaded`` spans (a span is correct when it overlaps a gold item, clear or
    borderline: a borderline word is one a fair annotator could mark).

    Thresholds: recall on clear items >= 0.85 and precision >= 0.85, because a clear item
    is by definition one with an obvious plainer alternative, which a curated lexicon should
    list, and a curated entry that fires on neither a clear nor a borderline word is a
    lexicon error; overall recall >= 0.6, because borderline items include context-dependent
    uses (bare *attacks*, *victims*, *threatens*) that a context-free lexicon should not
    list. The gold and the lexicon come from the same project (see README_loaded_gold.md),
    so these are regression guards, not a validity claim. The ``affect`` signal is scored
    separately and not held to a threshold.
    """
    spans = result.spans
    loaded = spans[spans.layer == "loaded"]
    gold_by_doc: dict[str, list] = {}
    for g in GOLD["items"]:
        gold_by_doc.setdefault(g["doc_id"], []).append(g)

    def score(det):
        correct = sum(
            any(_overlaps(r.start, r.end, g["start"], g["end"]) for g in gold_by_doc.get(r.doc_id, ()))
            for r in det.itertuples()
        )
        found = Counter()
        total = Counter()
        for g in GOLD["items"]:
            d = det[det.doc_id == g["doc_id"]]
            total[g["strength"]] += 1
            found[g["strength"]] += any(_overlaps(s, e, g["start"], g["end"]) for s, e in zip(d.start, d.end))
        return correct, len(det), found, total

    curated = loaded[loaded.category != "affect"]
    correct, n_det, found, total = score(curated)
    precision = correct / n_det
    recall_clear = found["clear"] / total["clear"]
    recall_all = (found["clear"] + found["borderline"]) / (total["clear"] + total["borderline"])
    print(
        f"\nloaded vs seed gold: precision {precision:.3f} ({correct}/{n_det} spans), "
        f"recall clear {recall_clear:.3f} ({found['clear']}/{total['clear']}), "
        f"recall borderline {found['borderline'] / total['borderline']:.3f}, recall all {recall_all:.3f}"
    )
    a_correct, a_n, _, _ = score(loaded[loaded.category == "affect"])
    print(f"affect signal: {a_correct}/{a_n} spans overlap a gold item")
    assert recall_clear >= 0.85
    assert precision >= 0.85
    assert recall_all >= 0.6


def test_seed_articles_differ_in_loaded_density(result):
    docs = result.documents.set_index("doc_id")
    wsws, leak = docs.loc["wsws-mass-immigration-raids"], docs.loc["leak-reveals-plan"]
    # the WSWS article is the opinionated one ("assault", "onslaught", "draconian", "fascist")
    assert wsws.loaded_per_1k > 2 * leak.loaded_per_1k > 0
    spans = result.spans
    wsws_words = set(
        spans[(spans.doc_id == "wsws-mass-immigration-raids") & (spans.layer == "loaded")].text.str.lower()
    )
    assert {"onslaught", "draconian", "fascist", "black site", "round up"} <= wsws_words


# ---------------------------------------------------------------------------
# Matching: phrases, inflections, longest match, whole words


def test_phrases_inflections_and_longest_match_in_news_text():
    text = (
        "Critics slammed the governor's plan as a brazen power grab. Officers raided three homes on Tuesday "
        "and were raiding a fourth; the raids followed a crackdown that opponents called a witch hunt. "
        "Protesters said the measure would open the floodgates to an invasion of illegal immigrants."
    )
    found = _loaded(text)
    words = [w for w, _, _ in found]
    assert "slammed" in words and "brazen" in words
    assert "power grab" in words  # a two-word phrase, one span
    assert words.count("raided") == words.count("raiding") == words.count("raids") == 1  # explicit inflections
    assert "open the floodgates" in words  # the longest phrase wins over "floodgates"
    assert "floodgates" not in words
    assert any(w.startswith("invasion of illegal") for w in words)  # a phrase with a trailing wildcard
    cats = dict((w, c) for w, c, _ in found)
    assert cats["power grab"] == "pejorative_label" and cats["raided"] == "militarized"


def test_whole_words_only_and_case_insensitive():
    # "brutal" must not fire inside "brutalist"; "regime" not inside "regimen"; "RAID" in capitals counts
    words = _words("The brutalist library follows a strict regimen. Agents staged a RAID at dawn.")
    assert words == ["RAID"]


def test_epistemic_markers_are_their_own_layers():
    spans = _analyze(
        "The report reveals that officials allegedly ignored warnings, and the data clearly show the plan may fail."
    ).spans
    layers = dict(zip(spans.text, spans.layer))
    assert layers["reveals"] == "factive"
    assert layers["allegedly"] == "hedge"
    assert layers["clearly"] == "booster"
    assert layers["may"] == "hedge"
    assert set(spans.layer) <= {"loaded", *EPISTEMIC_CATEGORIES, "scare_quote"}


def test_common_neutral_news_words_do_not_fire():
    text = (
        "The city council voted 7-2 on Tuesday to approve the budget. Police arrested a 34-year-old man "
        "after a traffic stop. The company reported quarterly earnings of $2.1 billion, and shares rose 3 percent. "
        "Voters will elect a new mayor in November. Researchers measured ocean temperatures at 40 sites. "
        "The hospital said the patient was in stable condition. Lawmakers debated the gun bill for six hours."
    )
    assert _words(text) == []


NEUTRAL_NEWS = [
    "Wholesale prices rose 0.2 percent in March, the Labor Department said.",
    "Heavy rain caused flooding in parts of Houston, and officials urged residents to avoid low-lying roads.",
    "The hurricane made landfall near Fort Myers as a Category 4 storm with winds of 150 mph.",
    "The storm slammed into the coast, knocking out power to 400,000 customers.",
    "The study found that extreme heat days have tripled since the 1980s.",
    "Officials said the wildfire had burned 12,000 acres and was 30 percent contained.",
    "Election officials in Maricopa County began counting mail ballots on Tuesday night.",
    "Turnout among voters under 30 rose to 50 percent, the highest level in decades, researchers found.",
    "A jury convicted the man of second-degree murder in the 2021 shooting.",
    "The hospital reported 42 new cases of measles, most among unvaccinated children.",
    "Patients with aggressive cancer were given an experimental treatment regime.",
    "The bill would require background checks for all gun sales, including private transfers.",
    "Russian forces launched a drone attack on Kyiv overnight, Ukrainian officials said.",
    "Air raid sirens sounded across the city as missiles struck an energy facility.",
    "Investors poured $2 billion into the startup last year.",
    "In spite of the rain, the home team won by virtue of a late goal.",
    "The hiker disappeared on Sunday and was found safe two days later.",
    "The army said it had deployed additional troops to the region after the ceasefire collapsed.",
    "The police raid on the apartment uncovered 3 kilograms of cocaine, prosecutors said.",
]


def test_neutral_news_on_many_beats_gets_only_weight_one_beat_words():
    """Plain wire-style sentences on economy, climate, elections, crime, health, guns and war:
    nothing fires except, at weight 1, the standard words of a beat (troops deployed in a war
    story, a police raid), which the lexicon keeps because they are loaded in civil contexts."""
    spans = _analyze(NEUTRAL_NEWS).spans
    loaded = spans[(spans.layer == "loaded") & (spans.category != "affect")]
    assert sorted(loaded.text) == ["deployed", "raid", "troops"]
    assert set(loaded.weight) == {1}


def test_neutral_phrases_block_the_loaded_word_inside_them():
    # "extreme" is loaded about people ("extreme views"), not about weather
    words = _words("Extreme heat and extreme weather hit Texas, while critics called his extreme views dangerous.")
    assert words.count("extreme") == 1
    assert "Extreme" not in words


def test_loaded_language_1_4_0_entries_and_the_standard_terms_that_block_them():
    # figurative destruction and dismissive labels of political news (cf. Spinde et al. 2021) ...
    found = _loaded(
        "Right-wing pundits bashed the bill, claiming it would shred the Constitution and wreck the economy. "
        "Supporters called the bogus scheme a product of identity politics, and the rogue agency purged its critics."
    )
    cats = {w.lower(): c for w, c, _ in found}
    assert cats["right-wing"] == "pejorative_label" and cats["bogus"] == "emotive"
    assert cats["shred"] == "metaphor" and cats["bashed"] == "emotive" and cats["purged"] == "militarized"
    assert {"wreck the", "scheme", "identity politics", "rogue"} <= set(cats)
    # ... but not the standard terms that contain those words
    assert _words("A rogue wave hit the ship, the pension scheme closed, and the county will purge voter rolls.") == []


def test_loaded_language_1_5_0_entries_and_the_names_that_are_not_labels():
    spans = _analyze(
        "Pundits derided the laughably sleazy deal, and the senator backtracked after critics called the "
        "hyped plan a scam and his remarks antisemitic."
    ).spans
    spans = spans[spans.layer == "loaded"]
    cats = {w.lower(): (c, int(wt)) for w, c, wt in zip(spans.text, spans.category, spans.weight)}
    assert cats["derided"] == ("emotive", 1) and cats["backtracked"] == ("emotive", 1)
    assert cats["laughably"][0] == cats["sleazy"][0] == "emotive"
    assert cats["antisemitic"] == ("pejorative_label", 2)
    assert "hyped" in cats
    # a self-description is no label, and a literal fire still rages
    assert _words("Only a genuine socialist movement can lead, she said, as wildfires raged.") == []


def test_loaded_language_1_6_0_entries_and_the_standard_terms_that_block_them():
    # the distancing verb claim (moved from the assertive layer), bare lies, a label written
    # with the capital of its spelling, and dismissive labels and insults (cf. Spinde et al. 2021)
    spans = _analyze(
        "The governor claimed the audit was rigged, and critics said his lies about the budget were an "
        "embarrassment. Pundits mocked the bungling Marxist professors and their gender ideology, while the "
        "senator insisted the bill was fair."
    ).spans
    got = {w: (layer, c, int(wt)) for w, layer, c, wt in zip(spans.text, spans.layer, spans.category, spans.weight)}
    assert got["claimed"] == ("loaded", "emotive", 1)
    assert got["lies"] == ("loaded", "moral", 1)
    assert got["Marxist"] == ("loaded", "pejorative_label", 1)  # capitalised mid-sentence, still counted
    assert got["gender ideology"] == ("loaded", "pejorative_label", 2)
    assert got["bungling"][:2] == got["embarrassment"][:2] == ("loaded", "emotive")
    assert got["insisted"][0] == "assertive"  # the other distancing verbs stay epistemic
    # ... but not the standard terms that contain those words
    assert (
        _words(
            "Jobless claims rose by 12,000 last week. The village lies on the river, and the answer lies in "
            "better data. A little-known group claimed responsibility for the bombing. Riot police fired tear gas "
            "at protesters marching against police brutality and racial injustice. The vast majority of voters "
            "agreed. Forecasters warned of dangerous heat."
        )
        == []
    )


# ---------------------------------------------------------------------------
# Proper names


def test_proper_names_do_not_count():
    liberty = _user_lexicon(("liberty", "moral"), ("patriot", "moral"), ("savage", "emotive"))
    text = (
        "Tourists visited the Statue of Liberty on Sunday. Liberty University said enrolment rose. "
        "Congress renewed the Patriot Act in 2006. Talk-radio host Michael Savage criticised the plan. "
        'His book "Savage Nation" sold well. Liberty is at stake, the senator wrote, and only a patriot '
        "would defend it against such savage cuts."
    )
    words = _words(text, lexicons=[liberty], builtin=False)
    assert words == ["Liberty", "patriot", "savage"]  # the sentence-initial word, not a name; the lower-case ones


def test_proper_name_patterns_with_capitals_are_never_excluded():
    assert _words("He again called it the China virus at a rally in Tulsa.") == ["China virus"]


def test_title_case_headline_counts_its_words():
    spans = _analyze("Brutal Crackdown Sparks Outrage In Los Angeles\n\nThe city was quiet on Monday.").spans
    assert {"Brutal", "Crackdown", "Outrage"} <= set(spans[spans.layer == "loaded"].text)


# ---------------------------------------------------------------------------
# Voice and scare quotes


def test_voice_authorial_quoted_and_scare_quote():
    text = (
        'The brutal crackdown continued on Monday. "These people are animals," the president said of the '
        'gang members. Homan, the administration\'s "border czar," said the raids would go on. '
        'The mayor called the plan "draconian" in a statement. Critics dismiss the warnings as "alarmist".'
    )
    spans = _analyze(text).spans
    loaded = spans[spans.layer == "loaded"]
    voice = dict(zip(loaded.text, loaded.voice))
    assert voice["brutal"] == "authorial"
    assert voice["raids"] == "authorial"
    assert voice["draconian"] == "quoted"  # a partial quotation of the mayor (reporting verb before it)
    assert voice["alarmist"] == "scare_quote"  # a term in quotation marks with no speaker
    scare = spans[spans.layer == "scare_quote"]
    assert list(scare.text) == ['"border czar,"', '"alarmist"']
    assert set(scare.voice) == {"scare_quote"}
    docs = _analyze(text).documents.iloc[0]
    assert docs.scare_quotes == 2
    assert docs.loaded_per_1k == pytest.approx(
        docs.loaded_authorial_per_1k
        + docs.loaded_quoted_per_1k
        + _analyze(text).measures.query("measure == 'loaded_scare_quote_per_1k'").value.iloc[0]
    )


@pytest.mark.parametrize(
    "text, quote, kind",
    [
        ('Homan, Trump\'s "border czar," has openly threatened critics.', '"border czar,"', "scare_quote"),
        ('Los Angeles has remained a target as a "sanctuary city" for years.', '"sanctuary city"', "scare_quote"),
        (
            'The so-called "Department of Government Efficiency" cut staff.',
            '"Department of Government Efficiency"',
            "scare_quote",
        ),
        ('"We will not back down," Mayor Karen Bass said on Friday.', '"We will not back down,"', "quoted"),
        ('"It is a disaster," said Sen. Smith.', '"It is a disaster,"', "quoted"),
        ('The plan was "a total disaster," said Sen. Smith.', '"a total disaster,"', "quoted"),
        ('The judge was a "disgrace," according to a statement.', '"disgrace,"', "quoted"),
        ('Tom Homan, the "border czar," said the raids would go on.', '"border czar,"', "scare_quote"),
        ('The "disgrace" remark drew criticism.', '"disgrace"', "scare_quote"),
        (
            'He defended what officials call "enhanced interrogation" at the hearing.',
            '"enhanced interrogation"',
            "quoted",
        ),
        ('The plan was, in her words, "cruel".', '"cruel"', "quoted"),
        ('The plan, critics said, was "cruel".', '"cruel"', "quoted"),
        ('He said the migrants were "vermin."', '"vermin."', "quoted"),
        ('The senator called the bill a "power grab" on Tuesday.', '"power grab"', "quoted"),
        ('An official acknowledged: "they needed more bodies."', '"they needed more bodies."', "quoted"),
        (
            'She told reporters the policy was "a disgrace to the country and its people."',
            '"a disgrace to the country and its people."',
            "quoted",
        ),
        ('His memoir "Savage Nation" sold well.', '"Savage Nation"', "title"),
        ('Fans streamed "The Apprentice" again last year.', '"The Apprentice"', "title"),
        ('The report, titled "Crisis at the Border," was released.', '"Crisis at the Border,"', "title"),
    ],
)
def test_quotation_kinds(text, quote, kind):
    kinds = dict(_quote_kinds(text))
    assert kinds[quote] == kind, kinds


def test_words_in_titles_are_not_counted():
    words = _words('The documentary "Brutal Regime" aired on Sunday, and the book "Evil Empire" followed.')
    assert words == []


def test_quotes_that_run_across_paragraphs_are_quoted():
    text = (
        'The governor said: "This is a brutal and shameful policy.\n\n'
        '"It is an assault on our families and we will fight it."'
    )
    loaded = _loaded(text)
    assert loaded and all(v == "quoted" for _, _, v in loaded)


# ---------------------------------------------------------------------------
# Measures


def test_measure_columns_in_documents_sentences_and_long_measures(result):
    docs = result.documents
    for col in (
        "loaded_per_1k",
        "loaded_authorial_per_1k",
        "loaded_quoted_per_1k",
        "hedge_per_1k",
        "booster_per_1k",
        "scare_quotes",
    ):
        assert col in docs.columns, col
        assert docs[col].notna().all(), col
    assert {"loaded_count", "loaded_per_1k"} <= set(result.sentences.columns)
    measures = set(result.measures.measure)
    for cat in LOADED_CATEGORIES:
        assert f"loaded_per_1k:{cat}" in measures
    assert {"factive_per_1k", "assertive_per_1k", "affect_per_1k", "scare_quotes_per_1k", "n_loaded"} <= measures
    assert "loaded.csv" in result.manifest["lexicons"]


def test_measures_are_exact_counts_over_body_tokens():
    text = "Brutal Crackdown Sparks Outrage\n\nThe brutal crackdown drew outrage. Officials said little else."
    r = _analyze(text)
    doc = r.documents.iloc[0]
    sents = r.sentences
    body = sents[sents.kind == "body"]
    n_body = body.n_tokens.sum()
    n_body_loaded = body.loaded_count.sum()
    assert n_body_loaded == 3  # brutal, crackdown, outrage in the body; the headline is not counted
    assert doc.loaded_per_1k == pytest.approx(1000 * n_body_loaded / n_body)
    assert sents.loaded_count.sum() == 3 + 3  # the headline's words are spans and sentence counts
    first = sents.iloc[1]
    assert first.loaded_per_1k == pytest.approx(1000 * first.loaded_count / first.n_tokens)
    long = r.measures.set_index("measure").value
    per_cat = sum(long[f"loaded_per_1k:{c}"] for c in LOADED_CATEGORIES)
    assert per_cat == pytest.approx(doc.loaded_per_1k)
    assert long["n_loaded"] == 3


def test_include_headings_counts_the_headline():
    text = "Brutal Crackdown Sparks Outrage\n\nThe brutal crackdown drew outrage."
    plain = _analyze(text).documents.iloc[0]
    with_headings = _analyze(text, include_headings=True).documents.iloc[0]
    assert with_headings.loaded_per_1k > 0 and not math.isclose(plain.loaded_per_1k, with_headings.loaded_per_1k)


# ---------------------------------------------------------------------------
# User lexicons


def test_user_lexicon_alongside_and_instead_of_the_builtins(corpus, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "pattern,category,weight,source,note\nleaked,leak_talk,1,test,\nsanctuary cit*,label,2,test,\n",
        encoding="utf-8",
    )
    mine = Lexicon.from_csv(path)
    only = framing.analyze(corpus, lexicons=[mine], builtin_lexicons=False)
    spans = only.spans[only.spans.layer == "loaded"]
    assert set(spans.lexicon) == {"mine"}
    assert set(spans.category) == {"leak_talk", "label"}
    assert "sanctuary city" in set(spans.text)
    assert "affect" not in set(only.measures.measure.str.split(":").str[-1])  # no built-ins, no affect signal
    assert {"loaded_per_1k:leak_talk", "loaded_per_1k:label"} <= set(only.measures.measure)
    assert "loaded.csv" not in only.manifest["lexicons"] and only.manifest["lexicons"]["mine"] == mine.version

    both = framing.analyze(corpus, lexicons=[mine, Lexicon.from_dic(EXAMPLE_DIC)])
    lexicons = set(both.spans.lexicon.dropna())
    assert {"mine", "loaded-language", "epistemic-markers"} <= lexicons
    docs = both.documents.set_index("doc_id")
    docs_only = only.documents.set_index("doc_id")
    assert (docs.loaded_per_1k > docs_only.loaded_per_1k).all()


def test_example_dic_lexicon_on_news_text():
    inc = Lexicon.from_dic(EXAMPLE_DIC)
    found = _loaded(
        "The senator called the inquiry a witch hunt run by idiots and puppets.", lexicons=[inc], builtin=False
    )
    assert ("witch hunt", "insult", "authorial") in found
    assert any(w == "idiots" and c == "insult" for w, c, _ in found)  # idiot* wildcard
    assert "puppets" not in [w for w, _, _ in found]  # "puppet" has no wildcard: the plural does not match
    assert all(c in inc.categories for _, c, _ in found)


def test_user_epistemic_categories_go_to_their_layer():
    mine = _user_lexicon(("sources say", "hedge"), ("without a doubt", "booster"))
    spans = _analyze(
        "Sources say the deal is done, and without a doubt it will pass.", lexicons=[mine], builtin=False
    ).spans
    assert dict(zip(spans.text, spans.layer)) == {"Sources say": "hedge", "without a doubt": "booster"}


# ---------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize("bad", ["framing/lexicons/loaded.csv", Path("x.csv"), [Path("x.csv")], ["brutal"]])
def test_lexicons_argument_must_be_lexicon_objects(bad):
    with pytest.raises(LexiconError, match="Lexicon"):
        LoadedLanguageAnnotator(lexicons=bad)


def test_a_single_lexicon_not_in_a_list_is_explained(corpus):
    mine = _user_lexicon(("leaked", "x"))
    with pytest.raises(LexiconError, match=r"lexicons=\[mine\]|list"):
        framing.analyze(corpus, lexicons=mine, builtin_lexicons=False)


def test_malformed_user_lexicon_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("pattern,category,weight\nbrutal,emotive,1\nsavage,,2\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv: line 3"):
        Lexicon.from_csv(path)


def test_odd_documents_keep_their_rows():
    texts = [
        "",
        "   \n\n  ",
        '"unclosed quotation of a brutal raid',
        "“”",
        'A "" B.',
        "x" * 5000,
        "Raid!!! \"raid\" 'raid' «raid» ‘raid’",
    ]
    r = _analyze(texts)
    assert len(r.documents) == len(texts)
    assert set(r.documents.status) <= {"ok", "empty", "warning"}
    spans = r.spans
    assert all(r.texts[d][s:e] == t for d, s, e, t in zip(spans.doc_id, spans.start, spans.end, spans.text))
    unclosed = spans[(spans.doc_id == r.doc_ids[2]) & (spans.layer == "loaded")]
    assert set(unclosed.voice) == {"quoted"}


def test_user_neutral_category_blocks_and_is_not_a_measure():
    mine = _user_lexicon(("brutal", "harsh_words"), ("brutal honesty", "neutral"))
    r = _analyze("She praised his brutal honesty. The brutal attack shocked the town.", lexicons=[mine], builtin=False)
    loaded = r.spans[r.spans.layer == "loaded"]
    assert list(loaded.text) == ["brutal"] and int(loaded.start.iloc[0]) > 30
    measures = set(r.measures.measure)
    assert "loaded_per_1k:harsh_words" in measures and "loaded_per_1k:neutral" not in measures


def test_every_span_names_the_file_line_that_fired(result):
    lines = (ROOT / "framing" / "lexicons" / "loaded.csv").read_text("utf-8").splitlines()
    spans = result.spans
    curated = spans[spans.lexicon == "loaded-language"]
    assert len(curated) > 50
    for rule, pattern in zip(curated.rule, curated.pattern):
        name, _, line = rule.rpartition(":")
        assert name == "loaded-language"
        assert lines[int(line) - 1].startswith(pattern.split("|")[0]) or f'"{pattern}' in lines[int(line) - 1]


# ---------------------------------------------------------------------------
# Spans and measures agree, on text of many topics


def _same_result(a, b) -> bool:
    def plain(x):
        if isinstance(x, float) and math.isnan(x):
            return "NaN"
        if isinstance(x, (list, tuple)):
            return [plain(v) for v in x]
        if isinstance(x, dict):
            return [(k, plain(v)) for k, v in x.items()]  # key order matters (table columns)
        return x

    return all(
        plain(getattr(a, f)) == plain(getattr(b, f))
        for f in ("status", "measures", "long_measures", "sentence_values", "spans", "attributions")
    )


def test_spans_and_measures_agree_on_varied_text():
    """On texts of many topics and a growing vocabulary, with user lexicons of every kind:
    each span is the text it names, a lexicon's spans do not overlap (affect words only where
    no curated match is), sentence counts are the loaded spans of the sentence, and the
    document rates are the spans of counted sentences per 1,000 counted tokens."""
    from framing.layers.base import DocResult

    from .test_lexicon import varied_texts

    mine = _user_lexicon(
        ("brutal", "harsh"),
        ("war on", "militarized"),
        ("likely", "hedge"),
        ("clearly", "booster"),
        ("disaster", "affect"),
        ("extreme weather", "neutral"),
        ("raid*", "raids"),
    )
    annotators = [
        LoadedLanguageAnnotator(),
        LoadedLanguageAnnotator(include_headings=True),
        LoadedLanguageAnnotator(lexicons=[mine]),
        LoadedLanguageAnnotator(lexicons=[mine, mine], builtin=False),
        LoadedLanguageAnnotator(affect=False),
        LoadedLanguageAnnotator(builtin=False, affect=True),
    ]
    docs = [segment(t, f"d{n}") for n, t in enumerate(varied_texts())]
    n_spans = 0
    for annotator in annotators:
        for doc in docs:
            out = DocResult(doc.doc_id, _text=doc.text)
            annotator.annotate(doc, out)
            spans = out.spans
            n_spans += len(spans)
            assert all(doc.text[r["start"] : r["end"]] == r["text"] for r in spans)
            counted = {s.index for s in doc.sentences if annotator.include_headings or s.kind == "body"}
            n_tokens = sum(s.tok_last - s.tok_first for s in doc.sentences if s.index in counted)
            words = [r for r in spans if r["layer"] != "scare_quote"]
            curated = [r for r in words if r["lexicon"] != "affect"]
            for lexicon in {r["lexicon"] for r in curated}:  # (a lexicon given twice: the same spans twice)
                ranges = sorted({(r["start"], r["end"]) for r in curated if r["lexicon"] == lexicon})
                assert all(e <= s for (_, e), (s, _) in zip(ranges, ranges[1:])), (lexicon, doc.text[:60])
            assert not any(
                r["start"] < c["end"] and c["start"] < r["end"]
                for r in words
                if r["lexicon"] == "affect"
                for c in curated
            ), doc.text[:60]
            loaded = [r for r in curated if r["layer"] == "loaded"]
            per_sentence = Counter(r["sent_index"] for r in loaded)
            assert out.sentence_values["loaded_count"] == [per_sentence[s.index] for s in doc.sentences]
            if not n_tokens:
                assert math.isnan(out.measures["loaded_per_1k"])
                continue
            in_counted = [r for r in loaded if r["sent_index"] in counted]
            assert out.measures["loaded_per_1k"] == pytest.approx(1000 * len(in_counted) / n_tokens)
            quoted = [r for r in in_counted if r["voice"] == "quoted"]
            assert out.measures["loaded_quoted_per_1k"] == pytest.approx(1000 * len(quoted) / n_tokens)
            hedges = [r for r in curated if r["layer"] == "hedge" and r["sent_index"] in counted]
            assert out.measures["hedge_per_1k"] == pytest.approx(1000 * len(hedges) / n_tokens)
            scare = [r for r in spans if r["layer"] == "scare_quote" and r["sent_index"] in counted]
            assert out.measures["scare_quotes"] == len(scare)
            assert dict(out.long_measures)["n_loaded"] == len(in_counted)
    assert n_spans > 2000


def same_as_reference(annotators, reference, extra_texts=()) -> int:
    """Assert that each annotator's ``annotate`` writes exactly what ``reference(annotator,
    doc, out)`` writes, on every text of ``varied_texts()`` and ``extra_texts``; returns the
    number of spans."""
    from framing.layers.base import DocResult

    from .test_lexicon import varied_texts

    docs = [segment(t, f"d{n}") for n, t in enumerate([*varied_texts(), *extra_texts])]
    n_spans = 0
    for annotator in annotators:
        for doc in docs:
            fast, slow = DocResult(doc.doc_id, _text=doc.text), DocResult(doc.doc_id, _text=doc.text)
            annotator.annotate(doc, fast)
            reference(annotator, doc, slow)
            assert _same_result(fast, slow), (annotator, doc.text[:80])
            n_spans += len(fast.spans)
    return n_spans


@pytest.mark.parametrize("verb", ["insists", "insisted", "claimed", "claims", "said"])
def test_a_quoted_word_after_a_reporting_verb_is_the_speakers_not_a_scare_quote(verb):
    """'The company insists the food is "healthy"': the quoted word is the company's (a partial
    quotation inside attributed content), whichever reporting verb introduces it."""
    result = framing.analyze([f'The company {verb} the food is "healthy," but critics disagree.'])
    assert (result.spans["layer"] == "scare_quote").sum() == 0
    assert len(result.attributions) == 1
