"""A label column read with the points: text kept for the rows kept, empty cells as no label."""

import numpy as np
import pytest

from gmmviz.core.errors import GmmvizError
from gmmviz.io import read_points


def test_a_label_column_of_text_follows_the_rows_kept(tmp_path):
    path = tmp_path / "flowers.csv"
    path.write_text("x,y,species\n1,2,setosa\n3,nan,virginica\n5,6, versicolor \n7,8,\n")
    with pytest.warns(Warning):
        loaded = read_points(path, labels="species")
    np.testing.assert_array_equal(loaded.X, [[1, 2], [5, 6], [7, 8]])
    assert list(loaded.labels) == ["setosa", "versicolor", ""]
    assert loaded.labels_column == "species"


def test_labels_by_index_and_numbers_of_a_npy_file_as_text(tmp_path):
    path = tmp_path / "points.npy"
    np.save(path, np.array([[0.0, 1.0, 2.0], [1.0, 2.0, np.nan], [3.0, 4.0, 1.5]]))
    loaded = read_points(path, columns="0,1", labels=2)
    assert list(loaded.labels) == ["2", "", "1.5"]
    assert loaded.labels_column == "2"


def test_without_a_label_column_there_are_no_labels(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x,y\n1,2\n3,4\n")
    loaded = read_points(path)
    assert loaded.labels is None and loaded.labels_column is None


def test_a_point_column_cannot_be_the_label_column(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x,y,k\n1,2,1\n3,4,2\n")
    with pytest.raises(GmmvizError, match="both for the points and as labels"):
        read_points(path, columns="x,y", labels="y")
    with pytest.raises(GmmvizError, match="no column named 'group'"):
        read_points(path, labels="group")
