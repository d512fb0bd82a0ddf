"""Building the alternatives: --vary parsing and paths, variants, labels, the cap, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runlift.compare.alternatives import (
    MAX_ALTERNATIVES,
    build_alternatives,
    parse_vary,
    require_valid,
    set_path,
    split_values,
)
from runlift.errors import InputError
from runlift.scenario.loading import read_document
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "half-marathon-build.yaml"

VARIANTS_FILE = """\
name: Variant week
sessions: {easy_run: 2, tempo: 1, lower_strength: 1}
fixed:
  - {session: intervals, day: tue, slot: am}
prefer:
  tempo: [thu]
rules: {legs_policy: any, lift_to_key_hours: 48}
variants:
  stacked:
    rules: {legs_policy: stack}
  sunday:
    fixed: [{session: long_run, day: sun, slot: am}]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- parsing -----------------------------------------------------------------------------
def test_values_are_typed_as_yaml_scalars():
    vary = parse_vary("rules.lift_to_key_hours=36, false ,sat,18:00,null")
    assert vary.path == ("rules", "lift_to_key_hours")
    assert [v.value for v in vary.values] == [36, False, "sat", "18:00", None]
    assert [v.text for v in vary.values] == ["36", "false", "sat", "18:00", "null"]


def test_flow_collections_are_single_values():
    assert split_values("[sat, sun],mon,{a: 1, b: 2}") == ["[sat, sun]", "mon", "{a: 1, b: 2}"]
    assert [v.value for v in parse_vary("prefer.long_run=[sat, sun],[mon]").values] == [
        ["sat", "sun"], ["mon"]]


def test_quoted_commas_stay_in_the_value():
    assert [v.value for v in parse_vary("name='a, b',c").values] == ["a, b", "c"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("rules.legs_policy", "expected PATH=VALUE"),
        ("=stack", "expected PATH=VALUE"),
        ("rules..legs_policy=any", "empty segment"),
        ("rules.legs_policy=any,,stack", "empty value"),
        ("rules.legs_policy=", "empty value"),
        ("rules.legs_policy=any,any", "listed twice"),
        ("weights.balance=[1, 2", "not valid YAML"),
        ("variants.a=1", "cannot be varied"),
    ],
)
def test_malformed_vary_specs(spec, message):
    with pytest.raises(InputError) as info:
        parse_vary(spec)
    assert message in str(info.value)
    assert f"--vary {spec!r}" in str(info.value)


# --- paths and merging -------------------------------------------------------------------
def test_set_path_into_nested_mappings_and_lists():
    data = {"rules": {"legs_policy": "any"}, "fixed": [{"day": "tue", "slot": "am"}]}
    assert set_path(data, ("rules", "legs_policy"), "stack") == ("rules", "legs_policy")
    assert set_path(data, ("fixed", "0", "day"), "sat") == ("fixed", 0, "day")
    assert data == {"rules": {"legs_policy": "stack"}, "fixed": [{"day": "sat", "slot": "am"}]}


def test_set_path_creates_missing_and_empty_mappings():
    data = {"soft": None}
    set_path(data, ("rules", "lift_to_key_hours"), 24)
    set_path(data, ("soft", "max_hard_days"), 5)
    assert data == {"rules": {"lift_to_key_hours": 24}, "soft": {"max_hard_days": 5}}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("fixed", "1", "day"), "fixed has 1 entries: there is no entry 1"),
        (("fixed", "first", "day"), "fixed is a list: expected an index, got 'first'"),
        (("name", "x"), "name holds the value 'week', not a mapping or a list"),
    ],
)
def test_set_path_errors(path, message):
    data = {"name": "week", "fixed": [{"day": "tue"}]}
    with pytest.raises(ValueError, match=message):
        set_path(data, path, "sat")


# --- building ----------------------------------------------------------------------------
def test_single_vary_varies_one_field():
    alternatives = build_alternatives([MAIN], ["rules.legs_policy=any,stack,separate"])
    assert [a.label for a in alternatives] == [
        "rules.legs_policy=any", "rules.legs_policy=stack", "rules.legs_policy=separate"]
    assert [a.data["rules"]["legs_policy"] for a in alternatives] == ["any", "stack", "separate"]
    assert all(a.data["rules"]["lift_to_key_hours"] == 36 for a in alternatives)
    assert alternatives[1].changes == {"rules.legs_policy": "stack"}


def test_nested_and_list_paths_reach_the_scenario():
    alternatives = build_alternatives(
        [MAIN], ["fixed.0.day=mon,thu", "catalog.hills.minutes=40"])
    days = [resolve(Scenario.model_validate(a.data)).fixed[0].day for a in alternatives]
    assert days == [0, 3]
    assert {resolve(Scenario.model_validate(a.data)).catalog["hills"].minutes
            for a in alternatives} == {40}


def test_cross_product_size_and_order():
    alternatives = build_alternatives(
        [MAIN], ["rules.lift_to_key_hours=24,36,48", "rules.legs_policy=any,stack",
                 "weights.balance=0,1"])
    assert len(alternatives) == 3 * 2 * 2
    assert alternatives[0].label == (
        "rules.lift_to_key_hours=24, rules.legs_policy=any, weights.balance=0")
    assert alternatives[1].label.endswith("weights.balance=1")  # the last --vary varies fastest
    assert alternatives[-1].label == (
        "rules.lift_to_key_hours=48, rules.legs_policy=stack, weights.balance=1")
    assert len({a.label for a in alternatives}) == 12


def test_the_cap_allows_64_and_refuses_more():
    values = ",".join(str(h) for h in range(64))
    assert len(build_alternatives([MAIN], [f"rules.lift_to_key_hours={values}"])) == 64
    assert MAX_ALTERNATIVES == 64
    with pytest.raises(InputError, match=r"5 × 13 = 65 alternatives, more than the cap of 64"):
        build_alternatives([MAIN], ["weights.spread=0,1,2,3,4",
                                    "weights.balance=" + ",".join(map(str, range(13)))])


def test_the_cap_counts_files_and_variants(tmp_path):
    path = write(tmp_path, "week.yaml", VARIANTS_FILE)  # base + 2 variants
    with pytest.raises(InputError, match=r"\(3 \+ 1\) × 20 = 80 alternatives"):
        build_alternatives([path, MAIN], ["weights.spread=" + ",".join(map(str, range(20)))])


def test_variants_are_merged_over_the_base(tmp_path):
    path = write(tmp_path, "week.yaml", VARIANTS_FILE)
    alternatives = build_alternatives([path])
    assert [a.label for a in alternatives] == ["base", "stacked", "sunday"]
    base, stacked, sunday = (a.data for a in alternatives)
    assert "variants" not in base
    assert stacked["rules"] == {"legs_policy": "stack", "lift_to_key_hours": 48}
    assert sunday["fixed"] == [{"session": "long_run", "day": "sun", "slot": "am"}]  # replaced
    assert sunday["rules"] == base["rules"]
    assert [a.variant for a in alternatives] == [None, "stacked", "sunday"]


def test_variants_cross_vary_and_several_files(tmp_path):
    path = write(tmp_path, "week.yaml", VARIANTS_FILE)
    alternatives = build_alternatives([path, MAIN], ["weights.balance=0,2"])
    assert [a.label for a in alternatives] == [
        "week.yaml, weights.balance=0", "week.yaml, weights.balance=2",
        "week.yaml, stacked, weights.balance=0", "week.yaml, stacked, weights.balance=2",
        "week.yaml, sunday, weights.balance=0", "week.yaml, sunday, weights.balance=2",
        "half-marathon-build.yaml, weights.balance=0",
        "half-marathon-build.yaml, weights.balance=2",
    ]
    assert alternatives[2].data["rules"]["legs_policy"] == "stack"
    assert alternatives[2].data["weights"] == {"balance": 0}


def test_files_are_labelled_by_name_or_by_path_when_names_clash(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = write(tmp_path / "a", "week.yaml", "sessions: {easy_run: 2}\n")
    two = write(tmp_path / "b", "week.yaml", "sessions: {easy_run: 3}\n")
    other = write(tmp_path, "other.toml", "[sessions]\neasy_run = 1\n")
    labels = [a.label for a in build_alternatives([one, two, other])]
    assert labels == [str(one), str(two), "other.toml"]


def test_a_single_plain_file_is_labelled_by_its_name():
    (alternative,) = build_alternatives([MAIN])
    assert alternative.label == "half-marathon-build.yaml"
    data, _ = read_document(MAIN)
    assert alternative.data == data


# --- bad input -----------------------------------------------------------------------------
def only_error(files, vary=()) -> InputError:
    """The error of a comparison whose alternatives are all invalid."""
    with pytest.raises(InputError) as info:
        require_valid(build_alternatives(files, vary))
    return info.value


def test_unknown_path_names_the_alternative_and_the_field():
    error = only_error([MAIN], ["rules.legs_polcy=any"])
    assert error.loc == ("rules", "legs_polcy")
    assert "alternative 'rules.legs_polcy=any'" in error.message
    assert "did you mean 'legs_policy'" in error.message
    assert error.line is None  # the value came from the command line, not the file


def test_an_invalid_alternative_is_kept_with_why_beside_the_valid_ones():
    good, bad = build_alternatives([MAIN], ["rules.legs_policy=any,sideways"])
    assert good.valid and good.error is None and good.problem is not None
    assert not bad.valid and bad.problem is None
    assert bad.invalid.startswith("rules.legs_policy: expected 'stack'")
    assert "sideways" in bad.invalid and "alternative" not in bad.invalid
    assert bad.error.loc == ("rules", "legs_policy")
    assert "alternative 'rules.legs_policy=sideways'" in str(bad.error)
    assert str(bad.error).startswith(str(MAIN))
    require_valid([good, bad])  # one valid alternative is enough


def test_an_unavailable_pin_is_an_invalid_column_not_the_end_of_the_comparison():
    mon, wed, thu = build_alternatives([MAIN], ["fixed.0.day=mon,wed,thu"])
    assert mon.valid and thu.valid
    assert wed.invalid == ("fixed.0: intervals is pinned on wed am, but that slot is "
                           "unavailable (unavailable.1: 'wed am')")


def test_list_index_out_of_range():
    error = only_error([MAIN], ["fixed.2.day=sat"])
    assert re.search(r"fixed\.2\.day: alternative 'fixed\.2\.day=sat': fixed has 1 entries",
                     str(error))


def test_overlapping_paths_are_refused():
    with pytest.raises(InputError, match=r"rules overlaps rules\.legs_policy"):
        build_alternatives([MAIN], ["rules.legs_policy=any", "rules={}"])
    with pytest.raises(InputError, match="overlaps"):
        build_alternatives([MAIN], ["weights.balance=1", "weights.balance=2"])


def test_bad_variant_points_at_its_line(tmp_path):
    text = VARIANTS_FILE + "  broken:\n    rules: {legs_policy: sideways}\n"
    path = write(tmp_path, "week.yaml", text)
    error = next(a.error for a in build_alternatives([path]) if a.label == "broken")
    assert error.line == text.splitlines().index("  broken:") + 2
    assert "alternative 'broken'" in error.message
    assert error.loc == ("rules", "legs_policy")


def test_variant_errors_in_base_fields_point_at_the_base(tmp_path):
    text = VARIANTS_FILE + "  no_tue:\n    unavailable: [tue]\n"
    path = write(tmp_path, "week.yaml", text)
    error = next(a.error for a in build_alternatives([path]) if a.label == "no_tue")
    assert "alternative 'no_tue'" in error.message
    assert "unavailable" in error.message
    assert error.loc[0] == "fixed"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  base:\n    days: 6\n", "the variant name 'base' is taken"),
        ("  nested:\n    variants: {x: {days: 6}}\n", "cannot hold variants of its own"),
        ("  scalar: 3\n", "expected a mapping"),
    ],
)
def test_malformed_variants(tmp_path, extra, message):
    path = write(tmp_path, "week.yaml", VARIANTS_FILE + extra)
    with pytest.raises(InputError, match=message):
        build_alternatives([path])


def test_the_same_file_twice_is_refused():
    with pytest.raises(InputError, match="given twice"):
        build_alternatives([MAIN, MAIN])


def test_an_invalid_base_file_stops_before_any_variant(tmp_path):
    path = write(tmp_path, "week.yaml", "sessions: {easy_run: -1}\nvariants: {a: {days: 5}}\n")
    with pytest.raises(InputError, match=r"week\.yaml:1: sessions\.easy_run: expected a count"):
        build_alternatives([path])
