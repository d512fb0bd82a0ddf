"""What a solve answered: one status, with what it means in a coach's words; and whether
a status written as text (in a result file or a batch's summary row) comes with a plan."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    optimal = "optimal"
    feasible = "feasible"
    infeasible = "infeasible"
    unknown = "unknown"

    def __repr__(self) -> str:
        return repr(self.value)  # reads like the JSON: 'optimal'

    @property
    def has_plan(self) -> bool:
        return self in (Status.optimal, Status.feasible)

    @property
    def proven(self) -> bool:
        """The search decided: the best plan, or that no plan exists."""
        return self in (Status.optimal, Status.infeasible)

    @property
    def meaning(self) -> str:
        return MEANINGS[self]


MEANINGS = {
    Status.optimal: "optimal: the best plan there is under these rules (proven)",
    Status.feasible: "feasible: a plan that keeps every hard rule, but the time limit ended "
                     "the search before it was proven the best",
    Status.infeasible: "infeasible: no plan keeps every hard rule (proven)",
    Status.unknown: "unknown: the time limit ended the search before it found a plan or "
                    "proved that none exists",
}


_WITH_PLAN = frozenset(status.value for status in Status if status.has_plan)


def has_plan(status: str) -> bool:
    """Whether a status written as text comes with a plan. Besides the values of Status,
    a batch's summary row has two of its own, which never do: `invalid` (the athlete's
    scenario is wrong) and `error` (solving it failed)."""
    return status in _WITH_PLAN
