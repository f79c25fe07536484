"""Reference cycles are collected on the GUI thread, never on a worker that happens to allocate."""

import gc
import threading
import weakref

from gmmviz.gui.application import ensure_app


class _Cycle:
    def __init__(self):
        self.itself = self


def test_a_cycle_dropped_while_a_worker_allocates_is_collected_on_the_gui_thread(qtbot):
    ensure_app()
    assert not gc.isenabled()
    gc.collect()
    collected_on = []
    cycle = _Cycle()
    weakref.finalize(cycle, lambda: collected_on.append(threading.current_thread()))
    del cycle                                   # garbage now, but only a collection can free it

    def allocate():                             # enough to pass every threshold of an automatic collection
        kept = []
        for i in range(300_000):
            kept.append([i])
            if len(kept) > 1000:
                kept.clear()

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert collected_on == []                   # the worker never collected
    for _ in range(1000):
        [[i] for i in range(10)]                # the GUI thread allocates too, as it does while drawing
    qtbot.waitUntil(lambda: bool(collected_on), timeout=5000)
    assert collected_on == [threading.main_thread()]
