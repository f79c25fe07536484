"""The window's panels: the docks (settings and EM controls, history, parameters, equations) and the notice bar."""
