"""The docs that are generated from the code are current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_measure_list_of_docs_measures_md_is_generated_from_the_declarations():
    tool = _tool("measures_doc")
    text = tool.DOC.read_text(encoding="utf-8")
    assert tool.updated(text) == text, "docs/measures.md is out of date: run python tools/measures_doc.py"


def test_every_declared_measure_is_in_the_list():
    import framing

    text = (ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    for measure in framing.Pipeline().declarations.measures:
        assert f"`{measure.name}`" in text
