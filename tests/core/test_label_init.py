"""Initial parameters from labels: the M-step of one-hot responsibilities."""

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters

from gmmviz.core import COVARIANCE_TYPES
from gmmviz.core.errors import GmmvizError
from gmmviz.core.label_init import UNLABELLED, label_codes, label_responsibilities, mixture_from_labels


def iris_petals():
    data = load_iris()
    return np.ascontiguousarray(data.data[:, 2:]), data.target_names[data.target]


def test_labels_are_numbered_in_sorted_order_numbers_as_numbers():
    codes, names = label_codes(["virginica", "setosa", "", "versicolor", None])
    assert names == ("setosa", "versicolor", "virginica")
    assert codes.tolist() == [2, 0, UNLABELLED, 1, UNLABELLED]
    codes, names = label_codes(["10", "2", "1"])
    assert names == ("1", "2", "10") and codes.tolist() == [2, 1, 0]


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_the_mixture_is_scikit_learns_estimate_from_the_labelled_points(covariance_type):
    X, species = iris_petals()
    codes, _ = label_codes(species)
    codes[::3] = UNLABELLED                      # unlabelled points take no part
    mixture = mixture_from_labels(X, codes, 3, covariance_type, reg_covar=1e-6)
    labelled = codes != UNLABELLED
    resp = label_responsibilities(codes[labelled], 3)
    nk, means, covariances = _estimate_gaussian_parameters(X[labelled], resp, 1e-6, covariance_type)
    np.testing.assert_allclose(mixture.weights, nk / nk.sum(), rtol=1e-12)
    np.testing.assert_allclose(mixture.means, means, rtol=1e-12)
    np.testing.assert_allclose(mixture.covariances, covariances, rtol=1e-9)


def test_a_component_without_labelled_points_or_a_label_beyond_k_is_refused():
    X, species = iris_petals()
    codes, _ = label_codes(species)
    with pytest.raises(GmmvizError, match="component 4 has no labelled points.*set K to 3"):
        mixture_from_labels(X, codes, 4)
    with pytest.raises(GmmvizError, match="labelled with component 3 but there are 2 components"):
        mixture_from_labels(X, codes, 2)
    codes[codes == 0] = 2                       # component 1 left without points: fewer K would not do
    with pytest.raises(GmmvizError, match="component 1 has no labelled points: label at least one point for "
                                          "every component$"):
        mixture_from_labels(X, codes, 3)


def test_with_the_prior_it_is_the_posterior_mode_an_m_step_gives():
    from gmmviz.core import EM

    X, species = iris_petals()
    codes, _ = label_codes(species)
    mixture = mixture_from_labels(X, codes, 3, "full", prior=True)
    plain = mixture_from_labels(X, codes, 3, "full")
    assert not np.allclose(mixture.covariances, plain.covariances)
    # EM from it continues as from any given parameters
    state = EM(X, 3, init=mixture, prior=True).step()
    assert state.iteration == 1


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_integer_weights_give_the_mixture_of_the_repeated_points(covariance_type):
    X, species = iris_petals()
    codes, _ = label_codes(species)
    weight = np.arange(150) % 4                   # weight 0: as if the point were not labelled
    weighted = mixture_from_labels(X, codes, 3, covariance_type, sample_weight=weight)
    repeated = mixture_from_labels(np.repeat(X, weight, axis=0), np.repeat(codes, weight), 3, covariance_type)
    for name in ("weights", "means", "covariances"):
        np.testing.assert_allclose(getattr(weighted, name), getattr(repeated, name), rtol=1e-10)
