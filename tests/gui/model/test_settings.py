"""The window's fit settings: the noise component off, over the bounding box or over a given volume."""

import math

import pytest

from gmmviz.core import GmmvizError
from gmmviz.gui.model.settings import WindowSettings


def test_the_noise_setting_gives_em_no_noise_the_bounding_box_or_its_volume():
    assert WindowSettings().fit_settings().noise is None
    assert WindowSettings(noise=True).fit_settings().noise is True
    assert WindowSettings(noise=2500.0).fit_settings().noise == 2500.0


@pytest.mark.parametrize("value", [0, -5.0, math.inf, math.nan, None, "box"])
def test_a_noise_setting_that_is_no_volume_is_refused_in_one_sentence(value):
    with pytest.raises(GmmvizError, match="noise"):
        WindowSettings().changed(noise=value)
