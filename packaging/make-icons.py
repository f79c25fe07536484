"""Regenerate gmmviz's packaged icons from ``resources/gmmviz.svg``.

Writes ``gmmviz/resources/icons/hicolor/<n>x<n>/apps/gmmviz.png`` for every size in
:data:`gmmviz.desktop.ICON_SIZES` and copies the SVG to ``hicolor/scalable/apps/gmmviz.svg``, the
layout of the freedesktop icon theme, so ``gmmviz --install-desktop`` copies the folder as it is.
Run it after changing the SVG: ``python packaging/make-icons.py``. It renders with QtSvg on Qt's
off-screen platform, so it needs no display and nothing beyond gmmviz's own dependencies.
"""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "gmmviz.svg"
THEME = ROOT / "gmmviz" / "resources" / "icons" / "hicolor"


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import QtCore, QtGui, QtSvg

    sys.path.insert(0, str(ROOT))
    from gmmviz.desktop import ICON_SIZES

    app = QtGui.QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage painting needs one)
    renderer = QtSvg.QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"make-icons: {SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32)
        image.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(image)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = THEME / f"{size}x{size}" / "apps" / "gmmviz.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Qt's PNG quality 0 is zlib's strongest compression: the icons stay small in the wheel.
        writer = QtGui.QImageWriter(str(target), b"png")
        writer.setQuality(0)
        if not writer.write(image):
            print(f"make-icons: cannot write {target}: {writer.errorString()}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    scalable = THEME / "scalable" / "apps" / "gmmviz.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    print(scalable.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
