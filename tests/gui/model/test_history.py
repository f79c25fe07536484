import math

import numpy as np
import pytest

from tests.gui.conftest import two_clusters
from gmmviz.core import EM
from gmmviz.gui.model.history import History
from gmmviz.gui.panels.history_panel import decreases


def three_iterations():
    """The History of three EM iterations on two clusters, every half-step recorded."""
    em = EM(two_clusters(), 2, seed=0)
    history = History()
    history.record(em.state)
    for _ in range(3):
        history.record(em.e_step())
        history.record(em.m_step())
    return history


def test_one_entry_per_iteration_without_responsibilities():
    history = three_iterations()
    assert [state.iteration for state in history] == [0, 1, 2, 3]
    assert all(state.resp is None for state in history)
    values = history.log_likelihoods()
    # entry i holds the log-likelihood of iteration i's mixture, known after the next E-step
    assert np.isfinite(values[:3]).all() and math.isnan(values[3])
    X = two_clusters()
    np.testing.assert_allclose(values[1], history[1].mixture.log_likelihood(X), rtol=1e-10)


def test_recording_an_earlier_iteration_drops_the_later_ones():
    history = three_iterations()
    history.record(history[1])
    assert len(history) == 2
    with pytest.raises(ValueError):
        history.record(history[0].__class__(**{**history[1].__dict__, "iteration": 5}))


def test_decreases_are_found_except_across_breaks_and_nans():
    values = np.array([1.0, 2.0, 1.5, np.nan, 3.0, 2.0, 2.0 - 1e-12])
    assert decreases(values).tolist() == [2, 5]
    assert decreases(values, breaks={5}).tolist() == [2]


def test_history_axes_start_at_iteration_0_and_draw_round_off_flat(qtbot):
    from gmmviz.gui.panels.history_panel import MIN_RELATIVE_SPAN, HistoryPanel

    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(np.array([-5000.0, -1200.0, -1130.5, -1130.4, -1130.4]), 4)
    panel.set_history(np.array([-1130.264, -1130.264 - 2.75e-11]), 1)       # new data: nothing of the old range
    view = panel.plot.getPlotItem().getViewBox()
    (x0, x1), (y0, y1) = view.viewRange()
    assert -0.1 < x0 <= 0 and 1 <= x1 < 1.2
    assert y1 - y0 >= MIN_RELATIVE_SPAN * 1130          # a round-off change is not a full-height fall
    assert panel.n_decreases == 0
    axis = panel.plot.getPlotItem().getAxis("bottom")
    assert axis.labelUnitPrefix == "" and not axis.autoSIPrefix
