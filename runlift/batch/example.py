"""A realistic random squad, seeded: for tests, benchmarks and trying `runlift batch`.

Athletes differ the way a club's do: training phase (base, build, peak, race week, strength
block), how many runs and lifts they fit in, the days and slots they cannot train, a race
date, their coach's legs policy, preferred days, and whether they come to track night.

Each athlete starts from a coach's template week for their phase, drops some optional
sessions, and closes some of the slots that week leaves free. The session counts are then
those of the thinned week, which is therefore a witness that the athlete can be planned;
the independent checker confirms it and picks the legs policies the week satisfies.
The same size and seed always give the same file.

With ``blocks``, each athlete is a block of weeks toward their race instead: the same
start, a race on the Saturday or Sunday of the last week (a 10 km, a half or a full
marathon, with its long runs), their own ramp, runs, lifts, a day they cannot train and
the day of their long run. The phases (base, build, peak, taper) follow the length, and
the block chooses the long and easy runs' minutes week by week. Blocks of 5 weeks or more
plan (checked on hundreds of generated athletes); shorter ones may not.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from itertools import product
from typing import Any

import yaml

from runlift.models.timeline import WEEKDAYS

WEEK_START = dt.date(2027, 3, 1)
SLOTS = ("am", "pm")
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
TRACK_NIGHT = {"name": "Track night", "session": "intervals", "day": "tue", "slot": "pm"}
GYM_SESSIONS = ["lower_strength", "posterior_chain", "plyometrics", "upper_body"]
OPTIONAL = frozenset({"easy_run", "recovery_run", "core", "mobility", "upper_body",
                      "cross_training"})
DEFAULTS: dict[str, Any] = {
    "week_start": WEEK_START,
    "slots": {"am": "07:00", "pm": "18:00"},
    "rules": {"lift_to_key_hours": 24, "max_hard_days": 4},
    "weights": {"balance": 1, "preferences": 3, "spread": 1},
}

# Template weeks, Monday first: "am session / pm session", "-" for a free slot. "TRACK" is
# track night (the group session); an athlete who skips it leaves that slot free.
TEMPLATES: dict[str, list[tuple[str, ...]]] = {
    "base": [
        ("easy_run / core", "- / TRACK", "easy_run / upper_body", "easy_run / lower_strength",
         "- / -", "long_run / mobility", "easy_run / core"),
        ("easy_run / -", "easy_run / TRACK", "easy_run / core", "tempo / lower_strength",
         "mobility / -", "long_run / upper_body", "easy_run / -"),
    ],
    "build": [
        ("easy_run / core", "easy_run / TRACK", "easy_run / -", "tempo / lower_strength",
         "mobility / -", "long_run / upper_body", "easy_run / -"),
        ("posterior_chain / -", "easy_run / TRACK", "easy_run / core", "tempo / -", "- / -",
         "long_run / -", "easy_run / upper_body"),
    ],
    "peak": [
        ("easy_run / core", "- / TRACK", "easy_run / mobility", "tempo / plyometrics",
         "- / -", "long_run / -", "easy_run / core"),
        ("easy_run / -", "recovery_run / TRACK", "easy_run / core", "- / mobility",
         "tempo / -", "- / -", "long_run / upper_body"),
    ],
    "race_week": [
        ("easy_run / mobility", "easy_run / upper_body", "tempo / -", "easy_run / core",
         "- / mobility", "recovery_run / -", "race / -"),
        ("easy_run / core", "easy_run / -", "tempo / mobility", "easy_run / -",
         "- / -", "race / -", "recovery_run / -"),
    ],
    "strength_block": [
        ("easy_run / lower_strength", "easy_run / upper_body", "- / mobility",
         "easy_run / lower_strength", "easy_run / core", "cross_training / posterior_chain",
         "easy_run / core"),
        ("posterior_chain / core", "easy_run / TRACK", "easy_run / cross_training",
         "lower_strength / upper_body", "easy_run / mobility", "long_run / -", "- / mobility"),
    ],
}
HEAVY_LEGS = frozenset({"lower_strength", "posterior_chain", "plyometrics"})


def athlete_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct names; past every first/last pairing, a number tells them apart."""
    pairs = [f"{first} {last}" for first, last in product(FIRST_NAMES, LAST_NAMES)]
    rng.shuffle(pairs)
    return [pairs[i % len(pairs)] + (f" {i // len(pairs) + 1}" if i >= len(pairs) else "")
            for i in range(count)]


def _week(template: tuple[str, ...]) -> dict[tuple[int, int], str]:
    cells = {}
    for day, text in enumerate(template):
        for slot, session in enumerate(part.strip() for part in text.split("/")):
            if session != "-":
                cells[day, slot] = session
    return cells


def _thinned(rng: random.Random, phase: str) -> tuple[dict[tuple[int, int], str], bool]:
    """A template week of ``phase`` with some optional sessions dropped; and track night?"""
    week = _week(rng.choice(TEMPLATES[phase]))
    track = "TRACK" in week.values() and rng.random() < 0.8
    kept = {}
    for cell, session in week.items():
        if session == "TRACK" and not track:
            continue
        if session in OPTIONAL and rng.random() < 0.25:
            continue
        kept[cell] = session
    return kept, track


def _unavailable(rng: random.Random, week: dict[tuple[int, int], str]) -> list[str]:
    """Some days and slots the week leaves free are closed (never a planned one)."""
    free_days = [d for d in range(7) if all((d, s) not in week for s in range(2))]
    days = sorted(rng.sample(free_days, k=min(len(free_days), rng.choice((0, 1, 1, 2)))))
    entries = [WEEKDAYS[d] for d in days]
    for day, slot in product(range(7), range(2)):
        if day not in days and (day, slot) not in week and rng.random() < 0.15:
            entries.append(f"{WEEKDAYS[day]} {SLOTS[slot]}")
    return entries


def _athlete(name: str, rng: random.Random) -> dict[str, Any]:
    phase = rng.choice(list(TEMPLATES))
    week, track = _thinned(rng, phase)
    counts = Counter(s for s in week.values() if s not in ("TRACK", "race"))
    athlete: dict[str, Any] = {"name": name, "sessions": dict(sorted(counts.items()))}
    if unavailable := _unavailable(rng, week):
        athlete["unavailable"] = unavailable
    races = [cell for cell, s in week.items() if s == "race"]
    if races:
        day, slot = races[0]
        athlete["fixed"] = [{"session": "race", "day": WEEKDAYS[day], "slot": SLOTS[slot]}]
    elif phase in ("build", "peak") and rng.random() < 0.6:
        # Far enough for the taper to leave the week's heavy-legs sessions alone.
        athlete["race_date"] = WEEK_START + dt.timedelta(days=rng.randint(18, 70))
    if not track:
        athlete["skip"] = [TRACK_NIGHT["name"]]
    prefer: dict[str, list[str]] = {}
    if "long_run" in counts:
        prefer["long_run"] = [rng.choice(("sat", "sun"))]
    if "lower_strength" in counts and rng.random() < 0.7:
        prefer["lower_strength"] = rng.choice((["mon", "thu"], ["tue", "fri"], ["wed", "sat"]))
    if prefer:
        athlete["prefer"] = prefer
    policies = _legs_policies(athlete, week, track)
    policy = rng.choice(policies)
    if policy != "any":
        athlete["rules"] = {"legs_policy": policy}
    return athlete


def _legs_policies(athlete: dict[str, Any], week: dict[tuple[int, int], str],
                   track: bool) -> list[str]:
    """The legs policies under which the athlete's week passes the independent checker
    ('any' always must: the templates are written to obey every other rule)."""
    from runlift.checker import check_plan
    from runlift.models.plan import Placement
    from runlift.scenario import problem_from
    from runlift.scenario.overlay import merge

    placements = [Placement(d, s, TRACK_NIGHT["session"] if name == "TRACK" else name)
                  for (d, s), name in week.items()]
    fixed = [*athlete.get("fixed", []),
             *([{k: v for k, v in TRACK_NIGHT.items() if k != "name"}] if track else [])]
    ok = []
    for policy in ("any", "stack", "separate"):
        scenario = merge(DEFAULTS, {**athlete, "skip": None, "fixed": fixed,
                                    "rules": {"legs_policy": policy}})
        del scenario["skip"]
        report = check_plan(problem_from(scenario), placements)
        if report.ok:
            ok.append(policy)
    if "any" not in ok:  # pragma: no cover - a template that breaks a rule
        raise AssertionError(f"example week breaks a rule: {week}")
    return ok


def squad_data(athletes: int, *, seed: int = 1, gym_capacity: int | None = None
               ) -> dict[str, Any]:
    rng = random.Random(seed)
    data: dict[str, Any] = {
        "squad": f"Example squad of {athletes} (seed {seed})",
        "defaults": DEFAULTS,
        "group_sessions": [TRACK_NIGHT],
    }
    if gym_capacity is not None:
        data["gym"] = {"capacity": gym_capacity, "sessions": list(GYM_SESSIONS)}
    data["athletes"] = [_athlete(name, rng) for name in athlete_names(athletes, rng)]
    return data


# --- squads of blocks -----------------------------------------------------------------------
BLOCK_START = dt.date(2027, 1, 4)  # a Monday
BLOCK_WEEKS = 16
# A block shorter than this has no deload weeks: its fourth week would fall in the peak
# or the taper, just before the race.
DELOAD_FROM = 8
# The race each athlete trains for: its minutes, and the long runs that go with it.
RACES: dict[str, dict[str, Any]] = {
    "10 km": {"minutes": 50, "long_run": [60, 90]},
    "half marathon": {"minutes": 105, "long_run": [60, 120]},
    "marathon": {"minutes": 210, "long_run": [75, 165]},
}
BLOCK_DEFAULTS: dict[str, Any] = {
    "start": BLOCK_START,
    "week": {"slots": {"am": "07:00", "pm": "18:00"}, "rules": {"lift_to_key_hours": 36}},
    "scale": {"easy_run": {"minutes": [30, 60], "step": 5}},
}


def block_phases(weeks: int) -> list[dict[str, Any]]:
    """Base, build, peak and taper over ``weeks`` (build takes the rest), with what each
    holds: intervals in place of the tempo in build, and in peak with one heavy-legs
    session; no heavy legs and one or two easy runs (the block chooses) in the taper."""
    taper = 2 if weeks >= 8 else 1
    peak = 3 if weeks >= 12 else (2 if weeks >= 6 else 1)
    base = max(1, (weeks - taper - peak) // 2)
    return [
        {"name": "base", "weeks": base},
        {"name": "build", "week": {"sessions": {"intervals": 1, "tempo": 0}}},
        {"name": "peak", "weeks": peak, "week": {"sessions": {"intervals": 1, "tempo": 0,
                                                                 "lower_strength": 1}}},
        {"name": "taper", "weeks": taper, "week": {"sessions": {"lower_strength": 0,
                                                                   "easy_run": [1, 2]}}},
    ]


def _block_athlete(name: str, rng: random.Random, weeks: int) -> dict[str, Any]:
    """One athlete's block: their race, ramp, runs, lifts, a day off and the long run's
    day; a deload week drops the intervals and the core, keeps one heavy-legs session, and
    may drop an easy run."""
    distance = rng.choice(list(RACES))
    race = RACES[distance]
    race_day = 7 * (weeks - 1) + rng.choice((5, 6))  # the last week's Saturday or Sunday
    easy = rng.choice((3, 3, 4))
    sessions = {"easy_run": easy, "long_run": 1, "tempo": 1,
                "lower_strength": rng.choice((1, 2, 2)), "core": rng.choice((0, 1))}
    week: dict[str, Any] = {"sessions": sessions,
                            "prefer": {"long_run": [rng.choice(("sat", "sun"))]}}
    if rng.random() < 0.5:
        week["unavailable"] = [rng.choice(("mon", "wed", "fri"))]
    low, high = race["long_run"]
    return {
        "name": name,
        "description": f"{weeks} weeks to a {distance}",
        "race": {"date": BLOCK_START + dt.timedelta(days=race_day), "minutes": race["minutes"]},
        "week": week,
        "scale": {"long_run": {"minutes": [low, high], "step": 15}},
        "progression": {"ramp_pct": rng.choice((8, 10, 12)), "deload_week": {
            "sessions": {"easy_run": [easy - 1, easy], "intervals": 0, "lower_strength": 1,
                         "core": 0}}},
    }


def block_squad_data(athletes: int, *, seed: int = 1, weeks: int = BLOCK_WEEKS
                     ) -> dict[str, Any]:
    """A squad of ``athletes`` blocks of ``weeks`` weeks, each toward its own race."""
    rng = random.Random(seed)
    names = athlete_names(athletes, rng)
    return {
        "squad": f"Example squad of {athletes} blocks of {weeks} weeks (seed {seed})",
        "defaults": {**BLOCK_DEFAULTS, "phases": block_phases(weeks),
                     # Race week: the race is the long run.
                     "weeks_override": {weeks: {"sessions": {"long_run": 0}}},
                     **({"progression": {"deload_every": False}} if weeks < DELOAD_FROM
                        else {})},
        "athletes": [_block_athlete(name, rng, weeks) for name in names],
    }


def squad_yaml(athletes: int, *, seed: int = 1, gym_capacity: int | None = None,
               blocks: bool = False, weeks: int = BLOCK_WEEKS) -> str:
    if blocks:
        data = block_squad_data(athletes, seed=seed, weeks=weeks)
        options = f" --blocks --weeks {weeks}"
    else:
        data = squad_data(athletes, seed=seed, gym_capacity=gym_capacity)
        options = f" --gym-capacity {gym_capacity}" if gym_capacity is not None else ""
    header = f"# A generated squad: runlift squad-example {athletes} --seed {seed}{options}\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                   default_flow_style=None, width=100)
