"""framing.lexicon: reading lexicons (CSV, LIWC-style .dic), matching, bundled lexicons."""

from __future__ import annotations

import pickle
from collections import defaultdict
from pathlib import Path

import pytest

import framing
from framing.errors import LexiconError
from framing.lexicon import Entry, Lexicon, Matcher, lexicon_versions, load_lexicon, parse_pattern
from framing.segment import segment

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
        ("regime's", "p"), ("regime’s", "p"), ("don’t", "x"), ("don't", "x"),
    ]


def test_longest_phrase_wins_and_phrases_do_not_overlap():
    lex = _lex(("war", "w"), ("war on", "m"), ("war on drugs", "x"), ("illegal alien*", "d"), ("alien", "a"))
    text = "The war on drugs, a war on cops, a war; illegal aliens and one alien."
    assert _found(lex, text) == [
        ("war on drugs", "x"), ("war on", "m"), ("war", "w"), ("illegal aliens", "d"), ("alien", "a"),
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
    assert clone._memo == {} and [h.entry.pattern for h in clone.match(segment("A brutal crackdown."))] == [
        "brutal|brutally|brutality|brutalities", "crackdown|crackdowns|crack down|cracks down|cracked down|cracking down",
    ]


# -- reading CSV ------------------------------------------------------------


def test_from_csv_reads_entries_comments_and_hash_version(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# my lexicon\npattern,category,weight,source,note\nslush fund*,waste,2,me,\"money, wasted\"\nboondoggle,waste,,,\n",
        encoding="utf-8",
    )
    lex = Lexicon.from_csv(path)
    assert lex.name == "mine" and lex.version.startswith("sha256:")
    assert [(e.pattern, e.category, e.weight, e.line) for e in lex] == [
        ("slush fund*", "waste", 2, 3), ("boondoggle", "waste", 1, 4),
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
    assert [(e.pattern, e.category) for e in lex if e.pattern == "liar"] == [("liar", "insult"), ("liar", "name_calling")]
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
        "emotive", "pejorative_label", "dehumanizing", "metaphor", "militarized", "hyperbole", "moral",
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
