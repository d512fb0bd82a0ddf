from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from runlift.models.result import Relaxation
from runlift.rules.base import FEWER_SESSIONS, Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.catalog import SessionType
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


def drop_rank(stype: SessionType) -> int:
    """Which sessions a coach gives up first: mobility, then easy extras (core, cross
    training), then easy runs, then other strength work, then key runs and races."""
    if stype.kind == "mobility":
        return 0
    if stype.intensity == "easy" and not stype.is_run:
        return 1
    if stype.is_run and not stype.is_key_run:
        return 2
    if not stype.is_run:
        return 3
    return 4


class Sessions(Structural):
    """The counts of `sessions:`: how many of each type the horizon holds."""

    name = "sessions"
    sentence = "The horizon holds exactly the sessions the scenario asks for, and its pins."
    relax_rank = 1
    rank = 1

    def keys(self, problem: Problem) -> list[str]:
        return [f"sessions:{t}" for t in problem.demand]

    def phrase(self, problem: Problem, key: str) -> str:
        session = key.partition(":")[2]
        return f"the week asks for {problem.demand[session]} {session}"

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        session = key.partition(":")[2]
        wanted = problem.demand[session]
        rank = drop_rank(problem.catalog[session])
        out = []
        for count in range(wanted - 1, -1, -1):
            demand = {t: (count if t == session else n) for t, n in problem.demand.items()}
            relaxation = Relaxation(rule=self.name, change=f"sessions.{session}", value=count,
                                    message=f"ask for {count} {session} instead of {wanted}")
            # Dropping the last session of a type asks most: it leaves the week without it.
            severity = (FEWER_SESSIONS, int(count == 0), rank, wanted - count)
            out.append(Candidate(dataclasses.replace(
                problem, demand={t: n for t, n in demand.items() if n}), relaxation, severity))
        return out

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        demand = {t: n for t, n in problem.demand.items() if f"sessions:{t}" not in keys}
        return dataclasses.replace(problem, demand=demand)

    def encode(self, ctx: Encoding) -> None:
        problem = ctx.problem
        for t in problem.session_types():
            # A pin counts towards its type's total while its member holds; in an
            # explanation a dropped pin (its literal false) no longer counts.
            pins = [ctx.member_literal(f"fixed:{f.index}") for f in problem.fixed
                    if f.session == t]
            demand = problem.demand.get(t, 0)
            least = demand - problem.optional.get(t, 0)
            terms = [(lit, 1) for _, lit in ctx.vars_of(t)] + [(pin, -1) for pin in pins]
            ctx.linear(terms, least, demand, f"sessions:{t}" if least else None)

    def check(self, plan: PlacedPlan) -> list[Violation]:
        problem, out = plan.problem, []
        placed = Counter(p.session for p in plan.placements)
        for session in sorted(set(placed) | set(problem.session_types())):
            want, got = problem.total_count(session), placed.get(session, 0)
            least = problem.least_count(session)
            if not least <= got <= want:
                asked = str(want) if least == want else f"{least} to {want}"
                out.append(Violation(
                    self.name, f"the week asks for {asked} {session}, the plan has {got}",
                    amount=max(least - got, got - want), sessions=(session,),
                ))
        return out


MEMBER = Sessions()
