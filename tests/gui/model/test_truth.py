"""The true mixture in the window's model: sampling from it, the true labels, the agreement of a fit."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Mixture, fit
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.points import DeletePointsCommand
from gmmviz.gui.model.truth import NO_LABEL, sample_from_truth, with_component, with_value


def well_separated():
    return Mixture([0.5, 0.3, 0.2], [[0.0, 0.0], [12.0, 0.0], [0.0, 12.0]],
                   [[[1.0, 0.3], [0.3, 0.8]], [[0.6, 0.0], [0.0, 1.2]], [[1.0, -0.4], [-0.4, 1.0]]])


@pytest.fixture
def session():
    session = FitSession()
    session.truth.set_mixture(well_separated())
    return session


def test_sampled_points_have_the_truths_means_within_four_standard_errors(session):
    sample_from_truth(session, 3000, seed=5)
    X, labels = session.points.X, session.truth.labels_of(session.points.ids)
    truth = session.truth.mixture
    for k in range(truth.n_components):
        own = X[labels == k]
        standard_error = np.sqrt(np.diag(truth.full_covariances[k]) / len(own))
        assert np.all(np.abs(own.mean(axis=0) - truth.means[k]) < 4 * standard_error)


def test_the_same_seed_gives_the_same_points(session):
    sample_from_truth(session, 50, seed=3)
    first = session.points.X.copy()
    sample_from_truth(session, 50, seed=3)
    np.testing.assert_array_equal(session.points.X, first)


def test_a_sample_keeps_the_names_of_the_points_it_replaces(session):
    session.load_points([[1.0, 50.0], [4.0, 80.0]], ("eruptions", "waiting"))
    sample_from_truth(session, 20, seed=0)
    assert session.points.axis_names == ("eruptions", "waiting")


def test_sampling_replaces_the_points_in_one_undo_step_and_undo_restores_them(session):
    session.load_points([[100.0, 100.0], [101.0, 99.0]])
    before = session.points.X.copy()
    sample_from_truth(session, 200, seed=0)
    assert len(session.points) == 200
    session.undo_stack.undo()
    np.testing.assert_array_equal(session.points.X, before)


def test_sampling_added_to_the_points_is_one_undo_step(session):
    session.load_points([[100.0, 100.0]])
    sample_from_truth(session, 100, seed=0, add=True)
    assert len(session.points) == 101
    assert session.undo_stack.undo_text() == "Sample 100 points from the true mixture"
    session.undo_stack.undo()
    np.testing.assert_array_equal(session.points.X, [[100.0, 100.0]])


def test_labels_go_with_their_points_through_drawn_points_erasing_undo_and_redo(session):
    session.load_points([[100.0, 100.0]])
    sample_from_truth(session, 40, seed=1, add=True)
    X = session.points.X
    drawn_then_sampled = session.truth.labels_of(session.points.ids)
    assert drawn_then_sampled[0] == NO_LABEL and np.all(drawn_then_sampled[1:] >= 0)
    session.undo_stack.push(DeletePointsCommand(session.points, [1, 2], X[[1, 2]]))
    np.testing.assert_array_equal(session.truth.labels_of(session.points.ids), np.delete(drawn_then_sampled, [1, 2]))
    session.undo_stack.undo()
    np.testing.assert_array_equal(session.truth.labels_of(session.points.ids), drawn_then_sampled)
    session.undo_stack.undo()                   # the sample goes, and comes back with its labels
    assert np.all(session.truth.labels_of(session.points.ids) == NO_LABEL)
    session.undo_stack.redo()
    np.testing.assert_array_equal(session.truth.labels_of(session.points.ids), drawn_then_sampled)


def test_sampling_without_a_truth_is_refused_in_one_sentence():
    with pytest.raises(GmmvizError, match="no true mixture"):
        sample_from_truth(FitSession(), 10, seed=0)


def test_a_fit_of_a_well_separated_truth_agrees_with_it(session):
    sample_from_truth(session, 600, seed=2)
    session.add_points([[50.0, 50.0]])          # a drawn point takes no part
    fitted = fit(session.points.X[:-1], 3, seed=0).mixture
    agreement = session.truth.agreement(fitted, session.points)
    assert agreement.ari == 1.0
    assert agreement.n_labelled == 600
    assert agreement.error.mean < 0.2 and agreement.error.weight < 0.05


def test_no_agreement_without_a_truth_and_nan_ari_without_labels():
    session = FitSession()
    mixture = well_separated()
    session.load_points(np.zeros((3, 2)))
    assert session.truth.agreement(mixture, session.points) is None
    session.truth.set_mixture(mixture)
    assert np.isnan(session.truth.agreement(mixture, session.points).ari)


def test_a_new_weight_rescales_the_others_in_proportion():
    edited = with_value(well_separated(), 0, "weight", 0.8)
    np.testing.assert_allclose(edited.weights, [0.8, 0.12, 0.08])


def test_a_covariance_entry_edits_both_off_diagonal_cells_and_bad_ones_are_refused():
    edited = with_value(well_separated(), 1, "cov", 0.25)
    np.testing.assert_array_equal(edited.full_covariances[1], [[0.6, 0.25], [0.25, 1.2]])
    with pytest.raises(GmmvizError):
        with_value(well_separated(), 1, "cov", 5.0)     # not positive definite


def test_adding_and_removing_components():
    truth = well_separated()
    added = with_component(truth, [5.0, 5.0])
    assert added.n_components == 4
    np.testing.assert_allclose(added.weights, [0.375, 0.225, 0.15, 0.25])
    np.testing.assert_array_equal(added.means[3], [5.0, 5.0])
    np.testing.assert_allclose(added.full_covariances[3], np.einsum("k,kij->ij", truth.weights, truth.full_covariances))
    removed = truth.without_component(0)
    np.testing.assert_allclose(removed.weights, [0.6, 0.4])
    assert with_component(None, [1.0, 2.0]).n_components == 1
    with pytest.raises(GmmvizError, match="at least one component"):
        Mixture([1.0], [[0.0, 0.0]], [np.eye(2)]).without_component(0)


def test_above_the_limit_the_ari_compares_a_fixed_random_subset(session, monkeypatch):
    import gmmviz.gui.model.truth as truth_module
    from gmmviz.core.agreement import adjusted_rand_index

    monkeypatch.setattr(truth_module, "ARI_MAX_POINTS", 100)
    sample_from_truth(session, 400, seed=3)
    rough = Mixture([0.5, 0.5], [[0.0, 0.0], [12.0, 6.0]], [np.eye(2) * 30.0, np.eye(2) * 30.0])
    agreement = session.truth.agreement(rough, session.points)
    assert (agreement.n_labelled, agreement.n_compared) == (400, 100)
    labels = session.truth.labels_of(session.points.ids)
    exact = adjusted_rand_index(labels, rough.predict(session.points.X))
    assert agreement.ari != exact and abs(agreement.ari - exact) < 0.2
    assert session.truth.agreement(rough, session.points).ari == agreement.ari     # the same subset each time


def test_a_fit_that_calls_one_true_component_noise_agrees_with_the_truth(session):
    from gmmviz.gui.panels.agreement_panel import agreement_lines

    sample_from_truth(session, 600, seed=2)
    truth = session.truth.mixture
    # the truth's first two components, and noise where its third one is
    fitted = Mixture([0.6, 0.4], truth.means[:2], truth.full_covariances[:2]).with_noise(0.2, 400.0)
    assert np.count_nonzero(fitted.predict(session.points.X) < 0) > 100
    agreement = session.truth.agreement(fitted, session.points)
    assert agreement.ari > 0.95
    assert agreement_lines(agreement)[0].startswith(f"Adjusted Rand index {agreement.ari:.4f}")
