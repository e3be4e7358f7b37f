"""Import direction is a rule: each layer imports only the layers below it, and no module imports itself back.

The layers, from the bottom: the ground modules (vocab, text, errors, paths,
atomic, reference) -> parse (text -> values) -> clean (data/raw -> data/clean) ->
analysis -> report; importers read other datasets beside them. Imports are
read with ``ast`` from the source, at module level and inside functions, so a
lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

from malitrack import freshness

PACKAGE_DIR = freshness.PACKAGE_DIR
LAYERS = ("parse", "clean", "analysis", "importers", "report")
# "reference" (the reference tables of one raw folder, handed to parse/) is ground too: parse/ imports it.
GROUND = ("vocab", "text", "errors", "paths", "atomic", "reference")
# Top-level modules that are not ground: the data contract, the fingerprints,
# the command line and the package's lazy public names.
TOP = ("schemas", "freshness", "cli", "__init__")
# layer -> the layers and top-level modules it must not import
FORBIDDEN = {
    "parse": {"clean", "analysis", "importers", "report"},
    "clean": {"analysis", "importers", "report"},
    "analysis": {"report", "importers"},
    "schemas": set(LAYERS),  # the data contract does not depend on the code that cleans
    "freshness": set(LAYERS),  # it reads the layers as files, never imports them
    **{ground: set(LAYERS) | {"schemas", "freshness", "cli", "__init__"} for ground in GROUND},
}
# (importing module, imported module) edges that break a rule today and are
# left for a later change; each one says why.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def layer_of(module: str) -> str:
    """``malitrack.parse.figures`` -> ``parse``; ``malitrack.vocab`` -> ``vocab``; ``malitrack`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def import_graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """module -> the package's modules it imports (module level and inside functions)."""
    graph = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(package_dir).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        module = ".".join([package_dir.name, *parts])
        tree = ast.parse(path.read_bytes(), filename=str(path))
        graph[module] = freshness.imported_modules(tree, module, package_dir) - {module}
    return graph


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import that goes against the layer order, as 'importer imports imported (layer rule)'."""
    found = []
    for module, imported in sorted(graph.items()):
        forbidden = FORBIDDEN.get(layer_of(module), set())
        for target in sorted(imported):
            if layer_of(target) in forbidden and (module, target) not in KNOWN_EXCEPTIONS:
                found.append(f"{module} imports {target} ({layer_of(module)} must not import {layer_of(target)})")
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, str] = {}  # "open" while on the path, "done" once explored
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_every_module_belongs_to_a_known_layer():
    unknown = sorted(m for m in import_graph() if layer_of(m) not in (*LAYERS, *GROUND, *TOP))
    assert not unknown, f"new top-level modules: add each to GROUND or TOP in this test, with its rule: {unknown}"


def test_no_module_imports_a_layer_it_must_not():
    violations = layer_violations(import_graph())
    assert not violations, "imports against the layer order:\n" + "\n".join(violations)


def test_known_exceptions_still_exist():
    graph = import_graph()
    gone = sorted(edge for edge in KNOWN_EXCEPTIONS if edge[1] not in graph.get(edge[0], set()))
    assert not gone, f"remove these from KNOWN_EXCEPTIONS, the import is gone: {gone}"


def test_no_import_cycles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_rules_catch_an_upward_import_and_a_cycle(tmp_path):
    package = tmp_path / "malitrack"
    files = {
        "__init__.py": "",
        "vocab.py": "",
        "parse/__init__.py": "",
        "parse/dates.py": "from malitrack.vocab import X\n\ndef f():\n    from malitrack.report.charts import chart\n",
        "clean/__init__.py": "",
        "clean/load.py": "def ensure():\n    from malitrack.clean.run import clean\n",
        "clean/run.py": "from malitrack.clean.write import write\n",
        "clean/write.py": "from malitrack.clean.load import input_fingerprint\n",
        "report/__init__.py": "",
        "report/charts.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    graph = import_graph(package)
    assert layer_violations(graph) == [
        "malitrack.parse.dates imports malitrack.report.charts (parse must not import report)"
    ]
    assert find_cycle(graph) == ["malitrack.clean.load", "malitrack.clean.run", "malitrack.clean.write", "malitrack.clean.load"]
