"""Files made from the plot, shared by File ▸ Export and ``gmmviz fit --png/--svg/--gif``: PNG and SVG images, the GIF of an EM run, and the offscreen rendering the command line uses."""
