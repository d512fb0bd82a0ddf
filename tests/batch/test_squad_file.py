"""Reading a squad file an athlete at a time: the same squad as reading it whole, its
athletes kept compact, each scenario made when it is asked for."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from runlift.batch.example import squad_yaml
from runlift.batch.squad import load_squad, scenario_digest
from runlift.batch.squad_file import SquadSource, _read_streaming, _read_whole
from runlift.errors import InputError
from runlift.scenario.streaming import NotStreamed


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def same_source(a: SquadSource, b: SquadSource) -> None:
    assert a.spec == b.spec
    assert a.athletes.names == b.athletes.names
    assert a.athletes.skips == b.athletes.skips
    assert a.athletes.entries == b.athletes.entries
    assert (a.athletes.starts, a.athletes.catalogs) == (b.athletes.starts, b.athletes.catalogs)


def test_a_generated_squad_is_read_an_athlete_at_a_time_as_it_is_whole(tmp_path: Path) -> None:
    path = write(tmp_path, "squad.yaml", squad_yaml(60, seed=3))
    streamed, read_whole = _read_streaming(path), _read_whole(path)
    assert streamed.lines.streamed and not read_whole.lines.streamed
    same_source(streamed, read_whole)
    assert streamed.lines.head is not None and streamed.lines.head.value  # the head only
    for i in range(60):
        for loc in (("athletes", i), ("athletes", i, "sessions", "easy_run"),
                    ("athletes", i, "prefer", "long_run", 0), ("athletes", i, "nowhere")):
            assert streamed.lines.line(loc) == read_whole.lines.line(loc)


def test_an_alias_among_the_athletes_reads_the_file_whole(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", """\
        athletes:
          - {name: Ana, prefer: &p {long_run: [sat]}}
          - {name: Ben, prefer: *p}
        """)
    with pytest.raises(NotStreamed):
        _read_streaming(path)
    squad = load_squad(path)
    assert not squad.lines.streamed
    assert squad.jobs[1].scenario == {"prefer": {"long_run": ["sat"]}, "name": "Ben"}


@pytest.mark.parametrize("text", [
    "athletes: [{name: Ana}, {name: ' ANA'}]\n",
    "athletes:\n  - {name: Ana}\n  - {name: Ben, skip: Track}\n",
    "athletes:\n  - {name: Ana}\n  - {name: Ben, name: Cy}\n",
    "squad: [not text]\nathletes: [{name: Ana}]\n",
])
def test_a_bad_squad_file_gives_the_error_of_the_whole_reading(tmp_path: Path,
                                                               text: str) -> None:
    path = write(tmp_path, "s.yaml", text)
    with pytest.raises(NotStreamed):
        _read_streaming(path)
    with pytest.raises(InputError) as whole:
        _read_whole(path)
    with pytest.raises(InputError) as loaded:
        load_squad(path)
    assert str(loaded.value) == str(whole.value)
    assert f"{path}:" in str(loaded.value)


def test_a_job_keeps_its_entry_and_makes_its_scenario_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", """\
        defaults: {week_start: 2027-03-01, sessions: {easy_run: 2}}
        group_sessions: [{name: Track, session: intervals, day: tue, slot: pm}]
        athletes:
          - {name: Ana, sessions: {tempo: 1}, fixed: [{session: core, day: mon, slot: am}]}
        """)
    (job,) = load_squad(path).jobs
    first, second = job.scenario, job.scenario
    assert first == second and first is not second  # made anew: changing one is harmless
    assert first == {"week_start": "2027-03-01", "sessions": {"easy_run": 2, "tempo": 1},
                     "fixed": [{"session": "core", "day": "mon", "slot": "am"},
                               {"name": "Track", "session": "intervals", "day": "tue",
                                "slot": "pm"}],
                     "name": "Ana"}
    assert job.digest == scenario_digest(first)
    assert job.payload()["scenario"] == first
    assert not hasattr(job, "__dict__")  # slots: nothing more is kept per athlete


def test_a_history_file_is_read_once_for_every_athlete_who_names_it(tmp_path: Path) -> None:
    history = tmp_path / "last-week.json"
    history.write_text(json.dumps([{"day": 0, "slot": "am", "session": "easy_run"}]))
    path = write(tmp_path, "s.yaml", """\
        defaults: {sessions: {easy_run: 2}, history: last-week.json}
        athletes: [{name: Ana}, {name: Ben}]
        """)
    squad = load_squad(path)
    history.unlink()  # what the scenarios hold was read when the squad was
    ana, ben = (job.scenario for job in squad.jobs)
    assert ana["history"] == ben["history"] == [
        {"day": -7, "slot": "am", "session": "easy_run", "source": "last-week.json, 0"}]
    assert [job.digest for job in squad.jobs] == [scenario_digest(ana), scenario_digest(ben)]
