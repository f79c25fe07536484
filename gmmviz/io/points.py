"""Read two columns of points from CSV, TSV, whitespace-separated text or ``.npy``.

Decisions
---------
- Supported extensions: ``.csv``, ``.tsv``, ``.txt``, ``.dat`` (text, delimiter sniffed among tab, comma,
  semicolon and runs of whitespace; the extension only says which to try first) and ``.npy``. Anything else
  is refused rather than guessed. Decimal separators must be ``.``.
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
- A cell is a number when :func:`gmmviz.io.numbers.parse_float` reads it: ASCII digits, a decimal point,
  an exponent, a leading sign, ``inf`` or ``nan``; ``1_000``, Arabic-Indic or other non-ASCII digits and
  superscripts are not numbers.
- Rows whose chosen cells are missing, non-numeric, NaN or infinite are skipped and counted in one
  :class:`~gmmviz.core.errors.GmmvizWarning`; every other problem is one :class:`~gmmviz.core.errors.GmmvizError`
  naming the file.

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
from typing import Iterator, Sequence, Union

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.io.input_file import open_input
from gmmviz.io.numbers import parse_float, parse_int

TEXT_EXTENSIONS = (".csv", ".tsv", ".txt", ".dat")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + (".npy",)

ColumnSpec = Union[None, str, Sequence[Union[str, int]]]

# Delimiters tried in this order after the one the extension suggests; None means runs of whitespace.
_DELIMITERS = ("\t", ",", ";", None)
_EXTENSION_DELIMITER = {".csv": ",", ".tsv": "\t"}
_INDEX_HEADERS = ("", "Unnamed: 0")
_SNIFF_LINES = 50
_SNIFF_BYTES = 1 << 20
_DETECT_ROWS = 1000
_LISTED_NAMES = 20
MAX_LINE_BYTES = 1 << 20
_BLOCK_BYTES = 1 << 20
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
    """

    X: np.ndarray
    columns: tuple[str, str]
    n_skipped: int
    path: Path


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
    path = Path(path)
    names, column, index_dropped = _read_table(path)
    loaded = _select(path, names, column, columns, index_dropped)
    if loaded.n_skipped:
        warnings.warn(
            f"{os.fspath(path)}: skipped {loaded.n_skipped} of {loaded.n_skipped + loaded.X.shape[0]} rows with "
            f"missing, non-numeric, NaN or infinite values in columns {loaded.columns[0]}, {loaded.columns[1]}",
            GmmvizWarning,
            stacklevel=2,
        )
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
    names, column, _ = _read_table(Path(path))
    return [names[j] for j in _numeric_indices(names, column)]


def _read_table(path: Path):
    """Column names, a ``column(j, stop=None)`` accessor, and whether a row-index column was dropped."""
    extension = path.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        shown = f"extension '{path.suffix}'" if path.suffix else "no extension"
        raise _error(path, f"has {shown}; give a {', '.join(SUPPORTED_EXTENSIONS[:-1])} or {SUPPORTED_EXTENSIONS[-1]} file")
    with open_input(path, "a data file") as (stream, size):
        if size == 0:
            raise _empty(path)
        if extension == ".npy":
            names, column = _table_from_npy(path, _read_npy(path, stream, size))
            return names, column, False
        data = _read_text_bytes(path, stream)
    if not data.strip():
        raise _empty(path)
    header, rows = _table_from_text(path, _decode(path, data), _EXTENSION_DELIMITER.get(extension))
    return _columns_of_text(path, header, rows)


def _error(path: Path, message: str) -> GmmvizError:
    return GmmvizError(f"{os.fspath(path)}: {message}")


def _empty(path: Path) -> GmmvizError:
    return _error(path, "is empty; give a file with two columns of numbers")


# --- text --------------------------------------------------------------------------------------------


def _read_text_bytes(path: Path, stream) -> bytes:
    """The bytes of a text file, read in blocks and refused at the first line longer than MAX_LINE_BYTES."""
    blocks = []
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


def _table_from_text(path: Path, text: str, preferred: str | None) -> tuple[list[str] | None, list[list[str]]]:
    """Split text into an optional header (names stripped of blanks) and rows of cells."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines:
        raise _error(path, "has no data, only comments or blank lines; give a file with two columns of numbers")
    try:
        delimiter = _sniff_delimiter(path, _sniff_sample(lines), preferred)
        rows = _split(lines, delimiter)
    except csv.Error as exc:  # e.g. a "field" longer than csv's limit: not a table
        raise _error(path, f"cannot be split into columns ({exc}); give CSV, TSV or whitespace-separated text") from None
    first = [cell.strip() for cell in rows[0]]
    if _is_header(first):
        return first, rows[1:]
    return None, rows


def _sniff_sample(lines: list[str]) -> list[str]:
    """The first _SNIFF_LINES lines, or fewer that hold at most _SNIFF_BYTES characters, but always two."""
    sample, size = lines[:2], sum(map(len, lines[:2]))
    for line in lines[2:_SNIFF_LINES]:
        size += len(line)
        if size > _SNIFF_BYTES:
            break
        sample.append(line)
    return sample


def _split(lines: list[str], delimiter: str | None) -> list[list[str]]:
    if delimiter is None:
        # csv understands quoted names with spaces; a single space with leading-space skipping equals
        # "any run of blanks" once tabs are turned into spaces.
        lines = [line.replace("\t", " ") for line in lines]
        reader = csv.reader(lines, delimiter=" ", skipinitialspace=True)
    else:
        reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    return list(reader)


def _sniff_delimiter(path: Path, lines: list[str], preferred: str | None) -> str | None:
    """Return the delimiter (``None`` = runs of whitespace) that splits the lines into steady columns.

    The first delimiter giving the same width >= 2 on at least 80 % of the lines wins (so a few ragged,
    damaged rows do not matter); the header may have one cell fewer than the rows, as R's ``write.table``
    leaves out the row-name header. Failing that, the delimiter with the steadiest width >= 2 is used.
    """
    candidates = (preferred, *(d for d in _DELIMITERS if d != preferred)) if preferred else _DELIMITERS
    best, best_share = None, 0.0
    for delimiter in candidates:
        counts = [len(row) for row in _split(lines, delimiter)]
        data_counts = counts[1:] or counts
        width, frequency = Counter(data_counts).most_common(1)[0]
        share = frequency / len(data_counts)
        if width < 2 or counts[0] not in (width, width - 1):
            continue
        if share >= 0.8:
            return delimiter
        if share > best_share:
            best, best_share = delimiter, share
    if best_share == 0.0:
        raise _error(path, "has only one column; gmmviz needs two columns of numbers")
    return best


def _is_number(cell: str) -> bool:
    try:
        parse_float(cell)
    except ValueError:
        return False
    return True


def _is_header(row: list[str]) -> bool:
    filled = [cell for cell in row if cell]
    return sum(not _is_number(cell) for cell in filled) * 2 > len(filled)


def _columns_of_text(path: Path, header: list[str] | None, rows: list[list[str]]):
    """Names and a column accessor for split rows, recognising a row-index column (see the module docstring)."""
    if not rows:
        raise _error(path, "has a header but no data rows; gmmviz needs at least two rows of numbers")
    n_cells = Counter(len(row) for row in rows[:_SNIFF_LINES]).most_common(1)[0][0]
    # skip is 1 when the first column is a row index.
    if header is not None:
        if len(header) == n_cells - 1:
            header = [""] + header
        skip = int(header[0] in _INDEX_HEADERS)
        names = header[skip:]
    else:
        skip = int(n_cells >= 3 and _counts_rows(rows))
        # Numbered after the index is skipped: user indices count the columns that remain.
        names = [str(j) for j in range(n_cells - skip)]

    def column(j, stop=None):
        k = j + skip
        return [row[k] if k < len(row) else "" for row in itertools.islice(rows, stop)]

    return names, column, bool(skip)


def _counts_rows(rows: list[list[str]]) -> bool:
    """True when the first cells read 0..n-1 or 1..n, i.e. a row index."""
    first = [row[0].strip() for row in rows]
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
    """Column names and a ``column(j, stop=None)`` accessor for the array of a ``.npy`` file."""
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
    return names, lambda j, stop=None: columns[j][:stop]


# --- column choice and conversion --------------------------------------------------------------------


def _select(path: Path, names: list[str], column, columns: ColumnSpec, index_dropped: bool) -> LoadedPoints:
    """Choose two columns, convert them to float and drop rows that are not finite numbers.

    ``column(j, stop=None)`` returns the cells of column ``j`` (strings or numbers), the first ``stop`` only
    when given, so only the columns used are ever collected in full.
    """
    if len(names) < 2:
        extra = " besides its row index" if index_dropped else ""
        raise _error(path, f"has only one column{extra}; gmmviz needs two columns of numbers")
    chosen = _choose_columns(path, names, column, columns)
    values = np.column_stack([_to_float(column(j)) for j in chosen])
    finite = np.isfinite(values).all(axis=1)
    X = np.ascontiguousarray(values[finite])
    n_skipped = int(values.shape[0] - X.shape[0])
    used = (names[chosen[0]], names[chosen[1]])
    if X.shape[0] < 2:
        raise _error(
            path,
            f"has {X.shape[0]} valid row{'s' * (X.shape[0] != 1)} in columns {used[0]}, {used[1]}; "
            "gmmviz needs at least two rows of finite numbers",
        )
    return LoadedPoints(X=X, columns=used, n_skipped=n_skipped, path=path)


def _to_float(column) -> np.ndarray:
    """Convert one column (strings or numbers) to float64, with NaN for cells that are not numbers."""
    if isinstance(column, np.ndarray):
        return column.astype(np.float64)
    # numpy reads ASCII text without underscores exactly as parse_float does; anything else goes cell by cell.
    text = "".join(column)
    if text.isascii() and "_" not in text:
        try:
            return np.asarray(column, dtype=np.float64)
        except ValueError:
            pass
    return np.array([_float_or_nan(cell) for cell in column], dtype=np.float64)


def _float_or_nan(cell: str) -> float:
    try:
        return parse_float(cell)
    except ValueError:
        return math.nan


def _choose_columns(path: Path, names: list[str], column, columns: ColumnSpec) -> tuple[int, int]:
    if columns is None:
        # Only as many columns are examined as it takes to find two numeric ones.
        numeric = list(itertools.islice(_numeric_indices(names, column), 2))
        if len(numeric) < 2:
            raise _error(
                path,
                f"has {len(numeric)} numeric column{'s' * (len(numeric) != 1)} ({_listed(names)}); "
                "gmmviz needs two columns of numbers",
            )
        return numeric[0], numeric[1]
    tokens = [token.strip() for token in columns.split(",")] if isinstance(columns, str) else list(columns)
    if len(tokens) != 2:
        raise _error(path, f"cannot use columns {columns!r}; choose exactly two, e.g. 'x,y' or '0,1'")
    chosen = tuple(_column_index(path, names, token) for token in tokens)
    if chosen[0] == chosen[1]:
        raise _error(path, f"cannot use column {names[chosen[0]]} twice; choose two different columns")
    return chosen


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


def _numeric_indices(names: list[str], column) -> Iterator[int]:
    return (j for j in range(len(names)) if _looks_numeric(column(j, _DETECT_ROWS)))


def _listed(names: list[str]) -> str:
    """The column names for a message: all of them, or the first _LISTED_NAMES and how many there are."""
    if len(names) <= _LISTED_NAMES:
        return ", ".join(names)
    return f"{', '.join(names[:_LISTED_NAMES])}, ... ({len(names)} columns)"


def _looks_numeric(cells) -> bool:
    """More than half of the non-empty cells are numbers (array columns from .npy always are)."""
    if isinstance(cells, np.ndarray):
        return True
    filled = [cell for cell in cells if cell.strip()]
    return sum(_is_number(cell) for cell in filled) * 2 > len(filled) > 0
