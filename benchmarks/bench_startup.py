"""Start-up benchmark of the gmmviz window: time to first paint, and the first Initialise on Old Faithful.

Each run is a fresh Python process started as ``gmmviz`` starts (``gmmviz.cli.main([])``, the real
``run_window``) on the display in ``DISPLAY`` (e.g. Xvfb with a window manager), with an empty
configuration folder. The process reports:

- first paint: seconds from starting the process to the window's first paint;
- warm-up: seconds from the first paint until the background warm-up has finished (warmed runs);
- first Initialise: milliseconds from pressing Initialise (after loading Old Faithful) until its state is
  drawn, pressed either in the event-loop turn of the first paint ("at once", faster than anyone can) or
  ``--delay`` seconds later (default 1 s: a user who presses I as soon as the window is there, or picks
  Data ▸ Old Faithful first, which takes longer);
- longest gap: the longest pause between ticks of a 10 ms timer on the GUI thread from the first paint
  until the Initialise is drawn (the warm-up must not block the GUI thread).

The baseline is the same process without the warm-up (``warm_up_when_painted`` made a no-op), measured in
the same run. One unmeasured run first makes the caches warm (numba's and the operating system's).

Targets (issue 13): first paint <= 1.5 s; first Initialise <= 300 ms "right after the window appears",
read as the press ``--delay`` (1 s) after the first paint. "At once" can never be that fast: numba's own
set-up (importing it, its type registry at the first compiled call) takes about 0.9 s and can only start once
the window is up, unless it delays the first paint by as much.

Usage: DISPLAY=:18 python benchmarks/bench_startup.py [--runs 5] [--delay 1]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

#: Started as ``python bench_startup.py --child WARM PRESS DELAY``: one measured start of the window.
CHILD_FLAG = "--child"


def child(warm, press, delay):
    """One start of gmmviz as the ``gmmviz`` command does it; prints one JSON line of figures."""
    started = float(os.environ["GMMVIZ_BENCH_STARTED"])
    import gmmviz.cli
    from gmmviz.gui import app as app_module
    from gmmviz.gui.application import ensure_app
    from gmmviz.gui.engine import warm_up

    app = ensure_app()      # run_window's own first call; made here to hook the first paint
    from PySide6 import QtCore, QtWidgets

    figures = {}
    ticks = []
    if not warm:
        app_module.warm_up_when_painted = lambda window: None

    def main_window():
        return next(w for w in QtWidgets.QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")

    def painted():
        figures["first_paint_s"] = time.time() - started
        timer = QtCore.QTimer(app, interval=10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        ticks.append(time.perf_counter())
        QtCore.QTimer.singleShot(0 if press == "now" else int(delay * 1000), initialise)

    def initialise():
        from gmmviz.io.datasets import old_faithful

        window = main_window()
        window.set_points(*old_faithful(), name="old_faithful.csv")
        app.processEvents()
        pressed = time.perf_counter()

        def drawn():
            app.processEvents()
            figures["initialise_ms"] = 1000 * (time.perf_counter() - pressed)
            figures["longest_gap_ms"] = 1000 * max(b - a for a, b in zip(ticks, ticks[1:] + [time.perf_counter()]))
            figures["weights"] = window.session.state_on_screen().mixture.weights.tolist()
            app.exit(0)

        window.runner.finished.connect(drawn)
        window.initialise()

    def watch_warm_up():
        if warm_up.is_warm() and "warm_up_s" not in figures and "first_paint_s" in figures:
            figures["warm_up_s"] = time.time() - started - figures["first_paint_s"]

    class FirstPaint(QtCore.QObject):
        """The first paint of the main window, seen by the application before the window sees it."""

        def eventFilter(self, watched, event):
            if event.type() == QtCore.QEvent.Type.Paint and type(watched).__name__ == "MainWindow":
                app.removeEventFilter(self)
                QtCore.QTimer.singleShot(0, painted)
            return False

    first_paint = FirstPaint()
    app.installEventFilter(first_paint)
    poll = QtCore.QTimer(app, interval=5)
    poll.timeout.connect(watch_warm_up)
    poll.start()
    status = gmmviz.cli.main([])
    print(json.dumps(figures))
    return status


def measure(warm, press, delay, config):
    env = {**os.environ, "XDG_CONFIG_HOME": config, "GMMVIZ_BENCH_STARTED": repr(time.time())}
    out = subprocess.run([sys.executable, __file__, CHILD_FLAG, str(int(warm)), press, str(delay)],
                         capture_output=True, text=True, env=env, timeout=300)
    if out.returncode != 0:
        raise SystemExit(f"the window process failed (status {out.returncode}):\n{out.stdout}{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def summary(values, unit, digits):
    return (f"median {statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, "
            f"max {max(values):.{digits}f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds after the first paint for 'later'")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise SystemExit("set DISPLAY (e.g. Xvfb :18 with openbox): the window needs a display")
    with tempfile.TemporaryDirectory(prefix="gmmviz-bench-config-") as config:
        measure(True, "later", 1.0, config)          # caches warm; not counted
        results = {(warm, press): [] for warm in (True, False) for press in ("now", "later")}
        for _ in range(args.runs):      # interleaved, so a change of the machine's load hits every variant
            for (warm, press), runs in results.items():
                runs.append(measure(warm, press, args.delay, config))

    print(f"gmmviz start-up, {args.runs} fresh processes each, load average {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} cores")
    for warm in (True, False):
        paints = [r["first_paint_s"] for press in ("now", "later") for r in results[warm, press]]
        print(f"first paint, {'with warm-up' if warm else 'baseline   '}: {summary(paints, 's', 2)}")
    warm_ups = [r["warm_up_s"] for press in ("now", "later") for r in results[True, press] if "warm_up_s" in r]
    print(f"warm-up after the first paint: {summary(warm_ups, 's', 2)}")
    for press, when in (("now", "at once"), ("later", f"{args.delay:g} s after the first paint")):
        warmed = [r["initialise_ms"] for r in results[True, press]]
        cold = [r["initialise_ms"] for r in results[False, press]]
        print(f"first Initialise pressed {when}: with warm-up {summary(warmed, 'ms', 0)}; "
              f"baseline {summary(cold, 'ms', 0)}; baseline / warm-up "
              f"{statistics.median(cold) / statistics.median(warmed):.1f}x")
        for warm in (True, False):
            gaps = [r["longest_gap_ms"] for r in results[warm, press]]
            print(f"    longest GUI-thread gap until it is drawn, {'with warm-up' if warm else 'baseline'}: "
                  f"{summary(gaps, 'ms', 0)}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == CHILD_FLAG:
        sys.exit(child(sys.argv[2] == "1", sys.argv[3], float(sys.argv[4])))
    main()
