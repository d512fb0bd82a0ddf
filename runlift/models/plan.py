"""A placed plan in plain Python: the sessions of a horizon on their days and slots.

This is the ground truth that the checker, the metrics, the explanations of each
placement and the renderers read. It knows nothing of CP-SAT.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from runlift.models.catalog import SessionType
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry
from runlift.models.timeline import format_time


@dataclass(frozen=True, order=True)
class Placement:
    """A session of a type in a slot of a day (slot by index into the problem's slots)."""

    day: int
    slot: int
    session: str


@dataclass(frozen=True)
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
        self.placements = sorted(placements)

    @classmethod
    def from_entries(cls, problem: Problem, entries: Iterable[PlanEntry]) -> PlacedPlan:
        """The plan of a result (which names slots, not slot indices)."""
        index = problem.slot_index
        return cls(problem, [Placement(e.day, index[e.slot], e.session) for e in entries])

    @cached_property
    def placed(self) -> list[Placed]:
        catalog, out = self.problem.catalog, []
        for p in self.placements:
            stype = catalog[p.session]
            start = self.problem.start_minute(p.day, p.slot)
            out.append(Placed(p.day, p.slot, stype, start, start + stype.minutes,
                              stype.session_load))
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
                          key=lambda p: p.start)
        out = []
        for k in problem.history:
            stype = problem.catalog[k.session]
            start = problem.start_minute(k.day, k.slot)
            out.append(Placed(k.day, k.slot, stype, start, start + k.minutes, k.load,
                              known=True))
        return sorted(out, key=lambda p: p.start)

    @cached_property
    def everything(self) -> list[Placed]:
        """``earlier`` and the plan, in time order."""
        return sorted([*self.earlier, *self.placed], key=lambda p: p.start)

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
        """The plan as output entries, in day and slot order, each with its id."""
        seen: dict[str, int] = {}
        out = []
        for entry in self._entries(self.placed):
            seen[entry.session] = seen.get(entry.session, 0) + 1
            out.append(entry.model_copy(update={"id": f"{entry.session}-{seen[entry.session]}"}))
        return out

    def history_entries(self) -> list[PlanEntry]:
        """The history sessions as output entries (days before 0), in time order."""
        return [] if self.problem.timeline.repeat else self._entries(self.earlier)

    def _entries(self, sessions: list[Placed]) -> list[PlanEntry]:
        problem, timeline = self.problem, self.problem.timeline
        out = []
        for p in sessions:
            date = timeline.date(p.day)
            slot = problem.slots[p.slot]
            out.append(PlanEntry(
                day=p.day, weekday=timeline.weekday(p.day), date=str(date) if date else None,
                slot=slot.name, start=format_time(slot.start), session=p.session,
                kind=p.type.kind.value, intensity=p.type.intensity.value,
                minutes=p.end - p.start, load=p.load, key=p.type.is_key_run,
                heavy_legs=p.type.heavy_legs, muscles=list(p.type.muscles),
            ))
        return out
