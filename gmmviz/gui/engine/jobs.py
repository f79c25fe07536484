"""EM commands as jobs: generator functions ``job(cancel)`` that yield one ``EMState`` per half-step.

A job is plain Python (no Qt), so the worker thread drives it in the window and a test drives it
with a ``for`` loop. Each job builds its own engine from the state it starts at
(:class:`gmmviz.core.EM` resumes from an ``EMState``), so nothing but the states it yields leaves
the worker thread, and the window keeps no engine between commands. The loop of Run and Play is
the core's :meth:`EM.half_steps <gmmviz.core.EM.half_steps>`; Play only paces it.
"""

from __future__ import annotations

import math

from gmmviz.core import EM

#: Commands a job can run after building the engine.
COMMANDS = ("initialise", "e_step", "m_step", "step", "run", "play")


def em_job(X, settings, start, command, announce_start, speed=None, sample_weight=None):
    """A job running ``command`` on points ``X`` from ``start``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    settings : WindowSettings
        With ``init`` already resolved into ``start``.
    start : EMState, Mixture or str
        The state to continue from, a mixture to start from, or an initialisation method.
    command : one of COMMANDS
    announce_start : bool
        Yield the engine's first state (a new initialisation, or a continued state that was
        changed, e.g. projected onto another covariance type) before the command's half-steps.
    speed : callable, optional
        For "play": iterations per second (``inf`` = no pause), asked after every half-step so a
        moved slider takes effect at once.
    sample_weight : ndarray of shape (n_samples,), optional
        The points' weights (None: unweighted); the settings carry the noise and the locks.
    """

    def job(cancel):
        engine_settings = settings.fit_settings(points=X, sample_weight=sample_weight).kwargs()
        del engine_settings["n_init"]          # restarts are fit's; a command runs one engine
        engine_settings["init"] = start
        em = EM(X, sample_weight=sample_weight, **engine_settings)
        if announce_start:
            yield em.state
        if command == "initialise" or cancel.is_set():
            return
        if command == "e_step":
            yield em.e_step()
        elif command == "m_step":
            yield em.m_step()
        elif command == "step":
            yield em.e_step()
            if not cancel.is_set():
                yield em.m_step()
        elif command == "run":
            yield from em.half_steps(pause=lambda state: cancel.is_set())
        else:
            yield from em.half_steps(pause=lambda state: _paced(cancel, speed()))

    return job


def _paced(cancel, speed):
    """Wait half an iteration at ``speed`` iterations per second; True when cancelled meanwhile."""
    if speed is None or math.isinf(speed):
        return cancel.is_set()
    return cancel.wait(0.5 / speed)
