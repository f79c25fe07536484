"""The desktop bundle's recipe: packaging/gmmviz.spec and packaging/build-bundle.sh (the bundle is not built here).

The spec is read as text (PyInstaller is not a dependency): its lists are literals, and its two filters are
plain functions that are run here on their own.
"""

import ast
import fnmatch
import os
import subprocess
import sys
from pathlib import Path

import gmmviz
from tests.fresh_python import ENV

ROOT = Path(__file__).parents[1]
SPEC = ROOT / "packaging" / "gmmviz.spec"
SCRIPT = ROOT / "packaging" / "build-bundle.sh"
FILTERS = ("is_unused_qt_plugin", "is_wanted_data")
PLUGINS = "PySide6/Qt/plugins/"


def spec_tree():
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def spec_constants():
    """The spec's upper-case names and their literal values."""
    return {node.targets[0].id: ast.literal_eval(node.value) for node in spec_tree().body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id.isupper()}


def spec_filters():
    """The spec's data and plugin filters as functions, with the constants they read."""
    namespace = {"fnmatch": fnmatch, **spec_constants()}
    functions = [node for node in spec_tree().body if isinstance(node, ast.FunctionDef) and node.name in FILTERS]
    exec(compile(ast.Module(body=functions, type_ignores=[]), str(SPEC), "exec"), namespace)
    return [namespace[name] for name in FILTERS]


def analysis_argument(name):
    """The literal value of keyword ``name`` in the spec's ``Analysis(...)`` call."""
    calls = [node for node in ast.walk(spec_tree())
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Analysis"]
    (call,) = calls
    return next(keyword.value for keyword in call.keywords if keyword.arg == name)


def modules_loaded_by(code, cwd):
    """The names of the modules that ``code`` loads in a fresh interpreter (not those loaded at its start)."""
    script = f"import sys\nat_start = set(sys.modules)\n{code}\nprint(' '.join(set(sys.modules) - at_start))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, env=ENV,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.splitlines()[-1].split())


def test_the_spec_leaves_out_what_gmmviz_never_imports():
    excludes = set(spec_constants()["EXCLUDES"])
    assert {"tkinter", "matplotlib", "pandas", "pytest", "IPython", "OpenGL", "PySide6.QtNetwork"} <= excludes


def test_gmmviz_never_imports_what_the_bundle_leaves_out(tmp_path):
    # A window with a data set, every data set, and a fit with every output, as the bundle would run them.
    code = (
        "import sys\n"
        "from importlib.resources import as_file, files\n"
        "from gmmviz.cli import main\n"
        "from gmmviz.io import datasets\n"
        "with as_file(files('gmmviz') / 'resources' / 'old_faithful.csv') as path:\n"
        "    assert main(['fit', str(path), '-k', '2', '--seed', '0', '--max-iter', '3', '--png', 'f.png',"
        " '--svg', 'f.svg', '--gif', 'f.gif', '--json', 'f.json']) == 0\n"
        "datasets.iris(2, 3), datasets.two_moons(50, seed=0), datasets.blobs(50, 2, 0)\n"
        "from gmmviz.gui.application import ensure_app\n"
        "from gmmviz.gui.main_window import MainWindow\n"
        "app = ensure_app()\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "window.actions['data_old_faithful'].trigger()\n"
        "app.processEvents()\n"
    )
    loaded = modules_loaded_by(code, tmp_path)
    assert {"gmmviz.core.kernels", "sklearn.datasets", "PySide6.QtWidgets"} <= loaded  # it really ran
    excluded = spec_constants()["EXCLUDES"]
    assert sorted(name for name in loaded if any(name == x or name.startswith(x + ".") for x in excluded)) == []


def test_the_spec_collects_kernels_as_a_source_file():
    assert ast.literal_eval(analysis_argument("module_collection_mode")) == {"gmmviz.core.kernels": "py"}
    assert (Path(gmmviz.__file__).parent / "core" / "kernels.py").is_file()


def test_the_spec_collects_gmmviz_resources_but_no_numba_cache_files():
    datas = analysis_argument("datas")
    assert ast.unparse(datas) == "collect_data_files('gmmviz', excludes=['**/__pycache__'])"
    _, is_wanted_data = spec_filters()
    assert is_wanted_data("gmmviz/resources/old_faithful.csv")
    assert not is_wanted_data("gmmviz/core/__pycache__/kernels.e_step-120.py311.nbi")
    assert not is_wanted_data("pyqtgraph/__pycache__/functions_numba.rescale-10.py311.1.nbc")
    assert not is_wanted_data("PySide6/Qt/translations/qtbase_de.qm")


def test_the_spec_keeps_the_qt_plugins_a_desktop_needs():
    is_unused_qt_plugin, _ = spec_filters()
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "xcbglintegrations/libqxcb-glx-integration.so", "imageformats/libqsvg.so",
                 "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so",
                 "platforminputcontexts/libcomposeplatforminputcontextplugin.so"):
        assert not is_unused_qt_plugin(PLUGINS + kept), kept
    for dropped in ("platformthemes/libqgtk3.so", "platforms/libqvnc.so", "generic/libqevdevmouseplugin.so",
                    "tls/libqopensslbackend.so", "imageformats/libqwebp.so"):
        assert is_unused_qt_plugin(PLUGINS + dropped), dropped


def test_the_build_script_is_an_executable_bash_script_that_uses_the_spec():
    assert os.access(SCRIPT, os.X_OK)
    assert subprocess.run(["bash", "-n", str(SCRIPT)]).returncode == 0
    text = SCRIPT.read_text(encoding="utf-8")
    assert "packaging/gmmviz.spec" in text and "set -euo pipefail" in text
