"""``gmmviz select -k 1-9`` and the window's ``--select 1-K``: the values of K a sweep tries.

Decisions
---------
- ``1-9``, ``3``, ``1,2,5`` and ``2-4,8`` name K from 1; a range needs both ends (``1-`` is refused,
  not read as ``1``), and a range may be far longer than any data allows (``1-1000000000000``): it
  is capped by the data before any K is listed.
- K components need K distinct points of positive weight (as ``fit -k`` checks them,
  :func:`gmmviz.core.em.check_data`): larger K are skipped with one warning line, and none left is an
  error.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.io.numbers import parse_int


def k_values(text: str) -> tuple[range, ...]:
    """An argparse type: ``"1-9"``, ``"3"``, ``"1,2,5"`` or ``"2-4,8"`` -> the ranges of K it names, not expanded."""
    ranges = []
    try:
        for part in text.split(","):
            low, dash, high = part.partition("-")
            low, high = parse_int(low), parse_int(high if dash else low)
            if not 1 <= low <= high:
                raise ValueError
            ranges.append(range(low, high + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be like 1-9, 3 or 1,2,5 (positive), got {text!r}") from None
    return tuple(ranges)


def fittable_ks(ranges: tuple[range, ...], X: np.ndarray, sample_weight=None) -> list[int]:
    """The K in ``ranges`` that the points ``X`` (n_samples, 2) of weights ``sample_weight`` (or None) support, sorted."""
    points = X if sample_weight is None else X[sample_weight > 0]
    n_distinct = np.unique(points, axis=0).shape[0]
    which = "distinct point" + "s" * (n_distinct != 1) + (" of positive weight" if sample_weight is not None else "")
    ks = sorted({k for r in ranges for k in range(r.start, min(r.stop, n_distinct + 1))})
    if not ks:
        raise GmmvizError(f"every K given with -k is above the {n_distinct} {which} of the data; "
                          f"give -k from 1 to {n_distinct}")
    if max(r.stop - 1 for r in ranges) > n_distinct:
        warnings.warn(f"K above {n_distinct} skipped: the data has only {n_distinct} {which}", GmmvizWarning)
    return ks
