"""avoid: the days and slots a session type must not use (`avoid:`), a hard demand like
a closed slot, but for one type only ("no lower_strength on mon")."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from runlift.models.result import Relaxation
from runlift.rules.base import OPEN_SLOT, Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Avoidance, Problem
    from runlift.rules.encoding import Encoding


def _entry(problem: Problem, key: str) -> Avoidance:
    return next(a for a in problem.avoid if a.key == key)


class Avoid(Structural):
    """The entries of `avoid:`: a session type kept out of a day or a slot."""

    name = "avoid"
    sentence = "No session sits on a day or in a slot that `avoid` keeps its type off."
    relax_rank = 2
    rank = 3

    def keys(self, problem: Problem) -> list[str]:
        return [a.key for a in problem.avoid]

    def phrase(self, problem: Problem, key: str) -> str:
        entry = _entry(problem, key)
        return f"no {entry.session} on {entry.text} (avoid)"

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        entry = _entry(problem, key)
        relaxation = Relaxation(
            rule=self.name, change=f"avoid.{entry.session}.{entry.position}", value=None,
            message=f"allow {entry.session} on {entry.text} (remove it from avoid)")
        return [Candidate(self.drop(problem, {key}), relaxation, (OPEN_SLOT,))]

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        kept = tuple(a for a in problem.avoid if a.key not in keys)
        return dataclasses.replace(problem, avoid=kept)

    def encode(self, ctx: Encoding) -> None:
        # A plain solve makes no variables for avoided slots; an explanation makes them
        # all, so that allowing one is a change it can try.
        for entry in ctx.problem.avoid:
            lits = [ctx.var(entry.session, cell) for cell in entry.cells]
            ctx.none_if([lit for lit in lits if not ctx.is_false(lit)], ctx.true, entry.key)

    def check(self, plan: PlacedPlan) -> list[Violation]:
        out = []
        avoided = {entry.session for entry in plan.problem.avoid}
        for p in plan.sessions_where(lambda t: t.name in avoided):
            if p.known:
                continue  # before day 0: not the plan's
            for entry in plan.problem.avoid:
                if entry.session == p.session and (p.day, p.slot) in entry.cells:
                    out.append(Violation(
                        self.name, f"{plan.where(p)} is a place its type avoids "
                        f"(avoid: {entry.session} not on {entry.text})",
                        days=(p.day,), sessions=(p.session,)))
        return out


MEMBER = Avoid()
