"""stack_with: the hard runs that heavy legs may share a day with."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Legs stacked (legs_policy: stack) in a week of intervals and a long run, legs preferred
# on the long run's day (3 off it): stack_with [intervals, tempo] moves them to intervals.
STACK_WEEK = {
    "days": 4,
    "fixed": [{"session": "intervals", "day": "mon", "slot": "am"},
              {"session": "long_run", "day": "thu", "slot": "am"}],
    "sessions": {"lower_strength": 1},
    "prefer": {"lower_strength": ["thu"]},
    "weights": {"preferences": 3},
}


def legs_day(result) -> int:
    (day,) = [e.day for e in result.plan if e.heavy_legs]
    return day


def test_solver_stacks_legs_only_with_the_listed_runs():
    result = solve(make(**STACK_WEEK, rules={"legs_policy": "stack",
                                             "stack_with": ["intervals", "tempo"]}))
    assert result.status == "optimal"
    assert legs_day(result) == 0
    assert result.objective.total == 3


def test_without_it_stack_takes_the_long_run_day():
    result = solve(make(**STACK_WEEK, rules={"legs_policy": "stack"}))
    assert legs_day(result) == 3


def test_it_holds_without_legs_policy_too():
    """On its own it keeps legs off the days of unlisted hard runs, not off easy days."""
    result = solve(make(**STACK_WEEK, rules={"stack_with": ["intervals"]}))
    assert legs_day(result) != 3


def test_a_day_with_only_an_unlisted_run_is_infeasible_and_names_the_rule():
    sc = make(days=1, sessions={"long_run": 1, "lower_strength": 1},
              rules={"legs_policy": "stack", "stack_with": ["intervals", "tempo"]})
    result = solve(sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {
        "rule:stack_with", "sessions:long_run", "sessions:lower_strength"}
    line = next(c for c in result.conflicts if c.rule == "stack_with")
    assert line.message == "heavy legs share a day only with these hard runs: intervals, tempo"
    assert "rules.stack_with" in {r.change for r in result.relaxations}


def test_checker_names_the_unlisted_run():
    sc = make(**STACK_WEEK, rules={"stack_with": ["intervals", "tempo"]})
    (violation,) = rule_violations(check(sc, "mon am intervals", "thu am long_run",
                                         "thu pm lower_strength"), "stack_with")
    assert violation.message == ("lower_strength on thu pm shares its day with long_run on "
                                 "thu am; stack_with allows intervals, tempo")
    assert violation.sessions == ("lower_strength", "long_run")


@pytest.mark.parametrize(("weight", "bends"), [(1, True), (5, False)])
def test_soft_rule_trades_against_preferences(weight, bends):
    result = solve(make(**STACK_WEEK, rules={"legs_policy": "stack",
                                             "stack_with": ["intervals"]},
                        soft={"stack_with": weight}))
    assert legs_day(result) == (3 if bends else 0)
    assert result.objective.terms["stack_with"] == (weight if bends else 0)


@pytest.mark.parametrize("off", [{"rules": {"stack_with": False}},
                                 {"soft": {"stack_with": 0}}])
def test_switched_off(off):
    assert "stack_with" not in resolve(make(**STACK_WEEK, **off)).rules


def test_an_empty_list_keeps_legs_off_every_hard_run_day():
    assert bare("stack_with", []).force("mon am easy_run", "mon pm lower_strength").feasible
    assert bare("stack_with", []).force("mon am tempo", "mon pm lower_strength").infeasible


# --- the encoding alone ---------------------------------------------------------------

def test_bare_legs_with_an_unlisted_hard_run_is_infeasible():
    assert bare("stack_with", ["intervals"]).force("mon am long_run", "mon pm plyometrics"
                                                   ).infeasible


def test_bare_legs_with_a_listed_hard_run_is_fine():
    assert bare("stack_with", ["intervals"]).force("mon am intervals", "mon pm plyometrics"
                                                   ).feasible


def test_bare_a_run_that_is_heavy_legs_too_does_not_share_with_itself():
    sprints = {"hill_sprints": {"kind": "run", "intensity": "hard", "minutes": 30, "rpe": 9,
                                "key": True, "heavy_legs": True, "muscles": ["legs"]}}
    assert bare("stack_with", ["tempo"], catalog=sprints).force("mon am hill_sprints"
                                                                ).feasible
    assert bare("stack_with", ["tempo"], catalog=sprints).force(
        "mon am hill_sprints", "mon pm hill_sprints").infeasible


def test_bare_soft_costs_each_heavy_legs_session():
    three = {"am": "06:00", "noon": "12:00", "pm": "18:00"}
    assert bare("stack_with", ["tempo"], soft=True, slots=three).force(
        "mon am long_run", "mon noon lower_strength", "mon pm plyometrics").cost == 2


# --- the check alone ------------------------------------------------------------------

def test_verify_reports_each_lift_once_whatever_it_shares():
    three = {"am": "06:00", "noon": "12:00", "pm": "18:00"}
    verify("stack_with", ["tempo"], slots=three).given(
        "mon am long_run", "mon noon lower_strength", "mon pm race").reports(
        count=1, amount=1, days=(0,))


def test_verify_easy_runs_do_not_count():
    verify("stack_with", []).given("mon am easy_run", "mon pm lower_strength"
                                   ).reports_nothing()
