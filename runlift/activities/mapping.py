"""The one table that says what a recorded activity is to runlift.

A FIT file names its sport and sub-sport (``running``/``trail``, ``training``/
``strength_training``...). runlift needs two things from them: the *kind*, to match the
activity with a planned session of the same kind on the same day, and the session *type*
an unmatched activity becomes (an ``extra`` session). Both come from ``SPORT_MAPPING``:
the first rule whose sport and sub-sport fit wins, so specific rules come before the
catch-all ``*`` rules of their sport. Every type named here is a built-in catalog type.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ANY = "*"


class ActivityKind(StrEnum):
    """What an activity is for matching. The values are those of ``runlift.models.catalog.Kind``
    where they exist; ``other`` matches no planned session (a run also matches a planned race)."""

    run = "run"
    strength = "strength"
    cross = "cross"
    mobility = "mobility"
    other = "other"


@dataclass(frozen=True, slots=True)
class SportRule:
    """One row of the mapping. ``kind`` None means the session is skipped (transitions)."""

    sport: str
    sub_sport: str
    kind: ActivityKind | None
    session_type: str | None
    why: str

    def fits(self, sport: str, sub_sport: str | None) -> bool:
        return (self.sport in (ANY, sport)
                and self.sub_sport in (ANY, sub_sport or "generic"))


def _rule(sport: str, sub_sport: str, kind: str | None, session_type: str | None,
          why: str) -> SportRule:
    return SportRule(sport, sub_sport, ActivityKind(kind) if kind else None, session_type, why)


# Strength: a watch logs "strength training" without saying which muscles or how heavy.
# Counting it as posterior_chain (moderate, heavy legs) keeps the heavy-legs rules in force
# for the key runs left in the week: if it was an upper-body day, the cost is some caution;
# if it was a leg day and runlift assumed otherwise, intervals could land on tired legs.
_STRENGTH = "moderate strength that loads the legs, so the heavy-legs rules protect key runs"

SPORT_MAPPING: tuple[SportRule, ...] = (
    _rule("transition", ANY, None, None, "the change between legs of a multisport race"),
    _rule("training", "strength_training", "strength", "posterior_chain", _STRENGTH),
    _rule("training", "cardio_training", "cross", "cross_training", "conditioning, no lifting"),
    _rule("training", "flexibility_training", "mobility", "mobility", "stretching"),
    _rule("training", "yoga", "mobility", "mobility", "keeps a rest day a rest day"),
    _rule("training", "pilates", "mobility", "mobility", "keeps a rest day a rest day"),
    _rule("training", "breathing", "mobility", "mobility", "no training load"),
    _rule("training", ANY, "strength", "posterior_chain", "a gym session: " + _STRENGTH),
    _rule("fitness_equipment", "treadmill", "run", "easy_run", "a run on a gym treadmill"),
    _rule("fitness_equipment", ANY, "cross", "cross_training",
          "rowing machine, elliptical, stair climber, indoor bike"),
    _rule("running", ANY, "run", "easy_run",
          "road, trail, track, treadmill, virtual: an unplanned run is easy by default"),
    _rule("wheelchair_push_run", ANY, "run", "easy_run", "a wheelchair racer's run"),
    _rule("cycling", ANY, "cross", "cross_training", "road, indoor, mountain, gravel"),
    _rule("e_biking", ANY, "cross", "cross_training", "assisted riding"),
    _rule("swimming", ANY, "cross", "cross_training", "pool and open water"),
    _rule("rowing", ANY, "cross", "cross_training", "on the water"),
    _rule("cross_country_skiing", ANY, "cross", "cross_training", "endurance without impact"),
    _rule("hiit", ANY, "cross", "cross_training", "conditioning circuits"),
    _rule("hiking", ANY, "cross", "cross_training",
          "hours on the legs: training load, and the day is no rest day"),
    _rule("walking", ANY, "mobility", "mobility",
          "active recovery: a walk keeps a rest day a rest day"),
    _rule("mobility", ANY, "mobility", "mobility", "Garmin's mobility activity"),
    _rule("meditation", ANY, "mobility", "mobility", "no training load"),
    _rule(ANY, ANY, "other", "cross_training",
          "unknown to runlift (generic, team sports...): matches no planned session, "
          "but its load counts"),
)


def classify(sport: str, sub_sport: str | None) -> SportRule:
    """The first rule of ``SPORT_MAPPING`` that fits (the last rule fits everything).

    A missing sub-sport counts as ``generic``, as in the FIT profile.
    """
    return next(rule for rule in SPORT_MAPPING if rule.fits(sport, sub_sport))


def mapping_markdown() -> str:
    """``SPORT_MAPPING`` as a Markdown table, for the README and ``--help`` texts."""
    lines = ["| FIT sport | sub-sport | kind | extra session type | why |",
             "|---|---|---|---|---|"]
    for rule in SPORT_MAPPING:
        kind = rule.kind.value if rule.kind else "(skipped)"
        lines.append(f"| {rule.sport} | {rule.sub_sport} | {kind} | "
                     f"{rule.session_type or '-'} | {rule.why} |")
    return "\n".join(lines) + "\n"
