"""The library API: everything the CLI does, callable from Python.

>>> from runlift import load_scenario, solve
>>> result = solve(load_scenario("scenarios/build-week.yaml"))
>>> result.status
'optimal'
"""

from __future__ import annotations

from pathlib import Path

from runlift.checker import Placement, check_week
from runlift.metrics import compute_metrics
from runlift.models.result import CheckResult, Conflict, Objective, Relaxation, Result
from runlift.models.scenario import Scenario
from runlift.report import (
    day_labels,
    plan_entries,
    slot_times,
    soft_violations_out,
    violation_out,
)
from runlift.solver.params import DEFAULT_TIME_LIMIT


def solve(
    scenario: Scenario, *, time_limit: float = DEFAULT_TIME_LIMIT, timings: bool = False
) -> Result:
    """The best plan for ``scenario``, or the conflict and relaxations when none exists."""
    from runlift.solver.solve import solve_problem

    return solve_problem(scenario.problem, time_limit=time_limit, timings=timings)


def explain(scenario: Scenario) -> tuple[list[Conflict], list[Relaxation]]:
    """A minimal set of clashing rules and demands, and relaxations verified by solving."""
    from runlift.solver.explain import explain_infeasible

    return explain_infeasible(scenario.problem)


def check(scenario: Scenario, placements: list[Placement]) -> CheckResult:
    """Every rule a hand-made plan breaks, and its metrics, without the solver."""
    problem = scenario.problem
    report = check_week(problem, placements)
    return CheckResult(
        scenario=problem.name,
        ok=report.ok,
        violations=[violation_out(v) for v in report.violations],
        soft_violations=soft_violations_out(report),
        objective=Objective(total=report.total, terms=report.costs),
        metrics=compute_metrics(report.week),
        plan=plan_entries(report.week),
        days=day_labels(problem),
        slots=slot_times(problem),
    )


def load_scenario(path: str | Path) -> Scenario:
    from runlift.loading import load_scenario as _load

    return _load(path)  # type: ignore[no-any-return]


def load_plan(path: str | Path, scenario: Scenario) -> list[Placement]:
    from runlift.planfile import load_plan as _load

    return _load(path, scenario.problem)
