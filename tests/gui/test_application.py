"""Which display the QApplication gets: off-screen for exports, a reachable one (or one error line) for the window."""

import os
import socket
import subprocess
import sys

import pytest

from gmmviz.core import GmmvizError
from gmmviz.gui.application import window_platform


def _listens(path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


def _stale_display():
    """A DISPLAY with no X server behind it (no socket file, no abstract socket)."""
    for number in range(917, 1000):
        path = f"/tmp/.X11-unix/X{number}"
        if not os.path.exists(path) and not _listens("\0" + path):
            return f":{number}"
    pytest.skip("no free X display number")


def _gmmviz(args, cwd, **variables):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(variables)
    return subprocess.run([sys.executable, "-m", "gmmviz", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("variables, named", [
    ({"QT_QPA_PLATFORM": ""}, "there is no display to show the window on"),   # empty is not set
    ({"DISPLAY": "stale"}, "cannot be reached"),
])
def test_an_unusable_display_is_one_error_line(tmp_path, variables, named):
    variables = {key: _stale_display() if value == "stale" else value for key, value in variables.items()}
    done = _gmmviz([], tmp_path, **variables)
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("gmmviz: error: ") and named in line
    assert "xcb" not in done.stderr


def test_plot_export_needs_no_display(tmp_path):
    (tmp_path / "points.csv").write_text("x,y\n" + "".join(f"{i % 7},{i * i % 11}\n" for i in range(40)))
    done = _gmmviz(["fit", "points.csv", "-k", "2", "--seed", "0", "--png", "out.png"], tmp_path,
                   DISPLAY=_stale_display(), QT_QPA_PLATFORM="xcb")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.png").read_bytes().startswith(b"\x89PNG")


@pytest.fixture
def wayland_socket(tmp_path):
    """A listening Unix socket standing for a Wayland compositor: (XDG_RUNTIME_DIR, WAYLAND_DISPLAY)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "wayland-0"))
        server.listen()
        yield str(tmp_path), "wayland-0"


@pytest.mark.parametrize("environ, platform", [
    ({}, "offscreen"),
    ({"QT_QPA_PLATFORM": " "}, "offscreen"),
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": "stale"}, None),    # another platform: Qt's to handle
    ({"QT_QPA_PLATFORM": "xcb;offscreen", "DISPLAY": "stale"}, None),
])
def test_platform_left_to_qt_or_offscreen(environ, platform):
    environ = {key: _stale_display() if value == "stale" else value for key, value in environ.items()}
    assert window_platform(environ, "linux") == platform


def test_wayland_when_only_the_wayland_display_listens(wayland_socket):
    runtime, name = wayland_socket
    environ = {"DISPLAY": _stale_display(), "WAYLAND_DISPLAY": name, "XDG_RUNTIME_DIR": runtime}
    assert window_platform(environ, "linux") == "wayland"
    assert window_platform({**environ, "QT_QPA_PLATFORM": "wayland"}, "linux") is None
    with pytest.raises(GmmvizError, match=r"QT_QPA_PLATFORM=xcb\): DISPLAY=:\d+ cannot be reached"):
        window_platform({**environ, "QT_QPA_PLATFORM": "xcb"}, "linux")


@pytest.mark.parametrize("display", ["", "localhost:abc", "nonsense"])
def test_x_platform_without_a_usable_display_is_an_error(display):
    with pytest.raises(GmmvizError, match="the window cannot open a display"):
        window_platform({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}, "linux")


def test_windows_and_macos_are_not_checked():
    assert window_platform({"QT_QPA_PLATFORM": "xcb"}, "darwin") is None
    assert window_platform({}, "win32") is None


def test_the_application_names_its_desktop_entry_and_has_its_icon_at_every_size(tmp_path):
    code = ("from gmmviz.gui.application import ensure_app\n"
            "app = ensure_app(offscreen=True)\n"
            "print(app.desktopFileName(), *sorted(size.width() for size in app.windowIcon().availableSizes()))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    name, *sizes = done.stdout.split()
    assert name == "gmmviz" and {16, 24, 32, 48, 64, 128, 256, 512} <= {int(size) for size in sizes}
