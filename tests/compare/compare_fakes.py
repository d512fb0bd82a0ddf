"""Hand-made results for the table, diff and render tests (no solver involved)."""

from __future__ import annotations

from typing import Any

from runlift.compare.alternatives import Alternative
from runlift.compare.run import Comparison
from runlift.models.result import (
    Conflict,
    Metrics,
    MissedPreference,
    Objective,
    PlanEntry,
    Relaxation,
    Result,
)

WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SLOTS = {"am": "07:00", "pm": "18:00"}


def entry(day: int, slot: str, session: str, days: list[str] = WEEK) -> PlanEntry:
    return PlanEntry(day=day, weekday=days[day].split()[0], slot=slot, start=SLOTS[slot],
                     session=session, kind="run", intensity="easy", minutes=45, load=135,
                     key=False, heavy_legs=False)


def planned(
    plan: list[tuple[int, str, str]] = (),  # type: ignore[assignment]
    *,
    total: int = 10,
    terms: dict[str, int] | None = None,
    weekly: int = 1000,
    peak: int = 300,
    monotony: float = 1.5,
    strain: float = 1500.0,
    hard: int = 2,
    rest: int = 1,
    gap: float | None = 48.0,
    days: list[str] = WEEK,
    missed: int = 0,
) -> Result:
    return Result(
        scenario="fake",
        status="optimal",
        days=list(days),
        slots=dict(SLOTS),
        plan=[entry(d, s, name, days) for d, s, name in plan],
        metrics=Metrics(daily_load=[0] * len(days), weekly_load=weekly, mean_daily_load=1.0,
                        monotony=monotony, strain=strain, peak_daily_load=peak,
                        hard_days=list(range(hard)), rest_days=list(range(rest)),
                        min_lift_to_key_hours=gap),
        objective=Objective(total=total, terms=terms if terms is not None else {"balance": total}),
        missed_preferences=[MissedPreference(session="long_run", wanted="sat", got="sun am",
                                             day=6, slot="am", because="availability")
                            for _ in range(missed)],
    )


def infeasible(status: str = "infeasible") -> Result:
    conflicts = [Conflict(rule="taper_days", message="no heavy legs before the race",
                          member="rule:taper_days")] if status == "infeasible" else []
    relaxations = [Relaxation(rule="taper_days", change="rules.taper_days", value=5,
                              message="set taper_days to 5")] if status == "infeasible" else []
    return Result(scenario="fake", status=status, days=list(WEEK), slots=dict(SLOTS),
                  conflicts=conflicts, relaxations=relaxations)


INVALID_WHY = "fixed.0: intervals is pinned on wed am, but that slot is unavailable"


def comparison(**results: Any) -> Comparison:
    """A comparison of these results by label; a result None is an invalid alternative."""
    alternatives = [Alternative(label=label, data={}, source="fake.yaml",
                                invalid=INVALID_WHY if result is None else None)
                    for label, result in results.items()]
    return Comparison(alternatives, list(results.values()))
