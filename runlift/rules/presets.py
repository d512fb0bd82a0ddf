"""Rule presets named after the schools of advice on running and lifting.

``preset:`` in a scenario sets the rule values its school implies; rules the school says
nothing about keep their defaults, and explicit ``rules:`` override the preset. Each
preset names its sources: the articles in the seed collection (by title and file) and the
concurrent-training studies. The 48 h default of lift_to_key_hours is coaching practice
(seed 004's buffer before important runs): no study here tested 48 h; the longest
recovery Robineau et al. compared was 24 h.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

PresetName = Literal["hard-days-hard", "lifts-on-easy-days", "evidence-24h"]

SEED_000 = ("seed 000, \"How to build leg resilience through split training sessions\" "
            "(000_eabc35f43c1b52b2.txt)")
SEED_001 = ("seed 001, \"How to plan progressive strength training for runners that "
            "emphasizes unilateral exercises, posterior chain, and core stability\" "
            "(001_700655475918ca3f.txt)")
SEED_002 = ("seed 002, \"Strategies to combine running with strength training without "
            "compromising speed or aerobic gains\" (002_4f63045714cffa63.txt)")
SEED_003 = ("seed 003, \"Leg Workout Tips for Runners: Build Strength, Speed, and Injury "
            "Resistance\" (003_a70487ab719d9f02.txt)")
SEED_004 = ("seed 004, \"Leg Day and Running: How I Learned to Stop Worrying and Start "
            "Squatting\" (004_b7744c426596969e.txt)")
ROBINEAU_2016 = ("Robineau J, Babault N, Piscione J, Lacome M, Bigard AX. Specific training "
                 "effects of concurrent aerobic and strength exercises depend on recovery "
                 "duration. J Strength Cond Res 30(3):672-683, 2016")
DOMA_DEAKIN_2013 = ("Doma K, Deakin GB. The effects of strength training and endurance "
                    "training order on running economy and performance. Appl Physiol Nutr "
                    "Metab 38(6):651-656, 2013")


@dataclass(frozen=True)
class Preset:
    name: str
    school: str  # what the school holds, in one sentence
    rules: Mapping[str, Any]
    sources: tuple[str, ...]
    why: str  # where each value comes from


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset(
        name="hard-days-hard",
        school="Stack the lift on a hard-run day, after the run, and rest the day after.",
        rules={"legs_policy": "stack", "stack_with": ["intervals", "tempo"],
               "same_day_order": "run_first", "rest_after_stacked": True,
               "lift_to_key_hours": 48, "no_heavy_legs_day_after_key": True},
        sources=(SEED_004,),
        why="Seed 004: intervals in the morning and squats in the evening, then a day of "
            "recovery; no leg day the day after speedwork or a long run, and no heavy "
            "lifting right before the longest run; a 48 h buffer from heavy lifts to "
            "important runs.",
    ),
    Preset(
        name="lifts-on-easy-days",
        school="Put the lifts on easy or rest days, away from hard runs and 24 h or more "
               "before the next one.",
        rules={"legs_policy": "separate", "lift_to_key_hours": 24,
               "no_heavy_legs_day_after_key": False, "same_muscle_hours": 48},
        sources=(SEED_001, SEED_003, SEED_004, SEED_000),
        why="Seeds 001 and 003: strength around easy or rest days, not before speed "
            "sessions or long runs, lighter strength allowed the day after a long run; "
            "seed 004's sample week lifts on Tuesday and Friday after easy runs, the day "
            "after Thursday's hard run and 24 h or more before Saturday's long run; seed "
            "000: 48 h before the same muscles work hard again.",
    ),
    Preset(
        name="evidence-24h",
        school="Keep 24 h from a strength session to hard running, and run first when "
               "both fall on one day; nothing the studies did not test.",
        rules={"lift_to_key_hours": 24, "same_day_order": "run_first",
               "legs_policy": "any", "no_heavy_legs_day_after_key": False},
        sources=(ROBINEAU_2016, DOMA_DEAKIN_2013, SEED_002),
        why="Robineau et al. compared 0, 6 and 24 h from strength to aerobic training "
            "(strength always first): 24 h gave the largest aerobic gains and 0 h the "
            "smallest strength gains. Doma and Deakin: running the day after strength "
            "then running (6 h apart) was impaired more than after running then "
            "strength. Seed 002: at least 24 h between hard running and hard strength "
            "days when possible. Neither study tested 48 h or a rule about the day after "
            "a key run.",
    ),
)}


def preset_rules(name: str | None) -> Mapping[str, Any]:
    """The rule values a preset sets (none without a preset)."""
    return PRESETS[name].rules if name is not None else {}
