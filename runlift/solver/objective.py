"""The CP-SAT side of the objective terms; runlift.checker.objective is the plain twin."""

from __future__ import annotations

from ortools.sat.python import cp_model

from runlift.checker.objective import BALANCE_UNIT, ideal_gap
from runlift.solver.bounds import peak_lower_bound
from runlift.solver.context import CostTerm, ModelContext


def daily_loads(ctx: ModelContext) -> list[cp_model.LinearExpr | int]:
    catalog = ctx.problem.catalog
    by_day: list[tuple[list, list]] = [([], []) for _ in range(ctx.problem.days)]
    for (t, (day, _)), var in ctx.x.items():
        by_day[day][0].append(var)
        by_day[day][1].append(catalog[t].session_load)
    return [cp_model.LinearExpr.weighted_sum(vs, ws) if vs else 0 for vs, ws in by_day]


def balance_terms(ctx: ModelContext, weight: int) -> list[CostTerm]:
    """Minimise the peak daily load, counted in units of BALANCE_UNIT and rounded up.

    The peak starts at a lower bound proved from the week's demands and hard rules (see
    runlift.solver.bounds): the search does not have to prove it again, day by day."""
    problem = ctx.problem
    total = sum(problem.catalog[t].session_load * problem.total_count(t) for t in ctx.types)
    if total == 0:
        return []
    lower = peak_lower_bound(problem)
    upper = max(-(-total // BALANCE_UNIT), -(-lower // BALANCE_UNIT))
    units = ctx.model.new_int_var(-(-lower // BALANCE_UNIT), upper, "peak")
    for load in daily_loads(ctx):
        if not isinstance(load, int):
            ctx.model.add(BALANCE_UNIT * units >= load)
    return [CostTerm("balance", weight, units)]


def preference_terms(ctx: ModelContext, weight: int) -> list[CostTerm]:
    prefer = ctx.problem.prefer
    off_days = [var for (t, (day, _)), var in ctx.x.items()
                if t in prefer and day not in prefer[t]]
    return [CostTerm("preferences", weight, cp_model.LinearExpr.sum(off_days))] if off_days else []


def spread_terms(ctx: ModelContext, weight: int) -> list[CostTerm]:
    """Each pair of same-type sessions ``delta`` days apart costs ``gap - delta`` when
    closer than the type's ideal gap. Every window of ``gap`` consecutive days (windows
    may hang over either end of the horizon) holding ``n`` of them counts C(n, 2): a pair
    ``delta`` apart sits in exactly ``gap - delta`` such windows, so the windows' sum is
    the cost. C(n, 2) is convex, so a variable above its tangents at whole n equals it at
    the optimum: a few linear rows per window instead of one variable per pair of slots."""
    problem, terms = ctx.problem, []
    for t in ctx.types:
        gap = ideal_gap(problem, t)
        if gap < 1:
            continue
        per_day: list[list] = [[] for _ in range(problem.days)]
        for (day, _), var in ctx.of_type[t]:
            per_day[day].append(var)
        count = problem.total_count(t)
        for start in range(1 - gap, problem.days):
            window = [v for d in range(max(start, 0), min(start + gap, problem.days))
                      for v in per_day[d]]
            most = min(count, len(window))
            if most < 2:
                continue
            held = cp_model.LinearExpr.sum(window)
            pairs = ctx.model.new_int_var(0, most * (most - 1) // 2, f"spread[{t},{start}]")
            for k in range(1, most):
                ctx.model.add(pairs >= k * held - k * (k + 1) // 2)
            terms.append(CostTerm("spread", weight, pairs))
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
