"""The bundle's program: the ``gmmviz`` command, by importing ``gmmviz.__main__`` (which runs it and exits).

It lives outside the package (and is not called ``gmmviz.py``) because PyInstaller puts the folder of
its script on the import path while it analyses: ``gmmviz/`` there would offer ``io`` as a top-level
module, and a ``gmmviz.py`` would stand in for the package.
"""

import gmmviz.__main__  # noqa: F401  (raises SystemExit with the command's status)
