"""The ``"truth"`` key of a session file: the true mixture the user stated and the labels of its sample.

::

    "truth": {"mixture": <gmmviz-mixture>, "labels": [1, 3, null, ...] | null}

Decisions:

- ``labels`` has one entry per point: the component (1..K, as in every file) the point was sampled
  from, ``null`` for a point that was not sampled from the truth (drawn, or loaded). A label may name
  a component the truth no longer has: the truth was edited after sampling, and the label is still
  where the point came from.
- A session without a truth has no ``truth`` key at all, so its file is what it was before the key
  existed; ``null`` reads as no truth too.
"""

from __future__ import annotations

import numpy as np

from gmmviz.core import GmmvizError
from gmmviz.io.mixture_json import mixture_from_dict, mixture_to_dict
from gmmviz.io.session_labels import is_label


def truth_to_json(truth, n_samples: int) -> dict:
    """``{"truth": ...}`` for a session's truth, ``{}`` for None.

    Parameters
    ----------
    truth : dict or None
        ``mixture`` (Mixture) and ``labels``, None or an int array of shape (n_samples,), 0-based,
        -1 for a point not sampled from the truth.
    n_samples : int
    """
    if truth is None:
        return {}
    labels = truth.get("labels")
    if labels is not None:
        labels = np.asarray(labels)
        if labels.shape != (n_samples,) or labels.dtype.kind not in "iu" or np.any(labels < -1):
            raise GmmvizError(f"truth labels must be one component index (or -1) for each of the {n_samples} points")
        labels = [None if label < 0 else int(label) + 1 for label in labels]
    return {"truth": {"mixture": mixture_to_dict(truth["mixture"]), "labels": labels}}


def truth_from_json(raw, n_samples: int):
    """The truth of a session from the optional ``"truth"`` key (see :func:`truth_to_json`), or None.

    Raises
    ------
    GmmvizError
        Naming what is wrong ("truth.labels must be ...").
    """
    if raw is None:
        return None
    if not isinstance(raw, dict) or "mixture" not in raw:
        raise GmmvizError('truth must be {"mixture": <gmmviz-mixture>, "labels": [...] or null}')
    mixture, _fit = mixture_from_dict(raw["mixture"], source="truth.mixture")
    labels = raw.get("labels")
    if labels is not None:
        if not (isinstance(labels, list) and len(labels) == n_samples and all(is_label(label) for label in labels)):
            raise GmmvizError(
                f"truth.labels must be a component number from 1 (or null) for each of the {n_samples} points")
        labels = np.array([-1 if label is None else label - 1 for label in labels], dtype=np.intp)
    return {"mixture": mixture, "labels": labels}
