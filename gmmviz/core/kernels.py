"""Compiled kernels: the only place where the Gaussian log density is evaluated.

Two fused passes over the data serve every covariance type, because each component is given
to them as a full 2×2 precision Cholesky factor (packed ``[u00, u01, u11]``, upper triangular,
``U Uᵀ = Σ⁻¹`` as in scikit-learn):

* :func:`e_step` — per sample, the weighted log density of every component, their
  log-sum-exp, the responsibilities written in place, and the sums the M-step needs
  (total log-likelihood, ``nk = Σ_i r_ik`` and ``Σ_i r_ik x_i``).
* :func:`moments` — the first moments and scatter about given centres ``c_k`` (the M-step's
  rough means): ``f_k = Σ_i r_ik (x_i − c_k)`` and ``S_k = Σ_i r_ik (x_i − c_k)(x_i − c_k)ᵀ``.

A third pass, :func:`nearest_centres`, is a step of Lloyd's k-means (:mod:`gmmviz.core.kmeans`): each
point's nearest centre and the per-cluster sums of weights and points. It ranks the centres by distances
that BLAS forms for a chunk at a time, as scikit-learn's k-means does, so that exact ties break alike.

Weighted points (``sample_weight``, a frequency ``w_i`` per point) enter every pass as one more
factor of every term of the sums, read with the point: no second pass and no (n_samples, K)
temporary. Without weights the factor is exactly 1, so the sums are bit for bit the unweighted
ones. A uniform noise component (mclust's, with weighted density ``π₀ / V``) is one more
constant term of the log-sum-exp, with its own soft count and, when ``resp`` has a column for
it, its responsibility.

Both form the differences ``x − c`` before any product: far from the origin (map coordinates,
timestamps) ``x − c`` is exact where ``x²`` would round the spread away. The plain sum
``Σ_i r_ik x_i`` of the E-step loses digits of the offset; it only serves as the centre of
:func:`moments`, whose first moment corrects it (:func:`gmmviz.core.covariance.moments_about_means`).

The E- and M-step passes allocate nothing of size n_samples. The kernels are compiled with numba
(cached, so a fresh process loads machine code from disk, in a fallback folder or not at all when
numba's own cache folders cannot be written: :mod:`gmmviz.core.numba_cache`; ``nogil=True`` so a worker
thread leaves the GUI responsive, ``fastmath=False`` to keep scikit-learn's round-off). The
E-step works on blocks of samples with its own vectorisable ``exp`` (accurate to about 1 ulp,
see the comment at ``BLOCK``); it agrees with scikit-learn to ~1e-13 and runs about twice as
fast as calling libm's scalar ``exp``.

Large inputs are cut into fixed chunks of ``CHUNK`` rows shared among one thread per core
(the kernels release the GIL); partial sums are combined in chunk order. The chunking depends
only on n_samples, so results are identical whatever the number of cores. Python threads are
used rather than numba's ``parallel=True`` because numba's default threading layer is not safe
when two threads (the GUI and an EM worker) launch kernels at the same time.

This module imports numba; the rest of :mod:`gmmviz.core` imports it lazily, inside
functions, so ``import gmmviz`` stays fast. Call :func:`warm_up` (for example on a background
thread at start-up) to compile or load the kernels before the first real step.
"""

import math
import os
import threading

import numpy as np
from gmmviz.core.numba_cache import cached_njit

CHUNK = 1 << 16

_LOG_2PI = math.log(2.0 * math.pi)



# Lanes: each kernel works on blocks of BLOCK samples and keeps per-lane partial sums, so LLVM
# can vectorise every inner loop without reordering floating-point additions (fastmath stays off).
BLOCK = 256

# exp(x) for x <= 0, vectorisable (libm's exp is a scalar call and was half of the E-step time):
# Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, a degree-13 Taylor polynomial for exp(r)
# (truncation error < 3e-17) and 2**n assembled from its bits; relative error about 1 ulp.
# Below EXP_MIN (where exp(x) < 1e-307, negligible next to the largest term, which is 1) the
# result is 0.
_LOG2E = 1.4426950408889634
_LN2_HI = 0.693147180369123816490
_LN2_LO = 1.90821492927058770002e-10
_ROUNDER = 6755399441055744.0  # 1.5 * 2**52: adding it rounds to an integer held in the low mantissa bits
_ROUNDER_BITS = 0x4338000000000000
_EXP_MIN = -708.0


@cached_njit(nogil=True, fastmath=False, error_model="numpy")
def _e_step_chunk(X, start, stop, means, prec_chol, log_const, has_noise, noise_const, sample_weight, resp,
                  log_density, nk, sum_x):
    n_components = means.shape[0]
    # The noise component is one more term, constant in x, in row n_components.
    n_terms = n_components + 1 if has_noise else n_components
    weighted = sample_weight.shape[0] > 0
    write_resp = resp.shape[0] > 0
    write_noise_resp = write_resp and resp.shape[1] > n_components
    write_density = log_density.shape[0] > 0
    term = np.empty((n_terms, BLOCK))
    rounded = np.empty((n_terms, BLOCK))
    rounded_bits = rounded.view(np.int64)
    largest = np.empty(BLOCK)
    norm = np.empty(BLOCK)
    # Unweighted points weigh exactly 1, so the products below leave their sums bit for bit unchanged.
    point_weight = np.ones(BLOCK)
    lane_nk = np.zeros((n_terms, BLOCK))
    lane_x0 = np.zeros((n_components, BLOCK))
    lane_x1 = np.zeros((n_components, BLOCK))
    total = 0.0
    for block in range(start, stop, BLOCK):
        m = min(BLOCK, stop - block)
        x0 = X[block:block + m, 0]
        x1 = X[block:block + m, 1]
        if weighted:
            point_weight[:m] = sample_weight[block:block + m]
        # Weighted log density of every component: log w_k + log det U_k - log 2π - |(x - μ_k) U_k|² / 2.
        largest[:m] = -np.inf
        for k in range(n_components):
            m0, m1 = means[k, 0], means[k, 1]
            u00, u01, u11 = prec_chol[k, 0], prec_chol[k, 1], prec_chol[k, 2]
            c = log_const[k]
            for i in range(m):
                d0 = x0[i] - m0
                d1 = x1[i] - m1
                y0 = d0 * u00
                y1 = d0 * u01 + d1 * u11
                v = c - 0.5 * (y0 * y0 + y1 * y1)
                term[k, i] = v
                largest[i] = v if v > largest[i] else largest[i]
        if has_noise:
            for i in range(m):
                term[n_components, i] = noise_const
                largest[i] = noise_const if noise_const > largest[i] else largest[i]
        # Log-sum-exp: exp(v - largest) with the vectorisable exp described above.
        for k in range(n_terms):
            for i in range(m):
                x = term[k, i] - largest[i]
                keep = x > _EXP_MIN
                x = x if keep else _EXP_MIN
                t = x * _LOG2E + _ROUNDER
                n = t - _ROUNDER
                r = (x - n * _LN2_HI) - n * _LN2_LO
                p = 1.0 / 6227020800.0
                p = p * r + 1.0 / 479001600.0
                p = p * r + 1.0 / 39916800.0
                p = p * r + 1.0 / 3628800.0
                p = p * r + 1.0 / 362880.0
                p = p * r + 1.0 / 40320.0
                p = p * r + 1.0 / 5040.0
                p = p * r + 1.0 / 720.0
                p = p * r + 1.0 / 120.0
                p = p * r + 1.0 / 24.0
                p = p * r + 1.0 / 6.0
                p = p * r + 0.5
                p = p * r + 1.0
                p = p * r + 1.0
                term[k, i] = p if keep else 0.0
                rounded[k, i] = t
        for k in range(n_terms):
            for i in range(m):
                rounded_bits[k, i] = (rounded_bits[k, i] - _ROUNDER_BITS + 1023) << 52
        norm[:m] = 0.0
        for k in range(n_terms):
            for i in range(m):
                term[k, i] *= rounded[k, i]
                norm[i] += term[k, i]
        for i in range(m):
            log_p = largest[i] + math.log(norm[i])
            total += log_p * point_weight[i]
            if write_density:
                log_density[block + i] = log_p
            norm[i] = 1.0 / norm[i]
        # Responsibilities and the first-order sums of the M-step.
        for k in range(n_components):
            for i in range(m):
                r = term[k, i] * norm[i]
                if write_resp:
                    resp[block + i, k] = r
                r_weighted = r * point_weight[i]
                lane_nk[k, i] += r_weighted
                lane_x0[k, i] += r_weighted * x0[i]
                lane_x1[k, i] += r_weighted * x1[i]
        if has_noise:
            for i in range(m):
                r = term[n_components, i] * norm[i]
                if write_noise_resp:
                    resp[block + i, n_components] = r
                lane_nk[n_components, i] += r * point_weight[i]
    for k in range(n_terms):
        for i in range(BLOCK):
            nk[k] += lane_nk[k, i]
    for k in range(n_components):
        for i in range(BLOCK):
            sum_x[k, 0] += lane_x0[k, i]
            sum_x[k, 1] += lane_x1[k, i]
    return total


@cached_njit(nogil=True, fastmath=False)
def _moments_chunk(X, start, stop, resp, centres, sample_weight, first, scatter):
    # Memory-bound (one read of resp): blocking and lanes measured no faster here.
    n_components = centres.shape[0]
    weighted = sample_weight.shape[0] > 0
    for i in range(start, stop):
        x0 = X[i, 0]
        x1 = X[i, 1]
        w = sample_weight[i] if weighted else 1.0
        for k in range(n_components):
            r = resp[i, k] * w
            d0 = x0 - centres[k, 0]
            d1 = x1 - centres[k, 1]
            rd0 = r * d0
            rd1 = r * d1
            first[k, 0] += rd0
            first[k, 1] += rd1
            scatter[k, 0] += rd0 * d0
            scatter[k, 1] += rd0 * d1
            scatter[k, 2] += rd1 * d1


@cached_njit(nogil=True, fastmath=False)
def _nearest_chunk(X, start, distances, sample_weight, labels, in_cluster, sums):
    # distances[i - start, k] ranks centre k for point i; the first of equal ones is taken
    n_clusters = distances.shape[1]
    weighted = sample_weight.shape[0] > 0
    for row in range(distances.shape[0]):
        best = 0
        for k in range(1, n_clusters):
            if distances[row, k] < distances[row, best]:
                best = k
        i = start + row
        labels[i] = best
        w = sample_weight[i] if weighted else 1.0
        in_cluster[best] += w
        sums[best, 0] += X[i, 0] * w
        sums[best, 1] += X[i, 1] * w


def _chunks(n_samples):
    return [(start, min(start + CHUNK, n_samples)) for start in range(0, n_samples, CHUNK)] or [(0, 0)]


def _map_chunks(task, n_samples):
    """``[task(start, stop) for each chunk]``, with the chunks shared among one thread per core.

    Chunk j goes to worker j mod n_workers and the calling thread is worker 0. Short-lived
    threads rather than a pool: nothing lingers at exit, and nothing is imported or registered
    when a warm-up runs on a daemon thread during interpreter shutdown.
    """
    chunks = _chunks(n_samples)
    n_workers = min(len(chunks), os.cpu_count() or 1)
    if n_workers == 1:
        return [task(*bounds) for bounds in chunks]
    results = [None] * len(chunks)
    errors = []

    def work(first):
        try:
            for j in range(first, len(chunks), n_workers):
                results[j] = task(*chunks[j])
        except BaseException as error:  # re-raised in the calling thread below
            errors.append(error)

    helpers = [threading.Thread(target=work, args=(w,), name="gmmviz-kernel", daemon=True)
               for w in range(1, n_workers)]
    for helper in helpers:
        helper.start()
    work(0)
    for helper in helpers:
        helper.join()
    if errors:
        raise errors[0]
    return results


def _inputs(*arrays):
    """Read-only C-contiguous float64 views, so every call matches the one compiled signature."""
    views = []
    for array in arrays:
        view = np.ascontiguousarray(array, dtype=np.float64).view()
        view.setflags(write=False)
        views.append(view)
    return views


def log_constants(weights, prec_chol):
    """Per-component constant ``log w_k + log det U_k − log 2π`` (n_components,)."""
    with np.errstate(divide="ignore"):
        log_weights = np.log(weights)
    return log_weights + np.log(prec_chol[:, 0]) + np.log(prec_chol[:, 2]) - _LOG_2PI


def e_step(X, weights, means, prec_chol, resp=None, log_density=None, sample_weight=None, noise_log_density=None):
    """Fused E-step pass.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2), C-contiguous float64
    weights : ndarray of shape (n_components,)
        The Gaussian components' shares of the whole mixture (summing to 1 minus the noise weight).
    means : ndarray of shape (n_components, 2)
    prec_chol : ndarray of shape (n_components, 3)
        Packed upper Cholesky factors of the precisions.
    resp : ndarray of shape (n_samples, n_components) or (n_samples, n_components + 1), optional
        Filled in place with the responsibilities ``P(k | x_i)``; with a column more and a noise
        component, the last column is ``P(noise | x_i)``.
    log_density : ndarray of shape (n_samples,), optional
        Filled in place with ``log p(x_i)``.
    sample_weight : ndarray of shape (n_samples,), optional
        Weight ``w_i`` of every point in the three sums (1 when not given).
    noise_log_density : float, optional
        ``log(π₀ / V)``, the weighted log density of a uniform noise component (−inf when π₀ = 0;
        no noise component when not given).

    Returns
    -------
    total_log_likelihood : float
        ``Σ_i w_i log p(x_i)``.
    nk : ndarray of shape (n_components,), or (n_components + 1,) with noise
        ``Σ_i w_i r_ik`` (without scikit-learn's 10·eps, which the M-step adds); the noise
        component's last.
    sum_x : ndarray of shape (n_components, 2)
        ``Σ_i w_i r_ik x_i``.
    """
    n_components = means.shape[0]
    log_const = log_constants(weights, prec_chol)
    has_noise = noise_log_density is not None
    noise_const = float(noise_log_density) if has_noise else -np.inf
    n_terms = n_components + has_noise
    if sample_weight is None:
        sample_weight = np.empty(0)
    X, means, prec_chol, log_const, sample_weight = _inputs(X, means, prec_chol, log_const, sample_weight)
    resp_out = resp if resp is not None else np.empty((0, n_components))
    density_out = log_density if log_density is not None else np.empty(0)

    def task(start, stop):
        nk = np.zeros(n_terms)
        sum_x = np.zeros((n_components, 2))
        total = _e_step_chunk(X, start, stop, means, prec_chol, log_const, has_noise, noise_const, sample_weight,
                              resp_out, density_out, nk, sum_x)
        return total, nk, sum_x

    parts = _map_chunks(task, X.shape[0])
    total = 0.0
    nk = np.zeros(n_terms)
    sum_x = np.zeros((n_components, 2))
    for part_total, part_nk, part_sum_x in parts:
        total += part_total
        nk += part_nk
        sum_x += part_sum_x
    return total, nk, sum_x


def moments(X, resp, centres, sample_weight=None):
    """First moments and scatter matrices of the responsibilities about ``centres``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    resp : ndarray of shape (n_samples, n_components) or (n_samples, n_components + 1)
        A last column (the noise component's) is not read.
    centres : ndarray of shape (n_components, 2)
    sample_weight : ndarray of shape (n_samples,), optional
        Weight ``w_i`` of every point (1 when not given).

    Returns
    -------
    first : ndarray of shape (n_components, 2)
        ``f_k = Σ_i w_i r_ik (x_i − c_k)``.
    scatter : ndarray of shape (n_components, 2, 2)
        ``S_k = Σ_i w_i r_ik (x_i − c_k)(x_i − c_k)ᵀ``.
    """
    n_components = centres.shape[0]
    if sample_weight is None:
        sample_weight = np.empty(0)
    X, resp, centres, sample_weight = _inputs(X, resp, centres, sample_weight)

    def task(start, stop):
        first = np.zeros((n_components, 2))
        packed = np.zeros((n_components, 3))
        _moments_chunk(X, start, stop, resp, centres, sample_weight, first, packed)
        return first, packed

    first = np.zeros((n_components, 2))
    packed = np.zeros((n_components, 3))
    for part_first, part_packed in _map_chunks(task, X.shape[0]):
        first += part_first
        packed += part_packed
    matrices = np.empty((n_components, 2, 2))
    matrices[:, 0, 0] = packed[:, 0]
    matrices[:, 0, 1] = matrices[:, 1, 0] = packed[:, 1]
    matrices[:, 1, 1] = packed[:, 2]
    return first, matrices


def nearest_centres(X, centres, sample_weight=None):
    """Each point's nearest centre, and the weight and weighted sum of the points nearest each centre.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    centres : ndarray of shape (n_clusters, 2)
    sample_weight : ndarray of shape (n_samples,), optional
        Weight ``w_i`` of every point (1 when not given).

    Returns
    -------
    labels : ndarray of shape (n_samples,)
        Index of the nearest centre, the first of equally near ones.
    in_cluster : ndarray of shape (n_clusters,)
        ``Σ w_i`` over the points of each cluster.
    sums : ndarray of shape (n_clusters, 2)
        ``Σ w_i x_i`` over the points of each cluster.
    """
    n_clusters = centres.shape[0]
    if sample_weight is None:
        sample_weight = np.empty(0)
    X, centres, sample_weight = _inputs(X, centres, sample_weight)
    centre_norms = np.einsum("ij,ij->i", centres, centres)
    labels = np.empty(X.shape[0], dtype=np.int64)

    def task(start, stop):
        # |c|² − 2 x·c (|x|² is the same for every centre) by BLAS, as scikit-learn forms it: BLAS rounds
        # x·c its own way (with a fused multiply-add), which decides exact ties such as integer data's midpoints.
        distances = -2.0 * (X[start:stop] @ centres.T)
        distances += centre_norms
        in_cluster = np.zeros(n_clusters)
        sums = np.zeros((n_clusters, 2))
        _nearest_chunk(X, start, distances, sample_weight, labels, in_cluster, sums)
        return in_cluster, sums

    in_cluster = np.zeros(n_clusters)
    sums = np.zeros((n_clusters, 2))
    for part_in_cluster, part_sums in _map_chunks(task, X.shape[0]):
        in_cluster += part_in_cluster
        sums += part_sums
    return labels, in_cluster, sums


def warm_up():
    """Compile the kernels (or load them from numba's on-disk cache) on tiny data."""
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    means = np.array([[0.0, 0.0], [1.0, 1.0]])
    prec_chol = np.array([[1.0, 0.0, 1.0], [1.0, 0.0, 1.0]])
    resp = np.empty((2, 2))
    e_step(X, np.array([0.5, 0.5]), means, prec_chol, resp=resp, log_density=np.empty(2))
    moments(X, resp, means)
    weights = np.array([1.0, 2.0])
    e_step(X, np.array([0.25, 0.25]), means, prec_chol, resp=np.empty((2, 3)), sample_weight=weights,
           noise_log_density=-1.0)
    moments(X, resp, means, sample_weight=weights)
    nearest_centres(X, means)
    nearest_centres(X, means, sample_weight=weights)
