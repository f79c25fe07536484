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
from gmmviz.io import (  # noqa: E402
    LoadedPoints,
    load_points,
    mixture_from_dict,
    mixture_to_dict,
    read_mixture,
    read_points,
    write_labels,
    write_mixture,
)

__all__ = [
    "COVARIANCE_TYPES",
    "EM",
    "EMState",
    "FitResult",
    "GmmvizError",
    "GmmvizWarning",
    "LoadedPoints",
    "Mixture",
    "Prior",
    "SelectionResult",
    "fit",
    "load_points",
    "mixture_from_dict",
    "mixture_to_dict",
    "read_mixture",
    "read_points",
    "select",
    "write_labels",
    "write_mixture",
]
