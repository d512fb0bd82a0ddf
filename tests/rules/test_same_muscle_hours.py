"""same_muscle_hours: two moderate or hard strength sessions that share a muscle group
start at least N hours apart. Soft unit: each hour short, rounded up, per pair."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Two upper_body sessions (moderate, upper) preferred on mon and tue, 30 per session off.
TWO_UPPER = {
    "days": 3,
    "slots": {"am": "07:00"},
    "sessions": {"upper_body": 2},
    "prefer": {"upper_body": ["mon", "tue"]},
    "weights": {"preferences": 30},
}


def test_solver_spaces_sessions_for_the_same_muscles():
    result = solve(make(**TWO_UPPER, rules={"same_muscle_hours": 48}))
    assert_plan(result, {"mon am upper_body", "wed am upper_body"})  # exactly 48 h is enough
    assert result.objective.total == 30


def test_without_the_rule_they_sit_on_consecutive_days():
    assert_plan(solve(make(**TWO_UPPER)), {"mon am upper_body", "tue am upper_body"})


def test_sessions_that_cannot_be_spaced_are_infeasible():
    result = solve(make(**{**TWO_UPPER, "days": 2}, rules={"same_muscle_hours": 48}))
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:same_muscle_hours",
                                                     "sessions:upper_body"}


def test_checker_flags_one_pair_sharing_several_muscles_once():
    sc = make(days=2, sessions={"lower_strength": 1, "posterior_chain": 1},
              rules={"same_muscle_hours": 48})
    report = check(sc, "mon am lower_strength", "tue pm posterior_chain")
    (violation,) = rule_violations(report, "same_muscle_hours")
    assert violation.amount == 13  # 48 h - 35 h apart
    assert violation.hours_short == 13.0
    assert violation.message == (
        "lower_strength on mon am and posterior_chain on tue pm both load legs, posterior "
        "35 h apart; same_muscle_hours asks for 48 h (13 h short)")


def test_checker_ignores_easy_strength_and_other_muscles():
    sc = make(days=1, sessions={"core": 2}, slots={"am": "07:00", "pm": "08:00", "ev": "09:00"},
              fixed=[{"session": "upper_body", "day": "mon", "slot": "ev"}],
              rules={"same_muscle_hours": 48})
    assert check(sc, "mon am core", "mon pm core", "mon ev upper_body").ok
    sc = make(days=1, sessions={"upper_body": 1, "lower_strength": 1},
              rules={"same_muscle_hours": 48})
    assert check(sc, "mon am upper_body", "mon pm lower_strength").ok


def test_an_override_making_core_moderate_brings_it_under_the_rule():
    sc = make(days=1, sessions={"core": 2}, catalog={"core": {"intensity": "moderate"}},
              rules={"same_muscle_hours": 12})
    (violation,) = rule_violations(check(sc, "mon am core", "mon pm core"), "same_muscle_hours")
    assert violation.amount == 1  # 11 h apart


@pytest.mark.parametrize(("weight", "breaks"), [(1, True), (2, False)])
def test_soft_rule_costs_each_hour_short(weight, breaks):
    result = solve(make(**TWO_UPPER, rules={"same_muscle_hours": 48},
                        soft={"same_muscle_hours": weight}))
    if breaks:  # 24 h short x 1 < 30
        assert_plan(result, {"mon am upper_body", "tue am upper_body"})
        assert result.objective.terms == {"preferences": 0, "same_muscle_hours": 24}
    else:  # 24 x 2 = 48 > 30
        assert_plan(result, {"mon am upper_body", "wed am upper_body"})
        assert result.objective.terms == {"preferences": 30, "same_muscle_hours": 0}


def test_soft_cost_in_checker_sums_every_pair():
    sc = make(days=3, slots={"am": "07:00"}, sessions={"upper_body": 3},
              rules={"same_muscle_hours": 48}, soft={"same_muscle_hours": 2})
    report = check(sc, "mon am upper_body", "tue am upper_body", "wed am upper_body")
    assert report.ok
    assert report.costs["same_muscle_hours"] == 2 * (24 + 24 + 0)


@pytest.mark.parametrize("off", [{"rules": {"same_muscle_hours": False}},
                                 {"soft": {"same_muscle_hours": 0}}])
def test_switched_off(off):
    sc = make(**TWO_UPPER, **off)
    assert "same_muscle_hours" not in resolve(sc).rules
    assert_plan(solve(sc), {"mon am upper_body", "tue am upper_body"})


# --- the encoding alone: the bare model with same_muscle_hours, placements forced --------

# Both load legs, 24 h apart from start to start.
LEGS_ON_CONSECUTIVE_MORNINGS = ("mon am lower_strength", "tue am plyometrics")
EASY_LEG_DRILLS = {"catalog": {"leg_drills": {
    "kind": "strength", "intensity": "easy", "minutes": 20, "rpe": 3, "muscles": ["legs"]}}}


def test_bare_sessions_for_the_same_muscles_too_close_are_infeasible():
    assert bare("same_muscle_hours", 48).force(*LEGS_ON_CONSECUTIVE_MORNINGS).infeasible


def test_bare_exactly_n_hours_apart_is_enough():
    assert bare("same_muscle_hours", 24).force(*LEGS_ON_CONSECUTIVE_MORNINGS).feasible
    assert bare("same_muscle_hours", 25).force(*LEGS_ON_CONSECUTIVE_MORNINGS).infeasible


def test_bare_switched_off_allows_them():
    assert bare("same_muscle_hours", False).force(*LEGS_ON_CONSECUTIVE_MORNINGS).feasible


def test_bare_other_muscles_and_easy_strength_are_free():
    assert bare("same_muscle_hours", 72).force("mon am lower_strength", "mon pm upper_body"
                                               ).feasible
    assert bare("same_muscle_hours", 72, **EASY_LEG_DRILLS).force(
        "mon am lower_strength", "mon pm leg_drills").feasible


def test_bare_soft_costs_every_pair_in_hours_short():
    three = ("mon am lower_strength", "mon pm posterior_chain", "tue am plyometrics")
    # 48 h less 11 h, 24 h and 13 h.
    assert bare("same_muscle_hours", 48, soft=True).force(*three).cost == 37 + 24 + 35


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_hours_short_and_the_shared_muscles():
    verify("same_muscle_hours", 48).given(
        "mon am lower_strength", "tue am posterior_chain").reports(
        count=1, amount=24, hours_short=24.0, sessions=("lower_strength", "posterior_chain"),
        message="both load legs, posterior 24 h apart")


def test_verify_exactly_n_hours_apart_reports_nothing():
    verify("same_muscle_hours", 24).given(*LEGS_ON_CONSECUTIVE_MORNINGS).reports_nothing()


def test_verify_easy_strength_loads_no_muscles():
    verify("same_muscle_hours", 72, **EASY_LEG_DRILLS).given(
        "mon am lower_strength", "mon pm leg_drills").reports_nothing()


def test_soft_a_repeating_template_counts_each_pair_once():
    """The template's earlier copies hold copies of its own pairs: only pairs that end
    inside the horizon cost. One day, two lifts at 00:00 and 00:19, 30 h: 30 h short
    between them, and across the edge 7 h (23:41 apart) and 6 h three times (24 h,
    24 h, 24:19)."""
    slots = {"s0": "00:00", "s1": "00:19"}
    cells = ("0 s0 plyometrics", "0 s1 plyometrics")
    assert bare("same_muscle_hours", 30, soft=True, days=1, repeat=True, slots=slots
                ).force(*cells).cost == 55
    verify("same_muscle_hours", 30, days=1, repeat=True, slots=slots).given(*cells).reports(
        amount=55)
