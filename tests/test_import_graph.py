"""The import graph of gmmviz, read from the source: no cycles, and Qt only where the layers allow it.

Imports inside functions count: a lazy import that closes a cycle, or pulls Qt into the core, is
as much a dependency as one at the top of a module.
"""

import ast
from pathlib import Path

import gmmviz

PACKAGE = Path(gmmviz.__file__).parent
QT = ("PySide6", "pyqtgraph", "shiboken6")
#: Modules (and packages, with everything in them) that must never import Qt, directly or through gmmviz.
#: (The CLI imports the window and the plot exporters lazily, only when asked to: tests/test_layers.py
#: checks that the headless commands never load Qt.)
QT_FREE = ("gmmviz.core", "gmmviz.io", "gmmviz.gui.model", "gmmviz.gui.render",
           "gmmviz.gui.engine.jobs", "gmmviz.gui.engine.warm_up", "gmmviz.gui.stored_settings")


def module_names():
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports(name, path, modules):
    """(gmmviz modules, other top-level packages) that module ``name`` imports anywhere in its body."""
    inner, outer = set(), set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = name.split(".")[: len(name.split(".")) - node.level + is_package]
                base = ".".join(parent + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] != "gmmviz":
                outer.add(target.split(".")[0])
                continue
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                inner.add(target)
    return inner, outer


def graph():
    modules = module_names()
    return {name: imports(name, path, modules) for name, path in modules.items()}


def test_there_are_no_import_cycles():
    edges = {name: inner for name, (inner, _) in graph().items()}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [])
    assert cycles == []


def test_the_core_io_cli_model_and_render_layers_never_reach_qt():
    edges = graph()
    for start in sorted(name for name in edges if name.startswith(QT_FREE)):
        seen, todo = set(), [start]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            inner, outer = edges[name]
            assert not outer & set(QT), f"{start} reaches Qt through {name}"
            todo.extend(inner)
