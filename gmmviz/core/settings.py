"""The fit settings: one table of constraints, and the frozen :class:`FitSettings` built on it.

Modelled on scikit-learn's ``_parameter_constraints``: :data:`SETTINGS` maps every setting's
name to a :class:`Setting` (its kind, range or choices, default and one line of help). The
engine (:class:`gmmviz.core.em.EM`), :func:`gmmviz.core.fit.fit`, :func:`gmmviz.core.selection.select`,
the command-line options and their ``--help``, the session reader and writer and the window's
widgets (ranges, tooltips) all check and describe settings through this table, so a value
accepted in one place is accepted in all, and a refusal is always the same sentence:
``"tol must be a finite number of at least 0, got -1"``.

Decisions:

- Ranges follow scikit-learn where it has them: ``tol`` ≥ 0 (0 runs to ``max_iter``),
  ``reg_covar`` ≥ 0, ``max_iter`` ≥ 0 (0 keeps the initial parameters), ``n_init`` ≥ 1; both
  floats must also be finite. ``seed`` is an integer from 0 to 2**32 − 1 (numpy's
  ``RandomState``) or None (a fresh draw every time).
- ``max_iter`` is at most 2**31 − 1: far more iterations than anyone waits for, and every
  integer setting but the seed then fits a 32-bit widget.
- ``n_components`` has no upper bound here (any K ≥ 1 that the data support); the window caps
  it at the number of colours it can tell apart, which is a limit of the display, not of EM.
- ``init`` is a method name or a :class:`~gmmviz.core.mixture.Mixture` (EM starts from given
  parameters); ``prior`` is None (maximum likelihood), True (mclust's default prior, computed
  from the data) or a :class:`~gmmviz.core.prior.Prior`. False reads as None and a prior's
  dictionary form as that Prior, so each has one value.
- ``noise`` is None (no noise component), True (uniform over the points' bounding box) or the
  noise volume, a number above 0 (:mod:`gmmviz.core.noise`); ``freeze`` is None or
  ``{component: {"weight", "mean", "covariance"}}`` from component 0 (:mod:`gmmviz.core.freeze`).
  Both are None by default, which is the engine as it was.
- :func:`parse_setting` reads command-line text strictly: ASCII digits, an optional leading
  ``+`` (``-`` for floats), a decimal point and an exponent; ``1_000`` or other scripts' digits
  are refused rather than guessed. ``none`` (any case) is None for a setting that may be None (the
  seed), as the options' help offers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

import numpy as np

from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.core.errors import GmmvizError
from gmmviz.core.freeze import check_freeze
from gmmviz.core.init import INIT_METHODS
from gmmviz.core.mixture import Mixture
from gmmviz.core.prior import Prior

SEED_MAX = 2**32 - 1
MAX_ITER_MAX = 2**31 - 1

_INTEGER_TEXT = re.compile(r"\+?[0-9]{1,30}")
_REAL_TEXT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,4})?")


@dataclass(frozen=True)
class Setting:
    """The constraint, default and help of one setting.

    Attributes
    ----------
    name : str
    kind : {"int", "float", "choice", "init", "prior", "noise", "freeze"}
    default : object
    help : str
        One line, lower case, no final full stop.
    low, high : int or float or None
        Inclusive bounds of an "int" or "float" setting (None: unbounded).
    choices : tuple of str
        The names of a "choice" setting, or the method names of "init".
    optional : bool
        None is allowed too (the seed).
    """

    name: str
    kind: str
    default: object
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    optional: bool = False

    @property
    def range_text(self) -> str:
        """What the setting accepts, as the noun phrase of the error messages ("an integer from 0 to 9")."""
        if self.kind in ("int", "float"):
            noun = "an integer" if self.kind == "int" else "a finite number"
            if self.high is None:
                text = f"{noun} of at least {_plain(self.low)}"
            else:
                text = f"{noun} from {_plain(self.low)} to {_plain(self.high)}"
            return f"{text}, or none" if self.optional else text
        if self.kind == "choice":
            return f"one of {', '.join(self.choices)}"
        if self.kind == "init":
            return f"one of {', '.join(self.choices)}, or a Mixture"
        if self.kind == "noise":
            return "None, True (the points' bounding box) or a volume greater than 0"
        if self.kind == "freeze":
            return "None or {component: {'weight', 'mean', 'covariance'}}"
        return "None, True or a Prior"

    def check(self, value):
        """The value in its one canonical form, or GmmvizError naming the setting and its range."""
        if value is None and self.optional:
            return None
        if self.kind == "int":
            if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and self._in_range(value):
                return int(value)
        elif self.kind == "float":
            if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
                value = float(value)
                if math.isfinite(value) and self._in_range(value):
                    return value
        elif self.kind == "choice" or self.kind == "init":
            if isinstance(value, str) and value in self.choices:
                return value
            if self.kind == "init" and isinstance(value, Mixture):
                return value
        elif self.kind == "freeze":
            return check_freeze(value)
        elif self.kind == "noise":
            if value is None or value is False or value is True:
                return value or None
            if isinstance(value, (int, float, np.integer, np.floating)) and math.isfinite(value) and value > 0:
                return float(value)
        elif value is None or value is False:
            return None
        elif value is True or isinstance(value, Prior):
            return value
        elif isinstance(value, dict):
            return Prior.from_dict(value)
        raise GmmvizError(f"{self.name} must be {self.range_text}, got {_shown(value)}")

    def _in_range(self, value) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


SETTINGS = {
    setting.name: setting
    for setting in (
        Setting("n_components", "int", 2, "number of Gaussian components K", low=1),
        Setting("covariance_type", "choice", "full",
                "covariance shape: full, tied (one shared), diag (axis-aligned) or spherical (round)",
                choices=COVARIANCE_TYPES),
        Setting("init", "init", "kmeans", "how the initial parameters are drawn, or the parameters themselves",
                choices=INIT_METHODS),
        Setting("seed", "int", None, "random seed of the initialisation, for results that repeat exactly",
                low=0, high=SEED_MAX, optional=True),
        Setting("reg_covar", "float", 1e-6, "added to the covariance diagonals so they stay positive definite",
                low=0.0),
        Setting("tol", "float", 1e-3,
                "converged when the mean log-likelihood changes by less than this between two E-steps", low=0.0),
        Setting("max_iter", "int", 100, "EM iterations per run at most", low=0, high=MAX_ITER_MAX),
        Setting("n_init", "int", 1, "EM restarts from new initial parameters; the best log-likelihood is kept",
                low=1),
        Setting("prior", "prior", None,
                "MAP estimate with a conjugate prior (mclust's default unless one is given) "
                "instead of maximum likelihood"),
        Setting("noise", "noise", None,
                "a uniform noise component for outliers, over the points' bounding box or a given area"),
        Setting("freeze", "freeze", None, "parameters EM keeps as they are, per component"),
    )
}


def check_setting(name: str, value):
    """``value`` checked against :data:`SETTINGS` and in canonical form (int, float, None ...).

    Raises
    ------
    GmmvizError
        One sentence naming the setting and its range, e.g. "tol must be a finite number of
        at least 0, got -1"; also for an unknown name.
    """
    try:
        setting = SETTINGS[name]
    except KeyError:
        raise GmmvizError(f"unknown setting {name!r}: use one of {', '.join(SETTINGS)}") from None
    return setting.check(value)


def parse_setting(name: str, text: str):
    """A number setting read from command-line text (see the module docstring), then checked.

    Raises
    ------
    GmmvizError
        As :func:`check_setting`, quoting the text.
    """
    setting = SETTINGS[name]
    if setting.optional and text.lower() == "none":
        return None
    pattern = _INTEGER_TEXT if setting.kind == "int" else _REAL_TEXT
    if pattern.fullmatch(text):
        value = int(text) if setting.kind == "int" else float(text)
        try:
            return setting.check(value)
        except GmmvizError:
            pass
    raise GmmvizError(f"{name} must be {setting.range_text}, got {text!r}")


@dataclass(frozen=True, eq=False)
class FitSettings:
    """Every setting of a fit, checked on construction (see :data:`SETTINGS` for ranges and defaults).

    Equal settings compare equal (a Prior by its hyperparameters, a Mixture by its parameters).
    ``FitSettings(**settings.kwargs())`` is the same settings; ``fit(X, **settings.kwargs())`` fits
    with them.
    """

    n_components: int = SETTINGS["n_components"].default
    covariance_type: str = SETTINGS["covariance_type"].default
    init: str | Mixture = SETTINGS["init"].default
    seed: int | None = SETTINGS["seed"].default
    reg_covar: float = SETTINGS["reg_covar"].default
    tol: float = SETTINGS["tol"].default
    max_iter: int = SETTINGS["max_iter"].default
    n_init: int = SETTINGS["n_init"].default
    prior: None | bool | Prior = SETTINGS["prior"].default
    noise: None | bool | float = SETTINGS["noise"].default
    freeze: dict | None = SETTINGS["freeze"].default

    def __post_init__(self):
        for name in SETTINGS:
            object.__setattr__(self, name, check_setting(name, getattr(self, name)))

    def replace(self, **changes) -> FitSettings:
        """These settings with some changed, checked; an unknown name is a GmmvizError."""
        unknown = sorted(set(changes) - set(SETTINGS))
        if unknown:
            raise GmmvizError(f"unknown setting {unknown[0]!r}: use one of {', '.join(SETTINGS)}")
        return dataclasses.replace(self, **changes)

    def kwargs(self) -> dict:
        """``{name: value}`` of every setting, in the table's order."""
        return {name: getattr(self, name) for name in SETTINGS}

    def __eq__(self, other):
        if not isinstance(other, FitSettings):
            return NotImplemented
        return all(_same(getattr(self, name), getattr(other, name)) for name in SETTINGS)

    __hash__ = None


def _same(a, b) -> bool:
    if isinstance(a, Prior) or isinstance(b, Prior):
        return isinstance(a, Prior) and isinstance(b, Prior) and a.to_dict() == b.to_dict()
    if isinstance(a, Mixture) or isinstance(b, Mixture):
        return isinstance(a, Mixture) and isinstance(b, Mixture) and a == b
    return type(a) is type(b) and a == b


def _plain(number) -> str:
    """0.0 as "0", 4294967295 as is: bounds read as people write them."""
    return str(int(number)) if float(number).is_integer() else repr(number)


def _shown(value) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
