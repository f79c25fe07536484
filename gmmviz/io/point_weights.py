"""A weight column beside the two point columns: the points' frequency weights (``gmmviz fit --weights``).

Decisions
---------
- The weight column is chosen as the point columns are: by header name or by 0-based index (a name
  wins), and it cannot be one of the two point columns. An index reads that very column even when an
  earlier column has the same name.
- Its cells are numbers as the data file writes them (a decimal comma in a decimal-comma file). A row
  whose weight is missing, not a number, NaN or infinite is skipped, as a row with a bad coordinate
  is, and counted in one warning of its own; a negative weight, or weights that are all 0, are an
  error (:func:`gmmviz.core.weights.as_sample_weight`), since no row can be dropped to mend them.
  A column none of whose cells is a number is an error that says so, not a file of no rows.
"""

from __future__ import annotations

import dataclasses
import math
import os
import warnings

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.weights import as_sample_weight
from gmmviz.io.points import PointTable, read_table
from gmmviz.io.text_table import cell_number, file_error


def weighted_points(table: PointTable, columns=None, weights=None, labels=None):
    """The points of two columns and their weights from a third; warns once when rows were skipped for their weight.

    Parameters
    ----------
    table : PointTable
    columns, labels : see :func:`gmmviz.io.points.read_points`
    weights : str or int, optional
        The weight column, by name or 0-based index; None: unweighted.

    Returns
    -------
    loaded : LoadedPoints
        Without the rows whose weight is not a finite number (``n_skipped`` does not count them).
    sample_weight : ndarray of shape (n_samples,) or None
    """
    loaded = table.points(columns, labels)
    if weights is None:
        return loaded, None
    name, values = weight_column_values(table, columns, weights, loaded.columns)
    return split_weights(table.path, name, values, loaded)


def weight_column_values(table: PointTable, columns, weights, point_columns) -> tuple[str, np.ndarray]:
    """The weight column's name and its numbers (NaN where a cell is not one) for the rows the points keep.

    ``point_columns`` are the names of the two point columns (``LoadedPoints.columns``).
    """
    index = _weight_column(table, weights)
    name = table.names[index]
    if name in point_columns:
        raise file_error(table.path, f"cannot use column {name} both for the points and as weights; "
                                     "choose another weight column")
    cells = table.points(columns, labels=index).labels
    return name, np.array([_number(cell, table.decimal) for cell in cells], dtype=np.float64)


def split_weights(path, name: str, values, loaded, *aligned):
    """``(loaded, sample_weight, *aligned)`` without the rows whose weight ``values`` are not finite.

    ``aligned`` are other per-row arrays (labels) cut the same way (None stays None). Warns once
    when rows were skipped; raises GmmvizError naming the file and column for negative or all-zero weights.
    """
    keep = np.isfinite(values)
    if not keep.any():
        raise file_error(path, f"column {name} has no cell that is a number, so it cannot give the weights; "
                               "choose a column of numbers")
    if not keep.all():
        loaded = dataclasses.replace(loaded, X=np.ascontiguousarray(loaded.X[keep]),
                                     labels=None if loaded.labels is None else loaded.labels[keep])
        aligned = tuple(None if array is None else array[keep] for array in aligned)
    try:
        sample_weight = as_sample_weight(values[keep], int(keep.sum()))
    except GmmvizError as exc:
        raise file_error(path, f"column {name}: {exc}") from None
    if not keep.all():
        skipped = int((~keep).sum())
        warnings.warn(f"{os.fspath(path)}: skipped {skipped} row{'s' * (skipped != 1)} whose weight (column {name}) "
                      "is missing, not a number, NaN or infinite", GmmvizWarning, stacklevel=2)
    return (loaded, sample_weight, *aligned)


def read_weighted_points(path, columns=None, weights=None, labels=None):
    """:func:`gmmviz.io.points.read_points` with an optional weight column; warns once per kind of skipped row.

    Returns
    -------
    loaded : LoadedPoints
    sample_weight : ndarray of shape (n_samples,) or None
    """
    table = read_table(path)
    loaded = table.points(columns, labels)
    if loaded.n_skipped:
        warnings.warn(loaded.skip_notice(), GmmvizWarning, stacklevel=2)
    return weighted_points(table, columns, weights, labels)


def _weight_column(table: PointTable, token) -> int:
    """The index of the column ``token`` names (a header name wins over an index)."""
    names = list(table.names)
    if isinstance(token, str) and token in names:
        return names.index(token)
    text = str(token)
    if text.isascii() and text.isdigit() and int(text) < len(names):
        return int(text)
    raise file_error(table.path, f"has no column {token!r} for the weights; its columns are {', '.join(names)}")


def _number(cell: str, decimal: str) -> float:
    try:
        return cell_number(cell, decimal)
    except ValueError:
        return math.nan
