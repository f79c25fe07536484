"""The dock widgets: mixture settings and EM controls, history, parameters, equations."""
