"""Property tests over random scenarios: the solver, the independent checker and the
explanation hold each other to account.

- every plan returned passes the checker, and the solver's proven optimum equals the
  checker's price of the plan;
- the explanation model (every member guarded by an assumption) is feasible exactly when
  the plain model is;
- every conflict set is infeasible on its own and minimal;
- every relaxation offered, applied to the scenario document, makes the week solvable.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from scenario_kit import apply_relaxation, document
from scenario_strategies import scenarios

from runlift.checker import Placement, check_plan
from runlift.models.problem import Problem
from runlift.models.result import Relaxation, Result
from runlift.planning import SolverCheckError, solve_problem
from runlift.rules import RULES
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.solver.explain import GuardedModel

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
    """True when the guarded model is infeasible with only ``members`` enforced."""
    return GuardedModel(problem).infeasible_core(members) is not None


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


@PROPERTY_SETTINGS
@given(scenarios())
def test_random_scenarios(doc):
    record(check_scenario(doc))


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(scenarios(max_sessions=10, max_days=4))
def test_random_crowded_scenarios(doc):
    """Short horizons packed with sessions: often infeasible, to exercise explanations."""
    record(check_scenario(doc))


BINDING = {
    "days": 3,
    "slots": {"am": "07:00"},
    "sessions": {"tempo": 2},
    "prefer": {"tempo": [0, 1]},
    "weights": {"balance": 0, "preferences": 1, "spread": 0},
}


def test_a_rule_dropped_from_the_encoding_is_caught(monkeypatch):
    """The property would fail if an encoding let a breach through."""
    rule = RULES["no_back_to_back_hard"]
    monkeypatch.setattr(type(rule), "encode", lambda self, ctx, value, soft: [])
    with pytest.raises(SolverCheckError, match="hard days back to back"):
        check_scenario(BINDING)


def test_a_soft_cost_priced_differently_is_caught(monkeypatch):
    """The property would fail if the solver priced a soft rule unlike the checker."""
    rule = RULES["no_back_to_back_hard"]
    encode = type(rule).encode

    def doubled(self, ctx, value, soft):
        return [t.scaled(2) for t in encode(self, ctx, value, soft)]

    monkeypatch.setattr(type(rule), "encode", doubled)
    # Breaking the rule (1, doubled to 2) is cheaper than a session off its day (3).
    doc = {**BINDING, "weights": {**BINDING["weights"], "preferences": 3},
           "soft": {"no_back_to_back_hard": 1}}
    with pytest.raises(SolverCheckError, match="prices the plan"):
        check_scenario(doc)


# Three tempos in three one-slot days clash with no_back_to_back_hard, and on their own
# with max_hard_days 2: the three members together are not a minimal conflict. Every
# other rule is off.
CLASH = document(days=3, slots={"am": "07:00"}, sessions={"tempo": 3},
                 rules={"no_back_to_back_hard": True, "max_hard_days": 2})


def test_a_conflict_with_a_needless_member_is_caught(monkeypatch):
    from runlift.solver import explain

    def everything(problem, keys=None):
        return GuardedModel(problem).keys

    monkeypatch.setattr(explain, "minimal_conflict", everything)
    with pytest.raises(AssertionError, match="is not needed"):
        check_scenario(CLASH)


def test_a_relaxation_that_does_not_solve_the_week_is_caught(monkeypatch):
    from runlift.solver import explain

    def useless(problem, member):
        return Relaxation(rule="max_sessions_per_day", change="rules.max_sessions_per_day",
                          value=5, message="set max_sessions_per_day to 5")

    monkeypatch.setattr(explain, "_relax", useless)
    with pytest.raises(AssertionError, match="does not make the week solvable"):
        check_scenario(CLASH)
