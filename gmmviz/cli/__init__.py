"""The ``gmmviz`` command: the window, and the headless ``fit``, ``select`` and ``sample`` commands.

Decisions
---------
- ``gmmviz`` with no command (optionally with a data file) opens the window; the window's module is imported
  only then, and plot export (``fit --png/--svg/--gif``) imports the offscreen renderer only when asked, so
  the headless commands never load Qt.
- Every failure is exit status 2 and one line ``gmmviz: error: ...`` on stderr; warnings (skipped rows,
  re-seeded components) are one line ``gmmviz: warning: ...`` each. Results go to stdout: the tables, which
  data columns were used, and which files were written.
- ``fit --init PARAMS.json`` starts EM from the parameters in a mixture JSON file; ``-k`` and
  ``--covariance`` then default to the file's, and a different ``--covariance`` projects the file's
  covariances onto that type.
- Components are numbered 1..K in tables and CSV files.
- Warnings: only :class:`~gmmviz.core.errors.GmmvizWarning` is printed, every time it is raised (a component
  re-seeded in two fits of ``select`` is said twice). Other libraries' warnings are not: numpy's
  floating-point ``RuntimeWarning`` (``overflow encountered in square`` for data near 1e155) names an
  internal operation, and what it leads to reaches the user as gmmviz's own error or result. k-means
  finding fewer distinct clusters than K is followed by gmmviz re-seeding the empty component, which
  gmmviz reports itself.
- Sizes are capped by what can work, with one line: ``select -k`` ranges are kept as ranges and cut at the
  number of distinct points of positive weight (K above it can never be fitted: one warning, or an error when
  no K is left; :mod:`gmmviz.cli.k_values`);
  ``sample -n`` is refused when the points would need more than the computer's memory (about 400 bytes a
  point). A ``MemoryError`` anywhere is one error line too.
- ``--screenshot`` must name a ``.png`` file in an existing folder; both are checked before the window
  starts. Ctrl-C in the window, or while ``--run --screenshot`` runs, ends it with ``gmmviz: interrupted``
  and exit status 130, as in the other commands, and writes no screenshot; a file being read, a sample
  being drawn or a ``--select`` sweep is cancelled first.
- A reader that stops early (``gmmviz fit … | head -1``) ends gmmviz quietly with exit status 141, what a
  shell reports for a Unix tool killed by SIGPIPE (``seq 1000000 | head -1``): no message, since nothing is
  wrong, but not 0, since the output was not all written (``set -o pipefail`` scripts see it as other tools).
  Standard output is then pointed at the null device, so Python's final flush raises nothing. Closed
  standard streams: :mod:`gmmviz.cli.streams`.
- Degenerate fits (a component collapsed onto a point or a line, :func:`gmmviz.core.em.collapsed_components`)
  are said: ``fit`` warns once naming the components and what to change; ``select`` never picks a degenerate
  candidate while another is not (:func:`gmmviz.core.select`), marks them ``!`` in the table with a legend
  line, warns when the best is degenerate all the same, and lists each row's degenerate components
  (numbered 1..K, as everywhere) in ``degenerate`` in ``--json``.
- ``gmmviz --truth PARAMS.json`` shows that mixture as the true one; ``--sample N`` draws the points from it
  instead of loading a file, with ``--seed`` (the seed of the fit too), and K then defaults to the truth's.
- ``gmmviz --install-desktop`` and ``--uninstall-desktop`` are options of the window's command line (they
  concern the window's menu entry) and print one line per file; :mod:`gmmviz.desktop` does the work.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import sys
import warnings
from pathlib import Path

from gmmviz import __version__, desktop
from gmmviz.core import COVARIANCE_TYPES, GmmvizError, GmmvizWarning, fit, select
from gmmviz.core.covariance import regularisation_is_large
from gmmviz.core.em import collapsed_components
from gmmviz.core.init import INIT_METHODS
from gmmviz.core.selection import CRITERIA
from gmmviz.core.settings import SETTINGS, parse_setting
from gmmviz.cli import em_options
from gmmviz.cli.k_values import fittable_ks, k_values
from gmmviz.io import fit_record, read_mixture, write_labels, write_mixture, write_sample
from gmmviz.io.point_weights import read_weighted_points
from gmmviz.io.points import read_table
from gmmviz.io.atomic import write_text_atomic
from gmmviz.io.mixture_json import dumps, to_json_value
from gmmviz.io.numbers import parse_int
from gmmviz.gui.render.palette import MAX_COMPONENTS as MAX_PLOTTED
from gmmviz.io.output_paths import check_outputs
from gmmviz.cli.streams import fail, open_standard_streams, print_warning, reader_left, say
from gmmviz.cli.known_labels import (add_label_options, describe_label_start, labels_initialisation,
                                      read_labelled_points, true_labels_agreement)
from gmmviz.cli.tables import describe_data, format_agreement, format_fit, format_selection, number
from gmmviz.io.mixture_json import true_labels_record

COMMANDS = {
    "fit": "fit a mixture with EM and print its parameters and scores",
    "select": "choose K and the covariance type by BIC, AIC or ICL",
    "sample": "draw points from a mixture JSON file",
}


class _UsageError(Exception):
    """A command line argparse rejected; reported like any other error."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def main(argv=None) -> int:
    """Run the ``gmmviz`` command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    stop = open_standard_streams(command=bool(argv) and argv[0] in COMMANDS)
    if stop is not None:
        return stop
    with warnings.catch_warnings():
        # Only gmmviz's own warnings reach the user, every one of them (see the module docstring).
        warnings.simplefilter("ignore")
        warnings.simplefilter("always", GmmvizWarning)
        warnings.showwarning = print_warning
        try:
            if argv and argv[0] in COMMANDS:
                args = _command_parser(argv[0]).parse_args(argv[1:])
            else:
                args = _window_parser().parse_args(argv)
            inputs, outputs = _files(args)
            # With a file on stdout, the report goes to stderr so that stdout carries only that file.
            on_stdout = check_outputs(inputs, outputs, binary=("--png", "--gif"), suffixes=OUTPUT_SUFFIXES)
            with contextlib.redirect_stdout(sys.stderr) if on_stdout else contextlib.nullcontext():
                status = args.handler(args)
            sys.stdout.flush()  # a reader that left shows here, not in Python's flush at exit
            return status
        except BrokenPipeError:
            return reader_left()
        except (GmmvizError, _UsageError) as exc:
            if isinstance(exc.__context__, BrokenPipeError):  # a file written to a pipe, named by gmmviz.io
                return reader_left()
            return fail(str(exc))
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            return fail(f"{where}{exc.strerror or exc}")
        except MemoryError:
            return fail("out of memory: use a smaller data file, fewer components or fewer points")
        except KeyboardInterrupt:
            say("\ngmmviz: interrupted")
            return 130


#: What each output option writes, by its suffix (--screenshot is checked as a .png before the window starts).
OUTPUT_SUFFIXES = {"--json": ".json", "--labels": ".csv", "--png": ".png", "--svg": ".svg", "--gif": ".gif",
                   "-o": ".csv"}


def _files(args) -> tuple[dict, dict]:
    """The files a parsed command line reads and writes, each ``{option: path or None}``."""
    init = getattr(args, "init", None)
    inputs = {
        "DATA": getattr(args, "data", None),
        "PATH": getattr(args, "path", None),
        "PARAMS.json": getattr(args, "params", None),
        "--truth": getattr(args, "truth", None),
        "--init": None if init in INIT_METHODS else init,
    }
    options = {"--json": "json", "--labels": "labels", "--png": "png", "--svg": "svg", "--gif": "gif",
               "-o": "output", "--screenshot": "screenshot"}
    return inputs, {option: getattr(args, name, None) for option, name in options.items()}


# --- argument types ----------------------------------------------------------------------------------


def _checked(convert, accept, expected: str):
    """An argparse type: ``convert`` the text, then require ``accept(value)``; ``expected`` is said otherwise."""

    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            value = None
        if value is None or not accept(value):
            raise argparse.ArgumentTypeError(f"must be {expected}, got {text!r}")
        return value

    return parse


_positive_int = _checked(parse_int, lambda value: value >= 1, "a positive integer")


def _setting(name: str):
    """An argparse type reading the fit setting ``name`` as the settings table does (one message for all)."""

    def parse(text: str):
        try:
            return parse_setting(name, text)
        except GmmvizError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _setting_help(name: str, default=None, what=None) -> str:
    """``--help`` text of a setting from the settings table: what it does (or ``what``), its range and default."""
    setting = SETTINGS[name]
    default = setting.default if default is None else default
    return f"{what or setting.help}: {setting.range_text} (default {'none' if default is None else default})"


def _covariance_types(text: str) -> list[str]:
    if text == "all":
        return list(COVARIANCE_TYPES)
    types = [part.strip() for part in text.split(",")]
    unknown = [t for t in types if t not in COVARIANCE_TYPES]
    if unknown:
        raise argparse.ArgumentTypeError(f"must be 'all' or a list of {','.join(COVARIANCE_TYPES)}, got {text!r}")
    return list(dict.fromkeys(types))


# --- parsers -----------------------------------------------------------------------------------------


def _window_parser() -> _Parser:
    commands = "\n".join(f"  gmmviz {name:<7} {help}" for name, help in COMMANDS.items())
    parser = _Parser(
        prog="gmmviz",
        description="Fit, step and look at 2-D Gaussian mixture models. Without a command, opens the window.",
        epilog=f"commands (each has --help):\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="data file to load (CSV, TSV, TXT, DAT or NPY)")
    parser.add_argument("--columns", metavar="A,B", help="the two columns to use, by name or 0-based index")
    parser.add_argument("-k", "--components", dest="k", type=_setting("n_components"), metavar="K",
                        help=_setting_help("n_components"))
    parser.add_argument("--covariance", type=_covariance_types, metavar="TYPE",
                        help=f"{SETTINGS['covariance_type'].help}; with --select, all (default) or a list of types")
    parser.add_argument("--seed", type=_setting("seed"), metavar="S", help=_setting_help("seed"))
    parser.add_argument("--run", dest="run_em", action="store_true", help="run EM to convergence after loading")
    parser.add_argument("--select", type=k_values, metavar="1-K",
                        help="fit K = 1..K with the covariance types in the Choose K panel and load the best")
    parser.add_argument("--criterion", choices=CRITERIA, help="with --select: bic (default), aic or icl")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a picture of the window and exit")
    parser.add_argument("--truth", metavar="PARAMS.json", help="a mixture JSON file to show as the true mixture")
    parser.add_argument("--sample", type=_positive_int, metavar="N",
                        help="draw N points from the --truth mixture (with --seed) instead of loading PATH")
    parser.add_argument("--version", action="version", version=f"gmmviz {__version__}")
    desktop_files = parser.add_mutually_exclusive_group()
    desktop_files.add_argument("--install-desktop", dest="handler", action="store_const", const=_install_desktop,
                               help="add gmmviz to this user's application menu, with its icons and file types")
    desktop_files.add_argument("--uninstall-desktop", dest="handler", action="store_const",
                               const=_uninstall_desktop, help="remove what --install-desktop added")
    parser.set_defaults(handler=_open_window)
    return parser


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", metavar="DATA", help="data file (CSV, TSV, TXT, DAT or NPY)")
    parser.add_argument("--columns", metavar="A,B", help="the two columns to use, by name or 0-based index "
                        "(default: the first two numeric columns)")


def _add_em_options(parser: argparse.ArgumentParser) -> None:
    for option, name, metavar in (("--n-init", "n_init", "N"), ("--seed", "seed", "S"),
                                  ("--max-iter", "max_iter", "N"), ("--tol", "tol", "T"),
                                  ("--reg-covar", "reg_covar", "R")):
        parser.add_argument(option, type=_setting(name), default=SETTINGS[name].default, metavar=metavar,
                            help=_setting_help(name))
    parser.add_argument("--prior", action="store_true", help=SETTINGS["prior"].help)


def _command_parser(name: str) -> _Parser:
    parser = _Parser(prog=f"gmmviz {name}", description=COMMANDS[name][0].upper() + COMMANDS[name][1:] + ".")
    if name == "fit":
        _add_data_options(parser)
        parser.add_argument("-k", "--components", dest="k", type=_setting("n_components"), metavar="K",
                            help=_setting_help("n_components", "with --init PARAMS.json: the file's"))
        parser.add_argument("--covariance", choices=COVARIANCE_TYPES,
                            help="covariance type (default full, or the --init file's)")
        parser.add_argument("--init", default="kmeans", metavar="METHOD",
                            help=f"{', '.join(INIT_METHODS)} or a mixture JSON file (default kmeans)")
        _add_em_options(parser)
        parser.add_argument("--json", metavar="OUT.json", help="write the fitted mixture as JSON")
        parser.add_argument("--labels", metavar="OUT.csv", help="write x, y, label, p_1..p_K for every point")
        parser.add_argument("--png", metavar="OUT.png", help="render the fitted plot to a PNG image")
        parser.add_argument("--svg", metavar="OUT.svg", help="render the fitted plot to an SVG image")
        parser.add_argument("--gif", metavar="OUT.gif", help="render the EM run as an animated GIF")
        add_label_options(parser)
        em_options.add_options(parser, freeze=True)
        parser.set_defaults(handler=_run_fit)
    elif name == "select":
        _add_data_options(parser)
        parser.add_argument("-k", "--components", dest="k", type=k_values, default=k_values("1-9"),
                            metavar="K", help="values of K to try: 1-9 (default), 3, 1,2,5 or 2-4,8")
        parser.add_argument("--covariance", type=_covariance_types, default=list(COVARIANCE_TYPES),
                            metavar="TYPES", help=f"all (default) or a list of {','.join(COVARIANCE_TYPES)}")
        parser.add_argument("--criterion", choices=CRITERIA, default="bic",
                            help="criterion to minimise: bic, aic or icl (default bic)")
        _add_em_options(parser)
        parser.add_argument("--json", metavar="OUT.json", help="write every row and the best model as JSON")
        em_options.add_options(parser, freeze=False)
        parser.set_defaults(handler=_run_select)
    else:
        parser.add_argument("params", metavar="PARAMS.json", help="mixture JSON file (as written by fit --json)")
        parser.add_argument("-n", dest="n_samples", type=_positive_int, required=True, metavar="N",
                            help="number of points")
        parser.add_argument("--seed", type=_setting("seed"), metavar="S",
                            help=_setting_help("seed", what="random seed of the draw, for points that repeat exactly"))
        parser.add_argument("-o", "--output", required=True, metavar="POINTS.csv",
                            help="CSV file to write: x, y, component (1..K)")
        parser.set_defaults(handler=_run_sample)
    return parser


# --- commands ----------------------------------------------------------------------------------------


def _open_window(args) -> int:
    if args.screenshot is not None:
        _check_screenshot(Path(args.screenshot))
    covariance_type, select = _window_sweep(args)
    if args.sample is not None and (args.truth is None or args.path is not None):
        raise GmmvizError("--sample N draws the points from --truth PARAMS.json: give --truth and no PATH")
    try:
        from gmmviz.gui.app import run_window
    except ImportError as exc:
        raise GmmvizError(
            f"the window cannot start ({exc}); install PySide6-Essentials and pyqtgraph, or use gmmviz fit"
        ) from None
    return run_window(
        path=args.path,
        columns=args.columns,
        n_components=args.k,
        covariance_type=covariance_type,
        select=select,
        seed=args.seed,
        run=args.run_em,
        screenshot=args.screenshot,
        truth=args.truth,
        sample=args.sample,
    )


def _window_sweep(args) -> tuple:
    """``(covariance type of the Mixture panel, Choose K request of --select or None)``.

    ``--select 1-K`` fits every K from 1 to K (the panel's sweeps start at 1) with the ``--covariance``
    types (default all), ranked by ``--criterion`` (default bic), from ``--seed`` (default 0).
    """
    types = args.covariance
    if args.select is None:
        if args.criterion is not None:
            raise _UsageError("--criterion goes with --select (see 'gmmviz --help')")
        if types is not None and len(types) != 1:
            raise _UsageError("--covariance takes one type unless --select is given (see 'gmmviz --help')")
        return (types[0] if types else None), None
    if len(args.select) != 1 or args.select[0].start != 1:
        raise _UsageError("--select takes 1-K: the Choose K panel fits every K from 1 to K (see 'gmmviz --help')")
    if args.path is None:
        raise _UsageError("--select needs a data file to fit (see 'gmmviz --help')")
    request = {"max_k": args.select[0].stop - 1, "covariance_types": tuple(types or COVARIANCE_TYPES),
               "criterion": args.criterion or "bic", "seed": 0 if args.seed is None else args.seed}
    return None, request


def _install_desktop(args) -> int:
    print("\n".join(desktop.install(desktop.data_home())))
    return 0


def _uninstall_desktop(args) -> int:
    print("\n".join(desktop.uninstall(desktop.data_home())))
    return 0


def _place(path) -> str:
    """Where an output went, as the report says it: its path, or "standard output" for ``-``."""
    return "standard output" if os.fspath(path) == "-" else os.fspath(path)


def _check_screenshot(path: Path) -> None:
    """Refuse a ``--screenshot`` file that could not be written, before the window starts."""
    if path.suffix.lower() != ".png":
        raise GmmvizError(f"--screenshot {path}: the file name must end in .png (the window is saved as PNG)")
    if not path.parent.is_dir():
        raise GmmvizError(
            f"--screenshot {path}: cannot be written (there is no folder {path.parent}); "
            "check that the folder exists and is writable"
        )


def _em_settings(args) -> dict:
    return dict(
        n_init=args.n_init,
        seed=args.seed,
        max_iter=args.max_iter,
        tol=args.tol,
        reg_covar=args.reg_covar,
        prior=True if args.prior else None,
    )


def _initialisation(args):
    """(init, n_components, covariance_type) from -k, --covariance and --init."""
    if args.init in INIT_METHODS:
        if args.k is None:
            raise _UsageError("-k/--components is required unless --init gives a mixture JSON file")
        return args.init, args.k, args.covariance or "full"
    if Path(args.init).suffix.lower() != ".json" and not Path(args.init).is_file():
        raise _UsageError(f"--init must be one of {', '.join(INIT_METHODS)} or a mixture JSON file, got {args.init!r}")
    mixture, _ = read_mixture(args.init)
    if args.k is not None and args.k != mixture.n_components:
        raise GmmvizError(
            f"-k {args.k} does not match the {mixture.n_components} components in {args.init}; "
            f"drop -k or give -k {mixture.n_components}"
        )
    covariance_type = args.covariance or mixture.covariance_type
    args.noise = em_options.init_file_noise(args.noise, mixture)  # the file's noise is kept
    return mixture.with_covariance_type(covariance_type), mixture.n_components, covariance_type


def _run_fit(args) -> int:
    start = None if args.init_labels else _initialisation(args)
    table = read_table(args.data)      # read once for the points, their labels and their weights
    loaded, init_labels = read_labelled_points(args, table)
    loaded, sample_weight, init_labels = em_options.read_weights(args, table, loaded, init_labels)
    init, n_components, covariance_type = start or labels_initialisation(args, loaded.X, init_labels, sample_weight)
    plotted = [option for option in ("--png", "--svg", "--gif") if getattr(args, option[2:])]
    if plotted and n_components > MAX_PLOTTED:
        raise GmmvizError(f"{plotted[0]} draws at most {MAX_PLOTTED} components, each in a colour of its own; "
                          f"fit K = {n_components} without plots, or K = {MAX_PLOTTED} or fewer")
    drawn_seed = args.gif and args.seed is None and isinstance(init, str)
    if drawn_seed:
        # The GIF shows the fit's run: draw a seed and say which, so that run can be repeated.
        args.seed = secrets.randbelow(2**32)
    options = em_options.engine_options(args, n_components)
    result = em_options.noise_said_once(lambda: fit(
        loaded.X, n_components, covariance_type=covariance_type, init=init, keep_history=bool(args.gif),
        sample_weight=sample_weight, **options, **_em_settings(args)))
    print(describe_data(loaded))
    if sample_weight is not None:
        print(em_options.describe_weights(args.weights, sample_weight))
    if init_labels is not None:
        print(describe_label_start(args.init_labels, init_labels))
    if drawn_seed:
        print(f"Seed: {args.seed} (drawn for the GIF; give --seed {args.seed} to repeat this fit)")
    print()
    print(format_fit(result, loaded.columns))
    _warn_degenerate(collapsed_components(result.mixture, result.settings.reg_covar), loaded.X,
                     result.settings.reg_covar)
    agreement = None if loaded.labels is None else true_labels_agreement(loaded.labels, result.resp, sample_weight)
    if agreement is not None:
        print()
        print(format_agreement(args.true_labels, agreement, n_components))
    written = []
    if args.json:
        write_mixture(args.json, result.mixture, fit_record(
            result, loaded.columns, args.init_labels, agreement and true_labels_record(args.true_labels, agreement),
            weights=args.weights))
        written.append(f"parameters to {_place(args.json)}")
    if args.labels:
        write_labels(args.labels, loaded.X, result.resp, loaded.columns, noise=result.mixture.has_noise)
        written.append(f"labels to {_place(args.labels)}")
    plots = {"png": args.png, "svg": args.svg, "gif": args.gif}
    if any(plots.values()):
        try:
            from gmmviz.gui.export.headless import render_fit
        except ImportError as exc:
            raise GmmvizError(f"plot export cannot start ({exc}); install PySide6-Essentials and pyqtgraph") from None
        render_fit(loaded.X, result, history=result.history, columns=loaded.columns, **plots)
        written.extend(f"{kind.upper()} to {_place(path)}" for kind, path in plots.items() if path)
    if written:
        print()
        print("Wrote " + ", ".join(written) + ".")
    return 0


def _run_select(args) -> int:
    loaded, sample_weight = read_weighted_points(args.data, args.columns, args.weights)
    n_components = fittable_ks(args.k, loaded.X, sample_weight)
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        result = em_options.noise_said_once(lambda: select(
            loaded.X,
            n_components=n_components,
            covariance_types=args.covariance,
            criterion=args.criterion,
            progress=progress,
            sample_weight=sample_weight,
            **em_options.engine_options(args),
            **_em_settings(args),
        ), lambda selection: selection.best_fit)
    finally:
        if progress is not None:
            progress.close()
    print(describe_data(loaded))
    if sample_weight is not None:
        print(em_options.describe_weights(args.weights, sample_weight))
    print()
    print(format_selection(result))
    print()
    best = result.best
    print(
        f"Best by {result.criterion.upper()} (lower is better): K={best.n_components}, "
        f"{best.covariance_type} covariance, {result.criterion.upper()} {number(getattr(best, result.criterion))}."
    )
    print()
    print(format_fit(result.best_fit, loaded.columns))
    _warn_degenerate(best.degenerate, loaded.X, result.best_fit.settings.reg_covar,
                     "every model fitted is degenerate (! in the table); in the best, ")
    if args.json:
        mixture = result.best_fit.mixture
        document = {
            "criterion": result.criterion,
            "rows": [_row_record(row) for row in result.rows],
            "best": {
                **_row_record(best),
                "weights": mixture.weights,
                "means": mixture.means,
                "covariances": mixture.full_covariances,
                **em_options.noise_keys(mixture),
            },
        }
        write_text_atomic(args.json, dumps(to_json_value(document)))
        print()
        print(f"Wrote the table and the best model to {args.json}.")
    return 0


_ROW_KEYS = ("n_components", "covariance_type", "log_likelihood", "bic", "aic", "icl", "n_iter", "converged")


def _row_record(row) -> dict:
    """A row of ``select --json``: :data:`_ROW_KEYS` and its degenerate components, numbered 1..K."""
    return {**{key: getattr(row, key) for key in _ROW_KEYS}, "degenerate": [k + 1 for k in row.degenerate]}


def _warn_degenerate(components, X, reg_covar, context: str = "") -> None:
    """One warning, after ``context``, naming the degenerate ``components`` (0-based) 1..K and what to change."""
    if len(components) == 0:
        return
    names = [str(k + 1) for k in components]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    if regularisation_is_large(X, reg_covar):
        change = (f"--reg-covar {reg_covar:g} is large for data of this spread and holds them up: give a smaller "
                  "one, or rescale the data")
    else:
        change = "use fewer components, a larger --reg-covar, --prior or more data"
    warnings.warn(
        f"{context}component{'s' * (len(names) > 1)} {listed} collapsed onto a point or a line (degenerate: "
        f"the log-likelihood, BIC and AIC reward the collapse, not the fit); {change}",
        GmmvizWarning,
    )


def _run_sample(args) -> int:
    mixture, _ = read_mixture(args.params)
    _check_sample_size(args.n_samples)
    if mixture.has_noise:
        warnings.warn(f"{args.params}: its noise component (weight {mixture.noise_weight:.3g}) is uniform over an area "
                      "without a place, so every point is drawn from the Gaussian components", GmmvizWarning)
    X, components = mixture.sample(args.n_samples, seed=args.seed)
    write_sample(args.output, X, components)
    n, k = args.n_samples, mixture.n_components
    print(f"Wrote {n} point{'s' * (n != 1)} from {k} component{'s' * (k != 1)} of {args.params} to "
          f"{_place(args.output)}.")
    return 0


#: Peak memory per point of ``sample``: the points, their components, the normal draws, the per-point
#: Cholesky factors and the CSV text (measured: about 300 bytes), with room to spare.
_SAMPLE_BYTES_PER_POINT = 400


def _check_sample_size(n_samples: int) -> None:
    """Refuse to draw more points than this computer's memory could hold (when the system says how much)."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows): a MemoryError is reported instead
        return
    if n_samples * _SAMPLE_BYTES_PER_POINT > memory:
        raise GmmvizError(
            f"-n {n_samples} points need about {n_samples * _SAMPLE_BYTES_PER_POINT / 2**30:.3g} GiB of memory, "
            f"more than the {memory / 2**30:.3g} GiB of this computer: give -n at most "
            f"{memory // _SAMPLE_BYTES_PER_POINT}"
        )


class _Progress:
    """``fitted 3/36`` on one terminal line, rewritten after each fit."""

    def __call__(self, done: int, total: int) -> None:
        print(f"\rgmmviz: fitted {done}/{total} models", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
