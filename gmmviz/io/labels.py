"""Per-point CSV files: hard labels with responsibilities, and sampled points with their component.

Decision: components are numbered 1..K in every CSV file gmmviz writes, so that ``label`` k goes with the
column ``p_k`` and with "component k" in the ``gmmviz fit`` table. Numbers are written with Python's
shortest round-trip representation, so reading a file back gives exactly the values written.
"""

from __future__ import annotations

import numpy as np

from gmmviz.core.errors import GmmvizError
from gmmviz.io.atomic import write_text_atomic


def write_labels(path, X, resp) -> None:
    """Write ``x,y,label,p_1..p_K`` for every point.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file to write (atomically).
    X : array-like of shape (n_samples, 2)
        The points.
    resp : array-like of shape (n_samples, n_components)
        Responsibilities P(k | x); ``label`` is the 1-based index of the largest one.
    """
    X = _points(X)
    resp = np.asarray(resp, dtype=np.float64)
    if resp.ndim != 2 or resp.shape[0] != X.shape[0]:
        raise GmmvizError(
            f"responsibilities of shape {resp.shape} do not match {X.shape[0]} points; "
            "give an (n_samples, n_components) array"
        )
    labels = np.argmax(resp, axis=1) + 1
    header = ["x", "y", "label"] + [f"p_{k}" for k in range(1, resp.shape[1] + 1)]
    rows = (
        f"{x!r},{y!r},{label},{','.join(map(repr, p))}"
        for (x, y), label, p in zip(X.tolist(), labels.tolist(), resp.tolist())
    )
    _write_csv(path, header, rows)


def write_sample(path, X, components) -> None:
    """Write ``x,y,component`` for sampled points.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file to write (atomically).
    X : array-like of shape (n_samples, 2)
        The points.
    components : array-like of int, shape (n_samples,)
        The 0-based component each point was drawn from (as ``Mixture.sample`` returns it); written 1-based.
    """
    X = _points(X)
    components = np.asarray(components, dtype=np.int64)
    if components.shape != (X.shape[0],):
        raise GmmvizError(f"component numbers of shape {components.shape} do not match {X.shape[0]} points")
    rows = (f"{x!r},{y!r},{c}" for (x, y), c in zip(X.tolist(), (components + 1).tolist()))
    _write_csv(path, ["x", "y", "component"], rows)


def _points(X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise GmmvizError(f"points of shape {X.shape} are not 2-D; give an (n_samples, 2) array")
    return X


def _write_csv(path, header: list[str], rows) -> None:
    write_text_atomic(path, "\n".join([",".join(header), *rows]) + "\n")
