"""Shared test set-up: Qt always renders offscreen, so the suite runs the same with or without a display."""

import os

# Set before any test module imports Qt; a real display would make GUI tests flaky and pop up windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
