"""Reading points: the right two columns of text and .npy files, every bad file or column choice one clear error."""

import io
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


# --- column choice -----------------------------------------------------------------------------------


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
        ("one_row.csv", "x,y\n1,2\n", "1 valid row"),
        ("all_bad.csv", "x,y\n1,NA\n2,inf\nNA,3\n", "0 valid rows"),
        ("text.csv", "name,colour\nfoo,red\nbar,blue\n", "0 numeric columns"),
        ("index_only.csv", '"","x"\n"1",5\n"2",6\n', "one column"),
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
        (np.zeros((2, 200)), "2 x 200 array, more columns than rows"),      # X.T saved: 2 "points"
        (np.zeros((3, 200)), "save the transposed array"),
    ],
)
def test_bad_npy_arrays(tmp_path, array, match):
    path = tmp_path / "points.npy"
    np.save(path, array)
    assert_one_line_error(path, match=match)


def test_a_wide_npy_table_of_many_rows_is_read_by_the_columns_chosen(tmp_path):
    X = np.arange(5000.0).reshape(50, 100)          # 50 samples of 100 features: not a transposed array
    np.save(tmp_path / "wide.npy", X)
    loaded = read_quietly(tmp_path / "wide.npy", "3,7")
    np.testing.assert_array_equal(loaded.X, X[:, [3, 7]])


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


# --- numbers as people write them --------------------------------------------------------------------


def test_cells_are_read_as_ascii_decimals_with_sign_and_exponent(tmp_path):
    path = write(tmp_path, "data.csv", "x,y\n+1.5,-2\n.5,5.\n1e3,2.5E-2\n 7 ,+0\n")
    np.testing.assert_array_equal(read_quietly(path).X, [[1.5, -2], [0.5, 5], [1000, 0.025], [7, 0]])


@pytest.mark.parametrize("cell", ["1_000", "2_0", "١٢", "۱۲", "１２", "²", "1²", "٣.٥", "0x10",
                                  "1.234,5", "1,234.5"])
def test_cells_python_would_read_but_people_do_not_write_are_not_numbers(tmp_path, cell):
    path = write(tmp_path, "data.tsv", f"x\ty\n1\t2\n{cell}\t3\n4\t5\n")
    with pytest.warns(GmmvizWarning, match="skipped 1 of 3 rows"):
        loaded = read_points(path)
    np.testing.assert_array_equal(loaded.X, [[1, 2], [4, 5]])


def test_a_column_of_non_ascii_digits_is_not_numeric(tmp_path):
    path = write(tmp_path, "data.csv", "a,b,c\n١,2,3\n٢,4,5\n٣,6,7\n")
    assert read_quietly(path).columns == ("b", "c")


@pytest.mark.parametrize("columns", ["²,0", "١,0", "1" * 30 + ",0", "1" * 5000 + ",0"])
def test_column_indices_are_ascii_integers(tmp_path, columns):
    path = write(tmp_path, "data.csv", "a,b,c\n1,2,3\n4,5,6\n")
    message = assert_one_line_error(path, columns, match="has no column")
    assert "a, b, c" in message


def test_a_column_list_in_a_message_is_cut_short(tmp_path):
    names = [f"c{j}" for j in range(500)]
    path = write(tmp_path, "wide.csv", ",".join(names) + "\n" + ",".join("x" * 500) + "\n")
    message = assert_one_line_error(path, "c1,nope", match="c19, ... (500 columns)")
    assert "c20" not in message


# --- files that are not regular ----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    path = tmp_path / "points.csv"
    os.mkfifo(path)
    assert_one_line_error(path, match="is not a regular file but a FIFO, device or socket")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_link_to_a_device_is_refused(tmp_path, device):
    path = tmp_path / "points.csv"
    path.symlink_to(device)
    assert_one_line_error(path, match="is not a regular file")


def test_a_link_to_a_data_file_is_read(tmp_path):
    target = write(tmp_path, "target.csv", table(",", ["eruptions", "waiting"]))
    path = tmp_path / "points.csv"
    path.symlink_to(target)
    np.testing.assert_array_equal(read_quietly(path).X, FAITHFUL_HEAD)


# --- .npy headers ------------------------------------------------------------------------------------


def npy_with_header(shape, descr="<f8", data=b""):
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": descr, "fortran_order": False, "shape": shape})
    return header.getvalue() + data


@pytest.mark.parametrize("shape", [(2**40, 2), (2**62, 2**62), (3, 2)])
def test_an_npy_header_promising_more_data_than_the_file_holds_is_refused(tmp_path, shape):
    path = write(tmp_path, "points.npy", npy_with_header(shape, data=bytes(8 * 5)))
    message = assert_one_line_error(path, match="is truncated: its header promises")
    assert f"shape {shape}" in message and "but 40 follow" in message


def test_an_npy_file_cut_short_is_refused(tmp_path):
    path = tmp_path / "points.npy"
    np.save(path, FAITHFUL_HEAD)
    path.write_bytes(path.read_bytes()[:-1])
    assert_one_line_error(path, match="is truncated")


@pytest.mark.parametrize("header", [npy_with_header((-1, 2)), npy_with_header((2, 2), descr="|O"), b"\x93NUMPY\x09\x00",
                                    b"\x93NUMPY\x01\x00\x06\x00{'a':\n",      # numpy's tokenizer gives up
                                    b"\x93NUMPY\x01\x00\x06\x00{'a'}\n"])     # and its parser
def test_an_npy_header_that_is_not_valid_is_refused(tmp_path, header):
    assert_one_line_error(write(tmp_path, "points.npy", header + bytes(64)), match="not a valid .npy")


def test_an_npy_header_of_strings_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "points.npy", npy_with_header((2**50,), descr="<U0"))
    assert_one_line_error(path, match="holds <U0 values; save real numbers")


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_every_npy_format_version_is_read(tmp_path, version):
    array = np.zeros(4, dtype=[("durée", "f8"), ("température", "f8")])
    array["durée"], array["température"] = FAITHFUL_HEAD.T
    path = tmp_path / "points.npy"
    with open(path, "wb") as stream, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # numpy notes that version 3 needs numpy >= 1.17
        np.lib.format.write_array(stream, array, version=version)
    loaded = read_quietly(path)
    assert loaded.columns == ("durée", "température")
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)


# --- thousands separators ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, shown", [("a;b\n1.234,5;2.345,75\n3.000,0;4.500,5\n", "1.234,5"),
                                         ("a\tb\n1,234.5\t7\n-2,000.25\t8\n", "1,234.5")])
def test_thousands_separators_are_named_in_the_error(tmp_path, text, shown):
    with pytest.raises(GmmvizError, match="has [01] numeric column") as caught:
        read_points(write(tmp_path, "data.csv", text))
    message = str(caught.value)
    assert f"a number such as '{shown}' has thousands separators, which are not read" in message
    assert "\n" not in message


@pytest.mark.parametrize("text, shown", [
    ("x;y\n" + "".join(f"{i};{2 * i}\n" for i in range(60)) + "".join(f"{i},5;{i},25\n" for i in range(200)),
     "0,5"),                                                    # decimal commas only after the first rows
    ('x,y\n' + "".join(f'"{i},126","{i},5"\n' for i in range(50)), "0,126"),     # quoted, with commas between
])
def test_decimal_commas_the_file_s_first_rows_do_not_have_are_named_in_the_error(tmp_path, text, shown):
    with pytest.raises(GmmvizError, match="has 0 numeric columns") as caught:
        read_points(write(tmp_path, "data.csv", text))
    assert f"a number such as '{shown}' has a decimal comma, but the file's first rows have none" in str(caught.value)


# --- reading in steps --------------------------------------------------------------------------------


def test_reading_in_steps_reports_progress_up_to_one_and_returns_the_table(tmp_path):
    from gmmviz.io.points import read_table_in_steps

    rows = "".join(f"{i}.5,{i}\n" for i in range(100_000))
    steps = read_table_in_steps(write(tmp_path, "big.csv", "a,b\n" + rows))
    fractions = []
    while True:
        try:
            fractions.append(next(steps))
        except StopIteration as done:
            table = done.value
            break
    assert len(fractions) > 3 and fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] <= 1
    loaded = table.points()
    assert loaded.X.shape == (100_000, 2) and loaded.X[-1].tolist() == [99_999.5, 99_999]


def test_a_text_column_chosen_is_named_with_the_columns_of_numbers(tmp_path):
    path = write(tmp_path, "people.csv", "name,group,weight,x\na,g1,1.5,2\nb,g2,2.5,3\nc,g1,3.5,4\n")
    message = assert_one_line_error(path, columns="group,weight")
    assert message.endswith("column group is not a column of numbers; choose two columns of numbers (here weight, x)")
