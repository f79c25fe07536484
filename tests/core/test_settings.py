"""One settings contract: the table accepts and refuses the same values as EM, fit, select, the CLI and sessions."""

import dataclasses
import json
import math

import numpy as np
import pytest

from gmmviz.cli import main
from gmmviz.core import EM, GmmvizError, Mixture, Prior, fit, select
from gmmviz.core.settings import SETTINGS, FitSettings, check_setting, parse_setting
from gmmviz.io.session import Session, load_session, save_session

ACCEPTED = [
    ("n_components", 1), ("n_components", 3),
    ("tol", 0.0), ("tol", 1e-300), ("tol", 5.0),
    ("reg_covar", 0.0), ("reg_covar", 1e300),
    ("max_iter", 0), ("max_iter", 2**31 - 1),
    ("seed", 0), ("seed", 2**31), ("seed", 2**32 - 1),
    ("n_init", 1), ("n_init", 3),
]
REFUSED = [
    ("n_components", 0, "an integer of at least 1"),
    ("tol", -1.0, "a finite number of at least 0"), ("tol", math.inf, "a finite number of at least 0"),
    ("reg_covar", -1e-9, "a finite number of at least 0"),
    ("max_iter", -1, "an integer from 0 to 2147483647"), ("max_iter", 2**31, "an integer from 0 to 2147483647"),
    ("seed", -1, "an integer from 0 to 4294967295, or none"),
    ("seed", 2**32, "an integer from 0 to 4294967295, or none"),
    ("n_init", 0, "an integer of at least 1"),
]
CLI_OPTIONS = {"n_components": "--components", "tol": "--tol", "reg_covar": "--reg-covar", "max_iter": "--max-iter",
               "seed": "--seed", "n_init": "--n-init"}


@pytest.fixture(scope="module")
def X():
    rng = np.random.default_rng(0)
    return np.concatenate([rng.normal(size=(20, 2)), rng.normal(size=(20, 2)) + 8, rng.normal(size=(20, 2)) - 8])


def _refusal(name, value, expected):
    return f"{name} must be {expected}, got {value!r}"


@pytest.mark.parametrize("name, value", ACCEPTED)
def test_the_table_accepts_in_canonical_form(name, value):
    checked = check_setting(name, value)
    assert checked == value and type(checked) is type(value)
    assert check_setting("tol", 0) == 0.0 and type(check_setting("tol", np.float32(0.5))) is float


@pytest.mark.parametrize("name, value, expected", REFUSED)
def test_the_table_refuses_with_one_sentence_naming_the_setting_and_its_range(name, value, expected):
    with pytest.raises(GmmvizError) as error:
        check_setting(name, value)
    assert str(error.value) == _refusal(name, value, expected)


@pytest.mark.parametrize("name, value", [("tol", "0.1"), ("tol", True), ("max_iter", 1.0), ("seed", 1.5),
                                         ("tol", math.nan), ("covariance_type", "round"), ("init", "best"),
                                         ("prior", 3), ("colour", 1)])
def test_wrong_kinds_are_refused_too(name, value):
    with pytest.raises(GmmvizError, match=f"^{name} must be|^unknown setting 'colour'"):
        check_setting(name, value)


def test_prior_has_one_value_for_each_meaning(X):
    prior = Prior.default(X, 2)
    assert check_setting("prior", False) is None
    assert check_setting("prior", True) is True
    assert check_setting("prior", prior.to_dict()).to_dict() == prior.to_dict()


def test_settings_are_a_frozen_value_that_checks_every_change():
    settings = FitSettings()
    assert settings.kwargs() == {name: setting.default for name, setting in SETTINGS.items()}
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.tol = 0.0
    assert settings.replace(tol=0) == FitSettings(tol=0.0) != settings
    with pytest.raises(GmmvizError, match="tol must be"):
        settings.replace(tol=-1)
    with pytest.raises(GmmvizError, match="unknown setting 'tolerance'"):
        settings.replace(tolerance=1e-3)
    mixture = Mixture([0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], [[[1.0, 0.0], [0.0, 1.0]]] * 2)
    assert FitSettings(init=mixture) == FitSettings(init=Mixture(mixture.weights, mixture.means, mixture.covariances))


@pytest.mark.parametrize("text, value", [("+3", 3), ("1e-300", 1e-300), ("0", 0), (".5", 0.5)])
def test_command_line_text_is_read_strictly(text, value):
    name = "n_components" if isinstance(value, int) and value else "tol"
    assert parse_setting(name, text) == value


def test_none_is_a_seed_as_the_help_says():
    assert "or none" in SETTINGS["seed"].range_text
    assert parse_setting("seed", "none") is None and parse_setting("seed", "None") is None


@pytest.mark.parametrize("name, text", [("n_components", "2_0"), ("n_components", "٣"), ("tol", "1_0"),
                                        ("tol", "nan"), ("max_iter", "1e3"), ("seed", "9" * 5000),
                                        ("n_components", "none"), ("tol", "none")])
def test_command_line_text_people_do_not_write_is_refused(name, text):
    with pytest.raises(GmmvizError, match=f"^{name} must be .*, got '"):
        parse_setting(name, text)


# -- the same everywhere ------------------------------------------------------------------------------


def _em(X, name, value):
    return EM(X, **{"n_components": 2, "init": "random", name: value})


@pytest.mark.parametrize("name, value", [item for item in ACCEPTED if item[0] != "n_init"])
def test_em_accepts_what_the_table_accepts(X, name, value):
    assert _em(X, name, value).state.phase == "init"


@pytest.mark.parametrize("name, value, expected", [item for item in REFUSED if item[0] != "n_init"])
def test_em_refuses_what_the_table_refuses(X, name, value, expected):
    with pytest.raises(GmmvizError) as error:
        _em(X, name, value)
    assert str(error.value) == _refusal(name, value, expected)


@pytest.mark.parametrize("name, value", ACCEPTED)
def test_fit_accepts_what_the_table_accepts(X, name, value):
    result = fit(X, **{"n_components": 2, "init": "random", name: value})
    assert getattr(result.settings, name) == value


@pytest.mark.parametrize("name, value, expected", REFUSED)
def test_fit_and_select_refuse_what_the_table_refuses(X, name, value, expected):
    with pytest.raises(GmmvizError) as error:
        fit(X, **{"n_components": 2, name: value})
    assert str(error.value) == _refusal(name, value, expected)
    grid = {"n_components": [value]} if name == "n_components" else {"n_components": [1], name: value}
    with pytest.raises(GmmvizError) as error:
        select(X, covariance_types=["spherical"], **grid)
    assert str(error.value) == _refusal(name, value, expected)


@pytest.mark.parametrize("name, value", [item for item in ACCEPTED if item[0] != "n_components"])
def test_select_accepts_what_the_table_accepts(X, name, value):
    result = select(X, n_components=[1, 2], covariance_types=["spherical"], **{name: value})
    assert all(row.error is None for row in result.rows)


@pytest.fixture(scope="module")
def data_file(X, tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "points.csv"
    path.write_text("x,y\n" + "".join(f"{x!r},{y!r}\n" for x, y in X.tolist()))
    return path


def _cli_fit(data_file, name, text):
    argv = ["fit", str(data_file), *(["-k", "2"] if name != "n_components" else []), f"{CLI_OPTIONS[name]}={text}"]
    return main(argv)


@pytest.mark.parametrize("name, value", ACCEPTED)
def test_the_command_line_accepts_what_the_table_accepts(data_file, capsys, name, value):
    assert _cli_fit(data_file, name, repr(value)) == 0
    # accepted: no error (a reg_covar of 1e300 is all the covariance there is, and is warned about)
    assert all(line.startswith("gmmviz: warning: ") for line in capsys.readouterr().err.splitlines())


@pytest.mark.parametrize("name, value, expected", REFUSED)
def test_the_command_line_refuses_with_the_tables_sentence(data_file, capsys, name, value, expected):
    assert _cli_fit(data_file, name, repr(value)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{name} must be {expected}, got '{value!r}'" in err


def test_help_shows_the_tables_ranges_and_help(capsys):
    with pytest.raises(SystemExit):
        main(["fit", "--help"])
    text = "".join(capsys.readouterr().out.split())    # argparse wraps lines, at spaces and hyphens
    for name in ("tol", "reg_covar", "max_iter", "seed", "n_init"):
        assert "".join(f"{SETTINGS[name].help}: {SETTINGS[name].range_text}".split()) in text


@pytest.mark.parametrize("name, value", ACCEPTED)
def test_sessions_save_and_open_what_the_table_accepts(X, tmp_path, name, value):
    path = tmp_path / "s.gmmviz"
    save_session(path, Session(points=X, settings=FitSettings(**{name: value})))
    assert getattr(load_session(path).settings, name) == value


@pytest.mark.parametrize("name, value, expected", REFUSED)
def test_sessions_refuse_what_the_table_refuses(X, tmp_path, name, value, expected):
    path = tmp_path / "s.gmmviz"
    save_session(path, Session(points=X))
    document = json.loads(path.read_text())
    document["settings"][name] = value
    path.write_text(json.dumps(document, allow_nan=True))
    with pytest.raises(GmmvizError) as error:
        load_session(path)
    # inf cannot be in a strict JSON file: the reader refuses the file before the setting
    assert _refusal(name, value, expected) in str(error.value) or not math.isfinite(value)
