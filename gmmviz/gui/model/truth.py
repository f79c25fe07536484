"""The true mixture the user states, the true labels of points drawn from it, and how close a fit is.

The :class:`~gmmviz.gui.model.fit_session.FitSession` holds one :class:`Truth` as ``session.truth``;
the truth editor, the plot's dashed overlay, the agreement panel and session files read it and
observe ``truth.changed``. No Qt.

Decisions:

- **True labels go with the sampled points themselves**: the truth remembers the component every
  sampled point was drawn from by the point's id (:attr:`PointSet.ids <gmmviz.gui.model.points.PointSet.ids>`).
  Whatever happens to the points afterwards (points drawn beside them, erased, undone, redone, saved
  in a session) each sampled point keeps its label, and any other point has none (-1).
- **Agreement counts the labelled points only**: the adjusted Rand index compares the true labels
  of the sampled points on screen with their fitted hard labels (most probable component); drawn
  points take no part. Above ``ARI_MAX_POINTS`` labelled points it compares a fixed random
  ``ARI_MAX_POINTS`` of them (the same for every iteration, seed 0): on a million points an exact
  value costs about a second of the window's time per iteration (the prediction and scikit-learn's
  count), and 20 000 points give it to about ±0.01. The parameter error (:func:`gmmviz.core.agreement.parameter_error`) needs
  no labels, only a truth and a fit.
- **Noise is a class of its own in the ARI**: with a noise component (Outliers on) a point whose most
  probable component is the noise (``Mixture.predict`` gives -1) is labelled K, one more fitted group, so
  a fit that calls the points of one true component noise agrees with the truth as a fit that gives them
  a component of their own does.
- Editing or replacing the truth keeps the labels: they say which component of the truth *then*
  each point came from, which is still what the fit should recover.
- **Editing the truth** works on full 2×2 covariances (a truth needs no covariance type). Setting one
  weight rescales the others so that they keep their proportions and still sum to 1; a new component
  has weight 1/(K+1) and the weighted mean of the covariances; removing one renormalises the rest
  (the core's rules, ``Mixture.with_component_added`` and ``Mixture.without_component``, as on the fit).
- Sampling replaces the points (as loading a data set: one undo step, the fit starts over) or adds
  to them (one undo step, the fit stays, out of date); the sample is ``Mixture.sample`` with the
  seed given, so the same seed gives the same points. In the window the draw runs off the GUI thread
  (:func:`sample_job`, progress and Cancel after 300 ms; Cancel leaves the points as they were); N is
  at most a million (the dialog's limit), and putting the points in is one step, as loading a file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gmmviz.core import Mixture
from gmmviz.core.agreement import ParameterError, adjusted_rand_index, parameter_error
from gmmviz.core.errors import GmmvizError
from gmmviz.core.steps import run_to_end
from gmmviz.gui.model.events import Event
from gmmviz.gui.model.points import values_by_id

#: The label of a point that was not sampled from the truth.
NO_LABEL = -1
#: The most labelled points the adjusted Rand index compares (see the module docstring).
ARI_MAX_POINTS = 20_000


@dataclass(frozen=True)
class Agreement:
    """How close a fitted mixture is to the truth.

    Attributes
    ----------
    ari : float
        Adjusted Rand index of the labelled points' true and fitted labels; NaN without labelled points.
    n_labelled : int
        Points with a true label.
    n_compared : int
        Of those, the points the ARI compares (all, or ``ARI_MAX_POINTS`` of them).
    error : ParameterError
        The parameter error after matching components.
    """

    ari: float
    n_labelled: int
    n_compared: int
    error: ParameterError


class Truth:
    """A reference mixture (or None) and the true labels of the points sampled from it.

    Events
    ------
    changed()
        The mixture or the known labels changed.
    """

    def __init__(self):
        self.changed = Event()
        self._mixture = None
        self._ids = np.empty(0, dtype=np.int64)            # sorted point ids
        self._labels = np.empty(0, dtype=np.intp)
        self._lookup = (None, None)                         # (ids asked about, their labels)
        self._ari = (None, None, {})                        # (labels, rows compared, {id: (mixture, ari)})

    @property
    def mixture(self):
        """The true mixture, or None."""
        return self._mixture

    def set_mixture(self, mixture):
        """Make ``mixture`` (a Mixture, or None for no truth) the truth."""
        if mixture is not self._mixture:
            self._mixture = mixture
            self.changed.emit()

    def remember_labels(self, ids, labels):
        """Remember that the point with id ``ids[i]`` (n_points,) was drawn from component ``labels[i]`` (n_points,)."""
        labels = np.asarray(labels, dtype=np.intp).ravel()
        ids = np.asarray(ids, dtype=np.int64).ravel()
        if ids.shape != labels.shape:
            raise ValueError(f"{len(labels)} labels for {len(ids)} points")
        # the newest label of a point wins: np.unique keeps the first occurrence
        ids, first = np.unique(np.concatenate([ids, self._ids]), return_index=True)
        self._ids, self._labels = ids, np.concatenate([labels, self._labels])[first]
        self._lookup = (None, None)
        self.changed.emit()

    def labels_of(self, ids):
        """The true label of every point id of ``ids`` (n_samples,), ``NO_LABEL`` where unknown: shape (n_samples,).

        The answer for the last array asked about is kept (the ids are a new array after every change).
        """
        if self._lookup[0] is ids:
            return self._lookup[1]
        labels = values_by_id(self._ids, self._labels, ids, NO_LABEL)
        labels.setflags(write=False)
        self._lookup = (ids, labels)
        return labels

    def ari(self, mixture, points):
        """Adjusted Rand index of the labelled points (a PointSet) under ``mixture``'s hard labels; NaN without any.

        Kept per mixture for the same points, so the history's curve costs one prediction per iteration.
        """
        labels, X = self.labels_of(points.ids), points.X
        rows, cache = self._compared(labels)
        if id(mixture) not in cache or cache[id(mixture)][0] is not mixture:
            value = math.nan
            if len(rows):
                fitted = mixture.predict(np.asarray(X)[rows])
                fitted[fitted < 0] = mixture.n_components      # the noise: its own class (module docstring)
                value = adjusted_rand_index(labels[rows], fitted)
            cache[id(mixture)] = (mixture, value)
        return cache[id(mixture)][1]

    def _compared(self, labels):
        """The rows the ARI compares for these ``labels`` and the ARI cache that goes with them."""
        if self._ari[0] is not labels:
            rows = np.flatnonzero(labels != NO_LABEL)
            if len(rows) > ARI_MAX_POINTS:
                rows = np.sort(np.random.default_rng(0).choice(rows, ARI_MAX_POINTS, replace=False))
            self._ari = (labels, rows, {})
        return self._ari[1], self._ari[2]

    def agreement(self, mixture, points):
        """:class:`Agreement` of ``mixture`` with the truth on ``points`` (a PointSet), or None without a truth."""
        if self._mixture is None or mixture is None:
            return None
        labels = self.labels_of(points.ids)
        ari = self.ari(mixture, points)
        return Agreement(ari, int(np.count_nonzero(labels != NO_LABEL)), len(self._compared(labels)[0]),
                         parameter_error(self._mixture, mixture))


#: The editable numbers of a component, in the truth editor's column order.
FIELDS = ("weight", "mean_x", "mean_y", "var_x", "cov", "var_y")


def component_values(mixture):
    """The :data:`FIELDS` of every component: shape (n_components, 6)."""
    cov = mixture.full_covariances
    return np.column_stack([mixture.weights, mixture.means, cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]])


def _mixture_of(values):
    values = np.asarray(values, dtype=np.float64)
    covariances = values[:, [3, 4, 4, 5]].reshape(-1, 2, 2)
    return Mixture(values[:, 0], values[:, 1:3], covariances)


def _with_weights(weights, k, weight):
    """``weights`` (K,) with entry ``k`` set to ``weight`` and the others rescaled to make up the rest."""
    if not 0.0 <= weight <= 1.0:
        raise GmmvizError(f"a weight must be between 0 and 1, got {weight:g}")
    others = np.delete(weights, k)
    if not len(others):
        if weight != 1.0:
            raise GmmvizError("the only component has weight 1: add another component first")
        return weights
    # the others keep their proportions; when they had none, they share the rest equally
    share = others / others.sum() if others.sum() > 0 else np.full(len(others), 1.0 / len(others))
    return np.insert(share * (1.0 - weight), k, weight)


def with_value(mixture, k, field, value):
    """``mixture`` with component ``k``'s ``field`` (one of :data:`FIELDS`) set to ``value``, as a full mixture.

    A new weight rescales the other weights so that they still sum to 1. Raises GmmvizError, in one
    sentence, for a covariance that is not positive definite or a weight outside [0, 1].
    """
    values = component_values(mixture)
    column = FIELDS.index(field)
    if column == 0:
        values[:, 0] = _with_weights(values[:, 0], k, float(value))
    else:
        values[k, column] = float(value)
    return _mixture_of(values)


def with_component(mixture, mean):
    """``mixture`` with one more component at ``mean`` (2,), by the core's rule (:meth:`Mixture.with_component_added`).

    ``mixture`` None gives a one-component mixture with the identity covariance.
    """
    if mixture is None:
        return Mixture([1.0], [mean], [np.eye(2)])
    return mixture.with_component_added(mean)


def sample_from_truth(session, n_samples, seed, add=False):
    """Draw ``n_samples`` points from ``session.truth`` with ``seed``: replace the points, or ``add`` to them.

    One undo step either way (see the module docstring). Raises GmmvizError without a truth.
    """
    put_sample(session, *run_to_end(sample_job(session.truth.mixture, n_samples, seed)), add)


def sample_job(mixture, n_samples, seed):
    """The draw of :func:`sample_from_truth` as a job: a generator of the fraction done returning ``(X, labels)``.

    For :func:`gmmviz.gui.engine.background.run_with_progress`, so a million points are drawn off the GUI
    thread with Cancel; ``X`` has shape (n_samples, 2), ``labels`` (n_samples,) the 0-based components.
    Raises GmmvizError when ``mixture`` is None.
    """
    if mixture is None:
        raise GmmvizError("there is no true mixture to sample from: open or enter one first")
    yield 0.0
    return mixture.sample(int(n_samples), seed=seed)


def put_sample(session, X, labels, add=False):
    """Make the drawn points ``X`` (n, 2) with their components ``labels`` (n,) the points, or ``add`` them.

    The sample is of the plot's coordinates, so it keeps the names of the points it replaces.
    """
    text = f"Sample {len(X)} points from the true mixture"
    if add:
        session.add_points(X, text)
    else:
        session.load_points(X, session.points.columns, text, name="True mixture sample")
    # the sample is the last len(X) points, whichever way it went in; the labels follow their ids
    session.truth.remember_labels(session.points.ids[len(session.points) - len(X):], labels)
