"""framing.lexicon: reading lexicons (CSV, LIWC-style .dic), matching, bundled lexicons."""

from __future__ import annotations

import pickle
from collections import defaultdict
from pathlib import Path

import pytest

import framing
from framing.errors import LexiconError
from framing.lexicon import Entry, Hit, Lexicon, Matcher, lexicon_versions, load_lexicon, parse_pattern
from framing.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DIC = ROOT / "corpus" / "examples" / "incivility.dic"


def _lex(*rows):
    return Lexicon([Entry(p, c, 1, "", "", n) for n, (p, c) in enumerate(rows, start=1)], name="t")


def _found(lex, text):
    return [(text[a:b], e.category) for a, b, e in lex.find(text)]


# -- matching ----------------------------------------------------------------


def test_single_words_are_case_insensitive_and_whole_word():
    lex = _lex(("raid", "m"))
    assert _found(lex, "A Raid, a RAID and a raid.") == [("Raid", "m"), ("RAID", "m"), ("raid", "m")]
    assert _found(lex, "She was afraid of raiders.") == []


def test_explicit_inflections_and_wildcard():
    lex = _lex(("raid|raids|raided", "m"), ("infest*", "d"))
    text = "They raided homes; raids followed; the area was infested and infestation spread; raiding went on."
    assert _found(lex, text) == [("raided", "m"), ("raids", "m"), ("infested", "d"), ("infestation", "d")]


def test_possessives_and_curly_apostrophes():
    lex = _lex(("regime", "p"), ("don't", "x"))
    assert _found(lex, "the regime's plan and the regime’s army; don’t and don't") == [
        ("regime's", "p"),
        ("regime’s", "p"),
        ("don’t", "x"),
        ("don't", "x"),
    ]


def test_longest_phrase_wins_and_phrases_do_not_overlap():
    lex = _lex(("war", "w"), ("war on", "m"), ("war on drugs", "x"), ("illegal alien*", "d"), ("alien", "a"))
    text = "The war on drugs, a war on cops, a war; illegal aliens and one alien."
    assert _found(lex, text) == [
        ("war on drugs", "x"),
        ("war on", "m"),
        ("war", "w"),
        ("illegal aliens", "d"),
        ("alien", "a"),
    ]


def test_phrases_do_not_cross_sentences():
    lex = _lex(("black site", "p"))
    assert _found(lex, "It was painted black. Site visits followed.") == []
    assert _found(lex, "It was a black site.") == [("black site", "p")]


def test_each_lexicon_matches_independently():
    a = _lex(("raid", "m"))
    b = Lexicon([Entry("immigration raid", "x", 1, "", "", 1)], name="b")
    doc = segment("an immigration raid")
    hits = Matcher([a, b]).match(doc)
    assert sorted((h.lexicon, h.first, h.last) for h in hits) == [(0, 2, 3), (1, 1, 3)]


def test_matcher_pickles_without_its_memo():
    m = Matcher([load_lexicon("loaded")])
    m.match(segment("A brutal crackdown."))
    clone = pickle.loads(pickle.dumps(m))
    assert clone._starts == {} and [h.entry.pattern for h in clone.match(segment("A brutal crackdown."))] == [
        "brutal|brutally|brutality|brutalities",
        "crackdown|crackdowns|crack down|cracks down|cracked down|cracking down",
    ]


# -- reading CSV ------------------------------------------------------------


def test_from_csv_reads_entries_comments_and_hash_version(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# my lexicon\npattern,category,weight,source,note\n"
        'slush fund*,waste,2,me,"money, wasted"\nboondoggle,waste,,,\n',
        encoding="utf-8",
    )
    lex = Lexicon.from_csv(path)
    assert lex.name == "mine" and lex.version.startswith("sha256:")
    assert [(e.pattern, e.category, e.weight, e.line) for e in lex] == [
        ("slush fund*", "waste", 2, 3),
        ("boondoggle", "waste", 1, 4),
    ]
    assert lex.entries[0].note == "money, wasted"
    assert _found(lex, "Slush funds and a boondoggle.") == [("Slush funds", "waste"), ("boondoggle", "waste")]


@pytest.mark.parametrize(
    ("suffix", "body", "message"),
    [
        (".csv", "word,category\nx,y\n", "lacks column(s) pattern"),
        (".csv", "pattern,category,weight\nraid,m,heavy\n", "line 2: weight 'heavy' is not a number"),
        (".csv", "pattern,category\n,m\n", "line 2: empty pattern"),
        (".csv", "pattern,category\nraid,\n", "line 2: pattern 'raid' has no category"),
        (".csv", "pattern,category\n# c\nin*fest,m\n", "line 3: pattern 'in*fest'"),
        (".csv", "pattern,category\nraid|,m\n", "line 2: pattern 'raid|' has an empty alternative"),
        (".csv", "pattern,category\nraid,m,extra\n", "line 2 has more fields than the header"),
        (".csv", "", "no header line"),
        (".dic", "1\tinsult\n%\nidiot\t1\n", "line 1: a .dic file must start with a line holding only '%'"),
        (".dic", "%\n1\tinsult\nidiot\t1\n", "line 3: category lines are '<number> <name>'"),
        (".dic", "%\n1\tinsult\n", "not closed by a second '%'"),
        (".dic", "%\none insult\n%\nidiot\t1\n", "line 2: category lines are '<number> <name>'"),
        (".dic", "%\n1\tinsult\n%\nidiot\t7\n", "line 4: category id 7 is not in the header"),
        (".dic", "%\n1\tinsult\n%\nidiot\n", "line 4: entries are '<word or phrase> <category id>"),
        (".dic", "%\n1\tinsult\n1\tpraise\n%\n", "line 3: category id 1 is defined twice"),
    ],
)
def test_malformed_lexicon_names_file_and_line(tmp_path, suffix, body, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        (Lexicon.from_csv if suffix == ".csv" else Lexicon.from_dic)(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        Lexicon.from_csv(tmp_path / "nope.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("pattern,category\ncaf\xe9,x\n".encode("latin-1"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        Lexicon.from_csv(bad)


# -- reading .dic -------------------------------------------------------------


def test_example_dic_file():
    lex = Lexicon.from_dic(EXAMPLE_DIC)
    assert lex.name == "incivility" and lex.categories == ["insult", "name_calling", "praise"]
    # an entry in two categories becomes two entries
    assert [(e.pattern, e.category) for e in lex if e.pattern == "liar"] == [
        ("liar", "insult"),
        ("liar", "name_calling"),
    ]
    text = "The senator called him an idiot, a liar and a puppet; others saw a statesman selling snake oil."
    found = _found(lex, text)
    assert ("idiot", "insult") in found and ("statesman", "praise") in found and ("snake oil", "insult") in found
    assert ("puppet", "name_calling") in found


# -- bundled lexicons -----------------------------------------------------------


def test_load_lexicon_by_short_file_or_manifest_name():
    assert load_lexicon("loaded") is load_lexicon("loaded.csv") is load_lexicon("loaded-language")
    assert load_lexicon("epistemic").categories == ["hedge", "booster", "factive", "assertive"]
    with pytest.raises(LexiconError, match="bundled lexicons are: epistemic"):
        load_lexicon("liwc")
    versions = lexicon_versions()
    assert versions["loaded.csv"] == load_lexicon("loaded").version
    assert framing.load_lexicon is load_lexicon and framing.Lexicon is Lexicon


def test_bundled_lexicons_are_broad_reviewed_and_consistent():
    loaded, epistemic = load_lexicon("loaded"), load_lexicon("epistemic")
    assert set(loaded.categories) == {
        "emotive",
        "pejorative_label",
        "dehumanizing",
        "metaphor",
        "militarized",
        "hyperbole",
        "moral",
        "neutral",  # blockers: standard terms that contain a loaded word (extreme weather)
    }
    # every neutral phrase blocks something: it contains a form that another entry matches
    single = {t for e in loaded if e.category != "neutral" for alt in parse_pattern(e.pattern) for t, _ in alt}
    for e in loaded:
        if e.category == "neutral":
            for alt in parse_pattern(e.pattern):
                assert len(alt) > 1 and any(t in single for t, _ in alt), (e.line, alt)
    rows = loaded.entries + epistemic.entries
    assert len(rows) >= 1000
    forms: dict[str, list] = defaultdict(list)
    for lex in (loaded, epistemic):
        for e in lex:
            assert e.weight in (1, 2, 3), (lex.name, e.line)
            assert e.source.startswith("framing") and e.note, (lex.name, e.line)
            for alt in parse_pattern(e.pattern):
                forms[" ".join(t + "*" * w for t, w in alt)].append((lex.name, e.line))
    assert len(forms) >= 2500
    duplicated = {f: where for f, where in forms.items() if len(where) > 1}
    assert duplicated == {}
    # vocabulary beyond immigration
    for word in ("witch hunt", "gun grabbers", "death panels", "rigged", "alarmist", "job-killing", "crime wave"):
        assert any(word in " ".join(t for t, _ in alt) for e in loaded for alt in parse_pattern(e.pattern)), word


# -- the fast matcher equals the reference implementation --------------------------

#: hand-written edge cases for the equality tests of the fast paths (lexicon, loaded,
#: attribution, frames): odd punctuation, unicode marks, abbreviations, numbers,
#: possessives, hyphens, capitals, quotations, empty and blank documents
EDGE_TEXTS = [
    "",
    "   \n\n \t ",
    "!!! ... ??? — – -",
    "War on drugs' war on drugs’ war-on-drugs WAR ON DRUGS. The regime’s regime's regimes' brutal-brutal.",
    "The war on's drugs; the black site’s sites; in the end's view; illegal alien's and the fact’s own.",
    "“It’s a disaster,” said Sen. Jane Q. Doe (R-Texas), 54, on Feb. 3, 2024. “Illegal aliens’ rights?” she asked.",
    "U.S. officials said the 1,200-page bill—“a power grab”—costs $3.5 billion; critics called it 'tyranny'.",
    "Le président a dit : « C'est une catastrophe ». Müller’s café said “naïve” reforms fail… Ça va?",
    'Gun grabbers! Death panels!! The so-called "election integrity" law, critics say, is voter suppression.',
    "BREAKING: Wildfire EXPLODES near L.A.\n\nFire Chief Anthony Marrone told reporters at an evening briefing "
    'that crews were "overwhelmed." According to the National Weather Service, winds reached 80 mph.',
    'Officials who spoke on condition of anonymity said the plan, which the memo detailed, was "unprecedented"; '
    'a spokesman for ICE, John Smith, declined to comment, saying only: "We follow the law."',
    "The vaccine mandate, health experts warned, could save lives — or, as opponents argued, trample freedom. "
    '"This is tyranny," one protester shouted. Dr. Fauci\'s critics claimed the data were "cooked."',
    "Crime wave? The mayor insisted crime was falling, while police union chief Bob Lee argued that "
    '"thugs" were "terrorizing" neighbourhoods. Homicides rose 12% in 2023, FBI data show.',
    "Climate alarmists vs. climate deniers: the carbon tax, the senator said, is job-killing. "
    "Scientists say extreme weather is increasing; the report, released Tuesday, says emissions rose 1.1%.",
    'In the words of the governor, the election was "rigged." She is quoted as saying it was stolen; '
    "he was quoted as saying nothing. In the end, it is what it is.",
    '"A," he said. "B."\n\n"C\n\n"D," she added, "is E."',
    "a\u00a0b\u200bc war\u2019s end; ‘scare’ ‘quotes’ and 'single quotes' and “unclosed",
    "Headline In Title Case About A Brutal Crackdown\n\nBy Jane Doe\n\nThe crackdown was brutal, witnesses said.",
    "Brutal Border Crackdown Looms As Economy And Health Care Costs Falter\n\nBy Jane Doe",  # no body sentence
    "1. First item; 2. second item: 3.5 million people, 3:30 p.m., 24/7 coverage, 10-15 percent.",
    'Mr. Smith Jr. said Tuesday that XYZ Corp. would lay off workers, adding that the cuts were "painful."',
    'This is a test: "Homan: \'We will not stop.\'" The border czar, Tom Homan, said: "This is not a game."',
]


def varied_texts() -> list[str]:
    """Texts on many topics for the equality tests of the fast paths: the hand-labelled news
    sentences of tests/data/frame_labels.csv (seven topics) as one article per topic and one
    short article of four sentences each, the seed articles, and EDGE_TEXTS."""
    import csv
    import json

    from .conftest import CORPUS, DATA

    with (DATA / "frame_labels.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_topic: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_topic[row["topic"]].append(row["text"])
    texts = []
    for topic, sents in by_topic.items():
        texts.append(
            f"News about {topic}\n\n" + "\n\n".join(" ".join(sents[k : k + 3]) for k in range(0, len(sents), 3))
        )
        texts += [" ".join(sents[k : k + 4]) for k in range(0, len(sents), 4)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))]
    seeds = json.loads((DATA / "seed_sentences.json").read_text("utf-8"))
    texts += ["\n\n".join(t for _, t in v) for k, v in seeds.items() if not k.startswith("_")]
    return texts + EDGE_TEXTS + novel_texts()


def novel_texts(n: int = 24) -> list[str]:
    """Articles whose vocabulary keeps growing like real news (``synthetic_corpus(vary=...)``:
    long words swapped for general-English words by frequency, as in the speed benchmark's
    varied corpus), so the equality tests also cover the per-word memos' first-seen paths."""
    from benchmarks._corpus import synthetic_corpus

    return [r["text"] for vary in (0.5, 0.9) for r in synthetic_corpus(n // 2, seed=11, sentences=(8, 16), vary=vary)]


#: a lexicon whose entries compete: phrases sharing first words, wildcards in first and second
#: place, possessives, phrases that only start with a frequent word ("the", "in", "it")
TRICKY = (
    ("war", "w"),
    ("war on", "m"),
    ("war on drugs", "x"),
    ("war on drug*", "y"),
    ("illegal alien*", "d"),
    ("alien", "a"),
    ("the regime", "r"),
    ("regime's", "q"),
    ("the fact", "f"),
    ("in the end", "e"),
    ("it is", "i"),
    ("is what it is", "j"),
    ("don't", "n"),
    ("black site|black sites", "b"),
    ("climate alarm*", "c"),
    ("death panel*", "p"),
    ("crime", "k"),
    ("crime wave", "v"),
    ("so-called", "s"),
)


def test_competing_entries_in_one_lexicon():
    """The longest phrase wins (an exact word before a wildcard); a phrase that starts with a
    frequent word ("the", "in", "it") matches only where its second word follows; a
    two-word phrase may end in a possessive; no match overlaps another of the same lexicon."""
    lex = _lex(*TRICKY)
    text = (
        "The war on drugs and the war on drugstores; war on's end. The regime’s fact: the fact is, "
        "in the end it is what it is. Climate alarmists fear death panels; the crime wave's cost. "
        "The so-called black sites, illegal alien's rights, an alien; we don’t."
    )
    assert _found(lex, text) == [
        ("war on drugs", "x"),
        ("war on drugstores", "y"),
        ("war on's", "m"),
        ("The regime’s", "r"),
        ("the fact", "f"),
        ("in the end", "e"),
        ("it is", "i"),
        ("it is", "i"),
        ("Climate alarmists", "c"),
        ("death panels", "p"),
        ("crime wave's", "v"),
        ("so-called", "s"),
        ("black sites", "b"),
        ("illegal alien's", "d"),
        ("alien", "a"),
        ("don’t", "n"),
    ]


def match_at_every_token(matcher: Matcher, doc) -> list[Hit]:
    """What :meth:`Matcher.match` must find, without its shortcuts: the full lookup at
    every token (no memo, no candidate filter), the longest entry per lexicon, no overlap."""
    from framing.lexicon import _longest_phrase

    next_free = [0] * len(matcher.lexicons)
    hits = []
    for i, tok in enumerate(doc.tok_lower):
        start = matcher._lookup(tok)
        for ls in start.lexicons if start is not None else ():
            if i < next_free[ls.lexicon]:
                continue
            n, entry = _longest_phrase(ls, doc.tok_lower, i, doc.sentences[doc.tok_sent[i]].tok_last)
            if entry is not None:
                hits.append(Hit(ls.lexicon, i, i + n, entry))
                next_free[ls.lexicon] = i + n
    return hits


def test_candidates_and_memo_miss_no_match_on_varied_text(monkeypatch):
    """Matching visits only the candidate tokens, through a per-token memo with a fast path
    for new words; that must find what the full lookup at every token finds, on texts of
    many topics and a growing vocabulary, also with a memo bound small enough to be
    reached many times."""
    import framing.lexicon as lexicon
    from framing.layers.frames import frame_cues
    from framing.layers.loaded import affect_lexicon

    lexicon_sets = [
        [load_lexicon("loaded"), load_lexicon("epistemic"), affect_lexicon()],
        [frame_cues().lexicon],
        [_lex(*TRICKY), load_lexicon("loaded")],
    ]
    docs = [segment(t, str(n)) for n, t in enumerate(varied_texts())]
    n_hits = 0
    for limit in (lexicon._MEMO_LIMIT, 300):
        monkeypatch.setattr(lexicon, "_MEMO_LIMIT", limit)
        for lexicons in lexicon_sets:
            matcher = Matcher(lexicons)
            for doc in docs:
                hits = matcher.match(doc)
                assert hits == match_at_every_token(matcher, doc), doc.text[:80]
                n_hits += len(hits)
    assert n_hits > 6000  # the texts exercise the lexicons


def test_new_word_fast_path_equals_the_full_lookup():
    """A new token that no entry can start at is settled without :meth:`Matcher._lookup`;
    that shortcut must give what the full lookup gives, for plain words, possessives and
    words that a wildcard prefix (``crime wave*``, ``climate alarm*``) could start."""
    from framing.layers.frames import frame_cues
    from framing.layers.loaded import affect_lexicon
    from framing.lexicons import read_rows

    words = [r["word"] for r in read_rows("background_en.csv")][:4000]
    words += [w + suffix for w in words[:400] for suffix in ("'s", "’s", "s'", "s’", "'", "’")]
    words += ["alarmists", "alarmist's", "climates", "death", "deaths'", "war's", "regime’s", "s'", "'s", "’", "s", ""]
    tricky = _lex(
        ("climate alarm*", "c"), ("death panel*", "p"), ("alarm*", "a"), ("war on drug*", "y"), ("regime's", "q")
    )
    n_found = 0
    for lexicons in (
        [load_lexicon("loaded"), load_lexicon("epistemic"), affect_lexicon()],
        [frame_cues().lexicon],
        [tricky],
    ):
        matcher = Matcher(lexicons)
        for w in words:
            full = matcher._lookup(w)
            assert matcher._start_at(w) == full, w
            n_found += full is not None
    assert n_found > 100


def test_memo_bound_does_not_change_any_layer(monkeypatch):
    """The loaded-language, attribution and frame layers, run as the pipeline runs them,
    give the same output when their per-token memos are cleared many times mid-corpus."""
    import framing.lexicon as lexicon
    from framing.analysis import default_annotators
    from framing.layers.base import DocResult

    from .test_loaded import _same_result

    annotators = [a for a in default_annotators() if type(a).__name__ != "ToneAnnotator"]
    docs = [segment(t, f"d{n}") for n, t in enumerate(varied_texts())]

    def run() -> list[list[DocResult]]:
        outs = []
        for a in annotators:
            outs.append([DocResult(doc.doc_id, _text=doc.text) for doc in docs])
            for doc, out in zip(docs, outs[-1]):
                a.annotate(doc, out)
        return outs

    roomy = run()
    monkeypatch.setattr(lexicon, "_MEMO_LIMIT", 300)
    tight = run()
    n_spans = 0
    for a, big, small in zip(annotators, roomy, tight):
        for doc, f, s in zip(docs, big, small):
            assert _same_result(f, s), (type(a).__name__, doc.text[:80])
            n_spans += len(f.spans)
    assert n_spans > 3000


def test_match_words_reads_a_word_list_as_one_sentence():
    lex = _lex(("war on drugs", "x"), ("war", "w"), ("crime", "k"))
    hits = Matcher([lex]).match_words(["tough", "war", "on", "drugs", "crime"])
    assert [(h.first, h.last, h.entry.category) for h in hits] == [(1, 4, "x"), (4, 5, "k")]
