"""The ``candidates`` key of a session: the Choose K sweep and the restarts, saved and read back exactly."""

import json
import math

import numpy as np
import pytest

from gmmviz.core import GmmvizError, fit
from gmmviz.core.selection import SelectionRow
from gmmviz.core.settings import FitSettings
from gmmviz.io.session import Session, load_session, save_session
from gmmviz.io.session_candidates import candidates_from_json, candidates_to_json

POINTS = np.random.default_rng(0).normal(size=(40, 2))


def candidates():
    one = fit(POINTS, 1, seed=0)
    two = fit(POINTS, 2, init="random", seed=3)
    rows = (SelectionRow(1, "full", one.log_likelihood, one.bic, one.aic, one.icl, one.n_iter, one.converged),
            SelectionRow(2, "full", two.log_likelihood, two.bic, two.aic, two.icl, two.n_iter, False, None, (1,)),
            SelectionRow(3, "full", math.nan, math.nan, math.nan, math.nan, 0, False, "too few points"))
    return {
        "choose_k": {"request": {"max_k": 3, "covariance_types": ("full",), "criterion": "icl", "n_init": 2, "seed": 5},
                     "sweep": {"settings": FitSettings(n_init=2, seed=5, tol=1e-4, prior=True), "rows": list(rows),
                               "mixtures": [one.mixture, two.mixture, None]}},
        "restarts": {"count": 2,
                     "run": {"settings": FitSettings(n_components=2, init="random", seed=3),
                             "restarts": [{"seed": 3, "log_likelihood": two.log_likelihood, "n_iter": 4,
                                           "converged": True, "degenerate": (0,), "mixture": two.mixture}]}},
    }


def same(a, b):
    """Equal, nan equal to nan (rows of a candidate that was not fitted)."""
    return json.dumps(candidates_to_json(a), sort_keys=True) == json.dumps(candidates_to_json(b), sort_keys=True)


def test_candidates_survive_a_session_file(tmp_path):
    path = tmp_path / "lab.gmmviz"
    save_session(path, Session(points=POINTS, candidates=candidates()))
    back = load_session(path).candidates
    assert same(back, candidates())
    assert back["choose_k"]["sweep"]["rows"][1] == candidates()["choose_k"]["sweep"]["rows"][1]
    assert back["choose_k"]["sweep"]["mixtures"][1] == candidates()["choose_k"]["sweep"]["mixtures"][1]
    assert back["restarts"]["run"]["restarts"][0]["degenerate"] == (0,)


def test_a_file_without_candidates_has_no_key_and_reads_as_none(tmp_path):
    path = tmp_path / "old.gmmviz"
    save_session(path, Session(points=POINTS))
    data = json.loads(path.read_text())
    assert "candidates" not in data
    data["version"] = 1
    path.write_text(json.dumps(data))
    assert load_session(path).candidates is None


@pytest.mark.parametrize("damage, match", [
    (lambda d: d["choose_k"]["sweep"]["rows"][0].update(mixture=None), "mixture exactly when"),
    (lambda d: d["choose_k"]["sweep"]["rows"][1].update(degenerate=[3]), "degenerate"),
    (lambda d: d["choose_k"]["sweep"]["settings"].update(tol=-1), "tol"),
    (lambda d: d["restarts"].update(count="ten"), "count"),
    (lambda d: d["restarts"]["run"]["restarts"][0].pop("seed"), "lacks seed"),
    (lambda d: d["choose_k"].update(request={"max_k": 3}), "request needs"),
    (lambda d: d["choose_k"]["sweep"]["settings"].update(noise=-2), "noise"),
    (lambda d: d["restarts"]["run"]["settings"].update(freeze={"5": ["mean"]}), "freeze"),
])
def test_damaged_candidates_are_refused_saying_what_is_wrong(tmp_path, damage, match):
    path = tmp_path / "lab.gmmviz"
    save_session(path, Session(points=POINTS, candidates=candidates()))
    data = json.loads(path.read_text())
    damage(data["candidates"])
    path.write_text(json.dumps(data))
    with pytest.raises(GmmvizError, match=match) as caught:
        load_session(path)
    assert "is damaged (candidates:" in str(caught.value)


def test_the_noise_and_locks_the_candidates_were_fitted_with_survive(tmp_path):
    lab = candidates()
    sweep, run = lab["choose_k"]["sweep"], lab["restarts"]["run"]
    sweep["settings"] = sweep["settings"].replace(noise=True)
    run["settings"] = run["settings"].replace(noise=12.5, freeze={1: {"mean"}})
    path = tmp_path / "lab.gmmviz"
    save_session(path, Session(points=POINTS, candidates=lab))
    back = load_session(path).candidates
    assert back["choose_k"]["sweep"]["settings"].noise is True
    assert back["restarts"]["run"]["settings"].noise == 12.5
    assert back["restarts"]["run"]["settings"].freeze == {1: {"mean"}}


def test_candidates_written_before_noise_and_locks_were_kept_still_open(tmp_path):
    path = tmp_path / "lab.gmmviz"
    save_session(path, Session(points=POINTS, candidates=candidates()))
    data = json.loads(path.read_text())
    del data["candidates"]["choose_k"]["sweep"]["settings"]["noise"]
    for key in ("noise", "freeze"):
        del data["candidates"]["restarts"]["run"]["settings"][key]
    path.write_text(json.dumps(data))
    back = load_session(path).candidates
    assert back["choose_k"]["sweep"]["settings"].noise is None
    assert back["restarts"]["run"]["settings"].freeze is None


def test_reading_is_the_inverse_of_writing():
    assert same(candidates_from_json(json.loads(json.dumps(candidates_to_json(candidates())))), candidates())
