"""--out and write_atomic: whole files only, with the permissions a plain open() would give;
devices, FIFOs and symlink targets written through, never replaced; one line for a path
that cannot be written. Special files are made in a temporary folder, never the system's."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from runlift.errors import InputError
from runlift.writing import FILE_MODE, write_atomic

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "half-marathon-build.yaml"
PLAN = ROOT / "scenarios" / "plans" / "hand-made-week.yaml"
# Every command that takes --out, with arguments that run quickly.
COMMANDS = {
    "solve": ["solve", str(MAIN), "--format", "json"],
    "check": ["check", str(MAIN), str(PLAN), "--format", "json"],
    "compare": ["compare", str(MAIN), "--vary", "weights.spread=1,2", "--format", "csv"],
    "schema": ["schema"],
    "squad-example": ["squad-example", "3"],
}
NULL_DEVICE = os.makedev(1, 3)  # the numbers of /dev/null


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def printed(command: str) -> str:
    return run(*COMMANDS[command]).stdout


def null_device(folder: Path) -> Path:
    """A character device with /dev/null's numbers, made here (needs root)."""
    path = folder / "fakenull"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, NULL_DEVICE)
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("runlift: error: ")
    assert result.stderr.count("\n") == 1
    for fragment in fragments:
        assert fragment in result.stderr


# --- write_atomic -------------------------------------------------------------------------
def test_written_file_has_the_umask_mode_not_mkstemps_private_one(tmp_path):
    target = tmp_path / "week.ics"
    write_atomic(target, "BEGIN:VCALENDAR\n")
    mode = stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == FILE_MODE == 0o666 & ~umask
    assert target.read_text() == "BEGIN:VCALENDAR\n"


def test_no_temporary_file_is_left_behind(tmp_path):
    write_atomic(tmp_path / "a.json", b"{}")
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_missing_folder_is_bad_input(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "a.json", "{}")


def test_write_atomic_never_replaces_a_device(tmp_path):
    device = null_device(tmp_path)
    with pytest.raises(InputError, match="not a regular file"):
        write_atomic(device, "{}")
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["fakenull"]


# --- --out: special files ---------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS)
def test_out_to_a_device_writes_through_it(command, tmp_path):
    device = null_device(tmp_path)
    result = run(*COMMANDS[command], "--out", device)
    assert result.exit_code in (0, 1), result.stderr  # check's hand-made week breaks rules
    info = device.lstat()
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == NULL_DEVICE
    assert [p.name for p in tmp_path.iterdir()] == ["fakenull"]


def read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, received


@pytest.mark.parametrize("command", ["solve", "check", "squad-example"])
def test_out_to_a_fifo_streams_the_whole_output(command, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, received = read_fifo_in_background(fifo)
    result = run(*COMMANDS[command], "--out", fifo)
    reader.join(timeout=30)
    assert result.exit_code in (0, 1), result.stderr  # check's hand-made week breaks rules
    assert received == [printed(command).encode("utf-8")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_out_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "week.json"
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target.name)
    assert run(*COMMANDS["solve"], "--out", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text() == printed("solve")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.json", "week.json"]


def test_out_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "latest.json"
    link.symlink_to("week.json")
    assert run(*COMMANDS["schema"], "--out", link).exit_code == 0
    assert link.is_symlink()
    assert (tmp_path / "week.json").read_text() == printed("schema")


def test_out_through_a_symlink_to_a_device_writes_through_both(tmp_path):
    device = null_device(tmp_path)
    link = tmp_path / "out"
    link.symlink_to(device)
    assert run(*COMMANDS["schema"], "--out", link).exit_code == 0
    assert link.is_symlink() and stat.S_ISCHR(device.lstat().st_mode)


def test_out_dash_is_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*COMMANDS["schema"], "--out", "-")
    assert result.exit_code == 0
    assert result.stdout == printed("schema")
    assert list(tmp_path.iterdir()) == []


# --- --out: what cannot be written -------------------------------------------------------
def test_out_to_a_directory_is_one_line_of_bad_input(tmp_path):
    assert_one_line_error(run(*COMMANDS["solve"], "--out", tmp_path), "is a directory")
    assert list(tmp_path.iterdir()) == []


def test_out_to_a_symlink_to_a_directory_is_bad_input(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "link").symlink_to("folder")
    assert_one_line_error(run(*COMMANDS["schema"], "--out", tmp_path / "link"),
                          "is a directory")
    assert list((tmp_path / "folder").iterdir()) == []


def test_out_in_a_missing_folder_is_bad_input(tmp_path):
    assert_one_line_error(run(*COMMANDS["schema"], "--out", tmp_path / "nope" / "s.json"),
                          "the folder does not exist")


def test_out_to_a_socket_is_bad_input(tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert_one_line_error(run(*COMMANDS["schema"], "--out", path), "is a socket")
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_out_empty_is_bad_input():
    assert_one_line_error(run(*COMMANDS["schema"], "--out", ""), "an empty path")


def test_batch_out_empty_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    squad = tmp_path / "squad.yaml"
    squad.write_text("squad: x\nathletes:\n  - {name: Ana, sessions: {easy_run: 1}}\n")
    result = run("batch", squad, "--out", "")
    assert result.exit_code == 2
    assert result.stderr == "runlift: error: --out '': an empty path; --out needs a folder\n"
    assert [p.name for p in tmp_path.iterdir()] == ["squad.yaml"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN", "infinity"])
def test_time_limit_must_be_finite(value):
    result = run("solve", MAIN, "--time-limit", value)
    assert result.exit_code == 2
    assert "--time-limit" in result.stderr
