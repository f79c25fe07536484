"""Weighted points are drawn with areas proportional to their weights."""

import numpy as np
import pyqtgraph as pg
import pytest

from gmmviz.gui.plot.points_layer import MAX_SIZE_FACTOR, MIN_WEIGHTED_SIZE, PointsLayer


@pytest.fixture
def layer(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    layer = PointsLayer(widget.getPlotItem())
    layer.set_style(8.0, pg.mkColor("k"))
    X = np.arange(10.0).reshape(5, 2)
    layer.set_points(X, np.full((5, 4), 200, dtype=np.uint8))
    yield layer


def test_area_is_proportional_to_weight_with_the_median_weight_at_the_usual_size(layer):
    layer.set_weights(np.array([1.0, 4.0, 2.0, 1.0, 3.0]))
    sizes = layer.sizes
    np.testing.assert_allclose(sizes ** 2 / np.array([1.0, 4.0, 2.0, 1.0, 3.0]), sizes[0] ** 2)
    assert sizes[2] == pytest.approx(8.0)       # the median weight is 2


def test_sizes_are_kept_within_bounds_and_weights_of_other_points_are_ignored(layer):
    layer.set_weights(np.array([0.0, 1.0, 1.0, 1.0, 1000.0]))
    assert layer.sizes[0] == MIN_WEIGHTED_SIZE and layer.sizes[4] == MAX_SIZE_FACTOR * 8.0
    layer.set_weights(np.ones(3))
    assert layer.sizes == 8.0
    layer.set_weights(None)
    assert layer.sizes == 8.0
