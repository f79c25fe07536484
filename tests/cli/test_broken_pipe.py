"""A reader that stops early (``gmmviz fit … | head -1``) ends gmmviz quietly with exit status 141; a standard
stream the caller closed (``>&-``, ``2>&-``) is one error line or none, never a traceback."""

import io
import subprocess
import sys

import numpy as np

from gmmviz.cli import main


class _ClosedPipe(io.TextIOBase):
    """A stdout whose reader has gone: every write and flush raises BrokenPipeError (no descriptor)."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_stdout_is_exit_141_without_a_message(monkeypatch, capsys, faithful):
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["fit", str(faithful), "-k", "2"]) == 141
    assert capsys.readouterr().err == ""


def test_a_stdout_closed_before_the_start_is_one_error_line_before_any_work(monkeypatch, capsys, faithful, tmp_path):
    monkeypatch.setattr(sys, "stdout", None)        # how Python starts with descriptor 1 closed
    assert main(["fit", str(faithful), "-k", "2", "--json", str(tmp_path / "fit.json")]) == 2
    assert capsys.readouterr().err == "gmmviz: error: standard output is closed; redirect it to a file or to /dev/null\n"
    assert not (tmp_path / "fit.json").exists()


class _ClosedDescriptor(io.TextIOBase):
    """A stderr on a descriptor that is not open: every write raises EBADF."""

    def write(self, text):
        raise OSError(9, "Bad file descriptor")


def test_the_window_needs_no_standard_output(monkeypatch, tmp_path):
    """Only the commands print what the user needs; a screenshot run with >&- was refused too."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.chdir(tmp_path)
    assert main(["--screenshot", "shot.png"]) == 0 and (tmp_path / "shot.png").is_file()


def test_with_stderr_closed_an_error_is_still_exit_status_2(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stderr", _ClosedDescriptor())     # the message raised, and the status was 1
    assert main(["fit", str(tmp_path / "missing.csv"), "-k", "2"]) == 2


def test_piped_into_head(tmp_path):
    rng = np.random.default_rng(0)
    np.savetxt(tmp_path / "points.csv", rng.normal(size=(20_000, 2)), delimiter=",", header="a,b", comments="")
    # The labels (about 1 MB) are far more than a pipe holds, so gmmviz is still writing when head exits.
    done = subprocess.run(
        f"'{sys.executable}' -m gmmviz fit points.csv -k 2 --labels - | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
        shell=True, executable="bash", cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    header, status = done.stdout.splitlines()
    assert header.endswith(",label,p_1,p_2") and status == "status 141"
    assert "gmmviz: error" not in done.stderr and "Traceback" not in done.stderr and "Exception" not in done.stderr
