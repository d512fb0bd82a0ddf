"""The CP-SAT variables of one week and the derived literals the rules share.

One Boolean ``x[t, d, s]`` says that a session of type ``t`` sits in slot ``s`` of day
``d``. Sessions of one type are interchangeable, so there is no symmetry between them to
break. A plain solve leaves out the variables that can never be true: closed slots, the
slot of a pinned session for every other type, a type that is only pinned anywhere but on
its pins, and the days a hard rule rules out for a type on its own (``Rule.never``; a pin
keeps its variable, so that a pin a rule forbids still makes the week infeasible).

At most one session sits in a slot, so the sum of the ``x`` of a slot that match a
predicate is itself 0 or 1: rules write their constraints over those sums and literals
directly, and only the per-day literals (``hard day``…) are new variables, made once on
first use and shared by every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from runlift.models.catalog import SessionType
from runlift.models.problem import Problem

Cell = tuple[int, int]
Literal = cp_model.IntVar


@dataclass(frozen=True)
class CostTerm:
    """``coef * var`` added to the objective under ``name`` (a term or a soft rule)."""

    name: str
    coef: int
    var: cp_model.IntVar | cp_model.LinearExpr


PREDICATES: dict[str, Callable[[SessionType], bool]] = {
    "any": lambda t: True,
    "hard": lambda t: t.is_hard,
    "heavy": lambda t: t.heavy_legs,
    "key": lambda t: t.is_key_run,
    "run": lambda t: t.is_run,
    "hard_run": lambda t: t.is_hard_run,
    "nonrest": lambda t: t.counts_for_rest,
    "race": lambda t: t.kind == "race",
}


def predicate(name: str) -> Callable[[SessionType], bool]:
    """A named predicate; ``muscle:legs`` and ``type:tempo`` are built on demand."""
    if name.startswith("muscle:"):
        muscle = name.split(":", 1)[1]
        return lambda t: t.loads_muscles and muscle in t.muscles
    if name.startswith("type:"):
        wanted = name.split(":", 1)[1]
        return lambda t: t.name == wanted
    return PREDICATES[name]


class _Model(cp_model.CpModel):
    """A CpModel without the deprecated camelCase aliases that ``CpModel()`` sets up one by
    one on every new model (a measurable share of building a small week)."""

    def _add_pre_pep8_methods(self) -> None:
        pass


def new_model() -> cp_model.CpModel:
    return _Model()


class ModelContext:
    """The model under construction. ``explain`` builds every cell and guards each demand,
    pin, closed slot and hard rule with an assumption literal, for conflict search."""

    def __init__(self, problem: Problem, *, explain: bool = False,
                 model: cp_model.CpModel | None = None, prefix: str = "",
                 never: Iterable[tuple[str, int]] = ()) -> None:
        """``model`` and ``prefix``: build into a shared model (several weeks solved
        jointly, as in a squad with a shared gym), naming this week's cells ``prefix``x[…].
        ``never``: (type, day) pairs the hard rules rule out on their own (plain solve)."""
        self.problem = problem
        self.explain = explain
        self.model = new_model() if model is None else model
        self.assumptions: dict[str, cp_model.IntVar] = {}
        self.types = problem.session_types()
        closed = problem.closed_cells
        self.open_cells = [c for c in problem.cells if explain or c not in closed]
        self.x: dict[tuple[str, Cell], cp_model.IntVar] = {
            (t, c): self.model.new_bool_var(f"{prefix}x[{t},{c[0]},{c[1]}]")
            for t, c in self._possible(problem, set(never))
        }
        # The variables by slot and by type (in slot order), for quick lookups.
        self.at: dict[Cell, dict[str, Literal]] = {}
        self.of_type: dict[str, list[tuple[Cell, Literal]]] = {t: [] for t in self.types}
        for (t, c), var in self.x.items():
            self.at.setdefault(c, {})[t] = var
            self.of_type[t].append((c, var))
        self._types_where: dict[str, list[str]] = {}
        self._cell_lits: dict[tuple[str, Cell], list[Literal]] = {}
        self._day_lits: dict[tuple[str, int], list[Literal]] = {}
        self._cell_bools: dict[tuple[str, Cell], Literal] = {}
        self._day_bools: dict[tuple[str, int], Literal | None] = {}

    def _possible(self, problem: Problem, never: set[tuple[str, int]]
                  ) -> list[tuple[str, Cell]]:
        """The (type, cell) pairs that get a variable, types first, cells in order."""
        if self.explain:
            return [(t, c) for t in self.types for c in self.open_cells]
        pinned = {(f.day, f.slot): f.session for f in problem.fixed}
        only_pinned = {t for t in self.types if problem.demand.get(t, 0) == 0}
        return [
            (t, c)
            for t in self.types
            for c in self.open_cells
            if pinned.get(c) == t
            or (c not in pinned and t not in only_pinned and (t, c[0]) not in never)
        ]

    # --- guards --------------------------------------------------------------------
    def enforce(self, key: str) -> list[cp_model.IntVar]:
        """Literals that guard a constraint: none in a plain solve, one assumption
        literal per member (``rule:NAME``, ``sessions:TYPE``…) when explaining."""
        if not self.explain:
            return []
        if key not in self.assumptions:
            self.assumptions[key] = self.model.new_bool_var(key)
        return [self.assumptions[key]]

    def add(self, constraint: cp_model.BoundedLinearExpression | bool, key: str) -> None:
        """Add a linear constraint guarded by ``enforce(key)``."""
        self.model.add(constraint).only_enforce_if(self.enforce(key))

    def at_most_one(self, lits: list[Literal], key: str) -> None:
        """At most one of ``lits``, guarded by ``enforce(key)``."""
        if len(lits) < 2:
            return
        if self.explain:
            self.add(cp_model.LinearExpr.sum(lits) <= 1, key)
        else:
            self.model.add_at_most_one(lits)

    def none_if(self, lits: list[Literal], condition: Literal | None, key: str) -> None:
        """None of ``lits`` when ``condition`` holds (always, when it is None); guarded."""
        if not lits:
            return
        guard = self.enforce(key) + ([condition] if condition is not None else [])
        self.model.add_bool_and([lit.Not() for lit in lits]).only_enforce_if(guard)

    # --- cells -----------------------------------------------------------------------
    def types_where(self, pred: str) -> list[str]:
        if pred not in self._types_where:
            test = predicate(pred)
            self._types_where[pred] = [t for t in self.types if test(self.problem.catalog[t])]
        return self._types_where[pred]

    def cell_lits(self, pred: str, cell: Cell) -> list[Literal]:
        """The variables of the slot's matching types; at most one of them is true."""
        key = (pred, cell)
        lits = self._cell_lits.get(key)
        if lits is None:
            here = self.at.get(cell, {})
            lits = [here[t] for t in self.types_where(pred) if t in here]
            self._cell_lits[key] = lits
        return lits

    def cell_bool(self, pred: str, cell: Cell) -> Literal | None:
        """A literal true when the slot holds a session matching ``pred``; None when it
        never can. At most one session sits in a slot, so it equals the sum of its vars."""
        lits = self.cell_lits(pred, cell)
        if len(lits) < 2:
            return lits[0] if lits else None
        key = (pred, cell)
        if key not in self._cell_bools:
            lit = self.model.new_bool_var(f"{pred}@{cell}")
            self.model.add(lit == cp_model.LinearExpr.sum(lits))
            self._cell_bools[key] = lit
        return self._cell_bools[key]

    def day_cells(self, day: int) -> list[Cell]:
        return [(day, s) for s in range(len(self.problem.slots))]

    def day_lits(self, pred: str, day: int) -> list[Literal]:
        key = (pred, day)
        lits = self._day_lits.get(key)
        if lits is None:
            lits = [lit for c in self.day_cells(day) for lit in self.cell_lits(pred, c)]
            self._day_lits[key] = lits
        return lits

    def day_slots(self, pred: str, day: int) -> int:
        """How many of the day's slots can hold a session matching ``pred``."""
        return sum(1 for c in self.day_cells(day) if self.cell_lits(pred, c))

    def day_bool(self, pred: str, day: int) -> Literal | None:
        """True when the day holds any session matching ``pred``; None when it never can."""
        key = (pred, day)
        if key not in self._day_bools:
            lits = self.day_lits(pred, day)
            if not lits:
                lit = None
            elif len(lits) == 1:
                lit = lits[0]
            else:
                lit = self.model.new_bool_var(f"{pred}@day{day}")
                self.model.add_max_equality(lit, lits)
            self._day_bools[key] = lit
        return self._day_bools[key]

    # --- soft helpers ------------------------------------------------------------------
    def excess(self, expr: cp_model.LinearExpr | int, limit: int, upper: int, label: str
               ) -> cp_model.IntVar | None:
        """A variable equal (at the optimum) to max(0, expr - limit)."""
        if upper <= limit:
            return None
        var = self.model.new_int_var(0, upper - limit, label)
        self.model.add(var >= expr - limit)
        return var

    def both(self, a: cp_model.IntVar, b: cp_model.IntVar, label: str) -> cp_model.IntVar:
        """A literal forced true when both ``a`` and ``b`` are (minimised, it equals a AND b)."""
        var = self.model.new_bool_var(label)
        self.model.add_bool_or([a.Not(), b.Not(), var])
        return var


def literals(values: Iterable[cp_model.IntVar | None]) -> list[cp_model.IntVar]:
    return [v for v in values if v is not None]
