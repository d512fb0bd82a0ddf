"""Two small kits for testing one member of the registry at a time, without a full solve.

**The bare model** (in the style of the test-driven examples of the CP-SAT primer): the
CP-SAT model of a tiny problem that holds the structural members and ONE rule or term,
and nothing else (every other rule off, no objective but the member's own cost). Chosen
cells are forced to hold a session, and CP-SAT says in milliseconds whether that can be::

    assert bare("max_hard_days", 2, days=4).force(
        "mon am tempo", "tue am tempo", "wed am tempo").infeasible

A soft rule (``soft=True``, weight 1) or a term is minimised: ``.cost`` is what the forced
placement costs in the rule's unit (its cheapest completion when only some cells are
forced). ``only=True`` also forces every other cell empty.

**The verifier** (in the style of Timefold's ConstraintVerifier): the plain-Python check
of one member on a placed plan, one line per test::

    verify("lift_to_key_hours", 36).given(
        "mon pm lower_strength", "tue am intervals").reports(amount=24)

Both take the fields of a scenario document (``days``, ``slots``, ``fixed``,
``unavailable``, ``race_date``, ``catalog``…). ``sessions`` defaults to what the given
cells hold, less the pins, so that the counts never get in the way of the member under
test. Cells read ``"DAY SLOT SESSION"``, the day a weekday name or an index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scenario_kit import make, placements

from runlift.models.plan import PlacedPlan, Placement
from runlift.models.problem import Cell, Problem
from runlift.models.status import Status
from runlift.rules import RULES, STRUCTURAL, TERMS, CostTerm, Violation
from runlift.scenario.resolve import resolve
from runlift.solver.context import ModelContext
from runlift.solver.cpsat import Parameters, solve
from runlift.solver.guards import Guard, PlainGuard

# A tiny model is decided in milliseconds; the limit only stops a kit mistake from hanging.
PARAMETERS = Parameters(time_limit=5.0, seed=1)


class EveryCellGuard(PlainGuard):
    """Enforces plainly, but makes a variable for every (type, cell): then the members'
    own constraints, not the guard's pruning, must keep sessions out of closed slots, off
    other types' pins and out of a taper."""

    def variables(self, problem: Problem) -> list[tuple[str, Cell]]:
        return [(t, c) for t in problem.session_types() for c in problem.cells]


# --- the tiny problem ---------------------------------------------------------------------

def member_kind(name: str | None) -> str:
    """'rule', 'structural' or 'term' (None: the structure alone)."""
    if name is None or name in STRUCTURAL:
        return "structural"
    if name in RULES:
        return "rule"
    if name in TERMS:
        return "term"
    raise KeyError(f"no member named {name!r}")


def rule_fields(name: str | None, value: Any, soft: bool) -> dict[str, Any]:
    """The ``rules``/``soft`` fields that switch on ``name`` alone (weight 1 when soft)."""
    if member_kind(name) != "rule":
        return {}
    return {"rules": {name: value}, "soft": {name: 1} if soft else {}}


def tiny_problem(fields: dict[str, Any], cells: Sequence[str]) -> tuple[Problem, list[Placement]]:
    """The problem of a scenario document and the placements its cells name. Without
    ``sessions`` the horizon asks for exactly the cells that are not pins."""
    sc = make(**fields)
    placed = placements(sc, *cells)
    if "sessions" not in fields:
        pins = {Placement(f.day, f.slot, f.session) for f in resolve(sc).fixed}
        demand = Counter(p.session for p in placed if p not in pins)
        sc = make(**fields, sessions=dict(demand))
    return resolve(sc), placed


# --- the bare model -------------------------------------------------------------------------

def compose(problem: Problem, guard: Guard, member: str | None, value: Any, soft: bool
            ) -> tuple[ModelContext, list[CostTerm]]:
    """The model of ``problem``: its structural members and the one member under test.
    Returns the member's cost terms (a soft rule's violations, a term's cost)."""
    ctx = ModelContext(problem, guard)
    for structural in STRUCTURAL.values():
        structural.encode(ctx)
    kind = member_kind(member)
    if kind == "rule" and RULES[member].is_active(value):
        return ctx, RULES[member].encode(ctx, value, soft)
    if kind == "term":
        return ctx, TERMS[member].encode(ctx)
    return ctx, []


def force(ctx: ModelContext, placed: Sequence[Placement], only: bool) -> None:
    """Each placement's variable to 1 (a cell with no variable makes the model
    infeasible); with ``only``, every other cell variable to 0."""
    wanted = {(p.session, (p.day, p.slot)) for p in placed}
    for session, cell in wanted:
        ctx.model.fix([(ctx.var(session, cell), 1)])
    if only:
        ctx.model.fix((lit, 0) for key, lit in ctx.x.items() if key not in wanted)


@dataclass(frozen=True)
class Outcome:
    """What CP-SAT said of a bare model with forced cells."""

    setup: str
    status: Status
    objective: int

    @property
    def feasible(self) -> bool:
        return self.status.has_plan

    @property
    def infeasible(self) -> bool:
        assert self.status.proven, f"{self.setup}: undecided ({self.status})"
        return self.status == Status.infeasible

    @property
    def cost(self) -> int:
        """The least cost of the member under test, given the forced cells."""
        assert self.status == Status.optimal, f"{self.setup}: {self.status}, no cost"
        return self.objective

    def __repr__(self) -> str:
        cost = f", cost {self.objective}" if self.status == Status.optimal else ""
        return f"<{self.setup}: {self.status.value}{cost}>"


class BareModel:
    """A tiny problem's model: the structure and at most one rule or term."""

    def __init__(self, member: str | None, value: Any = None, *, soft: bool = False,
                 every_cell: bool = False, **fields: Any) -> None:
        self.member, self.value, self.soft = member, value, soft
        self.guard = EveryCellGuard if every_cell else PlainGuard
        self.fields = {**fields, **rule_fields(member, value, soft)}

    def describe(self, cells: Sequence[str]) -> str:
        what = self.member or "structure"
        if member_kind(self.member) == "rule":
            what += f"={self.value!r}" + (" soft" if self.soft else "")
        return f"{what} forcing {', '.join(cells) or 'nothing'}"

    def force(self, *cells: str, only: bool = False) -> Outcome:
        problem, placed = tiny_problem(self.fields, cells)
        return self.force_placements(problem, placed, only=only, setup=self.describe(cells))

    def force_placements(self, problem: Problem, placed: Sequence[Placement], *,
                         only: bool = True, setup: str = "") -> Outcome:
        """Like ``force``, for placements already resolved against ``problem``; by
        default they are the whole plan (``only``)."""
        ctx, terms = compose(problem, self.guard(), self.member, self.value, self.soft)
        force(ctx, placed, only)
        objective = [(lit, t.coef) for t in terms for lit in t.lits]
        if objective:
            ctx.model.minimize(objective)
        response = solve(ctx.model, PARAMETERS)
        total = response.total(objective) if response.status.has_plan else 0
        return Outcome(setup or self.describe([]), response.status, total)


def bare(member: str | None = None, value: Any = None, *, soft: bool = False,
         every_cell: bool = False, **fields: Any) -> BareModel:
    """The bare model of a rule (with its value), a term, or the structure (None or the
    name of a structural member: the structure is always there)."""
    return BareModel(member, value, soft=soft, every_cell=every_cell, **fields)


# --- the verifier ---------------------------------------------------------------------------

def listed(violations: Sequence[Violation]) -> str:
    return "; ".join(f"[{v.amount}] {v.message}" for v in violations) or "nothing"


@dataclass
class Verdict:
    """What a member's plain check found in a placed plan."""

    member: str
    setup: str
    violations: list[Violation]

    def reports_nothing(self) -> Verdict:
        assert not self.violations, f"{self.setup} reports {listed(self.violations)}"
        return self

    def reports(self, *, count: int | None = None, amount: int | None = None,
                amounts: Sequence[int] | None = None, message: str | None = None,
                days: tuple[int, ...] | None = None, sessions: tuple[str, ...] | None = None,
                hours_short: float | None = None) -> Verdict:
        """Some violation, each named for the member. Over all: ``count`` violations,
        amounts summing to ``amount``, or exactly ``amounts`` (sorted). One of them must
        match every per-violation field given: a ``message`` fragment, ``days``,
        ``sessions``, ``hours_short``."""
        found = self.violations
        said = f"{self.setup} reports {listed(found)}"
        assert found, said
        assert all(v.rule == self.member for v in found), said
        assert count is None or len(found) == count, said
        assert amount is None or sum(v.amount for v in found) == amount, said
        assert amounts is None or sorted(v.amount for v in found) == sorted(amounts), said
        wanted = {"days": days, "sessions": sessions, "hours_short": hours_short}
        wanted = {k: w for k, w in wanted.items() if w is not None}
        assert any((message is None or message in v.message)
                   and all(getattr(v, k) == w for k, w in wanted.items())
                   for v in found), said
        return self


@dataclass
class Priced:
    """What a term's plain cost says of a placed plan."""

    setup: str
    value: int

    def costs(self, expected: int) -> Priced:
        assert self.value == expected, f"{self.setup} costs {self.value}, not {expected}"
        return self


class Verifier:
    """The plain check of one member (a rule with its value, a structural member) or the
    plain cost of a term, on the plans a test gives."""

    def __init__(self, member: str, value: Any = None, **fields: Any) -> None:
        self.member, self.value = member, value
        self.kind = member_kind(member)
        self.fields = {**fields, **rule_fields(member, value, False)}

    def plan(self, cells: Sequence[str]) -> PlacedPlan:
        problem, placed = tiny_problem(self.fields, cells)
        return PlacedPlan(problem, placed)

    def describe(self, cells: Sequence[str]) -> str:
        value = "" if self.kind != "rule" else f"={self.value!r}"
        return f"{self.member}{value} given {', '.join(cells) or 'nothing'}"

    def given(self, *cells: str) -> Any:
        """The Verdict (a Priced, for a term) of the plan that holds ``cells``. A rule
        switched off by its value is not checked, as in the checker."""
        plan, setup = self.plan(cells), self.describe(cells)
        if self.kind == "term":
            return Priced(setup, TERMS[self.member].cost(plan))
        if self.kind == "rule":
            rule = RULES[self.member]
            found = rule.check(plan, self.value) if rule.is_active(self.value) else []
            return Verdict(self.member, setup, found)
        return Verdict(self.member, setup, STRUCTURAL[self.member].check(plan))


def verify(member: str, value: Any = None, **fields: Any) -> Verifier:
    """The verifier of a member: ``verify(rule, value)``, ``verify("sessions")``,
    ``verify("spread")``."""
    return Verifier(member, value, **fields)
