"""Training-load metrics of a placed plan (Foster's session-RPE, monotony and strain)."""

from __future__ import annotations

import bisect
import statistics

from runlift.models.plan import PlacedPlan, hours
from runlift.models.result import Metrics, WeekMetrics
from runlift.models.timeline import WEEK_DAYS

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


def min_lift_to_key_minutes(plan: PlacedPlan) -> int | None:
    """The shortest time from the end of a heavy-legs session to a later key run's start."""
    # For each lift the closest key run is the first one that starts after it.
    starts = sorted(p.start for p in plan.sessions_where("is_key_run") if not p.known)
    gaps = []
    for lift in plan.sessions_where("heavy_legs"):
        if not lift.known:
            later = bisect.bisect_right(starts, lift.start)
            if later < len(starts):
                gaps.append(starts[later] - lift.end)
    return min(gaps, default=None)


def week_metrics(plan: PlacedPlan) -> list[WeekMetrics]:
    """Each 7-day week of a horizon longer than a week, from day 0."""
    problem = plan.problem
    if problem.days <= WEEK_DAYS:
        return []
    daily = plan.daily_load()
    out = []
    for number, start in enumerate(range(0, problem.days, WEEK_DAYS), start=1):
        days = range(start, min(start + WEEK_DAYS, problem.days))
        loads = [daily[d] for d in days]
        mono = monotony(loads)
        out.append(WeekMetrics(
            week=number, days=list(days), load=sum(loads), monotony=mono,
            strain=round(sum(loads) * mono, 1),
            hard_days=[d for d in plan.hard_days if d in days],
            rest_days=[d for d in plan.rest_days if d in days],
        ))
    return out


ACUTE_DAYS, CHRONIC_DAYS = 7, 28


def acute_chronic(plan: PlacedPlan) -> tuple[int | None, float | None]:
    """With history: the load of the last 7 days of the horizon and the mean weekly load
    of its last 28, history included (days before the known span count as 0)."""
    if not plan.problem.history:
        return None, None
    end = plan.problem.days
    acute = sum(plan.load_on(d) for d in range(end - ACUTE_DAYS, end))
    chronic = sum(plan.load_on(d) for d in range(end - CHRONIC_DAYS, end))
    return acute, round(chronic * WEEK_DAYS / CHRONIC_DAYS, 1)


def compute_metrics(plan: PlacedPlan) -> Metrics:
    daily = plan.daily_load()
    total = sum(daily)
    mono = monotony(daily)
    gap = min_lift_to_key_minutes(plan)
    acute, chronic = acute_chronic(plan)
    return Metrics(
        daily_load=daily,
        weekly_load=total,
        mean_daily_load=round(total / len(daily), 2) if daily else 0.0,
        monotony=mono,
        strain=round(total * mono, 1),
        peak_daily_load=max(daily, default=0),
        hard_days=plan.hard_days,
        rest_days=plan.rest_days,
        min_lift_to_key_hours=hours(gap) if gap is not None else None,
        weeks=week_metrics(plan),
        acute_load=acute,
        chronic_load=chronic,
    )
