"""What the property tests hold every random scenario to: the solver, the independent
checker and the explanation agree (see tests/solver/test_properties.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, settings
from scenario_kit import apply_relaxation

from runlift.checker import check_plan
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.result import Result
from runlift.planning import solve_problem
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.solver.explain import GuardedModel, only

PROPERTY_SETTINGS = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def plan_placements(problem: Problem, result: Result) -> list[Placement]:
    slot_index = {slot.name: i for i, slot in enumerate(problem.slots)}
    return [Placement(e.day, slot_index[e.slot], e.session) for e in result.plan]


def assert_plan_agrees_with_checker(problem: Problem, result: Result) -> None:
    report = check_plan(problem, plan_placements(problem, result))
    assert report.ok, [v.message for v in report.violations]
    assert report.total == result.objective.total
    assert report.costs == result.objective.terms
    assert sum(result.objective.terms.values()) == result.objective.total
    for name, setting in problem.rules.items():
        if setting.soft:
            costs = [v.cost for v in result.soft_violations if v.rule == name]
            assert sum(costs) == result.objective.terms[name]
            assert all(v.cost == setting.weight * v.amount for v in result.soft_violations
                       if v.rule == name)
    # Proven optimal: the solver's own objective value is its bound.
    assert result.objective.best_bound == report.total


def members_infeasible(problem: Problem, members: list[str]) -> bool:
    """True when the week reduced to ``members`` has no plan, as an explanation means it
    (every other rule off, every other count at 0, every other pin and closed slot gone):
    decided by a guarded model of that reduced week, not by the explanation's searches."""
    reduced = only(problem, members)
    guarded = GuardedModel(reduced)
    return guarded.infeasible_core(guarded.keys) is not None


def assert_conflict_confirmed(problem: Problem, result: Result) -> None:
    members = [c.member for c in result.conflicts]
    assert members, "an infeasible week needs a conflict set"
    assert len(set(members)) == len(members)
    assert members_infeasible(problem, members), f"{members} are solvable together"
    for member in members:
        rest = [m for m in members if m != member]
        assert not members_infeasible(problem, rest), f"{member} is not needed in {members}"


def assert_relaxations_work(doc: dict[str, Any], result: Result) -> None:
    assert result.relaxations, "an infeasible week needs at least one relaxation"
    for relaxation in result.relaxations:
        relaxed = Scenario.model_validate(apply_relaxation(doc, relaxation))
        outcome = solve_problem(resolve(relaxed), explain=False)
        assert outcome.has_plan, f"{relaxation.message} does not make the week solvable"


def check_scenario(doc: dict[str, Any]) -> Result:
    """Solve ``doc`` and hold every answer to the properties above."""
    problem = resolve(Scenario.model_validate(doc))
    result = solve_problem(problem)
    assert result.status in ("optimal", "infeasible"), "tiny weeks are always decided"
    guarded = GuardedModel(problem)
    assert (guarded.infeasible_core(guarded.keys) is not None) == (not result.has_plan)
    if result.has_plan:
        assert_plan_agrees_with_checker(problem, result)
    else:
        assert_conflict_confirmed(problem, result)
        assert_relaxations_work(doc, result)
    return result


def record(result: Result) -> None:
    event(f"status: {result.status}")
    if not result.has_plan:
        event(f"relaxations offered: {bool(result.relaxations)}")


