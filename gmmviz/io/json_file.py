"""Reading a JSON file, with one-line errors that name the file and say what to do."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gmmviz.core.errors import GmmvizError


def read_json(path, kind: str):
    """The decoded JSON document in ``path``.

    Parameters
    ----------
    path : str or os.PathLike
    kind : str
        What the file should be, for the messages (e.g. ``"a gmmviz mixture JSON file"``).

    Raises
    ------
    GmmvizError
        ``"<path>: ..."`` when the file is missing, unreadable, not text or not valid JSON.
    """
    name = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GmmvizError(f"{name}: does not exist; check the path") from None
    except UnicodeDecodeError:
        raise GmmvizError(f"{name}: is not a text file; give {kind}") from None
    except OSError as exc:
        raise GmmvizError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GmmvizError(
            f"{name}: is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); give {kind}"
        ) from None
