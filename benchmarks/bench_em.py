"""Milliseconds per EM iteration: gmmviz against scikit-learn, measured in the same run.

Run by hand: ``python benchmarks/bench_em.py``. For 1e4, 1e5 and 1e6 points and K = 5 full
covariances it prints the median time of one EM iteration for gmmviz (``EM.step()`` after the
kernels are warmed up) and for scikit-learn (``GaussianMixture(max_iter=1, warm_start=True)``
fitted once, then refitted: each refit is one E-step + M-step plus scikit-learn's closing
E-step, which is how a warm-started single iteration runs there), timed alternately so both see
the same machine load, their ratio, and the largest absolute parameter difference after one
iteration from identical initial parameters. It also times, in fresh processes, ``import gmmviz``
and the first EM step (which loads the compiled kernels from numba's on-disk cache).
"""

import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

# Run from a checkout without installing: the package sits next to this directory.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gmmviz.core import EM, Mixture, kernels  # noqa: E402

N_COMPONENTS = 5
SIZES = (10_000, 100_000, 1_000_000)


def make_data(n_samples, seed=0):
    """Five anisotropic blobs."""
    rng = np.random.default_rng(seed)
    centers = np.array([[0.0, 0.0], [6.0, 1.0], [-4.0, 5.0], [3.0, -6.0], [-5.0, -4.0]])
    labels = rng.integers(0, N_COMPONENTS, n_samples)
    transform = np.array([[1.0, 0.4], [-0.3, 0.8]])
    return centers[labels] + rng.standard_normal((n_samples, 2)) @ transform


def initial_mixture(X):
    rng = np.random.default_rng(1)
    means = X[rng.choice(X.shape[0], N_COMPONENTS, replace=False)]
    covariances = np.repeat(np.cov(X, rowvar=False)[np.newaxis] / N_COMPONENTS, N_COMPONENTS, axis=0)
    return Mixture(np.full(N_COMPONENTS, 1.0 / N_COMPONENTS), means, covariances, "full")


def interleaved_median_ms(functions, repeats):
    """Median milliseconds of each function, timed alternately so both see the same machine load."""
    times = [[] for _ in functions]
    for _ in range(repeats):
        for function, samples in zip(functions, times):
            start = time.perf_counter()
            function()
            samples.append(time.perf_counter() - start)
    return [1000.0 * statistics.median(samples) for samples in times]


def sklearn_model(mixture, max_iter):
    from sklearn.mixture import GaussianMixture

    return GaussianMixture(
        n_components=N_COMPONENTS, covariance_type="full", weights_init=mixture.weights, means_init=mixture.means,
        precisions_init=np.linalg.inv(mixture.full_covariances), max_iter=max_iter, tol=0.0, warm_start=True,
    )


FRESH_PROCESS = """
import time
start = time.perf_counter()
import gmmviz
imported = time.perf_counter()
import numpy as np
X = np.random.default_rng(0).normal(size=(10000, 2))
mixture = gmmviz.Mixture(np.full(5, 0.2), X[:5], np.repeat(np.eye(2)[None], 5, axis=0))
em = gmmviz.EM(X, 5, init=mixture)
before = time.perf_counter()
em.step()
print(1000 * (imported - start), 1000 * (time.perf_counter() - before))
"""


def fresh_process_ms(repeats=3):
    """Median (import gmmviz, first EM step) milliseconds over fresh interpreters."""
    runs = [
        [float(v) for v in subprocess.run([sys.executable, "-c", FRESH_PROCESS], check=True, capture_output=True,
                                          text=True, cwd=Path(__file__).resolve().parent.parent).stdout.split()]
        for _ in range(repeats)
    ]
    return [statistics.median(column) for column in zip(*runs)]


def main():
    from sklearn.exceptions import ConvergenceWarning

    warnings.simplefilter("ignore", ConvergenceWarning)
    start = time.perf_counter()
    kernels.warm_up()
    print(f"kernel warm-up (numba cache load or compile): {1000 * (time.perf_counter() - start):.0f} ms")
    import_ms, first_step_ms = fresh_process_ms()
    print(f"fresh process: import gmmviz {import_ms:.0f} ms, first EM step (1e4 points, K=5) {first_step_ms:.0f} ms")
    print(f"{'n_samples':>10} {'gmmviz ms':>10} {'sklearn ms':>11} {'ratio':>7} {'max |diff|':>11}")
    for n_samples in SIZES:
        X = make_data(n_samples)
        mixture = initial_mixture(X)
        repeats = 21 if n_samples < 1_000_000 else 9

        em = EM(X, N_COMPONENTS, init=mixture, tol=0.0, max_iter=10**6)
        em.step()
        gm = sklearn_model(mixture, max_iter=1).fit(X)
        gmmviz_ms, sklearn_ms = interleaved_median_ms([em.step, lambda: gm.fit(X)], repeats)

        one = EM(X, N_COMPONENTS, init=mixture).step().mixture
        reference = sklearn_model(mixture, max_iter=1).fit(X)
        diff = max(
            np.abs(one.weights - reference.weights_).max(),
            np.abs(one.means - reference.means_).max(),
            np.abs(one.covariances - reference.covariances_).max(),
        )
        print(f"{n_samples:>10} {gmmviz_ms:>10.1f} {sklearn_ms:>11.1f} {sklearn_ms / gmmviz_ms:>6.1f}x {diff:>11.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
