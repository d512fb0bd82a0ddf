"""The --out folder of a batch: a real folder (not a file, a device, a FIFO, an empty
name or a symlink out of its folder), records never followed through a symlink, one
batch at a time, stale temporary files swept, removed athletes' files moved aside."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from squad_kit import simple_squad, write_squad

from runlift.batch.folder import LOCK_FILE, RECORD_DIR, REMOVED_PREFIX


def batch(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, ["batch", *map(str, args), "--workers", "1",
                                     "--no-progress"], catch_exceptions=False)


def one_line_error(result: Result, pattern: str) -> None:
    assert result.exit_code == 2, result.output
    assert re.fullmatch(rf"runlift: error: {pattern}\n", result.stderr), result.stderr


@pytest.fixture
def squad(tmp_path: Path) -> Path:
    return write_squad(tmp_path, simple_squad(3))


def test_an_empty_out_is_one_line_and_writes_nowhere(squad: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    one_line_error(batch(squad, "--out", ""), "--out '': an empty path; --out needs a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["squad.yaml"]


def test_a_regular_file_is_one_line_and_stays(squad: Path, tmp_path: Path) -> None:
    one_line_error(batch(squad, "--out", squad), f"{squad}: is a file; --out needs a folder")
    assert squad.read_text().startswith("squad: Quick")


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a device needs root")
def test_a_device_is_one_line_and_stays_a_device(squad: Path, tmp_path: Path) -> None:
    device = tmp_path / "fakenull"
    os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a character device, as /dev/null
    one_line_error(batch(squad, "--out", device), f"{device}: is a device; --out needs a folder")
    assert os.path.exists(device) and not device.is_file()


def test_a_fifo_is_one_line(squad: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    one_line_error(batch(squad, "--out", fifo), f"{fifo}: is a FIFO; --out needs a folder")


def test_a_symlink_out_of_its_folder_is_refused(squad: Path, tmp_path: Path) -> None:
    outside, home = tmp_path / "elsewhere", tmp_path / "home"
    outside.mkdir()
    home.mkdir()
    (home / "plans").symlink_to(outside)
    one_line_error(batch(squad, "--out", home / "plans"),
                   f"{home / 'plans'}: is a symlink to {outside}, outside the folder it is "
                   "in; give that folder itself as --out")
    assert list(outside.iterdir()) == []


def test_a_symlink_to_a_folder_beside_it_is_followed(squad: Path, tmp_path: Path) -> None:
    (tmp_path / "plans-2027").mkdir()
    (tmp_path / "plans").symlink_to("plans-2027")
    assert batch(squad, "--out", tmp_path / "plans").exit_code == 0
    assert (tmp_path / "plans-2027" / "summary.csv").is_file()


def test_the_records_folder_is_never_followed_through_a_symlink(squad: Path,
                                                                tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "plans", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / RECORD_DIR).symlink_to(elsewhere)
    one_line_error(batch(squad, "--out", out),
                   f"{out / RECORD_DIR}: is a symlink; runlift keeps its records in a real "
                   "folder there and never follows a link \\(remove it\\)")
    assert list(elsewhere.iterdir()) == []


def test_a_record_that_is_a_symlink_is_not_trusted(squad: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans"
    assert batch(squad, "--out", out).exit_code == 0
    record = out / RECORD_DIR / "runner-000.json"
    copy = tmp_path / "record.json"
    copy.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(copy)
    again = batch(squad, "--out", out, "--resume")
    assert "solved 1, kept 2 from an earlier run" in again.stderr
    assert not record.is_symlink()  # replaced by a record of its own


def test_a_second_batch_on_the_same_folder_is_refused(squad: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans"
    (out / RECORD_DIR).mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\n"
         "from runlift.batch.folder import holding\n"
         f"with holding(Path({str(out)!r})):\n"
         "    print('held', flush=True)\n    time.sleep(120)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        refused = batch(squad, "--out", out)
        one_line_error(refused, f"{out}: another runlift batch \\(PID {holder.pid} on .+\\) "
                                "is writing to this folder; wait for it to end, or give "
                                "another --out")
        assert sorted(p.name for p in out.iterdir()) == [RECORD_DIR]
    finally:
        holder.kill()
        holder.wait()
    taken = batch(squad, "--out", out)  # the holder is gone: its lock is stale
    assert taken.exit_code == 0, taken.output
    assert f"took over the lock of a batch that has ended (PID {holder.pid} on " in taken.stderr
    assert json.loads((out / RECORD_DIR / LOCK_FILE).read_text() or "null") is None  # released


def test_stale_temporary_files_are_swept(squad: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans"
    (out / RECORD_DIR).mkdir(parents=True)
    stale = [out / ".runner-000.json.abc123.tmp", out / ".summary.csv.x.tmp",
             out / RECORD_DIR / ".runner-001.json.q.tmp"]
    for path in stale:
        path.write_text("half a file")
    (out / "notes.tmp").write_text("not ours: not hidden")
    result = batch(squad, "--out", out)
    assert "runlift: removed 3 temporary files left by a run that was killed" in result.stderr
    assert not any(path.exists() for path in stale)
    assert (out / "notes.tmp").exists()


def test_removed_and_renamed_athletes_are_moved_aside(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    first = write_squad(tmp_path, simple_squad(4))
    assert batch(first, "--out", out, "--html").exit_code == 0
    text = first.read_text().replace("Runner 003", "Runner Three")  # renamed
    text = "\n".join(line for line in text.splitlines() if "Runner 001" not in line)  # removed
    second = write_squad(tmp_path, text + "\n", name="second.yaml")
    result = batch(second, "--out", out, "--resume")
    assert result.exit_code == 0, result.output
    moved = [p for p in out.iterdir() if p.name.startswith(REMOVED_PREFIX)]
    assert len(moved) == 1 and re.fullmatch(
        rf"{REMOVED_PREFIX}\d{{4}}-\d\d-\d\dT\d{{6}}", moved[0].name)
    assert (f"runlift: moved the files of 2 athletes no longer in the squad to "
            f"{moved[0]}") in result.stderr
    assert sorted(p.name for p in moved[0].iterdir()) == [
        RECORD_DIR, "runner-001.html", "runner-001.json", "runner-003.html", "runner-003.json"]
    assert sorted(p.name for p in (moved[0] / RECORD_DIR).iterdir()) == [
        "runner-001.json", "runner-003.json"]
    plans = sorted(p.name for p in out.glob("*.json"))
    summary = (out / "summary.csv").read_text().splitlines()[1:]
    assert plans == sorted(line.split(",")[1] for line in summary)  # --out agrees with it
    assert not (out / "index.html").exists()  # the first run's index listed Runner 001
    assert "solved 1, kept 2 from an earlier run" in result.stderr


def test_a_result_killed_before_it_was_written_is_moved_aside_with_its_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kill -9 between an athlete's record and its result (the record is written first):
    the record names the file, so the next run moves it aside once the athlete has left
    the squad, and --resume solves it again while it has not."""
    import runlift.batch.output as output

    out = tmp_path / "plans"
    first = write_squad(tmp_path, simple_squad(3))
    real = output.write_atomic

    def killed_at_runner_002(path: Path, data: str | bytes) -> None:
        if path.name == "runner-002.json" and path.parent == out:
            raise SystemExit(137)  # as a SIGKILL would leave it: the record, no result
        real(path, data)

    monkeypatch.setattr(output, "write_atomic", killed_at_runner_002)
    assert batch(first, "--out", out).exit_code == 137
    monkeypatch.setattr(output, "write_atomic", real)
    assert (out / RECORD_DIR / "runner-002.json").exists()
    assert not (out / "runner-002.json").exists()

    resumed = batch(first, "--out", out, "--resume")
    assert resumed.exit_code == 0, resumed.output
    # Its record vouched for no result: solved again.
    assert "solved 1, kept 2 from an earlier run" in resumed.stderr
    assert (out / "runner-002.json").exists()

    monkeypatch.setattr(output, "write_atomic", killed_at_runner_002)
    (out / "runner-002.json").write_text("an earlier result\n")  # stale
    (out / RECORD_DIR / "runner-002.json").unlink()
    # Killed again: a new record beside the earlier result.
    assert batch(first, "--out", out).exit_code == 137
    monkeypatch.setattr(output, "write_atomic", real)
    text = "\n".join(line for line in first.read_text().splitlines()
                     if "Runner 002" not in line)
    result = batch(write_squad(tmp_path, text + "\n", name="second.yaml"), "--out", out)
    assert result.exit_code == 0, result.output
    moved = [p for p in out.iterdir() if p.name.startswith(REMOVED_PREFIX)]
    assert len(moved) == 1
    assert (moved[0] / "runner-002.json").read_text() == "an earlier result\n"
    assert (moved[0] / RECORD_DIR / "runner-002.json").exists()
    assert sorted(p.name for p in out.glob("*.json")) == ["runner-000.json", "runner-001.json"]


def test_a_run_without_html_or_ics_leaves_no_report_of_an_earlier_plan(
        squad: Path, tmp_path: Path) -> None:
    """An athlete solved again loses the report and calendar of its earlier result; one
    kept by --resume keeps them (they still describe its result)."""
    out = tmp_path / "plans"
    assert batch(squad, "--out", out, "--html", "--ics").exit_code == 0
    reports = sorted(p.name for p in out.iterdir() if p.suffix in (".html", ".ics")
                     and p.name != "index.html")
    assert reports == [f"runner-00{i}.{kind}" for i in (0, 1, 2) for kind in ("html", "ics")]
    (out / RECORD_DIR / "runner-002.json").unlink()  # runner 002 is solved again
    assert batch(squad, "--out", out, "--resume").exit_code == 0
    assert sorted(p.name for p in out.glob("runner-002.*")) == ["runner-002.json"]
    assert (out / "runner-000.html").exists() and (out / "runner-001.ics").exists()
    assert batch(squad, "--out", out).exit_code == 0
    assert sorted(p.name for p in out.glob("runner-*")) == [
        f"runner-00{i}.json" for i in (0, 1, 2)]
