"""The prior's ellipse on the plot: dragging its centre moves the prior mean, dragging its rim resizes the scale."""

import numpy as np
import pytest
from PySide6 import QtCore

from tests.gui.plot.test_legend import _drag
from gmmviz.core import Prior
from gmmviz.gui.plot.prior_ellipse import major_axis_end, resized_scale


def _pixel(plot, x, y):
    return plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(x, y)))


def _data_per_pixel(plot):
    view = plot.view_box.viewRect()
    return np.array([view.width() / plot.view_box.width(), view.height() / plot.view_box.height()])


@pytest.fixture
def shown(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.session.set_setting("prior", True)
    return window, Prior.default(faithful, 2)


def test_the_ellipse_is_drawn_only_with_the_prior_or_while_comparing(shown):
    window, prior = shown
    ellipse = window.prior_panel.prior_ellipse
    assert np.array_equal(ellipse.mean, prior.mean) and np.array_equal(ellipse.scale, prior.scale)
    assert window.plot.legend_entries[-1] == "prior: μ₀, Λ (1σ)"        # its own key, not the truth's
    window.session.set_setting("prior", False)
    assert ellipse.mean is None and "prior: μ₀, Λ (1σ)" not in window.plot.legend_entries


def test_dragging_the_centre_moves_the_prior_mean_and_adds_no_point(qtbot, shown, faithful):
    window, prior = shown
    plot = window.plot
    target = prior.mean + [0.6, -8.0]
    _drag(qtbot, plot, _pixel(plot, *prior.mean), _pixel(plot, *target))
    mean = np.array(window.session.settings.prior_values.mean)
    # to within 3 pixels: the press and the release are whole pixels, and the first drag event comes late
    assert np.all(np.abs(mean - target) <= 3 * _data_per_pixel(plot))
    assert window.session.settings.prior_values.scale is None      # the scale still follows the points
    assert len(window.session.points) == len(faithful)
    assert np.array_equal(window.prior_panel.prior_ellipse.mean, mean)
    assert window.prior_panel.fields["mean_x"].text() == f"{mean[0]:.6g}"


def test_dragging_the_rim_resizes_the_scale_keeping_its_shape(qtbot, shown):
    window, prior = shown
    plot = window.plot
    end = major_axis_end(prior.mean, prior.scale)
    outward = prior.mean + 1.5 * (end - prior.mean)
    _drag(qtbot, plot, _pixel(plot, *end), _pixel(plot, *outward))
    scale = np.array(window.session.settings.prior_values.scale)
    ratio = scale / prior.scale
    assert np.allclose(ratio, ratio[0, 0]) and ratio[0, 0] == pytest.approx(1.5**2, rel=0.05)
    assert window.session.settings.prior_values.mean is None


def test_resized_scale_reaches_the_dragged_distance():
    scale = np.array([[4.0, 1.0], [1.0, 2.0]])
    end = major_axis_end([1.0, 1.0], scale)
    grown = resized_scale([1.0, 1.0], scale, 1.0 + 3.0 * (end - 1.0))
    assert np.allclose(grown, 9.0 * scale)
    assert np.allclose(np.linalg.norm(major_axis_end([1.0, 1.0], grown) - 1.0), 3.0 * np.linalg.norm(end - 1.0))
