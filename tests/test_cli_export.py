"""``gmmviz fit … --png --svg --gif`` renders plots with no display at all."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.resources import files

from PIL import Image

OLD_FAITHFUL = str(files("gmmviz") / "resources" / "old_faithful.csv")


def test_fit_exports_plots_without_a_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = {kind: tmp_path / f"a.{kind}" for kind in ("png", "svg", "gif", "json")}
    completed = subprocess.run(
        [sys.executable, "-m", "gmmviz", "fit", OLD_FAITHFUL, "-k", "2", "--seed", "0",
         "--png", out["png"], "--svg", out["svg"], "--gif", out["gif"], "--json", out["json"]],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    n_iter = json.loads(out["json"].read_text())["fit"]["n_iter"]

    png = Image.open(out["png"])
    png.load()
    assert png.format == "PNG" and png.size == (900, 700)

    gif = Image.open(out["gif"])
    assert gif.format == "GIF" and gif.size == (900, 700)
    assert gif.n_frames == n_iter + 1

    root = ET.parse(out["svg"]).getroot()
    assert root.findall(".//{http://www.w3.org/2000/svg}path")


def test_unwritable_plot_path_is_one_error_line(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "gmmviz", "fit", OLD_FAITHFUL, "-k", "2", "--seed", "0",
         "--png", str(tmp_path / "missing" / "a.png")],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 2
    assert completed.stderr.startswith("gmmviz: error:") and "missing" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_gif_without_a_seed_draws_one_and_reports_it(tmp_path):
    out = tmp_path / "run.gif"
    completed = subprocess.run(
        [sys.executable, "-m", "gmmviz", "fit", OLD_FAITHFUL, "-k", "2", "--gif", out, "--json", tmp_path / "a.json"],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    seed = json.loads((tmp_path / "a.json").read_text())["fit"]["seed"]
    assert f"Seed: {seed} " in completed.stdout
    assert Image.open(out).n_frames >= 2
