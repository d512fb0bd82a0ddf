"""Inputs with limits, from the command line: the size limit and its variable, special
files as plans and histories, duplicate JSON keys in a plan, squad-example's cap, and
names that carry terminal escape sequences. Each is one line and exit 2."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from runlift.scenario.limits import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_ENV

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "half-marathon-build.yaml"


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    from runlift.cli.main import main

    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("runlift: error: ")
    assert result.stderr.count("\n") == 1
    for fragment in fragments:
        assert fragment in result.stderr


def test_the_default_limit_is_32_mib():
    assert DEFAULT_MAX_INPUT_BYTES == 32 * 1024 * 1024


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: " + "x" * 200 + "\n")
    assert_one_line_error(run("solve", path, env={MAX_INPUT_ENV: "100"}),
                          f"{path}: the file is larger than 100 bytes", MAX_INPUT_ENV)
    assert run("solve", MAIN, env={MAX_INPUT_ENV: "100000"}).exit_code == 0


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5"])
def test_a_bad_limit_is_one_line(value):
    assert_one_line_error(run("solve", MAIN, env={MAX_INPUT_ENV: value}),
                          f"{MAX_INPUT_ENV}: expected a whole number of bytes >= 1")


def test_a_plan_that_never_ends_is_refused(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.symlink_to("/dev/zero")
    assert_one_line_error(run("check", MAIN, plan), "is a device, not a regular file")


@pytest.mark.parametrize("name", ["plan.csv", "plan.yaml"])
def test_a_fifo_plan_is_refused_without_waiting(name, tmp_path):
    plan = tmp_path / name
    os.mkfifo(plan)
    assert_one_line_error(run("check", MAIN, plan), "is a FIFO, not a regular file")


def test_a_fifo_history_is_refused(tmp_path):
    os.mkfifo(tmp_path / "last-week.csv")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("sessions: {easy_run: 2}\nhistory: last-week.csv\n")
    assert_one_line_error(run("solve", scenario), "last-week.csv: is a FIFO")


def test_duplicate_keys_in_a_json_plan_are_refused(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text('[{"day": "mon", "slot": "am", "slot": "pm", "session": "core"}]')
    assert_one_line_error(run("check", MAIN, plan), "invalid JSON: duplicate key 'slot'")


def test_squad_example_caps_its_size_at_once():
    started = time.process_time()
    result = run("squad-example", "100000000")
    assert time.process_time() - started < 1.0  # it used to take 4.7 GB within 25 s
    assert_one_line_error(result, "100000000 athletes is more than 100000")


ESCAPES = "\x1b]0;owned\x07\x1b[31m[bold red]x[/]\x1b[2J\u202e"


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_no_escape_sequence_from_a_name_reaches_the_terminal(fmt, tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps({
        "name": f"Week {ESCAPES}", "slots": {f"am{ESCAPES}": "07:00"},
        "sessions": {f"run{ESCAPES}": 1},
        "catalog": {f"run{ESCAPES}": {"kind": "run", "intensity": "easy", "minutes": 30,
                                      "rpe": 3}}}))
    result = run("solve", scenario, "--format", fmt)
    assert result.exit_code == 0, result.output
    for control in ("\x1b", "\x07", "\u202e"):
        assert control not in result.stdout
    assert "[bold red]x[/]" in result.stdout  # shown as written, not taken as markup
    assert "Week ]0;owned" in result.stdout
