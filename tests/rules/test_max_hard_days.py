"""max_hard_days: at most N days that hold a session of intensity hard."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Three tempo runs in four days: balance wants one a day (peak 350, 35 units); two hard
# days force two tempos onto one day (peak 700, 70 units).
THREE_TEMPOS = {"days": 4, "sessions": {"tempo": 3}, "weights": {"balance": 1}}


def test_solver_packs_hard_sessions_into_the_allowed_days():
    result = solve(make(**THREE_TEMPOS, rules={"max_hard_days": 2}))
    assert_plan(result)
    assert len(result.metrics.hard_days) == 2
    assert result.objective.total == 70


def test_without_the_rule_balance_uses_three_hard_days():
    result = solve(make(**THREE_TEMPOS))
    assert_plan(result)
    assert len(result.metrics.hard_days) == 3
    assert result.objective.total == 35


def test_too_few_hard_days_for_the_sessions_is_infeasible():
    result = solve(make(**THREE_TEMPOS, rules={"max_hard_days": 1}))
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:max_hard_days", "sessions:tempo"}


def test_checker_counts_extra_hard_days():
    sc = make(**THREE_TEMPOS, rules={"max_hard_days": 1})
    report = check(sc, "mon am tempo", "tue am tempo", "thu pm tempo")
    (violation,) = rule_violations(report, "max_hard_days")
    assert violation.amount == 2
    assert violation.days == (0, 1, 3)
    assert violation.message == "3 hard days (mon, tue, thu), max_hard_days allows 1"


def test_checker_counts_a_day_with_only_easy_sessions_as_not_hard():
    sc = make(days=2, sessions={"tempo": 1, "easy_run": 1, "core": 1},
              rules={"max_hard_days": 1})
    report = check(sc, "mon am tempo", "tue am easy_run", "tue pm core")
    assert report.ok
    assert report.plan.hard_days == [0]


@pytest.mark.parametrize(("weight", "breaks"), [(10, True), (50, False)])
def test_soft_rule_trades_an_extra_hard_day_against_balance(weight, breaks):
    result = solve(make(**THREE_TEMPOS, rules={"max_hard_days": 2},
                        soft={"max_hard_days": weight}))
    assert_plan(result)
    if breaks:  # 35 + weight < 70
        assert len(result.metrics.hard_days) == 3
        assert result.objective.terms == {"balance": 35, "max_hard_days": weight}
    else:
        assert len(result.metrics.hard_days) == 2
        assert result.objective.terms == {"balance": 70, "max_hard_days": 0}


def test_soft_cost_in_checker_is_weight_times_extra_days():
    sc = make(**THREE_TEMPOS, rules={"max_hard_days": 0}, soft={"max_hard_days": 7})
    report = check(sc, "mon am tempo", "tue am tempo", "thu pm tempo")
    assert report.ok
    assert report.costs["max_hard_days"] == 7 * 3


def test_zero_forbids_every_hard_session():
    result = solve(make(days=3, sessions={"tempo": 1}, rules={"max_hard_days": 0}))
    assert result.status == "infeasible"


@pytest.mark.parametrize("off", [{"rules": {"max_hard_days": False}},
                                 {"soft": {"max_hard_days": 0}}])
def test_switched_off(off):
    sc = make(**THREE_TEMPOS, **off)
    assert "max_hard_days" not in resolve(sc).rules
    assert len(solve(sc).metrics.hard_days) == 3


# --- the encoding alone: the bare model with max_hard_days, placements forced ------------

THREE_HARD_DAYS = ("mon am tempo", "tue am tempo", "wed pm lower_strength")


def test_bare_more_hard_days_than_allowed_is_infeasible():
    assert bare("max_hard_days", 2).force(*THREE_HARD_DAYS).infeasible


def test_bare_exactly_the_allowed_hard_days_is_feasible():
    assert bare("max_hard_days", 3).force(*THREE_HARD_DAYS).feasible


def test_bare_switched_off_allows_any_number_of_hard_days():
    assert bare("max_hard_days", False).force(*THREE_HARD_DAYS).feasible


def test_bare_two_hard_sessions_on_one_day_make_one_hard_day():
    assert bare("max_hard_days", 1).force("mon am tempo", "mon pm lower_strength").feasible


def test_bare_zero_forbids_one_hard_session_but_not_easy_ones():
    assert bare("max_hard_days", 0).force("mon am tempo").infeasible
    assert bare("max_hard_days", 0).force("mon am easy_run", "tue am core").feasible


def test_bare_soft_costs_each_extra_hard_day():
    assert bare("max_hard_days", 1, soft=True).force(*THREE_HARD_DAYS).cost == 2
    assert bare("max_hard_days", 3, soft=True).force(*THREE_HARD_DAYS).cost == 0


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_extra_hard_day_and_every_hard_day():
    verify("max_hard_days", 2).given(*THREE_HARD_DAYS).reports(
        count=1, amount=1, days=(0, 1, 2), message="3 hard days (mon, tue, wed)")


def test_verify_exactly_the_allowed_hard_days_reports_nothing():
    verify("max_hard_days", 3).given(*THREE_HARD_DAYS).reports_nothing()


def test_verify_easy_and_mobility_days_are_not_hard():
    verify("max_hard_days", 0).given("mon am easy_run", "tue pm core",
                                     "wed am mobility").reports_nothing()
