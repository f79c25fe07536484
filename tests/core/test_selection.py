"""Model selection sweeps K × covariance types and picks the lowest criterion."""

import math

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, GmmvizError, fit, select
from gmmviz.core.em import collapsed_components
from gmmviz.core.selection import SelectionRow

from .conftest import blobs, old_faithful


def test_rows_cover_the_grid_and_best_is_lowest_bic():
    X = old_faithful()
    calls = []
    result = select(X, n_components=range(1, 5), seed=0, progress=lambda done, total: calls.append((done, total)))
    assert [(r.n_components, r.covariance_type) for r in result.rows] == [
        (k, t) for k in range(1, 5) for t in COVARIANCE_TYPES
    ]
    assert calls == [(i, 16) for i in range(1, 17)]
    assert result.criterion == "bic"
    assert result.best.bic == min(r.bic for r in result.rows)
    assert result.best_fit.bic == result.best.bic
    assert isinstance(result.rows, tuple) and all(isinstance(r, SelectionRow) for r in result.rows)
    assert all(r.error is None for r in result.rows)


def test_rows_are_the_fits_and_agree_with_sklearn():
    from sklearn.mixture import GaussianMixture

    X = blobs()
    result = select(X, n_components=[2, 3], covariance_types=["diag"], seed=4)
    for row in result.rows:
        single = fit(X, row.n_components, covariance_type="diag", seed=4)
        assert row.bic == single.bic and row.log_likelihood == single.log_likelihood
        gm = GaussianMixture(row.n_components, covariance_type="diag", random_state=4).fit(X)
        assert row.bic == pytest.approx(gm.bic(X), rel=1e-9)
        assert row.aic == pytest.approx(gm.aic(X), rel=1e-9)


def test_blobs_select_three_components():
    result = select(blobs(), n_components=range(1, 6), covariance_types="full", seed=0)
    assert result.best.n_components == 3


def test_aic_criterion_and_same_seed_same_table():
    X = old_faithful()
    a = select(X, n_components=[1, 2, 3], covariance_types=("full", "tied"), criterion="aic", seed=1)
    b = select(X, n_components=[1, 2, 3], covariance_types=("full", "tied"), criterion="aic", seed=1)
    assert a.rows == b.rows
    assert a.best.aic == min(r.aic for r in a.rows)


def test_candidates_that_cannot_be_fitted_are_skipped():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [3.0, 3.0]]), 5, axis=0)
    result = select(X, n_components=[1, 2, 5], covariance_types=["spherical"], seed=0)
    assert "distinct points" in result.rows[-1].error and math.isnan(result.rows[-1].bic)
    assert result.best.n_components in (1, 2)


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"criterion": "mdl"}, "criterion 'mdl': use bic, aic or icl"),
        ({"covariance_types": ["round"]}, "covariance_type must be one of"),
        ({"n_components": []}, "at least one"),
    ],
)
def test_bad_settings_are_errors(settings, message):
    with pytest.raises(GmmvizError, match=message):
        select(old_faithful(), **settings)


def test_all_candidates_failing_is_an_error():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0]]), 5, axis=0)
    with pytest.raises(GmmvizError, match="distinct points"):
        select(X, n_components=[3, 4])


def _ten_with_duplicates():
    """10 points, 7 distinct: four pairs of duplicates and three single points."""
    return np.array([[0, 0], [0, 0], [1, 1], [1, 1], [2, 0], [2, 0], [3, 3], [0, 3], [1, 2], [2, 2]], float)


def test_degenerate_candidates_are_not_chosen_while_another_is_not():
    result = select(_ten_with_duplicates(), n_components=range(1, 7), seed=0)
    lowest = min(result.rows, key=lambda row: row.bic)
    assert lowest.n_components == 6 and lowest.degenerate  # collapsed components win on BIC
    assert result.best.degenerate == ()
    assert result.best.bic == min(row.bic for row in result.rows if not row.degenerate)
    # K=6 tied collapses onto vertical lines (each component's points share their x), not onto points.
    tied = next(row for row in result.rows if (row.n_components, row.covariance_type) == (6, "tied"))
    assert tied.degenerate == (0, 1, 2, 3, 4, 5)


def test_two_clusters_of_small_spread_are_two_components_not_degenerate_ones():
    """GPS-like degrees spread over 0.01: a test of √det against 100·reg_covar (1e-4) flagged both clusters,
    and select chose K = 1; scaled by 1e-2 the points fit as they do at scale 1."""
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal([52.50, 13.40], 0.01, (150, 2)), rng.normal([52.55, 13.45], 0.01, (150, 2))])
    result = select(X, n_components=range(1, 5), covariance_types=["full"], seed=0)
    assert result.best.n_components == 2 and not any(row.degenerate for row in result.rows[:2])
    for data, reg_covar in ((X, 1e-6), (X * 100, 1e-2)):
        result = fit(data, 2, seed=0, reg_covar=reg_covar)
        assert collapsed_components(result.mixture, reg_covar).size == 0


def test_the_best_of_degenerate_candidates_says_so():
    result = select(_ten_with_duplicates(), n_components=[7], covariance_types=["full", "tied"], seed=0)
    assert all(row.degenerate for row in result.rows)
    assert result.best.degenerate == tuple(range(7))
    assert result.best.bic == min(row.bic for row in result.rows)


def _two_overlapping_clusters():
    """600 points from two unit Gaussians 3 apart: BIC prefers K=2, ICL one component."""
    rng = np.random.default_rng(0)
    return np.vstack([rng.normal([0, 0], 1, (300, 2)), rng.normal([3, 0], 1, (300, 2))])


def test_select_by_icl_ranks_by_icl():
    X = _two_overlapping_clusters()
    by_icl = select(X, n_components=[1, 2, 3], covariance_types=("full",), criterion="icl", seed=0)
    by_bic = select(X, n_components=[1, 2, 3], covariance_types=("full",), criterion="bic", seed=0)
    assert by_icl.criterion == "icl"
    assert by_icl.best.icl == min(row.icl for row in by_icl.rows) and by_icl.best.n_components == 1
    assert by_bic.best.n_components == 2  # the entropy of the overlap is what ICL adds
    for row in by_icl.rows:
        single = fit(X, row.n_components, covariance_type="full", seed=0)
        assert row.icl == single.icl and row.bic == single.bic
    assert by_icl.best_fit.icl == by_icl.best.icl


def test_select_by_icl_skips_degenerate_candidates():
    result = select(_ten_with_duplicates(), n_components=range(1, 7), criterion="icl", seed=0)
    lowest = min(result.rows, key=lambda row: row.icl)
    assert lowest.degenerate  # collapsed components win on ICL as on BIC
    assert result.best.degenerate == ()
    assert result.best.icl == min(row.icl for row in result.rows if not row.degenerate)


def test_a_candidate_that_cannot_be_fitted_has_nan_icl():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0]]), 5, axis=0)
    result = select(X, n_components=[1, 3], covariance_types=("full",), criterion="icl")
    assert math.isnan(result.rows[-1].icl) and result.best.n_components == 1
