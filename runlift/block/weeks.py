"""From a block file to its weeks: their length, phase, deload and taper marks, and the
scenario each one is (base week + phase overlay + deload overlay + week override).

Weeks are 7-day spans from ``start``: week k is days 7(k-1) .. 7k-1. With a race, the
block ends on race day, so the last week may be shorter.

Without ``phases``, they are derived from the block's length: with a race, a taper of 2
weeks (1 in a block of 3 to 5 weeks), a peak of 3 weeks (2 in a block under 12 weeks, 1
under 6), and the rest split between base and build (base takes the odd week). Without
a race (an off-season block) every week is base. Heavy-legs strength then follows the
advice the product grew from: build it in base (at least two heavy sessions a week),
keep two in build, one in peak (maintenance), and none in the taper beyond what
taper_days allows (a first taper week that starts outside taper_days keeps one).
Given phases replace all of this: their overlays say what each phase holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from runlift.models.errors import ScenarioValueError
from runlift.models.timeline import WEEKDAYS
from runlift.scenario.overlay import merge

if TYPE_CHECKING:
    from runlift.block.model import BlockFile, Scale

WEEK = 7
MAX_WEEKS = 52  # a block's most weeks (a year)
Loc = tuple[str | int, ...]
HEAVY_ORDER = ("lower_strength", "posterior_chain", "plyometrics")  # kept first to last
DEFAULT_TAPER_DAYS = 10


@dataclass(frozen=True)
class WeekSpec:
    """One week of the block: where it sits, what kind of week it is, and its scenario."""

    number: int  # 1-based
    first_day: int  # day of the block
    days: int  # 7, or fewer for a race week that ends on race day
    phase: str
    deload: bool
    taper: bool
    data: dict[str, Any]  # the week's scenario, counts from ranges at their least
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> [least, most]
    scaled: dict[str, Scale] = field(default_factory=dict)  # type -> minutes to choose from
    sources: dict[str, Loc] = field(default_factory=dict)  # sessions.TYPE -> block path
    race_day: int | None = None  # within the week, when the race is in it
    # The reference week of the progression guardrails: the latest earlier week that is
    # neither a deload nor a taper week (its number); 0 for history's last full week;
    # None when there is none.
    ref: int | None = None

    @property
    def label(self) -> str:
        marks = [self.phase] + (["deload"] if self.deload else [])
        return f"week {self.number} ({', '.join(marks)})"

    def date(self, start: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.first_day)


def block_length(block: BlockFile) -> int:
    """The number of weeks: from the race date, or ``weeks``. Raises for a race before the
    start, a block longer than 52 weeks, a race and ``weeks`` that disagree, or phases
    that do not add up."""
    if block.race is not None:
        offset = (block.race.date - block.start).days
        if offset < 0:
            raise ScenarioValueError(("race", "date"), f"the race on {block.race.date} is "
                                     f"before the block starts ({block.start})")
        weeks = offset // WEEK + 1
        if weeks > MAX_WEEKS:
            raise ScenarioValueError(("race", "date"), f"the race is {weeks} weeks after "
                                     f"the start; a block holds at most {MAX_WEEKS} weeks")
        if block.weeks is not None and block.weeks != weeks:
            raise ScenarioValueError(("weeks",), f"weeks says {block.weeks}, but the race "
                                     f"on {block.race.date} is in week {weeks}")
    elif block.weeks is not None:
        weeks = block.weeks
    else:
        raise ScenarioValueError(("race",), "give a race (the block ends on it) or weeks")
    phase_weeks(block, weeks)
    for number in block.weeks_override:
        if not 1 <= number <= weeks:
            raise ScenarioValueError(("weeks_override", number), f"week {number} is outside "
                                     f"the block's weeks 1..{weeks}")
    return weeks


def phase_weeks(block: BlockFile, weeks: int) -> list[str]:
    """The phase of each week, in order."""
    if block.phases is None:
        return _derived_phases(weeks, block.race is not None)
    given = [p.weeks for p in block.phases]
    open_phases = [i for i, w in enumerate(given) if w is None]
    if len(open_phases) > 1:
        raise ScenarioValueError(("phases", open_phases[1], "weeks"), "only one phase may "
                                 "leave out weeks (it takes the rest)")
    fixed = sum(w for w in given if w is not None)
    rest = weeks - fixed
    if (open_phases and rest < 1) or (not open_phases and rest != 0):
        raise ScenarioValueError(("phases",), f"the phases add up to {fixed} weeks"
                                 + (" and leave none for the open phase" if open_phases else "")
                                 + f", but the block has {weeks}")
    out: list[str] = []
    for phase in block.phases:
        out += [phase.name] * (phase.weeks if phase.weeks is not None else rest)
    return out


def _derived_phases(weeks: int, race: bool) -> list[str]:
    if not race:
        return ["base"] * weeks
    taper = 2 if weeks >= 6 else (1 if weeks >= 3 else 0)
    peak = 3 if weeks >= 12 else (2 if weeks >= 6 else (1 if weeks >= 2 else 0))
    rest = weeks - taper - peak
    base = -(-rest // 2)
    return ["base"] * base + ["build"] * (rest - base) + ["peak"] * peak + ["taper"] * taper


def race_day(block: BlockFile) -> int | None:
    return None if block.race is None else (block.race.date - block.start).days


def week_specs(block: BlockFile, history_weeks: int = 0) -> list[WeekSpec]:
    """Every week of the block, with its scenario (not yet validated). ``history_weeks``:
    how many full weeks of history come before week 1 (for week 1's reference)."""
    weeks = block_length(block)
    phases = phase_weeks(block, weeks)
    race = race_day(block)
    deload_every = block.progression.get("deload_every", 4)
    specs = []
    for k in range(1, weeks + 1):
        first = WEEK * (k - 1)
        days = WEEK if race is None else min(WEEK, race - first + 1)
        taper = phases[k - 1] == "taper"
        deload = bool(deload_every) and k % deload_every == 0 and not taper
        specs.append(_spec(block, k, first, days, phases[k - 1], deload, taper, race))
    return _with_references(specs, history_weeks)


def _with_references(specs: list[WeekSpec], history_weeks: int) -> list[WeekSpec]:
    out: list[WeekSpec] = []
    last: int | None = 0 if history_weeks else None
    for spec in specs:
        out.append(replace(spec, ref=last))
        if not spec.deload and not spec.taper:
            last = spec.number
    return out


def _spec(block: BlockFile, k: int, first: int, days: int, phase: str, deload: bool,
          taper: bool, race: int | None) -> WeekSpec:
    layers: list[tuple[Loc, dict[str, Any]]] = [(("week",), block.week)]
    if block.phases is not None:
        index = next(i for i, p in enumerate(block.phases) if p.name == phase)
        layers.append((("phases", index, "week"), block.phases[index].week))
    if deload:
        layers.append((("progression", "deload_week"), block.progression.get("deload_week", {})))
    if k in block.weeks_override:
        layers.append((("weeks_override", k), block.weeks_override[k]))
    data: dict[str, Any] = {}
    sources: dict[str, Loc] = {}
    for loc, layer in layers:
        data = merge(data, layer)
        for session in (layer.get("sessions") or {}):
            sources[f"sessions.{session}"] = (*loc, "sessions", session)
    if block.phases is None:
        data = _default_heavy_legs(data, phase, first, race)
    ranges = {t: (int(v[0]), int(v[1])) for t, v in (data.get("sessions") or {}).items()
              if isinstance(v, list | tuple) and len(v) == 2}
    data["sessions"] = {t: (ranges[t][0] if t in ranges else n)
                        for t, n in (data.get("sessions") or {}).items()}
    week_start = block.start + dt.timedelta(days=first)
    data.update(name=f"{block.name}, week {k} ({phase}{', deload' if deload else ''})",
                week_start=str(week_start), days=days)
    if days < WEEK:
        data = _within(data, week_start, days)
    in_week = race is not None and first <= race < first + days
    if race is not None and block.race is not None:
        if in_week:
            data["fixed"] = [*data.get("fixed", []),
                             {"session": block.race.session, "day": race - first,
                              "slot": block.race.slot}]
            if block.race.minutes is not None:
                catalog = dict(data.get("catalog") or {})
                catalog[block.race.session] = {**catalog.get(block.race.session, {}),
                                               "minutes": block.race.minutes}
                data["catalog"] = catalog
        else:
            data["race_date"] = str(block.race.date)
    scaled = {t: s for t, s in block.scale.items() if data["sessions"].get(t, 0) or t in ranges}
    return WeekSpec(number=k, first_day=first, days=days, phase=phase, deload=deload,
                    taper=taper, data=data, ranges=ranges, scaled=scaled, sources=sources,
                    race_day=race - first if in_week and race is not None else None)


def _within(data: dict[str, Any], week_start: dt.date, days: int) -> dict[str, Any]:
    """A race week shorter than 7 days keeps only the preferred, avoided and closed days
    it has: the base week's Sunday long run has no Sunday in a week that ends on
    Wednesday."""
    present = {WEEKDAYS[(week_start.weekday() + d) % WEEK] for d in range(days)}

    def kept(token: Any) -> bool:
        first = str(token).split()[0].lower() if str(token).split() else ""
        return first not in WEEKDAYS or first in present

    out = dict(data)
    if isinstance(out.get("unavailable"), list):
        out["unavailable"] = [t for t in out["unavailable"] if kept(t)]
    for section in ("prefer", "avoid"):
        if isinstance(out.get(section), dict):
            kept_days = {t: [d for d in days_ if kept(d)]
                         for t, days_ in out[section].items() if isinstance(days_, list)}
            out[section] = {t: d for t, d in kept_days.items() if d}
    return out


def _default_heavy_legs(data: dict[str, Any], phase: str, first: int, race: int | None
                        ) -> dict[str, Any]:
    """The derived phases' heavy-legs strength (see the module docstring)."""
    sessions = dict(data.get("sessions") or {})
    taper_days = (data.get("rules") or {}).get("taper_days", DEFAULT_TAPER_DAYS) or 0
    if phase == "base":
        target, at_least = 2, True
    elif phase == "build":
        target, at_least = 2, False
    elif phase == "peak":
        target, at_least = 1, False
    else:  # taper: one only when the week starts outside taper_days
        target = 1 if race is not None and first < race - taper_days else 0
        at_least = False
    heavy = sum(sessions.get(t, 0) for t in HEAVY_ORDER if isinstance(sessions.get(t, 0), int))
    for t in reversed(HEAVY_ORDER):  # drop from the least essential first
        while heavy > target and isinstance(sessions.get(t), int) and sessions[t] > 0:
            sessions[t] -= 1
            heavy -= 1
    if at_least or heavy < target:
        sessions["lower_strength"] = sessions.get("lower_strength", 0) + max(0, target - heavy)
    return {**data, "sessions": sessions}
