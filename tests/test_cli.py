"""The ``gmmviz`` command as a user runs it: a separate process, its output, its files and its exit status."""

import json
import os
import shutil
import subprocess
import sys
from importlib.resources import as_file, files
from pathlib import Path

import numpy as np
import pytest

import gmmviz
from gmmviz.core import fit
from gmmviz.io import read_mixture, read_points

# The subprocess imports the same gmmviz as the tests, installed or not.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(gmmviz.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}


def gmmviz_cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "gmmviz", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=ENV, timeout=300
    )


def assert_one_error_line(completed):
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gmmviz: error: "), completed.stderr
    assert "Traceback" not in completed.stderr + completed.stdout
    return lines[0]


@pytest.fixture
def faithful(tmp_path):
    with as_file(files("gmmviz") / "resources" / "old_faithful.csv") as path:
        shutil.copy(path, tmp_path / "faithful.csv")
    return tmp_path / "faithful.csv"


def test_fit_prints_the_table_and_writes_json_and_labels(tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json", "--labels", "labels.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "columns eruptions, waiting" in out and "272 points" in out
    for word in ("weight", "mean eruptions", "var waiting", "log-likelihood", "BIC", "AIC", "iterations", "converged"):
        assert word in out
    assert "lower is better" in out

    expected = fit(read_points(faithful).X, 2, seed=0)
    mixture, record = read_mixture(tmp_path / "fit.json")
    assert mixture == expected.mixture
    assert record["bic"] == expected.bic and record["columns"] == ["eruptions", "waiting"]
    assert f"{expected.bic:.6g}" in out

    labels = np.loadtxt(tmp_path / "labels.csv", delimiter=",", skiprows=1)
    assert labels.shape == (272, 5)
    np.testing.assert_array_equal(labels[:, 2], expected.resp.argmax(axis=1) + 1)


def test_fit_options_reach_the_engine(tmp_path, faithful):
    done = gmmviz_cli(
        "fit", faithful, "-k", 3, "--covariance", "diag", "--init", "random", "--n-init", 2, "--seed", 4,
        "--max-iter", 7, "--tol", 1e-9, "--reg-covar", 1e-4, "--prior", "--json", "fit.json", cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    mixture, record = read_mixture(tmp_path / "fit.json")
    expected = fit(read_points(faithful).X, 3, covariance_type="diag", init="random", n_init=2, seed=4, max_iter=7,
                   tol=1e-9, reg_covar=1e-4, prior=True)
    assert mixture == expected.mixture
    assert (record["n_iter"], record["tol"], record["reg_covar"], record["init"]) == (7, 1e-9, 1e-4, "random")
    assert record["prior"] is not None
    assert "no (raise --max-iter" in done.stdout


def test_fit_starts_from_a_json_file(tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 1, "--json", "start.json", cwd=tmp_path).returncode == 0
    done = gmmviz_cli("fit", faithful, "--init", "start.json", "--json", "again.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    start, _ = read_mixture(tmp_path / "start.json")
    again, record = read_mixture(tmp_path / "again.json")
    assert record["init"] == "start.json" and again.n_components == 2
    np.testing.assert_allclose(again.means, start.means, rtol=1e-3)
    assert_one_error_line(gmmviz_cli("fit", faithful, "-k", 3, "--init", "start.json", cwd=tmp_path))


def test_fit_uses_chosen_columns_and_reports_skipped_rows(tmp_path):
    (tmp_path / "data.csv").write_text("id,a,b\n" + "".join(f"{i},{i % 7},{i * i % 11}\n" for i in range(60)) + "60,NA,1\n")
    done = gmmviz_cli("fit", "data.csv", "-k", 2, "--seed", 0, "--columns", "b,a", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "columns b, a" in done.stdout and "60 points" in done.stdout
    warning_lines = done.stderr.splitlines()
    assert len(warning_lines) == 1 and warning_lines[0].startswith("gmmviz: warning: ")
    assert "skipped 1 of 61 rows" in warning_lines[0]


def test_select_json_schema_and_same_seed_same_table(tmp_path, faithful):
    args = ("select", faithful, "-k", "1-3", "--covariance", "full,diag", "--seed", 3)
    first = gmmviz_cli(*args, "--json", "select.json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # no progress when stderr is not a terminal
    second = gmmviz_cli(*args, "--json", "again.json", cwd=tmp_path)
    assert second.stdout == first.stdout.replace("select.json", "again.json")
    assert (tmp_path / "again.json").read_text() == (tmp_path / "select.json").read_text()

    document = json.loads((tmp_path / "select.json").read_text())
    assert set(document) == {"criterion", "rows", "best"} and document["criterion"] == "bic"
    row_keys = {"n_components", "covariance_type", "log_likelihood", "bic", "aic", "n_iter", "converged"}
    assert [(r["n_components"], r["covariance_type"]) for r in document["rows"]] == [
        (k, t) for k in (1, 2, 3) for t in ("full", "diag")
    ]
    assert all(set(row) == row_keys for row in document["rows"])
    best = document["best"]
    assert set(best) == row_keys | {"weights", "means", "covariances"}
    assert best["bic"] == min(row["bic"] for row in document["rows"])
    k = best["n_components"]
    assert np.shape(best["weights"]) == (k,) and np.shape(best["covariances"]) == (k, 2, 2)
    assert "BIC (lower is better" in first.stdout and f"K={k}" in first.stdout


def test_select_by_aic(tmp_path, faithful):
    done = gmmviz_cli("select", faithful, "-k", "2,4", "--covariance", "tied", "--criterion", "aic", "--json", "s.json",
                      cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "s.json").read_text())
    assert document["criterion"] == "aic" and len(document["rows"]) == 2
    assert document["best"]["aic"] == min(row["aic"] for row in document["rows"])


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_select_shows_progress_when_stderr_is_a_terminal(tmp_path, faithful):
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gmmviz", "select", str(faithful), "-k", "1-2", "--covariance", "full,diag"],
            stdout=subprocess.PIPE, stderr=terminal, text=True, cwd=tmp_path, env=ENV, timeout=300,
        )
        progress = os.read(controller, 65536).decode()
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 0
    assert "fitted 4/4 models" in progress
    assert "fitted" not in done.stdout


def test_sample_writes_points_from_the_mixture(tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json", cwd=tmp_path).returncode == 0
    done = gmmviz_cli("sample", "fit.json", "-n", 500, "--seed", 5, "-o", "points.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "points.csv").read_text().splitlines()
    assert lines[0] == "x,y,component" and len(lines) == 501
    table = np.loadtxt(lines[1:], delimiter=",")
    assert set(np.unique(table[:, 2])) == {1.0, 2.0}
    mixture, _ = read_mixture(tmp_path / "fit.json")
    in_first = table[:, 2] == 1
    np.testing.assert_allclose(table[in_first, :2].mean(axis=0), mixture.means[0], rtol=0.05)
    gmmviz_cli("sample", "fit.json", "-n", 500, "--seed", 5, "-o", "again.csv", cwd=tmp_path)
    assert (tmp_path / "again.csv").read_text() == (tmp_path / "points.csv").read_text()


@pytest.mark.parametrize(
    "args, match",
    [
        (("fit", "missing.csv", "-k", 2), "missing.csv: does not exist"),
        (("fit", "faithful.csv"), "-k/--components is required"),
        (("fit", "faithful.csv", "-k", 0), "must be a positive integer"),
        (("fit", "faithful.csv", "-k", "two"), "must be a positive integer"),
        (("fit", "faithful.csv", "-k", 2, "--covariance", "round"), "invalid choice: 'round'"),
        (("fit", "faithful.csv", "-k", 2, "--init", "magic"), "--init must be one of"),
        (("fit", "faithful.csv", "-k", 2, "--init", "nope.json"), "nope.json: does not exist"),
        (("fit", "faithful.csv", "-k", 2, "--tol", "-1"), "must be a positive number"),
        (("fit", "faithful.csv", "-k", 2, "--columns", "eruptions,nope"), "no column named 'nope'"),
        (("fit", "faithful.csv", "-k", 2, "--json", "no/such/dir/out.json"), "cannot be written"),
        (("fit", "faithful.csv", "-k", 2, "--bogus"), "unrecognized arguments: --bogus"),
        (("fit", "faithful.csv", "-k", 300), "use fewer components"),
        (("fit", "garbage.csv", "-k", 2), "garbage.csv: is not a text file"),
        (("select", "faithful.csv", "-k", "3-1"), "must be like 1-9"),
        (("select", "faithful.csv", "--covariance", "full,round"), "must be 'all' or a list"),
        (("select", "faithful.csv", "--criterion", "icl"), "invalid choice: 'icl'"),
        (("sample", "faithful.csv", "-n", 5, "-o", "out.csv"), "faithful.csv: is not valid JSON"),
        (("sample", "params.json", "-o", "out.csv"), "the following arguments are required: -n"),
        (("sample", "params.json", "-n", 5, "-o", "out.csv"), "newer gmmviz"),
        (("--bogus",), "unrecognized arguments: --bogus"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(tmp_path, faithful, args, match):
    (tmp_path / "garbage.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "params.json").write_text('{"format": "gmmviz-mixture", "version": 9}')
    line = assert_one_error_line(gmmviz_cli(*args, cwd=tmp_path))
    assert match in line


@pytest.mark.parametrize("command", [(), ("fit",), ("select",), ("sample",)])
def test_help_on_every_command(tmp_path, command):
    done = gmmviz_cli(*command, "--help", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("usage: gmmviz")
    if not command:
        assert all(f"gmmviz {name}" in done.stdout for name in ("fit", "select", "sample"))


def test_version(tmp_path):
    done = gmmviz_cli("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"gmmviz {gmmviz.__version__}"


def test_console_script_behaves_as_python_m(tmp_path, faithful):
    script = shutil.which("gmmviz", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("gmmviz is not installed in this environment (run pip install .)")
    args = ("fit", faithful, "-k", 2, "--seed", 0)
    installed = subprocess.run([script, *map(str, args)], capture_output=True, text=True, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == gmmviz_cli(*args, cwd=tmp_path).stdout


def test_window_entry_point_runs_and_saves_a_screenshot(tmp_path, faithful):
    done = gmmviz_cli(faithful, "-k", 2, "--seed", 0, "--run", "--screenshot", "shot.png", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG")


def test_window_entry_point_with_a_missing_file_exits_with_an_error(tmp_path):
    done = gmmviz_cli("nope.csv", "--screenshot", "shot.png", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert any(line.startswith("gmmviz: error: nope.csv") for line in done.stderr.splitlines())
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "shot.png").exists()
