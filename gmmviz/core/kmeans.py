"""k-means++ seeding and Lloyd's k-means, computed as scikit-learn's ``KMeans`` computes them.

Why hand-written rather than imported: importing scikit-learn's k-means takes about 1.8 s (it imports
most of SciPy), six times what a first Initialise in the window may take and most of the time of
``gmmviz fit`` on a small file; the algorithm is short (numpy here, one compiled pass in
:func:`gmmviz.core.kernels.nearest_centres`). scikit-learn stays the reference: the tests compare these
labels and seeds with ``sklearn.cluster.KMeans`` and ``kmeans_plusplus`` (``tests/core/test_kmeans.py``).

What is kept, so that a seed gives scikit-learn's clustering (scikit-learn 1.9, ``algorithm="lloyd"``,
``n_init=1``):

- the draws from the random state: k-means++ takes its first centre with ``choice(n, p=w / Σw)`` (with
  ``p`` even when the weights are equal: ``choice`` without ``p`` draws differently), then for each
  further centre ``uniform(size=2 + int(log K))`` candidates by the cumulative weighted squared
  distance, keeping the candidate that lowers the potential most;
- the distances as scikit-learn forms them: −2 x·c + |x|² + |c|² with the same numpy operations in
  k-means++, and |c|² − 2 x·c by BLAS for Lloyd's assignment, the first centre on a tie (BLAS's fused
  multiply-add rounds x·c differently from two products and a sum, and that decides exact ties, common
  where the data are integers such as Old Faithful's waiting times);
- the data centred at its mean, the tolerance 1e-4 × the mean of the per-feature variances, at most 300
  iterations, stopping when the labels repeat or when the summed squared centre shift is within the
  tolerance, then one more assignment to the final centres;
- an empty cluster is moved to the point farthest from its centre (the farthest points in
  ``argpartition`` order), unless all points sit on their centres; one that still has no weight (that
  point weighs nothing) takes the place of the heaviest cluster.

What may differ: the order in which the weighted sums are added (scikit-learn adds 256-point chunks
across threads), so a centre may differ in its last bit and a point nearly as close to two centres, on
that or a later iteration, go to the other one; BLAS may take another kernel for numpy's product than for
scikit-learn's (SciPy's BLAS, asked to add |c|² in the same call), which rounds x·c alike on the machines
tried but need not; and centred coordinates beyond about 1e153, where −2 x·c overflows here but not in
scikit-learn's fused call (EM cannot fit such data anyway). No ``ConvergenceWarning``: gmmviz reports an
empty component itself.
"""

import numpy as np

#: scikit-learn's ``KMeans`` defaults.
MAX_ITER = 300
TOL = 1e-4


def _squared_norms(X):
    """Squared Euclidean norm of each row (n_samples,), as scikit-learn's ``row_norms(X, squared=True)``."""
    return np.einsum("ij,ij->i", X, X)


def _squared_distances(A, X, x_squared_norms):
    """Squared distances (n_a, n_samples) from the rows of A to those of X, as scikit-learn's ``_euclidean_distances``."""
    distances = -2 * (A @ X.T)
    distances += _squared_norms(A)[:, np.newaxis]
    distances += x_squared_norms[np.newaxis, :]
    np.maximum(distances, 0, out=distances)
    return distances


def kmeans_plusplus(X, n_clusters, rs, sample_weight=None):
    """Greedy k-means++ seeds, scikit-learn's ``kmeans_plusplus``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    rs : numpy.random.RandomState
        Consumed in place, draw for draw as scikit-learn does.
    sample_weight : ndarray of shape (n_samples,), optional

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        The rows of X chosen as the centres.
    """
    n_samples = X.shape[0]
    weight = np.ones(n_samples) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    x_squared_norms = _squared_norms(X)
    n_local_trials = 2 + int(np.log(n_clusters))

    indices = np.full(n_clusters, -1, dtype=int)
    indices[0] = rs.choice(n_samples, p=weight / weight.sum())
    closest_dist_sq = _squared_distances(X[indices[:1]], X, x_squared_norms)[0]
    current_pot = closest_dist_sq @ weight
    for c in range(1, n_clusters):
        rand_vals = rs.uniform(size=n_local_trials) * current_pot
        candidate_ids = np.searchsorted(np.cumsum(weight * closest_dist_sq), rand_vals)
        np.clip(candidate_ids, None, n_samples - 1, out=candidate_ids)
        distance_to_candidates = _squared_distances(X[candidate_ids], X, x_squared_norms)
        np.minimum(closest_dist_sq, distance_to_candidates, out=distance_to_candidates)
        candidates_pot = distance_to_candidates @ weight
        best = np.argmin(candidates_pot)
        current_pot = candidates_pot[best]
        closest_dist_sq = distance_to_candidates[best]
        indices[c] = candidate_ids[best]
    return X[indices].copy(), indices


def _lloyd_step(X, weight, centers):
    """One Lloyd iteration: the labels (n_samples,) of the nearest centres and the new centres (n_clusters, 2).

    An empty cluster is first given the point farthest from its centre, as scikit-learn does.
    """
    from gmmviz.core import kernels     # here, not at the top: importing gmmviz must not load numba

    labels, in_cluster, sums = kernels.nearest_centres(X, centers, weight)
    empty = np.flatnonzero(in_cluster == 0)
    if empty.size:
        distances = ((X - centers[labels]) ** 2).sum(axis=1)
        if distances.max() != 0:        # 0: every point sits on its centre, moving one helps nothing
            farthest = np.argpartition(distances, -empty.size)[:-empty.size - 1:-1]
            for new, far in zip(empty, farthest):
                old = labels[far]
                sums[old] -= X[far] * weight[far]
                sums[new] = X[far] * weight[far]
                in_cluster[new] = weight[far]
                in_cluster[old] -= weight[far]
    # Averaged in order; a cluster still without weight goes where the heaviest cluster is by then (its
    # mean if that comes first, its sum otherwise): scikit-learn's ``_average_centers``.
    heaviest = np.argmax(in_cluster)
    for j in range(len(sums)):
        if in_cluster[j] > 0:
            sums[j] *= 1.0 / in_cluster[j]
        else:
            sums[j] = sums[heaviest]
    return labels, sums


def kmeans_labels(X, n_clusters, rs, sample_weight=None):
    """Cluster labels (n_samples,) of Lloyd's k-means from k-means++ seeds: ``KMeans(n_clusters, n_init=1).fit(X).labels_``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
        At least ``n_clusters`` rows.
    n_clusters : int
    rs : numpy.random.RandomState
        Consumed in place.
    sample_weight : ndarray of shape (n_samples,), optional
    """
    weight = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    tol = np.mean(np.var(X, axis=0)) * TOL
    X = X - X.mean(axis=0)
    centers, _ = kmeans_plusplus(X, n_clusters, rs, weight)
    labels_old = np.full(X.shape[0], -1)
    for _ in range(MAX_ITER):
        labels, centers_new = _lloyd_step(X, weight, centers)
        shift = (np.sqrt(((centers_new - centers) ** 2).sum(axis=1)) ** 2).sum()   # scikit-learn's rounding
        centers = centers_new
        if np.array_equal(labels, labels_old):
            return labels
        if shift <= tol:
            break
        labels_old = labels
    return _lloyd_step(X, weight, centers)[0]      # the labels of the final centres (scikit-learn's last E-step)
