"""Plans for `runlift check` from spreadsheets: the files Excel, LibreOffice and Google
Sheets save, days, slots and dates as people write them (in CSV, YAML and JSON alike), a
date for the day, --columns, and one precise line for each bad plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bad_inputs import PLAN_CASES, BadPlan

from runlift import load_scenario, solve
from runlift.checker import Placement
from runlift.errors import InputError
from runlift.models.problem import Problem
from runlift.scenario.planfile import CSV_FIELDS, load_plan
from runlift.scenario.resolve import resolve
from runlift.scenario.sheet import parse_columns

DATED = "sessions: {easy_run: 1, tempo: 1}\nweek_start: 2027-03-01\n"  # day 0 is a Monday
TUE_AM_FRI_PM = [Placement(1, 0, "easy_run"), Placement(4, 1, "tempo")]


def problem_of(tmp_path: Path, text: str = DATED) -> Problem:
    path = tmp_path / "week.yaml"
    path.write_text(text, encoding="utf-8")
    return resolve(load_scenario(path))


def plan_file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def excel(text: str) -> bytes:
    """As Excel saves 'CSV UTF-8' in a decimal-comma locale: BOM, semicolons, CRLF."""
    return b"\xef\xbb\xbf" + text.replace(",", ";").replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize("text", [
    "day,slot,session\ntue,am,easy_run\nfri,pm,tempo\n",
    "Day,Slot,Session\nTUE,AM,easy_run\nFRI,PM,tempo\n",
    "Day,Slot,Session\nTuesday,AM,easy_run\nFriday,PM,tempo\n,,\n,,\n",
    " DAY , slot , Session ,Notes\nTues,Am,easy_run,\"easy; chatty\"\n\nfri,pM,tempo,\n",
    "Date,Slot,Session\n2027-03-02,AM,easy_run\n2027-03-05,PM,tempo\n",
    "Date,Slot,Session\n02/03/2027,am,easy_run\n05/03/2027,pm,tempo\n",  # day first
    "Date,Slot,Session\n3/2/2027,am,easy_run\n3/5/2027,pm,tempo\n",  # month first
    "Date,Slot,Session\n02.03.2027,am,easy_run\n05.03.2027,pm,tempo\n",
    "Day,Date,Slot,Session\nTuesday,02/03/2027,AM,easy_run\nFriday,05/03/2027,PM,tempo\n",
    "day,date,slot,session\n1,2027-03-02,am,easy_run\n4,,pm,tempo\n",
], ids=["plain", "caps", "full-names-blank-rows", "spaces-quotes", "iso-date", "uk-date",
        "us-date", "dotted-date", "day-and-date", "date-may-be-left-out"])
def test_an_excel_sheet_reads_as_the_plain_plan(tmp_path, text):
    problem = problem_of(tmp_path)
    assert load_plan(plan_file(tmp_path, "plan.csv", excel(text)), problem) == TUE_AM_FRI_PM


@pytest.mark.parametrize(("name", "text"), [
    ("plan.yaml", "- {day: Tuesday, slot: AM, session: easy_run}\n"
                  "- {day: FRI, slot: Pm, session: tempo}\n"),
    ("plan.yaml", "- {date: 2027-03-02, slot: am, session: easy_run}\n"
                  "- {date: 05/03/2027, slot: pm, session: tempo}\n"),
    ("plan.json", '{"plan": [{"day": "tues", "slot": "AM", "session": "easy_run"},'
                  ' {"date": "2027-03-05", "slot": "PM", "session": "tempo"}]}'),
])
def test_yaml_and_json_lists_take_the_same_spellings(tmp_path, name, text):
    problem = problem_of(tmp_path)
    assert load_plan(plan_file(tmp_path, name, text.encode()), problem) == TUE_AM_FRI_PM


def test_columns_map_other_headers(tmp_path):
    data = excel("Wann,Zeit,Einheit,Session\n02.03.2027,AM,easy_run,x\n05.03.2027,PM,tempo,y\n")
    columns = parse_columns("date=wann,slot=Zeit,session=EINHEIT", CSV_FIELDS)
    got = load_plan(plan_file(tmp_path, "plan.csv", data), problem_of(tmp_path), columns)
    assert got == TUE_AM_FRI_PM  # the sheet's own Session column is not read: Einheit is


def test_without_week_start_a_date_beside_the_day_is_left_alone(tmp_path):
    problem = problem_of(tmp_path, "sessions: {easy_run: 1, tempo: 1}\n")
    data = excel("day,date,slot,session\ntue,1999-01-01,am,easy_run\nfri,,pm,tempo\n")
    assert load_plan(plan_file(tmp_path, "plan.csv", data), problem) == TUE_AM_FRI_PM


def test_a_date_tells_which_tuesday_in_a_longer_horizon(tmp_path):
    problem = problem_of(tmp_path, DATED + "days: 14\n")
    data = excel("day,date,slot,session\ntue,2027-03-09,am,easy_run\nFriday,,pm,tempo\n")
    with pytest.raises(InputError, match="day 'fri' is ambiguous in a 14-day horizon"):
        load_plan(plan_file(tmp_path, "plan.csv", data), problem)
    data = excel("day,date,slot,session\ntue,2027-03-09,am,easy_run\n,12/03/2027,pm,tempo\n")
    got = load_plan(plan_file(tmp_path, "plan.csv", data), problem)
    assert got == [Placement(8, 0, "easy_run"), Placement(11, 1, "tempo")]


def test_solve_s_csv_and_json_still_round_trip(tmp_path):
    week = load_scenario(Path(__file__).resolve().parents[2] / "scenarios"
                         / "half-marathon-build.yaml")
    result = solve(week)
    want = [Placement(e.day, list(result.slots).index(e.slot), e.session) for e in result.plan]
    as_json = plan_file(tmp_path, "plan.json", result.to_json().encode())
    assert load_plan(as_json, resolve(week)) == want
    from runlift.render.csvout import plan_csv

    as_csv = plan_file(tmp_path, "plan.csv", plan_csv(result.plan).encode())
    assert load_plan(as_csv, resolve(week)) == want
    assert json.loads(result.to_json())["plan"][0]["date"] == "2027-03-01"


@pytest.mark.parametrize("case", PLAN_CASES, ids=[c.id for c in PLAN_CASES])
def test_a_bad_plan_is_one_precise_line(tmp_path, monkeypatch, case: BadPlan):
    monkeypatch.chdir(tmp_path)
    scenario, _ = case.write(Path("."))
    columns = parse_columns(case.columns, CSV_FIELDS) if case.columns else None
    with pytest.raises(InputError) as caught:
        load_plan(case.file, resolve(load_scenario(scenario)), columns)
    message = str(caught.value)
    assert message.startswith(case.where + ":"), message
    assert "\n" not in message
    for fragment in case.says:
        assert fragment in message, message
