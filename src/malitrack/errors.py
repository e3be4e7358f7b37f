"""Errors that reach the user as one clear line, never as a traceback.

Every problem with input names the file, and where it can the row (1-based
line number in the file, header = line 1), the column and the reason, in the
``file:row:column: reason`` form that editors and CI logs understand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in an input file."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        column = self.column or ""
        return f"{self.file}:{row}:{column}: {self.reason}"


class MalitrackError(Exception):
    """An error the CLI reports as a message (no traceback unless --debug)."""


class InputFileError(MalitrackError):
    """A whole input file cannot be read as what it claims to be."""

    def __init__(self, file, reason: str, row: int | None = None, column: str | None = None):
        self.problem = Problem(str(file), row, column, reason)
        super().__init__(str(self.problem))
