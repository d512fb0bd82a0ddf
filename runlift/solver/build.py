"""Build the CP-SAT model of a problem: the variables, then every member of the registry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.rules import RULES, STRUCTURAL, TERMS, CostTerm
from runlift.solver.context import ModelContext
from runlift.solver.cpsat import CpModel, Response, Terms
from runlift.solver.guards import Guard, PlainGuard


@dataclass
class BuiltModel:
    ctx: ModelContext
    terms: list[CostTerm]  # the objective: terms and soft rules, weighted

    @property
    def model(self) -> CpModel:
        return self.ctx.model

    @property
    def objective(self) -> Terms:
        """The total: every term and soft rule, weighted (the first terms at 1 a unit)."""
        return [(lit, term.coef) for term in self.terms for lit in term.lits]

    @property
    def first_objective(self) -> Terms:
        """The terms minimised before the total (``weights: {preferences: first}``);
        empty when the objective is a plain weighted sum."""
        first = set(self.ctx.problem.first_terms)
        return [(lit, term.coef) for term in self.terms if term.name in first
                for lit in term.lits]

    @cached_property
    def _rest_range(self) -> tuple[int, int]:
        """The least and the most that every term but the first ones can cost together,
        from the bounds of their variables."""
        first = set(self.ctx.problem.first_terms)
        least = most = 0
        for term in self.terms:
            if term.name not in first:
                for lit in term.lits:
                    low, high = self.model.value_range(lit)
                    least += min(term.coef * low, term.coef * high)
                    most += max(term.coef * low, term.coef * high)
        return least, most

    @property
    def rank_weight(self) -> int:
        """1 + the most that every term but the first ones can vary together: one unit
        of the first terms outweighs anything the others could ever save, so minimising
        ``ranked_objective`` is lexicographic."""
        least, most = self._rest_range
        return most - least + 1

    @property
    def ranked_objective(self) -> Terms:
        """The lexicographic objective in one sum: the total, and each unit of the first
        terms ``rank_weight - 1`` times more, so that its optimum misses as few
        preferences as the hard rules allow and then costs the least total among those
        plans. The total itself when no term comes first."""
        extra = self.rank_weight - 1
        return [*self.objective, *((lit, coef * extra) for lit, coef in self.first_objective)]

    def total_bound(self, ranked_bound: int, first: int) -> int:
        """A proven bound on ``ranked_objective``, as a bound on the total of the plans that
        miss no more than ``first`` (the plan found's first terms). When the bound has not
        yet proven that many misses needed, only a weaker bound follows."""
        if not self.first_objective:
            return ranked_bound
        # ranked = weight * first + rest, with rest in [rest_low, rest_low + weight - 1]
        weight, rest_low = self.rank_weight, self._rest_range[0]
        least = (ranked_bound - rest_low) // weight  # the first terms' proven least
        at_least = least + ranked_bound - weight * least  # a total with that many misses
        return at_least if least == first else min(at_least, least + 1 + rest_low)

    def placements(self, response: Response) -> list[Placement]:
        """The plan the search found, in day, slot and type order."""
        return sorted(Placement(c[0], c[1], t) for (t, c), lit in self.ctx.x.items()
                      if response.value(lit))

    def hint(self, placements: list[Placement]) -> None:
        """Start the search from ``placements`` (a warm start): every cell variable."""
        wanted = {(p.session, (p.day, p.slot)) for p in placements}
        self.model.hint((lit, int(key in wanted)) for key, lit in self.ctx.x.items())


def build_model(problem: Problem, guard: Guard | None = None, *, objective: bool = True,
                model: CpModel | None = None, prefix: str = "",
                before: ModelContext | None = None) -> BuiltModel:
    """The model of ``problem``, its members enforced by ``guard`` (plainly by default),
    minimising its total. Given a shared ``model`` (several problems solved jointly),
    the problem's cost terms are returned but the caller sets the objective;
    ``before`` is the context of the problem whose days end just before this one's
    (consecutive weeks)."""
    ctx = ModelContext(problem, guard or PlainGuard(), model=model, prefix=prefix,
                       before=before)
    for member in STRUCTURAL.values():
        member.encode(ctx)
    priced = objective and ctx.guard.prices
    terms: list[CostTerm] = []
    for name, setting in problem.rules.items():
        if setting.soft and not priced:
            continue
        found = RULES[name].encode(ctx, setting.value, setting.soft)
        terms += [t.scaled(setting.weight) for t in found if setting.weight]
    if priced:
        for name, term in TERMS.items():
            if weight := problem.weight(name):
                terms += [t.scaled(weight) for t in term.encode(ctx)]
    built = BuiltModel(ctx, terms)
    if terms and model is None:
        ctx.model.minimize(built.objective)
    return built
