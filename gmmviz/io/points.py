"""Read two columns of points from CSV, TSV, whitespace-separated text or ``.npy``.

Decisions
---------
- Supported extensions: ``.csv``, ``.tsv``, ``.txt``, ``.dat`` (text, delimiter sniffed among tab, comma,
  semicolon and runs of whitespace; the extension only says which to try first) and ``.npy``. Anything else
  is refused rather than guessed.
- The decimal separator is ``.``, or a comma when that is unambiguous, as spreadsheets in comma-decimal
  locales export: ``;`` or tab between the fields, at least one numeric column holding ``3,6``-style
  numbers, every comma in a numeric column written as ``digits,digits`` (an exponent may follow), and no
  ``.``-decimal number anywhere (all judged on the sniffing sample, the header row excepted). When the
  comma splits the lines steadily too, ``;`` or tab still wins if it gives the header as many cells as the
  rows and finds such numbers, or if the comma needed a header one cell short. Thousands separators
  are never read: ``1.234,5`` and ``1,234.5`` are not numbers (an error for too few numeric columns names
  such a cell), and in a decimal-comma file a cell with a ``.`` is not a number.
  :attr:`LoadedPoints.delimiter` and :attr:`LoadedPoints.decimal` say what was found.
- Text is UTF-8 (a byte-order mark is ignored), with a Latin-1 fallback; lines starting with ``#`` and blank
  lines are ignored.
- The first row is a header when most of its non-empty cells are not numbers.
- A leading row-index column is dropped: with a header, when its name is empty (R's ``write.csv``,
  pandas' ``to_csv``) or ``Unnamed: 0`` (a pandas round trip), or when the header has one name fewer than
  the rows have cells (R's ``write.table``); without a header, when there are at least three columns and the
  first one counts 0..n-1 or 1..n. Column indices given by the user count the remaining columns from 0.
- Columns without a header are named by their 0-based index (``"0"``, ``"1"``, ...), so the names shown
  are the ones ``columns="0,1"`` selects.
- By default the first two numeric columns are used; a column is numeric when more than half of its
  non-empty cells (among the first 1000 rows) are numbers.
- A cell is a number when :func:`gmmviz.io.numbers.parse_float` reads it (with a decimal comma: once the
  comma is a point): ASCII digits, a decimal point, an exponent, a leading sign, ``inf`` or ``nan``;
  ``1_000``, Arabic-Indic or other non-ASCII digits and superscripts are not numbers.
- Rows whose chosen cells are missing, non-numeric, NaN or infinite are skipped and counted in one
  :class:`~gmmviz.core.errors.GmmvizWarning`; every other problem is one :class:`~gmmviz.core.errors.GmmvizError`
  naming the file.
- Reading in steps: :func:`read_table_in_steps` is a generator that yields the fraction of the file done
  (after every 1 MiB block read and every ``_CHUNK_LINES`` lines split), so a caller can show progress and
  cancel by no longer iterating (closing it closes the file); :func:`read_points` is the same reading
  without the steps. Cells are kept by column, and only as many columns as the header or the first rows
  have, so a damaged row of thousands of cells costs nothing.

Limits
------
- Only regular files are read: a FIFO, a device (a link to ``/dev/zero``) or a socket is refused before
  reading (see :mod:`gmmviz.io.input_file`).
- A text line may hold at most :data:`MAX_LINE_BYTES` (1 MiB, some 50 000 columns of numbers). The file is
  read in 1 MiB blocks and refused at the first longer line, so a huge single-line file costs a few MiB and
  milliseconds, not the whole file. The delimiter is sniffed on the first 50 lines, at most 1 MiB of them.
- A ``.npy`` header's shape and type must fit the bytes the file holds; that is checked before anything is
  allocated, so a lying header is refused as truncated. Object arrays (pickles) are never loaded.
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Generator, Iterator, Sequence, Union

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.io.input_file import open_input
from gmmviz.io.numbers import parse_float, parse_int

TEXT_EXTENSIONS = (".csv", ".tsv", ".txt", ".dat")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + (".npy",)

ColumnSpec = Union[None, str, Sequence[Union[str, int]]]

# Delimiters tried in this order after the one the extension suggests; " " means runs of whitespace.
_DELIMITERS = ("\t", ",", ";", " ")
_EXTENSION_DELIMITER = {".csv": ",", ".tsv": "\t"}
# Delimiters that leave the comma free to be the decimal separator.
_DECIMAL_COMMA_DELIMITERS = (";", "\t")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+(?:[eE][+-]?[0-9]+)?", re.A)
# 1.234,5 or 1,234.5: groups of three digits behind one separator, the decimals behind the other.
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:([.,])[0-9]{3})+(?!\1)[.,][0-9]+", re.A)
_DELIMITER_NAMES = {"\t": "tab", ",": "','", ";": "';'", " ": "spaces"}
_INDEX_HEADERS = ("", "Unnamed: 0")
_SNIFF_LINES = 50
_SNIFF_BYTES = 1 << 20
_DETECT_ROWS = 1000
_LISTED_NAMES = 20
MAX_LINE_BYTES = 1 << 20
_BLOCK_BYTES = 1 << 20
# Lines split between two progress steps: some 20 ms of work each.
_CHUNK_LINES = 20_000
# Shares of the progress for reading the bytes and for splitting the lines.
_READ_SHARE = 0.1
# A row index that numpy's int64 holds: at most 18 ASCII digits.
_ROW_INDEX = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class LoadedPoints:
    """Points read from a file.

    Attributes
    ----------
    X : ndarray of shape (n_samples, 2)
        The valid rows of the two chosen columns, float64.
    columns : tuple of (str, str)
        Names of the two columns used (header names, or 0-based indices as strings).
    n_skipped : int
        Rows dropped because a chosen cell was missing, non-numeric, NaN or infinite.
    path : Path
        The file read.
    delimiter : str or None
        What separates the fields of a text file: ``","``, ``";"``, ``"\\t"`` or ``" "`` (runs of
        whitespace); None for ``.npy``.
    decimal : str
        The decimal separator: ``"."``, or ``","`` when a decimal comma was recognised.
    """

    X: np.ndarray
    columns: tuple[str, str]
    n_skipped: int
    path: Path
    delimiter: str | None = None
    decimal: str = "."

    def format_note(self) -> str:
        """What was recognised that a reader would not assume, e.g. "decimal comma, ';' between fields".

        Empty for the usual ``.`` decimals.
        """
        if self.decimal == ".":
            return ""
        return f"decimal comma, {_DELIMITER_NAMES[self.delimiter]} between fields"

    def skip_notice(self) -> str:
        """The one line saying how many rows were skipped, or "" when none were."""
        if not self.n_skipped:
            return ""
        return (
            f"{os.fspath(self.path)}: skipped {self.n_skipped} of {self.n_skipped + self.X.shape[0]} rows with "
            f"missing, non-numeric, NaN or infinite values in columns {self.columns[0]}, {self.columns[1]}"
        )


@dataclass(frozen=True)
class PointTable:
    """The columns of a data file, before two are chosen.

    Attributes
    ----------
    path : Path
    names : tuple of str
        Column names (header names, or 0-based indices as strings), a row-index column left out.
    cells : tuple of sequences
        ``cells[j]`` holds column ``names[j]``: strings for text (``""`` where a row is short), an array
        for ``.npy``.
    index_dropped : bool
        Whether a row-index column was left out.
    delimiter, decimal : see :class:`LoadedPoints`
    """

    path: Path
    names: tuple[str, ...]
    cells: tuple
    index_dropped: bool
    delimiter: str | None = None
    decimal: str = "."

    def numeric_columns(self) -> list[str]:
        """Names of the numeric columns, as :meth:`points` accepts them."""
        return [self.names[j] for j in self._numeric_indices()]

    def points(self, columns: ColumnSpec = None) -> LoadedPoints:
        """Choose two columns, convert them to float and drop rows that are not finite numbers.

        Parameters
        ----------
        columns : see :func:`read_points`

        Returns
        -------
        LoadedPoints

        Raises
        ------
        GmmvizError
            For a bad column choice or fewer than two valid rows.
        """
        path = self.path
        if len(self.names) < 2:
            extra = " besides its row index" if self.index_dropped else ""
            raise _error(path, f"has only one column{extra}; gmmviz needs two columns of numbers")
        chosen = self._choose_columns(columns)
        values = np.column_stack([_to_float(self.cells[j], self.decimal) for j in chosen])
        finite = np.isfinite(values).all(axis=1)
        X = np.ascontiguousarray(values[finite])
        used = (self.names[chosen[0]], self.names[chosen[1]])
        if X.shape[0] < 2:
            raise _error(
                path,
                f"has {X.shape[0]} valid row{'s' * (X.shape[0] != 1)} in columns {used[0]}, {used[1]}; "
                "gmmviz needs at least two rows of finite numbers",
            )
        return LoadedPoints(X=X, columns=used, n_skipped=int(values.shape[0] - X.shape[0]), path=path,
                            delimiter=self.delimiter, decimal=self.decimal)

    def _numeric_indices(self) -> Iterator[int]:
        return (j for j in range(len(self.names)) if _looks_numeric(self.cells[j][:_DETECT_ROWS], self.decimal))

    def _grouped_number(self) -> str | None:
        """The first cell (of the first rows) written with thousands separators, such as ``1.234,5``."""
        for cells in self.cells:
            if not isinstance(cells, np.ndarray):
                found = next((cell for cell in cells[:_DETECT_ROWS] if _GROUPED.fullmatch(cell.strip())), None)
                if found is not None:
                    return found.strip()
        return None

    def _choose_columns(self, columns: ColumnSpec) -> tuple[int, int]:
        path, names = self.path, list(self.names)
        if columns is None:
            # Only as many columns are examined as it takes to find two numeric ones.
            numeric = list(itertools.islice(self._numeric_indices(), 2))
            if len(numeric) < 2:
                grouped = self._grouped_number()
                hint = (f" (a number such as {grouped!r} has thousands separators, which are not read: "
                        "export the numbers without them)") if grouped else ""
                raise _error(
                    path,
                    f"has {len(numeric)} numeric column{'s' * (len(numeric) != 1)} ({_listed(names)}); "
                    f"gmmviz needs two columns of numbers{hint}",
                )
            return numeric[0], numeric[1]
        tokens = [token.strip() for token in columns.split(",")] if isinstance(columns, str) else list(columns)
        if len(tokens) != 2:
            raise _error(path, f"cannot use columns {columns!r}; choose exactly two, e.g. 'x,y' or '0,1'")
        chosen = tuple(_column_index(path, names, token) for token in tokens)
        if chosen[0] == chosen[1]:
            raise _error(path, f"cannot use column {names[chosen[0]]} twice; choose two different columns")
        return chosen


def load_points(path, columns: ColumnSpec = None) -> np.ndarray:
    """Read points and return only the ``(n_samples, 2)`` float64 array; see :func:`read_points`."""
    return read_points(path, columns).X


def read_points(path, columns: ColumnSpec = None) -> LoadedPoints:
    """Read two columns of points from a CSV, TSV, text or ``.npy`` file.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read; its extension chooses the format.
    columns : None, str, or sequence of two str/int
        ``None`` for the first two numeric columns, ``"name,name"`` or ``"0,1"``, or a pair such as
        ``("eruptions", "waiting")`` or ``(0, 1)``. Indices are 0-based and do not count a row-index column.

    Returns
    -------
    LoadedPoints

    Raises
    ------
    GmmvizError
        For a missing, empty, unreadable or malformed file, a bad column choice, or fewer than two valid rows.

    Warns
    -----
    GmmvizWarning
        Once, when rows were skipped, saying how many.
    """
    loaded = read_table(path).points(columns)
    if loaded.n_skipped:
        warnings.warn(loaded.skip_notice(), GmmvizWarning, stacklevel=2)
    return loaded


def numeric_columns(path) -> list[str]:
    """Names of the numeric columns of a points file, as ``read_points(path, columns=...)`` accepts them.

    For a column picker. Columns without a header are named by index (``"0"``, ``"1"``, ...); a row-index
    column is not listed.

    Raises
    ------
    GmmvizError
        For a file :func:`read_points` cannot read.
    """
    return read_table(path).numeric_columns()


def read_table(path) -> PointTable:
    """The columns of a data file; :func:`read_table_in_steps` without the steps."""
    steps = read_table_in_steps(path)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def read_table_in_steps(path) -> Generator[float, None, PointTable]:
    """Read the columns of a data file, yielding the fraction done (0..1) now and then.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    PointTable
        As the generator's return value (``table = yield from read_table_in_steps(path)``).

    Raises
    ------
    GmmvizError
        For a missing, empty, unreadable or malformed file.
    """
    path = Path(path)
    extension = path.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        shown = f"extension '{path.suffix}'" if path.suffix else "no extension"
        raise _error(path, f"has {shown}; give a {', '.join(SUPPORTED_EXTENSIONS[:-1])} or {SUPPORTED_EXTENSIONS[-1]} file")
    with open_input(path, "a data file") as (stream, size):
        if size == 0:
            raise _empty(path)
        if extension == ".npy":
            names, cells = _table_from_npy(path, _read_npy(path, stream, size))
            return PointTable(path, tuple(names), tuple(cells), index_dropped=False)
        data = yield from _read_text_bytes(path, stream, size)
    if not data.strip():
        raise _empty(path)
    return (yield from _table_from_text(path, _decode(path, data), _EXTENSION_DELIMITER.get(extension)))


def _error(path: Path, message: str) -> GmmvizError:
    return GmmvizError(f"{os.fspath(path)}: {message}")


def _empty(path: Path) -> GmmvizError:
    return _error(path, "is empty; give a file with two columns of numbers")


# --- text --------------------------------------------------------------------------------------------


def _read_text_bytes(path: Path, stream, size: int) -> Generator[float, None, bytes]:
    """The bytes of a text file, read in blocks and refused at the first line longer than MAX_LINE_BYTES."""
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
                raise _error(
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


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise _error(path, "is not a text file; give a .npy file or CSV/TSV/whitespace-separated text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if control > len(sample) // 100:
        raise _error(path, "is not a text file; give a .npy file or CSV/TSV/whitespace-separated text")
    return text


def _table_from_text(path: Path, text: str, preferred: str | None) -> Generator[float, None, PointTable]:
    """Split text into columns of cells, ``_CHUNK_LINES`` lines per step (see the module docstring)."""
    raw = text.splitlines()
    chunks = ((start + _CHUNK_LINES, _content_lines(raw[start:start + _CHUNK_LINES]))
              for start in range(0, len(raw), _CHUNK_LINES))
    head = []
    for _end, lines in chunks:  # enough lines to sniff; usually the first chunk
        head += lines
        if len(head) >= _SNIFF_LINES:
            break
    if not head:
        raise _error(path, "has no data, only comments or blank lines; give a file with two columns of numbers")
    delimiter, rows, decimal = _sniff_format(path, head, preferred)
    first = [cell.strip() for cell in rows[0]]
    header = first if _is_header(first, decimal) else None
    body = rows[1:] if header is not None else rows
    n_cells = Counter(len(row) for row in body[:_SNIFF_LINES]).most_common(1)[0][0] if body else 0
    if header is not None and len(header) == n_cells - 1:  # R's write.table leaves out the row-name header
        header = [""] + header
    width = max(n_cells, len(header or ()))
    cells = [[] for _ in range(width)]
    _extend(cells, _columns_of_rows(body, width))
    for end, lines in chunks:
        yield _READ_SHARE + (1 - _READ_SHARE) * min(end / len(raw), 1.0)
        _extend(cells, _chunk_columns(path, lines, delimiter, n_cells, width))
    n_rows = len(cells[0]) if cells else 0
    if not n_rows:
        raise _error(path, "has a header but no data rows; gmmviz needs at least two rows of numbers")
    if header is not None:
        skip = int(header[0] in _INDEX_HEADERS)
        names = header[skip:]
    else:
        skip = int(n_cells >= 3 and _counts_rows(cells[0]))
        # Numbered after the index is skipped: user indices count the columns that remain.
        names = [str(j) for j in range(n_cells - skip)]
    return PointTable(path, tuple(names), tuple(cells[skip:]), bool(skip), delimiter, decimal)


def _content_lines(lines: list[str]) -> list[str]:
    """The lines stripped of blanks, without blank lines and ``#`` comments."""
    stripped = map(str.strip, lines)
    return [line for line in stripped if line and line[0] != "#"]


def _extend(cells: list[list[str]], new: list[list[str]]) -> None:
    for column, more in zip(cells, new):
        column.extend(more)


def _columns_of_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """The first ``width`` columns of split rows, ``""`` where a row is short."""
    # zip_longest is lazy, so islice builds only the columns kept, however long a damaged row is.
    columns = [list(column) for column in itertools.islice(itertools.zip_longest(*rows, fillvalue=""), width)]
    return columns + [[""] * len(rows) for _ in range(width - len(columns))]


def _chunk_columns(path: Path, lines: list[str], delimiter: str, n_cells: int, width: int) -> list[list[str]]:
    """The first ``width`` columns of ``lines`` split at ``delimiter``.

    Lines of exactly ``n_cells`` plain cells (no quotes, no blank after a delimiter, so csv would split
    them the same) are split as one string: no list per row, which keeps a million-row file from
    spending most of its time in the garbage collector.
    """
    joined = delimiter.join(lines)
    plain = delimiter != " " and '"' not in joined and f"{delimiter} " not in joined
    if plain and set(map(str.count, lines, itertools.repeat(delimiter))) == {n_cells - 1}:
        flat = joined.split(delimiter)
        columns = [flat[j::n_cells] for j in range(min(n_cells, width))]
        return columns + [[""] * len(lines) for _ in range(width - len(columns))]
    return _columns_of_rows(_split_checked(path, lines, delimiter), width)


def _sniff_format(path: Path, lines: list[str], preferred: str | None):
    """The delimiter, the first lines split by it, and the decimal separator (see the module docstring)."""
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
            if width >= 2 and counts[0] == width and share >= 0.8:
                other_decimal = _sniff_decimal(other_rows, other)
                if other_decimal == "," or header_short:
                    delimiter, rows, decimal = other, other_rows, other_decimal
                    break
    if len(lines) > len(sample):
        rows = rows + _split_checked(path, lines[len(sample):], delimiter)
    return delimiter, rows, decimal


def _sniff_decimal(rows: list[list[str]], delimiter: str) -> str:
    """``","`` when the rows are written with a decimal comma (see the module docstring), else ``"."``."""
    if delimiter not in _DECIMAL_COMMA_DELIMITERS:
        return "."
    body = rows[1:] or rows  # the first row may be a header, whose names may hold anything
    found = False
    for column in itertools.zip_longest(*body, fillvalue=""):
        filled = [cell.strip() for cell in column if cell.strip()]
        if any("." in cell and _is_number(cell, ".") for cell in filled):
            return "."
        with_comma = [cell for cell in filled if "," in cell]
        if not with_comma or sum(_is_number(cell, ",") for cell in filled) * 2 <= len(filled):
            continue  # no commas, or a text column whose commas are punctuation
        if not all(_DECIMAL_COMMA.fullmatch(cell) for cell in with_comma):
            return "."  # thousands separators, or a list of numbers in a cell
        found = True
    return "," if found else "."


def _sniff_sample(lines: list[str]) -> list[str]:
    """The first _SNIFF_LINES lines, or fewer that hold at most _SNIFF_BYTES characters, but always two."""
    sample, size = lines[:2], sum(map(len, lines[:2]))
    for line in lines[2:_SNIFF_LINES]:
        size += len(line)
        if size > _SNIFF_BYTES:
            break
        sample.append(line)
    return sample


def _split(lines: list[str], delimiter: str) -> list[list[str]]:
    if delimiter == " ":
        # csv understands quoted names with spaces; a single space with leading-space skipping equals
        # "any run of blanks" once tabs are turned into spaces.
        lines = [line.replace("\t", " ") for line in lines]
    return list(csv.reader(lines, delimiter=delimiter, skipinitialspace=True))


def _split_checked(path: Path, lines: list[str], delimiter: str) -> list[list[str]]:
    try:
        return _split(lines, delimiter)
    except csv.Error as exc:  # e.g. a "field" longer than csv's limit: not a table
        raise _error(path, f"cannot be split into columns ({exc}); give CSV, TSV or whitespace-separated text") from None


def _steady_width(counts: list[int]) -> tuple[int, float]:
    """The commonest number of cells among the rows after the first (or all, for one row), and its share."""
    data_counts = counts[1:] or counts
    width, frequency = Counter(data_counts).most_common(1)[0]
    return width, frequency / len(data_counts)


def _sniff_delimiter(path: Path, lines: list[str], preferred: str | None) -> str:
    """Return the delimiter (``" "`` = runs of whitespace) that splits the lines into steady columns.

    The first delimiter giving the same width >= 2 on at least 80 % of the lines wins (so a few ragged,
    damaged rows do not matter); the header may have one cell fewer than the rows, as R's ``write.table``
    leaves out the row-name header. Failing that, the delimiter with the steadiest width >= 2 is used.
    """
    candidates = (preferred, *(d for d in _DELIMITERS if d != preferred)) if preferred else _DELIMITERS
    best, best_share = None, 0.0
    for delimiter in candidates:
        counts = [len(row) for row in _split_checked(path, lines, delimiter)]
        width, share = _steady_width(counts)
        if width < 2 or counts[0] not in (width, width - 1):
            continue
        if share >= 0.8:
            return delimiter
        if share > best_share:
            best, best_share = delimiter, share
    if best_share == 0.0:
        raise _error(path, "has only one column; gmmviz needs two columns of numbers")
    return best


def _number(cell: str, decimal: str) -> float:
    """``cell`` read by the strict parser with ``decimal`` as the decimal separator; ValueError if not a number."""
    if decimal == ",":
        if "." in cell:
            raise ValueError(f"not a number with a decimal comma: {cell!r}")
        cell = cell.replace(",", ".")
    return parse_float(cell)


def _is_number(cell: str, decimal: str = ".") -> bool:
    try:
        _number(cell, decimal)
    except ValueError:
        return False
    return True


def _is_header(row: list[str], decimal: str) -> bool:
    filled = [cell for cell in row if cell]
    return sum(not _is_number(cell, decimal) for cell in filled) * 2 > len(filled)


def _counts_rows(first: list[str]) -> bool:
    """True when the first cells read 0..n-1 or 1..n, i.e. a row index."""
    first = [cell.strip() for cell in first]
    if not all(_ROW_INDEX.fullmatch(cell) for cell in first):
        return False
    values = np.array(first, dtype=np.int64)
    return bool(values[0] in (0, 1) and np.all(np.diff(values) == 1))


# --- npy ---------------------------------------------------------------------------------------------


def _read_npy(path: Path, stream, size: int) -> np.ndarray:
    """The array in an open ``.npy`` file of ``size`` bytes, its header checked before anything is allocated."""
    invalid = _error(path, "is not a valid .npy file; save it with numpy.save")
    try:
        version = np.lib.format.read_magic(stream)
        # Versions 2 and 3 differ only in how field names are encoded, which does not change the sizes.
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _fortran_order, dtype = read_header(stream)
    except (ValueError, OSError, EOFError):
        raise invalid from None
    if dtype.hasobject or any(n < 0 for n in shape):
        raise invalid
    if not dtype.names and dtype.kind not in "iuf":
        raise _error(path, f"holds {dtype} values; save real numbers")
    needed, available = math.prod(shape) * dtype.itemsize, size - stream.tell()
    if needed > available:
        raise _error(
            path,
            f"is truncated: its header promises {needed} bytes of data ({dtype} values of shape {shape}) but "
            f"{available} follow; save it again with numpy.save",
        )
    stream.seek(0)
    try:
        return np.load(stream, allow_pickle=False)
    except (ValueError, OSError, EOFError):
        raise invalid from None


def _table_from_npy(path: Path, array: np.ndarray):
    """Column names and the columns (1-D arrays) of the array of a ``.npy`` file."""
    if array.dtype.names:
        names = list(array.dtype.names)
        columns = [np.asarray(array[name]).ravel() for name in names]
    elif array.ndim == 2:
        names = [str(j) for j in range(array.shape[1])]
        columns = list(array.T)
    elif array.ndim == 1:
        names, columns = ["0"], [array]
    else:
        raise _error(path, f"holds a {array.ndim}-D array; save an (n_samples, 2) array")
    if not all(column.dtype.kind in "iuf" for column in columns):
        raise _error(path, f"holds {array.dtype} values; save real numbers")
    return names, columns


# --- column choice and conversion --------------------------------------------------------------------


def _to_float(column, decimal: str) -> np.ndarray:
    """Convert one column (strings or numbers) to float64, with NaN for cells that are not numbers."""
    if isinstance(column, np.ndarray):
        return column.astype(np.float64)
    # numpy reads ASCII text without underscores exactly as parse_float does; anything else goes cell by cell.
    text = "".join(column)
    if decimal == "," and "." not in text:
        column = [cell.replace(",", ".") for cell in column]
        decimal = "."
    if decimal == "." and text.isascii() and "_" not in text:
        try:
            return np.asarray(column, dtype=np.float64)
        except ValueError:
            pass
    return np.array([_float_or_nan(cell, decimal) for cell in column], dtype=np.float64)


def _float_or_nan(cell: str, decimal: str) -> float:
    try:
        return _number(cell, decimal)
    except ValueError:
        return math.nan


def _column_index(path: Path, names: list[str], token) -> int:
    """A header name wins over an index, so a column named "2" is found by its name."""
    if isinstance(token, str) and token in names:
        return names.index(token)
    index = _as_index(token)
    if index is not None:
        if 0 <= index < len(names):
            return index
        raise _error(path, f"has no column {index}; its columns are 0..{len(names) - 1} ({_listed(names)})")
    raise _error(path, f"has no column named {token!r}; its columns are {_listed(names)}")


def _as_index(token) -> int | None:
    """``token`` as a column index (an int, or ASCII digits), or None when it is not one."""
    if isinstance(token, (int, np.integer)) and not isinstance(token, bool):
        return int(token)
    if isinstance(token, str) and token.isascii() and token.isdigit():
        try:
            return parse_int(token)
        except ValueError:  # too many digits to be any column
            return None
    return None


def _listed(names: list[str]) -> str:
    """The column names for a message: all of them, or the first _LISTED_NAMES and how many there are."""
    if len(names) <= _LISTED_NAMES:
        return ", ".join(names)
    return f"{', '.join(names[:_LISTED_NAMES])}, ... ({len(names)} columns)"


def _looks_numeric(cells, decimal: str) -> bool:
    """More than half of the non-empty cells are numbers (array columns from .npy always are)."""
    if isinstance(cells, np.ndarray):
        return True
    filled = [cell for cell in cells if cell.strip()]
    return sum(_is_number(cell, decimal) for cell in filled) * 2 > len(filled) > 0
