"""The session file's optional ``labels`` key: painted components and known labels per point."""

import json

import numpy as np
import pytest

from gmmviz.core.errors import GmmvizError
from gmmviz.io.session import Session, load_session, save_session


def test_labels_round_trip_and_are_written_from_component_1(tmp_path):
    path = tmp_path / "labelled.gmmviz"
    labels = {"painted": np.array([1, -1, 0]), "known": np.array(["setosa", "", "virginica"], dtype=object),
              "known_column": "species"}
    save_session(path, Session(points=np.arange(6.0).reshape(3, 2), labels=labels))
    assert json.loads(path.read_text())["labels"] == {
        "painted": [2, None, 1], "known": ["setosa", None, "virginica"], "known_column": "species"}
    loaded = load_session(path).labels
    np.testing.assert_array_equal(loaded["painted"], [1, -1, 0])
    assert loaded["known"].tolist() == ["setosa", "", "virginica"] and loaded["known_column"] == "species"


def test_a_session_without_labels_and_a_version_1_file_open_without_them(tmp_path):
    path = tmp_path / "plain.gmmviz"
    save_session(path, Session(points=np.arange(6.0).reshape(3, 2)))
    assert load_session(path).labels is None
    document = json.loads(path.read_text())
    assert "labels" not in document
    document["version"] = 1
    path.write_text(json.dumps(document))
    assert load_session(path).labels is None


@pytest.mark.parametrize("labels, message", [
    ({"painted": [1, 2], "known": None, "known_column": None}, "labels.painted must be a component"),
    ({"painted": [0, 1, 1], "known": None, "known_column": None}, "labels.painted must be a component"),
    ({"painted": None, "known": ["a", 3, None], "known_column": "k"}, "labels.known must be a text"),
    ({"painted": None, "known": None, "known_column": 3}, "labels.known_column = 3"),
])
def test_damaged_labels_are_one_sentence(tmp_path, labels, message):
    path = tmp_path / "damaged.gmmviz"
    save_session(path, Session(points=np.arange(6.0).reshape(3, 2)))
    document = json.loads(path.read_text())
    document["labels"] = labels
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError, match=message):
        load_session(path)
