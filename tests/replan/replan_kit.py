"""Small weeks, their plans, and logs, for the replan tests."""

from __future__ import annotations

from typing import Any

from runlift.models.problem import Problem
from runlift.planning import solve_problem
from runlift.replan.log import Log, LogEntry
from runlift.replan.problem import Planned
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve


def problem_of(**fields: Any) -> Problem:
    return resolve(Scenario.model_validate({"week_start": "2027-03-01", **fields}))


def planned_of(problem: Problem) -> list[Planned]:
    result = solve_problem(problem, explain=False)
    assert result.has_plan
    return [Planned(e.id or "", e.day, e.slot, e.session) for e in result.plan]


def log_of(*rows: dict[str, Any]) -> Log:
    entries = [LogEntry.model_validate(r) for r in rows]
    return Log("<log>", entries, [None] * len(entries))
