"""Reading plans for `runlift check`: solve's JSON, YAML/JSON lists and CSV."""

from __future__ import annotations

import pytest

from runlift import load_scenario, solve
from runlift.checker import Placement
from runlift.errors import InputError
from runlift.scenario.planfile import load_plan
from runlift.scenario.resolve import resolve

SCENARIO = """\
sessions: {easy_run: 1, tempo: 1}
week_start: 2027-03-01
"""


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "week.yaml"
    path.write_text(SCENARIO)
    return load_scenario(path)


def placements(scenario, path) -> list[Placement]:
    return load_plan(path, resolve(scenario))


def test_solve_json_round_trips(scenario, tmp_path):
    result = solve(scenario)
    path = tmp_path / "plan.json"
    path.write_text(result.to_json())
    got = placements(scenario, path)
    slots = list(result.slots)
    assert got == [Placement(e.day, slots.index(e.slot), e.session) for e in result.plan]


def test_yaml_list_with_names_and_indices(scenario, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("- {day: mon, slot: am, session: easy_run}\n"
                    "- {day: 3, slot: pm, session: tempo}\n")
    assert placements(scenario, path) == [Placement(0, 0, "easy_run"), Placement(3, 1, "tempo")]


def test_csv_list_with_extra_columns_and_spaces(scenario, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("day, slot, session, note\ntue, am, easy_run, fresh\n4,pm,tempo,\n")
    assert placements(scenario, path) == [Placement(1, 0, "easy_run"), Placement(4, 1, "tempo")]


@pytest.mark.parametrize(("name", "text", "where", "says"), [
    ("p.yaml", "- {day: mon, slot: am, session: easy_rn}\n", "p.yaml:1: 0.session",
     "unknown session type 'easy_rn' (did you mean 'easy_run'?)"),
    ("p.yaml", "plan:\n  - {day: mon, slot: am, session: easy_run}\n  - {day: tue, slot: pmm,"
     " session: tempo}\n", "p.yaml:3: plan.1.slot", "unknown slot 'pmm'"),
    ("p.yaml", "- {day: mon, slot: am}\n", "p.yaml:1: 0.session", "this field is required"),
    ("p.yaml", "- easy_run\n", "p.yaml:1: 0", "expected a mapping with day, slot and session"),
    ("p.yaml", "plan: 3\n", "p.yaml:1: plan", "expected a list of {day, slot, session}"),
    ("p.yaml", "name: x\n", "p.yaml:1", "has no 'plan' key"),
    ("p.json", '[{"day": 9, "slot": "am", "session": "tempo"}]', "p.json: 0.day",
     "day index 9 is outside the horizon 0..6"),
    ("p.csv", "day,slot,session\nmon,am,easy_run\nwedd,pm,tempo\n", "p.csv:3: 1.day",
     "unknown day 'wedd'"),
    ("p.csv", "day,session\nmon,tempo\n", "p.csv:1", "missing slot"),
    ("p.csv", "", "p.csv", "the file is empty"),
    ("p.txt", "x", "p.txt", "expected .yaml, .yml, .toml, .json or .csv"),
])
def test_bad_plans_give_one_precise_line(scenario, tmp_path, monkeypatch, name, text, where,
                                         says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError) as caught:
        placements(scenario, name)
    message = str(caught.value)
    assert message.startswith(where + ":"), message
    assert says in message


def test_a_directory_or_missing_plan_is_named_as_a_plan(scenario, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    with pytest.raises(InputError, match="is a directory; expected a plan file"):
        placements(scenario, "d")
    with pytest.raises(InputError, match="no such file; expected a plan file"):
        placements(scenario, "gone.csv")
