"""Reading scenario files: every bad input becomes one precise line (an InputError)."""

from __future__ import annotations

import datetime as dt

import pytest
from bad_inputs import CASES, BadInput

from runlift.errors import InputError
from runlift.rules.values import Count
from runlift.scenario.loading import describe_type, expected_at, read_document
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.scenario.scenario_file import load_scenario


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_names_file_line_field_and_expectation(case: BadInput, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case.write(tmp_path)
    with pytest.raises(InputError) as caught:
        load_scenario(case.file)
    message = str(caught.value)
    assert message.startswith(case.where + ":"), message
    for fragment in case.says:
        assert fragment in message
    assert "\n" not in message


def test_bad_input_cases_cover_the_issue_list():
    ids = {c.id for c in CASES}
    needed = {"yaml-syntax", "wrong-type-count", "unknown-key", "unknown-session",
              "unknown-day", "unknown-slot", "negative-count", "fixed-in-unavailable-slot",
              "time-25", "race-date-without-week-start", "empty-file", "directory",
              "missing-file", "top-level-list", "toml-wrong-type", "json-wrong-type"}
    assert needed <= ids


def test_yaml_times_and_dates_stay_text_until_the_model_parses_them(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("week_start: 2027-03-01\nslots: {am: 6:30, pm: 18:00}\n")
    data, node = read_document(path)
    assert data == {"week_start": "2027-03-01", "slots": {"am": "6:30", "pm": "18:00"}}
    assert node is not None
    scenario = load_scenario(path)
    assert scenario.week_start == dt.date(2027, 3, 1)
    assert [s.start for s in resolve(scenario).slots] == [390, 1080]


def test_toml_and_json_load_like_yaml(tmp_path):
    (tmp_path / "s.toml").write_text(
        'week_start = 2027-03-01\n[sessions]\neasy_run = 2\n[slots]\nam = "07:00"\n')
    (tmp_path / "s.json").write_text(
        '{"week_start": "2027-03-01", "sessions": {"easy_run": 2}, "slots": {"am": "07:00"}}')
    toml, json = load_scenario(tmp_path / "s.toml"), load_scenario(tmp_path / "s.json")
    assert toml.model_dump() == json.model_dump()


def test_yaml_merge_keys_are_not_duplicates(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("base: &b {easy_run: 2}\n")
    data, _ = read_document(path)
    assert data == {"base": {"easy_run": 2}}


@pytest.mark.parametrize(("loc", "expected"), [
    (("days",), "a whole number from 1 to 28"),
    (("rules", "max_hard_days"), "a whole number from 0 to 40320, or false"),
    (("rules", "lift_to_key_hours"), "a whole number from 0 to 672, or false"),
    (("rules", "legs_policy"), "'stack', 'separate' or 'any'"),
    (("rules", "no_back_to_back_hard"), "true or false"),
    (("weights", "spread"), "a whole number from 0 to 1000000"),
    (("week_start",), "a date as YYYY-MM-DD"),
    (("catalog", "hills", "minutes"), "a whole number from 1 to 600"),
    (("catalog", "hills", "intensity"), "'easy', 'moderate' or 'hard'"),
    (("fixed", 0, "day"), "a day (mon..sun or a 0-based index)"),
    (("sessions",), "a mapping"),
    (("nonsense",), None),
])
def test_expected_at_describes_each_field(loc, expected):
    assert expected_at(Scenario, loc) == expected


def test_describe_type_reads_unions_in_words():
    assert describe_type(Count) == "a whole number from 0 to 40320, or false"
    assert describe_type(int | None) == "a whole number"
