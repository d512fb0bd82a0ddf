"""rest_after_stacked: the day after a day with a hard run and heavy legs is a rest day."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# Intervals and legs pinned on mon; an easy run and mobility preferred on tue (3 each
# off it): with the rule, the easy run leaves tue, and mobility may stay.
STACKED_MONDAY = {
    "days": 3,
    "fixed": [{"session": "intervals", "day": "mon", "slot": "am"},
              {"session": "lower_strength", "day": "mon", "slot": "pm"}],
    "sessions": {"easy_run": 1, "mobility": 1},
    "prefer": {"easy_run": ["tue"], "mobility": ["tue"]},
    "weights": {"preferences": 3},
}


def days_of(result, session: str) -> list[int]:
    return sorted(e.day for e in result.plan if e.session == session)


def test_solver_keeps_the_day_after_a_stacked_day_for_rest():
    result = solve(make(**STACKED_MONDAY, rules={"rest_after_stacked": True}))
    assert result.status == "optimal"
    assert days_of(result, "easy_run") == [2]
    assert days_of(result, "mobility") == [1]  # mobility keeps a rest day a rest day
    assert result.objective.total == 3


def test_without_the_rule_the_easy_run_takes_the_preferred_day():
    result = solve(make(**STACKED_MONDAY))
    assert days_of(result, "easy_run") == [1]


def test_a_stacked_day_from_history_counts():
    sc = make(days=2, sessions={"easy_run": 1}, unavailable=["mon pm", "tue pm"],
              rules={"rest_after_stacked": True},
              history=[{"day": -1, "slot": "am", "session": "hills"},
                       {"day": -1, "slot": "pm", "session": "plyometrics"}])
    result = solve(sc)
    assert days_of(result, "easy_run") == [1]
    (violation,) = rule_violations(check(sc, "0 am easy_run"), "rest_after_stacked")
    assert "history: hills on sun -1 am" in violation.message
    assert violation.days == (-1, 0)


def test_a_forced_session_after_a_stacked_day_is_infeasible_and_named():
    sc = make(**{**STACKED_MONDAY, "days": 2}, rules={"rest_after_stacked": True})
    result = solve(sc)
    assert result.status == "infeasible"
    assert "rule:rest_after_stacked" in {c.member for c in result.conflicts}
    assert any(r.change == "rules.rest_after_stacked" for r in result.relaxations)


def test_checker_counts_each_session_of_the_day_after():
    sc = make(**STACKED_MONDAY, rules={"rest_after_stacked": True})
    (violation,) = rule_violations(check(sc, "mon am intervals", "mon pm lower_strength",
                                         "tue am easy_run", "tue pm mobility"),
                                   "rest_after_stacked")
    assert violation.amount == 1
    assert violation.message == (
        "tue holds easy_run, but the day before is stacked (intervals on mon am and "
        "lower_strength on mon pm); rest_after_stacked asks for a rest day")


@pytest.mark.parametrize(("weight", "bends"), [(1, True), (5, False)])
def test_soft_rule_trades_against_preferences(weight, bends):
    result = solve(make(**STACKED_MONDAY, rules={"rest_after_stacked": True},
                        soft={"rest_after_stacked": weight}))
    assert days_of(result, "easy_run") == ([1] if bends else [2])
    assert result.objective.terms["rest_after_stacked"] == (weight if bends else 0)


@pytest.mark.parametrize("off", [{"rules": {"rest_after_stacked": False}},
                                 {"soft": {"rest_after_stacked": 0}}])
def test_switched_off(off):
    assert "rest_after_stacked" not in resolve(make(**STACKED_MONDAY, **off)).rules


# --- the encoding alone ---------------------------------------------------------------

def test_bare_a_session_after_a_stacked_day_is_infeasible():
    assert bare("rest_after_stacked", True).force(
        "mon am tempo", "mon pm plyometrics", "tue pm core").infeasible


def test_bare_mobility_after_a_stacked_day_is_fine():
    assert bare("rest_after_stacked", True).force(
        "mon am tempo", "mon pm plyometrics", "tue pm mobility").feasible


def test_bare_a_hard_run_alone_or_legs_alone_is_not_stacked():
    assert bare("rest_after_stacked", True).force("mon am tempo", "tue am core").feasible
    assert bare("rest_after_stacked", True).force("mon pm lower_strength", "tue am core"
                                                  ).feasible


def test_bare_an_easy_run_with_legs_is_not_stacked():
    assert bare("rest_after_stacked", True).force(
        "mon am easy_run", "mon pm lower_strength", "tue am easy_run").feasible


def test_bare_soft_costs_each_session_of_the_day_after():
    assert bare("rest_after_stacked", True, soft=True).force(
        "mon am intervals", "mon pm lower_strength", "tue am easy_run", "tue pm core"
    ).cost == 2


# --- the check alone ------------------------------------------------------------------

def test_verify_the_last_day_stacked_asks_nothing_of_the_future():
    verify("rest_after_stacked", True, days=2).given(
        "tue am intervals", "tue pm lower_strength").reports_nothing()


def test_verify_reports_the_day_after():
    verify("rest_after_stacked", True).given(
        "wed am hills", "wed pm posterior_chain", "thu am upper_body").reports(
        count=1, amount=1, days=(2, 3), sessions=("upper_body",))
