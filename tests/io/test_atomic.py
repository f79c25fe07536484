"""The one writer behind every file gmmviz writes: old content or new, never half, never the wrong thing replaced."""

import errno
import fcntl
import os
import stat
import subprocess
import threading
from contextlib import contextmanager

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Mixture
from gmmviz.io import write_labels, write_mixture, write_sample
from gmmviz.io.atomic import write_bytes_atomic, write_text_atomic
from gmmviz.io.session import Session, save_session

OLD = b"the old content, which must survive\n"


def points(n):
    return np.random.default_rng(0).normal(size=(n, 2))


def two_components():
    covariances = np.array([np.eye(2), 2 * np.eye(2)])
    return Mixture(np.array([0.25, 0.75]), np.array([[0.0, 1.0], [2.0, 3.0]]), covariances, "full")


#: Every writer of a user's file, as ``name -> write(path, size)``; ``size`` points make the file bigger.
WRITERS = {
    "json": lambda path, n: write_mixture(path, two_components(), {"n_samples": n, "padding": list(range(10 * n))}),
    "labels": lambda path, n: write_labels(path, points(n), np.full((n, 2), 0.5)),
    "sample": lambda path, n: write_sample(path, points(n), np.zeros(n, dtype=int)),
    "session": lambda path, n: save_session(path, Session(points=points(n))),
    "text": lambda path, n: write_text_atomic(path, "x" * 40 * n),
}


def assert_untouched(path):
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@contextmanager
def disk_full_after(monkeypatch, n_bytes):
    """Writes get ``n_bytes`` through, then fail as on a full disk."""
    real_write = os.write
    written = 0

    def write(fd, data):
        nonlocal written
        if written >= n_bytes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        done = real_write(fd, bytes(data[: n_bytes - written]))
        written += done
        return done

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", write)
        yield


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs folder; the tests using it are skipped where mounting is not allowed."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + mounted.stderr.decode(errors="replace").strip())
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


# -- the file is the old one or the new one ----------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_write_failing_part_way_keeps_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, writer):
    path = tmp_path / "out"
    path.write_bytes(OLD)
    with disk_full_after(monkeypatch, 100), pytest.raises(GmmvizError, match="No space left") as info:
        WRITERS[writer](path, 200)
    assert str(path) in str(info.value)
    assert_untouched(path)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_keeps_the_old_file_and_no_temporary_file(tiny_disk, writer):
    path = tiny_disk / "out"
    path.write_bytes(OLD)
    with pytest.raises(GmmvizError, match="No space left"):
        WRITERS[writer](path, 5000)
    assert_untouched(path)


def test_a_successful_write_replaces_the_content_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(OLD)
    write_bytes_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


# -- what is at the target stays what it is --------------------------------------------------


@pytest.fixture
def dev_null(tmp_path):
    """A device node like /dev/null in ``tmp_path``, so that a broken writer cannot replace the system's."""
    if os.geteuid() != 0:
        pytest.skip("only root may make device nodes (and replace /dev/null)")
    path = tmp_path / "null"
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return path


def test_dev_null_stays_a_character_device(dev_null):
    write_text_atomic(dev_null, "discarded")
    assert stat.S_ISCHR(os.lstat(dev_null).st_mode)
    assert sorted(p.name for p in dev_null.parent.iterdir()) == ["null"]


def test_a_fifo_gets_the_bytes_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_text_atomic(fifo, "through the pipe")
    reader.join(timeout=60)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_stays_a_link_and_its_target_gets_the_content(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "data.json"
    target.write_bytes(OLD)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["data.json"]


def test_permission_bits_survive_a_rewrite(tmp_path):
    path = tmp_path / "private.csv"
    path.write_bytes(OLD)
    path.chmod(0o640)
    write_text_atomic(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_owner_survives_a_rewrite_by_root(tmp_path):
    path = tmp_path / "theirs.json"
    path.write_bytes(OLD)
    os.chown(path, 1234, 5678)
    write_text_atomic(path, "new")
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)


def test_a_new_file_gets_the_umask_permissions(tmp_path):
    old_umask = os.umask(0o027)
    try:
        write_text_atomic(tmp_path / "new.json", "{}")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


@pytest.mark.parametrize("name", ["a" * 250 + ".csv", "é" * 125 + ".csv"])
def test_a_name_near_the_length_limit_can_be_written(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(OLD)
    write_text_atomic(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == [name]


# -- temporary files of killed saves ---------------------------------------------------------


def test_a_temporary_file_of_a_killed_save_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "fit.json"
    abandoned = tmp_path / ".fit.json.0123abcd.tmp"
    abandoned.write_text('{"half of a')
    other = tmp_path / ".other.json.0123abcd.tmp"
    other.write_text("belongs to another target")
    write_text_atomic(path, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.0123abcd.tmp", "fit.json"]


def test_a_temporary_file_of_a_save_in_progress_is_kept(tmp_path):
    in_progress = tmp_path / ".fit.json.0123abcd.tmp"
    with open(in_progress, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        write_text_atomic(tmp_path / "fit.json", "{}")
        assert in_progress.exists()


# -- standard output ---------------------------------------------------------------------------


def test_dash_is_standard_output(tmp_path, capfd):
    print("report first")
    write_text_atomic("-", "file content\n")
    assert capfd.readouterr().out == "report first\nfile content\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="open descriptors are named in /proc on Linux")
def test_dev_stdout_redirected_to_a_file_is_appended_to_not_replaced(tmp_path, capfd):
    # Under capfd, descriptor 1 is a regular file, as with ``gmmviz ... --labels /dev/stdout > out.csv``;
    # a link of our own, made as /dev/stdout is, keeps the system's safe from a broken writer.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    print("report first")
    write_text_atomic(stdout, "file content\n")
    assert capfd.readouterr().out == "report first\nfile content\n"
    assert stdout.is_symlink()


def test_a_missing_folder_is_one_error_naming_the_path(tmp_path):
    path = tmp_path / "missing" / "out.json"
    with pytest.raises(GmmvizError, match="cannot be written") as info:
        write_text_atomic(path, "{}")
    assert str(info.value).startswith(f"{path}: ")
