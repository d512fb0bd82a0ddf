"""A realistic random squad, seeded: for tests, benchmarks and trying `runlift batch`.

Athletes differ the way a club's do: training phase (base, build, peak, race week, strength
block), how many runs and lifts they fit in, the days and slots they cannot train, a race
date, their coach's legs policy, preferred days, and whether they come to track night.
The same size and seed always give the same file.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import product
from typing import Any

import yaml

from runlift.models.days import WEEKDAYS

WEEK_START = dt.date(2027, 3, 1)
FIRST_NAMES = (
    "Ana", "Ben", "Chen", "Dara", "Eitan", "Fatima", "Gunnar", "Hana", "Inès", "Jonas", "Kofi",
    "Léa", "Mateo", "Nia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoë", "Łukasz", "Søren", "Chloé", "Björn", "Aoife", "Ngozi",
    "Kenji", "Leilani", "Małgorzata", "Olu", "Siobhán", "Rahul", "Émile", "Ayşe",
)
LAST_NAMES = (
    "Silva", "O'Neil", "Müller", "Nakamura", "Okafor", "García", "Nowak", "Larsen", "Dubois",
    "Rossi", "Kowalski", "Haddad", "Andersson", "Byrne", "Costa", "Novák", "Yılmaz", "Park",
    "Ó Briain", "Fernández", "Schmidt", "Ivanova", "Singh", "Mensah", "van der Berg", "Ng",
)
TRACK_NIGHT = "Track night"
GYM_SESSIONS = ["lower_strength", "posterior_chain", "plyometrics", "upper_body"]

# Session counts per phase: (min, max) per type; the draw keeps the week plausible.
PHASES: dict[str, dict[str, tuple[int, int]]] = {
    "base": {"easy_run": (3, 4), "long_run": (1, 1), "tempo": (0, 1), "lower_strength": (1, 2),
             "upper_body": (0, 1), "core": (1, 2), "mobility": (0, 2)},
    "build": {"easy_run": (2, 4), "long_run": (1, 1), "tempo": (1, 1),
              "lower_strength": (1, 1), "posterior_chain": (0, 1), "core": (1, 1),
              "mobility": (0, 1)},
    "peak": {"easy_run": (2, 3), "long_run": (1, 1), "tempo": (0, 1), "plyometrics": (0, 1),
             "lower_strength": (0, 1), "core": (1, 2), "mobility": (1, 2)},
    "race_week": {"easy_run": (2, 3), "recovery_run": (0, 1), "upper_body": (0, 1),
                  "core": (0, 1), "mobility": (1, 2)},
    "strength_block": {"easy_run": (2, 3), "lower_strength": (2, 2), "posterior_chain": (0, 1),
                       "upper_body": (1, 2), "core": (1, 2), "cross_training": (0, 1),
                       "mobility": (0, 1)},
}


def athlete_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct names; past every first/last pairing, a number tells them apart."""
    pairs = [f"{first} {last}" for first, last in product(FIRST_NAMES, LAST_NAMES)]
    rng.shuffle(pairs)
    return [pairs[i % len(pairs)] + (f" {i // len(pairs) + 1}" if i >= len(pairs) else "")
            for i in range(count)]


def _unavailable(rng: random.Random) -> list[str]:
    """0 to 2 whole days off, and maybe a morning or evening that is never free."""
    days = rng.sample([d for d in WEEKDAYS if d != "tue"], k=rng.choice((0, 1, 1, 2)))
    entries = sorted(days, key=WEEKDAYS.index)
    if rng.random() < 0.4:
        day = rng.choice([d for d in WEEKDAYS if d not in days])
        entries.append(f"{day} {rng.choice(('am', 'pm'))}")
    return entries


def _athlete(name: str, rng: random.Random) -> dict[str, Any]:
    phase = rng.choice(list(PHASES))
    sessions = {t: n for t, (lo, hi) in PHASES[phase].items() if (n := rng.randint(lo, hi))}
    athlete: dict[str, Any] = {"name": name, "sessions": sessions}
    unavailable = _unavailable(rng)
    if unavailable:
        athlete["unavailable"] = unavailable
    if phase == "race_week":
        athlete["fixed"] = [{"session": "race", "day": rng.choice(("sat", "sun")), "slot": "am"}]
        athlete["skip"] = [TRACK_NIGHT]
    elif phase in ("build", "peak") and rng.random() < 0.6:
        athlete["race_date"] = WEEK_START + dt.timedelta(days=rng.randint(14, 70))
    elif phase == "strength_block" or rng.random() < 0.2:
        athlete["skip"] = [TRACK_NIGHT]
    prefer: dict[str, list[str]] = {}
    if "long_run" in sessions:
        prefer["long_run"] = [rng.choice(("sat", "sun"))]
    if "lower_strength" in sessions and rng.random() < 0.7:
        prefer["lower_strength"] = rng.choice((["mon", "thu"], ["tue", "fri"], ["wed", "sat"]))
    if prefer:
        athlete["prefer"] = prefer
    policy = rng.choices(("stack", "separate", "any"), weights=(2, 1, 2))[0]
    if policy != "any":
        athlete["rules"] = {"legs_policy": policy}
    return athlete


def squad_data(athletes: int, *, seed: int = 1, gym_capacity: int | None = None
               ) -> dict[str, Any]:
    rng = random.Random(seed)
    data: dict[str, Any] = {
        "squad": f"Example squad of {athletes} (seed {seed})",
        "defaults": {
            "week_start": WEEK_START,
            "slots": {"am": "07:00", "pm": "18:00"},
            "rules": {"lift_to_key_hours": 24, "max_hard_days": 4},
            "weights": {"balance": 1, "preferences": 3, "spread": 1},
        },
        "group_sessions": [
            {"name": TRACK_NIGHT, "session": "intervals", "day": "tue", "slot": "pm"},
        ],
    }
    if gym_capacity is not None:
        data["gym"] = {"capacity": gym_capacity, "sessions": list(GYM_SESSIONS)}
    data["athletes"] = [_athlete(name, rng) for name in athlete_names(athletes, rng)]
    return data


def squad_yaml(athletes: int, *, seed: int = 1, gym_capacity: int | None = None) -> str:
    data = squad_data(athletes, seed=seed, gym_capacity=gym_capacity)
    header = (f"# A generated squad: runlift squad-example {athletes} --seed {seed}"
              + (f" --gym-capacity {gym_capacity}" if gym_capacity is not None else "") + "\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                   default_flow_style=None, width=100)
