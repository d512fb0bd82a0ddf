"""Block files as alternatives: files and --vary, one kind per comparison, and bad input
named by alternative and field as for weeks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runlift.compare.alternatives import build_alternatives, require_valid
from runlift.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = ROOT / "tests" / "data" / "blocks"
SHORT = BLOCKS / "short-build.yaml"
EASY = BLOCKS / "four-easy-weeks.yaml"
WEEK = ROOT / "scenarios" / "half-marathon-build.yaml"


def test_a_block_file_is_an_alternative_of_kind_block():
    (alternative,) = build_alternatives([SHORT])
    assert alternative.kind == "block"
    assert alternative.label == "short-build.yaml"
    assert alternative.block is not None and len(alternative.block.specs) == 5


def test_vary_sets_a_block_field_per_alternative():
    alternatives = build_alternatives([SHORT], ["progression.ramp_pct=5,10,15"])
    assert [a.label for a in alternatives] == [
        "progression.ramp_pct=5", "progression.ramp_pct=10", "progression.ramp_pct=15"]
    assert [a.data["progression"]["ramp_pct"] for a in alternatives] == [5, 10, 15]
    assert [a.changes for a in alternatives] == [
        {"progression.ramp_pct": v} for v in (5, 10, 15)]


def test_a_varied_race_date_changes_the_length_of_the_block():
    alternatives = build_alternatives([SHORT], ["race.date=2027-03-28,2027-04-04"])
    assert [len(a.block.specs) for a in alternatives] == [4, 5]  # type: ignore[union-attr]


def test_several_block_files_are_labelled_by_name():
    alternatives = build_alternatives([SHORT, EASY])
    assert [a.label for a in alternatives] == ["short-build.yaml", "four-easy-weeks.yaml"]
    assert {a.kind for a in alternatives} == {"block"}


@pytest.mark.parametrize("files", [(WEEK, SHORT), (SHORT, WEEK)], ids=["week first",
                                                                        "block first"])
def test_weeks_and_blocks_cannot_be_mixed(files):
    with pytest.raises(InputError) as info:
        build_alternatives(files)
    error = info.value
    assert error.file == str(files[1])
    assert "compare weeks with weeks, or blocks with blocks" in error.message
    assert "\n" not in str(error)


def only_error(files, vary) -> InputError:
    """The error of a comparison whose alternatives are all invalid."""
    with pytest.raises(InputError) as info:
        require_valid(build_alternatives(files, vary))
    return info.value


def test_a_bad_vary_path_on_a_block_is_the_same_line_as_for_a_week():
    assert str(only_error([SHORT], ["week.sessions.easy_run.extra=1"])) == (
        f"{SHORT}: week.sessions.easy_run.extra: alternative "
        "'week.sessions.easy_run.extra=1': week.sessions.easy_run holds the value 2, not a "
        "mapping or a list")


def test_an_unknown_block_field_names_the_alternative_and_the_field():
    error = only_error([SHORT], ["progression.ramp_pc=5"])
    assert error.loc == ("progression", "ramp_pc")
    assert "alternative 'progression.ramp_pc=5'" in error.message
    assert "did you mean 'ramp_pct'" in error.message
    assert error.line is None  # the value came from the command line


def test_a_race_before_the_start_is_an_invalid_alternative():
    good, bad = build_alternatives([SHORT], ["race.date=2027-04-04,2026-04-04"])
    assert good.valid and good.block is not None
    error = bad.error
    assert error.loc == ("race", "date")
    assert error.message.startswith("alternative 'race.date=2026-04-04': the race on "
                                    "2026-04-04 is before the block starts")
    assert bad.invalid.startswith("race.date: the race on 2026-04-04 is before the block")


def test_a_week_that_a_varied_count_breaks_names_the_week():
    error = only_error([SHORT], ["week.sessions.easy_run=-1"])
    assert re.search(r"alternative 'week\.sessions\.easy_run=-1': week 1 \(base\): expected a "
                     r"count >= 0", str(error))


def test_a_bad_base_block_points_at_its_line(tmp_path):
    text = SHORT.read_text(encoding="utf-8").replace("ramp_pct: 10", "ramp_pct: lots")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        build_alternatives([path], ["week.prefer.long_run=[sat],[sun]"])
    assert info.value.loc == ("progression", "ramp_pct")
    assert info.value.line == text.splitlines().index("  ramp_pct: lots") + 1


def test_a_block_file_has_no_variants(tmp_path):
    text = SHORT.read_text(encoding="utf-8") + "variants:\n  easy: {progression: {ramp_pct: 5}}\n"
    path = tmp_path / "block.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="a block file has no variants") as info:
        build_alternatives([path])
    assert info.value.line == text.splitlines().index("variants:") + 1
