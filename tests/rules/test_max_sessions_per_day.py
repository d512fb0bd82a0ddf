"""max_sessions_per_day: at most N sessions on one day."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

THREE_SLOTS = {"am": "06:00", "noon": "12:00", "pm": "18:00"}
# Three sessions in two three-slot days, all preferred on mon (2 per session off it).
THREE_ON_MONDAY = {
    "days": 2,
    "slots": THREE_SLOTS,
    "sessions": {"easy_run": 1, "core": 1, "mobility": 1},
    "prefer": {"easy_run": ["mon"], "core": ["mon"], "mobility": ["mon"]},
    "weights": {"preferences": 2},
}


def sessions_by_day(result) -> list[int]:
    counts = [0] * len(result.days)
    for entry in result.plan:
        counts[entry.day] += 1
    return counts


def test_solver_moves_the_extra_session_to_another_day():
    result = solve(make(**THREE_ON_MONDAY, rules={"max_sessions_per_day": 2}))
    assert_plan(result)
    assert sessions_by_day(result) == [2, 1]
    assert result.objective.total == 2


def test_without_the_rule_all_three_share_the_preferred_day():
    result = solve(make(**THREE_ON_MONDAY))
    assert_plan(result)
    assert sessions_by_day(result) == [3, 0]


def test_more_sessions_than_the_days_allow_is_infeasible():
    result = solve(make(**THREE_ON_MONDAY, rules={"max_sessions_per_day": 1}))
    assert result.status == "infeasible"


def test_checker_counts_every_session_including_mobility():
    sc = make(**THREE_ON_MONDAY, rules={"max_sessions_per_day": 1})
    report = check(sc, "mon am easy_run", "mon noon core", "mon pm mobility")
    (violation,) = rule_violations(report, "max_sessions_per_day")
    assert violation.amount == 2
    assert violation.days == (0,)
    assert violation.message == ("3 sessions on mon (easy_run, core, mobility), "
                                 "max_sessions_per_day allows 1")


@pytest.mark.parametrize(("weight", "breaks"), [(1, True), (3, False)])
def test_soft_rule_trades_against_preferences(weight, breaks):
    result = solve(make(**THREE_ON_MONDAY, rules={"max_sessions_per_day": 2},
                        soft={"max_sessions_per_day": weight}))
    assert_plan(result)
    if breaks:
        assert sessions_by_day(result) == [3, 0]
        assert result.objective.terms == {"preferences": 0, "max_sessions_per_day": weight}
    else:
        assert sessions_by_day(result) == [2, 1]
        assert result.objective.terms == {"preferences": 2, "max_sessions_per_day": 0}


def test_soft_cost_in_checker_is_weight_per_extra_session():
    sc = make(**THREE_ON_MONDAY, rules={"max_sessions_per_day": 1},
              soft={"max_sessions_per_day": 6})
    report = check(sc, "mon am easy_run", "mon noon core", "mon pm mobility")
    assert report.ok
    assert report.costs["max_sessions_per_day"] == 6 * 2


@pytest.mark.parametrize("off", [{"rules": {"max_sessions_per_day": False}},
                                 {"soft": {"max_sessions_per_day": False}}])
def test_switched_off(off):
    sc = make(**THREE_ON_MONDAY, **off)
    assert "max_sessions_per_day" not in resolve(sc).rules
    assert sessions_by_day(solve(sc)) == [3, 0]


# --- the encoding alone: the bare model with max_sessions_per_day, placements forced -----

THREE_ON_ONE_DAY = ("mon am easy_run", "mon noon core", "mon pm mobility")


def test_bare_more_sessions_than_allowed_on_a_day_is_infeasible():
    assert bare("max_sessions_per_day", 2, slots=THREE_SLOTS).force(*THREE_ON_ONE_DAY
                                                                    ).infeasible


def test_bare_exactly_the_allowed_sessions_on_a_day_is_feasible():
    assert bare("max_sessions_per_day", 2, slots=THREE_SLOTS).force(*THREE_ON_ONE_DAY[:2]
                                                                    ).feasible
    assert bare("max_sessions_per_day", 3, slots=THREE_SLOTS).force(*THREE_ON_ONE_DAY).feasible


def test_bare_switched_off_allows_every_slot():
    assert bare("max_sessions_per_day", False, slots=THREE_SLOTS).force(*THREE_ON_ONE_DAY
                                                                        ).feasible


def test_bare_one_a_day_spread_over_days_is_feasible():
    assert bare("max_sessions_per_day", 1).force("mon am easy_run", "tue pm core").feasible
    assert bare("max_sessions_per_day", 1).force("mon am easy_run", "mon pm core").infeasible


def test_bare_soft_costs_each_extra_session():
    assert bare("max_sessions_per_day", 1, soft=True, slots=THREE_SLOTS).force(
        *THREE_ON_ONE_DAY, "tue am tempo", "tue pm core").cost == 3


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_extra_sessions_of_the_day_mobility_included():
    verify("max_sessions_per_day", 1, slots=THREE_SLOTS).given(*THREE_ON_ONE_DAY).reports(
        count=1, amount=2, days=(0,), sessions=("easy_run", "core", "mobility"),
        message="3 sessions on mon (easy_run, core, mobility), max_sessions_per_day allows 1")


def test_verify_exactly_the_allowed_sessions_reports_nothing():
    verify("max_sessions_per_day", 3, slots=THREE_SLOTS).given(*THREE_ON_ONE_DAY
                                                               ).reports_nothing()
