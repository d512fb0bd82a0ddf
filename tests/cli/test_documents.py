"""`runlift solve --format ics|html`: files, exit codes and the errors around them."""

from __future__ import annotations

from pathlib import Path

import icalendar
from click.testing import CliRunner

from runlift.cli.main import main

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
MAIN = str(SCENARIOS / "half-marathon-build.yaml")
UNSOLVABLE = str(SCENARIOS / "unsolvable-race-week.yaml")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_ics_file_is_written_in_the_given_zone(tmp_path):
    out = tmp_path / "week.ics"
    result = run("solve", MAIN, "--format", "ics", "--tz", "America/New_York", "--out", str(out))
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(list(cal.events)) == 9
    assert {e.start.tzinfo.key for e in cal.events} == {"America/New_York"}


def test_ics_uses_the_local_zone_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Australia/Perth")
    out = tmp_path / "week.ics"
    assert run("solve", MAIN, "--format", "ics", "--out", str(out)).exit_code == 0
    assert "DTSTART;TZID=Australia/Perth:" in out.read_text()


def test_ics_without_week_start_is_bad_input_and_writes_nothing(tmp_path):
    scenario = tmp_path / "week.yaml"
    scenario.write_text("name: no dates\nsessions: {easy_run: 2}\n")
    out = tmp_path / "week.ics"
    result = run("solve", str(scenario), "--format", "ics", "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "week.yaml: week_start:" in result.stderr and "needs week_start" in result.stderr
    assert not out.exists()


def test_ics_for_a_week_without_plan_explains_on_stderr_and_writes_nothing(tmp_path):
    out = tmp_path / "week.ics"
    result = run("solve", UNSOLVABLE, "--format", "ics", "--out", str(out))
    assert result.exit_code == 1
    assert "No plan keeps every hard rule" in result.stderr
    assert "taper_days" in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_unknown_time_zone_is_a_usage_error(tmp_path):
    out = tmp_path / "week.ics"
    result = run("solve", MAIN, "--format", "ics", "--tz", "Mars/Olympus", "--out", str(out))
    assert result.exit_code == 2
    assert "unknown time zone 'Mars/Olympus'" in result.stderr
    assert not out.exists()


def test_html_reports_for_feasible_and_infeasible_weeks(tmp_path):
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    assert run("solve", MAIN, "--format", "html", "--out", str(good)).exit_code == 0
    assert run("solve", UNSOLVABLE, "--format", "html", "--out", str(bad)).exit_code == 1
    assert 'class="week"' in good.read_text()
    assert 'class="conflicts"' in bad.read_text() and 'class="week"' not in bad.read_text()


def test_html_to_stdout():
    result = run("solve", MAIN, "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!doctype html>")
