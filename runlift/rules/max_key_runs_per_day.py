from __future__ import annotations

from runlift.rules.per_day import PerDayLimit
from runlift.rules.values import Count


class MaxKeyRunsPerDay(PerDayLimit):
    name = "max_key_runs_per_day"
    sentence = "At most N key runs (runs or races marked key) on one day."
    default = 1
    value_type = Count
    unit = "extra key run on a day"
    samples = (0, 1, 2)
    predicate = "key"
    what = "key runs"


MEMBER = MaxKeyRunsPerDay()
