"""Seconds to read a data file of 1e6 rows with ``read_points``, against the naive reader in the same run.

Run by hand: ``python benchmarks/bench_read.py [--rows N]``. It writes, in a temporary folder, the
files a user brings:

- plain: ``x,y`` then numbers, as numpy or a spreadsheet writes them;
- quoted: every cell quoted;
- R write.csv: quoted row names, two numeric columns and a quoted text column;
- notes: the plain file with a quoted notes cell over two lines every 1000 rows (the rows of several
  lines are read apart from the others);

and prints the best of three reads of each by ``read_points`` and by the baseline, Python's ``csv``
reader with ``float`` on the two columns (what a careful reader without gmmviz's checks does: no
sniffing, no header or row-index rules, no counts of skipped rows), and their ratio. Both read the
same bytes, timed alternately so both see the same machine load.
"""

import argparse
import csv
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gmmviz.io.points import read_points  # noqa: E402


def write_files(folder, n_rows):
    """The four files of ``n_rows`` rows in ``folder``: {name: (path, index of the x column)}."""
    numbers = [(f"{i % 997}.5", f"{i % 991}.25") for i in range(n_rows)]
    texts = {
        "plain": "x,y\n" + "".join(f"{x},{y}\n" for x, y in numbers),
        "quoted": '"x","y"\n' + "".join(f'"{x}","{y}"\n' for x, y in numbers),
        "R write.csv": '"","x","y","species"\n' + "".join(f'"{i + 1}",{x},{y},"setosa"\n'
                                                          for i, (x, y) in enumerate(numbers)),
        "notes": "x,y,note\n" + "".join(f'{x},{y},"two\nlines"\n' if i % 1000 == 0 else f"{x},{y},n\n"
                                        for i, (x, y) in enumerate(numbers)),
    }
    files = {}
    for name, text in texts.items():
        path = Path(folder) / f"{name.replace(' ', '_')}.csv"
        path.write_text(text)
        files[name] = path, 1 if name == "R write.csv" else 0
    return files


def naive_read(path, x_column):
    with open(path, newline="") as stream:
        rows = csv.reader(stream)
        next(rows)
        return [(float(row[x_column]), float(row[x_column + 1])) for row in rows]


def gmmviz_read(path, _x_column):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_points(path, "x,y").X


def best_of(functions, repeats=3):
    """The best time in seconds of each function, called alternately ``repeats`` times."""
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for i, function in enumerate(functions):
            start = time.perf_counter()
            function()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        files = write_files(folder, args.rows)
        print(f"{args.rows} rows")
        print(f"{'file':>12} {'read_points s':>14} {'csv + float s':>14} {'ratio':>6}")
        for name, (path, x_column) in files.items():
            assert len(gmmviz_read(path, x_column)) == len(naive_read(path, x_column)) == args.rows
            ours, naive = best_of([lambda: gmmviz_read(path, x_column), lambda: naive_read(path, x_column)])
            print(f"{name:>12} {ours:>14.2f} {naive:>14.2f} {ours / naive:>5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
