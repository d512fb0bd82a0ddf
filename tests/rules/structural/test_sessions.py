"""sessions: the horizon holds exactly the sessions the scenario asks for, and its pins."""

from __future__ import annotations

from rule_kit import bare, verify

TWO_TEMPOS = {"sessions": {"tempo": 2}}


# --- the encoding alone: the bare structure, placements forced ----------------------------

def test_bare_more_sessions_than_asked_for_is_infeasible():
    assert bare("sessions", **TWO_TEMPOS).force("mon am tempo", "tue am tempo", "wed am tempo"
                                                ).infeasible


def test_bare_exactly_the_sessions_asked_for_is_feasible():
    assert bare("sessions", **TWO_TEMPOS).force("mon am tempo", "tue am tempo").feasible


def test_bare_fewer_sessions_are_completed_unless_every_other_cell_is_empty():
    assert bare("sessions", **TWO_TEMPOS).force("mon am tempo").feasible
    assert bare("sessions", **TWO_TEMPOS).force("mon am tempo", only=True).infeasible


def test_bare_a_type_not_asked_for_is_infeasible():
    assert bare("sessions", **TWO_TEMPOS).force("mon am tempo", "tue am easy_run").infeasible


def test_bare_pins_count_in_addition_to_the_sessions():
    pinned = bare("sessions", sessions={"tempo": 1},
                  fixed=[{"session": "tempo", "day": "mon", "slot": "am"}])
    assert pinned.force("mon am tempo", "tue am tempo", only=True).feasible
    assert pinned.force("mon am tempo", only=True).infeasible


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_a_missing_session():
    verify("sessions", **TWO_TEMPOS).given("mon am tempo").reports(
        count=1, amount=1, sessions=("tempo",),
        message="the week asks for 2 tempo, the plan has 1")


def test_verify_reports_a_session_not_asked_for():
    verify("sessions", **TWO_TEMPOS).given("mon am tempo", "tue am tempo", "wed am core"
                                           ).reports(count=1, sessions=("core",))


def test_verify_exactly_the_sessions_and_pins_reports_nothing():
    verify("sessions", sessions={"tempo": 1},
           fixed=[{"session": "tempo", "day": "mon", "slot": "am"}]).given(
        "mon am tempo", "tue am tempo").reports_nothing()
