"""min_rest_days: at least N rest days (no session, or only mobility)."""

from __future__ import annotations

import pytest
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Three easy runs in three days: balancing the load spreads them one a day (no rest day),
# so a rest day costs a doubled day: peak 270 (27 units) instead of 135 (14 units).
THREE_RUNS = {"days": 3, "sessions": {"easy_run": 3}, "weights": {"balance": 1}}


def rest_days(result) -> list[int]:
    return result.metrics.rest_days


def test_solver_keeps_a_rest_day_that_balance_would_fill():
    result = solve(make(**THREE_RUNS, rules={"min_rest_days": 1}))
    assert_plan(result)
    assert len(rest_days(result)) == 1
    assert result.objective.total == 27


def test_without_the_rule_every_day_is_used():
    result = solve(make(**THREE_RUNS))
    assert_plan(result)
    assert rest_days(result) == []
    assert result.objective.total == 14


def test_more_rest_days_than_the_slots_allow_is_infeasible():
    result = solve(make(**THREE_RUNS, rules={"min_rest_days": 2}))
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} >= {"rule:min_rest_days", "sessions:easy_run"}


def test_checker_counts_missing_rest_days():
    sc = make(**THREE_RUNS, rules={"min_rest_days": 2})
    report = check(sc, "mon am easy_run", "tue am easy_run", "wed pm easy_run")
    (violation,) = rule_violations(report, "min_rest_days")
    assert violation.amount == 2
    assert "0 rest days" in violation.message and "asks for 2" in violation.message
    assert not report.ok


def test_checker_counts_a_mobility_only_day_as_rest():
    sc = make(days=3, sessions={"easy_run": 2, "mobility": 1}, rules={"min_rest_days": 1})
    report = check(sc, "mon am easy_run", "tue am mobility", "wed am easy_run")
    assert report.ok
    assert report.plan.rest_days == [1]


@pytest.mark.parametrize(("weight", "breaks"), [(5, True), (20, False)])
def test_soft_rule_trades_a_rest_day_against_balance(weight, breaks):
    result = solve(make(**THREE_RUNS, rules={"min_rest_days": 1},
                        soft={"min_rest_days": weight}))
    assert_plan(result)
    terms = result.objective.terms
    if breaks:  # 14 balance + weight x 1 missing day < 27
        assert rest_days(result) == []
        assert terms == {"balance": 14, "min_rest_days": weight}
        (v,) = result.soft_violations
        assert (v.rule, v.amount, v.cost) == ("min_rest_days", 1, weight)
    else:
        assert len(rest_days(result)) == 1
        assert terms == {"balance": 27, "min_rest_days": 0}


def test_soft_cost_in_checker_is_weight_times_missing_days():
    sc = make(**THREE_RUNS, rules={"min_rest_days": 3}, soft={"min_rest_days": 4})
    report = check(sc, "mon am easy_run", "tue am easy_run", "wed am easy_run")
    assert report.ok
    assert report.costs["min_rest_days"] == 4 * 3


@pytest.mark.parametrize("off", [{"rules": {"min_rest_days": False}},
                                 {"soft": {"min_rest_days": 0}},
                                 {"soft": {"min_rest_days": False}}])
def test_switched_off(off):
    sc = make(**THREE_RUNS, **off)
    assert "min_rest_days" not in resolve(sc).rules
    assert rest_days(solve(sc)) == []
