"""The gmmviz window: PySide6 + pyqtgraph views of a Gaussian mixture and of EM stepping live.

Only this package imports Qt. Importing ``gmmviz.gui`` itself is cheap; the Qt modules are
loaded by the submodules that need them.
"""
