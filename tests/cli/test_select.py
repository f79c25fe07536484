"""``gmmviz select``: the criterion table, its JSON, progress on a terminal, and which K can be tried."""

import io
import json
import sys

import numpy as np
import pytest


def test_select_json_schema_and_same_seed_same_table(gmmviz_cli, tmp_path, faithful):
    args = ("select", faithful, "-k", "1-3", "--covariance", "full,diag", "--seed", 3)
    first = gmmviz_cli(*args, "--json", "select.json")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # no progress when stderr is not a terminal
    second = gmmviz_cli(*args, "--json", "again.json")
    assert second.stdout == first.stdout.replace("select.json", "again.json")
    assert (tmp_path / "again.json").read_text() == (tmp_path / "select.json").read_text()

    document = json.loads((tmp_path / "select.json").read_text())
    assert set(document) == {"criterion", "rows", "best"} and document["criterion"] == "bic"
    row_keys = {"n_components", "covariance_type", "log_likelihood", "bic", "aic", "icl", "n_iter", "converged",
                "degenerate"}
    assert [(r["n_components"], r["covariance_type"]) for r in document["rows"]] == [
        (k, t) for k in (1, 2, 3) for t in ("full", "diag")
    ]
    assert all(set(row) == row_keys and row["degenerate"] == [] for row in document["rows"])
    best = document["best"]
    assert set(best) == row_keys | {"weights", "means", "covariances"}
    assert best["bic"] == min(row["bic"] for row in document["rows"])
    k = best["n_components"]
    assert np.shape(best["weights"]) == (k,) and np.shape(best["covariances"]) == (k, 2, 2)
    assert "BIC (lower is better" in first.stdout and f"K={k}" in first.stdout


def test_select_by_aic(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("select", faithful, "-k", "2,4", "--covariance", "tied", "--criterion", "aic", "--json", "s.json")
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "s.json").read_text())
    assert document["criterion"] == "aic" and len(document["rows"]) == 2
    assert document["best"]["aic"] == min(row["aic"] for row in document["rows"])


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_select_shows_progress_when_stderr_is_a_terminal(gmmviz_cli, monkeypatch, faithful):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    done = gmmviz_cli("select", faithful, "-k", "1-2", "--covariance", "full,diag")
    assert done.returncode == 0
    assert "fitted 4/4 models" in terminal.getvalue()
    assert "fitted" not in done.stdout


@pytest.fixture
def five_places(tmp_path):
    """20 points at 5 distinct places: no more than 5 components can be fitted."""
    places = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 4.0], [9.0, 9.0]])
    np.save(tmp_path / "five.npy", np.repeat(places, 4, axis=0))
    return "five.npy"


def test_k_above_the_distinct_points_is_skipped_with_one_line(gmmviz_cli, tmp_path, five_places):
    # The range is never expanded: 10**12 values of K would not fit in memory.
    done = gmmviz_cli("select", five_places, "-k", "2-1000000000000", "--covariance", "spherical",
                      "--json", "s.json")
    assert done.returncode == 0, done.stderr
    # Every K collapses a component onto the duplicates of a place, which is said on a line of its own.
    assert [line for line in done.stderr.splitlines() if "degenerate" not in line] == [
        "gmmviz: warning: K above 5 skipped: the data has only 5 distinct points"
    ]
    document = json.loads((tmp_path / "s.json").read_text())
    assert [row["n_components"] for row in document["rows"]] == [2, 3, 4, 5]


def test_k_from_a_list_above_the_distinct_points_is_skipped(gmmviz_cli, tmp_path, five_places):
    done = gmmviz_cli("select", five_places, "-k", "3,40,2", "--covariance", "spherical", "--json", "s.json")
    assert done.returncode == 0, done.stderr
    assert "K above 5 skipped" in done.stderr
    assert [row["n_components"] for row in json.loads((tmp_path / "s.json").read_text())["rows"]] == [2, 3]


def test_no_k_below_the_distinct_points_is_one_error(gmmviz_cli, five_places):
    line = gmmviz_cli("select", five_places, "-k", "6-10000000").error_line()
    assert "5 distinct points" in line and "-k" in line


@pytest.mark.parametrize(
    "args, match",
    [
        (("select", "faithful.csv", "-k", "3-1"), "must be like 1-9"),
        (("select", "faithful.csv", "-k", "2_0"), "must be like 1-9"),
        (("select", "faithful.csv", "-k", "2,4-"), "must be like 1-9"),
        (("select", "faithful.csv", "-k", "1-\u0669"), "must be like 1-9"),  # Arabic-Indic nine
        (("select", "faithful.csv", "-k", "1-" + "9" * 5000), "must be like 1-9"),
        (("select", "faithful.csv", "--covariance", "full,round"), "must be 'all' or a list"),
        (("select", "faithful.csv", "--criterion", "mdl"), "invalid choice: 'mdl'"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(gmmviz_cli, faithful, args, match):
    assert match in gmmviz_cli(*args).error_line()


@pytest.fixture
def ten_with_duplicates(tmp_path):
    """10 points, 7 distinct: four pairs of duplicates (0,0), (1,1), (2,0) and three single points."""
    (tmp_path / "ten.csv").write_text("x,y\n0,0\n0,0\n1,1\n1,1\n2,0\n2,0\n3,3\n0,3\n1,2\n2,2\n")
    return "ten.csv"


def test_degenerate_candidates_are_marked_and_never_best(gmmviz_cli, tmp_path, ten_with_duplicates):
    done = gmmviz_cli("select", ten_with_duplicates, "-k", "1-6", "--seed", 0, "--json", "s.json")
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "s.json").read_text())
    rows = {(row["n_components"], row["covariance_type"]): row for row in document["rows"]}
    # K=6 had the lowest BIC of all (its collapsed components make the log-likelihood grow without bound).
    assert rows[6, "diag"]["degenerate"] == [1, 2, 3, 4, 5, 6]
    assert rows[6, "diag"]["bic"] == min(row["bic"] for row in document["rows"])
    best = document["best"]
    assert best["degenerate"] == [] and best["n_components"] <= 2
    assert best["bic"] == min(row["bic"] for row in document["rows"] if not row["degenerate"])
    table = done.stdout.split("\n\n")[1].splitlines()
    assert table[-1].startswith("! = degenerate")
    assert "!" in next(line for line in table if line.startswith("6 "))
    assert "warning" not in done.stderr.replace("K above", "")  # the best is not degenerate: the table says it


def test_a_degenerate_best_is_said(gmmviz_cli, tmp_path, ten_with_duplicates):
    done = gmmviz_cli("select", ten_with_duplicates, "-k", "7", "--covariance", "tied", "--json", "s.json")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "gmmviz: warning: every model fitted is degenerate (! in the table); in the best, components 1, 2, 3, 4, "
        "5, 6 and 7 collapsed onto a point or a line (degenerate: the log-likelihood, BIC and AIC reward the "
        "collapse, not the fit); use fewer components, a larger --reg-covar, --prior or more data"
    ]
    assert "*!" in done.stdout
    assert json.loads((tmp_path / "s.json").read_text())["best"]["degenerate"] == [1, 2, 3, 4, 5, 6, 7]


def test_select_by_icl_picks_the_lowest_icl_of_the_candidates_that_are_not_degenerate(
    gmmviz_cli, tmp_path, ten_with_duplicates
):
    done = gmmviz_cli("select", ten_with_duplicates, "-k", "1-6", "--seed", 0, "--criterion", "icl",
                      "--json", "s.json")
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "s.json").read_text())
    assert document["criterion"] == "icl"
    assert all(isinstance(row["icl"], float) and row["icl"] >= row["bic"] for row in document["rows"])
    lowest = min(document["rows"], key=lambda row: row["icl"])
    assert lowest["degenerate"]  # a collapse wins on ICL too, and is passed over
    best = document["best"]
    assert best["degenerate"] == []
    assert best["icl"] == min(row["icl"] for row in document["rows"] if not row["degenerate"])
    assert "ICL (lower is better; * = best)" in done.stdout
    k, covariance_type = best["n_components"], best["covariance_type"]
    assert f"Best by ICL (lower is better): K={k}, {covariance_type} covariance" in done.stdout


def test_select_help_lists_the_criteria(gmmviz_cli):
    done = gmmviz_cli("select", "--help")
    assert done.returncode == 0
    assert "bic, aic or icl" in done.stdout and "{bic,aic,icl}" in done.stdout
