"""Paths to activities: files, directories, the order, the size limit."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fit_kit import DATA, Session, write_fit

from runlift.activities import MAX_FILE_BYTES, find_fit_files, read_activities
from runlift.errors import InputError

START = datetime(2025, 3, 3, 5, 30, tzinfo=UTC)


def run_at(path: Path, hours: float) -> Path:
    return write_fit(path, [Session("running", START + timedelta(hours=hours), 30)])


def refused(paths: list[str | Path], max_bytes: int = MAX_FILE_BYTES) -> str:
    with pytest.raises(InputError) as caught:
        read_activities(paths, max_bytes=max_bytes)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_directory_gives_its_fit_files_sorted_by_name(tmp_path: Path) -> None:
    for name in ("b.fit", "A.FIT", "c.Fit"):
        run_at(tmp_path / name, 0)
    (tmp_path / "notes.txt").write_text("not an activity")
    assert [path.name for path in find_fit_files([tmp_path])] == ["A.FIT", "b.fit", "c.Fit"]


def test_a_directory_without_hidden_files_and_subdirectories(tmp_path: Path) -> None:
    run_at(tmp_path / "run.fit", 0)
    (tmp_path / "._run.fit").write_bytes(b"\x00\x05\x16\x07 AppleDouble")  # macOS leaves these
    (tmp_path / "old").mkdir()
    run_at(tmp_path / "old" / "older.fit", 0)
    (tmp_path / "folder.fit").mkdir()
    assert find_fit_files([tmp_path]) == [tmp_path / "run.fit"]


def test_a_file_named_by_itself_is_read_whatever_its_name(tmp_path: Path) -> None:
    path = run_at(tmp_path / "run.bin", 0)
    [run] = read_activities([str(path)])
    assert (run.source, run.sport) == (path, "running")


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = run_at(tmp_path / "run.fit", 0)
    assert len(read_activities([tmp_path, path, tmp_path / "." / "run.fit"])) == 1


def test_activities_come_in_order_of_start_whatever_the_order_of_paths(tmp_path: Path) -> None:
    late, early = run_at(tmp_path / "a.fit", 5), run_at(tmp_path / "b.fit", 1)
    shutil.copy(DATA / "garmin-fenix-5-bike.fit", tmp_path / "c.fit")
    forward = read_activities([late, early, tmp_path / "c.fit"])
    assert [activity.source.name for activity in forward] == ["c.fit", "b.fit", "a.fit"]
    assert read_activities([tmp_path]) == forward


def test_no_paths_no_activities() -> None:
    assert read_activities([]) == []


def test_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.fit"
    assert refused([missing]) == f"{missing}: no such file or directory"


def test_a_directory_without_fit_files(tmp_path: Path) -> None:
    (tmp_path / "run.gpx").write_text("<gpx/>")
    assert refused([tmp_path]) == (
        f"{tmp_path}: no .fit files in this directory (subdirectories are not searched)")


def test_the_first_bad_file_stops_the_reading(tmp_path: Path) -> None:
    run_at(tmp_path / "a.fit", 0)
    (tmp_path / "b.fit").write_bytes(b"")
    assert refused([tmp_path]) == f"{tmp_path / 'b.fit'}: the file is empty"


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = run_at(tmp_path / "run.fit", 0)
    limit = path.stat().st_size - 1
    assert refused([path], max_bytes=limit) == (
        f"{path}: larger than {limit} bytes, the limit for one activity file")
    assert len(read_activities([path], max_bytes=limit + 1)) == 1


def test_an_endless_input_stops_at_the_limit() -> None:
    assert MAX_FILE_BYTES == 32 * 1024 * 1024
    assert refused(["/dev/zero"], max_bytes=1024 * 1024) == (
        "/dev/zero: larger than 1 MB, the limit for one activity file")


def test_a_file_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = run_at(tmp_path / "run.fit", 0)

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)  # chmod 0 would not stop root
    assert refused([path]) == f"{path}: cannot be read (Permission denied)"
