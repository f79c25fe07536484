"""Opening a file gmmviz reads (data, mixture JSON, sessions), with one-line errors naming the file.

Decisions
---------
- Only regular files are read (a symbolic link is followed to its target). A FIFO, a device (a link to
  ``/dev/zero``, say) or a socket is refused before anything is read: it could block or never end.
- The file is opened without blocking and then checked on the open descriptor, so a FIFO cannot stall the
  check and the file checked is the file read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import BinaryIO, Iterator

from gmmviz.core.errors import GmmvizError

# O_NONBLOCK lets a FIFO open without a writer; it does not change how a regular file is read.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def open_input(path, kind: str) -> Iterator[tuple[BinaryIO, int]]:
    """Open ``path`` for reading in binary mode, refusing anything but a regular file.

    Parameters
    ----------
    path : str or os.PathLike
    kind : str
        What the file should be, for the messages (e.g. ``"a data file"``).

    Yields
    ------
    stream : binary file object
        Positioned at the start.
    size : int
        The file's size in bytes when it was opened.

    Raises
    ------
    GmmvizError
        ``"<path>: ..."`` when the file is missing, a directory, not a regular file, or cannot be opened.
    """
    name = os.fspath(path)
    try:
        descriptor = os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise GmmvizError(f"{name}: does not exist; check the path") from None
    except IsADirectoryError:
        raise GmmvizError(f"{name}: is a directory; give {kind}") from None
    except OSError as exc:
        raise GmmvizError(f"{name}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise GmmvizError(f"{name}: is a directory; give {kind}")
        raise GmmvizError(f"{name}: is not a regular file but a FIFO, device or socket; give {kind}")
    with open(descriptor, "rb") as stream:
        yield stream, info.st_size
