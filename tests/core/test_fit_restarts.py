"""Every restart of fit is kept as an outcome, the kept one among them."""

from gmmviz.core import fit
from gmmviz.io.datasets import old_faithful


def test_fit_keeps_where_every_restart_ended():
    X = old_faithful()[0]
    result = fit(X, 3, init="random", n_init=5, seed=1)
    assert len(result.restarts) == 5
    # the kept restart is one of them (chosen by its last E-step's value, scikit-learn's rule)
    assert result.log_likelihood in [r.log_likelihood for r in result.restarts]
    assert len({r.log_likelihood for r in result.restarts}) > 1       # random starts end in different places
    # the same seed, the same restarts
    assert fit(X, 3, init="random", n_init=5, seed=1).restarts == result.restarts
