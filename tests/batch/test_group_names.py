"""A squad's group sessions keep their names: in each athlete's calendar (the event's
title and its 'Why here'), in the HTML report's reasons, and in a plain scenario's pin."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from squad_kit import write_squad

from runlift.api import solve
from runlift.batch.reports import write_reports
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad
from runlift.render.html import solve_report
from runlift.render.ics import calendar_ics
from runlift.scenario import problem_from

SQUAD = """\
squad: Named groups
defaults:
  week_start: 2027-03-01
  sessions: {easy_run: 2, lower_strength: 1}
group_sessions:
  - {name: Saturday group long run, session: long_run, day: sat, slot: am}
athletes:
  - {name: Ana}
  - {name: Ben, skip: [Saturday group long run], sessions: {long_run: 1}}
"""


def unfolded(path: Path) -> str:
    """A calendar file with its long lines unfolded (RFC 5545 folds at 75 octets)."""
    return path.read_bytes().decode("utf-8").replace("\r\n ", "")


def test_group_session_names_reach_the_calendar_and_the_report(tmp_path: Path) -> None:
    squad = load_squad(write_squad(tmp_path, SQUAD))
    out = tmp_path / "out"
    report = run_batch(squad, BatchOptions(out=out, workers=1))
    write_reports(squad, report, out, html=True, ics=True)
    ana = unfolded(out / "ana.ics")
    assert "SUMMARY:Saturday group long run: Long run" in ana
    assert "Saturday group long run: pinned here by the scenario (fixed)" in ana
    assert ana.count("Saturday group long run:") == 2  # the long run's event only
    html = out.joinpath("ana.html").read_text(encoding="utf-8")
    assert "Long run (Saturday group long run)" in html
    assert "Saturday group long run: pinned here by the scenario (fixed)" in html
    ben = unfolded(out / "ben.ics")
    assert "group long run" not in ben and "SUMMARY:Long run" in ben


def test_a_named_pin_in_a_scenario_is_named_too() -> None:
    scenario = {"name": "Club week", "week_start": "2027-03-01",
                "sessions": {"easy_run": 2},
                "fixed": [{"session": "intervals", "day": "tue", "slot": "pm",
                           "name": "Track night"},
                          {"session": "tempo", "day": "thu", "slot": "pm"}]}
    problem = problem_from(scenario)
    result = solve(problem)
    ics = calendar_ics(result, problem, zone=ZoneInfo("UTC")).replace("\r\n ", "")
    assert "SUMMARY:Track night: Intervals\\, hard" in ics  # commas escaped
    assert "SUMMARY:Tempo\\, " in ics  # an unnamed pin keeps its plain title
    html = solve_report(result, problem)
    assert "Intervals (Track night)" in html and "Tempo (" not in html
