"""One report notebook executed by papermill and exported by nbconvert into HTML.

Method, after the papermill and LA Times ``utils/run.py`` patterns:

1. **Execute.** papermill runs the notebook in its own ``python3`` kernel from
   ``notebooks/`` (so it runs the same as in JupyterLab) into
   ``build/notebooks/``, kept for debugging, written once at the end rather
   than after every cell. A kernel that fails to start is retried once; a
   failing cell is reported as ``notebook X, cell N: ename: evalue``.
2. **Export.** Run-dependent metadata (papermill timestamps, durations, random
   cell ids) is stripped, then nbconvert's HTML exporter renders the outputs
   without code through the ``malitrack_report`` template: the JupyterLab
   template minus require.js, MathJax, Mermaid and widget scripts (all loaded
   from CDNs), plus a header naming the parameters and the data version.
   Charts are embedded as SVG data URIs with their title as alt text, so the
   file works offline and the same data gives byte-identical HTML.

What to render (parameters checked, file names, cache key) is worked out by
:mod:`malitrack.report.build`; this module only runs one :class:`ReportJob`.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_text_atomic
from malitrack.errors import MalitrackError
from malitrack.report.edition import page_metadata
from malitrack.report.notebook_files import cell_tags, notebook_path, read_notebook

TEMPLATE_NAME = "malitrack_report"


def template_dir() -> Path:
    """The package's Jinja templates: the report template folder and the index page."""
    return Path(__file__).resolve().parent / "templates"


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


class ReportError(MalitrackError):
    """A report notebook failed: names the notebook, the cell and the error."""


# ---------------------------------------------------------------- execute


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

    cells = [cell for cell in read_notebook(executed_path)["cells"] if ERROR_MARKER_TAG not in cell_tags(cell)]
    injected = sum(1 for cell in cells[:cell_index] if "injected-parameters" in cell_tags(cell))
    return cell_index + 1 - injected


# ---------------------------------------------------------------- export


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
        extra_template_basedirs=[str(template_dir())],
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
    notebook.metadata["malitrack"] = page_metadata(job.name, job.parameters, job.data_version, job.html_path.name)
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
