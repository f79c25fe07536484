"""Per-point CSV files: hard labels with responsibilities, and sampled points with their component.

Decisions
---------
- Components are numbered 1..K in every CSV file gmmviz writes, so that ``label`` k goes with the
  column ``p_k`` and with "component k" in the ``gmmviz fit`` table. Numbers are written with Python's
  shortest round-trip representation, so reading a file back gives exactly the values written.
- The labels file names the two point columns as the data did (``eruptions,waiting,label,p_1,…``), and
  ``x``, ``y`` when there are no names. A name that is blank or reads as a number (the ``0``, ``1`` of a
  file without a header) is replaced by ``x`` or ``y``, so the header row never looks like data. A name
  that would repeat another header (a data column called ``label`` or ``p_1``, or two columns of the
  same name) gets the first free suffix ``_2``, ``_3``, …: ``label`` and ``p_k`` always mean what they say.
  Names are quoted as CSV requires (a comma or a quote in a name).
- With a noise component its responsibility is the last column, ``p_noise``, and a point most
  probably noise has the label ``-1``, as ``Mixture.predict`` gives it: the column stays whole numbers
  for any reader, and no number 1..K is taken by something that is not a component.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from gmmviz.core.errors import GmmvizError
from gmmviz.io.atomic import write_text_atomic
from gmmviz.io.numbers import parse_float

_DEFAULT_NAMES = ("x", "y")


def write_labels(path, X, resp, columns=None, noise=False) -> None:
    """Write ``x,y,label,p_1..p_K[,p_noise]`` (with the data's column names for ``x,y``) for every point.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file to write (atomically).
    X : array-like of shape (n_samples, 2)
        The points.
    resp : array-like of shape (n_samples, n_components) or (n_samples, n_components + 1)
        Responsibilities P(k | x) (``Mixture.predict_proba``); ``label`` is the 1-based index of the
        largest one, or -1 where it is the noise component's.
    columns : pair of str, optional
        The names of the two point columns; ``x`` and ``y`` when None (see the module docstring).
    noise : bool
        Whether the last column of ``resp`` is the noise component's (written as ``p_noise``).
    """
    X = _points(X)
    resp = np.asarray(resp, dtype=np.float64)
    if resp.ndim != 2 or resp.shape[0] != X.shape[0]:
        raise GmmvizError(
            f"responsibilities of shape {resp.shape} do not match {X.shape[0]} points; "
            "give an (n_samples, n_components) array"
        )
    n_components = resp.shape[1] - bool(noise)
    labels = np.argmax(resp, axis=1) + 1
    labels[labels > n_components] = -1
    fixed = ["label"] + [f"p_{k}" for k in range(1, n_components + 1)] + ["p_noise"] * bool(noise)
    header = _point_names(columns, fixed) + fixed
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


def _point_names(columns, taken: list[str]) -> list[str]:
    """Header names for the two point columns, distinct from each other and from ``taken``."""
    given = _DEFAULT_NAMES if columns is None else tuple(str(name) for name in columns)
    names = []
    for name, default in zip(given, _DEFAULT_NAMES):
        name = default if not name.strip() or _is_number(name) else name
        unique, suffix = name, 1
        while unique in taken or unique in names:
            suffix += 1
            unique = f"{name}_{suffix}"
        names.append(unique)
    return names


def _is_number(text: str) -> bool:
    try:
        parse_float(text)
    except ValueError:
        return False
    return True


def _write_csv(path, header: list[str], rows) -> None:
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(header)  # quotes a name with a comma or a quote
    write_text_atomic(path, "\n".join([line.getvalue(), *rows]) + "\n")
