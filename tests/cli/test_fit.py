"""``gmmviz fit``: the table on stdout, the JSON and label files, and one line for every refusal."""

import numpy as np
import pytest

from gmmviz.core import fit
from gmmviz.io import read_mixture, read_points


def test_fit_prints_the_table_and_writes_json_and_labels(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json", "--labels", "labels.csv")
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


def test_the_table_tells_the_means_apart_far_from_the_origin(gmmviz_cli, tmp_path, faithful):
    """Old Faithful moved by 1e6: six digits printed both components' means as 1e+06."""
    X = read_points(faithful).X + 1e6
    np.savetxt(tmp_path / "far.csv", X, delimiter=",", header="x,y", comments="")
    done = gmmviz_cli("fit", "far.csv", "-k", 2, "--seed", 0, "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    mixture = read_mixture(tmp_path / "fit.json")[0]
    rows = [row for row in map(str.split, done.stdout.splitlines()) if row[:1] in (["1"], ["2"]) and len(row) == 7]
    printed = np.array([[float(row[2]), float(row[3])] for row in rows])
    sigma = np.sqrt(np.diagonal(mixture.full_covariances, axis1=1, axis2=2))
    assert np.all(np.abs(printed - mixture.means) <= 0.01 * sigma)


def test_fit_options_reach_the_engine(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli(
        "fit", faithful, "-k", 3, "--covariance", "diag", "--init", "random", "--n-init", 2, "--seed", 4,
        "--max-iter", 7, "--tol", 1e-9, "--reg-covar", 1e-4, "--prior", "--json", "fit.json",
    )
    assert done.returncode == 0, done.stderr
    mixture, record = read_mixture(tmp_path / "fit.json")
    expected = fit(read_points(faithful).X, 3, covariance_type="diag", init="random", n_init=2, seed=4, max_iter=7,
                   tol=1e-9, reg_covar=1e-4, prior=True)
    assert mixture == expected.mixture
    assert (record["n_iter"], record["tol"], record["reg_covar"], record["init"]) == (7, 1e-9, 1e-4, "random")
    assert record["prior"] is not None
    assert "no (raise --max-iter" in done.stdout


def test_fit_starts_from_a_json_file(gmmviz_cli, tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 1, "--json", "start.json").returncode == 0
    done = gmmviz_cli("fit", faithful, "--init", "start.json", "--json", "again.json")
    assert done.returncode == 0, done.stderr
    start, _ = read_mixture(tmp_path / "start.json")
    again, record = read_mixture(tmp_path / "again.json")
    # one spelling of init for a fit from given parameters, whichever file they came from
    assert record["init"] == "parameters" and again.n_components == 2
    np.testing.assert_allclose(again.means, start.means, rtol=1e-3)
    gmmviz_cli("fit", faithful, "-k", 3, "--init", "start.json").error_line()


def test_fit_uses_chosen_columns_and_reports_skipped_rows(gmmviz_cli, tmp_path):
    # spread in both columns, so no component can collapse onto a line of equal values
    rows = "".join(f"{i},{i % 7 + i / 97},{i * i % 11 + i / 89}\n" for i in range(60))
    (tmp_path / "data.csv").write_text("id,a,b\n" + rows + "60,NA,1\n")
    done = gmmviz_cli("fit", "data.csv", "-k", 2, "--seed", 0, "--columns", "b,a")
    assert done.returncode == 0, done.stderr
    assert "columns b, a" in done.stdout and "60 points" in done.stdout
    warning_lines = done.stderr.splitlines()
    assert len(warning_lines) == 1 and warning_lines[0].startswith("gmmviz: warning: ")
    assert "skipped 1 of 61 rows" in warning_lines[0]


@pytest.mark.parametrize(
    "args, match",
    [
        (("fit", "missing.csv", "-k", 2), "missing.csv: does not exist"),
        (("fit", "faithful.csv"), "-k/--components is required"),
        (("fit", "faithful.csv", "-k", 0), "n_components must be an integer of at least 1"),
        (("fit", "faithful.csv", "-k", "two"), "n_components must be an integer of at least 1"),
        (("fit", "faithful.csv", "-k", 2, "--covariance", "round"), "invalid choice: 'round'"),
        (("fit", "faithful.csv", "-k", 2, "--init", "magic"), "--init must be one of"),
        (("fit", "faithful.csv", "-k", 2, "--init", "nope.json"), "nope.json: does not exist"),
        (("fit", "faithful.csv", "-k", 2, "--tol", "-1"), "tol must be a finite number of at least 0"),
        (("fit", "faithful.csv", "-k", 2, "--columns", "eruptions,nope"), "no column named 'nope'"),
        (("fit", "faithful.csv", "-k", 2, "--json", "no/such/dir/out.json"), "the folder no/such/dir does not exist"),
        (("fit", "faithful.csv", "-k", 2, "--bogus"), "unrecognized arguments: --bogus"),
        (("fit", "faithful.csv", "-k", 300), "use fewer components"),
        (("fit", "garbage.csv", "-k", 2), "garbage.csv: is not a text file"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(gmmviz_cli, faithful, bad_files, args, match):
    assert match in gmmviz_cli(*args).error_line()


# Only ASCII decimals are numbers: digit-group underscores and other scripts' digits are refused, not
# read as 20 or 2.
@pytest.mark.parametrize(
    "option, text, match",
    [
        ("-k", "2_0", "n_components must be"),
        ("-k", "\u0662", "n_components must be"),          # Arabic-Indic two
        ("-k", "\uff12", "n_components must be"),          # full-width two
        ("--seed", "1_0", "seed must be"),
        ("--seed", "\u0661\u0662", "seed must be"),
        ("--max-iter", "1_00", "max_iter must be"),
        ("--n-init", "\u0662", "n_init must be"),
        ("--tol", "1_0e-3", "tol must be"),
        ("--tol", "\u0661e-3", "tol must be"),
        ("--reg-covar", "0.\u0660\u0661", "reg_covar must be"),
    ],
)
def test_numbers_are_ascii_only(gmmviz_cli, faithful, option, text, match):
    args = ["fit", faithful, option, text] + (["-k", 2] if option != "-k" else [])
    assert match in gmmviz_cli(*args).error_line()


def test_a_leading_plus_and_exponents_are_numbers(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", "+2", "--seed", "+0", "--tol", "1E-4", "--reg-covar", "+1e-6",
                      "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    mixture, record = read_mixture(tmp_path / "fit.json")
    assert (mixture.n_components, record["seed"], record["tol"], record["reg_covar"]) == (2, 0, 1e-4, 1e-6)


def test_numpy_warnings_do_not_reach_the_user(gmmviz_cli, tmp_path):
    # At this scale squares overflow inside EM; what the user gets is gmmviz's one error line.
    np.save(tmp_path / "huge.npy", np.random.default_rng(0).normal(size=(100, 2)) * 1e155)
    line = gmmviz_cli("fit", "huge.npy", "-k", 2, "--seed", 0).error_line()
    assert "overflow" not in line


def test_scikit_learn_warnings_do_not_reach_the_user(gmmviz_cli, tmp_path):
    # k-means sees denormal points as one place ("Number of distinct clusters (1) found smaller than
    # n_clusters (2)"); gmmviz says itself what it does about the empty component.
    np.save(tmp_path / "tiny.npy", np.random.default_rng(0).normal(size=(100, 2)) * 1e-310)
    done = gmmviz_cli("fit", "tiny.npy", "-k", 2, "--seed", 0)
    assert done.returncode == 0, done.stderr
    # gmmviz's own words about the components (re-seeded, collapsed), nothing of numpy's or scikit-learn's
    assert all(line.startswith("gmmviz: warning: component") for line in done.stderr.splitlines()), done.stderr
    assert "clusters" not in done.stderr


def test_icl_is_bic_plus_twice_the_entropy_of_the_labels_csv(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 3, "--seed", 0, "--json", "fit.json", "--labels", "labels.csv")
    assert done.returncode == 0, done.stderr
    header = (tmp_path / "labels.csv").read_text().splitlines()[0].split(",")
    assert header[3:] == ["p_1", "p_2", "p_3"]
    resp = np.loadtxt(tmp_path / "labels.csv", delimiter=",", skiprows=1)[:, 3:]
    entropy = -sum(p * np.log(p) for p in resp.ravel() if p > 0)
    assert entropy > 1  # three components on two clusters share many points
    _, record = read_mixture(tmp_path / "fit.json")
    assert record["icl"] == pytest.approx(record["bic"] + 2 * entropy, rel=1e-9)
    lines = done.stdout.splitlines()
    assert lines.index(f"ICL             {record['icl']:.6g} (lower is better)") == 1 + next(
        i for i, line in enumerate(lines) if line.startswith("AIC ")
    )
