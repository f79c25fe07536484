"""The kernels work where numba can write no cache of its own: in a fallback folder, or uncached."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gmmviz

# Where the cache goes is decided once for every kernel (gmmviz.core.numba_cache), so one kernel shows it;
# compiling it takes a quarter of the time a fit's three take.
ONE_KERNEL = (
    "import gmmviz, numpy as np; "
    "assert gmmviz.__file__.startswith({package!r}), gmmviz.__file__; "
    "from gmmviz.core.kernels import nearest_centres; "
    "X = np.random.default_rng(0).normal(size=(20, 2)); "
    "print(nearest_centres(X, X[:2].copy())[0].shape)"
)


@pytest.fixture
def read_only_install(tmp_path):
    """(package folder, environment): gmmviz copied where numba's three cache places cannot be written.

    The process runs as root in CI, for whom permission bits mean nothing, so the places are blocked by
    files standing where folders would have to be: ``gmmviz/core/__pycache__`` is a file, and the home and
    cache folders lie under a file.
    """
    package = tmp_path / "install"
    shutil.copytree(Path(gmmviz.__file__).parent, package / "gmmviz",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (package / "gmmviz" / "core" / "__pycache__").write_text("not a folder")
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("NUMBA_")}
    env.update(PYTHONPATH=str(package), HOME=str(blocked / "home"), XDG_CACHE_HOME=str(blocked / "cache"),
               TMPDIR=str(scratch), PYTHONDONTWRITEBYTECODE="1")
    return package, env, scratch


def _run(code, env, cwd):
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_cached_in_a_private_temporary_folder(read_only_install, tmp_path):
    package, env, scratch = read_only_install
    done = _run(ONE_KERNEL.format(package=str(package)), env, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "(20,)\n", "")
    cache = [path for path in scratch.iterdir() if path.name.startswith("gmmviz-numba-")]
    assert len(cache) == 1 and any(path.suffix == ".nbi" for path in cache[0].rglob("*"))
    assert cache[0].stat().st_mode & 0o077 == 0


def test_compiled_without_a_cache_when_nothing_can_be_written(read_only_install, tmp_path):
    package, env, scratch = read_only_install
    no_temporary_folder = f"import tempfile; tempfile.tempdir = {str(tmp_path / 'blocked' / 'tmp')!r}; "
    done = _run(no_temporary_folder + ONE_KERNEL.format(package=str(package)), env, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "(20,)\n", "")
    assert list(scratch.iterdir()) == []
