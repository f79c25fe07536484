"""PNG, SVG and GIF exports replace a file whole or not at all: a full disk keeps the old picture."""

import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from gmmviz.core import GmmvizError
from gmmviz.gui.export.image import export_png, export_svg
from gmmviz.gui.export.gif import write_gif
from tests.io.test_atomic import OLD, assert_untouched, disk_full_after, tiny_disk  # noqa: F401 (a fixture)

NOISE = np.random.default_rng(0).integers(0, 256, size=(240, 320, 3), dtype=np.uint8)


@pytest.fixture
def noisy_widget(qtbot):
    """A widget showing random pixels, so that its PNG and SVG do not compress below 64 KiB."""
    image = QtGui.QImage(NOISE.tobytes(), 320, 240, 3 * 320, QtGui.QImage.Format.Format_RGB888)
    label = QtWidgets.QLabel()
    label.setPixmap(QtGui.QPixmap.fromImage(image.copy()))
    label.resize(320, 240)
    qtbot.addWidget(label)
    return label


EXPORTS = {
    "png": lambda widget, path: export_png(widget, path),
    "svg": lambda widget, path: export_svg(widget, path),
    "gif": lambda widget, path: write_gif([NOISE, NOISE[::-1]], path),
}


@pytest.mark.parametrize("kind", EXPORTS)
def test_an_export_failing_part_way_keeps_the_old_file(tmp_path, monkeypatch, noisy_widget, kind):
    path = tmp_path / f"plot.{kind}"
    path.write_bytes(OLD)
    with disk_full_after(monkeypatch, 1000), pytest.raises(GmmvizError, match="No space left") as info:
        EXPORTS[kind](noisy_widget, path)
    assert str(path) in str(info.value)
    assert_untouched(path)


@pytest.mark.parametrize("kind", EXPORTS)
def test_an_export_to_a_full_disk_keeps_the_old_file(tiny_disk, noisy_widget, kind):
    path = tiny_disk / f"plot.{kind}"
    path.write_bytes(OLD)
    with pytest.raises(GmmvizError, match="No space left"):
        EXPORTS[kind](noisy_widget, path)
    assert_untouched(path)
