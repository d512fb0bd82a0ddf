"""avoid: a session type never sits on a day or in a slot that `avoid` keeps it off."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import make

from runlift.rules import STRUCTURAL
from runlift.scenario.resolve import resolve

NO_LEGS_ON_MONDAY = {"avoid": {"lower_strength": ["mon"]}}
NO_LONG_RUN_FRIDAY_EVENING = {"avoid": {"long_run": ["fri pm"]}}
# The kit's plain guard makes no variables in avoided slots; every_cell leaves keeping
# them empty to the encoding.
GUARDS = pytest.mark.parametrize("every_cell", [False, True], ids=["plain", "every_cell"])


# --- the encoding alone: the bare structure, placements forced ----------------------------

@GUARDS
def test_bare_the_type_on_an_avoided_day_is_infeasible(every_cell):
    avoid = bare("avoid", every_cell=every_cell, **NO_LEGS_ON_MONDAY)
    assert avoid.force("mon am lower_strength").infeasible
    assert avoid.force("mon pm lower_strength").infeasible


@GUARDS
def test_bare_other_types_may_use_the_avoided_day(every_cell):
    assert bare("avoid", every_cell=every_cell, **NO_LEGS_ON_MONDAY).force(
        "mon am easy_run", "tue pm lower_strength").feasible


@GUARDS
def test_bare_an_avoided_slot_leaves_the_rest_of_the_day_open(every_cell):
    avoid = bare("avoid", every_cell=every_cell, **NO_LONG_RUN_FRIDAY_EVENING)
    assert avoid.force("fri pm long_run").infeasible
    assert avoid.force("fri am long_run").feasible


@GUARDS
def test_bare_with_the_sessions_free_the_model_keeps_off_every_avoided_day(every_cell):
    avoid = bare("avoid", every_cell=every_cell, days=3, sessions={"lower_strength": 1},
                 avoid={"lower_strength": [0, 1, 2]})
    assert avoid.force().infeasible
    opened = bare("avoid", every_cell=every_cell, days=3, sessions={"lower_strength": 1},
                  avoid={"lower_strength": [0, "2 am"]})
    assert opened.force().feasible
    assert opened.force("2 am lower_strength").infeasible
    assert opened.force("2 pm lower_strength").feasible


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_type_in_an_avoided_slot():
    verify("avoid", **NO_LONG_RUN_FRIDAY_EVENING).given("fri pm long_run").reports(
        count=1, days=(4,), sessions=("long_run",),
        message="long_run on fri pm is a place its type avoids (avoid: long_run not on fri pm)")


def test_verify_reports_each_session_on_an_avoided_day():
    verify("avoid", **NO_LEGS_ON_MONDAY).given(
        "mon am lower_strength", "mon pm lower_strength").reports(count=2, days=(0,))


def test_verify_other_types_and_other_slots_report_nothing():
    verify("avoid", **NO_LONG_RUN_FRIDAY_EVENING).given(
        "fri am long_run", "fri pm easy_run").reports_nothing()


# --- as a member: its sentence, its keys and its relaxation ---------------------------------

def test_each_entry_is_a_key_with_a_phrase_and_a_relaxation_that_removes_it():
    problem = resolve(make(sessions={"lower_strength": 1},
                           avoid={"lower_strength": ["mon", "tue pm"]}))
    member = STRUCTURAL["avoid"]
    assert member.keys(problem) == ["avoid:lower_strength.0", "avoid:lower_strength.1"]
    assert member.phrase(problem, "avoid:lower_strength.1") == "no lower_strength on tue pm (avoid)"
    (candidate,) = member.candidates(problem, "avoid:lower_strength.0")
    assert candidate.relaxation.change == "avoid.lower_strength.0"
    assert candidate.relaxation.value is None
    assert candidate.relaxation.message == "allow lower_strength on mon (remove it from avoid)"
    assert [a.text for a in candidate.problem.avoid] == ["tue pm"]
