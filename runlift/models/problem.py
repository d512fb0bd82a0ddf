"""A scenario resolved to numbers: the input the solver and the checker share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from runlift.models.catalog import SessionType
from runlift.models.timeline import MINUTES_PER_DAY, Timeline, format_time

Cell = tuple[int, int]  # (day, slot index)


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
    name: str | None = None  # what the coach calls it: a squad's group session


@dataclass(frozen=True)
class Unavailability:
    """One entry of `unavailable`, with the (day, slot) pairs it closes."""

    index: int
    text: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Avoidance:
    """One entry of `avoid`: a session type kept out of a day or a slot."""

    session: str
    position: int  # its place in the type's list under `avoid`
    text: str  # as written: 'mon', 'fri pm'
    cells: tuple[Cell, ...]

    @property
    def key(self) -> str:
        """Its member key, 'avoid:lower_strength.0'; its path in the file is 'avoid.' + the rest."""
        return f"avoid:{self.session}.{self.position}"


@dataclass(frozen=True)
class KnownSession:
    """A session done before day 0 (``history:``): data, never a decision. ``minutes``
    and ``load`` are what was actually done."""

    index: int  # position in the scenario's `history` list
    day: int  # < 0
    slot: int
    session: str
    minutes: int
    load: int


@dataclass(frozen=True)
class Choice:
    """An either/or demand of `sessions:` ("intervals|tempo": 1): ``count`` sessions, each
    of any of ``types``, beyond what each type is asked for on its own."""

    key: str  # as written in the scenario file, for member keys and relaxations
    types: tuple[str, ...]
    count: int

    def phrase(self) -> str:
        """'1 of intervals or tempo'."""
        names = list(self.types)
        return f"{self.count} of {', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True)
class RuleSetting:
    value: Any
    weight: int | None  # None: hard; an int: soft with that weight

    @property
    def soft(self) -> bool:
        return self.weight is not None


@dataclass(frozen=True)
class Problem:
    name: str
    timeline: Timeline
    slots: tuple[Slot, ...]
    catalog: Mapping[str, SessionType]
    demand: Mapping[str, int]  # session type -> count to place, sorted by name, counts > 0
    fixed: tuple[FixedPlacement, ...]
    unavailable: tuple[Unavailability, ...]
    race_days: tuple[int, ...]  # days of pinned races and of race_date (may lie beyond the horizon)
    race_date_day: int | None
    prefer: Mapping[str, frozenset[Cell]]  # session type -> its preferred (day, slot)s
    rules: Mapping[str, RuleSetting]  # active rules only, sorted by name
    weights: Mapping[str, int] = field(default_factory=dict)  # objective term -> weight
    history: tuple[KnownSession, ...] = ()  # done before day 0, by day and slot
    # How many sessions of each type the horizon may leave out (a replan keeps as many
    # of them as the rules allow); none in a scenario: its counts are exact.
    optional: Mapping[str, int] = field(default_factory=dict)
    avoid: tuple[Avoidance, ...] = ()  # days and slots a session type must not use
    # Terms minimised before all the others (a lexicographic objective): `weights:` first.
    first_terms: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()  # either/or demands, counts > 0, by key

    @property
    def days(self) -> int:
        return self.timeline.days

    @property
    def cells(self) -> list[Cell]:
        return [(d, s) for d in range(self.days) for s in range(len(self.slots))]

    @cached_property
    def closed_cells(self) -> frozenset[Cell]:
        return frozenset(cell for entry in self.unavailable for cell in entry.cells)

    @cached_property
    def avoided(self) -> frozenset[tuple[str, Cell]]:
        """The (session type, cell) pairs that `avoid` rules out."""
        return frozenset((a.session, cell) for a in self.avoid for cell in a.cells)

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {slot.name: i for i, slot in enumerate(self.slots)}

    def start_minute(self, day: int, slot: int) -> int:
        """Minutes from the start of day 0 to the start of the slot (negative before it)."""
        return day * MINUTES_PER_DAY + self.slots[slot].start

    def session_types(self) -> list[str]:
        """Every type the horizon can hold, sorted."""
        return sorted(set(self.demand) | {f.session for f in self.fixed}
                      | {t for c in self.choices for t in c.types})

    def total_count(self, session: str) -> int:
        """The sessions of a type the horizon holds for sure: its own count and its pins
        (an either/or demand may add more)."""
        return self.demand.get(session, 0) + sum(1 for f in self.fixed if f.session == session)

    def least_count(self, session: str) -> int:
        """The fewest sessions of a type the horizon may hold: its pins, and its demand
        less what may be left out."""
        return self.total_count(session) - self.optional.get(session, 0)
    def choice_of(self, session: str) -> Choice | None:
        """The either/or demand a type belongs to (a type is in at most one)."""
        return next((c for c in self.choices if session in c.types), None)

    def most_count(self, session: str) -> int:
        """The most sessions of a type the horizon may hold."""
        choice = self.choice_of(session)
        return self.total_count(session) + (choice.count if choice else 0)

    def weight(self, term: str) -> int:
        return self.weights.get(term, 0)

    def hard_value(self, rule: str) -> Any:
        """The value of a rule when it is active and hard; None otherwise."""
        setting = self.rules.get(rule)
        return None if setting is None or setting.soft else setting.value

    def slot_times(self) -> dict[str, str]:
        return {s.name: format_time(s.start) for s in self.slots}

    def where(self, day: int, slot: int) -> str:
        """'tue pm'."""
        return f"{self.timeline.label(day)} {self.slots[slot].name}"

    def places(self, cells: Iterable[Cell]) -> str:
        """Cells as a coach writes them: whole days by name, other slots with the day:
        'tue, fri', 'sat am', 'mon, wed pm'."""
        by_day: dict[int, list[int]] = {}
        for day, slot in sorted(set(cells)):
            by_day.setdefault(day, []).append(slot)
        whole = len(self.slots)
        return ", ".join(
            self.timeline.label(day) if len(slots) == whole
            else " ".join([self.timeline.label(day), *(self.slots[s].name for s in slots)])
            for day, slots in by_day.items())

    @cached_property
    def known_at(self) -> dict[Cell, KnownSession]:
        """The history sessions by (day, slot)."""
        return {(k.day, k.slot): k for k in self.history}
