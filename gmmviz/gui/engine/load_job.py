"""Opening a data file as a job: a generator that yields the fraction of the file read and returns the points.

The job is plain Python (no Qt, like the EM jobs in :mod:`gmmviz.gui.engine.jobs`), so the window runs it
on a thread of its own (:func:`gmmviz.gui.engine.background.run_with_progress`) and a test drives it with a
loop. It reads the table in steps (:func:`gmmviz.io.points.read_table_in_steps`) and then chooses the two
columns, except when the user is to choose among more than two numeric columns, or whether a further column
holds labels: then it returns the table, and the window asks and chooses (a fraction of the time the reading
took).
"""

from __future__ import annotations

from typing import Generator, Union

from gmmviz.io.points import ColumnSpec, LoadedPoints, PointTable, read_table_in_steps


def load_points_job(path, columns: ColumnSpec = None,
                    ask_columns: bool = True) -> Generator[float, None, Union[LoadedPoints, PointTable]]:
    """Read the points of ``path``, yielding the fraction done (0..1).

    Parameters
    ----------
    path : str or os.PathLike
    columns : None, str or pair
        As :func:`gmmviz.io.read_points` takes them.
    ask_columns : bool
        With ``columns`` None: return the table when it has more than two numeric columns, or any column
        besides two numeric ones (a label column to choose).

    Returns
    -------
    LoadedPoints, or PointTable when the columns are to be asked for
        As the generator's return value.

    Raises
    ------
    GmmvizError
        For a file that cannot be read, or columns that cannot be used.
    """
    table = yield from read_table_in_steps(path)
    if columns is None and ask_columns and len(table.names) > 2 and len(table.numeric_columns()) >= 2:
        return table
    return table.points(columns)
