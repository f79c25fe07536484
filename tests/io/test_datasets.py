"""Packaged data sets are installed with the package and read through importlib.resources."""

from importlib.resources import files

import numpy as np

from gmmviz.io.datasets import old_faithful


def test_old_faithful_is_packaged():
    assert (files("gmmviz") / "resources" / "old_faithful.csv").is_file()


def test_old_faithful_is_r_faithful():
    X, columns = old_faithful()
    assert columns == ("eruptions", "waiting")
    assert X.shape == (272, 2) and X.dtype == np.float64
    np.testing.assert_array_equal(X[:2], [[3.6, 79.0], [1.8, 54.0]])
    # R: colMeans(faithful)
    np.testing.assert_allclose(X.mean(axis=0), [3.487783, 70.897059], atol=1e-6)


def test_the_collapse_example_has_its_point_repeated_and_nothing_else():
    from gmmviz.io.datasets import COLLAPSE_POINT, COLLAPSE_REPEATS, collapse

    X, columns = collapse()
    assert X.shape == (44, 2) and columns is None
    assert np.all(X == collapse()[0])
    values, counts = np.unique(X, axis=0, return_counts=True)
    assert values[counts > 1].tolist() == [list(COLLAPSE_POINT)]
    assert counts.max() == COLLAPSE_REPEATS
