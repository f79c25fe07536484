"""Undo and redo without Qt: a stack of commands, as ``QUndoStack`` keeps them.

A command is any object with ``text``, ``redo()`` and ``undo()``. :meth:`UndoStack.push` runs
``redo()`` (unless the change was already made live, as for a spray stroke) and records the
command; undo and redo walk the stack. The *clean* index marks the state last saved, so the
window can tell whether there is anything unsaved.
"""

from __future__ import annotations

from gmmviz.gui.model.events import Event

#: Commands kept; older ones are forgotten (each keeps at most the points it changed).
UNDO_LIMIT = 200


class UndoStack:
    """Commands done (``index`` of them) and undone (the rest), at most ``limit`` kept.

    Events
    ------
    changed()
        After push, undo, redo, clear and set_clean.
    """

    def __init__(self, limit=UNDO_LIMIT):
        self._commands = []
        self._index = 0
        self._clean = 0         # None when the clean state was dropped off the stack
        self._limit = limit
        self.changed = Event()

    @property
    def index(self):
        """Number of commands done."""
        return self._index

    def push(self, command, applied=False):
        """Do ``command`` (``applied``: it is already done) and make it the newest step."""
        if not applied:
            command.redo()
        del self._commands[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None
        self._commands.append(command)
        self._index += 1
        if len(self._commands) > self._limit:
            del self._commands[0]
            self._index -= 1
            self._clean = None if self._clean in (None, 0) else self._clean - 1
        self.changed.emit()

    def can_undo(self):
        return self._index > 0

    def can_redo(self):
        return self._index < len(self._commands)

    def undo_text(self):
        return self._commands[self._index - 1].text if self.can_undo() else ""

    def redo_text(self):
        return self._commands[self._index].text if self.can_redo() else ""

    def last(self):
        """The newest command done, or None."""
        return self._commands[self._index - 1] if self._index else None

    def undo(self):
        if self.can_undo():
            self._index -= 1
            self._commands[self._index].undo()
            self.changed.emit()

    def drop_redo(self, keep):
        """Forget the undone commands that ``keep(command)`` is false for; the others stay to be redone.

        A saved state among the undone ones is no longer one redo can reach: nothing is then clean.
        """
        undone = self._commands[self._index:]
        kept = [command for command in undone if keep(command)]
        if len(kept) < len(undone):
            self._commands[self._index:] = kept
            if self._clean is not None and self._clean > self._index:
                self._clean = None
            self.changed.emit()

    def redo(self):
        if self.can_redo():
            self._commands[self._index].redo()
            self._index += 1
            self.changed.emit()

    def clear(self):
        """Forget every step, done and undone (a new document); the state now is clean."""
        self._commands.clear()
        self._index = self._clean = 0
        self.changed.emit()

    def is_clean(self):
        """True in the state last marked clean (e.g. saved)."""
        return self._clean == self._index

    def set_clean(self):
        self._clean = self._index
        self.changed.emit()
