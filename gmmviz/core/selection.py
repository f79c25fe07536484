"""Model selection: sweep numbers of components × covariance types and rank them by BIC, AIC or ICL.

Every candidate is fitted by :func:`gmmviz.core.fit.fit` with the same seed, so the same
arguments give the same table. Lower BIC/AIC/ICL is better (mclust reports ICL with the opposite
sign, see :func:`gmmviz.core.mixture.icl_score`). A candidate that cannot be fitted
(more components than distinct points, an ill-defined covariance) is skipped and does not
stop the sweep; its row carries ``error`` and nan scores.

Decision: a degenerate candidate (a component collapsed onto a point or a line, see
:func:`gmmviz.core.em.collapsed_components`) is never chosen as best while another fitted candidate
is not degenerate. Its log-likelihood grows without bound as the component shrinks, so its BIC,
AIC and ICL reward the collapse rather than the fit: on 10 points with duplicates the lowest BIC is always
the largest K. Its row stays in the table with its scores and carries ``degenerate``; only when every
fitted candidate is degenerate is the best of them reported, and ``best.degenerate`` then says so.
"""

import math
from dataclasses import dataclass

from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.core.em import DEFAULTS, collapsed_components
from gmmviz.core.errors import GmmvizError
from gmmviz.core.fit import FitResult, fit
from gmmviz.core.mixture import as_points
from gmmviz.core.settings import FitSettings, check_setting

CRITERIA = ("bic", "aic", "icl")


@dataclass(frozen=True)
class SelectionRow:
    """One candidate of :func:`select`.

    Attributes
    ----------
    n_components : int
    covariance_type : str
    log_likelihood, bic, aic, icl : float
        nan when the candidate could not be fitted.
    n_iter : int
    converged : bool
    error : str or None
        Why the candidate could not be fitted (None when it was).
    degenerate : tuple of int
        0-based indices of the fitted mixture's collapsed components; empty when there are none
        (or the candidate could not be fitted).
    """

    n_components: int
    covariance_type: str
    log_likelihood: float
    bic: float
    aic: float
    icl: float
    n_iter: int
    converged: bool
    error: str | None = None
    degenerate: tuple[int, ...] = ()


@dataclass(frozen=True, eq=False)
class SelectionResult:
    """Outcome of :func:`select`.

    Attributes
    ----------
    criterion : {"bic", "aic", "icl"}
    rows : tuple of SelectionRow
        One per candidate, K by K, the covariance types in the order given.
    best : SelectionRow
        The row with the lowest criterion among the candidates that are not degenerate; among the
        degenerate ones when every fitted candidate is (``best.degenerate`` is then not empty).
    best_fit : FitResult
    """

    criterion: str
    rows: tuple
    best: SelectionRow
    best_fit: FitResult


def select(X, n_components=range(1, 10), covariance_types=COVARIANCE_TYPES, criterion="bic",
           n_init=DEFAULTS.n_init, seed=DEFAULTS.seed, reg_covar=DEFAULTS.reg_covar, tol=DEFAULTS.tol,
           max_iter=DEFAULTS.max_iter, prior=DEFAULTS.prior, progress=None, noise=DEFAULTS.noise, sample_weight=None):
    """Fit every (K, covariance type) pair and return all rows and the best by ``criterion``.

    A degenerate candidate (a collapsed component, listed in its row's ``degenerate``) is not chosen
    as best unless every fitted candidate is degenerate: its criterion rewards the collapse (see the
    module docstring). Every setting is checked before the first fit (:data:`gmmviz.core.settings.SETTINGS`), so a
    bad one is an error rather than a table of failed rows. ``progress``, if given, is called as
    ``progress(done, total)`` after each fit. ``noise`` and ``sample_weight`` reach every fit
    (:func:`gmmviz.core.fit.fit`); frozen parameters name components of one K, so they are not a
    setting of a sweep.
    """
    X = as_points(X)
    if criterion not in CRITERIA:
        raise GmmvizError(f"unknown criterion {criterion!r}: use bic, aic or icl")
    if isinstance(covariance_types, str):
        covariance_types = (covariance_types,)
    covariance_types = tuple(check_setting("covariance_type", t) for t in covariance_types)
    n_components = [check_setting("n_components", k) for k in n_components]
    if not n_components or not covariance_types:
        raise GmmvizError("give at least one number of components and one covariance type")
    shared = FitSettings(n_init=n_init, seed=seed, reg_covar=reg_covar, tol=tol, max_iter=max_iter, prior=prior,
                         noise=noise)
    total = len(n_components) * len(covariance_types)
    rows, best_row, best_fit = [], None, None
    for k in n_components:
        for covariance_type in covariance_types:
            try:
                result = fit(X, k, covariance_type=covariance_type, n_init=shared.n_init, seed=shared.seed,
                             reg_covar=shared.reg_covar, tol=shared.tol, max_iter=shared.max_iter,
                             prior=shared.prior, noise=shared.noise, sample_weight=sample_weight)
            except GmmvizError as error:
                row = SelectionRow(k, covariance_type, math.nan, math.nan, math.nan, math.nan, 0, False, str(error))
            else:
                degenerate = collapsed_components(result.mixture, result.settings.reg_covar)
                row = SelectionRow(k, covariance_type, result.log_likelihood, result.bic, result.aic, result.icl,
                                   result.n_iter, result.converged,
                                   degenerate=tuple(int(index) for index in degenerate))
                if best_row is None or rank(row, criterion) < rank(best_row, criterion):
                    best_row, best_fit = row, result
            rows.append(row)
            if progress is not None:
                progress(len(rows), total)
    if best_row is None:
        raise GmmvizError(rows[0].error)
    return SelectionResult(criterion=criterion, rows=tuple(rows), best=best_row, best_fit=best_fit)


def rank(row: SelectionRow, criterion: str) -> tuple:
    """Sort key of a fitted row: any candidate that is not degenerate comes before every one that is.

    The one rule for "best": :func:`select` and the window's sweep, which fits candidate by candidate, use it.
    """
    return bool(row.degenerate), getattr(row, criterion)
