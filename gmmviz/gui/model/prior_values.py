"""The hyperparameters of the window's prior: the core's defaults, and the values the user changed.

:class:`PriorValues` is one window setting (``WindowSettings.prior_values``, beside the on/off
setting ``prior``); the Prior panel and the prior's ellipse on the plot show it and edit it through
the session, and keep no values of their own.

Decisions:

- A value left as None is the core's default (:meth:`gmmviz.core.Prior.default`, mclust's
  ``defaultPrior``): μ₀ the data mean, κ 0.01, ν 4, Λ cov(data)/K, α 1. The data-dependent ones
  follow the points and K until the user sets them; "reset to defaults" sets every value back to
  None. So an edited κ stays when points are added, while an untouched μ₀ follows them.
- Values are checked by the core's own checks (a :class:`~gmmviz.core.Prior` built with the
  given values and stand-ins for the rest), so the window refuses what ``gmmviz.Prior`` refuses
  with the same sentence.
- The scale Λ is one value, a symmetric 2×2 matrix: editing one entry sets the whole matrix.
- A prior read from a file (a session stores the resolved prior) comes back as overrides only
  where it differs from the default for those points and K, so a session saved with the defaults
  opens with the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

from gmmviz.core import GmmvizError, Prior

#: The hyperparameters, in the order the panel shows them.
NAMES = ("mean", "shrinkage", "dof", "scale", "dirichlet")

# Stand-ins for the values not given, when checking those that are (any valid value would do).
_STAND_INS = {"mean": (0.0, 0.0), "shrinkage": 0.01, "dof": 4.0, "scale": ((1.0, 0.0), (0.0, 1.0)),
              "dirichlet": 1.0}


@dataclass(frozen=True)
class PriorValues:
    """Hyperparameters set by the user; None means the core's default for the points and K.

    Attributes
    ----------
    mean : tuple of 2 floats or None
        μ₀.
    shrinkage : float or None
        κ > 0.
    dof : float or None
        ν > 1.
    scale : tuple of 2 tuples of 2 floats or None
        Λ, symmetric positive definite.
    dirichlet : float or None
        α ≥ 1.
    """

    mean: tuple | None = None
    shrinkage: float | None = None
    dof: float | None = None
    scale: tuple | None = None
    dirichlet: float | None = None

    def __post_init__(self):
        given = self.overrides()
        checked = Prior(**{**_STAND_INS, **given})      # GmmvizError naming the bad value
        for name in given:
            value = getattr(checked, name)
            value = tuple(map(tuple, value.tolist())) if name == "scale" else \
                tuple(value.tolist()) if name == "mean" else float(value)
            object.__setattr__(self, name, value)

    def overrides(self) -> dict:
        """``{name: value}`` of the values set (the keywords of :meth:`gmmviz.core.Prior.default`)."""
        return {field.name: getattr(self, field.name) for field in fields(self) if getattr(self, field.name) is not None}

    @property
    def is_default(self) -> bool:
        """True when no value is set: mclust's default prior."""
        return not self.overrides()

    def changed(self, **changes) -> PriorValues:
        """A copy with ``changes`` (None: back to the default), checked; GmmvizError names a bad one."""
        return replace(self, **changes)

    def prior(self, X, n_components, sample_weight=None, moments=None) -> Prior:
        """The Prior for points X (n_samples, 2) and K components: these values, the defaults for the rest.

        The defaults count point i ``sample_weight[i]`` times (shape (n_samples,); None: once each);
        ``moments`` are the points' :func:`~gmmviz.core.prior.data_moments` when known already.

        Raises
        ------
        GmmvizError
            When a default is needed and the points give none (fewer than 2, or no spread).
        """
        given = self.overrides()
        if len(given) == len(NAMES):
            return Prior(**given)
        return Prior.default(X, n_components, sample_weight, moments, **given)

    @classmethod
    def from_prior(cls, prior: Prior, X, n_components, sample_weight=None) -> PriorValues:
        """The values of ``prior`` that differ from the default for X and K (all of them when it has none).

        The default counts point i ``sample_weight[i]`` times (shape (n_samples,); None: once each).
        """
        try:
            default = Prior.default(X, n_components, sample_weight)
        except GmmvizError:
            default = None
        values = {}
        for name in NAMES:
            value = getattr(prior, name)
            if default is None or not np.array_equal(value, getattr(default, name)):
                values[name] = value
        return cls(**values)
