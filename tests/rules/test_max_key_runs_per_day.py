"""max_key_runs_per_day: at most N key runs (runs or races marked key) on one day."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Two key runs in two days with two slots, both preferred on mon (3 per session off it).
TWO_KEYS = {
    "days": 2,
    "sessions": {"tempo": 1, "intervals": 1},
    "prefer": {"tempo": ["mon"], "intervals": ["mon"]},
    "weights": {"preferences": 3},
}


def key_runs_by_day(result) -> list[int]:
    counts = [0] * len(result.days)
    for entry in result.plan:
        counts[entry.day] += entry.key
    return counts


def test_solver_puts_one_key_run_a_day():
    result = solve(make(**TWO_KEYS, rules={"max_key_runs_per_day": 1}))
    assert_plan(result)
    assert key_runs_by_day(result) == [1, 1]
    assert result.objective.total == 3


def test_without_the_rule_both_key_runs_share_the_preferred_day():
    result = solve(make(**TWO_KEYS))
    assert_plan(result)
    assert key_runs_by_day(result) == [2, 0]


def test_key_runs_beyond_the_days_are_infeasible():
    result = solve(make(**{**TWO_KEYS, "days": 1}, rules={"max_key_runs_per_day": 1}))
    assert result.status == "infeasible"
    assert {c.rule for c in result.conflicts} == {"max_key_runs_per_day", "sessions"}


def test_checker_counts_extra_key_runs_on_a_day_and_ignores_easy_runs():
    sc = make(days=1, slots={"am": "06:00", "noon": "12:00", "pm": "18:00"},
              sessions={"tempo": 1, "hills": 1, "easy_run": 1},
              rules={"max_key_runs_per_day": 0})
    report = check(sc, "mon am tempo", "mon noon easy_run", "mon pm hills")
    (violation,) = rule_violations(report, "max_key_runs_per_day")
    assert violation.amount == 2
    assert violation.sessions == ("tempo", "hills")
    assert violation.message == ("2 key runs on mon (tempo, hills), "
                                 "max_key_runs_per_day allows 0")


def test_a_key_strength_session_is_not_a_key_run():
    sc = make(days=1, sessions={"tempo": 1, "upper_body": 1},
              catalog={"upper_body": {"key": True}}, rules={"max_key_runs_per_day": 1})
    assert check(sc, "mon am tempo", "mon pm upper_body").ok


@pytest.mark.parametrize(("weight", "breaks"), [(2, True), (4, False)])
def test_soft_rule_trades_against_preferences(weight, breaks):
    result = solve(make(**TWO_KEYS, rules={"max_key_runs_per_day": 1},
                        soft={"max_key_runs_per_day": weight}))
    assert_plan(result)
    if breaks:
        assert key_runs_by_day(result) == [2, 0]
        assert result.objective.terms == {"preferences": 0, "max_key_runs_per_day": weight}
    else:
        assert key_runs_by_day(result) == [1, 1]
        assert result.objective.terms == {"preferences": 3, "max_key_runs_per_day": 0}


def test_soft_cost_in_checker_is_weight_per_extra_run():
    sc = make(days=1, slots={"am": "06:00", "noon": "12:00", "pm": "18:00"},
              sessions={"tempo": 1, "hills": 1, "intervals": 1},
              rules={"max_key_runs_per_day": 1}, soft={"max_key_runs_per_day": 5})
    report = check(sc, "mon am tempo", "mon noon intervals", "mon pm hills")
    assert report.ok
    assert report.costs["max_key_runs_per_day"] == 5 * 2


@pytest.mark.parametrize("off", [{"rules": {"max_key_runs_per_day": False}},
                                 {"soft": {"max_key_runs_per_day": 0}}])
def test_switched_off(off):
    sc = make(**TWO_KEYS, **off)
    assert "max_key_runs_per_day" not in resolve(sc).rules
    assert key_runs_by_day(solve(sc)) == [2, 0]


# --- the encoding alone: the bare model with max_key_runs_per_day, placements forced -----

TWO_KEY_RUNS_ON_MONDAY = ("mon am tempo", "mon pm intervals")
THREE_SLOTS = {"am": "06:00", "noon": "12:00", "pm": "18:00"}


def test_bare_two_key_runs_on_a_day_break_a_limit_of_one():
    assert bare("max_key_runs_per_day", 1).force(*TWO_KEY_RUNS_ON_MONDAY).infeasible


def test_bare_a_looser_limit_or_off_allows_them():
    assert bare("max_key_runs_per_day", 2).force(*TWO_KEY_RUNS_ON_MONDAY).feasible
    assert bare("max_key_runs_per_day", False).force(*TWO_KEY_RUNS_ON_MONDAY).feasible


def test_bare_exactly_the_limit_on_a_day_of_three_slots():
    three = ("mon am tempo", "mon noon race", "mon pm long_run")
    assert bare("max_key_runs_per_day", 2, slots=THREE_SLOTS).force(*three).infeasible
    assert bare("max_key_runs_per_day", 2, slots=THREE_SLOTS).force(*three[:2]).feasible


def test_bare_easy_runs_and_lifts_are_not_key_runs():
    assert bare("max_key_runs_per_day", 0).force("mon am easy_run", "mon pm lower_strength"
                                                 ).feasible
    assert bare("max_key_runs_per_day", 0).force("mon am race").infeasible


def test_bare_soft_costs_each_extra_key_run():
    assert bare("max_key_runs_per_day", 0, soft=True).force(
        *TWO_KEY_RUNS_ON_MONDAY, "tue am long_run").cost == 3


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_extra_key_run_of_the_day():
    verify("max_key_runs_per_day", 1).given(*TWO_KEY_RUNS_ON_MONDAY, "tue am long_run").reports(
        count=1, amount=1, days=(0,), sessions=("tempo", "intervals"),
        message="2 key runs on mon (tempo, intervals), max_key_runs_per_day allows 1")


def test_verify_one_key_run_a_day_reports_nothing():
    verify("max_key_runs_per_day", 1).given("mon am tempo", "mon pm easy_run",
                                            "tue am intervals").reports_nothing()
