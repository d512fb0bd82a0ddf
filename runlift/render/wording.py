"""Sentences every renderer shares: what a result without a plan says (what is true of
the conflict, and of the relaxations), and what a planned week's objective says in a
coach's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from runlift.models.result import CheckResult, Result, RuleViolation


class HasConflicts(Protocol):
    """A week's result or a block's: the clash, and whether each member is proven needed."""

    @property
    def conflicts(self) -> Sequence[object]: ...

    @property
    def conflicts_minimal(self) -> bool: ...

NO_PLAN_IN_TIME = ("No plan was found within the time limit, and it is not proven that "
                   "none exists; try a longer --time-limit.")


def conflict_header(result: HasConflicts) -> str:
    if not result.conflicts:
        return "No plan keeps every hard rule, and runlift could not name the clash:"
    if result.conflicts_minimal:
        return ("No plan keeps every hard rule. These rules and demands cannot all hold "
                "together, and each one is needed for the clash (there may be others):")
    return ("No plan keeps every hard rule. These rules and demands cannot all hold "
            "together (within the time limit runlift could not prove that each one is "
            "needed):")


RELAXATIONS_HEADER = "Changes that make it work, mildest first (each proven by solving):"
NOTES_HEADER = "Not proven within the time limit:"


# --- a week's status, and its objective in a coach's words ---------------------------------
# What a week's status means, in one line wherever the status is shown.
WEEK_STATUS = {
    "optimal": "proven best for the objective",
    "feasible": "keeps every hard rule; the best was not proven within the time limit",
    "infeasible": "proven: no week keeps every hard rule",
    "unknown": "no week was found within the time limit, and none is proven impossible",
}


KEPT = "kept"


def objective_lines(result: Result | CheckResult) -> list[tuple[str, str]]:
    """(term or soft rule, what it says of the week) for every part of the objective, in
    its order: 'balance' -> 'heaviest day tue, 760', a soft rule -> what it bends. The
    numbers the solver minimised stay in the JSON."""
    from runlift.rules import TERMS

    if result.objective is None:
        return []
    return [(name, TERMS[name].words(result) if name in TERMS
             else soft_rule_words(name, result.soft_violations))
            for name in result.objective.terms]


def soft_rule_words(rule: str, violations: Sequence[RuleViolation]) -> str:
    """What a soft rule says of the week: 'kept', or each way the week bends it."""
    bent = [v.message for v in violations if v.rule == rule]
    return "; ".join(bent) if bent else KEPT


def missed_rows(result: Result | CheckResult) -> list[list[str]]:
    """One row per missed preference: session, wanted, got, because."""
    return [[m.session, m.wanted, m.got, m.because] for m in result.missed_preferences]


MISSED_HEADERS = ["session", "wanted", "got", "because"]
OBJECTIVE_HEADERS = ("term or soft rule", "this week")
