"""Build the CP-SAT model of a problem: the variables, then every member of the registry."""

from __future__ import annotations

from dataclasses import dataclass

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
    """The model of ``problem``, its members enforced by ``guard`` (plainly by default).
    Given a shared ``model`` (several problems solved jointly), the problem's cost terms
    are returned but the caller sets the objective; ``before`` is the context of the
    problem whose days end just before this one's (consecutive weeks)."""
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
