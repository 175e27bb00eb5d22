"""Wall-clock time of each notebook, executed end to end on the bundled corpus (goal: < 60 s each).

Usage: ``.venv/bin/python benchmarks/notebooks.py [NAME ...]``. Outputs go to a temporary
folder; the notebooks are not modified. Times include starting the kernel.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools.make_figures import NOTEBOOKS, execute_notebook  # noqa: E402


def main(names: list[str]) -> int:
    paths = [NOTEBOOKS / f"{n.removesuffix('.ipynb')}.ipynb" for n in names] or sorted(NOTEBOOKS.glob("*.ipynb"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {"FRAMING_OUT": tmp, "FRAMING_FIGURES": str(Path(tmp) / "figures")}
        for path in paths:
            t0 = time.perf_counter()
            try:
                execute_notebook(path, env=env, timeout=600)
                status = "ok"
            except Exception as exc:  # report and go on to the next notebook
                status = f"FAILED ({type(exc).__name__}: {str(exc).strip().splitlines()[-1][:120]})"
                failed += 1
            print(f"{path.name:42s} {time.perf_counter() - t0:6.1f} s  {status}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
