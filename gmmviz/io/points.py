"""Read two columns of points from a data file: CSV, TSV, whitespace-separated text or ``.npy``.

Holds what a points file becomes (:class:`LoadedPoints`, :class:`PointTable`), the reading of either format
(:func:`read_points`, :func:`read_table_in_steps`), the ``.npy`` format, and the choice and conversion of
two columns. How text is split into columns is :mod:`gmmviz.io.text_table`.

Decisions
---------
- Supported extensions: ``.csv``, ``.tsv``, ``.txt``, ``.dat`` (text, see :mod:`gmmviz.io.text_table`) and
  ``.npy``. Anything else is refused rather than guessed.
- By default the first two numeric columns are used; a column is numeric when more than half of its
  non-empty cells (among the first 1000 rows) are numbers (as :func:`gmmviz.io.text_table.is_number` reads
  them). When fewer than two are, the error names a cell written with thousands separators, if there is one.
- Rows whose chosen cells are missing, non-numeric, NaN or infinite are skipped and counted in one
  :class:`~gmmviz.core.errors.GmmvizWarning`; every other problem is one :class:`~gmmviz.core.errors.GmmvizError`
  naming the file.
- A label column (``labels=``: iris' ``species``, a cluster number) may hold any text; its cells are kept as
  stripped strings for the rows kept (numbers of a ``.npy`` file as text, ``1.0`` as ``"1"``), and an empty
  cell (or NaN) is ``""``, a point without a label. It cannot also be one of the two point columns.
- Reading in steps: :func:`read_table_in_steps` is a generator that yields the fraction of the file done, so
  a caller can show progress and cancel by no longer iterating (closing it closes the file);
  :func:`read_points` is the same reading without the steps.

Limits
------
- Only regular files are read: a FIFO, a device (a link to ``/dev/zero``) or a socket is refused before
  reading (see :mod:`gmmviz.io.input_file`). Text lines are limited as :mod:`gmmviz.io.text_table` says.
- A ``.npy`` header's shape and type must fit the bytes the file holds; that is checked before anything is
  allocated, so a lying header is refused as truncated. Object arrays (pickles) are never loaded. An array
  of at most three rows and more columns is taken for points saved the wrong way round (``X.T``) and
  refused with that hint; a wide array of more rows is a table whose columns the user picks.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import tokenize
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Generator, Iterator, Sequence, Union

import numpy as np

from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.steps import run_to_end
from gmmviz.io.input_file import open_input
from gmmviz.io.numbers import parse_int
from gmmviz.io.text_table import MAX_LINE_BYTES  # noqa: F401 (the limit on the lines read_points takes, named here)
from gmmviz.io.text_table import cell_number, file_error, is_number, read_text_bytes, text_table_in_steps

TEXT_EXTENSIONS = (".csv", ".tsv", ".txt", ".dat")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + (".npy",)

ColumnSpec = Union[None, str, Sequence[Union[str, int]]]

# 1.234,5 or 1,234.5: groups of three digits behind one separator, the decimals behind the other.
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:([.,])[0-9]{3})+(?!\1)[.,][0-9]+", re.A)
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+", re.A)
_DELIMITER_NAMES = {"\t": "tab", ",": "','", ";": "';'", " ": "spaces"}
_DETECT_ROWS = 1000
_LISTED_NAMES = 20


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
    labels : ndarray of shape (n_samples,) of str, or None
        The label column's cells for the rows of ``X`` (``""``: no label), when one was asked for.
    labels_column : str or None
        The name of the label column.
    """

    X: np.ndarray
    columns: tuple[str, str]
    n_skipped: int
    path: Path
    delimiter: str | None = None
    decimal: str = "."
    labels: np.ndarray | None = None
    labels_column: str | None = None

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

    def grouping_columns(self) -> list[str]:
        """Names of the text columns whose values repeat in the first rows: labels, where a name per row is not."""
        numeric = set(self._numeric_indices())
        grouping = []
        for j, name in enumerate(self.names):
            filled = [] if j in numeric else [cell.strip() for cell in self.cells[j][:_DETECT_ROWS] if cell.strip()]
            if len(set(filled)) < len(filled):
                grouping.append(name)
        return grouping

    def points(self, columns: ColumnSpec = None, labels: str | int | None = None) -> LoadedPoints:
        """Choose two columns, convert them to float and drop rows that are not finite numbers.

        Parameters
        ----------
        columns, labels : see :func:`read_points`

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
            raise file_error(path, f"has only one column{extra}; gmmviz needs two columns of numbers")
        chosen = self._choose_columns(columns)
        values = np.column_stack([_to_float(self.cells[j], self.decimal) for j in chosen])
        finite = np.isfinite(values).all(axis=1)
        X = np.ascontiguousarray(values[finite])
        used = (self.names[chosen[0]], self.names[chosen[1]])
        label_index = None if labels is None else self._label_index(labels, chosen)
        if X.shape[0] < 2:
            numeric = list(self._numeric_indices())
            text = [self.names[j] for j in chosen if j not in numeric]
            if text:            # a text column chosen: say so rather than count its rows
                shown = [self.names[j] for j in numeric]
                raise file_error(path, f"column {text[0]} is not a column of numbers; choose two columns of numbers"
                                       + (f" (here {_listed(shown)})" if len(shown) >= 2 else ""))
            raise file_error(
                path,
                f"has {X.shape[0]} valid row{'s' * (X.shape[0] != 1)} in columns {used[0]}, {used[1]}; "
                "gmmviz needs at least two rows of finite numbers",
            )
        return LoadedPoints(X=X, columns=used, n_skipped=int(values.shape[0] - X.shape[0]), path=path,
                            delimiter=self.delimiter, decimal=self.decimal,
                            labels=None if label_index is None else _label_text(self.cells[label_index])[finite],
                            labels_column=None if label_index is None else self.names[label_index])

    def _label_index(self, labels, chosen: tuple[int, int]) -> int:
        index = _column_index(self.path, list(self.names), labels)
        if index in chosen:
            raise file_error(self.path, f"cannot use column {self.names[index]} both for the points and as labels; "
                                        "choose another label column")
        return index

    def _numeric_indices(self) -> Iterator[int]:
        return (j for j in range(len(self.names)) if _looks_numeric(self.cells[j][:_DETECT_ROWS], self.decimal))

    def _first_cell_like(self, pattern) -> str | None:
        """The first cell (of the first rows of a text column) that ``pattern`` matches whole."""
        for cells in self.cells:
            if not isinstance(cells, np.ndarray):
                found = next((cell for cell in cells[:_DETECT_ROWS] if pattern.fullmatch(cell.strip())), None)
                if found is not None:
                    return found.strip()
        return None

    def _why_not_numbers(self) -> str:
        """A hint at cells that are numbers written in a way not read here, or ""."""
        grouped = self._first_cell_like(_GROUPED)
        if grouped:
            return (f" (a number such as {grouped!r} has thousands separators, which are not read: "
                    "export the numbers without them)")
        comma = None if self.decimal == "," else self._first_cell_like(_DECIMAL_COMMA)
        if comma:
            # The decimal mark is decided from the first rows (see text_table): there, no cell had a comma.
            return (f" (a number such as {comma!r} has a decimal comma, but the file's first rows have none, or "
                    "commas separate its columns: export the numbers with a decimal point)")
        return ""

    def _choose_columns(self, columns: ColumnSpec) -> tuple[int, int]:
        path, names = self.path, list(self.names)
        if columns is None:
            # Only as many columns are examined as it takes to find two numeric ones.
            numeric = list(itertools.islice(self._numeric_indices(), 2))
            if len(numeric) < 2:
                hint = self._why_not_numbers()
                raise file_error(
                    path,
                    f"has {len(numeric)} numeric column{'s' * (len(numeric) != 1)} ({_listed(names)}); "
                    f"gmmviz needs two columns of numbers{hint}",
                )
            return numeric[0], numeric[1]
        tokens = [token.strip() for token in columns.split(",")] if isinstance(columns, str) else list(columns)
        if len(tokens) != 2:
            raise file_error(path, f"cannot use columns {columns!r}; choose exactly two, e.g. 'x,y' or '0,1'")
        chosen = tuple(_column_index(path, names, token) for token in tokens)
        if chosen[0] == chosen[1]:
            raise file_error(path, f"cannot use column {names[chosen[0]]} twice; choose two different columns")
        return chosen


def load_points(path, columns: ColumnSpec = None) -> np.ndarray:
    """Read points and return only the ``(n_samples, 2)`` float64 array; see :func:`read_points`."""
    return read_points(path, columns).X


def read_points(path, columns: ColumnSpec = None, labels: str | int | None = None) -> LoadedPoints:
    """Read two columns of points from a CSV, TSV, text or ``.npy`` file.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read; its extension chooses the format.
    columns : None, str, or sequence of two str/int
        ``None`` for the first two numeric columns, ``"name,name"`` or ``"0,1"``, or a pair such as
        ``("eruptions", "waiting")`` or ``(0, 1)``. Indices are 0-based and do not count a row-index column.
    labels : str or int, optional
        A column of labels (by name or index, as ``columns``), kept as text in ``LoadedPoints.labels``.

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
    loaded = read_table(path).points(columns, labels)
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
    return run_to_end(read_table_in_steps(path))


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
    if extension not in SUPPORTED_EXTENSIONS and not path.is_dir():     # a folder: open_input says so
        shown = f"extension '{path.suffix}'" if path.suffix else "no extension"
        raise file_error(
            path, f"has {shown}; give a {', '.join(SUPPORTED_EXTENSIONS[:-1])} or {SUPPORTED_EXTENSIONS[-1]} file"
        )
    with open_input(path, "a data file") as (stream, size):
        if size == 0:
            raise _empty(path)
        if extension == ".npy":
            names, cells = _table_from_npy(path, _read_npy(path, stream, size))
            return PointTable(path, tuple(names), tuple(cells), index_dropped=False)
        data = yield from read_text_bytes(path, stream, size)
    if not data.strip():
        raise _empty(path)
    text = yield from text_table_in_steps(path, data)
    return PointTable(path, text.names, text.cells, text.index_dropped, text.delimiter, text.decimal)


def _empty(path: Path) -> GmmvizError:
    return file_error(path, "is empty; give a file with two columns of numbers")


# --- npy ---------------------------------------------------------------------------------------------


def _read_npy(path: Path, stream, size: int) -> np.ndarray:
    """The array in an open ``.npy`` file of ``size`` bytes, its header checked before anything is allocated."""
    invalid = file_error(path, "is not a valid .npy file; save it with numpy.save")
    try:
        version = np.lib.format.read_magic(stream)
        # Versions 2 and 3 differ only in how field names are encoded, which does not change the sizes.
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _fortran_order, dtype = read_header(stream)
    except (ValueError, SyntaxError, tokenize.TokenError, OSError, EOFError):   # numpy parses the header as Python
        raise invalid from None
    if dtype.hasobject or any(n < 0 for n in shape):
        raise invalid
    if not dtype.names and dtype.kind not in "iuf":
        raise file_error(path, f"holds {dtype} values; save real numbers")
    needed, available = math.prod(shape) * dtype.itemsize, size - stream.tell()
    if needed > available:
        raise file_error(
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
        n_rows, n_columns = array.shape
        if n_rows <= 3 < n_columns:
            # (2, 200): two points of 200 coordinates, or 200 points saved the wrong way round. A wide table of
            # more rows (50 samples of 100 features) is data, whose two columns --columns picks.
            raise file_error(path, f"holds a {n_rows} x {n_columns} array, more columns than rows: its points "
                                   f"are probably its columns; save the transposed array (X.T), one point a row")
        names = [str(j) for j in range(n_columns)]
        columns = list(array.T)
    elif array.ndim == 1:
        names, columns = ["0"], [array]
    else:
        raise file_error(path, f"holds a {array.ndim}-D array; save an (n_samples, 2) array")
    if not all(column.dtype.kind in "iuf" for column in columns):
        raise file_error(path, f"holds {array.dtype} values; save real numbers")
    return names, columns


# --- column choice and conversion --------------------------------------------------------------------


def _to_float(column, decimal: str) -> np.ndarray:
    """Convert one column (strings or numbers) to float64, with NaN for cells that are not numbers."""
    if isinstance(column, np.ndarray):
        return column.astype(np.float64)
    # numpy reads ASCII text without underscores or line breaks exactly as cell_number does; anything else
    # goes cell by cell.
    text = "".join(column)
    if decimal == "," and "." not in text:
        column = [cell.replace(",", ".") for cell in column]
        decimal = "."
    if decimal == "." and text.isascii() and "_" not in text and "\n" not in text:
        try:
            return np.asarray(column, dtype=np.float64)
        except ValueError:
            pass
    return np.array([_float_or_nan(cell, decimal) for cell in column], dtype=np.float64)


def _label_text(column) -> np.ndarray:
    """One label column as stripped strings (n_rows,): ``.npy`` numbers as text (``1.0`` as ``"1"``, NaN as ``""``)."""
    if not isinstance(column, np.ndarray):
        return np.array([cell.strip() for cell in column], dtype=object)
    return np.array(["" if not math.isfinite(v) else str(int(v)) if float(v).is_integer() else repr(float(v))
                     for v in column.tolist()], dtype=object)


def _float_or_nan(cell: str, decimal: str) -> float:
    try:
        return cell_number(cell, decimal)
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
        raise file_error(path, f"has no column {index}; its columns are 0..{len(names) - 1} ({_listed(names)})")
    raise file_error(path, f"has no column named {token!r}; its columns are {_listed(names)}")


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
    return sum(is_number(cell, decimal) for cell in filled) * 2 > len(filled) > 0
