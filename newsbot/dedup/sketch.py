"""datasketch's ``MinHash`` without the rest of the package (no Scrapy imports).

``datasketch/__init__.py`` (2.0.0) imports every sketch it ships, among them ``datasketch.lsh``,
which imports ``scipy.integrate`` (0.5-0.9 s per process here) to tune LSH parameters that newsbot
sets itself. The dedup index only needs ``datasketch.minhash.MinHash``. When ``datasketch`` is not
imported yet, :func:`minhash_class` creates the package module from its spec without running its
``__init__`` (the ``importlib.util.find_spec`` / ``module_from_spec`` API), imports the
``datasketch.minhash`` submodule into it, and gives the package a module ``__getattr__``
(PEP 562) that runs the real ``__init__`` the first time anything else is asked of it: code that
later does ``from datasketch import MinHashLSH`` or ``import datasketch`` gets the whole package,
with the same ``MinHash`` class. When ``datasketch`` is already imported it is used as it is.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType

__all__ = ["minhash_class"]

_PACKAGE = "datasketch"
_lock = threading.Lock()


def _deferred_package() -> ModuleType:
    """The ``datasketch`` package module, its ``__init__`` deferred to the first unknown attribute."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.loader is None:
        raise ImportError("datasketch is not installed")
    package = importlib.util.module_from_spec(spec)
    state = {"done": False}

    def __getattr__(name: str):
        with _lock:
            if not state["done"]:
                state["done"] = True
                del package.__dict__["__getattr__"]
                spec.loader.exec_module(package)
        try:
            return package.__dict__[name]
        except KeyError:
            raise AttributeError(f"module {_PACKAGE!r} has no attribute {name!r}") from None

    package.__getattr__ = __getattr__
    sys.modules[_PACKAGE] = package
    return package


def minhash_class() -> type:
    """``datasketch.minhash.MinHash``, imported without ``datasketch.lsh`` (and scipy) if possible."""
    with _lock:
        if _PACKAGE not in sys.modules:
            _deferred_package()
    return importlib.import_module(f"{_PACKAGE}.minhash").MinHash
