"""Session files (``.gmmviz``): the points, the EM settings and the whole EM history.

A session prepared at home replays identically in class, so everything that
decides what EM does is stored, and floats are written with ``repr`` (what
:mod:`json` does) so they read back bit for bit.

File format (JSON, versioned)::

    {"format": "gmmviz-session", "version": 2,
     "points": [[x, y], ...],
     "settings": {"n_components": 3, "covariance_type": "full", "init": "kmeans",
                  "seed": 0, "reg_covar": 1e-06, "tol": 0.001, "max_iter": 100,
                  "n_init": 1, "prior": null},
     "history": [{"iteration": 0, "phase": "init", "mixture": {<gmmviz-mixture>},
                  "log_likelihood": null, "change": null, "converged": false,
                  "warnings": [], "degenerate": []}, ...],
     "current": 0,
     "columns": ["eruptions", "waiting"]}

Decisions:

- The settings are a :class:`~gmmviz.core.settings.FitSettings`, read and written
  through the one settings table (:data:`gmmviz.core.settings.SETTINGS`): a file
  holds exactly the values EM, ``gmmviz fit`` and the window accept (``tol`` 0, any
  seed up to 2**32 - 1), and a value out of range is refused with the table's
  sentence naming the setting and its range. ``n_init`` is optional when reading
  (1), as files before it had none.
- ``init`` is one of the initialisation names, or, when EM started from given
  parameters, those parameters themselves as a ``gmmviz-mixture`` object (a
  replay needs them; a mixture file's ``fit`` record names this case
  ``"parameters"``). ``prior`` is ``null`` (maximum likelihood), ``true``
  (mclust's default prior, computed from the points) or an explicit prior object.
- Non-finite floats (the log-likelihood before the first E-step, the change at
  the first one) are written as ``null`` so the file is strict JSON, and read back
  as NaN.
- ``warnings`` and ``degenerate`` are stored too so a replay shows the same status
  messages; older files without them read as empty.
- ``columns`` (the names of the two data columns, or null) is optional when reading.
- ``initialisation`` (optional, version 2, written only then) is the window's Initialisation when the
  fit in the history started from given parameters the user did not choose as such (a Choose K
  candidate, a restart, labels), so the file's ``init`` is those parameters and the window's next
  Initialise still uses the method it showed. Absent or null: none; beside an ``init`` that is a name
  (which says it all) the window ignores it.
- ``candidates`` (optional, version 2) holds the Choose K sweep and the restarts beside the fit
  (:mod:`gmmviz.io.session_candidates`); absent or null: none.
- ``truth`` (optional, version 2) is the true mixture the user stated and the component each point was
  sampled from (:mod:`gmmviz.io.session_truth`); absent or null: no truth.
- The EM options of version 2: the settings ``noise`` (null, true or a volume) and ``freeze``
  (``{"1": ["mean"]}``, components 1 to K as in mixture files) are optional when reading (none), and
  the optional ``sample_weight`` key holds one weight per point (absent or null: unweighted).
- ``labels`` (optional, version 2, written only when there are some) are the labels beside the
  points, ``{"painted": [...] or null, "known": [...] or null, "known_column": name or null}``: per
  point, the painted component (1..K, as in every file) or ``null``, and the known label (text from a
  label column) or ``null``. Absent or null: no labels.
- ``log_posterior`` (optional, version 2, always written since) lists the iterations whose value is a
  log posterior (EM with the prior) rather than a log-likelihood: a history can hold both when the
  prior was turned on or off between steps. Absent or null (older files): every value is of the
  settings' kind, a log posterior when ``prior`` is set.
- ``breaks`` (optional, version 2, written when there are some) lists the iterations whose value is not
  to be compared with the one before: the points or the objective changed between them (a restart
  is one whether listed or not). Absent or null: only the restarts.
- ``changed_since_fit`` (optional, version 2, written when not empty) lists what changed after the
  history's last step, of ``"points"`` and ``"objective"`` (the prior or ``reg_covar``): the fit on
  screen is out of date, and the next step's value is not compared with the last. Absent or null: nothing.
- Version 2 adds optional keys for what the model lab keeps beside the fit (each
  documented where it is read); a version-1 file is a version-2 file without them,
  so both read with the same code, and files are always written as version 2.
- The history is a sequence of half-steps: it starts with the initial state
  (iteration 0); an E-step keeps the iteration of the state before it, an M-step
  follows an E-step and adds one, and an "init" state later on (EM restarted from the
  parameters on screen, or from a mixture edited by hand) adds one to the iteration before
  it. Only a restart may change the number of components (an edit adds, removes, splits or
  merges them) or the covariance type; degenerate components are indices of existing ones.
- Responsibilities are not stored: they follow from the points and the mixtures,
  and they would make the file n x K times larger.
- Writing goes to a temporary file in the target's directory that then replaces
  the target, so a crash or a full disk never leaves a half-written session.
- Loading validates the whole file before returning anything (points, settings,
  and the history against itself), so a caller can apply a loaded session in one
  step and, when loading fails, keeps what it had. Saving checks the same.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from gmmviz.core import EMState, GmmvizError, Mixture, Prior
from gmmviz.core.freeze import check_file_components, from_json as freeze_from_json, to_json as freeze_to_json
from gmmviz.core.init import INIT_METHODS
from gmmviz.core.settings import SETTINGS, FitSettings
from gmmviz.core.weights import as_sample_weight
from gmmviz.io.atomic import write_text_atomic
from gmmviz.io.json_file import finite_or_none, float_or_nan, is_int_value, is_number_tree, read_json
from gmmviz.io.mixture_json import mixture_from_dict, mixture_to_dict
from gmmviz.io.session_truth import truth_from_json, truth_to_json
from gmmviz.io.session_labels import is_label
from gmmviz.io.session_candidates import candidates_from_json, candidates_to_json
from gmmviz.io.session_compare import compare_from_json, compare_to_json

FORMAT = "gmmviz-session"
VERSION = 2
SUFFIX = ".gmmviz"

PHASES = ("init", "e", "m")
#: Settings a file may leave out, with the value they then have.
#: A point without a painted label, in :attr:`Session.labels`.
UNPAINTED = -1
OPTIONAL_SETTINGS = {"n_init": SETTINGS["n_init"].default, "noise": None, "freeze": None}


@dataclass(eq=False)
class Session:
    """Everything needed to replay an EM run.

    Attributes
    ----------
    points : ndarray of shape (n_samples, 2)
        The points, float64.
    settings : FitSettings
        The settings of the fit (a new session: the defaults).
    history : list of EMState
        One state per half-step shown, in order. ``resp`` is None in states read
        from a file (recompute it from the points on demand).
    current : int
        Index into ``history`` of the state on screen (0 when the history is empty).
    columns : pair of str or None
        Names of the two data columns (axis labels).
    candidates : dict or None
        The Choose K sweep and the restarts (the ``"candidates"`` key, as
        :func:`gmmviz.io.session_candidates.candidates_from_json` returns it); None: none.
    truth : dict or None
        The true mixture (the ``"truth"`` key, :mod:`gmmviz.io.session_truth`): ``mixture`` (Mixture) and
        ``labels``, None or an int array of shape (n_samples,), 0-based, -1 for a point not sampled from it.
    sample_weight : ndarray of shape (n_samples,) or None
        The points' weights (the ``"sample_weight"`` key, see :func:`_weights_from_json`); None: unweighted.
    compare : dict or None
        MLE against MAP (the ``"compare"`` key, :mod:`gmmviz.io.session_compare`): ``mode`` (bool),
        ``front`` ("mle" or "map") and ``result``, None or ``initial`` (Mixture), ``prior`` (Prior)
        and, for "mle" and "map", ``mixture``, ``objective``, ``log_likelihood``, ``n_iter``,
        ``converged`` and ``degenerate``. None: no comparison (files without the key).
    labels : dict or None
        The labels beside the points (the ``"labels"`` key, see :func:`_labels_from_json`): ``painted``, None
        or an int array of shape (n_samples,), 0-based, -1 for none; ``known``, None or an object array of
        shape (n_samples,) of str, ``""`` for none; ``known_column``, str or None.
    initialisation : str or None
        One of :data:`gmmviz.core.init.INIT_METHODS`: the window's Initialisation while ``settings.init``
        is the given parameters the fit started from (the ``"initialisation"`` key); None: none of its own.
    log_posterior : tuple of int or None
        The iterations whose value is a log posterior (the ``"log_posterior"`` key), increasing; None: every
        value is of the settings' kind (files without the key).
    breaks : tuple of int
        The iterations whose value is not compared with the one before, besides restarts (the
        ``"breaks"`` key), increasing.
    changed_since_fit : tuple of str
        What changed after the history's last step, of "points" and "objective" (the
        ``"changed_since_fit"`` key).
    """

    points: np.ndarray
    settings: FitSettings = field(default_factory=FitSettings)
    history: list = field(default_factory=list)
    current: int = 0
    columns: tuple | None = None
    candidates: dict | None = None
    truth: dict | None = None
    sample_weight: np.ndarray | None = None
    compare: dict | None = None
    labels: dict | None = None
    initialisation: str | None = None
    log_posterior: tuple | None = None
    breaks: tuple = ()
    changed_since_fit: tuple = ()


def save_session(path, session: Session) -> None:
    """Write ``session`` to ``path`` atomically.

    Raises
    ------
    GmmvizError
        If the session is not valid or the file cannot be written; an existing
        file at ``path`` is then left as it was.
    """
    path = Path(path)
    try:
        text = json.dumps(session_to_dict(session), allow_nan=False)
    except _Invalid as exc:
        raise GmmvizError(f"cannot save session to {path}: {exc}") from None
    write_text_atomic(path, text)


def load_session(path) -> Session:
    """Read and fully validate a session file.

    Raises
    ------
    GmmvizError
        Naming the file, if it cannot be read, is not a session, is damaged or
        truncated, or was written by a newer gmmviz.
    """
    path = Path(path)
    data = read_json(path, f"a gmmviz session ({SUFFIX}) file")
    try:
        return session_from_dict(data)
    except GmmvizError as exc:
        raise GmmvizError(f"{path} {_shortened(str(exc))}") from None


def _shortened(message: str, limit: int = 300) -> str:
    """``message`` with its middle cut when longer than ``limit``: a bad value quoted from a file can be huge."""
    if len(message) <= limit:
        return message
    return f"{message[:limit - 100]} … {message[-95:]}"


def session_to_dict(session: Session) -> dict:
    """The JSON-ready dictionary for ``session`` (validated first)."""
    points = _points(session.points)
    if not isinstance(session.settings, FitSettings):
        raise _Invalid(f"settings must be FitSettings, got {type(session.settings).__name__}")
    settings = session.settings
    history = list(session.history)
    _check_history(history)
    current = _current(session.current, len(history))
    columns = _columns(session.columns)
    return {
        "format": FORMAT,
        "version": VERSION,
        "points": points.tolist(),
        "settings": _settings_to_json(settings),
        "history": [_state_to_json(state) for state in history],
        "current": current,
        "columns": list(columns) if columns is not None else None,
        **({} if session.candidates is None else {"candidates": candidates_to_json(session.candidates)}),
        **_read_key(truth_to_json, session.truth, len(points)),
        **({} if session.sample_weight is None else {"sample_weight": _weights_to_json(session.sample_weight,
                                                                                         len(points))}),
        **({} if session.compare is None else {"compare": compare_to_json(session.compare)}),
        **({} if session.labels is None else {"labels": _labels_to_json(session.labels, len(points))}),
        **({} if session.initialisation is None else {"initialisation": _initialisation(session.initialisation)}),
        **({} if session.log_posterior is None else
           {"log_posterior": _iterations(session.log_posterior, "log_posterior", history)}),
        **({"breaks": _iterations(session.breaks, "breaks", history)} if session.breaks else {}),
        **({"changed_since_fit": _changes(session.changed_since_fit)} if session.changed_since_fit else {}),
    }


def session_from_dict(data) -> Session:
    """Build a :class:`Session` from a parsed file, validating every field.

    Raises
    ------
    GmmvizError
        Saying what is wrong, as a predicate for the file name ("is damaged (...)").
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise GmmvizError('is not a gmmviz session file (no "format": "gmmviz-session")')
    version = data.get("version")
    if is_int_value(version) and version > VERSION:
        raise GmmvizError(
            f"was written by a newer gmmviz (session version {version}; this gmmviz reads "
            f"version {VERSION}), update gmmviz to open it"
        )
    try:
        if not is_int_value(version) or version < 1:
            raise _Invalid(f"version = {version!r}")
        missing = [key for key in ("points", "settings", "history", "current") if key not in data]
        if missing:
            raise _Invalid(f"missing {', '.join(missing)}")
        points = _points(data["points"])
        settings = _settings_from_json(data["settings"])
        if not isinstance(data["history"], list):
            raise _Invalid("history is not a list")
        history = [
            _state_from_json(entry, index, len(points))
            for index, entry in enumerate(data["history"])
        ]
        _check_history(history)
        current = _current(data["current"], len(history))
        columns = _columns(data.get("columns"))
        candidates = _candidates_from_json(data.get("candidates"))
        truth = _read_key(truth_from_json, data.get("truth"), len(points))
        sample_weight = _weights_from_json(data.get("sample_weight"), len(points))
        compare = _read_key(compare_from_json, data.get("compare"))
        labels = _labels_from_json(data.get("labels"), len(points))
        initialisation = _initialisation(data.get("initialisation"))
        log_posterior = _iterations(data.get("log_posterior"), "log_posterior", history)
        breaks = _iterations(data.get("breaks"), "breaks", history) or []
        changed_since_fit = [] if data.get("changed_since_fit") is None else _changes(data["changed_since_fit"])
    except _Invalid as exc:
        raise GmmvizError(f"is damaged ({exc})") from None
    return Session(points=points, settings=settings, history=history, current=current, columns=columns, truth=truth,
                   candidates=candidates, sample_weight=sample_weight, compare=compare, labels=labels,
                   initialisation=initialisation, log_posterior=None if log_posterior is None else tuple(log_posterior),
                   breaks=tuple(breaks), changed_since_fit=tuple(changed_since_fit))


# -- validation --------------------------------------------------------------------------------


class _Invalid(GmmvizError):
    """A field that is wrong; the public functions add what was being read or written."""


def _points(value) -> np.ndarray:
    # numpy would turn "1.5" and true into numbers; points are numbers only.
    numbers = value.dtype.kind in "iuf" if isinstance(value, np.ndarray) else is_number_tree(value)
    if not numbers:
        raise _Invalid("points must be [x, y] numbers, not strings or booleans")
    try:
        points = np.array(value, dtype=np.float64)
    except (ValueError, OverflowError):
        raise _Invalid("points must be [x, y] numbers") from None
    if points.size == 0:
        return np.empty((0, 2))
    if points.ndim != 2 or points.shape[1] != 2:
        raise _Invalid("points must be a list of [x, y] pairs")
    if not np.isfinite(points).all():
        raise _Invalid("points contain NaN or infinity")
    return points


def _current(value, n_states: int) -> int:
    if not is_int_value(value) or not 0 <= value <= max(n_states - 1, 0):
        raise _Invalid(f"current = {value!r} is not an index into the {n_states} history states")
    return int(value)


def _columns(value):
    if value is None:
        return None
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise _Invalid(f"columns = {value!r}, need two names or null")
    return tuple(value)


def _initialisation(value):
    if value is not None and value not in INIT_METHODS:
        raise _Invalid(f"initialisation = {value!r}, need one of {', '.join(INIT_METHODS)} or null")
    return value


def _iterations(value, key: str, history):
    """``value`` as a list of distinct iterations of ``history``, increasing (None stays None)."""
    if value is None:
        return None
    last = history[-1].iteration if history else -1
    if not (isinstance(value, (list, tuple)) and all(is_int_value(i) and 0 <= i <= last for i in value)):
        within = f"0 to {last}" if history else "it is empty"
        raise _Invalid(f"{key} must list iterations of the history ({within})")
    return sorted({int(i) for i in value})


#: What ``changed_since_fit`` may name.
CHANGES = ("points", "objective")


def _changes(value):
    """``value`` as a list of :data:`CHANGES`, each once, in their order."""
    if not (isinstance(value, (list, tuple)) and all(isinstance(v, str) and v in CHANGES for v in value)):
        raise _Invalid(f"changed_since_fit must list some of {', '.join(map(repr, CHANGES))}")
    return [change for change in CHANGES if change in value]


def _check_history(history) -> None:
    """Check that the half-steps follow each other as EM makes them (see the module docstring)."""
    for index, state in enumerate(history):
        if index == 0:
            expected, ok = "the initial state at iteration 0", state.phase == "init" and state.iteration == 0
        else:
            before = history[index - 1]
            if state.phase == "e":
                expected = f"an E-step at iteration {before.iteration} after a non-E-step"
                ok = before.phase != "e" and state.iteration == before.iteration
            elif state.phase == "m":
                expected = f"an M-step at iteration {before.iteration + 1} after an E-step"
                ok = before.phase == "e" and state.iteration == before.iteration + 1
            else:
                expected = f"a restart at iteration {before.iteration + 1}"
                ok = state.iteration == before.iteration + 1
        if not ok:
            raise _Invalid(
                f"history[{index}] is {state.phase!r} at iteration {state.iteration} where {expected} belongs"
            )
        _check_mixture(state, index, history[index - 1] if index else None)


def _check_mixture(state, index: int, before) -> None:
    """The state's K and covariance type continue the history's unless it is a restart; its degenerate indices exist."""
    mixture = state.mixture
    if before is not None:
        first = before.mixture
        if mixture.n_components != first.n_components and state.phase != "init":
            raise _Invalid(
                f"history[{index}] has {mixture.n_components} components after {first.n_components} "
                "without a restart"
            )
        if mixture.covariance_type != first.covariance_type and state.phase != "init":
            raise _Invalid(
                f"history[{index}] changes the covariance type to {mixture.covariance_type!r} without a restart"
            )
    out_of_range = [k for k in state.degenerate if not 0 <= k < mixture.n_components]
    if out_of_range:
        raise _Invalid(
            f"history[{index}].degenerate names component {out_of_range[0]} of a mixture with components "
            f"0 to {mixture.n_components - 1}"
        )


def _settings_to_json(settings: FitSettings) -> dict:
    out = settings.kwargs()
    if isinstance(out["init"], Mixture):
        out["init"] = mixture_to_dict(out["init"])
    if isinstance(out["prior"], Prior):
        out["prior"] = out["prior"].to_dict()
    out["freeze"] = freeze_to_json(out["freeze"])
    return out


def _settings_from_json(raw) -> FitSettings:
    if not isinstance(raw, dict):
        raise _Invalid("settings is not an object")
    settings = {**OPTIONAL_SETTINGS, **raw}
    unknown = sorted(set(settings) - set(SETTINGS))
    missing = [key for key in SETTINGS if key not in settings]
    if unknown or missing:
        problems = [f"unknown {', '.join(unknown)}"] if unknown else []
        problems += [f"missing {', '.join(missing)}"] if missing else []
        raise _Invalid(f"settings: {'; '.join(problems)}")
    if isinstance(settings["init"], dict):
        settings["init"] = _mixture(settings["init"], "settings.init")
    try:
        settings["freeze"] = freeze_from_json(settings["freeze"])
        settings = FitSettings(**settings)
        check_file_components(settings.freeze, settings.n_components)      # as gmmviz fit --freeze is checked
        return settings
    except GmmvizError as exc:
        raise _Invalid(str(exc)) from None


def _weights_to_json(sample_weight, n_points: int) -> list:
    """The ``"sample_weight"`` key (written only for weighted points): one number per point."""
    try:
        return as_sample_weight(sample_weight, n_points).tolist()
    except GmmvizError as exc:
        raise _Invalid(str(exc)) from None


def _weights_from_json(value, n_points: int):
    """The points' weights from the optional ``"sample_weight"`` key (absent or null: unweighted)."""
    if value is None:
        return None
    if not is_number_tree(value):
        raise _Invalid("sample_weight must be one number per point")
    try:
        return as_sample_weight(np.array(value, dtype=np.float64), n_points)
    except (GmmvizError, ValueError, OverflowError) as exc:
        raise _Invalid(str(exc) if isinstance(exc, GmmvizError) else "sample_weight must be one number per point") \
            from None


def _state_to_json(state) -> dict:
    return {
        "iteration": int(state.iteration),
        "phase": state.phase,
        "mixture": mixture_to_dict(state.mixture),
        "log_likelihood": finite_or_none(state.log_likelihood),
        "change": finite_or_none(state.change),
        "converged": bool(state.converged),
        "warnings": list(state.warnings),
        "degenerate": [int(k) for k in state.degenerate],
    }


def _state_from_json(entry, index: int, n_samples: int) -> EMState:
    where = f"history[{index}]"
    if not isinstance(entry, dict):
        raise _Invalid(f"{where} is not an object")
    missing = [
        key
        for key in ("iteration", "phase", "mixture", "log_likelihood", "change", "converged")
        if key not in entry
    ]
    if missing:
        raise _Invalid(f"{where} lacks {', '.join(missing)}")
    iteration = entry["iteration"]
    if not is_int_value(iteration) or iteration < 0:
        raise _Invalid(f"{where}.iteration = {iteration!r}")
    if entry["phase"] not in PHASES:
        raise _Invalid(f"{where}.phase = {entry['phase']!r}")
    if not isinstance(entry["converged"], bool):
        raise _Invalid(f"{where}.converged = {entry['converged']!r}")
    log_likelihood = float_or_nan(entry["log_likelihood"], f"{where}.log_likelihood", _Invalid)
    change = float_or_nan(entry["change"], f"{where}.change", _Invalid)
    warnings_ = entry.get("warnings", [])
    degenerate = entry.get("degenerate", [])
    if not (isinstance(warnings_, list) and all(isinstance(w, str) for w in warnings_)):
        raise _Invalid(f"{where}.warnings must be a list of strings")
    if not (isinstance(degenerate, list) and all(is_int_value(k) for k in degenerate)):
        raise _Invalid(f"{where}.degenerate must be a list of integers")
    return EMState(
        iteration=int(iteration),
        phase=entry["phase"],
        mixture=_mixture(entry["mixture"], f"{where}.mixture"),
        resp=None,
        log_likelihood=log_likelihood,
        mean_log_likelihood=log_likelihood / n_samples if n_samples else math.nan,
        change=change,
        converged=entry["converged"],
        warnings=tuple(warnings_),
        degenerate=tuple(int(k) for k in degenerate),
    )


def _candidates_from_json(value):
    try:
        return None if value is None else candidates_from_json(value)
    except GmmvizError as exc:
        raise _Invalid(f"candidates: {exc}") from None


def _read_key(convert, *args):
    """``convert(*args)`` for an optional key kept in a module of its own; its GmmvizError says what is wrong."""
    try:
        return convert(*args)
    except GmmvizError as exc:
        raise _Invalid(str(exc)) from None


def _mixture(raw, where: str) -> Mixture:
    try:
        mixture, _fit = mixture_from_dict(raw, source=where)
    except GmmvizError as exc:
        raise _Invalid(str(exc)) from None
    return mixture


# -- the labels beside the points --------------------------------------------------------------


def _labels_to_json(labels, n_samples: int) -> dict:
    """The ``"labels"`` key (written only when there are labels) for ``labels`` (see :class:`Session`)."""
    painted, known = labels.get("painted"), labels.get("known")
    if painted is not None:
        painted = np.asarray(painted)
        if painted.shape != (n_samples,) or painted.dtype.kind not in "iu" or np.any(painted < -1):
            raise _Invalid(f"painted labels must be one component index (or -1) for each of the {n_samples} points")
        painted = [int(k) + 1 if k >= 0 else None for k in painted.tolist()]
    if known is not None:
        known = list(known)
        if len(known) != n_samples or not all(isinstance(label, str) for label in known):
            raise _Invalid(f"known labels must be one text (or \"\") for each of the {n_samples} points")
        known = [label or None for label in known]
    return {"painted": painted, "known": known, "known_column": labels.get("known_column")}


def _labels_from_json(value, n_samples: int):
    """The optional ``"labels"`` key (absent or null: no labels) as :class:`Session` holds it."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _Invalid("labels is not an object")
    painted, known, column = value.get("painted"), value.get("known"), value.get("known_column")
    if painted is not None:
        if not (isinstance(painted, list) and len(painted) == n_samples
                and all(is_label(k) for k in painted)):
            raise _Invalid(f"labels.painted must be a component (from 1) or null for each of the {n_samples} points")
        painted = np.array([UNPAINTED if k is None else k - 1 for k in painted], dtype=np.intp)
    if known is not None:
        if not (isinstance(known, list) and len(known) == n_samples
                and all(label is None or isinstance(label, str) for label in known)):
            raise _Invalid(f"labels.known must be a text or null for each of the {n_samples} points")
        known = np.array([label or "" for label in known], dtype=object)
    if column is not None and not isinstance(column, str):
        raise _Invalid(f"labels.known_column = {column!r}, need a name or null")
    return {"painted": painted, "known": known, "known_column": column}
