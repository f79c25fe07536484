"""Where the compiled kernels are cached: numba's own places, else gmmviz's, else nowhere.

``numba.njit(cache=True)`` keeps machine code in ``NUMBA_CACHE_DIR``, in the ``__pycache__`` folder
beside the source or in the per-user cache folder, the first it can write. When it can write none
(a root-owned installation used by another account without a writable home, a read-only image, a
frozen bundle) it raises ``RuntimeError: cannot cache function …: no locator available`` as the
kernel module is imported. :func:`cached_njit` never lets that happen.

Decisions
---------
- numba's own places come first, unchanged: a user's ``NUMBA_CACHE_DIR`` and the cache beside the
  installed source are used whenever they work.
- Then, by setting ``numba.config.CACHE_DIR`` (what ``NUMBA_CACHE_DIR`` sets when numba starts):
  ``numba`` in gmmviz's per-user cache folder (platformdirs), then ``gmmviz-numba-<user>`` in the
  temporary folder. That temporary folder is used only when this account owns it and no one else
  may write to it, because numba loads machine code from it.
- When none of them can be written (or numba can cache nothing at all, as in a frozen bundle whose
  sources are not files) the kernels are compiled without a cache: every process then compiles them
  once (about 6 s here, against about 1 s to load them from a cache) and works as usual.
"""

from __future__ import annotations

import getpass
import os
import stat
import tempfile
from pathlib import Path

import numba
import platformdirs
from numba.core.caching import FunctionCache


def cached_njit(**options):
    """``numba.njit(cache=True, **options)`` where a cache can be written, else ``numba.njit(**options)``."""

    def decorate(function):
        return numba.njit(cache=_ensure_cache(function), **options)(function)

    return decorate


def _ensure_cache(function) -> bool:
    """Whether ``function`` can be cached, after pointing numba at a fallback folder if needed."""
    if _numba_can_cache(function):
        return True
    chosen = numba.config.CACHE_DIR
    for folder in _fallback_folders():
        numba.config.CACHE_DIR = str(folder)
        if _numba_can_cache(function):
            return True
    numba.config.CACHE_DIR = chosen
    return False


def _numba_can_cache(function) -> bool:
    """Whether one of numba's cache locators can write a cache for ``function`` (numba's own test)."""
    try:
        FunctionCache(function)
    except RuntimeError:  # "no locator available"
        return False
    return True


def _fallback_folders():
    """gmmviz's per-user cache folder, then a private folder in the temporary folder (when it is private)."""
    yield Path(platformdirs.user_cache_dir("gmmviz", appauthor=False)) / "numba"
    private = _private_temporary_folder()
    if private is not None:
        yield private


def _private_temporary_folder() -> Path | None:
    """``gmmviz-numba-<user>`` in the temporary folder, made if needed; None unless only this account may write it."""
    try:
        folder = Path(tempfile.gettempdir()) / f"gmmviz-numba-{getpass.getuser()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        status = folder.lstat()
    except (OSError, KeyError):  # KeyError: getuser() finds no name for this account
        return None
    owner = getattr(os, "getuid", None)   # Windows: the temporary folder is the user's own
    if not stat.S_ISDIR(status.st_mode) or (owner is not None and status.st_uid != owner()):
        return None
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder
