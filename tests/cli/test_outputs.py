"""Where the commands write: never over their inputs or one output over another, ``-`` for stdout, devices in place."""

import json
import os
import pty
import stat

import pytest

from gmmviz.cli import main
from tests.io.test_atomic import dev_null  # noqa: F401 (a fixture)


@pytest.fixture
def params(gmmviz_cli, tmp_path, faithful):
    """``params.json``: a two-component mixture fitted to Old Faithful."""
    assert gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--json", "params.json").returncode == 0
    return tmp_path / "params.json"


def link(tmp_path, name, to, hard=False):
    (os.link if hard else os.symlink)(to, tmp_path / name)
    return name


REFUSED = {
    "labels over the data": lambda tmp: ("fit", "faithful.csv", "-k", 2, "--labels", "faithful.csv"),
    "json over the data": lambda tmp: ("fit", "faithful.csv", "-k", 2, "--json", "faithful.csv"),
    "png over the data": lambda tmp: ("fit", "faithful.csv", "-k", 2, "--png", "faithful.csv"),
    "svg over the data": lambda tmp: ("fit", "faithful.csv", "-k", 2, "--svg", "faithful.csv"),
    "gif over the data": lambda tmp: ("fit", "faithful.csv", "-k", 2, "--gif", "faithful.csv"),
    "labels through a symlink": lambda tmp: ("fit", "faithful.csv", "-k", 2,
                                             "--labels", link(tmp, "link.csv", tmp / "faithful.csv")),
    "labels through a hard link": lambda tmp: ("fit", "faithful.csv", "-k", 2,
                                               "--labels", link(tmp, "hard.csv", tmp / "faithful.csv", hard=True)),
    "data through ./": lambda tmp: ("fit", "./faithful.csv", "-k", 2, "--labels", str(tmp / "faithful.csv")),
    "json over the --init file": lambda tmp: ("fit", "faithful.csv", "--init", "params.json", "--json", "params.json"),
    "select json over the data": lambda tmp: ("select", "faithful.csv", "-k", "1-2", "--json", "faithful.csv"),
    "sample over its parameters": lambda tmp: ("sample", "params.json", "-n", 5, "-o", "params.json"),
    "sample through a symlink": lambda tmp: ("sample", "params.json", "-n", 5,
                                             "-o", link(tmp, "p.csv", tmp / "params.json")),
    "screenshot over the data": lambda tmp: ("faithful.csv", "--screenshot", "faithful.csv"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(gmmviz_cli, tmp_path, faithful, params, case):
    before = {path: path.read_bytes() for path in (faithful, params)}
    args = REFUSED[case](tmp_path)
    line = gmmviz_cli(*args).error_line()
    assert "is the input" in line
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("outputs", [
    ("--json", "out.json", "--labels", "out.json"),
    ("--labels", "out.csv", "--png", "./out.csv"),
    ("--png", "plot.png", "--svg", "same.png"),
])
def test_two_outputs_to_one_file_are_refused_before_any_work(gmmviz_cli, tmp_path, faithful, outputs):
    os.symlink("plot.png", tmp_path / "same.png")
    done = gmmviz_cli("fit", faithful, "-k", 2, *outputs)
    line = done.error_line()
    assert "are the same file" in line and outputs[1] in line and outputs[3] in line
    assert done.stdout == ""  # refused before the fit
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faithful.csv", "same.png"]


@pytest.mark.parametrize("outputs, message", [
    (("--json", "-", "--labels", "-"), "the outputs --json - and --labels - would both write to standard output"),
    (("--json", ""), "--json '' names no file; give it a file name"),
    (("--json", "missing/fit.json"), "--json missing/fit.json: the folder missing does not exist; create it or give"),
    (("--png", "."), "--png . is a folder; give a file name"),
    (("--json", "faithful.csv/fit.json"), "--json faithful.csv/fit.json: faithful.csv is not a folder"),
    (("--json", "fit.json/"), "--json fit.json/ ends in /, so it names a folder"),          # it wrote fit.json
    (("--png", "a" * 300 + ".png"), "--png " + "a" * 300 + ".png: the file name is longer than the 255 bytes"),
    (("--json", "loop"), "--json loop is a symbolic link that leads back to itself"),
])
def test_outputs_to_stdout_twice_an_empty_name_or_a_missing_folder_are_refused_before_work(gmmviz_cli, faithful,
                                                                                            outputs, message):
    os.symlink("loop", faithful.parent / "loop")
    done = gmmviz_cli("fit", faithful, "-k", 2, *outputs)
    assert done.returncode == 2 and done.error_line().startswith(f"gmmviz: error: {message}")
    assert done.stdout == ""


@pytest.mark.parametrize("outputs", [("--svg", "out.png"), ("--png", "out.svg"), ("--gif", "x.json"),
                                     ("--json", "out.csv"), ("--labels", "out.json"), ("--json", "fit.GIF")])
def test_an_output_named_as_another_format_is_refused_before_work(gmmviz_cli, tmp_path, faithful, outputs):
    """``--svg out.png`` wrote SVG into a file every program opens as a PNG."""
    option, name = outputs
    done = gmmviz_cli("fit", faithful, "-k", 2, *outputs)
    assert f"{option} {name}: the name ends in" in done.error_line() and done.stdout == ""
    assert not (tmp_path / name).exists()


def test_an_output_with_a_name_of_no_format_is_written_as_asked(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--labels", "labels.tsv", "--json", "fit")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "labels.tsv").read_text().startswith("eruptions,waiting,label")
    assert json.loads((tmp_path / "fit").read_text())["format"] == "gmmviz-mixture"


def test_a_folder_without_a_fixed_name_limit_takes_any_name(gmmviz_cli, faithful, monkeypatch):
    """pathconf says -1 where names have no fixed limit: every output was 'longer than the -1 bytes' allowed."""
    monkeypatch.setattr("os.pathconf", lambda path, name: -1)
    assert gmmviz_cli("fit", faithful, "-k", 2, "--json", "fit.json").returncode == 0


def test_outputs_to_dev_null_leave_it_a_device(gmmviz_cli, faithful, dev_null):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--json", dev_null, "--labels", dev_null, "--png", dev_null)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.lstat(dev_null).st_mode)


# -- "-" is standard output ---------------------------------------------------------------------


@pytest.fixture
def run_fd(tmp_path, monkeypatch, capfd):
    """Like ``gmmviz_cli``, capturing descriptor 1 itself, where ``-`` writes."""
    monkeypatch.chdir(tmp_path)

    def run(*args):
        capfd.readouterr()
        status = main([str(arg) for arg in args])
        out, err = capfd.readouterr()
        return status, out, err

    return run


def test_json_to_dash_is_alone_on_stdout_and_the_report_on_stderr(run_fd, tmp_path, faithful):
    status, out, err = run_fd("fit", faithful, "-k", 2, "--seed", 0, "--json", "-")
    assert status == 0, err
    assert run_fd("fit", faithful, "-k", 2, "--seed", 0, "--json", "fit.json")[0] == 0
    assert json.loads(out) == json.loads((tmp_path / "fit.json").read_text())
    assert "log-likelihood" in err and "Wrote parameters to standard output." in err


def test_labels_and_samples_to_dash_are_csv_on_stdout(run_fd, tmp_path, faithful):
    status, out, err = run_fd("fit", faithful, "-k", 2, "--seed", 0, "--labels", "-")
    assert status == 0, err
    assert out.splitlines()[0] == "eruptions,waiting,label,p_1,p_2" and len(out.splitlines()) == 273
    assert run_fd("fit", faithful, "-k", 2, "--seed", 0, "--json", "params.json")[0] == 0
    status, out, err = run_fd("sample", "params.json", "-n", 4, "--seed", 1, "-o", "-")
    assert status == 0, err
    assert out.splitlines()[0] == "x,y,component" and len(out.splitlines()) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faithful.csv", "params.json"]


@pytest.mark.parametrize("option", ["--png", "--gif"])
def test_a_binary_plot_to_a_terminal_is_refused(gmmviz_cli, faithful, option):
    controller, terminal = pty.openpty()
    saved = os.dup(1)
    os.dup2(terminal, 1)
    try:
        done = gmmviz_cli("fit", faithful, "-k", 2, option, "-")
    finally:
        os.dup2(saved, 1)
        for fd in (saved, terminal, controller):
            os.close(fd)
    assert "terminal" in done.error_line()


def test_a_sample_written_over_a_symlink_keeps_the_link(gmmviz_cli, tmp_path, params):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "points.csv").write_text("old\n")
    os.symlink(tmp_path / "real" / "points.csv", tmp_path / "points.csv")
    assert gmmviz_cli("sample", params, "-n", 3, "-o", "points.csv").returncode == 0
    assert (tmp_path / "points.csv").is_symlink()
    assert (tmp_path / "real" / "points.csv").read_text().startswith("x,y,component\n")


def test_dev_stdout_is_standard_output_as_dash_is(run_fd, tmp_path, faithful):
    status, out, err = run_fd("fit", faithful, "-k", 2, "--seed", 0, "--json", "/dev/stdout", "--labels", "-")
    assert status == 2 and out == "" and err.startswith(
        "gmmviz: error: the outputs --json /dev/stdout and --labels - would both write to standard output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faithful.csv"]


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no file can be made")
def test_an_output_where_no_file_can_be_made_is_refused_before_the_fit_and_nothing_is_written(gmmviz_cli, tmp_path,
                                                                                             faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--json", "fit.json", "--labels", "l.csv", "--png", "/proc/fit.png")
    assert done.error_line().startswith("gmmviz: error: --png /proc/fit.png cannot be written (")
    assert done.stdout == "" and sorted(p.name for p in tmp_path.iterdir()) == ["faithful.csv"]


def test_a_descriptor_path_is_written_to_its_descriptor_and_a_link_checked_where_it_leads(run_fd, tmp_path, faithful):
    status, out, err = run_fd("fit", faithful, "-k", 2, "--seed", 0, "--labels", "/dev/fd/1")
    assert status == 0, err
    assert out.splitlines()[0] == "eruptions,waiting,label,p_1,p_2"
    os.symlink(tmp_path / "gone" / "fit.json", tmp_path / "link.json")
    status, out, err = run_fd("fit", faithful, "-k", 2, "--json", "link.json")
    assert status == 2 and "does not exist" in err and "gone" in err and "log-likelihood" not in out + err
