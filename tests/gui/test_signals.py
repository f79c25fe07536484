"""Regression: PySide6 6.12 aborts after tens of thousands of cross-thread Signal.emit() calls."""

import threading

from PySide6 import QtCore


class _Emitter(QtCore.QObject):
    flag = QtCore.Signal(bool)
    pair = QtCore.Signal(int, bool)


class _Receiver(QtCore.QObject):
    def __init__(self):
        super().__init__()
        self.flags = 0
        self.pairs = 0

    @QtCore.Slot(bool)
    def on_flag(self, value):
        self.flags += 1

    @QtCore.Slot(int, bool)
    def on_pair(self, index, value):
        self.pairs += 1


def test_fifty_thousand_emits_from_a_worker_thread_reach_the_gui(qtbot):
    n_emits = 50_000
    emitter = _Emitter()
    receiver = _Receiver()
    emitter.flag.connect(receiver.on_flag, QtCore.Qt.ConnectionType.QueuedConnection)
    emitter.pair.connect(receiver.on_pair, QtCore.Qt.ConnectionType.QueuedConnection)

    def emit_all():
        for i in range(n_emits):
            emitter.flag.emit(i % 2 == 0)
            emitter.pair.emit(i, i % 3 == 0)

    thread = threading.Thread(target=emit_all)
    thread.start()
    qtbot.waitUntil(lambda: receiver.flags == n_emits and receiver.pairs == n_emits, timeout=120_000)
    thread.join()
