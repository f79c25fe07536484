"""``gmmviz fit --true-labels COLUMN`` and ``--init-labels COLUMN``: known labels read with the points.

Decisions
---------
- ``--true-labels`` compares the fitted hard labels (most probable component) with a label column: the
  adjusted Rand index and the confusion matrix after matching classes to components (rows: the column's
  labels; columns: the fitted components, numbered 1..K, matched pairs on the diagonal), printed after the
  fit and written into the ``--json`` fit record as ``true_labels``. Rows whose label cell is empty, and
  points of weight 0 (``--weights``: they count for nothing in the fit), are left out of both (the number of
  points compared is said). With ``--noise`` the noise component is the matrix's column ``noise``.
- ``--init-labels`` starts EM from the mixture the labelled points make (:mod:`gmmviz.core.label_init`:
  component k from the k-th label in sorted order, unlabelled points left out); K defaults to the number of
  distinct labels, and the printed line says which label became which component. It cannot go with an
  ``--init`` file or method other than the default, and there is nothing random, so ``--n-init`` is 1.
- Both may name the same column: the fit then shows how far EM moved from the labels it started at.
"""

from __future__ import annotations

import warnings

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.label_agreement import label_agreement
from gmmviz.core.label_init import label_codes, mixture_from_labels


def add_label_options(parser) -> None:
    """The two options of ``gmmviz fit``."""
    parser.add_argument("--true-labels", metavar="COLUMN",
                        help="compare the fitted labels with this label column: adjusted Rand index and "
                             "confusion matrix after matching")
    parser.add_argument("--init-labels", metavar="COLUMN",
                        help="start EM from the components of the points of each label in this column "
                             "(K defaults to the number of labels)")


def read_labelled_points(args, table_):
    """The points of ``table_`` (``args.data`` read), the labels of ``--true-labels`` and of ``--init-labels`` or None.

    Returns
    -------
    loaded : LoadedPoints
        ``labels`` are those of ``--true-labels`` (None without it).
    init_labels : ndarray of str of shape (n_samples,), or None
    """
    loaded = table_.points(args.columns, args.true_labels)
    if loaded.labels is not None and not label_codes(loaded.labels)[1]:     # before the fit: nothing to compare
        raise GmmvizError(f"--true-labels {args.true_labels}: the column has no labels; give a column with labels")
    init_labels = None if args.init_labels is None else table_.points(args.columns, args.init_labels).labels
    if loaded.n_skipped:
        warnings.warn(loaded.skip_notice(), GmmvizWarning)
    return loaded, init_labels


def true_labels_agreement(labels, resp, sample_weight=None):
    """The :class:`~gmmviz.core.label_agreement.LabelAgreement` of ``resp`` (n_samples, K) with ``labels`` (text).

    Points of weight 0 in ``sample_weight`` (n_samples,), if given, are left out as unlabelled ones are.
    """
    codes, names = label_codes(labels)
    if sample_weight is not None:
        codes = np.where(sample_weight > 0, codes, -1)
    return label_agreement(codes, names, resp)


def labels_initialisation(args, X, labels, sample_weight=None):
    """``(mixture, K, covariance type)`` for ``--init-labels`` on the points ``X`` (n_samples, 2), weighted or not."""
    if args.init != "kmeans":
        raise GmmvizError(f"--init {args.init} and --init-labels both choose the start: give one of them")
    codes, names = label_codes(labels)
    if not names:
        raise GmmvizError(f"--init-labels {args.init_labels}: the column has no labels; give a column with labels")
    n_components = args.k or len(names)
    covariance_type = args.covariance or "full"
    mixture = mixture_from_labels(X, codes, n_components, covariance_type, args.reg_covar,
                                  True if args.prior else None, sample_weight)
    return mixture, n_components, covariance_type


def describe_label_start(column, labels) -> str:
    """The line saying which label became which component, and how many points had none."""
    codes, names = label_codes(labels)
    unlabelled = int(np.count_nonzero(codes < 0))
    without = f" ({unlabelled} points without a label left out)" if unlabelled else ""
    named = ", ".join(f"{k + 1} {name}" for k, name in enumerate(names))
    return f"Initial components from {column}{without}: {named}"
