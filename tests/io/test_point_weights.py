"""A weight column read beside the two point columns."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError, GmmvizWarning
from gmmviz.io.point_weights import read_weighted_points


def test_weights_by_name_or_index_for_the_rows_kept(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("x,y,w\n1,2,3\n2,nan,1\n4,1,0.5\n5,5,1e1\n")
    with pytest.warns(GmmvizWarning, match="skipped 1 of 4 rows"):
        loaded, weights = read_weighted_points(path, weights="w")
    np.testing.assert_array_equal(loaded.X, [[1, 2], [4, 1], [5, 5]])
    np.testing.assert_array_equal(weights, [3.0, 0.5, 10.0])
    with pytest.warns(GmmvizWarning):
        assert read_weighted_points(path, weights=2)[1].tolist() == [3.0, 0.5, 10.0]


def test_a_row_without_a_weight_is_skipped_with_its_own_warning(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("x,y,w\n1,2,3\n2,3,\n4,1,many\n5,5,1\n")
    with pytest.warns(GmmvizWarning, match=r"skipped 2 rows whose weight \(column w\) is missing, not a number"):
        loaded, weights = read_weighted_points(path, weights="w")
    assert loaded.X.tolist() == [[1.0, 2.0], [5.0, 5.0]] and weights.tolist() == [3.0, 1.0]


def test_an_index_reads_that_column_when_an_earlier_one_has_its_name(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("x,y,w,w\n1,2,1,2\n2,3,1,4\n")
    assert read_weighted_points(path, weights=3)[1].tolist() == [2.0, 4.0]
    assert read_weighted_points(path, weights="w")[1].tolist() == [1.0, 1.0]


def test_decimal_comma_weights(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("x;y;w\n1,5;2;0,25\n2;3,5;1,5\n")
    assert read_weighted_points(path, weights="w")[1].tolist() == [0.25, 1.5]


def test_npy_weights(tmp_path):
    path = tmp_path / "w.npy"
    np.save(path, np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 4.0], [2.0, 2.0, 1.0]]))
    loaded, weights = read_weighted_points(path, weights=2)
    assert weights.tolist() == [2.0, 4.0, 1.0] and loaded.X.shape == (3, 2)


def test_without_a_weight_column_the_points_are_unweighted(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("x,y\n1,2\n2,3\n")
    assert read_weighted_points(path)[1] is None


@pytest.mark.parametrize("text, weights, message", [
    ("x,y,w\n1,2,1\n2,3,-1\n", "w", "column w: sample_weight must be at least 0, but point 2 has weight -1"),
    ("x,y,w\n1,2,0\n2,3,0\n", "w", "column w: sample_weight is 0 for every point"),
    ("x,y,w\n1,2,1\n2,3,1\n", "y", "cannot use column y both for the points and as weights"),
    ("x,y,w\n1,2,1\n2,3,1\n", "7", "has no column '7' for the weights; its columns are x, y, w"),
    ("x,y,w\n1,2,a\n2,3,\n", "w", "column w has no cell that is a number, so it cannot give the weights; "
                                  "choose a column of numbers"),
    ("x,y,w,w\n1,2,1,-1\n2,3,1,1\n", "3", "column w: sample_weight must be at least 0, but point 1 has weight -1"),
])
def test_bad_weight_columns_are_one_sentence_naming_the_file(tmp_path, text, weights, message):
    path = tmp_path / "w.csv"
    path.write_text(text)
    with pytest.raises(GmmvizError) as error:
        read_weighted_points(path, weights=weights)
    assert str(path) in str(error.value) and message in str(error.value)
