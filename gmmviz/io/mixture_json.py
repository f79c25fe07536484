"""The versioned mixture JSON format: parameters plus an optional record of the fit that produced them.

::

    {"format": "gmmviz-mixture", "version": 2, "covariance_type": "full",
     "weights": [K], "means": [K][2], "covariances": [K][2][2],
     "noise_weight": 0.1, "noise_volume": 1838.4,                 (only with a noise component)
     "fit": {"log_likelihood", "mean_log_likelihood", "bic", "aic", "icl", "n_iter", "converged", "n_samples",
             "tol", "reg_covar", "init", "seed", "prior", "columns"}}

Decisions
---------
- Covariances are always written as full 2x2 matrices, whatever the covariance type, so any reader gets
  the matrices without knowing scikit-learn's per-type shapes; on reading they must have the type's
  structure (diagonal for ``diag``, equal for ``tied``, ...).
- Numbers are written with Python's shortest round-trip representation, so reading gives exactly the
  values written. Values that are not finite (a log-likelihood before the first E-step) are ``null``.
- A file from a newer format version is refused with a message asking to upgrade gmmviz; unknown keys in
  ``fit`` are kept as they are (it is a record, not parameters).
- In ``fit``, ``init`` is the initialisation's name, or ``"parameters"`` when EM started from given
  parameters; ``columns`` are the names of the two data columns, or null.
- ``restarts`` (only after more than one restart, ``--n-init``): where each ended, in the order they
  ran, ``[{"restart": 1, "log_likelihood", "n_iter", "converged"}, ...]``, the kept one's
  ``log_likelihood`` the record's (it is kept for its last E-step's value, scikit-learn's rule). The
  restarts share the random state of ``seed``, so a restart has no seed of its own.
- Two optional keys of ``fit`` concern known labels: ``init_labels``, the label column EM's initial
  parameters were estimated from (``init`` is then ``"parameters"``), and ``true_labels``, how the fitted
  hard labels agree with a label column (:func:`true_labels_record`).
- Version 2 adds the noise component: ``noise_weight`` (π₀) and ``noise_volume`` (V), both present
  or both absent (no noise); ``weights`` still sum to 1 (the Gaussian part, :mod:`gmmviz.core.noise`).
  Files are written as version 2; a version-1 file is a version-2 file without noise and reads as one.
- Optional keys of ``fit`` for the EM options: ``noise`` (true for the points' bounding box, or the
  volume given), ``freeze`` (``{"1": ["mean", ...]}``, components from 1), and for weighted points
  ``weights`` (the weight column's name, when there is one) and ``sum_of_weights`` (the n of BIC).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from gmmviz.core import COVARIANCE_TYPES, Mixture
from gmmviz.core.errors import GmmvizError
from gmmviz.core.freeze import to_json as freeze_to_json
from gmmviz.io.atomic import write_text_atomic
from gmmviz.io.json_file import is_number_tree, is_number_value, read_json

FORMAT = "gmmviz-mixture"
VERSION = 2
FIT_KEYS = (
    "log_likelihood",
    "mean_log_likelihood",
    "bic",
    "aic",
    "icl",
    "n_iter",
    "converged",
    "n_samples",
    "tol",
    "reg_covar",
    "init",
    "seed",
    "prior",
    "columns",
)


def fit_record(result, columns=None, init_labels=None, true_labels=None, weights=None) -> dict:
    """The ``fit`` object for a :class:`~gmmviz.core.FitResult` (keys :data:`FIT_KEYS`, and the optional ones).

    The one builder of the record: ``gmmviz fit --json`` passes its result, the window
    ``FitResult.of(X, mixture_on_screen, settings, iteration, converged)``.

    Parameters
    ----------
    result : FitResult
    columns : pair of str, optional
        Names of the data columns the mixture was fitted to.
    init_labels : str, optional
        The label column the initial parameters came from.
    true_labels : dict, optional
        :func:`true_labels_record` of the fit.
    weights : str, optional
        The name of the data column the points' weights came from.
    """
    settings = result.settings
    prior = settings.prior
    optional = {"init_labels": init_labels, "true_labels": true_labels, "noise": settings.noise,
                "freeze": freeze_to_json(settings.freeze), "weights": weights,
                "sum_of_weights": None if result.sample_weight is None else float(result.sample_weight.sum())}
    return {
        "log_likelihood": result.log_likelihood,
        "mean_log_likelihood": result.mean_log_likelihood,
        "bic": result.bic,
        "aic": result.aic,
        "icl": result.icl,
        "n_iter": result.n_iter,
        "converged": result.converged,
        "n_samples": result.n_samples,
        "tol": settings.tol,
        "reg_covar": settings.reg_covar,
        "init": settings.init if isinstance(settings.init, str) else "parameters",
        "seed": settings.seed,
        "prior": prior.to_dict() if prior is not None else None,
        "columns": list(columns) if columns is not None else None,
        **{key: value for key, value in optional.items() if value is not None},
        **({"restarts": restarts_record(result.restarts)} if len(result.restarts) > 1 else {}),
    }


def restarts_record(restarts) -> list:
    """The ``fit`` record's ``restarts``: one object per :class:`~gmmviz.core.fit.RestartOutcome`, numbered from 1."""
    return [{"restart": number, "log_likelihood": outcome.log_likelihood, "n_iter": outcome.n_iter,
             "converged": outcome.converged} for number, outcome in enumerate(restarts, start=1)]


def true_labels_record(column, agreement) -> dict:
    """The ``fit`` record's ``true_labels``: a :class:`~gmmviz.core.label_agreement.LabelAgreement` with ``column``.

    ``{"column", "n_labelled", "adjusted_rand_index", "classes": [n_classes], "components": [K] (1..K),
    "confusion_matrix": [n_classes][K], "matched_fraction"}``: row i counts the points of ``classes[i]`` by
    fitted component ``components[j]``, matched pairs on the diagonal.
    """
    confusion = agreement.confusion
    return {
        "column": column,
        "n_labelled": agreement.n_labelled,
        "adjusted_rand_index": agreement.ari,
        "classes": [str(name) for name in confusion.classes],
        "components": [int(k) + 1 for k in confusion.components],
        "confusion_matrix": confusion.matrix.tolist(),
        "matched_fraction": confusion.matched_fraction,
    }


def mixture_to_dict(mixture: Mixture, fit=None) -> dict:
    """The JSON-ready dictionary for ``mixture``.

    Parameters
    ----------
    mixture : Mixture
    fit : dict or FitResult, optional
        The ``fit`` record; a FitResult is turned into one by :func:`fit_record`.
    """
    document = {
        "format": FORMAT,
        "version": VERSION,
        "covariance_type": mixture.covariance_type,
        "weights": mixture.weights.tolist(),
        "means": mixture.means.tolist(),
        "covariances": mixture.full_covariances.tolist(),
    }
    if mixture.has_noise:
        document["noise_weight"] = mixture.noise_weight
        document["noise_volume"] = mixture.noise_volume
    if fit is not None:
        document["fit"] = to_json_value(dict(fit) if isinstance(fit, Mapping) else fit_record(fit))
    return document


def to_json_value(value):
    """``value`` with numpy scalars and arrays turned into Python ones and non-finite floats into None."""
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [to_json_value(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dumps(document: dict) -> str:
    """JSON text, indented, with every innermost list of numbers on one line."""
    text = json.dumps(document, indent=2, allow_nan=False)
    # Raw newlines occur only between items (strings escape theirs), so joining the lines of a list
    # that holds no list or object cannot change a value.
    innermost = r"\[\n\s+([^\[\]{}]*?)\n\s*\]"
    return re.sub(innermost, lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text) + "\n"


def write_mixture(path, mixture: Mixture, fit=None) -> None:
    """Write ``mixture`` (and the optional ``fit`` record) to ``path`` atomically."""
    write_text_atomic(path, dumps(mixture_to_dict(mixture, fit)))


def read_mixture(path) -> tuple[Mixture, dict | None]:
    """Read a mixture JSON file.

    Returns
    -------
    mixture : Mixture
    fit : dict or None
        The ``fit`` record as stored.

    Raises
    ------
    GmmvizError
        Naming the file, for a missing or unreadable file, invalid JSON, another format, a newer version,
        wrong shapes, bad weights or covariances that are not symmetric positive definite.
    """
    path = Path(path)
    return mixture_from_dict(read_json(path, "a gmmviz mixture JSON file"), source=path)


def mixture_from_dict(document, source=None) -> tuple[Mixture, dict | None]:
    """Validate a decoded mixture JSON document; ``source`` names it in error messages.

    Returns
    -------
    mixture : Mixture
    fit : dict or None
    """
    where = os.fspath(source) if source is not None else "mixture"

    def fail(message):
        return GmmvizError(f"{where}: {message}")

    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise fail(f'is not a gmmviz mixture file (it needs "format": "{FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail(f'has "version": {json.dumps(version)}; a gmmviz mixture file has version {VERSION}')
    if version > VERSION:
        raise fail(
            f"was written by a newer gmmviz (format version {version}); this gmmviz reads version {VERSION}, "
            "so upgrade gmmviz to read it"
        )
    covariance_type = document.get("covariance_type")
    if covariance_type not in COVARIANCE_TYPES:
        raise fail(f'has "covariance_type": {json.dumps(covariance_type)}; use one of {", ".join(COVARIANCE_TYPES)}')
    weights = _numbers(fail, document, "weights", "a list of numbers")
    if weights.ndim != 1 or weights.size == 0:
        raise fail('has "weights" that are not a non-empty list of numbers')
    n_components = weights.size
    means = _numbers(fail, document, "means", f"{n_components} [x, y] pairs")
    if means.shape != (n_components, 2):
        raise fail(f'has "means" of shape {list(means.shape)}; give {n_components} [x, y] pairs, one per weight')
    covariances = _numbers(fail, document, "covariances", f"{n_components} 2x2 matrices")
    if covariances.shape != (n_components, 2, 2):
        raise fail(
            f'has "covariances" of shape {list(covariances.shape)}; give {n_components} 2x2 matrices, one per weight'
        )
    fit = document.get("fit")
    if fit is not None and not isinstance(fit, Mapping):
        raise fail('has a "fit" entry that is not an object')
    noise = [document.get(key) for key in ("noise_weight", "noise_volume")]
    if (noise[0] is None) != (noise[1] is None) or not all(value is None or is_number_value(value) for value in noise):
        raise fail('has "noise_weight" and "noise_volume" that are not two numbers; give both or neither')
    try:
        mixture = Mixture(weights, means, covariances, covariance_type, noise[0] or 0.0, noise[1])
    except GmmvizError as exc:
        raise fail(str(exc)) from None
    return mixture, (dict(fit) if fit is not None else None)


def _numbers(fail, document: Mapping, key: str, expected: str) -> np.ndarray:
    value = document.get(key)
    if value is None:
        raise fail(f'has no "{key}"; give {expected}')
    if not is_number_tree(value):
        raise fail(f'has "{key}" that are not {expected}')
    try:
        array = np.array(value, dtype=np.float64)
    except (ValueError, OverflowError):  # ragged nesting, or an int beyond the float range from a Python caller
        raise fail(f'has "{key}" that are not {expected}') from None
    if not np.all(np.isfinite(array)):
        raise fail(f'has "{key}" with values that are not finite numbers')
    return array

