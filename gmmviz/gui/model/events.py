"""Change notifications of the window's model, without Qt.

The model's objects announce changes through :class:`Event` attributes; widgets subscribe with
``connect``. This is the observer pattern napari's models use, reduced to what gmmviz needs:
callbacks run synchronously, in the order they connected, on the thread that changed the model
(always the GUI thread in the window: the worker thread only produces states, which the GUI
thread records).
"""

from __future__ import annotations


class Event:
    """A list of callbacks called with the arguments of :meth:`emit`."""

    def __init__(self):
        self._callbacks = []

    def connect(self, callback):
        """Call ``callback(*args)`` on every :meth:`emit`; returns ``callback``."""
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback):
        self._callbacks.remove(callback)

    def emit(self, *args):
        # a copy, so a callback may connect or disconnect others while being called
        for callback in list(self._callbacks):
            callback(*args)
