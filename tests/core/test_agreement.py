"""Agreement of a fit with a known answer: ARI, the matched confusion matrix, the parameter error."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Mixture, fit
from gmmviz.core.agreement import (
    adjusted_rand_index,
    bhattacharyya_distances,
    matched_confusion,
    parameter_error,
)
from tests.core.conftest import example_mixture


def well_separated():
    return Mixture([0.5, 0.3, 0.2], [[0.0, 0.0], [20.0, 0.0], [0.0, 20.0]],
                   [[[1.0, 0.3], [0.3, 0.8]], [[0.6, 0.0], [0.0, 1.2]], [[1.0, -0.4], [-0.4, 1.0]]])


def test_ari_is_one_for_the_same_partition_under_other_numbers_and_names():
    assert adjusted_rand_index(["a", "a", "b", "c"], [2, 2, 0, 1]) == 1.0


def test_ari_equals_scikit_learn():
    from sklearn.metrics import adjusted_rand_score

    true = np.array([0, 0, 1, 1, 2, 2, 2])
    fitted = np.array([1, 0, 1, 1, 2, 0, 2])
    assert adjusted_rand_index(true, fitted) == pytest.approx(adjusted_rand_score(true, fitted))


def test_ari_is_one_for_a_fit_of_a_well_separated_truth():
    truth = well_separated()
    X, labels = truth.sample(600, seed=1)
    result = fit(X, 3, seed=0)
    assert adjusted_rand_index(labels, result.mixture.predict(X)) == 1.0


def test_labels_of_other_lengths_are_refused_in_one_sentence():
    with pytest.raises(GmmvizError, match="one length"):
        adjusted_rand_index([0, 1, 1], [0, 1])


def test_the_matched_confusion_matrix_has_the_agreements_on_its_diagonal():
    true = np.array(["setosa"] * 4 + ["versicolor"] * 3 + ["virginica"] * 3)
    fitted = np.array([2, 2, 2, 2, 0, 0, 1, 1, 1, 0])
    confusion = matched_confusion(true, fitted)
    assert confusion.classes.tolist() == ["setosa", "versicolor", "virginica"]
    assert confusion.components.tolist() == [2, 0, 1]
    assert confusion.matrix.tolist() == [[4, 0, 0], [0, 2, 1], [0, 1, 2]]
    assert confusion.matched_fraction == pytest.approx(0.8)


def test_a_component_without_points_keeps_its_column_after_the_matched_ones():
    confusion = matched_confusion([0, 0, 1, 1], [1, 1, 0, 0], n_components=3)
    assert confusion.components.tolist() == [1, 0, 2]
    assert confusion.matrix.tolist() == [[2, 0, 0], [0, 2, 0]]


def test_more_classes_than_components_puts_the_unmatched_class_last():
    confusion = matched_confusion([0, 0, 0, 1, 1, 2], [0, 0, 0, 1, 1, 1])
    assert confusion.classes.tolist() == [0, 1, 2]
    assert confusion.matrix.tolist() == [[3, 0], [0, 2], [0, 1]]
    assert confusion.matched_fraction == pytest.approx(5 / 6)


def test_bhattacharyya_distance_is_zero_for_equal_gaussians_and_known_for_shifted_ones():
    cov = np.array([[[2.0, 0.0], [0.0, 2.0]]])
    distance = bhattacharyya_distances(np.zeros((1, 2)), cov, np.array([[4.0, 0.0]]), cov)
    assert distance[0, 0] == pytest.approx(16.0 / (8.0 * 2.0))  # ⅛ Δμᵀ Σ⁻¹ Δμ
    assert bhattacharyya_distances(np.zeros((1, 2)), cov, np.zeros((1, 2)), cov)[0, 0] == pytest.approx(0.0)


def test_parameter_error_is_zero_against_a_renumbered_copy():
    truth = example_mixture()
    order = [2, 0, 1]
    renumbered = Mixture(truth.weights[order], truth.means[order], truth.full_covariances[order])
    error = parameter_error(truth, renumbered)
    assert error.pairs.tolist() == [[0, 1], [1, 2], [2, 0]]
    assert (error.weight, error.mean, error.covariance) == (0.0, 0.0, 0.0)


def test_parameter_error_is_the_largest_gap_of_each_parameter():
    truth = example_mixture()
    covariances = np.array(truth.full_covariances)
    covariances[1] += [[0.3, 0.0], [0.0, 0.4]]  # Frobenius norm 0.5
    means = np.array(truth.means)
    means[2] += [0.3, -0.4]  # distance 0.5
    moved = Mixture([0.45, 0.35, 0.2], means, covariances)
    error = parameter_error(truth, moved)
    assert error.weight == pytest.approx(0.05)
    assert error.mean == pytest.approx(0.5)
    assert error.covariance == pytest.approx(0.5)


def test_components_with_one_mean_are_matched_by_their_covariances():
    wide, narrow = [[4.0, 0.0], [0.0, 4.0]], [[0.2, 0.0], [0.0, 0.2]]
    truth = Mixture([0.5, 0.5], [[0.0, 0.0], [0.0, 0.0]], [wide, narrow])
    fitted = Mixture([0.5, 0.5], [[0.1, 0.0], [0.0, 0.1]], [narrow, wide])
    assert parameter_error(truth, fitted).pairs.tolist() == [[0, 1], [1, 0]]


def test_an_unmatched_component_counts_with_its_whole_weight():
    truth = example_mixture()
    two = Mixture([0.6, 0.4], truth.means[:2], truth.full_covariances[:2])
    error = parameter_error(truth, two)
    assert len(error.pairs) == 2
    assert error.weight == pytest.approx(0.2)  # the third component of the truth, matched to nothing
    assert error.mean == pytest.approx(0.0)
