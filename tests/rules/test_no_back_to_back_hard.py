"""no_back_to_back_hard: no two consecutive hard days."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Two tempos in three one-slot days, preferred on mon and tue (3 per session off them).
TWO_TEMPOS = {
    "days": 3,
    "slots": {"am": "07:00"},
    "sessions": {"tempo": 2},
    "prefer": {"tempo": ["mon", "tue"]},
    "weights": {"preferences": 3},
}


def test_solver_leaves_a_day_between_hard_days():
    result = solve(make(**TWO_TEMPOS, rules={"no_back_to_back_hard": True}))
    assert_plan(result, {"mon am tempo", "wed am tempo"})
    assert result.objective.total == 3


def test_without_the_rule_the_preferred_back_to_back_days_win():
    assert_plan(solve(make(**TWO_TEMPOS)), {"mon am tempo", "tue am tempo"})


def test_hard_days_that_cannot_be_apart_are_infeasible():
    result = solve(make(**{**TWO_TEMPOS, "days": 2}, rules={"no_back_to_back_hard": True}))
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:no_back_to_back_hard",
                                                     "sessions:tempo"}


def test_checker_flags_each_consecutive_pair():
    sc = make(days=4, sessions={"tempo": 2, "lower_strength": 1, "easy_run": 1},
              rules={"no_back_to_back_hard": True})
    # Hard days mon, tue, wed (lower_strength is hard); thu is easy.
    report = check(sc, "mon am tempo", "tue am lower_strength", "wed am tempo",
                   "thu am easy_run")
    found = rule_violations(report, "no_back_to_back_hard")
    assert [v.days for v in found] == [(0, 1), (1, 2)]
    assert found[0].message == "hard days back to back: mon and tue"


@pytest.mark.parametrize(("weight", "breaks"), [(1, True), (5, False)])
def test_soft_rule_trades_against_preferences(weight, breaks):
    result = solve(make(**TWO_TEMPOS, rules={"no_back_to_back_hard": True},
                        soft={"no_back_to_back_hard": weight}))
    if breaks:
        assert_plan(result, {"mon am tempo", "tue am tempo"})
        assert result.objective.terms == {"preferences": 0, "no_back_to_back_hard": weight}
    else:
        assert_plan(result, {"mon am tempo", "wed am tempo"})
        assert result.objective.terms == {"preferences": 3, "no_back_to_back_hard": 0}


def test_soft_cost_in_checker_is_weight_per_pair():
    sc = make(**{**TWO_TEMPOS, "sessions": {"tempo": 3}},
              rules={"no_back_to_back_hard": True}, soft={"no_back_to_back_hard": 4})
    report = check(sc, "mon am tempo", "tue am tempo", "wed am tempo")
    assert report.ok
    assert report.costs["no_back_to_back_hard"] == 4 * 2


@pytest.mark.parametrize("off", [{"rules": {"no_back_to_back_hard": False}},
                                 {"soft": {"no_back_to_back_hard": 0}}])
def test_switched_off(off):
    sc = make(**TWO_TEMPOS, **off)
    assert "no_back_to_back_hard" not in resolve(sc).rules
    assert_plan(solve(sc), {"mon am tempo", "tue am tempo"})


# --- the encoding alone: the bare model with no_back_to_back_hard, placements forced -----

def test_bare_hard_days_in_a_row_are_infeasible():
    assert bare("no_back_to_back_hard", True).force("mon am tempo", "tue pm lower_strength"
                                                    ).infeasible


def test_bare_switched_off_allows_hard_days_in_a_row():
    assert bare("no_back_to_back_hard", False).force("mon am tempo", "tue pm lower_strength"
                                                     ).feasible


def test_bare_one_day_between_is_enough():
    assert bare("no_back_to_back_hard", True).force("mon am tempo", "wed pm lower_strength"
                                                    ).feasible


def test_bare_an_easy_day_between_hard_days_is_enough():
    assert bare("no_back_to_back_hard", True).force(
        "mon am tempo", "tue am easy_run", "tue pm core", "wed am intervals").feasible


def test_bare_soft_costs_each_pair_of_hard_days():
    assert bare("no_back_to_back_hard", True, soft=True).force(
        "mon am tempo", "tue am intervals", "wed pm lower_strength").cost == 2


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_each_pair_of_consecutive_hard_days():
    verify("no_back_to_back_hard", True).given(
        "mon am tempo", "tue am intervals", "wed pm lower_strength").reports(
        count=2, amount=2, days=(0, 1), message="hard days back to back: mon and tue")


def test_verify_the_last_and_first_day_are_not_neighbours():
    verify("no_back_to_back_hard", True).given("mon am tempo", "sun am tempo").reports_nothing()
