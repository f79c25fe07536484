"""Lines of text as csv splits them into rows: quoted cells over several lines, a quote left open, comments.

:mod:`gmmviz.io.text_table` reads a data file through these. A quoted cell may hold line breaks (a header
name, a notes column) for at most ``MAX_CELL_LINES`` lines; a quote still open after that is damage, and
its row is its first line split alone. Blank lines and lines starting with ``#`` are no rows where a row
would start, and part of a cell inside one.
"""

from __future__ import annotations

import csv
import itertools

#: Lines a quoted cell may span (a line break in a header); a longer one is a quote left open.
MAX_CELL_LINES = 4


def rows_and_starts(lines: list[str], delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The rows of ``lines`` split at ``delimiter``, and the index of the line each row starts on.

    A blank line, and a line starting with ``#`` (a comment), is no row where it starts one; inside a
    quoted cell it is part of the cell. A quoted cell still open after ``MAX_CELL_LINES`` lines is a
    quote left open, which would take the rows after it into one cell: its row is then its first line
    split alone, and splitting goes on from the line after it. (A quote inside a cell, as in ``5"``, is
    text: csv opens a quoted cell only at a cell's start.)
    """
    if not lines:               # a chunk of blank lines and comments only
        return [], []
    csv_lines = lines_for_csv(lines, delimiter)
    try:
        rows = list(_reader(csv_lines, delimiter))
    except csv.Error:           # a quote left open ran on past csv's limit on a cell
        return _rows_one_by_one(lines, csv_lines, delimiter)
    if len(rows) == len(lines):                 # a row per line, the usual case: at csv's speed
        starts = range(len(lines))
    else:
        # A row's cells hold a line break for each line it runs on to (csv keeps the line ends in a
        # cell), and a last row still open at the end one more.
        spans = [1 + "".join(row).count("\n") for row in rows]
        spans[-1] -= sum(spans) - len(lines)
        starts = list(itertools.accumulate(spans[:-1], initial=0))
        if max(spans) > MAX_CELL_LINES or any(
                span > 1 and is_comment(lines[start]) for span, start in zip(spans, starts)):
            return _rows_one_by_one(lines, csv_lines, delimiter)   # a quote left open, or one in a comment
    if not _has_comments(lines):
        return rows, list(starts)
    kept = [i for i, start in enumerate(starts) if not is_comment(lines[start])]
    return [rows[i] for i in kept], [starts[i] for i in kept]


def _has_comments(lines: list[str]) -> bool:
    """True when some of ``lines`` (stripped) is blank or starts with ``#`` (found without a loop in Python)."""
    joined = "\n".join(lines)
    return not lines[0] or not lines[-1] or joined[:1] == "#" or "\n\n" in joined or "\n#" in joined


def is_comment(line: str) -> bool:
    """True for a blank line or one starting with ``#``: no row (where a row would start)."""
    return not line or line[0] == "#"


class _Lines:
    """csv's lines from ``position`` on, ending early at ``stop``, which the reader's user moves on after each row."""

    def __init__(self, lines: list[str], position: int):
        self.lines, self.position = lines, position
        self.stop, self.cut = position + MAX_CELL_LINES, False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        if self.position >= self.stop:      # a row still open after MAX_CELL_LINES lines
            self.cut = True
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def _rows_one_by_one(lines: list[str], csv_lines: list[str], delimiter: str) -> tuple[list[list[str]], list[int]]:
    """:func:`rows_and_starts` for lines with a quote left open: csv's rows read one at a time."""
    rows, starts, start = [], [], 0
    while start < len(lines):
        feed = _Lines(csv_lines, start)
        try:
            for row in _reader(feed, delimiter):
                comment = is_comment(lines[start])
                if feed.cut or (comment and feed.position - start > 1):
                    break               # a quote left open, or one in a comment: the line is read alone
                if not comment:
                    rows.append(row)
                    starts.append(start)
                start, feed.stop = feed.position, feed.position + MAX_CELL_LINES
            else:
                break                   # every line read
        except csv.Error:               # a cell longer than csv's limit: a quote left open
            pass
        if not is_comment(lines[start]):
            rows.append(line_alone(csv_lines[start], delimiter))
            starts.append(start)
        start += 1
    return rows, starts


def line_alone(csv_line: str, delimiter: str) -> list[str]:
    """The row of one line as csv splits it alone (a quote left open ends at the line's end)."""
    return next(_reader((csv_line.rstrip("\n"),), delimiter), [])


def lines_for_csv(lines: list[str], delimiter: str) -> list[str]:
    """``lines`` as csv splits them at ``delimiter``: each with its line end, kept in a cell that spans lines."""
    # csv understands quoted names with spaces; a single space with leading-space skipping equals
    # "any run of blanks" once tabs are turned into spaces.
    if delimiter == " ":
        return [line.replace("\t", " ") + "\n" for line in lines]
    return [line + "\n" for line in lines]


def still_open(lines: list[str], delimiter: str) -> bool:
    """True when a quoted cell is open at the end of ``lines``, which start a row."""
    # An open cell takes in a line after it (one without quotes cannot close it): one row, not two.
    try:
        return sum(1 for _row in _reader(lines_for_csv(lines + ["-"], delimiter), delimiter)) == 1
    except csv.Error:           # longer than a cell may be
        return True


def _reader(lines, delimiter: str):
    """csv's reader of ``lines`` split at ``delimiter``, blanks after a delimiter skipped."""
    return csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
