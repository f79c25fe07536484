"""Shared test set-up: Qt always renders offscreen, and nothing touches the user's settings."""

import os
import tempfile

# Set before any test module imports Qt; a real display would make GUI tests flaky and pop up windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# gmmviz keeps recent files and presentation settings under the XDG configuration folder
# (see gmmviz.gui.stored_settings); the tests, and the programs they start, use a scratch one.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="gmmviz-test-config-")
