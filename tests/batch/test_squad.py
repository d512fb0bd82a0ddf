"""Squad files: merging, group sessions, skip, and errors that point at the right line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from runlift.batch.squad import load_squad, scenario_digest
from runlift.errors import InputError

BASE = """\
name: Base week
week_start: 2027-03-01
sessions: {easy_run: 3, long_run: 1, lower_strength: 1}
rules: {lift_to_key_hours: 36}
prefer: {long_run: [sat]}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def squad_file(tmp_path: Path) -> Path:
    write(tmp_path, "base.yaml", BASE)
    return write(tmp_path, "squad.yaml", """\
        squad: Riverside RC
        base: base.yaml
        defaults:
          rules: {legs_policy: stack}
          prefer: {lower_strength: [thu]}
        group_sessions:
          - {name: Track night, session: intervals, day: tue, slot: pm}
        athletes:
          - {name: Ana, unavailable: [mon], sessions: {lower_strength: 2}}
          - {name: Ben, prefer: {long_run: [sun]}, fixed: [{session: tempo, day: thu, slot: am}]}
          - {name: Chen, skip: [Track night]}
        """)


def test_athletes_merge_base_defaults_and_their_own_fields(squad_file: Path) -> None:
    squad = load_squad(squad_file)
    ana, ben, chen = (job.scenario for job in squad.jobs)
    assert ana["name"] == "Ana"
    assert ana["sessions"] == {"easy_run": 3, "long_run": 1, "lower_strength": 2}
    assert ana["rules"] == {"lift_to_key_hours": 36, "legs_policy": "stack"}
    assert ana["prefer"] == {"long_run": ["sat"], "lower_strength": ["thu"]}
    assert ana["unavailable"] == ["mon"]
    track = {"name": "Track night", "session": "intervals", "day": "tue", "slot": "pm"}
    assert ana["fixed"] == [track]
    assert ben["prefer"]["long_run"] == ["sun"]
    assert ben["fixed"] == [{"session": "tempo", "day": "thu", "slot": "am"}, track]
    assert squad.jobs[1].own_fixed == 1 and squad.jobs[1].groups == (0,)
    assert "fixed" not in chen
    assert [job.stem for job in squad.jobs] == ["ana", "ben", "chen"]


def test_the_digest_follows_the_merged_scenario(squad_file: Path) -> None:
    before = [job.digest for job in load_squad(squad_file).jobs]
    base = squad_file.parent / "base.yaml"
    base.write_text(BASE.replace("easy_run: 3", "easy_run: 2"), encoding="utf-8")
    after = [job.digest for job in load_squad(squad_file).jobs]
    assert all(a != b for a, b in zip(before, after, strict=True))
    assert scenario_digest({"a": 1, "b": 2}) == scenario_digest({"b": 2, "a": 1})


def test_an_unknown_group_session_in_skip_is_that_athletes_error(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", """\
        group_sessions: [{name: Track night, session: intervals, day: tue, slot: pm}]
        athletes:
          - {name: Ana}
          - {name: Ben, skip: [Trak night]}
        """)
    squad = load_squad(path)
    assert squad.jobs[0].error is None
    assert squad.jobs[1].scenario is None
    assert squad.jobs[1].error == (f"{path}:4: athletes.1.skip.0: unknown group session "
                                   "'Trak night' (did you mean 'Track night'?)")


def test_an_athletes_missing_history_file_is_that_athletes_error(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", """\
        athletes:
          - {name: Ana}
          - name: Ben
            history: last-week.json
        """)
    squad = load_squad(path)
    assert squad.jobs[0].error is None
    assert squad.jobs[1].scenario is None
    assert squad.jobs[1].error == (f"{path}:4: athletes.1.history: no such plan file "
                                   "'last-week.json' (the path is relative to the file that "
                                   "names it)")


@pytest.mark.parametrize(("text", "expected"), [
    ("athletes: [{name: Ana}, {name: 'ana '}]",
     "s.yaml:1: athletes.1.name: two athletes are named 'ana ' (athletes.0 and athletes.1)"),
    ("athletes:\n  - {sessions: {easy_run: 1}}", "s.yaml:2: athletes.0.name: this field is"),
    ("athletes: [{name: Ana}]\nathlets: 1", "s.yaml:2: athlets: unknown key 'athlets' (did you"),
    ("athletes: []", "s.yaml:1: athletes:"),
    ("gym: {capacity: -1}\nathletes: [{name: A}]", "s.yaml:1: gym.capacity:"),
    ("group_sessions: [{name: T, session: intervls, day: tue, slot: pm}]\n"
     "athletes: [{name: A}]",
     "s.yaml:1: group_sessions.0.session: unknown session type 'intervls' (did you mean"),
    ("base: nowhere.yaml\nathletes: [{name: A}]", "s.yaml:1: base: base scenario"),
    ("defaults: {days: seven}\nathletes: [{name: A}]", "s.yaml:1: defaults.days:"),
    ("defaults: {sesions: {easy_run: 1}}\nathletes: [{name: A}]",
     "s.yaml:1: defaults.sesions: unknown key 'sesions' (did you mean 'sessions'?)"),
    ("gym: {capacity: 2, sessions: [lower_strenght]}\nathletes: [{name: A}]",
     "s.yaml:1: gym.sessions.0: unknown session type 'lower_strenght'"),
])
def test_squad_file_errors_are_one_line_with_file_path_and_line(
        tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "s.yaml", text + "\n")
    with pytest.raises(InputError) as info:
        load_squad(path)
    assert str(info.value).startswith(str(tmp_path / expected))
    assert "\n" not in str(info.value)


def test_a_catalog_entry_makes_a_group_session_type_known(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", """\
        defaults:
          catalog: {hills: {kind: run, intensity: hard, minutes: 50, rpe: 8, key: true}}
        group_sessions: [{name: Hill reps, session: hills, day: thu, slot: am}]
        athletes: [{name: Ana}]
        """)
    assert load_squad(path).jobs[0].scenario["fixed"][0]["session"] == "hills"


def test_errors_point_at_the_athlete_defaults_base_or_group_session(squad_file: Path) -> None:
    squad = load_squad(squad_file)
    ana, ben, _ = squad.jobs
    own = squad.locate(ana, ("unavailable", 0), "bad day")
    assert str(own) == f"{squad_file}:9: athletes.0.unavailable.0: bad day"
    shared = squad.locate(ana, ("prefer", "lower_strength"), "bad")
    assert str(shared) == f"{squad_file}:5: defaults.prefer.lower_strength: bad (for Ana)"
    based = squad.locate(ana, ("rules", "lift_to_key_hours"), "bad")
    assert str(based) == f"{squad_file.parent / 'base.yaml'}:4: rules.lift_to_key_hours: " \
                         "bad (for Ana)"
    group = squad.locate(ben, ("fixed", 1), "clashes")
    assert str(group) == (f"{squad_file}:7: group_sessions.0: group session 'Track night' "
                          "for Ben: clashes")
    pinned = squad.locate(ben, ("fixed", 0, "day"), "bad")
    assert str(pinned).startswith(f"{squad_file}:10: athletes.1.fixed.0.day: bad")


def test_toml_and_json_squads_load(tmp_path: Path) -> None:
    toml = write(tmp_path, "s.toml", """\
        squad = "T"
        [[athletes]]
        name = "Ana"
        sessions = {easy_run = 2}
        """)
    json = write(tmp_path, "s.json", '{"athletes": [{"name": "Ana", "days": 3}]}')
    assert load_squad(toml).jobs[0].scenario == {"sessions": {"easy_run": 2}, "name": "Ana"}
    assert load_squad(json).jobs[0].scenario == {"days": 3, "name": "Ana"}
