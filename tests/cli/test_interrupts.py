"""SIGINT and SIGTERM sent to a real `runlift` process at several moments: start-up, a long
search, an explanation, writing, a FIFO without a reader, a compare's pool. Each ends with
exit 130 (SIGINT) or 143 (SIGTERM), the one line "runlift: interrupted; nothing written",
the --out file as it was, no temporary file, and no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "half-marathon-build.yaml"
PLAN = ROOT / "scenarios" / "plans" / "hand-made-week.yaml"
CHILD = Path(__file__).with_name("interrupt_child.py")
MESSAGE = "runlift: interrupted; nothing written\n"
EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
SIGNALS = pytest.mark.parametrize("signum", list(EXIT), ids=["SIGINT", "SIGTERM"])
OLD = "the previous output\n"

# 28 days that CP-SAT does not prove within the default limit (about 20 s of search).
LONG_SEARCH = """\
name: Long search, 28 days
days: 28
slots: {dawn: '06:00', noon: '12:30', eve: '19:00'}
sessions: {easy_run: 20, long_run: 4, tempo: 4, intervals: 4, hills: 2, lower_strength: 6,
           posterior_chain: 4, plyometrics: 2, upper_body: 8, core: 10, mobility: 8}
prefer: {long_run: [sat, sun], lower_strength: [mon, thu], tempo: [tue],
         easy_run: [mon, wed, fri], core: [tue, thu]}
rules: {max_sessions_per_day: 3}
soft: {max_hard_days: 3, min_rest_days: 5, same_muscle_hours: 2,
       no_heavy_legs_day_after_key: 4, lift_to_key_hours: 1, no_back_to_back_hard: 3,
       max_key_runs_per_day: 2}
weights: {balance: 3, preferences: 2, spread: 2}
"""
# 28 days without a plan, proven at once; its explanation runs for seconds.
LONG_EXPLANATION = """\
name: Long explanation, 28 days
days: 28
slots: {dawn: '06:00', noon: '12:30', eve: '19:00'}
sessions: {easy_run: 16, long_run: 4, tempo: 4, intervals: 4, hills: 2, lower_strength: 6,
           posterior_chain: 4, plyometrics: 3, upper_body: 8, core: 10, mobility: 8}
prefer: {long_run: [sat, sun], lower_strength: [mon, thu], tempo: [tue]}
soft: {max_hard_days: 3, min_rest_days: 5, same_muscle_hours: 2}
weights: {balance: 3, preferences: 2, spread: 2}
"""


def runlift_command() -> list[str]:
    script = Path(sys.executable).with_name("runlift")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runlift"]


class Run:
    """A runlift process, with the marker pipe of interrupt_child.py."""

    def __init__(self, command: list[str], cwd: Path, *, group: bool = False) -> None:
        self.markers, writer = os.pipe()
        env = {**os.environ, "RUNLIFT_TEST_MARKER_FD": str(writer)}
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, pass_fds=(writer,), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, start_new_session=group)
        os.close(writer)
        self.descendants: list[psutil.Process] = []

    @classmethod
    def at(cls, moment: str, args: list[str], cwd: Path, **kwargs: bool) -> Run:
        return cls([sys.executable, str(CHILD), moment, *args], cwd, **kwargs)

    def wait_for(self, moment: str, timeout: float = 120) -> None:
        """Until the child reports reaching ``moment``."""
        os.set_blocking(self.markers, False)
        deadline, seen = time.monotonic() + timeout, b""
        while f"{moment}\n".encode() not in seen:
            assert time.monotonic() < deadline, f"{moment} not reached"
            assert self.process.poll() is None, self.process.communicate()
            try:
                seen += os.read(self.markers, 4096)
            except BlockingIOError:
                time.sleep(0.005)

    def wait_for_handlers(self, timeout: float = 30) -> None:
        """Until runlift's handlers are in place: the kernel lists SIGTERM as caught
        (Python catches SIGINT from the start; runlift installs SIGTERM's after it)."""
        deadline = time.monotonic() + timeout
        while not self._catches(signal.SIGTERM):
            assert time.monotonic() < deadline, "handlers never installed"
            time.sleep(0.0005)

    def _catches(self, signum: int) -> bool:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        return bool(int(caught.split()[1], 16) >> (signum - 1) & 1)

    def interrupt(self, signum: int, *, group: bool = False) -> tuple[int, str, float]:
        """Send the signal; the exit code, stderr and the seconds until the exit."""
        self.descendants = psutil.Process(self.process.pid).children(recursive=True)
        sent = time.monotonic()
        if group:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)
        try:
            _, stderr = self.process.communicate(timeout=60)
        finally:
            self.kill_leftovers()
        os.close(self.markers)
        return self.process.returncode, stderr, time.monotonic() - sent

    def kill_leftovers(self) -> None:
        """Whatever outlived runlift is noted in ``left`` and killed, so that a failing
        test leaves nothing behind."""
        if self.process.poll() is None:
            self.process.kill()
        self.left = [p for p in self.descendants if _alive(p)]
        for process in self.left:
            process.kill()


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def assert_interrupted(outcome: tuple[int, str, float], signum: int) -> None:
    code, stderr, seconds = outcome
    assert (code, stderr) == (EXIT[signum], MESSAGE)
    assert seconds < 10


def out_file(folder: Path, name: str = "out.txt") -> Path:
    path = folder / name
    path.write_text(OLD)
    return path


def assert_untouched(out: Path) -> None:
    assert out.read_text() == OLD
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []


def scenario(folder: Path, text: str) -> Path:
    path = folder / "hard.yaml"
    path.write_text(text)
    return path


START_UP = {
    "solve": ["solve", str(MAIN)],
    "check": ["check", str(MAIN), str(PLAN)],
    "compare": ["compare", str(MAIN), "--vary", "weights.spread=1,2,3"],
    "schema": ["schema"],
    "rules": ["rules"],
    "squad-example": ["squad-example", "50"],
}


@pytest.mark.parametrize(("command", "signum"), [
    *((name, signal.SIGINT) for name in START_UP), ("solve", signal.SIGTERM),
    ("squad-example", signal.SIGTERM)])
def test_during_start_up(command, signum, tmp_path):
    out = out_file(tmp_path)
    args = [*START_UP[command], *([] if command == "rules" else ["--out", str(out)])]
    run = Run([*runlift_command(), *args], tmp_path)
    run.wait_for_handlers()
    outcome = run.interrupt(signum)
    assert_interrupted(outcome, signum)
    assert_untouched(out)


@SIGNALS
def test_during_a_long_search(signum, tmp_path):
    out = out_file(tmp_path)
    run = Run.at("search", ["solve", str(scenario(tmp_path, LONG_SEARCH)), "--format",
                            "json", "--out", str(out)], tmp_path)
    run.wait_for("search")
    time.sleep(0.3)  # inside CP-SAT by now
    outcome = run.interrupt(signum)
    assert_interrupted(outcome, signum)
    assert outcome[2] < 2  # CP-SAT stopped through its own stop, within a poll or so
    assert_untouched(out)


@SIGNALS
def test_during_the_explanation(signum, tmp_path):
    out = out_file(tmp_path)
    run = Run.at("explain", ["solve", str(scenario(tmp_path, LONG_EXPLANATION)),
                             "--time-limit", "2", "--out", str(out)], tmp_path)
    run.wait_for("explain")
    time.sleep(0.3)
    assert_interrupted(run.interrupt(signum), signum)
    assert_untouched(out)


@SIGNALS
@pytest.mark.parametrize("command", [["solve", str(MAIN)], ["squad-example", "40"]],
                         ids=["solve", "squad-example"])
def test_during_writing(command, signum, tmp_path):
    out = out_file(tmp_path)
    run = Run.at("write", [*command, "--out", str(out)], tmp_path)
    run.wait_for("write")  # the new output is in a temporary file beside out.txt
    assert_interrupted(run.interrupt(signum), signum)
    assert_untouched(out)


@SIGNALS
def test_while_a_fifo_waits_for_its_reader(signum, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    run = Run([*runlift_command(), "schema", "--out", str(fifo)], tmp_path)
    time.sleep(1.5)  # schema is ready in well under that, then waits for a reader
    assert_interrupted(run.interrupt(signum), signum)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.parametrize(("signum", "group"), [
    (signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["SIGINT", "SIGTERM", "Ctrl-C to the process group"])
def test_compare_leaves_no_worker_behind(signum, group, tmp_path):
    out = out_file(tmp_path)
    run = Run.at("search", ["compare", str(scenario(tmp_path, LONG_SEARCH)), "--vary",
                            "weights.spread=1,2,3", "--workers", "3", "--out", str(out)],
                 tmp_path, group=group)
    run.wait_for("search")  # a worker is searching
    time.sleep(0.3)
    outcome = run.interrupt(signum, group=group)
    assert len(run.descendants) == 3
    assert run.left == []
    assert_interrupted(outcome, signum)
    assert_untouched(out)


def test_a_signal_after_the_output_is_in_place_changes_nothing(tmp_path):
    """The commit: once the new output has replaced the old, the command finishes as it
    would have (here a signal sent while the rename happens)."""
    out = out_file(tmp_path)
    code = ("import os, signal, sys\n"
            "real = os.replace\n"
            "def replace(a, b):\n"
            "    os.kill(os.getpid(), signal.SIGINT)\n"
            "    real(a, b)\n"
            "os.replace = replace\n"
            f"sys.argv = ['runlift', 'schema', '--out', {str(out)!r}]\n"
            "from runlift.cli.entry import main\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert out.read_text().startswith("{")
