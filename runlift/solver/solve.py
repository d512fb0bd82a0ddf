"""Solve a problem: build, search, re-check the plan independently, explain failures."""

from __future__ import annotations

import time

from runlift.checker import Placement, check_week
from runlift.metrics import compute_metrics
from runlift.models.problem import Problem
from runlift.models.result import Objective, Result, Status
from runlift.report import day_dates, day_labels, plan_entries, slot_times, soft_violations_out
from runlift.solver.model import BuiltModel, build_model
from runlift.solver.params import DEFAULT_TIME_LIMIT, make_solver


class SolverCheckError(RuntimeError):
    """The independent checker rejected a plan the solver returned: a bug in an encoding."""


def _status(code: int) -> Status:
    from ortools.sat.python import cp_model

    return {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "feasible",
        cp_model.INFEASIBLE: "infeasible",
    }.get(code, "unknown")


def extract(built: BuiltModel, solver) -> list[Placement]:
    ctx = built.ctx
    return [
        Placement(day=c[0], slot=c[1], session=t)
        for (t, c), var in sorted(ctx.x.items(), key=lambda item: (item[0][1], item[0][0]))
        if solver.boolean_value(var)
    ]


def solve_problem(
    problem: Problem,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    timings: bool = False,
    explain: bool = True,
) -> Result:
    """Plan the week of ``problem``. A returned plan has passed the independent checker."""
    clock = time.perf_counter()
    built = build_model(problem)
    built_at = time.perf_counter()
    solver = make_solver(time_limit, cells=len(built.ctx.x), days=problem.days)
    status = _status(solver.solve(built.model))
    solved_at = time.perf_counter()
    result = Result(
        scenario=problem.name,
        status=status,
        days=day_labels(problem),
        dates=day_dates(problem),
        slots=slot_times(problem),
    )
    if status in ("optimal", "feasible"):
        _fill_plan(result, problem, built, solver, proven=status == "optimal")
    elif status == "infeasible" and explain:
        from runlift.solver.explain import explain_infeasible

        result.conflicts, result.relaxations = explain_infeasible(problem)
    if timings:
        result.timings = {
            "build_seconds": round(built_at - clock, 4),
            "solve_seconds": round(solved_at - built_at, 4),
            "explain_seconds": round(time.perf_counter() - solved_at, 4),
        }
    return result


def _fill_plan(result: Result, problem: Problem, built: BuiltModel, solver, *,
               proven: bool) -> None:
    best_bound = round(solver.best_objective_bound) if built.terms else 0
    fill_plan(result, problem, built, solver, best_bound=best_bound, proven=proven)


def fill_plan(result: Result, problem: Problem, built: BuiltModel, solver, *,
              best_bound: int | None, proven: bool = True) -> None:
    """Put the week the solver found into ``result``, after the independent checker has
    passed it and priced it as the solver did. ``built`` may share its model with other
    weeks (a joint solve): only this week's cells and cost terms are read.

    At a proven optimum every violation variable sits at its minimum, so the solver's
    price equals the checker's. A plan cut short by the time limit may still carry slack
    in those variables: its true price (the checker's) can then only be lower."""
    placements = extract(built, solver)
    report = check_week(problem, placements)
    if not report.ok:
        raise SolverCheckError(
            "the solver's plan breaks " + "; ".join(v.message for v in report.violations)
        )
    solver_total = round(solver.value(sum(t.coef * t.var for t in built.terms)))
    if report.total > solver_total or (proven and report.total != solver_total):
        raise SolverCheckError(
            f"the checker prices the plan at {report.total}, the solver at {solver_total}"
        )
    result.plan = plan_entries(report.week)
    result.metrics = compute_metrics(report.week)
    result.objective = Objective(
        total=report.total,
        terms=report.costs,
        best_bound=best_bound,
    )
    result.soft_violations = soft_violations_out(report)
