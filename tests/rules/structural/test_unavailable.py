"""unavailable: no session sits in a closed day or slot."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify

# The kit's plain guard makes no variables in closed slots; every_cell leaves keeping them
# empty to the encoding.
GUARDS = pytest.mark.parametrize("every_cell", [False, True], ids=["plain", "every_cell"])


# --- the encoding alone: the bare structure, placements forced ----------------------------

@GUARDS
def test_bare_a_session_on_a_closed_day_is_infeasible(every_cell):
    assert bare("unavailable", every_cell=every_cell, unavailable=["wed"]).force(
        "wed pm easy_run").infeasible


@GUARDS
def test_bare_a_closed_slot_leaves_the_rest_of_the_day_open(every_cell):
    closed = bare("unavailable", every_cell=every_cell, unavailable=["wed pm"])
    assert closed.force("wed pm easy_run").infeasible
    assert closed.force("wed am easy_run").feasible


@GUARDS
def test_bare_nothing_closed_is_feasible(every_cell):
    assert bare("unavailable", every_cell=every_cell).force("wed pm easy_run").feasible


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_a_session_in_a_closed_slot():
    verify("unavailable", unavailable=["wed pm"]).given("wed pm easy_run").reports(
        count=1, days=(2,), sessions=("easy_run",),
        message="easy_run on wed pm is in an unavailable slot")


def test_verify_an_open_slot_of_a_partly_closed_day_reports_nothing():
    verify("unavailable", unavailable=["wed pm"]).given("wed am easy_run").reports_nothing()
