"""The structural constraints that always hold: counts, pins, availability, one per slot."""

from __future__ import annotations

from ortools.sat.python import cp_model

from runlift.solver.context import ModelContext


def add_structure(ctx: ModelContext) -> None:
    problem, model = ctx.problem, ctx.model
    for here in ctx.at.values():
        if len(here) > 1:
            model.add_at_most_one(list(here.values()))
    pins: dict[str, list] = {t: [] for t in ctx.types}
    for f in problem.fixed:
        guard = ctx.enforce(f"fixed:{f.index}")
        model.add(ctx.x[f.session, (f.day, f.slot)] == 1).only_enforce_if(guard)
        pins[f.session].extend(guard)
    for t in ctx.types:
        placed = cp_model.LinearExpr.sum([var for _, var in ctx.of_type[t]])
        demand = problem.demand.get(t, 0)
        if ctx.explain:
            # A dropped pin (its literal false) no longer counts towards the type's total.
            guard = ctx.enforce(f"sessions:{t}") if demand else []
            model.add(placed - sum(pins[t]) == demand).only_enforce_if(guard)
        else:
            model.add(placed == problem.total_count(t))
    if ctx.explain:
        for entry in problem.unavailable:
            guard = ctx.enforce(f"unavailable:{entry.index}")
            for t in ctx.types:
                for cell in entry.cells:
                    model.add(ctx.x[t, cell] == 0).only_enforce_if(guard)
