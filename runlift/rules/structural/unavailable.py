from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from runlift.models.result import Relaxation
from runlift.rules.base import OPEN_SLOT, Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem, Unavailability
    from runlift.rules.encoding import Encoding


def _entry(problem: Problem, key: str) -> Unavailability:
    index = int(key.partition(":")[2])
    return next(u for u in problem.unavailable if u.index == index)


class Unavailable(Structural):
    """The closed days and slots of `unavailable:`."""

    name = "unavailable"
    sentence = "No session sits in a closed day or slot."
    relax_rank = 2
    rank = 3

    def keys(self, problem: Problem) -> list[str]:
        return [f"unavailable:{u.index}" for u in problem.unavailable]

    def phrase(self, problem: Problem, key: str) -> str:
        return f"{_entry(problem, key).text} is unavailable"

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        entry = _entry(problem, key)
        relaxation = Relaxation(rule=self.name, change=f"unavailable.{entry.index}",
                                value=None, message=f"make {entry.text} available")
        return [Candidate(self.drop(problem, {key}), relaxation, (OPEN_SLOT,))]

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        kept = tuple(u for u in problem.unavailable if f"unavailable:{u.index}" not in keys)
        return dataclasses.replace(problem, unavailable=kept)

    def encode(self, ctx: Encoding) -> None:
        # A plain solve makes no variables for closed slots; an explanation makes them
        # all, so that opening a slot is a change it can try.
        for entry in ctx.problem.unavailable:
            for cell in entry.cells:
                ctx.none_if(list(ctx.vars_at(cell).values()), ctx.true,
                            f"unavailable:{entry.index}")

    def check(self, plan: PlacedPlan) -> list[Violation]:
        closed = plan.problem.closed_cells
        if not closed:
            return []
        return [
            Violation(self.name, f"{plan.where(p)} is in an unavailable slot",
                      days=(p.day,), sessions=(p.session,))
            for p in plan.placed if (p.day, p.slot) in closed
        ]


MEMBER = Unavailable()
