"""The HTML report: self-contained, escaped, complete; and rendered by a real browser (headless Chromium).

The browser test needs Debian's ``chromium`` package (``/usr/bin/chromium``). Without it
the test is skipped with the reason, unless ``FRAMING_REQUIRE_BROWSER=1`` (set by
``.ci/run``), which turns the skip into a failure so CI always runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import framing
from framing.cli import main
from framing.viz.report import write_report

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")


@pytest.fixture(scope="module")
def report(result, tmp_path_factory) -> Path:
    return write_report(result, tmp_path_factory.mktemp("report") / "report.html", by="doc_id")


class _Fetches(HTMLParser):
    """Collects every tag, attribute or style rule that would make a browser fetch something."""

    FETCHING_TAGS = {"script", "img", "link", "iframe", "object", "embed", "video", "audio", "source", "image"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        if tag in self.FETCHING_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name in ("src", "srcset", "data", "poster", "action") or (
                name in ("href", "xlink:href") and not value.startswith("#")
            ):
                self.found.append(f"{name}={value[:40]}")
            if name == "style" and re.search(r"url\(\s*(?![\"']?#)|@import", value):
                self.found.append(f"style={value[:40]}")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += re.findall(r"(?:url\(\s*(?![\"']?#)|@import)[^;]{0,40}", data, flags=re.I)


def _fetches(page: str) -> list[str]:
    """Everything in the page's markup (not its text) that would make a browser fetch."""
    parser = _Fetches()
    parser.feed(page)
    return parser.found


def test_report_is_self_contained_and_complete(result, report):
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert _fetches(page) == []
    assert page.count("<svg") >= 6  # the main figures, inline
    ids = re.findall(r'\bid="([^"]+)"', page) + re.findall(r"\bid='([^']+)'", page)
    assert len(ids) == len(set(ids)), "element ids must be unique across the inlined figures"
    for doc_id in result.doc_ids:  # every article, highlighted
        assert f"id='doc-{doc_id}'" in page and f'data-doc-id="{doc_id}"' in page
    comparison = framing.compare(result, by="doc_id")
    row = comparison[comparison["measure"] == "loaded_per_1k"].iloc[0]
    assert f"{row['value_b']:.3g} <span class='fr-ci'>[{row['low_b']:.3g}, {row['high_b']:.3g}]</span>" in page
    assert "Resampling unit: sentence" in page  # the caveat for two single articles
    for name, version in framing.lexicon_versions().items():  # methods: versions and references
        assert f"{name}: version {version}" in page
    assert "Monroe, B. L., Colaresi" in page and f"framing version {framing.__version__}" in page


def test_report_is_deterministic(result, report, tmp_path):
    again = write_report(result, tmp_path / "again.html", by="doc_id")
    assert again.read_bytes() == report.read_bytes()


def test_report_escapes_article_markup_and_survives_one_group(tmp_path):
    mine = framing.analyze(
        ['Officials said <script>alert(1)</script> the <img src=x onerror="alert(2)"> raid was brutal.']
    )
    page = write_report(mine, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "No comparison" in page  # one document: nothing to compare, but the report is written
    assert _fetches(page) == []


def test_report_can_limit_the_articles_shown(result, tmp_path):
    page = write_report(result, tmp_path / "r.html", by="doc_id", max_articles=1).read_text(encoding="utf-8")
    first, second = result.doc_ids
    assert f"id='doc-{first}'" in page and f"id='doc-{second}'" not in page
    assert "The first 1 of 2 articles are shown" in page


def test_methods_text_names_versions_and_settings(result):
    text = framing.methods_text(result)
    assert text.startswith("## Methods") and f"framing {framing.__version__}" in text
    assert "loaded.csv: version" in text and "ToneAnnotator" in text and "Semetko" in text


def test_cli_report(corpus_path, tmp_path, capsys):
    out = tmp_path / "sub" / "report.html"
    assert main(["report", str(corpus_path), "-o", str(out), "--by", "doc_id", "--max-articles", "1", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "The first 1 of 2 articles are shown" in page
    assert main(["report", str(tmp_path / "missing"), "-o", str(out), "-q"]) == 1
    assert "framing: error:" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Headless Chromium


def _chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _page_requests(netlog: Path) -> list[str]:
    """URLs the page itself requested (network isolation key of the file page), from a Chromium net log."""
    urls = []
    for line in netlog.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip().rstrip(",")
        if not line.startswith('{"params"'):
            continue
        try:
            params = json.loads(line).get("params", {})
        except json.JSONDecodeError:
            continue
        if "url" in params and str(params.get("network_isolation_key", "")).startswith("file://"):
            urls.append(params["url"])
    return urls


@pytest.mark.slow
def test_report_renders_in_headless_chromium_without_console_errors(report, tmp_path):
    browser = _chromium()
    if browser is None:
        reason = (
            "headless Chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser); "
            "install Debian's package: apt-get install -y chromium"
        )
        if os.environ.get("FRAMING_REQUIRE_BROWSER") == "1":
            pytest.fail(f"FRAMING_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    screenshot = tmp_path / "report.png"
    args = [
        browser,
        "--headless",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-component-update",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing may leave the machine, even by mistake
        "--window-size=1200,3000",
    ]
    if os.geteuid() == 0:  # containers and CI run as root; Chromium's sandbox refuses that
        args.append("--no-sandbox")
    url = report.resolve().as_uri()
    shot = subprocess.run(
        [*args, f"--log-net-log={tmp_path / 'net-1.json'}", f"--screenshot={screenshot}", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = subprocess.run(
        [*args, f"--log-net-log={tmp_path / 'net-2.json'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    for run in (shot, dom):
        assert run.returncode == 0, run.stderr[-2000:]
        console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
        assert console == [], "console messages: " + "\n".join(console)
    assert screenshot.stat().st_size > 20_000  # a rendered page, not a blank one
    from PIL import Image

    with Image.open(screenshot) as img:
        assert img.size == (1200, 3000)
        assert len(img.convert("L").resize((60, 150)).getcolors(256)) > 10  # text and figures, not one colour
    # the browser parsed the page as written: figures inline, every article present, no script
    assert dom.stdout.count("<svg") >= 6 and "<script" not in dom.stdout.lower()
    assert "Articles, highlighted" in dom.stdout and "fh-article" in dom.stdout
    requests = [
        u
        for log in ("net-1.json", "net-2.json")
        for u in _page_requests(tmp_path / log)
        if not u.startswith(("file:", "data:"))
    ]
    assert requests == [], f"the report made external requests: {requests}"


@pytest.mark.slow
def test_cli_compare_writes_figures(corpus_path, tmp_path):
    out = tmp_path / "cmp"
    assert (
        main(
            [
                "compare",
                str(corpus_path),
                "--by",
                "doc_id",
                "--out",
                str(out),
                "--n-resamples",
                "199",
                "--figures",
                "-q",
            ]
        )
        == 0
    )
    stems = {"measures", "tone-arc", "loaded-terms", "attribution", "distinctive-terms", "frames"}
    assert {p.name for p in (out / "figures").iterdir()} == {f"{s}.{e}" for s in stems for e in ("pdf", "svg", "png")}
    assert (out / "comparison.csv").exists()
