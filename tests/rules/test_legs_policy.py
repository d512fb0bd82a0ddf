"""legs_policy: stack puts every heavy-legs session on a day that holds a hard run;
separate keeps it off such days; any does neither."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve


def week(lift_day: str) -> dict:
    """A tempo preferred on mon and lower_strength on ``lift_day``, 3 per session off."""
    return {
        "days": 2,
        "sessions": {"tempo": 1, "lower_strength": 1},
        "prefer": {"tempo": ["mon"], "lower_strength": [lift_day]},
        "weights": {"preferences": 3},
    }


def same_day(result) -> bool:
    return len({e.day for e in result.plan}) == 1


def test_stack_puts_the_lift_on_the_hard_run_day():
    result = solve(make(**week("tue"), rules={"legs_policy": "stack"}))
    assert_plan(result)
    assert same_day(result)
    assert result.objective.total == 3


def test_separate_keeps_the_lift_off_the_hard_run_day():
    result = solve(make(**week("mon"), rules={"legs_policy": "separate"}))
    assert_plan(result)
    assert not same_day(result)
    assert result.objective.total == 3


@pytest.mark.parametrize(("lift_day", "together"), [("tue", False), ("mon", True)])
def test_without_the_rule_preferences_decide(lift_day, together):
    result = solve(make(**week(lift_day)))
    assert_plan(result)
    assert same_day(result) is together
    assert result.objective.total == 0


def test_stack_without_any_hard_run_is_infeasible():
    result = solve(make(days=2, sessions={"lower_strength": 1, "easy_run": 1},
                        rules={"legs_policy": "stack"}))
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:legs_policy",
                                                     "sessions:lower_strength"}


def test_checker_stack_flags_a_lift_on_an_easy_day():
    sc = make(days=2, sessions={"race": 1, "easy_run": 1, "plyometrics": 1,
                                "lower_strength": 1}, rules={"legs_policy": "stack"})
    report = check(sc, "mon am race", "mon pm plyometrics", "tue am easy_run",
                   "tue pm lower_strength")
    (violation,) = rule_violations(report, "legs_policy")
    assert violation.sessions == ("lower_strength",)
    assert violation.message == ("lower_strength on tue pm is not on a hard-run day; "
                                 "legs_policy is stack")


def test_checker_separate_flags_a_lift_beside_a_hard_run():
    sc = make(days=2, sessions={"hills": 1, "posterior_chain": 1, "upper_body": 1},
              rules={"legs_policy": "separate"})
    report = check(sc, "mon am hills", "mon pm posterior_chain", "tue am upper_body")
    (violation,) = rule_violations(report, "legs_policy")
    assert violation.message == ("posterior_chain on mon pm shares its day with a hard run; "
                                 "legs_policy is separate")
    assert check(sc, "mon am hills", "mon pm upper_body", "tue am posterior_chain").ok


@pytest.mark.parametrize(("policy", "lift_day"), [("stack", "tue"), ("separate", "mon")])
@pytest.mark.parametrize(("weight", "breaks"), [(2, True), (4, False)])
def test_soft_rule_trades_against_preferences(policy, lift_day, weight, breaks):
    result = solve(make(**week(lift_day), rules={"legs_policy": policy},
                        soft={"legs_policy": weight}))
    assert_plan(result)
    if breaks:
        assert same_day(result) is (policy == "separate")
        assert result.objective.terms == {"preferences": 0, "legs_policy": weight}
    else:
        assert same_day(result) is (policy == "stack")
        assert result.objective.terms == {"preferences": 3, "legs_policy": 0}


def test_soft_cost_in_checker_is_weight_per_session():
    sc = make(days=2, sessions={"easy_run": 1, "plyometrics": 1, "lower_strength": 1},
              rules={"legs_policy": "stack"}, soft={"legs_policy": 6})
    report = check(sc, "mon am easy_run", "mon pm plyometrics", "tue pm lower_strength")
    assert report.ok
    assert report.costs["legs_policy"] == 6 * 2


def test_default_is_any():
    assert "legs_policy" not in resolve(Scenario.model_validate({"sessions": {"tempo": 1}})).rules


@pytest.mark.parametrize("off", [{"rules": {"legs_policy": "any"}},
                                 {"rules": {"legs_policy": "stack"},
                                  "soft": {"legs_policy": 0}}])
def test_switched_off(off):
    sc = make(**week("tue"), **off)
    assert "legs_policy" not in resolve(sc).rules
    assert not same_day(solve(sc))


# --- the encoding alone: the bare model with legs_policy, placements forced --------------

WITH_A_HARD_RUN = ("mon am tempo", "mon pm lower_strength")
AWAY_FROM_THE_HARD_RUN = ("mon pm lower_strength", "tue am tempo")
HILL_SPRINTS = {"catalog": {"hill_sprints": {
    "kind": "run", "intensity": "hard", "minutes": 30, "rpe": 9, "key": True,
    "heavy_legs": True, "muscles": ["legs"]}}}


@pytest.mark.parametrize(("policy", "wrong", "right"), [
    ("stack", AWAY_FROM_THE_HARD_RUN, WITH_A_HARD_RUN),
    ("separate", WITH_A_HARD_RUN, AWAY_FROM_THE_HARD_RUN)])
def test_bare_the_wrong_kind_of_day_is_infeasible(policy, wrong, right):
    assert bare("legs_policy", policy).force(*wrong).infeasible
    assert bare("legs_policy", policy).force(*right).feasible


def test_bare_any_is_the_rule_off():
    assert bare("legs_policy", "any").force(*WITH_A_HARD_RUN).feasible
    assert bare("legs_policy", "any").force(*AWAY_FROM_THE_HARD_RUN).feasible


def test_bare_stack_needs_a_hard_run_not_any_run():
    assert bare("legs_policy", "stack").force("mon am easy_run", "mon pm lower_strength"
                                              ).infeasible


def test_bare_a_heavy_legs_hard_run_is_its_own_hard_run():
    assert bare("legs_policy", "stack", **HILL_SPRINTS).force("mon am hill_sprints").feasible
    assert bare("legs_policy", "separate", **HILL_SPRINTS).force("mon am hill_sprints"
                                                                 ).infeasible


def test_bare_soft_costs_each_lift_on_the_wrong_kind_of_day():
    lonely = ("mon pm lower_strength", "wed pm plyometrics", "thu am tempo")
    assert bare("legs_policy", "stack", soft=True).force(*lonely).cost == 2
    assert bare("legs_policy", "separate", soft=True).force(*WITH_A_HARD_RUN).cost == 1


# --- the check alone ---------------------------------------------------------------------

def test_verify_stack_reports_a_lift_away_from_hard_runs():
    verify("legs_policy", "stack").given(*AWAY_FROM_THE_HARD_RUN).reports(
        count=1, days=(0,), sessions=("lower_strength",),
        message="lower_strength on mon pm is not on a hard-run day; legs_policy is stack")


def test_verify_separate_reports_a_lift_beside_a_hard_run():
    verify("legs_policy", "separate").given(*WITH_A_HARD_RUN).reports(
        count=1, message="shares its day with a hard run")


def test_verify_the_right_kind_of_day_reports_nothing():
    verify("legs_policy", "stack").given(*WITH_A_HARD_RUN).reports_nothing()
    verify("legs_policy", "separate").given(*AWAY_FROM_THE_HARD_RUN).reports_nothing()
