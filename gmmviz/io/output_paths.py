"""Refusing a command's outputs that would overwrite its inputs or each other, before any work is done.

Decisions
---------
- Two paths are the same file when they resolve to it through symlinks (``os.path.realpath``) or, for a file
  that exists, when they are one file under two names (same device and inode: hard links, bind mounts).
- Only files that a write would replace are compared: regular files and paths that do not exist yet.
  Devices such as ``/dev/null`` and FIFOs are written in place, so several outputs may go there and
  nothing is destroyed.
- ``-`` (standard output) takes one output: two would run together into one stream that no reader can
  split (JSON followed by CSV is neither). A path that names standard output (``/dev/stdout``,
  ``/dev/fd/1``) counts as ``-``, and so does the name of the file or pipe standard output goes to.
- An empty path names no file: it is refused, not taken as "no output" (a shell variable left empty).
- A binary output (PNG, GIF) on standard output is refused when standard output is a terminal, where it
  would only garble the screen.
- An output into a folder that does not exist or where no file can be made (the folder of a symlink's
  target, as the atomic writer writes there), a device or file gmmviz may not write (a read-only file:
  the atomic rename would replace it where the shell's ``>`` refuses), an output that is a folder or
  ends in ``/``, a symlink that leads back to itself and a name longer than the folder takes are refused
  before the fit, not after it (the writer would refuse them only then, with the other outputs written).
  A path naming an open descriptor (``/dev/fd/2``) is written to it as it is.
- An output named as another format (``--svg out.png``) is refused too, when the caller says which format
  each output writes (``suffixes``).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Mapping

from gmmviz.core.errors import GmmvizError
from gmmviz.io.atomic import STDOUT, open_descriptor


def check_outputs(inputs: Mapping[str, object], outputs: Mapping[str, object], binary=(), suffixes=None) -> bool:
    """Raise when an output is an input, two outputs are one file, or one cannot be written as asked.

    Parameters
    ----------
    inputs, outputs : mapping of str to str or os.PathLike
        ``{label: path}``; the label names the path in the message (an option such as ``--labels`` or an
        argument such as ``DATA``). Missing (None) paths are ignored.
    binary : collection of str
        Labels of outputs that are not text.
    suffixes : mapping of str to str, optional
        ``{label: suffix}`` of the format outputs write (``".svg"``); a name ending in the suffix of
        another of them (or ``.npy``, ``.gmmviz``) is refused: ``--svg out.png`` put SVG in a file every
        program opens as a PNG. Other names are taken as given.

    Returns
    -------
    bool
        Whether an output is standard output (``-``, or a path that is where standard output goes).

    Raises
    ------
    GmmvizError
        One sentence naming both paths.
    """
    for label in binary:
        if outputs.get(label) is not None and open_descriptor(os.fspath(outputs[label])) == 1 and os.isatty(1):
            raise GmmvizError(
                f"{label} - would write binary data to the terminal; redirect standard output to a file "
                f"or a pipe, or give {label} a file name"
            )
    input_files = {}
    for label, path in inputs.items():
        key = _identity(path)
        if key is not None:
            input_files.setdefault(key, (label, os.fspath(path)))
    output_files = {}
    on_stdout = None
    stdout = _stdout_identity()
    for label, path in outputs.items():
        if path is not None and os.fspath(path) == "":
            raise GmmvizError(f"{label} '' names no file; give it a file name")
        descriptor = None if path is None else open_descriptor(os.fspath(path))
        if path is not None and (descriptor == 1 or _same_as_stdout(path, stdout)):
            if on_stdout is not None:
                raise GmmvizError(f"the outputs {on_stdout} and {label} {os.fspath(path)} would both write to "
                                  "standard output, where they run together; give one of them a file name")
            on_stdout = f"{label} {os.fspath(path)}"
        key = _identity(path)
        if key in input_files:
            other_label, other = input_files[key]
            raise GmmvizError(
                f"the output {label} {os.fspath(path)} is the input {other_label} {other}, which it would "
                "overwrite; write the output to another file"
            )
        if key in output_files:
            other_label, other = output_files[key]
            raise GmmvizError(
                f"the outputs {other_label} {other} and {label} {os.fspath(path)} are the same file; "
                "give each output its own file"
            )
        if key is not None:
            output_files[key] = (label, os.fspath(path))
        if path is not None and descriptor is None:     # after the inputs: "is the input" says more than "read-only"
            _check_writable_place(label, os.fspath(path))
        if path is not None and suffixes and label in suffixes:
            _check_suffix(label, os.fspath(path), suffixes)
    return on_stdout is not None


def _check_suffix(label: str, path: str, suffixes: Mapping[str, str]) -> None:
    """Raise when ``path`` ends in the suffix of another format than ``suffixes[label]`` (see check_outputs)."""
    suffix, own = os.path.splitext(path)[1].lower(), suffixes[label]
    if suffix in {*suffixes.values(), ".npy", ".gmmviz"} and suffix != own:
        raise GmmvizError(f"{label} {path}: the name ends in {suffix}, but {label} writes {own[1:].upper()}; "
                          f"give it a name ending in {own}")


def _check_writable_place(label: str, path: str) -> None:
    """Raise when ``path`` is a folder, a device or file that may not be written, a symlink that leads back to
    itself, a name too long for its folder, or in a folder where no file can be made."""
    if os.path.isdir(path):
        raise GmmvizError(f"{label} {path} is a folder; give a file name")
    if path.endswith(("/", os.sep)):        # the writer would make the file without the slash
        raise GmmvizError(f"{label} {path} ends in {path[-1]}, so it names a folder; give a file name")
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise GmmvizError(f"{label} {path} is a symbolic link that leads back to itself; give another path") from None
    given = os.path.dirname(path) or "."
    if os.path.exists(given) and not os.path.isdir(given):
        raise GmmvizError(f"{label} {path}: {given} is not a folder; give another path")
    folder = os.path.dirname(os.path.realpath(path))        # a symlink's target's, where the writer writes
    if not os.path.isdir(folder):
        shown = given if os.path.realpath(given) == folder else folder
        raise GmmvizError(f"{label} {path}: the folder {shown} does not exist; create it or give another path")
    if os.path.exists(path) and not os.access(path, os.W_OK):
        # A read-only file too: the shell's > would refuse it, and the atomic rename would replace it.
        raise GmmvizError(f"{label} {path} cannot be written (permission denied); give another path")
    if os.path.exists(path) and not os.path.isfile(path):
        return      # a device or FIFO is written in place
    name_max = _name_max(folder)
    if len(os.fsencode(os.path.basename(path))) > name_max:
        raise GmmvizError(f"{label} {path}: the file name is longer than the {name_max} bytes its folder allows; "
                          "give a shorter name")
    # A file, new or replaced (atomically), is made in the folder, so a file is made there now (and removed):
    # permissions alone do not tell /proc or a read-only disk.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".gmmviz-"):
            pass
    except OSError as exc:
        raise GmmvizError(f"{label} {path} cannot be written ({exc.strerror or exc}); give another path") from None


def _name_max(folder: str) -> int:
    """The longest file name ``folder`` takes, in bytes (255 where the system does not say)."""
    try:
        longest = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):     # AttributeError: no pathconf (Windows)
        return 255
    return longest if longest > 0 else 255              # -1: no fixed limit


def _stdout_identity():
    """Device and inode of the file or pipe standard output is; None for a terminal or ``/dev/null``
    (a device, written in place: outputs may share it) or when it cannot be looked at."""
    try:
        info = os.fstat(1)
    except OSError:
        return None
    return None if stat.S_ISCHR(info.st_mode) else (info.st_dev, info.st_ino)


def _same_as_stdout(path, stdout) -> bool:
    """Whether ``path`` names the file or pipe standard output goes to (``stdout``: its identity)."""
    if stdout is None or not os.path.exists(path):
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == stdout


def _identity(path) -> tuple | None:
    """What makes two paths one file: device and inode of a regular file, the resolved path of a new one.

    None for no path, standard output, and files that are written in place (devices, FIFOs).
    """
    if path is None or os.fspath(path) == STDOUT:
        return None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return ("new", os.path.normcase(os.path.realpath(path)))
    except OSError:
        return None  # cannot be looked at, so the read or the write reports it
    if not stat.S_ISREG(info.st_mode):
        return None
    return ("file", info.st_dev, info.st_ino)
