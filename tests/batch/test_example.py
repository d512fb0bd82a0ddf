"""The squad generator: seeded, varied, and every athlete it makes can be planned."""

from __future__ import annotations

from collections import Counter

from runlift.batch.example import GYM_SESSIONS, RACES, block_squad_data, squad_data, squad_yaml
from runlift.block.model import BlockFile
from runlift.block.problem import build
from runlift.scenario.model import Scenario
from runlift.scenario.overlay import merge


def test_same_seed_same_squad_and_seeds_differ() -> None:
    assert squad_yaml(30, seed=4) == squad_yaml(30, seed=4)
    assert squad_yaml(30, seed=4) != squad_yaml(30, seed=5)


def test_names_are_unique_even_past_every_pairing() -> None:
    names = [a["name"] for a in squad_data(1500)["athletes"]]
    assert len(set(names)) == 1500


def test_the_squad_varies_like_a_real_one() -> None:
    athletes = squad_data(200, seed=2)["athletes"]
    policies = Counter(a.get("rules", {}).get("legs_policy", "any") for a in athletes)
    assert set(policies) == {"any", "stack", "separate"}
    assert 0.1 < sum("skip" in a for a in athletes) / 200 < 0.9
    assert any("race_date" in a for a in athletes) and any("fixed" in a for a in athletes)
    assert any("unavailable" in a for a in athletes) and any("prefer" in a for a in athletes)
    assert len({tuple(sorted(a["sessions"].items())) for a in athletes}) > 50


def test_every_generated_athlete_is_a_valid_scenario() -> None:
    data = squad_data(60, seed=9, gym_capacity=7)
    assert data["gym"] == {"capacity": 7, "sessions": GYM_SESSIONS}
    for athlete in data["athletes"]:
        fields = {k: v for k, v in athlete.items() if k != "skip"}
        Scenario.model_validate(merge(data["defaults"], fields))


# --- squads of blocks -------------------------------------------------------------------------
def test_block_squads_are_seeded_and_vary() -> None:
    assert squad_yaml(20, seed=4, blocks=True) == squad_yaml(20, seed=4, blocks=True)
    assert squad_yaml(20, seed=4, blocks=True) != squad_yaml(20, seed=5, blocks=True)
    athletes = block_squad_data(100, seed=2)["athletes"]
    assert len({a["race"]["date"] for a in athletes}) == 2  # the last Saturday or Sunday
    assert {a["progression"]["ramp_pct"] for a in athletes} == {8, 10, 12}
    assert {a["description"].split(" to a ")[1] for a in athletes} == set(RACES)
    assert len({tuple(sorted(a["week"]["sessions"].items())) for a in athletes}) > 5
    assert any("unavailable" in a["week"] for a in athletes)


def test_every_generated_block_is_a_block_of_its_weeks() -> None:
    for weeks in (5, 16):
        data = block_squad_data(20, seed=9, weeks=weeks)
        for athlete in data["athletes"]:
            problem = build(BlockFile.model_validate(merge(data["defaults"], athlete)), "x")
            assert len(problem.specs) == weeks
            assert [s.phase for s in problem.specs][-1] == "taper"
