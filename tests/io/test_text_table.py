"""Text tables: every layout, row index and decimal separator read right; text that is no table, one clear error."""

import warnings

import numpy as np
import pytest

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.io.points import read_points
from gmmviz.io.text_table import MAX_LINE_BYTES
from tests.io.test_points import FAITHFUL_HEAD, assert_one_line_error, read_quietly, table, write


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


def test_latin1_text_is_read(tmp_path):
    path = write(tmp_path, "data.csv", "température,durée\n1,2\n3,4\n".encode("latin-1"))
    assert read_quietly(path).columns == ("température", "durée")


def test_a_file_with_a_byte_order_mark_stays_utf8_around_a_bad_byte(tmp_path):
    path = write(tmp_path, "data.csv", "\ufeffdurée,b\n1,2\n3,4\n5,6\n".encode() + b"\xff,8\n")
    with pytest.warns(GmmvizWarning, match="skipped 1 of 4 rows"):
        loaded = read_points(path, "durée,b")
    assert loaded.columns == ("durée", "b") and len(loaded.X) == 3


# --- row-index columns -------------------------------------------------------------------------------


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


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_delimiter_at_the_end_of_every_row_is_no_column_and_no_short_header(tmp_path, delimiter):
    rows = [delimiter.join(["eruptions", "waiting", "duration"])]
    rows += [delimiter.join([repr(x), repr(y), "9"]) + delimiter for x, y in FAITHFUL_HEAD.tolist()]
    loaded = read_quietly(write(tmp_path, "data.csv", "\n".join(rows) + "\n"), "eruptions,waiting")
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    two = "x,y\n" + "".join(f"{x!r},{y!r},\n" for x, y in FAITHFUL_HEAD.tolist())
    loaded = read_quietly(write(tmp_path, "two.csv", two))
    assert loaded.columns == ("x", "y")
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)


def test_two_names_over_rows_ending_in_a_delimiter_are_the_two_columns_even_when_the_first_counts_rows(tmp_path):
    content = "x,y\n" + "".join(f"{i + 1},{y!r},\n" for i, y in enumerate(FAITHFUL_HEAD[:, 1].tolist()))
    loaded = read_quietly(write(tmp_path, "counted.csv", content))
    assert loaded.columns == ("x", "y")
    np.testing.assert_array_equal(loaded.X, np.column_stack([np.arange(1, len(FAITHFUL_HEAD) + 1),
                                                             FAITHFUL_HEAD[:, 1]]))


def test_r_write_table_with_an_empty_last_column_keeps_its_row_names_apart(tmp_path):
    content = "x,y,note\n" + "".join(f"{i + 1},{x!r},{y!r},\n" for i, (x, y) in enumerate(FAITHFUL_HEAD.tolist()))
    loaded = read_quietly(write(tmp_path, "r.csv", content), "x,y")
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)


def test_a_line_break_in_a_quoted_header_name_is_part_of_the_name(tmp_path):
    content = '"Weight\n(kg)","Height\n(cm)"\n70,170\n80,180\n65,160\n'
    loaded = read_quietly(write(tmp_path, "people.csv", content))
    assert loaded.columns == ("Weight (kg)", "Height (cm)")    # the lines of a name, joined by a space
    np.testing.assert_array_equal(loaded.X, [[70, 170], [80, 180], [65, 160]])


def test_a_quote_left_open_takes_no_line_after_it(tmp_path):
    rows = [f"{i},{i + 1}" for i in range(100)]
    rows[2] = '2,"3'                # read as 3: csv takes the quote's text to the end of the line
    rows[60] = '60",61'             # a cell that is no number: this one row is skipped
    with pytest.warns(GmmvizWarning, match="skipped 1 of 100 rows"):
        loaded = read_points(write(tmp_path, "data.csv", "x,y\n" + "\n".join(rows) + "\n"))
    assert len(loaded.X) == 99 and loaded.X[2].tolist() == [2, 3] and 60 not in loaded.X[:, 0]


@pytest.mark.parametrize("at", [30, 48, 5_000, 19_998])    # sniffed, across the end of the sniffed lines and of a chunk
def test_a_cell_with_a_line_break_is_read_whole_and_a_quote_in_a_cell_is_text(tmp_path, at):
    rows = [f'{i},{i + 1},5"' for i in range(20_000)]       # five inches: a quote inside a cell is text
    rows[at] = f'{at},{at + 1},"two\nlines"'
    loaded = read_points(write(tmp_path, "notes.csv", "x,y,note\n" + "\n".join(rows) + "\n"), "x,y")
    assert len(loaded.X) == 20_000 and loaded.n_skipped == 0


@pytest.mark.parametrize("cell", ['"4\n5"', '"\n5"', '"5\n"'])
def test_a_number_with_a_line_break_in_its_quotes_is_no_number(tmp_path, cell):
    with pytest.warns(GmmvizWarning, match="skipped 1 of 3 rows"):
        loaded = read_points(write(tmp_path, "data.csv", f"x,y\n1,2\n3,{cell}\n6,7\n"))
    assert loaded.X.tolist() == [[1, 2], [6, 7]]          # not 3, 45


def test_a_blank_or_comment_line_inside_a_quoted_cell_is_part_of_it(tmp_path):
    content = '"","x","y","note"\n"1",1.5,2.5,"Sample\n#2"\n"2",3.5,4.5,"one\n\ntwo"\n"3",5.5,6.5,"d"\n# end\n'
    loaded = read_points(write(tmp_path, "r.csv", content), labels="note")
    assert loaded.X.tolist() == [[1.5, 2.5], [3.5, 4.5], [5.5, 6.5]] and loaded.n_skipped == 0
    assert list(loaded.labels) == ["Sample\n#2", "one\n\ntwo", "d"]


@pytest.mark.parametrize("comments", [1, 49, 60])
def test_comment_lines_before_a_file_with_quotes_take_no_part_in_the_sniffing(tmp_path, comments):
    content = "# made by hand\n" * comments + '"x";"y";"n"\n' + "".join(f'{i},5;3,25;"a"\n' for i in range(30))
    loaded = read_points(write(tmp_path, "data.csv", content), "x,y")
    assert loaded.decimal == "," and len(loaded.X) == 30 and loaded.X[2].tolist() == [2.5, 3.25]


def test_a_quoted_cell_cut_at_the_end_of_the_sniffed_lines_leaves_the_decimal_comma(tmp_path):
    rows = [f"{i},5;{i},5;n" for i in range(100)]
    rows[48] = '48,5;48,5;"2.5\n(approx)"'              # crosses the 50th line
    loaded = read_points(write(tmp_path, "data.csv", "x;y;note\n" + "\n".join(rows) + "\n"), "x,y")
    assert loaded.decimal == "," and len(loaded.X) == 100 and loaded.X[48].tolist() == [48.5, 48.5]


@pytest.mark.parametrize("at", [10, 19_995, 19_997, 40_999])     # the 4th, 2nd line before a chunk's end; the last
def test_a_quote_never_closed_takes_no_rows_wherever_it_is(tmp_path, at):
    rows = [f"{i},{2 * i},n" for i in range(41_000)]
    rows[at] = f'{at},{2 * at},"open'
    rows[at - 9] = f'{at - 9},{2 * at - 18},"two\nlines"'     # and a cell with a line break is still read whole
    loaded = read_points(write(tmp_path, "data.csv", "x,y,note\n" + "\n".join(rows) + "\n"), labels="note")
    assert len(loaded.X) == 41_000 and loaded.n_skipped == 0 and loaded.labels[at - 9] == "two\nlines"


def test_a_quote_left_open_far_down_a_long_file_is_one_row(tmp_path):
    rows = [f"{i},{i + 1},{'x' * 80}" for i in range(19_000)]
    rows[5_000] = '5000,"5001,x'    # open to the end of the chunk: past 1 MiB, longer than any cell may be
    with pytest.warns(GmmvizWarning, match="skipped 1 of 19000 rows"):
        loaded = read_points(write(tmp_path, "long.csv", "x,y,z\n" + "\n".join(rows) + "\n"), "x,y")
    assert len(loaded.X) == 18_999 and loaded.n_skipped == 1 and loaded.X[5_000].tolist() == [5_001, 5_002]


def test_only_line_feeds_and_carriage_returns_end_a_line(tmp_path):
    # cp1252 writes "…" as 0x85, which Python's splitlines takes for a line end, as U+2028
    content = "Gewicht\x85,H\n" + "".join(f"{i}.5,{i}\u2028\r\n" for i in range(10))
    loaded = read_quietly(write(tmp_path, "data.csv", content.encode("utf-8")))
    assert loaded.columns == ("Gewicht", "H") and len(loaded.X) == 10       # blanks around a name go


def test_a_headerless_file_ending_each_row_in_a_delimiter_keeps_a_counting_first_column(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", "".join(f"{i + 1},{i}.5,\n" for i in range(20))))
    assert loaded.columns == ("0", "1") and loaded.X[0].tolist() == [1, 0.5]
    rows = [f"{i}.5,{i},\n" for i in range(60)] + [f"{i}.5,{i},{i}\n" for i in range(40)]   # a last column after all
    with pytest.warns(GmmvizWarning, match="skipped 60 of 100 rows"):
        loaded = read_points(write(tmp_path, "late.csv", "".join(rows)), "0,2")
    assert len(loaded.X) == 40


def test_r_row_names_that_are_not_numbers_are_skipped(tmp_path):
    content = '"","mpg","hp"\n"Mazda RX4",21,110\n"Datsun 710",22.8,93\n'
    loaded = read_quietly(write(tmp_path, "cars.csv", content))
    assert loaded.columns == ("mpg", "hp")
    np.testing.assert_array_equal(loaded.X, [[21.0, 110.0], [22.8, 93.0]])


@pytest.mark.parametrize("first, skipped", [
    (["1", "2", "3"], True),                                   # R's write.table: row names that count the rows
    (["Mazda RX4", "Datsun 710", "Valiant"], True),            # or name them
    (["3", "7", "12"], True),                                  # or are a subset's
    (["0.1257", "0.6404", "-0.31"], False),                    # numbers of the data: the header names them
    (["2", "2", "5"], False),                                  # whole numbers, but no names: two alike
])
def test_a_header_one_name_short_drops_only_a_first_column_of_row_names(tmp_path, first, skipped):
    rows = "".join(f"{name},{0.5 + i},{i % 2}\n" for i, name in enumerate(first))
    loaded = read_quietly(write(tmp_path, "short.csv", "x,y\n" + rows))
    if skipped:
        assert loaded.columns == ("x", "y") and loaded.X[:, 0].tolist() == [0.5, 1.5, 2.5]
    else:
        assert loaded.columns == ("x", "y") and loaded.X[:, 0].tolist() == [float(value) for value in first]
        assert read_quietly(write(tmp_path, "short.csv", "x,y\n" + rows), "x,2").X[:, 1].tolist() == [0, 1, 0]


def test_headerless_counting_first_column_is_skipped(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", table(",", index=1)))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert loaded.columns == ("0", "1")


def test_headerless_two_columns_keep_a_counting_first_column(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", "1,10\n2,20\n3,30\n"))
    np.testing.assert_array_equal(loaded.X, [[1, 10], [2, 20], [3, 30]])


def test_indices_do_not_count_the_row_index_column(tmp_path):
    path = write(tmp_path, "data.csv", table(",", ["", "eruptions", "waiting"], index=0))
    assert read_quietly(path, "1,0").columns == ("waiting", "eruptions")


@pytest.mark.parametrize("cell", ["³", "١", "1" * 23, "99999999999999999999"])
def test_a_first_column_that_only_looks_like_a_row_index_is_kept(tmp_path, cell):
    path = write(tmp_path, "data.csv", f"1,10,20\n2,11,21\n{cell},12,22\n4,13,23\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GmmvizWarning)  # a non-ASCII cell is skipped
        loaded = read_points(path)
    assert loaded.columns == ("0", "1")
    assert loaded.X[0].tolist() == [1, 10]


# --- text that is not a table ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, match",
    [
        ("comments.txt", "# nothing here\n", "no data"),
        ("one.csv", "x\n1\n2\n3\n", "one column"),
        ("one.txt", "1\n2\n3\n", "one column"),
        ("header_only.csv", "x,y\n", "no data rows"),
        ("garbage.csv", bytes(range(256)) * 8, "not a text file"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15]) * 40, "not a text file"),
    ],
)
def test_bad_text_gives_one_line_naming_the_file(tmp_path, name, content, match):
    assert_one_line_error(write(tmp_path, name, content), match=match)


@pytest.mark.parametrize("lines_before", [0, 2])
def test_a_line_longer_than_the_limit_is_refused(tmp_path, lines_before):
    path = tmp_path / "long.csv"
    path.write_bytes(b"x,y\n1,2\n"[: 4 * lines_before] + b"1.5," * (MAX_LINE_BYTES // 2) + b"\n3,4\n")
    assert_one_line_error(path, match=f"has a line longer than 1 MiB (line {lines_before + 1})")


def test_a_line_at_the_limit_is_read(tmp_path):
    comment = b"# " + b"x" * (MAX_LINE_BYTES - 2) + b"\r\n"  # MAX_LINE_BYTES before the line end
    path = tmp_path / "data.csv"
    path.write_bytes(comment + table(",", ["eruptions", "waiting"]).encode())
    np.testing.assert_array_equal(read_quietly(path).X, FAITHFUL_HEAD)
    path.write_bytes(b"#" + comment + table(",", ["eruptions", "waiting"]).encode())
    assert_one_line_error(path, match="has a line longer than 1 MiB (line 1)")


def test_lines_ending_in_a_lone_carriage_return_are_lines(tmp_path):
    # Old Mac files: were CR not a line end, this file would be one line of 1.8 MB.
    padding = "# " + "x" * 900_000 + "\r"
    path = tmp_path / "data.csv"
    path.write_text(padding + "\r".join(table(",", ["eruptions", "waiting"]).splitlines()) + "\r" + padding, newline="")
    np.testing.assert_array_equal(read_quietly(path).X, FAITHFUL_HEAD)


def test_line_numbers_count_a_cr_lf_cut_between_blocks(tmp_path):
    # The first line's CR is the last byte of the first 1 MiB block and its LF the first of the next.
    first = b"# " + b"x" * (MAX_LINE_BYTES - 3) + b"\r\n"
    path = tmp_path / "data.csv"
    path.write_bytes(first + b"x,y\r\n1,2\r\n" + b"3," * MAX_LINE_BYTES + b"\r\n")
    assert_one_line_error(path, match="has a line longer than 1 MiB (line 4)")


# --- decimal commas ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, delimiter", [("faithful.csv", ";"), ("faithful.txt", ";"), ("faithful.csv", "\t"),
                                             ("faithful.tsv", "\t")])
def test_a_spreadsheet_export_with_decimal_commas_is_read(tmp_path, name, delimiter):
    text = table(delimiter, header=["eruptions", "waiting"]).replace(".", ",")
    loaded = read_quietly(write(tmp_path, name, text))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert (loaded.columns, loaded.delimiter, loaded.decimal) == (("eruptions", "waiting"), delimiter, ",")
    shown = {";": "';'", "\t": "tab"}[delimiter]
    assert loaded.format_note() == f"decimal comma, {shown} between fields"


def test_decimal_commas_without_a_header_and_with_exponents(tmp_path):
    path = write(tmp_path, "data.csv", "3,6;1,8\n-1,5E-3;+2,0\n4;5\n")
    loaded = read_quietly(path)
    np.testing.assert_array_equal(loaded.X, [[3.6, 1.8], [-1.5e-3, 2.0], [4, 5]])
    assert loaded.columns == ("0", "1")


def test_a_comma_separated_file_stays_comma_separated(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", table(",", header=["eruptions", "waiting"])))
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)
    assert (loaded.delimiter, loaded.decimal, loaded.format_note()) == (",", ".", "")


def test_semicolons_with_decimal_points_keep_the_point(tmp_path):
    loaded = read_quietly(write(tmp_path, "data.csv", "a;b\n1.5;2\n3;4.25\n"))
    np.testing.assert_array_equal(loaded.X, [[1.5, 2], [3, 4.25]])
    assert (loaded.delimiter, loaded.decimal) == (";", ".")


def test_a_text_column_with_commas_does_not_make_a_decimal_comma(tmp_path):
    path = write(tmp_path, "data.csv", "name;x;y\nSmith, J;1;2\nDoe, A;3;4\n")
    loaded = read_quietly(path)
    np.testing.assert_array_equal(loaded.X, [[1, 2], [3, 4]])
    assert loaded.decimal == "."


@pytest.mark.parametrize("cell", ["1.234,5", "1,234.5", "1,2,3", "3.6"])
def test_decimal_commas_are_not_assumed_when_the_numbers_are_ambiguous(tmp_path, cell):
    """Thousands separators are never read; a '.' anywhere in the numbers keeps '.' the decimal separator."""
    path = write(tmp_path, "data.csv", f"a;b\n3,6;79\n{cell};54\n2,5;60\n")
    assert read_table_of(path).decimal == "."


def test_in_a_decimal_comma_file_a_later_decimal_point_is_not_a_number(tmp_path):
    rows = "".join(f"{i},5;{i}\n" for i in range(60)) + "3.5;7\n"
    with pytest.warns(GmmvizWarning, match="skipped 1 of 61 rows"):
        loaded = read_points(write(tmp_path, "data.csv", "a;b\n" + rows))
    assert loaded.decimal == ","
    assert loaded.X[-1].tolist() == [59.5, 59]


def read_table_of(path):
    from gmmviz.io.points import read_table

    return read_table(path)


# --- reading in steps --------------------------------------------------------------------------------


def test_large_file_is_read_fully(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50_000, 2))
    path = tmp_path / "big.csv"
    path.write_text("x,y\n" + "\n".join(f"{a!r},{b!r}" for a, b in X.tolist()) + "\n")
    np.testing.assert_array_equal(read_quietly(path).X, X)


@pytest.mark.parametrize("rows, after", [(19_999, ""), (39_999, ""), (100, "\n" * 25_000)])
def test_a_chunk_of_nothing_but_the_end_of_the_file_or_blank_lines_is_no_rows(tmp_path, rows, after):
    # 20 000 lines and the empty one after the last line end: a chunk holding only "" (and only blank lines)
    loaded = read_points(write(tmp_path, "data.csv", "x,y\n" + "".join(f"{i},{i}\n" for i in range(rows)) + after))
    assert len(loaded.X) == rows and loaded.n_skipped == 0


def test_ragged_and_quoted_rows_after_the_first_chunk_read_as_before(tmp_path):
    """Plain chunks are split fast; a chunk with quotes or short rows goes through csv, with the same cells."""
    rows = "".join(f"{i},{i}\n" for i in range(30_000)) + '"7","8"\n9\n1,2,3,4,5,6\n'
    with pytest.warns(GmmvizWarning, match="skipped 1 of 30003 rows"):
        loaded = read_points(write(tmp_path, "data.csv", "a,b\n" + rows))
    assert loaded.X[-2:].tolist() == [[7, 8], [1, 2]]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_a_header_wider_than_the_rows_names_their_columns(tmp_path, delimiter):
    content = delimiter.join(["x", "y", "notes", "more"]) + "\n" + "".join(
        f"{x!r}{delimiter}{y!r}\n" for x, y in FAITHFUL_HEAD.tolist())
    loaded = read_quietly(write(tmp_path, "wide.csv", content))
    assert loaded.columns == ("x", "y")
    np.testing.assert_array_equal(loaded.X, FAITHFUL_HEAD)


def test_a_wider_header_never_takes_a_title_line_or_the_words_of_names_for_columns(tmp_path):
    rows = "".join(f"{x!r},{y!r}\n" for x, y in FAITHFUL_HEAD.tolist())
    for name, content in (("titled.csv", "Old Faithful data, from R, 1990\neruptions,waiting\n" + rows),
                          ("spaced.txt", "eruption time waiting time\n" + rows.replace(",", " "))):
        with pytest.raises(GmmvizError):        # refused, as before: never read under made-up names
            read_points(write(tmp_path, name, content))


def test_a_decimal_comma_file_under_names_holding_commas_is_read_with_its_decimal_commas(tmp_path):
    content = "Länge, cm;Breite, cm;Notiz, frei\n1,5;2,5\n3,5;4,5\n5,5;6,5\n"
    loaded = read_quietly(write(tmp_path, "comma.csv", content))
    assert loaded.columns == ("Länge, cm", "Breite, cm")
    np.testing.assert_array_equal(loaded.X, [[1.5, 2.5], [3.5, 4.5], [5.5, 6.5]])
