"""A placed plan in plain Python: the sessions of a horizon on their days and slots.

This is the ground truth that the checker, the metrics, the explanations of each
placement and the renderers read. It knows nothing of CP-SAT.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import chain, compress, groupby, repeat, starmap
from operator import attrgetter, eq
from typing import Any, TypeVar

from runlift.models.catalog import SessionType
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry
from runlift.models.timeline import format_time


@dataclass(frozen=True, order=True, slots=True)
class Placement:
    """A session of a type in a slot of a day (slot by index into the problem's slots)."""

    day: int
    slot: int
    session: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A placement with its session type and absolute times, in minutes from day 0.
    ``known``: a session before day 0 (done, from history, or a repeating template's
    previous copy), not part of the plan itself."""

    day: int
    slot: int
    type: SessionType
    start: int
    end: int
    load: int
    known: bool = False

    @property
    def session(self) -> str:
        return self.type.name


def _is_race(t: SessionType) -> bool:
    return t.kind == "race"


def hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def hours_short(gap_minutes: int, need_hours: int) -> int:
    """Whole hours short, rounded up: the soft cost unit of the hour-based rules."""
    short = need_hours * 60 - gap_minutes
    return 0 if short <= 0 else -(-short // 60)


# Sort keys and getters in C: a plan may have a million rows (the dataclass's own __lt__
# and the ``session`` property are Python).
_PLACEMENT_ORDER = attrgetter("day", "slot", "session")
_LOAD = attrgetter("load")
SESSION_NAME = attrgetter("type.name")  # a Placed's session, as ``p.session``

T = TypeVar("T")

# A test of a session type: the name of one of its properties ("heavy_legs",
# "is_key_run"), or a function of the type.
TypeTest = str | Callable[[SessionType], bool]


def session_names(sessions: Iterable[Placed]) -> list[str]:
    return list(map(SESSION_NAME, sessions))


Run = tuple[T, int]  # an object given that many times in a row


def _runs_in_order(placements: Iterable[Placement]) -> list[Run[Placement]]:
    """In day, slot and session order, as a stable sort puts them, each object with how
    many times it is given in a row. A plan file's rows alike are one Placement
    (runlift.scenario.planfile): each is sorted once, and counted, by its id (in C:
    hashing a dataclass is Python)."""
    items = list(placements)
    counts = Counter(map(id, items))
    ordered = sorted(dict(zip(map(id, items), items, strict=True)).values(),
                     key=_PLACEMENT_ORDER)
    keys = list(map(_PLACEMENT_ORDER, ordered))
    if any(map(eq, keys, keys[1:])):
        # Two objects alike (a day spelled 'mon' and '0'): the rules tell them apart
        # (``q is not p``), so they keep the order a stable sort of every row gives.
        runs: list[Run[Placement]] = []
        for _, group in groupby(sorted(items, key=_PLACEMENT_ORDER), key=id):
            run = list(group)
            runs.append((run[0], len(run)))
        return runs
    return list(zip(ordered, map(counts.__getitem__, map(id, ordered)), strict=True))


def _expanded(runs: Iterable[Run[T]]) -> list[T]:
    return list(chain.from_iterable(starmap(repeat, runs)))


def _runs_by_day(runs: Iterable[Run[Placed]]) -> dict[int, list[Run[Placed]]]:
    """Runs in time order, by day (a day's runs stay in order)."""
    out: dict[int, list[Run[Placed]]] = {}
    for day, group in groupby(runs, key=lambda run: run[0].day):
        out.setdefault(day, []).extend(group)
    return out


def _by_start(run: Run[Placed]) -> int:
    return run[0].start


# A repeating template is checked against copies of itself before day 0: enough of them
# to cover the longest reach of any rule (the hour rules reach back at most 28 days).
REPEAT_REACH_DAYS = 29


class PlacedPlan:
    """The sessions of one horizon, placed, with the facts the rules read from them.

    ``placed`` is the plan itself (days 0 .. days - 1). ``earlier`` holds what comes
    before day 0: the history sessions, or in a repeating template its own copies, one
    horizon apart, far enough back for every rule. ``on_day`` and the day facts answer
    for any day, so that a rule sees across the edge."""

    def __init__(self, problem: Problem, placements: Iterable[Placement]) -> None:
        self.problem = problem
        self._runs = _runs_in_order(placements)
        # What sessions_where and on_day_where found, by test.
        self._names: dict[TypeTest, set[str] | None] = {}
        self._where: dict[TypeTest, list[Placed]] = {}
        self._on_day_where: dict[TypeTest, dict[int, list[Placed]]] = {}

    @classmethod
    def from_entries(cls, problem: Problem, entries: Iterable[PlanEntry]) -> PlacedPlan:
        """The plan of a result (which names slots, not slot indices)."""
        index = problem.slot_index
        return cls(problem, [Placement(e.day, index[e.slot], e.session) for e in entries])

    @cached_property
    def placements(self) -> list[Placement]:
        """The plan's placements in day, slot and session order."""
        return _expanded(self._runs)

    @cached_property
    def counted(self) -> list[Run[Placed]]:
        """The plan's sessions in time order, each with how many times it is given in a
        row: a Placement given more than once (a plan file's repeated row is read once:
        runlift.scenario.planfile) is one Placed. A rule that counts counts these (a plan
        may have a million rows, and repeat one row as many times)."""
        catalog, start_of = self.problem.catalog, self.problem.start_minute
        made: dict[int, Placed] = {}  # by the Placement's id: one Placed however many runs
        out = []
        for p, n in self._runs:
            placed = made.get(id(p))
            if placed is None:
                stype = catalog[p.session]
                start = start_of(p.day, p.slot)
                placed = made[id(p)] = Placed(p.day, p.slot, stype, start,
                                              start + stype.minutes, stype.session_load)
            out.append((placed, n))
        return out

    @cached_property
    def placed(self) -> list[Placed]:
        """In time order: the placements are in day and slot order, and the slots in
        order of their start. A Placement given more than once gives one Placed, shared
        (``counted``): the rules pair sessions by their place in the list, never by
        identity."""
        return _expanded(self.counted)

    def has(self, placement: Placement) -> bool:
        """Whether the plan holds ``placement`` (a binary search: no set of a million)."""
        key = _PLACEMENT_ORDER(placement)
        i = bisect.bisect_left(self.placements, key, key=_PLACEMENT_ORDER)
        return i < len(self.placements) and _PLACEMENT_ORDER(self.placements[i]) == key

    @cached_property
    def earlier(self) -> list[Placed]:
        """What comes before day 0, in time order: history, or the template's copies."""
        return _expanded(self._earlier_counted)

    @cached_property
    def _earlier_counted(self) -> list[Run[Placed]]:
        problem = self.problem
        if problem.timeline.repeat:
            copies = -(-REPEAT_REACH_DAYS // problem.days) + 1
            shift = problem.days * 24 * 60
            return sorted(((replace(p, day=p.day - k * problem.days, start=p.start - k * shift,
                                    end=p.end - k * shift, known=True), n)
                           for k in range(1, copies + 1) for p, n in self.counted),
                          key=_by_start)
        out = []
        for k in problem.history:
            stype = problem.catalog[k.session]
            start = problem.start_minute(k.day, k.slot)
            out.append((Placed(k.day, k.slot, stype, start, start + k.minutes, k.load,
                               known=True), 1))
        return sorted(out, key=_by_start)

    @cached_property
    def everything(self) -> list[Placed]:
        """``earlier`` and the plan, in time order."""
        if not self._earlier_counted:
            return self.placed
        return _expanded(self._everything_counted)

    @cached_property
    def _everything_counted(self) -> list[Run[Placed]]:
        if not self._earlier_counted:
            return self.counted
        return sorted([*self._earlier_counted, *self.counted], key=_by_start)

    @cached_property
    def _everything_types(self) -> list[str]:
        """The type of each of ``_everything_counted``, by name."""
        return [p.type.name for p, _ in self._everything_counted]

    @cached_property
    def _counted_by_day(self) -> dict[int, list[Run[Placed]]]:
        return _runs_by_day(self._everything_counted)

    @cached_property
    def _by_day(self) -> dict[int, list[Placed]]:
        return {day: _expanded(runs) for day, runs in self._counted_by_day.items()}

    def on_day(self, day: int) -> list[Placed]:
        """The sessions of any day: the plan's, or before day 0 those of ``earlier``."""
        return self._by_day.get(day, [])

    def counted_on_day(self, day: int) -> list[Run[Placed]]:
        """``on_day``, each session once with how many times it is given (``counted``)."""
        return self._counted_by_day.get(day, [])

    def _passing(self, test: TypeTest) -> set[str] | None:
        """The names of the types that pass ``test``, None when all do."""
        if test not in self._names:
            catalog = self.problem.catalog
            names = {name for name, t in catalog.items()
                     if (getattr(t, test) if isinstance(test, str) else test(t))}
            self._names[test] = None if len(names) == len(catalog) else names
        return self._names[test]

    def _counted_where(self, test: TypeTest) -> list[Run[Placed]]:
        """``everything``, counted, whose type passes ``test``."""
        names = self._passing(test)
        if names is None:
            return self._everything_counted
        return list(compress(self._everything_counted,
                             map(names.__contains__, self._everything_types)))

    def sessions_where(self, test: TypeTest) -> list[Placed]:
        """The sessions of ``everything`` whose type passes ``test``, in time order. The
        test is asked once a type and the list kept: several rules ask alike, and a plan
        may have a million rows. Read it, never change it."""
        if test not in self._where:
            self._where[test] = (self.everything if self._passing(test) is None
                                 else _expanded(self._counted_where(test)))
        return self._where[test]

    def on_day_where(self, test: TypeTest, day: int) -> list[Placed]:
        """The sessions of any day whose type passes ``test``, in time order."""
        if self._passing(test) is None:
            return self.on_day(day)
        if test not in self._on_day_where:
            self._on_day_where[test] = {d: _expanded(runs) for d, runs in
                                        _runs_by_day(self._counted_where(test)).items()}
        return self._on_day_where[test].get(day, [])

    @property
    def days(self) -> range:
        return range(self.problem.days)

    def label(self, day: int) -> str:
        return self.problem.timeline.label(day)

    def where(self, p: Placed) -> str:
        """'lower_strength on tue pm'; a session before day 0 says where it comes from."""
        text = f"{p.session} on {self.problem.where(p.day, p.slot)}"
        if not p.known:
            return text
        return f"{text} (the template's previous copy)" if self.problem.timeline.repeat else (
            f"history: {text}")

    def whose(self, p: Placed) -> str:
        """"Tuesday's lower_strength"; "the lower_strength on Tuesday, day 8" in longer ones."""
        name = self.problem.timeline.day_name(p.day)
        return f"{name}'s {p.session}" if not self.problem.timeline.multi_week else (
            f"the {p.session} on {name}")

    def _days_where(self, test: str) -> list[int]:
        """Every day with a matching session, before day 0 included, in order."""
        return sorted({p.day for p, _ in self._counted_where(test)})

    @cached_property
    def all_hard_days(self) -> list[int]:
        """The hard days, those before day 0 included."""
        return self._days_where("is_hard")

    @cached_property
    def hard_days(self) -> list[int]:
        return [d for d in self.all_hard_days if d >= 0]

    @cached_property
    def busy_days(self) -> frozenset[int]:
        """Days, before day 0 included, that hold a session that breaks rest."""
        return frozenset(self._days_where("counts_for_rest"))

    @cached_property
    def rest_days(self) -> list[int]:
        return [d for d in self.days if d not in self.busy_days]

    @cached_property
    def key_run_days(self) -> list[int]:
        """The days with a key run, those before day 0 included."""
        return self._days_where("is_key_run")

    @cached_property
    def race_days(self) -> list[int]:
        """Days of races in the plan, and of race_date (which may lie beyond it)."""
        days = {p.day for p in self.sessions_where(_is_race) if not p.known}
        if self.problem.race_date_day is not None:
            days.add(self.problem.race_date_day)
        return sorted(days)

    def race_label(self, day: int) -> str:
        """A race day's name; race_date may lie beyond the horizon, so give its date too."""
        timeline = self.problem.timeline
        if day < self.problem.days:
            return self.label(day)
        date = timeline.date(day)
        return f"{timeline.weekday(day)} {date}" if date else f"day {day}"

    @cached_property
    def _daily_load(self) -> list[int]:
        return [self.load_on(d) for d in self.days]

    def daily_load(self) -> list[int]:
        return list(self._daily_load)

    def load_on(self, day: int) -> int:
        """The load of any day, before day 0 included."""
        return sum(map(_LOAD, self.on_day(day)))

    def entries(self) -> list[PlanEntry]:
        """The plan as output entries, in day and slot order, each with its id. A plan
        with more sessions than the horizon has slots (a hand-made one that cannot work,
        possibly a million rows) gets no ids: they name sessions of a plan one can follow,
        and its entries stay shared, one object per row alike."""
        entries = self._entries(self.counted)
        if len(entries) > self.problem.days * len(self.problem.slots):
            return entries
        seen: dict[str, int] = {}
        out = []
        for entry in entries:
            seen[entry.session] = seen.get(entry.session, 0) + 1
            out.append(entry.model_copy(update={"id": f"{entry.session}-{seen[entry.session]}"}))
        return out

    def history_entries(self) -> list[PlanEntry]:
        """The history sessions as output entries (days before 0), in time order."""
        return [] if self.problem.timeline.repeat else self._entries(self._earlier_counted)

    def _entries(self, sessions: list[Run[Placed]]) -> list[PlanEntry]:
        """One entry per session; a Placed given more than once (see ``counted``) gives
        one entry, shared (entries are frozen). The fields of each day, slot and type are
        made once: a plan may have a million rows."""
        timeline = self.problem.timeline
        days: dict[int, dict[str, Any]] = {}
        slots = [{"slot": slot.name, "start": format_time(slot.start)}
                 for slot in self.problem.slots]
        types: dict[str, dict[str, Any]] = {}
        validate = PlanEntry.__pydantic_validator__.validate_python
        made: dict[int, PlanEntry] = {}  # by the Placed's id: one entry however many runs
        runs: list[Run[PlanEntry]] = []
        for p, n in sessions:
            if id(p) in made:
                runs.append((made[id(p)], n))
                continue
            if p.day not in days:
                on = timeline.date(p.day)
                days[p.day] = {"day": p.day, "weekday": timeline.weekday(p.day),
                               "date": str(on) if on else None}
            stype = p.type
            if stype.name not in types:
                types[stype.name] = {
                    "session": stype.name, "kind": stype.kind.value,
                    "intensity": stype.intensity.value, "key": stype.is_key_run,
                    "heavy_legs": stype.heavy_legs, "muscles": list(stype.muscles)}
            made[id(p)] = validate({**days[p.day], **slots[p.slot], **types[stype.name],
                                    "minutes": p.end - p.start, "load": p.load})
            runs.append((made[id(p)], n))
        return _expanded(runs)
