"""`runlift replan` as a library call: read the scenario (or block), the plan followed, the
log and the activities, and re-plan from today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from runlift.errors import InputError
from runlift.models.problem import Problem
from runlift.models.replan import ReplanResult
from runlift.replan.log import Log, read_log
from runlift.replan.problem import DEFAULT_KEEP_ORDER, KeepClass, Planned, build_replan
from runlift.replan.reference import read_reference
from runlift.replan.run import replan_week
from runlift.scenario.loading import read_document
from runlift.solver.params import DEFAULT_TIME_LIMIT


def is_block_file(path: str | Path) -> bool:
    data, _ = read_document(path)
    return isinstance(data, dict) and "start" in data and (
        "race" in data or "weeks" in data or "phases" in data)


def replan_file(scenario: str | Path, plan: str | Path, log: str | Path | None, today: str,
                *, activities: Sequence[str] = (),
                keep_order: Sequence[KeepClass] = DEFAULT_KEEP_ORDER,
                time_limit: float = DEFAULT_TIME_LIMIT, timings: bool = False
                ) -> ReplanResult:
    """Re-plan the week of ``scenario`` (a scenario or block file) that holds ``today``."""
    if is_block_file(scenario):
        from runlift.replan.block import replan_block_file

        return replan_block_file(scenario, plan, log, today, activities=activities,
                                 keep_order=keep_order, time_limit=time_limit,
                                 timings=timings)
    from runlift.api import load_scenario
    from runlift.scenario.resolve import resolve

    problem = resolve(load_scenario(scenario))
    planned = read_reference(plan, problem)
    return replan(problem, planned, log, today, activities=activities, keep_order=keep_order,
                  time_limit=time_limit, timings=timings)


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
