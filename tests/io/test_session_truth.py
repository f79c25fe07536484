"""The true mixture in session files: the optional ``truth`` key of version 2."""

import json

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Mixture
from gmmviz.io.session import Session, load_session, save_session

TRUTH = Mixture([0.6, 0.4], [[0.0, 0.0], [5.0, 1.0]], [[[1.0, 0.2], [0.2, 0.5]], [[0.7, 0.0], [0.0, 0.9]]])


@pytest.fixture
def points():
    return np.array([[0.1, 0.2], [5.2, 0.9], [4.8, 1.3], [9.0, 9.0]])


def test_the_truth_and_its_labels_come_back_exactly(tmp_path, points):
    path = tmp_path / "truth.gmmviz"
    save_session(path, Session(points=points, truth={"mixture": TRUTH, "labels": np.array([0, 1, 1, -1])}))
    stored = json.loads(path.read_text())
    assert stored["version"] == 2
    assert stored["truth"]["labels"] == [1, 2, 2, None]        # components 1..K, null: not sampled
    truth = load_session(path).truth
    assert truth["mixture"] == TRUTH
    np.testing.assert_array_equal(truth["labels"], [0, 1, 1, -1])


def test_a_truth_without_labels_and_no_truth(tmp_path, points):
    path = tmp_path / "s.gmmviz"
    save_session(path, Session(points=points, truth={"mixture": TRUTH, "labels": None}))
    assert load_session(path).truth["labels"] is None
    save_session(path, Session(points=points))
    assert "truth" not in json.loads(path.read_text())      # files without a truth stay as they were
    assert load_session(path).truth is None


def test_a_version_1_file_without_the_key_opens_with_no_truth(tmp_path, points):
    path = tmp_path / "old.gmmviz"
    save_session(path, Session(points=points))
    document = json.loads(path.read_text())
    document["version"] = 1
    path.write_text(json.dumps(document))
    assert load_session(path).truth is None


@pytest.mark.parametrize("labels", [[1, 2], [0, 1, 1, None], [1, "2", 1, None], [1.5, 1, 1, 1]])
def test_damaged_truth_labels_are_refused_in_one_sentence(tmp_path, points, labels):
    path = tmp_path / "bad.gmmviz"
    save_session(path, Session(points=points, truth={"mixture": TRUTH, "labels": np.array([0, 1, 1, -1])}))
    document = json.loads(path.read_text())
    document["truth"]["labels"] = labels
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError, match=r"is damaged \(truth.labels"):
        load_session(path)
