"""Frozen parameters: components whose weight, mean or covariance EM leaves as they are.

``freeze={k: {"weight", "mean", "covariance"}}`` (components numbered from 0 in Python; the
command line and the window number them from 1, as everywhere users see components). "all" stands
for the three. Frozen parameters keep the values of the mixture EM starts from (the given mixture,
the state resumed from, or the initialisation's) through every M-step:

- free weights share the mass the frozen ones leave, in proportion to their estimates
  (``(1 − Σ frozen) · ŵ_k / Σ_free ŵ_j``): the constrained maximiser, so the log-likelihood still
  never decreases;
- a frozen mean with a free covariance measures the scatter about the frozen mean, not about the
  points' mean (the covariance that is best for that mean); with the prior, its mean term too;
- a frozen covariance with a free mean: the mean is the one the covariance does not change;
- ``tied`` has one covariance for all components: it is frozen when any component's is.

Decisions:

- Nothing frozen is None (an empty freeze reads as None), so the engine runs exactly as before.
- A component with anything frozen is never re-seeded when it empties (re-seeding would move what
  was frozen); it is reported degenerate instead.
- BIC, AIC and ICL count a mixture's parameters whether frozen or not: they describe the mixture.
- The canonical form is a dict ``{k: frozenset of names}`` in component order, without empty sets.
"""

from collections.abc import Mapping

import numpy as np

from gmmviz.core.errors import GmmvizError

PARAMETERS = ("weight", "mean", "covariance")


def check_freeze(freeze):
    """``freeze`` in canonical form (see the module docstring), or GmmvizError in one sentence."""
    if freeze is None or freeze is False:
        return None
    if not isinstance(freeze, Mapping):
        raise GmmvizError("freeze must be a dict {component: {'weight', 'mean', 'covariance'}} or None, "
                          f"got {type(freeze).__name__}")
    canonical = {}
    for component, names in freeze.items():
        if not isinstance(component, (int, np.integer)) or isinstance(component, bool) or component < 0:
            raise GmmvizError(f"freeze: components are numbered from 0, got {component!r}")
        if isinstance(names, str):
            names = (names,)
        try:
            names = set(names)
        except TypeError:
            raise GmmvizError(f"freeze: component {component} needs a set of parameter names, got {names!r}") \
                from None
        if "all" in names:
            names = (names - {"all"}) | set(PARAMETERS)
        unknown = sorted(str(name) for name in names - set(PARAMETERS))
        if unknown:
            raise GmmvizError(f"freeze: unknown parameter {unknown[0]!r}: use weight, mean, covariance or all")
        if names:
            canonical[int(component)] = frozenset(names)
    return {k: canonical[k] for k in sorted(canonical)} or None


def check_components(freeze, n_components):
    """Raise GmmvizError when a frozen component is not one of ``n_components``."""
    if freeze and max(freeze) >= n_components:
        raise GmmvizError(f"freeze names component {max(freeze)} but the mixture has components 0 to "
                          f"{n_components - 1}: freeze only components that exist")


def check_file_components(freeze, n_components):
    """Raise GmmvizError, numbering components from 1 as files do, when a frozen one is not one of ``n_components``."""
    if freeze and max(freeze) >= n_components:
        raise GmmvizError(f"freeze names component \"{max(freeze) + 1}\" but there are {n_components} components: "
                          f"lock components \"1\" to \"{n_components}\"")


def masks(freeze, n_components):
    """``{name: bool ndarray of shape (n_components,)}``: which components have ``name`` frozen."""
    out = {name: np.zeros(n_components, dtype=bool) for name in PARAMETERS}
    for component, names in (freeze or {}).items():
        for name in names:
            out[name][component] = True
    return out


def frozen_weights(estimated, previous, frozen):
    """Weights (n_components,): ``previous`` where ``frozen``, the rest ``estimated`` scaled to what is left."""
    if not frozen.any():
        return estimated
    weights = np.array(previous, dtype=np.float64)
    free = ~frozen
    if free.any():
        left = max(1.0 - weights[frozen].sum(), 0.0)
        weights[free] = left * estimated[free] / estimated[free].sum()
    return weights


def to_text(freeze):
    """``"1:mean,2:all"``: the command line's form, components from 1 (the empty string for None)."""
    parts = []
    for component, names in (freeze or {}).items():
        shown = "all" if names == frozenset(PARAMETERS) else "+".join(n for n in PARAMETERS if n in names)
        parts.append(f"{component + 1}:{shown}")
    return ",".join(parts)


def parse_text(text):
    """The command line's ``"1:mean,2:weight+covariance,3:all"`` (components from 1) in canonical form."""
    freeze = {}
    for part in (p.strip() for p in text.split(",")):
        component, _, names = part.partition(":")
        if not (component.strip().isascii() and component.strip().isdigit()) or int(component) < 1 or not names:
            raise GmmvizError(f"--freeze must be like 1:mean,2:all (components from 1; weight, mean, covariance "
                              f"or all, joined by +), got {text!r}")
        freeze.setdefault(int(component) - 1, set()).update(n.strip() for n in names.split("+"))
    return check_freeze(freeze)


def to_json(freeze):
    """``{"1": ["mean"], …}``: files number components from 1, as their tables do; None for nothing frozen."""
    if not freeze:
        return None
    return {str(k + 1): [name for name in PARAMETERS if name in names] for k, names in freeze.items()}


def from_json(value):
    """Inverse of :func:`to_json`; GmmvizError for anything else."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise GmmvizError("freeze must be an object like {\"1\": [\"mean\"]} or null")
    freeze = {}
    for key, names in value.items():
        if not (isinstance(key, str) and key.isascii() and key.isdigit() and int(key) >= 1) \
                or not isinstance(names, list):
            raise GmmvizError(f"freeze: {key!r}: give components from \"1\" with a list of parameter names")
        freeze[int(key) - 1] = names
    return check_freeze(freeze)
