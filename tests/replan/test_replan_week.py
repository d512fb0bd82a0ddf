"""Re-planning a lived week: the past is history, missed work comes back where the rules
allow, the fewest changes, a reason for each, and one line for bad input."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from replan_kit import log_of, planned_of, problem_of

from runlift.checker import check_plan
from runlift.errors import InputError
from runlift.models.plan import Placement
from runlift.replan.api import replan
from runlift.replan.diff import _breaks
from runlift.replan.problem import build_replan
from runlift.replan.run import replan_week

WEEK = dict(sessions={"easy_run": 3, "tempo": 1, "long_run": 1, "lower_strength": 2},
            fixed=[{"session": "intervals", "day": "tue", "slot": "am"}],
            unavailable=["fri"], prefer={"long_run": ["sat"]})


@pytest.fixture(scope="module")
def week():
    problem = problem_of(**WEEK)
    return problem, planned_of(problem)


def slot_of(planned, day: int, session: str) -> str:
    """Where the plan put a session on a day (its layout among plans of equal cost is
    the search's choice)."""
    return next(e.slot for e in planned if e.day == day and e.session == session)


def test_nothing_missed_gives_the_same_plan_with_no_changes(week) -> None:
    problem, planned = week
    result = replan(problem, planned, log_of(), 3)
    assert result.status == "optimal"
    assert result.counts.changes == 0 and result.counts.moved == result.counts.dropped == 0
    future = {(e.id, e.day, e.slot) for e in result.plan if e.state == "planned"}
    assert future == {(p.id, p.day, p.slot) for p in planned if p.day >= 3}
    assert "taken as done as planned" in result.notes[0]


def test_the_past_is_kept_as_logged_and_the_plan_passes_the_checker(week) -> None:
    problem, planned = week
    tempo = next(p for p in planned if p.session == "tempo")
    log = log_of({"day": 1, "slot": "am", "session": "intervals", "status": "missed"},
                 {"day": 0, "slot": "am", "session": "easy_run", "status": "extra",
                  "minutes": 30})
    today = 2
    rp = build_replan(problem, planned, log, today)
    result = replan_week(rp)
    assert result.has_plan
    before = [e for e in result.plan if e.day < today]
    assert all(e.state in ("done", "assumed", "extra", "moved") for e in before)
    assert ("intervals", 1) not in {(e.session, e.day) for e in before}
    assert any(e.state == "extra" and e.minutes == 30 for e in before)
    placed = [Placement(e.day - today, problem.slot_index[e.slot], e.session)
              for e in result.plan if e.day >= today]
    exact = dataclasses.replace(rp.problem, demand=dict(Counter(
        p.session for p in placed if p not in _pins(rp))), optional={})
    assert check_plan(exact, placed).ok
    intervals = next(c for c in result.changes if c.session == "intervals")
    assert intervals.missed and intervals.change in ("moved", "dropped")
    assert tempo.id in {c.id for c in result.changes}


def _pins(rp) -> set[Placement]:
    return {Placement(f.day, f.slot, f.session) for f in rp.problem.fixed}


def reasons_bind(rp, placements: list[Placement]) -> int:
    """Every move or drop's reason holds: undoing that one change breaks the rule it
    names, or its planned slot now holds another session, or is closed. Returns how many
    reasons were checked."""
    from runlift.replan.diff import changes, identify

    checked = 0
    for c in changes(rp, placements, identify(rp, placements)):
        if c.change not in ("moved", "dropped") or c.logged or (c.was_missed and
                                                                c.before.day < rp.today):
            continue
        home = Placement(c.before.day - rp.today, c.before.slot, c.session)
        after = None if c.after is None else Placement(c.after.day - rp.today,
                                                       c.after.slot, c.session)
        rest = [p for p in placements if p != after]
        if c.reason.startswith("its slot now holds"):
            occupant = c.reason.removeprefix("its slot now holds ").split(";")[0]
            assert any((p.day, p.slot, p.session) == (home.day, home.slot, occupant)
                       for p in rest), c
        elif c.reason.startswith("its slot is closed") or c.reason.startswith("missed in"):
            assert (home.day, home.slot) in rp.problem.closed_cells, c
        else:
            rule = c.reason.split(":")[0]
            assert rule in {v.rule for v in _breaks(rp.problem, [*rest, home])}, c
        checked += 1
    return checked


def test_every_move_s_reason_binds(week) -> None:
    problem, planned = week
    log = log_of({"day": 1, "slot": "am", "session": "intervals", "status": "moved",
                  "to_day": 3, "to_slot": "am"},
                 {"day": 0, "slot": slot_of(planned, 0, "easy_run"), "session": "easy_run",
                  "status": "missed"})
    rp = build_replan(problem, planned, log, 2)
    result = replan_week(rp)
    placements = [Placement(e.day - 2, problem.slot_index[e.slot], e.session)
                  for e in result.plan if e.day >= 2]
    assert reasons_bind(rp, placements) >= 1


@pytest.mark.parametrize(("rows", "today", "says"), [
    ([{"day": 1, "slot": "pm", "session": "tempo", "status": "done"}], 3,
     "the plan holds no tempo in pm on that day"),
    ([{"day": 1, "slot": "am", "session": "intervals", "status": "moved", "to_day": 3}], 3,
     "a moved session needs its new day"),
    ([{"date": "2027-03-09", "slot": "am", "session": "tempo", "status": "done"}], 3,
     "is outside the plan's week (2027-03-01 to 2027-03-07); is this the log of another"),
    ([], 9, "--today 9 is outside the plan's days 0..6"),
])
def test_bad_input_is_one_line(week, rows: list, today: int, says: str) -> None:
    problem, planned = week
    with pytest.raises(InputError) as caught:
        replan(problem, planned, log_of(*rows) if rows and "to_day" not in rows[0] else (
            _log_raw(rows) if rows else log_of()), today)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def _log_raw(rows: list):
    import tempfile
    from pathlib import Path

    import yaml

    from runlift.replan.log import read_log

    path = Path(tempfile.mkdtemp()) / "log.yaml"
    path.write_text(yaml.safe_dump(rows), encoding="utf-8")
    return read_log(path)


def test_a_spreadsheet_log_reads_like_a_yaml_one(week, tmp_path) -> None:
    from runlift.replan.log import read_log

    problem, planned = week
    path = tmp_path / "log.csv"
    path.write_bytes("\ufeffDate;Slot;Session;Status;Minutes\r\n2027-03-02;am;intervals;"
                     f"missed;\r\n;;;;\r\n2027-03-01;{slot_of(planned, 0, 'easy_run')};"
                     "easy_run;done;30\r\n".encode())
    log = read_log(path)
    assert [(e.status.value, e.minutes) for e in log.entries] == [("missed", None),
                                                                  ("done", 30)]
    assert log.lines == [2, 4]
    result = replan(problem, planned, log, 2)
    assert any(c.session == "intervals" and c.missed for c in result.changes)
