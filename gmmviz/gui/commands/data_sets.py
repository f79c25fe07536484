"""The Data menu: Old Faithful, iris (two chosen features), two moons and blobs (size and seed chosen), and Examples.

Each data set replaces the points as one undoable step, like opening a file. An example also sets
what its lesson needs: "Collapse" (a repeated point) sets K = 3, k-means, seed 0, maximum likelihood
and the prior's default values, so Run shows the collapse and Compare the prior preventing it.
"""

from PySide6 import QtGui, QtWidgets

from gmmviz.gui.dialogs.data_dialogs import ValuesDialog
from gmmviz.gui.model.prior_values import PriorValues
from gmmviz.io import datasets

#: Seeds of the generated data sets: what numpy's RandomState takes, as everywhere in gmmviz.
SEED_RANGE = (0, 2**31 - 1)


class DataSets:
    """The Data menu's commands for ``window`` (its session takes the points)."""

    def __init__(self, window):
        self._window = window

    def load_old_faithful(self):
        X, columns = datasets.old_faithful()
        self._window.set_points(X, columns, "Load Old Faithful", name="Old Faithful")

    def load_iris(self):
        names = list(datasets.IRIS_FEATURES)
        values = self._ask("Iris", [("x", "x", 2, names), ("y", "y", 3, names)])
        if values is not None:
            X, columns = datasets.iris(values["x"], values["y"])
            self._window.set_points(X, columns, "Load iris", name="Iris")
            session = self._window.session
            session.labels.set_known(session.points.ids, datasets.iris_species(), "species")

    def load_moons(self):
        values = self._ask("Two moons", [("n", "Points", 400, (10, 100000)), ("seed", "Seed", 0, SEED_RANGE)])
        if values is not None:
            X, columns = datasets.two_moons(values["n"], seed=values["seed"])
            self._window.set_points(X, columns, "Load two moons", name="Two moons")

    def load_blobs(self):
        values = self._ask("Blobs", [
            ("k", "Blobs", self._window.session.settings.n_components, (1, 20)),
            ("n", "Points", 600, (10, 1000000)),
            ("seed", "Seed", 0, SEED_RANGE)])
        if values is not None:
            X, columns = datasets.blobs(values["n"], values["k"], values["seed"])
            self._window.set_points(X, columns, "Load blobs", name="Blobs")

    def load_collapse(self):
        X, columns = datasets.collapse()
        self._window.set_points(X, columns, "Load the collapse example", name="Collapse")
        session = self._window.session
        for name, value in (("n_components", 3), ("init", "kmeans"), ("seed", 0), ("prior", False),
                            ("prior_values", PriorValues())):
            session.set_setting(name, value)
        x, y = datasets.COLLAPSE_POINT
        self._window.report(f"({x:g}, {y:g}) is there {datasets.COLLAPSE_REPEATS} times: Run (Ctrl+R) fits by maximum "
                            "likelihood and one component collapses onto it; Compare fits MAP beside it.", "info")
        self._window.plot.fit_view()        # the point at the top, clear of that notice

    def _ask(self, title, fields):
        dialog = ValuesDialog(title, fields, self._window)
        return dialog.values() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None


def install(window) -> DataSets:
    """Fill ``window.menus["data"]``; actions "data_old_faithful", "data_iris", "data_moons", "data_blobs",
    and "data_collapse" in Examples."""
    commands = DataSets(window)
    for name, text, slot in (
        ("data_old_faithful", "Old Faithful", commands.load_old_faithful),
        ("data_iris", "Iris (two features)…", commands.load_iris),
        ("data_moons", "Two moons…", commands.load_moons),
        ("data_blobs", "Blobs…", commands.load_blobs),
    ):
        action = QtGui.QAction(text, window)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        window.addAction(action)
        window.actions[name] = action
        window.menus["data"].addAction(action)
    examples = window.menus["data"].addMenu("Examples")
    action = QtGui.QAction("Collapse", window, toolTip="Points with one repeated: maximum likelihood collapses")
    action.triggered.connect(lambda _checked=False: commands.load_collapse())
    window.actions["data_collapse"] = action
    examples.addAction(action)
    return commands
