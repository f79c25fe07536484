"""Model selection: sweep numbers of components × covariance types and rank them by BIC or AIC.

Every candidate is fitted by :func:`gmmviz.core.fit.fit` with the same seed, so the same
arguments give the same table. Lower BIC/AIC is better. A candidate that cannot be fitted
(more components than distinct points, an ill-defined covariance) is skipped and does not
stop the sweep; its row carries ``error`` and nan scores.
"""

import math
from dataclasses import dataclass

from gmmviz.core.covariance import COVARIANCE_TYPES, check_covariance_type
from gmmviz.core.errors import GmmvizError
from gmmviz.core.fit import FitResult, fit
from gmmviz.core.mixture import as_points

CRITERIA = ("bic", "aic")


@dataclass
class SelectionResult:
    """Outcome of :func:`select`.

    Attributes
    ----------
    criterion : {"bic", "aic"}
    rows : list of dict
        One per candidate: n_components, covariance_type, log_likelihood, bic, aic, n_iter,
        converged (and ``error`` when it could not be fitted).
    best : dict
        The row with the lowest criterion.
    best_fit : FitResult
    """

    criterion: str
    rows: list
    best: dict
    best_fit: FitResult


def select(X, n_components=range(1, 10), covariance_types=COVARIANCE_TYPES, criterion="bic", n_init=1, seed=None,
           reg_covar=1e-6, tol=1e-3, max_iter=100, prior=None, progress=None):
    """Fit every (K, covariance type) pair and return all rows and the best by ``criterion``.

    ``progress``, if given, is called as ``progress(done, total)`` after each fit.
    """
    X = as_points(X)
    if criterion not in CRITERIA:
        raise GmmvizError(f"unknown criterion {criterion!r}: use bic or aic")
    if isinstance(covariance_types, str):
        covariance_types = (covariance_types,)
    covariance_types = tuple(check_covariance_type(t) for t in covariance_types)
    n_components = list(n_components)
    if not n_components or not covariance_types:
        raise GmmvizError("give at least one number of components and one covariance type")
    total = len(n_components) * len(covariance_types)
    rows, best_row, best_fit = [], None, None
    for k in n_components:
        for covariance_type in covariance_types:
            row = {"n_components": int(k), "covariance_type": covariance_type}
            try:
                result = fit(X, k, covariance_type=covariance_type, n_init=n_init, seed=seed, reg_covar=reg_covar,
                             tol=tol, max_iter=max_iter, prior=prior)
            except GmmvizError as error:
                row.update(log_likelihood=math.nan, bic=math.nan, aic=math.nan, n_iter=0, converged=False,
                           error=str(error))
            else:
                row.update(log_likelihood=result.log_likelihood, bic=result.bic, aic=result.aic,
                           n_iter=result.n_iter, converged=result.converged)
                if best_row is None or row[criterion] < best_row[criterion]:
                    best_row, best_fit = row, result
            rows.append(row)
            if progress is not None:
                progress(len(rows), total)
    if best_row is None:
        raise GmmvizError(rows[0]["error"])
    return SelectionResult(criterion=criterion, rows=rows, best=best_row, best_fit=best_fit)
