"""The mixture plot: pyqtgraph items for points, ellipses, contours and the legend, and the point tools."""
