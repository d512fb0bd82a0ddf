from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from runlift.rules.base import Candidate, Structural, Violation

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import KnownSession, Problem
    from runlift.rules.encoding import Encoding


def _entry(problem: Problem, key: str) -> KnownSession:
    index = int(key.partition(":")[2])
    return next(k for k in problem.history if k.index == index)


class History(Structural):
    """The sessions of `history:`: what was done before day 0. They are facts: an
    explanation can name one ("history: lower_strength on sun pm"), but no relaxation
    may change the past."""

    name = "history"
    sentence = "What was done before day 0 stays as it was; the rules see across the edge."
    rank = 5
    relax_rank = 9

    def keys(self, problem: Problem) -> list[str]:
        return [f"history:{k.index}" for k in problem.history]

    def phrase(self, problem: Problem, key: str) -> str:
        k = _entry(problem, key)
        return f"history: {k.session} on {problem.where(k.day, k.slot)} was done"

    def candidates(self, problem: Problem, key: str) -> list[Candidate]:
        return []  # the past cannot be changed

    def drop(self, problem: Problem, keys: set[str]) -> Problem:
        kept = tuple(k for k in problem.history if f"history:{k.index}" not in keys)
        return dataclasses.replace(problem, history=kept)

    def encode(self, ctx: Encoding) -> None:
        """Nothing to add: the model's context answers for history's slots itself (a
        constant, or in an explanation this member's literal)."""

    def check(self, plan: PlacedPlan) -> list[Violation]:
        return []  # history is checked when the scenario is read


MEMBER = History()
