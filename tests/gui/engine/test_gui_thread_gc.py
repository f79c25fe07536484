"""Reference cycles are collected on the GUI thread, never on a worker that happens to allocate."""

import gc
import threading
import weakref

from gmmviz.gui.application import ensure_app
from gmmviz.gui.engine.gui_thread_gc import Generations


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


def test_a_cycle_that_outlived_a_young_collection_is_freed_while_the_old_generation_waits(monkeypatch):
    gc.collect()
    generations = Generations()
    for _ in range(30):              # the old generation's count far past its threshold, its size as it was
        gc.collect(1)
    freed = []
    cycle = _Cycle()
    weakref.finalize(cycle, lambda: freed.append(True))
    assert generations.collect() == 0               # still in use: it survives into the middle generation
    del cycle
    walks = []
    get_objects = gc.get_objects
    monkeypatch.setattr(gc, "get_objects", lambda **kw: walks.append(kw) or get_objects(**kw))
    collected = [generations.collect() for _ in range(11 * 12)]
    assert freed == [True]
    assert collected.count(1) == 12 and 2 not in collected      # the middle one every eleventh tick, as Python's
    assert len(walks) <= 2                          # the heap is walked once per ten middle collections, not per tick


def test_a_full_collection_made_elsewhere_does_not_put_off_the_next_look_at_the_old_generation(monkeypatch):
    gc.collect()
    generations = Generations()
    for _ in range(30):
        gc.collect(1)
    generations.collect()                           # looks at the old generation's growth now
    gc.collect()                                    # a library collects everything: the counts start again
    walks = []
    get_objects = gc.get_objects
    monkeypatch.setattr(gc, "get_objects", lambda **kw: walks.append(kw) or get_objects(**kw))
    for _ in range(11 * 12):                        # twelve middle collections, a look due after eleven
        generations.collect()
    assert len(walks) >= 2                          # the new start measured, then the look at its growth
