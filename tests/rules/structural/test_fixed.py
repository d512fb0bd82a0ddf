"""fixed: every pinned session sits on its day and slot."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify

TEMPO_ON_MONDAY = {"fixed": [{"session": "tempo", "day": "mon", "slot": "am"}]}
# The kit's plain guard makes no variable for another type in a pinned slot, nor for a
# type that is only ever pinned anywhere else; every_cell leaves that to the encoding.
GUARDS = pytest.mark.parametrize("every_cell", [False, True], ids=["plain", "every_cell"])


# --- the encoding alone: the bare structure, placements forced ----------------------------

@GUARDS
def test_bare_the_pin_in_its_slot_is_feasible(every_cell):
    assert bare("fixed", every_cell=every_cell, **TEMPO_ON_MONDAY).force(
        "mon am tempo", only=True).feasible


@GUARDS
def test_bare_an_empty_pinned_slot_is_infeasible(every_cell):
    assert bare("fixed", every_cell=every_cell, **TEMPO_ON_MONDAY).force(only=True).infeasible


@GUARDS
def test_bare_the_pinned_type_elsewhere_is_infeasible(every_cell):
    pinned = bare("fixed", every_cell=every_cell, sessions={}, **TEMPO_ON_MONDAY)
    assert pinned.force("tue am tempo").infeasible


@GUARDS
def test_bare_another_type_in_the_pinned_slot_is_infeasible(every_cell):
    assert bare("fixed", every_cell=every_cell, sessions={"easy_run": 1},
                **TEMPO_ON_MONDAY).force("mon am easy_run").infeasible


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_a_pin_that_is_not_there():
    verify("fixed", sessions={"tempo": 1}, **TEMPO_ON_MONDAY).given("tue am tempo").reports(
        count=1, days=(0,), sessions=("tempo",),
        message="tempo is pinned on mon am but is not there")


def test_verify_the_pin_in_place_reports_nothing():
    verify("fixed", **TEMPO_ON_MONDAY).given("mon am tempo").reports_nothing()
