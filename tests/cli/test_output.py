"""write_atomic: whole files only, with the permissions a plain open() would give."""

from __future__ import annotations

import os
import stat

import pytest

from runlift.errors import InputError
from runlift.writing import FILE_MODE, write_atomic


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
