"""The window's dialogs: data columns and data-set parameters, export options."""
