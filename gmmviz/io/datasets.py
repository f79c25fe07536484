"""Data sets of the Data menu: Old Faithful ships inside the package, the others come from scikit-learn.

Old Faithful is read with importlib.resources, so it works from a wheel; scikit-learn is imported
inside the functions that use it, so nothing here slows down ``import gmmviz``.
"""

from __future__ import annotations

from importlib.resources import as_file, files

import numpy as np

from gmmviz.io.points import read_points

IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")


def old_faithful() -> tuple[np.ndarray, tuple[str, str]]:
    """R's ``faithful``: 272 eruptions of the Old Faithful geyser.

    Returns
    -------
    X : ndarray of shape (272, 2)
        Eruption time (minutes) and waiting time to the next eruption (minutes).
    columns : tuple of str
        ``("eruptions", "waiting")``.
    """
    with as_file(files("gmmviz") / "resources" / "old_faithful.csv") as path:
        loaded = read_points(path)
    return loaded.X, loaded.columns


def iris(x_feature=2, y_feature=3):
    """Two features of Fisher's iris (150 flowers); returns (X (150, 2), (x name, y name))."""
    from sklearn.datasets import load_iris

    data = load_iris().data
    return np.ascontiguousarray(data[:, [x_feature, y_feature]]), (IRIS_FEATURES[x_feature],
                                                                    IRIS_FEATURES[y_feature])


def two_moons(n_samples=400, noise=0.08, seed=0):
    """Two interleaving half circles; returns (X (n_samples, 2), None): the columns have no names."""
    from sklearn.datasets import make_moons

    X, _ = make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    return X, None


def blobs(n_samples=600, n_components=3, seed=0):
    """Isotropic Gaussian blobs around random centres; returns (X (n_samples, 2), None)."""
    from sklearn.datasets import make_blobs

    X, _ = make_blobs(n_samples=n_samples, centers=n_components, n_features=2, random_state=seed)
    return X, None
