"""Rule presets: each school's rule values, its sources, and explicit rules over it."""

from __future__ import annotations

import typing

import pytest
from scenario_kit import make

from runlift.rules import RULES
from runlift.rules.presets import PRESETS, PresetName, preset_rules
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve


def values(problem) -> dict:
    return {name: setting.value for name, setting in problem.rules.items()}


def test_the_scenario_field_names_every_preset():
    assert set(typing.get_args(PresetName)) == set(PRESETS)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_a_preset_sets_valid_values_of_named_rules(name):
    preset = PRESETS[name]
    assert set(preset.rules) <= set(RULES)
    make(rules=dict(preset.rules))  # every value is one a scenario accepts
    assert preset.school.strip() and preset.why.strip() and preset.sources


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_a_preset_sets_its_values_and_leaves_the_rest_at_their_defaults(name):
    problem = resolve(Scenario.model_validate({"preset": name}))
    got = values(problem)
    for rule, value in PRESETS[name].rules.items():
        assert got.get(rule, RULES[rule].off) == value
    untouched = set(RULES) - set(PRESETS[name].rules)
    default = values(resolve(Scenario.model_validate({})))
    assert {r: got.get(r) for r in untouched} == {r: default.get(r) for r in untouched}


def test_explicit_rules_override_the_preset():
    problem = resolve(Scenario.model_validate({
        "preset": "hard-days-hard",
        "rules": {"lift_to_key_hours": 36, "rest_after_stacked": False}}))
    got = values(problem)
    assert got["lift_to_key_hours"] == 36
    assert "rest_after_stacked" not in got
    assert got["legs_policy"] == "stack"


def test_soft_applies_to_a_preset_value():
    problem = resolve(Scenario.model_validate({"preset": "evidence-24h",
                                               "soft": {"lift_to_key_hours": 2}}))
    setting = problem.rules["lift_to_key_hours"]
    assert (setting.value, setting.weight) == (24, 2)


def test_without_a_preset_nothing_changes():
    assert preset_rules(None) == {}
    assert Scenario.model_validate({}).preset is None


def test_the_schools_cite_their_sources():
    sources = {name: " ".join(p.sources) for name, p in PRESETS.items()}
    assert "004_b7744c426596969e.txt" in sources["hard-days-hard"]
    assert "001_700655475918ca3f.txt" in sources["lifts-on-easy-days"]
    assert "Robineau" in sources["evidence-24h"] and "Doma" in sources["evidence-24h"]


def test_the_48h_default_is_practice_and_the_evidence_preset_asks_24h():
    assert RULES["lift_to_key_hours"].default == 48
    assert PRESETS["evidence-24h"].rules["lift_to_key_hours"] == 24
    assert "48 h" in PRESETS["evidence-24h"].why
