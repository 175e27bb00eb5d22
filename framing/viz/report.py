"""One self-contained HTML report of an analysis: comparison, figures, articles, methods.

``framing.write_report(result, "report.html", by="outlet")`` writes a single file that opens
offline in any browser and can be mailed or archived as is:

1. the corpus (documents, status, groups);
2. the comparison table of :func:`framing.compare` (each group's value with its 95%
   interval, the difference with its interval, the permutation p-value and the resampling
   unit), with the caveat for sentence-level intervals;
3. the main figures, inline as SVG (:func:`report_figures`);
4. every article highlighted (:func:`framing.highlight`);
5. a methods section (:func:`methods_text`): what each measure is, the framing version and
   the version of every lexicon, the settings and the references, ready to adapt for a paper.

The page has no script and makes no external request: fonts are the reader's, figures are
inline, styles are in the page.
"""

from __future__ import annotations

import html
import logging
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..analysis import declarations_of
from ..errors import FramingError
from .figures import format_number, format_p

__all__ = ["write_report", "write_figures", "report_html", "report_figures", "methods_text", "REFERENCES"]

log = logging.getLogger(__name__)

# The measures of the main figure (Measure.headline), the layers marked in the articles
# (SpanLayer.in_report) and each layer's methods paragraph (Annotator.method) are declared by
# the layers (framing.layers.base); the paragraphs here are about what no layer owns.

#: the segmentation paragraph of the methods section (before the layers' paragraphs)
SEGMENTATION = (
    "Segmentation",
    "Sentences are found with Punkt (Kiss & Strunk 2006) and news abbreviations; headlines, "
    "bylines and datelines are kept as heading sentences and left out of document measures. "
    "Every measure per 1,000 tokens (_per_1k) divides by all tokens of the body sentences.",
)

#: the paragraphs after the layers' (name, text)
STATISTICS = (
    (
        "Comparison",
        "Each group's value has a 95% bootstrap interval (BCa where defined; Efron & Tibshirani "
        "1993) and the difference between two groups a 95% bootstrap interval and a two-sided permutation "
        "p-value (Phipson & Smyth 2010), seeded and reproducible. The resampling unit is the document when "
        "every group has enough documents, otherwise the sentence: sentence-level intervals for single "
        "articles describe how stable a difference is across the sentences of these texts; they are not "
        "inference about outlets.",
    ),
    (
        "Distinctive terms",
        "Weighted log-odds ratios with an informative Dirichlet prior and their z-scores "
        "(Monroe, Colaresi & Quinn 2008), for unigrams and bigrams; every term can be read in context with "
        "framing.kwic.",
    ),
)

REFERENCES = (
    "Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the development of "
    "media frames within and across policy issues. APSA 2014 Annual Meeting.",
    "Efron, B., & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.",
    "Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis of "
    "social media text. Proceedings of ICWSM 8(1), 216-225.",
    "Hyland, K. (2005). Metadiscourse: Exploring Interaction in Writing. Continuum.",
    "Kiss, T., & Strunk, J. (2006). Unsupervised multilingual sentence boundary detection. Computational "
    "Linguistics 32(4), 485-525.",
    "Loria, S. (2018). TextBlob: Simplified text processing. https://textblob.readthedocs.io",
    "Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature selection and "
    "evaluation for identifying the content of political conflict. Political Analysis 16(4), 372-403.",
    "Okabe, M., & Ito, K. (2008). Color Universal Design (CUD): How to make figures and presentations that are "
    "friendly to colorblind people. https://jfly.uni-koeln.de/color/",
    "Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero. Statistical Applications "
    "in Genetics and Molecular Biology 9(1).",
    "Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic models for analyzing and "
    "detecting biased language. Proceedings of ACL 2013, 1650-1659.",
    "Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A content analysis of press and "
    "television news. Journal of Communication 50(2), 93-109.",
)


# ---------------------------------------------------------------------------
# Methods


def _versions(result) -> dict[str, str]:
    from ..lexicon import lexicon_versions

    manifest = getattr(result, "manifest", None) or {}
    versions = dict(lexicon_versions())
    versions.update({str(k): str(v) for k, v in (manifest.get("lexicons") or {}).items()})
    return dict(sorted(versions.items()))


def _method_with_validity(annotator) -> str:
    """The layer's methods paragraph, then how well its measures agree with people (as declared)."""
    said = list(dict.fromkeys(m.validity for m in annotator.measures if m.validity))
    if not said:
        return annotator.method
    return f"{annotator.method} Agreement with people: " + "; ".join(said) + "."


def methods_text(result, *, by: str = "outlet", comparison: pd.DataFrame | None = None) -> str:
    """A methods section in Markdown for ``result``: measures, versions, settings, references.

    Generated from the result's manifest (framing version, lexicon versions, annotator
    settings); adapt the wording, keep the versions. ``comparison`` (from
    :func:`framing.compare`) adds its resampling unit and settings.
    """
    manifest = getattr(result, "manifest", None) or {}
    docs = result.documents
    n_ok = int((docs["status"] == "ok").sum()) if "status" in docs.columns else len(docs)
    lines = [
        "## Methods",
        "",
        f"We analysed {len(docs)} documents ({n_ok} without warnings) with framing "
        f"{manifest.get('framing_version', __version__)} "
        f"(Python {manifest.get('python', 'unknown')}). Every number is traced to the spans of text that produced it.",
        "",
    ]
    paragraphs = [SEGMENTATION]
    paragraphs += [
        (a.title or a.__name__, _method_with_validity(a)) for a in declarations_of(result).annotators if a.method
    ]
    for name, definition in [*paragraphs, *STATISTICS]:
        lines += [f"**{name}.** {definition}", ""]
    if comparison is not None and len(comparison):
        units = ", ".join(sorted({str(u) for u in comparison.get("unit", pd.Series(dtype=str)).dropna()}))
        attrs = getattr(comparison, "attrs", {}) or {}
        settings = ", ".join(f"{k} = {attrs[k]}" for k in ("confidence", "n_resamples", "seed") if k in attrs)
        lines += [
            f"**This comparison** groups documents by `{by}`; resampling unit: {units or 'n/a'}"
            + (f"; {settings}" if settings else "")
            + ".",
            "",
        ]
    lines += ["### Versions", "", f"- framing version {manifest.get('framing_version', __version__)}"]
    lines += [f"- {name}: version {version}" for name, version in _versions(result).items()]
    annotators = manifest.get("annotators") or {}
    if annotators:
        lines += ["", "### Settings", ""]
        for name, params in annotators.items():
            shown = ", ".join(f"{k}={v!r}" for k, v in (params or {}).items()) or "defaults"
            lines.append(f"- {name}: {shown}")
    lines += ["", "### References", ""] + [f"- {ref}" for ref in REFERENCES]
    return "\n".join(lines) + "\n"


def _markdown_to_html(text: str) -> str:
    """The small Markdown subset of :func:`methods_text` (headings, bullets, bold, code) as HTML."""
    out, in_list = [], False
    for line in text.splitlines():
        esc = html.escape(line)
        esc = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", esc)
        esc = re.sub(r"`(.+?)`", r"<code>\1</code>", esc)
        if line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc[2:]}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if line.startswith("### "):
            out.append(f"<h3>{esc[4:]}</h3>")
        elif line.startswith("## "):
            out.append(f'<h2 id="methods">{esc[3:]}</h2>')
        elif line.strip():
            out.append(f"<p>{esc}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Figures


def _safe(call, what: str):
    try:
        return call(), None
    except (FramingError, ValueError, KeyError) as exc:
        log.warning("report: %s not drawn: %s", what, exc)
        return None, f"{what}: {exc}"


def report_figures(
    result,
    *,
    by: str = "outlet",
    comparison: pd.DataFrame | None = None,
    terms: pd.DataFrame | None = None,
    measures: Sequence[str] | None = None,
) -> Iterator[tuple[str, str, object]]:
    """The main figures of ``result`` as ``(name, caption, matplotlib Figure)``, in report order.

    Names are the file stems used by ``make figures`` (``measures``, ``tone-arc``,
    ``loaded-terms``, ``attribution``, ``distinctive-terms``, ``frames``). A figure whose
    input cannot be computed (for example a comparison with a single group) is drawn as an
    axis that says why. ``comparison`` and ``terms`` (from :func:`framing.compare` and
    :func:`framing.distinctive_terms`) are computed by ``by`` unless given.
    """
    from . import figures

    labels = figures.group_labels(result, by)
    palette = figures.group_colors(labels)  # every group of the result: one colour each in every figure
    if comparison is None:
        comparison, _ = _safe(lambda: _compare(result, by), "comparison")
    if measures is None:
        measures = declarations_of(result).headline()
    if comparison is not None and len(comparison):
        present = [m for m in measures if m in set(comparison["measure"])] or None
        ax = figures.plot_measures(comparison, measures=present, palette=palette)
    else:
        ax = figures._no_data(
            figures._axes(None),
            "no comparison: it needs at least two groups with analysable documents",
            "Measures by group",
        )
    yield (
        "measures",
        "Each group's value of the main measures with its 95% bootstrap interval; right: the "
        "difference with its interval and permutation p-value.",
        ax.figure,
    )
    arc, problem = _safe(lambda: _tone_arc(result), "tone arc")
    ax = (
        figures.plot_tone_arc(arc, palette=palette, labels=labels)
        if arc is not None
        else figures._no_data(figures._axes(None), f"no tone arc ({problem})", "Tone through the article")
    )
    yield (
        "tone-arc",
        "Mean sentence tone in ten equal stretches of the articles, one line per group: a group "
        "of several articles is their mean with a 95% interval over articles (band); a single article is its "
        "own line.",
        ax.figure,
    )
    yield (
        "loaded-terms",
        "The most frequent loaded terms of each category per group (rate per 1,000 tokens; number: count).",
        figures.plot_loaded_terms(result, by=by, palette=palette).figure,
    )
    yield (
        "attribution",
        "Source types and reporting-verb classes per group (share of the group's attributions; number: count).",
        figures.plot_attribution(result, by=by, palette=palette).figure,
    )
    if terms is None:
        terms, problem = _safe(lambda: _distinctive(result, by), "distinctive terms")
    ax = (
        figures.plot_distinctive_terms(terms, palette=palette)
        if terms is not None
        else figures._no_data(figures._axes(None), f"no distinctive terms ({problem})", "Distinctive terms")
    )
    yield (
        "distinctive-terms",
        "Weighted log-odds z-score of each term against its frequency (Monroe et al. "
        "2008); labelled: the most distinctive terms of each group.",
        ax.figure,
    )
    yield (
        "frames",
        "Frame profile: the share of sentences cueing each frame, per group.",
        figures.plot_frames(result, by=by).figure,
    )


def _compare(result, by):
    from ..stats.comparison import compare

    return compare(result, by=by)


def _tone_arc(result):
    from ..layers import tone

    if not hasattr(tone, "tone_arc"):
        raise ValueError("framing.tone_arc is not available in this version")
    return tone.tone_arc(result, bins=10)


def _distinctive(result, by):
    from ..stats.distinctive import distinctive_terms

    return distinctive_terms(result, by=by)


_ID = re.compile(r'\bid="([^"]+)"')


def _inline_svg(svg: str, prefix: str) -> str:
    """An SVG document as an inline element: no XML prolog, ids prefixed so figures cannot clash."""
    svg = svg[svg.index("<svg") :]
    ids = set(_ID.findall(svg))
    if ids:
        pattern = re.compile(
            r'(id="|href="#|url\(#)('
            + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
            + r')(?=["\)])'
        )
        svg = pattern.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    return svg


# ---------------------------------------------------------------------------
# The page


CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #111; margin: 0 auto; max-width: 62em;
  padding: 1em 1.5em 4em; line-height: 1.5; }
h1 { font-size: 1.7em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
nav ol { columns: 2 14em; }
table.fr-table { border-collapse: collapse; font-size: .88em; width: 100%; }
table.fr-table th, table.fr-table td { border-bottom: 1px solid #ddd; padding: .3em .45em; text-align: right;
  vertical-align: top; }
table.fr-table th:first-child, table.fr-table td:first-child { text-align: left; }
table.fr-table td { white-space: nowrap; } table.fr-table td.fr-text { white-space: normal; text-align: left; }
.fr-ci { color: #555; white-space: nowrap; }
.fr-note { background: #f5f5f5; border-left: 4px solid #0072B2; padding: .5em .9em; }
figure { margin: 1.5em 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; max-width: 56em; height: auto; display: block; }
figcaption { font-size: .9em; color: #333; }
.fr-article { border-top: 2px solid #999; margin-top: 2em; padding-top: .5em; }
.fr-problem { color: #8a3b00; }
code { font-size: .95em; }
@media print {
  body { max-width: none; padding: 0; }
  .fr-article { page-break-before: always; break-before: page; }
  nav { display: none; }
}
"""


def _ci(value, low, high) -> str:
    return f"{format_number(value)} <span class='fr-ci'>[{format_number(low)}, {format_number(high)}]</span>"


def _comparison_table(comparison: pd.DataFrame) -> str:
    """The comparison with intervals; with a single pair of groups the group names go in the header."""
    one_pair = len(comparison[["group_a", "group_b"]].drop_duplicates()) == 1
    if one_pair:
        a, b = (html.escape(str(x)) for x in comparison[["group_a", "group_b"]].iloc[0])
        cols = ["measure", f"A: {a} [95% CI]", f"B: {b} [95% CI]"]
    else:
        cols = ["measure", "group A", "value A [95% CI]", "group B", "value B [95% CI]"]
    cols += ["difference A − B [95% CI]", "p", "unit", "n A / n B"]
    head = "".join(f"<th>{c}</th>" for c in cols)
    rows = []
    for _, r in comparison.iterrows():
        cells = [f"<code>{html.escape(str(r['measure']))}</code>"]
        for side in ("a", "b"):
            if not one_pair:
                cells.append(html.escape(str(r[f"group_{side}"])))
            cells.append(_ci(r[f"value_{side}"], r[f"low_{side}"], r[f"high_{side}"]))
        cells += [
            _ci(r["difference"], r["diff_low"], r["diff_high"]),
            html.escape(format_p(r["p_value"])),
            f"<span title='{html.escape(str(r.get('method', '')))}'>{html.escape(str(r.get('unit', '')))}</span>",
            f"{html.escape(str(r['n_a']))} / {html.escape(str(r['n_b']))}",
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table class='fr-table'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _documents_table(result, by: str) -> str:
    from .figures import group_labels

    docs = result.documents
    try:
        groups = group_labels(result, by)
    except ValueError:
        groups = pd.Series(dtype=str)
    cols = [c for c in ("title", "outlet", "date") if c in docs.columns]
    head = (
        "".join(f"<th class='fr-text'>{c}</th>" for c in ["doc_id", *cols, "group", "status"])
        + "<th>sentences</th><th>tokens</th>"
    )
    rows = []
    for _, r in docs.iterrows():
        cells = [
            f"<td class='fr-text'><a href='#doc-{html.escape(_anchor(r['doc_id']))}'>"
            f"{html.escape(str(r['doc_id']))}</a></td>"
        ]
        for c in cols:
            v = r.get(c)
            v = "" if v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("NaT", "nan") else str(v)
            cells.append(f"<td class='fr-text'>{html.escape(v[:10] if c == 'date' else v)}</td>")
        cells.append(f"<td class='fr-text'>{html.escape(str(groups.get(str(r['doc_id']), '')))}</td>")
        status = str(r.get("status", ""))
        detail = str(r.get("status_detail", "") or "")
        cells.append(f"<td class='fr-text' title='{html.escape(detail)}'>{html.escape(status)}</td>")
        cells.append(
            f"<td>{html.escape(str(r.get('n_sentences', '')))}</td><td>{html.escape(str(r.get('n_tokens', '')))}</td>"
        )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='fr-table'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _anchor(doc_id) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(doc_id))


def report_html(
    result,
    *,
    by: str = "outlet",
    comparison: pd.DataFrame | None = None,
    layers: Sequence[str] | None = None,
    title: str = "framing report",
    max_articles: int | None = None,
) -> str:
    """The report page of :func:`write_report` as a string."""
    import matplotlib
    import matplotlib.pyplot as plt

    from . import figures
    from .highlighting import highlight, highlight_css

    declared = declarations_of(result)
    if layers is None:
        layers = [x.name for x in declared.span_layers if x.in_report]
    problems: list[str] = []
    if comparison is None:
        comparison, problem = _safe(lambda: _compare(result, by), "comparison")
        if problem:
            problems.append(problem)
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>framing {html.escape(__version__)} · {len(result.documents)} documents grouped by "
        f"<code>{html.escape(by)}</code>. Every mark and number below is traced to the text.</p>",
        "<nav><ol><li><a href='#documents'>Documents</a></li><li><a href='#comparison'>Comparison</a></li>"
        "<li><a href='#figures'>Figures</a></li><li><a href='#articles'>Articles, highlighted</a></li>"
        "<li><a href='#methods'>Methods</a></li></ol></nav>",
        "<h2 id='documents'>Documents</h2>",
        _documents_table(result, by),
        "<h2 id='comparison'>Comparison</h2>",
    ]
    if comparison is not None and len(comparison):
        units = sorted({str(u) for u in comparison["unit"].dropna()}) if "unit" in comparison.columns else []
        note = (
            "Values are each group's measure with a 95% bootstrap interval; the difference is A − B with its "
            "own interval; p is a two-sided permutation p-value."
        )
        if "sentence" in units:
            note += (
                " <b>Resampling unit: sentence.</b> With few articles per group the sentences of the articles "
                "were resampled: the intervals describe how stable each difference is across the sentences of "
                "these texts. They are descriptive, not inference about the outlets."
            )
        parts += [f"<p class='fr-note'>{note}</p>", _comparison_table(comparison)]
        for n in (getattr(comparison, "attrs", {}) or {}).get("notes", []) or []:
            parts.append(f"<p class='fr-problem'>{html.escape(str(n))}</p>")
    else:
        parts.append(
            "<p class='fr-problem'>No comparison: it needs at least two groups with analysable documents"
            + (f" ({html.escape(problems[0])})" if problems else "")
            + ".</p>"
        )

    parts.append("<h2 id='figures'>Figures</h2>")
    with matplotlib.rc_context():
        figures.theme("paper")
        drawn = comparison if comparison is not None else pd.DataFrame()  # do not compute it twice
        for i, (name, caption, fig) in enumerate(report_figures(result, by=by, comparison=drawn)):
            svg = _inline_svg(figures.figure_svg(fig), f"f{i}-")
            plt.close(fig)
            parts.append(
                f"<figure id='fig-{name}' role='group' aria-label='{html.escape(name)}'>{svg}"
                f"<figcaption><b>{html.escape(name)}.</b> {html.escape(caption)}</figcaption></figure>"
            )

    parts.append("<h2 id='articles'>Articles, highlighted</h2>")
    parts.append(
        "<p>Each article with its evidence marked; hover over a mark for the word-list entry or rule, "
        "or open the evidence list below the article.</p>"
    )
    shown = result.doc_ids if max_articles is None else result.doc_ids[: max(0, int(max_articles))]
    if len(shown) < len(result.doc_ids):
        parts.append(
            f"<p class='fr-note'>The first {len(shown)} of {len(result.doc_ids)} articles are shown "
            "(max_articles); framing.highlight(result, doc_id) shows any other.</p>"
        )
    for doc_id in shown:
        view = highlight(result, doc_id, layers=list(layers))
        parts.append(f"<section class='fr-article' id='doc-{html.escape(_anchor(doc_id))}'>{view.fragment}</section>")

    parts.append(_markdown_to_html(methods_text(result, by=by, comparison=comparison)))
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="framing {html.escape(__version__)}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}\n{highlight_css(declared)}</style>\n</head>\n<body>\n{body}\n</body></html>\n"
    )


def write_report(
    result,
    path,
    by: str = "outlet",
    *,
    comparison: pd.DataFrame | None = None,
    layers: Sequence[str] | None = None,
    title: str = "framing report",
    max_articles: int | None = None,
) -> Path:
    """Write the self-contained HTML report of ``result`` to ``path``; returns the path.

    Contents: the documents, the comparison table of :func:`framing.compare` by ``by``
    (computed unless ``comparison`` is given) with intervals, the main figures inline as
    SVG, every article highlighted with ``layers`` (default: the span layers the result's
    annotators declare ``in_report``; the first ``max_articles`` only, when
    given: a large corpus makes a very long page), and a methods section with the
    measures, the framing and lexicon versions and the references. No script, no external
    request; the same result gives the same file.
    """
    import contextlib
    import os

    from ..errors import AnalysisError

    out = Path(path)
    if out.is_dir():
        raise AnalysisError(f"{out}: is a folder; give write_report a file path, e.g. {out / 'report.html'}")
    try:  # before the page is built: a folder that cannot be made fails at once
        out.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise AnalysisError(f"{out}: a part of the path is a file, not a folder; choose another report path") from None
    page = report_html(result, by=by, comparison=comparison, layers=layers, title=title, max_articles=max_articles)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")  # a full disk leaves no half-written report
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return out


def write_figures(
    result,
    directory,
    *,
    by: str = "doc_id",
    formats=("pdf", "svg", "png"),
    comparison=None,
    terms=None,
    report: bool = True,
) -> list[Path]:
    """The main figures of ``result`` (:func:`framing.report.report_figures`) as PDF, SVG and
    PNG in ``directory``, plus ``report.html`` (:func:`framing.write_report`) unless ``report`` is
    False; returns the paths. ``comparison`` and ``terms`` are computed by ``by`` unless given
    (``framing compare --figures`` passes the tables it has just written).

    Groups are ``by`` (default ``doc_id``: the bundled corpus has one article per outlet and
    one article without an outlet). The paper theme is used; the files are byte-identical when
    the same result is written again.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    from ..stats.comparison import compare
    from .figures import save_figure, theme

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    if comparison is None:
        comparison = compare(result, by=by)
    written: list[Path] = []
    with matplotlib.rc_context():
        theme("paper")
        for name, _caption, fig in report_figures(result, by=by, comparison=comparison, terms=terms):
            written += save_figure(fig, name, formats=formats, directory=out)
            plt.close(fig)
    if report:
        written.append(write_report(result, out / "report.html", by=by, comparison=comparison))
    return written
