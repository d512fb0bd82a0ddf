"""The library API: everything the CLI does, callable from Python.

>>> from runlift import load_scenario, solve
>>> result = solve(load_scenario("scenarios/build-week.yaml"))
>>> result.status
'optimal'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from runlift.checker import check_plan
from runlift.checker.report import plan_report, violation_out
from runlift.models.bulk import collector_paused
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.result import CheckResult, Conflict, Relaxation, Result
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.solver.params import DEFAULT_TIME_LIMIT


def problem_of(scenario: Scenario | Problem) -> Problem:
    return scenario if isinstance(scenario, Problem) else resolve(scenario)


def solve(scenario: Scenario | Problem, *, time_limit: float = DEFAULT_TIME_LIMIT,
          timings: bool = False) -> Result:
    """The best plan for ``scenario``, or the conflict and relaxations when none exists."""
    from runlift.planning import solve_problem

    source = scenario if isinstance(scenario, Scenario) else None
    return solve_problem(problem_of(scenario), time_limit=time_limit, timings=timings,
                         scenario=source)


def explain(scenario: Scenario | Problem) -> tuple[list[Conflict], list[Relaxation]]:
    """A minimal set of clashing rules and demands, and relaxations verified by solving."""
    from runlift.solver.explain import explain_infeasible

    why = explain_infeasible(problem_of(scenario))
    return why.conflicts, why.relaxations


def check(scenario: Scenario | Problem, placements: Iterable[Placement]) -> CheckResult:
    """Every rule a hand-made plan breaks, and its metrics, without the solver."""
    with collector_paused():  # a plan may have a million rows (runlift.models.bulk)
        report = check_plan(problem_of(scenario), placements)
        return CheckResult.checked(plan_report(report),
                                   [violation_out(v) for v in report.violations])


def load_scenario(path: str | Path) -> Scenario:
    from runlift.scenario.scenario_file import load_scenario as _load

    return _load(path)


def load_plan(path: str | Path, scenario: Scenario | Problem,
              columns: Mapping[str, str] | None = None) -> list[Placement]:
    from runlift.scenario.planfile import load_plan as _load

    return _load(path, problem_of(scenario), columns)
