"""Hypothesis strategies for random but valid scenario documents.

The documents exercise what the solver and the checker must agree on: counts, pins,
availability, one to three slots at random times, horizons of 1 to 10 days, race dates,
preferences of days and slots, avoided days and slots, objective weights (preferences
first, or weighted), and every rule hard, soft, off or left at its default.
Two custom session types (a key run that is also heavy legs, a moderate key run) probe
the corners where one session matches several predicates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from runlift.models.timeline import WEEKDAYS
from runlift.rules import RULES

WEEK_START = dt.date(2027, 3, 1)  # a Monday, like day 0 without a week_start

CUSTOM_TYPES = {
    "hill_sprints": {"kind": "run", "intensity": "hard", "minutes": 30, "rpe": 9, "key": True,
                     "heavy_legs": True, "muscles": ["legs"]},
    "strides": {"kind": "run", "intensity": "moderate", "minutes": 20, "rpe": 5, "key": True},
}
TYPES = (
    "easy_run", "recovery_run", "long_run", "tempo", "intervals", "hills", "race",
    "lower_strength", "posterior_chain", "plyometrics", "upper_body", "core", "mobility",
    "cross_training", *CUSTOM_TYPES,
)
HOURS = (0, 6, 12, 24, 30, 36, 48, 72)

RULE_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "min_rest_days": st.integers(0, 3),
    "max_hard_days": st.integers(0, 5),
    "no_back_to_back_hard": st.just(True),
    "max_key_runs_per_day": st.integers(0, 2),
    "max_sessions_per_day": st.integers(1, 3),
    "max_same_type_per_day": st.integers(0, 2),
    "lift_to_key_hours": st.sampled_from(HOURS),
    "no_heavy_legs_day_after_key": st.just(True),
    "same_muscle_hours": st.sampled_from(HOURS),
    "same_day_order": st.sampled_from(["run_first", "lift_first", "any"]),
    "legs_policy": st.sampled_from(["stack", "separate", "any"]),
    "taper_days": st.integers(0, 10),
    "rest_after_stacked": st.just(True),
    "max_gap_days": st.dictionaries(st.sampled_from(TYPES), st.integers(0, 6), min_size=1,
                                    max_size=2),
    "stack_with": st.lists(st.sampled_from(["intervals", "tempo", "long_run", "hills", "race"]),
                           max_size=3, unique=True),
}
assert set(RULE_VALUES) == set(RULES), "a new rule needs a value strategy here"


@st.composite
def slot_tables(draw: st.DrawFn, max_slots: int = 3) -> dict[str, str]:
    minutes = draw(st.lists(st.integers(0, 23 * 60 + 59), min_size=1, max_size=max_slots,
                            unique=True))
    return {f"s{i}": f"{m // 60:02d}:{m % 60:02d}" for i, m in enumerate(minutes)}


@st.composite
def rule_settings(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(rules, soft): each rule left at its default, hard, soft, or off."""
    rules: dict[str, Any] = {}
    soft: dict[str, Any] = {}
    for name in sorted(RULES):
        mode = draw(st.sampled_from(["default", "hard", "soft", "off", "off_weight"]))
        if mode in ("hard", "soft"):
            rules[name] = draw(RULE_VALUES[name])
        if mode == "soft":
            soft[name] = draw(st.integers(1, 5) | st.just(True))
        elif mode == "off":
            rules[name] = False if name not in ("legs_policy", "same_day_order") else "any"
        elif mode == "off_weight":
            soft[name] = draw(st.sampled_from([0, False]))
    return rules, soft


@st.composite
def scenarios(
    draw: st.DrawFn, max_sessions: int = 7, max_days: int = 10, max_slots: int = 3
) -> dict[str, Any]:
    """A scenario document that validates."""
    days = draw(st.integers(1, max_days))
    slots = draw(slot_tables(max_slots))
    names = list(slots)
    cells = [(d, s) for d in range(days) for s in names]

    closed: set[tuple[int, str]] = set()
    unavailable: list[str | int] = []
    for _ in range(draw(st.integers(0, 2))):
        day = draw(st.integers(0, days - 1))
        # A weekday name closes that weekday in every week of the horizon.
        by_name = draw(st.booleans())
        token: str | int = WEEKDAYS[day % 7] if by_name else day
        closes = [d for d in range(days) if d % 7 == day % 7] if by_name else [day]
        if draw(st.booleans()):
            unavailable.append(token)
            closed.update((d, s) for d in closes for s in names)
        else:
            slot = draw(st.sampled_from(names))
            unavailable.append(f"{token} {slot}")
            closed.update((d, slot) for d in closes)
    open_cells = [c for c in cells if c not in closed]

    types = draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=4, unique=True))
    budget = min(max_sessions, len(cells))
    sessions: dict[str, int] = {}
    for t in types:
        count = draw(st.integers(0, min(3, budget)))
        budget -= count
        sessions[t] = count

    fixed = []
    pinned = draw(st.lists(st.sampled_from(open_cells), max_size=min(2, budget), unique=True)
                  if open_cells and budget else st.just([]))
    for day, slot in pinned:
        fixed.append({"session": draw(st.sampled_from(TYPES)), "day": day, "slot": slot})

    doc: dict[str, Any] = {
        "name": "random",
        "days": days,
        "slots": slots,
        "sessions": sessions,
        "fixed": fixed,
        "unavailable": unavailable,
        "catalog": CUSTOM_TYPES,
        "weights": {
            "balance": draw(st.integers(0, 2)),
            "preferences": draw(st.integers(0, 3) | st.just("first")),
            "spread": draw(st.integers(0, 2)),
        },
    }
    if draw(st.booleans()):
        doc["week_start"] = WEEK_START.isoformat()
        if draw(st.booleans()):
            doc["race_date"] = (WEEK_START + dt.timedelta(days=draw(st.integers(0, days + 10)))
                                ).isoformat()
    prefer = {}
    day_tokens = st.integers(0, days - 1) | st.sampled_from(WEEKDAYS[:days])
    place_tokens = day_tokens | st.builds(lambda d, s: f"{d} {s}", day_tokens,
                                          st.sampled_from(names))
    for t in draw(st.lists(st.sampled_from(types), max_size=2, unique=True)):
        prefer[t] = draw(st.lists(place_tokens, min_size=1, max_size=3, unique=True))
    doc["prefer"] = prefer
    avoid = {}
    for t in draw(st.lists(st.sampled_from(types), max_size=1)):
        pinned = [(f["day"], f["slot"]) for f in fixed if f["session"] == t]
        tokens = draw(st.lists(place_tokens, min_size=1, max_size=2, unique=True))
        # A pin in a slot its type avoids is an error in the file: leave those out.
        kept = [k for k in tokens if not any(_names(k, d, s, days) for d, s in pinned)]
        if kept:
            avoid[t] = kept
    if avoid:
        doc["avoid"] = avoid
    doc["rules"], doc["soft"] = draw(rule_settings())
    return doc


def _names(token: str | int, day: int, slot: str, days: int) -> bool:
    """Does a 'DAY' or 'DAY SLOT' token (a weekday name: every such weekday) name the cell?"""
    parts = str(token).split()
    named = parts[0]
    day_named = (int(named) == day if named.isdigit()
                 else WEEKDAYS.index(named) == day % 7)
    return day_named and (len(parts) == 1 or parts[1] == slot)
