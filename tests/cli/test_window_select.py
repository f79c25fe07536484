"""``gmmviz DATA --select 1-K … --screenshot OUT.png``: the Choose K sweep in the window, from the command line."""

import pytest

from gmmviz.core import select
from gmmviz.io import read_points


@pytest.fixture
def shown(at_screenshot):
    """What the window holds when its screenshot is written: the Choose K dock's visibility, the sweep and the fit."""
    return at_screenshot(lambda window: dict(dock=window.candidates.docks["choose_k"].isVisible(),
                                             selection=window.session.selection,
                                             mixture=window.session.mixture_on_screen()))


def test_select_fits_the_candidates_shows_the_panel_and_loads_the_best(qapp, gmmviz_cli, tmp_path, faithful, shown):
    done = gmmviz_cli(faithful, "--select", "1-4", "--covariance", "full,spherical", "--criterion", "icl",
                      "--seed", 2, "--screenshot", "choose-k.png")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "choose-k.png").stat().st_size > 10_000
    expected = select(read_points(faithful).X, range(1, 5), ("full", "spherical"), criterion="icl", seed=2)
    selection = shown["selection"]
    assert shown["dock"] and selection.sweep.rows == expected.rows
    assert selection.sweep.rows[selection.best()] == expected.best
    assert shown["mixture"] == expected.best_fit.mixture


@pytest.mark.parametrize("args, match", [
    (("--select", "2-6"), "--select takes 1-K"),
    (("--select", "1-4,6"), "--select takes 1-K"),
    (("--criterion", "aic"), "--criterion goes with --select"),
    (("--covariance", "full,diag"), "--covariance takes one type"),
])
def test_select_options_that_do_not_fit_together_are_one_error(gmmviz_cli, faithful, args, match):
    assert match in gmmviz_cli(faithful, *args, "--screenshot", "x.png").error_line()


def test_select_without_data_is_one_error(gmmviz_cli):
    assert "--select needs a data file" in gmmviz_cli("--select", "1-3", "--screenshot", "x.png").error_line()


def test_ctrl_c_during_the_sweep_stops_it_and_exits_130(qapp, gmmviz_cli, tmp_path, faithful, monkeypatch):
    import signal
    import time

    from gmmviz.gui.commands import candidates

    fractions = []
    sweep_job = candidates.sweep_job

    def interrupted(*args):
        """The sweep, with Ctrl-C pressed once its first candidate is fitted, and each later one slowed."""
        job = sweep_job(*args)
        fractions.append(next(job))
        yield fractions[-1]
        signal.raise_signal(signal.SIGINT)
        for fraction in job:
            time.sleep(0.05)
            fractions.append(fraction)
            yield fraction

    monkeypatch.setattr(candidates, "sweep_job", interrupted)
    previous = signal.signal(signal.SIGINT, lambda *_: None)      # should Ctrl-C escape, the tests go on
    try:
        done = gmmviz_cli(faithful, "--select", "1-20", "--seed", 0, "--screenshot", "shot.png")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "gmmviz: interrupted"
    assert fractions[-1] < 0.5          # 80 candidates asked for; the sweep ended soon after the press
    assert not (tmp_path / "shot.png").exists()
