"""The example scenarios in scenarios/: each loads, solves with its documented status, and
says what it is about."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from runlift import check, load_scenario, solve
from runlift.checker import Placement
from runlift.models.result import Result
from runlift.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

EXPECTED_STATUS = {
    "half-marathon-build.yaml": "optimal",
    "build-week.yaml": "optimal",
    "race-week.yaml": "optimal",
    "off-season-strength.toml": "optimal",
    "busy-week.json": "optimal",
    "legs-stack.yaml": "optimal",
    "legs-separate.yaml": "optimal",
    "two-week-block.yaml": "optimal",
    "unsolvable-race-week.yaml": "infeasible",
}
UNSOLVABLE = "unsolvable-race-week.yaml"
# The documented explanation of the unsolvable week (its header comment and the README).
UNSOLVABLE_MEMBERS = {"fixed:0", "rule:taper_days", "sessions:lower_strength"}
UNSOLVABLE_RELAXATIONS = {"fixed.0": None, "rules.taper_days": 5, "sessions.lower_strength": 0}


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / name)


@cache
def solved(name: str) -> Result:
    return solve(scenario(name))


def test_every_example_has_an_expected_status():
    on_disk = {p.name for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".toml", ".json")}
    assert on_disk == set(EXPECTED_STATUS)


def test_examples_mix_formats():
    suffixes = {Path(name).suffix for name in EXPECTED_STATUS}
    assert {".yaml", ".toml", ".json"} <= suffixes


@pytest.mark.parametrize("name", sorted(EXPECTED_STATUS))
def test_example_explains_itself(name):
    text = (SCENARIOS / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        assert len(json.loads(text)["description"]) > 80
    else:
        header = [line for line in text.splitlines()[:4] if line.startswith("# ")]
        assert len(header) >= 2, f"{name} needs a comment header"


@pytest.mark.parametrize("name", sorted(EXPECTED_STATUS))
def test_example_solves_with_expected_status(name):
    result = solved(name)
    assert result.status == EXPECTED_STATUS[name]
    if result.has_plan:
        placements = [Placement(e.day, list(result.slots).index(e.slot), e.session)
                      for e in result.plan]
        checked = check(scenario(name), placements)
        assert checked.ok, checked.violations
        assert result.objective.total == sum(result.objective.terms.values())


def test_unsolvable_example_has_the_documented_explanation():
    result = solved(UNSOLVABLE)
    assert {c.member for c in result.conflicts} == UNSOLVABLE_MEMBERS
    assert {c.rule for c in result.conflicts} == {"fixed", "taper_days", "sessions"}
    assert {r.change: r.value for r in result.relaxations} == UNSOLVABLE_RELAXATIONS


def test_unsolvable_example_taper_relaxation_solves():
    data = scenario(UNSOLVABLE).model_dump(exclude_unset=True)
    data["rules"] = {"taper_days": UNSOLVABLE_RELAXATIONS["rules.taper_days"]}
    assert solve(Scenario.model_validate(data)).status == "optimal"


def test_legs_pair_differs_only_in_policy():
    stack = scenario("legs-stack.yaml").model_dump(exclude={"name"})
    separate = scenario("legs-separate.yaml").model_dump(exclude={"name"})
    assert stack["rules"].pop("legs_policy") == "stack"
    assert separate["rules"].pop("legs_policy") == "separate"
    assert stack == separate


@pytest.mark.parametrize(("name", "on_hard_run_day"),
                         [("legs-stack.yaml", True), ("legs-separate.yaml", False)])
def test_legs_pair_places_leg_days_by_policy(name, on_hard_run_day):
    plan = solved(name).plan
    hard_run_days = {e.day for e in plan if e.kind == "run" and e.intensity == "hard"}
    leg_days = [e.day for e in plan if e.heavy_legs]
    assert leg_days
    assert all((day in hard_run_days) == on_hard_run_day for day in leg_days)


def test_race_week_tapers():
    result = solved("race-week.yaml")
    assert not any(e.heavy_legs for e in result.plan)
    assert [(e.weekday, e.session) for e in result.plan if e.kind == "race"] == [("sun", "race")]
    assert len(result.metrics.rest_days) >= 2


def test_busy_week_uses_only_open_slots():
    open_slots = {("wed", "pm"), ("fri", "pm"), ("sat", "am"), ("sat", "pm"), ("sun", "am"),
                  ("sun", "pm")}
    assert {(e.weekday, e.slot) for e in solved("busy-week.json").plan} <= open_slots


def test_two_week_block_names_days_by_index():
    result = solved("two-week-block.yaml")
    assert len(result.days) == 14
    assert ("race", 13) in {(e.session, e.day) for e in result.plan}
    assert not any(e.day == 4 for e in result.plan)
