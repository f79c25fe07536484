"""File ▸ Save/Open session, File ▸ Export and the unsaved-points question on close.

Everything the window shows can leave it: the parameters of the iteration on screen
(mixture JSON), the points with their labels and responsibilities (CSV), the plot (PNG
at a chosen size and DPI scale, or SVG; the plot alone or the whole window with its side
panels), the EM run (GIF), and the whole session (``.gmmviz``).

Decisions:

- Parameters and labels are those of the iteration on screen; the responsibilities in
  the CSV are computed from exactly the parameters in the JSON (the E-step the next step
  would do), so the two files always agree.
- The GIF is drawn on a hidden plot of its own, framing the same region of the plane as
  the window's plot and with the same layers and colouring, one frame per iteration of
  the history; the window is not touched while it renders, and it can be cancelled.
- A session stores the half-steps of the history: iteration 0, then for each iteration
  its E-step (log-likelihood, change, convergence) and M-step. Opening one replaces the
  points (one undoable step), the settings and the history, and shows the iteration that
  was on screen; a file that cannot be opened changes nothing. "Current parameters" as
  the initialisation is saved as the mixture of iteration 0 and comes back as "current
  parameters"; a saved prior comes back as the window's "MAP with a conjugate prior".
- Points drawn, sprayed or erased since the last open, load or save are "unsaved";
  closing the window then offers to save a session. Loading a file or a data set needs
  no saving (the data are in the file).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import GmmvizError, Prior
from gmmviz.core.mixture import aic_score, bic_score
from gmmviz.gui import export
from gmmviz.gui.commands import recent_files
from gmmviz.gui.dialogs import ok_cancel_buttons
from gmmviz.gui.model.points import ReplacePointsCommand
from gmmviz.gui.panels.settings_panel import CURRENT_PARAMETERS, MixtureSettings
from gmmviz.io.session import SUFFIX, Session, default_settings, load_session, save_session

SESSION_FILTER = f"gmmviz sessions (*{SUFFIX})"
GIF_DEFAULT_SIZE = (900, 700)


# -- the iteration on screen -------------------------------------------------------------------


def fit_record_on_screen(window) -> dict:
    """The mixture JSON ``fit`` record of the iteration on screen."""
    state = window.state_on_screen()
    X = window.store.X
    mixture = state.mixture
    settings = window.settings_panel.settings()
    log_likelihood = mixture.log_likelihood(X)
    return {
        "log_likelihood": log_likelihood,
        "mean_log_likelihood": log_likelihood / len(X),
        "bic": bic_score(log_likelihood, mixture.n_parameters, len(X)),
        "aic": aic_score(log_likelihood, mixture.n_parameters),
        "n_iter": int(state.iteration),
        "converged": bool(state.converged),
        "n_samples": len(X),
        "tol": settings.tol,
        "reg_covar": settings.reg_covar,
        "init": "parameters" if settings.init == CURRENT_PARAMETERS else settings.init,
        "seed": settings.seed,
        "prior": Prior.default(X, mixture.n_components).to_dict() if settings.prior else None,
        "columns": list(window.store.source) if window.store.source else None,
    }


# -- sessions <-> window -----------------------------------------------------------------------


def session_from_window(window) -> Session:
    """The window's points, settings and history as a :class:`Session`."""
    X = window.store.X
    panel = window.settings_panel.settings()
    history = window.history
    settings = {
        "n_components": panel.n_components,
        "covariance_type": panel.covariance_type,
        "init": panel.init,
        "seed": panel.seed,
        "reg_covar": panel.reg_covar,
        "tol": panel.tol,
        "max_iter": panel.max_iter,
        "prior": True if panel.prior else None,
    }
    if panel.init == CURRENT_PARAMETERS:
        settings["init"] = history[0].mixture if len(history) else default_settings()["init"]
    live = window.live_state
    states, positions = half_steps(history, X, panel.tol, live)
    shown = len(history) - 1 if window.shown_index is None else window.shown_index
    if window.shown_index is None and live is not None and live.phase == "e":
        current = len(states) - 1
    else:
        current = positions[shown] if len(history) else 0
    columns = tuple(window.store.source) if window.store.source else None
    return Session(points=X, settings=settings, history=states, current=current, columns=columns)


def half_steps(history, X, tol, live=None):
    """Every half-step of ``history`` (one EMState per iteration) as EMStates.

    The E-step of iteration i is rebuilt from the M-step of iteration i + 1, which
    carries that E-step's log-likelihood, change and convergence; otherwise (the last
    iteration, or one EM restarted after) from ``live`` when that is the E-step, or from
    the history's log-likelihood of iteration i.

    Returns
    -------
    states : list of EMState
    positions : list of int
        Index in ``states`` of each history entry.
    """
    log_likelihoods = history.log_likelihoods()
    n_samples = max(len(X), 1)
    states, positions = [], []
    for i, state in enumerate(history):
        positions.append(len(states))
        states.append(state)
        after = history[i + 1] if i + 1 < len(history) else None
        if after is not None and after.phase == "m":
            e_state = replace(after, iteration=state.iteration, phase="e", mixture=state.mixture,
                              warnings=(), degenerate=state.degenerate)
        elif after is None and live is not None and live.phase == "e" and live.iteration == state.iteration:
            e_state = replace(live, resp=None)
        elif math.isfinite(log_likelihoods[i]):
            mean = log_likelihoods[i] / n_samples
            previous = log_likelihoods[i - 1] / n_samples if i else math.nan
            change = mean - previous if math.isfinite(previous) else math.nan
            e_state = replace(state, phase="e", log_likelihood=float(log_likelihoods[i]),
                              mean_log_likelihood=mean, change=change,
                              converged=bool(abs(change) < tol), warnings=())
        else:
            continue
        states.append(e_state)
    return states, positions


def apply_session(window, session: Session) -> None:
    """Show ``session`` in ``window``: points, settings, history and the state that was on screen.

    Raises
    ------
    GmmvizError
        Before anything changes, if the window cannot show the session.
    """
    from gmmviz.gui.render.palette import MAX_COMPONENTS

    settings = session.settings
    if max([settings["n_components"]] + [s.mixture.n_components for s in session.history]) > MAX_COMPONENTS:
        raise GmmvizError(f"the session has more than {MAX_COMPONENTS} components, more than the window shows")
    init = settings["init"]
    window.settings_panel.set_settings(MixtureSettings(
        n_components=settings["n_components"],
        covariance_type=settings["covariance_type"],
        init=init if isinstance(init, str) else CURRENT_PARAMETERS,
        seed=settings["seed"],
        reg_covar=settings["reg_covar"],
        tol=settings["tol"],
        max_iter=settings["max_iter"],
        prior=settings["prior"] is not None,
    ))
    X = session.points
    window.set_points(X, session.columns or ("x", "y"), "Open session")
    window.restore_history(session.history, session.history[session.current].iteration if session.history else None)


# -- dialogs -----------------------------------------------------------------------------------


class ImageExportDialog(QtWidgets.QDialog):
    """Size, DPI scale and "with side panels" for a PNG or SVG of the plot."""

    def __init__(self, window, fmt="PNG", parent=None):
        super().__init__(parent or window)
        self.setWindowTitle(f"Export plot as {fmt}")
        self._window = window
        self.side_panels = QtWidgets.QCheckBox("Include the side panels (whole window)")
        self.width = QtWidgets.QSpinBox(minimum=50, maximum=10000, suffix=" px")
        self.height = QtWidgets.QSpinBox(minimum=50, maximum=10000, suffix=" px")
        self.scale = QtWidgets.QDoubleSpinBox(minimum=0.5, maximum=8.0, singleStep=0.5, value=1.0, suffix=" ×")
        self.scale.setToolTip("Pixels per screen pixel: 2 gives a sharp image for print or high-DPI screens")
        self.pixels = QtWidgets.QLabel()
        form = QtWidgets.QFormLayout()
        form.addRow(self.side_panels)
        form.addRow("Width", self.width)
        form.addRow("Height", self.height)
        if fmt == "PNG":
            form.addRow("DPI scale", self.scale)
            form.addRow("Image size", self.pixels)
        else:
            self.scale.hide()
        buttons = ok_cancel_buttons(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.side_panels.toggled.connect(self._default_size)
        for widget in (self.width, self.height, self.scale):
            widget.valueChanged.connect(self._show_pixels)
        self._default_size()

    def target(self):
        return self._window if self.side_panels.isChecked() else self._window.plot

    def _default_size(self):
        size = self.target().size()
        self.width.setValue(size.width())
        self.height.setValue(size.height())

    def _show_pixels(self):
        s = self.scale.value()
        self.pixels.setText(f"{round(self.width.value() * s)} × {round(self.height.value() * s)} pixels")


class GifExportDialog(QtWidgets.QDialog):
    """Frame rate, size and caption of the EM run GIF."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export EM run as GIF")
        self.fps = QtWidgets.QDoubleSpinBox(minimum=0.5, maximum=export.MAX_FPS, singleStep=0.5, value=4.0,
                                            suffix=" frames/s")
        self.width = QtWidgets.QSpinBox(minimum=100, maximum=4000, value=GIF_DEFAULT_SIZE[0], suffix=" px")
        self.height = QtWidgets.QSpinBox(minimum=100, maximum=4000, value=GIF_DEFAULT_SIZE[1], suffix=" px")
        self.caption = QtWidgets.QCheckBox("Caption with iteration and log-likelihood")
        self.caption.setChecked(True)
        form = QtWidgets.QFormLayout()
        form.addRow("Frame rate", self.fps)
        form.addRow("Width", self.width)
        form.addRow("Height", self.height)
        form.addRow(self.caption)
        buttons = ok_cancel_buttons(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


# -- the commands ------------------------------------------------------------------------------


class FileCommands(QtCore.QObject):
    """Session and export commands of a MainWindow; ``ask_*`` methods ask for paths and options.

    The methods that take a path do the work and raise GmmvizError on failure; the
    ``ask_*`` methods show such errors in a dialog, so a failed export never loses anything.
    """

    def __init__(self, window, settings=None):
        super().__init__(window)
        self._window = window
        self.session_path = None
        self.recent = recent_files.install(window, self.open_path, settings)
        window.undo_stack.indexChanged.connect(self._on_undo_index)

    # -- work ---------------------------------------------------------------------------------

    def _require_fit(self):
        if self._window.state_on_screen() is None or not len(self._window.store.X):
            raise GmmvizError("there is no fit to export yet: add points and press Initialise (I) or Step (Space)")

    def export_parameters(self, path):
        """Write the mixture on screen as mixture JSON."""
        from gmmviz.io import write_mixture

        self._require_fit()
        write_mixture(path, self._window.state_on_screen().mixture, fit_record_on_screen(self._window))

    def export_labels(self, path):
        """Write x, y, label, p_1..p_K for the points under the mixture on screen."""
        from gmmviz.io import write_labels

        self._require_fit()
        X = self._window.store.X
        write_labels(path, X, self._window.state_on_screen().mixture.predict_proba(X))

    def export_image(self, path, side_panels=False, width=None, height=None, scale=1.0):
        """Write the plot (or the whole window) as PNG or SVG, by the file's suffix."""
        target = self._window if side_panels else self._window.plot
        if Path(path).suffix.lower() == ".svg":
            export.export_svg(target, path, width, height)
        else:
            style = None if side_panels else self._window.presentation.plot_style()
            export.export_png(target, path, width, height, scale, plot_style=style)

    def export_gif(self, path, fps=4.0, width=GIF_DEFAULT_SIZE[0], height=GIF_DEFAULT_SIZE[1], scale=1.0,
                   caption=True, progress=None) -> bool:
        """Write the history as a GIF; returns False when ``progress`` cancelled."""
        from gmmviz.gui.headless import export_plot

        window = self._window
        if not len(window.history):
            raise GmmvizError("there is no EM run to animate yet: press Initialise (I) and step EM first")
        actions = window.actions
        plot = export_plot(window.store.X, window.store.source, (width, height))
        try:
            plot.set_hard_labels(actions["hard_labels"].isChecked())
            plot.set_layers(contours=actions["contours"].isChecked(), ellipses=actions["ellipses"].isChecked(),
                            legend=actions["legend"].isChecked())
            plot.view_box.setRange(window.plot.view_box.viewRect(), padding=0)
            return export.export_run_gif(plot, window.store.X, list(window.history), path, width, height,
                                         fps=fps, scale=scale, caption=caption, progress=progress)
        finally:
            plot.close()

    def save_session(self, path):
        save_session(path, session_from_window(self._window))
        self.session_path = Path(path)
        self._window.undo_stack.setClean()
        self.recent.add(path)

    def open_session(self, path):
        """Replace the window's session with the file's; raises GmmvizError and changes nothing on failure."""
        session = load_session(path)
        apply_session(self._window, session)
        self.session_path = Path(path)
        self._window.undo_stack.setClean()
        self.recent.add(path)

    def open_path(self, path) -> bool:
        """Open a session or a points file (Open recent, drag and drop); True when opened.

        A file that cannot be opened is reported in a dialog and changes nothing.
        """
        try:
            if Path(path).suffix.lower() == SUFFIX:
                self.open_session(path)
            elif self._window.load_file(path):
                self.recent.add(path)
            else:
                return False
        except GmmvizError as exc:
            self._window.show_error(str(exc))
            return False
        return True

    def has_unsaved_points(self) -> bool:
        return not self._window.undo_stack.isClean() and len(self._window.store.X) > 0

    def confirm_close(self) -> bool:
        """Offer to save unsaved points; False keeps the window open."""
        if not self.has_unsaved_points():
            return True
        answer = QtWidgets.QMessageBox.question(
            self._window, "gmmviz", "Save the points you drew (and the fit) as a session before closing?",
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

    def _on_undo_index(self, index):
        # loading a file, a data set or a session (or clearing) leaves nothing to save
        if index > 0 and isinstance(self._window.undo_stack.command(index - 1), ReplacePointsCommand):
            self._window.undo_stack.setClean()

    # -- asking -------------------------------------------------------------------------------

    def _save_path(self, title, file_filter, suffix, default_name):
        start = str((self.session_path.parent if self.session_path else Path.cwd()) / default_name)
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self._window, title, start, file_filter)
        if path and not Path(path).suffix:
            path += suffix
        return path

    def _run(self, work, *args, **kwargs) -> bool:
        """Do ``work``; show a GmmvizError in a dialog. True when it succeeded."""
        try:
            work(*args, **kwargs)
        except GmmvizError as exc:
            self._window.show_error(str(exc))
            return False
        return True

    def ask_save_session(self, save_as=False) -> bool:
        path = self.session_path if self.session_path and not save_as else None
        if path is None:
            path = self._save_path("Save session", SESSION_FILTER, SUFFIX, f"session{SUFFIX}")
        if not path:
            return False
        saved = self._run(self.save_session, path)
        if saved:
            self._window.statusBar().showMessage(f"Saved session to {path}", 5000)
        return saved

    def ask_open_session(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self._window, "Open session", "", SESSION_FILTER)
        if path:
            self._run(self.open_session, path)

    def ask_export_parameters(self):
        path = self._save_path("Export parameters", "Mixture JSON (*.json)", ".json", "mixture.json")
        if path:
            self._run(self.export_parameters, path)

    def ask_export_labels(self):
        path = self._save_path("Export labels and responsibilities", "CSV (*.csv)", ".csv", "labels.csv")
        if path:
            self._run(self.export_labels, path)

    def ask_export_image(self, fmt="PNG"):
        dialog = ImageExportDialog(self._window, fmt)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        suffix = f".{fmt.lower()}"
        path = self._save_path(f"Export plot as {fmt}", f"{fmt} (*{suffix})", suffix, f"plot{suffix}")
        if path:
            self._run(self.export_image, path, dialog.side_panels.isChecked(), dialog.width.value(),
                      dialog.height.value(), dialog.scale.value())

    def ask_export_gif(self):
        dialog = GifExportDialog(self._window)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        path = self._save_path("Export EM run as GIF", "GIF (*.gif)", ".gif", "em-run.gif")
        if not path:
            return
        progress = QtWidgets.QProgressDialog("Drawing the EM run…", "Cancel", 0, len(self._window.history),
                                             self._window)
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done, total):
            progress.setValue(done)
            QtWidgets.QApplication.processEvents()  # lets the Cancel button be pressed
            return not progress.wasCanceled()

        try:
            self._run(self.export_gif, path, dialog.fps.value(), dialog.width.value(), dialog.height.value(),
                      caption=dialog.caption.isChecked(), progress=report)
        finally:
            progress.close()


def install(window, settings=None) -> FileCommands:
    """Add the session and export commands to ``window``'s File menu; returns the :class:`FileCommands`.

    Actions: "open_session" (Ctrl+Shift+O), "save_session" (Ctrl+S), "save_session_as"
    (Ctrl+Shift+S), "export_parameters", "export_labels", "export_png", "export_svg",
    "export_gif"; File ▸ Quit asks about unsaved points before it closes. The window's
    ``confirm_close`` should return ``commands.confirm_close()`` for closes by the user.
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
