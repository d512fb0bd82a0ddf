"""scenarios/advice/squad-30-gym.yaml: 30 athletes, a gym of 8 per slot closed on Sunday,
and a group long run on Saturday morning. Every athlete's long run is the group's, no
one lifts on Sunday, and no gym slot holds more than 8, counted here from the files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from runlift.batch.reports import write_reports
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad

SQUAD = Path(__file__).resolve().parents[2] / "scenarios" / "advice" / "squad-30-gym.yaml"
GYM = {"lower_strength", "upper_body", "posterior_chain"}
LONG_RUN = "Saturday group long run"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("squad-30")
    squad = load_squad(SQUAD)
    report = run_batch(squad, BatchOptions(out=out, workers=2))
    write_reports(squad, report, out, html=True, ics=True)
    return out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def plans(out: Path) -> dict[str, list[dict]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["plan"]
            for p in sorted(out.glob("*.json")) if p.name != "summary.json"}


def test_thirty_athletes_each_with_the_group_long_run_on_saturday_morning(planned) -> None:
    out, joint = planned
    weeks = plans(out)
    # The default stopping rule (a --gap of 1%) still proves a squad this size: it tries
    # for a proof first (runlift.batch.gym.PROOF_FIRST).
    assert len(weeks) == 30 and joint["status"] == "optimal"
    assert joint["objective"] == joint["best_bound"]
    for week in weeks.values():
        long_runs = [(e["weekday"], e["slot"]) for e in week if e["session"] == "long_run"]
        assert long_runs == [("sat", "am")]
    ics = (out / "ana.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert f"SUMMARY:{LONG_RUN}: Long run" in ics


def test_no_gym_session_on_sunday_and_never_more_than_8_in_a_slot(planned) -> None:
    out, joint = planned
    usage: Counter[tuple[str, str]] = Counter()
    for week in plans(out).values():
        for entry in week:
            if entry["session"] in GYM:
                assert entry["weekday"] != "sun"
                usage[entry["date"], entry["slot"]] += 1
    assert max(usage.values()) == 8  # the gym binds: several slots are full
    assert sum(usage.values()) == sum(slot["athletes"] for slot in joint["gym_usage"])
    for slot in joint["gym_usage"]:
        assert len(slot["roster"]) == slot["athletes"] <= slot["capacity"] == 8


def test_alone_some_would_lift_on_sunday_or_crowd_a_slot() -> None:
    """The shape is the gym's doing: the weeks alone break it."""
    from runlift.api import solve
    from runlift.scenario import problem_from

    squad = load_squad(SQUAD)
    usage: Counter[tuple[str, str]] = Counter()
    sunday = 0
    for job in squad.jobs:
        assert job.scenario is not None
        for entry in solve(problem_from(job.scenario), time_limit=2).plan:
            if entry.session in GYM:
                usage[entry.weekday, entry.slot] += 1
                sunday += entry.weekday == "sun"
    assert sunday > 0 and max(usage.values()) > 8
