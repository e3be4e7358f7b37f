"""A report's parameters: declared once, in its notebook's ``parameters`` cell.

Method, after papermill (``docs/usage-parameterize.rst``): the notebook's one
cell tagged ``parameters`` is the only declaration. Each line is
``name: type = default  # help``; the default gives the type, the trailing
comment is what ``papermill --help-notebook`` prints and is also the rule the
value must meet:

- ``one of: a, b`` (one value) or ``any of: a, b`` (a list of them);
- ``at least N`` (a whole number);
- ``YYYY-MM-DD`` (a date, or "" for open);
- ``incident_id`` and ``perpetrator`` must name values of the clean data.

Command-line strings (``'["Kidal"]'``, ``Kidal,Gao``, ``3``, ``true``) are
parsed to the default's type. papermill only warns about an unknown name; we
refuse it, listing the valid ones. The cell is read with :mod:`ast` and
:mod:`tokenize`, never executed.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import re
import tokenize
from collections.abc import Callable
from dataclasses import dataclass

from malitrack.errors import MalitrackError
from malitrack.report.notebook_files import cell_source, cell_tags, notebook_path, read_notebook


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


class ParameterCellError(MalitrackError):
    """A parameters cell that is not a list of ``name = literal  # help`` lines."""


# ---------------------------------------------------------------- reading the declarations


def parse_parameters_cell(source: str, where: str = "parameters cell") -> dict[str, Parameter]:
    """The parameters declared by the text of a ``parameters`` cell, in order.

    Every statement must be ``name = literal`` or ``name: type = literal``
    with a trailing ``# help`` comment; ``where`` names the cell in errors.

    >>> cell = 'regions: list[str] = []  # any of: Kidal, Gao\\nmin_types: int = 2  # at least 1'
    >>> {name: (p.default, p.choices, p.minimum) for name, p in parse_parameters_cell(cell).items()}
    {'regions': ([], ('Kidal', 'Gao'), None), 'min_types': (2, None, 1)}
    """
    try:
        tree = ast.parse(source)
        comments = {
            token.start[0]: token.string.lstrip("#").strip()
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        }
    except (SyntaxError, tokenize.TokenError) as error:
        raise ParameterCellError(f"{where}: not Python ({error})") from None
    parameters = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            target = None
        if not isinstance(target, ast.Name):
            raise ParameterCellError(f"{where}: parameters cell line {node.lineno} is not `name = value`")
        help_text = comments.get(node.end_lineno, "")
        if not help_text:
            raise ParameterCellError(f"{where}: parameter {target.id!r} has no trailing # comment")
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterCellError(f"{where}: parameter {target.id!r} has a default that is not a literal") from None
        parameters[target.id] = Parameter(target.id, default, help_text)
    return parameters


def notebook_parameters(name: str) -> dict[str, Parameter]:
    """The parameters declared in the notebook's cell tagged ``parameters``, in order.

    >>> notebook_parameters("incident_profile")["incident_id"].default
    'amassine-2024-05-19'
    """
    path = notebook_path(name)
    cells = [cell for cell in read_notebook(path)["cells"] if "parameters" in cell_tags(cell)]
    if len(cells) != 1:
        raise MalitrackError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
    return parse_parameters_cell(cell_source(cells[0]), where=str(path))


# ---------------------------------------------------------------- parsing and checking values


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


def known_data_values() -> dict[str, list[str]]:
    """Valid values of the parameters checked against the clean data, loaded once for many checks."""
    return {name: load_values() for name, (load_values, _) in _DATA_VALUES.items()}


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


def refuse_unknown(declared: dict[str, Parameter], names, label: str) -> None:
    """MalitrackError listing every declared parameter if ``names`` holds one that is not declared."""
    unknown = sorted(set(names) - set(declared))
    if unknown:
        listing = "\n  ".join(parameter.describe() for parameter in declared.values())
        raise MalitrackError(
            f"{label} has no parameter {', '.join(map(repr, unknown))}; its parameters are:\n  {listing}"
        )


def check_values(
    declared: dict[str, Parameter],
    parameters: dict[str, object],
    label: str,
    known_values: dict[str, list[str]] | None = None,
) -> dict[str, object]:
    """Parse and validate ``parameters`` against ``declared``; defaults fill the rest.

    ``label`` names the report in errors (``report 'casualty_trends'``).
    """
    refuse_unknown(declared, parameters, label)
    checked = {}
    for key, parameter in declared.items():
        raw = parameters.get(key, parameter.default)
        try:
            value = _parse_value(parameter, raw)
            _check_value(parameter, value, known_values or {})
        except ValueError as error:
            raise MalitrackError(f"{label}, parameter {key!r} = {raw!r}: {error} ({parameter.help})") from None
        checked[key] = value
    start, end = checked.get("start"), checked.get("end")
    if isinstance(start, str) and isinstance(end, str) and start and end and start > end:
        raise MalitrackError(f"{label}: start {start} is after end {end}")
    return checked


def check_parameters(
    name: str, parameters: dict[str, object] | None = None, known_values: dict[str, list[str]] | None = None
) -> dict[str, object]:
    """Parse and validate ``parameters`` for report ``name``; defaults fill the rest.

    Values may be raw command-line strings (``'["Kidal"]'`` or ``Kidal,Gao``
    for a list) or typed values. ``known_values`` (parameter name -> valid
    values, see :func:`known_data_values`) saves reloading the clean data when
    checking many reports. Raises MalitrackError naming the valid parameters
    or values.

    >>> check_parameters("casualty_trends", {"regions": '["Kidal"]'})["regions"]
    ['Kidal']
    """
    return check_values(notebook_parameters(name), dict(parameters or {}), f"report {name!r}", known_values)
