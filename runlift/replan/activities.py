"""What FIT activity files say happened, as log rows.

Each activity before today is matched to a session of the same day and kind (a run to a
run or a race, strength training to a lift, mobility to mobility, cross training to cross
training), the one whose slot starts nearest to the activity: a planned session the log
leaves out becomes `done`, with the activity's moving minutes and, where the file has one,
its RPE; a session the log itself says happened that day (done, moved there, or extra)
is that activity already, and the log's row stands. An activity that matches nothing is
an `extra` session of the type runlift.activities' SPORT_MAPPING gives it (a ride is
cross_training), in the slot that starts nearest to it. A planned session before today
that no activity matches is `missed`, unless the log file says otherwise: the log's own
rows always win. The log's notes say which activities fall outside the days before today
(they are left out) and what was wrong with a damaged file that was read all the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from runlift.activities import Activity, read_activities
from runlift.errors import InputError
from runlift.models.problem import Problem
from runlift.replan.log import Log, LogEntry, Status
from runlift.replan.problem import Planned

KIND_MATCHES = {"run": ("run", "race"), "strength": ("strength",), "mobility": ("mobility",),
                "cross": ("cross",)}
LISTED = 5  # files named in the note on the activities left out

# A session an activity can be: (day, slot, type, the planned id, or None for a session
# the log says happened).
Open = tuple[int, str, str, str | None]


def with_activities(log: Log | None, paths: Sequence[str], problem: Problem,
                    planned: list[Planned], today: int, zone: ZoneInfo | None = None
                    ) -> Log:
    """``log`` (or an empty one) with the rows the activity files add."""
    timeline = problem.timeline
    week_start = timeline.week_start
    if week_start is None:
        raise InputError("--activities needs dates: give the scenario a week_start")
    activities = read_activities(list(paths))
    entries = list(log.entries) if log is not None else []
    lines = list(log.lines) if log is not None else []
    notes = list(log.notes) if log is not None else []
    logged = _logged(log, problem, planned)
    sessions: list[Open] = [(p.day, p.slot, p.session, p.id) for p in planned
                            if p.id not in logged] + _happened(log, problem)
    taken: set[str] = set()
    used: list[Activity] = []
    left_out: list[tuple[Activity, dt.date]] = []
    for activity in activities:
        date = _local_date(activity, zone)
        day = (date - week_start).days
        if not 0 <= day < today:
            left_out.append((activity, date))
            continue
        used.append(activity)
        match = _matched(activity, day, problem, sessions)
        if match is None:
            entries.append(_extra(activity, day, problem))
            lines.append(None)
            continue
        sessions.remove(match)
        _, slot, session, ident = match
        if ident is not None:  # else it is a session the log already has a row for
            taken.add(ident)
            entries.append(LogEntry(day=day, slot=slot, session=session, status=Status.done,
                                    id=ident, **_effort(activity)))
            lines.append(None)
    for p in planned:
        if p.day < today and p.id not in logged | taken:
            entries.append(LogEntry(day=p.day, slot=p.slot, session=p.session,
                                    status=Status.missed, id=p.id))
            lines.append(None)
    notes += _left_out_note(left_out, problem, today) + _damage_notes(used)
    return Log(log.file if log is not None else "activities", entries, lines, notes)


def _day(problem: Problem, date: dt.date | None, token: int | str | None) -> int | None:
    """A log row's day, or None when it names none of the plan's (build_replan says
    what is wrong with it)."""
    timeline = problem.timeline
    if date is not None:
        return None if timeline.week_start is None else (date - timeline.week_start).days
    try:
        (day,) = timeline.days_named(token if token is not None else "", recurring=False)
    except ValueError:
        return None
    return day


def _logged(log: Log | None, problem: Problem, planned: list[Planned]) -> set[str]:
    """The planned sessions the log file already speaks of (as build_replan matches
    them: by id, or by day, slot and type)."""
    if log is None:
        return set()
    out = set()
    for e in log.entries:
        if e.status is Status.extra:
            continue
        day = _day(problem, e.date, e.day)
        for p in planned:
            if p.id == e.id if e.id is not None else (
                    (p.day, p.slot, p.session) == (day, e.slot, e.session)):
                out.add(p.id)
    return out


def _happened(log: Log | None, problem: Problem) -> list[Open]:
    """Where the log says a session happened: done, moved there, or extra."""
    out: list[Open] = []
    for e in log.entries if log is not None else []:
        if e.status is Status.moved and e.to_slot is not None:
            day, slot = _day(problem, e.to_date, e.to_day), e.to_slot
        elif e.status in (Status.done, Status.extra):
            day, slot = _day(problem, e.date, e.day), e.slot
        else:
            continue
        if day is not None and e.session in problem.catalog:
            out.append((day, slot, e.session, None))
    return out


def _left_out_note(left_out: list[tuple[Activity, dt.date]], problem: Problem,
                   today: int) -> list[str]:
    if not left_out:
        return []
    dates = problem.timeline.dates() or []
    days = f"{dates[0]} to {dates[today - 1]}" if today > 0 else "none: today is the first"
    files = list(dict.fromkeys(f"{a.source.name} ({date})" for a, date in left_out))
    more = f", and {len(files) - LISTED} more" if len(files) > LISTED else ""
    n = len(left_out)
    return [f"{n} activit{'y is' if n == 1 else 'ies are'} not on the days before today "
            f"({days}) and {'is' if n == 1 else 'are'} left out: "
            f"{', '.join(files[:LISTED])}{more}"]


def _damage_notes(activities: list[Activity]) -> list[str]:
    """What was wrong with each damaged file read all the same, once a file."""
    return list(dict.fromkeys(f"{a.source}: {note}" for a in activities for note in a.notes))


def _local_date(activity: Activity, zone: ZoneInfo | None) -> dt.date:
    if activity.local_start is not None:
        return activity.local_start.date()
    return activity.start.astimezone(zone).date() if zone else activity.start.date()


def _matched(activity: Activity, day: int, problem: Problem, sessions: list[Open]
             ) -> Open | None:
    """The session of the day and kind whose slot starts nearest to the activity; on a
    tie the earlier slot, and a session of the log before a planned one."""
    kinds = KIND_MATCHES.get(activity.kind.value, ())
    minute = _minute(activity)
    starts = {s.name: s.start for s in problem.slots}
    fits = [s for s in sessions if s[0] == day and s[1] in starts
            and problem.catalog[s[2]].kind.value in kinds]
    if not fits:
        return None
    return min(fits, key=lambda s: (abs(starts[s[1]] - minute), starts[s[1]], s[3] is not None))


def _minute(activity: Activity) -> int:
    start = activity.local_start or activity.start
    return start.hour * 60 + start.minute


def _effort(activity: Activity) -> dict[str, Any]:
    out: dict[str, Any] = {"minutes": max(1, min(600, round(activity.timer_minutes or
                                                            activity.elapsed_minutes)))}
    if activity.rpe is not None and activity.rpe >= 1:
        out["rpe"] = min(10, round(activity.rpe))
    return out


def _extra(activity: Activity, day: int, problem: Problem) -> LogEntry:
    session = activity.session_type or "cross_training"
    if session not in problem.catalog:
        session = "cross_training"
    minute = _minute(activity)
    slot = min(problem.slots, key=lambda s: (abs(s.start - minute), s.start)).name
    return LogEntry(day=day, slot=slot, session=session, status=Status.extra,
                    **_effort(activity))
