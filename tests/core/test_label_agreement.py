"""A fit's hard labels against known labels: scikit-learn's ARI and the matched confusion matrix, labelled points only."""

import numpy as np
from sklearn.metrics import adjusted_rand_score, confusion_matrix

from gmmviz.core.label_agreement import label_agreement
from gmmviz.core.label_init import label_codes


def test_points_without_a_label_take_no_part_and_the_numbers_are_scikit_learns():
    rng = np.random.default_rng(0)
    known = rng.choice(["a", "b", "c", ""], size=200)
    resp = rng.dirichlet(np.ones(4), size=200)
    agreement = label_agreement(*label_codes(known), resp)
    labelled = known != ""
    fitted = resp[labelled].argmax(axis=1)
    assert agreement.n_labelled == labelled.sum()
    assert agreement.ari == adjusted_rand_score(known[labelled], fitted)
    classes = np.searchsorted(["a", "b", "c"], known[labelled])
    counts = confusion_matrix(classes, fitted, labels=range(4))[:3]          # rows a, b, c; columns 0..3
    np.testing.assert_array_equal(agreement.confusion.matrix, counts[:, agreement.confusion.components])
    assert agreement.confusion.matrix.shape == (3, 4)                        # every component has a column
    assert sorted(agreement.confusion.classes) == ["a", "b", "c"]


def test_without_labelled_points_the_ari_is_nan():
    agreement = label_agreement([-1, -1], (), np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert np.isnan(agreement.ari) and agreement.n_labelled == 0
