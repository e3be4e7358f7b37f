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
    checked = check_values(declared, values, "this notebook")
    global _LANG
    _LANG = str(checked.get("lang", _LANG))
    return checked


#: the language of the page being rendered, set by :func:`setup` from the ``lang`` parameter
_LANG = "fr"


def _page_lang() -> str:
    return _LANG


# ---------------------------------------------------------------- tables


def table(frame, index: bool = True, lang: str | None = None, cards: bool = False):
    """A frame or series as an HTML table for a report, in words of the page's language, every cell escaped.

    See :func:`malitrack.report.tables.html_table`: labels in words, numbers
    and flags for the language, outlets linked, "–" for unknown (never zero).
    ``lang`` defaults to the language of the notebook's last :func:`setup`.
    Returns an ``IPython.display.HTML`` object for ``display()``.

    >>> import pandas as pd
    >>> table(pd.DataFrame({"claimant": ["<b>CSP</b>"], "high": [pd.NA]}), index=False).data.count("&lt;b&gt;")
    1
    """
    from IPython.display import HTML

    from malitrack.report.tables import html_table

    return HTML(html_table(frame, lang=lang or _page_lang(), index=index, cards=cards))


def facts(pairs, lang: str | None = None):
    """Label–value pairs as a definition list (never a sideways table), for ``display()``."""
    from IPython.display import HTML

    from malitrack.report.tables import facts_list

    return HTML(facts_list(pairs, lang=lang or _page_lang()))


def prose(report: str, section: str, lang: str | None = None, **values):
    """A report's heading and method prose in the page's language (``[prose.<report>]`` of the locale files)."""
    from IPython.display import Markdown

    from malitrack.report.edition import prose as prose_text

    text = prose_text(report, section, lang or _page_lang())
    return Markdown(text.format(**values) if values else text)


# ---------------------------------------------------------------- charts


class Chart:
    """A chart for ``display()`` in a report: SVG with its title as alt text.

    Vector, so it stays sharp when zoomed or reused, and drawn in about half
    the time of a PNG (no text to rasterise). The report template inlines the
    SVG in the page (its text searchable, a third lighter than base64) inside
    a ``<figure role="img">`` labelled with the alt text.
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

    title = _chart_title(figure)
    # ids seeded by the title: the page inlines its SVGs side by side, and two charts must not share an id
    return Chart(svg_bytes(figure, salt=f"malitrack-report-{title}").decode("utf-8"), alt=title)


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
