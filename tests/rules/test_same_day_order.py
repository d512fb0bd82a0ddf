"""same_day_order: on a day that holds a run and a heavy-legs session, which comes first."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.rules import RULES
from runlift.scenario.resolve import resolve


def pinned_lift(slot: str) -> dict:
    """lower_strength pinned on mon ``slot``; an easy run preferred on mon (3 off it)."""
    return {
        "days": 2,
        "sessions": {"easy_run": 1},
        "fixed": [{"session": "lower_strength", "day": "mon", "slot": slot}],
        "prefer": {"easy_run": ["mon"]},
        "weights": {"preferences": 3},
    }


@pytest.mark.parametrize(("order", "lift_slot"), [("run_first", "am"), ("lift_first", "pm")])
def test_solver_moves_the_run_rather_than_break_the_order(order, lift_slot):
    result = solve(make(**pinned_lift(lift_slot), rules={"same_day_order": order}))
    assert_plan(result)
    assert [e.weekday for e in result.plan if e.session == "easy_run"] == ["tue"]
    assert result.objective.total == 3


@pytest.mark.parametrize(("lift_slot", "run_slot"), [("am", "pm"), ("pm", "am")])
def test_without_the_rule_the_run_shares_the_day_in_either_order(lift_slot, run_slot):
    result = solve(make(**pinned_lift(lift_slot)))
    assert_plan(result, {f"mon {lift_slot} lower_strength", f"mon {run_slot} easy_run"})


def test_a_pinned_lift_before_the_only_run_slot_is_infeasible():
    sc = make(**{**pinned_lift("am"), "days": 1}, rules={"same_day_order": "run_first"})
    result = solve(sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:same_day_order",
                                                     "sessions:easy_run", "fixed:0"}


def test_checker_flags_each_run_on_the_wrong_side_of_the_lift():
    sc = make(days=1, slots={"am": "06:00", "noon": "12:00", "pm": "18:00"},
              sessions={"lower_strength": 1, "tempo": 1, "easy_run": 1},
              rules={"same_day_order": "run_first"})
    report = check(sc, "mon am lower_strength", "mon noon tempo", "mon pm easy_run")
    found = rule_violations(report, "same_day_order")
    assert sorted(v.sessions for v in found) == [("lower_strength", "easy_run"),
                                                 ("lower_strength", "tempo")]
    assert ("lower_strength on mon am comes before tempo on mon noon; same_day_order is "
            "run_first") in [v.message for v in found]


def test_checker_lift_first_flags_a_run_before_the_lift():
    sc = make(days=1, sessions={"plyometrics": 1, "race": 1},
              rules={"same_day_order": "lift_first"})
    (violation,) = rule_violations(check(sc, "mon am race", "mon pm plyometrics"),
                                   "same_day_order")
    assert violation.sessions == ("race", "plyometrics")
    assert check(sc, "mon am plyometrics", "mon pm race").ok


def test_checker_ignores_lifts_without_heavy_legs_and_other_days():
    sc = make(days=2, sessions={"upper_body": 1, "lower_strength": 1, "easy_run": 2},
              rules={"same_day_order": "run_first"})
    report = check(sc, "mon am upper_body", "mon pm easy_run", "tue pm lower_strength",
                   "tue am easy_run")
    assert report.ok


@pytest.mark.parametrize(("weight", "breaks"), [(2, True), (4, False)])
def test_soft_rule_trades_against_preferences(weight, breaks):
    result = solve(make(**pinned_lift("am"), rules={"same_day_order": "run_first"},
                        soft={"same_day_order": weight}))
    if breaks:
        assert_plan(result, {"mon am lower_strength", "mon pm easy_run"})
        assert result.objective.terms == {"preferences": 0, "same_day_order": weight}
    else:
        assert_plan(result, {"mon am lower_strength", "tue am easy_run"})
        assert result.objective.terms == {"preferences": 3, "same_day_order": 0}


def test_soft_cost_in_checker_is_weight_per_pair():
    sc = make(days=1, slots={"am": "06:00", "noon": "12:00", "pm": "18:00"},
              sessions={"lower_strength": 1, "tempo": 1, "easy_run": 1},
              rules={"same_day_order": "run_first"}, soft={"same_day_order": 5})
    report = check(sc, "mon am lower_strength", "mon noon tempo", "mon pm easy_run")
    assert report.ok
    assert report.costs["same_day_order"] == 5 * 2


@pytest.mark.parametrize("off", [{"rules": {"same_day_order": "any"}},
                                 {"soft": {"same_day_order": 0}}])
def test_switched_off(off):
    sc = make(**pinned_lift("am"), **off)
    assert "same_day_order" not in resolve(sc).rules
    assert_plan(solve(sc), {"mon am lower_strength", "mon pm easy_run"})


# --- the encoding alone: the bare model with same_day_order, placements forced -----------

LIFT_THEN_RUN = ("mon am lower_strength", "mon pm easy_run")
RUN_THEN_LIFT = ("mon am easy_run", "mon pm lower_strength")
HILL_SPRINTS = {"catalog": {"hill_sprints": {
    "kind": "run", "intensity": "hard", "minutes": 30, "rpe": 9, "key": True,
    "heavy_legs": True, "muscles": ["legs"]}}}


@pytest.mark.parametrize(("order", "wrong", "right"), [
    ("run_first", LIFT_THEN_RUN, RUN_THEN_LIFT),
    ("lift_first", RUN_THEN_LIFT, LIFT_THEN_RUN)])
def test_bare_the_wrong_order_is_infeasible_and_the_right_one_feasible(order, wrong, right):
    assert bare("same_day_order", order).force(*wrong).infeasible
    assert bare("same_day_order", order).force(*right).feasible


def test_bare_any_order_is_the_rule_off():
    assert bare("same_day_order", "any").force(*LIFT_THEN_RUN).feasible
    assert bare("same_day_order", "any").force(*RUN_THEN_LIFT).feasible


def test_bare_a_lift_and_a_run_on_different_days_have_no_order():
    assert bare("same_day_order", "run_first").force(
        "mon pm lower_strength", "tue am easy_run").feasible


def test_bare_a_heavy_legs_run_is_ordered_against_other_runs_not_itself():
    rule = bare("same_day_order", "run_first", **HILL_SPRINTS)
    assert rule.force("mon am hill_sprints").feasible
    assert rule.force("mon am hill_sprints", "mon pm easy_run").infeasible


def test_bare_soft_costs_each_pair_in_the_wrong_order():
    three = {"slots": {"am": "06:00", "noon": "12:00", "pm": "18:00"}}
    assert bare("same_day_order", "run_first", soft=True, **three).force(
        "mon am lower_strength", "mon noon easy_run", "mon pm tempo").cost == 2


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_pair_in_the_wrong_order():
    verify("same_day_order", "run_first").given(*LIFT_THEN_RUN).reports(
        count=1, amount=1, days=(0,), sessions=("lower_strength", "easy_run"),
        message="lower_strength on mon am comes before easy_run on mon pm")


def test_verify_the_right_order_reports_nothing():
    verify("same_day_order", "lift_first").given(*LIFT_THEN_RUN).reports_nothing()


def test_check_alone_with_any_reports_nothing():
    """'any' asks no order, even when the check is called on its own."""
    plan = verify("same_day_order", "any").plan(RUN_THEN_LIFT)
    assert RULES["same_day_order"].check(plan, "any") == []
