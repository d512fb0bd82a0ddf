"""The CP-SAT variables of one problem and the literals the members share.

One Boolean ``x[t, d, s]`` says that a session of type ``t`` sits in slot ``s`` of day
``d``. Sessions of one type are interchangeable, so there is no symmetry between them to
break. Which cells get a variable is the guard's choice (see runlift.solver.guards): a
plain solve leaves out the ones that can never be true; an explanation makes them all.

At most one session sits in a slot, so the sum of the ``x`` of a slot that match a
predicate is itself 0 or 1: members write their constraints over those sums and literals
directly, and only the per-slot and per-day literals ("a hard day"…) are new variables,
made once on first use and shared by every member. A slot or day that can never hold a
match gives the model's constant false literal.

Days before day 0 answer too, so that every rule sees across the edge: a history
session is a constant true literal (in an explanation, its member's literal, so that the
conflict can name it); in a repeating template a day before day 0 is the template's own
day ``day % days``.
"""

from __future__ import annotations

from collections.abc import Sequence

from runlift.models.problem import Cell, Problem
from runlift.rules.encoding import Encoding, Lit, Terms
from runlift.rules.predicates import predicate
from runlift.solver.cpsat import INF, NAME_VARIABLES, CpModel, negate
from runlift.solver.guards import Guard


class ModelContext(Encoding):
    """The model of one problem under construction (possibly inside a model shared with
    other problems, as in a squad with a shared gym: ``prefix`` names its variables)."""

    def __init__(self, problem: Problem, guard: Guard, *, model: CpModel | None = None,
                 prefix: str = "", before: ModelContext | None = None) -> None:
        """``before``: the context of a problem whose days end the day before this one's
        day 0, in the same model (consecutive weeks solved together): days before day 0
        are that problem's own days, so the rules across the edge bind both."""
        self.problem = problem
        self.guard = guard
        self.model = CpModel() if model is None else model
        self.prefix = prefix
        self.before = before
        self.types = problem.session_types()
        self._cells = problem.cells
        # Names are formatted only when asked for: a week has hundreds of variables.
        named = NAME_VARIABLES
        self.x: dict[tuple[str, Cell], Lit] = {
            (t, c): self.model.new_bool(f"{prefix}x[{t},{c[0]},{c[1]}]" if named else "")
            for t, c in guard.variables(problem)
        }
        # The variables by slot and by type (in slot order), for quick lookups.
        self.at: dict[Cell, dict[str, Lit]] = {}
        self.of_type: dict[str, list[tuple[Cell, Lit]]] = {t: [] for t in self.types}
        for (t, c), var in self.x.items():
            self.at.setdefault(c, {})[t] = var
            self.of_type[t].append((c, var))
        self.known: dict[Cell, dict[str, Lit]] = {
            (k.day, k.slot): {k.session: guard.literal(self.model, f"history:{k.index}")}
            for k in problem.history
        }
        self._known_minutes = {(k.day, k.slot): k.minutes for k in problem.history}
        self._types_where: dict[str, list[str]] = {}
        self._cell_lits: dict[tuple[str, Cell], list[Lit]] = {}
        self._day_lits: dict[tuple[str, int], list[Lit]] = {}
        self._cell_bools: dict[tuple[str, Cell], Lit] = {}
        self._day_bools: dict[tuple[str, int], Lit] = {}

    # --- constants ----------------------------------------------------------------------
    @property
    def true(self) -> Lit:
        return self.model.true

    @property
    def false(self) -> Lit:
        return self.model.false

    def is_false(self, lit: Lit) -> bool:
        return self.model.is_false(lit)

    def negated(self, lit: Lit) -> Lit:
        return negate(lit)

    def member_literal(self, key: str) -> Lit:
        return self.guard.literal(self.model, key)

    # --- cells ---------------------------------------------------------------------------
    def cells(self) -> list[Cell]:
        return self._cells

    def cells_in_time_order(self) -> list[Cell]:
        return sorted(self._cells, key=lambda c: self.problem.start_minute(*c))

    def cells_from(self, first_day: int) -> list[Cell]:
        """Every slot from ``first_day`` (before day 0 when negative) to the horizon's
        end, in time order."""
        slots = len(self.problem.slots)
        return [(d, s) for d in range(first_day, self.problem.days) for s in range(slots)
                if d >= 0 or self._reaches_back(d)]

    def is_known(self, cell: Cell) -> bool:
        """A slot of history: what it holds is a fact (a template's earlier days are not
        history: they are its own variables; neither are those of a problem before)."""
        if (linked := self._linked(cell)) is not None:
            return linked[0].is_known(linked[1])
        return cell in self.known

    def _reaches_back(self, day: int) -> bool:
        return self.problem.timeline.repeat or day >= self.problem.timeline.known_start

    def occupants(self, pred: str, cell: Cell) -> list[tuple[Lit, int]]:
        """The sessions matching ``pred`` that may sit in the slot, each as (literal,
        minutes): a type's own minutes, or what a history session actually lasted."""
        if (linked := self._linked(cell)) is not None:
            return linked[0].occupants(pred, linked[1])
        test, catalog = predicate(pred), self.problem.catalog
        return [(lit, self._known_minutes.get(cell, catalog[t].minutes))
                for t, lit in self.vars_at(cell).items() if test(catalog[t])]

    def _linked(self, cell: Cell) -> tuple[ModelContext, Cell] | None:
        """The problem before and its own cell, for a day before day 0 that it holds."""
        if self.before is None or cell[0] >= 0 or self.problem.timeline.repeat:
            return None
        return self.before, (cell[0] + self.before.problem.days, cell[1])

    def day_cells(self, day: int) -> list[Cell]:
        return [(day, s) for s in range(len(self.problem.slots))]

    def _horizon_cell(self, cell: Cell) -> Cell | None:
        day = self.problem.timeline.horizon_day(cell[0])
        return None if day is None else (day, cell[1])

    def var(self, session: str, cell: Cell) -> Lit:
        return self.vars_at(cell).get(session, self.false)

    def vars_at(self, cell: Cell) -> dict[str, Lit]:
        """The literals of the slot, by type: its variables, the template's own slot in a
        repeating horizon, the slot of the problem just before (solved in the same
        model), or a history session before day 0."""
        if 0 <= cell[0] < self.problem.days:  # the horizon itself, by far the most asked
            return self.at.get(cell, {})
        here = self._horizon_cell(cell)
        if here is not None:
            return self.at.get(here, {})
        if (linked := self._linked(cell)) is not None:
            return linked[0].vars_at(linked[1])
        return self.known.get(cell, {})

    def vars_of(self, session: str) -> list[tuple[Cell, Lit]]:
        return self.of_type.get(session, [])

    def types_where(self, pred: str) -> list[str]:
        if pred not in self._types_where:
            test = predicate(pred)
            self._types_where[pred] = [t for t in self.types if test(self.problem.catalog[t])]
        return self._types_where[pred]

    def cell_lits(self, pred: str, cell: Cell) -> list[Lit]:
        """The literals of the slot's matching types; at most one of them is true."""
        key = (pred, cell)
        lits = self._cell_lits.get(key)
        if lits is not None:
            return lits
        if (linked := self._linked(cell)) is not None:
            return linked[0].cell_lits(pred, linked[1])
        here = self.vars_at(cell)
        if cell in self.known:  # a history session's type may be none of the horizon's
            test = predicate(pred)
            lits = [lit for t, lit in here.items() if test(self.problem.catalog[t])]
        else:
            lits = [here[t] for t in self.types_where(pred) if t in here]
        self._cell_lits[key] = lits
        return lits

    def cell_bool(self, pred: str, cell: Cell) -> Lit:
        """True when the slot holds a session matching ``pred``. At most one session sits
        in a slot, so it equals the sum of the slot's matching variables."""
        if (linked := self._linked(cell)) is not None:
            return linked[0].cell_bool(pred, linked[1])
        lits = self.cell_lits(pred, cell)
        if len(lits) < 2:
            return lits[0] if lits else self.false
        key = (pred, cell)
        if key not in self._cell_bools:
            lit = self.model.new_bool(f"{self.prefix}{pred}@{cell}" if NAME_VARIABLES else "")
            self.model.linear([(lit, 1), *((v, -1) for v in lits)], 0, 0)
            self._cell_bools[key] = lit
        return self._cell_bools[key]

    def day_lits(self, pred: str, day: int) -> list[Lit]:
        key = (pred, day)
        lits = self._day_lits.get(key)
        if lits is None:
            lits = [lit for c in self.day_cells(day) for lit in self.cell_lits(pred, c)]
            self._day_lits[key] = lits
        return lits

    def day_slots(self, pred: str, day: int) -> int:
        """How many of the day's slots can hold a session matching ``pred``."""
        return sum(1 for c in self.day_cells(day) if self.cell_lits(pred, c))

    def day_bool(self, pred: str, day: int) -> Lit:
        """True when the day holds any session matching ``pred``."""
        if (linked := self._linked((day, 0))) is not None:
            return linked[0].day_bool(pred, linked[1][0])
        key = (pred, day)
        if key not in self._day_bools:
            lits = self.day_lits(pred, day)
            if not lits:
                lit = self.false
            elif len(lits) == 1:
                lit = lits[0]
            else:
                lit = self.model.new_bool(
                    f"{self.prefix}{pred}@day{day}" if NAME_VARIABLES else "")
                self.model.max_equality(lit, lits)
            self._day_bools[key] = lit
        return self._day_bools[key]

    # --- constraints owned by a member --------------------------------------------------
    def _guard(self, key: str | None) -> list[Lit]:
        return [] if key is None else self.guard.enforce(self.model, key)

    def linear(self, terms: Terms, lo: int, hi: int, key: str | None) -> None:
        self.model.linear(terms, lo, hi, self._guard(key))

    def row(self, variables: list[Lit], coeffs: list[int], lo: int, hi: int) -> None:
        """An unguarded linear row over distinct variables (a cost term's own, and the
        slot variables of vars_of): no constant and no negation to simplify."""
        self.model.row(variables, coeffs, lo, hi)

    def at_most(self, lits: Sequence[Lit], k: int, key: str | None) -> None:
        self.model.at_most(lits, k, self._guard(key))

    def at_most_one(self, lits: Sequence[Lit], key: str | None) -> None:
        guard = self._guard(key)
        if guard:  # CP-SAT's at_most_one takes no enforcement literals
            self.model.at_most(lits, 1, guard)
        else:
            self.model.at_most_one(lits)

    def none_if(self, lits: Sequence[Lit], condition: Lit, key: str | None) -> None:
        if lits:
            self.model.bool_and([negate(lit) for lit in lits],
                                [*self._guard(key), condition])

    def any_if(self, condition: Lit, lits: Sequence[Lit], key: str | None) -> None:
        self.model.bool_or(lits, [*self._guard(key), condition])

    # --- helper variables ------------------------------------------------------------------
    def new_bool(self, label: str) -> Lit:
        return self.model.new_bool(f"{self.prefix}{label}")

    def new_int(self, lb: int, ub: int, label: str) -> Lit:
        return self.model.new_int(lb, ub, f"{self.prefix}{label}")

    def clause(self, lits: Sequence[Lit]) -> None:
        self.model.bool_or(lits)

    def excess(self, lits: Sequence[Lit], limit: int, label: str) -> Lit | None:
        """A variable equal (at the optimum) to max(0, sum(lits) - limit)."""
        if len(lits) <= limit:
            return None
        var = self.new_int(0, len(lits) - limit, label)
        self.model.linear([(var, 1), *((lit, -1) for lit in lits)], -limit, INF)
        return var

    def both(self, a: Lit, b: Lit, label: str) -> Lit:
        """A literal forced true when both ``a`` and ``b`` are (minimised, it is a AND b)."""
        var = self.new_bool(label)
        self.model.bool_or([negate(a), negate(b), var])
        return var
