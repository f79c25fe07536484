"""``gmmviz fit … --png --svg --gif``: plots of the fitted mixture, drawn off-screen."""

import json
import re
import xml.etree.ElementTree as ET

import numpy as np
from PIL import Image

from gmmviz.gui.render.palette import component_colors
from gmmviz.io import read_mixture, read_points

SVG = "{http://www.w3.org/2000/svg}"


def pixel_of(X, columns, point):
    """Where ``point`` (data coordinates) is drawn in an exported plot of ``X``: (column, row) in pixels."""
    from PySide6 import QtCore

    from gmmviz.gui.export.headless import DEFAULT_SIZE, export_plot
    from gmmviz.gui.export.image import render_image

    plot = export_plot(X, columns, DEFAULT_SIZE)
    try:
        render_image(plot, *DEFAULT_SIZE)  # lays the axes out as an export does
        pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(*point)))
        return int(pos.x()), int(pos.y())
    finally:
        plot.close()


def ellipse_strokes(svg_path):
    """The stroke colour of every ellipse outline in an SVG plot: closed polylines not in the contour grey."""
    root = ET.parse(svg_path).getroot()
    parent = {child: node for node in root.iter() for child in node}
    strokes = []
    for path in root.iter(f"{SVG}path"):
        numbers = np.array(re.findall(r"-?[0-9.]+(?:e-?[0-9]+)?", path.get("d")), dtype=float).reshape(-1, 2)
        stroke = parent[path].get("stroke")
        if len(numbers) > 50 and np.allclose(numbers[0], numbers[-1], atol=0.5) and stroke not in (None, "#3c3c3c"):
            strokes.append(stroke)
    return strokes


def test_fit_exports_plots_of_the_fitted_mixture(gmmviz_cli, tmp_path, faithful):
    out = {kind: tmp_path / f"a.{kind}" for kind in ("png", "svg", "gif", "json")}
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0,
                      "--png", out["png"], "--svg", out["svg"], "--gif", out["gif"], "--json", out["json"])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    n_iter = json.loads(out["json"].read_text())["fit"]["n_iter"]
    mixture, _ = read_mixture(out["json"])
    loaded = read_points(faithful)

    png = Image.open(out["png"])
    png.load()
    assert png.format == "PNG" and png.size == (900, 700)
    # Each mean is marked by a dot of its component's colour where the mean is.
    pixels = np.asarray(png.convert("RGB")).astype(int)
    for colour, mean in zip(component_colors(2)[:, :3], mixture.means):
        x, y = pixel_of(loaded.X, loaded.columns, mean)
        near = pixels[y - 3:y + 4, x - 3:x + 4]
        assert np.sum(np.abs(near - colour).sum(axis=2) < 10) >= 9, (x, y)

    gif = Image.open(out["gif"])
    assert gif.format == "GIF" and gif.size == (900, 700)
    assert gif.n_frames == n_iter + 1

    # 1σ, 2σ and 3σ outlines of each of the 2 components, each component in its own colour.
    strokes = ellipse_strokes(out["svg"])
    assert len(strokes) == 3 * 2
    assert sorted(strokes.count(stroke) for stroke in set(strokes)) == [3, 3]


def test_unwritable_plot_path_is_one_error_line(gmmviz_cli, tmp_path, faithful):
    line = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--png", tmp_path / "missing" / "a.png").error_line()
    assert "missing" in line


def test_gif_without_a_seed_draws_one_and_reports_it(gmmviz_cli, tmp_path, faithful):
    out = tmp_path / "run.gif"
    done = gmmviz_cli("fit", faithful, "-k", 2, "--gif", out, "--json", tmp_path / "a.json")
    assert done.returncode == 0, done.stderr
    seed = json.loads((tmp_path / "a.json").read_text())["fit"]["seed"]
    assert f"Seed: {seed} " in done.stdout
    assert Image.open(out).n_frames >= 2


def test_plots_of_more_components_than_colours_are_refused_before_the_fit(gmmviz_cli, faithful):
    """K = 30 drew a legend cut off after 28 entries, component 21 in component 1's colour."""
    done = gmmviz_cli("fit", faithful, "-k", 30, "--seed", 0, "--json", "fit.json", "--png", "k30.png")
    assert "--png draws at most 20 components" in done.error_line() and done.stdout == ""
    assert gmmviz_cli("fit", faithful, "-k", 30, "--seed", 0, "--json", "fit.json").returncode == 0
