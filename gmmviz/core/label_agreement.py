"""How a fit's hard labels agree with known labels (a label column such as iris' species).

Decisions
---------
- Points without a known label (code -1: an empty cell) take no part: the adjusted Rand index and the
  confusion matrix count the labelled points only, and say how many there are.
- The fitted label of a point is its most probable component (the hard labels of the plot's View ▸ Hard
  labels and of the labels CSV). Ties go to the lower component, as ``numpy.argmax`` breaks them.
- The numbers are :func:`gmmviz.core.agreement.adjusted_rand_index` and
  :func:`gmmviz.core.agreement.matched_confusion` (classes matched to components by the Hungarian
  method), so they are scikit-learn's ``adjusted_rand_score`` and the matched confusion matrix.
- Labels come as codes into their names (:func:`gmmviz.core.label_init.label_codes`): the window compares a
  million points after every iteration, and integers are counted many times faster than text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from gmmviz.core.agreement import Confusion, adjusted_rand_index, matched_confusion


@dataclass(frozen=True)
class LabelAgreement:
    """Agreement of fitted components with known labels.

    Attributes
    ----------
    ari : float
        Adjusted Rand index over the labelled points (NaN without any).
    confusion : Confusion
        Classes (rows) against fitted components (columns, 0-based in ``confusion.components``), matched
        pairs on the diagonal.
    n_labelled : int
        Points with a known label.
    """

    ari: float
    confusion: Confusion
    n_labelled: int


def label_agreement(codes, names, resp) -> LabelAgreement:
    """Compare known labels with the hard labels of responsibilities.

    Parameters
    ----------
    codes : array-like of int, shape (n_samples,)
        Each point's label as an index into ``names``, -1 for a point without a label.
    names : sequence of str
        The labels.
    resp : ndarray of shape (n_samples, n_components)
        P(k | x) of the points.

    Returns
    -------
    LabelAgreement
        ``confusion.classes`` are the names.
    """
    codes = np.asarray(codes)
    resp = np.asarray(resp)
    labelled = codes >= 0
    true, fitted = codes[labelled], np.argmax(resp[labelled], axis=1)
    ari = adjusted_rand_index(true, fitted) if labelled.any() else float("nan")
    confusion = matched_confusion(true, fitted, resp.shape[1])
    confusion = replace(confusion, classes=np.array(list(names), dtype=object)[confusion.classes])
    return LabelAgreement(ari, confusion, int(np.count_nonzero(labelled)))
