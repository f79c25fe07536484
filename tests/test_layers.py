"""Layering: the numeric core, file formats and headless CLI never load Qt, and ``import gmmviz`` stays light.

One fresh interpreter goes through the stages below in order and reports the top-level packages loaded after
each; a stage loads at least what the ones before it did, so each test reads the first stage it is about.
"""

import json
import subprocess
import sys

import pytest

from tests.fresh_python import ENV

QT = {"PySide6", "pyqtgraph", "shiboken6"}
#: (stage, code), run in this order in one interpreter.
STAGES = (
    ("import gmmviz", "import gmmviz"),
    ("import gmmviz.core", "import gmmviz.core"),
    # the warm-up lives in gmmviz.gui but the command line starts it: it must not bring Qt along
    ("import the headless modules", "import gmmviz.io, gmmviz.cli, gmmviz.desktop, gmmviz.gui.engine.warm_up"),
    ("gmmviz fit", "from importlib.resources import as_file, files\n"
                   "from gmmviz.cli import main\n"
                   "with as_file(files('gmmviz') / 'resources' / 'old_faithful.csv') as path:\n"
                   "    status = main(['fit', str(path), '-k', '2', '--seed', '0', '--json', 'fit.json',"
                   " '--labels', 'l.csv'])\n"
                   "assert status == 0\n"),
)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """Stage name → the top-level package names in ``sys.modules`` after it, and the folder it ran in."""
    folder = tmp_path_factory.mktemp("layers")
    report = "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    script = "import json, sys\n" + "".join(f"{code}\n{report}\n" for _stage, code in STAGES)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=folder, env=ENV,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    reports = [line for line in done.stdout.splitlines() if line.startswith("[")]   # fit prints its table too
    return {stage: set(json.loads(line)) for (stage, _code), line in zip(STAGES, reports, strict=True)}, folder


def test_import_gmmviz_loads_neither_scikit_learn_nor_numba_nor_qt(loaded):
    stages, _folder = loaded
    assert "gmmviz" in stages["import gmmviz"]
    assert not stages["import gmmviz"] & {"sklearn", "numba", "scipy", *QT}


def test_the_core_loads_neither_numba_nor_scikit_learn_until_it_computes(loaded):
    stages, _folder = loaded
    assert not stages["import gmmviz.core"] & {"sklearn", "numba", *QT}


def test_the_file_formats_command_line_desktop_module_and_warm_up_load_no_qt(loaded):
    stages, _folder = loaded
    assert not stages["import the headless modules"] & QT


def test_fit_command_runs_without_qt(loaded):
    stages, folder = loaded
    assert "numba" in stages["gmmviz fit"]  # the fit really ran (the compiled kernels)
    assert "sklearn" not in stages["gmmviz fit"]  # k-means is gmmviz's own (gmmviz.core.kmeans): 1.8 s less to start
    assert not stages["gmmviz fit"] & QT
    assert len(json.loads((folder / "fit.json").read_text())["weights"]) == 2
