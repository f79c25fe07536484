import numpy as np

from gmmviz.gui.render.raster import Rasterizer


def rasterize(X, rgba, rect, width, height):
    return Rasterizer(X).image(rgba, (*rect, width, height))


def test_a_point_lands_in_its_pixel_with_its_colour():
    X = np.array([[0.25, 0.75]])
    rgba = np.array([[200, 100, 50, 255]], dtype=np.uint8)
    image = rasterize(X, rgba, (0.0, 0.0, 1.0, 1.0), 4, 4)
    row, col = 3, 1                      # row 0 is the bottom of the rectangle
    assert image.shape == (4, 4, 4)
    alpha = image[row, col, 3] / 255
    assert alpha > 0.4
    np.testing.assert_allclose(image[row, col, :3], np.array([200, 100, 50]) * alpha, atol=1.5)
    others = np.ones((4, 4), dtype=bool)
    others[row, col] = False
    assert (image[others] == 0).all()


def test_points_outside_the_rectangle_are_dropped():
    X = np.array([[0.5, 0.5], [5.0, 5.0], [-1.0, 0.5]])
    rgba = np.array([[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]], dtype=np.uint8)
    image = rasterize(X, rgba, (0.0, 0.0, 1.0, 1.0), 9, 9)
    covered = image[..., 3] > 0
    assert covered.sum() == 1 and covered[4, 4]
    assert image[4, 4, 0] > 0 and image[4, 4, 1:3].max() == 0


def test_denser_pixels_are_more_opaque_and_colours_average():
    X = np.array([[0.1, 0.1]] * 9 + [[0.9, 0.9]])
    rgba = np.array([[255, 0, 0, 255]] * 8 + [[0, 0, 255, 255]] + [[0, 255, 0, 255]], dtype=np.uint8)
    image = rasterize(X, rgba, (0.0, 0.0, 1.0, 1.0), 2, 2)
    dense, single = image[0, 0], image[1, 1]
    assert dense[3] > single[3]
    # mean colour of 8 red and 1 blue, premultiplied by alpha
    np.testing.assert_allclose(dense[:3] / (dense[3] / 255), [255 * 8 / 9, 0, 255 / 9], atol=2)
