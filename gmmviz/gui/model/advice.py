"""Advice on a finished fit that the numbers alone do not give: why EM stopped where it did.

Decision: a fit "stopped on a flat start" when the run converged, and at its first and its last
iteration every pair of components was nearly the same Gaussian (Bhattacharyya distance below
``FLAT_DISTANCE``, i.e. the two densities overlap by more than 95 %). ``random`` initialisation
gives every point near-uniform responsibilities, so all components start at the data's mean and
covariance; the first steps then change the log-likelihood by less than the tolerance and EM
reports convergence on what is one blob fitted K times. A fit that started apart and ended
merged, or a K = 1 fit, is not flagged: neither is explained by the start.

The advice is kmeans initialisation or a smaller tolerance, not restarts: on Old Faithful with
K = 2, ``random`` with seeds 0-4 stops flat after 2 iterations at tol 1e-3, and with tol 1e-5 every
seed tried (0, 1, 2) pulls the components apart and finds the two clusters (27-33 iterations).
"""

import numpy as np

#: Largest Bhattacharyya distance at which two components count as the same (overlap exp(-d) > 95 %).
FLAT_DISTANCE = 0.05


def bhattacharyya_distances(means, covariances):
    """Bhattacharyya distance of every pair of Gaussian components.

    Parameters
    ----------
    means : ndarray of shape (n_components, 2)
    covariances : ndarray of shape (n_components, 2, 2)
        Symmetric positive definite.

    Returns
    -------
    distances : ndarray of shape (n_pairs,)
        For the pairs ``i < j`` in the order of ``np.triu_indices(n_components, 1)``; 0 for
        identical components.
    """
    i, j = np.triu_indices(len(means), 1)
    pooled = (covariances[i] + covariances[j]) / 2.0                  # (P, 2, 2)
    delta = means[i] - means[j]                                        # (P, 2)
    mahalanobis = np.einsum("pi,pi->p", delta, np.linalg.solve(pooled, delta[..., None])[..., 0])
    _, logdet = np.linalg.slogdet(covariances)
    _, logdet_pooled = np.linalg.slogdet(pooled)
    return mahalanobis / 8.0 + (logdet_pooled - (logdet[i] + logdet[j]) / 2.0) / 2.0


def _is_one_blob(mixture):
    if mixture.n_components < 2:
        return False
    return bool(bhattacharyya_distances(mixture.means, mixture.full_covariances).max() < FLAT_DISTANCE)


def flat_start_warning(history_states):
    """Say why a converged fit is one blob fitted K times, or None when that is not the case.

    Parameters
    ----------
    history_states : sequence of EMState
        One fit's states in order, from its initialisation (iteration 0) to the newest, e.g. a
        ``FitSession.history``.

    Returns
    -------
    message : str or None
        One sentence for the status bar, or None.
    """
    if len(history_states) < 2:
        return None
    first, last = history_states[0], history_states[-1]
    if not (last.converged and _is_one_blob(first.mixture) and _is_one_blob(last.mixture)):
        return None
    iterations = last.iteration - first.iteration
    return (f"EM stopped after {iterations} iteration{'s' * (iterations != 1)} because the log-likelihood "
            "changed by less than the tolerance from a flat start (all components alike), not because it "
            "found separate clusters: choose kmeans initialisation or a smaller tolerance such as 1e-5.")
