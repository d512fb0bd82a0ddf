"""`runlift check` and `runlift block check` on plans from spreadsheets: the files Excel
and others save, --columns, and one line with exit 2 for every bad plan or mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bad_inputs import PLAN_CASES, BadPlan
from click.testing import CliRunner, Result

from runlift.block.check import CSV_FIELDS as BLOCK_FIELDS
from runlift.scenario.planfile import CSV_FIELDS

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "half-marathon-build.yaml"  # week_start 2027-03-01, a Monday
SMALL = {"name": "Small", "start": "2027-01-04", "weeks": 2,
         "week": {"sessions": {"easy_run": 2, "long_run": 1, "lower_strength": 1}}}
FULL = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
        "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def excel(lines: list[str]) -> bytes:
    """Lines as Excel saves 'CSV UTF-8' in a decimal-comma locale: a byte-order mark,
    semicolons, CRLF, and the empty rows at the end that a used range leaves."""
    return ("\ufeff" + "\r\n".join([*lines, ";;;", ";;;", ""])).encode("utf-8")


@pytest.fixture(scope="module")
def main_json() -> dict:
    return json.loads(run("solve", MAIN, "--format", "json").stdout)


def test_check_reads_an_excel_week_as_solve_s_plan(tmp_path, main_json):
    lines = ["Day;Date;Slot;Session"] + [
        f"{FULL[e['weekday']]};{e['date'][8:]}/{e['date'][5:7]}/{e['date'][:4]};"
        f"{e['slot'].upper()};{e['session']}" for e in main_json["plan"]]
    sheet = tmp_path / "week.csv"
    sheet.write_bytes(excel(lines))
    result = run("check", MAIN, sheet, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metrics"] == main_json["metrics"]


def test_check_columns_map_a_sheet_s_own_headers(tmp_path, main_json):
    lines = ["Wann;Zeit;Einheit;Notiz"] + [
        f"{e['date']};{e['slot']};{e['session']};\"gut; locker\"" for e in main_json["plan"]]
    sheet = tmp_path / "woche.csv"
    sheet.write_bytes(excel(lines))
    result = run("check", MAIN, sheet, "--columns", "date=Wann,slot=Zeit,session=Einheit",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metrics"] == main_json["metrics"]
    unmapped = run("check", MAIN, sheet)
    assert unmapped.exit_code == 2
    assert unmapped.stderr == (
        f"runlift: error: {sheet}:1: day: expected CSV columns day or date, slot and "
        "session; missing day or date (the header line has Wann, Zeit, Einheit, Notiz; "
        "--columns day=NAME reads it from another column)\n")


@pytest.mark.parametrize("case", PLAN_CASES, ids=[c.id for c in PLAN_CASES])
def test_a_bad_plan_is_one_line_and_exit_2(tmp_path, monkeypatch, case: BadPlan):
    monkeypatch.chdir(tmp_path)
    scenario, _ = case.write(Path("."))
    options = ["--columns", case.columns] if case.columns else []
    result = run("check", scenario.name, case.file, *options)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"runlift: error: {case.where}:"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    for fragment in case.says:
        assert fragment in result.stderr


@pytest.mark.parametrize(("command", "value", "says"), [
    (("check", MAIN), "day", "expected FIELD=COLUMN pairs separated by commas, such as "
     "session=Workout,slot=Time, got 'day'"),
    (("check", MAIN), "sesion=Workout", "unknown field 'sesion': expected one of day, date, "
     "slot, session (did you mean 'session'?)"),
    (("check", MAIN), "day=A,day=B", "day is mapped twice ('A' and 'B')"),
    (("block", "check", MAIN), "day=Day", "unknown field 'day': expected one of date, slot, "
     "session, minutes"),
])
def test_a_bad_columns_mapping_is_one_line_and_exit_2(tmp_path, command, value, says):
    plan = tmp_path / "plan.csv"
    plan.write_text("day,slot,session\n", encoding="utf-8")
    result = run(*command, plan, "--columns", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"runlift: error: --columns: {says}\n"


def test_both_checks_declare_the_same_option_with_their_fields():
    for command, fields in ((("check",), CSV_FIELDS), (("block", "check"), BLOCK_FIELDS)):
        shown = " ".join(run(*command, "--help").stdout.split())
        assert "--columns FIELD=COLUMN,..." in shown
        assert f"(fields: {', '.join(fields)}; names in any case)" in shown


def test_block_check_reads_an_excel_block(tmp_path):
    block = tmp_path / "small.yaml"
    block.write_text(yaml.safe_dump(SMALL), encoding="utf-8")
    planned = json.loads(run("block", block, "--format", "json").stdout)
    lines = ["Datum;Zeit;Einheit;Minutes"] + [
        f"{e['date'][8:]}.{e['date'][5:7]}.{e['date'][:4]};{e['slot'].upper()};"
        f"{e['session']};{e['minutes']}" for w in planned["weeks"] for e in w["result"]["plan"]]
    sheet = tmp_path / "block.csv"
    sheet.write_bytes(excel(lines))
    columns = ("--columns", "date=datum,slot=zeit,session=einheit")
    assert run("block", "check", block, sheet, *columns).exit_code == 0
    sheet.write_bytes(excel([*lines[:-1], "31.12.2027;AM;easy_run;40"]))
    result = run("block", "check", block, sheet, *columns)
    assert result.exit_code == 2
    assert result.stderr == (f"runlift: error: {sheet}:{len(lines)}: {len(lines) - 2}.date: "
                             "2027-12-31 is outside the block (2027-01-04 to 2027-01-17)\n")


def test_the_example_sheet_breaks_what_the_hand_made_week_breaks():
    plans = ROOT / "scenarios" / "plans"
    sheet = plans / "hand-made-week.csv"
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfDate;Day;Time;Workout;Notes\r\n")
    as_sheet = run("check", MAIN, sheet, "--columns", "slot=Time,session=Workout",
                   "--format", "json")
    as_yaml = run("check", MAIN, plans / "hand-made-week.yaml", "--format", "json")
    assert as_sheet.exit_code == as_yaml.exit_code == 1
    assert json.loads(as_sheet.stdout) == json.loads(as_yaml.stdout)


@pytest.mark.parametrize("case_id", ["csv-unknown-full-day-name", "csv-date-outside-horizon",
                                     "csv-mapped-column-missing"])
def test_the_readme_s_error_lines_are_real(tmp_path, monkeypatch, case_id):
    case = next(c for c in PLAN_CASES if c.id == case_id)
    monkeypatch.chdir(tmp_path)
    scenario, _ = case.write(Path("."))
    options = ["--columns", case.columns] if case.columns else []
    line = run("check", scenario.name, case.file, *options).stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert line.replace(f"{case.file}:", "plan.csv:", 1) in readme
