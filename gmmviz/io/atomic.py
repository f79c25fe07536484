"""Write a file so that readers see either the old content or the new, never half of it.

Every file gmmviz writes (mixture JSON, label and sample CSV, sessions, PNG, SVG and GIF) goes through
:func:`write_bytes_atomic`.

Decisions
---------
- A regular file (or a new one) is written to a temporary file in the target's folder, flushed to disk
  (``fsync``) and renamed over the target, then the folder is flushed (best effort). A failure at any point,
  a full disk included, leaves the old file byte for byte and removes the temporary file.
- The temporary file is ``.<name>.<8 hex digits>.tmp`` next to the target; ``<name>`` is cut (at a UTF-8
  character boundary) so the whole name fits in 255 bytes, the usual file-name limit.
- A temporary file left by a save that was killed is removed the next time that target is written. A save in
  progress holds a lock on its temporary file (``flock``, where the system has it), so only files that no
  live save holds are removed; without ``flock`` a file another process has open cannot be removed anyway
  on the systems that lack it.
- A symlink is followed and its target is replaced, so the link stays a link. A hard link is not kept: the
  other names keep the old content, as with any save by rename.
- A rewritten file keeps its permission bits and, when the process may change it (as root), its owner and
  group, as ``QSaveFile`` does. A new file gets the usual ``0o666`` minus the umask.
- A target that exists and is not a regular file (``/dev/null``, a FIFO, a terminal) is written directly,
  without a temporary file: renaming over it would replace the device with a file.
- ``"-"`` is the process's standard output (file descriptor 1), and a path naming one of the process's
  open descriptors (``/dev/stdout``, ``/dev/fd/N`` on Linux) is written to that descriptor, sharing its
  position: ``--labels /dev/stdout > out.csv`` appends to ``out.csv`` instead of replacing it. Descriptor 1
  is written rather than ``sys.stdout`` so that the command line can send its report to stderr while a
  file goes to stdout.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
from pathlib import Path

from gmmviz.core.errors import GmmvizError

#: The output path that means standard output.
STDOUT = "-"

#: Bytes a file name may have on common file systems (NAME_MAX).
NAME_MAX = 255
#: ``.`` + name + ``.`` + 8 hex digits + ``.tmp``: what the temporary name adds to the target's name.
_TEMPORARY_EXTRA = len("..01234567.tmp")
#: Links followed before giving up, as Linux does (ELOOP).
_MAX_LINKS = 40

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


def write_text_atomic(path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` with :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file holds either its old content or all of ``data``.

    Parameters
    ----------
    path : str or os.PathLike
        The file; ``"-"`` for standard output. See the module docstring for symlinks, devices and FIFOs.
    data : bytes-like

    Raises
    ------
    GmmvizError
        When the file cannot be written (missing folder, no permission, disk full), naming ``path``.
    """
    name = os.fspath(path)
    try:
        descriptor = open_descriptor(name)
        if descriptor is not None:
            if sys.stdout is not None:
                sys.stdout.flush()  # what was printed before comes out before the file
            _write_all(descriptor, data)
            return
        target = os.path.realpath(name)
        try:
            existing = os.stat(target)
        except FileNotFoundError:
            existing = None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            _write_through(target, data)
        else:
            _replace(target, data, existing)
    except OSError as exc:
        raise GmmvizError(
            f"{name}: cannot be written ({exc.strerror or exc}); check that the folder exists and is writable"
        ) from None


def open_descriptor(name: str) -> int | None:
    """The descriptor of this process that ``name`` names (``-``, ``/dev/stdout``, ``/dev/fd/2``), or None."""
    if name == STDOUT:
        return 1
    path = os.path.abspath(name)
    own_descriptors = re.compile(rf"/proc/(?:self|thread-self|{os.getpid()}(?:/task/\d+)?)/fd")
    for _ in range(_MAX_LINKS):
        folder, base = os.path.split(path)
        if base.isdigit() and own_descriptors.fullmatch(os.path.realpath(folder)):
            return int(base)
        if not os.path.islink(path):
            return None
        path = os.path.join(folder, os.readlink(path))
    return None


def _write_all(fd: int, data) -> None:
    # os.write may write less than asked (pipes, signals); the rest follows
    view = memoryview(data).cast("B")
    while view:
        view = view[os.write(fd, view):]


def _write_through(target: str, data) -> None:
    """Write to a device or FIFO in place (no fsync: it fails on them and means nothing)."""
    fd = os.open(target, os.O_WRONLY)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _replace(target: str, data, existing: os.stat_result | None) -> None:
    """Write ``data`` to a temporary file next to ``target``, flush it and rename it over ``target``."""
    folder, base = os.path.split(target)
    _remove_abandoned(folder, _temporary_pattern(base))
    temporary = os.path.join(folder, f".{_short_name(base)}.{secrets.token_hex(4)}.tmp")
    # A rewrite starts private and gets the old file's mode below; a new file gets the umask's.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o600 if existing is not None else 0o666)
    try:
        try:
            _lock(fd)
            if existing is not None:
                _copy_owner_and_mode(temporary, existing)
            _write_all(fd, data)
            os.fsync(fd)
            if fcntl is not None:
                os.replace(temporary, target)
        finally:
            os.close(fd)
        if fcntl is None:
            os.replace(temporary, target)  # Windows renames only closed files
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _lock(fd: int) -> None:
    """Hold a lock on the new temporary file until the rename, so a concurrent save never takes it for abandoned."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without locks: the save goes on, unprotected


def _temporary_pattern(name: str) -> re.Pattern:
    """The names of the temporary files made for a target called ``name``."""
    return re.compile(re.escape(f".{_short_name(name)}.") + r"[0-9a-f]{8}\.tmp")


def _short_name(name: str) -> str:
    """``name``, cut at a character boundary if needed so that the temporary name fits in NAME_MAX bytes."""
    encoded = os.fsencode(name)
    if len(encoded) <= NAME_MAX - _TEMPORARY_EXTRA:
        return name
    return encoded[: NAME_MAX - _TEMPORARY_EXTRA].decode("utf-8", "ignore")


def _copy_owner_and_mode(temporary: str, existing: os.stat_result) -> None:
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(temporary, existing.st_uid, existing.st_gid)
        except PermissionError:
            pass  # only root may give a file away; the file then belongs to whoever rewrote it
    # after chown, which clears set-user-ID bits
    os.chmod(temporary, stat.S_IMODE(existing.st_mode))


def _remove_abandoned(folder: str, pattern: re.Pattern) -> None:
    """Remove the temporary files of killed saves of one target; never fails the save."""
    try:
        names = [entry for entry in os.listdir(folder) if pattern.fullmatch(entry)]
    except OSError:
        return
    for entry in names:
        path = os.path.join(folder, entry)
        try:
            if fcntl is None:
                os.unlink(path)  # Windows refuses to remove a file that a live save has open
                continue
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            try:
                # a live save holds the lock; a killed one released it
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.unlink(path)
            finally:
                os.close(fd)
        except OSError:
            pass


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk where folders can be opened (not on Windows); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
