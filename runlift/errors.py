"""Input errors with one clear line: the file, the field path, the YAML line, what was expected."""

from __future__ import annotations

from collections.abc import Sequence

from runlift.models.errors import format_loc


class InputError(Exception):
    """Bad input: the CLI prints ``str(error)`` and exits 2."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        loc: Sequence[str | int] = (),
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.loc = tuple(loc)
        self.line = line

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        field = f" {format_loc(self.loc)}:" if self.loc else ""
        return f"{where}:{field} {self.message}"
