"""Build the CP-SAT model of a problem: variables, structure, rules, objective."""

from __future__ import annotations

from runlift.models.problem import Problem
from runlift.solver.context import CostTerm, ModelContext
from runlift.solver.objective import objective_terms
from runlift.solver.rules import RULES
from runlift.solver.structure import add_structure


class BuiltModel:
    def __init__(self, ctx: ModelContext, terms: list[CostTerm]) -> None:
        self.ctx = ctx
        self.terms = terms

    @property
    def model(self):
        return self.ctx.model


def build_model(problem: Problem, *, explain: bool = False, objective: bool = True) -> BuiltModel:
    """The model of ``problem``. ``explain`` guards every member with an assumption literal
    and keeps soft rules out (they cannot make a week infeasible)."""
    ctx = ModelContext(problem, explain=explain)
    add_structure(ctx)
    terms: list[CostTerm] = []
    for name, setting in problem.rules.items():
        if explain and setting.soft:
            continue
        rule_terms = RULES[name].encode(ctx, setting.value, setting.soft)
        terms += [CostTerm(t.name, t.coef * setting.weight, t.var) for t in rule_terms
                  if setting.weight]
    if objective and not explain:
        terms += objective_terms(ctx)
        if terms:
            ctx.model.minimize(sum(t.coef * t.var for t in terms))
    return BuiltModel(ctx, terms)
