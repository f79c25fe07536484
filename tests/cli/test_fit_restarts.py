"""``gmmviz fit --n-init N --json``: the fit record lists where every restart ended."""

import json

from gmmviz.core import fit
from gmmviz.io import read_points


def test_the_fit_record_lists_every_restart_in_order(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 3, "--init", "random", "--n-init", 4, "--seed", 7, "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "fit.json").read_text())["fit"]
    expected = fit(read_points(faithful).X, 3, init="random", n_init=4, seed=7).restarts
    assert record["restarts"] == [{"restart": i, "log_likelihood": r.log_likelihood, "n_iter": r.n_iter,
                                   "converged": r.converged} for i, r in enumerate(expected, start=1)]
    assert record["log_likelihood"] in [r["log_likelihood"] for r in record["restarts"]]
    assert record["seed"] == 7


def test_one_run_has_no_restarts_list(gmmviz_cli, tmp_path, faithful):
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json").returncode == 0
    assert "restarts" not in json.loads((tmp_path / "fit.json").read_text())["fit"]
