"""Shapes drawn for a mixture: covariance ellipses and density contours (numpy + contourpy).

Contour levels are highest-density-region levels: the level for mass ``p`` is the density
above which the mixture puts probability ``p``. They are estimated the usual way (Hyndman
1996) from the density of a fixed-seed sample of the mixture, so they do not depend on what
part of the plane is in view and they mean the same thing for every K and every data scale.
"""

import contourpy
import numpy as np

#: Probability mass enclosed by each drawn contour, outermost first.
CONTOUR_MASSES = (0.95, 0.75, 0.5, 0.25)

#: Mahalanobis radii of the drawn covariance ellipses.
ELLIPSE_SIGMAS = (1.0, 2.0, 3.0)

_N_LEVEL_SAMPLES = 4000


def ellipse_outlines(means, covariances, sigmas=ELLIPSE_SIGMAS, n_vertices=97):
    """Outlines of the ellipses ``(x - mean)' cov^-1 (x - mean) = sigma**2``.

    Parameters
    ----------
    means : ndarray of shape (n_components, 2)
    covariances : ndarray of shape (n_components, 2, 2)
    sigmas : sequence of float, length n_sigmas
    n_vertices : int
        Vertices per closed outline (first and last coincide).

    Returns
    -------
    outlines : ndarray of shape (n_components, n_sigmas, n_vertices, 2)
    """
    eigvals, eigvecs = np.linalg.eigh(covariances)
    radii = np.sqrt(np.clip(eigvals, 0.0, None))                      # (K, 2)
    angle = np.linspace(0.0, 2.0 * np.pi, n_vertices)
    circle = np.stack([np.cos(angle), np.sin(angle)], axis=-1)         # (V, 2)
    # axes[k] maps the unit circle onto the 1-sigma ellipse of component k.
    axes = eigvecs * radii[:, None, :]                                 # (K, 2, 2)
    unit = np.einsum("vj,kij->kvi", circle, axes)                      # (K, V, 2)
    scale = np.asarray(sigmas, dtype=float)[None, :, None, None]
    return means[:, None, None, :] + scale * unit[:, None, :, :]


def hdr_log_levels(mixture, masses=CONTOUR_MASSES):
    """Log-density levels enclosing the given probability masses, increasing.

    Parameters
    ----------
    mixture : Mixture
    masses : sequence of float in (0, 1)

    Returns
    -------
    levels : ndarray of shape (n_masses,)
        ``levels[i]`` bounds the region holding ``masses[i]`` of the probability.
    """
    sample, _ = mixture.sample(_N_LEVEL_SAMPLES, seed=0)
    log_density = mixture.score_samples(sample)
    return np.quantile(log_density, 1.0 - np.asarray(masses, dtype=float))


def contour_lines(mixture, rect, levels, shape=(200, 200)):
    """Contours of the mixture's log density over a rectangle of the plane.

    Parameters
    ----------
    mixture : Mixture
    rect : tuple (x0, y0, width, height)
        Region to contour, in data coordinates.
    levels : ndarray of shape (n_levels,)
        Log-density levels.
    shape : tuple (nx, ny)
        Grid points along x and y; choose them proportional to the rectangle's size on screen.

    Returns
    -------
    lines : list of ndarray of shape (n_vertices, 2) or None
        One array per level, separate pieces divided by NaN rows; None when the level does
        not cross the rectangle.
    """
    x0, y0, width, height = rect
    nx, ny = shape
    x = np.linspace(x0, x0 + width, nx)
    y = np.linspace(y0, y0 + height, ny)
    grid = np.stack(np.meshgrid(x, y), axis=-1).reshape(-1, 2)
    log_density = mixture.score_samples(grid).reshape(ny, nx)
    generator = contourpy.contour_generator(x, y, log_density, line_type="ChunkCombinedNan")
    return [generator.lines(level)[0][0] for level in levels]
