"""k-means and k-means++ give scikit-learn's clusterings, seed for seed, without importing scikit-learn."""

import warnings

import numpy as np
import pytest

from gmmviz.core.kmeans import kmeans_labels, kmeans_plusplus

from .conftest import anisotropic_blobs, old_faithful


def data_sets():
    rng = np.random.default_rng(1)
    return {
        "old faithful": old_faithful(),
        "blobs": anisotropic_blobs(),
        "uniform": rng.uniform(size=(500, 2)),
        # far from the origin with a small spread: k-means works on the centred data
        "far away": rng.normal(size=(400, 2)) * 1e-3 + 1e6,
        # three places, each twenty times: K = 5 leaves clusters empty and moves them
        "repeated points": np.repeat(rng.normal(size=(3, 2)), 20, axis=0),
        "as many points as clusters": rng.normal(size=(5, 2)),
    }


def sklearn_labels(X, n_clusters, seed, sample_weight):
    from sklearn.cluster import KMeans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # "Number of distinct clusters ... smaller than n_clusters"
        model = KMeans(n_clusters=n_clusters, n_init=1, random_state=np.random.RandomState(seed))
        return model.fit(X, sample_weight=sample_weight).labels_


def example_weights(kind, n_samples):
    rng = np.random.default_rng(2)
    if kind == "unweighted":
        return None
    weights = rng.uniform(0.1, 3.0, size=n_samples)
    if kind == "half of them zero":     # clusters of only zero-weight points count as empty
        weights[rng.uniform(size=n_samples) < 0.5] = 0.0
        weights[0] = 1.0
    return weights


@pytest.mark.parametrize("name", list(data_sets()))
@pytest.mark.parametrize("weighting", ["unweighted", "weighted", "half of them zero"])
def test_labels_equal_sklearn_kmeans(name, weighting):
    X = data_sets()[name]
    weights = example_weights(weighting, len(X))
    for n_clusters in (1, 2, 3, 5):
        for seed in range(5):
            labels = kmeans_labels(X, n_clusters, np.random.RandomState(seed), weights)
            np.testing.assert_array_equal(labels, sklearn_labels(X, n_clusters, seed, weights),
                                          err_msg=f"K={n_clusters} seed={seed}")


@pytest.mark.parametrize("name", list(data_sets()))
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_seeds_equal_sklearn_kmeans_plusplus(name, weighted):
    from sklearn.cluster import kmeans_plusplus as sklearn_kmeans_plusplus

    X = data_sets()[name]
    weights = np.random.default_rng(3).uniform(0.1, 3.0, size=len(X)) if weighted else None
    for n_clusters in (1, 2, 5):
        for seed in range(5):
            centers, indices = kmeans_plusplus(X, n_clusters, np.random.RandomState(seed), weights)
            expected_centers, expected = sklearn_kmeans_plusplus(X, n_clusters, sample_weight=weights,
                                                                 random_state=np.random.RandomState(seed))
            np.testing.assert_array_equal(indices, expected)
            np.testing.assert_array_equal(centers, expected_centers)


def test_the_random_state_is_left_where_sklearn_leaves_it():
    # n_init restarts share one stream: the next draw after k-means must be scikit-learn's next draw.
    from sklearn.cluster import KMeans

    X = old_faithful()
    ours, theirs = np.random.RandomState(4), np.random.RandomState(4)
    kmeans_labels(X, 3, ours)
    KMeans(n_clusters=3, n_init=1, random_state=theirs).fit(X)
    assert ours.uniform() == theirs.uniform()


def test_many_chunks_equal_sklearn():
    # five chunks of the compiled pass, shared among threads
    X = np.random.default_rng(0).normal(size=(300_000, 2))
    X[::3] += 4.0
    np.testing.assert_array_equal(kmeans_labels(X, 4, np.random.RandomState(0)), sklearn_labels(X, 4, 0, None))


def test_zero_weight_points_are_never_seeds():
    X = old_faithful()
    weights = np.zeros(len(X))
    weights[:40] = 1.0
    for seed in range(20):
        _, indices = kmeans_plusplus(X, 3, np.random.RandomState(seed), weights)
        assert np.all(indices < 40)

