"""The window's model: the interactive fit as plain Python objects, with no Qt.

Points, settings, the EM history with the iteration on screen and the live state live
here once; the window, the plot, the panels, the file commands and the exports observe them
through :mod:`gmmviz.gui.model.events` and never keep copies of their own.
"""
