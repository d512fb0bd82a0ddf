"""min_rest_days: at least N rest days (no session, or only mobility)."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
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


# --- the encoding alone: the bare model with min_rest_days, placements forced ------------

# Three days, each of them busy: no rest day.
BUSY_EVERY_DAY = ("mon am easy_run", "tue pm core", "wed am tempo")


def test_bare_no_rest_day_breaks_one():
    assert bare("min_rest_days", 1, days=3).force(*BUSY_EVERY_DAY).infeasible


def test_bare_exactly_one_rest_day_is_feasible():
    assert bare("min_rest_days", 1, days=3).force(*BUSY_EVERY_DAY[:2]).feasible


def test_bare_zero_or_off_asks_for_no_rest_day():
    assert bare("min_rest_days", 0, days=3).force(*BUSY_EVERY_DAY).feasible
    assert bare("min_rest_days", False, days=3).force(*BUSY_EVERY_DAY).feasible


def test_bare_a_mobility_day_is_a_rest_day():
    assert bare("min_rest_days", 1, days=3).force(
        "mon am easy_run", "tue pm core", "wed am mobility").feasible


def test_bare_soft_costs_each_missing_rest_day():
    assert bare("min_rest_days", 2, days=3, soft=True).force(*BUSY_EVERY_DAY).cost == 2
    assert bare("min_rest_days", 2, days=3, soft=True).force(*BUSY_EVERY_DAY[:1]).cost == 0


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_missing_rest_days():
    verify("min_rest_days", 2, days=3).given(*BUSY_EVERY_DAY).reports(
        count=1, amount=2, message="0 rest days, min_rest_days asks for 2")


def test_verify_exactly_enough_rest_days_reports_nothing():
    verify("min_rest_days", 1, days=3).given(*BUSY_EVERY_DAY[:2]).reports_nothing()


def test_verify_mobility_keeps_a_rest_day():
    verify("min_rest_days", 3, days=3).given("mon am mobility", "wed pm mobility"
                                             ).reports_nothing()
