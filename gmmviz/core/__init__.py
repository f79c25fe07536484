"""The numeric core of gmmviz: mixtures, a stepwise EM engine, fitting and model selection.

Two-dimensional data only (``n_features = 2``), float64, scikit-learn's parameter shapes and
numerics (scikit-learn's ``GaussianMixture`` is the reference implementation the tests compare
against). numpy only at import time: the numba kernels and scikit-learn are imported lazily,
inside the functions that need them.
"""

from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.core.em import EM, EMState, m_step
from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.fit import FitResult, fit
from gmmviz.core.mixture import Mixture
from gmmviz.core.prior import Prior
from gmmviz.core.selection import SelectionResult, select

__all__ = [
    "COVARIANCE_TYPES",
    "EM",
    "EMState",
    "FitResult",
    "GmmvizError",
    "GmmvizWarning",
    "Mixture",
    "Prior",
    "SelectionResult",
    "fit",
    "m_step",
    "select",
]
