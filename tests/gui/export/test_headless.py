"""Rendering a fit without a window: PNG, SVG and the replayed EM run as a GIF."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from gmmviz.core import EM, GmmvizError, Mixture, fit
from gmmviz.gui.export.headless import render_fit, replay_fit
from gmmviz.io.datasets import old_faithful


@pytest.fixture(scope="module")
def faithful():
    X, columns = old_faithful()
    return X, columns


@pytest.mark.parametrize("n_init", [1, 3])
def test_replay_reproduces_the_fitted_run(faithful, n_init):
    X, _ = faithful
    result = fit(X, 3, n_init=n_init, seed=4, init="random")
    states = replay_fit(X, result)
    assert len(states) == result.n_iter + 1
    assert [s.iteration for s in states] == list(range(result.n_iter + 1))
    np.testing.assert_array_equal(states[-1].mixture.means, result.mixture.means)


def test_replay_of_a_fit_from_given_parameters_starts_from_them(faithful):
    X, _ = faithful
    start = Mixture([0.5, 0.5], [[2.0, 55.0], [4.5, 80.0]], [[[0.1, 0.0], [0.0, 30.0]]] * 2)
    result = fit(X, 2, init=start)          # the parameters are part of the fit's settings
    states = replay_fit(X, result)
    assert len(states) == result.n_iter + 1
    np.testing.assert_array_equal(states[0].mixture.means, start.means)


def test_gif_of_a_run_that_cannot_be_replayed_is_refused_before_anything_is_written(tmp_path, faithful):
    X, _ = faithful
    result = fit(X, 3, init="random", n_init=2)
    # no replay on other data ends in this fit, as no replay of an unseeded random fit would
    with pytest.raises(GmmvizError, match="seed"):
        render_fit(X[::-1] + 0.01, result, png=tmp_path / "a.png", gif=tmp_path / "a.gif")
    assert list(tmp_path.iterdir()) == []


def test_render_fit_writes_all_three_files(tmp_path, faithful):
    X, columns = faithful
    result = fit(X, 2, seed=0)
    paths = {kind: tmp_path / f"fit.{kind}" for kind in ("png", "svg", "gif")}
    render_fit(X, result, columns=columns, size=(640, 480), fps=5, **paths)
    png = Image.open(paths["png"])
    assert png.size == (640, 480)
    gif = Image.open(paths["gif"])
    assert (gif.size, gif.n_frames) == ((640, 480), result.n_iter + 1)
    root = ET.parse(paths["svg"]).getroot()
    assert root.findall(".//{http://www.w3.org/2000/svg}path")
    assert "waiting" in paths["svg"].read_text()  # the axis is named after the column


def test_render_fit_uses_a_given_history(tmp_path, faithful):
    X, _ = faithful
    em = EM(X, 2, seed=0)
    history = [em.state, em.e_step(), em.m_step(), em.e_step(), em.m_step()]
    result = fit(X, 2, seed=0)
    render_fit(X, result, history=history, gif=tmp_path / "run.gif", size=(300, 240))
    assert Image.open(tmp_path / "run.gif").n_frames == 3


def test_png_at_double_scale_has_twice_the_pixels(tmp_path, faithful):
    X, _ = faithful
    result = fit(X, 2, seed=0)
    render_fit(X, result, png=tmp_path / "hi.png", size=(400, 300), scale=2)
    image = Image.open(tmp_path / "hi.png")
    assert image.size == (800, 600)
    assert image.info["dpi"][0] == pytest.approx(192, abs=0.1)


def test_an_export_draws_weighted_points_and_the_noise_as_the_window_does(tmp_path, faithful):
    import dataclasses

    from gmmviz.gui.commands.em_options import NOISE_NOTE, WEIGHTS_NOTE

    X, columns = faithful
    X = np.vstack([X, [[1.0, 100.0]]])
    w = np.arange(len(X)) % 4 + 0.25
    result = fit(X, 2, seed=0, sample_weight=w, noise=True)
    render_fit(X, result, columns=columns, svg=tmp_path / "fit.svg", png=tmp_path / "weighted.png", size=(500, 400))
    text = (tmp_path / "fit.svg").read_text()
    assert WEIGHTS_NOTE in text and NOISE_NOTE in text
    render_fit(X, dataclasses.replace(result, sample_weight=None), columns=columns, png=tmp_path / "alike.png",
               size=(500, 400))
    weighted, alike = (np.asarray(Image.open(tmp_path / name).convert("RGB")) for name in ("weighted.png", "alike.png"))
    assert weighted.shape == alike.shape and np.any(weighted != alike)     # the points' sizes differ
