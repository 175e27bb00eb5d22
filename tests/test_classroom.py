"""Classroom helpers: passages, student marks vs tool spans, agreement scores, worksheet."""

from __future__ import annotations

import html
import math
import re

import pandas as pd
import pytest

from framing.analysis import Analysis
from framing.classroom import compare_marks, passage
from framing.errors import AnalysisError
from framing.layers.base import SPAN_COLUMNS

WSWS = "wsws-mass-immigration-raids"


def _with_spans(result, doc_id: str, words: list[str], layer: str = "loaded") -> Analysis:
    """The bundled analysis with the spans replaced by hand-placed ones on ``words`` (first occurrence)."""
    text = result.text(doc_id)
    rows = []
    for w in words:
        start = text.index(w)
        rows.append(
            {
                "doc_id": doc_id,
                "sent_index": 0,
                "start": start,
                "end": start + len(w),
                "text": w,
                "layer": layer,
                "category": "emotive",
                "rule": w,
            }
        )
    return Analysis(
        result.documents,
        result.sentences,
        pd.DataFrame(rows, columns=SPAN_COLUMNS),
        result.attributions,
        result.measures,
        result.texts,
        result.manifest,
    )


def test_passage_is_a_verbatim_stretch_of_sentences(result):
    p = passage(result, WSWS, first_sentence=5, n_sentences=3)
    assert p.text == result.text(WSWS)[p.start : p.end]
    assert p.text.startswith("The document exposes the Trump administration's relentless")
    assert p.text.endswith("the ultimate target.")
    assert "&lt;" not in p._repr_html_() and "<p>" in p._repr_html_()


@pytest.mark.parametrize("kwargs", [{"first_sentence": 10_000}, {"first_sentence": -1}, {"n_sentences": 0}])
def test_passage_out_of_range_names_the_valid_range(result, kwargs):
    with pytest.raises(AnalysisError, match="has sentences 0.."):
        passage(result, WSWS, **kwargs)


def test_passage_unknown_document(result):
    with pytest.raises(AnalysisError, match="no sentences for doc_id 'nope'"):
        passage(result, "nope")


def test_marks_against_hand_placed_spans_give_hand_computed_scores(result):
    # sentences 5-6: "... relentless and unconstitutional attack on immigrants ... broader fascist agenda ..."
    analysis = _with_spans(result, WSWS, ["relentless", "unconstitutional", "fascist agenda"])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=2)
    cmp = compare_marks(analysis, p, ["Relentless", "attack", "fascist", "tyranny"], unit="word")
    w = cmp.words
    assert w["word"].tolist()[:6] == ["The", "document", "exposes", "the", "Trump", "administration's"]
    # student: relentless, attack, attacks? no - whole words only: "attack" (sentence 5) but not "attacks"
    assert set(w.loc[w["student"], "word"]) == {"relentless", "attack", "fascist"}
    assert set(w.loc[w["tool"], "word"]) == {"relentless", "unconstitutional", "fascist", "agenda"}
    assert cmp.not_found == ["tyranny"]
    assert (cmp.n_student, cmp.n_tool, cmp.n_both) == (3, 4, 2)
    assert cmp.precision == pytest.approx(2 / 3)
    assert cmp.recall == pytest.approx(2 / 4)
    assert cmp.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    # nominal alpha, two coders, binary: 1 - (n - 1) * d / (n0 * n1), n = 2 * words, d = disagreements
    n = 2 * len(w)
    d = int((w["student"] != w["tool"]).sum())
    n1 = cmp.n_student + cmp.n_tool
    assert d == 3
    assert cmp.alpha == pytest.approx(1 - (n - 1) * d / ((n - n1) * n1))
    assert set(cmp.disagreements()["word"]) == {"attack", "unconstitutional", "agenda"}
    # a word of a multiword tool span shows the whole phrase, so "agenda" reads as part of "fascist agenda"
    assert cmp.disagreements().set_index("word").loc["agenda", "tool_phrase"] == "fascist agenda"
    assert cmp.words.set_index("word").loc["exposes", "tool_phrase"] == ""
    assert cmp.words.set_index("word").loc["fascist", "agreement"] == "both"


def test_phrases_are_matched_as_whole_word_sequences(result):
    analysis = _with_spans(result, WSWS, ["relentless"])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=1)
    cmp = compare_marks(analysis, p, ["democratic rights", "right", "immigrant"])
    assert set(cmp.words.loc[cmp.words["student"], "word"]) == {"democratic", "rights"}
    assert cmp.not_found == ["right", "immigrant"]


def test_spans_outside_the_passage_or_in_other_layers_do_not_count(result):
    analysis = _with_spans(result, WSWS, ["relentless", "assault"])  # "assault" is in sentence 10
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=1)
    cmp = compare_marks(analysis, p, ["relentless"])
    assert cmp.n_tool == 1 and cmp.precision == 1.0 and cmp.recall == 1.0 and cmp.alpha == 1.0
    assert compare_marks(analysis, p, ["relentless"], layers=["hedge"]).n_tool == 0


def test_scores_undefined_without_marks_are_nan_not_errors(result):
    analysis = _with_spans(result, WSWS, [])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=1)
    cmp = compare_marks(analysis, p, [])
    assert math.isnan(cmp.precision) and math.isnan(cmp.recall) and math.isnan(cmp.alpha)
    assert "n/a" in cmp._repr_html_()
    assert f"<td>{len(cmp.words)}</td>" in cmp._repr_html_()
    assert ".00<" not in cmp._repr_html_()  # counts are shown as whole numbers
    with pytest.raises(AnalysisError, match="list of words"):
        compare_marks(analysis, p, "relentless")


def test_passage_starts_at_the_first_body_sentence_by_default(result):
    wsws = passage(result, WSWS, n_sentences=1)  # after the headline, byline and dateline
    assert wsws.text.startswith("An internal government document leaked through")
    leak = passage(result, "leak-reveals-plan", n_sentences=1)
    assert leak.text.startswith("A leaked memo from U.S. Immigration")


def test_worksheet_is_printable_self_contained_and_escapes_the_article(result, tmp_path):
    pytest.importorskip("framing.viz.highlighting", reason="framing.viz.highlighting (issue 7) has not landed")
    from framing.classroom import WORKSHEET_QUESTIONS, worksheet

    out = worksheet(result, WSWS, tmp_path / "sheets" / "b.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "Mass immigration raids planned in Los Angeles" in page  # the title
    assert page.count("relentless and unconstitutional attack") >= 2  # plain copy and highlighted key
    for q in WORKSHEET_QUESTIONS:
        assert q.replace("'", "&#x27;") in page
    # self-contained: no script, nothing loaded from elsewhere (URLs in the article stay text)
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import""", page)


def test_worksheet_renders_markup_in_an_article_as_text(tmp_path):
    pytest.importorskip("framing.viz.highlighting", reason="framing.viz.highlighting (issue 7) has not landed")
    import framing
    from framing.classroom import worksheet

    mine = framing.analyze(
        ['Officials said <script>alert(1)</script> the <img src=x onerror="alert(2)"> raid was brutal.']
    )
    page = worksheet(mine, mine.doc_ids[0], tmp_path / "w.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


# ---------------------------------------------------------------------------
# Scoring by phrase


def test_marks_are_scored_by_phrase_by_default(result):
    # tool: "relentless", "unconstitutional", "fascist agenda"; student: "relentless and unconstitutional" (one run),
    # "democratic", "fascist" (part of "fascist agenda")
    analysis = _with_spans(result, WSWS, ["relentless", "unconstitutional", "fascist agenda"])
    p = passage(analysis, WSWS, first_sentence=5, n_sentences=2)
    cmp = compare_marks(analysis, p, ["relentless and unconstitutional", "democratic", "fascist"])
    ph = cmp.phrases
    marked = ph[ph["agreement"] != "neither"].set_index("phrase")
    assert marked["agreement"].to_dict() == {
        "relentless and unconstitutional": "both",
        "democratic": "student only",
        "fascist agenda": "both",
    }
    assert marked.loc["relentless and unconstitutional", "tool_phrase"] == "relentless; unconstitutional"
    assert (cmp.n_student, cmp.n_tool, cmp.n_both) == (3, 2, 2)
    assert cmp.precision == pytest.approx(2 / 3) and cmp.recall == 1.0
    n_units = len(cmp.words) - 2 - 1  # three words join "relentless", two join "fascist"
    assert len(ph) == n_units and (ph["end"] > ph["start"]).all()
    n, n1 = 2 * n_units, 3 + 2
    assert cmp.alpha == pytest.approx(1 - (n - 1) * 1 / ((n - n1) * n1))
    assert cmp.scores()["score"].iloc[0] == "phrases in the passage"
    assert set(cmp.disagreements()["phrase"]) == {"democratic"}
    # by word, the same marks disagree on "and" and "agenda"
    by_word = compare_marks(analysis, p, ["relentless and unconstitutional", "democratic", "fascist"], unit="word")
    assert set(by_word.disagreements()["word"]) == {"and", "democratic", "agenda"}


def test_a_partial_phrase_agrees_with_the_tool(result):
    p = passage(result, WSWS, first_sentence=5, n_sentences=1)  # the tool marks "attack on"
    cmp = compare_marks(result, p, ["attack"])
    assert (cmp.n_student, cmp.n_both, cmp.precision) == (1, 1, 1.0)
    assert "on" not in set(cmp.disagreements()["phrase"])
    assert compare_marks(result, p, ["attack"], unit="word").precision == 1.0  # word-level recall suffers instead
    assert compare_marks(result, p, ["attack"], unit="word").recall < cmp.recall


def test_marks_as_document_offsets(result):
    p = passage(result, WSWS, first_sentence=5, n_sentences=1)
    text = result.text(WSWS)
    at = text.index("relentless", p.start)
    by_offset = compare_marks(result, p, [(at, at + len("relentless")), (0, 3)])
    by_word = compare_marks(result, p, ["relentless"])
    assert by_offset.words["student"].tolist() == by_word.words["student"].tolist()
    assert by_offset.not_found == ["(0, 3)"]  # outside the passage
    with pytest.raises(AnalysisError, match="unit must be one of phrase, word"):
        compare_marks(result, p, [], unit="token")


def test_phrase_units_join_overlapping_phrases_of_any_coder():
    from framing.classroom import Phrase, phrase_units

    units = phrase_units(8, {"a": [Phrase(1, 2), Phrase(5, 5)], "b": [Phrase(2, 3), Phrase(6, 7)]})
    assert [(u.first, u.last, sorted(c)) for u, c in units] == [
        (0, 0, []),
        (1, 3, ["a", "b"]),
        (4, 4, []),
        (5, 5, ["a"]),
        (6, 7, ["b"]),
    ]
    assert phrase_units(2, {}) == [(Phrase(0, 0), frozenset()), (Phrase(1, 1), frozenset())]


def test_alpha_binary_matches_the_closed_form_and_is_nan_without_variation():
    from framing.classroom import alpha_binary

    s = [True, False, False, True, False, False]
    t = [True, True, False, False, False, False]
    n, n1, d = 12, 4, 2
    assert alpha_binary({"s": s, "t": t}) == pytest.approx(1 - (n - 1) * d / ((n - n1) * n1))
    assert math.isnan(alpha_binary({"s": [False] * 3, "t": [False] * 3}))
    assert math.isnan(alpha_binary({"s": s}))


# ---------------------------------------------------------------------------
# Task 2: who speaks


def test_compare_sources_against_the_attribution_layer(result):
    from framing.classroom import compare_sources, lesson_passage

    p = lesson_passage(result, "leak-reveals-plan")
    text = result.text(p.doc_id)
    anon = text.index("One anonymous law enforcement source")
    white = text.index("Another source from the White House")
    stray = text.index("Camp Pendleton")
    cmp = compare_sources(
        result, p, [(anon + 4, anon + 13, "anonymous"), (white, white + 7, "named"), (stray, stray + 4, "named")]
    )
    rows = cmp.sources.set_index("phrase")
    assert rows.loc["One anonymous law enforcement source", "student_type"] == "anonymous"
    assert rows.loc["Another source from the White House", "tool_type"] == "anonymous"
    assert rows.loc["Camp", "agreement"] == "student only"
    assert (cmp.n_student, cmp.n_tool, cmp.n_both, cmp.n_same_type) == (3, 3, 2, 1)
    assert cmp.precision == pytest.approx(2 / 3) and cmp.recall == pytest.approx(2 / 3)


# ---------------------------------------------------------------------------
# The exercise page


@pytest.fixture(scope="module")
def lesson(result, tmp_path_factory):
    from framing.classroom import exercise

    return exercise(result, tmp_path_factory.mktemp("lesson") / "lesson.html")


def test_lesson_passages_have_loaded_words_and_both_kinds_of_source(result):
    from framing.classroom import _passage_data, lesson_passage

    data = _passage_data(result, [lesson_passage(result, d) for d in result.doc_ids])
    assert all(d.loaded for d in data)
    assert {s["type"] for d in data for s in d.sources} == {"named", "anonymous"}
    assert all(len(d.where.text.split(".")) >= 4 for d in data)


def test_exercise_page_is_one_self_contained_file(lesson):
    from tests.test_report_browser import _fetches

    page = lesson.student.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page and "@media (max-width" in page
    assert _fetches(page.replace("<script>", "").replace("</script>", "")) == []  # one inline script, no src
    assert page.count("<script") == 1 and "<script>" in page
    readable = re.sub(r"<script>.*</script>|data-key=\"[^\"]*\"|'sha256-[^']*'", "", page, flags=re.S)  # base64 has '/'
    assert not re.search(r"https?:|//[a-z]", readable)
    assert "Content-Security-Policy\" content=\"default-src 'none';" in page


def test_student_page_does_not_give_the_key_away(result, lesson):
    import base64
    import json

    from framing.classroom import _passage_data, lesson_passage

    page = lesson.student.read_text(encoding="utf-8")
    data = _passage_data(result, [lesson_passage(result, d) for d in result.doc_ids])
    for d in data:
        for m in d.loaded:
            assert m["note"] not in page, "a lexicon note is readable in the student page"
        assert 'class="fx-w fx-k' not in page
    markup = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    for category in ("pejorative_label", "hyperbole", "emotive", "metaphor"):  # "militarized" is a word of article B
        assert category not in markup
    # the key is there, encoded, and decodes to the tool's marks (the page does this on Check)
    key = re.search(r'data-salt="([^"]+)" data-key="([^"]+)"', page)
    salt, raw = key.group(1).encode(), base64.b64decode(key.group(2))
    decoded = json.loads(bytes(b ^ salt[i % len(salt)] for i, b in enumerate(raw)))
    assert [m["text"] for m in decoded["p2"]["loaded"]] == [m["text"] for m in data[1].loaded]
    # the teacher view has the readable key
    teacher = lesson.teacher.read_text(encoding="utf-8")
    assert lesson.teacher.name == "lesson-teacher.html" and "<script" not in teacher
    for m in data[1].loaded:
        assert html.escape(m["note"]) in teacher
    assert "Answer key" in teacher and "A 45-minute plan" in teacher and "Usual disagreements" in teacher
    # a phrase of the key is drawn as one mark with its number, a source as one box with its kind
    assert '<span class="fx-k fx-k-emotive">tearing families apart</span><sup>6</sup>' in teacher
    assert '<span class="fx-k-src">Another source from the White House</span><sup>[anonymous]</sup>' in teacher


def test_discussion_questions_are_in_the_page_and_the_teacher_view(lesson):
    from framing.classroom import DISCUSSION_QUESTIONS

    for path in lesson:
        page = path.read_text(encoding="utf-8")
        for q in DISCUSSION_QUESTIONS:
            assert html.escape(q) in page


def test_exercise_is_byte_identical_on_reruns(result, lesson, tmp_path):
    from framing.classroom import exercise

    again = exercise(result, tmp_path / "lesson.html")
    assert again.student.read_bytes() == lesson.student.read_bytes()
    assert again.teacher.read_bytes() == lesson.teacher.read_bytes()


def test_exercise_escapes_the_article(tmp_path):
    import framing
    from framing.classroom import exercise

    article = 'Officials said <script>alert(1)</script> the <img src=x onerror="alert(2)"> raid was brutal.'
    mine = framing.analyze([article])
    for path in exercise(mine, tmp_path / "x.html"):
        page = path.read_text(encoding="utf-8")
        assert "<img" not in page and "<script>alert" not in page and "&lt;" in page
        body = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
        assert article in re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))  # shown as text


def test_exercise_takes_one_or_two_articles(result, tmp_path):
    from framing.classroom import exercise

    one = exercise(result, tmp_path / "one.html", doc_ids=[WSWS]).student.read_text(encoding="utf-8")
    assert 'id="loaded-p1"' in one and 'id="loaded-p2"' not in one
    with pytest.raises(AnalysisError, match="one or two articles"):
        exercise(result, tmp_path / "three.html", doc_ids=[WSWS] * 3)


def test_plainer_alternative_comes_from_the_lexicon_note():
    from framing.classroom import plainer_alternative

    assert plainer_alternative("label tied to religion for armed groups; militants is the plainer term") == "militants"
    assert plainer_alternative("casts a claim as salesmanship instead of said or cited") == "said or cited"
    assert plainer_alternative("intensifier") == ""


# ---------------------------------------------------------------------------
# Collecting the class's work


def test_class_agreement_reads_a_folder_of_marks(result, tmp_path):
    import json

    from framing.classroom import class_agreement, compare_marks, example_class, lesson_passage

    files = example_class(result, tmp_path / "class", n_students=4, seed=1)
    assert [f.name for f in files] == [f"marks-student-{n}.json" for n in range(1, 5)]
    report = class_agreement(result, tmp_path / "class")
    assert len(report.students) == 8 and list(report.passages["n_students"]) == [4, 4]
    record = json.loads(files[2].read_text())
    p = lesson_passage(result, result.doc_ids[1])
    cmp = compare_marks(result, p, [(m["start"], m["end"]) for m in record["passages"][1]["loaded"]])
    row = report.students.iloc[5]
    assert (row["student"], row["doc_id"]) == ("Student 3", result.doc_ids[1])
    assert (row["precision"], row["recall"], row["alpha"]) == pytest.approx((cmp.precision, cmp.recall, cmp.alpha))
    assert report.passages["alpha_students"].between(-1, 1).all()
    assert "The class against each other" in report._repr_html_()


def test_identical_students_agree_fully_with_each_other(result, tmp_path):
    import json

    from framing.classroom import class_agreement, example_class

    first = example_class(result, tmp_path / "c", n_students=1)[0]
    (tmp_path / "c" / "copy.json").write_text(first.read_text().replace("Student 1", "Twin"))
    report = class_agreement(result, tmp_path / "c")
    assert list(report.passages["alpha_students"]) == [1.0, 1.0]
    assert json.loads(first.read_text())["format"] == "framing-exercise-marks"


def test_class_agreement_names_the_bad_file(result, tmp_path):
    from framing.classroom import class_agreement

    with pytest.raises(AnalysisError, match="no marks files"):
        class_agreement(result, tmp_path)
    (tmp_path / "notes.json").write_text('{"hello": 1}')
    with pytest.raises(AnalysisError, match="notes.json: not a marks file"):
        class_agreement(result, tmp_path)
    (tmp_path / "notes.json").write_text("{oops")
    with pytest.raises(AnalysisError, match="notes.json: not a JSON file"):
        class_agreement(result, tmp_path)
    (tmp_path / "notes.json").write_text(
        '{"format": "framing-exercise-marks", "passages": [{"doc_id": "x", "start": 0, "end": 5}]}'
    )
    with pytest.raises(AnalysisError, match="article 'x' is not in the analysis"):
        class_agreement(result, tmp_path)
    with pytest.raises(AnalysisError, match="is not a folder"):
        class_agreement(result, tmp_path / "missing")


def test_cli_exercise_writes_the_lesson_for_the_bundled_pair_by_default(
    lesson, corpus_path, tmp_path, capsys, monkeypatch
):
    from framing.cli import main

    monkeypatch.chdir(tmp_path)  # the default articles do not depend on the working directory
    assert main(["exercise", "-o", "out/lesson.html"]) == 0
    assert (tmp_path / "out" / "lesson.html").read_bytes() == lesson.student.read_bytes()
    assert (tmp_path / "out" / "lesson-teacher.html").read_bytes() == lesson.teacher.read_bytes()
    assert "teacher view with the answer key" in capsys.readouterr().err
    mine = tmp_path / "mine.txt"
    mine.write_text("Council approves bike lane\n\nAngry shop owners slammed the reckless plan, an official said.\n")
    one = tmp_path / "one.html"
    assert main(["exercise", str(corpus_path), str(mine), "--doc-id", "mine", "-o", str(one), "-q"]) == 0
    page = one.read_text(encoding="utf-8")
    assert 'id="loaded-p1"' in page and 'id="loaded-p2"' not in page and "reckless" in page
    assert main(["exercise", str(corpus_path), str(mine), "-o", str(one), "-q"]) == 1
    err = capsys.readouterr().err
    assert "one or two articles" in err and "--doc-id" in err


def test_the_shipped_lesson_is_what_make_figures_writes(result, tmp_path):
    """figures/lesson.html is ready for a teacher who installs nothing; if this fails, run `make figures`."""
    from tests.conftest import ROOT
    from tools.make_figures import write_lesson

    written = write_lesson(result, tmp_path)
    assert written.student.read_bytes() == (ROOT / "figures" / "lesson.html").read_bytes()
    assert written.teacher.read_bytes() == (ROOT / "figures" / "lesson-teacher.html").read_bytes()


def test_listings_show_in_full():
    from framing.classroom import DISCUSSION_QUESTIONS, Listing, discussion_questions

    q = discussion_questions()
    assert str(q).splitlines()[0] == f"1. {DISCUSSION_QUESTIONS[0]}"
    assert q._repr_html_().count("<li>") == len(DISCUSSION_QUESTIONS)
    hostile = Listing((("A", "<b>x</b>"),))
    assert "&lt;b&gt;" in hostile._repr_html_() and "<b>x</b>" not in hostile._repr_html_().replace("<b>A</b>", "")


@pytest.mark.slow
def test_notebook_07_writes_the_lesson_and_reads_a_class(tmp_path):
    from framing.classroom import DISCUSSION_QUESTIONS
    from tests.conftest import ROOT
    from tools.make_figures import execute_notebook

    source = (ROOT / "notebooks" / "py" / "07-classroom-exercise.py").read_text(encoding="utf-8")
    assert 'OUT = Path(os.environ.get("FRAMING_OUT") or "classroom")' in source  # next to the notebook
    assert "(../figures/lesson.html)" in source and (ROOT / "figures" / "lesson.html").exists()
    nb = execute_notebook(
        ROOT / "notebooks" / "07-classroom-exercise.ipynb", env={"FRAMING_OUT": str(tmp_path)}, timeout=300
    )
    shown = "\n".join(
        str(o.get("data", {}).get("text/html", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "Mass immigration raids planned in Los Angeles this month, according to leaked document" in shown
    for q in DISCUSSION_QUESTIONS:
        assert html.escape(q) in shown
    assert "The class against each other" in shown
    assert {p.name for p in tmp_path.iterdir()} >= {"lesson.html", "lesson-teacher.html", "example-class"}
    assert len(list((tmp_path / "example-class").glob("marks-*.json"))) == 6
