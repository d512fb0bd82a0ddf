"""Squads of blocks: what makes a squad one, the merged blocks, a run on the local backend
(rows, files as `runlift block` prints them, bad blocks isolated), and --resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from squad_kit import (
    BAD_BLOCKS,
    BLOCKS,
    result_files,
    stable_summary,
    write_block_squad,
    write_squad,
)

from runlift.batch.output import BLOCK_SUMMARY
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad
from runlift.cli.main import main
from runlift.errors import InputError

NAMES = ["Ana", "Ben", "Chen"]


def run(squad: Path, out: Path, **options: object):
    return run_batch(load_squad(squad), BatchOptions(out=out, **options))  # type: ignore[arg-type]


# --- the squad file --------------------------------------------------------------------------
def test_a_base_block_makes_every_athlete_a_block(tmp_path: Path) -> None:
    squad = load_squad(write_block_squad(tmp_path))
    assert squad.kind == "block" and squad.summary is BLOCK_SUMMARY
    ana, ben, chen = (job.scenario for job in squad.jobs)
    assert [job.kind for job in squad.jobs] == ["block"] * 3
    assert ana["name"] == "Ana" and ana["start"] == "2027-03-01"
    assert ana["week"]["rules"] == {"lift_to_key_hours": 36}
    assert ana["week"]["sessions"] == {"easy_run": 2, "long_run": 1, "tempo": 1,
                                       "lower_strength": 1}
    assert ben["race"] == {"date": "2027-03-28", "minutes": 50}
    assert chen["week"]["unavailable"] == ["sat"] and chen["progression"] == {"ramp_pct": 15}
    assert squad.jobs[0].payload()["kind"] == "block"


def test_a_start_in_defaults_or_in_every_athlete_makes_a_squad_of_blocks(tmp_path):
    week = {"sessions": {"easy_run": 3}}
    by_defaults = write_squad(tmp_path, json.dumps({
        "defaults": {"start": "2027-03-01", "weeks": 3, "week": week},
        "athletes": [{"name": "Ana"}]}), "a.json")
    by_athletes = write_squad(tmp_path, json.dumps({"athletes": [
        {"name": "Ana", "start": "2027-03-01", "weeks": 2, "week": week},
        {"name": "Ben", "start": "2027-03-08", "weeks": 2, "week": week}]}), "b.json")
    weeks = write_squad(tmp_path, json.dumps({"athletes": [
        {"name": "Ana", "start": "2027-03-01"}, {"name": "Ben"}]}), "c.json")
    assert load_squad(by_defaults).kind == load_squad(by_athletes).kind == "block"
    assert load_squad(weeks).kind == "week"


def test_group_sessions_are_pinned_in_every_week_of_the_block(tmp_path: Path) -> None:
    text = BLOCKS.replace("athletes:", "group_sessions:\n"
                          "  - {name: Core club, session: core, day: wed, slot: pm}\n"
                          "athletes:").replace("{name: Ben,", "{name: Ben, skip: [Core club],")
    squad = load_squad(write_block_squad(tmp_path, text))
    ana, ben, _ = (job.scenario for job in squad.jobs)
    assert ana["week"]["fixed"] == [{"name": "Core club", "session": "core", "day": "wed",
                                     "slot": "pm"}]
    assert "fixed" not in ben["week"]
    error = squad.locate(squad.jobs[0], ("week", "fixed", 0, "day"), "expected a day")
    assert error.loc == ("group_sessions", 0, "day")
    assert error.message == "group session 'Core club' for Ana: expected a day"


def test_a_group_session_may_use_a_type_the_blocks_week_adds(tmp_path: Path) -> None:
    text = BLOCKS.replace("week: {rules: {lift_to_key_hours: 36}}", (
        "week: {catalog: {hills: {kind: run, intensity: hard, minutes: 40}}}\n"
        "group_sessions: [{name: Hill club, session: hills, day: thu, slot: pm}]"))
    squad = load_squad(write_block_squad(tmp_path, text))
    assert squad.jobs[0].scenario["week"]["fixed"] == [
        {"name": "Hill club", "session": "hills", "day": "thu", "slot": "pm"}]
    typo = text.replace("session: hills", "session: hils")
    with pytest.raises(InputError, match=r"group_sessions\.0\.session: unknown session type "
                                         r"'hils' \(did you mean 'hills'\?\)"):
        load_squad(write_block_squad(tmp_path, typo))


@pytest.mark.parametrize(("extra", "where", "message"), [
    ("gym: {capacity: 2}\n", "gym", "a squad of blocks cannot share one yet"),
    ("base: week.yaml\n", "base", "starts from base_block (a block file), not base"),
    ("defaults: {progression: {ramp_pc: 5}}\n", "defaults.progression.ramp_pc",
     "unknown guardrail 'ramp_pc' (did you mean 'ramp_pct'?)"),
])
def test_what_a_squad_of_blocks_cannot_hold_is_a_squad_error(tmp_path, extra, where, message):
    text = BLOCKS.replace("defaults:\n  week: {rules: {lift_to_key_hours: 36}}\n", extra)
    path = write_block_squad(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_squad(path)
    line = str(info.value)
    assert line.startswith(f"{path}:") and f" {where}: " in line and message in line


def test_a_missing_base_block_is_a_squad_error(tmp_path: Path) -> None:
    path = write_squad(tmp_path, BLOCKS)  # no copy of the block beside it
    with pytest.raises(InputError, match=r"base_block: base block '.*short-build.yaml' is "
                                         r"not a file"):
        load_squad(path)


# --- running it -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """The three athletes, and the two bad ones, planned once on two local workers."""
    folder = tmp_path_factory.mktemp("blocks")
    squad = write_block_squad(folder, BAD_BLOCKS)
    out = folder / "plans"
    return squad, out, run(squad, out, workers=2)


def test_every_block_is_planned_and_summed_up(planned) -> None:
    _squad, out, report = planned
    rows = {row["athlete"]: row for row in report.rows}
    assert [rows[name]["status"] for name in NAMES] == ["optimal"] * 3
    assert [rows[name]["weeks"] for name in NAMES] == [5, 4, 5]
    assert [rows[name]["race"] for name in NAMES] == ["2027-04-04", "2027-03-28",
                                                      "2027-04-04"]
    for name in NAMES:
        result = json.loads((out / rows[name]["file"]).read_text(encoding="utf-8"))
        objective = result["objective"]
        assert rows[name]["race_ctl"] == objective["race_ctl"] > 0
        assert rows[name]["race_tsb"] == objective["race_tsb"]
        assert rows[name]["peak_week_load"] == objective["peak_week_load"] == max(
            w["load"] for w in result["weeks"])
        assert rows[name]["weekly_objectives"] == objective["weekly_total"]
        assert rows[name]["solve_seconds"] > 0
    summary = stable_summary(out)
    assert list(summary.columns) == [c for c in BLOCK_SUMMARY.columns
                                     if c not in BLOCK_SUMMARY.time_columns]
    assert list(summary["athlete"]) == [*NAMES, "Dara", "Eitan"]
    assert sorted(result_files(out)) == ["ana.json", "ben.json", "chen.json"]


def test_a_bad_block_costs_only_its_athlete(planned) -> None:
    squad, _out, report = planned
    rows = {row["athlete"]: row for row in report.rows}
    assert rows["Dara"]["status"] == rows["Eitan"]["status"] == "invalid"
    assert rows["Dara"]["file"] == "" and rows["Eitan"]["file"] == ""
    assert rows["Dara"]["error"] == (f"{squad}:9: athletes.3.race.date: the race on "
                                     "2026-01-01 is before the block starts (2027-03-01)")
    assert rows["Eitan"]["error"] == (f"{squad}:10: athletes.4.week.sessions.easy_run: "
                                      "week 1 (base): expected a count >= 0, got -1")
    assert report.exit_code == 1 and report.planned == 3
    assert sorted(report.solved) == NAMES


def test_each_file_is_what_runlift_block_prints(planned, tmp_path: Path) -> None:
    squad, out, _report = planned
    for job in load_squad(squad).jobs[:3]:
        alone = tmp_path / f"{job.stem}.json"
        alone.write_text(json.dumps(job.scenario), encoding="utf-8")
        printed = CliRunner().invoke(main, ["block", str(alone), "--format", "json"])
        assert printed.exit_code == 0, printed.output
        assert (out / f"{job.stem}.json").read_text(encoding="utf-8") == printed.stdout


def test_resume_skips_the_blocks_already_planned(tmp_path: Path) -> None:
    squad = write_block_squad(tmp_path)
    out = tmp_path / "plans"
    first = run(squad, out, workers=1)
    before = result_files(out)
    statuses = [r["status"] for r in first.rows]  # rows are read from the records in out
    again = run(squad, out, workers=1, resume=True)
    assert again.solved == [] and sorted(again.resumed) == NAMES
    assert result_files(out) == before
    text = squad.read_text(encoding="utf-8").replace("ramp_pct: 15", "ramp_pct: 12")
    squad.write_text(text, encoding="utf-8")
    third = run(squad, out, workers=1, resume=True)
    assert third.solved == ["Chen"] and sorted(third.resumed) == ["Ana", "Ben"]
    assert statuses == [r["status"] for r in third.rows]
