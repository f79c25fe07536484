"""Help ▸ About: the version, what gmmviz is, and the licences of what it is built on."""

from PySide6 import QtWidgets


def show_about(parent):
    """The About box over ``parent``."""
    from gmmviz import __version__

    QtWidgets.QMessageBox.about(
        parent, "About gmmviz",
        f"<b>gmmviz {__version__}</b><p>Fit, step and look at two-dimensional Gaussian mixture "
        "models.</p><p>Numerics follow scikit-learn's GaussianMixture.</p>"
        "<p>gmmviz is free software under the MIT licence. It uses Qt and PySide6 (LGPLv3), "
        "pyqtgraph (MIT), NumPy (BSD-3-Clause), scikit-learn (BSD-3-Clause) and numba "
        "(BSD-2-Clause).</p>")
