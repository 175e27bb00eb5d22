"""benchmarks/validity.py: metrics, readers, splits and the command line, on tiny synthetic files.

Every input is written here into ``tmp_path`` in the formats of the public sets (PolNeAR
JSONL, BABE ;-CSV, NYT TSV), with sentences made up for the test; nothing needs
``../shared``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "validity.py"


@pytest.fixture(scope="module")
def validity():
    spec = importlib.util.spec_from_file_location("validity_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses / NamedTuple look the module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture
def no_defaults(validity, monkeypatch, tmp_path):
    """Default data paths that do not exist (a user's clone without ../shared)."""
    missing = tmp_path / "no-shared"
    monkeypatch.setattr(
        validity,
        "DEFAULTS",
        {
            "polnear": missing / "polnear",
            "babe": missing / "babe.csv",
            "nyt": missing / "nyt.tsv",
        },
    )


# ---------------------------------------------------------------------------
# Synthetic data in the three formats


def _span(text: str, part: str, start: int = 0) -> list[int]:
    a = text.index(part, start)
    return [a, a + len(part)]


def write_polnear(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    articles = []
    texts = [
        "Budget vote delayed\n\nThe mayor said the new budget would close two libraries. "
        "Residents were angry about the plan.",
        "Storm clears\n\n\u201cWe expect the roads to reopen by Friday,\u201d the county engineer told reporters. "
        "Crews worked through the night.",
        "School board meets\n\nThe board met on Tuesday. According to the superintendent, enrolment fell by "
        "four percent this year.",
    ]
    gold = [
        [
            {
                "source": [_span(texts[0], "The mayor")],
                "cue": [_span(texts[0], "said")],
                "content": [_span(texts[0], "the new budget would close two libraries")],
            }
        ],
        [
            {
                "source": [_span(texts[1], "the county engineer")],
                "cue": [_span(texts[1], "told")],
                "content": [_span(texts[1], "We expect the roads to reopen by Friday,")],
            }
        ],
        [
            {
                "source": [_span(texts[2], "the superintendent")],
                "cue": [_span(texts[2], "According to")],
                "content": [_span(texts[2], "enrolment fell by four percent this year")],
            },
            {"source": [], "cue": [_span(texts[2], "met")], "content": []},
        ],  # an odd relation: no source
    ]
    for k, (text, rels) in enumerate(zip(texts, gold)):
        articles.append(
            {
                "doc_id": f"art-{k}",
                "publisher": "test",
                "date": "2024-01-0{k + 1}",
                "title": text.split("\n")[0],
                "text": text,
                "attributions": rels,
            }
        )
    with (directory / "dev.jsonl").open("w", encoding="utf-8") as fh:
        for art in articles:
            fh.write(json.dumps(art) + "\n")
    return directory


BIASED = [
    ("The radical senator pushed a disastrous scheme through the chamber.", ["radical", "disastrous"]),
    ("Critics slammed the outrageous giveaway to billionaire donors.", ["slammed", "outrageous"]),
    ("The regime's thugs brutally crushed the peaceful protest.", ["thugs", "brutally"]),
    ("The far-left mob descended on the quiet town hall meeting.", ["far-left", "mob"]),
    ("The governor's insane plan will destroy the local economy.", ["insane", "destroy"]),
    ("The so-called experts peddled their bizarre theory again.", ['"experts"', "bizarre"]),
    ("Lawmakers rammed through a shameful bill in the dead of night.", ["rammed", "shameful"]),
    ("The corrupt official shamelessly lied to the grieving families.", ["corrupt", "shamelessly", "lied"]),
    ("The reckless company dumped toxic sludge into the river.", ["reckless", "dumped"]),
    ("An extremist group hijacked the debate with hateful slogans.", ["extremist", "hijacked", "hateful"]),
    ("The candidate's pathetic excuses fooled nobody at the rally.", ["pathetic"]),
    ("The administration's cruel crackdown terrorized immigrant families.", ["cruel", "terrorized"]),
    ("Activists claimed the ridiculous rule was a victory for fairness.", ["claimed", "ridiculous"]),
    ("The network's propaganda machine spewed lies all week.", ["propaganda", "spewed", "lies"]),
    ("The senator's absurd tirade embarrassed even his allies.", ["absurd", "tirade"]),
    ("Greedy landlords gouged desperate tenants during the crisis.", ["greedy", "gouged"]),
    ("The sheriff's draconian policy devastated poor neighborhoods.", ["draconian", "devastated"]),
    ("The tycoon's vile comments sparked a furious backlash.", ["vile", "furious"]),
    ("A fanatical faction sabotaged the fragile peace talks.", ["fanatical", "sabotaged"]),
    ("The mayor's disgraceful stunt wasted millions of dollars.", ["disgraceful", "stunt", "wasted"]),
    ('The party\'s "gender identity" crusade alarmed many parents.', ['"gender', 'identity"', "crusade"]),
    ("The cowardly council caved to the angry lobby.", ["cowardly", "caved"]),
]
NEUTRAL = [
    "The city council approved the budget on Tuesday by a vote of seven to two.",
    "The bridge will close for repairs from March until June.",
    "The company reported quarterly revenue of 4 billion dollars.",
    "The school district hired twelve new teachers this fall.",
    "The governor signed the transportation bill on Monday.",
    "Officials said the election results would be certified next week.",
    "The museum will extend its opening hours during the summer.",
    "The report was published by the state health department.",
    "The committee will hold a public hearing in April.",
    "Voters in the county will choose a new sheriff in November.",
    "The library added a new branch in the northern district.",
    "The court scheduled the next hearing for early May.",
    "The agency released updated guidance for farmers on Thursday.",
    "The train line carries about forty thousand passengers a day.",
    "The senator introduced a bill on water infrastructure.",
    "The hospital opened a new wing for outpatient care.",
    "The university announced a change to its admissions calendar.",
    "The city plans to repave three main roads next year.",
    "The central bank left interest rates unchanged this month.",
    "The festival will take place in the park on Saturday.",
    "The airport added two direct flights to the capital.",
    "The state legislature adjourned its session on Friday.",
]


def write_babe(path: Path) -> Path:
    rows = [(text, "Biased", repr(words)) for text, words in BIASED]
    rows += [(text, "Non-biased", "[]") for text in NEUTRAL]
    rows.append(("The council met again on Wednesday evening.", "No agreement", "[]"))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words"])
        for k, (text, label, words) in enumerate(rows):
            writer.writerow(
                [text, f"https://example.org/{k}", "Example", "politics", "center", label, "Entirely factual", words]
            )
    return path


NYT = [
    (2.1, "The performance was a joyful triumph from start to finish."),
    (-2.3, "The policy is a cruel and shameful failure."),
    (0.1, "The meeting is scheduled for Thursday afternoon."),
    (1.6, "Her generous gift delighted the children."),
    (-1.8, "The neighborhood suffered a terrible loss."),
    (0.0, "The bridge is four miles long."),
    (1.2, "It was a pleasant and relaxing evening."),
    (-1.4, "The plan is a sad waste of money."),
    (-0.2, "The report runs to two hundred pages."),
    (2.4, "What a wonderful, brilliant achievement."),
    (-2.6, "The attack was horrible and cowardly."),
    (0.3, "The store opens at nine in the morning."),
    (1.0, "The new park is a nice addition to the town."),
    (-1.1, "Critics called the decision a mistake."),
    (0.2, "The committee has seven members."),
    (1.9, "The team played with great courage and skill."),
    (-2.0, "The scandal is an ugly embarrassment."),
    (-0.1, "The train leaves from platform two."),
    (1.4, "The volunteers were kind and helpful."),
    (-1.6, "The city faces a bleak and dangerous winter."),
    (0.4, "The survey covered twelve states."),
    (2.2, "It is a beautiful, inspiring film."),
    (-2.2, "The abuse of power was disgraceful."),
    (0.0, "The office moved to the third floor."),
]


def write_nyt(path: Path) -> Path:
    lines = ["id\trating\ttext"]
    lines += [f"{k // 5 + 1}_{k % 5 + 1}\t{rating}\t{text}" for k, (rating, text) in enumerate(NYT)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path):
    return {
        "polnear": write_polnear(tmp_path / "polnear"),
        "babe": write_babe(tmp_path / "babe.csv"),
        "nyt": write_nyt(tmp_path / "nyt.tsv"),
    }


# ---------------------------------------------------------------------------
# Token and span metrics


def _prf(validity, counts):
    stats = validity.prf_stats(np.asarray(counts))
    ones = np.ones((1, len(counts)))
    return tuple(float(stats[k](ones)[0]) for k in ("precision", "recall", "f1"))


def test_word_tokens_exclude_punctuation(validity):
    starts, ends, tokens = validity.word_tokens("\u201cDon't,\u201d she said \u2014 twice.")
    assert tokens == ["don", "t", "she", "said", "twice"]
    assert list(starts) == [1, 5, 9, 13, 20]


def test_token_prf_perfect_and_disjoint(validity):
    text = "The mayor said the new budget would close two libraries."
    starts, ends, _ = validity.word_tokens(text)
    gold = validity.token_mask(starts, ends, [_span(text, "The mayor"), _span(text, "said")])
    perfect = validity.token_counts(
        gold, validity.token_mask(starts, ends, [_span(text, "The mayor"), _span(text, "said")])
    )
    disjoint = validity.token_counts(gold, validity.token_mask(starts, ends, [_span(text, "two libraries")]))
    assert _prf(validity, [perfect]) == (1.0, 1.0, 1.0)
    assert _prf(validity, [disjoint]) == (0.0, 0.0, 0.0)
    half = validity.token_counts(gold, validity.token_mask(starts, ends, [_span(text, "mayor said the new")]))
    p, r, f = _prf(validity, [half])
    assert (p, r) == (0.5, 2 / 3) and math.isclose(f, 2 * p * r / (p + r))


def test_token_mask_overlap_and_empty_spans(validity):
    starts, ends, _ = validity.word_tokens("ab cd ef")
    assert validity.token_mask(starts, ends, [(1, 4)]).tolist() == [True, True, False]
    assert validity.token_mask(starts, ends, [(2, 3)]).tolist() == [False, False, False]  # a space only
    assert validity.token_mask(starts, ends, [(3, 3)]).tolist() == [False, False, False]  # empty span


def test_span_counts_soft_and_strict(validity):
    gold = [(10, 14), (30, 41), (30, 41)]  # a duplicate gold cue counts once
    pred = [(10, 14), (35, 40), (50, 55)]
    assert validity.span_counts(pred, gold, strict=False) == (2, 3, 2, 2)
    assert validity.span_counts(pred, gold, strict=True) == (1, 3, 1, 2)
    assert validity.span_counts([], gold, strict=False) == (0, 0, 0, 2)


def test_attribution_counts_perfect_prediction(validity, tmp_path):
    data = validity.read_polnear(write_polnear(tmp_path / "p"), "dev")
    perfect = {d: {r: list(g[r]) for r in validity.ROLES} for d, g in zip(data["doc_id"], data["gold"])}
    counts = validity.attribution_counts(data, perfect)
    for key in ("token:cue", "token:source", "token:content", "span-soft:cue", "span-strict:cue"):
        assert _prf(validity, counts[key]) == (1.0, 1.0, 1.0), key
    none = validity.attribution_counts(data, {})
    assert _prf(validity, none["token:cue"])[1] == 0.0


def test_polnear_reader_refuses_offsets_outside_the_text(validity, tmp_path):
    directory = tmp_path / "bad"
    directory.mkdir()
    art = {"doc_id": "x", "text": "Short text.", "attributions": [{"source": [], "cue": [[3, 99]], "content": []}]}
    (directory / "dev.jsonl").write_text(json.dumps(art) + "\n", encoding="utf-8")
    with pytest.raises(validity.DataError, match="outside the text"):
        validity.read_polnear(directory, "dev")


# ---------------------------------------------------------------------------
# BABE words and the splits


def test_biased_words_parser_phrases_and_odd_quotes(validity):
    cell = "['bizarre', '\"held\"', \"don't\", '\u201cgender', 'identity\u201d', 'far-left media', 'Claimed']"
    assert validity.parse_biased_words(cell) == [
        ("bizarre",),
        ("held",),
        ("don", "t"),
        ("gender",),
        ("identity",),
        ("far", "left", "media"),
        ("claimed",),
    ]
    assert validity.parse_biased_words("[]") == []
    assert validity.parse_biased_words("") == []
    assert validity.parse_biased_words(float("nan")) == []
    assert validity.parse_biased_words("['\"', '']") == []  # entries without a word
    with pytest.raises(validity.DataError, match="Python-literal list"):
        validity.parse_biased_words("['unclosed', ")
    with pytest.raises(validity.DataError, match="list of strings"):
        validity.parse_biased_words("[1, 2]")


def test_gold_words_match_phrases_case_insensitively(validity):
    _, _, tokens = validity.word_tokens("The Far-Left media loves far places, and the MOB cheered.")
    mask, found, missed = validity.gold_word_mask(tokens, [("far", "left", "media"), ("mob",), ("absent",)])
    marked = [t for t, m in zip(tokens, mask) if m]
    assert marked == ["far", "left", "media", "mob"]  # the second "far" is not part of the phrase
    assert (found, missed) == (4, 1)
    mask, found, missed = validity.gold_word_mask(tokens, [("left", "places")])  # not contiguous: word by word
    assert [t for t, m in zip(tokens, mask) if m] == ["left", "places"] and (found, missed) == (2, 0)


def test_stable_fold_is_crc32(validity):
    assert zlib.crc32(b"abc") == 891568578  # the same on every platform and Python
    assert validity.stable_fold("abc", 5) == 891568578 % 5 == 3


def test_babe_split_deterministic_and_disjoint(validity, tmp_path):
    path = write_babe(tmp_path / "b.csv")
    first, dropped = validity.read_babe(path)
    second, _ = validity.read_babe(path)
    assert dropped == 1 and "No agreement" not in set(first["label_bias"])
    assert first["fold"].tolist() == second["fold"].tolist()
    assert set(first["fold"]) <= set(range(validity.BABE_FOLDS))
    test = set(first.loc[first["fold"] == validity.BABE_TEST_FOLD, "text"])
    tune = set(first.loc[first["fold"] != validity.BABE_TEST_FOLD, "text"])
    assert test and tune and not test & tune and test | tune == set(first["text"])
    assert first.loc[first["text"].str.startswith("The party"), "gold"].iloc[0] == [
        ("gender",),
        ("identity",),
        ("crusade",),
    ]
    # the fold depends on the text only, not on the row order
    shuffled = tmp_path / "shuffled.csv"
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str)
    frame.iloc[::-1].to_csv(shuffled, sep=";", index=False, encoding="utf-8-sig")
    again, _ = validity.read_babe(shuffled)
    assert dict(zip(again["text"], again["fold"])) == dict(zip(first["text"], first["fold"]))


def test_nyt_reader_header_and_halves(validity, tmp_path):
    path = write_nyt(tmp_path / "n.tsv")
    data, header = validity.read_nyt(path)
    assert header and len(data) == len(NYT)
    assert data["half"].tolist() == validity.read_nyt(path)[0]["half"].tolist()
    assert set(data["half"]) == {"fit", "test"}
    assert data.loc[data["id"] == "1_1", "rating"].iloc[0] == 2.1
    no_header = tmp_path / "n2.tsv"
    no_header.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[1:]), encoding="utf-8")
    data2, header2 = validity.read_nyt(no_header)
    assert not header2 and data2["half"].tolist() == data["half"].tolist()
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\trating\ttext\n1_1\tvery\tA sentence.\n", encoding="utf-8")
    with pytest.raises(validity.DataError, match="not a number"):
        validity.read_nyt(bad)


def test_lexicon_baselines_load_from_the_installed_packages(validity):
    vader = validity.vader_strong_words()
    blob = validity.textblob_subjective_words()
    assert {"horrible", "wonderful"} <= vader and "good" not in vader  # good: 1.9
    assert "ridiculous" in blob and "legislative" not in blob
    assert len(vader) > 500 and len(blob) > 500


# ---------------------------------------------------------------------------
# Weighted statistics and the bootstrap


def test_weighted_statistics_agree_with_scikit_learn(validity):
    from sklearn.metrics import f1_score, roc_auc_score

    rng = np.random.default_rng(3)
    n = 60
    label = rng.integers(0, 2, n)
    score = np.round(label + rng.normal(0, 1, n), 1)  # rounded: ties
    x, y = rng.normal(size=n), rng.normal(size=n)
    true, pred = rng.integers(-1, 2, n), rng.integers(-1, 2, n)
    ones = np.ones((1, n))
    assert math.isclose(validity.auc_stat(score, label)(ones)[0], roc_auc_score(label, score))
    assert math.isclose(validity.pearson_stat(x, y)(ones)[0], np.corrcoef(x, y)[0, 1])
    assert math.isclose(validity.macro_f1_stat(true, pred)(ones)[0], f1_score(true, pred, average="macro"))
    # a resample as weights equals the statistic on the resampled rows
    w = validity.bootstrap_weights(n, 3, seed=0, key="t")
    idx = np.repeat(np.arange(n), w[1].astype(int))
    assert math.isclose(validity.auc_stat(score, label)(w)[1], roc_auc_score(label[idx], score[idx]))
    assert math.isclose(validity.pearson_stat(x, y)(w)[1], np.corrcoef(x[idx], y[idx])[0, 1])
    assert math.isclose(validity.macro_f1_stat(true, pred)(w)[1], f1_score(true[idx], pred[idx], average="macro"))


def test_bootstrap_is_seeded_and_resamples_units(validity):
    a = validity.bootstrap_weights(20, 50, seed=0, key="babe-test")
    assert a.shape == (50, 20) and (a.sum(1) == 20).all()
    assert (a == validity.bootstrap_weights(20, 50, seed=0, key="babe-test")).all()
    assert not (a == validity.bootstrap_weights(20, 50, seed=1, key="babe-test")).all()
    assert validity.bootstrap_weights(20, 0, seed=0, key="x").shape == (0, 20)
    value, low, high = validity.estimate(validity.pearson_stat(np.arange(20.0), np.arange(20.0) ** 2), a)
    assert low <= value <= high <= 1.0


# ---------------------------------------------------------------------------
# The command line


def test_main_end_to_end_on_tiny_files(validity, data, tmp_path, capsys):
    babe, _ = validity.read_babe(data["babe"])
    test_fold = babe[babe["fold"] == validity.BABE_TEST_FOLD]
    assert test_fold["biased"].nunique() == 2, "the synthetic BABE test fold needs both labels"
    out = tmp_path / "out"
    status = validity.main(
        [
            "--polnear",
            str(data["polnear"]),
            "--babe",
            str(data["babe"]),
            "--nyt",
            str(data["nyt"]),
            "--boot",
            "40",
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert status == 0
    header = printed.splitlines()[0].split()
    assert header == validity.COLUMNS
    for measure, metric in [
        ("attribution:cue", "token_f1"),
        ("attribution:source", "token_recall"),
        ("attribution:content", "token_precision"),
        ("attribution:cue", "span_soft_f1"),
        ("baseline:say-verbs:cue", "token_f1"),
        ("baseline:quote-marks:content", "token_f1"),
        ("loaded", "auc_count"),
        ("loaded", "word_f1"),
        ("bias-cue-layers", "word_f1"),
        ("baseline:vader-strong", "auc_count"),
        ("baseline:textblob-subjective", "word_f1"),
        ("baseline:tfidf-lr(C=1)", "auc"),
        ("classifier:FrameClassifier", "macro_f1"),
        ("baseline:tfidf-lr(C=10)", "macro_f1"),
        ("tone", "pearson_r"),
        ("tone", "macro_f1_3class"),
        ("baseline:vader_compound", "pearson_r"),
        ("baseline:textblob_polarity", "macro_f1_3class"),
        ("ceiling:single-rater", "pearson_r"),
    ]:
        assert any(line.split()[:1] == [measure] and metric in line.split() for line in printed.splitlines()), (
            measure,
            metric,
        )
    assert "notes:" in printed and "1 dropped" in printed
    table = pd.read_csv(out / "validity.csv")
    assert list(table.columns) == validity.COLUMNS
    assert set(table["dataset"]) == {"polnear", "babe", "nyt"}
    bounded = table[table["metric"].str.contains("precision|recall|f1|auc") & ~table["metric"].str.contains("minus")]
    assert bounded["value"].dropna().between(0, 1).all()
    assert (
        table.loc[(table["measure"] == "attribution:cue") & (table["metric"] == "token_precision"), "value"].iloc[0]
        > 0.5
    )  # "said", "told", "According to" are found
    tone_r = table.loc[(table["measure"] == "tone") & (table["metric"] == "pearson_r")].iloc[0]
    assert tone_r["value"] > 0.5 and tone_r["low"] <= tone_r["value"] <= tone_r["high"]
    assert tone_r["n"] == sum(1 for k in range(len(NYT)) if validity.stable_fold(f"{k // 5 + 1}_{k % 5 + 1}", 2))
    markdown = (out / "validity.md").read_text(encoding="utf-8")
    assert markdown.startswith("| measure | dataset |") and "| tone | nyt | test-half | pearson_r |" in markdown
    # deterministic: the same numbers again
    assert (
        validity.main(
            [
                "--polnear",
                str(data["polnear"]),
                "--babe",
                str(data["babe"]),
                "--nyt",
                str(data["nyt"]),
                "--boot",
                "40",
                "--only",
                "tone,attribution",
            ]
        )
        == 0
    )
    again = capsys.readouterr().out
    tone_rows = lambda text: [line.split() for line in text.splitlines() if line.split()[:1] == ["tone"]]  # noqa: E731
    assert tone_rows(again) == tone_rows(printed) and tone_rows(printed)


def test_missing_given_path_is_a_clear_error(validity, tmp_path, capsys):
    status = validity.main(["--babe", str(tmp_path / "nope.csv"), "--only", "loaded"])
    captured = capsys.readouterr()
    assert status == 2
    assert "no such file" in captured.err and "nope.csv" in captured.err and "BABE" in captured.err
    assert len(captured.err.strip().splitlines()) == 1 and captured.out == ""


def test_missing_default_is_skipped_with_a_message(validity, data, no_defaults, capsys):
    status = validity.main(["--nyt", str(data["nyt"]), "--only", "tone,loaded", "--boot", "0"])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.err.strip().splitlines() == [
        next(line for line in captured.err.splitlines() if line.startswith("skipping loaded: no babe data"))
    ]
    assert "babe" not in {line.split()[1] for line in captured.out.splitlines()[1:] if len(line.split()) > 4}
    assert validity.main(["--only", "tone"]) == 2
    assert "nothing measured" in capsys.readouterr().err


def test_malformed_file_is_a_clear_error(validity, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("sentence;label\nA sentence.;Biased\n", encoding="utf-8")
    assert validity.main(["--babe", str(bad), "--only", "loaded"]) == 2
    err = capsys.readouterr().err
    assert "columns" in err and "bad.csv" in err and "Traceback" not in err


def test_unknown_part_is_a_usage_error(validity, capsys):
    with pytest.raises(SystemExit) as exit_info:
        validity.main(["--only", "tone,frames"])
    assert exit_info.value.code == 2 and "frames" in capsys.readouterr().err


def test_help_names_the_public_sources(validity, capsys):
    with pytest.raises(SystemExit) as exit_info:
        validity.main(["--help"])
    text = capsys.readouterr().out
    assert exit_info.value.code == 0
    for where in (
        "github.com/networkdynamics/polnear",
        "Media-Bias-Group",
        "cjhutto/vaderSentiment",
        "Newell",
        "Spinde",
        "Hutto",
    ):
        assert where in re.sub(r"-\s+", "-", text), where  # argparse may wrap after a hyphen


def test_script_exit_status_without_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--nyt", str(tmp_path / "missing.tsv"), "--only", "tone"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "missing.tsv" in done.stderr and done.stdout == ""
