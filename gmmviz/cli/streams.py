"""The command's standard streams: messages that survive a closed stderr, a reader that left, closed descriptors.

Decisions
---------
- Descriptors 0, 1 and 2 that the caller closed (``<&-``, ``>&-``, ``2>&-``) are opened on the null device
  first: a file gmmviz opened would otherwise take the lowest free number, 2 after ``2>&-``, and a message for
  standard error would be written into it.
- With standard error closed, messages go nowhere and the exit status alone tells (2 for an error). With
  standard output closed, ``fit``, ``select`` and ``sample`` stop at once with one error line: their report,
  or a file written to ``-``, would be lost without a word. The window prints nothing it needs.
- A reader that stops early (``gmmviz fit … | head -1``): see :func:`reader_left`.
"""

from __future__ import annotations

import os
import sys


def open_standard_streams(command: bool) -> int | None:
    """Make the standard streams usable (see the module docstring); an exit status to stop with, or None.

    ``command``: the command line is ``fit``, ``select`` or ``sample`` (not the window).
    """
    closed = _hold_standard_descriptors()
    if sys.stderr is None or 2 in closed:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")     # noqa: SIM115 (the process's stream from now on)
    if sys.stdout is None or 1 in closed:
        if command:
            return fail("standard output is closed; redirect it to a file or to /dev/null")
        sys.stdout = open(os.devnull, "w", encoding="utf-8")     # noqa: SIM115
    return None


def reader_left() -> int:
    """Exit status 141 after a broken pipe, with stdout on the null device so Python's final flush raises nothing."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # stdout has no descriptor (captured, or closed): nothing will flush it
        return 141
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)
    return 141


def fail(message: str) -> int:
    """Say ``gmmviz: error: message`` on one line; returns exit status 2."""
    say(f"gmmviz: error: {' '.join(message.split())}")
    return 2


def print_warning(message, category, filename, lineno, file=None, line=None):
    """``warnings.showwarning`` for gmmviz's warnings: one line ``gmmviz: warning: ...``."""
    say(f"gmmviz: warning: {' '.join(str(message).split())}")


def say(line: str) -> None:
    """Print ``line`` on stderr; a reader of stderr that left, or a stream closed under gmmviz, only loses it."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):   # a broken pipe or closed descriptor, a closed stream, None
        pass


def _hold_standard_descriptors() -> list[int]:
    """Open the null device on each of the descriptors 0, 1 and 2 that is not open; returns those."""
    closed = []
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            os.open(os.devnull, os.O_RDWR)      # the lowest free number: this one
            closed.append(descriptor)
    return closed
