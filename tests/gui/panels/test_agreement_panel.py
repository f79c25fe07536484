"""The agreement panel's lines: the ARI, how many points it compared, the parameter error and the matching."""

import math

import numpy as np

from gmmviz.core.agreement import ParameterError
from gmmviz.gui.model.truth import Agreement
from gmmviz.gui.panels.agreement_panel import NO_FIT, NO_LABELS, NO_TRUTH, agreement_lines

ERROR = ParameterError(pairs=np.array([[0, 1], [1, 0]]), weight=0.01, mean=0.25, covariance=0.5)


def test_the_lines_name_the_ari_the_errors_and_the_pairs_numbered_from_one():
    lines = agreement_lines(Agreement(0.98765, 300, 300, ERROR))
    assert lines == [
        "Adjusted Rand index 0.9877 (true against fitted labels of 300 sampled points; 1 = the same grouping)",
        "After matching components: max |Δweight| 0.01, max ‖Δmean‖ 0.25, max ‖ΔΣ‖ 0.5 (Frobenius)",
        "Matched: true 1 ↔ fit 2, true 2 ↔ fit 1",
    ]


def test_a_subset_is_said_and_missing_parts_have_their_sentence():
    assert "a random 20000 of the 500000 sampled points" in agreement_lines(Agreement(0.5, 500000, 20000, ERROR))[0]
    assert agreement_lines(Agreement(math.nan, 0, 0, ERROR))[0] == NO_LABELS
    assert agreement_lines(None) == [NO_FIT]
    assert agreement_lines(None, has_truth=False) == [NO_TRUTH]
