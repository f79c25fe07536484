"""Built-in data sets of the Data menu besides Old Faithful (which ships with gmmviz.io).

scikit-learn is imported inside each function, so the window opens without it.
"""

import numpy as np

IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")


def iris(x_feature=2, y_feature=3):
    """Two features of Fisher's iris (150 flowers); returns (X (150, 2), (x name, y name))."""
    from sklearn.datasets import load_iris

    data = load_iris().data
    return np.ascontiguousarray(data[:, [x_feature, y_feature]]), (IRIS_FEATURES[x_feature],
                                                                    IRIS_FEATURES[y_feature])


def two_moons(n_samples=400, noise=0.08, seed=0):
    """Two interleaving half circles; returns (X (n_samples, 2), ("x", "y"))."""
    from sklearn.datasets import make_moons

    X, _ = make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    return X, ("x", "y")


def blobs(n_samples=600, n_components=3, seed=0):
    """Isotropic Gaussian blobs around random centres; returns (X (n_samples, 2), ("x", "y"))."""
    from sklearn.datasets import make_blobs

    X, _ = make_blobs(n_samples=n_samples, centers=n_components, n_features=2, random_state=seed)
    return X, ("x", "y")
