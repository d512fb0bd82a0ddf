"""A placed plan in plain Python: the sessions of a horizon on their days and slots.

This is the ground truth that the checker, the metrics, the explanations of each
placement and the renderers read. It knows nothing of CP-SAT.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from operator import attrgetter

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


def hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def hours_short(gap_minutes: int, need_hours: int) -> int:
    """Whole hours short, rounded up: the soft cost unit of the hour-based rules."""
    short = need_hours * 60 - gap_minutes
    return 0 if short <= 0 else -(-short // 60)


# Sort keys in C: a plan may have a million rows (the dataclass's own __lt__ is Python).
_PLACEMENT_ORDER = attrgetter("day", "slot", "session")
_BY_START = attrgetter("start")

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
        self.placements = sorted(placements, key=_PLACEMENT_ORDER)

    @classmethod
    def from_entries(cls, problem: Problem, entries: Iterable[PlanEntry]) -> PlacedPlan:
        """The plan of a result (which names slots, not slot indices)."""
        index = problem.slot_index
        return cls(problem, [Placement(e.day, index[e.slot], e.session) for e in entries])

    @cached_property
    def placed(self) -> list[Placed]:
        """In time order: the placements are in day and slot order, and the slots in
        order of their start. A Placement given more than once (a plan file's repeated
        row is read once: runlift.scenario.planfile) gives one Placed, shared: the rules
        pair sessions by their place in the list, never by identity."""
        catalog, start_of = self.problem.catalog, self.problem.start_minute
        made: dict[int, Placed] = {}  # by id: hashing a dataclass is slow, a million times
        out = []
        for p in self.placements:
            placed = made.get(id(p))
            if placed is None:
                stype = catalog[p.session]
                start = start_of(p.day, p.slot)
                placed = made[id(p)] = Placed(p.day, p.slot, stype, start,
                                              start + stype.minutes, stype.session_load)
            out.append(placed)
        return out

    @cached_property
    def earlier(self) -> list[Placed]:
        """What comes before day 0, in time order: history, or the template's copies."""
        problem = self.problem
        if problem.timeline.repeat:
            copies = -(-REPEAT_REACH_DAYS // problem.days) + 1
            shift = problem.days * 24 * 60
            return sorted((replace(p, day=p.day - k * problem.days, start=p.start - k * shift,
                                   end=p.end - k * shift, known=True)
                           for k in range(1, copies + 1) for p in self.placed),
                          key=_BY_START)
        out = []
        for k in problem.history:
            stype = problem.catalog[k.session]
            start = problem.start_minute(k.day, k.slot)
            out.append(Placed(k.day, k.slot, stype, start, start + k.minutes, k.load,
                              known=True))
        return sorted(out, key=_BY_START)

    @cached_property
    def everything(self) -> list[Placed]:
        """``earlier`` and the plan, in time order."""
        if not self.earlier:
            return self.placed
        return sorted([*self.earlier, *self.placed], key=_BY_START)

    @cached_property
    def _by_day(self) -> dict[int, list[Placed]]:
        by_day: dict[int, list[Placed]] = defaultdict(list)
        for p in self.everything:
            by_day[p.day].append(p)
        return by_day

    def on_day(self, day: int) -> list[Placed]:
        """The sessions of any day: the plan's, or before day 0 those of ``earlier``."""
        return self._by_day.get(day, [])

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
        return sorted(d for d, sessions in self._by_day.items()
                      if any(getattr(p.type, test) for p in sessions))

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
        days = {p.day for p in self.placed if p.type.kind == "race"}
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

    def daily_load(self) -> list[int]:
        return [sum(p.load for p in self.on_day(d)) for d in self.days]

    def load_on(self, day: int) -> int:
        """The load of any day, before day 0 included."""
        return sum(p.load for p in self.on_day(day))

    def entries(self) -> list[PlanEntry]:
        """The plan as output entries, in day and slot order, each with its id. A plan
        with more sessions than the horizon has slots (a hand-made one that cannot work,
        possibly a million rows) gets no ids: they name sessions of a plan one can follow,
        and its entries stay shared, one object per row alike."""
        entries = self._entries(self.placed)
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
        return [] if self.problem.timeline.repeat else self._entries(self.earlier)

    def _entries(self, sessions: list[Placed]) -> list[PlanEntry]:
        """One entry per session; a Placed listed more than once (see ``placed``) gives
        one entry, shared (entries are frozen). The names of each day and slot are made
        once: a plan may have a million rows."""
        timeline = self.problem.timeline
        days: dict[int, tuple[str, str | None]] = {}
        slots = [(slot.name, format_time(slot.start)) for slot in self.problem.slots]
        validate = PlanEntry.__pydantic_validator__.validate_python
        made: dict[int, PlanEntry] = {}
        out = []
        for p in sessions:
            entry = made.get(id(p))
            if entry is None:
                if p.day not in days:
                    on = timeline.date(p.day)
                    days[p.day] = (timeline.weekday(p.day), str(on) if on else None)
                (weekday, date), (slot, start) = days[p.day], slots[p.slot]
                stype = p.type
                entry = made[id(p)] = validate({
                    "day": p.day, "weekday": weekday, "date": date, "slot": slot,
                    "start": start, "session": stype.name, "kind": stype.kind.value,
                    "intensity": stype.intensity.value, "minutes": p.end - p.start,
                    "load": p.load, "key": stype.is_key_run, "heavy_legs": stype.heavy_legs,
                    "muscles": list(stype.muscles)})
            out.append(entry)
        return out
