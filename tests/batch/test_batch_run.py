"""Running a squad on the local backend: failures isolated, results as `runlift solve`
prints them, the same whatever the worker count, and --resume that loses nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from squad_kit import result_files, simple_squad, stable_summary, write_squad

from runlift.batch.backends import CRASH_ENV
from runlift.batch.output import RECORD_DIR, SUMMARY_COLUMNS, read_record
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad
from runlift.batch.tasks import CRASHED
from runlift.cli.main import main


def run(squad: Path, out: Path, **options: object):
    return run_batch(load_squad(squad), BatchOptions(out=out, **options))  # type: ignore[arg-type]


def test_a_mixed_squad_plans_everyone_it_can(mixed_squad: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans"
    report = run(mixed_squad, out, workers=2)
    rows = {row["athlete"]: row for row in report.rows}
    assert [r["athlete"] for r in report.rows] == [
        "Ana", "Ben Ó'Neil", "Chen", "Dara", "Eitan", "../../evil"]
    assert rows["Ana"]["status"] == rows["Ben Ó'Neil"]["status"] == "optimal"
    assert rows["../../evil"]["status"] == "optimal"
    assert rows["Chen"]["status"] == "invalid"
    assert rows["Chen"]["error"] == (f"{mixed_squad}:10: athletes.2.sessions.tempo: "
                                     "expected a count >= 0, got -1")
    assert rows["Eitan"]["status"] == "invalid"
    assert "athletes.4.skip.0: unknown group session 'Track nite'" in rows["Eitan"]["error"]
    assert rows["Dara"]["status"] == "infeasible"
    assert "legs_policy" in rows["Dara"]["conflicts"]
    assert report.exit_code == 1 and report.planned == 3
    assert sorted(result_files(out)) == ["ana.json", "ben-óneil.json", "dara.json", "evil.json"]
    assert rows["Ana"]["file"] == "ana.json" and rows["Chen"]["file"] == ""
    summary = stable_summary(out)
    assert list(summary.columns) == [c for c in SUMMARY_COLUMNS if not c.endswith("seconds")]
    assert int(summary.loc[0, "objective"]) == rows["Ana"]["objective"] > 0
    assert sorted(report.solved) == ["../../evil", "Ana", "Ben Ó'Neil", "Dara"]


def test_each_result_is_what_runlift_solve_prints(mixed_squad: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans"
    run(mixed_squad, out, workers=2, chunk_size=2)
    runner = CliRunner()
    checked = 0
    for job in load_squad(mixed_squad).jobs:
        result = out / f"{job.stem}.json"
        if not result.exists():
            continue
        scenario = tmp_path / f"{job.stem}.scenario.json"
        scenario.write_text(json.dumps(job.scenario, default=str), encoding="utf-8")
        solved = runner.invoke(main, ["solve", str(scenario), "--format", "json"])
        assert solved.exit_code in (0, 1), solved.output
        assert solved.output.encode("utf-8") == result.read_bytes(), job.name
        checked += 1
    assert checked == 4


def test_plans_do_not_depend_on_workers_or_chunks(tmp_path: Path) -> None:
    squad = write_squad(tmp_path, simple_squad(9))
    one, two = tmp_path / "one", tmp_path / "two"
    run(squad, one, workers=1, chunk_size=1)
    run(squad, two, workers=2, chunk_size=4)
    assert stable_summary(one).equals(stable_summary(two))
    assert result_files(one) == result_files(two)


def test_resume_solves_only_what_is_missing_stale_or_damaged(tmp_path: Path) -> None:
    squad = write_squad(tmp_path, simple_squad(8))
    out = tmp_path / "plans"
    first = run(squad, out, workers=2)
    assert len(first.solved) == 8
    before = result_files(out)
    (out / "runner-000.json").unlink()                                   # lost
    with (out / "runner-001.json").open("a", encoding="utf-8") as f:      # damaged
        f.write(" ")
    (out / RECORD_DIR / "runner-002.json").unlink()                       # unrecorded
    text = squad.read_text(encoding="utf-8").replace(
        "name: Runner 003, unavailable: [thu]", "name: Runner 003, unavailable: [fri]")
    squad.write_text(text, encoding="utf-8")                              # changed
    again = run(squad, out, workers=2, resume=True)
    assert sorted(again.solved) == ["Runner 000", "Runner 001", "Runner 002", "Runner 003"]
    assert sorted(again.resumed) == [f"Runner {i:03d}" for i in range(4, 8)]
    after = result_files(out)
    assert {k: v for k, v in after.items() if k != "runner-003.json"} == {
        k: v for k, v in before.items() if k != "runner-003.json"}
    assert after["runner-003.json"] != before["runner-003.json"]
    assert [r["status"] for r in again.rows] == ["optimal"] * 8
    third = run(squad, out, workers=2, resume=True)
    assert third.solved == [] and len(third.resumed) == 8
    assert stable_summary(out).equals(stable_summary(out))


def test_without_resume_everything_is_solved_again(tmp_path: Path) -> None:
    squad = write_squad(tmp_path, simple_squad(3))
    out = tmp_path / "plans"
    run(squad, out, workers=1)
    assert len(run(squad, out, workers=1).solved) == 3


def test_a_killed_run_resumes_without_losing_or_repeating_a_solve(tmp_path: Path) -> None:
    squad = write_squad(tmp_path, simple_squad(60))
    out, clean = tmp_path / "plans", tmp_path / "clean"
    command = [sys.executable, "-m", "runlift", "batch", str(squad), "--out", str(out),
               "--workers", "1", "--chunk-size", "1", "--no-progress"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    # A result is written after its record: five results, five records that vouch.
    while time.monotonic() < deadline and len(list(out.glob("runner-*.json"))) < 5:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its pool, mid-run
    process.wait()
    assert not (out / "summary.csv").exists(), "the run finished before it was killed"
    jobs = load_squad(squad).jobs
    from runlift.batch.tasks import result_key

    done = {job.name for job in jobs
            if read_record(out, job.stem, result_key(job.digest, 10.0, "alone"))}
    assert 5 <= len(done) < 60
    resumed = run(squad, out, workers=2, resume=True)
    assert sorted(resumed.resumed) == sorted(done)
    assert sorted(resumed.solved) == sorted({job.name for job in jobs} - done)
    run(squad, clean, workers=2)
    assert result_files(out) == result_files(clean)
    assert stable_summary(out).equals(stable_summary(clean))


def test_a_worker_that_dies_loses_no_other_plan(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    squad = write_squad(tmp_path, simple_squad(10))
    out = tmp_path / "plans"
    monkeypatch.setenv(CRASH_ENV, "Runner 004")
    report = run(squad, out, workers=2, chunk_size=3)
    rows = {row["athlete"]: row for row in report.rows}
    assert rows["Runner 004"]["status"] == "error"
    assert rows["Runner 004"]["error"] == CRASHED
    others = [row for name, row in rows.items() if name != "Runner 004"]
    assert [row["status"] for row in others] == ["optimal"] * 9
    assert len(result_files(out)) == 9 and report.exit_code == 1
    monkeypatch.delenv(CRASH_ENV)
    clean = tmp_path / "clean"
    run(squad, clean, workers=1)
    assert {k: v for k, v in result_files(clean).items() if k != "runner-004.json"} == \
        result_files(out)


def test_hostile_names_stay_inside_out(tmp_path: Path) -> None:
    names = ["../../x", "..", ".", "con", "/etc/passwd", "a\\\\b", ".hidden", "summary",
             "x/../../y", "ＣＯＭ１"]
    athletes = "\n".join(f"  - {{name: {json.dumps(n)}}}" for n in names)
    folder = tmp_path / "squad"
    folder.mkdir()
    squad = write_squad(folder, f"defaults: {{sessions: {{easy_run: 2}}}}\nathletes:\n{athletes}\n")
    out = folder / "plans"
    before = set(tmp_path.rglob("*"))
    report = run(squad, out, workers=1)
    assert report.exit_code == 0
    created = set(tmp_path.rglob("*")) - before
    assert created and all(p == out or out in p.parents for p in created)
    files = result_files(out)
    assert len(files) == len(names)
    assert {"con_.json", "summary_.json", "com1_.json"} <= set(files)
    assert not (tmp_path / "x.json").exists() and not Path("/etc/passwd.json").exists()


def test_guided_chunks_cover_the_squad_in_order_and_shrink_at_the_end() -> None:
    from runlift.batch.tasks import MAX_CHUNK, chunks

    payloads = [{"index": i} for i in range(1000)]
    tasks = chunks(payloads, None, 2)
    assert [p for task in tasks for p in task] == payloads
    sizes = [len(task) for task in tasks]
    assert sizes[0] == MAX_CHUNK and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    assert [len(t) for t in chunks(payloads[:7], 3, 2)] == [3, 3, 1]
    assert len(chunks(payloads, None, 2, max_chunk=64)[0]) == 64
