"""The Choose K request and sweep in the window's model."""

import math

import pytest

from gmmviz.core import GmmvizError
from gmmviz.core.selection import SelectionRow
from gmmviz.core.settings import FitSettings
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.selection_results import Sweep, SweepRequest


def row(k, covariance_type, bic, aic, degenerate=()):
    return SelectionRow(k, covariance_type, -bic / 2, bic, aic, bic + 1, 5, True, None, degenerate)


SWEEP = Sweep(FitSettings(), (row(1, "full", 30.0, 20.0), row(2, "full", 10.0, 12.0), row(3, "full", 5.0, 1.0, (2,)),
                              SelectionRow(4, "full", *[math.nan] * 4, 0, False, "too few points")),
              (None, None, None, None))


def test_the_best_follows_the_criterion_without_fitting_again_and_never_a_degenerate_one():
    session = FitSession()
    session.selection.set_sweep(SWEEP)
    assert session.selection.best() == 1           # K = 3 has the lowest BIC but collapsed
    session.selection.set_request(criterion="aic")
    assert session.selection.best() == 1 and session.selection.sweep is SWEEP


def test_a_request_out_of_range_is_refused_and_changes_nothing():
    session = FitSession()
    for changes in ({"max_k": 21}, {"covariance_types": ()}, {"covariance_types": ("round",)},
                    {"criterion": "dic"}, {"n_init": 0}, {"seed": -1}):
        with pytest.raises(GmmvizError):
            session.selection.set_request(**changes)
    assert session.selection.request == SweepRequest()


def test_the_covariance_types_are_kept_in_the_order_select_fits_them():
    assert SweepRequest(covariance_types=("spherical", "full")).covariance_types == ("full", "spherical")


def test_a_change_of_the_points_drops_the_sweep_and_keeps_the_request():
    session = FitSession()
    session.load_points([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    session.selection.set_request(max_k=3)
    session.selection.set_sweep(SWEEP)
    session.clear_points()
    assert session.selection.sweep is None and session.selection.request.max_k == 3
