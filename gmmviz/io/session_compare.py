"""The ``"compare"`` key of a session file: MLE against MAP, the fit in front and the last comparison.

::

    "compare": {"mode": true, "front": "mle" | "map",
                "result": null | {"initial": <gmmviz-mixture>, "prior": <prior>, "mle": FIT, "map": FIT}}

with FIT ``{"mixture": <gmmviz-mixture>, "objective": number, "log_likelihood": number, "n_iter": int,
"converged": bool, "degenerate": [int]}``.

Decisions:

- The two fits have the initial mixture's K; ``degenerate`` lists their components from 0, as the
  history's states do.
- Values that are not finite are written as ``null`` and read back as NaN (files are strict JSON).
- A session without a comparison has no ``compare`` key at all; ``null`` reads as none too.
"""

from __future__ import annotations

from gmmviz.core import GmmvizError, Prior
from gmmviz.io.json_file import finite_or_none, float_or_nan, is_int_value
from gmmviz.io.mixture_json import mixture_from_dict, mixture_to_dict

#: The two fits of a comparison.
FITS = ("mle", "map")


def compare_to_json(compare) -> dict:
    """The ``"compare"`` value for ``compare`` (see :class:`gmmviz.io.session.Session`)."""
    result = compare["result"]
    return {
        "mode": bool(compare["mode"]),
        "front": compare["front"],
        "result": None if result is None else {
            "initial": mixture_to_dict(result["initial"]),
            "prior": result["prior"].to_dict(),
            **{kind: _fit_to_json(result[kind]) for kind in FITS},
        },
    }


def compare_from_json(raw):
    """The comparison a ``"compare"`` value holds, None for ``null``; GmmvizError saying what is wrong."""
    if raw is None:
        return None
    if not (isinstance(raw, dict) and isinstance(raw.get("mode"), bool) and raw.get("front") in FITS):
        raise GmmvizError('compare must be {"mode": true or false, "front": "mle" or "map", "result": ...}')
    result = raw.get("result")
    if result is None:
        return {"mode": raw["mode"], "front": raw["front"], "result": None}
    if not isinstance(result, dict) or any(key not in result for key in ("initial", "prior", *FITS)):
        raise GmmvizError("compare.result needs initial, prior, mle and map")
    initial = _mixture(result["initial"], "compare.result.initial")
    try:
        prior = Prior.from_dict(result["prior"])
    except GmmvizError as exc:
        raise GmmvizError(f"compare.result.{exc}") from None
    fits = {kind: _fit_from_json(result[kind], f"compare.result.{kind}", initial.n_components) for kind in FITS}
    return {"mode": raw["mode"], "front": raw["front"], "result": {"initial": initial, "prior": prior, **fits}}


def _fit_to_json(fit) -> dict:
    return {"mixture": mixture_to_dict(fit["mixture"]), "objective": finite_or_none(fit["objective"]),
            "log_likelihood": finite_or_none(fit["log_likelihood"]), "n_iter": int(fit["n_iter"]),
            "converged": bool(fit["converged"]), "degenerate": [int(k) for k in fit["degenerate"]]}


def _fit_from_json(raw, where, n_components) -> dict:
    keys = ("mixture", "objective", "log_likelihood", "n_iter", "converged", "degenerate")
    if not isinstance(raw, dict) or any(key not in raw for key in keys):
        raise GmmvizError(f"{where} needs {', '.join(keys)}")
    mixture = _mixture(raw["mixture"], f"{where}.mixture")
    degenerate = raw["degenerate"]
    if mixture.n_components != n_components:
        raise GmmvizError(f"{where} has {mixture.n_components} components, the initial mixture {n_components}")
    if not (isinstance(degenerate, list) and all(is_int_value(k) and 0 <= k < n_components for k in degenerate)):
        raise GmmvizError(f"{where}.degenerate must list components 0 to {n_components - 1}")
    if not (is_int_value(raw["n_iter"]) and raw["n_iter"] >= 0 and isinstance(raw["converged"], bool)):
        raise GmmvizError(f"{where}.n_iter must be a count and converged true or false")
    return {"mixture": mixture, "objective": float_or_nan(raw["objective"], f"{where}.objective"),
            "log_likelihood": float_or_nan(raw["log_likelihood"], f"{where}.log_likelihood"),
            "n_iter": int(raw["n_iter"]), "converged": raw["converged"],
            "degenerate": tuple(int(k) for k in degenerate)}


def _mixture(raw, where):
    mixture, _fit = mixture_from_dict(raw, source=where)
    return mixture
