"""The sport mapping: what each recorded sport is to runlift."""

from __future__ import annotations

import pytest

from runlift.activities import SPORT_MAPPING, ActivityKind, SportRule, classify, mapping_markdown
from runlift.activities.mapping import ANY
from runlift.models.catalog import BUILTIN_CATALOG, Kind


@pytest.mark.parametrize(("sport", "sub_sport", "kind", "session_type"), [
    ("running", "generic", "run", "easy_run"),
    ("running", "trail", "run", "easy_run"),
    ("running", "treadmill", "run", "easy_run"),
    ("running", "track", "run", "easy_run"),
    ("running", None, "run", "easy_run"),
    ("fitness_equipment", "treadmill", "run", "easy_run"),
    ("cycling", "road", "cross", "cross_training"),
    ("cycling", "indoor_cycling", "cross", "cross_training"),
    ("swimming", "lap_swimming", "cross", "cross_training"),
    ("swimming", "open_water", "cross", "cross_training"),
    ("rowing", "generic", "cross", "cross_training"),
    ("fitness_equipment", "indoor_rowing", "cross", "cross_training"),
    ("fitness_equipment", "elliptical", "cross", "cross_training"),
    ("hiking", "generic", "cross", "cross_training"),
    ("walking", "generic", "mobility", "mobility"),
    ("walking", "casual_walking", "mobility", "mobility"),
    ("training", "strength_training", "strength", "posterior_chain"),
    ("training", "generic", "strength", "posterior_chain"),
    ("training", "cardio_training", "cross", "cross_training"),
    ("training", "yoga", "mobility", "mobility"),
    ("training", "pilates", "mobility", "mobility"),
    ("training", "flexibility_training", "mobility", "mobility"),
    ("generic", None, "other", "cross_training"),
    ("soccer", "generic", "other", "cross_training"),
    ("86", None, "other", "cross_training"),
])
def test_classify(sport: str, sub_sport: str | None, kind: str, session_type: str) -> None:
    rule = classify(sport, sub_sport)
    assert (rule.kind, rule.session_type) == (ActivityKind(kind), session_type)


def test_transitions_are_skipped() -> None:
    assert classify("transition", "generic").kind is None


def test_every_type_is_a_builtin_of_the_rules_kind() -> None:
    for rule in SPORT_MAPPING:
        if rule.session_type is None:
            continue
        catalog_type = BUILTIN_CATALOG[rule.session_type]
        if rule.kind is not ActivityKind.other:
            assert rule.kind is not None
            assert catalog_type.kind == Kind(rule.kind.value), rule


def test_a_watchs_strength_session_counts_as_moderate_work_on_the_legs() -> None:
    strength = BUILTIN_CATALOG[classify("training", "strength_training").session_type or ""]
    assert (strength.intensity, strength.heavy_legs) == ("moderate", True)


def test_every_rule_can_be_reached() -> None:
    """No rule hides behind an earlier one, and only the last fits everything."""
    for rule in SPORT_MAPPING:
        sport = "no_such_sport" if rule.sport == ANY else rule.sport
        sub_sport = "no_such_sub_sport" if rule.sub_sport == ANY else rule.sub_sport
        assert classify(sport, sub_sport) is rule
    assert [rule for rule in SPORT_MAPPING if rule.sport == ANY] == [SPORT_MAPPING[-1]]


def test_the_kinds_match_the_catalogs() -> None:
    assert {kind.value for kind in ActivityKind} - {kind.value for kind in Kind} == {"other"}


def test_the_markdown_table_has_a_row_per_rule() -> None:
    lines = mapping_markdown().splitlines()
    assert len(lines) == 2 + len(SPORT_MAPPING)
    assert lines[2] == ("| transition | * | (skipped) | - | "
                        "the change between legs of a multisport race |")
    assert "| training | strength_training | strength | posterior_chain |" in lines[3]


def test_a_rule_is_a_value() -> None:
    rule = SportRule("running", ANY, ActivityKind.run, "easy_run", "why")
    assert rule == SportRule("running", ANY, ActivityKind.run, "easy_run", "why")
    assert rule.fits("running", None)
    assert not rule.fits("cycling", None)
