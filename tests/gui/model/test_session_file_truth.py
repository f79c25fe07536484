"""The window's truth in a session file: the mixture and the true labels of the sampled points come back."""

import numpy as np

from gmmviz.core import Mixture
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.session_file import apply_session, to_session
from gmmviz.gui.model.truth import NO_LABEL, sample_from_truth
from gmmviz.io.session import load_session, save_session

TRUTH = Mixture([0.6, 0.4], [[0.0, 0.0], [8.0, 1.0]], [[[1.0, 0.2], [0.2, 0.5]], [[0.7, 0.0], [0.0, 0.9]]])


def test_a_saved_truth_and_the_labels_of_its_sample_round_trip(tmp_path):
    saved = FitSession()
    saved.truth.set_mixture(TRUTH)
    sample_from_truth(saved, 80, seed=2)
    saved.add_points([[20.0, 20.0]])                    # drawn: no label
    labels = saved.truth.labels_of(saved.points.ids).copy()
    path = tmp_path / "lesson.gmmviz"
    save_session(path, to_session(saved))
    opened = FitSession()
    apply_session(opened, load_session(path))
    assert opened.truth.mixture == TRUTH
    np.testing.assert_array_equal(opened.points.X, saved.points.X)
    np.testing.assert_array_equal(opened.truth.labels_of(opened.points.ids), labels)
    assert labels[-1] == NO_LABEL and np.all(labels[:-1] >= 0)


def test_a_session_without_a_truth_opens_with_none(tmp_path):
    plain = FitSession()
    plain.load_points([[0.0, 0.0], [1.0, 1.0]])
    path = tmp_path / "plain.gmmviz"
    save_session(path, to_session(plain))
    opened = FitSession()
    opened.truth.set_mixture(TRUTH)
    apply_session(opened, load_session(path))
    assert opened.truth.mixture is None
