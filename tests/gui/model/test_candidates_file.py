"""The Choose K sweep and the restarts in a session file, from the window's model and back."""

import json

import numpy as np
import pytest

from gmmviz.core import GmmvizError
from gmmviz.core.steps import run_to_end
from gmmviz.gui.engine.fit_jobs import restarts_job, sweep_job
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.restarts import RestartRun
from gmmviz.gui.model.selection_results import Sweep
from gmmviz.gui.model.session_file import apply_session, to_session
from gmmviz.gui.model.settings import WindowSettings
from gmmviz.io.session import load_session, save_session


def same_mixtures(a, b):
    """Equal parameters; weights to the last bit or two (a file's weights are made to sum to 1 on reading)."""
    return len(a) == len(b) and all(
        (x is None and y is None) or (x.covariance_type == y.covariance_type and np.allclose(x.weights, y.weights,
                                      rtol=0, atol=1e-15) and np.array_equal(x.means, y.means)
                                      and np.array_equal(x.covariances, y.covariances)) for x, y in zip(a, b))


@pytest.fixture
def lab(faithful):
    """A FitSession on Old Faithful with a sweep (K = 1…3, full and tied, ICL) and three restarts."""
    session = FitSession()
    session.load_points(faithful, ("eruptions", "waiting"))
    selection = session.selection
    selection.set_request(max_k=3, covariance_types=("full", "tied"), criterion="icl", seed=2)
    settings = selection.request.fit_settings(session.settings)
    selection.set_sweep(Sweep.of(settings, run_to_end(sweep_job(faithful, range(1, 4), ("full", "tied"), settings))))
    session.restarts.set_count(3)
    run_settings = session.restarts.run_settings(WindowSettings(n_components=3, init="random", seed=4))
    session.restarts.set_run(RestartRun.of(run_settings, run_to_end(restarts_job(faithful, run_settings, 4, 3))))
    return session


def test_the_sweep_and_the_restarts_survive_a_session_file(lab, tmp_path):
    path = tmp_path / "lab.gmmviz"
    save_session(path, to_session(lab))
    opened = FitSession()
    apply_session(opened, load_session(path))
    assert opened.selection.request == lab.selection.request
    assert opened.selection.sweep.rows == lab.selection.sweep.rows
    assert same_mixtures(opened.selection.sweep.mixtures, lab.selection.sweep.mixtures)
    assert opened.selection.sweep.settings == lab.selection.sweep.settings
    assert opened.selection.best() == lab.selection.best()
    assert opened.restarts.count == 3
    before, after = lab.restarts.run, opened.restarts.run
    assert after.settings == before.settings
    assert [(r.seed, r.log_likelihood, r.n_iter, r.converged, r.degenerate) for r in after.restarts] == \
           [(r.seed, r.log_likelihood, r.n_iter, r.converged, r.degenerate) for r in before.restarts]
    assert same_mixtures([r.mixture for r in after.restarts], [r.mixture for r in before.restarts])


def test_a_session_without_them_opens_with_the_panels_defaults(lab, tmp_path):
    path = tmp_path / "old.gmmviz"
    plain = FitSession()
    plain.load_points(lab.points.X)
    save_session(path, to_session(plain))
    data = json.loads(path.read_text())
    del data["candidates"]
    data["version"] = 1
    path.write_text(json.dumps(data))
    apply_session(lab, load_session(path))
    assert lab.selection.sweep is None and lab.restarts.run is None
    assert lab.selection.request.max_k == 6 and lab.restarts.count == 10


def test_candidates_the_window_cannot_show_change_nothing(lab, tmp_path):
    path = tmp_path / "lab.gmmviz"
    save_session(path, to_session(lab))
    data = json.loads(path.read_text())
    data["candidates"]["choose_k"]["request"]["max_k"] = 25
    path.write_text(json.dumps(data))
    opened = FitSession()
    with pytest.raises(GmmvizError, match="Choose K goes up to K = 20"):
        apply_session(opened, load_session(path))
    assert len(opened.points) == 0


def test_candidates_above_the_windows_k_say_what_to_use_instead():
    from types import SimpleNamespace

    from gmmviz.gui.model.candidates_file import read_candidates

    sweep = {"rows": [SimpleNamespace(n_components=21)], "settings": None, "mixtures": []}
    record = {"choose_k": {"request": {}, "sweep": sweep}, "restarts": {"count": 10, "run": None}}
    with pytest.raises(GmmvizError, match="goes to K = 21, more than the 20 the window shows: compare such K with "
                                          "gmmviz select$"):
        read_candidates(record)
    run = {"settings": SimpleNamespace(n_components=21), "restarts": []}
    record = {"choose_k": {"request": {}, "sweep": None}, "restarts": {"count": 10, "run": run}}
    with pytest.raises(GmmvizError, match="have 21 components, more than the 20 the window shows: run them with "
                                          "gmmviz fit --n-init$"):
        read_candidates(record)
