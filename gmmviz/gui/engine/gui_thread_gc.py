"""Python's cycle collector run on the GUI thread only, so that no other thread destroys Qt objects.

Python collects reference cycles on whichever thread allocates when a threshold is passed. In gmmviz that
can be the EM worker (importing numba, stepping EM), the warm-up, a file being read or a kernel's helper
thread, and a cycle it collects may hold Qt objects (a closed window's menus and actions). Destroying them
there deadlocks: ``~QObject`` takes Qt's lock on the object's connections and then waits for the GIL to call
into Python, while the GUI thread, holding the GIL, waits for that lock to delete objects of its own. Seen
in the test suite: the window froze for good about once in thirty runs of the truth tests.

So :func:`collect_on_gui_thread` turns automatic collection off and a timer on the GUI thread collects
instead every ``INTERVAL_MS``: the young objects each time (a few milliseconds), the older generations
by Python's own rule (:class:`Generations`; the recipe Qt users of Python have long used). Objects outside cycles are
still freed at once, by reference counting, wherever their last reference goes; the worker threads hold
no Qt objects (they send arrays).
"""

from __future__ import annotations

import gc

from PySide6 import QtCore

#: Milliseconds between two looks at the collector's counts.
INTERVAL_MS = 500


class Generations:
    """Python's rule for which generation to collect, applied by hand (automatic collection being off).

    Python collects the oldest generation whose count passed its threshold, except that the old generation
    waits until it grew by a quarter since its last collection (a full collection costs about 0.1 s with a
    window open); when it waits, the middle generation is still collected by its own threshold. Python
    knows the old generation's growth for free; here it is counted with ``gc.get_objects``, which walks the
    whole heap, so it is counted about once per ``threshold[2]`` middle collections, not on every tick.
    """

    def __init__(self):
        self._thresholds = gc.get_threshold()
        self._long_lived = len(gc.get_objects(generation=2))     # the old generation at the last full collection
        self._old_count_looked_at = 0                            # gc.get_count()[2] when growth was last counted

    def collect(self) -> int:
        """Collect the young objects, and an older generation when it is due: the oldest generation collected.

        The young generation every time: Python's own trigger, the count of objects made and not yet freed,
        can stay low while a worker makes and frees many, and garbage would then wait.
        """
        gc.collect(0)
        _, middle, old = gc.get_count()
        if old < self._old_count_looked_at:         # a full collection made elsewhere (gc.collect())
            self._long_lived = len(gc.get_objects(generation=2))
            self._old_count_looked_at = 0
        if old > self._old_count_looked_at + self._thresholds[2]:
            self._old_count_looked_at = old
            if len(gc.get_objects(generation=2)) > 1.25 * self._long_lived:
                gc.collect(2)
                self._long_lived = len(gc.get_objects(generation=2))
                self._old_count_looked_at = 0
                return 2
        if middle > self._thresholds[1]:
            gc.collect(1)
            return 1
        return 0


class _Collector(QtCore.QObject):
    def __init__(self, parent):
        super().__init__(parent)
        self._generations = Generations()
        self._timer = QtCore.QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self._generations.collect)
        self._timer.start()


def collect_on_gui_thread(app) -> None:
    """Collect cycles only on ``app``'s thread from now on (once per application; later calls do nothing)."""
    if app.findChild(_Collector) is None:
        _Collector(app)
    gc.disable()
