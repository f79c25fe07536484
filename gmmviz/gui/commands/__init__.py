"""Menu features of the window: files and sessions, exports, data sets, presentation mode, help."""
