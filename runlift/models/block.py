"""What planning or checking a block returns: its weeks, the daily fitness chart, the
guardrails week by week, and the objective."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from runlift.models.defaults import empty_dict, empty_list
from runlift.models.result import CheckResult, Conflict, Relaxation, Result
from runlift.models.status import Status


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BlockWeek(_Out):
    week: int
    phase: str
    deload: bool
    taper: bool
    start: str  # date of its first day
    days: int
    load: int  # training load (races are not training load)
    counts: dict[str, int] = Field(default_factory=empty_dict)  # the counts the block chose
    minutes: dict[str, int] = Field(default_factory=empty_dict)  # the minutes it chose
    reference: int | None = None  # the week its guardrails compare with (0: history)
    reference_load: int | None = None  # that week's load
    # Weeks solved together with this one, when it did not fit after the weeks before
    # it as they were first planned (the first and last week numbers).
    planned_with: list[int] = Field(default_factory=empty_list)
    result: Result


class DayPoint(_Out):
    date: str
    load: int
    ctl: float
    atl: float
    tsb: float  # form on the morning of the day


class GuardrailReading(_Out):
    name: str
    week: int
    value: float
    limit: str
    ok: bool
    soft: bool = False
    excess: int = 0
    message: str = ""
    room: float = 0.0  # load points from the nearest bound (negative: broken)


class BlockObjective(_Out):
    race_ctl: float | None  # fitness on race morning (or the last day), from the plan
    race_tsb: float | None  # form on race morning
    estimate_ctl: float  # what the block level maximised (loads spread over each week)
    guardrail_excess: int  # load points beyond soft guardrails
    weekly_total: int  # the sum of the weeks' own objectives
    peak_week_load: int


class BlockResult(_Out):
    block: str
    status: Status
    start: str
    race: str | None = None
    length: int  # how many weeks the block has (its weeks list is empty without a plan)
    weeks: list[BlockWeek] = Field(default_factory=empty_list)
    daily: list[DayPoint] = Field(default_factory=empty_list)
    guardrails: list[GuardrailReading] = Field(default_factory=empty_list)
    objective: BlockObjective | None = None
    conflicts: list[Conflict] = Field(default_factory=empty_list)
    conflicts_minimal: bool = True  # each conflict proven needed for the clash
    relaxations: list[Relaxation] = Field(default_factory=empty_list)
    notes: list[str] = Field(default_factory=empty_list)
    timings: dict[str, float] | None = None

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan

    def to_json(self) -> str:
        exclude: set[str] = set()
        if self.timings is None:
            exclude.add("timings")
        if not self.notes:
            exclude.add("notes")
        return self.model_dump_json(indent=2, exclude=exclude or None) + "\n"


class BlockCheckWeek(_Out):
    week: int
    phase: str
    deload: bool
    taper: bool
    start: str
    days: int
    load: int  # training load
    reference: int | None = None
    reference_load: int | None = None
    result: CheckResult


class BlockCheck(_Out):
    block: str
    ok: bool
    weeks: list[BlockCheckWeek]
    guardrails: list[GuardrailReading]
    daily: list[DayPoint]
    violations: list[str]  # every hard breach, in words

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
