import threading

import pytest

from tests.gui.conftest import new_thread_named, threads_named, two_clusters
from gmmviz.core import EM, GmmvizError
from gmmviz.gui.engine.worker import EMRunner


@pytest.fixture
def runner(qtbot):
    runner = EMRunner()
    yield runner
    runner.shutdown()


def test_every_half_step_is_reported_and_the_newest_full_state_is_kept(qtbot, runner):
    em = EM(two_clusters(), 2, seed=0)
    states = []
    runner.stepped.connect(states.append)

    def job(cancel):
        for _ in range(3):
            yield em.e_step()
            yield em.m_step()

    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.start(job)
    assert [(s.iteration, s.phase) for s in states] == [(0, "e"), (1, "m"), (1, "e"), (2, "m"), (2, "e"), (3, "m")]
    assert all(s.resp is None for s in states)          # signals carry lean states
    latest, prepared = runner.take_latest()
    assert latest.iteration == 3 and latest.resp is not None and prepared is None
    assert runner.take_latest() is None


def test_the_last_state_is_prepared_on_the_worker_thread(qtbot):
    threads = []

    def prepare(state):
        threads.append(threading.get_ident())
        return state.resp.argmax(axis=1)

    runner = EMRunner()
    em = EM(two_clusters(), 2, seed=0)
    try:
        with qtbot.waitSignal(runner.finished, timeout=10000):
            runner.start(lambda cancel: (em.step() for _ in range(20)), prepare)
        state, labels = runner.take_latest()
        assert state.iteration == 20
        assert (labels == state.resp.argmax(axis=1)).all()
        assert threads and threading.get_ident() not in threads
    finally:
        runner.shutdown()


def test_stop_cancels_between_half_steps_and_delivers_what_was_done(qtbot, runner):
    em = EM(two_clusters(), 2, seed=0, tol=0.0, max_iter=10**6)
    states = []
    runner.stepped.connect(states.append)
    first_step = threading.Event()

    def job(cancel):
        while True:
            yield em.e_step()
            first_step.set()
            yield em.m_step()

    runner.start(job)
    assert first_step.wait(10)
    runner.stop()
    assert not runner.is_running
    assert states and states[-1].iteration == em.state.iteration and states[-1].phase == em.state.phase
    n_done = len(states)
    qtbot.wait(50)
    assert len(states) == n_done


def test_errors_are_reported_as_one_line(qtbot, runner):
    def job(cancel):
        raise GmmvizError("the M-step needs responsibilities")
        yield

    with qtbot.waitSignal(runner.errored, timeout=5000) as blocker:
        runner.start(job)
    assert blocker.args == ["the M-step needs responsibilities", ""]
    qtbot.waitUntil(lambda: not runner.is_running)


def test_shutdown_joins_the_thread(qtbot):
    others = threads_named("gmmviz-em")
    runner = EMRunner()
    worker = new_thread_named(qtbot, "gmmviz-em", others)
    em = EM(two_clusters(), 2, seed=0, tol=0.0, max_iter=10**6)
    left = threading.Event()

    def job(cancel):
        try:
            while True:
                yield em.step()
        finally:
            left.set()

    runner.start(job)
    runner.shutdown()
    assert left.is_set()        # shutdown returned only once the job had been left
    # Qt's wait() returns as the thread finishes; the system thread is gone a moment later
    qtbot.waitUntil(lambda: worker not in threads_named("gmmviz-em"), timeout=2000)
