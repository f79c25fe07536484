"""Hands on the mixture on screen: add, delete, split and merge components, and drag handles.

``install(window)`` adds four commands to the Edit menu, with keys, and to the plot's context
menu (right-click on or near a component), and puts :class:`~gmmviz.gui.plot.handles.MixtureHandles`
on the mixture on screen (initial or fitted). Every edit is one undo step through
:meth:`FitSession.edit_mixture <gmmviz.gui.model.fit_session.FitSession.edit_mixture>`: Step
continues from the edited mixture, the history records it as a restart, and the Mixture panel's K
follows. The rules of each operation are :mod:`gmmviz.core.surgery`'s.

Decisions:

- A command acts where the mouse is: the component *at the cursor* is the one most responsible
  for that point, P(k | x) largest (on its mean it is always that component, between two it is
  the one the points there belong to); a new component goes to the cursor. A key pressed while
  the mouse is not over the plot acts at the centre of the view.
- Merge joins the component at the cursor with its nearest other component, nearest by the
  Mahalanobis distance between the two means under the sum of their covariances (two wide
  overlapping components are nearer than two narrow ones as far apart); the context menu also
  offers every other component.
- Keys: Shift + the command's initial (Shift+A add, Shift+D delete, Shift+S split, Shift+M merge),
  next to the plain keys of the EM commands (M is the M-step).
- The plot's right-click menu is this one (with Fit view); it replaces pyqtgraph's generic menu,
  whose view and export commands the window has (Fit view, File ▸ Export).
- The handles are hidden while EM runs (a drag would stop it at once), with the ellipses
  (View ▸ Ellipses and means) and while MLE and MAP are compared (the two fits take the place of the
  ellipses); they never appear in exported images.
- Locks (the parameter table's, the ``freeze`` setting) hold: a locked mean or covariance has no
  handle to drag (a tied covariance is locked when any component's is), and a component with any
  locked parameter cannot be deleted, split or merged. The locks follow their components through
  an edit (after a delete or merge the later ones move down by one), as one undo step with it.
  Adding or deleting another component still rescales every weight, locked ones too: the weights
  must sum to one, and the lock then holds the new value.
- What cannot be done says why in the notice strip and changes nothing: no mixture on screen,
  deleting or merging the only component, a locked component, more components than the window shows.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtWidgets

from gmmviz.core import GmmvizError
from gmmviz.core.errors import as_sentence
from gmmviz.core.freeze import PARAMETERS
from gmmviz.gui.plot.handles import MixtureHandles

NO_MIXTURE = "There is no mixture on screen to edit: press Initialise (I) first."
ONE_COMPONENT = "The mixture has only one component: add another (Shift+A) first."
LOCKED = "Component {} has locked parameters: unlock them in the parameter table first."
LOCKED_DRAG = "Component {}'s {} is locked: unlock it in the parameter table to drag it."


def renumbered_locks(freeze, removed=None):
    """The locks ``{k: names}`` (or None) after component ``removed`` went: later components move down one."""
    if not freeze:
        return None
    moved = {k - (removed is not None and k > removed): names for k, names in freeze.items() if k != removed}
    return moved or None


def component_at(mixture, x, y):
    """The component most responsible for the point (x, y): argmax P(k | x), 0-based (never the noise)."""
    return int(np.argmax(mixture.predict_proba(np.array([[x, y]]))[0, :mixture.n_components]))


def merge_partners(mixture, k):
    """The other components, nearest to ``k`` first (Mahalanobis distance of the means under Σ_k + Σ_j).

    Returns
    -------
    partners : list of int
    """
    others = [j for j in range(mixture.n_components) if j != k]
    differences = mixture.means[others] - mixture.means[k]
    sums = mixture.full_covariances[others] + mixture.full_covariances[k]
    distances = np.einsum("ji,ji->j", differences, np.linalg.solve(sums, differences[..., None])[..., 0])
    return [others[i] for i in np.argsort(distances, kind="stable")]


class Surgery(QtCore.QObject):
    """The surgery commands and drag handles of ``window`` (see the module docstring).

    Attributes
    ----------
    handles : MixtureHandles
    menu : QMenu or None
        The context menu last shown.
    """

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._session = window.session
        plot = window.plot
        self._plot = plot
        self._cursor = None                 # data coordinates of the mouse over the plot, or None
        self.menu = None
        self.handles = MixtureHandles(plot.plot_item, on_edit=self._edit, locked=self.locked, parent=self,
                                      on_refused=self._refuse_drag)
        plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        plot.style_changed.connect(self._restyle)
        self._session.fit_changed.connect(self.sync)
        self._session.points.changed.connect(self.sync)      # new points (a load, a sample) drop the fit
        window.runner.finished.connect(self.sync)
        window.actions["ellipses"].toggled.connect(self.sync)
        self._session.comparison.changed.connect(self.sync)
        self._restyle()
        self.sync()

    # -- commands (0-based components) ------------------------------------------------------------

    def add_at(self, x, y):
        """Add a component with its mean at (x, y) (weight 1/(K + 1), the average covariance)."""
        mixture = self._mixture()
        if mixture is not None:
            self._edit(lambda: mixture.with_component_added([x, y]), "Add component")

    def delete(self, k):
        mixture = self._mixture(at_least=2, unlocked=(k,))
        if mixture is not None:
            self._edit(lambda: mixture.without_component(k), f"Delete component {k + 1}", removed=k)

    def split(self, k):
        mixture = self._mixture(unlocked=(k,))
        if mixture is not None:
            self._edit(lambda: mixture.split_component(k), f"Split component {k + 1}")

    def merge(self, k, j=None):
        """Merge component ``k`` with ``j`` (default: its nearest, :func:`merge_partners`)."""
        mixture = self._mixture(at_least=2)
        j = None if mixture is None else merge_partners(mixture, k)[0] if j is None else j
        if mixture is not None and self._mixture(unlocked=(k, j)) is not None:
            self._edit(lambda: mixture.merge_components(k, j), f"Merge components {min(k, j) + 1} and {max(k, j) + 1}",
                       removed=max(k, j))

    def _refuse_drag(self, k, parameter):
        self._window.notices.show_refusal(LOCKED_DRAG.format(k + 1, parameter))

    def locked(self, k, parameter):
        """True when parameter ``parameter`` ("weight", "mean", "covariance") of component ``k`` is locked.

        A tied covariance is one for all: locked when any component's is.
        """
        freeze = self._session.settings.locks_within_k() or {}
        mixture = self._session.mixture_on_screen()
        if parameter == "covariance" and mixture is not None and mixture.covariance_type == "tied":
            return any("covariance" in names for names in freeze.values())
        return parameter in freeze.get(k, ())

    def menu_at(self, x, y):
        """The context menu for the point (x, y) of the plane."""
        menu = QtWidgets.QMenu(self._window)
        menu.setFont(self._window.font())       # a popup is a window of its own: no font from the window
        keys = {name: key for name, _, key, _ in COMMANDS}
        menu.addAction(f"Add a component here\t{keys['add']}", lambda: self.add_at(x, y))
        mixture = self._session.mixture_on_screen()
        if mixture is not None:
            k = component_at(mixture, x, y)
            menu.addAction(f"Delete component {k + 1}\t{keys['delete']}", lambda: self.delete(k))
            menu.addAction(f"Split component {k + 1}\t{keys['split']}", lambda: self.split(k))
            partners = merge_partners(mixture, k) if mixture.n_components > 1 else []
            if partners:
                menu.addAction(f"Merge component {k + 1} with {partners[0] + 1}\t{keys['merge']}",
                               lambda: self.merge(k))
            if len(partners) > 1:
                others = menu.addMenu(f"Merge component {k + 1} with")
                others.setFont(menu.font())
                for j in partners[1:]:
                    others.addAction(f"component {j + 1}", lambda j=j: self.merge(k, j))
        menu.addSeparator()
        menu.addAction(self._window.actions["fit_view"])
        return menu

    # -- wiring -----------------------------------------------------------------------------------

    def sync(self, *_):
        """Put the handles on the mixture on screen (none while EM runs, the ellipses are hidden or MLE and MAP
        are compared)."""
        comparison = self._session.comparison
        compared = comparison.mode and comparison.result is not None
        shown = self._window.actions["ellipses"].isChecked() and not (self._window.runner.is_running or compared)
        self.handles.set_mixture(self._session.mixture_on_screen() if shown else None)

    def _restyle(self):
        scale, _dark, colours = self._plot.theme
        self.handles.set_style(scale, colours["foreground"], colours["background"])

    def _mixture(self, at_least=1, unlocked=()):
        """The mixture on screen, or None after saying why it cannot be edited (components ``unlocked``
        must have no locked parameter)."""
        mixture = self._session.mixture_on_screen()
        locked = [k for k in unlocked if any(self.locked(k, name) for name in PARAMETERS)]
        if mixture is None or mixture.n_components < at_least or locked:
            self._window.notices.show_refusal(NO_MIXTURE if mixture is None else ONE_COMPONENT if not locked
                                              else LOCKED.format(locked[0] + 1))
            return None
        return mixture

    def _edit(self, mixture, text, removed=None):
        """Make ``mixture`` (a Mixture, or a function making it) the one on screen, one undo step.

        The locks follow their components: those after a ``removed`` one move down by one.
        """
        freeze = renumbered_locks(self._session.settings.locks_within_k(), removed)
        try:
            self._session.edit_mixture(mixture() if callable(mixture) else mixture, text, freeze=freeze)
        except GmmvizError as exc:
            self._window.report(as_sentence(exc))

    def at_cursor(self):
        """Where a key acts: the mouse's place over the plot, else the centre of the view (x, y)."""
        view = self._plot.view_box.viewRect()
        if self._cursor is not None and view.contains(QtCore.QPointF(*self._cursor)):
            return self._cursor
        return view.center().x(), view.center().y()

    def _component_at_cursor(self):
        mixture = self._session.mixture_on_screen()
        return None if mixture is None else component_at(mixture, *self.at_cursor())

    def _on_mouse_moved(self, scene_pos):
        view_box = self._plot.view_box
        inside = view_box.sceneBoundingRect().contains(scene_pos)
        point = view_box.mapSceneToView(scene_pos)
        self._cursor = (point.x(), point.y()) if inside else None

    def _on_mouse_clicked(self, ev):
        view_box = self._plot.view_box
        if (ev.button() != QtCore.Qt.MouseButton.RightButton or ev.isAccepted()
                or not view_box.sceneBoundingRect().contains(ev.scenePos())):
            return
        ev.accept()
        point = view_box.mapSceneToView(ev.scenePos())
        self.menu = self.menu_at(point.x(), point.y())
        self.menu.popup(ev.screenPos().toPoint())

    def _on_key(self, command):
        if command == "add":
            self.add_at(*self.at_cursor())
            return
        k = self._component_at_cursor()
        if k is None:
            self._window.notices.show_refusal(NO_MIXTURE)
        else:
            getattr(self, command)(k)


COMMANDS = (  # name, menu text, key, tip
    ("add", "Add component at cursor", "Shift+A", "A new component with its mean under the mouse"),
    ("delete", "Delete component", "Shift+D", "Remove the component under the mouse"),
    ("split", "Split component", "Shift+S", "Split the component under the mouse in two along its major axis"),
    ("merge", "Merge component with nearest", "Shift+M", "Merge the component under the mouse with its nearest"),
)


def install(window):
    """Add Edit ▸ component commands, their keys, the plot's context menu and the drag handles; returns Surgery."""
    surgery = Surgery(window)
    menu = window.menus["edit"]
    menu.addSeparator()
    for name, text, key, tip in COMMANDS:
        # a window action: the keys work in presentation mode, with no menu bar
        menu.addAction(window.add_action(f"surgery_{name}", text, lambda _=False, name=name: surgery._on_key(name),
                                         shortcut=key, tip=tip))
    return surgery
