"""The parameters of every EM iteration, so any past iteration can be shown again.

Decisions:

- One entry per iteration — the state right after the initialisation (iteration 0) or after the
  M-step that produced iteration ``i`` — stored without responsibilities (they are n_samples × K
  and are recomputed on demand with ``Mixture.predict_proba``). The log-likelihood of iteration
  ``i``'s mixture is known only after the following E-step; it is kept next to the entry (NaN
  until then). Recording iteration ``i`` again (after Reset, or stepping on after going back)
  drops the later entries.
- A *break* at ``i`` says that entry ``i``'s value is not comparable with entry ``i - 1``'s: the
  points or the objective (reg_covar, the prior) changed in between, so a fall there is no
  failure of EM. Breaks after a re-recorded entry go with the entries they belonged to.
- Each value says whether it is a log posterior (EM with the prior) or a log-likelihood, as the E-step
  that computed it was run: after MAP is turned on or off the history holds both, each named as it is.
"""

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np


#: What a value is called, by whether it is a log posterior.
OBJECTIVE_NAMES = {False: "log-likelihood", True: "log posterior"}


class History(Sequence):
    """Sequence of ``EMState`` (``resp`` is None), ``history[i].iteration == i``."""

    def __init__(self):
        self._states = []
        self._log_likelihoods = []
        self._posterior = []         # per entry: its value is a log posterior
        self._breaks = set()

    def __len__(self):
        return len(self._states)

    def __getitem__(self, index):
        return self._states[index]

    @property
    def breaks(self):
        """Indices ``i`` whose value is not comparable with that of ``i - 1`` (a frozenset)."""
        return frozenset(self._breaks)

    def clear(self):
        self._states.clear()
        self._log_likelihoods.clear()
        self._posterior.clear()
        self._breaks.clear()

    def record(self, state, posterior=False):
        """Take note of an ``EMState`` after any half-step; ``posterior``: an E-step's value is a log posterior."""
        i = state.iteration
        if state.phase in ("init", "m"):
            if i > len(self._states):
                raise ValueError(f"iteration {i} recorded after {len(self._states)} iterations")
            del self._states[i:], self._log_likelihoods[i:], self._posterior[i:]
            self._breaks = {b for b in self._breaks if b < i}
            self._states.append(replace(state, resp=None))
            self._log_likelihoods.append(math.nan)
            self._posterior.append(False)
        elif state.phase == "e" and i < len(self._states):
            self._log_likelihoods[i] = state.log_likelihood
            self._posterior[i] = bool(posterior)

    def mark_break(self, index):
        """Entry ``index`` is not to be compared with the one before it."""
        if index > 0:
            self._breaks.add(int(index))

    def posterior(self):
        """Whether each iteration's value is a log posterior (else a log-likelihood, or not evaluated).

        Returns
        -------
        flags : ndarray of bool, shape (len(self),)
        """
        return np.array(self._posterior, dtype=bool)

    def objective_kinds(self, index=None, posterior=False):
        """Whether the values are log posteriors: of entry ``index``, or of all evaluated entries, as a set of bool.

        Where there is no such value (``index`` past the end, nothing evaluated), ``{posterior}``.
        """
        entries = range(len(self)) if index is None else [index] if 0 <= index < len(self) else []
        return {self._posterior[i] for i in entries if math.isfinite(self._log_likelihoods[i])} or {posterior}

    def objective_name(self, index=None, posterior=False):
        """What the values are (see :meth:`objective_kinds`): "log-likelihood", "log posterior" or both."""
        kinds = self.objective_kinds(index, posterior)
        return " and ".join(name for kind, name in OBJECTIVE_NAMES.items() if kind in kinds)

    def log_likelihoods(self):
        """Log-likelihood (log posterior with a prior) of each iteration's mixture, NaN if not evaluated.

        Returns
        -------
        values : ndarray of shape (len(self),)
        """
        return np.array(self._log_likelihoods, dtype=float)
