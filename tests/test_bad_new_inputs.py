"""The inputs of the EM options, known labels, the true mixture and the version-2 files, given badly.

Every bad input ends in one ``gmmviz: error:`` line and exit status 2 (or a recovery said in
``gmmviz: warning:`` lines), never a traceback, and leaves the input files as they were. Files
(``tests/data/bad``) go through every loader and command as in ``tests/test_bad_inputs.py``; the
rest is made at test time.
"""

import copy
import hashlib
import json
import os
import warnings
from pathlib import Path

import numpy as np
import pytest

from gmmviz import EM, Mixture, fit
from gmmviz.cli import main
from gmmviz.core import GmmvizError, GmmvizWarning
from gmmviz.core.settings import FitSettings
from gmmviz.io.mixture_json import read_mixture, write_mixture
from gmmviz.io.session import Session, load_session, save_session

CORPUS = Path(__file__).parent / "data" / "bad"

#: The corpus files this module adds, with the words their error says.
NEW_FILES = {
    "noise_weight_one.json": "the noise weight must be at least 0 and less than 1, got 1.0",
    "noise_weight_negative.json": "the noise weight must be at least 0 and less than 1, got -0.1",
    "noise_volume_zero.json": "the noise volume must be a finite number greater than 0, got 0.0",
    "noise_weight_alone.json": '"noise_weight" and "noise_volume" that are not two numbers; give both or neither',
    "noise_weight_text.json": '"noise_weight" and "noise_volume" that are not two numbers; give both or neither',
    "mixture_version_3.json": "was written by a newer gmmviz (format version 3)",
    "session_truth_labels_zero.gmmviz": "truth.labels must be a component number from 1",
    "session_truth_version_3.gmmviz": "truth.mixture: was written by a newer gmmviz",
    "session_weights_too_few.gmmviz": "sample_weight has 3 values but there are 4 points",
    "session_weights_all_zero.gmmviz": "sample_weight is 0 for every point",
    "session_painted_text.gmmviz": "labels.painted must be a component (from 1) or null",
    "session_compare_front_both.gmmviz": 'compare must be {"mode": true or false, "front": "mle" or "map"',
    "session_freeze_component_0.gmmviz": "give components from \"1\"",
    "session_noise_negative.gmmviz": "noise must be None, True (the points' bounding box) or a volume greater than 0",
    "session_candidates_bad_count.gmmviz": "candidates: restarts.count = 'ten', need a whole number",
}


# -- helpers -------------------------------------------------------------------------------------


def digests(folder):
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in Path(folder).iterdir() if path.is_file()}


def run(argv, capsys, folder):
    """``main(argv)`` in ``folder``; checks the one-line contract and that no input file changed.

    Returns
    -------
    status : int
    out, err : str
        What went to stdout and stderr.
    """
    before = digests(folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        status = main([os.fspath(arg) for arg in argv])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.splitlines()
    errors = [line for line in lines if line.startswith("gmmviz: error: ")]
    assert all(line.startswith(("gmmviz: warning: ", "gmmviz: error: ")) for line in lines), err
    if status == 0:
        assert errors == [], err
    else:
        assert status == 2 and len(errors) == 1 and lines[-1] == errors[0], err
    after = digests(folder)
    assert {name: after.get(name) for name in before} == before, "an input file changed"
    return status, out, err


def points(seed=0):
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal(0, 1, (40, 2)), rng.normal(5, 1, (40, 2))])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A data file whose extra columns hold good and bad weights and labels, and mixture files."""
    folder = tmp_path_factory.mktemp("inputs")
    X = points()
    n = len(X)
    columns = {
        "w": [1 + i % 3 for i in range(n)],
        "lab": ["a" if i < 40 else "b" for i in range(n)],
        "neg": [-1 if i == 3 else 1 for i in range(n)],
        "nanw": ["nan" if i % 2 else 1 for i in range(n)],
        "zero": [0] * n,
        "one": ["only"] * n,
        "many": [f"L{i}" for i in range(n)],
        "empty": [""] * n,
        "comma": ['"a,b"' if i < 40 else '"c,d"' for i in range(n)],
        "uni": ["é✓" if i < 40 else "日本" for i in range(n)],
        "text": ["abc"] * n,
    }
    rows = [",".join(map(str, [x, y, *(values[i] for values in columns.values())])) for i, (x, y) in enumerate(X)]
    (folder / "data.csv").write_text(",".join(["x", "y", *columns]) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    huge = "\n".join(f"{x},{y},1e308" for x, y in X)
    (folder / "huge_weights.csv").write_text("x,y,w\n" + huge + "\n")
    duplicated = "\n".join(f"{x},{y},1,-1" for x, y in X)
    (folder / "same_names.csv").write_text("x,y,w,w\n" + duplicated + "\n")
    one_weighed = "\n".join(f"{x},{y},{int(i == 0)}" for i, (x, y) in enumerate(X))
    (folder / "one_weighed.csv").write_text("x,y,w\n" + one_weighed + "\n")
    mixture = Mixture([0.5, 0.5], [[0, 0], [5, 5]], [np.eye(2), np.eye(2)], "full")
    write_mixture(folder / "truth.json", mixture)
    write_mixture(folder / "noisy.json", mixture.with_noise(0.1, 100.0))
    (folder / "broken.json").write_text('{"format": "gmmviz-mixture", "version": 2, ')
    return folder


# -- the corpus ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NEW_FILES))
def test_each_new_corpus_file_is_refused_in_one_line_naming_it(name):
    path = CORPUS / name
    loader = load_session if path.suffix == ".gmmviz" else read_mixture
    with pytest.raises(GmmvizError) as info:
        loader(path)
    message = str(info.value)
    assert "\n" not in message and os.fspath(path) in message and NEW_FILES[name] in message, message


@pytest.mark.parametrize("command", ["fit --init", "sample", "--truth"])
@pytest.mark.parametrize("name", sorted(name for name in NEW_FILES if name.endswith(".json")))
def test_a_bad_mixture_file_ends_every_command_in_one_error_line(name, command, folder, capsys, tmp_path):
    path = CORPUS / name
    argv = {"fit --init": ["fit", "data.csv", "--init", path],
            "sample": ["sample", path, "-n", "5", "--seed", "0", "-o", tmp_path / "sample.csv"],
            "--truth": ["--truth", path, "--sample", "10", "--seed", "0", "--screenshot", tmp_path / "s.png"]}[command]
    status, _, err = run(argv, capsys, folder)
    assert status == 2 and NEW_FILES[name] in err


def test_a_version_1_mixture_file_still_reads_as_one_without_noise(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "gmmviz-mixture", "version": 1, "covariance_type": "diag",
                                "weights": [0.25, 0.75], "means": [[0, 0], [1, 2]],
                                "covariances": [[[1, 0], [0, 2]], [[3, 0], [0, 4]]]}))
    mixture, record = read_mixture(path)
    assert not mixture.has_noise and record is None
    np.testing.assert_array_equal(mixture.weights, [0.25, 0.75])


# -- fit and select: --weights, --freeze, --noise ------------------------------------------------

REFUSED = [
    (["fit", "data.csv", "-k", "2", "--weights", "nosuch"], "has no column 'nosuch' for the weights"),
    (["fit", "data.csv", "-k", "2", "--weights", "99"], "has no column '99' for the weights"),
    (["fit", "data.csv", "-k", "2", "--weights", "-1"], "has no column '-1' for the weights"),
    (["fit", "data.csv", "-k", "2", "--weights", "neg"], "but point 4 has weight -1"),
    (["fit", "data.csv", "-k", "2", "--weights", "zero"], "is 0 for every point"),
    (["fit", "data.csv", "-k", "2", "--weights", "x"], "cannot use column x both for the points and as weights"),
    (["fit", "data.csv", "-k", "2", "--weights", "1"], "cannot use column y both for the points and as weights"),
    (["select", "data.csv", "-k", "1-2", "--weights", "neg"], "but point 4 has weight -1"),
    (["select", "data.csv", "-k", "1-2", "--weights", "x"], "cannot use column x both for the points"),
    (["fit", "data.csv", "-k", "2", "--freeze", "0:mean"], "argument --freeze: must be like 1:mean,2:all"),
    (["fit", "data.csv", "-k", "2", "--freeze", "3:mean"], "names component 3 but there are 2 components"),
    (["fit", "data.csv", "-k", "1", "--freeze", "2:mean"], "names component 2 but there is 1 component: freeze "
                                                           "component 1"),
    (["fit", "data.csv", "-k", "2", "--freeze", "99999999999999999999:all"], "but there are 2 components"),
    (["fit", "data.csv", "-k", "2", "--freeze", "1:bogus"], "unknown parameter 'bogus'"),
    (["fit", "data.csv", "-k", "2", "--freeze", "1:MEAN"], "unknown parameter 'MEAN'"),
    (["fit", "data.csv", "-k", "2", "--freeze", "1:mean+"], "unknown parameter ''"),
    (["fit", "data.csv", "-k", "2", "--freeze", "1:"], "argument --freeze: must be like 1:mean,2:all"),
    (["fit", "data.csv", "-k", "2", "--freeze", ":mean"], "argument --freeze: must be like 1:mean,2:all"),
    (["fit", "data.csv", "-k", "2", "--freeze", "1:mean,,2:all"], "argument --freeze: must be like 1:mean,2:all"),
    (["fit", "data.csv", "-k", "2", "--freeze", "١:mean"], "argument --freeze: must be like 1:mean,2:all"),
    (["fit", "data.csv", "-k", "2", "--freeze", ""], "argument --freeze: must be like 1:mean,2:all"),
    (["fit", "data.csv", "--init", "truth.json", "--freeze", "3:mean"], "names component 3 but there are 2"),
    (["fit", "data.csv", "--init-labels", "lab", "--freeze", "3:all"], "names component 3 but there are 2"),
    (["select", "data.csv", "-k", "1-2", "--freeze", "1:mean"], "unrecognized arguments: --freeze"),
    *[(["fit", "data.csv", "-k", "2", "--noise", volume], "must be a noise volume (an area greater than 0)")
      for volume in ("0", "-5", "inf", "nan", "abc", "1e309", "0x10", "1_000", "")],
    (["select", "data.csv", "-k", "1-2", "--noise", "0"], "must be a noise volume"),
]


@pytest.mark.parametrize("argv, told", REFUSED, ids=[" ".join(argv[2:]) for argv, _ in REFUSED])
def test_a_bad_em_option_is_one_error_line(argv, told, folder, capsys):
    status, _, err = run(argv, capsys, folder)
    assert status == 2 and told in err, err


FITTED = [
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--weights", "w"],
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--weights", "nanw"],
    ["select", "data.csv", "-k", "1-2", "--covariance", "full", "--seed", "0", "--weights", "nanw"],
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--freeze", "1:all,2:all"],
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--freeze", "1:weight,2:weight", "--noise"],
    ["fit", "data.csv", "--init", "truth.json", "--freeze", "1:all,2:all", "--noise"],
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--freeze", "1:all,2:all", "--prior", "--noise"],
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--noise", "1e-300"],
    ["fit", "data.csv", "-k", "2", "--seed", "0", "--noise", "1e308"],
    ["select", "data.csv", "-k", "1-3", "--covariance", "full", "--seed", "0", "--noise", "1e-300"],
]


@pytest.mark.parametrize("argv", FITTED, ids=[" ".join(argv[2:]) for argv in FITTED])
def test_odd_but_valid_em_options_fit_with_at_most_warnings(argv, folder, capsys):
    status, _, _ = run(argv, capsys, folder)
    assert status == 0


def test_skipped_weights_are_one_warning_saying_how_many(folder, capsys):
    status, _, err = run(["fit", "data.csv", "-k", "2", "--seed", "0", "--weights", "nanw"], capsys, folder)
    assert status == 0 and err.splitlines() == [
        "gmmviz: warning: data.csv: skipped 40 rows whose weight (column nanw) is missing, not a number, NaN or infinite"]


def test_in_a_shell_a_bad_option_is_one_error_line_and_status_2(folder):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "gmmviz", "fit", "data.csv", "-k", "2", "--freeze", "3:mean",
                           "--weights", "w", "--noise"], cwd=folder, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "gmmviz: error: --freeze 3:mean names component 3 but there are 2 components: freeze components 1 to 2"]


def test_weights_whose_sum_overflows_are_one_error_line(folder, capsys):
    status, _, err = run(["fit", "huge_weights.csv", "-k", "2", "--seed", "0", "--weights", "w"], capsys, folder)
    assert status == 2 and "the weights add up to more than double precision holds" in err, err


def test_weights_by_index_read_that_column_when_two_share_a_name(folder, capsys):
    status, _, err = run(["fit", "same_names.csv", "-k", "2", "--seed", "0", "--weights", "3"], capsys, folder)
    assert status == 2 and "has weight -1" in err


def test_a_text_weight_column_says_that_its_cells_are_not_numbers(folder, capsys):
    status, _, err = run(["fit", "data.csv", "-k", "2", "--weights", "text"], capsys, folder)
    assert status == 2 and "0 for every point" not in err and "column text has no cell that is a number" in err, err


def test_select_says_which_k_the_weighted_points_cannot_support(folder, capsys):
    status, _, err = run(["select", "one_weighed.csv", "-k", "1-3", "--covariance", "full", "--seed", "0",
                          "--weights", "w"], capsys, folder)
    # (The one point of weight makes K = 1 degenerate too, which is a line of its own.)
    assert status == 0 and err.splitlines()[0] == (
        "gmmviz: warning: K above 1 skipped: the data has only 1 distinct point of positive weight"), err


def test_scaling_every_weight_does_not_change_the_mixture():
    X = points(1)
    unit = fit(X, 2, seed=0, sample_weight=np.ones(len(X)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GmmvizWarning)
        small = fit(X, 2, seed=0, sample_weight=np.full(len(X), 1e-8))
    np.testing.assert_allclose(small.mixture.means, unit.mixture.means, rtol=1e-6)


def test_an_m_step_on_tiny_weights_gives_finite_weights_or_one_error():
    X = points(1)
    start = Mixture([0.5, 0.5], [[-1, 0], [1, 0]], [np.eye(2), np.eye(2)], "full")
    em = EM(X, 2, init=start, sample_weight=np.full(len(X), 1e-320))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GmmvizWarning)
        try:
            state = em.step()
        except GmmvizError:
            return
    assert np.isfinite(state.mixture.weights).all(), state.mixture.weights


def test_init_from_a_file_with_noise_keeps_it_or_says_it_is_dropped(folder, capsys):
    status, out, err = run(["fit", "data.csv", "--init", "noisy.json"], capsys, folder)
    assert status == 0 and ("noise" in err or "noise" in out)


@pytest.mark.parametrize("noise, volume", [([], 100.0), (["--noise"], 100.0), (["--noise", "50"], 50.0)])
def test_init_from_a_file_with_noise_fits_over_its_volume_unless_one_is_given(noise, volume, folder, capsys,
                                                                              tmp_path):
    status, out, _ = run(["fit", "data.csv", "--init", "noisy.json", *noise, "--json", tmp_path / "fit.json"],
                         capsys, folder)
    mixture, _ = read_mixture(tmp_path / "fit.json")
    assert status == 0 and mixture.noise_volume == volume and 0 < mixture.noise_weight < 1


# -- --true-labels and --init-labels -------------------------------------------------------------

LABELS_REFUSED = [
    (["fit", "data.csv", "-k", "2", "--true-labels", "nosuch"], "has no column named 'nosuch'"),
    (["fit", "data.csv", "-k", "2", "--true-labels", "99"], "has no column 99"),
    (["fit", "data.csv", "-k", "2", "--true-labels", "x"], "cannot use column x both for the points and as labels"),
    (["fit", "data.csv", "--init-labels", "nosuch"], "has no column named 'nosuch'"),
    (["fit", "data.csv", "--init-labels", "empty"], "--init-labels empty: the column has no labels"),
    (["fit", "data.csv", "-k", "2", "--true-labels", "empty"], "--true-labels empty: the column has no labels"),
    (["fit", "data.csv", "--init-labels", "0"], "cannot use column x both for the points and as labels"),
    (["fit", "data.csv", "--init-labels", "many", "-k", "3"], "labelled with component 80 but there are 3"),
    (["fit", "data.csv", "--init-labels", "lab", "-k", "3"], "component 3 has no labelled points"),
    (["fit", "data.csv", "--init-labels", "lab", "-k", "1"], "labelled with component 2 but there is 1 component: "),
    (["fit", "data.csv", "--init-labels", "lab", "--init", "truth.json"], "both choose the start"),
    (["fit", "data.csv", "--init-labels", "lab", "--init", "random"], "both choose the start"),
    (["fit", "data.csv", "--init-labels", "lab", "--weights", "zero"], "is 0 for every point"),
]


@pytest.mark.parametrize("argv, told", LABELS_REFUSED, ids=[" ".join(argv[2:]) for argv, _ in LABELS_REFUSED])
def test_a_bad_label_column_is_one_error_line(argv, told, folder, capsys):
    status, _, err = run(argv, capsys, folder)
    assert status == 2 and told in err, err


@pytest.mark.parametrize("column", ["one", "many", "comma", "uni", "w"])
def test_any_label_column_can_be_compared(column, folder, capsys, tmp_path):
    status, _, _ = run(["fit", "data.csv", "-k", "2", "--seed", "0", "--true-labels", column,
                     "--json", tmp_path / "fit.json"], capsys, folder)
    assert status == 0
    assert "true_labels" in json.loads((tmp_path / "fit.json").read_text())["fit"]


@pytest.mark.parametrize("column", ["one", "comma", "uni", "lab"])
def test_any_labelled_column_can_start_em(column, folder, capsys):
    status, _, _ = run(["fit", "data.csv", "--init-labels", column, "--weights", "nanw", "--true-labels", column],
                    capsys, folder)
    assert status == 0


# -- the window's command line: --select, --truth and --sample -----------------------------------

WINDOW_REFUSED = [
    (["data.csv", "--select", "0-3"], "argument --select: must be like 1-9"),
    (["data.csv", "--select", "3-1"], "argument --select: must be like 1-9"),
    (["data.csv", "--select", "abc"], "argument --select: must be like 1-9"),
    (["data.csv", "--select", ""], "argument --select: must be like 1-9"),
    (["data.csv", "--select", "1-"], "argument --select: must be like 1-9"),
    (["data.csv", "--select", "2-4"], "--select takes 1-K"),
    (["data.csv", "--select", "1,2"], "--select takes 1-K"),
    (["data.csv", "--select", "1-100"], "Choose K goes up to K = 20, got 100"),
    (["data.csv", "--select", "1-99999999999999999999"], "Choose K goes up to K = 20"),
    (["--select", "1-3"], "--select needs a data file"),
    (["data.csv", "--select", "1-3", "--covariance", "bogus"], "argument --covariance"),
    (["data.csv", "--criterion", "bic"], "--criterion goes with --select"),
    (["--truth", "truth.json", "--sample", "0", "--seed", "0"], "argument --sample: must be a positive integer"),
    (["--truth", "truth.json", "--sample", "-5", "--seed", "0"], "argument --sample: must be a positive integer"),
    (["--truth", "truth.json", "--sample", "1e3", "--seed", "0"], "argument --sample: must be a positive integer"),
    (["--truth", "broken.json", "--sample", "10", "--seed", "0"], "broken.json: is not valid JSON"),
    (["--truth", "missing.json", "--sample", "10", "--seed", "0"], "missing.json: does not exist"),
    (["--truth", "data.csv", "--sample", "10", "--seed", "0"], "data.csv: is not valid JSON"),
    (["--sample", "10", "--seed", "0"], "--sample N draws the points from --truth PARAMS.json"),
    (["data.csv", "--truth", "truth.json", "--sample", "10"], "give --truth and no PATH"),
    (["--truth", "truth.json", "--sample", "10", "--seed", "-1"], "argument --seed"),
    (["--truth", "truth.json", "--sample", "10", "-k", "30", "--seed", "0"], "the window shows at most 20 components"),
    (["--truth", "truth.json", "--sample", "1", "--seed", "0", "--run"], "2 components need at least 2 points"),
]


@pytest.mark.parametrize("argv, told", WINDOW_REFUSED, ids=[" ".join(argv) for argv, _ in WINDOW_REFUSED])
def test_a_bad_window_option_is_one_error_line_before_any_screenshot(argv, told, folder, capsys, tmp_path):
    screenshot = tmp_path / "s.png"
    status, _, err = run([*argv, "--screenshot", screenshot], capsys, folder)
    assert status == 2 and told in err and not screenshot.exists(), err


def test_a_range_without_its_end_is_refused(folder, capsys):
    status, _, err = run(["select", "data.csv", "-k", "1-", "--covariance", "full"], capsys, folder)
    assert status == 2 and "argument -k/--components: must be like 1-9, 3 or 1,2,5 (positive), got '1-'" in err, err


# -- session files, version 2 --------------------------------------------------------------------


def full_session():
    """A session with every version-2 key: weights, noise, locks, truth, labels, comparison, candidates, the kinds
    of the history's values and its breaks."""
    from gmmviz.core import Prior
    from gmmviz.core.selection import SelectionRow

    X = np.random.default_rng(0).normal(size=(40, 2))
    n = len(X)
    run_ = fit(X, 2, seed=0, keep_history=True, freeze={0: {"mean"}})
    initial = fit(X, 2, seed=0, max_iter=0).mixture
    prior = Prior.default(X, 2)

    def compared(prior_=None):
        result = fit(X, 2, init=initial, prior=prior_)
        return {"mixture": result.mixture, "objective": result.log_likelihood,
                "log_likelihood": result.log_likelihood, "n_iter": result.n_iter,
                "converged": result.converged, "degenerate": ()}

    one, two = fit(X, 1, seed=0), fit(X, 2, init="random", seed=3)
    rows = [SelectionRow(1, "full", one.log_likelihood, one.bic, one.aic, one.icl, one.n_iter, one.converged),
            SelectionRow(2, "full", two.log_likelihood, two.bic, two.aic, two.icl, two.n_iter, two.converged),
            SelectionRow(3, "full", np.nan, np.nan, np.nan, np.nan, 0, False, "too few points")]
    candidates = {
        "choose_k": {"request": {"max_k": 3, "covariance_types": ("full",), "criterion": "bic", "n_init": 1,
                                 "seed": 0},
                     "sweep": {"settings": FitSettings(seed=0), "rows": rows,
                               "mixtures": [one.mixture, two.mixture, None]}},
        "restarts": {"count": 2, "run": {"settings": FitSettings(n_components=2, init="random", seed=3),
                                         "restarts": [{"seed": 3, "log_likelihood": two.log_likelihood,
                                                       "n_iter": two.n_iter, "converged": True, "degenerate": (),
                                                       "mixture": two.mixture}]}},
    }
    truth = Mixture([0.5, 0.5], [[0, 0], [1, 1]], [np.eye(2), np.eye(2)], "full")
    return Session(
        points=X, settings=FitSettings(n_components=2, seed=0, freeze={0: frozenset({"mean"})}),
        history=list(run_.history), current=len(run_.history) - 1, columns=("x", "y"), candidates=candidates,
        truth={"mixture": truth, "labels": np.array([i % 2 if i < 30 else -1 for i in range(n)])},
        sample_weight=np.linspace(0.5, 2, n),
        compare={"mode": True, "front": "map",
                 "result": {"initial": initial, "prior": prior, "mle": compared(), "map": compared(prior)}},
        labels={"painted": np.array([0 if i < 5 else -1 for i in range(n)]),
                "known": np.array(["a" if i % 2 else "" for i in range(n)], dtype=object), "known_column": "species"},
        log_posterior=(1, 2), breaks=(1,), changed_since_fit=("points",))


@pytest.fixture(scope="module")
def session_document(tmp_path_factory):
    path = tmp_path_factory.mktemp("session") / "full.gmmviz"
    save_session(path, full_session())
    return json.loads(path.read_text())


def write_damaged(tmp_path, document, damage):
    damaged = copy.deepcopy(document)
    damage(damaged)
    path = tmp_path / "damaged.gmmviz"
    path.write_text(json.dumps(damaged))
    return path


def open_in_window_model(session):
    from gmmviz.gui.model.fit_session import FitSession
    from gmmviz.gui.model.session_file import apply_session

    model = FitSession()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GmmvizWarning)
        apply_session(model, session)
    return model


def test_a_session_with_every_version_2_key_opens(session_document, tmp_path):
    path = write_damaged(tmp_path, session_document, lambda d: None)
    session = load_session(path)
    assert session.truth is not None and session.compare is not None and session.candidates is not None
    model = open_in_window_model(session)
    assert len(model.points) == 40
    assert model.history.posterior()[:3].tolist() == [False, True, True] and model.history.breaks == {1}
    assert model.points_changed and not model.objective_changed


def test_a_version_1_session_still_opens(session_document, tmp_path):
    def version_1(d):
        for key in ("candidates", "truth", "sample_weight", "compare", "labels", "log_posterior", "breaks",
                    "changed_since_fit"):
            d.pop(key)
        d["version"] = 1
        for key in ("noise", "freeze", "n_init"):
            d["settings"].pop(key)
        for state in d["history"]:
            state.pop("warnings"), state.pop("degenerate")
            state["mixture"]["version"] = 1

    session = load_session(write_damaged(tmp_path, session_document, version_1))
    assert (session.truth, session.labels, session.compare, session.sample_weight) == (None, None, None, None)
    assert session.settings.noise is None and session.settings.freeze is None
    assert len(open_in_window_model(session).history) > 0


def _set(*keys, value):
    def damage(d):
        for key in keys[:-1]:
            d = d[key]
        d[keys[-1]] = value
    return damage


N = 40
DAMAGES = {
    "truth is a list": (_set("truth", value=[1]), 'truth must be {"mixture"'),
    "truth labels too short": (_set("truth", "labels", value=[1] * (N - 1)), "truth.labels must be"),
    "truth labels 0": (_set("truth", "labels", value=[0] * N), "truth.labels must be"),
    "truth labels booleans": (_set("truth", "labels", value=[True] * N), "truth.labels must be"),
    "truth labels 1e20": (_set("truth", "labels", value=[10**20] * N), "truth.labels must be"),
    "truth mixture version 3": (_set("truth", "mixture", "version", value=3), "newer gmmviz"),
    "truth noise weight 1": (lambda d: d["truth"]["mixture"].update(noise_weight=1, noise_volume=5), "noise weight"),
    "truth noise volume 5e-324": (lambda d: d["truth"]["mixture"].update(noise_weight=0.1, noise_volume=5e-324),
                                  "the noise volume 5e-324 is so small that its density 1/V is infinite"),
    "labels a list": (_set("labels", value=[1, 2]), "labels is not an object"),
    "painted too short": (_set("labels", "painted", value=[1] * (N - 1)), "labels.painted must be"),
    "painted 0": (_set("labels", "painted", value=[0] * N), "labels.painted must be"),
    "painted 1.5": (_set("labels", "painted", value=[1.5] * N), "labels.painted must be"),
    "painted 1e20": (_set("labels", "painted", value=[10**20] * N), "labels.painted must be"),
    "known numbers": (_set("labels", "known", value=[1] * N), "labels.known must be"),
    "known column a list": (_set("labels", "known_column", value=["a"]), "labels.known_column"),
    "weights too short": (_set("sample_weight", value=[1] * (N - 1)), "sample_weight has 39 values"),
    "weights negative": (_set("sample_weight", value=[-1] + [1] * (N - 1)), "has weight -1"),
    "weights all zero": (_set("sample_weight", value=[0] * N), "is 0 for every point"),
    "weights nested": (_set("sample_weight", value=[[1]] * N), "sample_weight must be one number per point"),
    "weights booleans": (_set("sample_weight", value=[True] * N), "sample_weight must be one number per point"),
    "weights text": (_set("sample_weight", value="1"), "sample_weight must be one number per point"),
    "noise 0": (_set("settings", "noise", value=0), "noise must be None, True"),
    "noise text": (_set("settings", "noise", value="bbox"), "noise must be None, True"),
    "freeze a list": (_set("settings", "freeze", value=[["mean"]]), "freeze must be an object"),
    "freeze component 0": (_set("settings", "freeze", value={"0": ["mean"]}), 'give components from "1"'),
    "freeze unknown parameter": (_set("settings", "freeze", value={"1": ["bogus"]}), "unknown parameter 'bogus'"),
    "freeze component 5 of 2": (_set("settings", "freeze", value={"5": ["mean"]}),
                                'freeze names component "5" but there are 2 components: lock components "1" to "2"'),
    "freeze a huge component": (_set("settings", "freeze", value={"99999999999999999999": ["all"]}),
                                'freeze names component "99999999999999999999" but there are 2 components'),
    "compare a list": (_set("compare", value=[1]), "compare must be"),
    "compare front null": (_set("compare", "front", value=None), "compare must be"),
    "compare result a list": (_set("compare", "result", value=[]), "compare.result needs"),
    "compare prior null": (_set("compare", "result", "prior", value=None), "compare.result.prior"),
    "compare objective text": (_set("compare", "result", "mle", "objective", value="x"), "need a number or null"),
    "candidates count text": (_set("candidates", "restarts", "count", value="ten"), "restarts.count"),
    "candidates request short": (_set("candidates", "choose_k", "request", value={"max_k": 3}), "request needs"),
    "candidates prior object": (_set("candidates", "choose_k", "sweep", "settings", "prior", value={}),
                                "need true or null"),
    "request covariance types nested": (_set("candidates", "choose_k", "request", "covariance_types", value=[[]]),
                                        "choose_k.request.covariance_types = [[]]"),
    "request criterion bogus": (_set("candidates", "choose_k", "request", "criterion", value="bogus"),
                                "choose_k.request.criterion = 'bogus'"),
    "request seed -1": (_set("candidates", "choose_k", "request", "seed", value=-1), "choose_k.request.seed: seed"),
    "restart of 25 components": (lambda d: d["candidates"]["restarts"]["run"]["restarts"][0]["mixture"].update(
                                     weights=[0.04] * 25, means=[[i, 0] for i in range(25)],
                                     covariances=[[[1, 0], [0, 1]]] * 25),
                                 "restarts[0].mixture is a full mixture of 25 in a run of full mixtures of 2"),
    "restart of 3 components in a run of 2": (
        lambda d: d["candidates"]["restarts"]["run"]["restarts"][0]["mixture"].update(
            weights=[0.25, 0.25, 0.5], means=[[0, 0], [1, 1], [2, 2]], covariances=[[[1, 0], [0, 1]]] * 3),
        "restarts[0].mixture is a full mixture of 3 in a run of full mixtures of 2"),
    "restart seed -5": (_set("candidates", "restarts", "run", "restarts", 0, "seed", value=-5),
                        "restarts.run.restarts[0].seed: seed"),
    "restart n_iter -5": (_set("candidates", "restarts", "run", "restarts", 0, "n_iter", value=-5),
                          "restarts.run.restarts[0].n_iter = -5, need a count"),
    "row covariance type bogus": (_set("candidates", "choose_k", "sweep", "rows", 2, "covariance_type",
                                       value="bogus"), "choose_k.sweep.rows[2].covariance_type = 'bogus'"),
    "row of 0 components": (_set("candidates", "choose_k", "sweep", "rows", 2, "n_components", value=0),
                            "choose_k.sweep.rows[2].n_components: n_components"),
    "row n_iter -5": (_set("candidates", "choose_k", "sweep", "rows", 0, "n_iter", value=-5),
                      "choose_k.sweep.rows[0].n_iter = -5, need a count"),
    "version 3": (_set("version", value=3), "was written by a newer gmmviz (session version 3"),
    "log_posterior a number": (_set("log_posterior", value=1), "log_posterior must list iterations of the history"),
    "log_posterior past the history": (_set("log_posterior", value=[99]), "log_posterior must list iterations"),
    "breaks booleans": (_set("breaks", value=[True]), "breaks must list iterations of the history (0 to"),
    "breaks -1": (_set("breaks", value=[-1]), "breaks must list iterations"),
    "log_posterior of no history": (lambda d: d.update(history=[], current=0, breaks=[]),
                                    "log_posterior must list iterations of the history (it is empty)"),
    "changed since fit K": (_set("changed_since_fit", value=["k"]),
                            "changed_since_fit must list some of 'points', 'objective'"),
    "changed since fit false": (_set("changed_since_fit", value=False), "changed_since_fit must list some of"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_version_2_key_is_refused_in_one_line(damage, session_document, tmp_path):
    change, told = DAMAGES[damage]
    path = write_damaged(tmp_path, session_document, change)
    text = path.read_text()
    with pytest.raises(GmmvizError) as info:
        load_session(path)
    message = str(info.value)
    assert "\n" not in message and os.fspath(path) in message and told in message, message
    assert path.read_text() == text


#: Sound files the window cannot show: (damage, what the error says).
REFUSED_WHEN_OPENED = {
    "truth of 25 components": (lambda d: d["truth"]["mixture"].update(
                                   weights=[0.04] * 25, means=[[i, 0] for i in range(25)],
                                   covariances=[[[1, 0], [0, 1]]] * 25),
                               "the session's true mixture has 25 components, more than the 20 the window shows"),
}


@pytest.mark.parametrize("damage", sorted(REFUSED_WHEN_OPENED))
def test_what_the_window_cannot_show_is_refused_in_one_line_when_opened(damage, session_document, tmp_path):
    change, told = REFUSED_WHEN_OPENED[damage]
    path = write_damaged(tmp_path, session_document, change)
    with pytest.raises(GmmvizError) as info:
        open_in_window_model(load_session(path))
    assert "\n" not in str(info.value) and told in str(info.value)


def test_a_session_with_a_truth_and_a_noise_fit_opens(tmp_path, qtbot, monkeypatch):
    from gmmviz.gui.main_window import MainWindow

    X = np.random.default_rng(0).normal(size=(40, 2))
    run_ = fit(X, 2, seed=0, keep_history=True, noise=True)
    truth = Mixture([0.5, 0.5], [[0, 0], [1, 1]], [np.eye(2), np.eye(2)], "full")
    session = Session(points=X, settings=FitSettings(n_components=2, seed=0, noise=True),
                      history=list(run_.history), current=len(run_.history) - 1,
                      truth={"mixture": truth, "labels": np.arange(40) % 2})
    save_session(tmp_path / "s.gmmviz", session)
    window = MainWindow()
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(window, "show_error", told.append)
    window.show()
    assert window.load_file(tmp_path / "s.gmmviz"), told
    assert len(window.session.points) == 40


def test_a_noise_volume_in_a_session_survives_opening_and_saving(session_document, tmp_path):
    from gmmviz.gui.model.session_file import to_session

    path = write_damaged(tmp_path, session_document, _set("settings", "noise", value=2500.0))
    assert to_session(open_in_window_model(load_session(path))).settings.noise == 2500.0


def test_saving_an_invalid_session_keeps_the_old_file(session_document, tmp_path):
    path = tmp_path / "kept.gmmviz"
    save_session(path, full_session())
    before = path.read_bytes()
    broken = full_session()
    broken.sample_weight = np.full(len(broken.points), -1.0)
    with pytest.raises(GmmvizError):
        save_session(path, broken)
    assert path.read_bytes() == before
