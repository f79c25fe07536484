"""Every loader and every headless command over a corpus of bad files: a result, or one line, never a traceback.

The corpus is ``tests/data/bad`` (small committed files); large files and files git cannot hold (a FIFO, links to
devices, a directory) are made at test time.
"""

import os
import warnings
from importlib.resources import as_file, files
from pathlib import Path

import numpy as np
import pytest

from gmmviz.cli import main
from gmmviz.core import GmmvizError, GmmvizWarning
from gmmviz.io.mixture_json import read_mixture
from gmmviz.io.points import MAX_LINE_BYTES, read_points
from gmmviz.io.session import Session, load_session, save_session

CORPUS = Path(__file__).parent / "data" / "bad"


def _fifo(path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    os.mkfifo(path)


def _link(target):
    def make(path):
        if not os.path.exists(target):
            pytest.skip(f"needs {target}")
        path.symlink_to(target)

    return make


# Made at test time: name -> function creating the file at the given path.
GENERATED = {
    "long_line.csv": lambda path: path.write_bytes(b"1.5," * (MAX_LINE_BYTES // 2) + b"2\n1,2\n"),
    "deep_100000.json": lambda path: path.write_text("[" * 100_000 + "]" * 100_000),
    "fifo.csv": _fifo,
    "fifo.json": _fifo,
    "dev_zero.csv": _link("/dev/zero"),
    "dev_zero.json": _link("/dev/zero"),
    "dev_null.npy": _link("/dev/null"),
    "directory.csv": lambda path: path.mkdir(),
    "missing.json": lambda path: None,
}
NAMES = sorted(p.name for p in CORPUS.iterdir()) + sorted(GENERATED)


@pytest.fixture
def bad_file(request, tmp_path):
    name = request.param
    if name not in GENERATED:
        return CORPUS / name
    path = tmp_path / name
    GENERATED[name](path)
    return path


LOADERS = {"read_points": read_points, "read_mixture": read_mixture, "load_session": load_session}


def load(loader, path):
    """Run a loader; GmmvizWarning (skipped rows) is a documented recovery, any other warning fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", GmmvizWarning)
        return LOADERS[loader](path)


def assert_one_line_naming(error, path):
    message = str(error)
    assert "\n" not in message and os.fspath(path) in message, message
    return message


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("bad_file", NAMES, indirect=True)
def test_every_loader_returns_or_raises_one_line_naming_the_file(bad_file, loader):
    try:
        load(loader, bad_file)
    except GmmvizError as error:
        assert_one_line_naming(error, bad_file)


@pytest.fixture(scope="module")
def faithful(tmp_path_factory):
    with as_file(files("gmmviz") / "resources" / "old_faithful.csv") as path:
        copy = tmp_path_factory.mktemp("data") / "faithful.csv"
        copy.write_bytes(path.read_bytes())
    return copy


COMMANDS = {
    "fit": lambda path, faithful, out: ["fit", path, "-k", "2", "--seed", "0"],
    "fit --init": lambda path, faithful, out: ["fit", faithful, "--init", path],
    "select": lambda path, faithful, out: ["select", path, "-k", "1-2", "--covariance", "full", "--seed", "0"],
    "sample": lambda path, faithful, out: ["sample", path, "-n", "5", "--seed", "0", "-o", out / "sample.csv"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("bad_file", NAMES, indirect=True)
def test_every_command_exits_0_or_2_with_one_error_line(bad_file, command, faithful, tmp_path, capsys):
    argv = [os.fspath(arg) for arg in COMMANDS[command](bad_file, faithful, tmp_path)]
    status = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.splitlines()
    warnings_ = [line for line in lines if line.startswith("gmmviz: warning: ")]
    errors = [line for line in lines if line.startswith("gmmviz: error: ")]
    assert len(warnings_) + len(errors) == len(lines), err
    if status == 0:
        assert errors == []
    else:
        assert status == 2 and len(errors) == 1 and lines[-1] == errors[0], err


# What the user is told for the cases the corpus was made for: (file, loader) -> expected words in the error.
TOLD = {
    ("empty.csv", "read_points"): "is empty",
    ("binary_junk.dat", "read_points"): "is not a text file",
    ("nul_bytes.csv", "read_points"): "is not a text file",
    ("one_column.csv", "read_points"): "has only one column",
    ("header_only.csv", "read_points"): "has a header but no data rows",
    ("arabic_indic_digits.csv", "read_points"): "has 0 numeric columns",
    ("fullwidth_digits.tsv", "read_points"): "has 0 numeric columns",
    ("long_line.csv", "read_points"): "has a line longer than 1 MiB (line 1)",
    ("fifo.csv", "read_points"): "is not a regular file but a FIFO, device or socket",
    ("dev_zero.csv", "read_points"): "is not a regular file",
    ("dev_null.npy", "read_points"): "is not a regular file",
    ("directory.csv", "read_points"): "is a directory",
    ("lying_header.npy", "read_points"): "is truncated: its header promises 17592186044416 bytes",
    ("truncated.npy", "read_points"): "is truncated",
    ("object_array.npy", "read_points"): "is not a valid .npy file",
    ("zero_size_items.npy", "read_points"): "holds |V0 values; save real numbers",
    ("deep_nesting.json", "read_mixture"): "is nested more than 32 levels deep",
    ("deep_mixture.json", "read_mixture"): "is nested more than 32 levels deep",
    ("deep_100000.json", "read_mixture"): "is nested more than 32 levels deep",
    ("huge_integer.json", "read_mixture"): "has an integer of 5000 digits, beyond the float range",
    ("huge_float.json", "read_mixture"): "beyond the float range",
    ("overflow_float.json", "read_mixture"): "has the number 3e400, beyond the float range",
    ("nan_mixture.json", "read_mixture"): "has NaN, which JSON does not allow",
    ("infinity_mixture.json", "read_mixture"): "has -Infinity, which JSON does not allow",
    ("string_weights.json", "read_mixture"): '"weights" that are not a list of numbers',
    ("fifo.json", "read_mixture"): "is not a regular file",
    ("dev_zero.json", "read_mixture"): "is not a regular file",
    ("session_string_points.gmmviz", "load_session"): "points must be [x, y] numbers, not strings or booleans",
    ("session_bool_points.gmmviz", "load_session"): "points must be [x, y] numbers, not strings or booleans",
    ("session_nan_points.gmmviz", "load_session"): "has NaN, which JSON does not allow",
    ("session_huge_reg_covar.gmmviz", "load_session"): "has the number 1e400, beyond the float range",
    ("session_huge_seed.gmmviz", "load_session"): "has an integer of 5000 digits, beyond the float range",
    ("session_deep_points.gmmviz", "load_session"): "is nested more than 32 levels deep",
}


@pytest.mark.parametrize("bad_file, loader", list(TOLD), indirect=["bad_file"])
def test_the_error_says_what_is_wrong(request, bad_file, loader):
    with pytest.raises(GmmvizError) as info:
        load(loader, bad_file)
    expected = TOLD[bad_file.name, loader]
    assert expected in assert_one_line_naming(info.value, bad_file)


@pytest.mark.parametrize(
    "name, columns, X",
    [
        # A first column that only looks like a row index is data, and its odd cell a skipped row.
        ("superscript_index.csv", ("0", "1"), [[1, 10], [2, 11], [4, 13], [5, 14]]),
        ("long_integer_index.csv", ("0", "1"), [[1, 10], [2, 11], [1.1111111111111111e22, 12], [4, 13], [5, 14]]),
        ("digit_underscores.csv", ("x", "y"), [[1, 2], [3, 5], [4, 4]]),
    ],
)
def test_odd_numbers_are_read_as_people_mean_them(name, columns, X):
    loaded = load("read_points", CORPUS / name)
    assert loaded.columns == columns
    np.testing.assert_array_equal(loaded.X, X)


def test_a_mixture_with_a_byte_order_mark_is_read():
    mixture, _ = load("read_mixture", CORPUS / "bom_mixture.json")
    np.testing.assert_array_equal(mixture.weights, [0.5, 0.5])


@pytest.mark.parametrize("points", [np.array([[True, False], [False, True]]), np.array([["1", "2"], ["3", "4"]])])
def test_points_that_are_not_numbers_are_not_saved(tmp_path, points):
    with pytest.raises(GmmvizError, match="points must be \\[x, y\\] numbers, not strings or booleans"):
        save_session(tmp_path / "s.gmmviz", Session(points=points))
    assert not (tmp_path / "s.gmmviz").exists()
