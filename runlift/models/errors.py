"""Errors that point at a place in the input."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

Loc = tuple[str | int, ...]


class ScenarioValueError(ValueError):
    """A semantic error in a scenario, tied to the field path it concerns.

    Raised inside pydantic validators: pydantic keeps the exception in the error's
    ``ctx``, so the loader can recover ``loc`` and point at the right YAML line.
    """

    def __init__(self, loc: Loc, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def format_loc(loc: Sequence[str | int]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"
