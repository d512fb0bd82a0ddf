"""A placed week in plain Python: the ground truth the checker reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from runlift.models.catalog import SessionType
from runlift.models.problem import MINUTES_PER_DAY, Problem


@dataclass(frozen=True, order=True)
class Placement:
    day: int
    slot: int
    session: str


@dataclass(frozen=True)
class Placed:
    """A placement with its session type and absolute times, in minutes from day 0."""

    day: int
    slot: int
    type: SessionType
    start: int
    end: int

    @property
    def session(self) -> str:
        return self.type.name


class Week:
    def __init__(self, problem: Problem, placements: list[Placement]) -> None:
        self.problem = problem
        self.placements = sorted(placements)

    @cached_property
    def placed(self) -> list[Placed]:
        out = []
        for p in self.placements:
            stype = self.problem.catalog[p.session]
            start = p.day * MINUTES_PER_DAY + self.problem.slots[p.slot].start
            out.append(Placed(p.day, p.slot, stype, start, start + stype.minutes))
        return out

    def on_day(self, day: int) -> list[Placed]:
        return [p for p in self.placed if p.day == day]

    def label(self, day: int) -> str:
        return self.problem.calendar.label(day)

    def where(self, p: Placed) -> str:
        """'lower_strength on tue pm'."""
        return f"{p.session} on {self.label(p.day)} {self.problem.slots[p.slot].name}"

    @property
    def days(self) -> range:
        return range(self.problem.days)

    @cached_property
    def hard_days(self) -> list[int]:
        return [d for d in self.days if any(p.type.is_hard for p in self.on_day(d))]

    @cached_property
    def rest_days(self) -> list[int]:
        return [d for d in self.days if not any(p.type.counts_for_rest for p in self.on_day(d))]

    @cached_property
    def key_run_days(self) -> list[int]:
        return [d for d in self.days if any(p.type.is_key_run for p in self.on_day(d))]

    @cached_property
    def race_days(self) -> list[int]:
        """Days of races in the week, and of race_date (which may lie beyond it)."""
        days = {p.day for p in self.placed if p.type.kind == "race"}
        if self.problem.race_date_day is not None:
            days.add(self.problem.race_date_day)
        return sorted(days)

    def race_label(self, day: int) -> str:
        """A race day's name; race_date may lie beyond the horizon, so give its date too."""
        date = self.problem.calendar.date(day)
        if day < self.problem.days:
            return self.label(day)
        return f"{self.problem.calendar.weekday(day)} {date}" if date else f"day {day}"

    def daily_load(self) -> list[int]:
        return [sum(p.type.session_load for p in self.on_day(d)) for d in self.days]


def hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def hours_short(gap_minutes: int, need_hours: int) -> int:
    """Whole hours short, rounded up: the soft cost unit of the hour-based rules."""
    short = need_hours * 60 - gap_minutes
    return 0 if short <= 0 else -(-short // 60)
