"""What a result without a plan says, in one place for every renderer: what is true of
the conflict, and of the relaxations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


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
