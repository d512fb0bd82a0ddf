"""runlift.writing.write_atomic_parts: the parts written as they come, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from runlift.writing import write_atomic_parts


def test_the_parts_are_written_in_turn_and_renamed_into_place(tmp_path: Path) -> None:
    target = tmp_path / "summary.csv"
    made: list[int] = []

    def parts() -> Iterator[str | bytes]:
        for i in range(3):
            made.append(i)
            yield f"row {i}\n" if i != 1 else b"row 1\n"

    write_atomic_parts(target, parts())
    assert made == [0, 1, 2]
    assert target.read_text() == "row 0\nrow 1\nrow 2\n"


def test_parts_that_fail_midway_leave_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "summary.csv"
    target.write_text("old\n")

    def parts() -> Iterator[str]:
        yield "new\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic_parts(target, parts())
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.csv"]
