"""Shared pieces of a week's rendering: the grid cells and the metric lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from runlift.models.result import Metrics, PlanEntry
from runlift.render.metrics import LISTED, OPTIONAL

WEEK_LENGTH = 7
KEY_MARK = "*"
HEAVY_MARK = "^"
LEGEND = f"{KEY_MARK} key run   {HEAVY_MARK} heavy legs"

T = TypeVar("T")


def human_name(session: str) -> str:
    """'Lower strength' from lower_strength: for titles people read."""
    name = session.replace("_", " ")
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class WeekSpan:
    """One row of days in every grid: up to seven consecutive days of the horizon."""

    number: int  # from 1
    days: range  # indices into the horizon's days

    @property
    def name(self) -> str:
        return f"week {self.number}"

    def span(self, dates: list[str] | None) -> str:
        """'2027-01-11 to 2027-01-17', or 'days 7 to 13' when the horizon has no dates."""
        first, last = self.days[0], self.days[-1]
        if dates:
            return dates[first] if first == last else f"{dates[first]} to {dates[last]}"
        return f"day {first}" if first == last else f"days {first} to {last}"

    def title(self, dates: list[str] | None) -> str:
        """'week 2: 2027-01-11 to 2027-01-17'."""
        return f"{self.name}: {self.span(dates)}"

    def cut(self, values: list[T]) -> list[T]:
        """This week's part of a per-day list of the horizon."""
        return values[self.days.start:self.days.stop]


def split_weeks(day_count: int) -> list[WeekSpan]:
    """The horizon as 7-day weeks from day 0 (the last may be shorter). Every grid (table,
    Markdown, HTML) shows one week per row of days, so that a 28-day horizon keeps columns
    as wide as a one-week horizon's; a horizon of up to 7 days is a single week."""
    return [WeekSpan(number, range(start, min(start + WEEK_LENGTH, day_count)))
            for number, start in enumerate(range(0, day_count, WEEK_LENGTH), start=1)]


def session_label(entry: PlanEntry) -> str:
    marks = (KEY_MARK if entry.key else "") + (HEAVY_MARK if entry.heavy_legs else "")
    return entry.session + marks


def grid(plan: list[PlanEntry], days: list[str], slots: dict[str, str]) -> list[list[str]]:
    """Rows are slots, columns are days; '' where the slot is empty."""
    cells = {(e.day, e.slot): session_label(e) for e in plan}
    return [[cells.get((d, slot), "") for d in range(len(days))] for slot in slots]


def short_date(date: str) -> str:
    """'03-02' from 2027-03-02: the month and day, for column headers."""
    return date[5:]


def day_headers(days: list[str], dates: list[str] | None, *, sep: str = " ") -> list[str]:
    """'tue 03-02': the day's label and, when there are dates, its month and day."""
    if not dates:
        return list(days)
    return [f"{label}{sep}{short_date(date)}" for label, date in zip(days, dates, strict=True)]


def metric_lines(metrics: Metrics, days: list[str]) -> list[tuple[str, str]]:
    """(label, value) of every listed metric, for the terminal and Markdown tables; beyond
    a week, each week's load, monotony and hard days as well."""
    lines = [(metric.label_for(len(days)), metric.text(metrics, days))
             for metric in (*LISTED, *OPTIONAL) if metric.applies(metrics)]
    for week in metrics.weeks:
        hard = ", ".join(days[d] for d in week.hard_days) or "none"
        lines.append((f"week {week.week}", f"load {week.load}, monotony {week.monotony:g}, "
                                           f"strain {week.strain:g}, hard days: {hard}"))
    return lines


def history_lines(history: list[PlanEntry]) -> list[str]:
    """What was done before day 0, one line a session: 'sun 02-28 pm: lower_strength
    (40 min, load 280), done'."""
    out = []
    for e in history:
        day = f"{e.weekday} {short_date(e.date)}" if e.date else f"{e.weekday} {e.day}"
        out.append(f"{day} {e.slot}: {e.session} ({e.minutes} min, load {e.load}), done")
    return out
