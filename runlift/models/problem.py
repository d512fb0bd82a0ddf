"""A scenario resolved to numbers: the input the solver and the checker share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runlift.models.catalog import SessionType
from runlift.models.days import Calendar

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Slot:
    name: str
    start: int  # minutes after midnight


@dataclass(frozen=True)
class FixedPlacement:
    index: int  # position in the scenario's `fixed` list
    session: str
    day: int
    slot: int


@dataclass(frozen=True)
class Unavailability:
    """One entry of `unavailable`, with the (day, slot) pairs it closes."""

    index: int
    text: str
    cells: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class RuleSetting:
    value: Any
    weight: int | None  # None: hard; an int: soft with that weight

    @property
    def soft(self) -> bool:
        return self.weight is not None


@dataclass(frozen=True)
class Weights:
    balance: int
    preferences: int
    spread: int


@dataclass(frozen=True)
class Problem:
    name: str
    calendar: Calendar
    slots: tuple[Slot, ...]
    catalog: dict[str, SessionType]
    demand: dict[str, int]  # session type -> count to place, sorted by name, counts > 0
    fixed: tuple[FixedPlacement, ...]
    unavailable: tuple[Unavailability, ...]
    race_days: tuple[int, ...]  # days of pinned races and of race_date (may lie beyond the horizon)
    race_date_day: int | None
    prefer: dict[str, frozenset[int]]
    rules: dict[str, RuleSetting]  # active rules only, sorted by name
    weights: Weights

    @property
    def days(self) -> int:
        return self.calendar.days

    @property
    def cells(self) -> list[tuple[int, int]]:
        return [(d, s) for d in range(self.days) for s in range(len(self.slots))]

    @property
    def closed_cells(self) -> frozenset[tuple[int, int]]:
        return frozenset(cell for entry in self.unavailable for cell in entry.cells)

    def start_minute(self, day: int, slot: int) -> int:
        """Minutes from the start of day 0 to the start of the slot."""
        return day * MINUTES_PER_DAY + self.slots[slot].start

    def session_types(self) -> list[str]:
        """Every type the week can hold, sorted."""
        return sorted(set(self.demand) | {f.session for f in self.fixed})

    def total_count(self, session: str) -> int:
        return self.demand.get(session, 0) + sum(1 for f in self.fixed if f.session == session)
