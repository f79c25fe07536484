"""Session files: what is saved comes back exactly, and bad files never replace a session."""

import dataclasses
import json
import math
import os

import numpy as np
import pytest

from gmmviz.core import EM, GmmvizError, Mixture, Prior
from gmmviz.core.settings import FitSettings
from gmmviz.io.datasets import old_faithful
from gmmviz.io.mixture_json import mixture_to_dict
from gmmviz.io.session import Session, load_session, save_session


def em_history(X, settings, n_iter=4):
    """States after init and every half-step of ``n_iter`` iterations, as the window records them."""
    kwargs = settings.kwargs()
    del kwargs["n_init"]
    em = EM(X, **kwargs)
    history = [em.state]
    for _ in range(n_iter):
        history.append(em.e_step())
        history.append(em.m_step())
    return history


@pytest.fixture
def session():
    X, _ = old_faithful()
    settings = FitSettings(n_components=3, covariance_type="full", init="k-means++", seed=7)
    history = em_history(X, settings)
    return Session(points=X, settings=settings, history=history, current=5, columns=("eruptions", "waiting"))


def assert_same_states(loaded, saved):
    assert len(loaded) == len(saved)
    for got, want in zip(loaded, saved):
        assert (got.iteration, got.phase, got.converged) == (want.iteration, want.phase, want.converged)
        assert got.mixture.covariance_type == want.mixture.covariance_type
        np.testing.assert_array_equal(got.mixture.weights, want.mixture.weights)
        np.testing.assert_array_equal(got.mixture.means, want.mixture.means)
        np.testing.assert_array_equal(got.mixture.full_covariances, want.mixture.full_covariances)
        for name in ("log_likelihood", "mean_log_likelihood", "change"):
            a, b = getattr(got, name), getattr(want, name)
            assert (math.isnan(a) and math.isnan(b)) or a == b, name
        assert got.warnings == want.warnings
        assert got.degenerate == want.degenerate


def test_save_then_load_gives_the_same_points_settings_and_history(tmp_path, session):
    path = tmp_path / "lesson.gmmviz"
    save_session(path, session)
    loaded = load_session(path)
    np.testing.assert_array_equal(loaded.points, session.points)
    assert loaded.settings == session.settings
    assert loaded.current == 5
    assert loaded.columns == ("eruptions", "waiting")
    assert_same_states(loaded.history, session.history)
    assert all(state.resp is None for state in loaded.history)


def test_loaded_history_replays_identically(tmp_path, session):
    """Re-running EM with the saved settings reproduces the saved history bit for bit."""
    path = tmp_path / "lesson.gmmviz"
    save_session(path, session)
    loaded = load_session(path)
    replay = em_history(loaded.points, loaded.settings)
    assert_same_states(replay, session.history)


def test_floats_round_trip_exactly(tmp_path):
    X = np.array([[0.1 + 0.2, 1e-300], [-123456.789012345678, math.pi], [5e-324, 1.7976931348623157e308]])
    path = tmp_path / "tiny.gmmviz"
    save_session(path, Session(points=X))
    loaded = load_session(path)
    assert loaded.points.tobytes() == X.tobytes()
    assert loaded.history == [] and loaded.current == 0


def test_mixture_init_and_explicit_prior_round_trip(tmp_path):
    X, _ = old_faithful()
    init = Mixture([0.25, 0.75], [[2.0, 55.0], [4.5, 80.0]], [[[0.1, 0.0], [0.0, 30.0]], [[0.2, 0.5], [0.5, 40.0]]])
    prior = Prior.default(X, 2, shrinkage=0.05)
    settings = FitSettings(n_components=2, covariance_type="diag", init=init, reg_covar=0.0, tol=1e-5, max_iter=10,
                           prior=prior)
    history = em_history(X, settings, n_iter=2)
    path = tmp_path / "map.gmmviz"
    save_session(path, Session(points=X, settings=settings, history=history, current=4))
    loaded = load_session(path)
    assert isinstance(loaded.settings.init, Mixture)
    np.testing.assert_array_equal(loaded.settings.init.means, init.means)
    assert loaded.settings.prior.to_dict() == prior.to_dict()
    assert_same_states(loaded.history, history)


def test_file_is_strict_json_with_the_documented_layout(tmp_path, session):
    path = tmp_path / "lesson.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text(), parse_constant=lambda name: pytest.fail(f"non-JSON constant {name}"))
    assert document["format"] == "gmmviz-session" and document["version"] == 2
    assert set(document) == {"format", "version", "points", "settings", "history", "current", "columns"}
    assert document["history"][0]["log_likelihood"] is None  # NaN before the first E-step
    assert document["history"][2]["mixture"]["format"] == "gmmviz-mixture"


def test_a_version_1_file_still_opens(tmp_path, session):
    path = tmp_path / "old.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    document["version"] = 1
    path.write_text(json.dumps(document))
    loaded = load_session(path)
    assert_same_states(loaded.history, session.history)
    np.testing.assert_array_equal(loaded.points, session.points)


def test_newer_version_is_refused_with_the_file_name(tmp_path, session):
    path = tmp_path / "future.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    document["version"] = 3
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError, match=r"future\.gmmviz.*newer gmmviz"):
        load_session(path)


@pytest.mark.parametrize("cut", [0.0, 0.1, 0.5, 0.999])
def test_truncated_file_is_refused_with_the_file_name(tmp_path, session, cut):
    path = tmp_path / "cut.gmmviz"
    save_session(path, session)
    text = path.read_text()
    path.write_text(text[: int(len(text) * cut)])
    with pytest.raises(GmmvizError, match=r"cut\.gmmviz"):
        load_session(path)


def _set(document, dotted, value):
    *parents, last = dotted.split(".")
    target = document
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is KeyError:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


@pytest.mark.parametrize(
    "field, value",
    [
        ("format", "gmmviz-mixture"),
        ("version", "1"),
        ("points", [[1.0, 2.0, 3.0]]),
        ("points.0", [1.0, None]),
        ("settings.covariance_type", "round"),
        ("settings.n_components", 0),
        ("settings.tol", -1),
        ("settings.seed", 1.5),
        ("settings.prior", {"mean": [0, 0]}),
        ("settings.init", "best"),
        ("settings.colour", "red"),
        ("history.3.phase", "x"),
        ("history.3.iteration", -1),
        ("history.3.mixture.weights", [0.9, 0.9, 0.9]),
        ("history.3.mixture.covariances", [[[1, 0], [0, -1]]] * 3),
        ("history.3", KeyError),
        ("history.4.converged", "yes"),
        ("current", 99),
        ("current", KeyError),
        ("columns", ["x"]),
        ("history.2.iteration", 2),
        ("history.1.phase", "m"),
        ("history.0.phase", "e"),
        ("initialisation", "current parameters"),
        ("initialisation", 1),
        ("initialisation", "x" * 100_000),
        ("columns", ["x" * 100_000]),
        ("history.3.phase", "x" * 100_000),
    ],
)
def test_damaged_file_is_refused_with_the_file_name(tmp_path, session, field, value):
    path = tmp_path / "broken.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    if field == "history.3" and value is KeyError:
        del document["history"][3]["mixture"]
    else:
        _set(document, field, value)
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError, match=r"broken\.gmmviz") as error:
        load_session(path)
    assert "\n" not in str(error.value) and len(str(error.value)) < len(str(path)) + 400


def test_the_initialisation_beside_given_parameters_round_trips(tmp_path, session):
    given = dataclasses.replace(session, settings=session.settings.replace(init=session.history[0].mixture),
                                initialisation="random")
    save_session(tmp_path / "given.gmmviz", given)
    loaded = load_session(tmp_path / "given.gmmviz")
    assert loaded.initialisation == "random" and loaded.settings.init == session.history[0].mixture
    save_session(tmp_path / "plain.gmmviz", session)
    assert "initialisation" not in json.loads((tmp_path / "plain.gmmviz").read_text())
    assert load_session(tmp_path / "plain.gmmviz").initialisation is None


def test_missing_and_binary_files_give_one_line_errors(tmp_path):
    with pytest.raises(GmmvizError, match=r"nothing\.gmmviz"):
        load_session(tmp_path / "nothing.gmmviz")
    garbage = tmp_path / "garbage.gmmviz"
    garbage.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(GmmvizError, match=r"garbage\.gmmviz"):
        load_session(garbage)


def test_failed_save_leaves_the_existing_file_and_no_temporary_files(tmp_path, session):
    path = tmp_path / "lesson.gmmviz"
    save_session(path, session)
    before = path.read_bytes()
    broken = Session(points=session.points, settings=session.settings, history=session.history[1:])
    with pytest.raises(GmmvizError, match=r"lesson\.gmmviz"):
        save_session(path, broken)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["lesson.gmmviz"]


def test_save_into_a_missing_folder_is_one_clear_error(tmp_path, session):
    with pytest.raises(GmmvizError, match="no_such_folder"):
        save_session(tmp_path / "no_such_folder" / "lesson.gmmviz", session)


# -- settings through the one contract, and the whole session checked before it is used -----------


@pytest.mark.parametrize("changes", [
    {"tol": 0.0},                       # the window allows it; sessions used to refuse it
    {"seed": 2**31}, {"seed": 2**32 - 1},
    {"max_iter": 0},
    {"tol": 1e-300, "reg_covar": 1e300},
    {"n_init": 4},
])
def test_every_setting_the_contract_accepts_saves_and_opens_exactly(tmp_path, session, changes):
    path = tmp_path / "lesson.gmmviz"
    settings = session.settings.replace(**changes)
    save_session(path, Session(points=session.points, settings=settings, history=session.history))
    loaded = load_session(path).settings
    assert loaded == settings
    assert all(getattr(loaded, name) == value for name, value in changes.items())


@pytest.mark.parametrize("name, value, message", [
    ("seed", 2**32, "seed must be an integer from 0 to 4294967295, or none, got 4294967296"),
    ("seed", -1, "seed must be an integer from 0 to 4294967295, or none, got -1"),
    ("tol", -1e-9, "tol must be a finite number of at least 0, got -1e-09"),
    ("max_iter", 2**31, "max_iter must be an integer from 0 to 2147483647, got 2147483648"),
    ("n_components", True, "n_components must be an integer of at least 1, got True"),
])
def test_a_setting_out_of_range_is_one_sentence_naming_it(tmp_path, session, name, value, message):
    path = tmp_path / "lesson.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    document["settings"][name] = value
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError) as error:
        load_session(path)
    assert str(error.value) == f"{path} is damaged ({message})"


def test_a_file_without_n_init_opens_with_one_restart(tmp_path, session):
    path = tmp_path / "older.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    del document["settings"]["n_init"]
    path.write_text(json.dumps(document))
    assert load_session(path).settings.n_init == 1


def test_a_restart_may_change_the_number_of_components(tmp_path, session):
    """A mixture edited by hand (a component added) is a restart one iteration on, with its own K."""
    X = session.points
    four = EM(X, 4, seed=0).state
    edited = dataclasses.replace(four, iteration=session.history[-1].iteration + 1)
    history = [*session.history, edited, *em_history(X, FitSettings(n_components=4, init=edited.mixture), 1)[1:]]
    history[-2:] = [dataclasses.replace(s, iteration=s.iteration + edited.iteration) for s in history[-2:]]
    path = tmp_path / "edited.gmmviz"
    save_session(path, dataclasses.replace(session, history=history))
    loaded = load_session(path)
    assert_same_states(loaded.history, history)
    assert [s.mixture.n_components for s in loaded.history[-4:]] == [3, 4, 4, 4]


def _history_of(session, index, **changes):
    return [*session.history[:index], dataclasses.replace(session.history[index], **changes),
            *session.history[index + 1:]]


@pytest.mark.parametrize("index, changes, message", [
    (6, {"mixture": EM(old_faithful()[0], 2, seed=0).state.mixture}, "history.6. has 2 components after 3 without a restart"),
    (3, {"mixture": EM(old_faithful()[0], 3, covariance_type="diag", seed=0).state.mixture},
     "history.3. changes the covariance type to 'diag' without a restart"),
    (3, {"degenerate": (3,)}, "history.3..degenerate names component 3 of a mixture with components 0 to 2"),
    (1, {"phase": "m"}, r"history.1. is 'm' at iteration 0"),
])
def test_a_history_that_em_cannot_make_is_refused_whole(tmp_path, session, index, changes, message):
    """Saving refuses it, and so does opening a file holding it, before anything is returned."""
    damaged = Session(points=session.points, settings=session.settings, history=_history_of(session, index, **changes))
    path = tmp_path / "lesson.gmmviz"
    with pytest.raises(GmmvizError, match=message):
        save_session(path, damaged)
    save_session(path, session)
    document = json.loads(path.read_text())
    state = damaged.history[index]
    entry = document["history"][index]
    entry["phase"], entry["degenerate"] = state.phase, list(state.degenerate)
    entry["mixture"] = json.loads(json.dumps(mixture_to_dict(state.mixture)))
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError, match=message):
        load_session(path)


def test_a_restart_may_change_the_covariance_type(tmp_path, session):
    X = session.points
    restart = EM(X, 3, covariance_type="tied", init=session.history[-1].mixture).state
    history = [*session.history, dataclasses.replace(restart, iteration=session.history[-1].iteration + 1)]
    path = tmp_path / "lesson.gmmviz"
    save_session(path, Session(points=X, settings=session.settings, history=history))
    assert load_session(path).history[-1].mixture.covariance_type == "tied"


def test_a_loaded_history_resumes_exactly_where_the_run_was(tmp_path, session):
    """EM resumed from the state on screen of an opened session continues the uninterrupted run."""
    path = tmp_path / "lesson.gmmviz"
    save_session(path, session)
    loaded = load_session(path)
    kwargs = loaded.settings.kwargs()
    del kwargs["n_init"]
    uninterrupted = EM(loaded.points, **kwargs)
    run = [uninterrupted.state, *uninterrupted.half_steps()]
    for state in loaded.history:
        kwargs["init"] = state
        after = next(EM(loaded.points, **kwargs).half_steps())
        twin = run[run.index(next(s for s in run if (s.iteration, s.phase) == (state.iteration, state.phase))) + 1]
        assert (after.iteration, after.phase, after.converged) == (twin.iteration, twin.phase, twin.converged)
        np.testing.assert_array_equal(after.mixture.means, twin.mixture.means)
        assert after.log_likelihood == twin.log_likelihood


def test_weights_noise_and_frozen_parameters_round_trip(tmp_path):
    X, _ = old_faithful()
    weights = np.linspace(0.0, 3.0, len(X))
    settings = FitSettings(n_components=2, seed=0, noise=True, freeze={1: {"mean", "weight"}})
    kwargs = settings.kwargs()
    del kwargs["n_init"]
    em = EM(X, sample_weight=weights, **kwargs)
    history = [em.state, em.e_step(), em.m_step()]
    path = tmp_path / "weighted.gmmviz"
    save_session(path, Session(points=X, settings=settings, history=history, sample_weight=weights))
    document = json.loads(path.read_text())
    assert document["settings"]["freeze"] == {"2": ["weight", "mean"]} and document["settings"]["noise"] is True
    assert document["history"][2]["mixture"]["noise_volume"] == history[2].mixture.noise_volume
    loaded = load_session(path)
    assert loaded.settings == settings
    np.testing.assert_array_equal(loaded.sample_weight, weights)
    assert loaded.history[2].mixture == history[2].mixture
    assert loaded.history[2].mixture.has_noise


def test_a_file_without_the_em_options_opens_unweighted_without_noise_or_freeze(tmp_path, session):
    path = tmp_path / "plain.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    assert "sample_weight" not in document
    del document["settings"]["noise"], document["settings"]["freeze"]
    path.write_text(json.dumps(document))
    loaded = load_session(path)
    assert loaded.sample_weight is None and loaded.settings.noise is None and loaded.settings.freeze is None


@pytest.mark.parametrize("value, message", [
    ([1.0, 2.0], "sample_weight has 2 values but there are 272 points"),
    ("heavy", "sample_weight must be one number per point"),
])
def test_bad_weights_in_a_file_are_refused(tmp_path, session, value, message):
    path = tmp_path / "bad.gmmviz"
    save_session(path, session)
    document = json.loads(path.read_text())
    document["sample_weight"] = value
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError, match=message):
        load_session(path)
