"""Training-load metrics of a placed plan (Foster's session-RPE, monotony and strain)."""

from __future__ import annotations

import bisect
import statistics

from runlift.models.plan import PlacedPlan, hours
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


def min_lift_to_key_minutes(plan: PlacedPlan) -> int | None:
    """The shortest time from the end of a heavy-legs session to a later key run's start."""
    # For each lift the closest key run is the first one that starts after it.
    starts = sorted(p.start for p in plan.placed if p.type.is_key_run)
    gaps = []
    for lift in plan.placed:
        if lift.type.heavy_legs:
            later = bisect.bisect_right(starts, lift.start)
            if later < len(starts):
                gaps.append(starts[later] - lift.end)
    return min(gaps, default=None)


def compute_metrics(plan: PlacedPlan) -> Metrics:
    daily = plan.daily_load()
    total = sum(daily)
    mono = monotony(daily)
    gap = min_lift_to_key_minutes(plan)
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
    )
