"""What every named rule provides: its meaning, CP-SAT encoding and plain-Python check.

A rule module defines one subclass of :class:`Rule`. The encoding goes through
:class:`~runlift.solver.context.ModelContext` and never touches the plain-Python check,
which works on :class:`~runlift.checker.week.Week` only. The two are kept side by side
so a reader can compare them, and the property tests hold them to each other.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from collections.abc import Iterable

    from runlift.checker.week import Week
    from runlift.models.problem import Problem
    from runlift.solver.context import CostTerm, ModelContext


@dataclass(frozen=True)
class Violation:
    """One breach of a rule in a placed week. ``amount`` is in the rule's soft unit."""

    rule: str
    message: str
    amount: int = 1
    days: tuple[int, ...] = ()
    sessions: tuple[str, ...] = ()
    hours_short: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Rule(ABC):
    """A named, configurable rule."""

    name: ClassVar[str]
    summary: ClassVar[str]  # its meaning in one sentence, for docs and `runlift rules`
    default: ClassVar[Any]
    value_type: ClassVar[Any]  # the pydantic annotation of the value in `rules:`
    unit: ClassVar[str]  # what one unit of soft cost is, e.g. "hour short"
    # For numbers: the direction a relaxation moves and its step.
    relax_step: ClassVar[int] = 0

    def is_active(self, value: Any) -> bool:
        """False, 0 (for limits that forbid nothing at 0) or 'any' switch a rule off."""
        return value is not False and value is not None

    def describe(self, value: Any) -> str:
        """The rule with its value, as a coach would read it."""
        return f"{value}"

    @abstractmethod
    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        """Add the rule to the model. Hard: constraints under ``ctx.enforce(self.name)``.
        Soft: violation variables, returned as cost terms in units of ``unit``."""

    @abstractmethod
    def check(self, week: Week, value: Any) -> list[Violation]:
        """Every breach of the rule in a placed week, in plain Python."""

    def relaxations(self, value: Any) -> list[Any]:
        """Candidate values that ask less, nearest first (tried in order when explaining)."""
        return [False]

    def never(self, problem: Problem, value: Any) -> Iterable[tuple[str, int]]:
        """(session type, day) pairs that this rule, hard, rules out whatever else the week
        holds. A plain solve makes no variables for them."""
        return ()


class PerDayLimit(Rule):
    """At most N sessions matching ``predicate`` on any one day; soft cost per extra one."""

    predicate: ClassVar[str]
    what: ClassVar[str]  # "key runs", "sessions"
    relax_limit: ClassVar[int] = 4

    def describe(self, value: Any) -> str:
        what = self.what if value != 1 else self.what.removesuffix("s")
        return f"at most {value} {what} on one day"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from ortools.sat.python.cp_model import LinearExpr

        from runlift.solver.context import CostTerm

        terms = []
        for d in range(ctx.problem.days):
            if ctx.day_slots(self.predicate, d) <= value:
                continue  # the day has too few slots to break the limit
            count = LinearExpr.sum(ctx.day_lits(self.predicate, d))
            if soft:
                extra = ctx.excess(count, value, ctx.day_slots(self.predicate, d),
                                   f"{self.name}{d}")
                terms.append(CostTerm(self.name, 1, extra))
            else:
                ctx.add(count <= value, f"rule:{self.name}")
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        from runlift.solver.context import predicate

        test = predicate(self.predicate)
        out = []
        for d in week.days:
            matching = [p for p in week.on_day(d) if test(p.type)]
            if len(matching) > value:
                out.append(Violation(
                    self.name,
                    f"{len(matching)} {self.what} on {week.label(d)} "
                    f"({', '.join(p.session for p in matching)}), {self.name} allows {value}",
                    amount=len(matching) - value,
                    days=(d,),
                    sessions=tuple(p.session for p in matching),
                ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return [*range(value + 1, self.relax_limit + 1), False]
