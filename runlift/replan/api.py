"""`runlift replan` as a library call: read the scenario (or block), the plan followed, the
log and the activities, and re-plan from today."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from runlift.models.replan import ReplanResult
from runlift.replan.problem import DEFAULT_KEEP_ORDER, KeepClass
from runlift.replan.reference import read_reference
from runlift.replan.week import replan, today_index
from runlift.scenario.loading import read_document
from runlift.solver.params import DEFAULT_TIME_LIMIT

__all__ = ["is_block_file", "replan", "replan_file", "today_index"]


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
