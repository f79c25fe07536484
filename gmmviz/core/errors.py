"""The one error and the one warning gmmviz raises for bad input or degenerate fits.

Every message is a single sentence that says what to change; the CLI prints it as
``gmmviz: error: <message>`` and the window shows it in a dialog or the status bar.
"""


#: What ``str.splitlines`` ends a line at, each as Python would escape it in a string.
_LINE_BREAKS = str.maketrans({c: repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


class _OneLine:
    """A message on one line: a line break quoted from a file name or a file is shown escaped (``\\n``)."""

    def __init__(self, message=""):
        super().__init__(str(message).translate(_LINE_BREAKS))


class GmmvizError(_OneLine, ValueError):
    """Bad input or a fit that cannot go on; the message says what to change."""


class GmmvizWarning(_OneLine, UserWarning):
    """Something was recovered from (skipped rows, a re-seeded component)."""


def as_sentence(message):
    """``message`` (an error or its text) as a sentence on its own: a capital first letter and a full stop.

    The CLI prints a message after ``gmmviz: error:``, in lower case; the window shows it alone.
    """
    text = str(message)
    return f"{text[:1].upper()}{text[1:]}{'' if text.endswith(('.', '?', '!')) else '.'}"
