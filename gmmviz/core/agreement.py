"""How close a fit is to a known answer: labels against labels, mixture against mixture.

Component numbers are arbitrary (a fit's component 1 may be the truth's component 3), so every
comparison except the adjusted Rand index first matches them one to one by the Hungarian method
(``scipy.optimize.linear_sum_assignment``). scikit-learn and scipy are imported lazily, inside the
functions, as everywhere in the core.

Decisions:

- **Labels are matched by counts**: the classes and fitted components that share the most points are
  paired (the assignment that maximises the trace of the confusion matrix), so the matched confusion
  matrix has the agreements on its diagonal.
- **Mixtures are matched by the Bhattacharyya distance** between their components' Gaussians, which
  weighs a difference in mean against the components' spread and tells apart two components with the
  same mean and different covariances; weights do not take part in the matching.
- **The parameter error is three numbers** after matching, each the largest over the matched pairs:
  ``weight`` = max |Δw|, ``mean`` = max ‖Δμ‖ (Euclidean, in data units) and ``covariance`` =
  max ‖ΔΣ‖_F (Frobenius, in squared data units). A maximum rather than a mean, because one badly
  fitted component is what a user needs to see. When the two mixtures have different numbers of
  components, an unmatched component counts as matched to one of weight 0: its whole weight enters
  ``weight``, and it takes no part in ``mean`` and ``covariance``.
"""

from dataclasses import dataclass

import numpy as np

from gmmviz.core.errors import GmmvizError


def _label_vectors(true_labels, labels):
    true_labels = np.asarray(true_labels)
    labels = np.asarray(labels)
    if true_labels.ndim != 1 or labels.ndim != 1 or true_labels.shape != labels.shape:
        raise GmmvizError(
            f"true and fitted labels must be two 1-D arrays of one length, got shapes {true_labels.shape} and {labels.shape}"
        )
    if labels.size and (labels.dtype.kind not in "iu" or labels.min() < 0):
        raise GmmvizError("fitted labels must be component indices 0, 1, 2, …")
    return true_labels, labels


def adjusted_rand_index(true_labels, labels):
    """Adjusted Rand index between two labellings of the same points.

    1 for identical partitions whatever the label numbers, about 0 for a random labelling (it can
    be negative). scikit-learn's ``adjusted_rand_score``.

    Parameters
    ----------
    true_labels : array-like of shape (n_samples,)
        Any hashable labels (numbers or names such as iris' species).
    labels : array-like of int, shape (n_samples,)
        Fitted component indices.

    Returns
    -------
    float
    """
    from sklearn.metrics import adjusted_rand_score

    true_labels, labels = _label_vectors(true_labels, labels)
    return float(adjusted_rand_score(true_labels, labels))


@dataclass(frozen=True)
class Confusion:
    """A confusion matrix with its rows and columns ordered so that matched pairs form the diagonal.

    Attributes
    ----------
    matrix : ndarray of int, shape (n_classes, n_components)
        ``matrix[i, j]`` counts the points of class ``classes[i]`` with fitted label ``components[j]``.
        The first min(n_classes, n_components) diagonal entries are the matched pairs.
    classes : ndarray of shape (n_classes,)
        The true labels of the rows: the matched classes in sorted order, then any unmatched ones.
    components : ndarray of int, shape (n_components,)
        The fitted component (0-based) of every column: the one matched to each row's class, then
        any unmatched components in increasing order.
    """

    matrix: np.ndarray
    classes: np.ndarray
    components: np.ndarray

    @property
    def matched_fraction(self):
        """The share of points on the diagonal (the accuracy after matching), 0 to 1."""
        total = self.matrix.sum()
        return float(np.trace(self.matrix) / total) if total else 1.0


def _assignment(cost):
    """Row and column indices of the minimum-cost one-to-one matching of a (n_rows, n_cols) matrix."""
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment(cost)


def _matched_first(matched, n):
    """``matched`` indices in their order, followed by the indices of range(n) not among them."""
    rest = np.setdiff1d(np.arange(n), matched)
    return np.concatenate([matched, rest]).astype(np.intp)


def matched_confusion(true_labels, labels, n_components=None):
    """The confusion matrix of true classes against fitted components after matching them.

    Parameters
    ----------
    true_labels : array-like of shape (n_samples,)
        Any hashable labels.
    labels : array-like of int, shape (n_samples,)
        Fitted component indices, 0-based.
    n_components : int, optional
        Number of fitted components, so that a component no point was given still has its column;
        defaults to ``labels.max() + 1``.

    Returns
    -------
    Confusion
    """
    true_labels, labels = _label_vectors(true_labels, labels)
    classes, class_index = np.unique(true_labels, return_inverse=True)
    n_columns = int(labels.max()) + 1 if labels.size else 0
    if n_components is not None:
        if n_components < n_columns:
            raise GmmvizError(f"fitted labels go up to {n_columns - 1}, more than {n_components} components allow")
        n_columns = n_components
    counts = np.zeros((classes.size, n_columns), dtype=np.int64)
    np.add.at(counts, (class_index, labels), 1)
    rows, cols = _assignment(-counts)
    row_order = _matched_first(rows, classes.size)
    col_order = _matched_first(cols, n_columns)
    return Confusion(counts[np.ix_(row_order, col_order)], classes[row_order], col_order)


def bhattacharyya_distances(means_a, covariances_a, means_b, covariances_b):
    """Bhattacharyya distance between every pair of two sets of 2-D Gaussians.

    D = ⅛ Δμᵀ Σ⁻¹ Δμ + ½ ln(det Σ / √(det Σ_a det Σ_b)) with Σ = (Σ_a + Σ_b) / 2: 0 for equal
    Gaussians, growing with the separation of the means relative to the spread and with the
    difference in shape.

    Parameters
    ----------
    means_a : ndarray of shape (n_a, 2)
    covariances_a : ndarray of shape (n_a, 2, 2)
    means_b : ndarray of shape (n_b, 2)
    covariances_b : ndarray of shape (n_b, 2, 2)

    Returns
    -------
    ndarray of shape (n_a, n_b)
    """
    delta = means_a[:, None, :] - means_b[None, :, :]
    mean_cov = (covariances_a[:, None] + covariances_b[None, :]) / 2.0
    a, b, d = mean_cov[..., 0, 0], mean_cov[..., 0, 1], mean_cov[..., 1, 1]
    det = a * d - b * b
    # Δμᵀ Σ⁻¹ Δμ with the closed-form inverse of a symmetric 2×2 matrix
    quad = (d * delta[..., 0] ** 2 - 2.0 * b * delta[..., 0] * delta[..., 1] + a * delta[..., 1] ** 2) / det
    det_a = np.linalg.det(covariances_a)[:, None]
    det_b = np.linalg.det(covariances_b)[None, :]
    return quad / 8.0 + 0.5 * np.log(det / np.sqrt(det_a * det_b))


@dataclass(frozen=True)
class ParameterError:
    """How far a fitted mixture is from a reference after matching their components.

    Attributes
    ----------
    pairs : ndarray of int, shape (n_pairs, 2)
        (reference component, fitted component) of every matched pair, 0-based, in the reference's order;
        n_pairs = min(K_reference, K_fitted).
    weight : float
        max |Δweight| over the pairs, an unmatched component counting with its whole weight.
    mean : float
        max ‖Δmean‖ (Euclidean distance) over the pairs, in data units.
    covariance : float
        max ‖ΔΣ‖_F (Frobenius norm of the difference of the 2×2 covariance matrices) over the pairs.
    """

    pairs: np.ndarray
    weight: float
    mean: float
    covariance: float


def parameter_error(reference, fitted):
    """Match the components of two mixtures and measure how far apart their parameters are.

    Parameters
    ----------
    reference, fitted : gmmviz.core.Mixture
        Any numbers of components and covariance types (compared as full matrices).

    Returns
    -------
    ParameterError
    """
    cov_r, cov_f = reference.full_covariances, fitted.full_covariances
    rows, cols = _assignment(bhattacharyya_distances(reference.means, cov_r, fitted.means, cov_f))
    weight_gap = np.abs(reference.weights[rows] - fitted.weights[cols])
    unmatched = np.concatenate([np.delete(reference.weights, rows), np.delete(fitted.weights, cols)])
    mean_gap = np.linalg.norm(reference.means[rows] - fitted.means[cols], axis=1)
    cov_gap = np.linalg.norm(cov_r[rows] - cov_f[cols], axis=(1, 2))
    return ParameterError(
        pairs=np.stack([rows, cols], axis=1).astype(np.intp),
        weight=float(np.concatenate([weight_gap, unmatched]).max()),
        mean=float(mean_gap.max()),
        covariance=float(cov_gap.max()),
    )
