"""File ▸ Open, Open recent, Save/Open session, Export, and the unsaved-points question on close.

Everything the window shows can leave it: the parameters of the iteration on screen (mixture
JSON), the points with their labels and responsibilities (CSV), the plot (PNG at a chosen size
and DPI scale, or SVG; the plot alone or the whole window with its side panels), the EM run
(GIF), and the whole session (``.gmmviz``, see :mod:`gmmviz.gui.model.session_file`).

Decisions:

- Parameters and labels are those of the iteration on screen; the responsibilities in the CSV
  are computed from exactly the parameters in the JSON (the E-step the next step would do), so
  the two files always agree.
- The GIF is drawn on a hidden plot of its own, framing the same region of the plane as the
  window's plot and with the same layers and colouring, one frame per iteration of the history;
  the window is not touched while it renders, and it can be cancelled.
- Points drawn, sprayed or erased since the last open, load or save are "unsaved"; closing the
  window then offers to save a session. Loading a file or a data set needs no saving (the data
  are in the file).
- A file that cannot be read is one line in a dialog, and the points and fit on screen stay as
  they were; rows skipped while reading are reported in the status bar.
- A data file is read on a thread of its own (:mod:`gmmviz.gui.engine.background`): the window
  stays responsive under a busy cursor, a progress dialog with Cancel appears after 300 ms, and
  Cancel changes nothing. A decimal comma that was recognised is reported in the notice line.
- Every file dialog starts in the folder of the file last chosen in one (stored, so also after a
  restart; the current folder when that folder is gone), except that saving a session that has a
  file starts beside that file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import GmmvizError
from gmmviz.core.fit import FitResult
from gmmviz.gui.commands import em_options, recent_files
from gmmviz.gui.dialogs.data_dialogs import ColumnPickerDialog
from gmmviz.gui.dialogs.export_options import GIF_DEFAULT_SIZE, GifExportDialog, ImageExportDialog
from gmmviz.gui.engine.background import run_with_progress
from gmmviz.gui.engine.load_job import load_points_job
from gmmviz.gui.export.gif import export_run_gif
from gmmviz.gui.export.headless import export_plot
from gmmviz.gui.export.image import export_png, export_svg
from gmmviz.gui.model.session_file import apply_session, to_session
from gmmviz.gui.stored_settings import StoredSettings
from gmmviz.core.label_agreement import label_agreement
from gmmviz.io import fit_record
from gmmviz.io.mixture_json import true_labels_record
from gmmviz.io.points import PointTable
from gmmviz.io.session import SUFFIX, load_session, save_session

SESSION_FILTER = f"gmmviz sessions (*{SUFFIX})"
POINT_FILE_FILTER = "Points (*.csv *.tsv *.txt *.dat *.npy);;All files (*)"
LAST_FOLDER_KEY = "files/last_folder"


def fit_record_on_screen(session) -> dict:
    """The mixture JSON ``fit`` record of the iteration on screen of ``session`` (a FitSession).

    With known labels it has their ``true_labels`` agreement, as ``gmmviz fit --true-labels`` writes it.
    """
    state = session.state_on_screen()
    weights = session.weights.for_points()
    result = FitResult.of(session.points.X, state.mixture, session.fit_settings(),
                          n_iter=state.iteration, converged=state.converged, sample_weight=weights)
    known = session.labels.known_codes()
    agreement = None if known is None else true_labels_record(session.labels.known_column,
                                                              label_agreement(*known, result.resp))
    return fit_record(result, session.points.columns, true_labels=agreement)


class FileCommands(QtCore.QObject):
    """Open, session and export commands of a MainWindow; ``ask_*`` methods ask for paths and options.

    The methods that take a path do the work and raise GmmvizError on failure; the ``ask_*``
    methods show such errors in a dialog, so a failed export never loses anything.
    """

    def __init__(self, window, settings=None):
        super().__init__(window)
        self._window = window
        self._session = window.session
        self._reading = None        # the name of the data file being read, if one is
        self._settings = settings if settings is not None else StoredSettings()
        self.recent = recent_files.install(window, self.open_path, self._settings)

    # -- work ---------------------------------------------------------------------------------

    def open_points(self, path, columns=None, ask_columns=True) -> bool:
        """Load points from a data file; True when they were replaced (False when cancelled).

        ``columns``: None asks when the file has more than two numeric columns (if
        ``ask_columns``), else the first two numeric columns are used. Raises GmmvizError and
        changes nothing when the file cannot be read.
        """
        path = Path(path)
        self._session.about_to_change.emit()     # nothing runs on the worker while the file is read
        # Read on a thread of its own, with progress and Cancel; the points change only when it succeeds.
        # The window takes input until the progress dialog appears: one file at a time.
        if self._reading is not None:
            raise GmmvizError(f"{self._reading} is still being read; wait for it or cancel it, then open {path.name}")
        self._reading = path.name
        try:
            finished, loaded = run_with_progress(load_points_job(path, columns, ask_columns), self._window,
                                                 f"Reading {path.name}…")
        finally:
            self._reading = None
        if not finished:
            return False
        weights = None
        if isinstance(loaded, PointTable):       # more than two numeric columns: the user chooses
            dialog = ColumnPickerDialog(path.name, loaded.numeric_columns(), self._window, label_names=loaded.names,
                                        label_default=next(iter(loaded.grouping_columns()), None))
            if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
                return False
            loaded, weights = em_options.chosen_points(self._window, loaded, dialog)
        self._window.set_points(loaded.X, loaded.columns, f"Open {path.name}", name=path.name)
        if weights is not None:             # they go with these points' ids (gmmviz.gui.model.point_weights)
            self._session.weights.set_known(self._session.points.ids, weights, dialog.weights())
        if loaded.labels is not None:       # they go with these points' ids (gmmviz.gui.model.point_labels)
            self._session.labels.set_known(self._session.points.ids, loaded.labels, loaded.labels_column)
        notices = [f"{path.name}: {loaded.format_note()}" if loaded.format_note() else "", loaded.skip_notice()]
        if any(notices):
            self._window.report("; ".join(filter(None, notices)), "info")
        return True

    def _require_fit(self):
        if self._session.state_on_screen() is None or not len(self._session.points):
            raise GmmvizError("there is no fit to export yet: add points and press Initialise (I) or Step (Space)")

    def export_parameters(self, path):
        """Write the mixture on screen as mixture JSON."""
        from gmmviz.io import write_mixture

        self._require_fit()
        write_mixture(path, self._session.mixture_on_screen(), fit_record_on_screen(self._session))

    def export_labels(self, path):
        """Write the two columns (named as the data), label, p_1..p_K (p_noise) for the points under the mixture on screen."""
        from gmmviz.io import write_labels

        self._require_fit()
        X = self._session.points.X
        mixture = self._session.mixture_on_screen()
        write_labels(path, X, mixture.predict_proba(X), self._session.points.columns, noise=mixture.has_noise)

    def export_image(self, path, side_panels=False, width=None, height=None, scale=1.0):
        """Write the plot (or the whole window) as PNG or SVG, by the file's suffix."""
        target = self._window if side_panels else self._window.plot
        if Path(path).suffix.lower() == ".svg":
            export_svg(target, path, width, height)
        else:
            style = None if side_panels else self._window.presentation.plot_style()
            export_png(target, path, width, height, scale, plot_style=style)

    def export_gif(self, path, fps=4.0, width=GIF_DEFAULT_SIZE[0], height=GIF_DEFAULT_SIZE[1], scale=1.0,
                   caption=True, progress=None) -> bool:
        """Write the history as a GIF; returns False when ``progress`` cancelled."""
        window = self._window
        history = self._session.history
        if not len(history):
            raise GmmvizError("there is no EM run to animate yet: press Initialise (I) and step EM first")
        actions = window.actions
        points = self._session.points
        weights = self._session.weights.for_points()
        plot = export_plot(points.X, points.columns, (width, height), sample_weight=weights)
        try:
            plot.set_legend_entries("notes", em_options.legend_notes(self._session.mixture_on_screen(), weights))
            plot.set_hard_labels(actions["hard_labels"].isChecked())
            plot.set_layers(contours=actions["contours"].isChecked(), ellipses=actions["ellipses"].isChecked(),
                            legend=actions["legend"].isChecked())
            plot.view_box.setRange(window.plot.view_box.viewRect(), padding=0)
            return export_run_gif(plot, points.X, list(history), path, width, height,
                                         fps=fps, scale=scale, caption=caption, progress=progress)
        finally:
            plot.close()

    def save_session(self, path):
        save_session(path, to_session(self._session))
        self._session.file_path = Path(path)
        self._session.undo_stack.set_clean()
        self.recent.add(path)
        self._window.update_title()

    def open_session(self, path):
        """Replace the window's session with the file's; raises GmmvizError and changes nothing on failure."""
        apply_session(self._session, load_session(path), path)
        self._window.frame_new_points()
        self._session.file_path = Path(path)
        self._session.undo_stack.set_clean()
        self.recent.add(path)
        self._window.update_title()

    def open_path(self, path, columns=None, ask_columns=True) -> bool:
        """Open a session or a points file (File ▸ Open, Open recent, drag and drop); True when opened.

        A file that cannot be opened is reported in a dialog and changes nothing.
        """
        try:
            if Path(path).suffix.lower() == SUFFIX:
                self.open_session(path)
            elif self.open_points(path, columns, ask_columns):
                self.recent.add(path)
            else:
                return False
        except GmmvizError as exc:
            self._window.show_error(str(exc))
            return False
        return True

    def has_unsaved_points(self) -> bool:
        return self._session.has_unsaved_points()

    def confirm_close(self) -> bool:
        """Offer to save unsaved points; False keeps the window open."""
        if not self.has_unsaved_points():
            return True
        answer = QtWidgets.QMessageBox.question(
            self._window, "gmmviz", "The points are in no file: save them (and the fit) as a session before closing?",
            QtWidgets.QMessageBox.StandardButton.Save | QtWidgets.QMessageBox.StandardButton.Discard
            | QtWidgets.QMessageBox.StandardButton.Cancel,
            QtWidgets.QMessageBox.StandardButton.Save)
        if answer == QtWidgets.QMessageBox.StandardButton.Discard:
            return True
        if answer == QtWidgets.QMessageBox.StandardButton.Save:
            return self.ask_save_session()
        return False

    def quit(self):
        """File ▸ Quit: offer to save drawn points, then close the window."""
        if self.confirm_close():
            self._window.close()

    # -- asking -------------------------------------------------------------------------------

    def _save_path(self, title, file_filter, suffix, default_name):
        saved = self._session.file_path
        start = str((saved.parent if saved else self.start_folder()) / default_name)
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self._window, title, start, file_filter)
        if path and not Path(path).suffix:
            path += suffix
        return self._chosen(path)

    def _open_path(self, title, file_filter):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self._window, title, str(self.start_folder()), file_filter)
        return self._chosen(path)

    def start_folder(self) -> Path:
        """Where the file dialogs start: the folder of the file last chosen in one, else the current folder."""
        return self._settings.folder(LAST_FOLDER_KEY) or Path.cwd()

    def _chosen(self, path):
        if path:
            self._settings.set(LAST_FOLDER_KEY, [str(Path(path).resolve().parent)])
        return path

    def _run(self, work, *args, **kwargs) -> bool:
        """Do ``work``; show a GmmvizError in a dialog. True when it succeeded."""
        try:
            work(*args, **kwargs)
        except GmmvizError as exc:
            self._window.show_error(str(exc))
            return False
        return True

    def _written(self, path):
        self._window.report(f"Wrote {path}", "info")

    def ask_open_points(self):
        path = self._open_path("Open points", POINT_FILE_FILTER)
        if path:
            self.open_path(path)

    def ask_save_session(self, save_as=False) -> bool:
        path = self._session.file_path if self._session.file_path and not save_as else None
        if path is None:
            path = self._save_path("Save session", SESSION_FILTER, SUFFIX, f"session{SUFFIX}")
        if not path:
            return False
        saved = self._run(self.save_session, path)
        if saved:
            self._written(path)
        return saved

    def ask_open_session(self):
        path = self._open_path("Open session", SESSION_FILTER)
        if path:
            self._run(self.open_session, path)

    def ask_export_parameters(self):
        path = self._save_path("Export parameters", "Mixture JSON (*.json)", ".json", "mixture.json")
        if path and self._run(self.export_parameters, path):
            self._written(path)

    def ask_export_labels(self):
        path = self._save_path("Export labels and responsibilities", "CSV (*.csv)", ".csv", "labels.csv")
        if path and self._run(self.export_labels, path):
            self._written(path)

    def ask_export_image(self, fmt="PNG"):
        dialog = ImageExportDialog(self._window, fmt)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        suffix = f".{fmt.lower()}"
        path = self._save_path(f"Export plot as {fmt}", f"{fmt} (*{suffix})", suffix, f"plot{suffix}")
        if path and self._run(self.export_image, path, dialog.side_panels.isChecked(), dialog.width.value(),
                              dialog.height.value(), dialog.scale.value()):
            self._written(path)

    def ask_export_gif(self):
        dialog = GifExportDialog(self._window)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        path = self._save_path("Export EM run as GIF", "GIF (*.gif)", ".gif", "em-run.gif")
        if not path:
            return
        progress = QtWidgets.QProgressDialog("Drawing the EM run…", "Cancel", 0, len(self._session.history),
                                             self._window)
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done, total):
            progress.setValue(done)
            QtWidgets.QApplication.processEvents()  # lets the Cancel button be pressed
            return not progress.wasCanceled()

        try:
            written = []
            if self._run(lambda: written.append(self.export_gif(
                    path, dialog.fps.value(), dialog.width.value(), dialog.height.value(),
                    caption=dialog.caption.isChecked(), progress=report))) and written[0]:
                self._written(path)
        finally:
            progress.close()


def install(window, settings=None) -> FileCommands:
    """Add the session and export commands to ``window``'s File menu; returns the :class:`FileCommands`.

    Actions: "open_session" (Ctrl+Shift+O), "save_session" (Ctrl+S), "save_session_as"
    (Ctrl+Shift+S), "export_parameters", "export_labels", "export_png", "export_svg",
    "export_gif"; File ▸ Quit asks about unsaved points before it closes, and the window asks
    :meth:`FileCommands.confirm_close` when the user closes it.
    """
    commands = FileCommands(window, settings)
    file_menu = window.menus["file"]
    anchor = window.actions.get("quit")
    anchor = anchor if anchor in file_menu.actions() else None

    def add(name, text, slot, shortcut=None, menu=file_menu):
        action = QtGui.QAction(text, window)
        if shortcut:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        window.addAction(action)
        window.actions[name] = action
        if menu is file_menu and anchor is not None:
            menu.insertAction(anchor, action)
        else:
            menu.addAction(action)
        return action

    quit_action = window.actions.get("quit")
    if quit_action is not None:
        quit_action.triggered.disconnect(window.close)
        quit_action.triggered.connect(commands.quit)
    add("open_session", "Open &session…", commands.ask_open_session, "Ctrl+Shift+O")
    add("save_session", "&Save session", commands.ask_save_session, QtGui.QKeySequence.StandardKey.Save)
    add("save_session_as", "Save session &as…", lambda: commands.ask_save_session(save_as=True),
        QtGui.QKeySequence.StandardKey.SaveAs)
    export_menu = QtWidgets.QMenu("&Export", window)
    if anchor is not None:
        file_menu.insertMenu(anchor, export_menu)
        file_menu.insertSeparator(anchor)
    else:
        file_menu.addMenu(export_menu)
    window.menus["export"] = export_menu
    add("export_parameters", "&Parameters (JSON)…", commands.ask_export_parameters, menu=export_menu)
    add("export_labels", "&Labels and responsibilities (CSV)…", commands.ask_export_labels, menu=export_menu)
    export_menu.addSeparator()
    add("export_png", "Plot as P&NG…", lambda: commands.ask_export_image("PNG"), menu=export_menu)
    add("export_svg", "Plot as &SVG…", lambda: commands.ask_export_image("SVG"), menu=export_menu)
    add("export_gif", "EM run as &GIF…", commands.ask_export_gif, menu=export_menu)
    return commands
