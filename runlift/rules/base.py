"""The members of a plan's contract, each in one room.

A member is a named part of what a plan must be or should be:

- a :class:`Rule` is configurable (hard, soft with a weight, or off): its value type and
  default, its CP-SAT encoding, its plain-Python check, the looser values that relax it,
  the reasons it gives for a session's place, and the values tests try;
- a :class:`Structural` member always holds (the session counts, the pins, the closed
  slots, one session per slot);
- a :class:`Term` is a part of the objective (balance, preferences, spread).

The encoding goes through :class:`~runlift.rules.encoding.Encoding` and never touches the
check, which reads a :class:`~runlift.models.plan.PlacedPlan` only. The two sit side by
side so a reader can compare them, and the property tests hold them to each other.

Rules and structural members can clash. For an explanation each names its *keys* (one
per demand, pin or rule: ``sessions:tempo``, ``fixed:0``, ``rule:taper_days``), says in a
sentence what a key asks, offers candidate changes from mildest to boldest, and can drop
a key from a problem.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from runlift.models.problem import Problem, RuleSetting
from runlift.models.result import Relaxation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from runlift.models.catalog import SessionType
    from runlift.models.errors import Loc
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.result import CheckResult, Result
    from runlift.rules.encoding import Encoding, Lit


@dataclass(frozen=True)
class Violation:
    """One breach of a member in a placed plan. ``amount`` is in the member's soft unit."""

    rule: str
    message: str
    amount: int = 1
    days: tuple[int, ...] = ()
    sessions: tuple[str, ...] = ()
    hours_short: float | None = None


@dataclass(frozen=True)
class CostTerm:
    """``coef * sum(lits)`` in the objective, under ``name`` (a term or a soft rule)."""

    name: str
    coef: int
    lits: tuple[Lit, ...]

    def scaled(self, weight: int) -> CostTerm:
        return dataclasses.replace(self, coef=self.coef * weight)


def cost(name: str, coef: int, *lits: Lit) -> CostTerm:
    return CostTerm(name, coef, lits)


# How much a kind of change asks of a coach, mildest first: loosen a rule's number a
# little, turn a rule off, unpin a session, open a closed slot, ask for fewer sessions.
LOOSEN, TURN_OFF, UNPIN, OPEN_SLOT, FEWER_SESSIONS = range(5)


@dataclass(frozen=True)
class Candidate:
    """A change to try when explaining: the changed problem, how to say and apply it,
    and how much it asks (``severity``, compared as a tuple: kind of change first)."""

    problem: Problem
    relaxation: Relaxation
    severity: tuple[int, ...] = (LOOSEN,)


def member_kind(key: str) -> str:
    """'rule', 'sessions', 'fixed' or 'unavailable' for a member key."""
    return key.partition(":")[0]


@dataclass(frozen=True)
class DayLimits:
    """What a hard rule says about days on its own, for bounds proved before the search:
    the most busy days (holding a session that breaks rest), hard days, sessions a day,
    and whether hard days must be apart. None: the rule does not limit it."""

    busy_days: int | None = None
    hard_days: int | None = None
    per_day: int | None = None
    hard_apart: bool = False

    def combine(self, other: DayLimits) -> DayLimits:
        def least(a: int | None, b: int | None) -> int | None:
            return b if a is None else a if b is None else min(a, b)

        return DayLimits(least(self.busy_days, other.busy_days),
                         least(self.hard_days, other.hard_days),
                         least(self.per_day, other.per_day),
                         self.hard_apart or other.hard_apart)


class Member(ABC):
    """A named member of the registry."""

    name: ClassVar[str]
    sentence: ClassVar[str]  # its meaning in one sentence, for docs and `runlift rules`
    rank: ClassVar[int] = 100  # listing order (then by name)
    reason_rank: ClassVar[int] = 100  # order of its reasons among a session's reasons

    def reasons(self, plan: PlacedPlan, p: Placed, problem: Problem) -> list[str]:
        """Why ``p`` sits where it does, as far as this member is concerned."""
        return []


class Clashing(Member):
    """A member that can make a plan impossible: it can take part in a conflict."""

    # When several conflicts need changes together, members of a lower rank are relaxed
    # first: a rule before a demand, a demand before a closed slot or a pin.
    relax_rank: ClassVar[int] = 0

    @abstractmethod
    def keys(self, problem: Problem) -> list[str]:
        """The member keys this member enforces in ``problem`` (none when inactive)."""

    @abstractmethod
    def phrase(self, problem: Problem, key: str) -> str:
        """What the key asks, in one short sentence a coach understands."""

    @abstractmethod
    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        """Changes that ask less of the key, mildest first."""

    @abstractmethod
    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        """``problem`` without the given keys of this member (dropped keys ask nothing)."""


class Rule(Clashing):
    """A named, configurable rule: hard by default, soft with a weight, or off."""

    default: ClassVar[Any]
    value_type: ClassVar[Any]  # the pydantic annotation of the value in `rules:`
    unit: ClassVar[str]  # what one unit of soft cost is, e.g. "hour short"
    off: ClassVar[Any] = False  # the value that turns the rule off
    samples: ClassVar[tuple[Any, ...]]  # values the property tests try
    # Does ``why`` give reasons for a session's place? A rule that ties a session to its
    # neighbours (a pair, a gap in hours, an order, a race) does; a counting rule
    # (max_hard_days, min_rest_days, the per-day limits) does not. tests/rules reads it.
    gives_reasons: ClassVar[bool] = False

    @property
    def key(self) -> str:
        return f"rule:{self.name}"

    def is_active(self, value: Any) -> bool:
        """False, None or the rule's off value ('any') switch it off; 0 is a value."""
        if value is None or value is False:
            return False
        return self.off is False or value != self.off

    def describe(self, value: Any) -> str:
        """The rule with its value, as a coach would read it."""
        return f"{value}"

    def shown(self, value: Any) -> str:
        """The value as it is written in a scenario file, for a relaxation's sentence."""
        return f"{value}"

    @abstractmethod
    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        """Add the rule to the model. Hard: constraints under ``self.key``. Soft: the
        violation, returned as cost terms in units of ``unit``."""

    @abstractmethod
    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        """Every breach of the rule in a placed plan, in plain Python."""

    def relaxations(self, value: Any) -> list[Any]:
        """Values that ask less, nearest first (tried in order when explaining)."""
        return [self.off]

    def named_sessions(self, value: Any) -> Iterable[tuple[Loc, str]]:
        """The session types an active value names, each with its path inside the value,
        for the scenario to check against its catalog."""
        return ()

    def value_error(self, value: Any, catalog: Mapping[str, SessionType]
                    ) -> tuple[Loc, str] | None:
        """(path inside the value, what is wrong) when an active value that names only
        known session types still makes no sense for them; None when it is fine."""
        return None

    def never(self, problem: Problem, value: Any) -> Iterable[tuple[str, int]]:
        """(session type, day) pairs that this rule, hard, rules out whatever else the plan
        holds. A plain solve makes no variables for them."""
        return ()

    def day_limits(self, problem: Problem, value: Any) -> DayLimits:
        """What the rule, hard, says about days on its own (see DayLimits)."""
        return DayLimits()

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        """The rule's reasons for ``p``'s place (read from the active rule's value)."""
        return []

    # --- as a member ---------------------------------------------------------------------
    def reasons(self, plan: PlacedPlan, p: Placed, problem: Problem) -> list[str]:
        setting = problem.rules.get(self.name)
        return self.why(plan, p, setting.value) if setting is not None else []

    def keys(self, problem: Problem) -> list[str]:
        setting = problem.rules.get(self.name)
        return [self.key] if setting is not None and not setting.soft else []

    def phrase(self, problem: Problem, key: str) -> str:
        return self.describe(problem.rules[self.name].value)

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        setting = problem.rules[self.name]
        return [self._candidate(problem, setting, value, step)
                for step, value in enumerate(self.relaxations(setting.value), start=1)]

    def _candidate(self, problem: Problem, setting: RuleSetting, value: Any, step: int
                   ) -> Candidate:
        rules = dict(problem.rules)
        if self.is_active(value):
            rules[self.name] = RuleSetting(value=value, weight=setting.weight)
            message = f"set {self.name} to {self.shown(value)}"
            severity = (LOOSEN, step)
        else:
            del rules[self.name]
            message = (f"turn off {self.name} (rules: {{{self.name}: {_yaml(value)}}}), "
                       "or make it soft")
            severity = (TURN_OFF, 0)
        relaxation = Relaxation(rule=self.name, change=f"rules.{self.name}", value=value,
                                message=message)
        return Candidate(dataclasses.replace(problem, rules=rules), relaxation, severity)

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        if self.key not in keys:
            return problem
        rules = {n: s for n, s in problem.rules.items() if n != self.name}
        return dataclasses.replace(problem, rules=rules)


def _yaml(value: Any) -> str:
    return "false" if value is False else str(value)


class Structural(Clashing):
    """A member that always holds: no plan may break it, and it cannot be made soft."""

    @abstractmethod
    def encode(self, ctx: Encoding) -> None:
        """Add the member's constraints, each key's under that key."""

    @abstractmethod
    def check(self, plan: PlacedPlan) -> list[Violation]:
        """Every breach in a placed plan, in plain Python."""


# The weight that ranks a term before every other one: a lexicographic objective.
FIRST = "first"


class Term(Member):
    """A part of the objective: what it measures, weighted by ``weights:``. A term that
    ``may_come_first`` also takes the weight ``first``: it is then minimised before all
    the others (and counts 1 a unit in the total)."""

    default_weight: ClassVar[int | str] = 1
    may_come_first: ClassVar[bool] = False
    weight_sentence: ClassVar[str]  # what one unit of weight buys, for `weights:`

    @abstractmethod
    def encode(self, ctx: Encoding) -> list[CostTerm]:
        """The term's cost in the model, unweighted."""

    @abstractmethod
    def cost(self, plan: PlacedPlan) -> int:
        """The term's cost of a placed plan, unweighted, in plain Python."""

    @abstractmethod
    def words(self, result: Result | CheckResult) -> str:
        """What the term says of a result's week, in a coach's words ('heaviest day tue,
        760'), from the result alone: the human outputs print it instead of the number."""
