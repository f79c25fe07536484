"""The ``gmmviz`` command run in-process: ``gmmviz.cli.main(argv)`` in a scratch folder, output captured.

``main`` is what both ``gmmviz`` and ``python -m gmmviz`` call, so its exit status and captured output are
what a user sees; tests/cli/test_smoke.py starts the real processes a few times to show that they agree.
"""

import shutil
from dataclasses import dataclass
from importlib.resources import as_file, files

import pytest

from gmmviz.cli import main


@dataclass(frozen=True)
class Completed:
    """One run of the command, as ``subprocess.run`` reports a process."""

    returncode: int
    stdout: str
    stderr: str

    def error_line(self) -> str:
        """The one ``gmmviz: error:`` line of a failed run (asserting exit status 2 and no traceback)."""
        assert self.returncode == 2, self.stderr
        lines = self.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("gmmviz: error: "), self.stderr
        assert "Traceback" not in self.stderr + self.stdout
        return lines[0]


@pytest.fixture
def gmmviz_cli(tmp_path, monkeypatch, capsys):
    """``gmmviz_cli(*args)`` runs ``gmmviz ARGS…`` in ``tmp_path`` and returns a :class:`Completed`."""
    monkeypatch.chdir(tmp_path)

    def run(*args) -> Completed:
        capsys.readouterr()  # what earlier runs printed belongs to them
        try:
            status = main([str(arg) for arg in args])
        except SystemExit as exc:  # argparse's --help and --version
            status = exc.code
        out, err = capsys.readouterr()
        return Completed(status, out, err)

    return run


@pytest.fixture
def faithful(tmp_path):
    """A copy of the packaged Old Faithful CSV (272 points, columns eruptions and waiting) in ``tmp_path``."""
    with as_file(files("gmmviz") / "resources" / "old_faithful.csv") as path:
        shutil.copy(path, tmp_path / "faithful.csv")
    return tmp_path / "faithful.csv"


@pytest.fixture
def bad_files(tmp_path):
    """``garbage.csv`` (binary bytes) and ``params.json`` (a mixture file from a newer gmmviz) in ``tmp_path``."""
    (tmp_path / "garbage.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "params.json").write_text('{"format": "gmmviz-mixture", "version": 9}')
