"""One report notebook executed by papermill and exported by nbconvert into HTML.

Method, after the papermill and LA Times ``utils/run.py`` patterns:

1. **Execute.** papermill injects the parameters after the ``parameters``
   cell, and nbclient runs the notebook in a ``python3`` kernel started in
   ``notebooks/`` (so it runs the same as in JupyterLab). The kernel is kept
   for the next report (:class:`ReportKernel`), with a fresh namespace each
   time. The executed notebook goes to ``build/notebooks/``, kept for
   debugging. A kernel that fails to start is retried once; a failing cell is
   reported as ``notebook X, cell N: ename: evalue``.
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
from malitrack.report.notebook_files import cell_source, cell_tags, notebook_path, read_notebook

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

#: Run in the kernel once it has started: imports the notebooks' libraries, records the kernel's state.
_KERNEL_START = "from malitrack.report import kernel_state\nkernel_state.remember_start({modules!r})"
#: Run in the kernel before every report: a namespace and state as after the start.
_KERNEL_FRESH = "__import__('malitrack.report.kernel_state').report.kernel_state.fresh_state()"


class ReportKernel:
    """One Jupyter kernel that runs report after report, each in a fresh namespace.

    Starting a kernel and importing pandas and matplotlib costs seconds; a
    report, a fraction of one. So a build worker keeps one kernel for all its
    reports: papermill injects each report's parameters into its notebook
    (``parameterize_notebook``), nbclient runs the cells in the kept kernel,
    and :func:`malitrack.report.kernel_state.fresh_state` empties the
    namespace and puts back the state the previous report may have changed.
    A report is byte-identical to the same report made alone
    (``malitrack report``, which uses a kernel of its own the same way).

    A kernel that fails to start is retried once. A failing cell raises
    :class:`ReportError` naming the notebook and the cell; the kernel is then
    restarted, as the failure may have left it in any state. Use as a
    context manager, or call :meth:`close`.
    """

    def __init__(self, notebooks: list[str] = ()):
        self._client = None
        self._language_info = None
        self._modules = notebook_imports(notebooks)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def start(self) -> None:
        """Start the kernel now rather than with the first report; a failure is left to that report."""
        try:
            self._start("kernel start")
        except ReportError:
            pass

    def _start(self, label: str) -> None:
        from nbclient import NotebookClient
        import nbformat

        for attempt in (1, 2):
            client = NotebookClient(
                nbformat.v4.new_notebook(),
                kernel_name="python3",
                record_timing=False,
                shutdown_kernel="immediate",  # nothing is left to save when a worker is done
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
            try:
                client.km = client.create_kernel_manager()
                client.start_new_kernel(cwd=str(paths.notebooks_dir()))
                client.start_new_kernel_client()
                self._client = client
                self._language_info = self._run(_KERNEL_START.format(modules=self._modules), reply=True)["language_info"]
                return
            except (RuntimeError, TimeoutError) as error:  # the kernel did not start or died
                self.close(client)
                if attempt == 2:
                    raise ReportError(f"{label}: kernel failed twice: {type(error).__name__}: {error}") from None

    def _run(self, code: str, reply: bool = False):
        """Run ``code`` silently in the kernel; RuntimeError if it fails. ``reply``: return kernel_info too."""
        from jupyter_core.utils import run_sync

        client = self._client
        msg_id = client.kc.execute(code, silent=True, store_history=False)
        answer = run_sync(client.async_wait_for_reply)(msg_id)
        if answer is None or answer["content"]["status"] != "ok":
            content = answer["content"] if answer else {}
            raise RuntimeError(f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}")
        if reply:
            info_id = client.kc.kernel_info()
            return run_sync(client.async_wait_for_reply)(info_id)["content"]
        return answer

    def close(self, client=None) -> None:
        """Shut the kernel down (``client``: a half-started one)."""
        client = client or self._client
        if client is not None and client.km is not None:
            try:
                client._cleanup_kernel()
            except Exception:  # noqa: BLE001  (already dead: nothing left to stop)
                pass
        if client is self._client:
            self._client = None

    def execute(self, job: "ReportJob"):
        """Run the report notebook with the job's parameters; returns the executed notebook."""
        from nbclient.exceptions import CellExecutionError, DeadKernelError
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        label = f"notebook {job.name}.ipynb ({job.html_path.stem})"
        if self._client is None:
            self._start(label)
        notebook = parameterize_notebook(load_notebook_node(str(notebook_path(job.name))), job.parameters,
                                         kernel_name="python3", language="python")
        notebook.metadata["language_info"] = self._language_info
        client = self._client
        client.nb = notebook
        client.reset_execution_trackers()
        index = -1
        try:
            self._run(_KERNEL_FRESH)
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
        except CellExecutionError as error:
            self.close()
            _write_failed(job, notebook)
            raise ReportError(
                f"{label}, cell {_source_cell_number(notebook, index)} ({_first_line(notebook, index)!r}): "
                f"{error.ename}: {error.evalue}; executed notebook kept in {job.executed_path}"
            ) from None
        except (RuntimeError, TimeoutError, DeadKernelError) as error:
            self.close()
            raise ReportError(f"{label}: kernel failed: {type(error).__name__}: {error}") from None
        return notebook


def notebook_imports(names: list[str]) -> list[str]:
    """The modules the notebooks ``names`` import at the top of their code cells, sorted.

    Cells that are not Python (magics) are skipped; so are imports of names
    that are not modules (``from IPython.display import display`` gives
    ``IPython.display``).
    """
    import ast

    modules = set()
    for name in names:
        for cell in read_notebook(notebook_path(name))["cells"]:
            if cell["cell_type"] != "code":
                continue
            try:
                tree = ast.parse(cell_source(cell))
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, ast.Import):
                    modules.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module)
    return sorted(modules)


def _first_line(notebook, index: int) -> str:
    source = notebook.cells[index].source.strip() if index >= 0 else ""
    return source.splitlines()[0] if source else ""


def _source_cell_number(notebook, index: int) -> int:
    """1-based number of a cell in the notebook as written (papermill's injected cell not counted)."""
    injected = sum(1 for cell in notebook.cells[:index] if "injected-parameters" in cell_tags(cell))
    return index + 1 - injected


def _write_failed(job: "ReportJob", notebook) -> None:
    """Keep the notebook of a failed report, run up to its failing cell, for debugging."""
    import nbformat

    job.executed_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, job.executed_path)


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


def render_job(job: ReportJob, kernel: ReportKernel | None = None) -> dict:
    """Execute one report notebook and write its HTML; returns its manifest entry.

    ``kernel``: the kept kernel to run it in; without one, a kernel is
    started for this report and shut down after it.
    """
    import nbformat

    started = time.perf_counter()
    if kernel is None:
        with ReportKernel([job.name]) as own:
            notebook = own.execute(job)
    else:
        notebook = kernel.execute(job)
    _strip_run_metadata(notebook)
    notebook.metadata["title"] = job.title
    notebook.metadata["malitrack"] = page_metadata(job.name, job.parameters, job.data_version, job.html_path.name)
    job.executed_path.parent.mkdir(parents=True, exist_ok=True)
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
