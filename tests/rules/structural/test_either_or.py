"""sessions, either/or demands: {"intervals|tempo": 1} asks for one of either type."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rule_kit import bare, listed, tiny_problem, verify
from scenario_kit import apply_relaxation, document, make, solve

from runlift.models.plan import PlacedPlan
from runlift.rules import STRUCTURAL
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

EITHER = {"sessions": {"intervals|tempo": 1}}
EITHER_AND_TEMPO = {"sessions": {"intervals|tempo": 1, "tempo": 1}}


def test_resolved_as_a_choice_beside_the_plain_counts():
    problem = resolve(make(sessions={"intervals|tempo": 1, "tempo": 1, "easy_run": 2}))
    assert problem.demand == {"easy_run": 2, "tempo": 1}
    (choice,) = problem.choices
    assert (choice.key, choice.types, choice.count) == (
        "intervals|tempo", ("intervals", "tempo"), 1)
    assert problem.session_types() == ["easy_run", "intervals", "tempo"]
    assert (problem.most_count("tempo"), problem.most_count("intervals")) == (2, 1)


def test_a_zero_count_asks_nothing():
    assert resolve(make(sessions={"intervals|tempo": 0})).choices == ()


@pytest.mark.parametrize("session", ["intervals", "tempo"])
def test_the_solver_may_meet_it_with_either(session):
    """The other type is preferred on a closed day: placed anywhere, it would cost 1."""
    other = {"intervals": "tempo", "tempo": "intervals"}[session]
    sc = make(**EITHER, unavailable=["mon"], prefer={other: ["mon"]},
              weights={"preferences": 1})
    result = solve(sc)
    assert [e.session for e in result.plan] == [session]
    assert result.objective.total == 0


def test_an_impossible_choice_is_named_and_relaxed_by_its_key():
    doc = document(days=2, slots={"am": "07:00"}, sessions={"intervals|tempo": 2},
                   unavailable=["tue"])
    result = solve(Scenario.model_validate(doc))
    assert result.status == "infeasible"
    assert [c.member for c in result.conflicts] == ["sessions:intervals|tempo", "unavailable:0"]
    assert result.conflicts[0].message == "the week asks for 2 of intervals or tempo"
    relaxation = next(r for r in result.relaxations if r.rule == "sessions")
    assert (relaxation.change, relaxation.value) == ("sessions.intervals|tempo", 1)
    assert relaxation.message == "ask for 1 of intervals or tempo instead of 2"
    assert solve(Scenario.model_validate(apply_relaxation(doc, relaxation))).status == "optimal"


# --- the encoding alone ---------------------------------------------------------------

@pytest.mark.parametrize("cells", [("mon am intervals",), ("mon am tempo",)])
def test_bare_either_type_meets_it(cells):
    assert bare("sessions", **EITHER).force(*cells, only=True).feasible


def test_bare_both_or_neither_break_it():
    assert bare("sessions", **EITHER).force("mon am intervals", "tue am tempo").infeasible
    assert bare("sessions", **EITHER).force(only=True).infeasible


def test_bare_a_type_with_its_own_count_adds_to_the_choice():
    model = bare("sessions", **EITHER_AND_TEMPO)
    assert model.force("mon am tempo", "wed am tempo", only=True).feasible
    assert model.force("mon am tempo", "wed am intervals", only=True).feasible
    assert model.force("mon am intervals", only=True).infeasible  # tempo's own is missing
    assert model.force("mon am intervals", "tue am intervals", "wed am tempo").infeasible


# --- the check alone ------------------------------------------------------------------

def test_verify_reports_a_missing_choice():
    verify("sessions", **EITHER).given().reports(
        count=1, amount=1, sessions=("intervals", "tempo"),
        message="the week asks for 1 of intervals or tempo (beyond their own counts), "
                "the plan has 0")


def test_verify_the_own_count_comes_first():
    verify("sessions", **EITHER_AND_TEMPO).given("mon am intervals", "tue am intervals"
                                                 ).reports(
        message="the week asks for 1 tempo, the plan has 0")
    verify("sessions", **EITHER_AND_TEMPO).given("mon am intervals", "tue am tempo"
                                                 ).reports_nothing()


# --- the encoding and the check ---------------------------------------------------------

TYPES = ("easy_run", "intervals", "tempo")


@st.composite
def choice_weeks(draw: st.DrawFn) -> tuple[dict, list[str]]:
    """A demand with an either/or part, and any placement of a few of its types."""
    counts = {t: draw(st.integers(0, 2)) for t in TYPES}
    either = draw(st.sampled_from(["intervals|tempo", "easy_run|intervals|tempo",
                                   "easy_run|tempo"]))
    sessions = {t: n for t, n in counts.items() if t not in either.split("|") or n}
    sessions[either] = draw(st.integers(0, 2))
    cells = [f"{d} {s} {draw(st.sampled_from(TYPES))}"
             for d, s in itertools.product(range(3), ("am", "pm")) if draw(st.booleans())]
    return {"days": 3, "sessions": sessions}, cells


@settings(max_examples=80, deadline=None, derandomize=True)
@given(week=choice_weeks(), every_cell=st.booleans())
def test_structure_with_choices_is_feasible_exactly_when_its_checks_pass(week, every_cell):
    fields, cells = week
    # More sessions than the 3 x 2 slots hold is a load-time error, not a week to solve.
    assume(sum(fields["sessions"].values()) <= 6)
    problem, placed = tiny_problem(fields, cells)
    found = [v for m in STRUCTURAL.values() for v in m.check(PlacedPlan(problem, placed))]
    outcome = bare(None, every_cell=every_cell).force_placements(
        problem, placed, setup=f"{fields} forcing {cells}")
    assert outcome.feasible == (not found), f"{outcome}; {listed(found)}"


# --- the whole model: the solver's optimum against every layout ---------------------------

@st.composite
def priced_choice_weeks(draw: st.DrawFn) -> dict:
    """Two days of two slots, an either/or demand, the objective's terms and a rule or two."""
    either = draw(st.sampled_from(["intervals|tempo", "easy_run|tempo", "core|easy_run"]))
    sessions = {either: draw(st.integers(1, 3))}
    for t in draw(st.lists(st.sampled_from(["easy_run", "tempo", "core"]), max_size=2,
                           unique=True)):
        sessions[t] = draw(st.integers(1, 2))
    rules = {"max_same_type_per_day": draw(st.sampled_from([1, 2])),
             "max_hard_days": draw(st.sampled_from([1, 2]))}
    return {"days": 2, "sessions": sessions, "rules": rules,
            "weights": {"balance": draw(st.integers(0, 2)), "spread": draw(st.integers(0, 2)),
                        "preferences": 1},
            "prefer": {"tempo": [draw(st.integers(0, 1))]}}


def cheapest_layout(problem) -> int | None:
    from runlift.checker import check_plan
    from runlift.models.plan import Placement

    types = [None, *problem.session_types()]
    best = None
    for filling in itertools.product(types, repeat=len(problem.cells)):
        placed = [Placement(d, s, t) for (d, s), t in zip(problem.cells, filling, strict=True)
                  if t is not None]
        report = check_plan(problem, placed)
        if report.ok and (best is None or report.total < best):
            best = report.total
    return best


@settings(max_examples=25, deadline=None, derandomize=True)
@given(doc=priced_choice_weeks())
def test_the_solver_finds_the_cheapest_layout_with_choices(doc):
    assume(sum(doc["sessions"].values()) <= 4)  # 2 x 2 slots; more is a load-time error
    problem = resolve(make(**doc))
    result = solve(make(**doc))
    best = cheapest_layout(problem)
    if best is None:
        assert result.status == "infeasible"
    else:
        assert result.status == "optimal"
        assert result.objective.total == best
