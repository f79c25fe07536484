"""The ``"candidates"`` key of a session file: the Choose K sweep and the restarts beside the fit.

::

    "candidates": {
      "choose_k": {"request": {"max_k": 6, "covariance_types": ["full", ...], "criterion": "bic",
                               "n_init": 1, "seed": 0},
                   "sweep": null | {"settings": {"n_init", "seed", "reg_covar", "tol", "max_iter", "prior",
                                                 "noise"},
                                    "rows": [{"n_components", "covariance_type", "log_likelihood", "bic",
                                              "aic", "icl", "n_iter", "converged", "error", "degenerate",
                                              "mixture": <gmmviz-mixture> | null}, ...]}},
      "restarts": {"count": 10,
                   "run": null | {"settings": {"n_components", "covariance_type", "init", "seed",
                                               "reg_covar", "tol", "max_iter", "prior", "noise", "freeze"},
                                  "restarts": [{"seed", "log_likelihood", "n_iter", "converged",
                                                "degenerate", "mixture": <gmmviz-mixture>}, ...]}}}

Decisions:

- Every candidate's and restart's mixture is stored, so clicking one after opening the session loads it
  without fitting again; scores are stored as computed (``null`` for the nan of a candidate that could not
  be fitted), so the plots come back exactly.
- ``degenerate`` lists components from 1, as every file does.
- ``prior`` is ``true`` (mclust's default prior, computed from the points) or ``null``: the window's only two.
- ``noise`` (null, true or a volume) and the restarts' ``freeze`` are written as the session's own settings
  are; a file without them (written before they were kept) reads as no noise component and nothing locked.
- The values are checked here as files are (types, ranges, one mixture per row); what the window adds
  (K up to 20) is checked where the window reads them. The ranges are the settings table's
  (:data:`gmmviz.core.settings.SETTINGS`): a K, seed or n_init that ``gmmviz fit`` refuses is damage
  here too, also in a row that could not be fitted, and a restart's mixture has its run's K and
  covariance type.
"""

from __future__ import annotations

from gmmviz.core import GmmvizError
from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.core.freeze import check_file_components, from_json as freeze_from_json, to_json as freeze_to_json
from gmmviz.core.selection import CRITERIA, SelectionRow
from gmmviz.core.settings import FitSettings, check_setting
from gmmviz.io.json_file import float_or_nan, is_int_value
from gmmviz.io.mixture_json import mixture_from_dict, mixture_to_dict, to_json_value

#: The settings a sweep's candidates share, and those of a run of restarts.
SWEEP_SETTINGS = ("n_init", "seed", "reg_covar", "tol", "max_iter", "prior", "noise")
RUN_SETTINGS = ("n_components", "covariance_type", "init", "seed", "reg_covar", "tol", "max_iter", "prior", "noise",
                "freeze")
#: Settings a file may leave out, kept only since a later release: absent, they are None.
LATER_SETTINGS = ("noise", "freeze")
REQUEST_KEYS = ("max_k", "covariance_types", "criterion", "n_init", "seed")
ROW_NUMBERS = ("log_likelihood", "bic", "aic", "icl")


def candidates_to_json(candidates) -> dict:
    """The JSON object for ``candidates``: ``{"choose_k": …, "restarts": …}`` as :func:`candidates_from_json` returns."""
    choose_k, restarts = candidates["choose_k"], candidates["restarts"]
    sweep, run = choose_k["sweep"], restarts["run"]
    return to_json_value({
        "choose_k": {
            "request": {key: _plain(choose_k["request"][key]) for key in REQUEST_KEYS},
            "sweep": None if sweep is None else {
                "settings": _settings_to_json(sweep["settings"], SWEEP_SETTINGS),
                "rows": [_row_to_json(row, mixture) for row, mixture in zip(sweep["rows"], sweep["mixtures"])]},
        },
        "restarts": {
            "count": int(restarts["count"]),
            "run": None if run is None else {
                "settings": _settings_to_json(run["settings"], RUN_SETTINGS),
                "restarts": [_restart_to_json(restart) for restart in run["restarts"]]},
        },
    })


def candidates_from_json(raw) -> dict:
    """The checked ``"candidates"`` object.

    Returns
    -------
    dict
        ``{"choose_k": {"request": {REQUEST_KEYS}, "sweep": None or {"settings": FitSettings,
        "rows": [SelectionRow], "mixtures": [Mixture or None]}}, "restarts": {"count": int, "run": None or
        {"settings": FitSettings, "restarts": [{"seed", "log_likelihood", "n_iter", "converged",
        "degenerate" (0-based), "mixture"}]}}}``

    Raises
    ------
    GmmvizError
        Saying which value is wrong.
    """
    choose_k = _object(_object(raw, "candidates").get("choose_k"), "choose_k")
    restarts = _object(raw.get("restarts"), "restarts")
    request = _object(choose_k.get("request"), "choose_k.request")
    missing = [key for key in REQUEST_KEYS if key not in request]
    if missing or not isinstance(request["covariance_types"], list):
        raise GmmvizError(f"choose_k.request needs {', '.join(REQUEST_KEYS)}, with a list of covariance types")
    _check_request(request)
    sweep = choose_k.get("sweep")
    if sweep is not None:
        sweep = _object(sweep, "choose_k.sweep")
        rows = [_row_from_json(row, f"choose_k.sweep.rows[{i}]") for i, row in enumerate(_list(sweep.get("rows")))]
        sweep = {"settings": _settings_from_json(sweep.get("settings"), SWEEP_SETTINGS, "choose_k.sweep.settings"),
                 "rows": [row for row, _ in rows], "mixtures": [mixture for _, mixture in rows]}
    count = restarts.get("count")
    if not is_int_value(count) or count < 1:
        raise GmmvizError(f"restarts.count = {count!r}, need a whole number")
    run = restarts.get("run")
    if run is not None:
        run = _object(run, "restarts.run")
        settings = _settings_from_json(run.get("settings"), RUN_SETTINGS, "restarts.run.settings")
        run = {"settings": settings, "restarts": [_restart_from_json(r, f"restarts.run.restarts[{i}]", settings)
                                                  for i, r in enumerate(_list(run.get("restarts")))]}
    return {"choose_k": {"request": {key: _tuple(request[key]) for key in REQUEST_KEYS}, "sweep": sweep},
            "restarts": {"count": count, "run": run}}


# -- parts ---------------------------------------------------------------------------------------


def _check_request(request) -> None:
    """The Choose K request's values in the ranges the panel takes (K and the window's limit: the window)."""
    types = request["covariance_types"]
    if not types or not all(isinstance(t, str) and t in COVARIANCE_TYPES for t in types):
        raise GmmvizError(f"choose_k.request.covariance_types = {types!r}, need some of {', '.join(COVARIANCE_TYPES)}")
    if request["criterion"] not in CRITERIA:
        raise GmmvizError(f"choose_k.request.criterion = {request['criterion']!r}, need one of {', '.join(CRITERIA)}")
    for key, setting in (("max_k", "n_components"), ("n_init", "n_init"), ("seed", "seed")):
        _setting(setting, request[key], f"choose_k.request.{key}")


def _setting(name, value, where):
    """``value`` checked as the setting ``name`` (an int, not a bool), GmmvizError naming ``where``."""
    if not is_int_value(value):
        raise GmmvizError(f"{where} = {value!r}, need a whole number")
    try:
        return check_setting(name, value)
    except GmmvizError as exc:
        raise GmmvizError(f"{where}: {exc}") from None


def _count(value, where) -> int:
    if not is_int_value(value) or value < 0:
        raise GmmvizError(f"{where} = {value!r}, need a count (a whole number from 0)")
    return value


def _row_to_json(row, mixture) -> dict:
    return {"n_components": row.n_components, "covariance_type": row.covariance_type,
            **{name: getattr(row, name) for name in ROW_NUMBERS},
            "n_iter": row.n_iter, "converged": row.converged, "error": row.error,
            "degenerate": [k + 1 for k in row.degenerate],
            "mixture": None if mixture is None else mixture_to_dict(mixture)}


def _row_from_json(raw, where):
    raw = _object(raw, where)
    keys = ("n_components", "covariance_type", *ROW_NUMBERS, "n_iter", "converged", "error", "degenerate", "mixture")
    missing = [key for key in keys if key not in raw]
    if missing:
        raise GmmvizError(f"{where} lacks {', '.join(missing)}")
    if not (isinstance(raw["converged"], bool) and (raw["error"] is None or isinstance(raw["error"], str))):
        raise GmmvizError(f"{where} has a value of the wrong type")
    _setting("n_components", raw["n_components"], f"{where}.n_components")
    _count(raw["n_iter"], f"{where}.n_iter")
    if raw["covariance_type"] not in COVARIANCE_TYPES:
        raise GmmvizError(f"{where}.covariance_type = {raw['covariance_type']!r}, need one of "
                          f"{', '.join(COVARIANCE_TYPES)}")
    numbers = [float_or_nan(raw[name], f"{where}.{name}") for name in ROW_NUMBERS]
    mixture = None if raw["mixture"] is None else mixture_from_dict(raw["mixture"], source=f"{where}.mixture")[0]
    if (mixture is None) != (raw["error"] is not None):
        raise GmmvizError(f"{where} needs a mixture exactly when it has no error")
    if mixture is not None and (mixture.n_components, mixture.covariance_type) != (raw["n_components"],
                                                                                   raw["covariance_type"]):
        raise GmmvizError(f"{where}.mixture is not a {raw['covariance_type']} mixture of {raw['n_components']}")
    degenerate = _components(raw["degenerate"], raw["n_components"], where)
    return SelectionRow(raw["n_components"], raw["covariance_type"], *numbers, raw["n_iter"], raw["converged"],
                        raw["error"], degenerate), mixture


def _restart_to_json(restart) -> dict:
    return {"seed": restart["seed"], "log_likelihood": restart["log_likelihood"],
            "n_iter": restart["n_iter"], "converged": restart["converged"],
            "degenerate": [k + 1 for k in restart["degenerate"]], "mixture": mixture_to_dict(restart["mixture"])}


def _restart_from_json(raw, where, settings) -> dict:
    """One restart of a run with ``settings`` (FitSettings): its mixture has the run's K and covariance type."""
    raw = _object(raw, where)
    missing = [key for key in ("seed", "log_likelihood", "n_iter", "converged", "degenerate", "mixture")
               if key not in raw]
    if missing:
        raise GmmvizError(f"{where} lacks {', '.join(missing)}")
    if not isinstance(raw["converged"], bool):
        raise GmmvizError(f"{where} has a value of the wrong type")
    _setting("seed", raw["seed"], f"{where}.seed")
    _count(raw["n_iter"], f"{where}.n_iter")
    mixture = mixture_from_dict(raw["mixture"], source=f"{where}.mixture")[0]
    if (mixture.n_components, mixture.covariance_type) != (settings.n_components, settings.covariance_type):
        raise GmmvizError(f"{where}.mixture is a {mixture.covariance_type} mixture of {mixture.n_components} in a "
                          f"run of {settings.covariance_type} mixtures of {settings.n_components}")
    return {"seed": raw["seed"], "log_likelihood": float_or_nan(raw["log_likelihood"], f"{where}.log_likelihood"),
            "n_iter": raw["n_iter"], "converged": raw["converged"],
            "degenerate": _components(raw["degenerate"], mixture.n_components, where), "mixture": mixture}


def _settings_to_json(settings, names) -> dict:
    values = {name: getattr(settings, name) for name in names}
    if "prior" in values:
        values["prior"] = True if values["prior"] is not None else None
    if "freeze" in values:
        values["freeze"] = freeze_to_json(values["freeze"])
    return values


def _settings_from_json(raw, names, where) -> FitSettings:
    raw = _object(raw, where)
    required = [name for name in names if name not in LATER_SETTINGS]
    if not set(required) <= set(raw) <= set(names):
        raise GmmvizError(f"{where} needs exactly {', '.join(names)}")
    if raw["prior"] not in (True, None):
        raise GmmvizError(f"{where}.prior = {raw['prior']!r}, need true or null")
    try:
        settings = dict(raw)
        if "freeze" in settings:
            settings["freeze"] = freeze_from_json(settings["freeze"])
        settings = FitSettings(**settings)
        if "freeze" in names:
            check_file_components(settings.freeze, settings.n_components)
        return settings
    except GmmvizError as exc:
        raise GmmvizError(f"{where}: {exc}") from None


def _components(value, n_components, where) -> tuple:
    if not (isinstance(value, list) and all(is_int_value(k) and 1 <= k <= n_components for k in value)):
        raise GmmvizError(f"{where}.degenerate must list components from 1 to {n_components}")
    return tuple(k - 1 for k in value)


# -- small helpers --------------------------------------------------------------------------------


def _object(value, where) -> dict:
    if not isinstance(value, dict):
        raise GmmvizError(f"{where} is not an object")
    return value


def _list(value) -> list:
    if not isinstance(value, list):
        raise GmmvizError("rows and restarts must be lists")
    return value


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _tuple(value):
    return tuple(value) if isinstance(value, list) else value
