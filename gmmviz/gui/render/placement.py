"""Where a box over the plot (the legend) hides least: the corner of the view covering fewest samples.

Decisions:

- What the box would hide is counted as samples of what is drawn: the points (at most
  ``MAX_POINT_SAMPLES`` of them, evenly strided, so a million points cost no more than twenty
  thousand) and the vertices of the ellipse outlines, which stand for the fit. Choosing a corner
  then costs about 1.4 ms with a million points and 20 components, so it is redone on every
  change of the view.
- The box stays in its corner unless another corner hides at most half as many samples, so it
  does not jump between corners while EM moves the ellipses a little.
- Ties go to the first corner of ``CORNERS``: top right, where legends usually are.
"""

import numpy as np

#: Corners in order of preference, as (horizontal, vertical) with 1 = right / top.
CORNERS = ("top-right", "top-left", "bottom-right", "bottom-left")

#: Points counted at most (an even stride through them).
MAX_POINT_SAMPLES = 20_000

_SIDES = {"top-right": (1, 1), "top-left": (0, 1), "bottom-right": (1, 0), "bottom-left": (0, 0)}


def drawn_samples(points, outlines=None):
    """The samples a box may hide: strided points and the ellipse vertices.

    Parameters
    ----------
    points : ndarray of shape (n_samples, 2)
    outlines : ndarray of shape (n_components, n_sigmas, n_vertices, 2) or None

    Returns
    -------
    samples : ndarray of shape (n_drawn, 2)
    """
    stride = max(1, -(-len(points) // MAX_POINT_SAMPLES))
    parts = [np.asarray(points, dtype=float)[::stride].reshape(-1, 2)]
    if outlines is not None:
        parts.append(np.asarray(outlines, dtype=float).reshape(-1, 2))
    return np.concatenate(parts)


def covered_counts(samples, view, box, margin):
    """Number of samples a box in each corner of the view would cover.

    Parameters
    ----------
    samples : ndarray of shape (n_drawn, 2)
        Data coordinates.
    view : tuple (x0, y0, width, height)
        Visible data rectangle; y0 is its bottom.
    box : tuple (width, height)
        Size of the box as fractions of the view's width and height.
    margin : tuple (x, y)
        Gap between the box and the view's edges, as fractions of its width and height.

    Returns
    -------
    counts : ndarray of shape (len(CORNERS),), int
    """
    x0, y0, width, height = view
    u = (samples[:, 0] - x0) / width            # 0 at the left edge, 1 at the right
    v = (samples[:, 1] - y0) / height           # 0 at the bottom, 1 at the top
    counts = []
    for corner in CORNERS:
        right, top = _SIDES[corner]
        u_lo = 1.0 - margin[0] - box[0] if right else margin[0]
        v_lo = 1.0 - margin[1] - box[1] if top else margin[1]
        inside = (u >= u_lo) & (u <= u_lo + box[0]) & (v >= v_lo) & (v <= v_lo + box[1])
        counts.append(np.count_nonzero(inside))
    return np.array(counts)


def least_covered_corner(counts, current=None):
    """The corner to put the box in, given ``covered_counts``; ``current`` is where it is now.

    Returns
    -------
    corner : str
        One of ``CORNERS``.
    """
    best = CORNERS[int(np.argmin(counts))]
    if current is None:
        return best
    fewest, now = counts[CORNERS.index(best)], counts[CORNERS.index(current)]
    return best if fewest < now and 2 * fewest <= now else current


def corner_anchor(corner, offset, top_inset=0.0):
    """Arguments of pyqtgraph's ``GraphicsWidgetAnchor.anchor`` for a corner, ``offset`` pixels in.

    ``top_inset`` pixels at the top of the view are covered by something else (a notice), so a
    top corner is that much lower.

    Returns
    -------
    item_pos, parent_pos, offset : tuples of 2 floats
    """
    right, top = _SIDES[corner]
    anchor = (float(right), float(1 - top))     # pyqtgraph's item coordinates run downwards
    return anchor, anchor, (-offset if right else offset, offset + top_inset if top else -offset)
