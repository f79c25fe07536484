"""The EM run as an animated GIF, for File ▸ Export and ``gmmviz fit --gif``.

Decisions:

- A GIF uses ONE palette for all frames, built from pixels of every frame: the most
  frequent colours (background, text, pure component colours) exactly, median cut for
  the rest. Every pixel gets its nearest palette colour, with no dithering, so colours
  do not flicker or crawl between frames. It loops forever. Pillow merges a frame that
  is pixel-identical to the one before it into that frame (adding up their durations),
  so a caption that changes every frame keeps one frame per iteration.
- The EM run is drawn one frame per iteration, 0 (the initial parameters) to the last,
  with the points coloured by that iteration's responsibilities; half-steps are not
  frames. The caption is a band above the plot (it never covers data) with the
  iteration and the log-likelihood of the mixture drawn in that frame.
- The file is encoded in memory and written at the end, atomically (gmmviz.io.atomic), so a
  cancelled or failed export, or a full disk, never leaves a partial file and keeps the old one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence, Sized

import numpy as np
from PIL import Image
from PySide6 import QtCore, QtGui

from gmmviz.core.errors import GmmvizError
from gmmviz.gui.export.image import render_image
from gmmviz.io.atomic import write_bytes_atomic

#: GIF frame delays are whole centiseconds and viewers clamp very short ones.
MAX_FPS = 50
#: About how many pixels, taken evenly from all frames, the shared GIF palette is built from.
PALETTE_PIXELS = 2_000_000
#: How many of the most frequent colours the GIF palette keeps exactly.
EXACT_COLOURS = 64

Progress = Callable[[int, "int | None"], "bool | None"]


def write_gif(frames, path, fps: float = 4, progress: Progress | None = None) -> bool:
    """Write an animated GIF that loops forever, with one palette shared by all frames.

    Parameters
    ----------
    frames : sequence or iterable of QImage or ndarray of shape (height, width, 3 or 4), uint8
        All the same size; rendered (for a lazy sequence such as :class:`EMRunFrames`)
        one at a time. Each frame is kept PNG-compressed in memory until the palette,
        built from pixels of every frame, is known.
    path : str or os.PathLike
    fps : float
        Frames per second, 0 < fps <= 50; each frame lasts ``1000 / fps`` ms rounded to
        GIF's centiseconds.
    progress : callable(done, total) -> bool or None, optional
        Called after each frame; returning False cancels. ``total`` is None for an
        iterable without a length.

    Returns
    -------
    bool
        True when written; False when cancelled (no file is written then).

    Notes
    -----
    Pillow encodes the GIF into memory, which is then written atomically: a GIF is
    small next to the compressed frames already held, and a temporary file would add
    a second write of the same bytes.
    """
    if not (math.isfinite(fps) and 0 < fps <= MAX_FPS):
        raise GmmvizError(f"frame rate {fps} is out of range; choose between 0 and {MAX_FPS} frames per second")
    total = len(frames) if isinstance(frames, Sized) else None
    compressed, samples, size, step = [], [], None, 1
    for done, frame in enumerate(frames, start=1):
        rgb = to_pil_rgb(frame)
        if size is None:
            size = rgb.size
            # sample every step-th pixel in each direction so the palette sees every frame
            # but at most about PALETTE_PIXELS pixels in all
            step = max(1, math.ceil(math.sqrt(size[0] * size[1] * (total or 1) / PALETTE_PIXELS)))
        elif rgb.size != size:
            raise GmmvizError(
                f"frame {done} is {rgb.size[0]} x {rgb.size[1]}, not {size[0]} x {size[1]} like the first; "
                "render all frames at one size"
            )
        samples.append(np.asarray(rgb)[::step, ::step].reshape(-1, 3))
        buffer = io.BytesIO()
        rgb.save(buffer, format="PNG", compress_level=1)
        compressed.append(buffer.getvalue())
        if progress is not None and progress(done, total) is False:
            return False
    if not compressed:
        raise GmmvizError("there are no frames to write; run at least the initialisation first")
    palette = _shared_palette(np.concatenate(samples))
    indexed = [_indexed(Image.open(io.BytesIO(data)).convert("RGB"), palette) for data in compressed]
    buffer = io.BytesIO()
    indexed[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=indexed[1:],
        duration=round(1000 / fps),
        loop=0,
        # giving the palette makes Pillow write it once, as the global colour table
        palette=palette.ravel().tolist(),
        optimize=False,
        disposal=1,
    )
    write_bytes_atomic(path, buffer.getbuffer())
    return True


def _shared_palette(pixels: np.ndarray) -> np.ndarray:
    """The 256 colours, shape (256, 3) uint8, that all frames are drawn with.

    The most frequent colours (background, grid, text, pure component colours) are
    kept exactly; median cut shares the other entries among the remaining colours
    (blends and antialiased edges). Median cut alone would average the background
    with its antialiased neighbours and turn white grey.
    """
    codes = _pack(pixels)
    colours, counts = np.unique(codes, return_counts=True)
    if len(colours) <= 256:
        exact, rest = colours, np.empty(0, dtype=np.uint32)
    else:
        exact = colours[np.argsort(counts)[::-1][:EXACT_COLOURS]]
        rest = codes[~np.isin(codes, exact)]
    table = [_unpack(exact)]
    if len(rest):
        width = 1024
        rows = -(-len(rest) // width)
        padded = np.resize(_unpack(rest), (rows * width, 3))  # np.resize repeats pixels to fill the last row
        image = Image.fromarray(np.ascontiguousarray(padded.reshape(rows, width, 3)), "RGB")
        cut = image.quantize(colors=256 - len(exact), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        table.append(np.asarray(cut.getpalette()[: 3 * (256 - len(exact))], dtype=np.uint8).reshape(-1, 3))
    palette = np.concatenate(table)
    return np.concatenate([palette, np.resize(palette[:1], (256 - len(palette), 3))])


def _indexed(rgb: Image.Image, palette: np.ndarray) -> Image.Image:
    """``rgb`` as a "P" image: every pixel gets the nearest palette colour, no dithering.

    Pillow's own palette mapping looks colours up at reduced precision, which would
    turn a white background into a near-white palette entry; here each distinct
    colour of the frame is matched exactly.
    """
    pixels = np.asarray(rgb)
    colours, inverse = np.unique(_pack(pixels.reshape(-1, 3)), return_inverse=True)
    # |c - p|^2 = |c|^2 - 2 c.p + |p|^2, and |c|^2 does not change which p is nearest
    table = palette.astype(np.float32)
    scores = (table**2).sum(axis=1) - 2.0 * (_unpack(colours).astype(np.float32) @ table.T)
    indices = scores.argmin(axis=1).astype(np.uint8)[inverse].reshape(pixels.shape[:2])
    image = Image.fromarray(indices, "P")
    image.putpalette(palette.ravel().tolist())
    return image


def _pack(pixels: np.ndarray) -> np.ndarray:
    return (pixels[:, 0].astype(np.uint32) << 16) | (pixels[:, 1].astype(np.uint32) << 8) | pixels[:, 2]


def _unpack(codes: np.ndarray) -> np.ndarray:
    return np.stack([(codes >> 16) & 255, (codes >> 8) & 255, codes & 255], axis=1).astype(np.uint8)


def to_pil_rgb(frame) -> Image.Image:
    """A QImage or an (h, w, 3|4) uint8 array as a PIL RGB image (alpha is dropped)."""
    if isinstance(frame, QtGui.QImage):
        image = frame.convertToFormat(QtGui.QImage.Format.Format_RGB888)
        height, width, stride = image.height(), image.width(), image.bytesPerLine()
        rows = np.frombuffer(image.constBits(), dtype=np.uint8, count=height * stride)
        pixels = rows.reshape(height, stride)[:, : 3 * width].reshape(height, width, 3)
        return Image.fromarray(pixels.copy(), "RGB")
    pixels = np.asarray(frame)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise GmmvizError(
            f"a frame of shape {pixels.shape} and type {pixels.dtype} is not an image; "
            "give QImages or (height, width, 3 or 4) uint8 arrays"
        )
    return Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]), "RGB")


# -- frames of an EM run -----------------------------------------------------------------------


def iteration_mixtures(history) -> list:
    """One ``(iteration, mixture)`` per iteration of ``history`` (EMStates), in order.

    After an E-step the mixture is the one of the M-step before it, so every state of
    an iteration carries the same parameters; the last one of each iteration is used.
    """
    by_iteration: dict[int, object] = {}
    for state in history:
        by_iteration[int(state.iteration)] = state.mixture
    return sorted(by_iteration.items(), key=lambda item: item[0])


class EMRunFrames(Sequence):
    """The frames of an EM run drawn on a plot, rendered when indexed (for :func:`write_gif`).

    Parameters
    ----------
    plot : MixturePlot
        Usually a hidden plot made for the export; its state is changed by rendering.
    X : ndarray of shape (n_samples, 2)
        The points, already set on ``plot``.
    mixtures : list of (iteration, Mixture)
        As from :func:`iteration_mixtures`.
    width, height : int
        Logical size of each frame, the caption band included.
    scale : float
        Device pixel ratio (see :func:`render_image`).
    caption : bool
        Draw the band with the iteration and the log-likelihood above the plot.
    """

    def __init__(self, plot, X, mixtures, width, height, scale=1.0, caption=True):
        self._plot = plot
        self._X = np.asarray(X, dtype=np.float64)
        self._mixtures = list(mixtures)
        self._width, self._height = int(width), int(height)
        self._scale = float(scale)
        self._caption = bool(caption)

    def __len__(self) -> int:
        return len(self._mixtures)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        iteration, mixture = self._mixtures[index]
        resp = mixture.predict_proba(self._X)
        self._plot.show_state(mixture, resp)
        if not self._caption:
            return render_image(self._plot, self._width, self._height, self._scale)
        text = f"iteration {iteration}    log-likelihood {mixture.log_likelihood(self._X):.4f}"
        return _with_caption_band(self._plot, text, self._width, self._height, self._scale)


def export_run_gif(plot, X, history, path, width, height, fps=4, scale=1.0, caption=True,
                   progress: Progress | None = None) -> bool:
    """Write the EM run in ``history`` (EMStates) as a GIF, one frame per iteration.

    ``plot`` shows the points ``X`` and is left showing the last iteration; use a
    hidden plot made for the export (:func:`gmmviz.gui.export.headless.export_plot`) to leave
    the window's plot alone. Returns False when ``progress`` cancelled.
    """
    frames = EMRunFrames(plot, X, iteration_mixtures(history), width, height, scale, caption)
    return write_gif(frames, path, fps=fps, progress=progress)


def _with_caption_band(plot, text, width, height, scale) -> QtGui.QImage:
    font = QtGui.QFont(plot.font())
    font.setPixelSize(max(10, round(height / 36)))
    band = round(QtGui.QFontMetrics(font).height() * 1.6)
    if height - band < 50:
        raise GmmvizError(f"a frame height of {height} leaves no room for the plot; choose a larger size")
    plot_image = render_image(plot, width, height - band, scale)
    background = plot.backgroundBrush().color()
    if plot.backgroundBrush().style() == QtCore.Qt.BrushStyle.NoBrush:
        background = plot.palette().color(QtGui.QPalette.ColorRole.Base)
    # text in whichever of black and white stands out more from the plot background
    foreground = QtGui.QColor("black") if background.lightnessF() > 0.5 else QtGui.QColor("white")
    image = QtGui.QImage(
        round(width * scale), round(height * scale), QtGui.QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(scale)
    image.fill(background)
    painter = QtGui.QPainter(image)
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        painter.drawImage(QtCore.QPointF(0, band), plot_image)
        painter.setFont(font)
        painter.setPen(foreground)
        margin = font.pixelSize() * 0.6
        painter.drawText(
            QtCore.QRectF(margin, 0, width - 2 * margin, band),
            int(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter),
            text,
        )
    finally:
        painter.end()
    return image
