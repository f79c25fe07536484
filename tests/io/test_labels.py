"""Per-point CSV files: one row per point, components numbered 1..K, numbers read back exactly."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError
from gmmviz.io.labels import write_labels, write_sample


def read_csv(path):
    header = path.read_text().splitlines()[0].split(",")
    return header, np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def test_labels_file_has_points_labels_and_responsibilities(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((40, 2)) * 1e3
    resp = rng.dirichlet(np.ones(3), size=40)
    path = tmp_path / "labels.csv"
    write_labels(path, X, resp)
    header, table = read_csv(path)
    assert header == ["x", "y", "label", "p_1", "p_2", "p_3"]
    assert table.shape == (40, 6)
    np.testing.assert_array_equal(table[:, :2], X)
    np.testing.assert_array_equal(table[:, 3:], resp)
    np.testing.assert_array_equal(table[:, 2], resp.argmax(axis=1) + 1)


def test_labels_are_whole_numbers_in_the_file(tmp_path):
    path = tmp_path / "labels.csv"
    write_labels(path, [[0.5, 1.5], [2.0, 3.0]], [[0.9, 0.1], [0.2, 0.8]])
    assert path.read_text().splitlines()[1:] == ["0.5,1.5,1,0.9,0.1", "2.0,3.0,2,0.2,0.8"]


def test_sample_file_numbers_components_from_one(tmp_path):
    path = tmp_path / "sample.csv"
    write_sample(path, [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]], np.array([0, 2, 1]))
    header, table = read_csv(path)
    assert header == ["x", "y", "component"]
    np.testing.assert_array_equal(table, [[0, 1, 1], [2, 3, 3], [4, 5, 2]])


@pytest.mark.parametrize(
    "X, resp, match",
    [
        (np.zeros((3, 3)), np.ones((3, 1)), "not 2-D"),
        (np.zeros((3, 2)), np.ones((4, 2)), "do not match 3 points"),
        (np.zeros((3, 2)), np.ones(3), "do not match 3 points"),
    ],
)
def test_mismatched_shapes_are_refused(tmp_path, X, resp, match):
    with pytest.raises(GmmvizError, match=match):
        write_labels(tmp_path / "labels.csv", X, resp)
    assert not (tmp_path / "labels.csv").exists()


def test_mismatched_sample_components_are_refused(tmp_path):
    with pytest.raises(GmmvizError, match="do not match 2 points"):
        write_sample(tmp_path / "sample.csv", np.zeros((2, 2)), [0, 1, 1])


def read_header(path):
    import csv

    with open(path, newline="") as file:
        return next(csv.reader(file))


def test_labels_file_names_the_point_columns_as_the_data_did(tmp_path):
    path = tmp_path / "labels.csv"
    write_labels(path, [[3.6, 79.0], [1.8, 54.0]], [[0.9, 0.1], [0.2, 0.8]], columns=("eruptions", "waiting"))
    assert path.read_text().splitlines()[0] == "eruptions,waiting,label,p_1,p_2"


@pytest.mark.parametrize("columns, expected", [
    (None, ["x", "y"]),
    (("0", "1"), ["x", "y"]),                        # a file without a header: its index names are not names
    (("", " "), ["x", "y"]),
    (("label", "p_1"), ["label_2", "p_1_2"]),        # label and p_k keep their meaning
    (("a", "a"), ["a", "a_2"]),
    (("y", "2.5"), ["y", "y_2"]),
    (("time, s", 'say "hi"'), ["time, s", 'say "hi"']),
])
def test_point_column_names_never_repeat_a_header_or_look_like_data(tmp_path, columns, expected):
    path = tmp_path / "labels.csv"
    write_labels(path, [[0.0, 1.0], [2.0, 3.0]], [[0.9, 0.1], [0.2, 0.8]], columns=columns)
    header = read_header(path)
    assert header == expected + ["label", "p_1", "p_2"]
    assert len(set(header)) == len(header)


def test_noise_is_the_p_noise_column_and_label_minus_one(tmp_path):
    path = tmp_path / "labels.csv"
    write_labels(path, [[0.5, 1.5], [2.0, 3.0]], [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]], noise=True)
    lines = path.read_text().splitlines()
    assert lines == ["x,y,label,p_1,p_2,p_noise", "0.5,1.5,1,0.7,0.2,0.1", "2.0,3.0,-1,0.1,0.3,0.6"]
