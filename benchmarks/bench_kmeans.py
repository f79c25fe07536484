"""gmmviz's k-means against scikit-learn's, in the same run: the import, and one clustering.

Run by hand: ``python benchmarks/bench_kmeans.py``. It prints

- the seconds a fresh interpreter takes to load what a first Initialise needs: numba's kernels (EM needs
  them anyway) and ``gmmviz.core.kmeans``, against the same kernels and ``sklearn.cluster`` (before
  gmmviz had its own k-means); median of 5 processes each, timed alternately;
- for 1e4, 1e5 and 1e6 points of ``bench_em.py``'s five blobs and K = 5, the median milliseconds of one
  ``KMeans(n_clusters=5, n_init=1)`` labelling (the window's Initialise) by each, whether the labels are
  the same, and the ratio.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_em import N_COMPONENTS, interleaved_median_ms, make_data  # noqa: E402

from gmmviz.core import kernels  # noqa: E402
from gmmviz.core.kmeans import kmeans_labels  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
KERNELS = "import numpy as np; from gmmviz.core import kernels; kernels.warm_up(); "
IMPORTS = {"gmmviz": KERNELS + "import gmmviz.core.kmeans", "scikit-learn": KERNELS + "import sklearn.cluster"}


def import_seconds(code):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main():
    from sklearn.cluster import KMeans

    kernels.warm_up()
    import_seconds(IMPORTS["gmmviz"])       # the kernels in numba's cache, the files in the system's
    times = {name: [] for name in IMPORTS}
    for _ in range(5):
        for name, code in IMPORTS.items():
            times[name].append(import_seconds(code))
    ours, theirs = (statistics.median(times[name]) for name in IMPORTS)
    print(f"kernels and k-means loaded in a fresh process: gmmviz's k-means {ours:.2f} s, "
          f"scikit-learn's {theirs:.2f} s ({theirs / ours:.1f}x)")
    print(f"{'n_samples':>10} {'gmmviz ms':>10} {'sklearn ms':>11} {'ratio':>6} same labels")
    for n_samples in SIZES:
        X = make_data(n_samples)

        def gmmviz_labels():
            return kmeans_labels(X, N_COMPONENTS, np.random.RandomState(0))

        def sklearn_labels():
            return KMeans(n_clusters=N_COMPONENTS, n_init=1, random_state=np.random.RandomState(0)).fit(X).labels_

        same = np.array_equal(gmmviz_labels(), sklearn_labels())
        repeats = 15 if n_samples < 1_000_000 else 5
        ours, theirs = interleaved_median_ms([gmmviz_labels, sklearn_labels], repeats)
        print(f"{n_samples:>10} {ours:>10.1f} {theirs:>11.1f} {theirs / ours:>5.2f}x {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
