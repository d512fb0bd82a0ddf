"""preferences: sessions placed off their type's preferred days."""

from __future__ import annotations

from rule_kit import bare, verify

TEMPO_ON_TUESDAY = {"prefer": {"tempo": ["tue", "thu"]}}


# --- the encoding alone: the bare model with the preferences term, placements forced -----

def test_bare_costs_each_session_off_its_preferred_days():
    assert bare("preferences", **TEMPO_ON_TUESDAY).force("mon am tempo", "wed am tempo"
                                                         ).cost == 2
    assert bare("preferences", **TEMPO_ON_TUESDAY).force("tue am tempo", "wed am tempo"
                                                         ).cost == 1


def test_bare_sessions_on_preferred_days_and_types_without_any_cost_nothing():
    assert bare("preferences", **TEMPO_ON_TUESDAY).force(
        "tue am tempo", "thu pm tempo", "mon am easy_run").cost == 0


def test_bare_with_the_sessions_free_the_model_takes_the_preferred_days():
    assert bare("preferences", sessions={"tempo": 2}, **TEMPO_ON_TUESDAY).force().cost == 0


# --- the plain cost alone ----------------------------------------------------------------

def test_verify_counts_sessions_off_their_preferred_days():
    verify("preferences", **TEMPO_ON_TUESDAY).given("mon am tempo", "thu am tempo",
                                                    "sun pm easy_run").costs(1)
