"""``python -m gmmviz`` runs the ``gmmviz`` command."""

from gmmviz.cli import main

raise SystemExit(main())
