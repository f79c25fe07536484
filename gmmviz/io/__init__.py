"""Files gmmviz reads and writes: points, mixture JSON, per-point label CSV, packaged data sets.

numpy only; never imports Qt.
"""

from gmmviz.io.labels import write_labels, write_sample
from gmmviz.io.mixture_json import fit_record, mixture_from_dict, mixture_to_dict, read_mixture, write_mixture
from gmmviz.io.points import LoadedPoints, load_points, numeric_columns, read_points

__all__ = [
    "LoadedPoints",
    "fit_record",
    "load_points",
    "mixture_from_dict",
    "mixture_to_dict",
    "numeric_columns",
    "read_mixture",
    "read_points",
    "write_labels",
    "write_mixture",
    "write_sample",
]
