"""Parameterized notebooks rendered into self-contained HTML reports.

Method, after the papermill and LA Times ``utils/run.py`` patterns (see
/work/shared/STYLE.md): each report is a thin notebook in ``notebooks/`` with
one cell tagged ``parameters``. A report is made in three steps:

1. **Validate.** The parameters cell is read with :mod:`ast` (every parameter
   is ``name = default  # help``; the trailing comment is what
   ``papermill --help-notebook`` prints). Raw command-line strings are parsed
   to the default's type and checked against the help comment (``one of: a,
   b``, ``any of: a, b``, ``at least 1``, ``YYYY-MM-DD``) and, for ``incident_id``
   and ``perpetrator``, against the clean data. papermill only warns about an
   unknown name; we refuse it, listing the valid ones.
2. **Execute.** papermill runs the notebook in its own ``python3`` kernel from
   ``notebooks/`` (so it runs the same as in JupyterLab) into
   ``build/notebooks/``, kept for debugging, written once at the end rather
   than after every cell. A kernel that fails to start is retried once; a
   failing cell is reported as ``notebook X, cell N: ename: evalue``.
3. **Export.** Run-dependent metadata (papermill timestamps, durations, random
   cell ids) is stripped, then nbconvert's HTML exporter renders the outputs
   without code through the ``malitrack_report`` template: the JupyterLab
   template minus require.js, MathJax, Mermaid and widget scripts (all loaded
   from CDNs), plus a header naming the parameters and the data version.
   Charts are embedded as SVG data URIs with their title as alt text, so the
   file works offline and the same data gives byte-identical HTML.

Each report is cached under a key: sha256 of the data version, the notebook's
bytes, the template's bytes, the package's code and the canonical JSON of its
parameters. Keys are
kept in ``build/report_manifest.json``; :func:`build` cleans the data if it is
stale, re-renders only reports whose key changed (or all with ``force``), in
parallel processes, and writes ``reports/index.html`` linking every report
with a one-line summary (the text printed by the notebook's cell tagged
``summary``).

The notebooks also call the small helpers below: :func:`check_parameters`
(so plain ``papermill -p regions '["Kidal"]'`` is parsed and checked the same
way), :func:`select_incidents` and :func:`claims_blaming` (what the shared
parameters mean), :func:`table` (escaped HTML tables: source text such as
``<script>`` shows as text) and :func:`figure_svg` (charts as SVG that does not
change between runs; :func:`figure_png` for a raster copy).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import hashlib
import html
import io
import json
import multiprocessing
import os
import re
import time
import tokenize
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_text_atomic
from malitrack.errors import MalitrackError

#: Notebooks rendered by ``malitrack build`` with their default parameters.
DEFAULT_REPORTS = ("casualty_trends", "source_disagreement", "incident_profile")
#: ``malitrack build`` adds one incident profile per incident with at least
#: this many distinct claimant types.
PROFILE_MIN_CLAIMANT_TYPES = 2
TEMPLATE_NAME = "malitrack_report"
MANIFEST_NAME = "report_manifest.json"


@dataclass(frozen=True)
class Parameter:
    """One entry of a notebook's ``parameters`` cell: ``name = default  # help``."""

    name: str
    default: object
    help: str

    @property
    def choices(self) -> tuple[str, ...] | None:
        """Allowed values named in the help comment (``one of: a, b`` / ``any of: a, b``)."""
        match = re.search(r"\b(?:one|any) of:\s*([^;]+)", self.help)
        if match is None:
            return None
        return tuple(choice.strip() for choice in match.group(1).split(",") if choice.strip())

    @property
    def minimum(self) -> int | None:
        match = re.search(r"\bat least (-?\d+)", self.help)
        return None if match is None else int(match.group(1))

    @property
    def is_date(self) -> bool:
        return "YYYY-MM-DD" in self.help

    def describe(self) -> str:
        return f"{self.name} (default {json.dumps(self.default, ensure_ascii=False)}): {self.help}"


@dataclass(frozen=True)
class ReportJob:
    """One report to render: a notebook, its checked parameters, its files and cache key."""

    name: str
    parameters: dict = field(hash=False)
    html_path: Path
    executed_path: Path
    key: str
    title: str
    data_version: str


# ---------------------------------------------------------------- notebooks


def available_reports() -> list[str]:
    """Names of the report notebooks in ``notebooks/``.

    >>> "casualty_trends" in available_reports()
    True
    """
    return sorted(path.stem for path in paths.notebooks_dir().glob("*.ipynb"))


def notebook_path(name: str) -> Path:
    """The notebook for report ``name``; MalitrackError listing the valid names if none."""
    path = paths.notebooks_dir() / f"{name}.ipynb"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise MalitrackError(
            f"no report named {name!r}; valid reports: {', '.join(available_reports())}"
        )
    return path


def _read_notebook_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def notebook_parameters(name: str) -> dict[str, Parameter]:
    """The parameters declared in the notebook's cell tagged ``parameters``, in order.

    >>> notebook_parameters("incident_profile")["incident_id"].default
    'amassine-2024-05-19'
    """
    path = notebook_path(name)
    cells = [
        cell
        for cell in _read_notebook_json(path)["cells"]
        if "parameters" in cell.get("metadata", {}).get("tags", [])
    ]
    if len(cells) != 1:
        raise MalitrackError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
    source = _cell_source(cells[0])
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }
    parameters = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            raise MalitrackError(f"{path}: parameters cell line {node.lineno} is not `name = value`")
        if not isinstance(target, ast.Name):
            raise MalitrackError(f"{path}: parameters cell line {node.lineno} is not `name = value`")
        help_text = comments.get(node.end_lineno, "")
        if not help_text:
            raise MalitrackError(f"{path}: parameter {target.id!r} has no trailing # comment")
        parameters[target.id] = Parameter(target.id, ast.literal_eval(node.value), help_text)
    return parameters


def notebook_title(name: str) -> str:
    """The first ``# heading`` of the notebook (its report title)."""
    for cell in _read_notebook_json(notebook_path(name))["cells"]:
        if cell["cell_type"] == "markdown":
            match = re.search(r"^#\s+(.+)$", _cell_source(cell), flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return name.replace("_", " ").capitalize()


# ---------------------------------------------------------------- validation


def _parse_value(parameter: Parameter, raw: object) -> object:
    """Turn a command-line string (or an already-typed value) into the default's type."""
    default = parameter.default
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        raise ValueError("expected true or false")
    if isinstance(default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        try:
            return int(str(raw).strip())
        except ValueError:
            raise ValueError("expected a whole number") from None
    if isinstance(default, float):
        try:
            return float(str(raw).strip())
        except ValueError:
            raise ValueError("expected a number") from None
    if isinstance(default, list):
        if isinstance(raw, (list, tuple)):
            items = list(raw)
        else:
            text = str(raw).strip()
            if text.startswith("["):
                try:
                    items = json.loads(text)
                except json.JSONDecodeError:
                    try:
                        items = ast.literal_eval(text)
                    except (ValueError, SyntaxError):
                        raise ValueError('expected a list such as ["Kidal", "Gao"]') from None
            else:
                items = [item for item in text.split(",")] if text else []
        if not all(isinstance(item, str) for item in items):
            raise ValueError("expected a list of names")
        return [item.strip() for item in items if item.strip()]
    if isinstance(raw, str):
        return raw.strip()
    raise ValueError(f"expected text, got {raw!r}")


def _known_incident_ids() -> list[str]:
    from malitrack.clean.load import load_incidents

    return sorted(load_incidents()["incident_id"].astype(str))


def _known_perpetrators() -> list[str]:
    from malitrack.clean.load import load_claims

    names = load_claims()["perpetrators"].dropna().astype(str).str.split("; ").explode()
    return sorted(set(names.str.strip()) - {""})


#: Parameters whose valid values come from the clean data: loader, and where to read them all.
_DATA_VALUES: dict[str, tuple[Callable[[], list[str]], str]] = {
    "incident_id": (_known_incident_ids, "the incident_id column of data/clean/incidents.csv"),
    "perpetrator": (_known_perpetrators, "the perpetrators column of data/clean/claims.csv"),
}


def _valid_listing(values: list[str], wanted: str, where: str, limit: int = 60) -> str:
    """All valid values, or for long lists the closest ones and where to find the rest."""
    import difflib

    close = difflib.get_close_matches(wanted, values, n=5, cutoff=0.4)
    hint = f"closest: {', '.join(close)}; " if close else ""
    if len(values) <= limit:
        return f"{hint}valid values: {', '.join(values)}"
    return f"{hint}{len(values)} valid values, all in {where}"


def _check_value(parameter: Parameter, value: object, known_values: dict[str, list[str]]) -> None:
    items = value if isinstance(value, list) else [value]
    choices = parameter.choices
    if choices is not None:
        for item in items:
            if item not in choices:
                raise ValueError(f"{item!r} is not valid; valid values: {', '.join(choices)}")
    if parameter.minimum is not None and value < parameter.minimum:
        raise ValueError(f"{value!r} is below the minimum {parameter.minimum}")
    if parameter.is_date and value != "":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None
    if parameter.name in _DATA_VALUES and value != "":
        load_values, where = _DATA_VALUES[parameter.name]
        known = known_values[parameter.name] if parameter.name in known_values else load_values()
        for item in items:
            if item not in known:
                raise ValueError(f"{item!r} is not in the clean data; {_valid_listing(known, item, where)}")


def check_parameters(
    name: str, parameters: dict[str, object] | None = None, known_values: dict[str, list[str]] | None = None
) -> dict[str, object]:
    """Parse and validate ``parameters`` for report ``name``; defaults fill the rest.

    Values may be raw command-line strings (``'["Kidal"]'`` or ``Kidal,Gao``
    for a list) or typed values. ``known_values`` (parameter name -> valid
    values) saves reloading the clean data when checking many reports.
    Raises MalitrackError naming the valid parameters or values.

    >>> check_parameters("casualty_trends", {"regions": '["Kidal"]'})["regions"]
    ['Kidal']
    """
    declared = notebook_parameters(name)
    parameters = dict(parameters or {})
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        listing = "\n  ".join(parameter.describe() for parameter in declared.values())
        raise MalitrackError(
            f"report {name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"its parameters are:\n  {listing}"
        )
    checked = {}
    for key, parameter in declared.items():
        raw = parameters.get(key, parameter.default)
        try:
            value = _parse_value(parameter, raw)
            _check_value(parameter, value, known_values or {})
        except ValueError as error:
            raise MalitrackError(
                f"report {name!r}, parameter {key!r} = {raw!r}: {error} ({parameter.help})"
            ) from None
        checked[key] = value
    start, end = checked.get("start"), checked.get("end")
    if isinstance(start, str) and isinstance(end, str) and start and end and start > end:
        raise MalitrackError(f"report {name!r}: start {start} is after end {end}")
    return checked


# ---------------------------------------------------------------- what the parameters mean


def select_incidents(incidents, start: str = "", end: str = "", regions=(), min_claimant_types: int = 1):
    """Incidents that started between ``start`` and ``end`` (YYYY-MM-DD, "" = open), in
    ``regions`` (admin1 names; empty = all, incidents of unknown region then included),
    with claims from at least ``min_claimant_types`` types of claimant.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"incident_id": ["a", "b"], "admin1": ["Kidal", "Gao"],
    ...     "date_start": pd.to_datetime(["2024-05-19", "2012-01-17"]), "n_claimant_types": [4, 1]})
    >>> select_incidents(frame, start="2020-01-01")["incident_id"].tolist()
    ['a']
    >>> select_incidents(frame, regions=["Gao"], min_claimant_types=2)["incident_id"].tolist()
    []
    """
    import pandas as pd

    keep = incidents["n_claimant_types"] >= min_claimant_types
    if start:
        keep &= incidents["date_start"] >= pd.Timestamp(start)
    if end:
        keep &= incidents["date_start"] <= pd.Timestamp(end)
    if regions:
        keep &= incidents["admin1"].isin(list(regions)).fillna(False).astype(bool)
    return incidents[keep.fillna(False).astype(bool)]


def claims_blaming(claims, perpetrator: str):
    """Claims about the incidents in which at least one claim names ``perpetrator``
    among its canonical perpetrators ("" = every claim)."""
    if not perpetrator:
        return claims
    names = claims["perpetrators"].astype("str").fillna("").str.split("; ")
    blamed = names.map(lambda actors: perpetrator in actors).astype(bool)
    return claims[claims["incident_id"].isin(set(claims.loc[blamed, "incident_id"]))]


def describe_figures(claims) -> str:
    """Lowest and highest stated figure of the claims, in words, for a summary line.

    Uses each claim's ``best``: vague words ("plusieurs", "dozens") have a
    floor but no figure and are left out unless nothing else was said.
    "or more" marks an open-ended highest claim ("over 30"); no figure is
    never read as zero.

    >>> import pandas as pd
    >>> claims = pd.DataFrame({"low": [29, 31, 2], "best": [29, 31, None], "high": [29, None, None]}, dtype="Int64")
    >>> describe_figures(claims)
    '29 to 31 or more'
    >>> describe_figures(claims.iloc[[2]])
    'at least 2 (no exact figure)'
    """
    best = claims["best"].dropna()
    if best.empty:
        floors = claims["low"].dropna()
        return f"at least {int(floors.max())} (no exact figure)" if len(floors) else "no figure given"
    lowest, highest = int(best.min()), int(best.max())
    open_ended = claims.loc[best.index[best == highest], "high"].isna().any()
    text = f"{highest} or more" if open_ended else str(highest)
    return text if lowest == highest else f"{lowest} to {text}"


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


# ---------------------------------------------------------------- naming and caching


def _canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def report_stem(name: str, parameters: dict[str, object]) -> str:
    """File stem of a report: the notebook name, plus the non-default values.

    A value that survives slugging unchanged (an incident id) is used as is;
    otherwise a short hash of the parameters keeps names unique.

    >>> report_stem("incident_profile", {"incident_id": "tessit-2022-08-07"})
    'incident_profile--tessit-2022-08-07'
    """
    defaults = {key: parameter.default for key, parameter in notebook_parameters(name).items()}
    changed = {key: value for key, value in parameters.items() if value != defaults.get(key)}
    if not changed:
        return name
    texts = [value if isinstance(value, str) else _canonical_json(value) for value in changed.values()]
    slug = "-".join(_slug(text) or "none" for text in texts)[:80].strip("-")
    if len(changed) == 1 and texts[0] == slug:
        return f"{name}--{slug}"
    digest = hashlib.sha256(_canonical_json(changed).encode()).hexdigest()[:8]
    return f"{name}--{slug}-{digest}"


def _template_dir() -> Path:
    return Path(__file__).resolve().parent / "templates"


def _template_bytes() -> bytes:
    folder = _template_dir() / TEMPLATE_NAME
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def _package_code_bytes() -> bytes:
    """The package's code and style: a change to the analysis or charts re-renders the reports."""
    package = Path(__file__).resolve().parent.parent
    files = sorted([*package.rglob("*.py"), *package.rglob("*.mplstyle")])
    return b"".join(path.relative_to(package).as_posix().encode() + path.read_bytes() for path in files)


def code_version() -> str:
    """sha256 of the report template and the package's code: part of every report's cache key."""
    digest = hashlib.sha256()
    for part in (_template_bytes(), _package_code_bytes()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def cache_key(data_version: str, name: str, parameters: dict[str, object], code: str | None = None) -> str:
    """sha256 of the data version, notebook, template, package code and canonical parameters.

    ``code`` is :func:`code_version`, when the caller already has it (a build
    keys two hundred reports and reads the code once).
    """
    digest = hashlib.sha256()
    for part in (
        data_version.encode(),
        notebook_path(name).read_bytes(),
        (code or code_version()).encode(),
        _canonical_json({"report": name, "parameters": parameters}).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _manifest_path() -> Path:
    return paths.build_dir() / MANIFEST_NAME


def _read_manifest() -> dict[str, dict]:
    try:
        return json.loads(_manifest_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _write_manifest(manifest: dict[str, dict]) -> None:
    write_text_atomic(_manifest_path(), json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _current_data_version() -> str:
    from malitrack.clean.load import data_version

    return str(data_version())


def make_job(
    name: str,
    parameters: dict[str, object] | None,
    data_version: str,
    known_values: dict[str, list[str]] | None = None,
    code: str | None = None,
) -> ReportJob:
    """Check the parameters and work out the files and cache key of one report."""
    checked = check_parameters(name, parameters, known_values)
    stem = report_stem(name, checked)
    title = notebook_title(name)
    if name == "incident_profile" and "incident_id" in checked:
        title = f"{title}: {checked['incident_id']}"
    return ReportJob(
        name=name,
        parameters=checked,
        html_path=paths.reports_dir() / f"{stem}.html",
        executed_path=paths.build_dir() / "notebooks" / f"{stem}.ipynb",
        key=cache_key(data_version, name, checked, code),
        title=title,
        data_version=data_version,
    )


def _is_fresh(job: ReportJob, manifest: dict[str, dict]) -> bool:
    entry = manifest.get(job.html_path.name)
    return entry is not None and entry.get("key") == job.key and job.html_path.is_file()


# ---------------------------------------------------------------- execute and export


class ReportError(MalitrackError):
    """A report notebook failed: names the notebook, the cell and the error."""


def _execute(job: ReportJob):
    """Run the report notebook under papermill; returns the executed notebook.

    The notebook is written once, at the end (or at the failing cell), not
    after every cell as papermill does by default: a report is small and fast,
    and rewriting it with its images at every cell was a fifth of its cost.
    The kernel logs errors only, so its transport warnings stay out of the
    terminal.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    job.executed_path.parent.mkdir(parents=True, exist_ok=True)
    label = f"notebook {job.name}.ipynb ({job.html_path.stem})"
    for attempt in (1, 2):
        try:
            return papermill.execute_notebook(
                str(notebook_path(job.name)),
                str(job.executed_path),
                parameters=job.parameters,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                cwd=str(paths.notebooks_dir()),
                request_save_on_cell_execute=False,
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        except PapermillExecutionError as error:
            first_line = error.source.strip().splitlines()[0] if error.source.strip() else ""
            raise ReportError(
                f"{label}, cell {_source_cell_number(job.executed_path, error.cell_index)} "
                f"({first_line!r}): {error.ename}: {error.evalue}; "
                f"executed notebook kept in {job.executed_path}"
            ) from None
        except (RuntimeError, TimeoutError) as error:  # the kernel did not start or died
            if attempt == 2:
                raise ReportError(f"{label}: kernel failed twice: {type(error).__name__}: {error}") from None


def _source_cell_number(executed_path: Path, cell_index: int) -> int:
    """1-based number of a cell in the notebook as written (papermill's injected cell not counted).

    ``cell_index`` counts the executed cells before papermill added its
    error-marker cells to the saved notebook, so those are skipped first.
    """
    from papermill.execute import ERROR_MARKER_TAG

    cells = [
        cell
        for cell in _read_notebook_json(executed_path)["cells"]
        if ERROR_MARKER_TAG not in cell.get("metadata", {}).get("tags", [])
    ]
    injected = sum(
        1
        for index, cell in enumerate(cells[:cell_index])
        if "injected-parameters" in cell.get("metadata", {}).get("tags", [])
    )
    return cell_index + 1 - injected


def _strip_run_metadata(notebook) -> None:
    """Remove everything that differs between two runs on the same data."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell["id"] = f"cell-{index}"


def _summary(notebook) -> str:
    """Text printed by the cell tagged ``summary``, on one line."""
    for cell in notebook.cells:
        if "summary" in cell.metadata.get("tags", []):
            texts = [
                output.get("text", "") if output.output_type == "stream" else output.get("data", {}).get("text/plain", "")
                for output in cell.get("outputs", [])
            ]
            return " ".join("".join(texts).split())
    return ""


@functools.lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process: loading its templates costs more than a render."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its closing BeautifulSoup pass.

        That pass parses the whole page again only to give images a
        placeholder alt text and outputs a ``tabindex``; the report template
        writes both itself (the chart's title as alt text), and the pass was
        most of a report's export time (0.15 s with a long claims table).
        The filters are the ones ``HTMLExporter.from_notebook_node`` registers.
        """

        def from_notebook_node(self, nb, resources=None, **kw):
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(parent=self)))
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(_template_dir())],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def _export_html(job: ReportJob, notebook) -> str:
    body, _ = _exporter().from_notebook_node(notebook, resources={"metadata": {"name": job.title}})
    return body


def render_job(job: ReportJob) -> dict:
    """Execute one report notebook and write its HTML; returns its manifest entry."""
    import nbformat

    started = time.perf_counter()
    notebook = _execute(job)
    _strip_run_metadata(notebook)
    notebook.metadata["title"] = job.title
    notebook.metadata["malitrack"] = {
        "report": job.name,
        "parameters": job.parameters,
        "data_version": job.data_version,
    }
    nbformat.write(notebook, job.executed_path)
    write_text_atomic(job.html_path, _export_html(job, notebook))
    return {
        "key": job.key,
        "report": job.name,
        "parameters": job.parameters,
        "title": job.title,
        "summary": _summary(notebook),
        "seconds": round(time.perf_counter() - started, 2),
    }


def render_report(name: str, parameters: dict[str, str], force: bool = False) -> Path:
    """Validate, execute and export one report; returns the HTML path in ``reports/``.

    Unchanged data, notebook and parameters reuse the existing HTML unless
    ``force``. ``malitrack report incident_profile -p incident_id tessit-2022-08-07``
    calls ``render_report("incident_profile", {"incident_id": "tessit-2022-08-07"})``.
    """
    job = make_job(name, parameters, _current_data_version())
    manifest = _read_manifest()
    if force or not _is_fresh(job, manifest):
        entry = render_job(job)
        manifest = _read_manifest()
        manifest[job.html_path.name] = entry
        _write_manifest(manifest)
    return job.html_path


# ---------------------------------------------------------------- build


def build_jobs(data_version: str) -> list[ReportJob]:
    """Every default report, plus one incident profile per incident with >= 2 claimant types."""
    from malitrack.clean.load import load_incidents

    known_values = {name: load_values() for name, (load_values, _) in _DATA_VALUES.items()}
    code = code_version()
    jobs = [make_job(name, {}, data_version, known_values, code) for name in DEFAULT_REPORTS]
    incidents = load_incidents()
    profiled = incidents.loc[incidents["n_claimant_types"] >= PROFILE_MIN_CLAIMANT_TYPES, "incident_id"]
    for incident_id in sorted(profiled.astype(str)):
        jobs.append(make_job("incident_profile", {"incident_id": incident_id}, data_version, known_values, code))
    unique = {job.html_path: job for job in jobs}
    return list(unique.values())


def _ensure_clean_data() -> None:
    """Run ``malitrack.clean.run.clean`` unless data/clean/ was already made from the current
    raw files and code (its manifest's fingerprint): same files either way, as clean is
    deterministic, but a rebuild skips the clean's seconds."""
    from malitrack.clean.load import ensure_clean

    ensure_clean()


def _log_kernel_stderr(log_path: str) -> None:
    """In a build worker: send stderr (and the kernels' start-up chatter, which inherits it) to a log.

    ipykernel prints transport warnings and "KeyboardInterrupt caught in kernel"
    at every start and stop; failures still reach the build as exceptions.
    """
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 2)
    os.close(log)


def build(force: bool = False, jobs: int | None = None, progress=print) -> list[Path]:
    """Clean the data if needed, render every stale report in parallel, write ``reports/index.html``.

    Returns the HTML paths (reports, then the index). A failed report does not
    stop the others; at the end MalitrackError names each failed notebook and cell.
    """
    started = time.perf_counter()
    _ensure_clean_data()
    data_version = _current_data_version()
    all_jobs = build_jobs(data_version)
    manifest = _read_manifest()
    pending = [job for job in all_jobs if force or not _is_fresh(job, manifest)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending) or 1))
    progress(
        f"{len(all_jobs)} reports: {len(all_jobs) - len(pending)} up to date, "
        f"{len(pending)} to render with {workers} worker{'s' if workers > 1 else ''}"
    )
    failures = []

    def record(job: ReportJob, entry: dict | None, error: BaseException | None, done: int) -> None:
        if error is not None:
            failures.append(str(error))
            progress(f"[{done}/{len(pending)}] FAILED {job.html_path.name}: {error}")
            return
        manifest[job.html_path.name] = entry
        _write_manifest(manifest)
        progress(f"[{done}/{len(pending)}] {job.html_path.name} ({entry['seconds']:.1f} s)")

    if workers == 1:
        for done, job in enumerate(pending, start=1):
            try:
                record(job, render_job(job), None, done)
            except MalitrackError as error:
                record(job, None, error, done)
    elif pending:
        context = multiprocessing.get_context("spawn")  # workers see the current environment (MALITRACK_HOME)
        kernel_log = paths.build_dir() / "kernels.log"
        kernel_log.parent.mkdir(parents=True, exist_ok=True)
        kernel_log.write_text("")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_log_kernel_stderr,
                                 initargs=(str(kernel_log),)) as pool:
            futures = {pool.submit(render_job, job): job for job in pending}
            for done, future in enumerate(as_completed(futures), start=1):
                error = future.exception()
                if error is not None and not isinstance(error, MalitrackError):
                    error = ReportError(f"notebook {futures[future].name}.ipynb: {type(error).__name__}: {error}")
                record(futures[future], None if error else future.result(), error, done)

    index = write_index(all_jobs, manifest, data_version)
    if failures:
        raise MalitrackError(f"{len(failures)} report(s) failed:\n" + "\n".join(failures))
    progress(f"built {len(all_jobs)} reports and {index.name} in {time.perf_counter() - started:.1f} s")
    return [job.html_path for job in all_jobs] + [index]


# ---------------------------------------------------------------- index

_INDEX_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ddd; }
.meta { color: #555; font-size: 0.9rem; }
"""


def render_index(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str) -> str:
    """HTML of reports/index.html: one link and one-line summary per report, all text escaped."""
    escape = html.escape

    def row(job: ReportJob) -> str:
        entry = manifest.get(job.html_path.name, {})
        return (
            f'<tr><td><a href="{escape(job.html_path.name)}">{escape(job.title)}</a></td>'
            f"<td>{escape(entry.get('summary', ''))}</td></tr>"
        )

    main = [job for job in jobs if job.name != "incident_profile"]
    profiles = [job for job in jobs if job.name == "incident_profile"]
    sections = [
        ("Reports", main),
        (f"Incident profiles ({len(profiles)} incidents with at least "
         f"{PROFILE_MIN_CLAIMANT_TYPES} types of claimant)", profiles),
    ]
    body = []
    for heading, section_jobs in sections:
        if not section_jobs:
            continue
        body.append(f"<h2>{escape(heading)}</h2>")
        body.append("<table><thead><tr><th>Report</th><th>Summary</th></tr></thead><tbody>")
        body.extend(row(job) for job in section_jobs)
        body.append("</tbody></table>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n"
        "<title>malitrack reports</title>\n"
        f"<style>{_INDEX_STYLE}</style>\n</head>\n<body>\n<main>\n"
        "<h1>malitrack reports</h1>\n"
        "<p class=\"meta\">Casualty claims about political violence in Mali: who said how many died, "
        f"who they were and who did it. Data version <code>{escape(data_version)}</code>.</p>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_index(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str) -> Path:
    """Write reports/index.html (only if its content changed) and return its path."""
    path = paths.reports_dir() / "index.html"
    text = render_index(jobs, manifest, data_version)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_text_atomic(path, text)
    return path
