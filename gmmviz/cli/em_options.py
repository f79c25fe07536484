"""``gmmviz fit|select --weights COLUMN --noise [VOLUME]`` and ``gmmviz fit --freeze SPEC``: the EM options.

Decisions
---------
- ``--weights`` names a column of the data file by header name or 0-based index, as ``--columns``
  does (:mod:`gmmviz.io.point_weights`); a point of weight w counts as w points, and BIC and ICL use
  n = the sum of the weights. The data line says which column weighted the points and what they sum to.
- ``--noise`` alone spreads a uniform noise component over the points' bounding box; ``--noise V``
  over the area V (mclust's ``hypvol``). The table then has a ``noise`` row with π₀ (the components'
  weights stay their shares of the points that are not noise, as in the JSON file), and in ``--labels``
  the noise is the last column, ``p_noise``, and label -1 (as ``Mixture.predict``). ``select --json`` gives the best model's
  ``noise_weight`` and ``noise_volume`` as a mixture file does.
- ``--freeze 1:mean,2:all`` (components from 1; weight, mean, covariance or all, joined by ``+``)
  keeps those parameters at their starting values, which is useful with ``--init PARAMS.json``. It is
  an option of ``fit`` only: a ``select`` sweep has no one K whose components it could name. A bad
  SPEC is one line that names the option once: ``argument --freeze: must be like 1:mean,2:all …``.
- ``fit --init PARAMS.json`` of a mixture with noise keeps its noise component: the fit has noise over
  the file's volume, from the file's π₀. ``--noise`` alone then means that volume too (not the bounding
  box); ``--noise V`` fits over V instead, from the file's π₀.
- A volume so small that every point ends as noise (``--noise 1e-300``: a density of 1e300) is one
  warning saying so, in place of the re-seed warnings of the components it emptied on the way.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.freeze import parse_text, to_text
from gmmviz.core.settings import SETTINGS
from gmmviz.io.numbers import parse_float
from gmmviz.io.point_weights import split_weights, weight_column_values


def add_options(parser, freeze: bool) -> None:
    """``--weights`` and ``--noise``, and ``--freeze`` when ``freeze``."""
    parser.add_argument("--weights", metavar="COLUMN",
                        help="a column of the data file with each point's weight, by name or 0-based index "
                             "(a point of weight w counts as w points)")
    parser.add_argument("--noise", nargs="?", const=True, default=None, type=_volume, metavar="VOLUME",
                        help=f"{SETTINGS['noise'].help} (default: no noise; --noise alone: the bounding box)")
    if freeze:
        parser.add_argument("--freeze", type=_freeze, default=None, metavar="SPEC",
                            help="parameters EM keeps at their starting values, e.g. 1:mean,2:all "
                                 "(components from 1; weight, mean, covariance or all, joined by +)")


def engine_options(args, n_components=None) -> dict:
    """The ``noise`` and ``freeze`` keywords of fit/select from the parsed options (freeze checked against K)."""
    freeze = getattr(args, "freeze", None)
    if freeze and n_components is not None and max(freeze) >= n_components:
        there = "is 1 component: freeze component 1" if n_components == 1 \
            else f"are {n_components} components: freeze components 1 to {n_components}"
        raise GmmvizError(f"--freeze {to_text(freeze)} names component {max(freeze) + 1} but there {there}")
    options = {"noise": args.noise}
    if freeze is not None:
        options["freeze"] = freeze
    return options


def init_file_noise(noise, mixture):
    """The noise setting for a fit from the ``--init`` file's ``mixture``: its volume unless ``--noise V`` gave one."""
    if mixture.has_noise and (noise is None or noise is True):
        return mixture.noise_volume
    return noise


def noise_said_once(fit_call, fitted=lambda result: result):
    """``fit_call()``'s result; its GmmvizWarnings, or one line instead when every point ended as noise.

    ``fitted(result)`` is the FitResult looked at (``select``: the best fit).
    """
    result = None
    try:
        with warnings.catch_warnings(record=True) as held:
            warnings.simplefilter("always", GmmvizWarning)
            result = fit_call()
    finally:
        if result is not None and _every_point_noise(fitted(result)):
            volume = fitted(result).mixture.noise_volume
            warnings.warn(f"every point ended as noise (its density 1/V = {1 / volume:.3g} "
                          "is above the components' everywhere): give a larger --noise volume, or --noise alone "
                          "for the points' bounding box", GmmvizWarning)
        else:
            for warning in held:
                warnings.warn(warning.message)
    return result


def _every_point_noise(result) -> bool:
    """Whether the noise is the most probable component of every point of positive weight."""
    if not result.mixture.has_noise:
        return False
    noise = result.resp.argmax(axis=1) == result.resp.shape[1] - 1
    return bool(np.all(noise if result.sample_weight is None else noise[result.sample_weight > 0]))


def read_weights(args, table, loaded, *aligned):
    """``(loaded, sample_weight, *aligned)``: the ``--weights`` column of ``table`` for the points ``loaded`` from it.

    Rows of a bad weight are dropped; without ``--weights``: ``(loaded, None, *aligned)`` unchanged.
    """
    if args.weights is None:
        return (loaded, None, *aligned)
    name, values = weight_column_values(table, args.columns, args.weights, loaded.columns)
    return split_weights(table.path, name, values, loaded, *aligned)


def noise_keys(mixture) -> dict:
    """``noise_weight`` and ``noise_volume`` of a mixture with noise, as a mixture file has them (else none)."""
    if not mixture.has_noise:
        return {}
    return {"noise_weight": mixture.noise_weight, "noise_volume": mixture.noise_volume}


def describe_weights(column, sample_weight) -> str:
    """The line saying which column weighted the points."""
    return f"Weights: column {column} (they sum to {sample_weight.sum():.6g}, the n of BIC and ICL)"


def _volume(text: str) -> float:
    try:
        value = parse_float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a noise volume (an area greater than 0), got {text!r}")
    return value


def _freeze(text: str):
    try:
        return parse_text(text)
    except GmmvizError as exc:
        # argparse says "argument --freeze: " before the message: the option is not named twice.
        message = str(exc).removeprefix("--freeze ").removeprefix("freeze: ")
        raise argparse.ArgumentTypeError(message) from None
