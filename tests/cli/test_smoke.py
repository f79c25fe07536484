"""The real processes, a few times: the ``gmmviz`` console script, ``python -m gmmviz``, the window without a display.

Everything else is tested in-process through ``gmmviz.cli.main`` (see conftest.py); that the headless
commands never load Qt is tested in tests/test_layers.py.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import gmmviz
from gmmviz.gui.render.palette import component_colors
from tests.fresh_python import ENV


def console_script():
    script = shutil.which("gmmviz", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("gmmviz is not installed in this environment (run pip install .)")
    return script


def test_console_script_version(tmp_path):
    done = subprocess.run([console_script(), "--version"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == f"gmmviz {gmmviz.__version__}"


def test_console_script_behaves_as_main(gmmviz_cli, tmp_path, faithful):
    args = ("fit", faithful, "-k", 2, "--seed", 0)
    installed = subprocess.run([console_script(), *map(str, args)], capture_output=True, text=True, cwd=tmp_path,
                               timeout=300)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == gmmviz_cli(*args).stdout


def test_python_m_gmmviz_help(tmp_path):
    done = subprocess.run([sys.executable, "-m", "gmmviz", "--help"], capture_output=True, text=True, cwd=tmp_path,
                          env=ENV, timeout=300)
    assert done.returncode == 0 and done.stdout.startswith("usage: gmmviz")
    assert all(f"gmmviz {name}" in done.stdout for name in ("fit", "select", "sample"))


def test_window_entry_point_runs_and_saves_a_screenshot_without_a_display(tmp_path, faithful):
    env = {key: value for key, value in ENV.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "gmmviz", str(faithful), "-k", "2", "--seed", "0", "--run", "--screenshot", "shot.png"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""      # not even the offscreen platform's chatter
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG")
    with Image.open(tmp_path / "shot.png") as image:
        assert image.size[0] >= 800 and image.size[1] >= 600
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    # the fitted points are drawn in the palette's first two colours
    for colour in component_colors(2)[:, :3]:
        assert np.sum(np.abs(pixels - colour).sum(axis=1) < 30) > 200


def test_closed_standard_streams_in_a_shell(tmp_path, faithful):
    """2>&-: the JSON of --json - still comes, and errors are status 2; >&-: one error line, status 2."""
    python = f"'{sys.executable}' -m gmmviz fit '{faithful}' -k 2 --seed 0"
    done = subprocess.run(["sh", "-c", f"{python} --json - 2>&-; echo \"status $?\""], capture_output=True,
                          text=True, cwd=tmp_path, env=ENV, timeout=300)
    assert done.stdout.startswith("{") and done.stdout.endswith("status 0\n")
    done = subprocess.run(["sh", "-c", f"{python} >&-"], capture_output=True, text=True, cwd=tmp_path, env=ENV,
                          timeout=300)
    assert done.returncode == 2 and done.stderr == "gmmviz: error: standard output is closed; redirect it to a " \
                                                   "file or to /dev/null\n"
