"""``gmmviz sample``: points drawn from a mixture file, repeatable with a seed, bounded by memory."""

import numpy as np
import pytest

from gmmviz.core import Mixture
from gmmviz.io import read_mixture


def test_sample_writes_points_from_the_mixture(gmmviz_cli, tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json").returncode == 0
    done = gmmviz_cli("sample", "fit.json", "-n", 500, "--seed", 5, "-o", "points.csv")
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "points.csv").read_text().splitlines()
    assert lines[0] == "x,y,component" and len(lines) == 501
    table = np.loadtxt(lines[1:], delimiter=",")
    assert set(np.unique(table[:, 2])) == {1.0, 2.0}
    mixture, _ = read_mixture(tmp_path / "fit.json")
    in_first = table[:, 2] == 1
    np.testing.assert_allclose(table[in_first, :2].mean(axis=0), mixture.means[0], rtol=0.05)
    gmmviz_cli("sample", "fit.json", "-n", 500, "--seed", 5, "-o", "again.csv")
    assert (tmp_path / "again.csv").read_text() == (tmp_path / "points.csv").read_text()
    assert gmmviz_cli("sample", "fit.json", "-n", 1, "-o", "one.csv").stdout.startswith(
        "Wrote 1 point from 2 components of fit.json to one.csv.")


def test_a_noise_component_is_said_to_be_left_out(gmmviz_cli, tmp_path):
    from gmmviz.io.mixture_json import write_mixture

    write_mixture(tmp_path / "noisy.json", Mixture([0.5, 0.5], [[0.0, 0.0], [5.0, 5.0]], [np.eye(2)] * 2,
                                                   noise_weight=0.1, noise_volume=100.0))
    done = gmmviz_cli("sample", "noisy.json", "-n", 200, "--seed", 0, "-o", "points.csv")
    assert done.returncode == 0
    assert done.stderr == ("gmmviz: warning: noisy.json: its noise component (weight 0.1) is uniform over an area "
                           "without a place, so every point is drawn from the Gaussian components\n")
    table = np.loadtxt((tmp_path / "points.csv").read_text().splitlines()[1:], delimiter=",")
    assert len(table) == 200 and set(np.unique(table[:, 2])) == {1.0, 2.0}


def test_the_seed_is_read_as_by_fit(gmmviz_cli, tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json").returncode == 0
    assert gmmviz_cli("sample", "fit.json", "-n", 5, "--seed", "none", "-o", "a.csv").returncode == 0
    line = gmmviz_cli("sample", "fit.json", "-n", 5, "--seed", " 1", "-o", "b.csv").error_line()
    assert "seed must be an integer from 0 to 4294967295, or none, got ' 1'" in line


def test_more_points_than_memory_holds_is_one_error(gmmviz_cli, tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json").returncode == 0
    line = gmmviz_cli("sample", "fit.json", "-n", 10**18, "-o", "points.csv").error_line()
    assert "memory" in line and "-n" in line
    assert not (tmp_path / "points.csv").exists()


@pytest.mark.parametrize(
    "args, match",
    [
        (("sample", "faithful.csv", "-n", 5, "-o", "out.csv"), "faithful.csv: is not valid JSON"),
        (("sample", "params.json", "-o", "out.csv"), "the following arguments are required: -n"),
        (("sample", "params.json", "-n", 5, "-o", "out.csv"), "newer gmmviz"),
        (("sample", "params.json", "-n", "1_000", "-o", "out.csv"), "must be a positive integer"),
        (("sample", "params.json", "-n", "\u0665", "-o", "out.csv"), "must be a positive integer"),
        (("sample", "params.json", "-n", "9" * 5000, "-o", "out.csv"), "must be a positive integer"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(gmmviz_cli, faithful, bad_files, args, match):
    assert match in gmmviz_cli(*args).error_line()


def test_running_out_of_memory_is_one_error(gmmviz_cli, monkeypatch, tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json").returncode == 0

    def exhausted(self, n_samples, seed=None):  # memory taken by something else meanwhile
        raise MemoryError

    monkeypatch.setattr(Mixture, "sample", exhausted)
    assert "out of memory" in gmmviz_cli("sample", "fit.json", "-n", 1000, "-o", "points.csv").error_line()
    assert not (tmp_path / "points.csv").exists()
