"""The Choose K and Restarts panels: what they draw for a sweep and for a run of restarts."""

import numpy as np

from gmmviz.core.settings import FitSettings
from gmmviz.gui.engine.fit_jobs import sweep_job
from gmmviz.gui.model.restarts import Restart, RestartRun, Restarts
from gmmviz.gui.model.selection_results import SelectionResults, Sweep
from gmmviz.gui.panels.choose_k_panel import ChooseKPanel
from gmmviz.gui.panels.restarts_panel import RestartsPanel, strip_positions

from ..conftest import drive_job


def test_degenerate_candidates_get_a_cross_and_the_best_a_ring(qtbot):
    # 12 points, four of them on one spot: a full component collapses onto it from K = 3 on
    X = np.concatenate([np.random.default_rng(1).normal(size=(8, 2)) * 3, np.tile([[1.0, 1.0]], (4, 1))])
    selection = SelectionResults()
    panel = ChooseKPanel(selection)
    qtbot.addWidget(panel)
    settings = FitSettings(seed=0)
    selection.set_sweep(Sweep.of(settings, drive_job(sweep_job(X, range(1, 5), ("full",), settings))[1]))
    rows = selection.sweep.rows
    degenerate = [row for row in rows if row.degenerate]
    assert degenerate, "the example should collapse"
    xs, ys = panel.degenerate.getData()
    assert sorted(xs) == sorted(row.n_components for row in degenerate)
    best = rows[selection.best()]
    assert not best.degenerate
    assert list(panel.best.getData()[0]) == [best.n_components]
    assert "× degenerate" in panel.summary.text()
    assert "degenerate: component" in panel.hover_text(rows.index(degenerate[0]))


def test_restarts_at_the_same_optimum_stack_and_the_best_has_the_ring(qtbot):
    values = [-10.0, -12.0, -10.0, -11.0, -10.0]
    run = RestartRun(FitSettings(n_components=2), tuple(Restart(s, v, 3, True, None) for s, v in enumerate(values)))
    assert strip_positions(run) == (values, [1, 1, 2, 1, 3])
    near = [-1119.75, -1126.0, -1119.80, -1119.75]      # two optima a dot apart share a stack, the better lower
    run_near = RestartRun(FitSettings(n_components=3), tuple(Restart(s, v, 3, True, None) for s, v in enumerate(near)))
    assert strip_positions(run_near) == (near, [1, 1, 3, 2])
    restarts = Restarts()
    panel = RestartsPanel(restarts)
    qtbot.addWidget(panel)
    restarts.set_run(run)
    xs, ys = panel.best.getData()
    assert (list(xs), list(ys)) == ([-10.0], [1])
    assert "3 optima" in panel.summary.text() and "seed 0" in panel.summary.text()
    assert list(panel.dots.getData()[0]) == values and list(panel.dots.getData()[1]) == [1, 1, 2, 1, 3]


def test_without_a_sweep_the_criterion_plot_keeps_no_range_of_the_last_one(qtbot):
    X = np.random.default_rng(1).normal(size=(60, 2)) * 100
    selection = SelectionResults()
    panel = ChooseKPanel(selection)
    qtbot.addWidget(panel)
    panel.show()
    settings = FitSettings(seed=0)
    selection.set_sweep(Sweep.of(settings, drive_job(sweep_job(X, range(1, 4), ("full",), settings))[1]))
    view = panel.plot.getPlotItem().getViewBox()
    qtbot.waitUntil(lambda: view.viewRange()[1][0] > 100)      # BIC of 60 points in the hundreds
    selection.clear()                               # new points: the sweep goes
    qtbot.wait(20)
    (x0, x1), (y0, y1) = view.viewRange()
    assert (y0, y1) == (0, 1) and x0 < 1 < selection.request.max_k < x1
    selection.set_sweep(Sweep.of(settings, drive_job(sweep_job(X, range(1, 4), ("full",), settings))[1]))
    qtbot.waitUntil(lambda: view.viewRange()[1][0] > 100)      # the next sweep has its own range again
