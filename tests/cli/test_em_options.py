"""``gmmviz fit|select --weights COLUMN --noise [V]`` and ``fit --freeze SPEC`` reach the engine."""

import json

import numpy as np
import pytest

from gmmviz.core import fit, select
from gmmviz.io import read_mixture
from gmmviz.io.datasets import old_faithful


@pytest.fixture
def weighted_csv(tmp_path):
    """Old Faithful with a ``count`` column (0, 1, 2, 3, 0, …) and one row whose count is missing."""
    X, _ = old_faithful()
    lines = ["eruptions,waiting,count"] + [f"{x!r},{y!r},{i % 4}" for i, (x, y) in enumerate(X.tolist())]
    lines.append("3.0,70,")
    path = tmp_path / "weighted.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, X, np.arange(len(X)) % 4.0


@pytest.mark.parametrize("column", ["count", "2"])
def test_weights_from_a_column_by_name_or_index_give_the_weighted_fit(gmmviz_cli, weighted_csv, column):
    path, X, w = weighted_csv
    done = gmmviz_cli("fit", path, "-k", 2, "--seed", 0, "--weights", column, "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    assert "Weights: column " + column + " (they sum to 408, the n of BIC and ICL)" in done.stdout
    assert done.stderr == f"gmmviz: warning: {path}: skipped 1 row whose weight (column count) is missing, " \
                          "not a number, NaN or infinite\n"
    mixture, record = read_mixture("fit.json")
    expected = fit(X, 2, seed=0, sample_weight=w)
    np.testing.assert_allclose(mixture.means, expected.mixture.means, rtol=1e-12)
    assert record["bic"] == pytest.approx(expected.bic, rel=1e-12)
    assert record["sum_of_weights"] == 408.0 and record["weights"] == column


def test_noise_and_freeze_reach_the_engine_and_the_record(gmmviz_cli, faithful):
    X, _ = old_faithful()
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--noise", "--freeze", "1:mean,2:weight+covariance",
                      "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    mixture, record = read_mixture("fit.json")
    expected = fit(X, 2, seed=0, noise=True, freeze={0: {"mean"}, 1: {"weight", "covariance"}})
    assert mixture == expected.mixture and mixture.has_noise
    assert record["noise"] is True and record["freeze"] == {"1": ["mean"], "2": ["weight", "covariance"]}
    noise_row = next(line for line in done.stdout.splitlines() if line.startswith("noise "))
    assert f"{mixture.noise_weight:.6g}" in noise_row


def test_noise_in_the_labels_file_is_p_noise_and_label_minus_one(gmmviz_cli, faithful):
    X, _ = old_faithful()
    X = np.vstack([X, [[0.0, 0.0], [10.0, 150.0]]])  # two outliers far from both clusters
    path = "outliers.csv"
    open(path, "w").write("eruptions,waiting\n" + "".join(f"{x!r},{y!r}\n" for x, y in X.tolist()))
    done = gmmviz_cli("fit", path, "-k", 2, "--seed", 0, "--noise", "--json", "fit.json", "--labels", "labels.csv")
    assert done.returncode == 0, done.stderr
    mixture, _ = read_mixture("fit.json")
    header = open("labels.csv").readline().strip().split(",")
    assert header == ["eruptions", "waiting", "label", "p_1", "p_2", "p_noise"]
    labels = np.loadtxt("labels.csv", delimiter=",", skiprows=1)[:, 2]
    predicted = mixture.predict(X)
    np.testing.assert_array_equal(labels, np.where(predicted < 0, -1, predicted + 1))
    assert labels[-1] == -1 and labels[-2] == -1


def test_a_noise_volume_is_used_as_given(gmmviz_cli, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--noise", "2500", "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    mixture, record = read_mixture("fit.json")
    assert mixture.noise_volume == 2500.0 and record["noise"] == 2500.0
    assert json.loads(open("fit.json").read())["noise_volume"] == 2500.0


def test_select_takes_weights_and_noise(gmmviz_cli, weighted_csv):
    path, X, w = weighted_csv
    done = gmmviz_cli("select", path, "-k", "1-3", "--covariance", "full", "--seed", 0, "--weights", "count",
                      "--noise", "--json", "select.json")
    assert done.returncode == 0, done.stderr
    document = json.loads(open("select.json").read())
    rows = document["rows"]
    expected = select(X, [1, 2, 3], ["full"], seed=0, sample_weight=w, noise=True)
    assert [row["bic"] for row in rows] == pytest.approx([row.bic for row in expected.rows], rel=1e-12)
    best = expected.best_fit.mixture
    assert (document["best"]["noise_weight"], document["best"]["noise_volume"]) == pytest.approx(
        (best.noise_weight, best.noise_volume), rel=1e-12)


@pytest.mark.parametrize("args, message", [
    (("--freeze", "3:mean"), "--freeze 3:mean names component 3 but there are 2 components: freeze components 1 to 2"),
    (("--freeze", "1:means"), "argument --freeze: unknown parameter 'means'"),
    (("--freeze", "0:mean"), "argument --freeze: must be like 1:mean,2:all"),
    (("--noise", "-1"), "argument --noise: must be a noise volume (an area greater than 0), got '-1'"),
    (("--weights", "waiting"), "cannot use column waiting both for the points and as weights"),
    (("--weights", "duration"), "has no column 'duration' for the weights"),
])
def test_bad_em_options_are_one_error_line(gmmviz_cli, faithful, args, message):
    done = gmmviz_cli("fit", faithful, "-k", 2, *args)
    assert message in done.error_line()


def test_negative_weights_are_one_error_line_naming_the_column(gmmviz_cli, tmp_path):
    (tmp_path / "w.csv").write_text("x,y,w\n1,2,1\n2,3,-2\n3,1,1\n4,4,1\n")
    done = gmmviz_cli("fit", "w.csv", "-k", 1, "--weights", "w")
    assert "w.csv: column w: sample_weight must be at least 0, but point 2 has weight -2" in done.error_line()


def test_freeze_is_not_an_option_of_select(gmmviz_cli, faithful):
    done = gmmviz_cli("select", faithful, "--freeze", "1:mean")
    assert "unrecognized arguments: --freeze" in done.error_line()


def test_a_noise_volume_that_makes_every_point_noise_is_one_warning_saying_so(gmmviz_cli, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--noise", "1e-300")
    assert done.returncode == 0 and done.stderr.splitlines() == [
        "gmmviz: warning: every point ended as noise (its density 1/V = 1e+300 is above the components' "
        "everywhere): give a larger --noise volume, or --noise alone for the points' bounding box"]


def test_select_with_a_noise_volume_that_makes_every_point_noise_is_one_warning_too(gmmviz_cli, faithful):
    done = gmmviz_cli("select", faithful, "-k", "1-3", "--covariance", "full", "--seed", 0, "--noise", "1e-300")
    assert done.returncode == 0 and done.stderr.splitlines() == [
        "gmmviz: warning: every point ended as noise (its density 1/V = 1e+300 is above the components' "
        "everywhere): give a larger --noise volume, or --noise alone for the points' bounding box"]
