"""The block file: what it accepts, and one actionable line for what it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from block_kit import small

from runlift.block import load_block
from runlift.errors import InputError


def write(tmp_path: Path, data: object, name: str = "block.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def error_of(tmp_path: Path, data: object) -> str:
    with pytest.raises(InputError) as caught:
        load_block(write(tmp_path, data))
    return str(caught.value)


@pytest.mark.parametrize(("data", "where", "says"), [
    (small(phases=[{"name": "base", "weeks": 2}, {"name": "build", "weeks": 2}]),
     "phases", "the phases add up to 4 weeks, but the block has 5"),
    (small(phases=[{"name": "base"}, {"name": "build"}]),
     "phases.1.weeks", "only one phase may leave out weeks"),
    (small(weeks=None, race={"date": "2026-12-01"}),
     "race.date", "before the block starts"),
    (small(scale={"long_run": {"minutes": [120, 60]}}),
     "scale.long_run.minutes", "1 <= least <= most <= 600, got [120, 60]"),
    (small(weeks_override={9: {"sessions": {"tempo": 0}}}),
     "weeks_override.9", "week 9 is outside the block's weeks 1..5"),
    (small(weeks=60), "weeks", "a whole number from 1 to 52, got 60"),
    (small(weeks=None, race={"date": "2028-06-01"}),
     "race.date", "a block holds at most 52 weeks"),
    (small(progression={"ramp_pcnt": 10}), "progression.ramp_pcnt", "did you mean 'ramp_pct'"),
    (small(progression={"deload_pct": [80, 60]}), "progression.deload_pct",
     "[least, most] percentages"),
    (small(progression={"acwr_max": 1e300}), "progression.acwr_max", "a ratio from 1.0 to 3.0"),
    (small(weeks=None), "race", "give a race"),
    (small(week={"sessions": {"sprint": 1}}), "week.sessions.sprint", "unknown session type"),
])
def test_bad_blocks_are_one_line_with_the_field(tmp_path: Path, data: dict, where: str,
                                                says: str) -> None:
    message = error_of(tmp_path, data)
    assert "\n" not in message
    assert f" {where}:" in message, message
    assert says in message, message
    assert str(tmp_path / "block.yaml") in message


def test_the_error_names_the_yaml_line(tmp_path: Path) -> None:
    path = tmp_path / "block.yaml"
    path.write_text("start: 2027-01-04\nweeks: 4\nscale:\n  long_run: {minutes: [90, 60]}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_block(path)
    assert f"{path}:4:" in str(caught.value)


def test_a_phase_overlay_names_the_phase_in_the_error(tmp_path: Path) -> None:
    data = small(phases=[{"name": "base", "weeks": 3},
                         {"name": "build", "week": {"sessions": {"sprint": 1}}}])
    message = error_of(tmp_path, data)
    assert " phases.1.week.sessions.sprint:" in message
    assert "week 4 (build, deload)" in message


def test_json_blocks_may_key_week_overrides_by_text(tmp_path: Path) -> None:
    import json

    path = tmp_path / "block.json"
    path.write_text(json.dumps(small(weeks_override={"2": {"sessions": {"easy_run": 1}}})),
                    encoding="utf-8")
    bp = load_block(path)
    assert bp.problems[1].demand["easy_run"] == 1
    assert bp.problems[0].demand["easy_run"] == 2


def test_history_is_a_plan_file_relative_to_the_block(tmp_path: Path) -> None:
    (tmp_path / "before.yaml").write_text(yaml.safe_dump([
        {"date": "2027-01-02", "slot": "am", "session": "long_run", "minutes": 100}]))
    bp = load_block(write(tmp_path, small(history="before.yaml")))
    assert [(d.day, d.session, d.minutes) for d in bp.history] == [(-2, "long_run", 100)]
    assert "no such plan file" in error_of(tmp_path, small(history="missing.yaml"))
