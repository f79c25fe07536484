"""``gmmviz --truth PARAMS.json --sample N --seed S [-k K] --run --screenshot OUT.png``, in-process."""

import numpy as np
import pytest
from PIL import Image

from gmmviz.core import Mixture
from gmmviz.io.mixture_json import write_mixture

TRUTH = Mixture([0.5, 0.3, 0.2], [[0.0, 0.0], [12.0, 0.0], [0.0, 12.0]],
                [[[1.0, 0.3], [0.3, 0.8]], [[0.6, 0.0], [0.0, 1.2]], [[1.0, -0.4], [-0.4, 1.0]]])


@pytest.fixture
def truth_file(tmp_path):
    write_mixture(tmp_path / "truth.json", TRUTH)
    return tmp_path / "truth.json"


@pytest.fixture
def window_at_screenshot(at_screenshot):
    """What the window showed when its screenshot was written: {truth, n_points, K, agreement, ari curve}."""

    def look(window):
        session = window.session
        return dict(truth=session.truth.mixture, points=session.points.X.copy(),
                    k=session.mixture_on_screen().n_components, overlay=window.plot.truth_overlay.mixture,
                    agreement=window.truth_commands.agreement_panel.text,
                    agreement_shown=window.docks["agreement"].isVisible(),
                    curve=window.history_panel.agreement_values)

    return at_screenshot(look)


def test_sample_fit_and_screenshot_with_the_truth_and_the_agreement(qapp, gmmviz_cli, tmp_path, truth_file,
                                                                    window_at_screenshot):
    done = gmmviz_cli("--truth", truth_file, "--sample", 600, "--seed", 3, "--run", "--screenshot", "shot.png")
    assert done.returncode == 0, done.stderr
    with Image.open(tmp_path / "shot.png") as image:
        assert image.size[0] > 600
    seen = window_at_screenshot
    assert seen["truth"] == TRUTH and seen["overlay"] == TRUTH
    assert len(seen["points"]) == 600
    np.testing.assert_array_equal(seen["points"], TRUTH.sample(600, seed=3)[0])     # the same seed, the same points
    assert seen["k"] == 3                      # K defaults to the truth's
    assert seen["agreement_shown"] and "Adjusted Rand index 1.0000" in seen["agreement"]
    assert seen["curve"][-1, 1] == 1.0


def test_k_can_differ_from_the_truths(qapp, gmmviz_cli, truth_file, window_at_screenshot):
    done = gmmviz_cli("--truth", truth_file, "--sample", 300, "--seed", 1, "-k", 2, "--run", "--screenshot", "s.png")
    assert done.returncode == 0, done.stderr
    assert window_at_screenshot["k"] == 2
    assert "true 1 ↔ fit" in window_at_screenshot["agreement"]


@pytest.mark.parametrize("args, match", [
    (("--sample", "10", "--screenshot", "s.png"), "--truth"),
    (("data.csv", "--truth", "truth.json", "--sample", "10", "--screenshot", "s.png"), "no PATH"),
])
def test_sample_without_a_truth_or_with_a_data_file_is_one_error(gmmviz_cli, truth_file, args, match):
    assert match in gmmviz_cli(*args).error_line()


def test_a_bad_truth_file_is_one_error_and_no_screenshot(qapp, gmmviz_cli, tmp_path, bad_files):
    line = gmmviz_cli("--truth", "params.json", "--sample", 10, "--screenshot", "s.png").error_line()
    assert "params.json" in line
    assert not (tmp_path / "s.png").exists()
