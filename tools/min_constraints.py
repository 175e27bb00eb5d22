"""Print pip constraints that pin every dependency of pyproject.toml to its declared minimum.

``make test-min`` installs framing with these constraints (``pip install -c FILE``) and runs
the fast tests, which proves that the lower bounds in ``pyproject.toml`` are true: a
dependency declared ``scipy>=1.15`` is installed as ``scipy==1.15`` and the tests must pass.

Usage::

    python tools/min_constraints.py [--extras notebooks,dask,test] [--pyproject pyproject.toml]

Every requirement must carry a ``>=`` lower bound (tests/test_packaging.py checks the core
ones); one without a lower bound is an error, because its minimum could not be tested.
Extras are stripped (a constraints file cannot hold them: ``dask[distributed]>=2024.8``
becomes ``dask==2024.8``), and a self-reference such as ``framing[notebooks]`` is skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: ``name[extras] >=version`` with optional further clauses (``,<3``) and an environment marker
_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[(?P<extras>[^\]]*)\])?\s*(?P<spec>[^;]*?)\s*(?:;(?P<marker>.*))?$"
)
_LOWER = re.compile(r">=\s*(?P<version>[0-9][^,\s]*)")


def normalized(name: str) -> str:
    """The package name as PEP 503 compares names (``PyYAML`` == ``pyyaml``, ``_`` == ``-``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def minimum_pins(requirements: list[str], project: str, where: str) -> dict[str, str]:
    """``{name: "name==minimum"}`` for ``requirements``; an error names one without a ``>=`` bound."""
    pins: dict[str, str] = {}
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"{where}: cannot read the requirement {requirement!r}; write it as 'name>=version'")
        name = normalized(match["name"])
        if name == project:
            continue  # framing[notebooks,dask]: the extras are read on their own
        lower = _LOWER.search(match["spec"])
        if lower is None:
            raise SystemExit(
                f"{where}: {requirement!r} has no '>=' lower bound, so its minimum cannot be tested; "
                "add one (e.g. 'name>=1.2')"
            )
        marker = f"; {match['marker'].strip()}" if match["marker"] else ""
        pins[name] = f"{name}=={lower['version']}{marker}"
    return pins


def constraints(pyproject: Path, extras: list[str]) -> list[str]:
    """The pins of the core dependencies and of ``extras`` (all extras when empty), sorted by name."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    unknown = [e for e in extras if e not in optional]
    if unknown:
        raise SystemExit(f"{pyproject}: no extra {', '.join(unknown)}; extras: {', '.join(optional)}")
    name = normalized(project["name"])
    pins = minimum_pins(project.get("dependencies", []), name, f"{pyproject} [project] dependencies")
    for extra in extras or list(optional):
        pins.update(minimum_pins(optional[extra], name, f"{pyproject} [project.optional-dependencies] {extra}"))
    return [pins[k] for k in sorted(pins)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--extras", default="", help="comma-separated extras to include (default: all)")
    args = parser.parse_args(argv)
    extras = [e.strip() for e in args.extras.split(",") if e.strip()]
    sys.stdout.write("".join(f"{line}\n" for line in constraints(args.pyproject, extras)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
