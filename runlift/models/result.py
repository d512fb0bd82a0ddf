"""What a solve or a check returns: the plan, its metrics, the objective and the reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from runlift.models.defaults import empty_list
from runlift.models.problem import Problem
from runlift.models.status import Status


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanEntry(_Out):
    # Frozen: entries alike are one object (runlift.models.plan.PlacedPlan.entries).
    model_config = ConfigDict(extra="forbid", frozen=True)

    # A stable name for the session: '{type}-{n}' (the n-th of its type in the plan, in
    # day and slot order), 'w3-tempo-1' in a block's week 3. Replan keeps it for every
    # session it keeps or moves, and a calendar event's UID comes from it.
    id: str | None = None
    day: int
    weekday: str
    date: str | None = None
    slot: str
    start: str
    session: str
    kind: str
    intensity: str
    minutes: int
    load: int
    key: bool
    heavy_legs: bool
    muscles: list[str] = Field(default_factory=empty_list)


class WeekMetrics(_Out):
    """One 7-day week of a longer horizon (week 1 is days 0-6; the last may be shorter)."""

    week: int
    days: list[int]
    load: int
    monotony: float
    strain: float
    hard_days: list[int]
    rest_days: list[int]


class Metrics(_Out):
    daily_load: list[int]
    weekly_load: int
    mean_daily_load: float
    monotony: float
    strain: float
    peak_daily_load: int
    hard_days: list[int]
    rest_days: list[int]
    min_lift_to_key_hours: float | None = None
    # Horizons longer than a week: each week's own figures.
    weeks: list[WeekMetrics] = Field(default_factory=empty_list)
    # With history: the load of the last 7 days and the mean weekly load of the last 28,
    # history included (the acute and chronic loads).
    acute_load: int | None = None
    chronic_load: float | None = None

    @model_serializer(mode="wrap")
    def _only_what_applies(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Weeks, and the acute and chronic loads, only where they apply: a one-week
        result without history reads as it always has."""
        data: dict[str, Any] = handler(self)
        for key, present in (("weeks", bool(self.weeks)), ("acute_load", self.acute_load is
                             not None), ("chronic_load", self.chronic_load is not None)):
            if not present:
                data.pop(key, None)
        return data


class Objective(_Out):
    total: int
    terms: dict[str, int]
    best_bound: int | None = None


class RuleViolation(_Out):
    rule: str
    message: str
    amount: int = 1
    cost: int | None = None
    days: list[int] = Field(default_factory=empty_list)
    sessions: list[str] = Field(default_factory=empty_list)
    hours_short: float | None = None


class MissedPreference(_Out):
    """A session placed off its type's preferred days or slots, and what pushed it off:
    for each preferred place, a hard rule it would break there (named), another
    preference that holds the place, a pin, or the place is closed (availability,
    avoid); in a weighted objective, also the cost of moving it."""

    session: str
    wanted: str  # the preferred places: 'tue, fri', 'sat am'
    got: str  # where it is: 'thu pm'
    day: int
    slot: str
    because: str  # 'fri: breaks lift_to_key_hours; tue pm: the other lower_strength is there'
    by: list[str] = Field(default_factory=empty_list)  # the members that block it, by name


class Conflict(_Out):
    rule: str  # a rule name, or sessions / fixed / unavailable for a demand
    message: str
    member: str  # e.g. rule:taper_days, sessions:lower_strength, fixed:0


class Change(_Out):
    rule: str
    change: str  # the dotted scenario path to change
    value: Any = None  # the new value; null when the entry is removed


class Relaxation(Change):
    """A change that makes the week solvable, verified by solving. When no single change
    does, ``also`` lists the further changes to make together with this one."""

    message: str
    also: list[Change] = Field(default_factory=empty_list)


def _json(model: BaseModel, optional: dict[str, bool]) -> str:
    """Deterministic JSON: the same result gives the same bytes. Keys that only some
    results have (timings, which vary from run to run; history) are left out when empty,
    so that a result without them reads as before."""
    exclude = {key for key, present in optional.items() if not present} or None
    return model.model_dump_json(indent=2, exclude=exclude) + "\n"


class Result(_Out):
    scenario: str
    status: Status
    days: list[str]
    dates: list[str] | None = None
    slots: dict[str, str]
    plan: list[PlanEntry] = Field(default_factory=empty_list)
    history: list[PlanEntry] = Field(default_factory=empty_list)  # done before day 0
    metrics: Metrics | None = None
    objective: Objective | None = None
    soft_violations: list[RuleViolation] = Field(default_factory=empty_list)
    missed_preferences: list[MissedPreference] = Field(default_factory=empty_list)
    conflicts: list[Conflict] = Field(default_factory=empty_list)
    # False when the explanation could not prove, within the time limit, that every
    # conflict member is needed.
    conflicts_minimal: bool = True
    relaxations: list[Relaxation] = Field(default_factory=empty_list)
    notes: list[str] = Field(default_factory=empty_list)  # what could not be proven, and why
    timings: dict[str, float] | None = None

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan

    @classmethod
    def planned(cls, report: PlanReport, status: Status, **extra: Any) -> Result:
        return cls(status=status, **report.fields(), **extra)

    @classmethod
    def without_plan(cls, problem: Problem, status: Status, **extra: Any) -> Result:
        """A result with no plan: the horizon's names (days, dates, slots) and ``extra``."""
        return cls(status=status, scenario=problem.name, days=problem.timeline.labels(),
                   dates=problem.timeline.dates(), slots=problem.slot_times(), **extra)

    def to_json(self) -> str:
        return _json(self, {"timings": self.timings is not None, "history": bool(self.history),
                            "missed_preferences": bool(self.missed_preferences),
                            "conflicts_minimal": bool(self.conflicts), "notes": bool(self.notes)})


class CheckResult(_Out):
    scenario: str
    ok: bool
    violations: list[RuleViolation]
    days: list[str]
    dates: list[str] | None = None
    slots: dict[str, str]
    plan: list[PlanEntry]
    history: list[PlanEntry] = Field(default_factory=empty_list)  # done before day 0
    metrics: Metrics
    objective: Objective
    soft_violations: list[RuleViolation] = Field(default_factory=empty_list)
    missed_preferences: list[MissedPreference] = Field(default_factory=empty_list)

    @classmethod
    def checked(cls, report: PlanReport, violations: list[RuleViolation]) -> CheckResult:
        return cls(ok=not violations, violations=violations, **report.fields())

    def to_json(self) -> str:
        return _json(self, {"history": bool(self.history),
                            "missed_preferences": bool(self.missed_preferences)})


@dataclass(frozen=True)
class PlanReport:
    """What solve and check both say about a placed, checked plan: the horizon's names,
    the plan, its metrics, the objective, the soft rules it bends and the preferences it
    misses. Built in one place
    (runlift.checker.report) and carried into a Result or a CheckResult."""

    scenario: str
    days: list[str]
    dates: list[str] | None
    slots: dict[str, str]
    plan: list[PlanEntry]
    history: list[PlanEntry]
    metrics: Metrics | None
    objective: Objective | None
    soft_violations: list[RuleViolation]
    missed_preferences: list[MissedPreference] = field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "days": self.days, "dates": self.dates,
                "slots": self.slots, "plan": self.plan, "history": self.history,
                "metrics": self.metrics, "objective": self.objective,
                "soft_violations": self.soft_violations,
                "missed_preferences": self.missed_preferences}
