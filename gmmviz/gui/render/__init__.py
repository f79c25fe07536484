"""What the plot draws, computed with numpy and contourpy only: colours, ellipses, contours, rasters (no Qt)."""
