import os
import subprocess
import sys
from importlib.resources import files

import numpy as np
import pytest
from PIL import Image

from gmmviz.core import EM, GmmvizError
from gmmviz.gui.app import run_window
from gmmviz.gui.render.palette import component_colors
from gmmviz.io.datasets import old_faithful
from gmmviz.core.settings import FitSettings
from gmmviz.io.session import Session, save_session

FAITHFUL = str(files("gmmviz") / "resources" / "old_faithful.csv")


def screenshot_without_a_display(path, out, **options):
    """Run ``run_window(path, screenshot=out, **options)`` in a fresh process with no display."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = ("import sys; from gmmviz.gui.app import run_window; "
            f"sys.exit(run_window({str(path)!r}, screenshot={str(out)!r}, **{options!r}))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_screenshot_of_a_converged_fit_without_a_display_prints_nothing(tmp_path):
    out = tmp_path / "window.png"
    done = screenshot_without_a_display(FAITHFUL, out, n_components=2, seed=0, run=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""      # not even the offscreen platform's chatter
    with Image.open(out) as image:
        assert image.size[0] >= 800 and image.size[1] >= 600


def test_screenshot_of_a_saved_session_shows_its_fit(tmp_path):
    X, _ = old_faithful()
    em = EM(X, 2, seed=0)
    history = [em.state, em.e_step(), em.m_step()]
    session_path = tmp_path / "lecture.gmmviz"
    save_session(session_path, Session(points=X, settings=FitSettings(n_components=2, seed=0),
                                       history=history, current=2))
    done = screenshot_without_a_display(session_path, tmp_path / "session.png")
    assert done.returncode == 0, done.stderr
    with Image.open(tmp_path / "session.png") as image:
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    # the session's two components are drawn in the palette's first two colours
    for colour in component_colors(2)[:, :3]:
        assert np.sum(np.abs(pixels - colour).sum(axis=1) < 30) > 200


def test_a_bad_file_in_screenshot_mode_is_one_error(qtbot, tmp_path):
    with pytest.raises(GmmvizError, match="missing.csv"):
        run_window(path=str(tmp_path / "missing.csv"), screenshot=str(tmp_path / "x.png"))
    assert not (tmp_path / "x.png").exists()


def test_without_a_display_the_window_is_refused_instead_of_hanging(qtbot):
    with pytest.raises(GmmvizError, match="no display"):
        run_window()
