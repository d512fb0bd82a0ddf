from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from runlift.models.result import Relaxation
from runlift.rules.base import FEWER_SESSIONS, Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.catalog import SessionType
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Choice, Problem
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
    """The counts of `sessions:`: how many of each type the horizon holds, and the
    either/or demands ("intervals|tempo": 1), each met by any of its types."""

    name = "sessions"
    sentence = ("The horizon holds exactly the sessions the scenario asks for, and its pins; "
                "an either/or demand (\"intervals|tempo\": 1) is met by any of its types.")
    relax_rank = 1
    rank = 1

    def keys(self, problem: Problem) -> list[str]:
        return ([f"sessions:{t}" for t in problem.demand]
                + [f"sessions:{c.key}" for c in problem.choices])

    def phrase(self, problem: Problem, key: str) -> str:
        what = key.partition(":")[2]
        choice = _choice(problem, what)
        if choice is not None:
            return f"the week asks for {choice.phrase()}"
        return f"the week asks for {problem.demand[what]} {what}"

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        what = key.partition(":")[2]
        choice = _choice(problem, what)
        if choice is not None:
            return self._fewer_of_either(problem, choice)
        wanted = problem.demand[what]
        rank = drop_rank(problem.catalog[what])
        out = []
        for count in range(wanted - 1, -1, -1):
            demand = {t: (count if t == what else n) for t, n in problem.demand.items()}
            relaxation = Relaxation(rule=self.name, change=f"sessions.{what}", value=count,
                                    message=f"ask for {count} {what} instead of {wanted}")
            # Dropping the last session of a type asks most: it leaves the week without it.
            severity = (FEWER_SESSIONS, int(count == 0), rank, wanted - count)
            out.append(Candidate(dataclasses.replace(
                problem, demand={t: n for t, n in demand.items() if n}), relaxation, severity))
        return out

    def _fewer_of_either(self, problem: Problem, choice: Choice) -> list[Candidate]:
        rank = min(drop_rank(problem.catalog[t]) for t in choice.types)
        out = []
        for count in range(choice.count - 1, -1, -1):
            fewer = dataclasses.replace(choice, count=count)
            choices = tuple(fewer if c is choice else c for c in problem.choices if
                            c is not choice or count)
            relaxation = Relaxation(rule=self.name, change=f"sessions.{choice.key}",
                                    value=count, message=f"ask for {fewer.phrase()} instead "
                                    f"of {choice.count}")
            severity = (FEWER_SESSIONS, int(count == 0), rank, choice.count - count)
            out.append(Candidate(dataclasses.replace(problem, choices=choices), relaxation,
                                 severity))
        return out

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        demand = {t: n for t, n in problem.demand.items() if f"sessions:{t}" not in keys}
        choices = tuple(c for c in problem.choices if f"sessions:{c.key}" not in keys)
        return dataclasses.replace(problem, demand=demand, choices=choices)

    def encode(self, ctx: Encoding) -> None:
        """Each type's sessions (less its pins) number its own count; an either/or
        demand's types give it, on top of their own counts, its count between them. A
        type of one with its own count too splits its sessions into the two: a number
        for each."""
        problem = ctx.problem
        for choice in problem.choices:
            shares: list[tuple[int, int]] = []
            for t in choice.types:
                unpinned = self._unpinned(ctx, t)
                if problem.demand.get(t, 0):
                    # Never more of the choice's than the type holds, even when its own
                    # count is dropped (an explanation's trial).
                    share = ctx.new_int(0, choice.count, f"share[{t}]")
                    ctx.linear([*unpinned, (share, -1)], 0, 1 << 62, None)
                    demand = problem.demand[t]
                    ctx.linear([*unpinned, (share, -1)], demand - problem.optional.get(t, 0),
                               demand, f"sessions:{t}")
                    shares.append((share, 1))
                else:
                    shares += unpinned
            ctx.linear(shares, choice.count, choice.count, f"sessions:{choice.key}")
        for t in problem.session_types():
            if problem.choice_of(t) is None:
                demand = problem.demand.get(t, 0)
                least = demand - problem.optional.get(t, 0)
                ctx.linear(self._unpinned(ctx, t), least, demand,
                           f"sessions:{t}" if least else None)

    @staticmethod
    def _unpinned(ctx: Encoding, session: str) -> list[tuple[int, int]]:
        """A type's sessions less its pins, as linear terms. A pin counts towards its
        type while its member holds; in an explanation a dropped pin (its literal false)
        no longer counts."""
        pins = [ctx.member_literal(f"fixed:{f.index}") for f in ctx.problem.fixed
                if f.session == session]
        return [(lit, 1) for _, lit in ctx.vars_of(session)] + [(pin, -1) for pin in pins]

    def check(self, plan: PlacedPlan) -> list[Violation]:
        problem, out = plan.problem, []
        placed: Counter[str] = Counter()
        for p, n in plan.counted:  # a plan may have a million rows, and repeat one
            placed[p.type.name] += n
        for session in sorted(set(placed) | set(problem.session_types())):
            want, got = problem.total_count(session), placed.get(session, 0)
            least = problem.least_count(session)
            in_choice = problem.choice_of(session) is not None
            if got < least or (got > want and not in_choice):
                asked = str(want) if least == want else f"{least} to {want}"
                out.append(Violation(
                    self.name, f"the week asks for {asked} {session}, the plan has {got}",
                    amount=max(least - got, 0 if in_choice else got - want), sessions=(session,),
                ))
        for choice in problem.choices:
            extra = sum(max(0, placed.get(t, 0) - problem.total_count(t)) for t in choice.types)
            if extra != choice.count:
                out.append(Violation(
                    self.name, f"the week asks for {choice.phrase()} (beyond their own "
                    f"counts), the plan has {extra}",
                    amount=abs(extra - choice.count), sessions=choice.types,
                ))
        return out


def _choice(problem: Problem, key: str) -> Choice | None:
    return next((c for c in problem.choices if c.key == key), None)


MEMBER = Sessions()
