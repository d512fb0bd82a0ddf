"""Seeded random scenario files for bench_answers.py, in the manner of
tests/scenario_strategies.py but drawn from ``random.Random`` (one seed and index, one
file, on every machine) and wider: up to 28 days, odd slot times, a custom hard
heavy-legs strength type, counts scaled to the horizon."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pydantic import ValidationError

from runlift.models.timeline import WEEKDAYS
from runlift.rules import RULES
from runlift.scenario.model import Scenario

WEEK_START = dt.date(2027, 3, 1)  # a Monday
CUSTOM_TYPES = {
    "hill_sprints": {"kind": "run", "intensity": "hard", "minutes": 30, "rpe": 9, "key": True,
                     "heavy_legs": True, "muscles": ["legs"]},
    "strides": {"kind": "run", "intensity": "moderate", "minutes": 20, "rpe": 5, "key": True},
    "sled_push": {"kind": "strength", "intensity": "hard", "minutes": 30, "rpe": 10,
                  "heavy_legs": True, "load": 300},
}
TYPES = (
    "easy_run", "recovery_run", "long_run", "tempo", "intervals", "hills", "race",
    "lower_strength", "posterior_chain", "plyometrics", "upper_body", "core", "mobility",
    "cross_training", *CUSTOM_TYPES,
)
SLOT_NAMES = ("am", "pm", "s1", "s2", "late", "dawn", "lunch")
ODD_TIMES = ("23:30", "09:05", "00:00", "05:45", "12:00", "17:30", "17:50", "21:45",
             "18:00", "07:00", "23:59")
HOURS = (0, 6, 12, 24, 30, 36, 48, 72)
OFF = {"legs_policy": "any", "same_day_order": "any"}  # the others: false


def rule_value(rng: random.Random, name: str) -> Any:
    """A hard value of rule ``name``, as tests/scenario_strategies.py draws them."""
    draws = {
        "min_rest_days": lambda: rng.randint(0, 3),
        "max_hard_days": lambda: rng.randint(0, 5),
        "max_key_runs_per_day": lambda: rng.randint(0, 2),
        "max_sessions_per_day": lambda: rng.randint(1, 3),
        "lift_to_key_hours": lambda: rng.choice(HOURS),
        "same_muscle_hours": lambda: rng.choice(HOURS),
        "same_day_order": lambda: rng.choice(["run_first", "lift_first", "any"]),
        "legs_policy": lambda: rng.choice(["stack", "separate", "any"]),
        "taper_days": lambda: rng.randint(0, 10),
    }
    if name in draws:
        return draws[name]()
    # The rules that take more than on/off (max_gap_days, stack_with…): the values
    # their own property tests try (each rule's `samples`); the others are on or off.
    samples = RULES[name].samples
    return rng.choice(samples) if samples else True


def rule_settings(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """(rules, soft): each rule at its default, hard, soft, or off."""
    rules: dict[str, Any] = {}
    soft: dict[str, Any] = {}
    for name in sorted(RULES):
        mode = rng.choice(["default", "hard", "hard", "soft", "off", "off_weight"])
        if mode in ("hard", "soft"):
            rules[name] = rule_value(rng, name)
        if mode == "soft":
            soft[name] = rng.choice([1, 2, 5, True])
        elif mode == "off":
            rules[name] = OFF.get(name, False)
        elif mode == "off_weight":
            soft[name] = rng.choice([0, False])
    return rules, soft


def slot_table(rng: random.Random) -> dict[str, str]:
    names = rng.sample(SLOT_NAMES, rng.randint(1, 3))
    table: dict[str, str] = {}
    for name in names:
        while True:
            text = rng.choice(ODD_TIMES) if rng.random() < 0.5 else _any_minute(rng)
            if text not in table.values():
                break
        table[name] = text
    return table


def _any_minute(rng: random.Random) -> str:
    minute = rng.randint(0, 24 * 60 - 1)
    return f"{minute // 60:02d}:{minute % 60:02d}"


def closures(rng: random.Random, days: int, slots: list[str]
             ) -> tuple[list[str | int], set[tuple[int, str]]]:
    """`unavailable:` entries (whole days or one slot, by index or weekday name) and the
    cells they close."""
    entries: list[str | int] = []
    closed: set[tuple[int, str]] = set()
    for _ in range(rng.randint(0, 3)):
        day = rng.randrange(days)
        by_name = rng.random() < 0.5
        token: str | int = WEEKDAYS[day % 7] if by_name else day
        closes = [d for d in range(days) if d % 7 == day % 7] if by_name else [day]
        if rng.random() < 0.5:
            entries.append(token)
            closed.update((d, s) for d in closes for s in slots)
        else:
            slot = rng.choice(slots)
            entries.append(f"{token} {slot}")
            closed.update((d, slot) for d in closes)
    return entries, closed


def session_counts(rng: random.Random, open_cells: int) -> dict[str, int]:
    """One to six types sharing 20 to 100 % of the open slots (at least one session)."""
    types = rng.sample(TYPES, rng.randint(1, 6))
    total = max(1, round(open_cells * rng.uniform(0.2, 1.0)))
    weights = [rng.random() + 0.1 for _ in types]
    counts = {t: int(total * w / sum(weights)) for t, w in zip(types, weights, strict=True)}
    counts[types[0]] += total - sum(counts.values())
    return counts


def pins(rng: random.Random, open_cells: list[tuple[int, str]]) -> list[dict[str, Any]]:
    chosen = rng.sample(open_cells, min(len(open_cells), rng.choice([0, 0, 1, 2])))
    return [{"session": rng.choice(TYPES), "day": d, "slot": s} for d, s in chosen]


def draw(rng: random.Random) -> dict[str, Any]:
    days = rng.randint(1, 28)
    slots = slot_table(rng)
    unavailable, closed = closures(rng, days, list(slots))
    open_cells = [(d, s) for d in range(days) for s in slots if (d, s) not in closed]
    sessions = session_counts(rng, max(1, len(open_cells)))
    doc: dict[str, Any] = {
        "name": "random", "days": days, "slots": slots, "sessions": sessions,
        "fixed": pins(rng, open_cells), "unavailable": unavailable, "catalog": CUSTOM_TYPES,
        "weights": {"balance": rng.randint(0, 2), "preferences": rng.randint(0, 3),
                    "spread": rng.randint(0, 2)},
    }
    if rng.random() < 0.5:
        doc["week_start"] = WEEK_START.isoformat()
        if rng.random() < 0.6:
            race = WEEK_START + dt.timedelta(days=rng.randint(0, days + 10))
            doc["race_date"] = race.isoformat()
    doc["prefer"] = {t: sorted(rng.sample(range(days), min(days, rng.randint(1, 3))))
                     for t in rng.sample(list(sessions), min(len(sessions), rng.randint(0, 2)))}
    doc["rules"], doc["soft"] = rule_settings(rng)
    return doc


def scenario_doc(seed: int, index: int) -> dict[str, Any]:
    """Scenario ``index`` of ``seed``, a document that validates (a draw that does not is
    drawn again, from the same generator)."""
    rng = random.Random(f"answers:{seed}:{index}")
    for _ in range(50):
        doc = draw(rng)
        try:
            Scenario.model_validate(doc)
        except (ValidationError, ValueError):
            continue
        return doc
    raise RuntimeError(f"no valid scenario for seed {seed}, index {index}")
