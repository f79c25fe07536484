"""The load job: plain Python, driven by a loop; it returns the points, or the table when columns are to be asked."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError
from gmmviz.gui.engine.load_job import load_points_job
from gmmviz.io.points import LoadedPoints, PointTable

from ..conftest import drive_job


def test_the_job_yields_growing_fractions_and_returns_the_points(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a;b\n" + "".join(f"{i},5;{i}\n" for i in range(50_000)))
    fractions, loaded = drive_job(load_points_job(path))
    assert fractions and fractions == sorted(fractions) and fractions[-1] <= 1
    assert isinstance(loaded, LoadedPoints) and loaded.decimal == ","
    np.testing.assert_array_equal(loaded.X[-1], [49_999.5, 49_999])


@pytest.mark.parametrize("columns, ask, expected", [(None, True, PointTable), (None, False, LoadedPoints),
                                                   ("c,a", True, LoadedPoints)])
def test_three_numeric_columns_return_the_table_only_when_the_user_is_to_choose(tmp_path, columns, ask, expected):
    path = tmp_path / "three.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n7,8,10\n")
    _, result = drive_job(load_points_job(path, columns, ask))
    assert isinstance(result, expected)
    if expected is PointTable:
        assert result.numeric_columns() == ["a", "b", "c"]
        np.testing.assert_array_equal(result.points("c,a").X, [[3, 1], [6, 4], [10, 7]])


def test_a_bad_file_raises_from_the_job(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("x\n1\n2\n")
    with pytest.raises(GmmvizError, match="one.csv: has only one column"):
        drive_job(load_points_job(path))
