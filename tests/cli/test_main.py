"""The command line: formats, --out, --time-limit, --timings, exit codes, check, schema,
rules, --version and --help."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bad_inputs import CASES, BadInput
from click.testing import CliRunner, Result

from runlift import __version__
from runlift.models.result import PlanEntry
from runlift.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "half-marathon-build.yaml"
UNSOLVABLE = ROOT / "scenarios" / "unsolvable-race-week.yaml"
CONTRACT_KEYS = {"scenario", "status", "plan", "metrics", "objective", "conflicts",
                 "relaxations"}

# A hand-made plan for the main example that breaks four hard rules and nothing else (its
# header comment says which).
BROKEN_PLAN = ROOT / "scenarios" / "plans" / "hand-made-week.yaml"
BROKEN_RULES = {"lift_to_key_hours", "no_back_to_back_hard", "no_heavy_legs_day_after_key",
                "same_muscle_hours"}


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def main_json() -> dict:
    result = run("solve", MAIN, "--format", "json")
    assert result.exit_code == 0
    return json.loads(result.stdout)


# --- help and version ---------------------------------------------------------------------
def test_help_lists_the_commands_and_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("solve", "check", "schema", "rules"):
        assert command in result.stdout
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize("command", ["solve", "check", "schema", "rules"])
def test_each_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"runlift, version {__version__}"


# --- solve formats ------------------------------------------------------------------------
def test_solve_table_shows_week_metrics_and_objective():
    result = run("solve", MAIN)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Half-marathon build, week 5: optimal (proven best for the objective)")
    for text in ("mon 03-01", "sun 03-07", "intervals*", "lower_strength^", "monotony",
                 "strain", "balance", "heaviest day tue, 760", "Missed preferences"):
        assert text in out
    assert "timings" not in out


def test_solve_json_follows_the_contract(main_json):
    assert set(main_json) >= CONTRACT_KEYS
    assert main_json["status"] == "optimal"
    assert "timings" not in main_json
    entry = main_json["plan"][0]
    assert set(entry) == set(PlanEntry.model_fields)
    assert {"daily_load", "weekly_load", "monotony", "strain", "hard_days", "rest_days",
            "min_lift_to_key_hours"} <= set(main_json["metrics"])
    objective = main_json["objective"]
    assert objective["total"] == sum(objective["terms"].values())


def test_solve_json_is_byte_identical_across_runs():
    first, second = run("solve", MAIN, "--format", "json"), run("solve", MAIN, "--format", "json")
    assert first.stdout_bytes == second.stdout_bytes


def test_solve_csv_has_one_row_per_session(main_json):
    result = run("solve", MAIN, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(PlanEntry.model_fields)
    assert [(int(r["day"]), r["slot"], r["session"]) for r in rows] == [
        (e["day"], e["slot"], e["session"]) for e in main_json["plan"]]


def test_solve_markdown(main_json):
    result = run("solve", MAIN, "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Half-marathon build, week 5\n")
    assert "Status: **optimal** (proven best for the objective)" in result.stdout
    assert "| slot | mon 03-01 |" in result.stdout
    # The objective in a coach's words; the solver's numbers stay in the JSON.
    assert "| balance | heaviest day tue, 760 |" in result.stdout
    assert f"| **total** | **{main_json['objective']['total']}** |" not in result.stdout
    missed = main_json["missed_preferences"][0]
    assert (f"| {missed['session']} | {missed['wanted']} | {missed['got']} | "
            f"{missed['because']} |") in result.stdout


def test_unknown_format_is_a_usage_error():
    result = run("solve", MAIN, "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


# --- --timings and --time-limit -----------------------------------------------------------
def test_timings_are_added_only_when_asked():
    data = json.loads(run("solve", MAIN, "--format", "json", "--timings").stdout)
    assert set(data["timings"]) == {"build_seconds", "solve_seconds", "explain_seconds"}
    assert all(v >= 0 for v in data["timings"].values())
    assert "timings: build_seconds" in run("solve", MAIN, "--timings").stdout


def test_time_limit_is_accepted_and_validated(main_json):
    result = run("solve", MAIN, "--format", "json", "--time-limit", "5")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == main_json
    for bad in ("0", "-1", "soon"):
        refused = run("solve", MAIN, "--time-limit", bad)
        assert refused.exit_code == 2
        assert "--time-limit" in refused.stderr


# --- --out --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_out_file_equals_stdout(fmt, tmp_path):
    target = tmp_path / f"week.{fmt}"
    written = run("solve", MAIN, "--format", fmt, "--out", target)
    printed = run("solve", MAIN, "--format", fmt)
    assert written.exit_code == printed.exit_code == 0
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left


def test_out_replaces_an_existing_file(tmp_path):
    target = tmp_path / "week.json"
    target.write_text("old")
    assert run("solve", MAIN, "--format", "json", "-o", target).exit_code == 0
    assert json.loads(target.read_text())["status"] == "optimal"


def test_out_is_written_for_an_unsolvable_week_too(tmp_path):
    target = tmp_path / "why.json"
    result = run("solve", UNSOLVABLE, "--format", "json", "--out", target)
    assert result.exit_code == 1
    assert json.loads(target.read_text())["status"] == "infeasible"


def test_bad_input_leaves_no_output_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sessions:\n  easy_run: -1\n")
    target = tmp_path / "week.json"
    result = run("solve", bad, "--format", "json", "--out", target)
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_out_in_a_missing_folder_is_bad_input(tmp_path):
    result = run("solve", MAIN, "--out", tmp_path / "nope" / "week.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "the folder does not exist" in result.stderr


def test_out_that_cannot_be_written_is_bad_input(tmp_path, monkeypatch):
    import os

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "week.txt"
    result = run("solve", MAIN, "--out", target)
    assert result.exit_code == 2
    assert "cannot write the file: Permission denied" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- exit codes and bad input -------------------------------------------------------------
def test_unsolvable_week_exits_1_with_conflicts_and_relaxations():
    result = run("solve", UNSOLVABLE)
    assert result.exit_code == 1
    assert "infeasible" in result.stdout
    for rule in ("taper_days", "sessions", "fixed"):
        assert f"  - {rule}: " in result.stdout
    assert "set taper_days to 5" in result.stdout
    data = json.loads(run("solve", UNSOLVABLE, "--format", "json").stdout)
    assert data["plan"] == [] and data["metrics"] is None
    assert {c["rule"] for c in data["conflicts"]} == {"taper_days", "sessions", "fixed"}
    assert all(set(c) >= {"rule", "message"} for c in data["conflicts"])
    assert data["relaxations"]


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_unsolvable_week_in_other_formats(fmt):
    result = run("solve", UNSOLVABLE, "--format", fmt)
    assert result.exit_code == 1
    assert "taper_days" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_exits_2_with_one_line(case: BadInput, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case.write(tmp_path)
    result = run("solve", case.file, "--out", "week.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"runlift: error: {case.where}:")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "week.json").exists()


def test_missing_argument_is_a_usage_error():
    result = run("solve")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


# --- schema and rules ---------------------------------------------------------------------
def test_schema_is_valid_and_the_examples_satisfy_it(tmp_path):
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    contract = yaml.safe_load(MAIN.read_text())
    assert set(contract) <= set(schema["properties"])
    for path in (MAIN, ROOT / "scenarios" / "busy-week.json"):
        document = json.loads(path.read_text()) if path.suffix == ".json" else contract
        # JSON Schema sees dates as text, as an editor does.
        document = json.loads(json.dumps(document, default=str))
        jsonschema.validate(document, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"sesions": {}}, schema)
    assert set(schema["$defs"]["RulesConfig"]["properties"]) == set(RULES)
    target = tmp_path / "schema.json"
    assert run("schema", "--out", target).exit_code == 0
    assert target.read_text() == result.stdout


def test_rules_lists_every_rule_with_default_and_unit():
    table = run("rules")
    assert table.exit_code == 0
    for name in RULES:
        assert f"| {name} |" in table.stdout
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert [r["rule"] for r in rows] == list(RULES)
    assert all(set(r) == {"rule", "default", "meaning", "soft unit"} for r in rows)
    taper = next(r for r in rows if r["rule"] == "taper_days")
    assert taper["default"] == "10"


# --- check --------------------------------------------------------------------------------
def test_check_accepts_solves_json(tmp_path):
    plan = tmp_path / "plan.json"
    assert run("solve", MAIN, "--format", "json", "--out", plan).exit_code == 0
    result = run("check", MAIN, plan)
    assert result.exit_code == 0
    assert result.stdout.startswith("Half-marathon build, week 5: ok")


def test_check_accepts_solves_csv(tmp_path):
    plan = tmp_path / "plan.csv"
    assert run("solve", MAIN, "--format", "csv", "--out", plan).exit_code == 0
    assert run("check", MAIN, plan).exit_code == 0


def test_check_accepts_a_yaml_list_and_a_csv_list(tmp_path, main_json):
    rows = [{"day": e["weekday"], "slot": e["slot"], "session": e["session"]}
            for e in main_json["plan"]]
    as_yaml = tmp_path / "plan.yaml"
    as_yaml.write_text(yaml.safe_dump(rows))
    as_csv = tmp_path / "plan.csv"
    as_csv.write_text("day,slot,session\n" + "".join(
        f"{r['day']},{r['slot']},{r['session']}\n" for r in rows))
    for plan in (as_yaml, as_csv):
        result = run("check", MAIN, plan, "--format", "json")
        assert result.exit_code == 0
        data = json.loads(result.stdout)
        assert data["violations"] == []
        assert data["metrics"] == main_json["metrics"]


@pytest.fixture
def broken_plan() -> Path:
    return BROKEN_PLAN


def test_check_names_each_broken_rule(broken_plan):
    table = run("check", MAIN, broken_plan)
    assert table.exit_code == 1
    assert "4 hard rule violation(s)" in table.stdout
    for text in (*BROKEN_RULES, "weekly load", "monotony", "strain", "hard days"):
        assert text in table.stdout
    # Markdown keeps each message on one line: which sessions, which days, hours short.
    as_md = run("check", MAIN, broken_plan, "--format", "md")
    assert as_md.exit_code == 1
    for text in (
        "| lift_to_key_hours | lower_strength on mon pm ends 12.33 h before intervals on tue "
        "am; lift_to_key_hours asks for 36 h (24 h short) |",
        "| no_back_to_back_hard | hard days back to back: mon and tue |",
        "| no_heavy_legs_day_after_key | lower_strength on tue pm is the day after a key run "
        "(tempo on mon am) |",
        "lower_strength on mon pm and lower_strength on tue pm",
        "same_muscle_hours asks for 48 h (24 h short)",
        "| hard days | 3: mon, tue, sat |",
        "| min lift-to-key gap | 12.33 h |",
    ):
        assert text in as_md.stdout


def test_check_json_has_violations_and_metrics(broken_plan):
    result = run("check", MAIN, broken_plan, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) >= {"violations", "metrics"}
    assert not data["ok"]
    by_rule = {v["rule"]: v for v in data["violations"]}
    assert set(by_rule) == BROKEN_RULES
    assert all(set(v) >= {"rule", "message", "days", "sessions"} for v in data["violations"])
    gap = by_rule["lift_to_key_hours"]
    assert gap["sessions"] == ["lower_strength", "intervals"]
    assert gap["days"] == [0, 1]
    assert gap["amount"] == 24
    assert gap["hours_short"] == pytest.approx(23.67)
    assert by_rule["same_muscle_hours"]["hours_short"] == pytest.approx(24.0)
    assert by_rule["no_back_to_back_hard"]["days"] == [0, 1]
    assert data["metrics"]["hard_days"] == [0, 1, 5]
    assert data["metrics"]["daily_load"] == [630, 760, 135, 135, 0, 630, 195]
    assert data["metrics"]["min_lift_to_key_hours"] == pytest.approx(12.33)


def test_check_csv_lists_the_same_rules(broken_plan):
    as_csv = run("check", MAIN, broken_plan, "--format", "csv")
    assert as_csv.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {r["rule"] for r in rows} == BROKEN_RULES
    assert {r["kind"] for r in rows} == {"hard"}
    assert next(r for r in rows if r["rule"] == "lift_to_key_hours")["days"] == "mon tue"


def test_check_out_file_equals_stdout(broken_plan, tmp_path):
    target = tmp_path / "report.json"
    written = run("check", MAIN, broken_plan, "--format", "json", "--out", target)
    assert written.exit_code == 1
    assert target.read_text() == run("check", MAIN, broken_plan, "--format", "json").stdout


def test_check_reports_structural_breaches(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("- {day: fri, slot: am, session: easy_run}\n")
    data = json.loads(run("check", MAIN, plan, "--format", "json").stdout)
    rules = {v["rule"] for v in data["violations"]}
    assert {"sessions", "fixed", "unavailable"} <= rules


def test_check_bad_plan_exits_2(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("- {day: mon, slot: am, session: tempoo}\n")
    result = run("check", MAIN, plan)
    assert result.exit_code == 2
    assert result.stderr == (f"runlift: error: {plan}:1: 0.session: unknown session type "
                             "'tempoo' (did you mean 'tempo'?)\n")


# --- the installed entry point ------------------------------------------------------------
def entry_point() -> list[str]:
    script = Path(sys.executable).parent / "runlift"
    return [str(script)] if script.exists() else [sys.executable, "-m", "runlift"]


def test_entry_point_solves_and_prints_json():
    done = subprocess.run([*entry_point(), "solve", str(MAIN), "--format", "json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert json.loads(done.stdout)["status"] == "optimal"


def test_entry_point_bad_input_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sessions:\n  easy_run: 3\n  tempo: [\n")
    done = subprocess.run([*entry_point(), "solve", str(bad)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"runlift: error: {bad}:")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
