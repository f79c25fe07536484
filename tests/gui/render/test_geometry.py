import numpy as np

from gmmviz.core import Mixture
from gmmviz.gui.render.geometry import contour_lines, ellipse_outlines, hdr_log_levels


def _mahalanobis(points, mean, cov):
    d = points - mean
    return np.sqrt(np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d))


def test_ellipses_lie_at_one_two_three_sigma():
    means = np.array([[1.0, -2.0], [0.0, 0.0]])
    covs = np.array([[[2.0, 0.6], [0.6, 1.0]], [[0.5, 0.0], [0.0, 3.0]]])
    outlines = ellipse_outlines(means, covs)
    assert outlines.shape[:2] == (2, 3)
    for k in range(2):
        for s, sigma in enumerate((1, 2, 3)):
            np.testing.assert_allclose(_mahalanobis(outlines[k, s], means[k], covs[k]), sigma, rtol=1e-10)


def test_contour_levels_enclose_the_requested_probability_mass():
    mixture = Mixture([0.3, 0.7], [[0, 0], [4, 1]], [[[1, 0.3], [0.3, 0.5]], [[2, 0], [0, 1]]])
    masses = (0.95, 0.5)
    levels = hdr_log_levels(mixture, masses)
    X, _ = mixture.sample(200_000, seed=5)
    inside = [(mixture.score_samples(X) >= level).mean() for level in levels]
    np.testing.assert_allclose(inside, masses, atol=0.02)


def test_contour_of_one_gaussian_is_its_ellipse():
    cov = np.array([[1.0, 0.4], [0.4, 2.0]])
    mixture = Mixture([1.0], [[1.0, 2.0]], cov[None])
    # For one Gaussian the region holding mass p is the ellipse of radius sqrt(-2 ln(1 - p)).
    level = mixture.score_samples(np.array([[1.0, 2.0]]))[0] - 0.5 * (-2 * np.log(0.5))
    (line,) = contour_lines(mixture, (-5, -4, 12, 12), [level], (300, 300))
    vertices = line[np.isfinite(line).all(axis=1)]
    np.testing.assert_allclose(_mahalanobis(vertices, [1.0, 2.0], cov), np.sqrt(2 * np.log(2)), rtol=2e-3)


def test_contour_outside_the_region_is_none():
    mixture = Mixture([1.0], [[0.0, 0.0]], np.eye(2)[None])
    assert contour_lines(mixture, (10, 10, 1, 1), [-1.0], (20, 20)) == [None]


def test_a_near_singular_covariance_that_em_can_produce_is_contoured():
    """Positive definite by the kernels' closed-form Cholesky, though LAPACK's refuses it."""
    near_singular = [[3.5597270543593074, 0.6261522158024466], [0.6261522158024466, 0.11013951108250891]]
    mixture = Mixture([0.6, 0.4], [[0.0, 0.0], [3.0, 1.0]], [near_singular, np.eye(2)])
    levels = hdr_log_levels(mixture)
    assert levels.shape == (4,) and np.all(np.isfinite(levels)) and np.all(np.diff(levels) > 0)
    lines = contour_lines(mixture, (-6, -4, 12, 9), levels, (300, 300))
    assert len(lines) == 4 and lines[0] is not None and np.isfinite(lines[0]).any()
