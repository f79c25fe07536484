"""The warm-up of the first EM step: on its own thread, and EM works while it runs."""

import json
import subprocess
import sys
import threading

import numpy as np

from gmmviz.core import EM
from gmmviz.gui.engine import warm_up
from gmmviz.io.datasets import old_faithful

#: A fresh process (nothing imported or loaded yet): start the warm-up, then at once Initialise Old Faithful.
FRESH_START = """
import json, threading
from gmmviz.gui.application import ensure_app
app = ensure_app()
from gmmviz.gui.engine import warm_up
from gmmviz.gui.main_window import MainWindow
from gmmviz.io.datasets import old_faithful
window = MainWindow()
window.show()
thread = warm_up.start()
returned_first = not warm_up.is_warm()
window.set_points(*old_faithful())
window.initialise()
while window.runner.is_running:
    app.processEvents()
    thread.join(0.01)
app.processEvents()
state = window.session.state_on_screen()
print(json.dumps({"returned_first": returned_first, "own_thread": thread is not threading.main_thread(),
                  "warm": warm_up.is_warm(), "weights": state.mixture.weights.tolist(),
                  "means": state.mixture.means.tolist(), "notice": window.notices.text()}))
"""


def test_initialise_right_after_the_warm_up_starts_gives_the_usual_mixture():
    out = subprocess.run([sys.executable, "-c", FRESH_START], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["own_thread"] and result["returned_first"]     # start() did not wait for the work
    assert result["warm"] and result["notice"] == ""
    expected = EM(old_faithful()[0], 2, seed=0).state.mixture
    np.testing.assert_allclose(result["weights"], expected.weights, rtol=1e-12)
    np.testing.assert_allclose(result["means"], expected.means, rtol=1e-12)


def test_a_job_after_the_warm_up_starts_once_it_has_finished():
    seen = []

    def job(cancel):
        seen.append(warm_up.is_warm())
        yield "state"

    thread = warm_up.start()
    assert list(warm_up.after_warm_up(job)(threading.Event())) == ["state"]
    thread.join(60)
    assert seen == [True] and not thread.is_alive()
