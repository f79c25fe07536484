"""Reading a JSON file, with one-line errors that name the file and say what to do; checking the values read.

Decisions
---------
- The file is UTF-8 text, with or without a byte-order mark, and only a regular file is read
  (see :mod:`gmmviz.io.input_file`).
- Strict JSON: ``NaN``, ``Infinity`` and ``-Infinity`` are refused; gmmviz itself writes ``null`` for a value
  that is not finite.
- Every number must fit a float: an integer or a decimal beyond about 1.8e308 in size is refused (so no
  4300-digit integer limit or float overflow is ever met later); a decimal too small for a float reads as 0.
- Documents nest at most :data:`MAX_DEPTH` levels (a session needs seven); deeper ones are refused, so
  nothing that walks a document can run out of stack.
- A key given twice in one object is refused: json would keep the last value without a word, and a file
  edited by hand with two ``"weights"`` would fit what its reader did not see.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys

import numpy as np

from gmmviz.core.errors import GmmvizError
from gmmviz.io.input_file import open_input

MAX_DEPTH = 32
# The float range's largest integer has 309 digits; longer ones are refused before converting them.
_MAX_INT_DIGITS = len(str(int(sys.float_info.max)))
_SHOWN_CHARS = 24
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
# Outside its strings, valid JSON holds only brackets, these characters and the letters of true, false, null.
_NOT_BRACKETS = str.maketrans("", "", "0123456789+-.eE,: \t\r\nabflnrstu")
_INNERMOST = re.compile(r"\[\]|\{\}")


class _Refused(Exception):
    """A value the JSON hooks refuse; read_json names the file."""


def read_json(path, kind: str):
    """The decoded JSON document in ``path``.

    Parameters
    ----------
    path : str or os.PathLike
    kind : str
        What the file should be, for the messages (e.g. ``"a gmmviz mixture JSON file"``).

    Returns
    -------
    object
        The document: dicts, lists, str, int, finite float, bool and None.

    Raises
    ------
    GmmvizError
        ``"<path>: ..."`` when the file is missing, unreadable, not a regular file, not text, not valid JSON,
        nested too deeply, or holds a number that is not finite or beyond the float range.
    """
    name = os.fspath(path)
    with open_input(path, kind) as (stream, _size):
        data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GmmvizError(f"{name}: is not a text file; give {kind}") from None
    try:
        document = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant,
                              object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise GmmvizError(
            # Some of json's messages end in "at", meaning the position that follows.
            f"{name}: is not valid JSON ({exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}); "
            f"give {kind}"
        ) from None
    except RecursionError:  # the decoder's own stack limit, far beyond MAX_DEPTH
        raise _too_deep(name, kind) from None
    except _Refused as exc:
        raise GmmvizError(f"{name}: {exc}; give {kind}") from None
    if _nested_deeper_than(text, MAX_DEPTH):
        raise _too_deep(name, kind)
    return document


def _object(pairs) -> dict:
    """A JSON object as a dict; a key given twice is refused."""
    document = dict(pairs)
    if len(document) < len(pairs):
        keys = [key for key, _value in pairs]
        twice = next(key for index, key in enumerate(keys) if key in keys[:index])
        raise _Refused(f"has the key {json.dumps(twice)} twice in one object")
    return document


def is_number_tree(value) -> bool:
    """True for a number or (nested) lists of them; strings and booleans are not numbers here.

    Parameters
    ----------
    value : object
        A decoded JSON value (lists or tuples of int and float).
    """
    if isinstance(value, (list, tuple)):
        return all(is_number_tree(item) for item in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_int_value(value) -> bool:
    """True for an integer (Python's or numpy's); ``true`` and ``false`` are no counts or indices here."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def is_number_value(value) -> bool:
    """True for a number (Python's or numpy's) that fits a float; booleans are no numbers here."""
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
        return False
    # An int beyond the float range (read_json refuses them in files) is no usable number either.
    return not isinstance(value, int) or abs(value) <= sys.float_info.max


def finite_or_none(value):
    """``value`` as a float, or None when it is not finite (files are strict JSON: null stands for it)."""
    value = float(value)
    return value if math.isfinite(value) else None


def float_or_nan(value, where: str, error=GmmvizError) -> float:
    """A number read from a file, NaN for ``null``; ``error`` naming ``where`` for anything else."""
    if value is None:
        return math.nan
    if not is_number_value(value):
        raise error(f"{where} = {value!r}, need a number or null")
    return float(value)


def _too_deep(name: str, kind: str) -> GmmvizError:
    return GmmvizError(f"{name}: is nested more than {MAX_DEPTH} levels deep; give {kind}")


def _nested_deeper_than(text: str, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` levels in valid JSON ``text``, without recursion.

    Strings are dropped, then everything but brackets; each pass then removes the innermost pairs, one level.
    """
    brackets = _STRING.sub("", text).translate(_NOT_BRACKETS)
    for _ in range(limit):
        if not brackets:
            return False
        brackets = _INNERMOST.sub("", brackets)
    return bool(brackets)


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    value = int(text) if digits <= _MAX_INT_DIGITS else None
    if value is None or abs(value) > sys.float_info.max:
        raise _Refused(f"has an integer of {digits} digits, beyond the float range (about 1.8e308)")
    return value


def _float(text: str) -> float:
    value = float(text)
    if abs(value) == float("inf"):
        raise _Refused(f"has the number {_shown(text)}, beyond the float range (about 1.8e308)")
    return value


def _constant(text: str):
    raise _Refused(f"has {text}, which JSON does not allow (gmmviz writes null for a value that is not finite)")


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else f"{text[:_SHOWN_CHARS]}... ({len(text)} characters)"
