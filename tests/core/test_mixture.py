"""The Mixture value object: validation, densities against scikit-learn, sampling, round trips."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, GmmvizError, Mixture

from .conftest import example_mixture, old_faithful


@pytest.fixture
def points():
    return np.random.default_rng(0).normal(0.0, 3.0, (500, 2))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_densities_agree_with_sklearn(covariance_type, points):
    mixture = example_mixture(covariance_type)
    gm = mixture.to_sklearn()
    np.testing.assert_allclose(mixture.score_samples(points), gm.score_samples(points), rtol=1e-12)
    np.testing.assert_allclose(mixture.pdf(points), np.exp(gm.score_samples(points)), rtol=1e-12)
    np.testing.assert_allclose(mixture.predict_proba(points), gm.predict_proba(points), atol=1e-12)
    np.testing.assert_array_equal(mixture.predict(points), gm.predict(points))
    assert mixture.score(points) == pytest.approx(gm.score(points), rel=1e-12)
    assert mixture.log_likelihood(points) == pytest.approx(gm.score(points) * len(points), rel=1e-12)
    assert mixture.bic(points) == pytest.approx(gm.bic(points), rel=1e-12)
    assert mixture.aic(points) == pytest.approx(gm.aic(points), rel=1e-12)
    assert mixture.n_parameters == gm._n_parameters()
    np.testing.assert_allclose(mixture.precisions_cholesky, gm.precisions_cholesky_, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_sklearn_round_trip(covariance_type, points):
    from sklearn.mixture import GaussianMixture

    gm = GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(old_faithful())
    mixture = Mixture.from_sklearn(gm)
    back = mixture.to_sklearn()
    for name in ("weights_", "means_", "covariances_", "precisions_cholesky_", "precisions_"):
        np.testing.assert_allclose(getattr(back, name), getattr(gm, name), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(back.predict_proba(points), gm.predict_proba(points), atol=1e-10)
    np.testing.assert_allclose(mixture.score_samples(points), gm.score_samples(points), rtol=1e-10)
    assert Mixture.from_sklearn(back) == mixture


def test_full_covariances_for_every_type():
    full = example_mixture("full").full_covariances
    assert example_mixture("tied").full_covariances.shape == (3, 2, 2)
    np.testing.assert_array_equal(example_mixture("tied").full_covariances, np.repeat(full[:1], 3, axis=0))
    np.testing.assert_array_equal(example_mixture("diag").full_covariances[:, 0, 1], 0.0)
    np.testing.assert_array_equal(example_mixture("spherical").full_covariances[:, 1, 1], [1.0, 0.4, 2.0])


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_covariances_may_be_given_as_full_matrices(covariance_type):
    reference = example_mixture(covariance_type)
    again = Mixture(reference.weights, reference.means, reference.full_covariances, covariance_type)
    assert again == reference
    assert again.covariances.shape == reference.covariances.shape


def test_full_matrices_must_have_the_type_structure():
    full = example_mixture("full")
    with pytest.raises(GmmvizError, match="'diag' structure"):
        Mixture(full.weights, full.means, full.full_covariances, "diag")


def test_weights_are_renormalised_within_tolerance():
    mixture = Mixture([0.5, 0.5 + 5e-7], [[0, 0], [1, 1]], [1.0, 1.0], "spherical")
    assert mixture.weights.sum() == pytest.approx(1.0, abs=1e-15)


def test_weights_that_sum_to_one_up_to_round_off_are_kept_bit_for_bit():
    weights = np.array([0.1, 0.2, 0.3, 0.4 + 2e-16])  # sums to 1 + 2 ulps
    mixture = Mixture(weights, np.zeros((4, 2)), np.ones(4), "spherical")
    assert mixture.weights.tobytes() == weights.tobytes()


@pytest.mark.parametrize(
    "weights, means, covariances, covariance_type, message",
    [
        ([0.5, 0.6], [[0, 0], [1, 1]], [1.0, 1.0], "spherical", "sum to 1"),
        ([1.5, -0.5], [[0, 0], [1, 1]], [1.0, 1.0], "spherical", "non-negative"),
        ([0.5, 0.5], [[0, 0]], [1.0, 1.0], "spherical", "means"),
        ([0.5, 0.5], [[0, 0], [1, 1]], [1.0, -1.0], "spherical", "positive definite"),
        ([0.5, 0.5], [[0, 0], [1, 1]], [[1.0, 2.0], [2.0, 1.0]], "tied", "positive definite"),
        ([0.5, 0.5], [[0, 0], [1, 1]], [[[1, 0.5], [0, 1]], [[1, 0], [0, 1]]], "full", "symmetric"),
        ([0.5, 0.5], [[0, 0], [1, 1]], [1.0, 1.0, 1.0], "spherical", "shape"),
        ([0.5, 0.5], [[0, 0], [1, np.nan]], [1.0, 1.0], "spherical", "finite"),
        ([0.5, 0.5], [[0, 0], [1, 1]], [1.0, 1.0], "round", "covariance type"),
        ([], [], [], "full", "non-empty"),
    ],
)
def test_invalid_parameters_are_one_line_errors(weights, means, covariances, covariance_type, message):
    with pytest.raises(GmmvizError, match=message):
        Mixture(weights, means, covariances, covariance_type)


def test_mixture_is_immutable():
    mixture = example_mixture()
    with pytest.raises(ValueError):
        mixture.means[0, 0] = 1.0
    with pytest.raises(AttributeError):
        mixture.weights = np.ones(3) / 3


def test_sample_is_reproducible_with_the_right_proportions():
    mixture = example_mixture()
    X, labels = mixture.sample(20000, seed=4)
    again, again_labels = mixture.sample(20000, seed=4)
    np.testing.assert_array_equal(X, again)
    np.testing.assert_array_equal(labels, again_labels)
    assert X.shape == (20000, 2) and labels.shape == (20000,)
    np.testing.assert_allclose(np.bincount(labels) / 20000, mixture.weights, atol=0.015)
    for k in range(3):
        np.testing.assert_allclose(X[labels == k].mean(axis=0), mixture.means[k], atol=0.06)
        np.testing.assert_allclose(np.cov(X[labels == k], rowvar=False), mixture.full_covariances[k], atol=0.1)
    assert not np.array_equal(mixture.sample(100, seed=5)[0], X[:100])


def test_sample_rejects_a_bad_count():
    with pytest.raises(GmmvizError, match="non-negative integer"):
        example_mixture().sample(-3)


def test_scoring_rejects_bad_points():
    with pytest.raises(GmmvizError, match=r"shape \(n_samples, 2\)"):
        example_mixture().score_samples(np.zeros((4, 3)))
    with pytest.raises(GmmvizError, match="NaN"):
        example_mixture().predict(np.array([[np.inf, 0.0]]))


def test_densities_of_large_inputs_match_small_chunks():
    """Inputs larger than one kernel chunk are split across threads with the same results."""
    mixture = example_mixture()
    X = np.random.default_rng(1).normal(0.0, 3.0, (150_000, 2))
    whole = mixture.score_samples(X)
    pieces = np.concatenate([mixture.score_samples(part) for part in np.array_split(X, 7)])
    np.testing.assert_array_equal(whole, pieces)
    assert mixture.log_likelihood(X) == pytest.approx(whole.sum(), rel=1e-12)


def test_with_covariance_type_projects():
    full = example_mixture("full")
    spherical = full.with_covariance_type("spherical")
    np.testing.assert_allclose(spherical.covariances, full.full_covariances[:, [0, 1], [0, 1]].mean(axis=1))
    tied = full.with_covariance_type("tied")
    np.testing.assert_allclose(tied.covariances, np.einsum("k,kij->ij", full.weights, full.full_covariances))
    assert full.with_covariance_type("full") is full


def test_responsibilities_stay_accurate_far_into_the_tails():
    """Across the whole range of exp, including underflow, densities and P(k|x) match scikit-learn."""
    mixture = Mixture([0.3, 0.7], [[-1.0, 0.0], [1.0, 0.0]], [0.5, 0.5], "spherical")
    t = np.linspace(-400.0, 400.0, 40001)
    X = np.column_stack([t, 0.1 * t])
    gm = mixture.to_sklearn()
    np.testing.assert_allclose(mixture.score_samples(X), gm.score_samples(X), rtol=1e-13)
    resp, expected = mixture.predict_proba(X), gm.predict_proba(X)
    np.testing.assert_allclose(resp, expected, rtol=0, atol=1e-14)
    # Tiny probabilities are as exact as their log allows (the log-odds are ~1e5 here, so ~1e-11).
    tail = expected > 1e-300
    np.testing.assert_allclose(np.log(resp[tail]), np.log(expected[tail]), rtol=0, atol=1e-9)
    assert np.all(resp[~tail] < 1e-300)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_full_matrices_give_back_the_exact_parameters(covariance_type):
    covariances = {
        "full": np.array([[[0.07, 0.43], [0.43, 33.7]]] * 3),
        "tied": np.array([[0.07, 0.43], [0.43, 33.7]]),
        "diag": np.array([[0.07, 33.7], [0.1, 0.3], [1 / 3, 2 / 3]]),
        "spherical": np.array([0.07, 1 / 3, 33.7]),
    }[covariance_type]
    mixture = Mixture(np.ones(3) / 3, np.zeros((3, 2)), covariances, covariance_type)
    again = Mixture(mixture.weights, mixture.means, mixture.full_covariances, covariance_type)
    np.testing.assert_array_equal(again.covariances, covariances)


def test_a_negative_weight_is_named_as_such():
    with pytest.raises(GmmvizError, match=r"^weights must be non-negative, but component 2 has weight -0\.5$"):
        Mixture([1.5, -0.5], [[0, 0], [1, 1]], [1.0, 1.0], "spherical")


@pytest.mark.parametrize("points, kind", [
    (np.array([[1.0 + 2.0j, 0.0]]), "complex numbers"),
    (np.array([[True, False]]), "booleans"),
    ([["1.0", "2.0"]], "text"),
    (np.array([[1.0, None]], dtype=object), "Python objects"),
])
def test_points_that_are_not_real_numbers_are_refused(points, kind):
    with pytest.raises(GmmvizError, match=rf"^X must be real numbers of shape \(n_samples, 2\), got {kind}: "):
        example_mixture().score_samples(points)


#: Positive definite by the kernels' closed-form Cholesky, refused by LAPACK's (within round-off of singular).
NEAR_SINGULAR = np.array([[3.5597270543593074, 0.6261522158024466], [0.6261522158024466, 0.11013951108250891]])


def test_a_near_singular_covariance_the_kernels_accept_can_be_sampled():
    mixture = Mixture([1.0], [[2.0, -1.0]], NEAR_SINGULAR[None])
    X, labels = mixture.sample(20_000, seed=1)
    assert X.shape == (20_000, 2) and np.all(labels == 0) and np.all(np.isfinite(X))
    np.testing.assert_allclose(np.cov(X, rowvar=False), NEAR_SINGULAR, rtol=0.05, atol=1e-3)
    assert np.all(np.isfinite(mixture.score_samples(X)))


def test_a_covariance_the_kernels_reject_is_refused_in_one_sentence():
    with pytest.raises(GmmvizError, match=r"^the covariance matrix of component 2 is not positive definite[^.]*$"):
        Mixture([0.5, 0.5], [[0, 0], [1, 1]], [np.eye(2), [[1.0, 1.0], [1.0, 1.0]]])


def _entropy(resp):
    """−Σ p log p over the responsibilities, 0 · log 0 = 0, computed here independently of gmmviz."""
    resp = np.asarray(resp)
    return -sum(p * np.log(p) for p in resp.ravel() if p > 0)


def test_icl_score_of_a_hand_example():
    from gmmviz.core.mixture import bic_score, classification_entropy, icl_score

    resp = [[1.0, 0.0], [0.5, 0.5]]  # a certain point (0 · log 0 = 0) and one shared equally
    assert classification_entropy(resp) == pytest.approx(np.log(2), rel=1e-15)
    # BIC = −2 · (−3) + 5 log 2; ICL adds 2E = 2 log 2
    assert bic_score(-3.0, 5, 2) == pytest.approx(6 + 5 * np.log(2), rel=1e-15)
    assert icl_score(-3.0, 5, 2, resp) == pytest.approx(6 + 7 * np.log(2), rel=1e-15)
    assert classification_entropy(np.eye(3)) == 0.0
    assert classification_entropy(np.full((4, 3), 1 / 3)) == pytest.approx(4 * np.log(3), rel=1e-15)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_icl_is_bic_plus_twice_the_entropy_and_bounds_mclusts(covariance_type, points):
    mixture = example_mixture(covariance_type)
    resp = mixture.predict_proba(points)
    icl = mixture.icl(points)
    assert icl == pytest.approx(mixture.bic(points) + 2 * _entropy(resp), rel=1e-12)
    # mclust's icl(): its BIC (2 log L − p log n) + 2 Σᵢ log of each point's largest responsibility
    mclust_icl = -mixture.bic(points) + 2 * np.log(resp.max(axis=1)).sum()
    assert -mclust_icl < icl
    hard = np.eye(mixture.n_components)[resp.argmax(axis=1)]
    assert _entropy(hard) == 0.0
