"""Many fits as one job: fractions after every fit, the results as the return value, numbers as the core's."""

import numpy as np

from gmmviz.core import fit, select
from gmmviz.core.settings import FitSettings
from gmmviz.gui.engine.fit_jobs import each_with_progress, restarts_job, sweep_job

from ..conftest import drive_job


def test_each_with_progress_yields_the_fraction_after_every_item_and_returns_the_results():
    fractions, results = drive_job(each_with_progress([1, 2, 3, 4], lambda x: x * x))
    assert fractions == [0.25, 0.5, 0.75, 1.0]
    assert results == [1, 4, 9, 16]


def test_the_sweep_has_the_rows_of_select_for_the_same_settings(faithful):
    settings = FitSettings(n_init=2, seed=3)
    fractions, candidates = drive_job(sweep_job(faithful, range(1, 4), ("full", "spherical"), settings))
    expected = select(faithful, range(1, 4), ("full", "spherical"), n_init=2, seed=3)
    assert len(fractions) == 6 and fractions[-1] == 1.0
    assert tuple(row for row, _ in candidates) == expected.rows
    best = [mixture for row, mixture in candidates if row == expected.best]
    assert best == [expected.best_fit.mixture]


def test_a_candidate_that_cannot_be_fitted_is_a_row_with_its_error():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]])
    _, candidates = drive_job(sweep_job(X, [2, 5], ("full",), FitSettings(seed=0)))
    (fitted, mixture), (failed, none) = candidates
    assert fitted.error is None and mixture.n_components == 2
    assert failed.error and np.isnan(failed.bic) and none is None


def test_restart_s_plus_i_is_the_single_fit_with_seed_s_plus_i(faithful):
    settings = FitSettings(n_components=3, init="random")
    _, restarts = drive_job(restarts_job(faithful, settings, 5, 3))
    assert [r.seed for r in restarts] == [5, 6, 7]
    for restart in restarts:
        alone = fit(faithful, 3, init="random", seed=restart.seed)
        assert restart.log_likelihood == alone.log_likelihood
        assert restart.mixture == alone.mixture
