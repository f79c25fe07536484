"""The OK/Cancel button row every dialog of the window ends with."""

from PySide6 import QtWidgets


def ok_cancel_buttons(dialog):
    """OK and Cancel buttons that accept or reject ``dialog``."""
    buttons = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
