"""What FIT activity files say happened, as log rows.

Each activity before today is matched to a planned session of the same day and kind
(a run to a run or a race, strength training to a lift, mobility to mobility, cross
training to cross training), earliest planned slot first: it becomes that session,
`done`, with the activity's moving minutes and, where the file has one, its RPE. An
activity that matches nothing is an `extra` session of the type runlift.activities'
SPORT_MAPPING gives it (a ride is cross_training), in the slot that starts nearest to
it. A planned session before today that no activity matches is `missed`, unless the log
file says otherwise: the log's own rows always win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from runlift.activities import Activity, read_activities
from runlift.errors import InputError
from runlift.models.problem import Problem
from runlift.replan.log import Log, LogEntry, Status
from runlift.replan.problem import Planned

KIND_MATCHES = {"run": ("run", "race"), "strength": ("strength",), "mobility": ("mobility",),
                "cross": ("cross",)}


def with_activities(log: Log | None, paths: Sequence[str], problem: Problem,
                    planned: list[Planned], today: int, zone: ZoneInfo | None = None
                    ) -> Log:
    """``log`` (or an empty one) with the rows the activity files add."""
    timeline = problem.timeline
    if timeline.week_start is None:
        raise InputError("--activities needs dates: give the scenario a week_start")
    activities = read_activities(list(paths))
    entries = list(log.entries) if log is not None else []
    lines = list(log.lines) if log is not None else []
    logged = _logged(log, problem, planned)
    taken: set[str] = set()
    for activity in activities:
        day = (_local_date(activity, zone) - timeline.week_start).days
        if not 0 <= day < today:
            continue
        entry = _matched(activity, day, problem, planned, logged | taken)
        if entry is not None:
            taken.add(entry[0])
            entries.append(entry[1])
        else:
            entries.append(_extra(activity, day, problem))
        lines.append(None)
    for p in planned:
        if p.day < today and p.id not in logged | taken:
            entries.append(LogEntry(day=p.day, slot=p.slot, session=p.session,
                                    status=Status.missed, id=p.id))
            lines.append(None)
    return Log(log.file if log is not None else "activities", entries, lines)


def _logged(log: Log | None, problem: Problem, planned: list[Planned]) -> set[str]:
    """The planned sessions the log file already speaks of."""
    if log is None:
        return set()
    out = set()
    for e in log.entries:
        day = (e.date - problem.timeline.week_start).days if e.date and \
            problem.timeline.week_start else e.day
        for p in planned:
            if p.id == e.id or (p.day, p.slot, p.session) == (day, e.slot, e.session):
                out.add(p.id)
    return out


def _local_date(activity: Activity, zone: ZoneInfo | None) -> dt.date:
    if activity.local_start is not None:
        return activity.local_start.date()
    return activity.start.astimezone(zone).date() if zone else activity.start.date()


def _matched(activity: Activity, day: int, problem: Problem, planned: list[Planned],
             used: set[str]) -> tuple[str, LogEntry] | None:
    kinds = KIND_MATCHES.get(activity.kind.value, ())
    order = problem.slot_index
    for p in sorted(planned, key=lambda p: order[p.slot]):
        if p.day == day and p.id not in used and \
                problem.catalog[p.session].kind.value in kinds:
            return p.id, LogEntry(day=day, slot=p.slot, session=p.session, status=Status.done,
                                  id=p.id, **_effort(activity))
    return None


def _effort(activity: Activity) -> dict[str, int]:
    out = {"minutes": max(1, min(600, round(activity.timer_minutes or
                                            activity.elapsed_minutes)))}
    if activity.rpe is not None and activity.rpe >= 1:
        out["rpe"] = min(10, round(activity.rpe))
    return out


def _extra(activity: Activity, day: int, problem: Problem) -> LogEntry:
    session = activity.session_type or "cross_training"
    if session not in problem.catalog:
        session = "cross_training"
    start = activity.local_start or activity.start
    minute = start.hour * 60 + start.minute
    slot = min(problem.slots, key=lambda s: (abs(s.start - minute), s.start)).name
    return LogEntry(day=day, slot=slot, session=session, status=Status.extra,
                    **_effort(activity))
