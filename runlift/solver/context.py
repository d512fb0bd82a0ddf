"""The CP-SAT variables of one week and the derived literals the rules share.

One Boolean ``x[t, d, s]`` says that a session of type ``t`` sits in slot ``s`` of day
``d``. Sessions of one type are interchangeable, so there is no symmetry between them to
break. Derived literals (``hard day``, ``heavy legs in this slot``…) are made once, on
first use, and cached by predicate name so every rule shares them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from runlift.models.catalog import SessionType
from runlift.models.problem import Problem

Cell = tuple[int, int]


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


class ModelContext:
    """The model under construction. ``explain`` builds every cell and guards each demand,
    pin, closed slot and hard rule with an assumption literal, for conflict search."""

    def __init__(self, problem: Problem, *, explain: bool = False,
                 model: cp_model.CpModel | None = None, prefix: str = "") -> None:
        """``model`` and ``prefix``: build into a shared model (several weeks solved
        jointly, as in a squad with a shared gym), naming this week's cells ``prefix``x[…]."""
        self.problem = problem
        self.explain = explain
        self.model = cp_model.CpModel() if model is None else model
        self.assumptions: dict[str, cp_model.IntVar] = {}
        self.types = problem.session_types()
        closed = problem.closed_cells
        self.open_cells = [c for c in problem.cells if explain or c not in closed]
        self.x: dict[tuple[str, Cell], cp_model.IntVar] = {
            (t, c): self.model.new_bool_var(f"{prefix}x[{t},{c[0]},{c[1]}]")
            for t in self.types
            for c in self.open_cells
        }
        self._cell_bools: dict[tuple[str, Cell], cp_model.IntVar | None] = {}
        self._day_bools: dict[tuple[str, int], cp_model.IntVar | None] = {}

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

    # --- cells -----------------------------------------------------------------------
    def types_where(self, pred: str) -> list[str]:
        test = predicate(pred)
        return [t for t in self.types if test(self.problem.catalog[t])]

    def cell_vars(self, pred: str, cell: Cell) -> list[cp_model.IntVar]:
        return [self.x[t, cell] for t in self.types_where(pred) if (t, cell) in self.x]

    def cell_bool(self, pred: str, cell: Cell) -> cp_model.IntVar | None:
        """True when the slot holds a session matching ``pred``; None when it never can.
        At most one session sits in a slot, so the literal equals the sum of its vars."""
        key = (pred, cell)
        if key not in self._cell_bools:
            terms = self.cell_vars(pred, cell)
            if not terms:
                lit = None
            elif len(terms) == 1:
                lit = terms[0]
            else:
                lit = self.model.new_bool_var(f"{pred}@{cell}")
                self.model.add(lit == sum(terms))
            self._cell_bools[key] = lit
        return self._cell_bools[key]

    def day_cells(self, day: int) -> list[Cell]:
        return [(day, s) for s in range(len(self.problem.slots))]

    def day_slot_bools(self, pred: str, day: int) -> list[cp_model.IntVar]:
        return [b for c in self.day_cells(day) if (b := self.cell_bool(pred, c)) is not None]

    def day_count(self, pred: str, day: int) -> cp_model.LinearExpr | int:
        return sum(self.day_slot_bools(pred, day))

    def day_bool(self, pred: str, day: int) -> cp_model.IntVar | None:
        """True when the day holds any session matching ``pred``."""
        key = (pred, day)
        if key not in self._day_bools:
            lits = self.day_slot_bools(pred, day)
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
