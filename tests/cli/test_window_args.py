"""``gmmviz [PATH] [options]``: the window's command line, checked before any window exists."""

import signal

import pytest


def test_window_entry_point_with_a_missing_file_exits_with_an_error(gmmviz_cli, tmp_path):
    done = gmmviz_cli("nope.csv", "--screenshot", "shot.png")
    assert done.returncode == 2, done.stderr
    assert any(line.startswith("gmmviz: error: nope.csv") for line in done.stderr.splitlines())
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "shot.png").exists()


@pytest.mark.parametrize(
    "screenshot, match",
    [
        ("no/such/folder/shot.png", "no/such/folder"),
        ("shot", "must end in .png"),
        ("shot.jpg", "must end in .png"),
    ],
)
def test_a_screenshot_that_cannot_be_written_is_one_error(gmmviz_cli, tmp_path, faithful, screenshot, match):
    line = gmmviz_cli(faithful, "-k", 2, "--screenshot", screenshot).error_line()
    assert match in line and "--screenshot" in line
    assert list(tmp_path.iterdir()) == [faithful]


def test_ctrl_c_during_a_screenshot_run_exits_130_and_writes_nothing(qapp, gmmviz_cli, tmp_path, faithful):
    from PySide6 import QtCore

    # Ctrl-C arrives while Qt's event loop runs (the first event it processes); should it escape the
    # command, this stand-in handler keeps it from stopping the test run.
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        QtCore.QTimer.singleShot(0, lambda: signal.raise_signal(signal.SIGINT))
        done = gmmviz_cli(faithful, "-k", 2, "--seed", 0, "--run", "--screenshot", "shot.png")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "gmmviz: interrupted"
    assert not (tmp_path / "shot.png").exists()


def test_more_components_than_the_window_shows_is_one_error_not_a_silent_20(gmmviz_cli, tmp_path, faithful):
    line = gmmviz_cli(faithful, "-k", 25, "--screenshot", "shot.png").error_line()
    assert "at most 20 components" in line and "got 25" in line
    assert not (tmp_path / "shot.png").exists()


def test_unknown_options_are_one_error(gmmviz_cli):
    assert "unrecognized arguments: --bogus" in gmmviz_cli("--bogus").error_line()
