from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from runlift.rules.base import Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class OnePerSlot(Structural):
    """A slot holds one session. It is the model's own structure: never part of a clash."""

    name = "one_per_slot"
    sentence = "A slot holds at most one session."
    relax_rank = 4
    rank = 4

    def keys(self, problem: Problem) -> list[str]:
        return []

    def phrase(self, problem: Problem, key: str) -> str:  # pragma: no cover - no keys
        return self.sentence

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        return []

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        return problem

    def encode(self, ctx: Encoding) -> None:
        for cell in ctx.cells():
            ctx.at_most_one(list(ctx.vars_at(cell).values()), None)

    def check(self, plan: PlacedPlan) -> list[Violation]:
        cells: Counter[tuple[int, int]] = Counter()
        for p, n in plan.counted:  # a plan may have a million rows, and repeat one
            cells[p.day, p.slot] += n
        return [
            Violation(self.name, f"{n} sessions in {plan.problem.where(day, slot)}",
                      amount=n - 1, days=(day,))
            for (day, slot), n in sorted(cells.items()) if n > 1
        ]


MEMBER = OnePerSlot()
