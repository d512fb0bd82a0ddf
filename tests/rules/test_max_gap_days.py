"""max_gap_days: per session type, never more than N days in a row without it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_kit import bare, listed, rule_fields, tiny_problem, verify
from scenario_kit import check, make, rule_violations, solve

from runlift.models.plan import PlacedPlan
from runlift.rules import RULES
from runlift.scenario.resolve import resolve

ONE_SLOT = {"am": "07:00"}


def pc_days(result) -> list[int]:
    return sorted(e.day for e in result.plan if e.session == "posterior_chain")


def history(*entries: str) -> list[dict]:
    """'-3 am posterior_chain' -> history entries."""
    return [{"day": int(d), "slot": s, "session": t} for d, s, t in map(str.split, entries)]


# Two posterior-chain days in 12 one-slot days, preferred on days 10 and 11 (6 off them).
LATE_PREFERENCE = {"days": 12, "slots": ONE_SLOT, "sessions": {"posterior_chain": 2},
                   "prefer": {"posterior_chain": [10, 11]}, "weights": {"preferences": 6}}


def test_solver_keeps_the_gaps_short():
    result = solve(make(**LATE_PREFERENCE, rules={"max_gap_days": {"posterior_chain": 5}}))
    assert result.status == "optimal"
    days = pc_days(result)
    without = [days[0], days[1] - days[0] - 1, 11 - days[1]]  # before, between, after
    assert max(without) <= 5


def test_without_the_rule_both_take_the_preferred_days():
    assert pc_days(solve(make(**LATE_PREFERENCE))) == [10, 11]


def test_a_horizon_shorter_than_the_gap_asks_nothing():
    sc = make(days=7, slots=ONE_SLOT, sessions={"easy_run": 1},
              rules={"max_gap_days": {"posterior_chain": 9}})
    assert solve(sc).status == "optimal"
    assert check(sc, "mon am easy_run").ok


def test_a_history_session_of_the_type_counts_across_the_edge():
    sc = make(days=7, slots=ONE_SLOT, sessions={"posterior_chain": 1},
              prefer={"posterior_chain": ["sun"]}, weights={"preferences": 1},
              rules={"max_gap_days": {"posterior_chain": 6}},
              history=history("-4 am posterior_chain"))
    # Days -3 .. 2 are six without it: day 3 at the latest, not the preferred sunday.
    assert pc_days(solve(sc))[0] <= 3
    (violation,) = rule_violations(check(sc, "4 am posterior_chain"), "max_gap_days")
    assert violation.amount == 1
    assert violation.message == ("no posterior_chain from fri -3 to thu (7 days in a row); "
                                 "max_gap_days allows 6")


def test_history_without_the_type_counts_as_days_without_it():
    # Seven days of history without a posterior chain: six more would be too many.
    sc = make(days=7, slots=ONE_SLOT, sessions={"posterior_chain": 1},
              rules={"max_gap_days": {"posterior_chain": 8}},
              history=history("-7 am easy_run"))
    assert solve(sc).status == "optimal"
    assert max(pc_days(solve(sc))) <= 1
    assert not check(sc, "2 am posterior_chain").ok


def test_the_days_after_the_horizon_are_not_taken_to_be_empty():
    """A 28-day horizon asks for the last one in the last N + 1 days, no later."""
    sc = make(days=28, slots=ONE_SLOT, sessions={"posterior_chain": 3},
              rules={"max_gap_days": {"posterior_chain": 9}})
    assert check(sc, "9 am posterior_chain", "19 am posterior_chain",
                 "27 am posterior_chain").ok
    found = rule_violations(check(sc, "5 am posterior_chain", "10 am posterior_chain",
                                  "15 am posterior_chain"), "max_gap_days")
    assert [(v.amount, v.days[0], v.days[-1]) for v in found] == [(3, 16, 27)]


def test_a_type_the_week_never_asks_for_is_not_asked_for_by_the_rule():
    sc = make(days=14, slots=ONE_SLOT, sessions={"easy_run": 3},
              rules={"max_gap_days": {"posterior_chain": 9}})
    assert solve(sc).status == "optimal"
    assert check(sc, "0 am easy_run", "1 am easy_run", "2 am easy_run").ok


def test_too_few_sessions_for_the_gaps_are_infeasible_and_named():
    sc = make(days=14, slots=ONE_SLOT, sessions={"posterior_chain": 1},
              rules={"max_gap_days": {"posterior_chain": 6}})
    result = solve(sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:max_gap_days",
                                                     "sessions:posterior_chain"}
    line = next(c for c in result.conflicts if c.rule == "max_gap_days")
    assert line.message == "never more than 6 days in a row without posterior_chain"
    # One in 14 days leaves at least 7 days without it on one side.
    assert "set max_gap_days to {posterior_chain: 7}" in [r.message for r in result.relaxations]


def test_in_a_repeating_template_the_gap_wraps_around():
    sc = make(days=7, slots=ONE_SLOT, sessions={"posterior_chain": 1}, repeat=True,
              rules={"max_gap_days": {"posterior_chain": 5}})
    assert solve(sc).status == "infeasible"  # one a week leaves six days without it
    sc = make(days=7, slots=ONE_SLOT, sessions={"posterior_chain": 2}, repeat=True,
              rules={"max_gap_days": {"posterior_chain": 3}})
    days = pc_days(solve(sc))
    assert days[1] - days[0] - 1 <= 3 and days[0] + 6 - days[1] <= 3


@pytest.mark.parametrize(("weight", "bends"), [(1, True), (9, False)])
def test_soft_rule_trades_against_preferences(weight, bends):
    result = solve(make(**LATE_PREFERENCE, rules={"max_gap_days": {"posterior_chain": 5}},
                        soft={"max_gap_days": weight}))
    assert (pc_days(result) == [10, 11]) == bends
    if bends:  # days 0 .. 9 without it: 10 days, 5 more than allowed
        assert result.objective.terms["max_gap_days"] == 5 * weight


@pytest.mark.parametrize("off", [{"rules": {"max_gap_days": False}},
                                 {"rules": {"max_gap_days": {}}},
                                 {"soft": {"max_gap_days": 0}}])
def test_switched_off(off):
    assert "max_gap_days" not in resolve(make(**LATE_PREFERENCE, **off)).rules


def test_relaxations_loosen_every_type_together_then_turn_it_off():
    assert RULES["max_gap_days"].relaxations({"tempo": 26, "core": 27}) == [
        {"tempo": 27, "core": 28}, {"tempo": 28, "core": 28}, False]


# --- the encoding alone ---------------------------------------------------------------

def test_bare_too_long_without_the_type_is_infeasible():
    assert bare("max_gap_days", {"core": 1}, days=4).force(
        "mon am core", "thu am core").infeasible


def test_bare_short_enough_gaps_are_fine():
    assert bare("max_gap_days", {"core": 1}, days=4).force(
        "tue am core", "thu am core").feasible


def test_bare_zero_asks_for_the_type_every_day():
    assert bare("max_gap_days", {"core": 0}, days=2).force("mon am core", "tue pm core"
                                                           ).feasible
    assert bare("max_gap_days", {"core": 0}, days=2).force("mon am core", "mon pm core"
                                                           ).infeasible


def test_bare_soft_costs_each_day_too_many():
    assert bare("max_gap_days", {"core": 1}, soft=True, days=7).force(
        "mon am core", "sun am core", only=True).cost == 4


# --- the check alone ------------------------------------------------------------------

def test_verify_reports_each_run_of_days_without_the_type():
    verify("max_gap_days", {"core": 1}, days=7).given("mon am core", "thu am core").reports(
        count=2, amounts=[1, 2], days=(1, 2), message="no core from tue to wed")


def test_verify_each_type_on_its_own():
    verify("max_gap_days", {"core": 2, "easy_run": 5}, days=7).given(
        "mon am core", "mon pm easy_run", "thu am core", "sun am core").reports(
        count=1, amount=1, sessions=("easy_run",))


def test_verify_a_type_the_plan_is_not_asked_for_reports_nothing():
    verify("max_gap_days", {"easy_run": 1}, days=7).given("mon am core").reports_nothing()


# --- the encoding and the check, with history and templates ---------------------------

@st.composite
def edge_weeks(draw: st.DrawFn) -> tuple[dict, list[str], dict]:
    """(fields, cells, value): a horizon of 1 to 8 one-slot days, a few sessions of two
    types, perhaps history of them, perhaps a repeating template."""
    days = draw(st.integers(1, 8))
    types = ("core", "tempo")
    cells = [f"{d} am {draw(st.sampled_from(types))}" for d in range(days)
             if draw(st.booleans())]
    fields: dict = {"days": days, "slots": ONE_SLOT}
    if draw(st.booleans()):
        fields["repeat"] = True
    else:
        done = draw(st.lists(st.tuples(st.integers(-9, -1), st.sampled_from(types)),
                             max_size=3, unique_by=lambda e: e[0]))
        fields["history"] = [{"day": d, "slot": "am", "session": t} for d, t in done]
    value = draw(st.dictionaries(st.sampled_from(types), st.integers(0, 9), min_size=1))
    return fields, cells, value


@settings(max_examples=60, deadline=None, derandomize=True)
@given(week=edge_weeks(), soft=st.booleans())
def test_encoding_agrees_with_check_across_the_edge(week, soft):
    fields, cells, value = week
    problem, placed = tiny_problem({**fields, **rule_fields("max_gap_days", value, soft)},
                                   cells)
    found = RULES["max_gap_days"].check(PlacedPlan(problem, placed), value)
    outcome = bare("max_gap_days", value, soft=soft, **fields).force_placements(
        problem, placed, setup=f"{value} forcing {cells} with {fields}")
    if soft:
        assert outcome.cost == sum(v.amount for v in found), (outcome, listed(found))
    else:
        assert outcome.feasible == (not found), (outcome, listed(found))
