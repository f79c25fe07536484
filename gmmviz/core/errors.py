"""The one error and the one warning gmmviz raises for bad input or degenerate fits.

Every message is a single sentence that says what to change; the CLI prints it as
``gmmviz: error: <message>`` and the window shows it in a dialog or the status bar.
"""


class GmmvizError(ValueError):
    """Bad input or a fit that cannot go on; the message says what to change."""


class GmmvizWarning(UserWarning):
    """Something was recovered from (skipped rows, a re-seeded component)."""
