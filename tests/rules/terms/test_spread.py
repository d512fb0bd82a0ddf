"""spread: same-type sessions kept apart, towards the ideal gap (days // sessions)."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify

# --- the encoding alone: the bare model with the spread term, placements forced ----------

@pytest.mark.parametrize(("second", "cost"), [("mon pm", 3), ("tue am", 2), ("wed am", 1),
                                              ("thu am", 0), ("sun pm", 0)])
def test_bare_two_sessions_cost_the_days_short_of_the_ideal_gap(second, cost):
    # Two tempos in seven days: the ideal gap is 7 // 2 = 3 days.
    assert bare("spread").force("mon am tempo", f"{second} tempo").cost == cost


def test_bare_every_pair_counts_and_each_type_has_its_own_gap():
    # Three tempos: the ideal gap is 7 // 3 = 2, mon-tue and tue-wed are a day short.
    # Two cores: the ideal gap is 3, mon-tue is two days short.
    assert bare("spread").force("mon am tempo", "tue am tempo", "wed am tempo",
                                "mon pm core", "tue pm core").cost == 2 + 2


def test_bare_with_the_second_session_free_the_model_keeps_the_ideal_gap():
    assert bare("spread", sessions={"tempo": 2}).force("mon am tempo").cost == 0


# --- the plain cost alone ----------------------------------------------------------------

def test_verify_prices_each_pair_closer_than_the_ideal_gap():
    verify("spread").given("mon am tempo", "tue am tempo", "wed am tempo").costs(2)
    verify("spread").given("mon am tempo", "thu am tempo").costs(0)


def test_verify_a_single_session_of_a_type_costs_nothing():
    verify("spread", days=1).given("mon am tempo").costs(0)
