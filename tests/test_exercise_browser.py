"""The classroom exercise page, driven like a student in headless Chromium (Selenium + Debian's chromedriver).

The page is opened from a file:// URL only. The tests click, tap and type, and check that the
scores the page shows equal :mod:`framing.classroom`'s for the same marks, that the keyboard
alone can do everything, that no network request is made and that hostile article text stays
inert. Without Chromium, chromedriver or Selenium the tests are skipped with the reason,
unless ``FRAMING_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which makes that a failure.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import classroom
from framing.analysis import Analysis

pytestmark = pytest.mark.slow

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
LETTER_CM = (21.59, 27.94)


def _which(names) -> str | None:
    return next((found for found in map(shutil.which, names) if found), None)


def _unavailable(reason: str):
    if os.environ.get("FRAMING_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FRAMING_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed; pip install -e '.[test]'")
    browser, chromedriver = _which(CHROMIUM), _which(CHROMEDRIVER)
    if browser is None or chromedriver is None:
        _unavailable("headless Chromium and its driver are needed: apt-get install -y chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in (
        "--headless=new",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-sync",
        "--disable-background-networking",
        "--disable-component-update",
        "--window-size=1200,1600",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):  # nothing may leave the machine, even by mistake
        options.add_argument(arg)
    if os.geteuid() == 0:  # containers and CI run as root; Chromium's sandbox refuses that
        options.add_argument("--no-sandbox")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    drv = webdriver.Chrome(service=Service(chromedriver), options=options)
    drv.downloads = tmp_path_factory.mktemp("downloads")
    drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(drv.downloads)})
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def lesson(result, tmp_path_factory) -> classroom.ExerciseFiles:
    return classroom.exercise(result, tmp_path_factory.mktemp("lesson") / "lesson.html")


@pytest.fixture(scope="module")
def passages(result) -> list[classroom.Passage]:
    return [classroom.lesson_passage(result, doc_id) for doc_id in result.doc_ids[:2]]


def _open(driver, path: Path):
    driver.get_log("performance"), driver.get_log("browser")  # forget what came before
    driver.get(path.resolve().as_uri())
    assert driver.find_element("id", "fx-root").get_attribute("class") == "fx-ready", "the page script did not run"


def _words(driver, card: str):
    return driver.find_elements("css selector", f"#{card} .fx-w")


def _page_scores(driver, card: str) -> dict[str, float]:
    cells = driver.find_elements("css selector", f"#{card} .fx-result td[data-score]")
    return {c.get_attribute("data-score"): float(c.get_attribute("data-value")) for c in cells}


def _offsets(words, indices) -> list[tuple[int, int]]:
    return [(int(words[i].get_attribute("data-start")), int(words[i].get_attribute("data-end"))) for i in indices]


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-12)


def _assert_scores_equal(page: dict, cmp) -> None:
    expected = {
        "n_units": len(cmp.phrases),
        "n_student": cmp.n_student,
        "n_tool": cmp.n_tool,
        "n_both": cmp.n_both,
        "precision": cmp.precision,
        "recall": cmp.recall,
        "alpha": cmp.alpha,
    }
    assert set(page) == set(expected)
    differ = {k: (page[k], v) for k, v in expected.items() if not _same(page[k], v)}
    assert differ == {}, f"page vs framing.classroom: {differ}"


def _network_requests(driver) -> list[str]:
    """Every URL the browser asked for since the last call, but the page itself (Chrome DevTools performance log).
    A file:// URL counts too: the page must need no other file."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            urls.append(message["params"].get("request", {}).get("url") or message["params"].get("url", ""))
    return [u for u in urls if u != driver.current_url]


def _mark_sets(key_loaded: list[dict], n_words: int) -> dict[str, list[int]]:
    """Word indices a student might mark: partial phrases, runs across two tool phrases, stray words."""
    multi = [m for m in key_loaded if m["last"] > m["first"]]
    tool_words = {i for m in key_loaded for i in range(m["first"], m["last"] + 1)}
    others = [i for i in range(n_words) if i not in tool_words]
    first_two = key_loaded[:2]
    return {
        "nothing": [],
        "first word of each multiword phrase": [m["first"] for m in multi],
        "every phrase plus three other words": sorted(tool_words | set(others[:3])),
        "one run across two phrases": list(range(first_two[0]["first"], first_two[-1]["last"] + 1)),
        "only other words": others[5:12:3],
    }


@pytest.mark.parametrize("pid", ["p1", "p2"])
def test_clicked_marks_score_like_framing_classroom(driver, lesson, result, passages, pid):
    k = int(pid[1]) - 1
    data = classroom._passage_data(result, passages)[k]
    _open(driver, lesson.student)
    card = f"loaded-{pid}"
    for name, indices in _mark_sets(data.loaded, len(data.words)).items():
        driver.find_element("css selector", f"#{card} button[data-action=clear]").click()
        words = _words(driver, card)
        for i in indices:
            words[i].click()
        assert [w.get_attribute("aria-checked") == "true" for w in words] == [i in indices for i in range(len(words))]
        driver.find_element("css selector", f"#{card} button[data-action=check]").click()
        cmp = classroom.compare_marks(result, passages[k], _offsets(words, indices))
        try:
            _assert_scores_equal(_page_scores(driver, card), cmp)
        except AssertionError as exc:
            raise AssertionError(f"{pid}, marks '{name}': {exc}") from exc
        # the key is shown: every tool phrase with its category and note
        reasons = driver.find_element("css selector", f"#{card} .fx-reasons").text
        for m in data.loaded:
            assert m["text"] in reasons and m["note"] in reasons and m["meaning"] in reasons
    assert _network_requests(driver) == [] and driver.get_log("browser") == []


def test_partial_phrase_agrees_with_the_tool(driver, lesson, result, passages):
    """Marking 'assault' of the tool's 'assault on' is agreement, not a disagreement on 'on' (issue 21)."""
    data = classroom._passage_data(result, passages)[1]
    phrase = next(m for m in data.loaded if m["text"] == "assault on")
    _open(driver, lesson.student)
    _words(driver, "loaded-p2")[phrase["first"]].click()
    driver.find_element("css selector", "#loaded-p2 button[data-action=check]").click()
    scores = _page_scores(driver, "loaded-p2")
    assert scores["n_both"] == 1 and scores["precision"] == 1.0
    on = _words(driver, "loaded-p2")[phrase["last"]]
    assert on.text == "on" and "fx-both" in on.get_attribute("class").split()


def test_keyboard_alone_marks_and_checks(driver, lesson, result, passages):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, lesson.student)
    keys = ActionChains(driver)
    driver.find_element("tag name", "body").click()
    active = lambda: driver.switch_to.active_element  # noqa: E731
    for _ in range(20):  # Tab from the top of the page to the first passage
        keys.send_keys(Keys.TAB).perform()
        if active().get_attribute("class") == "fx-w":
            break
    assert active().get_attribute("class") == "fx-w" and active().get_attribute("data-i") == "0"
    assert active().find_element("xpath", "ancestor::section[1]").get_attribute("id") == "loaded-p1"
    keys.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.SPACE).perform()  # word 2
    keys.send_keys(
        Keys.END, Keys.ENTER, Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_LEFT, Keys.SPACE
    ).perform()  # last, first
    words = _words(driver, "loaded-p1")
    marked = [i for i, w in enumerate(words) if w.get_attribute("aria-checked") == "true"]
    assert marked == [0, 2, len(words) - 1]
    assert [w.get_attribute("tabindex") for w in words].count("0") == 1  # one tab stop per passage
    keys.send_keys(Keys.TAB).perform()
    assert active().text.startswith("Check")
    keys.send_keys(Keys.ENTER).perform()
    assert active().get_attribute("class") == "fx-result"  # focus moves to the results for a screen reader
    _assert_scores_equal(
        _page_scores(driver, "loaded-p1"), classroom.compare_marks(result, passages[0], _offsets(words, marked))
    )


def test_who_speaks_compares_with_the_attribution_layer(driver, lesson, result, passages):
    data = classroom._passage_data(result, passages)[0]
    assert {s["type"] for s in data.sources} == {"named", "anonymous"}  # the bundled passage has both kinds
    _open(driver, lesson.student)
    card = "sources-p1"
    words = _words(driver, card)
    first, second = data.sources[0], data.sources[1]
    for i in range(first["first"], first["last"] + 1):  # the whole first source
        words[i].click()
    words[second["first"] + 1].click()  # one word of the second
    words[3].click()  # a word that names no source
    assert len(driver.find_elements("css selector", f"#{card} .fx-source")) == 3
    # the first source: its right kind; the stray word: named; the second source left unsaid
    kinds = {first["first"]: first["type"], 3: "named"}
    for at, kind in kinds.items():
        driver.find_element("css selector", f"#{card} .fx-source[data-first='{at}'] input[value={kind}]").click()
    driver.find_element("css selector", f"#{card} button[data-action=check]").click()
    page = _page_scores(driver, card)
    runs = classroom._runs([w.get_attribute("aria-checked") == "true" for w in words])
    marked = [
        (
            int(words[r.first].get_attribute("data-start")),
            int(words[r.last].get_attribute("data-end")),
            kinds.get(r.first, ""),
        )
        for r in runs
    ]
    cmp = classroom.compare_sources(result, passages[0], marked)
    expected = {
        "n_student": cmp.n_student,
        "n_tool": cmp.n_tool,
        "n_both": cmp.n_both,
        "n_same_type": cmp.n_same_type,
        "precision": cmp.precision,
        "recall": cmp.recall,
    }
    assert page == pytest.approx(expected)
    assert (cmp.n_student, cmp.n_both, cmp.n_same_type) == (3, 2, 1)


def test_saved_marks_give_the_class_report_the_page_showed(driver, lesson, result, passages, tmp_path):
    _open(driver, lesson.student)
    driver.find_element("id", "fx-name").send_keys("Ada <b>L</b>")
    words = _words(driver, "loaded-p2")
    for i in (0, 1, 5, 20, 21, 22):
        words[i].click()
    driver.find_element("css selector", "#loaded-p2 button[data-action=check]").click()
    shown = _page_scores(driver, "loaded-p2")
    src = _words(driver, "sources-p1")
    src[3].click()
    driver.find_element("css selector", "#sources-p1 input[value=anonymous]").click()
    for old in driver.downloads.iterdir():
        old.unlink()
    driver.find_element("css selector", "button[data-action=save]").click()
    saved = driver.downloads / "marks-ada-b-l-b.json"
    for _ in range(50):
        if saved.exists():
            break
        time.sleep(0.1)
    record = json.loads(saved.read_text(encoding="utf-8"))
    assert record["format"] == "framing-exercise-marks" and record["student"] == "Ada <b>L</b>"
    assert [p["doc_id"] for p in record["passages"]] == [p.doc_id for p in passages]
    assert record["passages"][0]["sources"][0]["type"] == "anonymous"
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(saved, folder / saved.name)
    report = classroom.class_agreement(result, folder)
    row = report.students.set_index("passage").loc["p2"]
    assert row["student"] == "Ada <b>L</b>" and row["n_marked"] == shown["n_student"]
    for score in ("precision", "recall", "alpha"):
        assert _same(float(row[score]), shown[score])
    assert _network_requests(driver) == []


def test_hostile_article_text_stays_inert(driver, tmp_path):
    hostile = (
        'The brutal raid <img src=x onerror="window.pwned=1"> was a disaster, "a shameful '
        '<script>window.pwned=2</script> attack on families," an official said. '
        'Protesters called it a <b onmouseover="window.pwned=3">vicious</b> crackdown on "illegals".'
    )
    mine = framing.analyze([hostile])
    # and a tool phrase that is itself markup, so the key the page shows on Check carries it too
    text = mine.text(mine.doc_ids[0])
    start = text.index("<img")
    end = text.index(">", start) + 1
    row = {
        **mine.spans[mine.spans["layer"] == "loaded"].iloc[0].to_dict(),
        "start": start,
        "end": end,
        "text": text[start:end],
    }
    mine = Analysis(
        mine.documents,
        mine.sentences,
        pd.concat([mine.spans, pd.DataFrame([row])], ignore_index=True),
        mine.attributions,
        mine.measures,
        mine.texts,
        mine.manifest,
    )
    files = classroom.exercise(mine, tmp_path / "hostile.html")
    for path in files:
        _open(driver, path) if path == files.student else driver.get(path.resolve().as_uri())
        assert driver.execute_script("return window.pwned") is None
        assert driver.find_elements("css selector", "main img, main script, [onerror], [onmouseover]") == []
        assert "<img src=x" in driver.find_element("tag name", "main").text
    _open(driver, files.student)
    for w in _words(driver, "loaded-p1"):
        w.click()
    driver.find_element("css selector", "#loaded-p1 button[data-action=check]").click()
    driver.find_element("css selector", "#sources-p1 button[data-action=check]").click()
    assert driver.execute_script("return window.pwned") is None
    assert driver.find_elements("css selector", "main img, main script, [onerror], [onmouseover]") == []
    assert '<img src=x onerror="window.pwned=1">' in driver.find_element("css selector", "#loaded-p1 .fx-reasons").text
    assert _network_requests(driver) == []  # the <img src=x> was never fetched


def test_no_network_request_and_a_strict_csp(driver, lesson):
    for path in lesson:
        _open(driver, path) if path == lesson.student else driver.get(path.resolve().as_uri())
        requests = _network_requests(driver)
        assert requests == [], f"{path.name} asked for {requests}"
        csp = driver.execute_script("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
        assert csp.startswith("default-src 'none';") and "unsafe" not in csp
        assert driver.get_log("browser") == []  # a blocked style or script would be reported here


def _pdf_pages(driver, path: Path) -> int:
    from selenium.webdriver.common.print_page_options import PrintOptions

    options = PrintOptions()
    options.page_width, options.page_height = LETTER_CM
    driver.get(path.resolve().as_uri())
    pdf = base64.b64decode(driver.print_page(options))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_print_a_one_page_worksheet_and_a_one_page_key(driver, lesson):
    assert _pdf_pages(driver, lesson.student) == 1  # the passages only, on US letter
    # teacher view: worksheet, key and notes each start a new page, so three pages means each fits on one
    assert _pdf_pages(driver, lesson.teacher) == 3


def test_phone_sized_screen(driver, lesson):
    driver.set_window_size(360, 740)
    try:
        _open(driver, lesson.student)
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, "the page scrolls sideways on a phone"
        small = [b.text for b in driver.find_elements("css selector", "button") if b.size["height"] < 44]
        assert small == [], f"buttons too small to tap: {small}"
        _words(driver, "loaded-p2")[4].click()
        assert _words(driver, "loaded-p2")[4].get_attribute("aria-checked") == "true"
    finally:
        driver.set_window_size(1200, 1600)


def _tap(driver, element) -> None:
    """A finger tap (touch events through Chrome DevTools), not a mouse click."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    box = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]", element
    )
    point = [{"x": box[0], "y": box[1]}]
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_tap_to_mark_on_a_touch_screen(driver, lesson, result, passages):
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    driver.set_window_size(360, 740)
    try:
        _open(driver, lesson.student)
        words = _words(driver, "loaded-p2")
        for i in (0, 1, 7):
            _tap(driver, words[i])
        marked = [i for i, w in enumerate(words) if w.get_attribute("aria-checked") == "true"]
        assert marked == [0, 1, 7]
        _tap(driver, driver.find_element("css selector", "#loaded-p2 button[data-action=check]"))
        _assert_scores_equal(
            _page_scores(driver, "loaded-p2"), classroom.compare_marks(result, passages[1], _offsets(words, marked))
        )
    finally:
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        driver.set_window_size(1200, 1600)


def test_screen_readers_get_roles_names_and_states(driver, lesson, passages, result):
    """What Chromium's accessibility tree exposes: the words as checkboxes in named groups, named buttons."""
    _open(driver, lesson.student)
    _words(driver, "loaded-p1")[2].click()
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]

    def prop(node, name):
        return next((p["value"].get("value") for p in node.get("properties", []) if p["name"] == name), None)

    role = lambda n: n.get("role", {}).get("value")  # noqa: E731
    name = lambda n: n.get("name", {}).get("value", "")  # noqa: E731
    boxes = [n for n in tree if role(n) == "checkbox" and not n.get("ignored")]
    n_words = sum(len(d.words) for d in classroom._passage_data(result, passages))
    assert len(boxes) == 2 * n_words  # every word of both tasks
    assert sum(prop(n, "checked") == "true" for n in boxes) == 1
    groups = {name(n) for n in tree if role(n) == "group" and name(n)}
    assert {
        "Article A: passage, each word can be marked as one of the loaded words",
        "Article B: passage, each word can be marked as one of the sources",
    } <= groups
    buttons = [name(n) for n in tree if role(n) == "button"]
    assert buttons.count("Check Article A") == 2 and "Save my marks" in buttons and "" not in buttons
    assert any(role(n) == "textbox" and name(n).startswith("Your name") for n in tree)
    assert sum(role(n) == "status" for n in tree) >= 5  # the messages after each action are announced


def test_keyboard_alone_marks_a_source_and_says_anonymous(driver, lesson, result, passages):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    source = classroom._passage_data(result, passages)[0].sources[0]
    assert source["type"] == "anonymous"
    _open(driver, lesson.student)
    keys = ActionChains(driver)
    driver.find_element("tag name", "body").click()
    active = lambda: driver.switch_to.active_element  # noqa: E731
    for _ in range(40):  # Tab to the first passage of Task 2
        keys.send_keys(Keys.TAB).perform()
        if (
            active().get_attribute("class") == "fx-w"
            and active().find_element("xpath", "ancestor::section[1]").get_attribute("id") == "sources-p1"
        ):
            break
    keys.send_keys(*[Keys.ARROW_RIGHT] * source["first"]).perform()
    for _ in range(source["last"] - source["first"] + 1):  # mark the words of the source, one by one
        keys.send_keys(Keys.SPACE, Keys.ARROW_RIGHT).perform()
    keys.send_keys(Keys.TAB).perform()  # to the named/anonymous choice of the source just marked
    assert active().get_attribute("type") == "radio" and active().get_attribute("value") == "named"
    keys.send_keys(Keys.ARROW_RIGHT).perform()  # arrow keys choose in a radio group
    assert active().get_attribute("value") == "anonymous" and active().is_selected()
    keys.send_keys(Keys.TAB).perform()
    assert active().text == "Check Article A"
    keys.send_keys(Keys.ENTER).perform()
    scores = _page_scores(driver, "sources-p1")
    assert (scores["n_student"], scores["n_both"], scores["n_same_type"]) == (1, 1, 1)
    cmp = classroom.compare_sources(result, passages[0], [(source["start"], source["end"], "anonymous")])
    assert (cmp.n_student, cmp.n_both, cmp.n_same_type, cmp.recall) == (1, 1, 1, scores["recall"])
