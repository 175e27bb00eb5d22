"""Two-command setup: dependency lists agree; the project never downloads at run time."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = ("notebooks", "dask", "test")


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def _minimum(spec: str) -> str | None:
    found = re.search(r">=\s*([0-9][^,;\s]*)", spec)
    return found.group(1) if found else None


def _declared(specs) -> dict[str, str | None]:
    """name -> minimum version, without the self-reference framing[...] of the test extra."""
    return {_name(d): _minimum(d) for d in specs if _name(d) != "framing"}


def test_extras_split_the_optional_parts_from_the_core():
    extras = PROJECT["optional-dependencies"]
    assert set(EXTRAS) <= set(extras)
    core = _declared(PROJECT["dependencies"])
    assert {"jupyterlab", "nbclient", "nbformat", "jupytext", "ipykernel"} == set(_declared(extras["notebooks"]))
    assert set(_declared(extras["dask"])) == {"dask"} and "distributed" in extras["dask"][0]
    assert not ({"jupyterlab", "nbclient", "nbformat", "jupytext", "ipykernel", "dask", "pytest"} & set(core))
    # the test extra pulls in the other two (the tests execute the notebooks and run dask)
    assert any(re.fullmatch(r"framing\[(notebooks,dask|dask,notebooks)\]", d.replace(" ", "")) for d in extras["test"])
    assert {"pytest", "hypothesis", "ruff"} <= set(_declared(extras["test"]))
    makefile = (ROOT / "Makefile").read_text()
    assert makefile.count('-e ".[notebooks,dask,test]"') == 2  # make test/figures/lab, and make test-min


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    """Same names and the same minimum versions (dask + distributed are pip's dask[distributed])."""
    wanted = _declared(PROJECT["dependencies"])
    for extra in EXTRAS:
        wanted.update(_declared(PROJECT["optional-dependencies"][extra]))
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    have: dict[str, str | None] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            have.update(_declared(dep["pip"]))
        elif _name(dep) not in ("python", "pip"):
            have.update(_declared([dep]))
    assert have.pop("distributed") == have["dask"]
    assert have == wanted


def test_dependencies_are_lower_bounded_ranges_not_pins():
    for extra in ("", *EXTRAS):
        specs = PROJECT["optional-dependencies"][extra] if extra else PROJECT["dependencies"]
        for dep in specs:
            if _name(dep) != "framing":
                assert ">=" in dep and "==" not in dep, dep


def _imported_distributions() -> dict[str, set[str]]:
    """Third-party distributions the library imports (also inside functions, and the
    packages it looks up with importlib.util.find_spec), each with the files that do."""
    import ast
    import importlib.metadata
    import sys

    owners = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "framing").rglob("*.py")):
        modules = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "find_spec"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                modules.add(node.args[0].value.split(".")[0])
        for module in modules - set(sys.stdlib_module_names) - {"framing", "__future__"}:
            for dist in owners.get(module, [module]):
                found.setdefault(_name(dist), set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_core_dependencies_are_what_the_library_imports():
    imported = _imported_distributions()
    core = set(_declared(PROJECT["dependencies"]))
    # optional: imported only where an ImportError becomes a clear message naming the extra
    optional = {"distributed": "dask", "dask": "dask", "ipywidgets": None}
    missing = {d: files for d, files in imported.items() if d not in core and d not in optional}
    assert missing == {}, "imported by framing/ but not a core dependency of pyproject.toml"
    unused = core - set(imported)
    assert unused == set(), "core dependencies that framing/ never imports"


def test_the_dask_engine_without_dask_names_the_extra(monkeypatch, tmp_path):
    import sys

    import pytest

    import framing
    from framing.errors import AnalysisError

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(AnalysisError, match=r'engine=.dask. needs dask.distributed.*pip install "framing\[dask\]"'):
        framing.analyze_to(["One text."], tmp_path / "out", engine="dask", workers=1, progress=False)


def test_min_constraints_pin_every_dependency_to_its_minimum():
    from tools.min_constraints import constraints

    pins = constraints(ROOT / "pyproject.toml", [])
    declared = _declared(PROJECT["dependencies"])
    for extra in EXTRAS:
        declared.update(_declared(PROJECT["optional-dependencies"][extra]))
    assert {_name(p): p.split("==", 1)[1] for p in pins} == declared
    assert all(re.fullmatch(r"[a-z0-9-]+==[0-9][^=]*", p) for p in pins), pins


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
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    # CI proves the declared minimums after the full suite
    assert ci.index("make test-min") > ci.index("make test\n")
    assert "test-min:" in (ROOT / "Makefile").read_text()
