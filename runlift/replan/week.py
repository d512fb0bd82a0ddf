"""Re-plan one week from today: the problem, the plan followed and what happened, as a
library call (runlift.replan.api reads them from files; a block's weeks call it too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from runlift.errors import InputError
from runlift.models.problem import Problem
from runlift.models.replan import ReplanResult
from runlift.replan.log import Log, read_log
from runlift.replan.problem import DEFAULT_KEEP_ORDER, KeepClass, Planned, build_replan
from runlift.replan.run import replan_week
from runlift.solver.params import DEFAULT_TIME_LIMIT


def replan(problem: Problem, planned: list[Planned], log: str | Path | Log | None,
           today: str | int, *, activities: Sequence[str] = (),
           keep_order: Sequence[KeepClass] = DEFAULT_KEEP_ORDER,
           time_limit: float = DEFAULT_TIME_LIMIT, timings: bool = False) -> ReplanResult:
    """Re-plan ``problem``'s week from ``today`` (a day index, a date or a day name)."""
    day = today if isinstance(today, int) else today_index(problem, today)
    rows = log if isinstance(log, Log) or log is None else read_log(log)
    if activities:
        from runlift.replan.activities import with_activities

        rows = with_activities(rows, activities, problem, planned, day)
    if rows is None:
        raise InputError("give --log (what happened) or --activities (FIT files)")
    rp = build_replan(problem, planned, rows, day, keep_order, today_text=str(today))
    rp.notes.extend(rows.notes)
    return replan_week(rp, time_limit=time_limit, timings=timings)


def today_index(problem: Problem, text: str) -> int:
    """--today as a day of the horizon: a date when the week has dates, else a day."""
    timeline = problem.timeline
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        date = None
    if date is not None:
        if timeline.week_start is None:
            raise InputError(f"--today {text}: the week has no dates (no week_start); give "
                             "a day (mon..sun or an index)")
        day = (date - timeline.week_start).days
        if not 0 <= day < problem.days:
            dates = timeline.dates() or []
            raise InputError(f"--today {text} is outside the plan's days ({dates[0]} to "
                             f"{dates[-1]})")
        return day
    try:
        (day,) = timeline.days_named(text, recurring=False)
    except ValueError as exc:
        raise InputError(f"--today {text}: {exc}") from None
    return day
