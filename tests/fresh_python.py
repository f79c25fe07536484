"""The environment of a fresh interpreter that imports the same gmmviz as the tests, installed or not."""

import os
from pathlib import Path

import gmmviz

ENV = {**os.environ,
       "PYTHONPATH": os.pathsep.join([str(Path(gmmviz.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}
