"""Layering: the numeric core, file formats and headless CLI never load Qt, and ``import gmmviz`` stays light."""

import os
import subprocess
import sys
from pathlib import Path

import gmmviz

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(gmmviz.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}
QT = ("PySide6", "pyqtgraph", "shiboken6")


def loaded_after(code, cwd):
    """Top-level package names in sys.modules after running ``code`` in a fresh interpreter."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted({{name.split('.')[0] for name in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, env=ENV, timeout=300)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.splitlines()[-1].split())  # the last line; the code may print before it


def test_import_gmmviz_core_and_io_loads_no_qt(tmp_path):
    loaded = loaded_after("import gmmviz, gmmviz.core, gmmviz.io, gmmviz.cli", tmp_path)
    assert "gmmviz" in loaded
    assert not loaded & set(QT)


def test_import_gmmviz_loads_neither_scikit_learn_nor_numba(tmp_path):
    loaded = loaded_after("import gmmviz", tmp_path)
    assert not loaded & {"sklearn", "numba", "scipy", *QT}


def test_fit_command_runs_without_qt(tmp_path):
    code = (
        "from importlib.resources import as_file, files\n"
        "from gmmviz.cli import main\n"
        "with as_file(files('gmmviz') / 'resources' / 'old_faithful.csv') as path:\n"
        "    status = main(['fit', str(path), '-k', '2', '--seed', '0', '--json', 'fit.json', '--labels', 'l.csv'])\n"
        "assert status == 0\n"
    )
    loaded = loaded_after(code, tmp_path)
    assert "numba" in loaded  # the fit really ran (the compiled kernels)
    assert "sklearn" not in loaded  # k-means is gmmviz's own (gmmviz.core.kmeans): 1.8 s less to start
    assert not loaded & set(QT)
    assert (tmp_path / "fit.json").is_file()
