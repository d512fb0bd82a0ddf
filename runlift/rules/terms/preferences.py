"""preferences: sessions placed off their type's preferred days or slots.

By default (``weights: {preferences: first}``) the term comes first: among the plans that
keep every hard rule, the solver takes those that miss the fewest preferences, and only
then weighs balance, spread and the soft rules. A whole-number weight makes it one cost
among the others instead (0 turns preferences off).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runlift.rules.base import FIRST, CostTerm, Term, cost

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Problem
    from runlift.models.result import CheckResult, Result
    from runlift.rules.encoding import Encoding


def misses(problem: Problem, p: Placed) -> bool:
    """True when ``p``'s type has preferences and ``p`` sits elsewhere."""
    preferred = problem.prefer.get(p.session)
    return preferred is not None and (p.day, p.slot) not in preferred


def missing(plan: PlacedPlan) -> list[Placed]:
    """The plan's sessions that miss their type's preferences, in time order."""
    problem = plan.problem
    preferring = plan.sessions_where(lambda t: t.name in problem.prefer)
    return [p for p in preferring if not p.known and misses(problem, p)]


class Preferences(Term):
    name = "preferences"
    sentence = ("The number of sessions of a type with preferred days or slots that sit "
                "elsewhere.")
    weight_sentence = ("first (the default): missed preferences are minimised before "
                       "every other term; a whole number: the cost per session placed "
                       "off its preferred days or slots; 0 turns them off.")
    default_weight = FIRST
    may_come_first = True
    rank = 2
    reason_rank = 1

    def encode(self, ctx: Encoding) -> list[CostTerm]:
        prefer = ctx.problem.prefer
        off = [lit for t in sorted(prefer) for cell, lit in ctx.vars_of(t)
               if cell not in prefer[t]]
        return [cost(self.name, 1, *off)] if off else []

    def cost(self, plan: PlacedPlan) -> int:
        return len(missing(plan))

    def reasons(self, plan: PlacedPlan, p: Placed, problem: Problem) -> list[str]:
        pinned = any((f.day, f.slot, f.session) == (p.day, p.slot, p.session)
                     for f in problem.fixed)
        if pinned or p.session not in problem.prefer or not problem.weight(self.name):
            return []
        if misses(problem, p):
            return []
        preferred = problem.prefer[p.session]
        whole_day = all((p.day, s) in preferred for s in range(len(problem.slots)))
        where = "on a preferred day" if whole_day else "in a preferred slot"
        return [f"{where} (prefer: {problem.places(preferred)})"]


    def words(self, result: Result | CheckResult) -> str:
        """'2 preferences missed: long_run not on sat (same_muscle_hours); …'."""
        missed = result.missed_preferences
        if not missed:
            return "no preference missed"
        said = "; ".join(f"{m.session} not on {m.wanted} ({short_reason(m.by)})"
                         for m in missed)
        return f"{len(missed)} preference{'s' if len(missed) > 1 else ''} missed: {said}"


def short_reason(by: list[str]) -> str:
    """The members that block a preference, as a coach reads them: a preference that
    holds the place is 'another preference', a closed slot 'availability', a term that
    would rise 'costs balance'; rules by name."""
    from runlift.rules import TERMS

    names = {"preferences": "another preference", "unavailable": "availability"}
    return ", ".join(names.get(name, f"costs {name}" if name in TERMS else name)
                     for name in by)


MEMBER = Preferences()
