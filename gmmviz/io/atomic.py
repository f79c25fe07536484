"""Write a file so that readers see either the old content or the new, never half of it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from gmmviz.core.errors import GmmvizError


def write_text_atomic(path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same directory and ``os.replace``.

    The temporary file lives next to the target so the rename stays on one file system; it is removed if
    anything fails, and the previous file, if any, is left untouched.

    Raises
    ------
    GmmvizError
        When the file cannot be written (missing folder, no permission, disk full), naming ``path``.
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open with mode 0o666 lets the umask decide the permissions, as for any new file.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise GmmvizError(
            f"{os.fspath(path)}: cannot be written ({exc.strerror or exc}); check that the folder exists "
            "and is writable"
        ) from None
