"""Resolve a scenario into a Problem: names to numbers, defaults filled in, every
cross-field mistake raised as a ScenarioValueError with its field path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from runlift.models.bounds import MAX_HOURS, OBJECTIVE_LIMIT
from runlift.models.catalog import (
    BUILTIN_CATALOG,
    SessionType,
    SessionTypeOverride,
    resolve_catalog,
)
from runlift.models.errors import ScenarioValueError, did_you_mean
from runlift.models.problem import (
    Avoidance,
    Choice,
    FixedPlacement,
    KnownSession,
    Problem,
    RuleSetting,
    Slot,
    Unavailability,
)
from runlift.models.timeline import Timeline, parse_time
from runlift.rules import FIRST, RULES, TERMS
from runlift.rules.presets import preset_rules
from runlift.rules.terms.balance import BALANCE_UNIT

if TYPE_CHECKING:
    from runlift.scenario.model import FixedSession, HistoryEntry, Scenario


def resolve(sc: Scenario) -> Problem:
    """The problem a scenario describes. Raises ScenarioValueError for a mistake that
    spans fields (an unknown session type, a pin in a closed slot…)."""
    catalog = resolve_catalog(_checked_catalog(sc))
    ordered = sorted(sc.slots.items(), key=lambda item: (parse_time(item[1]), item[0]))
    slots = tuple(Slot(name, parse_time(text)) for name, text in ordered)
    slot_index = {slot.name: i for i, slot in enumerate(slots)}
    history = _history(sc, catalog, slot_index)
    timeline = Timeline(sc.days, sc.week_start,
                        history_days=-min((k.day for k in history), default=0),
                        repeat=sc.repeat)

    choices = _choices(sc, catalog)
    plain = {name: n for name, n in sc.sessions.items() if CHOICE_MARK not in name}
    for name in plain:
        _known_session(name, catalog, ("sessions", name))
    _check_capacity(sc, len(slots))  # before anything that grows with the counts
    demand = {name: plain[name] for name in sorted(plain) if plain[name] > 0}
    unavailable = tuple(
        _unavailability(i, token, timeline, slot_index) for i, token in enumerate(sc.unavailable)
    )
    fixed = tuple(
        _fixed(i, f, timeline, slot_index, catalog, unavailable) for i, f in enumerate(sc.fixed)
    )
    taken: dict[tuple[int, int], int] = {}
    for f in fixed:
        if (f.day, f.slot) in taken:
            raise ScenarioValueError(
                ("fixed", f.index),
                f"{f.session} is pinned in the same slot as fixed.{taken[f.day, f.slot]}",
            )
        taken[f.day, f.slot] = f.index
    race_date_day = _race_date_day(sc)
    race_days = sorted(
        {f.day for f in fixed if catalog[f.session].kind == "race"}
        | ({race_date_day} if race_date_day is not None else set())
    )
    prefer = {}
    for name in sorted(sc.prefer):
        _known_session(name, catalog, ("prefer", name))
        prefer[name] = frozenset(
            cell for i, token in enumerate(sc.prefer[name])
            for cell in _cells(token, timeline, slot_index, ("prefer", name, i)))
    avoid = _avoid(sc, catalog, timeline, slot_index, fixed)
    weights = cast(BaseModel, sc.weights).model_dump()  # a model made at import time
    problem = Problem(
        name=sc.name,
        timeline=timeline,
        slots=slots,
        catalog=catalog,
        demand=demand,
        fixed=fixed,
        unavailable=unavailable,
        race_days=tuple(race_days),
        race_date_day=race_date_day,
        prefer=prefer,
        rules=_rule_settings(sc, catalog),
        weights={name: 1 if w == FIRST else w for name, w in weights.items()},
        history=history,
        avoid=avoid,
        first_terms=tuple(name for name, w in weights.items() if w == FIRST),
        choices=choices,
    )
    _check_objective_fits(problem)
    return problem


def _check_capacity(sc: Scenario, slots: int) -> None:
    """A horizon holds at most one session a slot: a count beyond that is a slip of the
    keyboard, not a week to search and explain."""
    most = sc.days * slots
    holds = f"the horizon holds at most {most} sessions ({sc.days} days x {slots} slots)"
    for name, count in sc.sessions.items():
        if count > most:
            raise ScenarioValueError(("sessions", name), f"asks for {count} {name}, but {holds}")
    total = sum(sc.sessions.values()) + len(sc.fixed)
    if total > most:
        raise ScenarioValueError(("sessions",), f"asks for {total} sessions in all (the fixed "
                                 f"ones included), but {holds}")


def objective_bounds(problem: Problem) -> dict[tuple[str, str], int]:
    """The most each weighted part of the objective could reach, by the field that weighs
    it, as the CP-SAT model holds it: every variable of its cost at its upper bound."""
    cells = problem.days * len(problem.slots)
    counts = [problem.total_count(t) for t in problem.session_types()]
    load = sum(problem.catalog[t].session_load * problem.total_count(t)
               for t in problem.session_types())
    # The slots a rule may pair up: the horizon's, a repeating template's copy before it,
    # and the history's sessions. A soft rule costs at most a violation per pair and per
    # slot, and a violation at most the longest gap an hour rule asks for.
    reach = cells * (2 if problem.timeline.repeat else 1) + len(problem.history)
    violation = reach * reach * MAX_HOURS + reach
    terms = {
        "balance": -(-load // BALANCE_UNIT),  # the peak day, at most every session
        "preferences": len(problem.prefer) * cells,  # a variable per preferred type and slot
        # per type, a window a day (and a gap's over the ends) of at most C(n, 2) pairs
        "spread": sum(2 * problem.days * n * (n - 1) // 2 for n in counts),
    }
    parts = {("weights", name): problem.weight(name) * terms.get(name, violation)
             for name in TERMS}
    parts.update({("soft", name): (setting.weight or 0) * violation
                  for name, setting in problem.rules.items() if setting.soft})
    return parts


def _check_objective_fits(problem: Problem) -> None:
    """CP-SAT refuses (or, worse, overflows) an objective beyond 64-bit integers: reject
    a file whose weights and sizes could get there, naming the largest part."""
    parts = objective_bounds(problem)
    total = sum(parts.values())
    if total <= OBJECTIVE_LIMIT:
        return
    loc, largest = max(parts.items(), key=lambda item: item[1])
    raise ScenarioValueError(loc, f"with this weight the objective could reach {total:.3g}, "
                             f"more than CP-SAT's 64-bit integers allow ({OBJECTIVE_LIMIT:.3g}; "
                             f"this part alone {largest:.3g}): lower the weight")


CHOICE_MARK = "|"  # sessions: {"intervals|tempo": 1} asks for one of either


def _choices(sc: Scenario, catalog: dict[str, SessionType]) -> tuple[Choice, ...]:
    """The either/or demands of `sessions:`, each type in at most one of them."""
    owner: dict[str, str] = {}
    choices = []
    for key in sorted(k for k in sc.sessions if CHOICE_MARK in k):
        loc: tuple[str | int, ...] = ("sessions", key)
        types = tuple(part.strip() for part in key.split(CHOICE_MARK))
        if len(set(types)) < 2 or "" in types:
            raise ScenarioValueError(loc, f"an either/or demand names two or more different "
                                     f"session types, as in 'intervals|tempo', got {key!r}")
        for t in types:
            _known_session(t, catalog, loc)
            if t in owner:
                raise ScenarioValueError(loc, f"{t} is already in the either/or demand "
                                         f"{owner[t]!r}: a type may be in one only")
            owner[t] = key
        if sc.sessions[key] > 0:
            choices.append(Choice(key, types, sc.sessions[key]))
    return tuple(choices)


def _history(sc: Scenario, catalog: dict[str, SessionType], slot_index: dict[str, int]
             ) -> tuple[KnownSession, ...]:
    """The history entries as sessions on days before day 0, in time order."""
    if sc.history and sc.repeat:
        raise ScenarioValueError(("repeat",), "a repeating template follows itself, so it "
                                 "cannot also follow a history: drop repeat or history")
    taken: dict[tuple[int, int], int] = {}
    known = []
    for i, entry in enumerate(sc.history):
        loc: tuple[str | int, ...] = ("history", i)
        origin = f" (from {entry.source})" if entry.source else ""
        day = _history_day(sc, entry, loc, origin)
        _known_session(entry.session, catalog, (*loc, "session"))
        slot = _slot(entry.slot, slot_index, (*loc, "slot"))
        if (day, slot) in taken:
            raise ScenarioValueError(loc, f"two sessions in one slot{origin}: "
                                     f"history.{taken[day, slot]} is in the same slot")
        taken[day, slot] = i
        stype = catalog[entry.session]
        minutes = entry.minutes or stype.minutes
        if entry.load is not None:
            load = entry.load
        elif entry.minutes is None and entry.rpe is None:
            load = stype.session_load
        else:
            load = (stype.rpe if entry.rpe is None else entry.rpe) * minutes
        known.append(KnownSession(i, day, slot, entry.session, minutes, load))
    return tuple(sorted(known, key=lambda k: (k.day, k.slot)))


def _history_day(sc: Scenario, entry: HistoryEntry, loc: tuple[str | int, ...], origin: str
                 ) -> int:
    if entry.day is not None:
        return entry.day
    assert entry.date is not None
    if sc.week_start is None:
        raise ScenarioValueError((*loc, "date"), f"a history date needs week_start (the date "
                                 f"of day 0) to place it{origin}")
    day = (entry.date - sc.week_start).days
    if day >= 0:
        raise ScenarioValueError((*loc, "date"), f"{entry.date} is on or after day 0 "
                                 f"({sc.week_start}): history is what came before{origin}")
    return day


def _checked_catalog(sc: Scenario) -> dict[str, SessionTypeOverride]:
    required = ("kind", "intensity", "minutes", "rpe")
    for name, entry in sc.catalog.items():
        if name in BUILTIN_CATALOG:
            continue
        missing = [f for f in required if getattr(entry, f) is None]
        if missing:
            raise ScenarioValueError(
                ("catalog", name, missing[0]),
                f"new session type {name!r} needs {', '.join(missing)}"
                + did_you_mean(name, BUILTIN_CATALOG),
            )
    return sc.catalog


def _known_session(name: str, catalog: dict[str, Any], loc: tuple[str | int, ...]) -> None:
    if name not in catalog:
        raise ScenarioValueError(
            loc,
            f"unknown session type {name!r}" + did_you_mean(name, catalog)
            + " (add it under `catalog:`)",
        )


def _days(
    timeline: Timeline, token: str | int, loc: tuple[str | int, ...], *, recurring: bool
) -> list[int]:
    try:
        return timeline.days_named(token, recurring=recurring)
    except ValueError as exc:
        raise ScenarioValueError(loc, str(exc)) from None


def _slot(name: str, slot_index: dict[str, int], loc: tuple[str | int, ...]) -> int:
    if name not in slot_index:
        raise ScenarioValueError(
            loc,
            f"unknown slot {name!r}: expected one of {', '.join(slot_index)}"
            + did_you_mean(name, slot_index),
        )
    return slot_index[name]


def _cells(token: str | int, timeline: Timeline, slot_index: dict[str, int],
           loc: tuple[str | int, ...]) -> tuple[tuple[int, int], ...]:
    """The (day, slot) cells a 'DAY' or 'DAY SLOT' token names (every such weekday)."""
    parts = str(token).split()
    if len(parts) not in (1, 2):
        raise ScenarioValueError(loc, f"expected 'DAY' or 'DAY SLOT', got {token!r}")
    day_token: str | int = token if isinstance(token, int) else parts[0]
    days = _days(timeline, day_token, loc, recurring=True)
    whole_day = len(parts) == 1
    slots = sorted(slot_index.values()) if whole_day else [_slot(parts[1], slot_index, loc)]
    return tuple((d, s) for d in days for s in slots)


def _unavailability(
    index: int, token: str | int, timeline: Timeline, slot_index: dict[str, int]
) -> Unavailability:
    cells = _cells(token, timeline, slot_index, ("unavailable", index))
    return Unavailability(index=index, text=str(token), cells=cells)


def _avoid(sc: Scenario, catalog: dict[str, SessionType], timeline: Timeline,
           slot_index: dict[str, int], fixed: tuple[FixedPlacement, ...]
           ) -> tuple[Avoidance, ...]:
    """The `avoid` entries, type by type; a pin in a slot its type avoids is an error."""
    out = []
    for name in sorted(sc.avoid):
        _known_session(name, catalog, ("avoid", name))
        for i, token in enumerate(sc.avoid[name]):
            cells = _cells(token, timeline, slot_index, ("avoid", name, i))
            out.append(Avoidance(session=name, position=i, text=str(token), cells=cells))
    for f in fixed:
        for entry in out:
            if entry.session == f.session and (f.day, f.slot) in entry.cells:
                raise ScenarioValueError(
                    ("fixed", f.index),
                    f"{f.session} is pinned on {timeline.label(f.day)} "
                    f"{sc.fixed[f.index].slot}, but avoid.{f.session}.{entry.position} "
                    f"keeps it off {entry.text!r}")
    return tuple(out)


def _fixed(
    index: int,
    f: FixedSession,
    timeline: Timeline,
    slot_index: dict[str, int],
    catalog: dict[str, Any],
    unavailable: tuple[Unavailability, ...],
) -> FixedPlacement:
    loc: tuple[str | int, ...] = ("fixed", index)
    _known_session(f.session, catalog, (*loc, "session"))
    (day,) = _days(timeline, f.day, (*loc, "day"), recurring=False)
    slot = _slot(f.slot, slot_index, (*loc, "slot"))
    for entry in unavailable:
        if (day, slot) in entry.cells:
            raise ScenarioValueError(
                loc,
                f"{f.session} is pinned on {timeline.label(day)} {f.slot}, but that slot is "
                f"unavailable (unavailable.{entry.index}: {entry.text!r})",
            )
    return FixedPlacement(index=index, session=f.session, day=day, slot=slot, name=f.name)


def _race_date_day(sc: Scenario) -> int | None:
    if sc.race_date is None:
        return None
    if sc.week_start is None:
        raise ScenarioValueError(
            ("race_date",), "race_date needs week_start (the date of day 0) to place the race"
        )
    offset = (sc.race_date - sc.week_start).days
    if offset < 0:
        raise ScenarioValueError(
            ("race_date",), f"race_date {sc.race_date} is before week_start {sc.week_start}"
        )
    return offset


def _rule_settings(sc: Scenario, catalog: dict[str, SessionType]) -> dict[str, RuleSetting]:
    """Every active rule with its value and, when soft, its weight."""
    settings = {}
    given = {**preset_rules(sc.preset), **cast(BaseModel, sc.rules).model_dump(exclude_none=True)}
    for name in sorted(RULES):
        rule = RULES[name]
        value = given.get(name, rule.default)
        weight = sc.soft.get(name)
        if weight is False or weight == 0 or not rule.is_active(value):
            continue
        _check_rule_value(name, value, catalog)
        soft_weight = None if weight is None else int(weight)
        settings[name] = RuleSetting(value=value, weight=soft_weight)
    return settings


def _check_rule_value(name: str, value: Any, catalog: dict[str, SessionType]) -> None:
    """The session types a rule's value names exist, and make sense to the rule."""
    rule = RULES[name]
    for where, session in rule.named_sessions(value):
        _known_session(session, catalog, ("rules", name, *where))
    problem = rule.value_error(value, catalog)
    if problem is not None:
        raise ScenarioValueError(("rules", name, *problem[0]), problem[1])
