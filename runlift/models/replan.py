"""What a replan returns: the week as lived and re-planned, and every change with its
reason."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from runlift.models.defaults import empty_list
from runlift.models.result import Conflict, PlanEntry, Relaxation, Result
from runlift.models.status import Status


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LivedEntry(PlanEntry):
    """A session of the week: before today as it happened (``done``, ``moved``, ``extra``,
    or ``assumed``: planned, not in the log, taken as done), from today on ``planned``."""

    state: Literal["done", "moved", "extra", "assumed", "planned", "dropped"] = "planned"
    # Raised each time a replan moves the session: a calendar's SEQUENCE.
    sequence: int = 0


class PlanChange(_Out):
    id: str
    session: str
    change: Literal["kept", "moved", "dropped", "added"]
    before: str | None = None  # 'tue 03-02 am', or None for an added session
    after: str | None = None  # None for a dropped session
    reason: str = ""
    missed: bool = False  # the session was missed (logged) and is kept again or dropped


class ReplanCounts(_Out):
    kept: int
    moved: int
    dropped: int
    added: int
    missed_kept: int
    missed_dropped: int
    changes: int  # still-planned sessions moved or dropped: what the replan minimised


class LaterWeek(_Out):
    """A later week of a block, planned again after the lived week changed its load."""

    week: int
    planned_load: int
    load: int
    changes: int  # its still-planned sessions moved or dropped
    plan: list[LivedEntry]


class ReplanResult(_Out):
    scenario: str
    status: Status
    today: str  # 'thu 03-04', or 'thu' for an undated week
    days: list[str]
    dates: list[str] | None = None
    slots: dict[str, str]
    plan: list[LivedEntry] = Field(default_factory=empty_list)  # the whole week, in time order
    changes: list[PlanChange] = Field(default_factory=empty_list)
    # The sessions dropped, where they were planned: a calendar cancels their events.
    cancelled: list[LivedEntry] = Field(default_factory=empty_list)
    counts: ReplanCounts | None = None
    remaining: Result | None = None  # the remaining days, as `runlift solve` reports them
    conflicts: list[Conflict] = Field(default_factory=empty_list)
    conflicts_minimal: bool = True
    relaxations: list[Relaxation] = Field(default_factory=empty_list)
    notes: list[str] = Field(default_factory=empty_list)
    later: list[LaterWeek] = Field(default_factory=empty_list)  # a block's later weeks, replanned
    timings: dict[str, float] | None = None

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan

    def to_json(self) -> str:
        exclude = {"timings"} if self.timings is None else set()
        if not self.later:
            exclude.add("later")
        return self.model_dump_json(indent=2, exclude=exclude or None) + "\n"
