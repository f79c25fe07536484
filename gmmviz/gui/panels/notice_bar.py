"""The notice bar: one-line messages over the top of the plot, where they are seen.

A refused command ("The M-step needs responsibilities…"), a recovery (rows skipped while
reading), a file written: each is shown in a strip across the top of the plot, in the window's
font (in presentation mode the text panels' font, up to 1.75×), until it is closed or
``NOTICE_SECONDS`` have passed.
A *standing* notice (:meth:`NoticeBar.show_standing`: the fit is out of date) is one that its
condition takes away or rewords (:meth:`NoticeBar.update_standing`) rather than only time. A
*refusal* (:meth:`NoticeBar.show_refusal`: why a command cannot run now) goes once what it says no
longer holds (:meth:`NoticeBar.recheck`, when the points or the fit change or a run ends): "There are
no points" said nothing true after a file was opened. It goes too once a setting changes: after C
changed the covariance type, "no mixture on screen to edit" read as C's refusal.
The status bar keeps only the permanent read-outs, so nothing competes with a notice for room.
Text is plain text: file names and file contents in it are never markup.
"""

from PySide6 import QtCore, QtWidgets

#: Seconds a notice stays (long enough to read a sentence aloud in a lecture).
NOTICE_SECONDS = 15

_STYLES = {
    "info": "background: #E8F1FB; color: #0B2A4A; border: 1px solid #9BBCE0;",
    "warning": "background: #FFF4D6; color: #4A3300; border: 1px solid #E0B84C;",
}


class NoticeBar(QtWidgets.QFrame):
    """A closable strip with one message; :meth:`show_notice` replaces the one shown.

    ``covered(pixels)`` says how much of the top of the plot the strip covers (0 when hidden), so
    the plot can keep its legend clear of it.
    """

    covered = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("notice_bar")
        self._label = QtWidgets.QLabel()
        self._label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QtWidgets.QToolButton(text="×", autoRaise=True)
        close.setToolTip("Close this message")
        close.clicked.connect(self.hide)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(close, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=NOTICE_SECONDS * 1000)
        self._timer.timeout.connect(self.hide)
        self._standing = None
        self._refusal = None
        self.hide()

    def text(self):
        """The message shown, or "" when the bar is hidden."""
        return "" if self.isHidden() else self._label.text()

    def show_notice(self, text, level="warning"):
        """Show ``text`` (one line; ``level`` "info" or "warning") for ``NOTICE_SECONDS``."""
        self._label.setText(text)
        self.setStyleSheet(f"#notice_bar {{ {_STYLES[level]} }}")
        self.show()
        self.raise_()
        self._timer.start()

    def show_standing(self, text, level="info"):
        """Show ``text`` as a standing notice (see the module docstring); None shows nothing."""
        if text is not None:
            self._standing = text
            self.show_notice(text, level)

    def show_refusal(self, text, holds=None):
        """Show why a command cannot run now, a warning that :meth:`recheck` takes away once it no longer
        holds: ``holds()`` is False, or, without ``holds``, at the first recheck (something changed)."""
        self._refusal = (text, holds)
        self.show_notice(text, "warning")

    def recheck(self, acted=False):
        """Hide the refusal shown, if it is still the notice shown and no longer holds, or, ``acted``, once another
        command has acted (a setting changed: the refusal would seem to be that command's)."""
        text, holds = self._refusal or (None, None)
        if self.isVisible() and self.text() == text and (acted or holds is None or not holds()):
            self.hide()

    def update_standing(self, text):
        """The standing notice, if shown, is now ``text``: hidden for None, reworded when it changed."""
        if self.text() == self._standing and text != self._standing:
            if text is None:
                self.hide()
            else:
                self.show_standing(text)

    def covers(self):
        """How many pixels of the top of the plot the strip covers now (0 when hidden)."""
        if self.isHidden():
            return 0
        # A wrapped line is as tall as the strip's width makes it; the size hint is that of some other width.
        return self.heightForWidth(self.width()) if self.hasHeightForWidth() else self.sizeHint().height()

    def showEvent(self, event):
        super().showEvent(event)
        self.covered.emit(self.covers())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.covered.emit(self.covers())        # laid out for another width, or a message of another length

    def hideEvent(self, event):
        super().hideEvent(event)
        self.covered.emit(0)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange:       # presentation mode
            # The style sheet keeps a new font from reaching the text and the close button by itself.
            for child in self.findChildren(QtWidgets.QWidget):
                child.setFont(self.font())
            if self.isVisible():
                self.covered.emit(self.covers())
