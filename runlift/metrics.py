"""Training-load metrics of a placed week (Foster's session-RPE, monotony and strain)."""

from __future__ import annotations

import statistics

from runlift.checker.week import Week, hours
from runlift.models.result import Metrics

# Foster's monotony is mean / standard deviation; when every day carries the same
# non-zero load the deviation is 0, and we report this ceiling instead of infinity.
MONOTONY_CEILING = 10.0


def monotony(daily: list[int]) -> float:
    if not daily or not any(daily):
        return 0.0
    deviation = statistics.pstdev(daily)
    if deviation == 0:
        return MONOTONY_CEILING
    return round(min(statistics.fmean(daily) / deviation, MONOTONY_CEILING), 3)


def min_lift_to_key_minutes(week: Week) -> int | None:
    """The shortest time from the end of a heavy-legs session to a later key run's start."""
    gaps = [
        run.start - lift.end
        for lift in week.placed if lift.type.heavy_legs
        for run in week.placed if run.type.is_key_run and run.start > lift.start
    ]
    return min(gaps, default=None)


def compute_metrics(week: Week) -> Metrics:
    daily = week.daily_load()
    total = sum(daily)
    mono = monotony(daily)
    gap = min_lift_to_key_minutes(week)
    return Metrics(
        daily_load=daily,
        weekly_load=total,
        mean_daily_load=round(total / len(daily), 2) if daily else 0.0,
        monotony=mono,
        strain=round(total * mono, 1),
        peak_daily_load=max(daily, default=0),
        hard_days=week.hard_days,
        rest_days=week.rest_days,
        min_lift_to_key_hours=hours(gap) if gap is not None else None,
    )
