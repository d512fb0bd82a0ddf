from __future__ import annotations

from runlift.solver.rules.base import PerDayLimit
from runlift.solver.rules.values import Count


class MaxSessionsPerDay(PerDayLimit):
    name = "max_sessions_per_day"
    summary = "At most N sessions on one day."
    default = 2
    value_type = Count
    unit = "extra session on a day"
    predicate = "any"
    what = "sessions"


RULE = MaxSessionsPerDay()
