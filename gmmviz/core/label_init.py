"""Initial parameters from labels: the M-step of one-hot responsibilities (scikit-learn #24811).

A user who knows (or paints) which component some points belong to starts EM from the mixture those
points make: component k's weight, mean and covariance are those of the points labelled k, exactly as an
M-step computes them from responsibilities that are 1 for a point's own component and 0 elsewhere. The
result is an ordinary :class:`~gmmviz.core.mixture.Mixture`, so EM, ``fit(init=mixture)``, the window's
history and sessions take it as any given parameters ("parameters" in a fit record).

Decisions
---------
- Labels are the text of a label column or the window's painted components. :func:`label_codes` numbers the
  distinct labels 0..K-1 in sorted order (as numbers when every label is an integer, so ``"2"`` comes before
  ``"10"``; else as text), so iris' species become components 1 setosa, 2 versicolor, 3 virginica.
- A point without a label (an empty cell, an unpainted point; code -1) has responsibility 0 for every
  component: it takes no part in the initial parameters, and EM's first E-step gives it its
  responsibilities like every other point. The initial weights are therefore the shares of the labelled
  points.
- A component with no labelled point cannot be estimated (it would have no mean): that is an error naming
  the component, not a silent re-seed, since the user asked for exactly these components. A component
  with one labelled point starts as a point (covariance ``reg_covar``), which EM reports as degenerate.
- The M-step is the EM engine's own (:func:`gmmviz.core.em.m_step`), so the covariance type, ``reg_covar``,
  the prior (MAP: the posterior mode) and the points' weights act as in every other M-step; a point of
  weight 0 counts as unlabelled.
"""

from __future__ import annotations

import numpy as np

from gmmviz.core.em import m_step
from gmmviz.core.errors import GmmvizError
from gmmviz.core.mixture import Mixture, as_points
from gmmviz.core.weights import as_sample_weight

#: The code of a point without a label.
UNLABELLED = -1


def label_codes(labels) -> tuple[np.ndarray, tuple[str, ...]]:
    """Number the distinct labels; ``""`` (or None) is no label.

    Parameters
    ----------
    labels : sequence of str of length n_samples

    Returns
    -------
    codes : ndarray of shape (n_samples,), int
        0..K-1 into ``names``, :data:`UNLABELLED` for a point without a label.
    names : tuple of str
        The K distinct labels, sorted (see the module docstring).
    """
    text = ["" if label is None else str(label) for label in labels]
    distinct = sorted({label for label in text if label})
    if all(_is_integer(label) for label in distinct):
        distinct.sort(key=int)
    index = {label: code for code, label in enumerate(distinct)}
    codes = np.array([index.get(label, UNLABELLED) for label in text], dtype=np.intp)
    return codes, tuple(distinct)


def label_responsibilities(codes, n_components) -> np.ndarray:
    """One-hot responsibilities of label codes; rows of unlabelled points are 0.

    Parameters
    ----------
    codes : array-like of shape (n_samples,), int
        Component 0..n_components-1, or :data:`UNLABELLED`.
    n_components : int

    Returns
    -------
    ndarray of shape (n_samples, n_components), float64

    Raises
    ------
    GmmvizError
        When a code is not a component, or a component has no labelled point.
    """
    codes = np.asarray(codes, dtype=np.intp).reshape(-1)
    beyond = codes[codes >= n_components]
    if beyond.size:
        there = "is 1 component" if n_components == 1 else f"are {n_components} components"
        raise GmmvizError(f"points are labelled with component {int(beyond.max()) + 1} but there {there}: "
                          f"set K to at least {int(beyond.max()) + 1} or relabel them")
    counts = np.bincount(codes[codes >= 0], minlength=n_components)
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        listed = ", ".join(str(k + 1) for k in empty)
        highest = int(codes.max()) + 1
        # Fewer components is a way out only when the empty ones come after every label used.
        fewer = f", or set K to {highest}" if highest >= 1 and empty.min() >= highest else ""
        raise GmmvizError(f"component{'s' * (empty.size > 1)} {listed} {'have' if empty.size > 1 else 'has'} no "
                          f"labelled points: label at least one point for every component{fewer}")
    resp = np.zeros((codes.size, n_components))
    labelled = np.flatnonzero(codes >= 0)
    resp[labelled, codes[labelled]] = 1.0
    return resp


def mixture_from_labels(X, codes, n_components, covariance_type="full", reg_covar=1e-6, prior=None,
                        sample_weight=None) -> Mixture:
    """The mixture the M-step makes of the one-hot responsibilities of ``codes``.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    codes : array-like of shape (n_samples,), int
        As :func:`label_responsibilities` takes them.
    n_components : int
    covariance_type, reg_covar, prior
        As :func:`gmmviz.core.em.m_step` takes them.
    sample_weight : array-like of shape (n_samples,), optional
        The points' weights, as :class:`gmmviz.core.em.EM` takes them; a point of weight 0 is unlabelled.

    Returns
    -------
    Mixture

    Raises
    ------
    GmmvizError
        For codes :func:`label_responsibilities` refuses, or settings or weights the M-step refuses.
    """
    X = as_points(X)
    if len(codes) != X.shape[0]:
        raise GmmvizError(f"there are {len(codes)} labels for {X.shape[0]} points; give one label per point")
    weight = as_sample_weight(sample_weight, X.shape[0])
    if weight is not None:
        codes = np.where(weight > 0, codes, UNLABELLED)
    return m_step(X, label_responsibilities(codes, n_components), covariance_type, reg_covar, prior, weight)


def _is_integer(label: str) -> bool:
    text = label.lstrip("+-")
    return text.isascii() and text.isdigit()
