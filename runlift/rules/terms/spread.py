"""spread: same-type sessions kept apart, towards the type's ideal gap."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from typing import TYPE_CHECKING

from runlift.rules.base import CostTerm, Term, cost

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.models.result import CheckResult, Result
    from runlift.rules.encoding import Encoding


def ideal_gap(problem: Problem, session: str) -> int:
    """Horizon days // sessions of the type (7 // 2 = 3: Tue and Fri, not Tue and Wed); a
    type of an either/or demand counts the most it may hold."""
    count = problem.most_count(session)
    return problem.days // count if count >= 2 else 0


class Spread(Term):
    name = "spread"
    sentence = ("The sum, over every pair of sessions of the same type, of how many days "
                "closer they are than the ideal gap (horizon days // sessions of the type).")
    weight_sentence = "Per day two same-type sessions sit closer than ideal."
    rank = 3

    def encode(self, ctx: Encoding) -> list[CostTerm]:
        """Each pair of same-type sessions ``delta`` days apart costs ``gap - delta`` when
        closer than the type's ideal gap. Every window of ``gap`` consecutive days (windows
        may hang over either end of the horizon) holding ``n`` of them counts C(n, 2): a
        pair ``delta`` apart sits in exactly ``gap - delta`` such windows, so the windows'
        sum is the cost. C(n, 2) is convex, so a variable above its tangents at whole n
        equals it at the optimum: a few linear rows per window instead of one variable
        per pair of slots."""
        problem, terms = ctx.problem, []
        for t in problem.session_types():
            gap = ideal_gap(problem, t)
            if gap < 1:
                continue
            per_day: list[list[int]] = [[] for _ in range(problem.days)]
            for (day, _), lit in ctx.vars_of(t):
                per_day[day].append(lit)
            count = problem.most_count(t)
            for start in range(1 - gap, problem.days):
                window = [lit for d in range(max(start, 0), min(start + gap, problem.days))
                          for lit in per_day[d]]
                most = min(count, len(window))
                if most < 2:
                    continue
                pairs = ctx.new_int(0, most * (most - 1) // 2, f"spread[{t},{start}]")
                variables = [pairs, *window]  # the slot variables of vars_of, distinct
                for k in range(1, most):  # pairs >= k * held - k (k + 1) / 2
                    ctx.row(variables, [1, *([-k] * len(window))], -(k * (k + 1) // 2),
                            1 << 62)
                terms.append(cost(self.name, 1, pairs))
        return terms

    def cost(self, plan: PlacedPlan) -> int:
        """Sum over same-type pairs of max(0, gap - days apart), from how many sessions of
        each type each day holds: a day's n make C(n, 2) pairs 0 days apart, and two days
        ``delta`` apart make n * m pairs (linear in the plan's length: a plan may have a
        million rows, but a horizon at most 28 days)."""
        per_day: dict[str, Counter[int]] = defaultdict(Counter)
        for p, n in plan.counted:  # a plan may have a million rows, and repeat one
            per_day[p.type.name][p.day] += n
        total = 0
        for session in sorted(per_day):
            gap = ideal_gap(plan.problem, session)
            days = sorted(per_day[session].items())
            for i, (a, n) in enumerate(days):
                total += gap * (n * (n - 1) // 2)
                for b, m in days[i + 1:]:
                    if b - a >= gap:
                        break
                    total += (gap - (b - a)) * n * m
        return total

    def words(self, result: Result | CheckResult) -> str:
        """'tempo 2 days apart (wanted 3)', for every type closer than its ideal gap."""
        by_type: dict[str, list[int]] = defaultdict(list)
        for entry in result.plan:
            by_type[entry.session].append(entry.day)
        closer = []
        for session in sorted(by_type):
            days = sorted(by_type[session])
            gap = len(result.days) // len(days) if len(days) >= 2 else 0
            nearest = min((b - a for a, b in pairwise(days)), default=gap)
            if nearest < gap:
                closer.append(f"{session} {_apart(nearest)} (wanted {gap})")
        return "; ".join(closer) if closer else "every type at least its ideal gap apart"


def _apart(days: int) -> str:
    return "twice on one day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart"


MEMBER = Spread()
