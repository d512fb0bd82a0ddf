"""The properties of test_properties.py for horizons that join: with a random history
before day 0, or as a repeating template, every plan passes the checker at the same
price, every conflict is infeasible and minimal, every relaxation solves."""

from __future__ import annotations

from hypothesis import given, settings
from property_kit import PROPERTY_SETTINGS, check_scenario, record
from timeline_strategies import joined_scenarios


@settings(PROPERTY_SETTINGS, max_examples=80)
@given(joined_scenarios())
def test_random_scenarios_with_history_or_repeat(doc):
    record(check_scenario(doc))


@settings(PROPERTY_SETTINGS, max_examples=50)
@given(joined_scenarios(max_sessions=10, max_days=4))
def test_random_crowded_scenarios_with_history_or_repeat(doc):
    record(check_scenario(doc))
