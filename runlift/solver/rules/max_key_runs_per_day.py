from __future__ import annotations

from runlift.solver.rules.base import PerDayLimit
from runlift.solver.rules.values import Count


class MaxKeyRunsPerDay(PerDayLimit):
    name = "max_key_runs_per_day"
    summary = "At most N key runs (runs or races marked key) on one day."
    default = 1
    value_type = Count
    unit = "extra key run on a day"
    predicate = "key"
    what = "key runs"


RULE = MaxKeyRunsPerDay()
