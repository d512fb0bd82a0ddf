"""Laying one scenario mapping over another (variants, --vary, squads)."""

from __future__ import annotations

import copy

from runlift.scenario.overlay import merge


def test_maps_merge_key_by_key_and_lists_and_values_replace():
    base = {"rules": {"legs_policy": "any", "lift_to_key_hours": 48}, "unavailable": ["fri"],
            "days": 7}
    overlay = {"rules": {"legs_policy": "stack"}, "unavailable": ["sat"], "days": 6}
    assert merge(base, overlay) == {"rules": {"legs_policy": "stack", "lift_to_key_hours": 48},
                                    "unavailable": ["sat"], "days": 6}


def test_nested_maps_merge_at_every_depth():
    base = {"catalog": {"tempo": {"minutes": 50, "load": 7}}}
    overlay = {"catalog": {"tempo": {"minutes": 40}, "hills": {"minutes": 45}}}
    assert merge(base, overlay) == {
        "catalog": {"tempo": {"minutes": 40, "load": 7}, "hills": {"minutes": 45}}}


def test_a_map_replaces_a_value_and_a_value_replaces_a_map():
    # `rules:` left empty in YAML is None: the overlay's mapping takes its place.
    assert merge({"rules": None}, {"rules": {"legs_policy": "stack"}}) == {
        "rules": {"legs_policy": "stack"}}
    assert merge({"prefer": {"long_run": ["sat"]}}, {"prefer": None}) == {"prefer": None}
    assert merge({"a": 1}, ["x"]) == ["x"]


def test_keys_keep_the_base_order_then_the_overlay_new_ones():
    merged = merge({"b": 1, "a": {"y": 1}}, {"c": 3, "a": {"x": 2}})
    assert list(merged) == ["b", "a", "c"]
    assert list(merged["a"]) == ["y", "x"]


def test_an_empty_overlay_gives_a_copy_of_the_base():
    base = {"fixed": [{"session": "tempo", "day": "thu"}]}
    merged = merge(base, {})
    assert merged == base and merged["fixed"] is not base["fixed"]


def test_neither_input_is_changed_nor_shared_with_the_result():
    base = {"rules": {"legs_policy": "any"}, "fixed": [{"day": "tue"}], "prefer": {"x": [1]}}
    overlay = {"rules": {"lift_to_key_hours": 36}, "unavailable": ["mon"]}
    before = copy.deepcopy((base, overlay))
    merged = merge(base, overlay)
    merged["rules"]["legs_policy"] = "stack"  # --vary sets values in place
    merged["fixed"][0]["day"] = "sat"
    merged["prefer"]["x"].append(2)
    merged["unavailable"].append("tue")
    assert (base, overlay) == before
