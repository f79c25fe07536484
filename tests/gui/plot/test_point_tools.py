import numpy as np

from gmmviz.gui.plot.point_tools import points_within, spray_points


def test_spray_stays_inside_the_brush_and_erase_finds_points():
    rng = np.random.default_rng(0)
    points = spray_points((1.0, 2.0), (0.5, 2.0), 1000, rng)
    assert points_within(points, (1.0, 2.0), (0.5, 2.0)).all()
    assert not points_within(np.array([[1.6, 2.0]]), (1.0, 2.0), (0.5, 2.0)).any()
