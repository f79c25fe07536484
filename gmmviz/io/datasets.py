"""Data sets shipped inside the package (read with importlib.resources, so they work from a wheel)."""

from __future__ import annotations

from importlib.resources import as_file, files

import numpy as np

from gmmviz.io.points import read_points


def old_faithful() -> tuple[np.ndarray, tuple[str, str]]:
    """R's ``faithful``: 272 eruptions of the Old Faithful geyser.

    Returns
    -------
    X : ndarray of shape (272, 2)
        Eruption time (minutes) and waiting time to the next eruption (minutes).
    columns : tuple of str
        ``("eruptions", "waiting")``.
    """
    with as_file(files("gmmviz") / "resources" / "old_faithful.csv") as path:
        loaded = read_points(path)
    return loaded.X, loaded.columns
