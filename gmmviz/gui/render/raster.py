"""Many points as one RGBA image: which pixel each point falls in, and the mean colour per pixel.

numpy only, so the worker thread rasterises the points of a large data set while the GUI thread
draws the previous image (:class:`gmmviz.gui.plot.points_layer.RasterPointsItem` shows it). A
pixel shows the mean colour of its points, with an opacity rising with the log of their number,
so density stays visible.
"""

import numpy as np

#: Points per ``np.bincount`` call: it holds the GIL, and chunks keep a worker from stalling the GUI.
_BINCOUNT_CHUNK = 1 << 17


class PixelBins:
    """Which pixel of a ``width`` × ``height`` grid over ``rect`` each point falls in.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    rect : tuple (x0, y0, w, h)
        Data region covered by the grid; row 0 is its bottom (smallest y).
    width, height : int
    """

    def __init__(self, X, rect, width, height):
        x0, y0, w, h = rect
        col = ((X[:, 0] - x0) * (width / w)).astype(np.intp)
        row = ((X[:, 1] - y0) * (height / h)).astype(np.intp)
        inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
        self.inside = None if inside.all() else inside
        flat = row * width + col
        self.flat = flat if self.inside is None else flat[inside]
        self.shape = (height, width)
        self.count = np.bincount(self.flat, minlength=width * height).astype(np.float32)

    def image(self, rgba):
        """Premultiplied RGBA image (height, width, 4) uint8 of the points coloured ``rgba``.

        A pixel shows the mean colour of its points; its opacity rises from 0.45 for one point
        to 1 at the densest pixel, on a log scale, so density stays visible.
        """
        colors = rgba if self.inside is None else rgba[self.inside]
        size = self.count.size
        occupied = self.count > 0
        peak = self.count.max() if occupied.any() else 1.0
        alpha = np.where(occupied, 0.45 + 0.55 * np.log1p(self.count) / np.log1p(peak), 0.0)
        scale = (alpha / np.maximum(self.count, 1.0)).astype(np.float32)
        image = np.empty(self.shape + (4,), dtype=np.uint8)
        for channel in range(3):
            sums = np.zeros(size)
            # np.bincount holds the GIL; chunks keep a worker thread from stalling the GUI.
            for start in range(0, len(self.flat), _BINCOUNT_CHUNK):
                stop = start + _BINCOUNT_CHUNK
                sums += np.bincount(self.flat[start:stop], weights=colors[start:stop, channel],
                                    minlength=size)
            image[..., channel] = (sums * scale).reshape(self.shape)
        image[..., 3] = (alpha * 255.0).reshape(self.shape)
        return image


class Rasterizer:
    """Raster images of a fixed point set; the pixel of every point is cached per geometry.

    numpy only, so a worker thread can use its own instance. A geometry is
    ``(x0, y0, w, h, width, height)``: the data rectangle and the image size in pixels.
    """

    def __init__(self, X):
        self._X = X
        self._bins = (None, None)

    def image(self, rgba, geometry):
        """Premultiplied RGBA image (height, width, 4) uint8 of the points coloured ``rgba``."""
        if self._bins[0] != geometry:
            self._bins = (geometry, PixelBins(self._X, geometry[:4], *geometry[4:]))
        return self._bins[1].image(rgba)
