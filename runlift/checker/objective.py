"""The objective terms in plain Python: what the solver minimises, recomputed from a week.

balance      weight x ceil(peak daily load / 10): the peak day, in units of 10 load points.
preferences  weight x number of sessions of a type with preferred days placed on other days.
spread       weight x sum over pairs of same-type sessions of max(0, ideal_gap - days apart),
             where ideal_gap = horizon days // sessions of that type (Tue/Fri for 2 in a week).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from runlift.checker.week import Week
from runlift.models.problem import Problem

BALANCE_UNIT = 10  # load points per unit of the balance term


def ideal_gap(problem: Problem, session: str) -> int:
    count = problem.total_count(session)
    return problem.days // count if count >= 2 else 0


def balance_cost(week: Week) -> int:
    peak = max(week.daily_load(), default=0)
    return -(-peak // BALANCE_UNIT)


def preferences_cost(week: Week) -> int:
    prefer = week.problem.prefer
    return sum(1 for p in week.placed if p.session in prefer and p.day not in prefer[p.session])


def spread_cost(week: Week) -> int:
    by_type: dict[str, list[int]] = defaultdict(list)
    for p in week.placed:
        by_type[p.session].append(p.day)
    total = 0
    for session in sorted(by_type):
        gap = ideal_gap(week.problem, session)
        total += sum(max(0, gap - abs(a - b)) for a, b in combinations(by_type[session], 2))
    return total


def objective_terms(week: Week) -> dict[str, int]:
    """Each weighted term that is switched on, by name."""
    w = week.problem.weights
    raw = {
        "balance": (w.balance, balance_cost),
        "preferences": (w.preferences, preferences_cost),
        "spread": (w.spread, spread_cost),
    }
    return {name: weight * cost(week) for name, (weight, cost) in raw.items() if weight}
