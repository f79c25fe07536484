"""gmmviz: fit, step and look at two-dimensional Gaussian mixture models.

The public API is numpy only; nothing here imports Qt, scikit-learn or numba
until it is needed, so ``import gmmviz`` is fast and works without a display.
"""

__version__ = "0.1.0"

from gmmviz.core import (  # noqa: E402
    COVARIANCE_TYPES,
    EM,
    EMState,
    FitResult,
    GmmvizError,
    GmmvizWarning,
    Mixture,
    Prior,
    SelectionResult,
    fit,
    select,
)
from gmmviz.io import load_points, read_mixture, read_points, write_mixture  # noqa: E402

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
    "load_points",
    "read_mixture",
    "read_points",
    "select",
    "write_mixture",
]
