"""Build the CP-SAT model of a problem: variables, structure, rules, objective."""

from __future__ import annotations

from ortools.sat.python import cp_model

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


def build_model(problem: Problem, *, explain: bool = False, objective: bool = True,
                model: cp_model.CpModel | None = None, prefix: str = "") -> BuiltModel:
    """The model of ``problem``. ``explain`` guards every member with an assumption literal
    and keeps soft rules out (they cannot make a week infeasible). Given a shared ``model``
    (several weeks solved jointly), the week's cost terms are returned but the caller sets
    the objective."""
    ctx = ModelContext(problem, explain=explain, model=model, prefix=prefix,
                       never=() if explain else _never(problem))
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
        if terms and model is None:
            ctx.model.minimize(sum(t.coef * t.var for t in terms))
    return BuiltModel(ctx, terms)


def _never(problem: Problem) -> set[tuple[str, int]]:
    """(type, day) pairs some hard rule rules out on its own: no variables for them."""
    return {pair for name, setting in problem.rules.items() if not setting.soft
            for pair in RULES[name].never(problem, setting.value)}
