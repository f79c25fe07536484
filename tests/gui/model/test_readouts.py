"""The status read-outs name what each number is, and show none for a fit that is out of date."""

import threading

from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.readouts import FIELDS, status_fields
from gmmviz.io.datasets import old_faithful


def drive(session, command):
    for state in session.plan(command)(threading.Event()):
        session.record(state)
        session.set_live(state)


def test_values_say_which_iteration_they_belong_to_and_change_is_per_point():
    session = FitSession()
    assert status_fields(session)["iteration"].startswith("no fit")
    session.load_points(*old_faithful())
    drive(session, "initialise")
    assert status_fields(session)["objective"] == "log-likelihood: not computed yet (E-step)"
    assert status_fields(session)["converged"] == ""        # nothing to judge it by yet
    drive(session, "step")
    fields = status_fields(session)
    assert list(fields) == list(FIELDS)
    assert fields["iteration"] == "iteration 1 (after M-step)"
    assert fields["objective"].startswith("log-likelihood of iteration 0: ")
    drive(session, "e_step")
    fields = status_fields(session)
    assert fields["objective"].startswith("log-likelihood of iteration 1: ")
    assert fields["change"].startswith("change per point ") and fields["converged"] == "not converged"
    session.points.append([[3.0, 70.0]])
    fields = status_fields(session)
    assert "out of date" in fields["iteration"] and fields["objective"] == fields["change"] == ""


def test_a_degenerate_component_held_up_by_a_large_reg_covar_says_so_instead_of_advising_a_larger_one():
    session = FitSession()
    session.load_points(*old_faithful())
    session.set_setting("reg_covar", 0.5)               # more than the eruptions' variance in a cluster
    drive(session, "initialise")
    drive(session, "step")
    assert "reg_covar 0.5 is large for data of this spread: a smaller one" in status_fields(session)["warnings"]
