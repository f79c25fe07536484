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


def iris_species():
    """The species of iris' 150 flowers, in the order of :func:`iris`: ndarray of shape (150,) of str.

    The known labels of the Data menu's iris (``setosa``, ``versicolor``, ``virginica``).
    """
    from sklearn.datasets import load_iris

    data = load_iris()
    return data.target_names[data.target].astype(object)


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


#: Where the collapse data set repeats a point, and how often.
COLLAPSE_POINT = (3.0, 3.0)
COLLAPSE_REPEATS = 4


def collapse():
    """A small data set on which maximum likelihood collapses: two clouds and one point repeated.

    Twenty points around (0, 0) and twenty around (6, 0) (standard deviation 1.5, one decimal), and
    :data:`COLLAPSE_POINT` written :data:`COLLAPSE_REPEATS` times. With K = 3, k-means and seed 0,
    maximum-likelihood EM shrinks one component onto the repeated point (its log-likelihood climbs
    until only reg_covar holds the component up); the default prior keeps it a few tenths wide.

    Returns
    -------
    X : ndarray of shape (44, 2)
    columns : None
        The columns have no names.
    """
    rng = np.random.RandomState(1)
    clouds = [rng.normal(centre, 1.5, (20, 2)) for centre in ((0.0, 0.0), (6.0, 0.0))]
    repeated = np.tile(COLLAPSE_POINT, (COLLAPSE_REPEATS, 1))
    return np.round(np.concatenate([*clouds, repeated]), 1), None
