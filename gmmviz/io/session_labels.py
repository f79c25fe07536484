"""The labels of the points in a session file: one component number (from 1, as in every file) or null per point.

The true labels (:mod:`gmmviz.io.session_truth`) and the painted ones (``labels.painted``,
:mod:`gmmviz.io.session`) are read with the same rule.

Decisions:

- A label is a whole number from 1 to :data:`LARGEST_LABEL`, the largest a machine integer holds (labels
  are kept as such, 0-based), or null for a point without one; a larger number is damage, as a label of 0 is.
"""

from __future__ import annotations

import numpy as np

#: The largest component number a label may be.
LARGEST_LABEL = int(np.iinfo(np.intp).max)


def is_label(value) -> bool:
    """True when ``value`` read from a file is a label: a component number from 1 to LARGEST_LABEL, or None."""
    # bool is an int subclass, but true is no component number
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= LARGEST_LABEL)
