"""Reading a text table: its bytes in steps, the delimiter and decimal separator sniffed, the header and a
row-index column recognised, the cells kept by column.

:func:`gmmviz.io.points.read_table_in_steps` opens the file and hands its bytes here; choosing two of the
columns and converting them is :mod:`gmmviz.io.points`.

Decisions
---------
- The delimiter is sniffed among tab, comma, semicolon and runs of whitespace; the extension (``.csv``
  comma, ``.tsv`` tab) only says which to try first.
- The decimal separator is ``.``, or a comma when that is unambiguous, as spreadsheets in comma-decimal
  locales export: ``;`` or tab between the fields, at least one numeric column holding ``3,6``-style
  numbers, every comma in a numeric column written as ``digits,digits`` (an exponent may follow), and no
  ``.``-decimal number anywhere (all judged on the sniffing sample, the header row excepted). When the
  comma splits the lines steadily too, ``;`` or tab still wins if it gives the header as many cells as the
  rows and finds such numbers, or if the comma needed a header one cell short. Thousands separators
  are never read: ``1.234,5`` and ``1,234.5`` are not numbers, and in a decimal-comma file a cell with a
  ``.`` is not a number. :attr:`TextTable.delimiter` and :attr:`TextTable.decimal` say what was found.
- Text is UTF-8 (a byte-order mark is ignored), with a Latin-1 fallback (not for a file with a byte-order
  mark: a byte that is not UTF-8 there reads as U+FFFD, so its cell is no number); lines starting with
  ``#`` and blank lines are ignored (inside a quoted cell they are part of it).
- The first row is a header when most of its non-empty cells are not numbers.
- A leading row-index column is dropped: with a header, when its name is empty (R's ``write.csv``,
  pandas' ``to_csv``) or ``Unnamed: 0`` (a pandas round trip), or when the header has one name fewer than
  the rows have cells (R's ``write.table``) and the first column is text or distinct whole numbers, unless every
  row ends with a delimiter and the first column does not count the rows, or the header has two names
  and the last column is empty in every row of the file (then the header is whole, and the empty cells
  after the last delimiter are no column: row names would leave one column of numbers). Over a first
  column of other numbers, a header one name short names the first columns, and the last is named by
  its index ("x,y" over three numbers a row: x, y and "2"). Without a header, when there are at least three columns
  and the first one counts 0..n-1 or 1..n. Column indices given by the user count the remaining columns
  from 0.
- A row is a line, and only ``\n`` and ``\r`` end one. A quoted cell may span at most ``MAX_CELL_LINES``
  lines (a line break in a header name or a notes column; :mod:`gmmviz.io.text_rows`), wherever it falls:
  a row still open at the end of a chunk is split again with the lines after it. A quote left open for
  longer, or to the end of the file, takes no lines after it: the damaged row is read as its first line
  alone reads (skipped and counted unless its cells are numbers), and splitting goes on from the next line.
- A cell may be as long as a line: csv's limit on a cell (128 KiB) is raised to ``MAX_LINE_BYTES`` for the
  whole process when this module is imported (never lowered).
- Columns without a header are named by their 0-based index (``"0"``, ``"1"``, ...), so the names shown
  are the ones ``columns="0,1"`` selects.
- A cell is a number when :func:`gmmviz.io.numbers.parse_float` reads it (with a decimal comma: once the
  comma is a point) and it holds no line break: ASCII digits, a decimal point, an exponent, a leading
  sign, ``inf`` or ``nan``; ``1_000``, Arabic-Indic or other non-ASCII digits and superscripts are not numbers.
- Reading in steps: :func:`read_text_bytes` and :func:`text_table_in_steps` are generators that yield the
  fraction of the file done, after every 1 MiB block read (up to ``_READ_SHARE``) and every
  ``_CHUNK_LINES`` lines split (the rest). Cells are kept by column, and only as many columns as the header
  or the first rows have, so a damaged row of thousands of cells costs nothing.

Limits
------
- A text line may hold at most :data:`MAX_LINE_BYTES` (1 MiB, some 50 000 columns of numbers). The file is
  read in 1 MiB blocks and refused at the first longer line, so a huge single-line file costs a few MiB and
  milliseconds, not the whole file. The delimiter is sniffed on the first 50 lines, at most 1 MiB of them.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Generator

import numpy as np

from gmmviz.core.errors import GmmvizError
from gmmviz.io.numbers import parse_float
from gmmviz.io.text_rows import MAX_CELL_LINES, is_comment, line_alone, lines_for_csv, rows_and_starts, still_open

# Delimiters tried in this order after the one the extension suggests; " " means runs of whitespace.
_DELIMITERS = ("\t", ",", ";", " ")
_EXTENSION_DELIMITER = {".csv": ",", ".tsv": "\t"}
# Delimiters that leave the comma free to be the decimal separator.
_DECIMAL_COMMA_DELIMITERS = (";", "\t")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+(?:[eE][+-]?[0-9]+)?", re.A)
_INDEX_HEADERS = ("", "Unnamed: 0")
_SNIFF_LINES = 50
_SNIFF_BYTES = 1 << 20
MAX_LINE_BYTES = 1 << 20
# A cell may be as long as a line (csv's own limit is 128 KiB); raised, never lowered, for the whole process.
csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
_BLOCK_BYTES = 1 << 20
# Lines split between two progress steps: some 20 ms of work each.
_CHUNK_LINES = 20_000
# Shares of the progress for reading the bytes and for splitting the lines.
_READ_SHARE = 0.1
# A row index that numpy's int64 holds: at most 18 ASCII digits.
_ROW_INDEX = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class TextTable:
    """The columns of a text file, as split.

    Attributes
    ----------
    names : tuple of str
        Column names (header names, or 0-based indices as strings), a row-index column left out.
    cells : tuple of list of str
        ``cells[j]`` holds the cells of column ``names[j]``, ``""`` where a row is short.
    index_dropped : bool
        Whether a row-index column was left out.
    delimiter : str
        What separates the fields: ``","``, ``";"``, ``"\\t"`` or ``" "`` (runs of whitespace).
    decimal : str
        The decimal separator: ``"."``, or ``","`` when a decimal comma was recognised.
    """

    names: tuple[str, ...]
    cells: tuple
    index_dropped: bool
    delimiter: str
    decimal: str


def file_error(path: Path, message: str) -> GmmvizError:
    """The one-line error for a data file: ``"<path>: <message>"``."""
    return GmmvizError(f"{os.fspath(path)}: {message}")


def read_text_bytes(path: Path, stream, size: int) -> Generator[float, None, bytes]:
    """The bytes of a text file, read in blocks and refused at the first line longer than MAX_LINE_BYTES.

    Parameters
    ----------
    path : Path
        The file, for the errors.
    stream : binary file object
        The open file, positioned at the start.
    size : int
        Its size in bytes, for the fractions yielded (0.._READ_SHARE).

    Returns
    -------
    bytes
        As the generator's return value.

    Raises
    ------
    GmmvizError
        For a line longer than MAX_LINE_BYTES.
    """
    blocks = []
    n_read = 0
    unfinished = b""  # the line still open at the end of the blocks read so far
    n_lines = 0  # lines finished before ``unfinished``
    while block := stream.read(_BLOCK_BYTES):
        blocks.append(block)
        lines = (unfinished + block).splitlines(keepends=True)
        if max(map(len, lines)) > MAX_LINE_BYTES:  # line ends are only looked at then
            long = [i for i, line in enumerate(lines) if len(line.rstrip(b"\r\n")) > MAX_LINE_BYTES]
            if long:
                raise file_error(
                    path,
                    f"has a line longer than {MAX_LINE_BYTES >> 20} MiB (line {n_lines + 1 + long[0]}); "
                    "give a table with one row per line",
                )
        # A final "\r" stays open: its "\n" may start the next block.
        unfinished = b"" if lines[-1].endswith(b"\n") else lines[-1]
        n_lines += len(lines) - bool(unfinished)
        n_read += len(block)
        yield _READ_SHARE * min(n_read / size, 1.0)
    return b"".join(blocks)


def text_table_in_steps(path: Path, data: bytes) -> Generator[float, None, TextTable]:
    """Decode the bytes of a text file and split them into columns, yielding the fraction done now and then.

    Parameters
    ----------
    path : Path
        The file the bytes come from: its extension says which delimiter to try first, and errors name it.
    data : bytes
        The whole file, as :func:`read_text_bytes` returns it; not blank.

    Returns
    -------
    TextTable
        As the generator's return value.

    Raises
    ------
    GmmvizError
        For bytes that are not text, text without data rows, or lines that cannot be split into columns.
    """
    with _cycles_not_collected():
        return (yield from _table_from_text(path, _decode(path, data), _EXTENSION_DELIMITER.get(path.suffix.lower())))


@contextlib.contextmanager
def _cycles_not_collected():
    """Python's automatic cycle collection off meanwhile, and after as it was before.

    Splitting a million rows through csv makes a list per row, and the collector would walk them all
    again and again: more than half of the time of an R ``write.csv`` file (6.1 s, 2.8 s without).
    They hold no cycles, so nothing waits that would not have. (The window collects on its own, and
    has it off already.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cell_number(cell: str, decimal: str) -> float:
    """``cell`` read by the strict parser with ``decimal`` as the decimal separator; ValueError if not a number.

    A cell with a line break (a quoted cell over two lines) is no number, even with the break at an end.
    """
    if "\n" in cell:
        raise ValueError(f"not a number: a line break in {cell!r}")
    if decimal == ",":
        if "." in cell:
            raise ValueError(f"not a number with a decimal comma: {cell!r}")
        cell = cell.replace(",", ".")
    return parse_float(cell)


def is_number(cell: str, decimal: str) -> bool:
    """Whether :func:`cell_number` reads ``cell``."""
    try:
        cell_number(cell, decimal)
    except ValueError:
        return False
    return True


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise file_error(path, "is not a text file; give a .npy file or CSV/TSV/whitespace-separated text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A byte-order mark says UTF-8: a bad byte is one unreadable cell (U+FFFD), not Latin-1 names for all.
        utf8 = data.startswith(codecs.BOM_UTF8)
        text = data.decode("utf-8-sig", errors="replace") if utf8 else data.decode("latin-1")
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if control > len(sample) // 100:
        raise file_error(path, "is not a text file; give a .npy file or CSV/TSV/whitespace-separated text")
    return text


def _table_from_text(path: Path, text: str, preferred: str | None) -> Generator[float, None, TextTable]:
    """Split text into columns of cells, ``_CHUNK_LINES`` lines per step (see the module docstring)."""
    # Only \n and \r end a line (str.splitlines would also split at cp1252's "…", \x85, and at U+2028).
    raw = (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).split("\n")
    chunks = ((start + _CHUNK_LINES, _chunk_lines(raw[start:start + _CHUNK_LINES]))
              for start in range(0, len(raw), _CHUNK_LINES))
    head, head_end = [], 0
    for head_end, lines in chunks:  # enough lines to sniff; usually the first chunk
        head += lines
        if len(_without_comments(head)) >= _SNIFF_LINES:
            break
    if not _without_comments(head):
        raise file_error(path, "has no data, only comments or blank lines; give a file with two columns of numbers")
    delimiter, decimal = _sniff_format(path, head, preferred)
    rows, carried = _split_whole_rows(path, head, delimiter, more=head_end < len(raw))
    first = [cell.replace("\n", " ").strip() for cell in rows[0]]      # a name's lines joined by a space
    header = first if _is_header(first, decimal) else None
    body = rows[1:] if header is not None else rows
    n_cells = Counter(len(row) for row in body[:_SNIFF_LINES]).most_common(1)[0][0] if body else 0
    short = header is not None and len(header) == n_cells - 1
    # Rows ending in a delimiter have no last column; but R's row names first (write.table) win, its last
    # column may be empty in every row sniffed.
    firsts = [row[0] for row in body[:_SNIFF_LINES] if row]
    trailing = short and _ends_with_a_delimiter(body[:_SNIFF_LINES]) and not _counts_rows(firsts)
    # R's row names are text or distinct whole numbers (1..n, or a subset's 3, 7, 12); a first column of other
    # numbers is data, and the column left without a name is the last one.
    row_names = short and not trailing and (_distinct_integers(firsts)
                                            or not all(is_number(cell, decimal) for cell in firsts))
    if row_names:
        header = [""] + header      # R's write.table leaves out the row-name header
    elif short and not trailing:
        header = header + [str(len(header))]        # named by its index, as columns without a header are
    width = len(header) if trailing else max(n_cells, len(header or ()))
    cells = [[] for _ in range(width)]
    _extend(cells, _columns_of_rows(body, width))
    for end, lines in chunks:
        yield _READ_SHARE + (1 - _READ_SHARE) * min(end / len(raw), 1.0)
        columns, carried = _chunk_columns(path, carried + lines, delimiter, n_cells, width)
        _extend(cells, columns)
    if carried:     # a quote open at the end of the file: its lines read as csv reads them there
        _extend(cells, _columns_of_rows(_split_whole_rows(path, carried, delimiter, more=False)[0], width))
    if row_names and width == 3 and not any(cell.strip() for cell in cells[-1]):
        # Two names over "1,3.5,": row names would leave one column of numbers; a delimiter ends each row.
        header, width = header[1:], width - 1
        cells.pop()
    if header is None and width > 2 and not any(cell.strip() for cell in cells[-1]):
        cells.pop()             # a delimiter at the end of every row: no column
        width -= 1
    n_rows = len(cells[0]) if cells else 0
    if not n_rows:
        raise file_error(path, "has a header but no data rows; gmmviz needs at least two rows of numbers")
    if header is not None:
        skip = int(header[0] in _INDEX_HEADERS)
        names = header[skip:]
    else:
        skip = int(width >= 3 and _counts_rows(cells[0]))
        # Numbered after the index is skipped: user indices count the columns that remain.
        names = [str(j) for j in range(width - skip)]
    return TextTable(tuple(names), tuple(cells[skip:]), bool(skip), delimiter, decimal)


def _ends_with_a_delimiter(rows: list[list[str]]) -> bool:
    """True when every row's last cell is empty: the rows end with a delimiter."""
    return all(not row[-1].strip() for row in rows if row)


def _chunk_lines(lines: list[str]) -> list[str]:
    """The lines stripped of blanks; without blank lines and ``#`` comments unless a quote may hold them in a cell."""
    stripped = list(map(str.strip, lines))
    return stripped if '"' in "".join(stripped) else _without_comments(stripped)


def _without_comments(lines: list[str]) -> list[str]:
    """``lines`` without blank lines and ``#`` comments."""
    return [line for line in lines if not is_comment(line)]


def _extend(cells: list[list[str]], new: list[list[str]]) -> None:
    for column, more in zip(cells, new):
        column.extend(more)


def _columns_of_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """The first ``width`` columns of split rows, ``""`` where a row is short."""
    # zip_longest is lazy, so islice builds only the columns kept, however long a damaged row is.
    columns = [list(column) for column in itertools.islice(itertools.zip_longest(*rows, fillvalue=""), width)]
    return columns + [[""] * len(rows) for _ in range(width - len(columns))]


def _chunk_columns(path: Path, lines: list[str], delimiter: str, n_cells: int,
                   width: int) -> tuple[list[list[str]], list[str]]:
    """The first ``width`` columns of ``lines`` split at ``delimiter``, and the lines of a row left open.

    Lines of exactly ``n_cells`` plain cells (no quotes, no blank after a delimiter, so csv would split
    them the same) are split as one string: no list per row, which keeps a million-row file from
    spending most of its time in the garbage collector. The other lines go through csv, and the lines of
    a last row whose quoted cell is still open (see :func:`_split_whole_rows`) are returned apart.
    """
    joined = delimiter.join(lines)
    plain = delimiter != " " and '"' not in joined and f"{delimiter} " not in joined
    if plain and set(map(str.count, lines, itertools.repeat(delimiter))) == {n_cells - 1}:
        flat = joined.split(delimiter)
        columns = [flat[j::n_cells] for j in range(min(n_cells, width))]
        return columns + [[""] * len(lines) for _ in range(width - len(columns))], []
    rows, open_lines = _split_whole_rows(path, lines, delimiter, more=True)
    return _columns_of_rows(rows, width), open_lines


def _sniff_format(path: Path, lines: list[str], preferred: str | None):
    """The delimiter and the decimal separator of ``lines`` (see the module docstring)."""
    sample = _sniff_sample(lines)
    delimiter = _sniff_delimiter(path, sample, preferred)
    rows = _split_checked(path, sample, delimiter)
    decimal = _sniff_decimal(rows, delimiter)
    if delimiter == ",":
        # "a;b" / "3,6;79" also splits steadily at the comma, with the header one cell short as R's
        # write.table writes it, and "3,6;1,8" splits into three columns: ';' or tab wins when it gives
        # the first row as many cells as the others and finds decimal commas, or the comma needed R's excuse.
        header_short = len(rows[0]) == _steady_width([len(row) for row in rows])[0] - 1
        for other in _DECIMAL_COMMA_DELIMITERS:
            other_rows = _split_checked(path, sample, other)
            counts = [len(row) for row in other_rows]
            width, share = _steady_width(counts)
            if width >= 2 and counts[0] >= width and share >= 0.8:
                other_decimal = _sniff_decimal(other_rows, other)
                if other_decimal == "," or header_short:
                    delimiter, rows, decimal = other, other_rows, other_decimal
                    break
    return delimiter, decimal


def _sniff_decimal(rows: list[list[str]], delimiter: str) -> str:
    """``","`` when the rows are written with a decimal comma (see the module docstring), else ``"."``."""
    if delimiter not in _DECIMAL_COMMA_DELIMITERS:
        return "."
    body = rows[1:] or rows  # the first row may be a header, whose names may hold anything
    found = False
    for column in itertools.zip_longest(*body, fillvalue=""):
        # A cell with a line break is no number (nor one cut at the sample's end, a line break last).
        filled = [cell.strip() for cell in column if cell.strip() and "\n" not in cell]
        if any("." in cell and is_number(cell, ".") for cell in filled):
            return "."
        with_comma = [cell for cell in filled if "," in cell]
        if not with_comma or sum(is_number(cell, ",") for cell in filled) * 2 <= len(filled):
            continue  # no commas, or a text column whose commas are punctuation
        if not all(_DECIMAL_COMMA.fullmatch(cell) for cell in with_comma):
            return "."  # thousands separators, or a list of numbers in a cell
        found = True
    return "," if found else "."


def _sniff_sample(lines: list[str]) -> list[str]:
    """The lines up to the _SNIFF_LINES-th that is no comment, or fewer that hold at most _SNIFF_BYTES
    characters, but always two that are no comments (comments and blank lines in between are kept: they
    may be lines of a quoted cell)."""
    sample, size, content = [], 0, 0
    for line in lines:
        size += len(line)
        if content >= _SNIFF_LINES or (size > _SNIFF_BYTES and content >= 2):
            break
        sample.append(line)
        content += not is_comment(line)
    return sample


def _split_whole_rows(path: Path, lines: list[str], delimiter: str,
                      more: bool) -> tuple[list[list[str]], list[str]]:
    """``lines`` split at ``delimiter``, and apart the lines of a last row whose quoted cell is still open.

    Lines come in chunks, and a quoted cell with a line break may cross a chunk's end: when ``more``
    lines follow, a row still open that started within the last ``MAX_CELL_LINES - 1`` lines is left
    to be split again with them. A quote that never closes (open at the end of the file, or for more
    lines) is a quote left open, read as :func:`rows_and_starts` reads one.
    """
    rows, starts = _rows_and_starts_checked(path, lines, delimiter)
    if not rows or '"' not in "".join(lines[-MAX_CELL_LINES:]):
        return rows, []
    tail = lines[starts[-1]:]
    if not still_open(tail, delimiter):
        return rows, []
    if more and len(tail) < MAX_CELL_LINES:
        return rows[:-1], tail
    rest, carried = _split_whole_rows(path, tail[1:], delimiter, more)
    return rows[:-1] + [line_alone(lines_for_csv(tail[:1], delimiter)[0], delimiter)] + rest, carried


def _rows_and_starts_checked(path: Path, lines: list[str], delimiter: str) -> tuple[list[list[str]], list[int]]:
    try:
        return rows_and_starts(lines, delimiter)
    except csv.Error as exc:  # e.g. a "field" longer than csv's limit: not a table
        raise file_error(
            path, f"cannot be split into columns ({exc}); give CSV, TSV or whitespace-separated text"
        ) from None


def _split_checked(path: Path, lines: list[str], delimiter: str) -> list[list[str]]:
    return _rows_and_starts_checked(path, lines, delimiter)[0]


def _steady_width(counts: list[int]) -> tuple[int, float]:
    """The commonest number of cells among the rows after the first (or all, for one row), and its share."""
    data_counts = counts[1:] or counts
    width, frequency = Counter(data_counts).most_common(1)[0]
    return width, frequency / len(data_counts)


def _sniff_delimiter(path: Path, lines: list[str], preferred: str | None) -> str:
    """Return the delimiter (``" "`` = runs of whitespace) that splits the lines into steady columns.

    The first delimiter giving the same width >= 2 on at least 80 % of the lines wins (so a few ragged,
    damaged rows do not matter); the header may have one cell fewer than the rows, as R's ``write.table``
    leaves out the row-name header, or, split at a tab, comma or semicolon over a row that is no header
    (a title line is), more: names of columns left empty. Failing that, the delimiter with the steadiest
    width >= 2 is used.
    """
    candidates = (preferred, *(d for d in _DELIMITERS if d != preferred)) if preferred else _DELIMITERS
    best, best_share = None, 0.0
    for delimiter in candidates:
        rows = _split_checked(path, lines, delimiter)
        counts = [len(row) for row in rows]
        if not counts:
            continue
        width, share = _steady_width(counts)
        wider = counts[0] > width and delimiter != " " and len(rows) > 1 and not _is_header(rows[1], ".")
        if width < 2 or not (counts[0] in (width, width - 1) or wider):
            continue
        if share >= 0.8:
            return delimiter
        if share > best_share:
            best, best_share = delimiter, share
    if best_share == 0.0:
        raise file_error(path, "has only one column; gmmviz needs two columns of numbers")
    return best


def _is_header(row: list[str], decimal: str) -> bool:
    filled = [cell for cell in row if cell]
    return sum(not is_number(cell, decimal) for cell in filled) * 2 > len(filled)


def _distinct_integers(first: list[str]) -> bool:
    """True when the first cells are whole numbers, no two alike: row names, even of a subset or a sorted table."""
    first = [cell.strip() for cell in first]
    return bool(first) and all(_ROW_INDEX.fullmatch(cell) for cell in first) and len(set(first)) == len(first)


def _counts_rows(first: list[str]) -> bool:
    """True when the first cells read 0..n-1 or 1..n, i.e. a row index."""
    first = [cell.strip() for cell in first]
    if not all(_ROW_INDEX.fullmatch(cell) for cell in first):
        return False
    values = np.array(first, dtype=np.int64)
    return bool(values[0] in (0, 1) and np.all(np.diff(values) == 1))
