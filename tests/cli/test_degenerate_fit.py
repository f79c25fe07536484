"""``gmmviz fit`` says when a component has collapsed onto a point or a line."""

from xml.etree import ElementTree

import numpy as np
import pytest


@pytest.fixture
def ten_with_duplicates(tmp_path):
    """10 points, 7 distinct: four pairs of duplicates and three single points."""
    (tmp_path / "ten.csv").write_text("x,y\n0,0\n0,0\n1,1\n1,1\n2,0\n2,0\n3,3\n0,3\n1,2\n2,2\n")
    return "ten.csv"


def test_collapsed_components_are_named_with_what_to_change(gmmviz_cli, ten_with_duplicates):
    done = gmmviz_cli("fit", ten_with_duplicates, "-k", "5", "--seed", "0")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "gmmviz: warning: components 1, 2, 3, 4 and 5 collapsed onto a point or a line (degenerate: the "
        "log-likelihood, BIC and AIC reward the collapse, not the fit); use fewer components, a larger "
        "--reg-covar, --prior or more data"
    ]


def test_a_fit_that_did_not_collapse_has_no_warning(gmmviz_cli, ten_with_duplicates, faithful):
    for args in ((ten_with_duplicates, "-k", "5", "--seed", "0", "--prior"), (faithful, "-k", "2")):
        done = gmmviz_cli("fit", *args)
        assert done.returncode == 0 and done.stderr == "", done.stderr


def test_the_plots_mark_the_collapsed_components_as_the_window_does(gmmviz_cli, ten_with_duplicates, tmp_path):
    done = gmmviz_cli("fit", ten_with_duplicates, "-k", "5", "--seed", "0", "--svg", "fit.svg")
    assert done.returncode == 0, done.stderr
    words = [element.text for element in ElementTree.parse(tmp_path / "fit.svg").iter() if element.text]
    assert words.count("degenerate)") == 5 and words.count("⚠") == 5   # in the legend, and at each mean


def test_a_reg_covar_large_for_the_data_is_named_rather_than_a_larger_one_advised(gmmviz_cli, tmp_path, faithful):
    """Old Faithful with --reg-covar 0.5, clusters spread over 0.001 with the default: a larger one was advised."""
    err = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--reg-covar", 0.5).stderr
    assert "--reg-covar 0.5 is large for data of this spread and holds them up: give a smaller one" in err
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal([52.5, 13.4], 0.001, (150, 2)), rng.normal([52.505, 13.405], 0.001, (150, 2))])
    np.savetxt(tmp_path / "gps.csv", X, delimiter=",", header="lat,lon", comments="")
    assert "--reg-covar 1e-06 is large" in gmmviz_cli("fit", "gps.csv", "-k", 2, "--seed", 0).stderr
    assert "--reg-covar 1e-09" not in gmmviz_cli("fit", "gps.csv", "-k", 2, "--seed", 0, "--reg-covar", 1e-9).stderr
