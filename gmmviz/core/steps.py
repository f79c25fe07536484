"""Work done in steps: a generator that yields the fraction done (0..1) now and then and returns its result.

Reading a file (:func:`gmmviz.io.points.read_table_in_steps`) and the window's long jobs
(:mod:`gmmviz.gui.engine`) are written this way, so that a thread can drive them with progress and
Cancel between steps; :func:`run_to_end` drives one where nobody watches.
"""


def run_to_end(steps):
    """The return value of the generator ``steps``, run to its end here; the fractions it yields are dropped."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value
