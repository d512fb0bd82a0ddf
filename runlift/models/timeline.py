"""Time as a domain concept: the horizon, its days and dates, and the 7-day windows.

Day 0 is the first day of the horizon; days ``0 .. days - 1`` are planned. The timeline
names them (``mon`` … ``sun``, a date when ``week_start`` is given, ``tue 8`` in horizons
longer than a week) and says which spans of days the counting rules hold over.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from runlift.models.errors import did_you_mean

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES: dict[str, str] = dict(zip(WEEKDAYS, (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True))
WEEK_DAYS = 7
MINUTES_PER_DAY = 24 * 60
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


@dataclass(frozen=True)
class Timeline:
    """The planned horizon: ``days`` days from day 0, dated from ``week_start`` if given.

    ``history_days``: the known span starts that many days before day 0 (what was done
    before the horizon, from ``history:``). ``repeat``: the horizon is a template that
    follows itself, so day ``days - 1`` is followed by day 0 again."""

    days: int
    week_start: dt.date | None = None
    history_days: int = 0
    repeat: bool = False
    # Without week_start, the weekday of day 0 (0 = mon): a replan's remaining days start
    # on the weekday of "today".
    weekday_offset: int = 0

    @property
    def first_weekday(self) -> int:
        return self.week_start.weekday() if self.week_start else self.weekday_offset

    @property
    def multi_week(self) -> bool:
        return self.days > WEEK_DAYS

    def weekday(self, day: int) -> str:
        return WEEKDAYS[(self.first_weekday + day) % WEEK_DAYS]

    def date(self, day: int) -> dt.date | None:
        return self.week_start + dt.timedelta(days=day) if self.week_start else None

    def label(self, day: int) -> str:
        """'tue' in a one-week horizon, 'tue 8' in longer ones; a day before day 0 (in
        history) is 'sun 02-28' with dates, 'sun -1' without."""
        if day < 0:
            date = self.date(day)
            return f"{self.weekday(day)} {date:%m-%d}" if date else f"{self.weekday(day)} {day}"
        return self.weekday(day) if not self.multi_week else f"{self.weekday(day)} {day}"

    def day_name(self, day: int) -> str:
        """'Tuesday' in a one-week horizon, 'Tuesday, day 8' in longer ones, 'Sunday,
        day -1' before day 0."""
        name = FULL_DAY_NAMES[self.weekday(day)]
        return name if not self.multi_week and day >= 0 else f"{name}, day {day}"

    @property
    def known_start(self) -> int:
        """The first day of the known span: the earliest history day, or day 0."""
        return -self.history_days

    def horizon_day(self, day: int) -> int | None:
        """The horizon day an absolute day stands for: itself inside the horizon, its
        copy in a repeating template, None otherwise (history or beyond)."""
        if self.repeat:
            return day % self.days
        return day if 0 <= day < self.days else None

    def labels(self) -> list[str]:
        return [self.label(d) for d in range(self.days)]

    def dates(self) -> list[str] | None:
        if self.week_start is None:
            return None
        return [str(self.date(d)) for d in range(self.days)]

    def windows(self) -> tuple[range, ...]:
        """The 7-day windows the counting rules (max_hard_days, min_rest_days) hold in:
        every 7 consecutive days that end inside the horizon and start no earlier than
        the known span. In a repeating template the days before day 0 are the template's
        own last days, so there is one window ending on each day. When the known span is
        shorter than a week, it is the one window."""
        last_start = self.days - WEEK_DAYS
        first_start = -(WEEK_DAYS - 1) if self.repeat else max(self.known_start,
                                                                -(WEEK_DAYS - 1))
        if not self.repeat and self.days + self.history_days <= WEEK_DAYS:
            return (range(self.known_start, self.days),)
        return tuple(range(s, s + WEEK_DAYS) for s in range(first_start, last_start + 1))

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
