"""The session file's "compare" key: compare mode, the fit in front and the comparison, read back exactly."""

import json

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Prior, fit
from gmmviz.io.datasets import collapse
from gmmviz.io.session import Session, load_session, save_session


def _fit(X, initial, prior=None):
    result = fit(X, 3, init=initial, prior=prior)
    return {"mixture": result.mixture, "objective": result.log_likelihood, "log_likelihood": result.log_likelihood,
            "n_iter": result.n_iter, "converged": result.converged, "degenerate": (2,)}


def assert_same_mixture(got, want):
    """Equal parameters (weights to round-off: a mixture file's weights are made to sum to 1 when read)."""
    assert got.covariance_type == want.covariance_type
    np.testing.assert_allclose(got.weights, want.weights, rtol=1e-15, atol=0)
    assert np.array_equal(got.means, want.means) and np.array_equal(got.covariances, want.covariances)


@pytest.fixture
def compare():
    X, _ = collapse()
    initial = fit(X, 3, seed=0, max_iter=0).mixture
    prior = Prior.default(X, 3, shrinkage=0.5)
    return X, {"mode": True, "front": "mle",
               "result": {"initial": initial, "prior": prior, "mle": _fit(X, initial), "map": _fit(X, initial, prior)}}


def test_the_comparison_round_trips(tmp_path, compare):
    X, stored = compare
    save_session(tmp_path / "s.gmmviz", Session(points=X, compare=stored))
    loaded = load_session(tmp_path / "s.gmmviz").compare
    assert (loaded["mode"], loaded["front"]) == (True, "mle")
    result, saved = loaded["result"], stored["result"]
    assert_same_mixture(result["initial"], saved["initial"])
    assert result["prior"].to_dict() == saved["prior"].to_dict()
    for kind in ("mle", "map"):
        assert_same_mixture(result[kind]["mixture"], saved[kind]["mixture"])
        assert {k: v for k, v in result[kind].items() if k != "mixture"} == \
               {k: v for k, v in saved[kind].items() if k != "mixture"}


def test_a_file_without_the_key_has_no_comparison(tmp_path):
    path = tmp_path / "old.gmmviz"
    save_session(path, Session(points=np.eye(2)))
    document = json.loads(path.read_text())
    assert "compare" not in document            # written only when there is a comparison
    document["version"] = 1
    path.write_text(json.dumps(document))
    assert load_session(path).compare is None


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(front="both"), 'compare must be {"mode": true or false'),
    (lambda d: d["result"].pop("map"), "compare.result needs initial, prior, mle and map"),
    (lambda d: d["result"]["mle"].update(degenerate=[3]), "compare.result.mle.degenerate must list components 0 to 2"),
    (lambda d: d["result"]["prior"].update(dof=0), "compare.result.prior: dof"),
])
def test_a_damaged_comparison_is_refused_with_the_file_name(tmp_path, compare, change, message):
    X, stored = compare
    path = tmp_path / "s.gmmviz"
    save_session(path, Session(points=X, compare=stored))
    document = json.loads(path.read_text())
    change(document["compare"])
    path.write_text(json.dumps(document))
    with pytest.raises(GmmvizError) as error:
        load_session(path)
    assert str(path) in str(error.value) and message in str(error.value)
