"""Several problems in one CP-SAT model, with coupling constraints between them.

Each problem is built by the core into the shared model (its variables named with a
prefix); the caller adds what couples them (a shared gym's capacity, the seam between
two weeks of a block) over the problems' cell variables, and minimises the sum of their
objectives (lexicographically, when they have terms that come first: see search). Every
problem's plan comes back as its own Solution, for the independent checker to hold to
account one by one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from runlift.models.plan import Placement
from runlift.models.problem import Cell, Problem
from runlift.models.status import Status
from runlift.solver.build import BuiltModel, build_model
from runlift.solver.cpsat import (
    INF,
    CpModel,
    Lit,
    Parameters,
    Response,
    Search,
    Terms,
    negate,
)
from runlift.solver.params import search_parameters
from runlift.solver.solve import Solution, solution_of


@dataclass
class JointSearch:
    """What a joint search found: the status, each problem's solution, the total and the
    proven bound, the (seconds, objective, bound) points of its progress, and the
    deterministic seconds it took."""

    status: Status
    solutions: list[Solution] = field(default_factory=list)
    objective: int | None = None
    best_bound: int | None = None
    trajectory: list[tuple[float, int, int]] = field(default_factory=list)
    spent: float = 0.0  # deterministic seconds of the search (not of its polish)


def first_cost(found: JointSearch) -> int:
    """What the plan's terms that come first (the missed preferences) cost, summed."""
    return sum(s.first_objective or 0 for s in found.solutions)


class JointModel:
    """The problems' models in one CP-SAT model."""

    def __init__(self, problems: Sequence[Problem], *, objective: bool = True,
                 consecutive: bool = False) -> None:
        """``consecutive``: each problem's days follow the one before it (weeks of a
        block): the rules see across every edge, through the models themselves."""
        self.model = CpModel()
        self.problems = list(problems)
        self.last_response: Response | None = None  # for variables the caller added
        self.builts: list[BuiltModel] = []
        # The first level of a lexicographic objective (see settle_first): what its
        # search said, and the least sum of the first terms it found.
        self.first_status: Status | None = None
        self.first_least: int | None = None
        for i, problem in enumerate(self.problems):
            before = self.builts[-1].ctx if consecutive and self.builts else None
            self.builts.append(build_model(problem, model=self.model, prefix=f"a{i}:",
                                           objective=objective, before=before))

    def variables(self, index: int) -> dict[tuple[str, Cell], Lit]:
        """Problem ``index``'s cell variables, by (session type, cell)."""
        return self.builts[index].ctx.x

    def objective_of(self, index: int) -> Terms:
        return self.builts[index].objective

    @property
    def total(self) -> Terms:
        return [term for i in range(len(self.builts)) for term in self.objective_of(i)]

    def first_of(self, index: int) -> Terms:
        """Problem ``index``'s terms that come first (empty for a weighted sum)."""
        return self.builts[index].first_objective

    @property
    def first(self) -> Terms:
        return [term for i in range(len(self.builts)) for term in self.first_of(i)]

    def settle_first(self, time_limit: float) -> float:
        """The first level of a lexicographic objective: minimise the sum of every
        problem's first terms (the missed preferences), then hold it at the least found,
        so that every later search trades none of them for the rest. The model is left
        without an objective. Returns the deterministic seconds spent (none without
        first terms, or once settled)."""
        if not self.first or self.first_status is not None:
            return 0.0
        self.model.minimize(self.first)
        response = Search(self._parameters(time_limit)).run(self.model)
        self.first_status = response.status
        if response.status.has_plan:
            self.first_least = response.total(self.first)
            self.model.linear(self.first, -INF, self.first_least)
            self.model.clear_hints()
            self.model.hint(response.values(
                [lit for built in self.builts for lit in built.ctx.x.values()]))
        self.model.proto.clear_objective()
        return response.deterministic_time

    def forbid(self, index: int, pairs: Iterable[tuple[str, Cell]]) -> None:
        """No session of these types in these cells, for problem ``index``."""
        x = self.variables(index)
        self.model.bool_and([negate(x[pair]) for pair in pairs if pair in x])

    def hint(self, plans: Sequence[Sequence[Placement]]) -> None:
        """Start from one plan per problem (a warm start): every cell variable."""
        values = []
        for built, plan in zip(self.builts, plans, strict=True):
            placed = {(p.session, (p.day, p.slot)) for p in plan}
            values += [(lit, int(key in placed)) for key, lit in built.ctx.x.items()]
        self.hint_exactly(values)

    def hint_exactly(self, values: Iterable[tuple[Lit, int]]) -> None:
        """Hint these variables, and every other one at the least its objective allows
        given them (solved once with them fixed), so that the first solution is the plans
        at their exact price. Falls back to the given values alone when they break a
        coupling constraint."""
        values = list(values)
        fixed = self._solve_fixed(values, time_limit=5.0)
        self.model.clear_hints()
        self.model.hint(fixed.all_values if fixed is not None else values)

    def search(self, time_limit: float, *, gap: float = 0.0, first_floor: int = 0,
               settle: bool = True) -> JointSearch:
        """Minimise the sum of the problems' objectives; stop at ``time_limit`` or once
        within ``gap`` (a fraction) of the proven bound.

        With terms that come first (the missed preferences), the weighted sum is searched
        first: a plan whose first terms cost no more than ``first_floor`` (a proven least:
        0, or the problems' least alone) is lexicographically best as it is. Otherwise,
        when ``settle``, the first level is settled and the total searched again among the
        plans that keep it; the plan is then optimal only when both levels are proven."""
        found = self._search(time_limit, gap)
        if not settle or not self.first or first_cost(found) <= first_floor:
            return found
        rest = max(time_limit - found.spent, 0.01)
        rest = max(rest - self.settle_first(rest), 0.01)
        again = self._search(rest, gap) if self.first_least is not None else found
        if again is found or not again.status.has_plan:
            found.status = Status.feasible  # its first level is not proven least
            return found
        if again.status == Status.optimal and self.first_status != Status.optimal:
            again.status = Status.feasible
        return again

    def _search(self, time_limit: float, gap: float) -> JointSearch:
        if not self.model.has_objective and self.total:
            self.model.minimize(self.total)
        started = time.perf_counter()
        trajectory: list[tuple[float, int, int]] = []
        bound = [0.0]

        def on_solution(objective: int, best: int) -> None:
            bound[0] = max(bound[0], best)
            trajectory.append((round(time.perf_counter() - started, 3), objective,
                               round(bound[0])))

        def on_bound(best: float) -> None:
            bound[0] = max(bound[0], best)
            if trajectory:
                trajectory.append((round(time.perf_counter() - started, 3), trajectory[-1][1],
                                   round(bound[0])))

        response = Search(self._parameters(time_limit, gap)).run(
            self.model, on_solution=on_solution, on_bound=on_bound)
        found = JointSearch(status=response.status, trajectory=trajectory,
                            spent=response.deterministic_time)
        self.last_response = response
        if response.status.has_plan:
            response = self.last_response = self.polish(response, time_limit)
            found.solutions = [solution_of(b, response) for b in self.builts]
            found.objective = sum(s.objective or 0 for s in found.solutions)
            found.best_bound = round(response.best_bound) if self.total else 0
        return found

    def _parameters(self, time_limit: float, gap: float = 0.0) -> Parameters:
        """One problem alone searches like a plain solve of it; several, as one model."""
        if len(self.problems) == 1:
            return search_parameters(time_limit, cells=len(self.variables(0)),
                                     days=self.problems[0].days, gap=gap)
        return search_parameters(time_limit, gap=gap)

    def polish(self, response: Response, time_limit: float) -> Response:
        """A search the time limit stopped may leave cost variables above what its plans
        cost. Fix the plans and minimise again, so each problem's price is exact."""
        cells = [lit for built in self.builts for lit in built.ctx.x.values()]
        fixed = self._solve_fixed(response.values(cells), time_limit)
        if fixed is None:
            return response
        return _Polished(fixed, response)

    def _solve_fixed(self, values: list[tuple[Lit, int]], time_limit: float
                     ) -> Response | None:
        """Solve a copy of the model with these variables fixed: the rest (the cost
        variables) come out at their least."""
        twin = self.model.clone()
        twin.clear_hints()
        twin.fix(values)
        response = Search(self._parameters(time_limit)).run(twin)
        return response if response.status.has_plan else None


class _Polished(Response):
    """The values of the polished solve, with the status and bound of the search."""

    def __init__(self, values: Response, search: Response) -> None:
        super().__init__(values.raw)
        self.status = search.status
        self._bound = search.best_bound

    @property
    def best_bound(self) -> int:
        return self._bound
