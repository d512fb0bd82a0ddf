"""How a model enforces its members: plainly, or each behind an assumption literal.

A plain solve enforces every hard member and makes no variables for cells that can never
hold a session (closed slots, the slots a type avoids, another type's pin, a type only
ever pinned, and the days a hard rule rules out on its own). An explanation guards each
member key with an assumption literal, so that CP-SAT can say which members clash, and
makes every cell, so that opening a slot or dropping a pin is a change it can weigh.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from runlift.models.problem import Cell, Problem
from runlift.rules import RULES
from runlift.solver.cpsat import CpModel, Lit


class Guard(ABC):
    prices = True  # does the model carry the objective and the soft rules?

    @abstractmethod
    def variables(self, problem: Problem) -> list[tuple[str, Cell]]:
        """The (type, cell) pairs that get a variable, types first, cells in order."""

    @abstractmethod
    def enforce(self, model: CpModel, key: str) -> list[Lit]:
        """The enforcement literals of a constraint owned by member ``key``."""

    @abstractmethod
    def literal(self, model: CpModel, key: str) -> Lit:
        """A literal true while member ``key`` is enforced."""


class PlainGuard(Guard):
    def variables(self, problem: Problem) -> list[tuple[str, Cell]]:
        never = _never(problem)
        closed = problem.closed_cells
        avoided = problem.avoided
        pinned = {(f.day, f.slot): f.session for f in problem.fixed}
        types = problem.session_types()
        only_pinned = {t for t in types if problem.demand.get(t, 0) == 0
                       and problem.choice_of(t) is None}
        return [
            (t, c)
            for t in types
            for c in problem.cells
            if c not in closed and (t, c) not in avoided and (pinned.get(c) == t or (
                c not in pinned and t not in only_pinned and (t, c[0]) not in never))
        ]

    def enforce(self, model: CpModel, key: str) -> list[Lit]:
        return []

    def literal(self, model: CpModel, key: str) -> Lit:
        return model.true


class AssumptionGuard(Guard):
    # Soft rules and the objective never make a plan infeasible: an explanation leaves
    # them out.
    prices = False

    def __init__(self) -> None:
        self.assumptions: dict[str, Lit] = {}

    def variables(self, problem: Problem) -> list[tuple[str, Cell]]:
        return [(t, c) for t in problem.session_types() for c in problem.cells]

    def enforce(self, model: CpModel, key: str) -> list[Lit]:
        return [self.literal(model, key)]

    def literal(self, model: CpModel, key: str) -> Lit:
        if key not in self.assumptions:
            self.assumptions[key] = model.new_bool(key)
        return self.assumptions[key]


def _never(problem: Problem) -> set[tuple[str, int]]:
    """(type, day) pairs some hard rule rules out on its own: no variables for them. A
    pin keeps its variable, so that a pin a rule forbids still makes the plan infeasible."""
    return {pair for name, setting in problem.rules.items() if not setting.soft
            for pair in RULES[name].never(problem, setting.value)}
