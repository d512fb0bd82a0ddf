from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from runlift.models.plan import Placement
from runlift.models.result import Relaxation
from runlift.rules.base import UNPIN, Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import FixedPlacement, Problem
    from runlift.rules.encoding import Encoding


def _pin(problem: Problem, key: str) -> FixedPlacement:
    index = int(key.partition(":")[2])
    return next(f for f in problem.fixed if f.index == index)


class Fixed(Structural):
    """The pins of `fixed:`: a session on a given day and slot."""

    name = "fixed"
    sentence = "Every pinned session sits on its day and slot."
    relax_rank = 3
    rank = 2
    reason_rank = 0

    def keys(self, problem: Problem) -> list[str]:
        return [f"fixed:{f.index}" for f in problem.fixed]

    def phrase(self, problem: Problem, key: str) -> str:
        f = _pin(problem, key)
        return f"{f.session} is pinned on {problem.where(f.day, f.slot)}"

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        f = _pin(problem, key)
        relaxation = Relaxation(rule=self.name, change=f"fixed.{f.index}", value=None,
                                message=f"unpin {f.session} from {problem.where(f.day, f.slot)}")
        return [Candidate(self.drop(problem, {key}), relaxation, (UNPIN,))]

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        kept = tuple(f for f in problem.fixed if f"fixed:{f.index}" not in keys)
        return dataclasses.replace(problem, fixed=kept)

    def encode(self, ctx: Encoding) -> None:
        for f in ctx.problem.fixed:
            ctx.any_if(ctx.true, [ctx.var(f.session, (f.day, f.slot))], f"fixed:{f.index}")

    def check(self, plan: PlacedPlan) -> list[Violation]:
        return [
            Violation(self.name,
                      f"{f.session} is pinned on {plan.problem.where(f.day, f.slot)} "
                      "but is not there",
                      days=(f.day,), sessions=(f.session,))
            for f in plan.problem.fixed if not plan.has(Placement(f.day, f.slot, f.session))
        ]

    def reasons(self, plan: PlacedPlan, p: Placed, problem: Problem) -> list[str]:
        pins = [f for f in problem.fixed if (f.day, f.slot, f.session) == (p.day, p.slot,
                                                                            p.session)]
        if not pins:
            return []
        names = [f.name for f in pins if f.name]
        if names:
            return [f"{pin_title(names)}: pinned here by the scenario (fixed)"]
        return ["pinned here by the scenario (fixed)"]


def pin_title(names: list[str]) -> str:
    """What a named pin is called: 'Saturday group long run' (two named pins of one
    session: both names)."""
    return " / ".join(dict.fromkeys(names))


def pin_name(problem: Problem, day: int, slot: int, session: str) -> str | None:
    """The coach's name for the pin of ``session`` on ``day`` and ``slot``, if it has one
    (a squad's group session)."""
    names = [f.name for f in problem.fixed
             if (f.day, f.slot, f.session) == (day, slot, session) and f.name]
    return pin_title(names) if names else None


MEMBER = Fixed()
