"""The mixture JSON format: exact round trips, the documented layout, and one clear error per bad file."""

import copy
import json
import os

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, GmmvizError, Mixture, fit
from gmmviz.io.datasets import old_faithful
from gmmviz.io.mixture_json import FIT_KEYS, fit_record, mixture_from_dict, mixture_to_dict, read_mixture, write_mixture

FULL = np.array([[[0.07, 0.43], [0.43, 33.7]], [[0.17, 0.94], [0.94, 36.0]], [[1.0, -0.2], [-0.2, 2.0]]])
COVARIANCES = {
    "full": FULL,
    "tied": FULL[0],
    "diag": np.array([[0.07, 33.7], [0.17, 36.0], [1.0, 2.0]]),
    "spherical": np.array([0.1, 0.3, 1.7]),
}


def mixture_of(covariance_type):
    # Weights and means that are not short decimals, so any loss of precision would show.
    weights = np.array([1.0, 2.0, 4.0]) / 7.0
    means = np.array([[2.0 / 3.0, 54.479860177736], [4.28977943572, 79.969532978892], [np.pi, -np.e]])
    return Mixture(weights, means, COVARIANCES[covariance_type], covariance_type)


@pytest.fixture(scope="module")
def faithful_fit():
    X, columns = old_faithful()
    return fit(X, 2, seed=0), columns


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_round_trip_is_exact(tmp_path, covariance_type):
    mixture = mixture_of(covariance_type)
    path = tmp_path / "mixture.json"
    write_mixture(path, mixture)
    again, fit_info = read_mixture(path)
    assert fit_info is None
    assert again.covariance_type == covariance_type
    np.testing.assert_array_equal(again.weights, mixture.weights)
    np.testing.assert_array_equal(again.means, mixture.means)
    np.testing.assert_array_equal(again.covariances, mixture.covariances)
    write_mixture(tmp_path / "again.json", again)
    assert (tmp_path / "again.json").read_text() == path.read_text()


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_covariances_are_written_as_full_matrices(tmp_path, covariance_type):
    mixture = mixture_of(covariance_type)
    path = tmp_path / "mixture.json"
    write_mixture(path, mixture)
    document = json.loads(path.read_text())
    assert document["format"] == "gmmviz-mixture" and document["version"] == 2
    assert document["covariance_type"] == covariance_type
    assert np.shape(document["weights"]) == (3,)
    assert np.shape(document["means"]) == (3, 2)
    np.testing.assert_array_equal(document["covariances"], mixture.full_covariances)


def test_fit_record_has_the_documented_keys(tmp_path, faithful_fit):
    result, columns = faithful_fit
    path = tmp_path / "fit.json"
    write_mixture(path, result.mixture, fit_record(result, columns))
    mixture, record = read_mixture(path)
    assert tuple(record) == FIT_KEYS
    assert record["log_likelihood"] == result.log_likelihood
    assert record["mean_log_likelihood"] == result.mean_log_likelihood
    assert record["bic"] == result.bic and record["aic"] == result.aic
    assert record["n_iter"] == result.n_iter and record["converged"] is result.converged
    assert record["n_samples"] == 272
    assert record["init"] == "kmeans" and record["seed"] == 0
    assert record["tol"] == 1e-3 and record["reg_covar"] == 1e-6
    assert record["prior"] is None
    assert record["columns"] == ["eruptions", "waiting"]
    assert mixture == result.mixture


def test_fit_result_is_accepted_as_the_record(faithful_fit):
    result, _ = faithful_fit
    document = mixture_to_dict(result.mixture, result)
    assert document["fit"]["bic"] == result.bic
    assert document["fit"]["columns"] is None


def test_prior_is_recorded_as_a_dictionary(tmp_path):
    X, columns = old_faithful()
    result = fit(X, 2, seed=0, prior=True)
    path = tmp_path / "map.json"
    write_mixture(path, result.mixture, fit_record(result, columns))
    _, record = read_mixture(path)
    assert isinstance(record["prior"], dict) and record["prior"]


def test_non_finite_fit_values_are_written_as_null(tmp_path):
    path = tmp_path / "mixture.json"
    write_mixture(path, mixture_of("full"), {"log_likelihood": float("nan"), "bic": np.float64(np.inf), "n_iter": 0})
    text = path.read_text()
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text)["fit"] == {"log_likelihood": None, "bic": None, "n_iter": 0}


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "mixture.json"
    path.write_text("previous")
    write_mixture(path, mixture_of("diag"))
    assert [p.name for p in tmp_path.iterdir()] == ["mixture.json"]
    assert read_mixture(path)[0] == mixture_of("diag")


def test_write_to_a_missing_folder_names_the_file(tmp_path):
    path = tmp_path / "missing" / "mixture.json"
    with pytest.raises(GmmvizError, match="cannot be written") as info:
        write_mixture(path, mixture_of("full"))
    assert os.fspath(path) in str(info.value)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("n_components, seed", [(5, 0), (6, 4)])
def test_fitted_mixtures_read_back_bit_for_bit(tmp_path, covariance_type, n_components, seed):
    X, _ = old_faithful()
    mixture = fit(X, n_components, covariance_type=covariance_type, seed=seed).mixture
    write_mixture(tmp_path / "fit.json", mixture)
    again, _ = read_mixture(tmp_path / "fit.json")
    assert again.weights.tobytes() == mixture.weights.tobytes()
    assert again == mixture


def test_weights_within_tolerance_are_accepted():
    document = mixture_to_dict(mixture_of("full"))
    document["weights"] = [w + 3e-7 for w in document["weights"]]
    mixture, _ = mixture_from_dict(document)
    assert mixture.weights.sum() == pytest.approx(1.0, abs=1e-15)


def test_unknown_fit_keys_are_kept():
    document = mixture_to_dict(mixture_of("full"), {"n_iter": 3, "note": "from a newer minor release"})
    assert mixture_from_dict(document)[1] == {"n_iter": 3, "note": "from a newer minor release"}


def edit(change):
    document = mixture_to_dict(mixture_of("full"))
    change(document)
    return document


BAD_DOCUMENTS = {
    "not an object": ([1, 2, 3], "not a gmmviz mixture file"),
    "other format": (edit(lambda d: d.update(format="something-else")), "not a gmmviz mixture file"),
    "newer version": (edit(lambda d: d.update(version=3)), "newer gmmviz (format version 3)"),
    "version string": (edit(lambda d: d.update(version="1")), 'has "version": "1"'),
    "version zero": (edit(lambda d: d.update(version=0)), 'has "version": 0'),
    "covariance type": (edit(lambda d: d.update(covariance_type="banana")), '"covariance_type": "banana"'),
    "no weights": (edit(lambda d: d.pop("weights")), 'no "weights"'),
    "empty weights": (edit(lambda d: d.update(weights=[])), "non-empty"),
    "weights sum": (edit(lambda d: d.update(weights=[0.5, 0.4, 0.2])), "sum to 1"),
    "negative weight": (edit(lambda d: d.update(weights=[1.2, -0.2, 0.0])), "non-negative"),
    "weight as text": (edit(lambda d: d.update(weights=["0.5", 0.25, 0.25])), '"weights" that are not'),
    "weight true": (edit(lambda d: d.update(weights=[True, 0.0, 0.0])), '"weights" that are not'),
    "means shape": (edit(lambda d: d.update(means=[[0, 0], [1, 1]])), '"means" of shape [2, 2]'),
    "means ragged": (edit(lambda d: d.update(means=[[0, 0], [1], [2, 2]])), '"means" that are not'),
    "means null": (edit(lambda d: d.update(means=None)), 'no "means"'),
    "covariances shape": (edit(lambda d: d.update(covariances=[[1, 2], [3, 4], [5, 6]])), '"covariances" of shape'),
    "not symmetric": (edit(lambda d: d["covariances"][0].__setitem__(0, [1.0, 0.5])), "symmetric"),
    "not positive definite": (edit(lambda d: d["covariances"].__setitem__(1, [[1, 2], [2, 1]])), "positive definite"),
    "diag with correlation": (edit(lambda d: d.update(covariance_type="diag")), "'diag' structure"),
    "fit not object": (edit(lambda d: d.update(fit=[1])), '"fit" entry that is not an object'),
}


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_bad_document_names_the_file_and_the_problem(tmp_path, name):
    document, match = BAD_DOCUMENTS[name]
    path = tmp_path / "params.json"
    path.write_text(json.dumps(copy.deepcopy(document)))
    with pytest.raises(GmmvizError) as info:
        read_mixture(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert match in message


def test_newer_version_asks_to_upgrade(tmp_path):
    path = tmp_path / "future.json"
    path.write_text(json.dumps(edit(lambda d: d.update(version=7))))
    with pytest.raises(GmmvizError, match="upgrade gmmviz"):
        read_mixture(path)


@pytest.mark.parametrize(
    "content, match",
    [
        ("", "not valid JSON"),
        ('{"format": "gmmviz-mixture",', "not valid JSON"),
        ("NaN", "has NaN, which JSON does not allow"),
        (b"\xff\xfe\x00garbage", "not a text file"),
    ],
)
def test_bad_json_text(tmp_path, content, match):
    path = tmp_path / "params.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(GmmvizError, match=match) as info:
        read_mixture(path)
    assert str(info.value).startswith(f"{path}: ")


def test_missing_file(tmp_path):
    with pytest.raises(GmmvizError, match="does not exist"):
        read_mixture(tmp_path / "nope.json")


def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "params.json"
    write_mixture(path, mixture_of("full"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    mixture, _ = read_mixture(path)
    assert mixture == mixture_of("full")


@pytest.mark.parametrize(
    "key, value, match",
    [
        ("weights", "[0.5, NaN, 0.25]", "has NaN, which JSON does not allow"),
        ("means", "[[0, Infinity], [1, 1], [2, 2]]", "has Infinity, which JSON does not allow"),
        ("weights", "[" + "1" * 401 + ", 0, 0]", "has an integer of 401 digits, beyond the float range"),
        ("weights", "[" + "1" * 5000 + ", 0, 0]", "has an integer of 5000 digits, beyond the float range"),
        ("means", "[[0, 1e400], [1, 1], [2, 2]]", "has the number 1e400, beyond the float range"),
        ("covariances", "[" * 1000 + "]" * 1000, "is nested more than 32 levels deep"),
    ],
)
def test_numbers_json_cannot_hold_exactly_are_one_line(tmp_path, key, value, match):
    document = json.dumps(edit(lambda d: d.update({key: "VALUE"})))
    path = tmp_path / "params.json"
    path.write_text(document.replace('"VALUE"', value))
    with pytest.raises(GmmvizError, match=match) as info:
        read_mixture(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_a_python_int_beyond_the_float_range_is_not_a_weight():
    with pytest.raises(GmmvizError, match='"weights" that are not a list of numbers'):
        mixture_from_dict(edit(lambda d: d.update(weights=[10**400, 0, 0])))


def test_a_noise_component_round_trips_as_version_2(tmp_path):
    mixture = mixture_of("full").with_noise(0.125, 1838.4)
    path = tmp_path / "noise.json"
    write_mixture(path, mixture)
    document = json.loads(path.read_text())
    assert (document["version"], document["noise_weight"], document["noise_volume"]) == (2, 0.125, 1838.4)
    assert abs(sum(document["weights"]) - 1.0) < 1e-12
    again, _ = read_mixture(path)
    assert again == mixture
    assert "noise_weight" not in mixture_to_dict(mixture_of("full"))


def test_a_version_1_file_still_reads(tmp_path):
    document = mixture_to_dict(mixture_of("diag"))
    document["version"] = 1
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    mixture, _ = read_mixture(path)
    assert mixture == mixture_of("diag") and not mixture.has_noise


@pytest.mark.parametrize("noise", [{"noise_weight": 0.1}, {"noise_weight": 0.1, "noise_volume": "big"},
                                   {"noise_weight": True, "noise_volume": 2.0}])
def test_half_a_noise_component_is_refused(noise):
    document = {**mixture_to_dict(mixture_of("full")), **noise}
    with pytest.raises(GmmvizError, match='"noise_weight" and "noise_volume" that are not two numbers'):
        mixture_from_dict(document)


def test_the_fit_record_keeps_noise_freeze_and_weights():
    X, columns = old_faithful()
    weights = np.linspace(0.5, 2.0, len(X))
    result = fit(X, 2, seed=0, noise=True, freeze={1: {"weight"}}, sample_weight=weights)
    record = fit_record(result, columns, weights="duration")
    assert record["noise"] is True and record["freeze"] == {"2": ["weight"]}
    assert record["weights"] == "duration" and record["sum_of_weights"] == pytest.approx(weights.sum())
    plain = fit_record(fit(X, 2, seed=0), columns)
    assert not {"noise", "freeze", "weights", "sum_of_weights"} & set(plain)
