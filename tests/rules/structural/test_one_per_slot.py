"""one_per_slot: a slot holds at most one session."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify

GUARDS = pytest.mark.parametrize("every_cell", [False, True], ids=["plain", "every_cell"])


# --- the encoding alone: the bare structure, placements forced ----------------------------

@GUARDS
def test_bare_two_sessions_in_one_slot_are_infeasible(every_cell):
    assert bare("one_per_slot", every_cell=every_cell).force(
        "mon am tempo", "mon am easy_run").infeasible


@GUARDS
def test_bare_the_same_sessions_in_two_slots_are_feasible(every_cell):
    assert bare("one_per_slot", every_cell=every_cell).force(
        "mon am tempo", "mon pm easy_run").feasible


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_a_crowded_slot():
    verify("one_per_slot").given("mon am tempo", "mon am easy_run", "mon am core").reports(
        count=1, amount=2, days=(0,), message="3 sessions in mon am")


def test_verify_one_session_a_slot_reports_nothing():
    verify("one_per_slot").given("mon am tempo", "mon pm easy_run").reports_nothing()
