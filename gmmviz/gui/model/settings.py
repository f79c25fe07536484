"""What the Mixture panel is set to: the fit settings of the interactive session.

The values and their constraints are the core's (:mod:`gmmviz.core.settings`); the window adds
one initialisation, "current parameters" (start from the mixture on screen), and keeps the prior
as on/off (``prior``) and its hyperparameters (``prior_values``: mclust's defaults, computed from the
points, except those the user set; :mod:`gmmviz.gui.model.prior_values`).

Two EM options are window settings too: ``noise`` (off, on over the points' bounding box, or on over a
given volume) and ``freeze``, the locks of the parameter table in the core's form (components from 0), of
which EM gets those of the components 1..K that exist.

Decisions:

- ``noise`` is False, True (the noise component spread over the points' bounding box, what the Outliers
  check box turns on) or a volume greater than 0, as a session file or ``gmmviz fit --noise VOLUME`` gives
  it: a session keeps its volume through opening, fitting and saving. The check box shows it as on;
  turning it off and on again gives the bounding box.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from gmmviz.core.errors import GmmvizError
from gmmviz.core.init import INIT_METHODS
from gmmviz.core.settings import SETTINGS, FitSettings, check_setting
from gmmviz.gui.model.prior_values import PriorValues

#: Initialisation that starts from the mixture on screen.
CURRENT_PARAMETERS = "current parameters"
#: Initialisations offered by the window, in menu order.
INIT_CHOICES = (*INIT_METHODS, CURRENT_PARAMETERS)
#: Components the window can tell apart by colour (the palette's size).
MAX_COMPONENTS = 20
#: Settings that change what EM maximises: values before and after are not compared.
OBJECTIVE_SETTINGS = ("reg_covar", "prior", "prior_values", "noise")


@dataclass(frozen=True)
class WindowSettings:
    """The window's fit settings; names and meanings as in :class:`gmmviz.core.EM`."""

    n_components: int = 2
    covariance_type: str = "full"
    init: str = "kmeans"
    seed: int | None = 0
    reg_covar: float = 1e-6
    tol: float = 1e-3
    max_iter: int = 100
    prior: bool = False
    prior_values: PriorValues = PriorValues()
    #: A uniform noise component: False (none), True (over the points' bounding box) or its volume (> 0).
    noise: bool | float = False
    #: Locked parameters, ``{component (0-based): {"weight", "mean", "covariance"}}`` or None.
    freeze: dict | None = None

    def __post_init__(self):
        for field in fields(self):
            object.__setattr__(self, field.name, check_window_setting(field.name, getattr(self, field.name)))

    def changed(self, **changes):
        """A copy with ``changes``, each checked; raises GmmvizError naming a bad one."""
        return replace(self, **changes)

    def fit_settings(self, initial=None, points=None, sample_weight=None):
        """The core's :class:`~gmmviz.core.settings.FitSettings` of these settings.

        ``initial`` is the mixture EM started from, which stands for "current parameters";
        ``points`` (n_samples, 2), point i counted ``sample_weight[i]`` times (shape (n_samples,); None:
        once each), are the data a prior with values the user set is completed from (the defaults alone
        stay ``prior=True``, resolved by the core).
        """
        init = self.init
        if init == CURRENT_PARAMETERS:
            init = initial if initial is not None else SETTINGS["init"].default
        return FitSettings(n_components=self.n_components, covariance_type=self.covariance_type, init=init,
                           seed=self.seed, reg_covar=self.reg_covar, tol=self.tol, max_iter=self.max_iter,
                           prior=self._prior(points, sample_weight), noise=None if self.noise is False else self.noise,
                           freeze=self.locks_within_k())

    def locks_within_k(self):
        """The locks of the components 0..K-1 (locks of components beyond K wait until K grows again)."""
        return {k: names for k, names in (self.freeze or {}).items() if k < self.n_components} or None

    def _prior(self, points, sample_weight):
        if not self.prior:
            return None
        if self.prior_values.is_default:
            return True
        if points is None:     # a caller that does not pass the points cannot complete the values set
            raise GmmvizError("this command uses the prior's defaults only: reset the prior to its defaults "
                              "(Prior panel) or turn it off")
        return self.prior_values.prior(points, self.n_components, sample_weight)

    def changes_objective(self, other):
        """True when EM under ``other`` maximises something else (reg_covar, the prior or, with it on, its values)."""
        names = OBJECTIVE_SETTINGS if self.prior or other.prior else ("reg_covar", "prior", "noise")
        return not all(same_setting(getattr(self, name), getattr(other, name)) for name in names)


def same_setting(value, other) -> bool:
    """True when two values of one setting are the same (``True == 1.0``, but the bounding box is no volume of 1)."""
    return value == other and type(value) is type(other)


def check_window_setting(name, value):
    """``value`` if the window accepts it for setting ``name``, else GmmvizError (one sentence)."""
    if name == "init":
        if value not in INIT_CHOICES:
            raise GmmvizError(f"the initialisation must be one of {', '.join(INIT_CHOICES)}, got {value!r}")
        return value
    if name == "noise" and not isinstance(value, bool):
        if value is None:       # the core's "no noise" is the window's False
            raise GmmvizError("the noise setting is on or off (True or False) or a volume greater than 0, got None")
        return check_setting("noise", value)
    if name in ("prior", "noise"):
        if not isinstance(value, bool):
            raise GmmvizError(f"the {name} setting is on or off (True or False), got {value!r}")
        return value
    if name == "prior_values":
        if not isinstance(value, PriorValues):
            raise GmmvizError(f"the prior's values must be PriorValues, got {type(value).__name__}")
        return value
    value = check_setting(name, value)
    if name == "n_components" and value > MAX_COMPONENTS:
        raise GmmvizError(
            f"the window shows at most {MAX_COMPONENTS} components (one colour each), got {value}: "
            "use gmmviz fit for more")
    return value
