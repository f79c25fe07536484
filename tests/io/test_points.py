"""Reading points: every supported layout gives the right two columns, every bad file one clear error."""

import os
import warnings

import numpy as np
import pytest

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.io.points import load_points, numeric_columns, read_points

FAITHFUL_HEAD = np.array([[3.6, 79.0], [1.8, 54.0], [3.333, 74.0], [2.283, 62.0]])


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_quietly(path, columns=None):
    """read_points, failing the test if it warns."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_points(path, columns)


def table(delimiter, header=None, index=None):
    """FAITHFUL_HEAD as text with an optional header and row-index column."""
    lines = [delimiter.join(header)] if header else []
    for i, (x, y) in enumerate(FAITHFUL_HEAD.tolist()):
        cells = ([str(i + index)] if index is not None else []) + [repr(x), repr(y)]
        lines.append(delimiter.join(cells))
    return "\n".join(lines) + "\n"


# --- layouts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("data.csv", table(",", ["eruptions", "waiting"])),
        ("data.csv", table(", ", ["eruptions", "waiting"])),
        ("data.tsv", table("\t", ["eruptions", "waiting"])),
        ("data.txt", table("\t", ["eruptions", "waiting"])),
        ("data.txt", table("   ", ["eruptions", "waiting"])),
        ("data.dat", table(" \t ", ["eruptions", "waiting"])),
        ("data.csv", table(";", ["eruptions", "waiting"])),
        ("data.txt", table(",", ["eruptions", "waiting"])),
        ("data.csv", table(",", ['"eruptions"', '"waiting"'])),
        ("data.csv", "\ufeff" + table(",", ["eruptions", "waiting"])),
        ("data.csv", "\r\n".join(table(",", ["eruptions", "waiting"]).splitlines()) + "\r\n"),
        ("data.dat", "# Old Faithful\n\n" + table(" ", ["eruptions", "waiting"]) + "\n# end\n"),
    ],
    ids=["csv", "csv-spaces", "tsv", "txt-tabs", "txt-spaces", "dat-mixed", "semicolon", "txt-commas", "quoted",
         "bom", "crlf", "comments"],
)
def test_reads_header_and_delimiters(tmp_path, name, content):
    loaded = read_quietly(write(tmp_path, name, content))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert loaded.columns == ("eruptions", "waiting")
    assert loaded.n_skipped == 0
    assert loaded.X.dtype == np.float64 and loaded.X.flags.c_contiguous


@pytest.mark.parametrize("name, delimiter", [("data.csv", ","), ("data.tsv", "\t"), ("data.txt", " ")])
def test_without_header_columns_are_named_by_index(tmp_path, name, delimiter):
    loaded = read_quietly(write(tmp_path, name, table(delimiter)))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert loaded.columns == ("0", "1")


@pytest.mark.parametrize(
    "content",
    [
        '"eruption time","waiting (min)"\n3.6,79\n1.8,54\n',
        '"eruption time" "waiting (min)"\n3.6 79\n1.8 54\n',
    ],
    ids=["csv", "whitespace"],
)
def test_quoted_header_names_keep_their_spaces(tmp_path, content):
    loaded = read_quietly(write(tmp_path, "data.txt", content))
    assert loaded.columns == ("eruption time", "waiting (min)")
    np.testing.assert_array_equal(loaded.X, [[3.6, 79.0], [1.8, 54.0]])


@pytest.mark.parametrize(
    "content",
    [
        table(",", ['""', '"eruptions"', '"waiting"'], index=1),  # R write.csv
        table(",", ["", "eruptions", "waiting"], index=0),  # pandas to_csv
        table(",", ["Unnamed: 0", "eruptions", "waiting"], index=0),  # pandas read_csv + to_csv
        table(" ", ['"eruptions"', '"waiting"'], index=1),  # R write.table: header one name short
    ],
    ids=["R-write.csv", "pandas-to_csv", "pandas-unnamed", "R-write.table"],
)
def test_row_index_column_is_skipped(tmp_path, content):
    loaded = read_quietly(write(tmp_path, "data.csv" if "," in content else "data.txt", content))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert loaded.columns == ("eruptions", "waiting")


def test_r_row_names_that_are_not_numbers_are_skipped(tmp_path):
    content = '"","mpg","hp"\n"Mazda RX4",21,110\n"Datsun 710",22.8,93\n'
    loaded = read_quietly(write(tmp_path, "cars.csv", content))
    assert loaded.columns == ("mpg", "hp")
    np.testing.assert_array_equal(loaded.X, [[21.0, 110.0], [22.8, 93.0]])


def test_headerless_counting_first_column_is_skipped(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", table(",", index=1)))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert loaded.columns == ("0", "1")


def test_headerless_two_columns_keep_a_counting_first_column(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", "1,10\n2,20\n3,30\n"))
    np.testing.assert_array_equal(loaded.X, [[1, 10], [2, 20], [3, 30]])


def test_default_is_first_two_numeric_columns(tmp_path):
    content = "species,petal_length,colour,petal_width,sepal\nsetosa,1.4,red,0.2,5\nversicolor,4.7,blue,1.4,6\n"
    loaded = read_quietly(write(tmp_path, "iris.csv", content))
    assert loaded.columns == ("petal_length", "petal_width")
    np.testing.assert_array_equal(loaded.X, [[1.4, 0.2], [4.7, 1.4]])


@pytest.mark.parametrize(
    "columns, expected",
    [
        ("c,a", ("c", "a")),
        (" b , c ", ("b", "c")),
        ("2,0", ("c", "a")),
        (("a", "c"), ("a", "c")),
        ((1, 2), ("b", "c")),
        ((np.int64(2), "b"), ("c", "b")),
    ],
)
def test_columns_by_name_or_index(tmp_path, columns, expected):
    path = write(tmp_path, "data.tsv", "a\tb\tc\n1\t2\t3\n4\t5\t6\n")
    loaded = read_quietly(path, columns)
    assert loaded.columns == expected
    lookup = {"a": 0, "b": 1, "c": 2}
    np.testing.assert_array_equal(loaded.X, np.array([[1, 2, 3], [4, 5, 6]])[:, [lookup[n] for n in expected]])


def test_a_header_name_wins_over_an_index(tmp_path):
    path = write(tmp_path, "data.csv", "a,2,b\n1,2,3\n4,5,6\n")
    assert read_quietly(path, "2,a").columns == ("2", "a")


def test_indices_do_not_count_the_row_index_column(tmp_path):
    path = write(tmp_path, "data.csv", table(",", ["", "eruptions", "waiting"], index=0))
    assert read_quietly(path, "1,0").columns == ("waiting", "eruptions")


def test_bad_rows_are_skipped_and_counted_in_one_warning(tmp_path):
    content = "x,y,note\n1,2,ok\nNA,3,\n4,inf,\n5,nan,\n6,abc,\n7,\n,8\n9,10,ok\n"
    path = write(tmp_path, "data.csv", content)
    with pytest.warns(GmmvizWarning) as record:
        loaded = read_points(path)
    assert len(record) == 1
    message = str(record[0].message)
    assert "\n" not in message and "data.csv" in message and "skipped 6 of 8 rows" in message
    np.testing.assert_array_equal(loaded.X, [[1, 2], [9, 10]])
    assert loaded.n_skipped == 6


def test_bad_cells_outside_the_chosen_columns_do_not_skip_rows(tmp_path):
    path = write(tmp_path, "data.csv", "x,y,z\n1,2,oops\n3,4,nan\n")
    loaded = read_quietly(path, "x,y")
    assert loaded.n_skipped == 0


def test_latin1_text_is_read(tmp_path):
    path = write(tmp_path, "data.csv", "température,durée\n1,2\n3,4\n".encode("latin-1"))
    assert read_quietly(path).columns == ("température", "durée")


def test_npy(tmp_path):
    path = tmp_path / "points.npy"
    np.save(path, np.column_stack([FAITHFUL_HEAD, [1, 2, 3, 4]]))
    loaded = read_quietly(path)
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert loaded.columns == ("0", "1")
    assert read_quietly(path, "2,0").columns == ("2", "0")


def test_npy_integers_and_non_finite_rows(tmp_path):
    path = tmp_path / "points.npy"
    np.save(path, np.array([[1.0, 2.0], [np.nan, 1.0], [3.0, np.inf], [4.0, 5.0]]))
    with pytest.warns(GmmvizWarning, match="skipped 2 of 4 rows"):
        loaded = read_points(path)
    np.testing.assert_array_equal(loaded.X, [[1, 2], [4, 5]])
    np.save(path, np.array([[1, 2], [3, 4]], dtype=np.int32))
    assert read_quietly(path).X.dtype == np.float64


def test_npy_structured_array_uses_field_names(tmp_path):
    path = tmp_path / "points.npy"
    array = np.zeros(3, dtype=[("label", "i4"), ("x", "f8"), ("y", "f8")])
    array["x"], array["y"] = [1, 2, 3], [4, 5, 6]
    np.save(path, array)
    loaded = read_quietly(path, "x,y")
    assert loaded.columns == ("x", "y")
    np.testing.assert_array_equal(loaded.X, [[1, 4], [2, 5], [3, 6]])


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("iris.csv", "species,petal_length,colour,petal_width\nsetosa,1.4,red,0.2\nversicolor,4.7,blue,1.4\n",
         ["petal_length", "petal_width"]),
        ("r.csv", table(",", ['""', '"eruptions"', '"waiting"'], index=1), ["eruptions", "waiting"]),
        ("plain.txt", "1 2 3\n4 5 6\n", ["0", "1", "2"]),
    ],
)
def test_numeric_columns_are_the_names_read_points_accepts(tmp_path, name, content, expected):
    path = write(tmp_path, name, content)
    assert numeric_columns(path) == expected
    assert read_quietly(path, expected[::-1][:2]).columns == tuple(expected[::-1][:2])


def test_numeric_columns_of_a_bad_file_is_an_error(tmp_path):
    with pytest.raises(GmmvizError, match="does not exist"):
        numeric_columns(tmp_path / "nope.csv")


def test_load_points_returns_the_array(tmp_path):
    path = write(tmp_path, "data.csv", table(",", ["eruptions", "waiting"]))
    X = load_points(path, ("eruptions", "waiting"))
    np.testing.assert_array_equal(X, FAITHFUL_HEAD)


def test_large_file_is_read_fully(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50_000, 2))
    path = tmp_path / "big.csv"
    path.write_text("x,y\n" + "\n".join(f"{a!r},{b!r}" for a, b in X.tolist()) + "\n")
    np.testing.assert_array_equal(read_quietly(path).X, X)


# --- bad files ---------------------------------------------------------------------------------------


def assert_one_line_error(path, columns=None, match=None):
    with pytest.raises(GmmvizError) as info:
        read_points(path, columns)
    message = str(info.value)
    assert "\n" not in message
    assert os.fspath(path) in message
    if match:
        assert match in message
    return message


@pytest.mark.parametrize(
    "name, content, match",
    [
        ("empty.csv", "", "empty"),
        ("blank.csv", "\n  \n\t\n", "empty"),
        ("comments.txt", "# nothing here\n", "no data"),
        ("one.csv", "x\n1\n2\n3\n", "one column"),
        ("one.txt", "1\n2\n3\n", "one column"),
        ("header_only.csv", "x,y\n", "no data rows"),
        ("one_row.csv", "x,y\n1,2\n", "1 valid row"),
        ("all_bad.csv", "x,y\n1,NA\n2,inf\nNA,3\n", "0 valid rows"),
        ("text.csv", "name,colour\nfoo,red\nbar,blue\n", "0 numeric columns"),
        ("index_only.csv", '"","x"\n"1",5\n"2",6\n', "one column"),
        ("garbage.csv", bytes(range(256)) * 8, "not a text file"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15]) * 40, "not a text file"),
        ("points.xlsx", "x,y\n1,2\n3,4\n", "extension '.xlsx'"),
        ("points", "x,y\n1,2\n3,4\n", "no extension"),
        ("broken.npy", b"\x93NUMPY garbage", "not a valid .npy"),
        ("text.npy", "x,y\n1,2\n", "not a valid .npy"),
    ],
)
def test_bad_file_gives_one_line_naming_the_file(tmp_path, name, content, match):
    assert_one_line_error(write(tmp_path, name, content), match=match)


def test_missing_file(tmp_path):
    assert_one_line_error(tmp_path / "nope.csv", match="does not exist")


def test_directory(tmp_path):
    directory = tmp_path / "folder.csv"
    directory.mkdir()
    assert_one_line_error(directory, match="directory")


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.csv", "x,y\n1,2\n3,4\n")

    def refuse(name, flags, *args):
        raise PermissionError(13, "Permission denied", name)

    # chmod does not stop root, so the refusal is simulated where the file is opened.
    monkeypatch.setattr(os, "open", refuse)
    assert_one_line_error(path, match="cannot be read (Permission denied)")


@pytest.mark.parametrize(
    "array, match",
    [
        (np.arange(5.0), "one column"),
        (np.zeros((2, 2, 2)), "3-D"),
        (np.array([["a", "b"], ["c", "d"]]), "real numbers"),
        (np.array([[1 + 1j, 2], [3, 4]]), "real numbers"),
    ],
)
def test_bad_npy_arrays(tmp_path, array, match):
    path = tmp_path / "points.npy"
    np.save(path, array)
    assert_one_line_error(path, match=match)


def test_pickled_npy_is_refused(tmp_path):
    path = tmp_path / "points.npy"
    np.save(path, np.array([{"x": 1}, None], dtype=object), allow_pickle=True)
    assert_one_line_error(path, match="not a valid .npy")


@pytest.mark.parametrize(
    "columns, match",
    [
        ("a,nope", "no column named 'nope'"),
        ("0,7", "no column 7"),
        ((0, -1), "no column -1"),
        ("a", "exactly two"),
        ("a,b,c", "exactly two"),
        ("b,b", "twice"),
        ("0,a", "twice"),
    ],
)
def test_bad_column_choice(tmp_path, columns, match):
    path = write(tmp_path, "data.csv", "a,b,c\n1,2,3\n4,5,6\n")
    message = assert_one_line_error(path, columns, match=match)
    if "no column" in message:
        assert "a, b, c" in message  # the error lists what there is
