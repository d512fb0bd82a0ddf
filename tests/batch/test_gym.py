"""Squads that share a gym: solved jointly, the capacity honoured across the squad (checked
here in plain Python, each plan by the independent checker), and explained when too small."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from squad_kit import result_files, write_squad

from runlift.api import check, solve
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad
from runlift.checker import Placement
from runlift.errors import InputError
from runlift.models.status import has_plan
from runlift.scenario.model import Scenario

GYM_SESSIONS = ("lower_strength", "upper_body")
SQUAD = """\
squad: Shared gym
defaults:
  week_start: 2027-03-01
  sessions: {easy_run: 2, long_run: 1, lower_strength: 2, upper_body: 1}
  prefer: {lower_strength: [tue, fri], long_run: [sat]}
  unavailable: [mon, wed, sun]
gym: {capacity: CAPACITY, sessions: [lower_strength, upper_body]}
athletes:
  - {name: A1}
  - {name: A2}
  - {name: A3, prefer: {long_run: [sun]}}
  - {name: A4}
  - {name: A5, sessions: {upper_body: 2}}
  - {name: A6}
"""


def squad_with(tmp_path: Path, capacity: int, extra: str = "") -> Path:
    return write_squad(tmp_path, SQUAD.replace("CAPACITY", str(capacity)) + extra,
                       name=f"gym{capacity}.yaml")


def run(squad: Path, out: Path, **options: object):
    return run_batch(load_squad(squad), BatchOptions(out=out, **options))  # type: ignore[arg-type]


def usage_from_files(out: Path) -> Counter[tuple[str, str]]:
    """Athletes in a gym session per (date, slot), straight from the result files."""
    usage: Counter[tuple[str, str]] = Counter()
    for text in result_files(out).values():
        for entry in json.loads(text)["plan"]:
            if entry["session"] in GYM_SESSIONS:
                usage[entry["date"], entry["slot"]] += 1
    return usage


def checked_by_the_checker(squad: Path, out: Path) -> None:
    for job in load_squad(squad).jobs:
        scenario = Scenario.model_validate(job.scenario)
        result = json.loads((out / f"{job.stem}.json").read_text(encoding="utf-8"))
        slot_of = {name: i for i, name in enumerate(result["slots"])}
        placements = [Placement(e["day"], slot_of[e["slot"]], e["session"])
                      for e in result["plan"]]
        verdict = check(scenario, placements)
        assert verdict.ok, (job.name, [v.message for v in verdict.violations])
        assert verdict.objective.total == result["objective"]["total"]


def test_a_binding_gym_is_shared_and_never_overfilled(tmp_path: Path) -> None:
    squad = squad_with(tmp_path, 3)
    out = tmp_path / "plans"
    report = run(squad, out, workers=2)
    assert report.exit_code == 0
    alone = {job.name: solve(Scenario.model_validate(job.scenario))
             for job in load_squad(squad).jobs}
    alone_usage: Counter[tuple[str | None, str]] = Counter(
        (e.date, e.slot) for r in alone.values() for e in r.plan if e.session in GYM_SESSIONS)
    assert max(alone_usage.values()) > 3, "the capacity must bind for this test"
    usage = usage_from_files(out)
    assert max(usage.values()) <= 3
    checked_by_the_checker(squad, out)
    joint = report.joint
    assert joint is not None and has_plan(joint["status"])
    assert joint["objective"] == sum(row["objective"] for row in report.rows)
    assert joint["objective"] >= joint["best_bound"] >= sum(
        r.objective.total for r in alone.values())
    assert joint["gap_percent"] == pytest.approx(
        100 * (joint["objective"] - joint["best_bound"]) / joint["objective"], abs=1e-3)
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert saved["gym"]["capacity"] == 3 and saved["status"] == joint["status"]
    assert max(slot["athletes"] for slot in saved["gym_usage"]) <= 3


def test_the_joint_plan_is_the_same_for_any_worker_count(tmp_path: Path) -> None:
    squad = squad_with(tmp_path, 3)
    run(squad, tmp_path / "one", workers=1)
    run(squad, tmp_path / "two", workers=2, chunk_size=1)
    assert result_files(tmp_path / "one") == result_files(tmp_path / "two")
    assert (tmp_path / "one" / "summary.json").read_bytes() == \
        (tmp_path / "two" / "summary.json").read_bytes()


def test_a_gym_too_small_names_the_capacity_and_the_short_slots(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    report = run(squad_with(tmp_path, 1), out, workers=2)
    assert report.exit_code == 1 and report.planned == 0
    joint = report.joint
    assert joint is not None and joint["status"] == "infeasible"
    message = joint["conflicts"][0]["message"]
    assert message.startswith("gym.capacity allows 1 athlete per slot in a gym session")
    short = joint["short_slots"]
    assert short and all(s["athletes"] > 1 for s in short)
    assert all(f"{s['slot']} needs {s['athletes']}" in message for s in short)
    assert all(s["slot"].split()[0] in ("tue", "thu", "fri", "sat") for s in short)
    for text in result_files(out).values():
        result = json.loads(text)
        assert result["status"] == "infeasible" and result["plan"] == []
        assert result["conflicts"][0]["rule"] == "gym.capacity"
    relaxation = joint["relaxations"][0]
    assert relaxation["change"] == "gym.capacity" and relaxation["value"] > 1
    relaxed = run(squad_with(tmp_path, relaxation["value"]), tmp_path / "relaxed", workers=2)
    assert relaxed.exit_code == 0


def test_a_gym_that_fits_changes_nobodys_week(tmp_path: Path) -> None:
    roomy, alone = tmp_path / "roomy", tmp_path / "alone"
    report = run(squad_with(tmp_path, 6), roomy, workers=2)
    assert report.joint is not None and report.joint["status"] == "optimal"
    independent = write_squad(tmp_path, SQUAD.replace(
        "gym: {capacity: CAPACITY, sessions: [lower_strength, upper_body]}\n", ""))
    run(independent, alone, workers=2)
    assert result_files(roomy) == result_files(alone)


def test_an_athlete_who_cannot_be_planned_alone_does_not_sink_the_squad(
        tmp_path: Path) -> None:
    extra = ("  - {name: Stuck, sessions: {lower_strength: 4}, rules: {legs_policy: stack}}\n"
             "  - {name: Typo, sessions: {easy_rn: 1}}\n")
    out = tmp_path / "plans"
    report = run(squad_with(tmp_path, 3, extra), out, workers=2)
    rows = {row["athlete"]: row for row in report.rows}
    assert rows["Stuck"]["status"] == "infeasible" and rows["Stuck"]["conflicts"]
    assert rows["Typo"]["status"] == "invalid" and "unknown session type 'easy_rn'" in \
        rows["Typo"]["error"]
    assert all(has_plan(rows[f"A{i}"]["status"]) for i in range(1, 7))
    assert report.exit_code == 1
    assert max(usage_from_files(out).values()) <= 3


def test_resume_keeps_a_finished_joint_solve(tmp_path: Path) -> None:
    squad = squad_with(tmp_path, 3)
    out = tmp_path / "plans"
    run(squad, out, workers=2)
    again = run(squad, out, workers=2, resume=True)
    assert again.solved == [] and len(again.resumed) == 6
    assert again.joint is not None and has_plan(again.joint["status"])
    (out / "a2.json").unlink()
    third = run(squad, out, workers=2, resume=True)
    assert len(third.solved) == 6  # one plan depends on the whole squad: solved again


def test_gym_slots_line_up_by_date_or_by_day_never_both(tmp_path: Path) -> None:
    text = SQUAD.replace("CAPACITY", "3").replace("  week_start: 2027-03-01\n", "")
    text += "  - {name: Dated, week_start: 2027-03-01}\n"
    squad = write_squad(tmp_path, text)
    with pytest.raises(InputError, match="line up by date, but Dated has a week_start"):
        load_squad(squad)
