"""PNG, SVG and GIF export: files that decode, at the asked size, showing the plot."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtWidgets

from gmmviz.core import EM, GmmvizError
from gmmviz.gui.export.image import export_png, export_svg
from gmmviz.gui.export.gif import export_run_gif, iteration_mixtures, write_gif
from gmmviz.gui.render.palette import component_colors
from gmmviz.gui.plot.mixture_plot import MixturePlot
from gmmviz.io.datasets import old_faithful

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def faithful_run():
    X, _ = old_faithful()
    em = EM(X, 2, seed=0)
    history = [em.state]
    for _ in range(6):
        history += [em.e_step(), em.m_step()]
    return X, history


def fitted_plot(X, history):
    widget = MixturePlot()
    widget.resize(500, 400)
    widget.set_points(X)
    widget.fit_view()
    widget.show_state(history[-1].mixture, history[-1].resp)
    return widget


@pytest.fixture
def plot(qtbot, faithful_run):
    widget = fitted_plot(*faithful_run)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def panel_window(qtbot, faithful_run):
    """A plot with a side panel, as a main window lays them out."""
    widget = QtWidgets.QWidget()
    qtbot.addWidget(widget)
    layout = QtWidgets.QHBoxLayout(widget)
    layout.addWidget(fitted_plot(*faithful_run), stretch=3)
    layout.addWidget(QtWidgets.QLabel("Side panel"), stretch=1)
    return widget


def pixels_near(image, rgb, tolerance=12):
    """How many pixels of a PIL image are within ``tolerance`` of colour ``rgb`` in every channel."""
    a = np.asarray(image.convert("RGB"), dtype=int)
    return int((np.abs(a - np.asarray(rgb)[:3]).max(axis=2) <= tolerance).sum())


def local_colour_tables(data: bytes):
    """(number of frames, number of frames with their own colour table) of a GIF file."""
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    n_frames = n_local = 0
    while data[pos] != 0x3B:
        if data[pos] == 0x21:  # extension: label, then sub-blocks
            pos += 2
        elif data[pos] == 0x2C:  # image descriptor, optional local table, LZW size, sub-blocks
            packed = data[pos + 9]
            n_frames += 1
            if packed & 0x80:
                n_local += 1
                pos += 3 * 2 ** ((packed & 7) + 1)
            pos += 11
        else:
            raise AssertionError(f"not a GIF block at byte {pos}")
        while data[pos]:
            pos += data[pos] + 1
        pos += 1
    return n_frames, n_local


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_png_has_the_asked_size_and_shows_both_components(tmp_path, plot, scale):
    path = tmp_path / "plot.png"
    export_png(plot, path, 640, 480, scale=scale)
    image = Image.open(path)
    assert image.format == "PNG"
    assert image.size == (round(640 * scale), round(480 * scale))
    assert image.info["dpi"][0] == pytest.approx(96 * scale, abs=0.1)
    for color in component_colors(2):
        assert pixels_near(image, color) > 200 * scale**2
    assert plot.size().width() == 500 and plot.size().height() == 400  # given back its size


def test_png_of_a_window_with_side_panels_is_wider_than_the_plot(tmp_path, panel_window):
    panel_window.resize(800, 400)
    path = tmp_path / "window.png"
    export_png(panel_window, path, scale=1.5)
    image = Image.open(path)
    assert image.size == (1200, 600)
    assert pixels_near(image, component_colors(2)[0]) > 100


def svg_tree(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return root


def test_svg_of_the_plot_is_xml_with_paths(tmp_path, plot):
    path = tmp_path / "plot.svg"
    export_svg(plot, path)
    root = svg_tree(path)
    assert len(root.findall(f".//{SVG}path")) + len(root.findall(f".//{SVG}polyline")) > 10
    text = path.read_text()
    assert "#0072b2" in text.lower()  # the first component's colour


def test_svg_of_a_window_with_side_panels_is_xml_with_paths(tmp_path, panel_window):
    panel_window.resize(700, 400)
    path = tmp_path / "window.svg"
    export_svg(panel_window, path)
    root = svg_tree(path)
    assert root.findall(f".//{SVG}path")
    assert "#0072b2" in path.read_text().lower()   # the fitted plot is in it, not only the panel


def solid_frames(n_frames, size=(40, 30)):
    colours = [(i * 23 % 256, 255 - i * 17 % 256, 60 + i * 11 % 196) for i in range(n_frames)]
    frames = []
    for i, colour in enumerate(colours):
        a = np.zeros((size[1], size[0], 3), np.uint8)
        a[:, : (i + 1) * size[0] // n_frames] = colour
        frames.append(a)
    return frames


def test_gif_frames_share_one_palette_loop_and_keep_their_colours(tmp_path):
    frames = solid_frames(12)
    path = tmp_path / "run.gif"
    assert write_gif(frames, path, fps=5) is True
    assert local_colour_tables(path.read_bytes()) == (12, 0)
    gif = Image.open(path)
    assert gif.n_frames == 12 and gif.size == (40, 30)
    assert gif.info["loop"] == 0
    for k, frame in enumerate(frames):
        gif.seek(k)
        assert gif.info["duration"] == 200
        np.testing.assert_array_equal(np.asarray(gif.convert("RGB")), frame)  # no dithering noise


def test_cancelled_gif_writes_nothing(tmp_path):
    path = tmp_path / "run.gif"
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 3

    assert write_gif(solid_frames(8), path, fps=4, progress=progress) is False
    assert calls == [(1, 8), (2, 8), (3, 8)]
    assert not path.exists()


@pytest.mark.parametrize(
    "frames, fps, message",
    [
        ([], 4, "no frames"),
        (solid_frames(3), 0, "frame rate"),
        (solid_frames(3), 100, "frame rate"),
        ([np.zeros((10, 10, 3), np.uint8), np.zeros((12, 10, 3), np.uint8)], 4, "one size"),
        ([np.zeros((10, 10), np.uint8)], 4, "not an image"),
    ],
)
def test_bad_gif_requests_are_one_clear_error(tmp_path, frames, fps, message):
    with pytest.raises(GmmvizError, match=message):
        write_gif(frames, tmp_path / "x.gif", fps=fps)


def test_iteration_mixtures_gives_one_mixture_per_iteration(faithful_run):
    _, history = faithful_run
    mixtures = iteration_mixtures(history)
    assert [iteration for iteration, _ in mixtures] == list(range(7))
    assert mixtures[3][1] is history[6].mixture  # after the 3rd M-step


def test_gif_of_an_em_run_has_a_captioned_frame_per_iteration(tmp_path, plot, faithful_run):
    X, history = faithful_run
    path = tmp_path / "run.gif"
    seen = []
    assert export_run_gif(plot, X, history, path, 420, 360, fps=2, progress=lambda d, t: seen.append(d))
    gif = Image.open(path)
    assert gif.n_frames == 7 and gif.size == (420, 360)
    assert seen == list(range(1, 8))
    assert local_colour_tables(path.read_bytes()) == (7, 0)
    frames = []
    for k in range(gif.n_frames):
        gif.seek(k)
        frames.append(np.asarray(gif.convert("RGB"), dtype=int))
    # the caption band (top rows) changes with the iteration, and so do the points below it
    assert all(np.any(a[:20] != b[:20]) for a, b in zip(frames, frames[1:]))
    assert np.any(frames[0][40:] != frames[-1][40:])
    # the shared palette keeps both component colours in the last frame
    last = Image.fromarray(frames[-1].astype(np.uint8))
    for color in component_colors(2):
        assert pixels_near(last, color, tolerance=16) > 50


def test_gif_colours_stay_close_to_the_rendered_frames(tmp_path, plot, faithful_run):
    from gmmviz.gui.export.gif import EMRunFrames, to_pil_rgb

    X, history = faithful_run
    path = tmp_path / "run.gif"
    export_run_gif(plot, X, history, path, 300, 260, caption=False)
    rendered = EMRunFrames(plot, X, iteration_mixtures(history), 300, 260, caption=False)
    gif = Image.open(path)
    for k in (0, 3, 6):
        gif.seek(k)
        decoded = np.asarray(gif.convert("RGB"), dtype=int)
        original = np.asarray(to_pil_rgb(rendered[k]), dtype=int)
        assert np.abs(decoded - original).mean() < 2.0


def test_png_of_a_plot_in_a_scaled_style_widens_the_curves(tmp_path, plot):
    """At scale 2 the plot is drawn in style 2: ellipse outlines get about twice as many pixels wide."""
    from gmmviz.gui.export.image import render_image, render_plot_image
    from gmmviz.gui.export.gif import to_pil_rgb

    mixture = plot.mixture
    plot.set_points(np.empty((0, 2)))  # leave the ellipses (and a few markers) as the blue pixels
    plot.show_state(mixture, None)
    blue = component_colors(2)[0]
    plain = pixels_near(to_pil_rgb(render_image(plot, 400, 300, scale=2)), blue, tolerance=40)
    styled = to_pil_rgb(render_plot_image(plot, 400, 300, scale=2))
    assert styled.size == (800, 600)
    assert pixels_near(styled, blue, tolerance=40) > 1.5 * plain
    assert plot.size().width() == 500  # given back its size (and style)
