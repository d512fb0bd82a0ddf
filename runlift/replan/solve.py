"""Re-plan the remaining days: a lexicographic objective in three searches on one model.

1. **Keep the most work** the rules allow: the sum, over the sessions placed, of their
   class weight (key runs, then heavy legs, then the rest, in the configured order; each
   class outweighs every session of the classes after it). Missed sessions are in the
   demand again, and every session of the remaining days is optional.
2. **The fewest changes** to the still-planned sessions, with the kept work fixed at its
   best: a planned session that is not on its planned day and slot (moved or dropped)
   is one change. The search starts from the plan being followed (a hint).
3. **The week's own objective**, as `runlift solve` has it (its ranked objective: the
   missed preferences first, when they come first), with both fixed.

Each level is fixed at its optimum before the next one: `optimal` means all three were
proven. The plan is then held to the independent checker (the week's rules and its
price), and the kept work and the change count are counted again in plain Python.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from runlift.models.plan import Placement
from runlift.models.result import PlanReport
from runlift.models.status import Status
from runlift.planning import SolverCheckError, verified_report
from runlift.replan.problem import ReplanProblem
from runlift.solver.build import BuiltModel, build_model
from runlift.solver.cpsat import INF, Response, Search, Terms
from runlift.solver.params import DEFAULT_TIME_LIMIT, QUICK_LIMIT, search_parameters
from runlift.solver.solve import Solution


@dataclass(frozen=True)
class ReplanSolution:
    status: Status
    solution: Solution
    kept: int  # the kept work's weight
    changes: int
    seconds: float


def kept_terms(rp: ReplanProblem, built: BuiltModel) -> Terms:
    """Level 1, to maximise: each placed session's class weight."""
    return [(lit, rp.weight_of(t)) for (t, _), lit in sorted(built.ctx.x.items())]


def change_terms(rp: ReplanProblem, built: BuiltModel) -> tuple[Terms, int]:
    """Level 2, to minimise: the planned sessions not on their planned cell (as terms
    and a constant: changes = constant - sum of the planned cells kept)."""
    x = built.ctx.x
    kept = [(x[(p.session, (p.day, p.slot))], -1) for p in sorted(rp.reference)
            if (p.session, (p.day, p.slot)) in x]
    return kept, len(rp.reference)


def solve_replan(rp: ReplanProblem, *, time_limit: float = DEFAULT_TIME_LIMIT
                 ) -> ReplanSolution:
    clock = time.perf_counter()
    unchanged = _unchanged(rp)
    if unchanged is not None:
        return ReplanSolution(Status.optimal, unchanged, _kept(rp, unchanged.placements), 0,
                              time.perf_counter() - clock)
    problem = rp.problem
    built = build_model(problem)
    week = built.ranked_objective  # lexicographic when preferences come first
    built.hint(sorted(rp.reference))
    keep = kept_terms(rp, built)
    changes, constant = change_terms(rp, built)
    budget = [time_limit]
    first, proven = _level(built, [(lit, -w) for lit, w in keep], budget)
    if not first.status.has_plan:
        return ReplanSolution(first.status, Solution(first.status), 0, 0,
                              time.perf_counter() - clock)
    kept = first.total(keep)
    built.model.linear(keep, kept, INF)
    second, proven_changes = _level(built, changes, budget, first)
    count = constant + second.total(changes)
    built.model.linear(changes, -INF, count - constant)
    third, proven_week = _level(built, week, budget, second)
    status = Status.optimal if proven and proven_changes and proven_week else Status.feasible
    solution = _week_solution(built, third, status)
    return ReplanSolution(status, solution, kept, count, time.perf_counter() - clock)


def _week_solution(built: BuiltModel, response: Response, status: Status) -> Solution:
    """The plan at the week's own price: its total, its first terms (the missed
    preferences, when they come first) and the bound in units of the total."""
    first = built.first_objective
    missed = response.total(first) if first else None
    if not built.objective:
        return Solution(status, built.placements(response), 0, 0, first_objective=missed)
    bound = built.total_bound(response.best_bound, missed or 0)
    return Solution(status, built.placements(response), response.total(built.objective),
                    bound, first_objective=missed)


def _unchanged(rp: ReplanProblem) -> Solution | None:
    """The plan followed, when it still holds: with nothing missed, every session of the
    demand on its planned slot and every rule kept, it keeps all the work with no change,
    and it is the only plan that does (the pins and the planned slots fix every session),
    so all three levels are proven at once."""
    from runlift.checker import check_plan

    problem = rp.problem
    if rp.missed:
        return None
    pins = [Placement(f.day, f.slot, f.session) for f in problem.fixed]
    plan = sorted([*rp.reference, *pins])
    asked = sum(problem.demand.values())
    if len(rp.reference) != asked:
        return None
    report = check_plan(problem, plan)
    if not report.ok:
        return None
    missed = report.first_total if problem.first_terms else None
    return Solution(Status.optimal, plan, report.total, report.total, first_objective=missed)


def _kept(rp: ReplanProblem, placements: list[Placement]) -> int:
    return sum(rp.weight_of(p.session) for p in placements)


def _level(built: BuiltModel, terms: Terms, budget: list[float],
           start: Response | None = None) -> tuple[Response, bool]:
    """One level's search from the previous level's plan, in what is left of the time:
    the plan found, and whether this level's optimum is proven."""
    if start is not None:
        built.model.clear_hints()
        built.model.hint(start.values(built.ctx.x.values()))
    built.model.minimize(terms)
    response = _search(built, budget)
    if not response.status.has_plan and start is not None:
        return start, False  # the previous level's plan still holds every constraint
    return response, response.status == Status.optimal


def _search(built: BuiltModel, budget: list[float]) -> Response:
    """The quick search of a small model (no presolve, as `runlift solve` does), then the
    strong one from its best plan when it did not decide within QUICK_LIMIT."""
    problem = built.ctx.problem
    quick = search_parameters(min(max(budget[0], 0.01), QUICK_LIMIT), cells=len(built.ctx.x),
                              days=problem.days)
    first = Search(quick).run(built.model)
    budget[0] -= first.deterministic_time
    if first.status.proven or budget[0] <= 0.01:
        return first
    if first.status.has_plan:
        built.model.clear_hints()
        built.model.hint(first.values(built.ctx.x.values()))
    second = Search(search_parameters(budget[0], strong=True)).run(built.model)
    budget[0] -= second.deterministic_time
    return first if second.status == Status.unknown and first.status.has_plan else second


def verified(rp: ReplanProblem, found: ReplanSolution) -> tuple[PlanReport, int, int]:
    """The checker's report of the replanned days, and the kept work and change count
    counted again from the placements."""
    report = verified_report(rp.problem, found.solution)
    placed = set(found.solution.placements)
    kept = sum(rp.weight_of(p.session) for p in placed)
    changes = sum(1 for p in rp.reference if p not in placed)
    if kept != found.kept or changes != found.changes:
        raise SolverCheckError(f"the replan keeps {kept} and changes {changes}; the solver "
                               f"said {found.kept} and {found.changes}")
    return report, kept, changes


def placements_of(found: ReplanSolution) -> list[Placement]:
    return list(found.solution.placements)
