"""balance: the load of the heaviest day, in units of 10 load points, rounded up."""

from __future__ import annotations

from rule_kit import bare, verify

# tempo 350 and intervals 480 load points: 830 together, 480 apart.
KEY_RUNS_TOGETHER = ("mon am tempo", "mon pm intervals")
KEY_RUNS_APART = ("mon am tempo", "wed pm intervals")


# --- the encoding alone: the bare model with the balance term, placements forced ---------

def test_bare_costs_the_heaviest_day_in_tens_rounded_up():
    assert bare("balance").force(*KEY_RUNS_TOGETHER).cost == 83
    assert bare("balance").force(*KEY_RUNS_APART).cost == 48


def test_bare_with_one_session_free_the_model_spreads_it():
    assert bare("balance", sessions={"tempo": 1, "intervals": 1}).force("mon am tempo"
                                                                        ).cost == 48


def test_bare_an_empty_week_costs_nothing():
    assert bare("balance").force().cost == 0


# --- the plain cost alone ----------------------------------------------------------------

def test_verify_prices_the_heaviest_day():
    verify("balance").given(*KEY_RUNS_TOGETHER).costs(83)
    verify("balance").given(*KEY_RUNS_APART, "wed am core").costs(56)  # 560
