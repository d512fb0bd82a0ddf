"""lift_to_key_hours: from the end of a heavy-legs session to the start of any later key
run, at least N hours. Soft unit: each hour short, rounded up, per lift/key-run pair."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# One 07:00 slot. lower_strength (40 min) on mon ends at 07:40; a tempo on tue starts
# 23 h 20 min later. Both are preferred there, 20 per session off its day.
LIFT_THEN_TEMPO = {
    "days": 3,
    "slots": {"am": "07:00"},
    "sessions": {"lower_strength": 1, "tempo": 1},
    "prefer": {"lower_strength": ["mon"], "tempo": ["tue"]},
    "weights": {"preferences": 20},
}


def test_solver_keeps_the_key_run_far_enough_from_the_lift():
    result = solve(make(**LIFT_THEN_TEMPO, rules={"lift_to_key_hours": 36}))
    assert_plan(result)
    gap = result.metrics.min_lift_to_key_hours
    assert gap is None or gap >= 36
    assert result.objective.total == 20  # one session moved off its preferred day


def test_without_the_rule_the_key_run_follows_the_lift_next_morning():
    result = solve(make(**LIFT_THEN_TEMPO))
    assert_plan(result, {"mon am lower_strength", "tue am tempo"})
    assert result.metrics.min_lift_to_key_hours == 23.33


def test_a_gap_the_horizon_cannot_hold_is_infeasible():
    sc = make(days=2, slots={"am": "07:00"}, sessions={"lower_strength": 1},
              fixed=[{"session": "tempo", "day": "tue", "slot": "am"}],
              rules={"lift_to_key_hours": 36})
    result = solve(sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {
        "rule:lift_to_key_hours", "sessions:lower_strength", "fixed:0"}


def test_checker_reports_the_hours_short():
    sc = make(**LIFT_THEN_TEMPO, rules={"lift_to_key_hours": 48})
    report = check(sc, "mon am lower_strength", "tue am tempo")
    (violation,) = rule_violations(report, "lift_to_key_hours")
    assert violation.amount == 25  # 24 h 40 min short, rounded up
    assert violation.hours_short == 24.67
    assert violation.sessions == ("lower_strength", "tempo")
    assert violation.message == (
        "lower_strength on mon am ends 23.33 h before tempo on tue am; "
        "lift_to_key_hours asks for 48 h (25 h short)")


def test_checker_ignores_key_runs_before_the_lift_and_easy_runs_after_it():
    sc = make(days=2, sessions={"lower_strength": 1, "tempo": 1, "easy_run": 1},
              rules={"lift_to_key_hours": 48})
    assert check(sc, "mon am tempo", "mon pm lower_strength", "tue am easy_run").ok


def test_checker_measures_from_the_end_of_the_lift_on_the_same_day():
    sc = make(days=1, slots={"am": "07:00", "pm": "08:00"},
              sessions={"lower_strength": 1, "race": 1}, rules={"lift_to_key_hours": 1})
    report = check(sc, "mon am lower_strength", "mon pm race")
    (violation,) = rule_violations(report, "lift_to_key_hours")
    assert violation.amount == 1  # a 20-minute gap is 40 minutes short: rounds up to 1 h
    assert violation.hours_short == 0.67


@pytest.mark.parametrize(("weight", "breaks"), [(1, True), (2, False)])
def test_soft_rule_costs_each_hour_short(weight, breaks):
    result = solve(make(**LIFT_THEN_TEMPO, rules={"lift_to_key_hours": 36},
                        soft={"lift_to_key_hours": weight}))
    assert_plan(result)
    if breaks:  # 36 h - 23 h 20 min = 12 h 40 min: 13 hours short x 1 < 20
        assert result.metrics.min_lift_to_key_hours == 23.33
        assert result.objective.terms == {"preferences": 0, "lift_to_key_hours": 13}
        (v,) = result.soft_violations
        assert (v.amount, v.cost) == (13, 13)
    else:  # 13 x 2 = 26 > 20
        assert result.objective.terms == {"preferences": 20, "lift_to_key_hours": 0}


def test_soft_cost_in_checker_sums_every_pair():
    sc = make(days=3, slots={"am": "07:00"}, sessions={"lower_strength": 1, "tempo": 2},
              rules={"lift_to_key_hours": 48}, soft={"lift_to_key_hours": 3})
    report = check(sc, "mon am lower_strength", "tue am tempo", "wed am tempo")
    assert report.ok
    # 48 h - 23 h 20 min -> 25 h short; 48 h - 47 h 20 min -> 1 h short.
    assert report.costs["lift_to_key_hours"] == 3 * (25 + 1)


@pytest.mark.parametrize("off", [{"rules": {"lift_to_key_hours": False}},
                                 {"soft": {"lift_to_key_hours": 0}}])
def test_switched_off(off):
    sc = make(**LIFT_THEN_TEMPO, **off)
    assert "lift_to_key_hours" not in resolve(sc).rules
    assert_plan(solve(sc), {"mon am lower_strength", "tue am tempo"})


# --- the encoding alone: the bare model with lift_to_key_hours, placements forced --------

# lower_strength (40 min) at 18:00 ends 18:40; intervals the next morning at 07:00 start
# 12 h 20 min later.
EVENING_LIFT_MORNING_INTERVALS = ("mon pm lower_strength", "tue am intervals")
# Two slots 40 minutes apart: a lift in the first ends as the second starts.
BACK_TO_BACK_SLOTS = {"slots": {"early": "07:00", "late": "07:40"}}


def test_bare_a_key_run_too_soon_after_the_lift_is_infeasible():
    assert bare("lift_to_key_hours", 36).force(*EVENING_LIFT_MORNING_INTERVALS).infeasible


def test_bare_a_shorter_gap_or_off_allows_it():
    assert bare("lift_to_key_hours", 12).force(*EVENING_LIFT_MORNING_INTERVALS).feasible
    assert bare("lift_to_key_hours", False).force(*EVENING_LIFT_MORNING_INTERVALS).feasible


def test_bare_a_gap_of_exactly_n_hours_is_enough():
    exactly_24 = ("mon early lower_strength", "tue late tempo")
    assert bare("lift_to_key_hours", 24, **BACK_TO_BACK_SLOTS).force(*exactly_24).feasible
    assert bare("lift_to_key_hours", 25, **BACK_TO_BACK_SLOTS).force(*exactly_24).infeasible


def test_bare_a_key_run_as_the_lift_ends_meets_zero_hours_only():
    same_day = ("mon early lower_strength", "mon late race")
    assert bare("lift_to_key_hours", 0, **BACK_TO_BACK_SLOTS).force(*same_day).feasible
    assert bare("lift_to_key_hours", 1, **BACK_TO_BACK_SLOTS).force(*same_day).infeasible


def test_bare_key_runs_before_the_lift_and_easy_runs_after_it_are_free():
    assert bare("lift_to_key_hours", 72).force(
        "mon am tempo", "mon pm lower_strength", "tue am easy_run").feasible


def test_bare_soft_costs_each_hour_short_rounded_up():
    assert bare("lift_to_key_hours", 36, soft=True).force(
        *EVENING_LIFT_MORNING_INTERVALS).cost == 24  # 23 h 40 min short


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_hours_short():
    verify("lift_to_key_hours", 36).given(*EVENING_LIFT_MORNING_INTERVALS).reports(
        count=1, amount=24, hours_short=23.67, days=(0, 1),
        sessions=("lower_strength", "intervals"),
        message="ends 12.33 h before intervals on tue am")


def test_verify_sums_every_lift_and_key_run_pair():
    # 48 h less 12 h 20 min and less 36 h 20 min: 35 h 40 min and 11 h 40 min short.
    verify("lift_to_key_hours", 48).given(
        *EVENING_LIFT_MORNING_INTERVALS, "wed am tempo").reports(count=2, amounts=[36, 12])


def test_verify_a_gap_of_exactly_n_hours_reports_nothing():
    verify("lift_to_key_hours", 24, **BACK_TO_BACK_SLOTS).given(
        "mon early lower_strength", "tue late tempo").reports_nothing()
