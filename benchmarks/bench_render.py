"""Rendering and responsiveness benchmarks of the gmmviz window (offscreen).

Measures, in one run and on the same machine:

1. One full redraw of the mixture plot (point colours, points, contours, ellipses, legend,
   rendered into an image) for 1e4, 1e5 and 1e6 points with K = 5, against the naive baseline
   (one ScatterPlotItem given a per-point list of QBrush objects, plus the same overlays).
   The baseline is skipped above ``--baseline-max`` points (it takes minutes at 1e6).
2. The longest gap between ticks of a 10 ms QTimer while the window runs EM on 1e6 points.
3. The time from starting a fresh Python process to the window being shown.
4. Changing K in the Mixture panel with 1e6 points (the prior's defaults follow K), against the
   baseline of the default prior made from the points afresh each time (what the window did before it
   kept the points' mean and covariance).

Targets: redraw <= 20 ms at 1e5 and <= 60 ms at 1e6; longest gap <= 50 ms; window up <= 1.5 s;
a change of K <= 16 ms (one frame).

Usage: python benchmarks/bench_render.py [--sizes 1e4 1e5 1e6] [--baseline-max 1e5]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402

from gmmviz.core import Mixture  # noqa: E402
from gmmviz.gui.application import ensure_app  # noqa: E402
from gmmviz.gui.render.palette import component_colors, mix_colors  # noqa: E402
from gmmviz.gui.plot.mixture_plot import MixturePlot  # noqa: E402

SIZE = (1000, 700)
K = 5


def make_mixtures():
    """Two slightly different 5-component mixtures, so each redraw sees a new state."""
    rng = np.random.default_rng(0)
    means = rng.uniform(-6, 6, (K, 2))
    a = rng.normal(size=(K, 2, 2)) * 0.6
    covariances = a @ a.transpose(0, 2, 1) + 0.4 * np.eye(2)
    weights = rng.dirichlet(np.full(K, 5.0))
    first = Mixture(weights, means, covariances)
    second = Mixture(weights, means + 0.05, covariances * 1.02)
    return first, second


def render(widget, image):
    painter = QtGui.QPainter(image)
    widget.render(painter)
    painter.end()


def time_redraws(redraw, repeats):
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        redraw(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def bench_gmmviz(X, states, repeats=7):
    plot = MixturePlot()
    plot.resize(*SIZE)
    plot.set_points(X)
    plot.fit_view()
    image = QtGui.QImage(*SIZE, QtGui.QImage.Format.Format_ARGB32_Premultiplied)

    def redraw(i):
        mixture, resp = states[i % 2]
        plot.show_state(mixture, resp)
        render(plot, image)

    redraw(1)  # warm caches (kernels, symbol atlas)
    ms = time_redraws(redraw, repeats)
    plot.deleteLater()
    return ms, plot.uses_raster


def bench_naive(X, states, repeats=2):
    """One ScatterPlotItem with a per-point list of QBrush objects, plus the same overlays."""
    plot = MixturePlot()
    plot.resize(*SIZE)
    plot.set_points(np.empty((0, 2)))
    scatter = pg.ScatterPlotItem(size=7, pen=pg.mkPen(0, 0, 0, 90))
    plot.plot_item.addItem(scatter)
    plot.set_points(X[:2])                         # keep the overlays' view over the data
    plot.view_box.setRange(QtCore.QRectF(*X.min(axis=0), *np.ptp(X, axis=0)), padding=0.05)
    image = QtGui.QImage(*SIZE, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    colors = component_colors(K)

    def redraw(i):
        mixture, resp = states[i % 2]
        rgba = mix_colors(resp, colors)
        brushes = [QtGui.QBrush(QtGui.QColor(int(r), int(g), int(b), int(a))) for r, g, b, a in rgba]
        scatter.setData(pos=X, brush=brushes)
        plot.show_state(mixture, None if len(plot.points) != len(resp) else resp)
        render(plot, image)

    ms = time_redraws(redraw, repeats)
    plot.deleteLater()
    return ms


def bench_em_gaps(n_points, seconds):
    """Longest gap between 10 ms timer ticks while the window runs EM on n_points."""
    from gmmviz.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    first, _ = make_mixtures()
    X, _ = first.sample(n_points, seed=1)
    window.set_points(X)
    panel = window.settings_panel
    panel.n_components.setValue(K)
    panel.tol.setValue(0.0)
    panel.max_iter.setValue(10**6)
    panel.init.setCurrentText("random_from_data")   # keep the (one-off) k-means out of the measurement
    window.actions["initialise"].trigger()
    QtWidgets.QApplication.processEvents()
    while window.runner.is_running:
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    ticks = []
    timer = QtCore.QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    window.actions["run"].trigger()
    timer.start()
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    iterations = len(window.session.history) - 1
    window.close()
    gaps = np.diff(ticks) * 1e3
    return gaps.max(), np.percentile(gaps, 99), iterations


def bench_k_change(n_points, repeats=6):
    """Median ms of the GUI thread for one change of K, and of the baseline ``Prior.default`` it once took."""
    from gmmviz.core import Prior
    from gmmviz.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    first, _ = make_mixtures()
    X, _ = first.sample(n_points, seed=1)
    window.set_points(X)
    QtWidgets.QApplication.processEvents()
    spin = window.settings_panel.n_components
    changes, baseline = [], []
    first_k = spin.value()
    for i in range(repeats):
        k = first_k + 1 + i % 2          # a change every time
        start = time.perf_counter()
        spin.setValue(k)
        changes.append(time.perf_counter() - start)
        start = time.perf_counter()
        Prior.default(X, k)
        baseline.append(time.perf_counter() - start)
        QtWidgets.QApplication.processEvents()
    window.close()
    return statistics.median(changes) * 1e3, statistics.median(baseline) * 1e3


def bench_window_up(repeats=3):
    code = ("import time, sys; from gmmviz.gui.application import ensure_app; app = ensure_app(); "
            "from gmmviz.gui.main_window import MainWindow; w = MainWindow(); w.show(); "
            "app.processEvents(); print(time.time())")
    times = []
    for _ in range(repeats):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        times.append(float(out.stdout.strip().splitlines()[-1]) - start)
    return min(times), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e4, 1e5, 1e6])
    parser.add_argument("--baseline-max", type=float, default=1e5)
    parser.add_argument("--em-points", type=float, default=1e6)
    parser.add_argument("--em-seconds", type=float, default=8.0)
    args = parser.parse_args()
    ensure_app()

    first, second = make_mixtures()
    print(f"Full redraw (points + contours + ellipses + legend), {SIZE[0]}x{SIZE[1]} offscreen, K={K}")
    print(f"{'points':>9} {'gmmviz ms':>10} {'path':>7} {'naive ms':>10} {'speed-up':>9}")
    for n in (int(s) for s in args.sizes):
        X, _ = first.sample(n, seed=1)
        states = [(m, m.predict_proba(X)) for m in (first, second)]
        ms, raster = bench_gmmviz(X, states)
        if n <= args.baseline_max:
            naive = bench_naive(X, states)
            print(f"{n:>9} {ms:>10.1f} {'raster' if raster else 'symbols':>7} {naive:>10.1f} {naive / ms:>8.1f}x")
        else:
            print(f"{n:>9} {ms:>10.1f} {'raster' if raster else 'symbols':>7} {'skipped':>10} {'':>9}")

    longest, p99, iterations = bench_em_gaps(int(args.em_points), args.em_seconds)
    print(f"\nEM on {int(args.em_points)} points, K={K}, {args.em_seconds:g} s ({iterations} iterations): "
          f"longest gap between 10 ms timer ticks {longest:.1f} ms (99th percentile {p99:.1f} ms)")
    best, median = bench_window_up()
    print(f"Window up from a fresh process: best {best:.2f} s, median {median:.2f} s")
    change, baseline = bench_k_change(int(args.em_points))
    print(f"Changing K with {int(args.em_points)} points: {change:.1f} ms on the GUI thread; the default prior "
          f"made afresh {baseline:.1f} ms ({baseline / change:.0f}x)")


if __name__ == "__main__":
    main()
