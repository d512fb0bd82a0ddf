"""A lived week resolved for re-planning: what happened before today is history, what is
still planned is the reference, and the remaining days are a problem of their own.

The remaining horizon starts on `today` (its day 0). Everything before it is history, as
logged: done (with the actual minutes or load), moved, or extra; a planned session before
today that the log does not mention was done as planned. From today on, the problem asks
for the still-planned sessions and the missed ones, every one of them optional (the
objective keeps as many as the rules allow), with the pins of the week and the moves and
extras the log pins from today on. A `missed` row on a day from today on closes that slot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from runlift.errors import InputError
from runlift.models.errors import did_you_mean
from runlift.models.plan import Placement
from runlift.models.problem import FixedPlacement, KnownSession, Problem, Unavailability
from runlift.models.timeline import WEEK_DAYS, Timeline
from runlift.replan.log import Log, LogEntry, Status


class KeepClass(StrEnum):
    """What is kept first when not every session fits."""

    key_runs = "key_runs"
    heavy_legs = "heavy_legs"
    rest = "rest"


DEFAULT_KEEP_ORDER = (KeepClass.key_runs, KeepClass.heavy_legs, KeepClass.rest)
# Each class outweighs every session of the classes after it: a week holds far fewer
# than 100 sessions of one class.
CLASS_WEIGHTS = (10_000, 100, 1)


@dataclass(frozen=True)
class Planned:
    """A session of the plan being followed, on a day of its horizon."""

    id: str
    day: int
    slot: str
    session: str
    sequence: int = 0  # how often a replan has moved it (a calendar's SEQUENCE)


@dataclass(frozen=True)
class Happened:
    """A session done before today, as history of the remaining days."""

    day: int  # of the original horizon
    slot: str
    session: str
    minutes: int
    load: int
    # done, moved, extra, assumed (done as planned, not in the log); dropped: a cancelled
    # session at its planned place
    state: Literal["done", "moved", "extra", "assumed", "dropped"]
    id: str | None = None


@dataclass
class ReplanProblem:
    """The week to re-plan: the original problem, the plan followed, what happened, and
    the remaining days as a problem (day 0 = today)."""

    original: Problem
    today: int
    planned: list[Planned]
    happened: list[Happened]
    problem: Problem
    reference: dict[Placement, str]  # still-planned sessions (remaining days) -> id
    missed: list[Planned]  # to keep again, where the rules allow
    pinned: dict[Placement, str]  # moves and extras the log pins from today on -> id
    keep_order: tuple[KeepClass, ...] = DEFAULT_KEEP_ORDER
    notes: list[str] = field(default_factory=list)

    def weight_of(self, session: str) -> int:
        """How much keeping one session of this type is worth (see CLASS_WEIGHTS)."""
        return CLASS_WEIGHTS[self.keep_order.index(keep_class(self.problem, session))]

    @property
    def assumed(self) -> list[Happened]:
        return [h for h in self.happened if h.state == "assumed"]


def keep_class(problem: Problem, session: str) -> KeepClass:
    stype = problem.catalog[session]
    if stype.is_key_run or stype.kind.value == "race":
        return KeepClass.key_runs
    if stype.heavy_legs:
        return KeepClass.heavy_legs
    return KeepClass.rest


def build_replan(original: Problem, planned: list[Planned], log: Log, today: int,
                 keep_order: Sequence[KeepClass] = DEFAULT_KEEP_ORDER,
                 today_text: str = "") -> ReplanProblem:
    """The week after ``log``, to be re-planned from day ``today`` of ``original``."""
    if not 0 <= today < original.days:
        raise InputError(f"--today {today_text or today} is outside the plan's days "
                         f"0..{original.days - 1}" + _dates_of(original))
    rows = [_resolved(original, log, i, e) for i, e in enumerate(log.entries)]
    matched = _match(planned, rows, log)
    happened, missed, pins, closed = _sort_out(original, planned, rows, matched, today, log)
    reference_planned = [p for p in planned if p.day >= today and p.id not in matched]
    fixed_ids = _pinned_ids(original, planned)
    remaining = _remaining(original, today, happened, reference_planned, missed, pins, closed,
                           fixed_ids)
    index = original.slot_index
    reference = {Placement(p.day - today, index[p.slot], p.session): p.id
                 for p in reference_planned if p.id not in fixed_ids}
    pinned = {Placement(d - today, index[s], t): i for (d, s, t, i) in pins}
    notes = []
    assumed = [h for h in happened if h.state == "assumed"]
    if assumed:
        notes.append("not in the log, so taken as done as planned: " + ", ".join(
            f"{h.session} {original.where(h.day, index[h.slot])}" for h in assumed))
    return ReplanProblem(original, today, planned, happened, remaining, reference, missed,
                         pinned, tuple(keep_order), notes)


def _dates_of(problem: Problem) -> str:
    dates = problem.timeline.dates()
    return f" ({dates[0]} to {dates[-1]})" if dates else ""


@dataclass(frozen=True)
class _Row:
    """A log row with its days resolved."""

    index: int
    entry: LogEntry
    day: int
    to_day: int | None


def _resolved(problem: Problem, log: Log, i: int, e: LogEntry) -> _Row:
    day = _day(problem, log, i, "date" if e.date is not None else "day", e.date, e.day)
    to_day = None
    if e.status is Status.moved:
        to_day = _day(problem, log, i, "to_date" if e.to_date is not None else "to_day",
                      e.to_date, e.to_day)
    if e.session not in problem.catalog:
        raise log.error(i, "session", f"unknown session type {e.session!r}"
                        + did_you_mean(e.session, problem.catalog))
    for field_name, slot in (("slot", e.slot), ("to_slot", e.to_slot)):
        if slot is not None and slot not in problem.slot_index:
            raise log.error(i, field_name, f"unknown slot {slot!r}: expected one of "
                            f"{', '.join(problem.slot_index)}"
                            + did_you_mean(slot, problem.slot_index))
    return _Row(i, e, day, to_day)


def _day(problem: Problem, log: Log, i: int, field_name: str, date: dt.date | None,
         token: int | str | None) -> int:
    timeline = problem.timeline
    if date is not None:
        if timeline.week_start is None:
            raise log.error(i, field_name, "the plan has no dates (no week_start): give the "
                            "day instead")
        day = (date - timeline.week_start).days
        if not 0 <= day < problem.days:
            raise log.error(i, field_name, f"{date} is outside the plan's week"
                            + _dates_of(problem) + "; is this the log of another week?")
        return day
    try:
        (day,) = timeline.days_named(token if token is not None else "", recurring=False)
    except ValueError as exc:
        raise log.error(i, field_name, str(exc)) from None
    return day


def _match(planned: list[Planned], rows: list[_Row], log: Log) -> dict[str, _Row]:
    """Each done, missed or moved row with the planned session it is about (by id, or by
    day, slot and type)."""
    out: dict[str, _Row] = {}
    for row in rows:
        e = row.entry
        if e.status is Status.extra:
            continue
        candidates = [p for p in planned if p.id not in out and (
            p.id == e.id if e.id is not None else
            (p.day, p.slot, p.session) == (row.day, e.slot, e.session))]
        if not candidates:
            what = f"id {e.id!r}" if e.id is not None else f"{e.session} in {e.slot}"
            raise log.error(row.index, "session", f"the plan holds no {what} on that day; "
                            "log a session it does not hold as extra")
        out[candidates[0].id] = row
    return out


def _sort_out(problem: Problem, planned: list[Planned], rows: list[_Row],
              matched: dict[str, _Row], today: int, log: Log
              ) -> tuple[list[Happened], list[Planned], list[tuple[int, str, str, str]],
                         list[tuple[int, str]]]:
    """What happened before today, what was missed, what the log pins from today on, and
    the slots it closes."""
    happened: list[Happened] = []
    missed: list[Planned] = []
    pins: list[tuple[int, str, str, str]] = []  # day, slot, session, id
    closed: list[tuple[int, str]] = []
    for p in planned:
        row = matched.get(p.id)
        if row is None:
            if p.day < today:
                happened.append(_happened(problem, p.day, p.slot, p.session, None, "assumed",
                                          p.id))
            continue
        e = row.entry
        if e.status is Status.done:
            if p.day >= today:
                raise log.error(row.index, "status", f"{problem.where(p.day, 0).split()[0]} "
                                "is not before --today: a session from today on cannot be "
                                "done yet")
            happened.append(_happened(problem, p.day, p.slot, p.session, e, "done", p.id))
        elif e.status is Status.missed:
            missed.append(p)
            if p.day >= today:
                closed.append((p.day, p.slot))
        else:  # moved
            assert row.to_day is not None and e.to_slot is not None
            if row.to_day < today:
                happened.append(_happened(problem, row.to_day, e.to_slot, p.session, e,
                                          "moved", p.id))
            else:
                pins.append((row.to_day, e.to_slot, p.session, p.id))
    extras = 0
    for row in rows:
        if row.entry.status is not Status.extra:
            continue
        extras += 1
        e, ident = row.entry, row.entry.id or f"extra-{extras}"
        if row.day < today:
            happened.append(_happened(problem, row.day, e.slot, e.session, e, "extra", ident))
        else:
            pins.append((row.day, e.slot, e.session, ident))
    return happened, missed, pins, closed


def _happened(problem: Problem, day: int, slot: str, session: str, e: LogEntry | None,
              state: Literal["done", "moved", "extra", "assumed"], ident: str | None
              ) -> Happened:
    stype = problem.catalog[session]
    minutes = e.minutes if e is not None and e.minutes is not None else stype.minutes
    if e is not None and e.load is not None:
        load = e.load  # as logged
    elif e is not None and (e.rpe is not None or e.minutes is not None):
        load = (e.rpe if e.rpe is not None else stype.rpe) * minutes  # session-RPE
    else:
        load = stype.session_load  # as planned
    return Happened(day, slot, session, minutes, load, state, ident)


def _pinned_ids(problem: Problem, planned: list[Planned]) -> set[str]:
    """The planned sessions that are the week's own pins (they stay pinned)."""
    pins = {(f.day, problem.slots[f.slot].name, f.session) for f in problem.fixed}
    return {p.id for p in planned if (p.day, p.slot, p.session) in pins}


def _remaining(problem: Problem, today: int, happened: list[Happened],
               reference: list[Planned], missed: list[Planned],
               pins: list[tuple[int, str, str, str]], closed: list[tuple[int, str]],
               fixed_ids: set[str]) -> Problem:
    """Days today .. end as a problem of their own."""
    index = problem.slot_index
    timeline = problem.timeline
    history = _history(problem, today, happened)
    shifted = Timeline(timeline.days - today, timeline.date(today),
                       history_days=-min((k.day for k in history), default=0),
                       weekday_offset=(timeline.first_weekday + today) % WEEK_DAYS)
    demand: dict[str, int] = {}
    for p in [*[r for r in reference if r.id not in fixed_ids], *missed]:
        demand[p.session] = demand.get(p.session, 0) + 1
    fixed = [FixedPlacement(i, f.session, f.day - today, f.slot, f.name)
             for i, f in enumerate(f for f in problem.fixed if f.day >= today)]
    fixed += [FixedPlacement(len(fixed) + i, t, d - today, index[s])
              for i, (d, s, t, _) in enumerate(pins)]
    unavailable = [Unavailability(u.index, u.text, tuple((d - today, s) for d, s in u.cells
                                                         if d >= today))
                   for u in problem.unavailable]
    unavailable += [Unavailability(len(problem.unavailable) + i, f"missed {s}",
                                   ((d - today, index[s]),)) for i, (d, s) in enumerate(closed)]
    return dataclasses.replace(
        problem, timeline=shifted, demand=dict(sorted(demand.items())), fixed=tuple(fixed),
        unavailable=tuple(u for u in unavailable if u.cells), history=history,
        race_days=tuple(d - today for d in problem.race_days),
        race_date_day=None if problem.race_date_day is None else problem.race_date_day - today,
        prefer={t: frozenset((d - today, s) for d, s in cells if d >= today)
                for t, cells in problem.prefer.items()},
        avoid=tuple(dataclasses.replace(a, cells=tuple((d - today, s) for d, s in a.cells
                                                       if d >= today))
                    for a in problem.avoid),
        optional=dict(sorted(demand.items())))


def _history(problem: Problem, today: int, happened: list[Happened]) -> tuple[KnownSession,
                                                                            ...]:
    index = problem.slot_index
    known = [(k.day - today, k.slot, k.session, k.minutes, k.load) for k in problem.history]
    known += [(h.day - today, index[h.slot], h.session, h.minutes, h.load) for h in happened]
    known.sort()
    return tuple(KnownSession(i, d, s, t, m, load) for i, (d, s, t, m, load) in
                 enumerate(known))
