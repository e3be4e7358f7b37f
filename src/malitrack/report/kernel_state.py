"""Runs inside a report kernel: gives each report the state of a kernel just started.

A build worker runs report after report in one kernel
(:class:`malitrack.report.render.ReportKernel`). What one report leaves
behind must not reach the next, or a report would depend on the ones before
it. Before every report the worker calls :func:`fresh_state`, which puts
back what :func:`remember_start` saw when the kernel had just started and
imported the libraries every report uses:

- the user namespace and input history (IPython's ``reset``, new session: the
  execution count starts at 1 again, and ``In`` holds only this report's
  cells, which :func:`malitrack.report.notebook.setup` reads);
- the working folder, environment variables and ``sys.path``;
- the warning filters, and the "already shown" registries (a warning shown
  in one report is shown again in the next, as it would be alone);
- matplotlib's rcParams and pyplot's open figures (and so its figure numbers);
- pandas' options;
- the seeds of ``random`` and of numpy's global generator;
- whatever a module registered with :func:`reset_with_each_report` (a module
  of malitrack holding state of its own, say a current language, registers
  the function that puts it back).

Module caches of pure functions (``functools.lru_cache`` in malitrack, font
caches in matplotlib) are kept: they return what a first call would, and
keeping them is part of why the kernel is reused. What survives a reset is
moved out of the garbage collector's sight (``gc.freeze``), so the collection
IPython's reset runs scans one report's objects, not every library's.
"""

from __future__ import annotations

import copy
import gc
import os
import random
import sys
import warnings

_START: dict | None = None
_RESETS: list = []


def reset_with_each_report(function):
    """Have ``function()`` run before every report in a kept kernel; returns it (usable as a decorator).

    For module-level state this module cannot know about. Registering twice
    (a module imported again) runs it once.
    """
    if function not in _RESETS:
        _RESETS.append(function)
    return function


def _pandas_options() -> dict:
    from pandas._config import config

    return config._global_config


def remember_start(modules: list[str] = ()) -> None:
    """Import the libraries every report uses, and ``modules``, then record the kernel's state.

    Call once per kernel. ``modules``: what the notebooks it will run import,
    imported here once rather than by its first report; one that fails to
    import is left for the notebook to fail on, naming its cell.
    """
    global _START
    import importlib

    import matplotlib
    import numpy
    import pandas  # noqa: F401  (imported once here, not in every report)

    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001  (the notebook's own import reports it)
            pass

    _START = {
        "cwd": os.getcwd(),
        "environ": dict(os.environ),
        "path": list(sys.path),
        "warnings": list(warnings.filters),
        "rc": dict(matplotlib.rcParams),
        "pandas": copy.deepcopy(_pandas_options()),
        "random": random.getstate(),
        "numpy_random": numpy.random.get_state(),
    }


def fresh_state() -> None:
    """Put the kernel back as :func:`remember_start` found it, with an empty namespace."""
    if _START is None:
        raise RuntimeError("remember_start() was not called in this kernel")
    import matplotlib
    import numpy

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    shell = _shell()
    if shell is not None:
        shell.reset(new_session=True)  # ends with gc.collect(): the previous report's objects are freed
    gc.freeze()  # what survives is the libraries and caches: the next collect need not scan them again
    os.chdir(_START["cwd"])
    for name in set(os.environ) - set(_START["environ"]):
        del os.environ[name]
    os.environ.update(_START["environ"])
    sys.path[:] = _START["path"]
    warnings.filters[:] = _START["warnings"]
    warnings._filters_mutated()  # forgets which warnings were already shown
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated rcParams warn when set, even back to their value
        matplotlib.rcParams.clear()
        matplotlib.rcParams.update(_START["rc"])
    options = _pandas_options()
    options.clear()
    options.update(copy.deepcopy(_START["pandas"]))
    random.setstate(_START["random"])
    numpy.random.set_state(_START["numpy_random"])
    for reset in _RESETS:
        reset()


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()
