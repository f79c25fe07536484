"""The Gaussian mixture as an immutable value object.

A :class:`Mixture` holds weights (n_components,), means (n_components, 2) and covariances in
scikit-learn's shape for its covariance type (see :mod:`gmmviz.core.covariance`). It is
validated once when built and never changes afterwards: its arrays are read-only, so it can be
handed from an EM worker thread to the GUI thread without copying.

Densities, responsibilities and scores are computed by the same compiled kernel as the E-step
(:func:`gmmviz.core.kernels.e_step`); there is no second implementation of the log density.

Weighted points (``sample_weight``, :mod:`gmmviz.core.weights`) count as that many points in
every score: the total and mean log-likelihood and BIC, AIC and ICL with n = Σ w. A mixture may
have a uniform noise component (``noise_weight`` π₀ over ``noise_volume`` V, :mod:`gmmviz.core.noise`):
its weights then remain the Gaussian components' shares of the points that are not noise.

Decision: weights that sum to 1 within the round-off of their sum (4 K ulps) are kept bit for bit, so a
mixture written to a file and read back, or rebuilt from its arrays, is the same mixture; weights further
off (by at most 1e-6, as a file edited by hand or printed to fewer digits) are divided by their sum.

Decision: ICL is BIC plus twice the entropy of the responsibilities (:func:`icl_score`), the form that
reads off the ``p_k`` columns of a labels file, rather than mclust's ``icl()``, which counts only each
point's largest responsibility; the two agree when the classification is certain.
"""

import math

import numpy as np

from gmmviz.core import surgery
from gmmviz.core.covariance import (
    N_FEATURES,
    check_covariance_type,
    check_positive_definite,
    cholesky_2x2,
    from_full,
    has_structure,
    n_parameters,
    packed_precision_cholesky,
    precisions_cholesky_of_type,
    to_full,
    type_shape,
)
from gmmviz.core.errors import GmmvizError
from gmmviz.core.noise import check_noise_parameters, noise_log_density
from gmmviz.core.weights import as_sample_weight, total_weight


#: Array kinds read as coordinates: integers and real floats. Complex values are not cut to their
#: real part, and booleans, text and objects are not converted, because any of those is a mistake.
_REAL_KINDS = "iuf"
_KIND_NAMES = {"c": "complex numbers", "b": "booleans", "U": "text", "S": "text", "O": "Python objects"}


def as_points(X, name="X"):
    """Validate points: a finite float64 C-contiguous array of shape (n_samples, 2) (not copied if already one)."""
    try:
        X = np.asarray(X)
    except (TypeError, ValueError):
        raise GmmvizError(f"{name} must be numeric points of shape (n_samples, 2)") from None
    if X.dtype.kind not in _REAL_KINDS:
        kind = _KIND_NAMES.get(X.dtype.kind, f"values of type {X.dtype}")
        raise GmmvizError(
            f"{name} must be real numbers of shape (n_samples, 2), got {kind}: convert them to floats first"
        )
    X = np.ascontiguousarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != N_FEATURES:
        raise GmmvizError(f"{name} must have shape (n_samples, 2), got {X.shape}")
    if not np.all(np.isfinite(X)):
        raise GmmvizError(f"{name} contains NaN or infinite values: remove those rows first")
    return X


def _read_only(array):
    array = np.array(array, dtype=np.float64)
    array.setflags(write=False)
    return array


def bic_score(log_likelihood, n_parameters, n_samples):
    """BIC = −2 log L + p log n from a total log-likelihood (lower is better)."""
    return -2.0 * log_likelihood + n_parameters * math.log(n_samples)


def aic_score(log_likelihood, n_parameters):
    """AIC = −2 log L + 2p from a total log-likelihood (lower is better)."""
    return -2.0 * log_likelihood + 2 * n_parameters


def classification_entropy(resp, sample_weight=None):
    """Classification entropy E = −Σᵢ wᵢ Σₖ rᵢₖ log rᵢₖ, with 0 · log 0 = 0 (w = 1 without weights).

    0 when every point belongs to one component with certainty, n log K when every point is shared
    equally by K components.

    Parameters
    ----------
    resp : array-like of shape (n_samples, n_components)
        Responsibilities, each row summing to 1.
    """
    resp = np.asarray(resp, dtype=np.float64)
    if sample_weight is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(resp > 0, resp * np.log(resp), 0.0)
        return float(-np.dot(sample_weight, terms.sum(axis=1)))
    positive = resp[resp > 0]
    return float(-np.sum(positive * np.log(positive)))


def icl_score(log_likelihood, n_parameters, n_samples, resp, sample_weight=None):
    """ICL = BIC + 2E, the integrated completed likelihood (lower is better).

    ``E`` is the :func:`classification_entropy` of the responsibilities ``resp`` (n_samples,
    n_components): BIC penalised by how unsure the classification is, so ICL prefers well-separated
    components (the entropy form of Biernacki, Celeux and Govaert's criterion). mclust's ``icl()``
    has the opposite sign (higher is better) and counts each point by −log of its largest
    responsibility instead of the entropy: mclust's −icl() is never larger than this ICL, and equals
    it when every responsibility is 0 or 1.

    Parameters
    ----------
    log_likelihood : float
        Total data log-likelihood.
    n_parameters, n_samples : int
        ``n_samples`` is Σ w for weighted points.
    resp : array-like of shape (n_samples, n_components)
    sample_weight : ndarray of shape (n_samples,), optional
    """
    return bic_score(log_likelihood, n_parameters, n_samples) + 2.0 * classification_entropy(resp, sample_weight)


class Mixture:
    """A two-dimensional Gaussian mixture model (float64).

    Parameters
    ----------
    weights : array-like of shape (n_components,)
        Non-negative, summing to 1 within 1e-6 (then renormalised exactly).
    means : array-like of shape (n_components, 2)
    covariances : array-like
        scikit-learn's shape for ``covariance_type`` — full (n_components, 2, 2),
        tied (2, 2), diag (n_components, 2), spherical (n_components,) — or full
        (n_components, 2, 2) matrices for any type, which must then have the type's structure.
        Each covariance must be symmetric and positive definite by the closed-form Cholesky the
        kernels use (:func:`gmmviz.core.covariance.check_positive_definite`).
    covariance_type : {"full", "tied", "diag", "spherical"}
    noise_weight : float
        π₀ in [0, 1), the uniform noise component's weight (0 without noise).
    noise_volume : float or None
        V > 0, the area the noise is spread over; None: no noise component.

    Raises
    ------
    GmmvizError
        With one sentence naming the invalid parameter.
    """

    __slots__ = ("_weights", "_means", "_covariances", "_covariance_type", "_full", "_packed", "_noise_weight",
                 "_noise_volume")

    def __init__(self, weights, means, covariances, covariance_type="full", noise_weight=0.0, noise_volume=None):
        check_covariance_type(covariance_type)
        noise_weight, noise_volume = check_noise_parameters(noise_weight, noise_volume)
        try:
            weights = np.asarray(weights, dtype=np.float64)
            means = np.asarray(means, dtype=np.float64)
            covariances = np.asarray(covariances, dtype=np.float64)
        except (TypeError, ValueError):
            raise GmmvizError("mixture parameters must be numeric arrays") from None
        if weights.ndim != 1 or weights.size == 0:
            raise GmmvizError(f"weights must be a non-empty 1-D array, got shape {weights.shape}")
        n_components = weights.size
        if means.shape != (n_components, N_FEATURES):
            raise GmmvizError(f"means must have shape ({n_components}, 2), got {means.shape}")
        if not (np.all(np.isfinite(weights)) and np.all(np.isfinite(means)) and np.all(np.isfinite(covariances))):
            raise GmmvizError("mixture parameters must be finite numbers")
        if np.any(weights < 0):
            k = int(np.flatnonzero(weights < 0)[0])
            raise GmmvizError(f"weights must be non-negative, but component {k + 1} has weight {weights[k]:.9g}")
        if abs(weights.sum() - 1.0) > 1e-6:
            raise GmmvizError(f"weights must sum to 1, got sum {weights.sum():.9g}")
        if abs(weights.sum() - 1.0) > 4 * n_components * np.finfo(np.float64).eps:
            weights = weights / weights.sum()
        full_shape = (n_components, N_FEATURES, N_FEATURES)
        if covariances.shape == type_shape(covariance_type, n_components):
            full = to_full(covariances, covariance_type, n_components)
        elif covariances.shape == full_shape:
            full = covariances
            if not has_structure(full, covariance_type):
                raise GmmvizError(f"covariances given as full matrices do not have the {covariance_type!r} structure")
            # The matrices already have the type's structure: read the parameters off exactly.
            covariances = full[0] if covariance_type == "tied" else from_full(full, covariance_type)
            full = to_full(covariances, covariance_type, n_components)
        else:
            raise GmmvizError(
                f"{covariance_type} covariances must have shape {type_shape(covariance_type, n_components)} "
                f"or {full_shape}, got {covariances.shape}"
            )
        scale = max(np.abs(full).max(), np.finfo(float).tiny)
        if np.any(np.abs(full[:, 0, 1] - full[:, 1, 0]) > 1e-9 * scale):
            raise GmmvizError("covariance matrices must be symmetric")
        packed = check_positive_definite(full)
        self._init_trusted(weights, means, covariances, covariance_type, full, packed, noise_weight, noise_volume)

    def _init_trusted(self, weights, means, covariances, covariance_type, full, packed, noise_weight=0.0,
                      noise_volume=None):
        self._weights = _read_only(weights)
        self._means = _read_only(means)
        self._covariances = _read_only(covariances)
        self._covariance_type = covariance_type
        self._full = _read_only(full)
        self._packed = _read_only(packed)
        self._noise_weight = float(noise_weight)
        self._noise_volume = None if noise_volume is None else float(noise_volume)

    @classmethod
    def _from_estimates(cls, weights, means, covariances, covariance_type, noise_weight=0.0, noise_volume=None):
        """Build from M-step estimates without re-validating; raises GmmvizError if ill-defined."""
        n_components = weights.shape[0]
        full = to_full(covariances, covariance_type, n_components)
        packed = packed_precision_cholesky(full)
        mixture = cls.__new__(cls)
        mixture._init_trusted(weights, means, covariances, covariance_type, full, packed, noise_weight, noise_volume)
        return mixture

    # -- parameters -------------------------------------------------------------------------

    @property
    def weights(self):
        """Mixing proportions, shape (n_components,)."""
        return self._weights

    @property
    def means(self):
        """Component means, shape (n_components, 2)."""
        return self._means

    @property
    def covariances(self):
        """Covariances in scikit-learn's shape for :attr:`covariance_type`."""
        return self._covariances

    @property
    def covariance_type(self):
        return self._covariance_type

    @property
    def n_components(self):
        return self._weights.shape[0]

    @property
    def full_covariances(self):
        """Covariance matrix of every component, shape (n_components, 2, 2), for any type."""
        return self._full

    @property
    def precisions_cholesky(self):
        """scikit-learn's ``precisions_cholesky_`` (upper factors, type shape)."""
        return precisions_cholesky_of_type(self._packed, self._covariance_type)

    @property
    def noise_weight(self):
        """π₀, the weight of the uniform noise component (0.0 without one)."""
        return self._noise_weight

    @property
    def noise_volume(self):
        """V, the area the noise component is spread over, or None without one."""
        return self._noise_volume

    @property
    def has_noise(self):
        return self._noise_volume is not None

    @property
    def n_parameters(self):
        """Number of free parameters (scikit-learn's count, plus one for a noise component's weight)."""
        return n_parameters(self._covariance_type, self.n_components) + self.has_noise

    def with_covariance_type(self, covariance_type):
        """This mixture with another covariance type (projected, see ``covariance.from_full``)."""
        check_covariance_type(covariance_type)
        if covariance_type == self._covariance_type:
            return self
        covariances = from_full(self._full, covariance_type, self._weights)
        return Mixture(self._weights, self._means, covariances, covariance_type, self._noise_weight,
                       self._noise_volume)

    def with_noise(self, noise_weight, noise_volume):
        """This mixture with a noise component of weight π₀ over the area V (None: without noise)."""
        noise_weight, noise_volume = check_noise_parameters(noise_weight, noise_volume)
        return Mixture._from_estimates(self._weights, self._means, self._covariances, self._covariance_type,
                                       noise_weight, noise_volume)

    # -- component surgery (gmmviz.core.surgery: the rules for every covariance type) ---------

    def with_component_added(self, mean, covariance=None, weight=None):
        """A new mixture with one more, last, component at ``mean`` (shape (2,)).

        ``covariance`` (2, 2) defaults to the weight-averaged covariance of the components and
        ``weight`` to 1 / (K + 1); the other weights keep their proportions.
        """
        return self._with_parameters(surgery.add_component(
            self._weights, self._means, self._full, self._covariance_type, mean, covariance, weight))

    def without_component(self, k):
        """A new mixture without component ``k`` (0-based), the other weights renormalised."""
        return self._with_parameters(surgery.remove_component(self._weights, self._means, self._full, k))

    def split_component(self, k):
        """A new mixture with component ``k`` split in two along its major axis, moment preserving.

        The half at the lower end of the axis keeps index ``k``, the other is the last component.
        """
        return self._with_parameters(surgery.split_component(
            self._weights, self._means, self._full, self._covariance_type, k))

    def merge_components(self, i, j):
        """A new mixture with components ``i`` and ``j`` merged into one (at the lower index), moment matched.

        The pair's weight, mean and second moment are preserved (``full``; see
        :mod:`gmmviz.core.surgery` for the other types).
        """
        return self._with_parameters(surgery.merge_components(
            self._weights, self._means, self._full, self._covariance_type, i, j))

    def _with_parameters(self, parameters):
        weights, means, full = parameters
        # The weights stay shares of the Gaussian part, so a noise component is kept as it is.
        return Mixture(weights, means, full, self._covariance_type, self._noise_weight, self._noise_volume)

    # -- densities --------------------------------------------------------------------------

    def _e_step(self, X, resp=None, log_density=None, sample_weight=None):
        """The kernels' E-step pass (:func:`gmmviz.core.kernels.e_step`) for this mixture, noise included."""
        from gmmviz.core import kernels

        if not self.has_noise:
            return kernels.e_step(X, self._weights, self._means, self._packed, resp=resp, log_density=log_density,
                                  sample_weight=sample_weight)
        return kernels.e_step(X, (1.0 - self._noise_weight) * self._weights, self._means, self._packed, resp=resp,
                              log_density=log_density, sample_weight=sample_weight,
                              noise_log_density=noise_log_density(self._noise_weight, self._noise_volume))

    def _weighted(self, X, sample_weight):
        """Validated points and weights (None for unweighted), and the number of points they count as."""
        X = as_points(X)
        sample_weight = as_sample_weight(sample_weight, X.shape[0])
        return X, sample_weight, total_weight(sample_weight, X.shape[0])

    def score_samples(self, X):
        """Log density ``log p(x)`` of every point, shape (n_samples,)."""
        X = as_points(X)
        log_density = np.empty(X.shape[0])
        self._e_step(X, log_density=log_density)
        return log_density

    def pdf(self, X):
        """Density ``p(x)`` of every point, shape (n_samples,)."""
        return np.exp(self.score_samples(X))

    def predict_proba(self, X):
        """Responsibilities ``P(k | x)``, shape (n_samples, n_components), or (n_samples, n_components + 1)
        with a noise component, whose probability is the last column."""
        X = as_points(X)
        resp = np.empty((X.shape[0], self.n_components + self.has_noise))
        self._e_step(X, resp=resp)
        return resp

    def predict(self, X):
        """Most probable component of every point, shape (n_samples,); −1 where it is the noise component."""
        labels = self.predict_proba(X).argmax(axis=1)
        labels[labels == self.n_components] = -1
        return labels

    def log_likelihood(self, X, sample_weight=None):
        """Total log-likelihood ``Σ_i w_i log p(x_i)`` (w = 1 without weights)."""
        X, sample_weight, _ = self._weighted(X, sample_weight)
        return self._e_step(X, sample_weight=sample_weight)[0]

    def score(self, X, sample_weight=None):
        """Mean log-likelihood per point (scikit-learn's ``score``): ``Σ w log p / Σ w`` with weights."""
        X, sample_weight, n = self._weighted(X, sample_weight)
        if X.shape[0] == 0:
            raise GmmvizError("cannot score an empty set of points")
        return self._e_step(X, sample_weight=sample_weight)[0] / n

    def bic(self, X, sample_weight=None):
        """Bayesian information criterion (scikit-learn's definition, n = Σ w; lower is better)."""
        X, sample_weight, n = self._weighted(X, sample_weight)
        # score × n rather than the total, exactly as scikit-learn computes it
        return bic_score(self.score(X, sample_weight) * n, self.n_parameters, n)

    def aic(self, X, sample_weight=None):
        """Akaike information criterion (scikit-learn's definition; lower is better)."""
        X, sample_weight, n = self._weighted(X, sample_weight)
        return aic_score(self.score(X, sample_weight) * n, self.n_parameters)

    def icl(self, X, sample_weight=None):
        """Integrated completed likelihood, :meth:`bic` + 2 × the classification entropy (lower is better).

        See :func:`icl_score` (each point's entropy counted ``w_i`` times); mclust reports it with the
        opposite sign.
        """
        X, sample_weight, n = self._weighted(X, sample_weight)
        resp = self.predict_proba(X)
        return icl_score(self.score(X, sample_weight) * n, self.n_parameters, n, resp, sample_weight)

    def sample(self, n_samples, seed=None):
        """Draw points from the mixture.

        Component counts are multinomial in the weights; points come grouped by component (as
        scikit-learn's ``sample``). A noise component has a volume but no place, so only the
        Gaussian part is drawn (:mod:`gmmviz.core.noise`). ``seed`` (int or None) seeds ``numpy.random.default_rng``,
        so the same seed gives the same points.

        Returns
        -------
        X : ndarray of shape (n_samples, 2)
        labels : ndarray of shape (n_samples,)
        """
        if not isinstance(n_samples, (int, np.integer)) or n_samples < 0:
            raise GmmvizError(f"the number of samples must be a non-negative integer, got {n_samples!r}")
        rng = np.random.default_rng(seed)
        counts = rng.multinomial(n_samples, self._weights)
        labels = np.repeat(np.arange(self.n_components), counts)
        # The kernels' closed-form factor: it exists for every valid mixture, LAPACK's may not.
        l00, l10, l11 = cholesky_2x2(self._full)[labels].T
        z = rng.standard_normal((n_samples, N_FEATURES))
        X = self._means[labels] + np.stack([l00 * z[:, 0], l10 * z[:, 0] + l11 * z[:, 1]], axis=1)
        return X, labels

    # -- scikit-learn -----------------------------------------------------------------------

    def to_sklearn(self):
        """A fitted ``sklearn.mixture.GaussianMixture`` holding these parameters."""
        if self.has_noise:
            raise GmmvizError("scikit-learn's GaussianMixture has no noise component: "
                              "use mixture.with_noise(0, None) for the Gaussian part")
        from sklearn.mixture import GaussianMixture
        from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

        gm = GaussianMixture(n_components=self.n_components, covariance_type=self._covariance_type)
        gm.weights_ = np.array(self._weights)
        gm.means_ = np.array(self._means)
        gm.covariances_ = np.array(self._covariances)
        gm.precisions_cholesky_ = _compute_precision_cholesky(gm.covariances_, self._covariance_type)
        if self._covariance_type == "full":
            gm.precisions_ = np.einsum("kij,klj->kil", gm.precisions_cholesky_, gm.precisions_cholesky_)
        elif self._covariance_type == "tied":
            gm.precisions_ = gm.precisions_cholesky_ @ gm.precisions_cholesky_.T
        else:
            gm.precisions_ = gm.precisions_cholesky_**2
        gm.converged_ = True
        gm.n_iter_ = 0
        gm.lower_bound_ = -np.inf
        gm.lower_bounds_ = []
        gm.n_features_in_ = N_FEATURES
        return gm

    @classmethod
    def from_sklearn(cls, gm):
        """The mixture held by a fitted two-feature ``GaussianMixture``."""
        if not hasattr(gm, "weights_"):
            raise GmmvizError("the scikit-learn GaussianMixture is not fitted")
        covariances = getattr(gm, "covariances_", None)
        if covariances is None:
            precisions = np.asarray(gm.precisions_)
            covariances = np.linalg.inv(precisions) if gm.covariance_type in ("full", "tied") else 1.0 / precisions
        return cls(gm.weights_, gm.means_, covariances, gm.covariance_type)

    def __repr__(self):
        return f"Mixture(n_components={self.n_components}, covariance_type={self._covariance_type!r})"

    def __eq__(self, other):
        if not isinstance(other, Mixture):
            return NotImplemented
        return (
            self._covariance_type == other._covariance_type
            and np.array_equal(self._weights, other._weights)
            and np.array_equal(self._means, other._means)
            and np.array_equal(self._covariances, other._covariances)
            and self._noise_weight == other._noise_weight
            and self._noise_volume == other._noise_volume
        )

    __hash__ = None
