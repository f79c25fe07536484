"""Component colours: Okabe–Ito first, extended so that up to 20 components stay distinct.

The first eight colours are the Okabe–Ito palette (safe for the common colour-vision
deficiencies), reordered so that small K gets the most distinct hues and yellow, which is
hard to see on white, comes late. Colours 9–20 come from Paul Tol's "muted" and "dark"
qualitative schemes, which were designed to sit next to Okabe–Ito. Beyond 20 components the
list repeats; the window limits K to 20.
"""

import numpy as np

_HEX = (
    # Okabe–Ito
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
    # Paul Tol muted / dark
    "#332288", "#999933", "#882255", "#44AA99", "#DDCC77", "#CC6677", "#88CCEE", "#117733",
    "#AA4499", "#666666", "#994F00", "#6E88A8",
)

#: Colour of points that have no responsibilities yet (before the first E-step).
UNASSIGNED_RGBA = np.array([120, 120, 120, 255], dtype=np.uint8)

#: The red of warnings (a degenerate component) on a light and on a dark background, keyed by dark.
WARNING_COLORS = {False: "#B00000", True: "#FF6B6B"}

#: Colour of a mixture's uniform noise component (its points blend towards it as they become outliers).
NOISE_RGBA = np.array([150, 150, 150, 255], dtype=np.uint8)

MAX_COMPONENTS = len(_HEX)


def _hex_to_rgba(code):
    return [int(code[i:i + 2], 16) for i in (1, 3, 5)] + [255]


_TABLE = np.array([_hex_to_rgba(code) for code in _HEX], dtype=np.uint8)


def component_colors(n_components):
    """Return the RGBA colour of each component.

    Parameters
    ----------
    n_components : int

    Returns
    -------
    colors : ndarray of shape (n_components, 4), dtype uint8
    """
    return _TABLE[np.arange(n_components) % MAX_COMPONENTS].copy()


def mixture_colors(mixture):
    """The colours of ``mixture``'s responsibilities' columns: its components', then grey for noise.

    Returns
    -------
    colors : ndarray of shape (n_components, 4), or (n_components + 1, 4) with a noise component, uint8
    """
    colors = component_colors(mixture.n_components)
    return np.vstack([colors, NOISE_RGBA]) if mixture.has_noise else colors


def mix_colors(resp, colors):
    """Blend component colours by responsibility: each point gets ``resp @ colors``.

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)
        Rows sum to one.
    colors : ndarray of shape (n_components, 4), uint8

    Returns
    -------
    rgba : ndarray of shape (n_samples, 4), dtype uint8
        Column-major (each channel contiguous), which is what the raster renderer reads.
    """
    # (4, K) @ (K, n) is computed as one BLAS call; numpy's (n, K) @ (K, 4) with tiny inner
    # dimensions is dozens of times slower. Convex combinations of 0..255 need no clipping.
    mixed = colors.T.astype(np.float64) @ np.asarray(resp, dtype=np.float64).T
    mixed += 0.5
    return mixed.astype(np.uint8).T


def label_colors(labels, colors):
    """Colour each point by its hard label: ``colors[labels]``, shape (n_samples, 4)."""
    return colors[np.asarray(labels)]
