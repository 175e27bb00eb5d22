"""Two-command setup: dependency lists agree; the project never downloads at run time."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d) for d in project["dependencies"]} | {_name(d) for d in project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    have = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            have |= {_name(d) for d in dep["pip"]}
        elif _name(dep) not in ("python", "pip"):
            have.add(_name(dep))
    have = {"dask" if n in ("dask", "distributed") else n for n in have}
    assert have == wanted


def test_dependencies_are_lower_bounded_ranges_not_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dep in project["dependencies"]:
        assert ">=" in dep and "==" not in dep, dep


def test_no_runtime_downloads_in_the_library():
    offenders = []
    for path in (ROOT / "framing").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        if re.search(r"nltk\.download\(|urlopen\(|requests\.get\(|hf_hub_download", src):
            offenders.append(str(path))
    assert offenders == []


def test_readme_shows_the_two_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make figures" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
