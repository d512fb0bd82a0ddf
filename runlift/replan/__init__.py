"""Re-plan as the week is lived: `runlift replan`.

>>> from runlift.replan import replan
>>> # result = replan("scenarios/half-marathon-build.yaml", "plan.json", "log.yaml", "wed")
"""

from __future__ import annotations

from runlift.replan.log import LogEntry, read_log
from runlift.replan.problem import DEFAULT_KEEP_ORDER, KeepClass, Planned, build_replan
from runlift.replan.run import replan_week

__all__ = ["DEFAULT_KEEP_ORDER", "KeepClass", "LogEntry", "Planned", "build_replan",
           "read_log", "replan_week"]
