import numpy as np

from gmmviz.gui.render.palette import MAX_COMPONENTS, component_colors, label_colors, mix_colors

OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}


def _hex(rgba):
    return "#{:02X}{:02X}{:02X}".format(*rgba[:3])


def test_first_eight_colours_are_okabe_ito():
    colors = component_colors(8)
    assert colors.shape == (8, 4) and colors.dtype == np.uint8
    assert {_hex(c) for c in colors} == OKABE_ITO
    assert (colors[:, 3] == 255).all()


def test_twenty_components_get_twenty_clearly_different_colours():
    colors = component_colors(20).astype(float)[:, :3]
    distances = np.linalg.norm(colors[:, None] - colors[None], axis=-1)
    np.fill_diagonal(distances, np.inf)
    assert MAX_COMPONENTS >= 20
    assert distances.min() > 40


def test_mixed_colour_is_the_responsibility_weighted_average():
    colors = component_colors(3)
    resp = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    mixed = mix_colors(resp, colors)
    np.testing.assert_array_equal(mixed[0], colors[0])
    expected = resp @ colors.astype(float)
    assert np.abs(mixed.astype(float) - expected).max() <= 0.5 + 1e-9


def test_hard_labels_take_the_component_colour():
    colors = component_colors(4)
    np.testing.assert_array_equal(label_colors(np.array([3, 0]), colors), colors[[3, 0]])
