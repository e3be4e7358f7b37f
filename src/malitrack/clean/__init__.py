"""The clean step: ``data/raw/`` -> ``data/clean/`` (readers, corrections, quarantine, claims, incidents, sources, writing, loading).

``malitrack.clean`` names this folder, and, before the code moved into layer
folders, it named the clean function (``malitrack.clean(raw_dir=...)``). Once
any module of this folder is imported, Python binds the folder to that name,
so the folder itself is made callable: ``malitrack.clean(...)`` runs
:func:`malitrack.clean.run.clean` either way.
"""

import sys
import types


class _CallableLayer(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from malitrack.clean.run import clean

        return clean(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableLayer
