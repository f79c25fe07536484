import numpy as np
import pytest

from gmmviz.gui.render.placement import (
    CORNERS, MAX_POINT_SAMPLES, corner_anchor, covered_counts, drawn_samples, least_covered_corner,
)

VIEW = (0.0, 0.0, 10.0, 20.0)           # x from 0 to 10, y from 0 (bottom) to 20 (top)
BOX = (0.3, 0.2)
MARGIN = (0.01, 0.01)


def test_counts_the_samples_under_a_box_in_each_corner():
    samples = np.array([[9.0, 19.0], [9.5, 18.0],      # top right
                        [1.0, 19.0],                   # top left
                        [9.0, 1.0], [8.0, 2.0], [9.0, 3.0],   # bottom right
                        [5.0, 10.0]])                  # the middle: under no corner
    counts = covered_counts(samples, VIEW, BOX, MARGIN)
    assert dict(zip(CORNERS, counts.tolist())) == {"top-right": 2, "top-left": 1, "bottom-right": 3,
                                                   "bottom-left": 0}
    assert least_covered_corner(counts) == "bottom-left"


def test_samples_in_the_margin_are_not_covered():
    counts = covered_counts(np.array([[9.95, 19.9]]), VIEW, BOX, (0.02, 0.02))
    assert counts.tolist() == [0, 0, 0, 0]


def test_the_box_moves_only_to_a_corner_hiding_at_most_half_as_much():
    assert least_covered_corner(np.array([10, 6, 8, 9]), current="top-right") == "top-right"
    assert least_covered_corner(np.array([10, 5, 8, 9]), current="top-right") == "top-left"
    assert least_covered_corner(np.array([0, 0, 3, 3]), current="top-left") == "top-left"
    assert least_covered_corner(np.array([0, 0, 0, 0])) == "top-right"


def test_drawn_samples_stride_through_many_points_and_keep_every_ellipse_vertex():
    points = np.arange(2 * 3 * MAX_POINT_SAMPLES, dtype=float).reshape(-1, 2)
    outlines = np.ones((2, 3, 97, 2))
    samples = drawn_samples(points, outlines)
    assert len(samples) == MAX_POINT_SAMPLES + 2 * 3 * 97
    np.testing.assert_array_equal(samples[:2], points[[0, 3]])
    assert drawn_samples(np.empty((0, 2))).shape == (0, 2)


@pytest.mark.parametrize("corner, expected", [
    ("top-right", ((1.0, 0.0), (1.0, 0.0), (-10, 10))),
    ("top-left", ((0.0, 0.0), (0.0, 0.0), (10, 10))),
    ("bottom-right", ((1.0, 1.0), (1.0, 1.0), (-10, -10))),
    ("bottom-left", ((0.0, 1.0), (0.0, 1.0), (10, -10))),
])
def test_corner_anchor_in_pyqtgraph_terms(corner, expected):
    assert corner_anchor(corner, 10) == expected


def test_a_top_inset_lowers_only_the_top_corners():
    assert corner_anchor("top-left", 10, top_inset=40)[2] == (10, 50)
    assert corner_anchor("bottom-left", 10, top_inset=40)[2] == (10, -10)
