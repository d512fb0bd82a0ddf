"""The CP-SAT side of the objective terms; runlift.checker.objective is the plain twin."""

from __future__ import annotations

from itertools import combinations

from runlift.checker.objective import BALANCE_UNIT, ideal_gap
from runlift.solver.context import CostTerm, ModelContext


def daily_loads(ctx: ModelContext) -> list:
    catalog = ctx.problem.catalog
    return [
        sum(catalog[t].session_load * ctx.x[t, c] for c in ctx.day_cells(d) for t in ctx.types
            if (t, c) in ctx.x)
        for d in range(ctx.problem.days)
    ]


def balance_terms(ctx: ModelContext, weight: int) -> list[CostTerm]:
    """Minimise the peak daily load, counted in units of BALANCE_UNIT and rounded up."""
    problem = ctx.problem
    loads = [problem.catalog[t].session_load for t in ctx.types]
    total = sum(problem.catalog[t].session_load * problem.total_count(t) for t in ctx.types)
    if total == 0:
        return []
    # Redundant bounds: the peak is at least the mean day and at least the heaviest session.
    lower = max(-(-total // problem.days), max(loads))
    units = ctx.model.new_int_var(-(-lower // BALANCE_UNIT), -(-total // BALANCE_UNIT), "peak")
    for load in daily_loads(ctx):
        ctx.model.add(BALANCE_UNIT * units >= load)
    return [CostTerm("balance", weight, units)]


def preference_terms(ctx: ModelContext, weight: int) -> list[CostTerm]:
    prefer = ctx.problem.prefer
    return [
        CostTerm("preferences", weight, ctx.x[t, c])
        for t in ctx.types if t in prefer
        for c in ctx.open_cells if c[0] not in prefer[t]
    ]


def spread_terms(ctx: ModelContext, weight: int) -> list[CostTerm]:
    terms = []
    for t in ctx.types:
        gap = ideal_gap(ctx.problem, t)
        for a, b in combinations(ctx.open_cells, 2):
            distance = abs(a[0] - b[0])
            if distance < gap:
                both = ctx.both(ctx.x[t, a], ctx.x[t, b], f"spread[{t}]")
                terms.append(CostTerm("spread", weight * (gap - distance), both))
    return terms


def objective_terms(ctx: ModelContext) -> list[CostTerm]:
    w = ctx.problem.weights
    terms = []
    if w.balance:
        terms += balance_terms(ctx, w.balance)
    if w.preferences:
        terms += preference_terms(ctx, w.preferences)
    if w.spread:
        terms += spread_terms(ctx, w.spread)
    return terms
