"""Day and slot names: mon..sun, 0-based indices, and "HH:MM" times."""

from __future__ import annotations

import datetime as dt
import re

from runlift.models.errors import did_you_mean

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_time(text: str) -> int:
    """'07:30' -> minutes after midnight. Raises ValueError for anything else."""
    match = _TIME.match(str(text).strip())
    if not match:
        raise ValueError(f"expected a time as HH:MM, got {text!r}")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise ValueError(f"expected a time between 00:00 and 23:59, got {text!r}")
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class Calendar:
    """Maps day names and indices of one horizon to day numbers 0..days-1."""

    def __init__(self, days: int, week_start: dt.date | None) -> None:
        self.days = days
        self.week_start = week_start
        self.first_weekday = week_start.weekday() if week_start else 0

    def weekday(self, day: int) -> str:
        return WEEKDAYS[(self.first_weekday + day) % 7]

    def date(self, day: int) -> dt.date | None:
        return self.week_start + dt.timedelta(days=day) if self.week_start else None

    def label(self, day: int) -> str:
        """'tue' in a one-week horizon, 'tue 8' in longer ones."""
        return self.weekday(day) if self.days <= 7 else f"{self.weekday(day)} {day}"

    def days_named(self, token: str | int, *, recurring: bool) -> list[int]:
        """The days a token names. A weekday name in a horizon longer than a week names
        every such weekday when ``recurring``, and is ambiguous otherwise."""
        if isinstance(token, bool):
            raise ValueError(f"expected a day name (mon..sun) or index, got {token!r}")
        if isinstance(token, int) or (isinstance(token, str) and token.strip().isdigit()):
            index = int(token)
            if not 0 <= index < self.days:
                raise ValueError(f"day index {index} is outside the horizon 0..{self.days - 1}")
            return [index]
        name = str(token).strip().lower()
        if name not in WEEKDAYS:
            raise ValueError(
                f"unknown day {token!r}: expected mon..sun or a 0-based index"
                + did_you_mean(name, WEEKDAYS)
            )
        matches = [d for d in range(self.days) if self.weekday(d) == name]
        if not matches:
            raise ValueError(f"day {name!r} is not in this {self.days}-day horizon")
        if len(matches) > 1 and not recurring:
            raise ValueError(
                f"day {name!r} is ambiguous in a {self.days}-day horizon: use an index "
                f"({' or '.join(str(d) for d in matches)})"
            )
        return matches
