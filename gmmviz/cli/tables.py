"""What the ``gmmviz`` commands print: the fit table, the criterion table of ``select``, the data line, the
agreement with known labels.

Plain text for a terminal: the first column left-aligned, numbers right-aligned with six significant
digits, missing values as ``-``. A mean gets more digits when six would not show it to a hundredth of its
component's spread: data near 1e6 printed both means as ``1e+06``.
"""

from __future__ import annotations

import math

import numpy as np


def number(value, digits=6) -> str:
    """``digits`` significant digits; ``-`` for a missing value (None, NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}g}"


def mean_digits(means, variances) -> int:
    """Significant digits that show every mean (n,) to a hundredth of its standard deviation (n,): six or more,
    at most the 15 a float holds."""
    ratio = np.abs(np.asarray(means, dtype=float)) / np.sqrt(np.asarray(variances, dtype=float))
    largest = float(ratio[np.isfinite(ratio)].max(initial=1.0))
    return int(min(15, max(6, math.ceil(math.log10(max(largest, 1.0))) + 3)))   # a last digit under σ/100


def _table(header: list[str], rows: list[list[str]]) -> str:
    """Left-aligned first column, right-aligned others, two spaces apart."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    lines = []
    for cells in [header, *rows]:
        first, *rest = cells
        lines.append("  ".join([first.ljust(widths[0])] + [c.rjust(w) for c, w in zip(rest, widths[1:])]).rstrip())
    return "\n".join(lines)


def describe_data(loaded) -> str:
    skipped = f", {loaded.n_skipped} row{'s' * (loaded.n_skipped != 1)} skipped" if loaded.n_skipped else ""
    note = f"; {loaded.format_note()}" if loaded.format_note() else ""
    return (f"Data: {loaded.path} ({loaded.X.shape[0]} points{skipped}), columns {loaded.columns[0]}, "
            f"{loaded.columns[1]}{note}")


def format_fit(result, columns=("x", "y")) -> str:
    """The ``gmmviz fit`` table: parameters per component, then scores and convergence."""
    a, b = columns
    mixture = result.mixture
    header = ["component", "weight", f"mean {a}", f"mean {b}", f"var {a}", "covariance", f"var {b}"]
    covariances = mixture.full_covariances
    digits = [mean_digits(mixture.means[:, j], covariances[:, j, j]) for j in (0, 1)]
    rows = [
        [str(k + 1), number(w), number(m[0], digits[0]), number(m[1], digits[1]),
         *map(number, (c[0, 0], c[0, 1], c[1, 1]))]
        for k, (w, m, c) in enumerate(zip(mixture.weights, mixture.means, covariances))
    ]
    if mixture.has_noise:
        # The components' weights are shares of the points that are not noise (gmmviz.core.noise).
        rows.append(["noise", number(mixture.noise_weight), *["-"] * 5])
    summary = [
        ["log-likelihood", f"{number(result.log_likelihood)} (mean {number(result.mean_log_likelihood)} per point)"],
        ["BIC", f"{number(result.bic)} (lower is better)"],
        ["AIC", f"{number(result.aic)} (lower is better)"],
        ["ICL", f"{number(result.icl)} (lower is better)"],
        ["iterations", str(result.n_iter)],
        ["converged", "yes" if result.converged else "no (raise --max-iter or --tol)"],
    ]
    if mixture.has_noise:
        summary.insert(0, ["noise volume", f"{number(mixture.noise_volume)} (the components' weights exclude "
                                           "the noise)"])
    title = f"{mixture.n_components} component{'s' * (mixture.n_components != 1)}, {mixture.covariance_type} covariance"
    return "\n".join([title, _table(header, rows), "", *(f"{name:<16}{value}" for name, value in summary)])


def format_selection(result) -> str:
    """Criterion table: one row per K, one column per covariance type, the best marked with ``*``.

    Degenerate candidates are marked ``!``, explained by a line under the table when there are any.
    """
    types = list(dict.fromkeys(row.covariance_type for row in result.rows))
    ks = sorted({row.n_components for row in result.rows})
    cells = {(row.n_components, row.covariance_type): row for row in result.rows}
    best = (result.best.n_components, result.best.covariance_type)
    marks = {key: "*" * (key == best) + "!" * bool(row.degenerate) for key, row in cells.items()}
    width = max(1, *map(len, marks.values()))
    rows = []
    for k in ks:
        line = [str(k)]
        for t in types:
            row = cells.get((k, t))
            value = number(getattr(row, result.criterion)) if row else "-"
            line.append(value + marks.get((k, t), "").ljust(width))
        rows.append(line)
    header = ["K", *[t + " " * width for t in types]]
    lines = [f"{result.criterion.upper()} (lower is better; * = best)", _table(header, rows)]
    if any(row.degenerate for row in result.rows):
        lines.append("! = degenerate (a component collapsed onto a point or a line): best only if all are")
    return "\n".join(lines)


def format_agreement(column, agreement, n_components) -> str:
    """The ``fit --true-labels`` report of a :class:`~gmmviz.core.label_agreement.LabelAgreement` with ``column``.

    The adjusted Rand index, the share of points on the diagonal, and the confusion matrix after matching:
    one row per label, one column per fitted component (1..K, of ``n_components`` Gaussians; the noise
    component, index K, is the column ``noise``), matched pairs on the diagonal.
    """
    confusion = agreement.confusion
    header = [column, *(str(k + 1) if k < n_components else "noise" for k in confusion.components)]
    rows = [[str(name), *map(str, counts)] for name, counts in zip(confusion.classes, confusion.matrix)]
    return "\n".join([
        f"Agreement with {column} ({agreement.n_labelled} labelled points)",
        f"{'adjusted Rand':<16}{number(agreement.ari)} (1 = the same grouping, about 0 = chance)",
        f"{'matched':<16}{number(100 * confusion.matched_fraction)} % of the labelled points on the diagonal",
        "",
        f"Confusion matrix after matching (rows: {column}; columns: fitted components)",
        _table(header, rows),
    ])
