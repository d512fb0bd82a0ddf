"""Plan a problem: search it, hold the plan to the independent checker, explain failures.

The solver and the checker know nothing of each other; this is where they meet. Every
plan the solver returns is re-checked here, at the same price: a plan the checker
rejects, or prices differently from the solver at a proven optimum, is a bug in an
encoding and raises SolverCheckError.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runlift.checker import check_plan
from runlift.checker.report import plan_report
from runlift.models.plan import PlacedPlan, Placement
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry, PlanReport, Relaxation, Result
from runlift.models.status import Status
from runlift.scenario.model import Scenario
from runlift.scenario.relax import apply_relaxation
from runlift.scenario.resolve import resolve
from runlift.solver.params import DEFAULT_TIME_LIMIT
from runlift.solver.solve import Solution, search

if TYPE_CHECKING:
    from runlift.solver.explain import Budget, Outcome


class SolverCheckError(RuntimeError):
    """The independent checker rejected a plan the solver returned: a bug in an encoding."""


def verified_report(problem: Problem, solution: Solution,
                    best_bound: int | None = None) -> PlanReport:
    """The report of a plan the solver found, after the independent checker has passed
    it and priced it as the solver did.

    At a proven optimum every violation variable sits at its minimum, so the solver's
    price equals the checker's. A plan cut short by the time limit may still carry slack
    in those variables: its true price (the checker's) can then only be lower. With terms
    that come first (a lexicographic objective), both levels are held to the checker: the
    first (the missed preferences, counted from the placements alone, never slack) always
    at the same price, the total as above."""
    report = check_plan(problem, solution.placements)
    if not report.ok:
        raise SolverCheckError(
            "the solver's plan breaks " + "; ".join(v.message for v in report.violations))
    first = solution.first_objective if solution.first_objective is not None else 0
    if report.first_total != first:
        terms = ", ".join(problem.first_terms)
        raise SolverCheckError(f"the checker prices the first level ({terms}) at "
                               f"{report.first_total}, the solver at {first}")
    priced = solution.objective if solution.objective is not None else 0
    proven = solution.status == Status.optimal
    if report.total > priced or (proven and report.total != priced):
        raise SolverCheckError(
            f"the checker prices the plan at {report.total}, the solver at {priced}")
    bound = solution.best_bound if best_bound is None else best_bound
    return plan_report(report, best_bound=bound)


def _explained(problem: Problem, scenario: Scenario | None, budget_seconds: float) -> Result:
    from runlift.solver.explain import Budget, Outcome, explain_infeasible

    budget = Budget(max(budget_seconds, 0.0))
    why = explain_infeasible(problem, budget, proven=True)  # the search's answer
    relaxations = why.relaxations
    if scenario is not None:
        proofs = [_solves_as_edited(scenario, r, budget) for r in relaxations]
        relaxations = [r for r, proof in zip(relaxations, proofs, strict=True)
                       if proof == Outcome.solved]
        if Outcome.infeasible in proofs:
            budget.note("a relaxation did not solve once applied to the scenario file and "
                        "was left out")
        if Outcome.undecided in proofs:
            budget.note("could not prove within the time limit that a relaxation solves "
                        "once applied to the scenario file; it was left out")
            budget.say_if_cut_short()
    return Result.without_plan(problem, Status.infeasible, conflicts=why.conflicts,
                               relaxations=relaxations, history=_history(problem),
                               conflicts_minimal=why.minimal, notes=budget.notes)


def _solves_as_edited(scenario: Scenario, relaxation: Relaxation, budget: Budget) -> Outcome:
    """The final proof of a relaxation: whether the scenario, edited as it says, has a
    plan (an edit the scenario refuses has none)."""
    from pydantic import ValidationError

    from runlift.solver.explain import Outcome, decide

    try:
        edited = resolve(Scenario.model_validate(
            apply_relaxation(scenario.model_dump(), relaxation)))
    except (ValidationError, ValueError):
        return Outcome.infeasible
    return decide(edited, budget)


def _history(problem: Problem) -> list[PlanEntry]:
    return PlacedPlan(problem, []).history_entries()


def solve_problem(problem: Problem, *, time_limit: float = DEFAULT_TIME_LIMIT,
                  timings: bool = False, explain: bool = True,
                  hint: Sequence[Placement] | None = None,
                  scenario: Scenario | None = None) -> Result:
    """Plan ``problem``. A returned plan has passed the independent checker; a problem
    without one carries its conflict and relaxations (when ``explain``). The explanation
    shares ``time_limit`` with the search. Given the ``scenario`` it came from, every
    relaxation is proven once more by solving the scenario as the relaxation edits it."""
    solution = search(problem, time_limit=time_limit, hint=hint)
    solved_at = time.perf_counter()
    if solution.status.has_plan:
        result = Result.planned(verified_report(problem, solution), solution.status)
    elif solution.status == Status.infeasible and explain:
        result = _explained(problem, scenario, time_limit - solution.deterministic_seconds)
    else:
        result = Result.without_plan(problem, solution.status, history=_history(problem))
    if timings:
        result.timings = {
            "build_seconds": round(solution.build_seconds, 4),
            "solve_seconds": round(solution.search_seconds, 4),
            "explain_seconds": round(time.perf_counter() - solved_at, 4),
        }
    return result
