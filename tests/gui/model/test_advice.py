import numpy as np
import pytest

from gmmviz.core import EM
from gmmviz.gui.model.advice import bhattacharyya_distances, flat_start_warning
from gmmviz.gui.model.history import History


def _history(X, n_components, **settings):
    """The session's record of a run to convergence: iteration 0, then every M-step."""
    em = EM(X, n_components, **settings)
    history = History()
    history.record(em.state)
    for state in em.half_steps():
        history.record(state)
    return history


def test_a_random_start_that_stops_as_one_blob_is_explained(faithful):
    history = _history(faithful, 2, init="random", seed=0)
    assert history[-1].converged and len(history) == 3
    message = flat_start_warning(history)
    assert message.startswith("EM stopped after 2 iterations because the log-likelihood changed by less than")
    assert "kmeans" in message and "smaller tolerance" in message


@pytest.mark.parametrize("settings", [{"init": "kmeans"}, {"init": "random", "tol": 1e-5}])
def test_fits_that_found_the_clusters_get_no_advice(faithful, settings):
    history = _history(faithful, 2, seed=0, **settings)
    assert history[-1].converged
    assert flat_start_warning(history) is None


def test_an_unfinished_or_single_component_fit_gets_no_advice(faithful):
    assert flat_start_warning(_history(faithful, 1, init="random", seed=0)) is None
    assert flat_start_warning(_history(faithful, 2, init="random", seed=0, max_iter=1)) is None
    assert flat_start_warning([]) is None


def test_bhattacharyya_distance_of_known_pairs():
    means = np.array([[0.0, 0.0], [0.0, 0.0], [2.0, 0.0]])
    covariances = np.array([np.eye(2), np.eye(2), 4 * np.eye(2)])
    distances = bhattacharyya_distances(means, covariances)
    # pairs (0, 1), (0, 2), (1, 2): identical, then pooled covariance 2.5 I:
    # |Δμ|² / (8 · 2.5) + log(det pooled / sqrt(det I · det 4I)) / 2
    expected = 4 / (8 * 2.5) + 0.5 * np.log(2.5 ** 2 / 4)
    np.testing.assert_allclose(distances, [0.0, expected, expected], atol=1e-12)
