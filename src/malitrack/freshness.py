"""When ``data/clean/`` and the reports are stale: two fingerprints, one rule.

- :func:`input_fingerprint`: the raw files plus the code of the clean step
  (``parse/`` and ``clean/``, every file in them, and every malitrack module
  they import). It is stored in ``data/clean/manifest.json``; when it differs,
  the loaders re-clean.
- :func:`code_version`: the code of the reports (``analysis/`` and ``report/``,
  every file in them: code, style sheet, templates; the notebooks; every
  malitrack module they import). It is part of every report's cache key; when
  it differs, the build re-renders.

Reports see the clean step only through the data, whose version is in their
cache key already, so ``code_version`` does not follow imports into the clean
step (``malitrack.clean`` other than the loader): editing chart code
re-renders reports without re-cleaning the data, and editing the figure reader
re-cleans the data, and re-renders only if the data changed. Parsing code that
runs while a report renders (the actor register lookups, the importers) is
followed and hashed.

Both hash whole folders recursively and follow imports (read with ``ast``,
nothing is imported), so a new sub-folder, a data file such as a lexicon, or a
new top-level module cannot be missed. The raw folder counts whole too (its
notes and READMEs included: an edit there costs one cheap re-clean, and no
new input format can slip by). Caches and hidden files are skipped. Every
file is hashed with its path relative to its root, so moving a file changes
the fingerprint and the machine's location does not. The manifest records
the clean step's code files, so a report kernel's check hashes that list
instead of reading imports (``benchmarks/bench_freshness.py``).
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from malitrack import paths

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = PACKAGE_DIR.name
DATA_CODE_FOLDERS = ("parse", "clean")
REPORT_CODE_FOLDERS = ("analysis", "report")
# Modules whose effect on a report is the clean data, named by its data version.
THROUGH_THE_DATA = (f"{PACKAGE}.clean",)
THROUGH_THE_DATA_EXCEPT = (f"{PACKAGE}.clean.load",)
CACHE_FOLDERS = frozenset({"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".mypy_cache"})
CACHE_SUFFIXES = frozenset({".pyc", ".pyo"})


def content_files(folder: Path) -> list[Path]:
    """Every file under ``folder``, recursively and sorted, except caches and hidden files.

    >>> [p.name for p in content_files(PACKAGE_DIR / "report")][:2]
    ['__init__.py', 'build.py']
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(part in CACHE_FOLDERS or part.startswith(".") for part in parts):
            continue
        if path.is_file() and path.suffix not in CACHE_SUFFIXES:
            found.append(path)
    return sorted(found)


def _module_file(module: str, package_dir: Path) -> Path | None:
    """The file defining ``malitrack.a.b`` (``a/b.py`` or ``a/b/__init__.py``), if any."""
    parts = module.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path, package_dir: Path) -> str:
    parts = list(path.relative_to(package_dir).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _exported_modules(package_dir: Path) -> dict[str, str]:
    """The package's lazy exports (``_EXPORTS`` in its ``__init__``): public name -> module."""
    init = package_dir / "__init__.py"
    try:
        return _exports_in(init, _stamp(init))
    except OSError:
        return {}


@lru_cache(maxsize=16)
def _exports_in(init: Path, stamp: tuple[int, int]) -> dict[str, str]:
    try:
        tree = ast.parse(init.read_bytes())
    except SyntaxError:
        return {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in targets) and node.value is not None:
            try:
                return {name: f"{PACKAGE}.{module}" for name, module in ast.literal_eval(node.value).items()}
            except ValueError:
                return {}
    return {}


def _is_type_checking(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:``: imports for type checkers that never run."""
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


# Fields holding the statements nested in a statement (bodies of def, class, if, for, with, try, match).
_STATEMENT_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at module level or inside functions, outside ``if TYPE_CHECKING:``.

    Only statements are visited (an import is never inside an expression), which
    keeps the check cheap enough for every report kernel.
    """
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        fields = ("orelse",) if _is_type_checking(node) else _STATEMENT_FIELDS
        for field in fields:
            todo.extend(getattr(node, field, ()))


def _resolve_name(name: str, package_dir: Path, exports: dict[str, str]) -> list[str]:
    """The modules an imported dotted name runs: itself if a module, else the module defining it.

    A public name imported from the package itself (``from malitrack import load_claims``)
    runs the package's ``__init__`` and the module its lazy export points to.
    """
    if _module_file(name, package_dir) is not None:
        return [name]
    parent, _, attribute = name.rpartition(".")
    if parent == PACKAGE and attribute in exports:
        return [PACKAGE, exports[attribute]]
    return [parent] if parent and _module_file(parent, package_dir) is not None else []


def imported_modules(tree: ast.AST, module: str = PACKAGE, package_dir: Path | None = None) -> set[str]:
    """malitrack modules a syntax tree imports (module level and inside functions).

    ``from malitrack.a import b`` names ``malitrack.a.b`` when that is a module and
    ``malitrack.a`` otherwise; relative imports are resolved against ``module``;
    imports under ``if TYPE_CHECKING:`` never run and are left out.

    >>> sorted(imported_modules(ast.parse("from malitrack.vocab import OUTCOMES\\nimport os")))
    ['malitrack.vocab']
    >>> sorted(imported_modules(ast.parse("from malitrack import paths, load_claims")))
    ['malitrack', 'malitrack.clean.load', 'malitrack.paths']
    """
    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    exports = _exported_modules(package_dir)
    names = []
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
            continue
        if node.level:
            anchor = module.split(".")[: len(module.split(".")) - node.level + 1]
            base = ".".join([*anchor, node.module] if node.module else anchor)
        else:
            base = node.module or ""
        names += [base if alias.name == "*" else f"{base}.{alias.name}" for alias in node.names]
    found = set()
    for name in names:
        if name.split(".")[0] == PACKAGE:
            found.update(_resolve_name(name, package_dir, exports))
    return found


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=1024)
def _file_imports(path: Path, module: str, package_dir: Path, stamp: tuple[int, int]) -> frozenset[str]:
    """``imported_modules`` of one file, parsed once per version of the file (``stamp``) in a process."""
    try:
        tree = ast.parse(path.read_bytes())
    except SyntaxError:
        return frozenset()  # hashed as bytes anyway; the import itself will fail loudly
    return frozenset(imported_modules(tree, module, package_dir))


def _code_closure(roots: Iterable[Path], package_dir: Path, stop: tuple[str, ...] = (), keep: tuple[str, ...] = ()) -> set[Path]:
    """The Python files ``roots`` import, directly or not, plus the packages they sit in.

    Modules under a prefix in ``stop`` (unless listed in ``keep``) are not followed.
    """
    seen: set[Path] = set()
    todo = [path for path in roots if path.suffix == ".py"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        module = _module_name(path, package_dir)
        # importing a.b.c runs a/__init__ and a/b/__init__ (the top-level __init__ only maps names lazily)
        parents = module.split(".")
        for depth in range(2, len(parents)):
            init = _module_file(".".join(parents[:depth]), package_dir)
            if init is not None and init not in seen:
                todo.append(init)
        for name in _file_imports(path, module, package_dir, _stamp(path)):
            stopped = any(name == s or name.startswith(f"{s}.") for s in stop) and name not in keep
            target = _module_file(name, package_dir)
            if target is not None and target not in seen and not stopped:
                todo.append(target)
    return seen


def _notebook_imports(notebook: Path, package_dir: Path) -> set[str]:
    """malitrack modules imported by a notebook's code cells (magics and shell lines skipped)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return set()
    found = set()
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        try:
            found |= imported_modules(ast.parse("\n".join(lines)), package_dir=package_dir)
        except SyntaxError:
            continue
    return found


def _digest(entries: Iterable[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for label, path in sorted(entries):
        digest.update(label.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _package_entries(files: Iterable[Path], package_dir: Path) -> set[tuple[str, Path]]:
    return {(f"{PACKAGE}/{path.relative_to(package_dir).as_posix()}", path) for path in files}


def data_code_files(package_dir: Path | None = None) -> list[Path]:
    """The package files the clean step runs or reads: ``parse/``, ``clean/`` and their imports."""
    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    folders = [path for name in DATA_CODE_FOLDERS for path in content_files(package_dir / name)]
    return sorted(set(folders) | _code_closure(folders, package_dir))


def report_code_files(package_dir: Path | None = None, notebooks_dir: Path | None = None) -> list[Path]:
    """The package files a report runs or reads, outside the clean step (see the module docstring)."""
    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    folders = [path for name in REPORT_CODE_FOLDERS for path in content_files(package_dir / name)]
    from_notebooks = set()
    for _, notebook in _notebooks(notebooks_dir):
        from_notebooks |= {_module_file(name, package_dir) for name in _notebook_imports(notebook, package_dir)}
    closure = _code_closure([*folders, *from_notebooks], package_dir, THROUGH_THE_DATA, THROUGH_THE_DATA_EXCEPT)
    return sorted(set(folders) | from_notebooks | closure)


def _notebooks(notebooks_dir: Path | None) -> list[tuple[str, Path]]:
    """(label, file) for every file of the notebooks folder (none when installed without a project)."""
    if notebooks_dir is None:
        try:
            notebooks_dir = paths.notebooks_dir()
        except RuntimeError:
            return []
    return [(f"notebooks/{path.relative_to(notebooks_dir).as_posix()}", path) for path in content_files(notebooks_dir)]


def data_code_names(package_dir: Path | None = None) -> list[str]:
    """:func:`data_code_files` relative to the package, as ``data/clean/manifest.json`` records them."""
    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    return [path.relative_to(package_dir).as_posix() for path in data_code_files(package_dir)]


def input_fingerprint(
    raw_dir: Path | None = None, package_dir: Path | None = None, recorded: Iterable[str] | None = None
) -> str:
    """SHA-256 over every raw file and the clean step's code: changes when the clean output could.

    ``recorded`` is the list of code files a manifest recorded (:func:`data_code_names`
    when it was written). Checking against it skips reading the imports, which
    is what every report kernel does: the answer is the same, because the set of
    files can only have changed if one of them changed (an import was added or
    removed) or the ``parse/`` and ``clean/`` folders changed, which are listed
    again every time. A recorded file that is gone gives a fingerprint no
    manifest holds.
    """
    raw_dir = Path(raw_dir) if raw_dir else paths.raw_dir()
    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    raw = {(f"raw/{path.relative_to(raw_dir).as_posix()}", path) for path in content_files(raw_dir)}
    if recorded is None:
        code = data_code_files(package_dir)
    else:
        code = {package_dir / name for name in recorded}
        if not all(path.is_file() for path in code):
            return "missing recorded code files"
        code |= {path for name in DATA_CODE_FOLDERS for path in content_files(package_dir / name)}
    return _digest(raw | _package_entries(code, package_dir))


def code_version(package_dir: Path | None = None, notebooks_dir: Path | None = None) -> str:
    """SHA-256 of the reports' code, style, templates and notebooks: part of every report's cache key."""
    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    files = _package_entries(report_code_files(package_dir, notebooks_dir), package_dir)
    return _digest(files | set(_notebooks(notebooks_dir)))
