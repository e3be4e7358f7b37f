"""Reports: parameterized notebooks rendered into self-contained HTML.

Read in this order:

- ``registry.py``: the reports as data (title, build parameters, fan-out over incidents);
- ``parameters.py``: a notebook's parameters, declared once in its ``parameters`` cell, parsed and checked;
- ``notebook.py``: what the notebooks import (``setup``, ``table``, ``figure_svg``);
- ``charts.py`` and ``malitrack.mplstyle``: the charts and the house style;
- ``render.py``: one notebook executed (papermill's parameters, nbclient, one kernel kept for many
  reports) and exported by nbconvert; ``kernel_state.py``: what that kernel resets between reports;
- ``build.py``: jobs, cache keys, manifest, the parallel build; ``inputs.py``: the data each report's
  cache key follows (the whole data, or one incident); ``index.py``: ``reports/index.html``;
- ``notebook_files.py``: where the notebooks are and how their cells read;
- ``templates/``: the report template (``malitrack_report/``) and the index page.
"""
