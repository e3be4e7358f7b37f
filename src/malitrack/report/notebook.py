"""What a report notebook imports: its checked parameters, escaped tables, charts.

A report notebook starts with ``params = setup(globals())`` and shows results
with ``display(table(frame))`` and ``display(figure_svg(chart))``; the
analysis it calls lives in :mod:`malitrack.analysis`.

:func:`setup` reads the notebook's own ``parameters`` cell from the kernel's
input history (IPython's ``In``: the cell's text as it ran, under papermill,
JupyterLab or nbclient alike), takes the values from the notebook's namespace
(where papermill's injected cell may have replaced the defaults) and checks
them with :mod:`malitrack.report.parameters`. So a notebook never restates
its name or its parameters, and a new parameter is one line in its
parameters cell. A name papermill injected that the cell does not declare is
refused (papermill itself only warns).

Everything here is cheap to import: pandas, IPython and matplotlib are
imported inside the functions, as kernels start often.
"""

from __future__ import annotations

import ast
import io

from malitrack.errors import MalitrackError
from malitrack.report.parameters import (
    Parameter,
    ParameterCellError,
    check_values,
    parse_parameters_cell,
    refuse_unknown,
)

#: First line of the cell papermill injects after the parameters cell.
PAPERMILL_INJECTED_HEADER = "# Parameters"


# ---------------------------------------------------------------- parameters


def _declarations_in_history(history: list[str]) -> tuple[dict[str, Parameter], list[str]]:
    """The last parameters cell run, and the names assigned by papermill's cell run after it."""
    for index in range(len(history) - 1, -1, -1):
        try:
            declared = parse_parameters_cell(history[index])
        except ParameterCellError:
            continue
        if not declared:
            continue
        injected = []
        for later in history[index + 1:]:
            if later.lstrip().startswith(PAPERMILL_INJECTED_HEADER):
                try:
                    body = ast.parse(later).body
                except SyntaxError:
                    continue
                injected += [
                    target.id
                    for node in body
                    if isinstance(node, ast.Assign)
                    for target in node.targets
                    if isinstance(target, ast.Name)
                ]
        return declared, injected
    raise MalitrackError(
        "setup() found no parameters cell among the cells run so far "
        "(each line `name: type = default  # help`): run the parameters cell first"
    )


def setup(namespace: dict) -> dict[str, object]:
    """The notebook's parameters, parsed and checked: call as ``params = setup(globals())``.

    The names and rules come from the parameters cell the kernel ran, the
    values from ``namespace``. Raises MalitrackError naming the parameter,
    the value and the valid values.

    >>> namespace = {"In": ["", 'regions: list[str] = []  # any of: Kidal, Gao', "# Parameters\\nregions = 'Kidal'"],
    ...              "regions": "Kidal"}
    >>> setup(namespace)
    {'regions': ['Kidal']}
    """
    history = namespace.get("In", namespace.get("_ih"))
    if not history:
        raise MalitrackError(
            "setup() reads the parameters cell from IPython's input history and found none: "
            "outside a notebook, call malitrack.report.parameters.check_parameters(name, values)"
        )
    declared, injected = _declarations_in_history(list(history))
    refuse_unknown(declared, injected, "this notebook")
    values = {name: namespace[name] for name in declared if name in namespace}
    return check_values(declared, values, "this notebook")


# ---------------------------------------------------------------- tables


def _cell_text(value) -> str:
    import pandas as pd

    if isinstance(value, (list, tuple, set, dict)):
        return str(value)
    if pd.isna(value):
        return "–"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def table(frame, index: bool = True):
    """A frame or series as an HTML table for a report, every cell escaped.

    Missing values show as "–" (unknown, never zero), dates as YYYY-MM-DD.
    Built with ``DataFrame.to_html(escape=True)``: a claim holding
    ``<script>`` shows as text. Returns an ``IPython.display.HTML`` object
    for ``display()``.

    >>> import pandas as pd
    >>> table(pd.DataFrame({"claimant": ["<b>CSP</b>"], "high": [pd.NA]}), index=False).data.count("&lt;b&gt;")
    1
    """
    import pandas as pd
    from IPython.display import HTML

    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    text = frame.astype(object).map(_cell_text)
    return HTML(text.to_html(index=index, escape=True, border=0, classes="dataframe malitrack-table"))


# ---------------------------------------------------------------- charts


class Chart:
    """A chart for ``display()`` in a report: SVG with its title as alt text.

    Vector, so it stays sharp when zoomed or reused, and drawn in about half
    the time of a PNG (no text to rasterise). The report template embeds it as
    an ``<img>`` data URI with the alt text.
    """

    def __init__(self, svg: str, alt: str):
        self.svg, self.alt = svg, alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/svg+xml": self.svg, "text/plain": self.alt}, {"image/svg+xml": {"alt": self.alt}}


def _chart_title(figure) -> str:
    titles = [figure.get_suptitle()] + [axes.get_title(loc) for axes in figure.axes for loc in ("left", "center")]
    return next((title for title in titles if title), "chart")


def figure_svg(figure) -> Chart:
    """A matplotlib Figure as an SVG :class:`Chart` for ``display()``: the same bytes on every run.

    Works without pyplot or an inline backend (the charts of
    :mod:`malitrack.report.charts` are plain ``Figure`` objects).
    """
    from malitrack.report.charts import svg_bytes

    return Chart(svg_bytes(figure, salt="malitrack-report").decode("utf-8"), alt=_chart_title(figure))


def figure_png(figure, dpi: int = 100):
    """A matplotlib Figure as a PNG for ``display()``: the same bytes on every run.

    Works without pyplot or an inline backend (the charts of
    :mod:`malitrack.report.charts` are plain ``Figure`` objects, which IPython
    would otherwise show as ``<Figure size ...>``). The PNG carries no
    "Software" tag; its alt text is the chart's title.
    """
    from IPython.display import Image

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return Image(data=buffer.getvalue(), format="png", alt=_chart_title(figure))
