"""Plots of a fit without a window: ``gmmviz fit DATA … --png OUT.png --svg OUT.svg --gif OUT.gif``.

The same :class:`~gmmviz.gui.plot.mixture_plot.MixturePlot` and exporters as File ▸ Export draw
the plots, on a widget that is never shown. Qt's ``offscreen`` platform is always used
(when no window made the QApplication first), so this works in scripts, on servers, in CI
and with a ``DISPLAY`` whose server is gone.

Decision: the GIF needs every iteration. A fit made with ``keep_history=True`` (as
``gmmviz fit --gif`` makes it) carries its run; for any other, the fit is made again from
its settings and seed with the history kept, and must end in the fitted mixture (EM is
deterministic). A fit without a seed cannot be replayed and the GIF is refused with a
message asking for one (the PNG and SVG need no replay).

Decision: an export draws what the window draws for the same fit: points of a weighted fit with areas
proportional to their weights, the noise component's points grey, and the legend's notes for both
(:func:`gmmviz.gui.commands.em_options.legend_notes`).
"""

from __future__ import annotations

import numpy as np

from gmmviz.core.em import collapsed_components
from gmmviz.core.errors import GmmvizError

#: Logical size of exported plots when none is given, in pixels.
DEFAULT_SIZE = (900, 700)


def export_plot(X, columns=None, size=DEFAULT_SIZE, dark=False, scale=1.0, sample_weight=None):
    """A hidden MixturePlot of the points ``X``, laid out at ``size`` and framing them.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    columns : pair of str, optional
        Axis names.
    size : (int, int)
        Logical width and height.
    dark, scale : as :meth:`MixturePlot.set_style`.
    sample_weight : ndarray of shape (n_samples,), optional
        The points' weights: areas proportional to them, as in the window (None: all alike).
    """
    from gmmviz.gui.application import ensure_app
    from gmmviz.gui.plot.mixture_plot import MixturePlot

    ensure_app(offscreen=True)  # an export draws on no screen: a display that is set but gone cannot stop it

    plot = MixturePlot()
    plot.set_style(scale=scale, dark=dark)
    if columns is not None:
        plot.set_axis_labels(*columns)
    plot.resize(*size)
    plot.set_points(X)
    plot.set_point_weights(sample_weight)
    plot.fit_view()
    return plot


def render_fit(X, fit_result, history=None, columns=None, png=None, svg=None, gif=None,
               size=DEFAULT_SIZE, fps=4, scale=1.0, caption=True, init=None):
    """Write the plot of a fit as PNG, SVG and/or an animated GIF of its EM run.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
        The points the fit was made on.
    fit_result : FitResult
    history : sequence of EMState, optional
        The EM run for the GIF; by default it is replayed (see the module docstring).
    columns : pair of str, optional
        Axis names.
    png, svg, gif : str or os.PathLike, optional
        Files to write.
    size : (int, int)
        Logical size in pixels of every image (the GIF's caption band included).
    fps : float
        GIF frame rate.
    scale : float
        PNG and GIF pixel scale (2 = twice as many pixels, same layout).
    caption : bool
        Show the iteration and log-likelihood above each GIF frame.
    init : Mixture or str, optional
        The ``init`` the fit was given; needed (a Mixture) to replay a fit that started
        from given parameters. A name is ignored: the fit's settings have it.

    Raises
    ------
    GmmvizError
        If a file cannot be written or the run cannot be replayed for the GIF; nothing
        is written when the replay fails.
    """
    from gmmviz.gui.commands.em_options import legend_notes
    from gmmviz.gui.export.image import export_png, export_svg
    from gmmviz.gui.export.gif import export_run_gif

    X = np.asarray(X, dtype=np.float64)
    if gif and history is None:
        history = replay_fit(X, fit_result, init=init)
    plot = export_plot(X, columns, size, sample_weight=fit_result.sample_weight)
    try:
        # a collapsed component is marked as the window marks it (red, ⚠, "(degenerate)")
        plot.show_state(fit_result.mixture, fit_result.resp,
                        degenerate=collapsed_components(fit_result.mixture, fit_result.settings.reg_covar))
        plot.set_legend_entries("notes", legend_notes(fit_result.mixture, fit_result.sample_weight))
        if png:
            export_png(plot, png, *size, scale=scale, plot_style=(1.0, False))
        if svg:
            export_svg(plot, svg, *size)
        if gif:
            export_run_gif(plot, X, history, gif, *size, fps=fps, scale=scale, caption=caption)
    finally:
        plot.close()  # takes the plot's items apart in order; dropping it unclosed can leave a dangling legend


def replay_fit(X, fit_result, init=None) -> list:
    """The EM states of the run that produced ``fit_result``: the initial state, then one per iteration.

    They come from ``fit_result.history`` (a fit with ``keep_history=True``); otherwise
    :func:`gmmviz.fit` runs again with the result's settings, keeping the history, and the
    replay must end in the fitted mixture (EM is deterministic given a seed).

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    fit_result : FitResult
    init : Mixture, optional
        Parameters to replay from instead of ``fit_result.settings.init``.

    Raises
    ------
    GmmvizError
        If the replayed run does not end in the fitted mixture (a fit without a seed).
    """
    from gmmviz.core import fit

    history = fit_result.history
    if history is None or init is not None:
        settings = fit_result.settings.kwargs()
        if init is not None:
            settings["init"] = init
        replay = fit(X, keep_history=True, **settings)
        target = fit_result.mixture
        if not (np.array_equal(replay.mixture.means, target.means)
                and np.array_equal(replay.mixture.weights, target.weights)):
            raise GmmvizError(
                "the EM run cannot be replayed for the GIF because the fit is not reproducible; "
                "fit again with a seed (--seed N)"
            )
        history = replay.history
    return [state for state in history if state.phase != "e"]
