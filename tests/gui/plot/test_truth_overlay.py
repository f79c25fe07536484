"""The true mixture over the fit: dashed ellipses that are the truth's, and their legend entry."""

import numpy as np
import pytest
from PySide6 import QtCore

from gmmviz.core import Mixture
from gmmviz.gui.plot.mixture_plot import MixturePlot
from gmmviz.gui.plot.truth_overlay import TRUTH_SIGMAS
from tests.gui.conftest import two_clusters

TRUTH = Mixture([0.3, 0.7], [[-3.0, 0.0], [3.0, 1.0]], [[[0.6, 0.2], [0.2, 0.4]], [[1.0, -0.3], [-0.3, 0.8]]])
FIT = Mixture([0.4, 0.6], [[-3, 0], [3, 1]], [[[0.5, 0.1], [0.1, 0.5]], [[1.0, 0.0], [0.0, 1.0]]])


@pytest.fixture
def plot(qtbot):
    widget = MixturePlot()
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    widget.set_points(two_clusters())
    return widget


def mahalanobis_radii(outline, mean, covariance):
    delta = outline - mean
    return np.sqrt(np.einsum("vi,ij,vj->v", delta, np.linalg.inv(covariance), delta))


def test_the_dashed_ellipses_are_the_truths(plot):
    plot.show_state(FIT, FIT.predict_proba(plot.points))
    plot.set_truth(TRUTH)
    outlines = plot.truth_overlay.outlines
    assert outlines.shape[:2] == (2, len(TRUTH_SIGMAS))
    for k in range(2):
        for s, sigma in enumerate(TRUTH_SIGMAS):
            radii = mahalanobis_radii(outlines[k, s], TRUTH.means[k], TRUTH.full_covariances[k])
            np.testing.assert_allclose(radii, sigma, rtol=1e-9)
    assert all(pen.style() == QtCore.Qt.PenStyle.CustomDashLine for pen in plot.truth_overlay.pens)


def test_the_truth_has_its_own_legend_entry_with_or_without_a_fit(plot):
    plot.set_truth(TRUTH)
    assert plot.legend_entries == ["true mixture (1σ, 2σ)"]
    plot.show_state(FIT, FIT.predict_proba(plot.points))
    assert plot.legend_entries[:2] == ["1: π = 0.400", "2: π = 0.600"]
    assert plot.legend_entries[-1] == "true mixture (1σ, 2σ)"


def test_hiding_the_truth_removes_its_lines_and_entry(plot):
    plot.show_state(FIT, FIT.predict_proba(plot.points))
    plot.set_truth(TRUTH)
    plot.set_layers(truth=False)
    assert plot.truth_overlay.outlines is None
    assert "true mixture (1σ, 2σ)" not in plot.legend_entries
    plot.set_truth(None)
    plot.set_layers(truth=True)
    assert plot.truth_overlay.outlines is None
