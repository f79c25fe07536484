"""Component surgery on Mixture, checked against numbers worked out by hand."""

import math

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, GmmvizError, Mixture
from gmmviz.core.surgery import pair_moments

A = math.sqrt(2 / math.pi)      # a half normal's mean, in standard deviations


def second_moment(weights, means, full):
    """Σ w (Σ + μ μᵀ): the weighted second moment of components, (2, 2)."""
    return np.einsum("k,kij->ij", weights, full + np.einsum("ki,kj->kij", means, means))


def mixture_of(covariance_type, covariances):
    return Mixture([0.2, 0.6, 0.2], [[0.0, 0.0], [4.0, 4.0], [-3.0, 5.0]], covariances, covariance_type)


MERGE_CASES = {
    # covariances of the three components, and the merged covariance of components 0 and 1 worked by hand:
    # 0.25 (Σ0 + [[9, 9], [9, 9]]) + 0.75 (Σ1 + [[1, 1], [1, 1]]) about the merged mean (3, 3)
    "full": ([[[1, 0], [0, 1]], [[2, 0], [0, 3]], [[1, 0.5], [0.5, 1]]], [[4.75, 3.0], [3.0, 5.5]]),
    "diag": ([[1, 1], [2, 3], [1, 2]], [[4.75, 0.0], [0.0, 5.5]]),         # the diagonal of the full answer
    "spherical": ([1, 2, 3], [[4.75, 0.0], [0.0, 4.75]]),                   # 0.25·10 + 0.75·3 on both axes
    # the shared covariance plus (0.2·0.6 / 0.8) d dᵀ, d = (−4, −4): 0.15 · 16 = 2.4 everywhere
    "tied": ([[2, 1], [1, 3]], [[4.4, 3.4], [3.4, 5.4]]),
}


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_merge_keeps_the_pairs_weight_and_mean_and_the_covariance_worked_by_hand(covariance_type):
    covariances, expected = MERGE_CASES[covariance_type]
    mixture = mixture_of(covariance_type, covariances)
    merged = mixture.merge_components(1, 0)
    assert merged.n_components == 2 and merged.covariance_type == covariance_type
    np.testing.assert_allclose(merged.weights, [0.8, 0.2], rtol=1e-15)
    np.testing.assert_allclose(merged.means, [[3.0, 3.0], [-3.0, 5.0]], rtol=1e-15)
    np.testing.assert_allclose(merged.full_covariances[0], expected, rtol=1e-14)
    if covariance_type != "tied":
        np.testing.assert_array_equal(merged.full_covariances[1], mixture.full_covariances[2])


def test_a_full_merge_keeps_the_pairs_second_moment_and_a_tied_one_the_mixtures():
    full = mixture_of("full", MERGE_CASES["full"][0])
    merged = full.merge_components(0, 1)
    np.testing.assert_allclose(second_moment(merged.weights[:1], merged.means[:1], merged.full_covariances[:1]),
                               second_moment(full.weights[:2], full.means[:2], full.full_covariances[:2]),
                               rtol=1e-14)
    tied = mixture_of("tied", MERGE_CASES["tied"][0])
    merged = tied.merge_components(0, 1)
    np.testing.assert_allclose(second_moment(merged.weights, merged.means, merged.full_covariances),
                               second_moment(tied.weights, tied.means, tied.full_covariances), rtol=1e-14)


def test_split_cuts_a_component_along_its_major_axis_into_its_two_halves():
    # eigenvalues 4 along (1, 1)/√2 and 1 across: the halves sit at ±2A along the axis, whose variance
    # becomes 4 (1 − 2/π); Σ − (2A)² u uᵀ with u uᵀ = [[½, ½], [½, ½]]
    mixture = Mixture([0.5, 0.5], [[1.0, 2.0], [9.0, 9.0]], [[[2.5, 1.5], [1.5, 2.5]], np.eye(2)])
    split = mixture.split_component(0)
    step = 2 * A / math.sqrt(2)
    np.testing.assert_allclose(split.weights, [0.25, 0.5, 0.25], rtol=1e-15)
    np.testing.assert_allclose(split.means, [[1 - step, 2 - step], [9, 9], [1 + step, 2 + step]], rtol=1e-14)
    child = [[2.5 - 4 / math.pi, 1.5 - 4 / math.pi], [1.5 - 4 / math.pi, 2.5 - 4 / math.pi]]
    np.testing.assert_allclose(split.full_covariances[[0, 2]], [child, child], rtol=1e-14)
    weight, mean, covariance = pair_moments(split.weights[[0, 2]], split.means[[0, 2]], split.full_covariances[[0, 2]])
    assert weight == pytest.approx(0.5, rel=1e-15)
    np.testing.assert_allclose(mean, [1.0, 2.0], rtol=1e-14)
    np.testing.assert_allclose(covariance, mixture.full_covariances[0], rtol=1e-14)


@pytest.mark.parametrize("covariance_type, covariances, means, child", [
    # diag: the y variance is the larger, so the halves move along y: ±A·2, variance 4 (1 − 2/π)
    ("diag", [[1.0, 4.0], [1.0, 1.0]], [[1.0, 2.0 - 2 * A], [1.0, 2.0 + 2 * A]], [[1.0, 0.0], [0.0, 4 - 8 / math.pi]]),
    # spherical: along x, ±A·2, and round with variance 4 (1 − 1/π)
    ("spherical", [4.0, 1.0], [[1.0 - 2 * A, 2.0], [1.0 + 2 * A, 2.0]], [[4 - 4 / math.pi, 0.0], [0.0, 4 - 4 / math.pi]]),
    # tied: along the shared major axis x, ±A·2; the shared covariance loses w (2A)² = 0.5 · 8/π along x
    ("tied", [[4.0, 0.0], [0.0, 1.0]], [[1.0 - 2 * A, 2.0], [1.0 + 2 * A, 2.0]], [[4 - 4 / math.pi, 0.0], [0.0, 1.0]]),
])
def test_split_of_the_structured_types_worked_by_hand(covariance_type, covariances, means, child):
    mixture = Mixture([0.5, 0.5], [[1.0, 2.0], [9.0, 9.0]], covariances, covariance_type)
    split = mixture.split_component(0)
    np.testing.assert_allclose(split.means[[0, 2]], means, rtol=1e-14)
    np.testing.assert_allclose(split.full_covariances[[0, 2]], [child, child], rtol=1e-14, atol=1e-15)
    assert split.covariance_type == covariance_type


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_merging_the_two_halves_of_a_split_gives_the_component_back(covariance_type):
    mixture = mixture_of(covariance_type, MERGE_CASES[covariance_type][0])
    again = mixture.split_component(1).merge_components(1, 3)
    np.testing.assert_allclose(again.weights, mixture.weights, rtol=1e-14)
    np.testing.assert_allclose(again.means, mixture.means, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(again.full_covariances, mixture.full_covariances, rtol=1e-13, atol=1e-14)


def test_an_added_component_gets_its_share_and_the_average_covariance_by_default():
    mixture = mixture_of("full", MERGE_CASES["full"][0])
    added = mixture.with_component_added([1.0, -1.0])
    np.testing.assert_allclose(added.weights, [0.15, 0.45, 0.15, 0.25], rtol=1e-15)
    np.testing.assert_array_equal(added.means[3], [1.0, -1.0])
    # 0.2 I + 0.6 diag(2, 3) + 0.2 [[1, .5], [.5, 1]]
    np.testing.assert_allclose(added.full_covariances[3], [[1.6, 0.1], [0.1, 2.2]], rtol=1e-15)
    given = mixture.with_component_added([1.0, -1.0], [[2.0, 0.3], [0.3, 1.0]], weight=0.5)
    np.testing.assert_allclose(given.weights, [0.1, 0.3, 0.1, 0.5], rtol=1e-15)
    np.testing.assert_array_equal(given.full_covariances[3], [[2.0, 0.3], [0.3, 1.0]])
    assert mixture.n_components == 3          # a new mixture; this one is unchanged


def test_an_added_component_of_a_structured_type_takes_the_types_own_shape():
    assert Mixture([1.0], [[0.0, 0.0]], [[1.0, 2.0]], "diag").with_component_added(
        [1, 1], [3.0, 4.0]).covariances.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert Mixture([1.0], [[0.0, 0.0]], [2.0], "spherical").with_component_added([1, 1], 5.0).covariances.tolist() \
        == [2.0, 5.0]
    tied = Mixture([1.0], [[0.0, 0.0]], [[2.0, 1.0], [1.0, 2.0]], "tied")
    assert tied.with_component_added([1, 1]).covariances.tolist() == [[2.0, 1.0], [1.0, 2.0]]
    with pytest.raises(GmmvizError, match="share one covariance"):
        tied.with_component_added([1, 1], np.eye(2))
    with pytest.raises(GmmvizError, match="'diag' structure"):
        Mixture([1.0], [[0.0, 0.0]], [[1.0, 2.0]], "diag").with_component_added([1, 1], [[1.0, 0.5], [0.5, 1.0]])


def test_removing_a_component_renormalises_the_others():
    mixture = mixture_of("full", MERGE_CASES["full"][0])
    fewer = mixture.without_component(1)
    np.testing.assert_allclose(fewer.weights, [0.5, 0.5], rtol=1e-15)
    np.testing.assert_array_equal(fewer.means, mixture.means[[0, 2]])
    np.testing.assert_array_equal(fewer.full_covariances, mixture.full_covariances[[0, 2]])


@pytest.mark.parametrize("operation, message", [
    (lambda m: m.without_component(3), "no component 3 to remove: the components are 0 to 2"),
    (lambda m: m.split_component(-1), "no component -1 to split"),
    (lambda m: m.merge_components(1, 1), "cannot merge component 1 with itself"),
    (lambda m: m.merge_components(0, 1.5), "given by its index"),
    (lambda m: m.with_component_added([1.0, math.nan]), "two finite numbers"),
    (lambda m: m.with_component_added([1.0, 2.0], weight=1.0), "strictly between 0 and 1"),
    (lambda m: Mixture([1.0], [[0.0, 0.0]], [1.0], "spherical").without_component(0), "at least one component"),
])
def test_impossible_surgery_is_one_sentence(operation, message):
    with pytest.raises(GmmvizError, match=message):
        operation(mixture_of("full", MERGE_CASES["full"][0]))
