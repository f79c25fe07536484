"""The equation panel: the E- and M-step formulas with this iteration's numbers filled in.

For the mixture on screen and the component under the cursor it shows

- E-step: the responsibility ``r_ik = π_k N(x_i | μ_k, Σ_k) / Σ_j π_j N(x_i | μ_j, Σ_j)``
  of the hovered point, each factor with its value;
- M-step: ``N_k = Σ_i r_ik``, the new weight ``N_k / n`` and the new mean
  ``Σ_i r_ik x_i / N_k`` that the next M-step computes from these responsibilities.

Decisions: "the component under the cursor" is the one with the largest P(k | x) at the
cursor. The hovered point is the data point nearest to the cursor when it is within
``HOVER_RADIUS`` screen pixels; otherwise the cursor position itself plays x_i, so the
E-step can be explored anywhere in the plane. The M-step numbers are the maximum
likelihood updates; with a prior the fitted values are pulled towards it, and the panel
says so. Responsibilities of all points are computed once per mixture shown (and only
while the panel is visible).
"""

from __future__ import annotations

import html

import numpy as np
from PySide6 import QtCore, QtWidgets

from gmmviz.gui.render.palette import component_colors

#: How close (in screen pixels) the cursor must be to a point to pick it.
HOVER_RADIUS = 12


def step_numbers(X, mixture, k, x, resp=None):
    """The numbers of the E- and M-step formulas for component ``k``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    mixture : Mixture
    k : int
    x : ndarray of shape (2,)
        The point whose responsibility is shown.
    resp : ndarray of shape (n_samples, n_components), optional
        ``mixture.predict_proba(X)``, if already known.

    Returns
    -------
    dict
        ``weight`` π_k, ``density`` N(x | μ_k, Σ_k), ``numerator`` π_k N(x | μ_k, Σ_k),
        ``total`` Σ_j π_j N(x | μ_j, Σ_j), ``r`` the responsibility, ``nk`` N_k,
        ``n`` n_samples, ``new_weight`` N_k / n, ``new_mean`` (2,) Σ_i r_ik x_i / N_k.
    """
    point = np.asarray(x, dtype=np.float64).reshape(1, 2)
    # log p(x, k) for every k, from the mixture's own log-density and posteriors
    log_total = float(mixture.score_samples(point)[0])
    proba = mixture.predict_proba(point)[0]
    total = float(np.exp(log_total))
    numerator = float(proba[k] * total)
    weight = float(mixture.weights[k])
    if resp is None:
        resp = mixture.predict_proba(X)
    nk = float(resp[:, k].sum())
    new_mean = resp[:, k] @ X / nk if nk > 0 else np.full(2, np.nan)
    return {
        "weight": weight,
        "density": numerator / weight if weight > 0 else 0.0,
        "numerator": numerator,
        "total": total,
        "r": float(proba[k]),
        "nk": nk,
        "n": len(X),
        "new_weight": nk / len(X) if len(X) else np.nan,
        "new_mean": new_mean,
    }


def _number(value) -> str:
    return f"{value:.4g}"


class EquationPanel(QtWidgets.QWidget):
    """Shows :func:`step_numbers` for the point and component under the cursor on ``plot``.

    Parameters
    ----------
    session : FitSession
        The points, the mixture on screen and its responsibilities, and whether the fit is MAP.
    plot : MixturePlot
        Provides ``view_box`` and the mouse position.
    """

    def __init__(self, session, plot, parent=None):
        super().__init__(parent)
        self._session = session
        self._plot = plot
        self._cursor = None
        self.label = QtWidgets.QLabel()
        self.label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(6, 6, 6, 6)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(self.label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.refresh()

    def show_at(self, x, y):
        """Show the numbers for the cursor at data coordinates (x, y)."""
        self._cursor = (float(x), float(y))
        self.refresh()

    def refresh(self):
        """Recompute for the mixture now on the plot (call after the plot shows another state)."""
        if not self.isVisible():
            return  # recomputed when shown
        mixture, X = self._session.mixture_on_screen(), self._session.points.X
        if mixture is None or len(X) == 0:
            self.label.setText("<i>Initialise EM to see the E- and M-step with their numbers.</i>")
            return
        if self._cursor is None:
            self.label.setText("<i>Move the mouse over the plot: the numbers are for the point and "
                               "component under the cursor.</i>")
            return
        cursor = np.array(self._cursor)
        k = int(np.argmax(mixture.predict_proba(cursor.reshape(1, 2))[0]))
        index = self._hovered_point(X, cursor)
        x = X[index] if index is not None else cursor
        numbers = step_numbers(X, mixture, k, x, resp=self._session.responsibilities(mixture))
        self.label.setText(self._html(k, index, x, numbers))

    # -- internals ----------------------------------------------------------------------------

    def _on_mouse_moved(self, scene_pos):
        view_box = self._plot.view_box
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return
        pos = view_box.mapSceneToView(scene_pos)
        self.show_at(pos.x(), pos.y())

    def _hovered_point(self, X, cursor):
        pixel = np.array(self._plot.view_box.viewPixelSize(), dtype=float)
        pixel[pixel <= 0] = 1.0
        distance = np.hypot(*((X - cursor) / pixel).T)
        index = int(np.argmin(distance))
        return index if distance[index] <= HOVER_RADIUS else None

    def _html(self, k, index, x, numbers):
        r, g, b, _ = component_colors(self._session.mixture_on_screen().n_components)[k]
        name = f"<span style='color: rgb({r},{g},{b})'>■</span>&nbsp;<b>component {k + 1}</b>"
        i = f"{index + 1}" if index is not None else ""   # the cursor is x, not one of the x_i
        where = f"point {index + 1}" if index is not None else "the cursor"
        a, b = (html.escape(name) for name in self._session.points.axis_names)
        x_text = f"({a} {_number(x[0])}, {b} {_number(x[1])})"
        mu = numbers["new_mean"]
        rows = [
            f"{name} &nbsp; x<sub>{i}</sub> = {html.escape(where)} {x_text}",
            "<br><b>E-step</b>: how much component k explains the point",
            f"r<sub>{i}k</sub> = π<sub>k</sub> N(x<sub>{i}</sub> | μ<sub>k</sub>, Σ<sub>k</sub>)"
            f" / Σ<sub>j</sub> π<sub>j</sub> N(x<sub>{i}</sub> | μ<sub>j</sub>, Σ<sub>j</sub>)",
            f"&nbsp;&nbsp;&nbsp;= {_number(numbers['weight'])} × {_number(numbers['density'])}"
            f" / {_number(numbers['total'])} = <b>{numbers['r']:.4f}</b>",
            "<br><b>M-step</b>: new parameters from all n responsibilities",
            f"N<sub>k</sub> = Σ<sub>i</sub> r<sub>ik</sub> = <b>{_number(numbers['nk'])}</b>",
            f"π<sub>k</sub> = N<sub>k</sub> / n = {_number(numbers['nk'])} / {numbers['n']}"
            f" = <b>{numbers['new_weight']:.4f}</b>",
            f"μ<sub>k</sub> = Σ<sub>i</sub> r<sub>ik</sub> x<sub>i</sub> / N<sub>k</sub>"
            f" = <b>({_number(mu[0])}, {_number(mu[1])})</b>",
        ]
        if self._session.settings.prior:
            rows.append("<br><i>With the prior on, the M-step pulls these towards the prior (MAP).</i>")
        return "<br>".join(rows)


def install(window):
    """Add a hidden "Equations" dock (left of the plot) and View ▸ Equation panel to toggle it.

    Returns the :class:`EquationPanel`; its dock's objectName is "equations_dock" (kept in
    presentation mode). The panel follows the mouse, and is refreshed when EM stops, the
    points change or another iteration of the history is shown.
    """
    panel = EquationPanel(window.session, window.plot)
    dock = QtWidgets.QDockWidget("Equations", window)
    dock.setObjectName("equations_dock")
    dock.setWidget(panel)
    dock.setMinimumWidth(320)
    window.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.hide()
    dock.visibilityChanged.connect(lambda visible: visible and panel.refresh())
    # Between EM runs the panel follows every change of the fit; during a run it waits for the end
    # (its numbers need all n responsibilities, which only the drawn states carry).
    window.session.fit_changed.connect(lambda: window.runner.is_running or panel.refresh())
    window.session.points.changed.connect(panel.refresh)
    window.runner.finished.connect(panel.refresh)
    action = dock.toggleViewAction()
    action.setText("&Equation panel")
    window.menus["view"].addAction(action)
    window.actions["equations"] = action
    return panel
