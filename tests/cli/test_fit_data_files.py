"""``gmmviz fit`` on spreadsheet exports: what was detected is printed, the labels file keeps the data's names."""

import csv

import numpy as np

from gmmviz.io import read_points


def test_a_decimal_comma_export_is_fitted_and_the_output_says_what_was_detected(gmmviz_cli, tmp_path, faithful):
    european = tmp_path / "european.csv"
    european.write_text(faithful.read_text().replace(",", ";").replace(".", ","))
    done = gmmviz_cli("fit", european, "-k", 2, "--seed", 0)
    assert done.returncode == 0, done.stderr
    data_line = next(line for line in done.stdout.splitlines() if line.startswith("Data:"))
    assert data_line == (f"Data: {european} (272 points), columns eruptions, waiting; "
                         "decimal comma, ';' between fields")
    assert done.stdout.split("\n", 1)[1] == gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0).stdout.split("\n", 1)[1]


def test_the_labels_file_is_headed_by_the_data_column_names(gmmviz_cli, tmp_path, faithful):
    done = gmmviz_cli("fit", faithful, "-k", 2, "--seed", 0, "--labels", "labels.csv")
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "labels.csv", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["eruptions", "waiting", "label", "p_1", "p_2"]
    np.testing.assert_array_equal(np.array(rows[1:], dtype=float)[:, :2], read_points(faithful).X)


def test_a_file_without_a_header_gives_labels_headed_x_y(gmmviz_cli, tmp_path, faithful):
    bare = tmp_path / "bare.csv"
    bare.write_text(faithful.read_text().split("\n", 1)[1])
    done = gmmviz_cli("fit", bare, "-k", 1, "--labels", "labels.csv")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "labels.csv").read_text().splitlines()[0] == "x,y,label,p_1"


def test_a_folder_is_refused_as_a_folder_whatever_its_name(gmmviz_cli, tmp_path):
    (tmp_path / "data").mkdir()
    assert gmmviz_cli("fit", "data", "-k", 2).error_line() == "gmmviz: error: data: is a directory; give a data file"


def test_the_data_line_counts_one_skipped_row_as_one_row(gmmviz_cli, tmp_path, faithful):
    with_text = tmp_path / "one_bad.csv"
    with_text.write_text(faithful.read_text() + "n/a,n/a\n")
    done = gmmviz_cli("fit", with_text, "-k", 2, "--seed", 0)
    assert done.returncode == 0, done.stderr
    assert "(272 points, 1 row skipped)" in done.stdout
