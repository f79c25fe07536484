"""Milliseconds per EM iteration with weighted points against the same points unweighted, in the same run.

Run by hand: ``python benchmarks/bench_weighted.py``. For 1e5 and 1e6 points and K = 5 full
covariances (the data and start of ``bench_em.py``) it prints the median time of one ``EM.step()``
without weights, with random weights in [0, 3), and with a noise component as well, timed
alternately so all see the same machine load, and the ratios. The weights are one more factor in
the kernels' one pass, so the ratio should stay near 1.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_em import N_COMPONENTS, initial_mixture, interleaved_median_ms, make_data  # noqa: E402

from gmmviz.core import EM, kernels  # noqa: E402

SIZES = (100_000, 1_000_000)


def main():
    kernels.warm_up()
    print(f"{'n_samples':>10} {'plain ms':>9} {'weighted ms':>12} {'ratio':>6} {'+noise ms':>10} {'ratio':>6}")
    for n_samples in SIZES:
        X = make_data(n_samples)
        weights = np.random.default_rng(2).uniform(0.0, 3.0, n_samples)
        mixture = initial_mixture(X)
        engines = [EM(X, N_COMPONENTS, init=mixture, tol=0.0, max_iter=10**6, **options)
                   for options in ({}, {"sample_weight": weights}, {"sample_weight": weights, "noise": True})]
        for em in engines:
            em.step()
        repeats = 21 if n_samples < 1_000_000 else 9
        plain, weighted, noisy = interleaved_median_ms([em.step for em in engines], repeats)
        print(f"{n_samples:>10} {plain:>9.1f} {weighted:>12.1f} {weighted / plain:>5.2f}x {noisy:>10.1f} "
              f"{noisy / plain:>5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
