"""Exports look like the plot: SVG curves stay inside the plot area in QtSvg and in a browser,
and a PNG at a DPI scale has the whole legend and an axis title clear of the tick labels."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtGui, QtWidgets
from PySide6.QtSvg import QSvgRenderer

from gmmviz.core import Mixture, fit
from gmmviz.gui.export.image import export_png, export_svg
from gmmviz.gui.plot.mixture_plot import MixturePlot
from gmmviz.io.datasets import old_faithful

SIZE = (500, 400)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def overflowing_plot(qtbot):
    plot = MixturePlot()
    qtbot.addWidget(plot)
    plot.resize(*SIZE)
    return show_overflowing(plot)


def show_overflowing(plot):
    """Show on ``plot`` 40 points and one component whose ellipses are wider than the view."""
    X = np.random.default_rng(0).normal(size=(40, 2))
    plot.set_points(X)
    plot.fit_view()
    mixture = Mixture([1.0], [[0.0, 0.0]], [[[9.0, 0.0], [0.0, 0.5]]])
    plot.show_state(mixture, np.ones((len(X), 1)))
    return plot


def coloured_outside(image: np.ndarray, area, margin=3):
    """Pixels of an RGB array (h, w, 3) outside ``area`` (x0, y0, x1, y1) that are not grey.

    Everything outside the plot area (axes, tick labels, titles, background) is drawn in
    neutral greys, so a coloured pixel there is part of a curve that escaped its clip.
    """
    x0, y0, x1, y1 = area
    saturation = image.max(axis=2) - image.min(axis=2)
    outside = np.ones(saturation.shape, bool)
    outside[max(y0 - margin, 0):y1 + margin, max(x0 - margin, 0):x1 + margin] = False
    return int((outside & (saturation > 40)).sum())


def plot_area(plot):
    """The view box of ``plot`` in its scene (which is the SVG's user space) as integer (x0, y0, x1, y1)."""
    rect = plot.view_box.sceneBoundingRect()
    return (int(rect.left()), int(rect.top()), int(np.ceil(rect.right())), int(np.ceil(rect.bottom())))


def qimage_rgb(image: QtGui.QImage) -> np.ndarray:
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    stride = image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), stride)
    return rows[:, :3 * image.width()].reshape(image.height(), image.width(), 3).astype(int)


def test_svg_clips_the_ellipses_to_the_plot_area_in_qtsvg(tmp_path, overflowing_plot):
    path = tmp_path / "plot.svg"
    export_svg(overflowing_plot, path)
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QtGui.QImage(*SIZE, QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(image)
    renderer.render(painter)
    painter.end()
    rgb = qimage_rgb(image)
    area = plot_area(overflowing_plot)
    assert coloured_outside(rgb, (0, 0, 0, 0), margin=0) > 500   # the ellipses are drawn
    assert coloured_outside(rgb, area) == 0


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium to render the SVG")
def test_svg_clips_the_ellipses_to_the_plot_area_in_chromium(tmp_path, overflowing_plot):
    path = tmp_path / "plot.svg"
    export_svg(overflowing_plot, path)
    shot = tmp_path / "shot.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         f"--window-size={SIZE[0]},{SIZE[1]}", path.as_uri()],
        check=True, capture_output=True, timeout=120)
    rgb = np.asarray(Image.open(shot).convert("RGB"), dtype=int)
    assert rgb.shape[:2] == (SIZE[1], SIZE[0])
    area = plot_area(overflowing_plot)
    assert coloured_outside(rgb, (0, 0, 0, 0), margin=0) > 500
    assert coloured_outside(rgb, area) == 0


def test_svg_text_falls_back_to_a_generic_font_family(tmp_path, overflowing_plot):
    path = tmp_path / "plot.svg"
    export_svg(overflowing_plot, path)
    families = {element.get("font-family") for element in ET.parse(path).getroot().iter()} - {None}
    assert families
    for family in families:      # Qt's "Sans Serif" alone is no CSS family: browsers would use a serif font
        assert family.replace(" ", "").lower().endswith(",sans-serif")


def test_svg_text_names_the_font_family_the_plot_was_drawn_in(tmp_path, overflowing_plot):
    path = tmp_path / "plot.svg"
    export_svg(overflowing_plot, path)
    families = {element.get("font-family").split(",")[0].strip().strip('"')
                for element in ET.parse(path).getroot().iter() if element.get("font-family")}
    # an installed family, not an alias such as "Sans Serif" that a browser resolves to another font
    assert families == {QtGui.QFontInfo(overflowing_plot.font()).family()}
    assert families <= set(QtGui.QFontDatabase.families())


def test_svg_of_a_window_has_its_size_in_css_pixels_and_points_as_shapes(tmp_path, qtbot):
    window = QtWidgets.QWidget()
    qtbot.addWidget(window)
    layout = QtWidgets.QHBoxLayout(window)
    plot = show_overflowing(MixturePlot())
    layout.addWidget(plot, stretch=3)
    layout.addWidget(QtWidgets.QLabel("Side panel"), stretch=1)
    window.resize(700, 400)
    path = tmp_path / "window.svg"
    export_svg(window, path)
    root = ET.parse(path).getroot()
    width, height = (float(root.get(name).removesuffix("mm")) / 25.4 * 96 for name in ("width", "height"))
    assert (width, height) == (pytest.approx(700, abs=0.5), pytest.approx(400, abs=0.5))
    assert len(root.findall(f".//{SVG}image")) < len(plot.points) / 4   # not one bitmap per point


# -- PNG at a DPI scale ---------------------------------------------------------------------------

def dark_pixels(path) -> np.ndarray:
    """Boolean (h, w): pixels of a PNG dark enough to be text or axis lines."""
    return np.asarray(Image.open(path).convert("L"), dtype=int) < 128


def axis_lines(dark):
    """Column of the left axis line and row of the bottom axis line: the first long dark runs."""
    height, width = dark.shape
    x = next(x for x in range(width) if dark[:, x].mean() > 0.6)
    y = next(y for y in range(height - 1, -1, -1) if dark[y, :].mean() > 0.6)
    return x, y


def title_gap(dark, along_axis, across):
    """Blank pixels between an axis title and the tick labels, in a margin given as a 2-D boolean array.

    ``along_axis`` indexes the margin along the axis, ``across`` away from the axis (0 = the
    axis line). Tick labels are found near both ends of the axis, where the title is not; the
    title is what lies further out than all of them in the middle of the axis.
    """
    n = dark.shape[along_axis]
    ends = np.r_[0:n // 4, n - n // 4:n]
    middle = np.r_[n // 2 - n // 30:n // 2 + n // 30]
    ticks = np.flatnonzero(np.take(dark, ends, axis=along_axis).any(axis=along_axis))
    title = np.flatnonzero(np.take(dark, middle, axis=along_axis).any(axis=along_axis))
    title = title[title > ticks.max()]
    assert len(ticks) and len(title), "tick labels and an axis title in the margin"
    return int(title.min() - ticks.max() - 1)


def title_gaps(path):
    """(y title gap, x title gap) in pixels in a PNG of a plot."""
    dark = dark_pixels(path)
    x, y = axis_lines(dark)
    left = dark[:y, :x][:, ::-1]                    # across = distance leftwards from the axis
    bottom = dark[y + 1:, x + 1:]
    return title_gap(left, 0, 1), title_gap(bottom.T, 0, 1)


@pytest.fixture
def faithful_plot(qtbot):
    X, _ = old_faithful()
    result = fit(X, 3, seed=0)
    plot = MixturePlot()
    qtbot.addWidget(plot)
    plot.resize(*SIZE)
    plot.set_axis_labels("eruptions", "waiting")
    plot.set_points(X)
    plot.fit_view()
    plot.show_state(result.mixture, result.resp)
    return plot


@pytest.mark.parametrize("scale, style", [(2, 1.0), (2, 2.0)])
def test_axis_titles_stay_clear_of_the_tick_labels_at_a_dpi_scale(tmp_path, faithful_plot, scale, style):
    export_png(faithful_plot, tmp_path / "one.png", *SIZE, scale=1, plot_style=(1.0, False))
    faithful_plot.set_style(style)
    export_png(faithful_plot, tmp_path / "big.png", *SIZE, scale=scale, plot_style=(style, False))
    one, big = title_gaps(tmp_path / "one.png"), title_gaps(tmp_path / "big.png")
    assert min(one) >= 4
    # about as far apart, relative to the text, as at scale 1 (no closer than a third as far)
    assert big[0] >= one[0] * scale * style / 3 and big[1] >= one[1] * scale * style / 3


@pytest.fixture
def legend_only_plot(qtbot):
    """A plot whose view shows nothing but the legend: the points and the component lie far outside it."""
    plot = MixturePlot()
    qtbot.addWidget(plot)
    plot.resize(*SIZE)
    X = np.array([[100.0, 100.0], [101.0, 101.0], [100.0, 101.0]])
    plot.set_points(X)
    plot.set_layers(contours=False)
    mixture = Mixture([0.4, 0.6], [[100.0, 100.0], [101.0, 101.0]], [np.eye(2) * 0.01] * 2)
    plot.show_state(mixture, np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]))
    plot.view_box.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    return plot


def legend_box(path, pen_width):
    """Drawn pixels inside the plot area of a PNG, as a boolean (h, w) array, and their bounding box (x0, y0, x1, y1).

    The area is taken inside the axis lines and their ticks (5 px long, ``pen_width`` wide).
    """
    rgb = np.asarray(Image.open(path).convert("RGB"), dtype=int)
    x, y = axis_lines(dark_pixels(path))
    inset = int(np.ceil(2 * pen_width)) + 6
    drawn = (255 - rgb).max(axis=2) > 40
    drawn[:, :x + inset] = False
    drawn[y - inset:, :] = False
    rows, cols = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
    return drawn, (cols.min(), rows.min(), cols.max(), rows.max())


def test_a_png_with_twice_the_pixels_has_a_legend_twice_as_large(tmp_path, legend_only_plot):
    boxes = {}
    for scale in (2, 4):
        path = tmp_path / f"plot-{scale}.png"
        export_png(legend_only_plot, path, *SIZE, scale=scale, plot_style=(1.0, False))
        _, (x0, y0, x1, y1) = legend_box(path, scale)
        boxes[scale] = np.array([x1 - x0, y1 - y0])
    # the same share of the picture: presentation's limit on the legend's growth is not the picture's
    # (from 1× to 2× a line of text grows less than its font, so the rows do not quite double there)
    np.testing.assert_allclose(boxes[4], 2 * boxes[2], rtol=0.03)


@pytest.mark.parametrize("scale, style", [(2, 1.0), (2, 2.0), (3, 1.0)])
def test_the_whole_legend_is_in_a_png_at_a_dpi_scale(tmp_path, legend_only_plot, scale, style):
    path = tmp_path / "plot.png"
    legend_only_plot.set_style(style)
    export_png(legend_only_plot, path, *SIZE, scale=scale, plot_style=(style, False))
    drawn, (x0, y0, x1, y1) = legend_box(path, scale * style)
    height, width = drawn.shape
    assert 0 < x0 and 0 < y0 and x1 < width - 1 and y1 < height - 1   # clear of the image's edges
    # all of it inside its frame: the outermost drawn pixels (3 px bands) are the frame's four sides
    box = drawn[y0:y1 + 1, x0:x1 + 1]
    for side in (box[:, :3].any(axis=1), box[:, -3:].any(axis=1), box[:3].any(axis=0), box[-3:].any(axis=0)):
        assert side.mean() > 0.9
    assert (x1 - x0) > 100 * scale * style / 2                            # and it has its entries
