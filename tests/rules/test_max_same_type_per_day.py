"""max_same_type_per_day: at most N sessions of one type on one day (default 1)."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.rules import RULES
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

# Two easy runs and a core session in two days, all preferred on mon (2 per session off it).
TWO_EASY_ON_MONDAY = {
    "days": 2,
    "sessions": {"easy_run": 2, "core": 1},
    "prefer": {"easy_run": ["mon"], "core": ["tue"]},
    "weights": {"preferences": 2},
}


def test_the_default_is_one_of_a_type_a_day():
    assert RULES["max_same_type_per_day"].default == 1
    setting = resolve(Scenario.model_validate({})).rules["max_same_type_per_day"]
    assert (setting.value, setting.soft) == (1, False)


def test_solver_moves_the_second_easy_run_to_another_day():
    result = solve(make(**TWO_EASY_ON_MONDAY, rules={"max_same_type_per_day": 1}))
    assert_plan(result)
    easy_days = sorted(e.day for e in result.plan if e.session == "easy_run")
    assert easy_days == [0, 1]
    assert result.objective.total == 2


def test_raised_to_two_the_double_is_allowed():
    result = solve(make(**TWO_EASY_ON_MONDAY, rules={"max_same_type_per_day": 2}))
    assert sorted(e.day for e in result.plan if e.session == "easy_run") == [0, 0]
    assert result.objective.total == 0


def test_a_day_that_must_double_is_infeasible_and_names_the_rule():
    sc = make(days=1, sessions={"easy_run": 2}, rules={"max_same_type_per_day": 1})
    result = solve(sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:max_same_type_per_day",
                                                     "sessions:easy_run"}
    assert any(r.change == "rules.max_same_type_per_day" and r.value == 2
               for r in result.relaxations)


def test_checker_names_the_doubled_type():
    sc = make(days=1, sessions={"easy_run": 2}, rules={"max_same_type_per_day": 1})
    (violation,) = rule_violations(check(sc, "mon am easy_run", "mon pm easy_run"),
                                   "max_same_type_per_day")
    assert violation.message == "2 easy_run on mon, max_same_type_per_day allows 1"
    assert violation.days == (0,) and violation.sessions == ("easy_run",)


@pytest.mark.parametrize(("weight", "doubles"), [(1, True), (3, False)])
def test_soft_rule_trades_against_preferences(weight, doubles):
    result = solve(make(**TWO_EASY_ON_MONDAY, rules={"max_same_type_per_day": 1},
                        soft={"max_same_type_per_day": weight}))
    easy_days = sorted(e.day for e in result.plan if e.session == "easy_run")
    assert easy_days == ([0, 0] if doubles else [0, 1])
    assert result.objective.terms["max_same_type_per_day"] == (weight if doubles else 0)


@pytest.mark.parametrize("off", [{"rules": {"max_same_type_per_day": False}},
                                 {"soft": {"max_same_type_per_day": 0}}])
def test_switched_off(off):
    sc = make(**TWO_EASY_ON_MONDAY, **off)
    assert "max_same_type_per_day" not in resolve(sc).rules


# --- the encoding alone ---------------------------------------------------------------

def test_bare_two_of_a_type_on_a_day_is_infeasible():
    assert bare("max_same_type_per_day", 1).force("mon am easy_run", "mon pm easy_run"
                                                  ).infeasible


def test_bare_two_types_on_a_day_are_fine():
    assert bare("max_same_type_per_day", 1).force("mon am easy_run", "mon pm core").feasible


def test_bare_zero_allows_no_session_at_all():
    assert bare("max_same_type_per_day", 0).force("mon am core").infeasible


def test_bare_soft_costs_each_extra_session():
    three = {"am": "06:00", "noon": "12:00", "pm": "18:00"}
    assert bare("max_same_type_per_day", 1, soft=True, slots=three).force(
        "mon am core", "mon noon core", "mon pm core", "tue am core", "tue pm core"
    ).cost == 3


# --- the check alone ------------------------------------------------------------------

def test_verify_reports_each_doubled_type_of_each_day():
    verify("max_same_type_per_day", 1).given(
        "mon am easy_run", "mon pm easy_run", "tue am core", "tue pm core").reports(
        count=2, amount=2, days=(1,), sessions=("core",))


def test_verify_mobility_counts_too():
    verify("max_same_type_per_day", 1).given("mon am mobility", "mon pm mobility").reports(
        amount=1, message="2 mobility on mon")


def test_verify_the_same_type_on_two_days_reports_nothing():
    verify("max_same_type_per_day", 1).given("mon am easy_run", "tue am easy_run"
                                             ).reports_nothing()
