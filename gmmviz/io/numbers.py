"""The one strict reading of numbers written as text: data-file cells and command-line values.

Decisions
---------
- A number is what people write: ASCII digits with an optional leading ``+`` or ``-``, an optional
  decimal point ``.`` and an optional exponent (``1e-3``, ``2.5E+04``), or ``inf``, ``infinity`` or ``nan``
  in any case. Blanks around it are ignored.
- Everything else Python's ``float`` and ``int`` accept is refused: digit-group underscores (``1_000``,
  so ``2_0`` never becomes 20) and digits of other scripts (Arabic-Indic ``١٢``, full-width ``１２``).
  Superscripts such as ``²`` are refused too.
- A literal beyond the float range reads as ``inf`` or ``-inf`` (one too small as 0), as ``float`` does;
  a caller that needs a finite value checks for it.
- An integer is ASCII digits with an optional sign: ``2.0`` and ``1e3`` are not integers.
"""

from __future__ import annotations

import re

# re.ASCII keeps IGNORECASE from matching non-ASCII letters that fold to "i" or "n".
_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)", re.I | re.A)
_INT = re.compile(r"[+-]?[0-9]+")


def parse_float(text: str) -> float:
    """The number written in ``text`` (see the module docstring for what is accepted).

    Parameters
    ----------
    text : str

    Returns
    -------
    float
        Possibly ``inf``, ``-inf`` or ``nan`` when that is what is written, or when the value is beyond
        the float range.

    Raises
    ------
    ValueError
        When ``text`` is not a number written that way.
    """
    stripped = text.strip()
    if not _FLOAT.fullmatch(stripped):
        raise ValueError(f"not a number: {text!r}")
    return float(stripped)


def parse_int(text: str) -> int:
    """The integer written in ``text``: ASCII digits with an optional leading ``+`` or ``-``.

    Parameters
    ----------
    text : str

    Returns
    -------
    int

    Raises
    ------
    ValueError
        When ``text`` is not an integer written that way, or has more digits than Python converts
        (4300 by default).
    """
    stripped = text.strip()
    if not _INT.fullmatch(stripped):
        raise ValueError(f"not an integer: {text!r}")
    try:
        return int(stripped)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        raise ValueError(f"an integer with too many digits ({len(stripped)})") from None
