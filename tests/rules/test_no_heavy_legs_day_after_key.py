"""no_heavy_legs_day_after_key: no heavy-legs session on the day after a key run."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# A tempo preferred on mon and lower_strength on tue, one slot a day, 3 per session off
# its day: the rule forces them to swap (cost 6).
TEMPO_THEN_LIFT = {
    "days": 2,
    "slots": {"am": "07:00"},
    "sessions": {"tempo": 1, "lower_strength": 1},
    "prefer": {"tempo": ["mon"], "lower_strength": ["tue"]},
    "weights": {"preferences": 3},
}


def test_solver_moves_the_lift_off_the_day_after_the_key_run():
    result = solve(make(**TEMPO_THEN_LIFT, rules={"no_heavy_legs_day_after_key": True}))
    assert_plan(result, {"mon am lower_strength", "tue am tempo"})
    assert result.objective.total == 6


def test_without_the_rule_the_lift_follows_the_key_run():
    assert_plan(solve(make(**TEMPO_THEN_LIFT)), {"mon am tempo", "tue am lower_strength"})


def test_a_pinned_key_run_before_the_only_free_day_is_infeasible():
    sc = make(days=2, slots={"am": "07:00"}, sessions={"lower_strength": 1},
              fixed=[{"session": "intervals", "day": "mon", "slot": "am"}],
              rules={"no_heavy_legs_day_after_key": True})
    result = solve(sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {
        "rule:no_heavy_legs_day_after_key", "sessions:lower_strength", "fixed:0"}


def test_checker_flags_every_heavy_legs_session_after_a_key_day():
    sc = make(days=3, sessions={"race": 1, "plyometrics": 1, "lower_strength": 1,
                                "easy_run": 1}, rules={"no_heavy_legs_day_after_key": True})
    report = check(sc, "mon pm race", "tue am plyometrics", "tue pm lower_strength",
                   "wed am easy_run")
    found = rule_violations(report, "no_heavy_legs_day_after_key")
    assert [(v.days, v.sessions) for v in found] == [
        ((0, 1), ("plyometrics",)), ((0, 1), ("lower_strength",))]
    assert found[0].message == ("plyometrics on tue am is the day after a key run "
                                "(race on mon pm)")


def test_checker_ignores_easy_runs_and_same_day_lifts():
    sc = make(days=2, sessions={"easy_run": 1, "tempo": 1, "lower_strength": 1},
              rules={"no_heavy_legs_day_after_key": True})
    assert check(sc, "mon am easy_run", "tue am tempo", "tue pm lower_strength").ok


@pytest.mark.parametrize(("weight", "breaks"), [(5, True), (7, False)])
def test_soft_rule_trades_against_preferences(weight, breaks):
    result = solve(make(**TEMPO_THEN_LIFT, rules={"no_heavy_legs_day_after_key": True},
                        soft={"no_heavy_legs_day_after_key": weight}))
    if breaks:
        assert_plan(result, {"mon am tempo", "tue am lower_strength"})
        assert result.objective.terms == {"preferences": 0,
                                          "no_heavy_legs_day_after_key": weight}
    else:
        assert_plan(result, {"mon am lower_strength", "tue am tempo"})
        assert result.objective.terms == {"preferences": 6, "no_heavy_legs_day_after_key": 0}


def test_soft_cost_in_checker_is_weight_per_session():
    sc = make(days=2, sessions={"tempo": 1, "plyometrics": 1, "lower_strength": 1},
              rules={"no_heavy_legs_day_after_key": True},
              soft={"no_heavy_legs_day_after_key": 4})
    report = check(sc, "mon am tempo", "tue am plyometrics", "tue pm lower_strength")
    assert report.ok
    assert report.costs["no_heavy_legs_day_after_key"] == 4 * 2


@pytest.mark.parametrize("off", [{"rules": {"no_heavy_legs_day_after_key": False}},
                                 {"soft": {"no_heavy_legs_day_after_key": 0}}])
def test_switched_off(off):
    sc = make(**TEMPO_THEN_LIFT, **off)
    assert "no_heavy_legs_day_after_key" not in resolve(sc).rules
    assert_plan(solve(sc), {"mon am tempo", "tue am lower_strength"})


# --- the encoding alone: the bare model with no_heavy_legs_day_after_key, forced ---------

KEY_THEN_LIFT_NEXT_DAY = ("mon am tempo", "tue pm lower_strength")


def test_bare_heavy_legs_the_day_after_a_key_run_is_infeasible():
    assert bare("no_heavy_legs_day_after_key", True).force(*KEY_THEN_LIFT_NEXT_DAY).infeasible


def test_bare_switched_off_allows_it():
    assert bare("no_heavy_legs_day_after_key", False).force(*KEY_THEN_LIFT_NEXT_DAY).feasible


def test_bare_two_days_after_the_same_day_or_before_is_fine():
    rule = bare("no_heavy_legs_day_after_key", True)
    assert rule.force("mon am tempo", "wed am lower_strength").feasible
    assert rule.force("mon am tempo", "mon pm lower_strength").feasible
    assert rule.force("mon pm lower_strength", "tue am tempo").feasible


def test_bare_an_easy_run_is_not_a_key_run():
    assert bare("no_heavy_legs_day_after_key", True).force(
        "mon am easy_run", "tue am lower_strength").feasible


def test_bare_a_key_run_counts_whatever_its_intensity_and_a_hard_lift_does_not():
    strides = {"catalog": {"strides": {"kind": "run", "intensity": "moderate", "minutes": 20,
                                       "rpe": 5, "key": True}}}
    assert bare("no_heavy_legs_day_after_key", True, **strides).force(
        "mon am strides", "tue am lower_strength").infeasible
    assert bare("no_heavy_legs_day_after_key", True).force(
        "mon am lower_strength", "tue am plyometrics").feasible


def test_bare_soft_costs_each_heavy_legs_session():
    assert bare("no_heavy_legs_day_after_key", True, soft=True).force(
        "mon am tempo", "tue am lower_strength", "tue pm plyometrics").cost == 2


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_lift_the_day_after_the_key_run():
    verify("no_heavy_legs_day_after_key", True).given(*KEY_THEN_LIFT_NEXT_DAY).reports(
        count=1, amount=1, days=(0, 1), sessions=("lower_strength",),
        message="lower_strength on tue pm is the day after a key run (tempo on mon am)")


def test_verify_two_days_after_reports_nothing():
    verify("no_heavy_legs_day_after_key", True).given(
        "mon am tempo", "wed am lower_strength").reports_nothing()
