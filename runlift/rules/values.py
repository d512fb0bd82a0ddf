"""Value types shared by rule definitions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, StrictBool

from runlift.models.bounds import MAX_COUNT, MAX_HOURS

# A whole number, or false to switch the rule off. Strict: true is not 1.
Count = Annotated[int, Field(ge=0, le=MAX_COUNT), Strict()] | Literal[False]
Hours = Annotated[int, Field(ge=0, le=MAX_HOURS), Strict()] | Literal[False]
Switch = StrictBool


def counting_down(value: int, stop: int = 0, step: int = 1) -> list[int | bool]:
    """value-step, value-2*step, ... down to stop, then off."""
    return [*range(value - step, stop - 1, -step), False]


def counting_up(value: int, stop: int) -> list[int | bool]:
    return [*range(value + 1, stop + 1), False]
