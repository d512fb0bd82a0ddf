"""SIGINT and SIGTERM sent to a real `runlift batch` at several moments: while the squad
loads, while the local pool solves, during the shared gym's joint search in runlift's own
process, and while summary.csv is written. Each ends with exit 130 (143 for SIGTERM) and
one line, no summary.csv, no temporary file and no process left behind; `--resume` then
finishes the squad, keeping exactly the athletes the line said it kept."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from test_interrupts import EXIT, Run, runlift_command

from runlift.batch.folder import RECORD_DIR

CHILD = Path(__file__).with_name("batch_interrupt_child.py")
KEPT = re.compile(r"runlift: interrupted; (\d+) athletes? kept for --resume\n")
ATHLETES = 150  # each planned in milliseconds: the run is interrupted with most to go
TIME_LIMIT = "2"


def quick_squad(folder: Path, count: int = ATHLETES) -> Path:
    lines = ["squad: Interrupted", "defaults:", "  week_start: 2027-03-01",
             "  sessions: {easy_run: 3, long_run: 1, core: 1}", "athletes:"]
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    lines += [f"  - {{name: Runner {i:03d}, unavailable: [{days[i % 7]}]}}"
              for i in range(count)]
    path = folder / "squad.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def gym_squad(folder: Path) -> Path:
    path = folder / "gym.yaml"
    subprocess.run([*runlift_command(), "squad-example", "40", "--gym-capacity", "1",
                    "--out", str(path)], check=True, timeout=120)
    return path


def batch_args(squad: Path, out: Path) -> list[str]:
    return ["batch", str(squad), "--out", str(out), "--workers", "2", "--no-progress",
            "--time-limit", TIME_LIMIT]


def interrupted_at(moment: str, squad: Path, out: Path, signum: int,
                   *, group: bool = False) -> int:
    """Interrupt a batch at ``moment``; check the line, the exit code, the folder and that
    no process is left; how many athletes the line says are kept."""
    run = Run([sys.executable, str(CHILD), moment, *batch_args(squad, out)], squad.parent,
              group=group)
    run.wait_for(moment)
    code, stderr, seconds = run.interrupt(signum, group=group)
    assert code == EXIT[signum], stderr
    assert run.left == [], "a process outlived runlift"
    assert seconds < 10
    assert not (out / "summary.csv").exists()
    assert_no_temporary(out)
    if stderr == "runlift: interrupted; nothing written\n":
        return -1
    found = KEPT.fullmatch(stderr)
    assert found, stderr
    return int(found.group(1))


def assert_no_temporary(out: Path) -> None:
    for folder in (out, out / RECORD_DIR):
        if folder.exists():
            assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def resume(squad: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*runlift_command(), *batch_args(squad, out), "--resume"],
                          capture_output=True, text=True, timeout=300, check=False)


def test_while_the_squad_loads_nothing_is_written(tmp_path: Path) -> None:
    squad, out = quick_squad(tmp_path), tmp_path / "plans"
    assert interrupted_at("load", squad, out, signal.SIGINT) == -1
    assert not out.exists()


@pytest.mark.parametrize(("signum", "group"), [
    (signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["SIGINT", "SIGTERM", "Ctrl-C to the process group"])
def test_while_the_pool_solves_what_is_written_is_kept(signum: int, group: bool,
                                                       tmp_path: Path) -> None:
    squad, out = quick_squad(tmp_path), tmp_path / "plans"
    kept = interrupted_at("solve", squad, out, signum, group=group)
    assert 5 <= kept < ATHLETES
    assert len(list((out / RECORD_DIR).glob("*.json"))) == kept
    done = resume(squad, out)
    assert done.returncode == 0, done.stderr
    assert (f"{ATHLETES} of {ATHLETES} athletes planned; solved {ATHLETES - kept}, "
            f"kept {kept}") in done.stderr
    assert len((out / "summary.csv").read_text().splitlines()) == ATHLETES + 1


def test_during_the_joint_gym_search_nothing_is_kept(tmp_path: Path) -> None:
    squad, out = gym_squad(tmp_path), tmp_path / "plans"
    assert interrupted_at("joint", squad, out, signal.SIGINT) == 0
    assert list(out.glob("*.json")) == []  # the athletes' weeks alone are no answer
    done = resume(squad, out)
    assert done.returncode == 1, done.stderr  # the gym is too small: no joint plan
    assert "solved 40, kept 0" in done.stderr and "joint plan: infeasible" in done.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_while_the_summary_is_written_every_athlete_is_kept(signum: int,
                                                            tmp_path: Path) -> None:
    squad, out = quick_squad(tmp_path, 10), tmp_path / "plans"
    assert interrupted_at("summary", squad, out, signum) == 10
    done = resume(squad, out)
    assert done.returncode == 0, done.stderr
    assert "solved 0, kept 10" in done.stderr


def test_after_kill_9_no_process_is_left_and_the_next_run_sweeps(tmp_path: Path) -> None:
    """SIGKILL cannot be handled: the fork server and the workers then die with the
    parent (the kernel's parent-death signal), and the next run removes the temporary
    files such a run leaves behind."""
    squad, out = quick_squad(tmp_path), tmp_path / "plans"
    run = Run([sys.executable, str(CHILD), "solve", *batch_args(squad, out)], tmp_path)
    run.wait_for("solve")
    helpers = psutil.Process(run.process.pid).children(recursive=True)
    assert len(helpers) >= 4  # the resource tracker, the fork server and two workers
    run.process.kill()
    run.process.communicate(timeout=60)
    _, alive = psutil.wait_procs(helpers, timeout=10)
    for process in alive:
        process.kill()
    assert alive == []
    stale = [out / ".runner-000.json.k1l9x_.tmp", out / RECORD_DIR / ".runner-001.json.z.tmp"]
    for path in stale:
        path.write_text("half")
    done = resume(squad, out)
    assert done.returncode == 0, done.stderr
    swept = re.search(r"removed (\d+) temporary files left by a run that was killed",
                      done.stderr)
    assert swept and int(swept.group(1)) >= len(stale)  # and those the kill left
    assert re.match(rf"runlift: took over the lock of a batch that has ended \(PID "
                    rf"{run.process.pid} on ", done.stderr)
    assert_no_temporary(out)
