from __future__ import annotations

from runlift.rules.per_day import PerDayLimit
from runlift.rules.values import Count


class MaxSessionsPerDay(PerDayLimit):
    name = "max_sessions_per_day"
    sentence = "At most N sessions on one day."
    default = 2
    value_type = Count
    unit = "extra session on a day"
    samples = (1, 2, 3)
    predicate = "any"
    what = "sessions"


MEMBER = MaxSessionsPerDay()
