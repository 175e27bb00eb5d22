"""Progress bars that work in a terminal, in JupyterLab and on a school laptop.

``tqdm.auto`` picks the notebook widget bar when running in Jupyter, but without
``ipywidgets`` installed it prints an "IProgress not found" warning instead of a bar.
We use the widget bar only where ``ipywidgets`` is importable and the plain text bar
(which Jupyter shows fine) everywhere else.
"""

from __future__ import annotations

import importlib.util


def tqdm_class():
    """The tqdm class to use here: ``tqdm.auto.tqdm`` with ipywidgets, ``tqdm.std.tqdm`` without."""
    if importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.auto import tqdm
    else:
        from tqdm.std import tqdm
    return tqdm
