"""``gmmviz fit --true-labels COLUMN`` and ``--init-labels COLUMN`` on iris with its species."""

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score, confusion_matrix

from gmmviz.core import fit
from gmmviz.core.label_init import label_codes, mixture_from_labels
from gmmviz.io import read_mixture


def iris_petals():
    data = load_iris()
    return np.ascontiguousarray(data.data[:, 2:]), data.target_names[data.target]


def test_true_labels_print_and_record_scikit_learns_ari_and_the_matched_confusion_matrix(gmmviz_cli, tmp_path,
                                                                                          iris_csv):
    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "-k", 3, "--seed", 0,
                      "--true-labels", "species", "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    X, species = iris_petals()
    fitted = fit(X, 3, seed=0).resp.argmax(axis=1)
    ari = adjusted_rand_score(species, fitted)
    codes, _ = label_codes(species)                    # species in sorted order
    counts = confusion_matrix(codes, fitted)            # rows: species, columns: components 0..K-1
    _, record = read_mixture(tmp_path / "fit.json")
    truth = record["true_labels"]
    assert truth["column"] == "species" and truth["n_labelled"] == 150
    assert truth["adjusted_rand_index"] == pytest.approx(ari, abs=1e-15)
    assert truth["classes"] == ["setosa", "versicolor", "virginica"]
    columns = [k - 1 for k in truth["components"]]
    np.testing.assert_array_equal(truth["confusion_matrix"], counts[:, columns])
    assert np.trace(truth["confusion_matrix"]) == max(np.trace(counts[:, list(p)]) for p in _permutations(3))
    assert truth["matched_fraction"] == np.trace(truth["confusion_matrix"]) / 150

    out = done.stdout
    assert "Agreement with species (150 labelled points)" in out
    assert f"adjusted Rand   {ari:.6g}" in out
    lines = [line.split() for line in out.splitlines()]
    assert ["species", *map(str, truth["components"])] in lines
    for name, row in zip(truth["classes"], truth["confusion_matrix"]):
        assert [name, *map(str, row)] in lines


def _permutations(n):
    from itertools import permutations

    return permutations(range(n))


def test_rows_without_a_label_take_no_part(gmmviz_cli, tmp_path, iris_csv):
    lines = iris_csv.read_text().splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ","              # the first flower has no species
    iris_csv.write_text("\n".join(lines) + "\n")
    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "-k", 3, "--seed", 0,
                      "--true-labels", "species", "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    _, record = read_mixture(tmp_path / "fit.json")
    assert record["true_labels"]["n_labelled"] == 149
    assert np.sum(record["true_labels"]["confusion_matrix"]) == 149


def test_init_labels_start_em_from_the_m_step_of_the_species(gmmviz_cli, tmp_path, iris_csv):
    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "--init-labels", "species",
                      "--max-iter", 0, "--json", "start.json")
    assert done.returncode == 0, done.stderr
    assert "Initial components from species: 1 setosa, 2 versicolor, 3 virginica" in done.stdout
    X, species = iris_petals()
    codes, _ = label_codes(species)
    mixture, record = read_mixture(tmp_path / "start.json")
    assert mixture == mixture_from_labels(X, codes, 3)
    assert record["init"] == "parameters" and record["init_labels"] == "species"

    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "--init-labels", "species",
                      "--covariance", "diag", "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    expected = fit(X, 3, covariance_type="diag", init=mixture_from_labels(X, codes, 3, "diag")).mixture
    fitted = read_mixture(tmp_path / "fit.json")[0]
    for name in ("weights", "means", "covariances"):    # reading renormalises the weights: round-off
        np.testing.assert_allclose(getattr(fitted, name), getattr(expected, name), rtol=1e-12)


def test_label_options_that_cannot_work_are_one_line(gmmviz_cli, iris_csv):
    base = ("fit", iris_csv, "--columns", "petal_length,petal_width")
    assert "component 4 has no labelled points" in gmmviz_cli(*base, "--init-labels", "species", "-k", 4).error_line()
    assert "give one of them" in gmmviz_cli(*base, "--init-labels", "species", "--init", "random").error_line()
    assert "no column named 'kind'" in gmmviz_cli(*base, "-k", 3, "--true-labels", "kind").error_line()
    assert "both for the points and as labels" in gmmviz_cli(*base, "-k", 3, "--true-labels",
                                                             "petal_width").error_line()


def test_true_labels_from_a_column_without_labels_is_one_line_before_the_fit(gmmviz_cli, tmp_path):
    """It reported 'matched 100 % of the labelled points' of 0 labelled points, and the JSON a fraction of 1."""
    rows = "".join(f"{i % 7},{i * i % 11},\n" for i in range(40))
    (tmp_path / "points.csv").write_text("x,y,kind\n" + rows)
    done = gmmviz_cli("fit", "points.csv", "-k", 2, "--true-labels", "kind", "--json", "fit.json")
    assert "--true-labels kind: the column has no labels" in done.error_line()
    assert not (tmp_path / "fit.json").exists()


def test_init_labels_count_weighted_rows_with_their_weights(gmmviz_cli, tmp_path, iris_csv):
    lines = iris_csv.read_text().splitlines()
    weight = np.arange(150) % 3 + 1
    iris_csv.write_text("\n".join([lines[0] + ",w"] + [f"{line},{w}" for line, w in zip(lines[1:], weight)]) + "\n")
    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "--init-labels", "species",
                      "--weights", "w", "--max-iter", 0, "--json", "start.json")
    assert done.returncode == 0, done.stderr
    X, species = iris_petals()
    codes, _ = label_codes(species)
    expected = mixture_from_labels(np.repeat(X, weight, axis=0), np.repeat(codes, weight), 3)
    mixture, _ = read_mixture(tmp_path / "start.json")
    for name in ("weights", "means", "covariances"):
        np.testing.assert_allclose(getattr(mixture, name), getattr(expected, name), rtol=1e-10)


def test_points_of_weight_zero_take_no_part_in_the_agreement(gmmviz_cli, tmp_path, iris_csv):
    lines = iris_csv.read_text().splitlines()
    weight = (np.arange(150) >= 50).astype(int)            # setosa weighs nothing
    iris_csv.write_text("\n".join([lines[0] + ",w"] + [f"{line},{w}" for line, w in zip(lines[1:], weight)]) + "\n")
    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "-k", 2, "--seed", 0,
                      "--weights", "w", "--true-labels", "species", "--json", "fit.json")
    assert done.returncode == 0, done.stderr
    _, record = read_mixture(tmp_path / "fit.json")
    assert record["true_labels"]["n_labelled"] == 100 and "Agreement with species (100 labelled points)" in done.stdout
    assert np.sum(record["true_labels"]["confusion_matrix"]) == 100


def test_with_noise_the_confusion_matrix_calls_the_noise_column_noise(gmmviz_cli, iris_csv):
    done = gmmviz_cli("fit", iris_csv, "--columns", "petal_length,petal_width", "-k", 3, "--seed", 0, "--noise",
                      "--true-labels", "species")
    assert done.returncode == 0, done.stderr
    header = next(line.split() for line in done.stdout.splitlines() if line.startswith("species "))
    assert sorted(header[1:]) == ["1", "2", "3", "noise"]
